/*
 * api-org.c - the organisations, their ISMS scope, the catalogue and the
 * overview over HTTP: the same app functions as `isms org`, `isms scope`,
 * `isms catalog` and `isms overview`, answering with the same JSON as
 * their --json.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/error.h"
#include "http/http.h"
#include "view/json.h"

/* ---- organisations ---- */

/* Every organisation for an administrator; the granted ones for others. */
static int list_orgs(struct http_ctx *c)
{
	struct org_list list = { 0 };
	int rc = app_org_visible(c->st, &c->user, &list);

	if (!rc) {
		c->json = json_org_list(&list);
		rc = http_page(c, c->json);
	}
	org_list_release(&list);
	return rc;
}

/*
 * An organisation as `org show --json` gives it, loaded afresh (a change
 * may have renamed it): the same record whether created, read or changed,
 * so that the ETag of any of these answers is what If-Match takes next.
 */
static int org_answer(struct http_ctx *c, const char *slug)
{
	struct org org = { 0 };
	struct scope scope = { 0 };
	int rc = app_org_get(c->st, slug, &org);

	if (!rc)
		rc = store_scope_get(c->st, org.id, &scope);
	if (!rc)
		c->json = json_org_scope(&org, &scope);
	scope_release(&scope);
	org_release(&org);
	return rc;
}

static int get_org(struct http_ctx *c)
{
	return org_answer(c, c->param[0]);
}

static int post_org(struct http_ctx *c)
{
	static const char *const fields[] = { "slug", "name", NULL };
	json_t *body = NULL;
	const char *slug = NULL, *name = NULL;
	struct org org = { 0 };
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "slug", true, &slug);
	if (!rc)
		rc = http_field(body, "name", true, &name);
	if (!rc)
		rc = app_org_add(c->st, slug, name, &org);
	if (!rc)
		rc = org_answer(c, org.slug);
	if (!rc)
		c->status = 201;
	org_release(&org);
	json_decref(body);
	return rc;
}

static int patch_org(struct http_ctx *c)
{
	static const char *const fields[] = { "name", NULL };
	json_t *body = NULL;
	const char *name = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "name", true, &name);
	if (!rc)
		rc = app_org_rename(c->st, c->param[0], name);
	json_decref(body);
	return rc;
}

static int delete_org(struct http_ctx *c)
{
	int rc = app_org_remove(c->st, c->param[0]);

	if (!rc)
		c->status = 204;
	return rc;
}

/* ---- the ISMS scope ---- */

/* The whole scope, as `scope show --json`. */
static int get_scope(struct http_ctx *c)
{
	struct scope sc = { 0 };
	int rc = store_scope_get(c->st, c->org.id, &sc);

	if (!rc)
		c->json = json_scope(&c->org, &sc);
	scope_release(&sc);
	return rc;
}

/* `scope statement TEXT`: the statement is the scope's one plain field. */
static int patch_scope(struct http_ctx *c)
{
	static const char *const fields[] = { "statement", NULL };
	json_t *body = NULL;
	const char *statement = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "statement", true, &statement);
	if (!rc)
		rc = app_scope_set_statement(c->st, &c->org, statement);
	json_decref(body);
	return rc;
}

/* One item of the scope by its kind and name, as the path names it. */
static int item_answer(struct http_ctx *c, const char *kind, const char *name)
{
	struct scope sc;
	const struct scope_item *it;
	int rc = app_scope_item_get(c->st, &c->org, kind, name, &sc, &it);

	if (!rc)
		c->json = json_scope_item(it);
	scope_release(&sc);
	return rc;
}

static int get_scope_item(struct http_ctx *c)
{
	return item_answer(c, c->param[1], c->param[2]);
}

/* `scope add KIND NAME [--description TEXT]` for the four kinds of item. */
static int post_scope_item(struct http_ctx *c)
{
	static const char *const fields[] = { "kind", "name", "description", NULL };
	json_t *body = NULL;
	const char *kind = NULL, *name = NULL, *desc = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "kind", true, &kind);
	if (!rc)
		rc = http_field(body, "name", true, &name);
	if (!rc)
		rc = http_field(body, "description", false, &desc);
	if (!rc)
		rc = app_scope_item_add(c->st, &c->org, kind, name, desc ? desc : "");
	if (!rc)
		rc = item_answer(c, kind, name);
	if (!rc)
		c->status = 201;
	json_decref(body);
	return rc;
}

