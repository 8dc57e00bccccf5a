/*
 * routes.c - the HTTP API's routes: one table, each route a method, a
 * path pattern, what it reads or changes (checked against the caller's
 * role and organisations before the handler runs) and a handler that
 * calls the same app functions as the command line and answers with the
 * view layer's JSON.  Every route is described in docs/api/openapi.json;
 * a test keeps the two in step.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/embed.h"
#include "core/error.h"
#include "http/http.h"
#include "view/json.h"
#include "view/user.h"

/* ---- helpers ---- */

/* A string member of the body; E_USAGE naming it when absent or not text. */
static int body_string(json_t *body, const char *key, const char **out)
{
	json_t *v = json_object_get(body, key);

	*out = json_string_value(v);
	if (!*out)
		return error_set(E_USAGE, "the body needs \"%s\" as a string", key);
	return 0;
}

/* ---- the API's description ---- */

static pthread_once_t openapi_once = PTHREAD_ONCE_INIT;
static char *openapi_text;
static size_t openapi_len;

/* Copy every member of `from` into `to` (either may be NULL). */
static void merge_members(json_t *to, json_t *from)
{
	for (void *it = json_object_iter(from); to && it;
	     it = json_object_iter_next(from, it))
		json_object_set(to, json_object_iter_key(it), json_object_iter_value(it));
}

/* Merge one part's paths and component schemas into the document. */
static void openapi_merge(json_t *doc, json_t *part)
{
	merge_members(json_object_get(doc, "paths"), json_object_get(part, "paths"));
	merge_members(json_object_get(json_object_get(doc, "components"), "schemas"),
	              json_object_get(json_object_get(part, "components"), "schemas"));
}

static void openapi_build(void)
{
	json_t *doc = NULL;
	json_error_t err;

	/* The base document first: it is named first in the build. */
	for (size_t i = 0; i < api_documents_count; i++) {
		json_t *part =
		        json_loadb(api_documents[i].data, api_documents[i].len, 0, &err);

		if (!part)
			BUG("%s: %s (line %d)", api_documents[i].name, err.text,
			    err.line);
		if (!doc)
			doc = part;
		else {
			openapi_merge(doc, part);
			json_decref(part);
		}
	}
	if (!doc)
		BUG("the API description is missing from this build");
	openapi_text = json_dumps(doc, JSON_INDENT(1));
	openapi_len = strlen(openapi_text);
	json_decref(doc);
}

const char *http_openapi(size_t *len)
{
	pthread_once(&openapi_once, openapi_build);
	*len = openapi_len;
	return openapi_text;
}

static int get_openapi(struct http_ctx *c)
{
	size_t len;
	const char *text = http_openapi(&len);

	strbuf_add(&c->raw, text, len);
	c->content_type = "application/json; charset=utf-8";
	return 0;
}

/* ---- sessions ---- */

/* The session's cookie: HttpOnly (no script reads it), SameSite=Strict. */
static void session_cookie(struct http_ctx *c, const char *value, long max_age)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s",
	            HTTP_SESSION_COOKIE, value, max_age,
	            c->secure_cookies ? "; Secure" : "");
	free(c->set_cookie);
	c->set_cookie = strbuf_detach(&sb, NULL);
}

static json_t *session_doc(const struct user *u, const char *csrf, const char *expires)
{
	return json_pack("{s:{s:s, s:s}, s:s, s:s}", "user", "name", u->name, "role",
	                 role_name(u->role), "csrf", csrf, "expires_at", expires);
}

