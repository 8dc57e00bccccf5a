/*
 * http.h - the HTTP front end: `isms serve`.
 *
 * A thin layer like the command line: it parses requests, checks who is
 * asking, calls the same app functions, and writes the view layer's JSON.
 * The server runs on libmicrohttpd with a pool of threads; each thread
 * keeps its own connection to the store, opened on its first request.
 */
#ifndef ISMS_HTTP_H
#define ISMS_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "core/org.h"
#include "core/strbuf.h"
#include "store/store.h"

/* The largest request body a JSON route takes. */
#define HTTP_BODY_MAX ((size_t)1 << 20)
/* A connection idle this long is closed. */
#define HTTP_TIMEOUT_SECONDS 30
/* How long a graceful stop waits for requests in flight. */
#define HTTP_DRAIN_SECONDS 20
/* Captured parts of a route's path ("{org}", "{id}"). */
#define HTTP_PARAMS_MAX 4

struct serve_options {
	const char *target;  /* the store: a path or a postgresql:// URL */
	const char *listen;  /* "127.0.0.1:8080", "[::1]:8080" */
	unsigned threads;    /* 0: one per processor */
	bool quiet;          /* no access log */
	bool secure_cookies; /* served behind HTTPS: cookies only over it */
};

/* The session cookie's name. */
#define HTTP_SESSION_COOKIE "isms_session"
/* The header a browser's state-changing request carries its CSRF token in. */
#define HTTP_CSRF_HEADER "X-CSRF-Token"
/* Failed sign-ins from one address, or for one name, within the window. */
#define HTTP_LOGIN_FAILURES_MAX 5
#define HTTP_LOGIN_WINDOW_SECONDS (15 * 60)

/*
 * Serve until SIGTERM or SIGINT, then stop accepting, let the requests in
 * flight finish (at most HTTP_DRAIN_SECONDS) and return 0.  An address that
 * cannot be bound is E_IO before anything is served.
 */
int http_serve(const struct serve_options *opts);

/* ---- what a route handler sees ---- */

struct http_request;

/* One request being answered. */
struct http_ctx {
	struct store *st;
	struct http_request *req;
	const char *method;
	const char *path;
	const char *param[HTTP_PARAMS_MAX]; /* captured path parts, in order */
	size_t nparam;
	const char *body; /* NUL-terminated; "" without a body */
	size_t body_len;
	struct org org;     /* resolved for routes with {org} */
	const char *remote; /* the client's address */
	/* Who asks: set for every route but public ones. */
	struct user user;
	bool by_cookie;         /* a browser session (else an API token) */
	struct session session; /* with by_cookie */
	const char *cookie;     /* the session cookie's value, with by_cookie */
	char *set_cookie;       /* a Set-Cookie header for the answer, or NULL */
	bool secure_cookies;    /* cookies only over HTTPS */
	/* The answer: a JSON document (owned) or raw bytes with a type. */
	int status; /* 200 unless the handler says otherwise */
	json_t *json;
	struct strbuf raw;
	const char *content_type;
};

/* A query parameter, or NULL. */
const char *http_query(struct http_ctx *c, const char *name);
/* The request body parsed as a JSON object: E_USAGE naming the problem. */
int http_body_object(struct http_ctx *c, json_t **out);

/* The routes, in src/http/routes.c. */
enum {
	ROUTE_PUBLIC = 1 << 0,   /* no session or token needed */
	ROUTE_ORG = 1 << 1,      /* the first parameter is an organisation's slug */
	ROUTE_ANY_USER = 1 << 2, /* any signed-in user; no area is checked */
};

struct http_route {
	const char *method;
	const char *pattern; /* "/api/v1/orgs/{org}/cert"; "{x}" captures a part */
	int (*handler)(struct http_ctx *c);
	unsigned flags;
	enum area area;     /* what it reads or changes ... */
	enum access access; /* ... and which: checked with app_user_can */
};

/*
 * Sign-in attempts: E_RATE while the address or the name has had
 * HTTP_LOGIN_FAILURES_MAX failures in the window; record the outcome
 * after.  Thread-safe; memory is bounded (the oldest entries are reused).
 */
int http_login_allowed(const char *remote, const char *name);
void http_login_result(const char *remote, const char *name, bool ok);

extern const struct http_route http_routes[];
extern const size_t http_routes_count;

/*
 * Match a path against a pattern, capturing "{x}" parts into c->param.
 * Exposed for the route table's tests.
 */
bool http_match(const char *pattern, const char *path, const char **param, size_t *nparam,
                char *buf, size_t bufsize);

#endif
