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
/* The longest request path taken (414 beyond). */
#define HTTP_PATH_MAX 2048
/* The largest upload (an evidence file) unless --max-upload says. */
#define HTTP_UPLOAD_MAX_DEFAULT ((uint64_t)256 << 20)
/* A list answers this many items unless ?limit= says (at most the max). */
#define HTTP_PAGE_DEFAULT 100
#define HTTP_PAGE_MAX 1000
/* Extra headers one answer may carry. */
#define HTTP_HEADERS_MAX 6

struct serve_options {
	const char *target;  /* the store: a path or a postgresql:// URL */
	const char *listen;  /* "127.0.0.1:8080", "[::1]:8080" */
	unsigned threads;    /* 0: one per processor */
	bool quiet;          /* no access log */
	bool secure_cookies; /* served behind HTTPS: cookies only over it */
	uint64_t upload_max; /* bytes; 0: HTTP_UPLOAD_MAX_DEFAULT */
};

/*
 * Every answer's Content-Security-Policy: this site's scripts, styles and
 * images only, nothing inline, forms only to this site, never framed.
 */
#define HTTP_CSP                                                                   \
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' " \
	"data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "         \
	"frame-ancestors 'none'"

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
	/* ROUTE_UPLOAD: the body, in a temporary file, and its SHA-256. */
	const char *upload_path;
	uint64_t upload_len;
	char upload_sha256[65];
	struct org org;     /* resolved for routes with {org} */
	const char *remote; /* the client's address */
	/* Who asks: set for every route but public ones. */
	struct user user;
	bool by_cookie;         /* a browser session (else an API token) */
	struct session session; /* with by_cookie */
	const char *cookie;     /* the session cookie's value, with by_cookie */
	char *set_cookie;       /* a Set-Cookie header for the answer, or NULL */
	bool secure_cookies;    /* cookies only over HTTPS */
	/*
	 * The answer: a JSON document (owned), raw bytes, or an open file
	 * (owned; sent from its start, fd_len bytes) with a type.
	 */
	int status; /* 200 unless the handler says otherwise */
	json_t *json;
	struct strbuf raw;
	int fd; /* -1: none */
	uint64_t fd_len;
	const char *content_type;
	struct {
		const char *name;
		char *value;
	} header[HTTP_HEADERS_MAX];
	size_t nheader;
	/* The query parameters, when not the request's (a page's calls to
	 * other routes, http_call): an object of strings. */
	json_t *query;
	/* A browser's HTML: a page (ROUTE_PAGE) or a form posted to a route;
	 * errors are answered as an HTML page. */
	bool html;
	struct http_form *form; /* a form post, else NULL */
};

/* A query parameter, or NULL. */
const char *http_query(struct http_ctx *c, const char *name);
/*
 * Every query parameter is among `allowed` (NULL-terminated; "limit" and
 * "offset" always are): else E_USAGE naming it and the ones the route
 * takes, so that a misspelt parameter is never silently ignored.
 */
int http_query_check(struct http_ctx *c, const char *const *allowed);
/* Percent-encode s as one part of a URL (all but A-Z a-z 0-9 - . _ ~). */
void http_url_encode(struct strbuf *sb, const char *s);
/* A cookie the request sent, or NULL. */
const char *http_cookie(struct http_ctx *c, const char *name);
/* A request header, or NULL. */
const char *http_request_header(struct http_ctx *c, const char *name);
/* Add a header to the answer (the value is copied). */
void http_header(struct http_ctx *c, const char *name, const char *value);
/* The request body parsed as a JSON object: E_USAGE naming the problem. */
int http_body_object(struct http_ctx *c, json_t **out);
/*
 * The body as a JSON object whose members are all among `allowed` (a
 * NULL-terminated list): an unknown member is E_USAGE naming the ones the
 * route takes, so that a misspelt field is never silently ignored.  An
 * empty body is an empty object when empty_ok.
 */
int http_body_fields(struct http_ctx *c, const char *const *allowed, bool empty_ok,
                     json_t **out);
/* A body member taken as text (http_field) into *out. */
struct http_member {
	const char *key;
	const char **out;
};

/* The most members one route takes. */
#define HTTP_MEMBERS_MAX 16

/*
 * The body as an object of exactly these members (a list ended by a NULL
 * key), each taken as text into its slot (NULL when absent or null).
 * *body owns the text; the caller releases it, also after a failure.
 */
int http_body_take(struct http_ctx *c, const struct http_member *m, bool empty_ok,
                   json_t **body);

/*
 * A member of a body as text, as the command line would take it: *out
 * NULL when absent or null (E_USAGE when required).  An integer is taken
 * as its digits and a boolean as "yes" or "no"; anything else that is not
 * a string is E_USAGE naming the member.
 */
