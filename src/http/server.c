/*
 * server.c - the HTTP server on libmicrohttpd: addresses, the thread
 * pool, each request's life (body collected up to its limit, the route
 * found, the store of the thread, the answer written), the access log and
 * the graceful stop.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "http/cache.h"
#include "http/http.h"
#include "http/web.h"
#include "view/json.h"

/* What the server holds for its whole life. */
struct server {
	const struct serve_options *opts;
	atomic_int active; /* requests received and not yet answered */
	pthread_mutex_t lock;
	struct worker **workers; /* one per worker thread, freed at the end */
	size_t nworkers, alloc_workers;
};

/* One request, from its first byte to its log line. */
struct http_request {
	struct server *srv;
	struct worker *w;
	struct MHD_Connection *conn;
	const struct http_route *route; /* NULL: answered as unknown */
	struct http_ctx c;
	char params[1024]; /* the text of c.param */
	struct strbuf body;
	bool too_large;
	bool answered; /* an answer is queued (perhaps before the body) */
	/* ROUTE_UPLOAD: the body's file, its length and its digest so far */
	int upload_fd;
	char upload_path[4096];
	uint64_t upload_len;
	struct sha256_ctx *hash;
	int write_errno;
	struct timespec started;
	int status;
	size_t bytes;
	char who[80]; /* for the log: a user name or "-" */
	char remote[INET6_ADDRSTRLEN];
	bool begun; /* the first call with its headers has been made */
	/* The path as sent, before any unescaping, so that "%2F" inside a
	 * name stays within its segment; empty when it was too long. */
	char path[HTTP_PATH_MAX];
};

/* The client's address as text ("-" when unknown). */
static void client_address(struct MHD_Connection *conn, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
	        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	snprintf(out, size, "-");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET,
		          &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out,
		          (socklen_t)size);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
		          &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out,
		          (socklen_t)size);
}

/* What a worker thread keeps: its store and its cache. */
struct worker {
	struct store *st;
	struct http_cache *cache;
};

/* This thread's, made on its first request. */
static _Thread_local struct worker *thread_worker;

static struct worker *worker_of_thread(struct server *srv)
{
	struct store *st = NULL;
	struct worker *w;

	if (thread_worker)
		return thread_worker;
	if (store_open(&st, srv->opts->target, 0))
		return NULL;
	w = xcalloc(1, sizeof(*w));
	w->st = st;
	w->cache = http_cache_new();
	pthread_mutex_lock(&srv->lock);
	ALLOC_GROW(srv->workers, srv->nworkers + 1, srv->alloc_workers);
	srv->workers[srv->nworkers++] = w;
	pthread_mutex_unlock(&srv->lock);
	thread_worker = w;
	return w;
}

/* ---- addresses ---- */

/*
 * "127.0.0.1:8080", "[::1]:8080" or "localhost:8080" into a socket
 * address (numeric ports only).
 */
static int parse_listen(const char *listen, struct sockaddr_storage *out, socklen_t *len)
{
	char host[256];
	const char *colon, *port;
	struct addrinfo hints = { 0 }, *res = NULL;
	size_t hlen;
	int rc;

	if (!listen || !*listen)
		return error_set(E_USAGE,
		                 "--listen needs HOST:PORT, like 127.0.0.1:8080");
	if (*listen == '[') {
		const char *close = strchr(listen, ']');

		if (!close || close[1] != ':')
			return error_set(E_USAGE,
			                 "--listen '%s': an IPv6 address is written "
			                 "[::1]:8080",
			                 listen);
		hlen = (size_t)(close - listen - 1);
		if (hlen >= sizeof(host))
			return error_set(E_USAGE, "--listen '%s': the host is too long",
			                 listen);
		memcpy(host, listen + 1, hlen);
		port = close + 2;
	} else {
		colon = strrchr(listen, ':');
		if (!colon)
			return error_set(E_USAGE, "--listen '%s' has no port (HOST:PORT)",
			                 listen);
		hlen = (size_t)(colon - listen);
		if (hlen >= sizeof(host))
			return error_set(E_USAGE, "--listen '%s': the host is too long",
			                 listen);
		memcpy(host, listen, hlen);
		port = colon + 1;
	}
	host[hlen] = '\0';
	if (!*port || strspn(port, "0123456789") != strlen(port) || strlen(port) > 5 ||
	    atoi(port) > 65535)
		return error_set(E_USAGE,
		                 "--listen '%s': the port must be a number up to 65535",
		                 listen);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
	rc = getaddrinfo(*host ? host : NULL, port, &hints, &res);
	if (rc || !res)
		return error_set(E_USAGE, "--listen '%s': %s", listen, gai_strerror(rc));
	memcpy(out, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

/*
 * A listening socket of our own rather than the library's, so that a
 * refusal names its real cause ("Address already in use") and a restart
 * may bind while old connections linger in TIME_WAIT.
 */
static int listen_on(const struct sockaddr_storage *addr, socklen_t len, const char *name)
{
	int one = 1;
	int fd = socket(addr->ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return error_set(E_IO, "cannot listen on %s: %s", name, strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)addr, len) || listen(fd, 512)) {
		int err = errno;

		close(fd);
		return error_set(E_IO, "cannot listen on %s: %s", name, strerror(err));
	}
	return fd;
}

/* "127.0.0.1:8080" or "[::1]:8080" as bound: port 0 becomes the real one. */
static const char *bound_name(int fd, char *out, size_t size)
{
	struct sockaddr_storage a = { 0 };
	socklen_t len = sizeof(a);
	char host[INET6_ADDRSTRLEN] = "?";

	if (getsockname(fd, (struct sockaddr *)&a, &len))
		return "?";
	if (a.ss_family == AF_INET6) {
		const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)&a;

		inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof(host));
		snprintf(out, size, "[%s]:%u", host, ntohs(v6->sin6_port));
	} else {
		const struct sockaddr_in *v4 = (const struct sockaddr_in *)&a;

		inet_ntop(AF_INET, &v4->sin_addr, host, sizeof(host));
		snprintf(out, size, "%s:%u", host, ntohs(v4->sin_port));
	}
	return out;
}

/* ---- requests ---- */

