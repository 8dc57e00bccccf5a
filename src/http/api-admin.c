/*
 * api-admin.c - users, their grants and API tokens, the change log and its verification
 * over HTTP: the same app functions as the command line, answering with the same JSON as
 * its --json.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/error.h"
#include "http/http.h"
#include "view/log.h"
#include "view/user.h"

/* ---- users ---- */

/* The password member: text only, never a number or true taken as one. */
static int password_field(json_t *body, bool required, const char **out)
{
	json_t *v = json_object_get(body, "password");

	*out = NULL;
	if (!v || json_is_null(v))
		return required ? error_set(E_USAGE, "the body needs \"password\"") : 0;
	if (!json_is_string(v))
		return error_set(E_USAGE, "\"password\" must be a string");
	*out = json_string_value(v);
	return 0;
}

static int list_users(struct http_ctx *c)
{
	struct user_orgs l = { 0 };
	int rc = app_user_list_orgs(c->st, &l);

	if (!rc) {
		c->json = json_user_list(&l.users, l.orgs);
		rc = http_page(c, c->json);
	}
	user_orgs_release(&l);
	return rc;
}

/* The user as 'user show' gives them, loaded now (a change may have made them). */
static int get_user(struct http_ctx *c)
{
	struct user u = { 0 };
	struct org_list orgs = { 0 };
	struct api_token_list tokens = { 0 };
	int rc = app_user_get(c->st, c->param[0], &u, &orgs);

	if (!rc)
		rc = app_token_list(c->st, u.name, &tokens);
	if (!rc)
		c->json = json_user_show(&u, &orgs, &tokens);
	api_token_list_release(&tokens);
	org_list_release(&orgs);
	user_release(&u);
	return rc;
}

/*
 * 'user add': the password comes in the body (the same rules), or
 * "no_password": true for a user of API tokens only; never neither, so
 * that a forgotten password does not make a user who cannot sign in.
 */
static int post_user(struct http_ctx *c)
{
	static const char *const fields[] = { "name",     "role",        "org",
		                              "password", "no_password", NULL };
	const char *name = NULL, *role = NULL, *org = NULL, *password = NULL;
	bool no_password = false;
	struct org_list orgs = { 0 };
	struct user u = { 0 };
	json_t *body = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "name", true, &name);
	if (!rc)
		rc = http_field(body, "role", true, &role);
	if (!rc)
		rc = http_field(body, "org", false, &org);
	if (!rc)
		rc = http_field_bool(c, body, "no_password", &no_password);
	if (!rc)
		rc = password_field(body, false, &password);
	if (!rc && no_password && password)
		rc = error_set(E_USAGE,
		               "give \"password\" or \"no_password\": true, not both");
	if (!rc && !no_password && !password)
		rc = error_set(E_USAGE,
		               "the body needs \"password\" (or \"no_password\": "
		               "true for a user of API tokens only)");
	if (!rc)
		rc = app_user_add(c->st, name, role, password, org, &u);
	if (!rc)
		rc = store_user_orgs(c->st, u.id, &orgs);
	if (!rc) {
		c->json = json_user(&u, &orgs);
		c->status = 201;
	}
	org_list_release(&orgs);
	user_release(&u);
	json_decref(body);
	return rc;
}

/* 'user set': a new role, and "disable" or "enable". */
static int patch_user(struct http_ctx *c)
{
	static const char *const fields[] = { "role", "disable", "enable", NULL };
	const char *role = NULL;
	bool disable = false, enable = false;
	json_t *body = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "role", false, &role);
	if (!rc)
		rc = http_field_bool(c, body, "disable", &disable);
	if (!rc)
		rc = http_field_bool(c, body, "enable", &enable);
	if (!rc)
		rc = app_user_set_flags(c->st, c->param[0], role, disable, enable);
	json_decref(body);
	return rc;
}

/* A new password (the same rules); the user's sessions end. */
static int put_password(struct http_ctx *c)
{
	static const char *const fields[] = { "password", NULL };
	const char *password = NULL;
	json_t *body = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = password_field(body, true, &password);
	if (!rc)
		rc = app_user_set_password(c->st, c->param[0], password);
	json_decref(body);
	return rc;
}

