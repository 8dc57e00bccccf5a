/*
 * routes.c - the HTTP API's routes: one table, each route a method, a
 * path pattern and a handler that calls the same app functions as the
 * command line and answers with the view layer's JSON.  Every route is
 * described in docs/api/openapi.json; a test keeps the two in step.
 */
#include <string.h>

#include "app/app.h"
#include "core/embed.h"
#include "core/error.h"
#include "http/http.h"
#include "view/json.h"

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

static int list_orgs(struct http_ctx *c)
{
	struct org_list list = { 0 };
	int rc = store_org_list(c->st, &list);

	if (!rc)
		c->json = json_org_list(&list);
	org_list_release(&list);
	return rc;
}

const struct http_route http_routes[] = {
	{ "GET", "/api/v1/openapi.json", get_openapi, ROUTE_PUBLIC },
	{ "GET", "/api/v1/orgs", list_orgs, 0 },
};

const size_t http_routes_count = sizeof(http_routes) / sizeof(http_routes[0]);