const char *http_query(struct http_ctx *c, const char *name)
{
	if (c->query)
		return json_string_value(json_object_get(c->query, name));
	return MHD_lookup_connection_value(c->req->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct query_names {
	const char *const *allowed;
	const char *unknown;
};

static enum MHD_Result check_name(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
	struct query_names *q = cls;

	(void)kind;
	(void)value;
	/* _method is a browser form's, taken before routing. */
	if (!strcmp(key, "limit") || !strcmp(key, "offset") || !strcmp(key, "_method"))
		return MHD_YES;
	for (size_t i = 0; q->allowed[i]; i++)
		if (!strcmp(q->allowed[i], key))
			return MHD_YES;
	q->unknown = key;
	return MHD_NO;
}

int http_query_check(struct http_ctx *c, const char *const *allowed)
{
	struct query_names q = { allowed, NULL };
	struct strbuf names = STRBUF_INIT;
	int rc;

	if (c->query) {
		for (void *it = json_object_iter(c->query); it && !q.unknown;
		     it = json_object_iter_next(c->query, it))
			check_name(&q, MHD_GET_ARGUMENT_KIND, json_object_iter_key(it),
			           NULL);
	} else {
		MHD_get_connection_values(c->req->conn, MHD_GET_ARGUMENT_KIND, check_name,
		                          &q);
	}
	if (!q.unknown)
		return 0;
	for (size_t i = 0; allowed[i]; i++)
		strbuf_addf(&names, "%s?%s", i ? ", " : "", allowed[i]);
	rc = error_set(E_USAGE, "unknown query parameter '%s'; %s", q.unknown,
	               names.len ? names.buf : "this request takes none");
	strbuf_release(&names);
	return rc;
}

const char *http_request_header(struct http_ctx *c, const char *name)
{
	return MHD_lookup_connection_value(c->req->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(struct http_ctx *c, const char *name)
{
	return MHD_lookup_connection_value(c->req->conn, MHD_COOKIE_KIND, name);
}

void http_header(struct http_ctx *c, const char *name, const char *value)
{
	if (c->nheader >= HTTP_HEADERS_MAX)
		BUG("more than %d headers on one answer", HTTP_HEADERS_MAX);
	c->header[c->nheader].name = name;
	c->header[c->nheader].value = xstrdup(value);
	c->nheader++;
}

int http_body_object(struct http_ctx *c, json_t **out)
{
	json_error_t jerr;

	*out = NULL;
	if (!c->body_len)
		return error_set(E_USAGE, "the request needs a JSON object as its body");
	*out = json_loadb(c->body, c->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!*out)
		return error_set(E_USAGE,
		                 "the body is not valid JSON: %s (line %d, column %d)",
		                 jerr.text, jerr.line, jerr.column);
	if (!json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return error_set(E_USAGE, "the body must be a JSON object");
	}
	return 0;
}

int http_body_fields(struct http_ctx *c, const char *const *allowed, bool empty_ok,
                     json_t **out)
{
	int rc;

	*out = NULL;
	if (!c->body_len && empty_ok) {
		*out = json_object();
		return 0;
	}
	rc = http_body_object(c, out);
	if (rc)
		return rc;
	for (void *it = json_object_iter(*out); it;
	     it = json_object_iter_next(*out, it)) {
		const char *key = json_object_iter_key(it);
		struct strbuf names = STRBUF_INIT;
		size_t i;

		for (i = 0; allowed[i] && strcmp(allowed[i], key); i++)
			;
		if (allowed[i])
			continue;
		for (i = 0; allowed[i]; i++)
			strbuf_addf(&names, "%s\"%s\"", i ? ", " : "", allowed[i]);
		rc = error_set(E_USAGE, "the body has an unknown member \"%s\"; %s", key,
		               i ? names.buf : "this request takes no members");
		strbuf_release(&names);
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return 0;
}

int http_body_take(struct http_ctx *c, const struct http_member *m, bool empty_ok,
                   json_t **body)
{
	const char *allowed[HTTP_MEMBERS_MAX + 1];
	size_t n;
	int rc;

	for (n = 0; m[n].key; n++) {
		if (n == HTTP_MEMBERS_MAX)
			BUG("a route takes more than %d members", HTTP_MEMBERS_MAX);
		allowed[n] = m[n].key;
	}
	allowed[n] = NULL;
	rc = http_body_fields(c, allowed, empty_ok, body);
	for (size_t i = 0; !rc && i < n; i++)
		rc = http_field(*body, m[i].key, false, m[i].out);
	return rc;
}

int http_field(json_t *body, const char *key, bool required, const char **out)
{
	json_t *v = json_object_get(body, key);
	char digits[32];

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return error_set(E_USAGE, "the body needs \"%s\"", key);
		return 0;
	}
	if (json_is_string(v)) {
		*out = json_string_value(v);
		return 0;
	}
	/* The body owns the text form, so that it lives as long as it. */
	if (json_is_integer(v)) {
		snprintf(digits, sizeof(digits), "%" JSON_INTEGER_FORMAT,
		         json_integer_value(v));
		json_object_set_new(body, key, json_string(digits));
	} else if (json_is_boolean(v)) {
		json_object_set_new(body, key,
		                    json_string(json_is_true(v) ? "yes" : "no"));
	} else {
		return error_set(E_USAGE, "\"%s\" must be a string", key);
	}
	*out = json_string_value(json_object_get(body, key));
	return 0;
}

int http_field_int(json_t *body, const char *key, bool required, long long *out,
                   bool *present)
{
	json_t *v = json_object_get(body, key);

	if (present)
		*present = false;
	if (!v || json_is_null(v)) {
		if (required)
			return error_set(E_USAGE, "the body needs \"%s\"", key);
		return 0;
	}
	if (!json_is_integer(v))
		return error_set(E_USAGE, "\"%s\" must be a whole number", key);
	*out = json_integer_value(v);
	if (present)
		*present = true;
	return 0;
}

int http_field_bool(struct http_ctx *c, json_t *body, const char *key, bool *out)
{
	json_t *v = json_object_get(body, key);
	/* A form's checkbox or select sends text. */
	const char *t = c->form ? json_string_value(v) : NULL;

	if (!v || json_is_null(v))
		return 0;
	if (t && (!strcmp(t, "yes") || !strcmp(t, "true") || !strcmp(t, "on"))) {
		*out = true;
		return 0;
	}
	if (t && (!strcmp(t, "no") || !strcmp(t, "false"))) {
		*out = false;
		return 0;
	}
	if (!json_is_boolean(v))
		return error_set(E_USAGE, "\"%s\" must be %s", key,
		                 c->form ? "yes or no" : "true or false");
	*out = json_is_true(v);
	return 0;
}

/* A query parameter that must be a whole number within [min, max]. */
static int query_count(struct http_ctx *c, const char *name, long long min, long long max,
                       long long *out)
{
	const char *s = http_query(c, name);
	char *end;

	if (!s)
		return 0;
	errno = 0;
	*out = strtoll(s, &end, 10);
	if (!*s || *end || errno || *out < min || *out > max ||
	    !isdigit((unsigned char)*s))
		return error_set(E_USAGE, "?%s= takes a whole number from %lld to %lld",
		                 name, min, max);
	return 0;
}

/* Percent-encode a query value. */
void http_url_encode(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (isalnum(ch) || strchr("-._~", ch))
			strbuf_addch(sb, (char)ch);
		else
			strbuf_addf(sb, "%%%02X", ch);
	}
}

struct query_copy {
	struct strbuf *sb;
};

static enum MHD_Result copy_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
	struct query_copy *q = cls;

	(void)kind;
	if (!strcmp(key, "limit") || !strcmp(key, "offset"))
		return MHD_YES;
	http_url_encode(q->sb, key);
	if (value) {
		strbuf_addch(q->sb, '=');
		http_url_encode(q->sb, value);
	}
	strbuf_addch(q->sb, '&');
	return MHD_YES;
}

int http_page_range(struct http_ctx *c, size_t total, size_t *first, size_t *count)
{
	long long limit = HTTP_PAGE_DEFAULT, offset = 0;
	char num[32];
	int rc = query_count(c, "limit", 1, HTTP_PAGE_MAX, &limit);

	if (!rc)
		rc = query_count(c, "offset", 0, LLONG_MAX / 2, &offset);
	if (rc)
		return rc;
	*first = (size_t)offset < total ? (size_t)offset : total;
	*count = total - *first < (size_t)limit ? total - *first : (size_t)limit;
	snprintf(num, sizeof(num), "%zu", total);
	http_header(c, "X-Total-Count", num);
	if ((size_t)(offset + limit) < total) {
		struct strbuf link = STRBUF_INIT;
		struct query_copy q = { &link };

		strbuf_addf(&link, "<%s?", c->path);
		if (!c->query)
			MHD_get_connection_values(c->req->conn, MHD_GET_ARGUMENT_KIND,
			                          copy_query, &q);
		strbuf_addf(&link, "limit=%lld&offset=%lld>; rel=\"next\"", limit,
		            offset + limit);
		http_header(c, "Link", link.buf);
		strbuf_release(&link);
	}
	return 0;
}

int http_page(struct http_ctx *c, json_t *array)
{
	size_t first, count;
	int rc;

	if (!json_is_array(array))
		BUG("http_page on something other than an array");
	rc = http_page_range(c, json_array_size(array), &first, &count);
	if (rc)
		return rc;
	/* Drop what follows the page, then what precedes it. */
	while (json_array_size(array) > first + count)
		json_array_remove(array, json_array_size(array) - 1);
	if (first > 0) {
		json_t *page = json_array();

		for (size_t i = first; i < json_array_size(array); i++)
			json_array_append(page, json_array_get(array, i));
		json_array_clear(array);
		json_array_extend(array, page);
		json_decref(page);
	}
	return 0;
}

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * Decode one path segment's percent-escapes into out (n bytes of raw text
 * give at most n bytes).  A bad escape or an escaped NUL fails.
 */
static bool segment_decode(const char *raw, size_t n, char *out, size_t *outlen)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		int hi, lo;

		if (raw[i] != '%') {
			out[o++] = raw[i];
			continue;
		}
		if (i + 2 >= n)
			return false;
		hi = hex_digit(raw[i + 1]);
		lo = hex_digit(raw[i + 2]);
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
			return false;
		out[o++] = (char)(hi * 16 + lo);
		i += 2;
	}
	*outlen = o;
	return true;
}