/* `scope exclude KIND NAME --reason TEXT`: the reason is the app's to require. */
static int post_scope_exclude(struct http_ctx *c)
{
	static const char *const fields[] = { "reason", NULL };
	json_t *body = NULL;
	const char *reason = NULL;
	int rc = http_body_fields(c, fields, true, &body);

	if (!rc)
		rc = http_field(body, "reason", false, &reason);
	if (!rc)
		rc = app_scope_exclude(c->st, &c->org, c->param[1], c->param[2], reason);
	json_decref(body);
	return rc;
}

static int post_scope_include(struct http_ctx *c)
{
	static const char *const fields[] = { NULL };
	json_t *body = NULL;
	int rc = http_body_fields(c, fields, true, &body);

	if (!rc)
		rc = app_scope_include(c->st, &c->org, c->param[1], c->param[2]);
	json_decref(body);
	return rc;
}

static int delete_scope_item(struct http_ctx *c)
{
	int rc = app_scope_item_remove(c->st, &c->org, c->param[1], c->param[2]);

	if (!rc)
		c->status = 204;
	return rc;
}

/* One interface or dependency by its kind and name. */
static int iface_answer(struct http_ctx *c, const char *kind, const char *name)
{
	struct scope sc;
	const struct scope_iface *f;
	int rc = app_scope_iface_get(c->st, &c->org, kind, name, &sc, &f);

	if (!rc)
		c->json = json_scope_iface(f);
	scope_release(&sc);
	return rc;
}

static int get_scope_iface(struct http_ctx *c)
{
	return iface_answer(c, c->param[1], c->param[2]);
}

/* `scope add (interface|dependency) NAME [--party P] [--description TEXT]` */
static int post_scope_iface(struct http_ctx *c)
{
	static const char *const fields[] = { "kind", "name", "party", "description",
		                              NULL };
	json_t *body = NULL;
	const char *kind = NULL, *name = NULL, *party = NULL, *desc = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "kind", true, &kind);
	if (!rc)
		rc = http_field(body, "name", true, &name);
	if (!rc)
		rc = http_field(body, "party", false, &party);
	if (!rc)
		rc = http_field(body, "description", false, &desc);
	if (!rc)
		rc = app_scope_iface_add(c->st, &c->org, kind, name, party ? party : "",
		                         desc ? desc : "");
	if (!rc)
		rc = iface_answer(c, kind, name);
	if (!rc)
		c->status = 201;
	json_decref(body);
	return rc;
}

static int delete_scope_iface(struct http_ctx *c)
{
	int rc = app_scope_iface_remove(c->st, &c->org, c->param[1], c->param[2]);

	if (!rc)
		c->status = 204;
	return rc;
}

/* ---- the catalogue ---- */

static int list_frameworks(struct http_ctx *c)
{
	struct framework_list list = { 0 };
	int rc = store_framework_list(c->st, &list);

	if (!rc) {
		c->json = json_framework_list(&list);
		rc = http_page(c, c->json);
	}
	framework_list_release(&list);
	return rc;
}

/*
 * `catalog import FILE`, the body being the file's YAML text: 201 when
 * the framework is new or changed, 200 when it was already up to date.
 */
static int post_framework(struct http_ctx *c)
{
	char *code = NULL;
	bool changed = false;
	int rc = app_catalog_import(c->st, "body", c->body, c->body_len, &changed, &code);

	if (!rc) {
		c->json = json_catalog_import(code, changed);
		c->status = changed ? 201 : 200;
	}
	free(code);
	return rc;
}

/* `catalog list --framework ID [--theme T | --clause N] [--kind K]` */
static int list_catalog_items(struct http_ctx *c)
{
	struct catalog_query q = { .framework = c->param[0],
		                   .theme = http_query(c, "theme"),
		                   .clause = http_query(c, "clause"),
		                   .kind = http_query(c, "kind") };
	struct catalog_item_list list = { 0 };
	int rc = app_catalog_query(c->st, &q, &list);

	if (!rc) {
		c->json = json_catalog_item_list(&list);
		rc = http_page(c, c->json);
	}
	catalog_item_list_release(&list);
	return rc;
}

