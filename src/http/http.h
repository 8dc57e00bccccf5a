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
	const char *target; /* the store: a path or a postgresql:// URL */
	const char *listen; /* "127.0.0.1:8080", "[::1]:8080" */
	unsigned threads;   /* 0: one per processor */
	bool quiet;         /* no access log */
};

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
	struct org org; /* resolved for routes with {org} */
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
	ROUTE_PUBLIC = 1 << 0, /* no session or token needed */
	ROUTE_ORG = 1 << 1,    /* the first parameter is an organisation's slug */
};

struct http_route {
	const char *method;
	const char *pattern; /* "/api/v1/orgs/{org}/cert"; "{x}" captures a part */
	int (*handler)(struct http_ctx *c);
	unsigned flags;
};

extern const struct http_route http_routes[];
extern const size_t http_routes_count;

/*
 * Match a path against a pattern, capturing "{x}" parts into c->param.
 * Exposed for the route table's tests.
 */
bool http_match(const char *pattern, const char *path, const char **param, size_t *nparam,
                char *buf, size_t bufsize);

#endif