bool http_path_escapes_valid(const char *path)
{
	for (; *path; path++) {
		if (*path != '%')
			continue;
		if (hex_digit(path[1]) < 0 || hex_digit(path[2]) < 0 ||
		    (path[1] == '0' && path[2] == '0'))
			return false;
		path += 2;
	}
	return true;
}

bool http_match(const char *pattern, const char *path, const char **param, size_t *nparam,
                char *buf, size_t bufsize)
{
	size_t used = 0;

	*nparam = 0;
	while (*pattern && *path) {
		if (*pattern == '{') {
			size_t n = strcspn(path, "/"), len;
			const char *close = strchr(pattern, '}');

			if (!close || !n || *nparam >= HTTP_PARAMS_MAX ||
			    used + n + 1 > bufsize ||
			    !segment_decode(path, n, buf + used, &len) || !len)
				return false;
			buf[used + len] = '\0';
			param[(*nparam)++] = buf + used;
			used += len + 1;
			path += n;
			pattern = close + 1;
			continue;
		}
		if (*pattern != *path)
			return false;
		pattern++;
		path++;
	}
	return !*pattern && !*path;
}

/* A JSON document's text for an answer (owned by the caller). */
static char *json_text(json_t *doc, size_t *len)
{
	char *text = json_dumps(doc, JSON_COMPACT | JSON_ENSURE_ASCII);

	if (!text)
		text = xstrdup("{\"error\":{\"code\":\"internal\",\"message\":\"out of "
		               "memory\"}}");
	*len = strlen(text);
	return text;
}

static struct MHD_Response *text_response(char *text, size_t len, const char *type)
{
	struct MHD_Response *resp =
	        MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);

	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	return resp;
}

/* The answer as a JSON document: the handler's, or the current error. */
static struct MHD_Response *json_response(json_t *doc, size_t *len)
{
	char *text = json_text(doc, len);

	return text_response(text, *len, "application/json; charset=utf-8");
}

static int queue(struct MHD_Connection *conn, struct http_request *r, int status,
                 struct MHD_Response *resp)
{
	int rc;

	/* Never cached, never sniffed into something executable, never
	 * framed; a page runs only this site's scripts and styles, never
	 * inline ones, so stored text cannot become code. */
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Content-Security-Policy", HTTP_CSP);
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	r->status = status;
	r->answered = true;
	rc = MHD_queue_response(conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return rc;
}

/* A page asked for without a session: to the sign-in page, and back. */
static int queue_sign_in(struct MHD_Connection *conn, struct http_request *r)
{
	struct strbuf to = STRBUF_INIT;
	struct MHD_Response *resp =
	        MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);

	strbuf_addstr(&to, "/sign-in?next=");
	http_url_encode(&to, r->path);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, to.buf);
	strbuf_release(&to);
	return queue(conn, r, 303, resp);
}

/* Answer with the current error (error_set before); status 0: its own. */
static int queue_error_status(struct MHD_Connection *conn, struct http_request *r,
                              int status)
{
	size_t len;
	struct MHD_Response *resp;

	if (!status)
		status = error_http_status(error_code());
	if (r->c.html && status == 401 && r->route && (r->route->flags & ROUTE_PAGE))
		return queue_sign_in(conn, r);
	if (r->c.html) {
		const char *back =
		        r->c.form && r->c.form->back[0] ? r->c.form->back : NULL;
		char *page = web_error_page(status, error_message(), back, &len);

		resp = text_response(page, len, "text/html; charset=utf-8");
	} else {
		json_t *doc = json_error();

		resp = json_response(doc, &len);
		json_decref(doc);
	}
	r->bytes = len;
	return queue(conn, r, status, resp);
}

static int queue_error(struct MHD_Connection *conn, struct http_request *r)
{
	return queue_error_status(conn, r, 0);
}

