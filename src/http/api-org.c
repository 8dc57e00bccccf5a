/*
 * api-org.c - the organisations, their ISMS scope and the catalogue over
 * HTTP: the same app functions as `isms org`, `isms scope` and
 * `isms catalog`, answering with the same JSON as their --json.
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
	struct user u = { 0 };
	int rc = c->user.role == ROLE_ADMIN
	                 ? store_org_list(c->st, &list)
	                 : app_user_get(c->st, c->user.name, &u, &list);

	if (!rc) {
		c->json = json_org_list(&list);
		rc = http_page(c, c->json);
	}
	org_list_release(&list);
	user_release(&u);
	return rc;
}

/* The organisation as it is now (a change may have renamed it). */
static int get_org(struct http_ctx *c)
{
	struct org org = { 0 };
	int rc = app_org_get(c->st, c->param[0], &org);

	if (!rc)
		c->json = json_org(&org);
	org_release(&org);
	return rc;
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
	if (!rc) {
		c->json = json_org(&org);
		c->status = 201;
	}
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

static const struct http_route routes[] = {
	{ "GET", "/api/v1/orgs", list_orgs, 0, AREA_ORG, ACCESS_READ, NULL },
	{ "POST", "/api/v1/orgs", post_org, 0, AREA_ORG, ACCESS_WRITE, NULL },
	{ "GET", "/api/v1/orgs/{org}", get_org, ROUTE_ORG, AREA_ORG, ACCESS_READ, NULL },
	{ "PATCH", "/api/v1/orgs/{org}", patch_org, ROUTE_ORG, AREA_ORG, ACCESS_WRITE,
	  get_org },
	{ "DELETE", "/api/v1/orgs/{org}", delete_org, ROUTE_ORG, AREA_ORG, ACCESS_WRITE,
	  get_org },
};

HTTP_ROUTE_TABLE(http_api_org, routes);
