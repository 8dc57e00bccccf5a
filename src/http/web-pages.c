/*
 * web-pages.c - the web application's pages: signing in, the first
 * administrator, choosing an organisation, and the files pages use.
 * Each page reads through the API's routes (http_call) and renders a
 * template of web/templates; its forms post to the API's routes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/embed.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "http/http.h"
#include "http/web.h"
#include "http/web-pages.h"

const char *const web_no_params[] = { NULL };

/* ---- files ---- */

static const char *static_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
	};
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

static int get_static(struct http_ctx *c)
{
	for (size_t i = 0; i < web_static_count; i++)
		if (!strcmp(web_static[i].name, c->param[0])) {
			strbuf_add(&c->raw, web_static[i].data, web_static[i].len);
			c->content_type = static_type(c->param[0]);
			return 0;
		}
	return error_set(E_NOTFOUND, "no file '%s'", c->param[0]);
}

/* ---- signing in ---- */

/* Where to go after signing in: this site's page, else the start. */
static const char *next_page(struct http_ctx *c)
{
	const char *next = http_query(c, "next");

	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	return next;
}

static int get_sign_in(struct http_ctx *c)
{
	static const char *const params[] = { "next", NULL };
	json_t *m;
	int rc = http_query_check(c, params);

	if (rc)
		return rc;
	m = web_model(c, "sign-in", "Sign in");
	json_object_set_new(m, "next", json_string(next_page(c)));
	return web_render(c, "sign-in.html", m);
}

static int get_setup(struct http_ctx *c)
{
	static const char *const params[] = { "token", NULL };
	const char *token = http_query(c, "token");
	json_t *m;
	int rc = http_query_check(c, params);

	if (rc)
		return rc;
	m = web_model(c, "setup", "Create the first administrator");
	json_object_set_new(m, "token", json_string(token ? token : ""));
	return web_render(c, "setup.html", m);
}

/* ---- organisations ---- */

/* The start: the one organisation's dashboard, or the list to choose from. */
static int get_start(struct http_ctx *c)
{
	json_t *orgs = NULL;
	struct strbuf to = STRBUF_INIT;
	int rc = http_query_check(c, NULL_PARAMS);

	if (!rc)
		rc = http_call(c, "/api/v1/orgs?limit=2", &orgs);
	if (rc) {
		json_decref(orgs);
		return rc;
	}
	if (json_array_size(orgs) == 1) {
		strbuf_addstr(&to, "/orgs/");
		http_url_encode(&to, json_string_value(json_object_get(
		                             json_array_get(orgs, 0), "slug")));
	} else {
		strbuf_addstr(&to, "/orgs");
	}
	rc = web_redirect(c, to.buf);
	strbuf_release(&to);
	json_decref(orgs);
	return rc;
}

static int get_orgs(struct http_ctx *c)
{
	json_t *m;
	int rc = http_query_check(c, NULL_PARAMS);

	if (rc)
		return rc;
	m = web_model(c, "orgs", "Organisations");
	return web_render(c, "orgs.html", m);
}

static const struct http_route pages[] = {
	{ "GET", "/", get_start, ROUTE_PAGE, AREA_ORG, ACCESS_READ, NULL },
	{ "GET", "/sign-in", get_sign_in, ROUTE_PAGE | ROUTE_PUBLIC, AREA_USER,
	  ACCESS_READ, NULL },
	{ "GET", "/setup", get_setup, ROUTE_PAGE | ROUTE_PUBLIC, AREA_USER, ACCESS_READ,
	  NULL },
	{ "GET", "/static/{name}", get_static, ROUTE_PAGE | ROUTE_PUBLIC, AREA_CATALOG,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs", get_orgs, ROUTE_PAGE, AREA_ORG, ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}", web_dashboard, ROUTE_PAGE | ROUTE_ORG, AREA_ORG,
	  ACCESS_READ, NULL },
};

static HTTP_ROUTE_TABLE(web_core, pages);

/* Every part's pages; a part adds its table here. */
static const struct http_route_table *const tables[] = {
	&web_core, &web_org_table, &web_audit_table, &web_gap_table, &web_risk_table,
};

size_t http_page_count(void)
{
	return http_tables_count(tables, sizeof(tables) / sizeof(tables[0]));
}

const struct http_route *http_page_at(size_t i)
{
	return http_tables_at(tables, sizeof(tables) / sizeof(tables[0]), i);
}