static const struct http_route *find_route(const char *method, const char *path,
                                           const char **param, size_t *nparam, char *buf,
                                           size_t bufsize, bool *path_known)
{
	size_t n = http_route_count();

	*path_known = false;
	for (size_t i = 0; i < n + http_page_count(); i++) {
		const struct http_route *rt =
		        i < n ? http_route_at(i) : http_page_at(i - n);

		if (!http_match(rt->pattern, path, param, nparam, buf, bufsize))
			continue;
		*path_known = true;
		if (!strcmp(rt->method, method))
			return rt;
	}
	return NULL;
}

/* GET and HEAD change nothing; everything else needs a browser's CSRF token. */
static bool safe_method(const char *method)
{
	return !strcmp(method, "GET") || !strcmp(method, "HEAD");
}

/*
 * Who asks: an API token (Authorization: Bearer), else a session cookie,
 * whose state-changing requests must also carry the session's CSRF token
 * in a header another site's page cannot set.
 */
static int authenticate(struct http_ctx *c, struct MHD_Connection *conn)
{
	struct http_cache *cache = c->req->w->cache;
	const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                               MHD_HTTP_HEADER_AUTHORIZATION);
	const char *cookie, *csrf;
	char digest[SHA256_HEX_LEN + 1], now[32];
	int rc;

	if (auth) {
		if (strncasecmp(auth, "Bearer ", 7))
			return error_set(E_AUTH,
			                 "the Authorization header takes 'Bearer TOKEN'");
		sha256_hex(auth + 7, strlen(auth + 7), digest);
		if (http_cache_auth_get(cache, digest, &c->user, NULL))
			return 0;
		rc = app_token_check(c->st, auth + 7, &c->user);
		if (!rc)
			http_cache_auth_put(cache, digest, &c->user, NULL);
		return rc;
	}
	cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, HTTP_SESSION_COOKIE);
	if (!cookie)
		return c->html ? error_set(E_AUTH,
		                           "you are not signed in, or your session has "
		                           "ended: sign in and try again")
		               : error_set(E_AUTH,
		                           "sign in first (POST /api/v1/session) or send "
		                           "an API token (Authorization: Bearer TOKEN)");
	sha256_hex(cookie, strlen(cookie), digest);
	store_now(now);
	/* A session remembered from this minute, if it has not expired since. */
	if (http_cache_auth_get(cache, digest, &c->user, &c->session) &&
	    c->session.expires_at && strcmp(now, c->session.expires_at) < 0) {
		rc = 0;
	} else {
		user_release(&c->user);
		session_release(&c->session);
		rc = app_session_check(c->st, cookie, &c->user, &c->session);
		if (!rc)
			http_cache_auth_put(cache, digest, &c->user, &c->session);
	}
	if (rc)
		return rc;
	c->by_cookie = true;
	c->cookie = cookie;
	/* A form's token is in its body, checked once the body is read. */
	if (safe_method(c->method) || c->form)
		return 0;
	csrf = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, HTTP_CSRF_HEADER);
	if (!csrf || !c->session.csrf || strlen(csrf) != strlen(c->session.csrf) ||
	    sodium_memcmp(csrf, c->session.csrf, strlen(csrf)))
		return error_set(
		        E_FORBIDDEN,
		        "a change made from a browser needs the %s header of its "
		        "session (GET /api/v1/session gives it)",
		        HTTP_CSRF_HEADER);
	return 0;
}

/* May the user do what the route does, in the organisation it names? */
static int authorise(struct http_ctx *c, const struct http_route *rt)
{
	int rc = 0;

	if (rt->flags & ROUTE_ORG) {
		rc = app_org_get(c->st, c->param[0], &c->org);
		/* Whether an organisation exists is itself only for those who
		 * may see it. */
		if (rc == -E_NOTFOUND && c->user.role != ROLE_ADMIN)
			rc = error_set(E_FORBIDDEN, "no access to organisation '%s'",
			               c->param[0]);
	}
	if (!rc && !(rt->flags & ROUTE_ANY_USER))
		rc = app_user_can(c->st, &c->user, c->org.id, rt->area, rt->access);
	return rc;
}

static void ctx_release(struct http_ctx *c)
{
	if (c->form) {
		web_form_release(c->form);
		free(c->form);
		c->form = NULL;
	}
	json_decref(c->json);
	c->json = NULL;
	strbuf_release(&c->raw);
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	for (size_t i = 0; i < c->nheader; i++)
		free(c->header[i].value);
	c->nheader = 0;
	org_release(&c->org);
	user_release(&c->user);
	session_release(&c->session);
	free(c->set_cookie);
	c->set_cookie = NULL;
}

struct utf8_check {
	const char *bad;
};

static enum MHD_Result check_utf8(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
	struct utf8_check *u = cls;

	(void)kind;
	if (!utf8_valid(key, strlen(key)) ||
	    (value && !utf8_valid(value, strlen(value)))) {
		u->bad = key;
		return MHD_NO;
	}
	return MHD_YES;
}

/* Path parts and query parameters are text: valid UTF-8 only. */
static int check_request_text(struct http_ctx *c)
{
	struct utf8_check u = { NULL };

	for (size_t i = 0; i < c->nparam; i++)
		if (!utf8_valid(c->param[i], strlen(c->param[i])))
			return error_set(E_USAGE, "the path is not valid UTF-8");
	MHD_get_connection_values(c->req->conn, MHD_GET_ARGUMENT_KIND, check_utf8, &u);
	if (u.bad)
		return error_set(E_USAGE, "a query parameter is not valid UTF-8");
	return 0;
}

/* The largest body the route takes. */
static uint64_t body_limit(const struct http_request *r)
{
	if (!(r->route->flags & ROUTE_UPLOAD))
		return HTTP_BODY_MAX;
	return r->srv->opts->upload_max ? r->srv->opts->upload_max
	                                : HTTP_UPLOAD_MAX_DEFAULT;
}

static int body_too_large(const struct http_request *r)
{
	return error_set(E_USAGE, "the request body is larger than %" PRIu64 " bytes",
	                 body_limit(r));
}

/* An upload goes to a temporary file, removed when the request ends. */
static int upload_open(struct http_request *r)
{
	const char *dir = getenv("TMPDIR");

	snprintf(r->upload_path, sizeof(r->upload_path), "%s/isms-upload-XXXXXX",
	         dir && *dir ? dir : "/tmp");
	r->upload_fd = mkstemp(r->upload_path);
	if (r->upload_fd >= 0)
		fcntl(r->upload_fd, F_SETFD, FD_CLOEXEC);
	if (r->upload_fd < 0) {
		int err = errno;

		r->upload_path[0] = '\0';
		return error_set(E_IO, "cannot keep the upload: %s", strerror(err));
	}
	r->hash = sha256_new();
	return 0;
}

/* A strong ETag of an answer's bytes. */
static void etag_of(const char *text, size_t len, char out[40])
{
	char hex[SHA256_HEX_LEN + 1];

	sha256_hex(text, len, hex);
	snprintf(out, 40, "\"%.32s\"", hex);
}