/* Grant (PUT) or revoke (DELETE) an organisation; answered with the user. */
static int grant(struct http_ctx *c, bool add)
{
	static const char *const fields[] = { NULL };
	json_t *body = NULL;
	int rc = http_body_fields(c, fields, true, &body);

	if (!rc)
		rc = app_user_grant(c->st, c->param[0], c->param[1], add, NULL);
	json_decref(body);
	return rc;
}

static int put_grant(struct http_ctx *c)
{
	return grant(c, true);
}

static int delete_grant(struct http_ctx *c)
{
	return grant(c, false);
}

static int delete_user(struct http_ctx *c)
{
	int rc = app_user_remove(c->st, c->param[0]);

	if (!rc)
		c->status = 204;
	return rc;
}

/* ---- API tokens ---- */

/* Every token, or ?user='s, revoked ones too; never their secrets. */
static int token_list(struct http_ctx *c, const char *user)
{
	struct api_token_list l = { 0 };
	int rc = app_token_list(c->st, user, &l);

	if (!rc) {
		c->json = json_api_token_list(&l);
		rc = http_page(c, c->json);
	}
	api_token_list_release(&l);
	return rc;
}

/* A new token of the user: its secret is in this answer and nowhere else. */
static int token_add(struct http_ctx *c, const char *user, const char *name)
{
	char secret[APP_SECRET_MAX] = { 0 };
	struct api_token t = { 0 };
	int rc = app_token_add(c->st, user, name, &t, secret);

	if (!rc) {
		c->json = json_api_token_secret(&t, secret);
		c->status = 201;
	}
	sodium_memzero(secret, sizeof(secret));
	api_token_release(&t);
	return rc;
}

static int list_tokens(struct http_ctx *c)
{
	return token_list(c, http_query(c, "user"));
}

static int post_token(struct http_ctx *c)
{
	static const char *const fields[] = { "name", "user", NULL };
	const char *name = NULL, *user = NULL;
	json_t *body = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "name", true, &name);
	if (!rc)
		rc = http_field(body, "user", true, &user);
	if (!rc)
		rc = token_add(c, user, name);
	json_decref(body);
	return rc;
}

/* Revoked for good; revoking again changes nothing. */
static int delete_token(struct http_ctx *c)
{
	int64_t id = 0;
	int rc = app_token_id_parse(c->param[0], &id);

	if (!rc)
		rc = app_token_revoke(c->st, id);
	if (!rc)
		c->status = 204;
	return rc;
}

/* The signed-in user's own tokens, whatever their role. */
static int list_own_tokens(struct http_ctx *c)
{
	return token_list(c, c->user.name);
}

static int post_own_token(struct http_ctx *c)
{
	static const char *const fields[] = { "name", NULL };
	const char *name = NULL;
	json_t *body = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "name", true, &name);
	if (!rc)
		rc = token_add(c, c->user.name, name);
	json_decref(body);
	return rc;
}

static int delete_own_token(struct http_ctx *c)
{
	int64_t id = 0;
	int rc = app_token_id_parse(c->param[0], &id);

	if (!rc)
		rc = app_token_revoke_own(c->st, c->user.name, id);
	if (!rc)
		c->status = 204;
	return rc;
}

/* ---- the change log and verify ---- */

/* The blocks of one page of the log, each with all of its entries. */
struct log_page {
	json_t *blocks;
	json_t *changes; /* the current block's; NULL before the page */
	size_t seen, first;
};

static int count_block(void *ctx, const struct store_log_block *b)
{
	(void)b;
	(*(size_t *)ctx)++;
	return 0;
}

static int skip_entry(void *ctx, const struct store_log_entry *e)
{
	(void)ctx;
	(void)e;
	return 0;
}

static int page_block(void *ctx, const struct store_log_block *b)
{
	struct log_page *p = ctx;
	json_t *block;

	p->changes = NULL;
	if (p->seen++ < p->first)
		return 0;
	block = json_log_block(b);
	p->changes = json_object_get(block, "changes");
	json_array_append_new(p->blocks, block);
	return 0;
}

static int page_entry(void *ctx, const struct store_log_entry *e)
{
	struct log_page *p = ctx;

	if (p->changes)
		json_array_append_new(p->changes, json_log_entry(e));
	return 0;
}