/* `catalog show REF --framework ID`: the reference as a user types it. */
static int get_catalog_item(struct http_ctx *c)
{
	struct catalog_item it;
	int rc = app_catalog_get(c->st, c->param[0], c->param[1], &it);

	if (!rc)
		c->json = json_catalog_item(&it);
	catalog_item_release(&it);
	return rc;
}

/* ---- the overview ---- */

/* `overview --json`, with the organisations the caller may see. */
static int get_overview(struct http_ctx *c)
{
	struct overview ov;
	int rc = app_overview(c->st, &c->user, &ov);

	if (rc)
		return rc;
	/* Where the database lives is for those who run the server. */
	c->json = json_overview(c->user.role == ROLE_ADMIN ? store_target(c->st) : NULL,
	                        store_backend(c->st), ov.schema_version, &ov.orgs,
	                        ov.scopes, &ov.frameworks);
	overview_release(&ov);
	return 0;
}

#define SCOPE_ITEM "/api/v1/orgs/{org}/scope/items/{kind}/{name}"
#define SCOPE_IFACE "/api/v1/orgs/{org}/scope/interfaces/{kind}/{name}"

static const struct http_route routes[] = {
	{ "GET", "/api/v1/orgs", list_orgs, 0, AREA_ORG, ACCESS_READ, NULL },
	{ "POST", "/api/v1/orgs", post_org, 0, AREA_ORG, ACCESS_WRITE, NULL },
	{ "GET", "/api/v1/orgs/{org}", get_org, ROUTE_ORG, AREA_ORG, ACCESS_READ, NULL },
	{ "PATCH", "/api/v1/orgs/{org}", patch_org, ROUTE_ORG, AREA_ORG, ACCESS_WRITE,
	  get_org },
	{ "DELETE", "/api/v1/orgs/{org}", delete_org, ROUTE_ORG, AREA_ORG, ACCESS_WRITE,
	  get_org },
	{ "GET", "/api/v1/orgs/{org}/scope", get_scope, ROUTE_ORG, AREA_SCOPE,
	  ACCESS_READ, NULL },
	{ "PATCH", "/api/v1/orgs/{org}/scope", patch_scope, ROUTE_ORG, AREA_SCOPE,
	  ACCESS_WRITE, get_scope },
	{ "POST", "/api/v1/orgs/{org}/scope/items", post_scope_item, ROUTE_ORG,
	  AREA_SCOPE, ACCESS_WRITE, NULL },
	{ "GET", SCOPE_ITEM, get_scope_item, ROUTE_ORG, AREA_SCOPE, ACCESS_READ, NULL },
	{ "DELETE", SCOPE_ITEM, delete_scope_item, ROUTE_ORG, AREA_SCOPE, ACCESS_WRITE,
	  get_scope_item },
	{ "POST", SCOPE_ITEM "/exclude", post_scope_exclude, ROUTE_ORG, AREA_SCOPE,
	  ACCESS_WRITE, get_scope_item },
	{ "POST", SCOPE_ITEM "/include", post_scope_include, ROUTE_ORG, AREA_SCOPE,
	  ACCESS_WRITE, get_scope_item },
	{ "POST", "/api/v1/orgs/{org}/scope/interfaces", post_scope_iface, ROUTE_ORG,
	  AREA_SCOPE, ACCESS_WRITE, NULL },
	{ "GET", SCOPE_IFACE, get_scope_iface, ROUTE_ORG, AREA_SCOPE, ACCESS_READ, NULL },
	{ "DELETE", SCOPE_IFACE, delete_scope_iface, ROUTE_ORG, AREA_SCOPE, ACCESS_WRITE,
	  get_scope_iface },
	{ "GET", "/api/v1/frameworks", list_frameworks, 0, AREA_CATALOG, ACCESS_READ,
	  NULL },
	{ "POST", "/api/v1/frameworks", post_framework, 0, AREA_CATALOG, ACCESS_WRITE,
	  NULL },
	{ "GET", "/api/v1/frameworks/{framework}/items", list_catalog_items, 0,
	  AREA_CATALOG, ACCESS_READ, NULL },
	{ "GET", "/api/v1/frameworks/{framework}/items/{ref}", get_catalog_item, 0,
	  AREA_CATALOG, ACCESS_READ, NULL },
	{ "GET", "/api/v1/overview", get_overview, 0, AREA_ORG, ACCESS_READ, NULL },
};

HTTP_ROUTE_TABLE(http_api_org, routes);