/* Whether an If-Match or If-None-Match list names the ETag ("*": any). */
static bool etag_listed(const char *list, const char *etag)
{
	size_t n = strlen(etag);

	for (const char *p = list; *p;) {
		p += strspn(p, " \t,");
		if (*p == '*')
			return true;
		if (!strncmp(p, "W/", 2))
			p += 2;
		if (!strncmp(p, etag, n) && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return true;
		p += strcspn(p, ",");
	}
	return false;
}

struct key_copy {
	struct strbuf *sb;
	size_t n;
};

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
	struct key_copy *k = cls;

	(void)kind;
	strbuf_addch(k->sb, k->n++ ? '&' : '?');
	http_url_encode(k->sb, key);
	if (value) {
		strbuf_addch(k->sb, '=');
		http_url_encode(k->sb, value);
	}
	return MHD_YES;
}

/*
 * Whether the answer may come from, and go into, the thread's cache: a GET
 * whose answer depends on the user and the URL alone (not a session's own
 * record, as GET /api/v1/session is) and on nothing the client sends but
 * If-None-Match.
 */
static bool cacheable(const struct http_request *r)
{
	return !strcmp(r->c.method, "GET") &&
	       !(r->route->flags & (ROUTE_ANY_USER | ROUTE_UPLOAD | ROUTE_PAGE)) &&
	       /* refused by run_route, which must see it */
	       !MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "If-Match");
}

/* The cache's key of a request: its path and query. */
static void request_key(struct http_ctx *c, struct strbuf *sb)
{
	struct key_copy k = { sb, 0 };

	strbuf_addstr(sb, c->path);
	MHD_get_connection_values(c->req->conn, MHD_GET_ARGUMENT_KIND, add_query, &k);
}

/* Headers every answer from the handlers' results carries. */
static void add_answer_headers(struct MHD_Response *resp, const char *etag)
{
	if (etag && *etag)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
}

/*
 * Answer a GET from the cache when it holds the answer for this user and
 * URL at the store's current version: the same bytes the handler would
 * give, without running it.  1: answered (*queued says how that went);
 * 0: not in the cache.
 */
static int answer_from_cache(struct MHD_Connection *conn, struct http_request *r,
                             int *queued)
{
	struct http_ctx *c = &r->c;
	struct strbuf key = STRBUF_INIT;
	const struct cached_answer *a;
	const char *inm;
	struct MHD_Response *resp;
	bool not_modified;

	request_key(c, &key);
	a = http_cache_answer_get(r->w->cache, c->user.id, key.buf);
	strbuf_release(&key);
	if (!a)
		return 0;
	inm = http_request_header(c, "If-None-Match");
	not_modified = inm && etag_listed(inm, a->etag);
	resp = not_modified
	               ? MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT)
	               : MHD_create_response_from_buffer(a->len, a->body,
	                                                 MHD_RESPMEM_MUST_COPY);
	if (!resp) {
		*queued = MHD_NO;
		return 1;
	}
	r->bytes = not_modified ? 0 : a->len;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, a->content_type);
	add_answer_headers(resp, a->etag);
	for (size_t i = 0; i < a->nheader; i++)
		MHD_add_response_header(resp, a->header[i].name, a->header[i].value);
	*queued = queue(conn, r, not_modified ? 304 : 200, resp);
	return 1;
}

/* Keep a GET's answer for the next request of the same user and URL. */
static void answer_to_cache(struct http_request *r, const char *body, size_t len,
                            const char *type, const char *etag)
{
	struct http_ctx *c = &r->c;
	struct strbuf key = STRBUF_INIT;
	struct cached_answer a = { 0 };

	if (!cacheable(r) || c->status != 200 || c->set_cookie ||
	    c->nheader > CACHE_HEADERS_MAX)
		return;
	request_key(c, &key);
	a.user_id = c->user.id;
	a.key = key.buf;
	a.body = (char *)body;
	a.len = len;
	a.content_type = (char *)type;
	snprintf(a.etag, sizeof(a.etag), "%s", etag);
	for (size_t i = 0; i < c->nheader; i++) {
		a.header[i].name = c->header[i].name;
		a.header[i].value = c->header[i].value;
	}
	a.nheader = c->nheader;
	http_cache_answer_put(r->w->cache, &a);
	strbuf_release(&key);
}

/*
 * A browser's form: a form-encoded POST from a browser navigating (it
 * accepts HTML; a script or curl sending the same type does not ask for
 * it, and is answered as the API).  Its answers are pages, and a form,
 * which can only GET or POST, names another method with ?_method=.
 */
static int form_begin(struct MHD_Connection *conn, struct http_request *r,
                      const char **method)
{
	static const char *const others[] = { "PUT", "PATCH", "DELETE" };
	const char *type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                               MHD_HTTP_HEADER_CONTENT_TYPE);
	const char *accept = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                                 MHD_HTTP_HEADER_ACCEPT);
	const char *m;

	if (strcmp(*method, "POST") || !type || !accept ||
	    strncasecmp(type, "application/x-www-form-urlencoded", 33) ||
	    !strstr(accept, "text/html"))
		return 0;
	r->c.form = xcalloc(1, sizeof(*r->c.form));
	r->c.html = true;
	m = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "_method");
	if (!m)
		return 0;
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		if (!strcmp(m, others[i])) {
			*method = others[i];
			return 0;
		}
	return error_set(E_USAGE, "_method takes PUT, PATCH or DELETE");
}

/*
 * The first call for a request, with its headers but before its body:
 * find the route and check who asks, so that a refused request is
 * answered before anything it sends is read.
 */