/*
 * 'isms log --json', newest first, a page of blocks at a time.  The log
 * is long and its images large, so it is not built whole: one walk
 * counts the blocks, and a second, in the same snapshot, builds only the
 * page's.  Under an organisation, only the blocks of that organisation.
 */
static int get_log(struct http_ctx *c)
{
	struct store_log_filter f = {
		.since = http_query(c, "since"),
		.table = http_query(c, "table"),
		.limit = 0,
		.entries = 1,
		.org_id = c->org.id,
	};
	static const char *const params[] = { "since", "table", "changes", NULL };
	const char *changes = http_query(c, "changes");
	struct log_page p = { 0 };
	size_t total = 0, count = 0;
	long long most = 0;
	char *end = NULL;
	int rc = http_query_check(c, params);

	/* ?changes=N: a block's first N changes only (its count stays whole). */
	if (!rc && changes) {
		most = strtoll(changes, &end, 10);
		if (!*changes || *end || most < 1 || most > 1000000)
			rc = error_set(E_USAGE,
			               "?changes takes a number of changes, 1 or more");
	}
	if (!rc)
		rc = app_log(c->st, &f, count_block, skip_entry, &total);
	if (!rc)
		rc = http_page_range(c, total, &p.first, &count);
	if (rc)
		return rc;
	p.blocks = json_array();
	c->json = json_pack("{s:o}", "blocks", p.blocks);
	f.limit = (int64_t)(p.first + count);
	f.entries = most;
	return count ? app_log(c->st, &f, page_block, page_entry, &p) : 0;
}

/* The same report as 'isms verify --json': problems are findings, not errors. */
static int get_verify(struct http_ctx *c)
{
	struct verify_report r;
	int rc = app_verify(c->st, &r);

	if (rc)
		return rc;
	c->json = json_verify_report(&r);
	verify_report_release(&r);
	return 0;
}

static const struct http_route routes[] = {
	{ "GET", "/api/v1/users", list_users, 0, AREA_USER, ACCESS_READ, NULL },
	{ "POST", "/api/v1/users", post_user, 0, AREA_USER, ACCESS_WRITE, NULL },
	{ "GET", "/api/v1/users/{name}", get_user, 0, AREA_USER, ACCESS_READ, NULL },
	{ "PATCH", "/api/v1/users/{name}", patch_user, 0, AREA_USER, ACCESS_WRITE,
	  get_user },
	{ "DELETE", "/api/v1/users/{name}", delete_user, 0, AREA_USER, ACCESS_WRITE,
	  get_user },
	{ "PUT", "/api/v1/users/{name}/password", put_password, 0, AREA_USER,
	  ACCESS_WRITE, get_user },
	{ "PUT", "/api/v1/users/{name}/orgs/{org}", put_grant, 0, AREA_USER, ACCESS_WRITE,
	  get_user },
	{ "DELETE", "/api/v1/users/{name}/orgs/{org}", delete_grant, 0, AREA_USER,
	  ACCESS_WRITE, get_user },
	{ "GET", "/api/v1/tokens", list_tokens, 0, AREA_USER, ACCESS_READ, NULL },
	{ "POST", "/api/v1/tokens", post_token, 0, AREA_USER, ACCESS_WRITE, NULL },
	{ "DELETE", "/api/v1/tokens/{id}", delete_token, 0, AREA_USER, ACCESS_WRITE,
	  NULL },
	{ "GET", "/api/v1/session/tokens", list_own_tokens, ROUTE_ANY_USER, AREA_USER,
	  ACCESS_READ, NULL },
	{ "POST", "/api/v1/session/tokens", post_own_token, ROUTE_ANY_USER, AREA_USER,
	  ACCESS_WRITE, NULL },
	{ "DELETE", "/api/v1/session/tokens/{id}", delete_own_token, ROUTE_ANY_USER,
	  AREA_USER, ACCESS_WRITE, NULL },
	{ "GET", "/api/v1/log", get_log, 0, AREA_LOG, ACCESS_READ, NULL },
	{ "GET", "/api/v1/orgs/{org}/log", get_log, ROUTE_ORG, AREA_LOG, ACCESS_READ,
	  NULL },
	{ "GET", "/api/v1/verify", get_verify, 0, AREA_LOG, ACCESS_READ, NULL },
};

HTTP_ROUTE_TABLE(http_api_admin, routes);
