/*
 * web-org.c - pages of one organisation that read one API answer each:
 * the ISMS scope (4.3), the compliance calendar and the organisation's
 * part of the change log; and the administrators' users page.
 */
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "http/http.h"
#include "http/web-pages.h"
#include "http/web.h"

/*
 * The common shape: one API answer (rest under the organisation, or an
 * absolute path when rest starts with "/api/") as the model's `key`, and
 * the template rendered.  A role that may not read it sees the page
 * without it.
 */
static int one_source_page(struct http_ctx *c, const char *const *params, const char *nav,
                           const char *title, const char *rest, const char *key,
                           const char *template_name)
{
	struct strbuf path = STRBUF_INIT;
	json_t *m, *data = NULL;
	int rc = http_query_check(c, params);

	if (rc)
		return rc;
	if (!strncmp(rest, "/api/", 5))
		strbuf_addstr(&path, rest);
	else
		web_org_api(&path, c, rest);
	rc = http_call(c, path.buf, &data);
	strbuf_release(&path);
	if (rc) {
		json_decref(data);
		return rc;
	}
	m = web_model(c, nav, title);
	if (data)
		json_object_set_new(m, key, data);
	return web_render(c, template_name, m);
}

/* ---- scope ---- */

static const struct {
	const char *kind, *label;
} scope_kinds[] = {
	{ "process", "Processes" },
	{ "location", "Locations" },
	{ "technology", "Technology" },
	{ "data-type", "Types of data" },
};

/* The scope's items grouped by kind, in the order above, for the page. */
static json_t *scope_groups(json_t *scope)
{
	json_t *groups = json_array(), *items = json_object_get(scope, "items");

	for (size_t k = 0; k < sizeof(scope_kinds) / sizeof(scope_kinds[0]); k++) {
		json_t *list = json_array();

		for (size_t i = 0; i < json_array_size(items); i++) {
			json_t *it = json_array_get(items, i);
			const char *kind = json_string_value(json_object_get(it, "kind"));

			if (kind && !strcmp(kind, scope_kinds[k].kind))
				json_array_append(list, it);
		}
		json_array_append_new(
		        groups, json_pack("{s:s, s:s, s:o}", "kind", scope_kinds[k].kind,
		                          "label", scope_kinds[k].label, "items", list));
	}
	return groups;
}

static int get_scope(struct http_ctx *c)
{
	struct strbuf path = STRBUF_INIT;
	json_t *m, *scope = NULL;
	int rc = http_query_check(c, NULL_PARAMS);

	if (rc)
		return rc;
	web_org_api(&path, c, "/scope");
	rc = http_call(c, path.buf, &scope);
	strbuf_release(&path);
	if (rc) {
		json_decref(scope);
		return rc;
	}
	m = web_model(c, "scope", "ISMS scope");
	if (scope) {
		json_object_set_new(m, "groups", scope_groups(scope));
		json_object_set_new(m, "scope", scope);
	}
	return web_render(c, "scope.html", m);
}

/* ---- calendar, log, users ---- */

static int get_calendar(struct http_ctx *c)
{
	static const char *const params[] = { "days", NULL };
	const char *days = http_query(c, "days");
	char rest[64];

	/* The days are checked by the calendar's route. */
	snprintf(rest, sizeof(rest), "/calendar?days=%.8s", days ? days : "90");
	return one_source_page(c, params, "calendar", "Calendar", rest, "calendar",
	                       "calendar.html");
}

/* A block's first changes are shown; the rest are counted. */
#define LOG_CHANGES_SHOWN "10"

static int get_log(struct http_ctx *c)
{
	struct strbuf path = STRBUF_INIT;
	json_t *m, *log = NULL, *blocks;
	int rc = http_query_check(c, NULL_PARAMS);

	if (rc)
		return rc;
	web_org_api(&path, c, "/log?limit=50&changes=" LOG_CHANGES_SHOWN);
	rc = http_call(c, path.buf, &log);
	strbuf_release(&path);
	if (rc) {
		json_decref(log);
		return rc;
	}
	blocks = json_object_get(log, "blocks");
	for (size_t i = 0; i < json_array_size(blocks); i++) {
		json_t *b = json_array_get(blocks, i),
		       *ch = json_object_get(b, "changes");
		size_t n = (size_t)json_integer_value(json_object_get(b, "entries"));

		if (n > json_array_size(ch))
			json_object_set_new(
			        b, "more",
			        json_integer((json_int_t)(n - json_array_size(ch))));
		/* The images are for the API; the page names the records. */
		for (size_t k = 0; k < json_array_size(ch); k++) {
			json_object_del(json_array_get(ch, k), "before");
			json_object_del(json_array_get(ch, k), "after");
		}
	}
	m = web_model(c, "log", "Change log");
	if (log)
		json_object_set_new(m, "log", log);
	return web_render(c, "log.html", m);
}

static int get_users(struct http_ctx *c)
{
	return one_source_page(c, NULL_PARAMS, "users", "Users and roles",
	                       "/api/v1/users?limit=1000", "users", "users.html");
}

static const struct http_route pages[] = {
	{ "GET", "/orgs/{org}/scope", get_scope, ROUTE_PAGE | ROUTE_ORG, AREA_SCOPE,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/calendar", get_calendar, ROUTE_PAGE | ROUTE_ORG,
	  AREA_CALENDAR, ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/log", get_log, ROUTE_PAGE | ROUTE_ORG, AREA_LOG,
	  ACCESS_READ, NULL },
	{ "GET", "/users", get_users, ROUTE_PAGE, AREA_USER, ACCESS_READ, NULL },
};

HTTP_ROUTE_TABLE(web_org_table, pages);
