/*
 * server.c - the HTTP server on libmicrohttpd: addresses, the thread
 * pool, each request's life (body collected up to its limit, the route
 * found, the store of the thread, the answer written), the access log and
 * the graceful stop.
 */
#include <arpa/inet.h>
#include <errno.h>
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
#include "core/xalloc.h"
#include "http/http.h"
#include "view/json.h"

/* What the server holds for its whole life. */
struct server {
	const struct serve_options *opts;
	atomic_int active; /* requests received and not yet answered */
	pthread_mutex_t lock;
	struct store **stores; /* one per worker thread, closed at the end */
	size_t nstores, alloc_stores;
};

/* One request, from its first byte to its log line. */
struct http_request {
	struct server *srv;
	struct MHD_Connection *conn;
	struct strbuf body;
	bool too_large;
	struct timespec started;
	int status;
	size_t bytes;
	char who[80]; /* for the log: a user name or "-" */
	char remote[INET6_ADDRSTRLEN];
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

/* The store of this worker thread, opened on its first request. */
static _Thread_local struct store *thread_store;

static struct store *store_of_thread(struct server *srv)
{
	struct store *st = NULL;

	if (thread_store)
		return thread_store;
	if (store_open(&st, srv->opts->target, 0))
		return NULL;
	pthread_mutex_lock(&srv->lock);
	ALLOC_GROW(srv->stores, srv->nstores + 1, srv->alloc_stores);
	srv->stores[srv->nstores++] = st;
	pthread_mutex_unlock(&srv->lock);
	thread_store = st;
	return st;
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
	return MHD_lookup_connection_value(c->req->conn, MHD_GET_ARGUMENT_KIND, name);
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

bool http_match(const char *pattern, const char *path, const char **param, size_t *nparam,
                char *buf, size_t bufsize)
{
	size_t used = 0;

	*nparam = 0;
	while (*pattern && *path) {
		if (*pattern == '{') {
			size_t n = strcspn(path, "/");
			const char *close = strchr(pattern, '}');

			if (!close || !n || *nparam >= HTTP_PARAMS_MAX ||
			    used + n + 1 > bufsize)
				return false;
			memcpy(buf + used, path, n);
			buf[used + n] = '\0';
			param[(*nparam)++] = buf + used;
			used += n + 1;
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

/* The answer as a JSON document: the handler's, or the current error. */
static struct MHD_Response *json_response(json_t *doc, size_t *len)
{
	char *text = json_dumps(doc, JSON_COMPACT | JSON_ENSURE_ASCII);
	struct MHD_Response *resp;

	if (!text)
		text = xstrdup("{\"error\":{\"code\":\"internal\",\"message\":\"out of "
		               "memory\"}}");
	*len = strlen(text);
	resp = MHD_create_response_from_buffer(*len, text, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	                        "application/json; charset=utf-8");
	return resp;
}

static int queue(struct MHD_Connection *conn, struct http_request *r, int status,
                 struct MHD_Response *resp)
{
	int rc;

	/* Never cached, never sniffed into something executable. */
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	r->status = status;
	rc = MHD_queue_response(conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return rc;
}

/* Answer with the current error (error_set before); status 0: its own. */
static int queue_error_status(struct MHD_Connection *conn, struct http_request *r,
                              int status)
{
	json_t *doc = json_error();
	size_t len;
	struct MHD_Response *resp = json_response(doc, &len);

	json_decref(doc);
	r->bytes = len;
	return queue(conn, r, status ? status : error_http_status(error_code()), resp);
}

static int queue_error(struct MHD_Connection *conn, struct http_request *r)
{
	return queue_error_status(conn, r, 0);
}

static const struct http_route *find_route(const char *method, const char *path,
                                           const char **param, size_t *nparam, char *buf,
                                           size_t bufsize, bool *path_known)
{
	*path_known = false;
	for (size_t i = 0; i < http_routes_count; i++) {
		const struct http_route *rt = &http_routes[i];

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
	const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	                                               MHD_HTTP_HEADER_AUTHORIZATION);
	const char *cookie, *csrf;
	int rc;

	if (auth) {
		if (strncasecmp(auth, "Bearer ", 7))
			return error_set(E_AUTH,
			                 "the Authorization header takes 'Bearer TOKEN'");
		return app_token_check(c->st, auth + 7, &c->user);
	}
	cookie = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, HTTP_SESSION_COOKIE);
	if (!cookie)
		return error_set(E_AUTH,
		                 "sign in first (POST /api/v1/session) or send an API "
		                 "token (Authorization: Bearer TOKEN)");
	rc = app_session_check(c->st, cookie, &c->user, &c->session);
	if (rc)
		return rc;
	c->by_cookie = true;
	c->cookie = cookie;
	if (safe_method(c->method))
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
	json_decref(c->json);
	c->json = NULL;
	strbuf_release(&c->raw);
	org_release(&c->org);
	user_release(&c->user);
	session_release(&c->session);
	free(c->set_cookie);
	c->set_cookie = NULL;
}

static int dispatch(struct MHD_Connection *conn, struct http_request *r, const char *url,
                    const char *method)
{
	struct http_ctx c = { 0 };
	char params[1024];
	bool known;
	const struct http_route *rt;
	struct MHD_Response *resp;
	int rc;

	error_clear();
	if (r->too_large) {
		error_set(E_USAGE, "the request body is larger than %zu bytes",
		          HTTP_BODY_MAX);
		return queue_error_status(conn, r, 413);
	}
	rt = find_route(method, url, c.param, &c.nparam, params, sizeof(params), &known);
	if (!rt) {
		if (known) {
			error_set(E_USAGE, "%s is not allowed on %s", method, url);
			return queue_error_status(conn, r, 405);
		}
		error_set(E_NOTFOUND, "no route %s %s", method, url);
		return queue_error(conn, r);
	}
	c.req = r;
	c.method = method;
	c.path = url;
	c.remote = r->remote;
	c.secure_cookies = r->srv->opts->secure_cookies;
	c.body = r->body.buf ? r->body.buf : "";
	c.body_len = r->body.len;
	c.status = 200;
	strbuf_init(&c.raw, 0);
	c.st = store_of_thread(r->srv);
	rc = c.st ? 0 : -1;
	if (!rc && !(rt->flags & ROUTE_PUBLIC)) {
		rc = authenticate(&c, conn);
		if (!rc) {
			char actor[96];

			snprintf(r->who, sizeof(r->who), "%s", c.user.name);
			snprintf(actor, sizeof(actor), "user:%s", c.user.name);
			store_set_actor(c.st, actor);
		}
		if (!rc)
			rc = authorise(&c, rt);
	} else if (!rc) {
		store_set_actor(c.st, "anonymous");
		if (rt->flags & ROUTE_ORG)
			rc = app_org_get(c.st, c.param[0], &c.org);
	}
	if (!rc)
		rc = rt->handler(&c);
	if (rc) {
		ctx_release(&c);
		return queue_error(conn, r);
	}
	if (c.json) {
		resp = json_response(c.json, &r->bytes);
	} else {
		size_t len;
		char *bytes = strbuf_detach(&c.raw, &len);

		r->bytes = len;
		resp = MHD_create_response_from_buffer(len, bytes, MHD_RESPMEM_MUST_FREE);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
		                        c.content_type ? c.content_type
		                                       : "application/octet-stream");
	}
	if (c.set_cookie)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, c.set_cookie);
	rc = queue(conn, r, c.status, resp);
	ctx_release(&c);
	return rc;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload, size_t *upload_size, void **state)
{
	struct server *srv = cls;
	struct http_request *r = *state;

	(void)version;
	if (!r) {
		r = xcalloc(1, sizeof(*r));
		r->srv = srv;
		r->conn = conn;
		client_address(conn, r->remote, sizeof(r->remote));
		strbuf_init(&r->body, 0);
		clock_gettime(CLOCK_MONOTONIC, &r->started);
		snprintf(r->who, sizeof(r->who), "-");
		atomic_fetch_add(&srv->active, 1);
		*state = r;
		return MHD_YES;
	}
	if (*upload_size) {
		/* Keep reading a body that is too large, but not keeping it: the
		 * client gets its 413 once it has finished sending. */
		if (!r->too_large && r->body.len + *upload_size > HTTP_BODY_MAX) {
			r->too_large = true;
			strbuf_release(&r->body);
		}
		if (!r->too_large)
			strbuf_add(&r->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	return dispatch(conn, r, url, method) == MHD_YES ? MHD_YES : MHD_NO;
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
	strbuf_release(&r->body);
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
	/* No default password: until an administrator exists, a one-time
	 * token printed here (to whoever started the server) creates one. */
	{
		char secret[APP_SECRET_MAX];

		if (!app_setup_token_create(main_st, secret))
			fprintf(stderr,
			        "isms: no administrator yet. Create one with 'isms user "
			        "add NAME "
			        "--role admin', or POST /api/v1/setup with this one-time "
			        "token: "
			        "%s\n",
			        secret);
		else
			error_clear();
		sodium_memzero(secret, sizeof(secret));
	}
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	                             MHD_USE_ITC | MHD_USE_ERROR_LOG,
	                     0, NULL, NULL, on_request, &srv, MHD_OPTION_LISTEN_SOCKET,
	                     fd, MHD_OPTION_THREAD_POOL_SIZE, threads,
	                     MHD_OPTION_CONNECTION_TIMEOUT,
	                     (unsigned)HTTP_TIMEOUT_SECONDS, MHD_OPTION_CONNECTION_LIMIT,
	                     (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
	                     &srv, MHD_OPTION_END);
	if (!d) {
		close(fd);
		pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
		pthread_mutex_destroy(&srv.lock);
		store_close(main_st);
		return error_set(E_IO, "cannot start the server on %s", opts->listen);
	}
	fprintf(stderr, "isms: serving %s on http://%s/ (%u threads; SIGTERM stops)\n",
	        store_target(main_st), bound_name(fd, shown, sizeof(shown)), threads);
	while (sigwait(&stop, &sig) == 0 && sig != SIGTERM && sig != SIGINT)
		;
	/* Stop accepting, let what is in flight finish, then stop. */
	MHD_quiesce_daemon(d);
	for (int i = 0; i < HTTP_DRAIN_SECONDS * 10 && atomic_load(&srv.active) > 0; i++)
		usleep(100 * 1000);
	MHD_stop_daemon(d);
	for (size_t i = 0; i < srv.nstores; i++)
		store_close(srv.stores[i]);
	free(srv.stores);
	store_close(main_st);
	pthread_mutex_destroy(&srv.lock);
	pthread_sigmask(SIG_UNBLOCK, &stop, NULL);
	fprintf(stderr, "isms: stopped (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	return 0;
}