static int request_begin(struct MHD_Connection *conn, struct http_request *r,
                         const char *method)
{
	struct http_ctx *c = &r->c;
	bool known;
	const char *length;
	int rc;

	c->fd = -1;
	c->status = 200;
	strbuf_init(&c->raw, 0);
	if (!r->path[0]) {
		error_set(E_USAGE, "the path is longer than %d bytes", HTTP_PATH_MAX - 1);
		return queue_error_status(conn, r, 414);
	}
	if (!http_path_escapes_valid(r->path)) {
		error_set(E_USAGE, "the path has a bad percent-escape");
		return queue_error(conn, r);
	}
	if (form_begin(conn, r, &method))
		return queue_error(conn, r);
	r->route = find_route(method, r->path, c->param, &c->nparam, r->params,
	                      sizeof(r->params), &known);
	if (!r->route) {
		if (known) {
			error_set(E_USAGE, "%s is not allowed on %s", method, r->path);
			return queue_error_status(conn, r, 405);
		}
		error_set(E_NOTFOUND, "no route %s %s", method, r->path);
		return queue_error(conn, r);
	}
	c->req = r;
	c->method = method;
	c->path = r->path;
	if (r->route->flags & ROUTE_PAGE)
		c->html = true;
	c->remote = r->remote;
	c->secure_cookies = r->srv->opts->secure_cookies;
	length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                     MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (length && strtoull(length, NULL, 10) > body_limit(r)) {
		body_too_large(r);
		return queue_error_status(conn, r, 413);
	}
	if (length && !(r->route->flags & ROUTE_UPLOAD))
		strbuf_grow(&r->body, (size_t)strtoull(length, NULL, 10));
	r->w = worker_of_thread(r->srv);
	c->st = r->w ? r->w->st : NULL;
	rc = c->st ? check_request_text(c) : -1;
	if (!rc)
		http_cache_sync(r->w->cache, c->st);
	if (!rc && !(r->route->flags & ROUTE_PUBLIC)) {
		rc = authenticate(c, conn);
		if (!rc) {
			char actor[96];

			snprintf(r->who, sizeof(r->who), "%s", c->user.name);
			snprintf(actor, sizeof(actor), "user:%s", c->user.name);
			store_set_actor(c->st, actor);
		}
		if (!rc)
			rc = authorise(c, r->route);
	} else if (!rc) {
		store_set_actor(c->st, "anonymous");
		if (r->route->flags & ROUTE_ORG)
			rc = app_org_get(c->st, c->param[0], &c->org);
	}
	/* The change log's blocks are the named organisation's, if any. */
	if (!rc)
		store_set_log_org(c->st, c->org.id);
	if (!rc && (r->route->flags & ROUTE_UPLOAD))
		rc = upload_open(r);
	if (rc)
		return queue_error(conn, r);
	return MHD_YES;
}

/*
 * A kept body may hold a password: it is wiped before its memory goes
 * back (request_begin sizes it from Content-Length, so that it is not
 * moved, leaving a copy behind, as it grows).
 */
static void body_release(struct strbuf *body)
{
	if (body->alloc)
		sodium_memzero(body->buf, body->alloc);
	strbuf_release(body);
}

/* Part of the body: kept, written to the upload's file, or counted. */
static void request_body(struct http_request *r, const char *data, size_t len)
{
	if (r->too_large || r->answered)
		return;
	if (r->body.len + r->upload_len + len > body_limit(r)) {
		r->too_large = true;
		body_release(&r->body);
		return;
	}
	if (r->upload_fd < 0) {
		strbuf_add(&r->body, data, len);
		return;
	}
	sha256_update(r->hash, data, len);
	while (len) {
		ssize_t n = write(r->upload_fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			r->write_errno = n < 0 ? errno : EIO;
			return;
		}
		data += n;
		len -= (size_t)n;
		r->upload_len += (uint64_t)n;
	}
}

/* The hex digest a client says its upload has, or NULL; E_USAGE if bad. */
static int claimed_digest(struct http_ctx *c, char hex[SHA256_HEX_LEN + 1], bool *given)
{
	const char *x = http_request_header(c, "X-Content-SHA256");
	const char *cd = http_request_header(c, "Content-Digest");

	*given = false;
	if (x) {
		if (strlen(x) != SHA256_HEX_LEN ||
		    strspn(x, "0123456789abcdefABCDEF") != SHA256_HEX_LEN)
			return error_set(E_USAGE,
			                 "X-Content-SHA256 takes 64 hexadecimal digits");
		for (size_t i = 0; i <= SHA256_HEX_LEN; i++)
			hex[i] = (char)tolower((unsigned char)x[i]);
		*given = true;
		return 0;
	}
	if (cd) {
		/* RFC 9530: sha-256=:BASE64:, perhaps among other algorithms. */
		const char *p = strstr(cd, "sha-256=:");
		unsigned char bin[32];
		size_t binlen = 0;
		const char *end;

		if (!p || !(end = strchr(p + 9, ':')) ||
		    sodium_base642bin(bin, sizeof(bin), p + 9, (size_t)(end - p - 9),
		                      NULL, &binlen, NULL,
		                      sodium_base64_VARIANT_ORIGINAL) ||
		    binlen != sizeof(bin))
			return error_set(E_USAGE,
			                 "Content-Digest takes sha-256=:BASE64: (RFC "
			                 "9530)");
		sodium_bin2hex(hex, SHA256_HEX_LEN + 1, bin, sizeof(bin));
		*given = true;
	}
	return 0;
}

/* The upload complete: its digest checked against what the client said. */
static int upload_finish(struct http_request *r)
{
	struct http_ctx *c = &r->c;
	char claimed[SHA256_HEX_LEN + 1];
	bool given;
	int rc;

	sha256_final_hex(r->hash, c->upload_sha256);
	r->hash = NULL;
	if (r->write_errno)
		return error_set(E_IO, "cannot keep the upload: %s",
		                 strerror(r->write_errno));
	if (fsync(r->upload_fd))
		return error_set(E_IO, "cannot keep the upload: %s", strerror(errno));
	c->upload_path = r->upload_path;
	c->upload_len = r->upload_len;
	rc = claimed_digest(c, claimed, &given);
	if (!rc && given && strcmp(claimed, c->upload_sha256))
		rc = error_set(E_INVALID,
		               "the upload's SHA-256 is %s, not %s as the request "
		               "says: it changed on the way, and nothing was stored",
		               c->upload_sha256, claimed);
	return rc;
}

/*
 * If-Match: the record as a GET gives it now must have the ETag the
 * caller read, else E_PRECONDITION.  Runs inside the change's
 * transaction, after the organisation's lock: nothing changes between.
 */
static int check_if_match(struct http_ctx *c, const struct http_route *rt,
                          const char *if_match)
{
	char etag[40];
	char *text;
	size_t len;
	int rc = rt->current(c);

	if (rc)
		return rc;
	text = json_text(c->json, &len);
	etag_of(text, len, etag);
	free(text);
	json_decref(c->json);
	c->json = NULL;
	c->status = 200;
	if (!etag_listed(if_match, etag))
		return error_set(E_PRECONDITION,
		                 "the record changed since it was read (its ETag is "
		                 "now %s): read it again and make the change to that",
		                 etag);
	return 0;
}

/*
 * Run the route's handler in one transaction: a read sees one state, and
 * a change is whole or not at all.  Changes in an organisation take turns.
 */
static int run_route(struct http_ctx *c, const struct http_route *rt)
{
	bool write = !safe_method(c->method);
	const char *if_match = http_request_header(c, "If-Match");
	int rc;

	if (if_match && (!write || !rt->current))
		return error_set(E_USAGE, "%s %s takes no If-Match header", c->method,
		                 rt->pattern);
	rc = write ? store_begin(c->st) : store_begin_read(c->st);
	if (rc)
		return rc;
	if (write && c->org.id)
		rc = store_lock_org(c->st, c->org.id);
	if (!rc && if_match)
		rc = check_if_match(c, rt, if_match);
	if (!rc)
		rc = rt->handler(c);
	if (!rc && write && rt->current && c->status != 204) {
		json_decref(c->json);
		c->json = NULL;
		rc = rt->current(c);
	}
	return store_end(c->st, rc);
}