static int post_session(struct http_ctx *c)
{
	json_t *body = NULL;
	const char *name = NULL, *password = NULL;
	struct session_new s = { 0 };
	int rc = http_body_object(c, &body);

	if (!rc)
		rc = body_string(body, "username", &name);
	if (!rc)
		rc = body_string(body, "password", &password);
	if (!rc)
		rc = http_login_allowed(c->remote, name);
	if (!rc) {
		rc = app_login(c->st, name, password, &s);
		http_login_result(c->remote, name, rc == 0);
	}
	if (!rc) {
		session_cookie(c, s.token, SESSION_ABSOLUTE_SECONDS);
		c->json = session_doc(&s.user, s.csrf, s.expires_at);
		c->status = 201;
	}
	session_new_release(&s);
	json_decref(body);
	return rc;
}

static int get_session(struct http_ctx *c)
{
	if (!c->by_cookie)
		return error_set(E_USAGE, "an API token has no session; its user is %s",
		                 c->user.name);
	c->json = session_doc(&c->user, c->session.csrf, c->session.expires_at);
	return 0;
}

static int delete_session(struct http_ctx *c)
{
	int rc;

	if (!c->by_cookie)
		return error_set(E_USAGE,
		                 "an API token has no session to end; revoke the "
		                 "token instead");
	rc = app_logout(c->st, c->cookie);
	if (!rc) {
		session_cookie(c, "", 0);
		c->status = 204;
		c->content_type = "text/plain";
	}
	return rc;
}

/* The first administrator, with the set-up token the server printed. */
static int post_setup(struct http_ctx *c)
{
	json_t *body = NULL;
	const char *token = NULL, *name = NULL, *password = NULL;
	struct user u = { 0 };
	int rc = http_body_object(c, &body);

	if (!rc)
		rc = body_string(body, "token", &token);
	if (!rc)
		rc = body_string(body, "username", &name);
	if (!rc)
		rc = body_string(body, "password", &password);
	if (!rc)
		rc = http_login_allowed(c->remote, "(setup)");
	if (!rc) {
		rc = app_setup_token_use(c->st, token, name, password, &u);
		http_login_result(c->remote, "(setup)", rc == 0);
	}
	if (!rc) {
		c->json = json_user(&u, NULL);
		c->status = 201;
	}
	user_release(&u);
	json_decref(body);
	return rc;
}

static const struct http_route core_routes[] = {
	{ "GET", "/api/v1/openapi.json", get_openapi, ROUTE_PUBLIC, AREA_CATALOG,
	  ACCESS_READ, NULL },
	{ "POST", "/api/v1/session", post_session, ROUTE_PUBLIC, AREA_USER, ACCESS_WRITE,
	  NULL },
	{ "GET", "/api/v1/session", get_session, ROUTE_ANY_USER, AREA_USER, ACCESS_READ,
	  NULL },
	{ "DELETE", "/api/v1/session", delete_session, ROUTE_ANY_USER, AREA_USER,
	  ACCESS_WRITE, NULL },
	{ "POST", "/api/v1/setup", post_setup, ROUTE_PUBLIC, AREA_USER, ACCESS_WRITE,
	  NULL },
};

HTTP_ROUTE_TABLE(http_api_core, core_routes);

/* ---- every route ---- */

static const struct http_route_table *const tables[] = {
	&http_api_core,  &http_api_org,    &http_api_gap,   &http_api_risk,
	&http_api_audit, &http_api_review, &http_api_admin,
};

size_t http_tables_count(const struct http_route_table *const *t, size_t ntables)
{
	size_t n = 0;

	for (size_t k = 0; k < ntables; k++)
		n += t[k]->n;
	return n;
}

const struct http_route *http_tables_at(const struct http_route_table *const *t,
                                        size_t ntables, size_t i)
{
	for (size_t k = 0; k < ntables; k++) {
		if (i < t[k]->n)
			return &t[k]->v[i];
		i -= t[k]->n;
	}
	return NULL;
}

size_t http_route_count(void)
{
	return http_tables_count(tables, sizeof(tables) / sizeof(tables[0]));
}

const struct http_route *http_route_at(size_t i)
{
	return http_tables_at(tables, sizeof(tables) / sizeof(tables[0]), i);
}
