/*
 * routes.c - the HTTP API's routes: one table, each route a method, a
 * path pattern, what it reads or changes (checked against the caller's
 * role and organisations before the handler runs) and a handler that
 * calls the same app functions as the command line and answers with the
 * view layer's JSON.  Every route is described in docs/api/openapi.json;
 * a test keeps the two in step.
 */
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

static int get_openapi(struct http_ctx *c)
{
	for (size_t i = 0; i < api_documents_count; i++)
		if (!strcmp(api_documents[i].name, "openapi.json")) {
			strbuf_add(&c->raw, api_documents[i].data, api_documents[i].len);
			c->content_type = "application/json; charset=utf-8";
			return 0;
		}
	return error_set(E_INTERNAL, "the API description is missing from this build");
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

/* ---- organisations ---- */

/* Every organisation for an administrator; the granted ones for others. */
static int list_orgs(struct http_ctx *c)
{
	struct org_list list = { 0 };
	struct user u = { 0 };
	int rc = c->user.role == ROLE_ADMIN
	                 ? store_org_list(c->st, &list)
	                 : app_user_get(c->st, c->user.name, &u, &list);

	if (!rc)
		c->json = json_org_list(&list);
	org_list_release(&list);
	user_release(&u);
	return rc;
}

static int get_org(struct http_ctx *c)
{
	c->json = json_org(&c->org);
	return 0;
}

const struct http_route http_routes[] = {
	{ "GET", "/api/v1/openapi.json", get_openapi, ROUTE_PUBLIC, AREA_CATALOG,
	  ACCESS_READ },
	{ "POST", "/api/v1/session", post_session, ROUTE_PUBLIC, AREA_USER,
	  ACCESS_WRITE },
	{ "GET", "/api/v1/session", get_session, ROUTE_ANY_USER, AREA_USER, ACCESS_READ },
	{ "DELETE", "/api/v1/session", delete_session, ROUTE_ANY_USER, AREA_USER,
	  ACCESS_WRITE },
	{ "POST", "/api/v1/setup", post_setup, ROUTE_PUBLIC, AREA_USER, ACCESS_WRITE },
	{ "GET", "/api/v1/orgs", list_orgs, 0, AREA_ORG, ACCESS_READ },
	{ "GET", "/api/v1/orgs/{org}", get_org, ROUTE_ORG, AREA_ORG, ACCESS_READ },
};

const size_t http_routes_count = sizeof(http_routes) / sizeof(http_routes[0]);