/*
 * A form's fields as the route's JSON body, once its CSRF token is the
 * session's (a form from another site cannot know it).  An empty field
 * is not given to a new record, and clears a field of one changed.
 */
static int form_body(struct http_ctx *c)
{
	int rc = web_form_parse(c->body, c->body_len, strcmp(c->method, "POST") != 0,
	                        c->form);

	if (rc)
		return rc;
	if (c->by_cookie &&
	    (!c->session.csrf || strlen(c->form->csrf) != strlen(c->session.csrf) ||
	     sodium_memcmp(c->form->csrf, c->session.csrf, strlen(c->form->csrf))))
		return error_set(E_FORBIDDEN,
		                 "this form has expired or did not come from this "
		                 "site; reload the page and try again");
	/* Only control fields: the route gets no body, as from a script. */
	if (!strcmp(c->form->json, "{}")) {
		c->body = "";
		c->body_len = 0;
		return 0;
	}
	c->body = c->form->json;
	c->body_len = c->form->json_len;
	return 0;
}

/* A form done: the browser goes on to the next page, with a message. */
static void form_done(struct http_ctx *c)
{
	const char *to = c->form->next[0]   ? c->form->next
	                 : c->form->back[0] ? c->form->back
	                                    : "/";

	json_decref(c->json);
	c->json = NULL;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	strbuf_reset(&c->raw);
	web_flash(c, true, c->form->done[0] ? c->form->done : "Saved.");
	web_redirect(c, to);
}

/* "a=1&b=x%20y" as an object of strings (a page's own calls). */
static json_t *query_object(const char *q)
{
	json_t *o = json_object();
	char key[256], value[1024];

	while (q && *q) {
		size_t n = strcspn(q, "&"), k = strcspn(q, "=&"), kl, vl;

		if (k < n && segment_decode(q, k, key, &kl) && kl < sizeof(key) &&
		    n - k - 1 < sizeof(value) &&
		    segment_decode(q + k + 1, n - k - 1, value, &vl)) {
			key[kl] = '\0';
			value[vl] = '\0';
			json_object_set_new(o, key, json_string(value));
		}
		q += n + (q[n] == '&');
	}
	return o;
}

int http_call(struct http_ctx *c, const char *target, json_t **out)
{
	char path[HTTP_PATH_MAX], params[1024];
	size_t n = strcspn(target, "?");
	struct http_ctx sub = { 0 };
	const struct http_route *rt;
	bool known, own_org = false;
	int rc = 0;

	*out = NULL;
	if (n >= sizeof(path))
		BUG("http_call: a path of %zu bytes", n);
	snprintf(path, sizeof(path), "%.*s", (int)n, target);
	rt = find_route("GET", path, sub.param, &sub.nparam, params, sizeof(params),
	                &known);
	if (!rt || (rt->flags & ROUTE_PAGE))
		BUG("http_call: no API route GET %s", path);
	/* The caller's request, user and session, borrowed. */
	sub.st = c->st;
	sub.req = c->req;
	sub.method = "GET";
	sub.path = path;
	sub.remote = c->remote;
	sub.user = c->user;
	sub.by_cookie = c->by_cookie;
	sub.session = c->session;
	sub.fd = -1;
	sub.status = 200;
	strbuf_init(&sub.raw, 0);
	sub.query = query_object(target[n] ? target + n + 1 : "");
	if (rt->flags & ROUTE_ORG) {
		if (c->org.id && !strcmp(sub.param[0], c->org.slug)) {
			sub.org = c->org;
		} else {
			rc = app_org_get(c->st, sub.param[0], &sub.org);
			own_org = true;
		}
	}
	if (!rc && !(rt->flags & ROUTE_ANY_USER))
		rc = app_user_can(c->st, &sub.user, sub.org.id, rt->area, rt->access);
	if (rc == -E_FORBIDDEN) {
		error_clear();
		rc = 0;
	} else if (!rc) {
		rc = rt->handler(&sub);
		if (!rc) {
			*out = sub.json;
			sub.json = NULL;
		}
	}
	json_decref(sub.json);
	json_decref(sub.query);
	strbuf_release(&sub.raw);
	if (sub.fd >= 0)
		close(sub.fd);
	for (size_t i = 0; i < sub.nheader; i++)
		free(sub.header[i].value);
	free(sub.set_cookie);
	if (own_org)
		org_release(&sub.org);
	return rc;
}

/* The body complete: run the route and answer. */
static int request_finish(struct MHD_Connection *conn, struct http_request *r)
{
	struct http_ctx *c = &r->c;
	const struct http_route *rt = r->route;
	struct MHD_Response *resp;
	char etag[40] = "";
	int rc = 0;

	if (r->too_large) {
		body_too_large(r);
		return queue_error_status(conn, r, 413);
	}
	/* Answered here, after the (empty) body, so the connection stays
	 * open for the next request. */
	if (cacheable(r) && answer_from_cache(conn, r, &rc))
		return rc;
	c->body = r->body.buf ? r->body.buf : "";
	c->body_len = r->body.len;
	if (rt->flags & ROUTE_UPLOAD)
		rc = upload_finish(r);
	if (!rc && c->form)
		rc = form_body(c);
	if (!rc)
		rc = run_route(c, rt);
	if (rc)
		return queue_error(conn, r);
	if (c->form)
		form_done(c);
	if (c->json || (c->fd < 0 && c->status == 200)) {
		size_t len;
		char *text;
		const char *type = "application/json; charset=utf-8", *inm;

		if (c->json) {
			text = json_text(c->json, &len);
		} else {
			text = strbuf_detach(&c->raw, &len);
			if (c->content_type)
				type = c->content_type;
			else
				type = "application/octet-stream";
		}
		/* A record's ETag: what If-Match takes to change it. */
		if (c->status == 200 || c->status == 201) {
			etag_of(text, len, etag);
			answer_to_cache(r, text, len, type, etag);
			inm = http_request_header(c, "If-None-Match");
			if (inm && safe_method(c->method) && etag_listed(inm, etag)) {
				free(text);
				text = xstrdup("");
				len = 0;
				c->status = 304;
			}
		}
		r->bytes = len;
		resp = text_response(text, len, type);
	} else if (c->fd >= 0) {
		resp = MHD_create_response_from_fd64(c->fd_len, c->fd);
		c->fd = -1; /* the response closes it */
		r->bytes = (size_t)c->fd_len;
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
		                        c->content_type ? c->content_type
		                                        : "application/octet-stream");
	} else {
		size_t len;
		char *bytes = strbuf_detach(&c->raw, &len);

		r->bytes = len;
		resp = text_response(bytes, len,
		                     c->content_type ? c->content_type
		                                     : "application/octet-stream");
	}
	if (!resp) {
		error_set(E_INTERNAL, "cannot make the answer");
		return queue_error(conn, r);
	}
	add_answer_headers(resp, etag);
	for (size_t i = 0; i < c->nheader; i++)
		MHD_add_response_header(resp, c->header[i].name, c->header[i].value);
	if (c->set_cookie)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, c->set_cookie);
	return queue(conn, r, c->status, resp);
}