int http_field(json_t *body, const char *key, bool required, const char **out);
/* The same for an integer member; *present says whether it was there. */
int http_field_int(json_t *body, const char *key, bool required, long long *out,
                   bool *present);
/* A boolean member; absent leaves *out as it was.  A browser's form,
 * whose fields are text, may also say "yes"/"no" ("on" for a ticked
 * checkbox); the API takes only true and false. */
int http_field_bool(struct http_ctx *c, json_t *body, const char *key, bool *out);

/*
 * A list answer: take ?limit= (1..HTTP_PAGE_MAX, default HTTP_PAGE_DEFAULT)
 * and ?offset= items of `array` (a JSON array, changed in place), and say
 * the whole count in X-Total-Count and the next page in a Link header.
 * E_USAGE for a malformed limit or offset.
 */
int http_page(struct http_ctx *c, json_t *array);
/*
 * The same for a list of total items not built whole: checks ?limit= and
 * ?offset=, sets the headers, and gives the page's first item and count.
 */
int http_page_range(struct http_ctx *c, size_t total, size_t *first, size_t *count);

/* The routes, in src/http/routes.c. */
enum {
	ROUTE_PUBLIC = 1 << 0,   /* no session or token needed */
	ROUTE_ORG = 1 << 1,      /* the first parameter is an organisation's slug */
	ROUTE_ANY_USER = 1 << 2, /* any signed-in user; no area is checked */
	/* The body is a file, not JSON: written to a temporary file as it
	 * arrives (up to the upload limit) and hashed on the way. */
	ROUTE_UPLOAD = 1 << 3,
	/* An HTML page of the web application (src/http/web*.c): without a
	 * session it sends the browser to sign in; its errors are pages. */
	ROUTE_PAGE = 1 << 4,
};

struct http_route {
	const char *method;
	const char *pattern; /* "/api/v1/orgs/{org}/cert"; "{x}" captures a part */
	int (*handler)(struct http_ctx *c);
	unsigned flags;
	enum area area;     /* what it reads or changes ... */
	enum access access; /* ... and which: checked with app_user_can */
	/*
	 * For a change to one record: the GET handler of that record.  The
	 * server runs it before the change to check If-Match against its
	 * ETag, and after it for the answer, so that the answer and its ETag
	 * are what a GET would give.
	 */
	int (*current)(struct http_ctx *c);
};

/* The routes of one part of the API (src/http/api-*.c). */
struct http_route_table {
	const struct http_route *v;
	size_t n;
};

#define HTTP_ROUTE_TABLE(name, routes)                 \
	const struct http_route_table name = { routes, \
		                               sizeof(routes) / sizeof((routes)[0]) }

extern const struct http_route_table http_api_core, http_api_org, http_api_gap,
        http_api_risk, http_api_audit, http_api_review, http_api_admin;

/* The routes of several tables, counted and indexed as one list. */
size_t http_tables_count(const struct http_route_table *const *t, size_t ntables);
const struct http_route *http_tables_at(const struct http_route_table *const *t,
                                        size_t ntables, size_t i);

/* Every route of the API's tables, in order (the web pages' are apart). */
size_t http_route_count(void);
const struct http_route *http_route_at(size_t i);

/* The web application's pages: one table per part (src/http/web-*.c),
 * gathered in web-pages.c. */
size_t http_page_count(void);
const struct http_route *http_page_at(size_t i);

/*
 * Run the GET route of `path` (with its query, if any) for the same user,
 * in the same transaction, as a page's source of data: *out is its JSON
 * answer (owned), or NULL when the user may not read it (not an error: a
 * page leaves out what a role does not see).  Other failures are errors.
 */
int http_call(struct http_ctx *c, const char *path, json_t **out);

/*
 * The OpenAPI document served at /api/v1/openapi.json: docs/api/openapi.json
 * with the paths and schemas of each docs/api/paths file merged in, built
 * once.
 */
const char *http_openapi(size_t *len);

/*
 * Sign-in attempts: E_RATE while the address or the name has had
 * HTTP_LOGIN_FAILURES_MAX failures in the window; record the outcome
 * after.  Thread-safe; memory is bounded (the oldest entries are reused).
 */
int http_login_allowed(const char *remote, const char *name);
void http_login_result(const char *remote, const char *name, bool ok);

/*
 * Match a path as sent against a pattern, capturing "{x}" parts into
 * param, each unescaped on its own (so "a%2Fb" is the one name "a/b").
 * Exposed for the route table's tests.
 */
/* Whether every '%' in a path starts an escape other than "%00". */
bool http_path_escapes_valid(const char *path);
bool http_match(const char *pattern, const char *path, const char **param, size_t *nparam,
                char *buf, size_t bufsize);

#endif