/*
 * Called once per request with the target as sent: the request's state
 * starts here, so that routing sees the path before it is unescaped.
 */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct server *srv = cls;
	struct http_request *r = xcalloc(1, sizeof(*r));
	size_t n = strcspn(uri, "?");

	r->srv = srv;
	r->conn = conn;
	r->upload_fd = -1;
	if (n < sizeof(r->path)) {
		memcpy(r->path, uri, n);
		r->path[n] = '\0';
	}
	client_address(conn, r->remote, sizeof(r->remote));
	strbuf_init(&r->body, 0);
	clock_gettime(CLOCK_MONOTONIC, &r->started);
	snprintf(r->who, sizeof(r->who), "-");
	atomic_fetch_add(&srv->active, 1);
	return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **state)
{
	struct http_request *r = *state;

	(void)cls;
	(void)url;
	(void)version;
	if (!r)
		return MHD_NO;
	if (!r->begun) {
		r->begun = true;
		error_clear();
		return request_begin(conn, r, method) == MHD_YES ? MHD_YES : MHD_NO;
	}
	if (*upload_size) {
		/* A body too large is read to its end but not kept: the client
		 * gets its 413 once it has finished sending. */
		request_body(r, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->answered)
		return MHD_YES;
	error_clear();
	return request_finish(conn, r) == MHD_YES ? MHD_YES : MHD_NO;
}

/* JSON-escaped enough for a log line: quotes, backslashes, controls. */
static void log_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

/* One JSON line per request on standard error: the access log. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
                         enum MHD_RequestTerminationCode why)
{
	struct server *srv = cls;
	struct http_request *r = *state;
	struct timespec end;
	char now[32];

	(void)conn;
	if (!r)
		return;
	clock_gettime(CLOCK_MONOTONIC, &end);
	if (!srv->opts->quiet) {
		store_now(now);
		flockfile(stderr);
		fprintf(stderr,
		        "{\"time\":\"%s\",\"remote\":\"%s\",\"status\":%d,\"bytes\":%zu,"
		        "\"ms\":%.3f,\"user\":",
		        now, r->remote, r->status, r->bytes,
		        (double)(end.tv_sec - r->started.tv_sec) * 1e3 +
		                (double)(end.tv_nsec - r->started.tv_nsec) / 1e6);
		log_str(stderr, r->who);
		fprintf(stderr, ",\"completed\":%s}\n",
		        why == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "true" : "false");
		funlockfile(stderr);
	}
	body_release(&r->body);
	ctx_release(&r->c);
	if (r->upload_fd >= 0)
		close(r->upload_fd);
	if (r->upload_path[0])
		unlink(r->upload_path);
	if (r->hash) {
		char hex[SHA256_HEX_LEN + 1];

		sha256_final_hex(r->hash, hex);
	}
	free(r);
	*state = NULL;
	atomic_fetch_sub(&srv->active, 1);
}

/* ---- the server's life ---- */

static unsigned processors(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 && n < 256 ? (unsigned)n : 2;
}

/*
 * Parsed bodies may hold passwords, and the JSON library frees its
 * strings and its parser's buffers without clearing them: the server has
 * every block it frees wiped first.
 */
static void wiping_free(void *p)
{
	if (p) {
		sodium_memzero(p, malloc_usable_size(p));
		free(p);
	}
}

int http_serve(const struct serve_options *opts)
{
	struct server srv = { .opts = opts };
	struct sockaddr_storage addr = { 0 };
	socklen_t addrlen = 0;
	struct MHD_Daemon *d;
	struct store *main_st = NULL;
	sigset_t stop;
	int sig = 0, rc, fd;
	char shown[INET6_ADDRSTRLEN + 16];
	unsigned threads = opts->threads ? opts->threads : processors();

	rc = parse_listen(opts->listen, &addr, &addrlen);
	if (rc)
		return rc;
	json_set_alloc_funcs(malloc, wiping_free);
	/* Open the store once first: a bad target fails before anything is
	 * served, and its name comes out with any password masked. */
	rc = store_open(&main_st, opts->target, 0);
	if (rc)
		return rc;
	pthread_mutex_init(&srv.lock, NULL);
	/* The workers inherit a mask without the stop signals, so only this
	 * thread receives them, in sigwait below. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	fd = listen_on(&addr, addrlen, opts->listen);
	if (fd < 0) {
		pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
		pthread_mutex_destroy(&srv.lock);
		store_close(main_st);
		return fd;
	}
	d = MHD_start_daemon(
	        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
	                MHD_USE_ERROR_LOG,
	        0, NULL, NULL, on_request, &srv, MHD_OPTION_LISTEN_SOCKET, fd,
	        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
	        (unsigned)HTTP_TIMEOUT_SECONDS, MHD_OPTION_CONNECTION_LIMIT,
	        (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
	        MHD_OPTION_URI_LOG_CALLBACK, on_uri, &srv, MHD_OPTION_END);
	if (!d) {
		close(fd);
		pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
		pthread_mutex_destroy(&srv.lock);
		store_close(main_st);
		return error_set(E_IO, "cannot start the server on %s", opts->listen);
	}
	fprintf(stderr, "isms: serving %s on http://%s/ (%u threads; SIGTERM stops)\n",
	        store_target(main_st), bound_name(fd, shown, sizeof(shown)), threads);
	/* No default password: until an administrator exists, a one-time
	 * token printed here (to whoever started the server) creates one. */
	{
		char secret[APP_SECRET_MAX];

		if (!app_setup_token_create(main_st, secret))
			fprintf(stderr,
			        "isms: no administrator yet. Open "
			        "http://%s/setup?token=%s in a browser to create one "
			        "(the "
			        "link works once), or run 'isms user add NAME --role "
			        "admin' (POST /api/v1/setup takes the same token).\n",
			        shown, secret);
		else
			error_clear();
		sodium_memzero(secret, sizeof(secret));
	}
	while (sigwait(&stop, &sig) == 0 && sig != SIGTERM && sig != SIGINT)
		;
	/* Stop accepting, let what is in flight finish, then stop. */
	MHD_quiesce_daemon(d);
	for (int i = 0; i < HTTP_DRAIN_SECONDS * 10 && atomic_load(&srv.active) > 0; i++)
		usleep(100 * 1000);
	MHD_stop_daemon(d);
	for (size_t i = 0; i < srv.nworkers; i++) {
		store_close(srv.workers[i]->st);
		http_cache_free(srv.workers[i]->cache);
		free(srv.workers[i]);
	}
	free(srv.workers);
	store_close(main_st);
	pthread_mutex_destroy(&srv.lock);
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
	fprintf(stderr, "isms: stopped (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	return 0;
}
