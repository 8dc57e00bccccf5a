/*
 * test-http.c - the HTTP layer without a network: path patterns, and the
 * route table and the OpenAPI document describing exactly the same routes.
 */
#include "unit.h"

#include <ctype.h>
#include <jansson.h>

#include "core/embed.h"
#include "http/http.h"

static void test_match(void **state)
{
	const char *param[HTTP_PARAMS_MAX];
	size_t n;
	char buf[256];

	(void)state;
	assert_true(
	        http_match("/api/v1/orgs", "/api/v1/orgs", param, &n, buf, sizeof(buf)));
	assert_int_equal(n, 0);
	assert_true(http_match("/api/v1/orgs/{org}/capa/{id}", "/api/v1/orgs/acme/capa/3",
	                       param, &n, buf, sizeof(buf)));
	assert_int_equal(n, 2);
	assert_string_equal(param[0], "acme");
	assert_string_equal(param[1], "3");
	/* A part never spans a slash and is never empty. */
	assert_false(http_match("/api/v1/orgs/{org}", "/api/v1/orgs/a/b", param, &n, buf,
	                        sizeof(buf)));
	assert_false(http_match("/api/v1/orgs/{org}", "/api/v1/orgs/", param, &n, buf,
	                        sizeof(buf)));
	assert_false(
	        http_match("/api/v1/orgs", "/api/v1/orgs/", param, &n, buf, sizeof(buf)));
	assert_false(
	        http_match("/api/v1/orgs", "/api/v1/org", param, &n, buf, sizeof(buf)));
	/* Captures that do not fit are no match, never an overflow. */
	assert_false(http_match("/{a}", "/0123456789", param, &n, buf, 8));
	/* Each part is unescaped on its own: an escaped slash stays inside
	 * its name, and a bad escape or an escaped NUL is no match. */
	assert_true(http_match("/assets/{name}/x", "/assets/a%2Fb%20c/x", param, &n, buf,
	                       sizeof(buf)));
	assert_int_equal(n, 1);
	assert_string_equal(param[0], "a/b c");
	assert_true(http_match("/{a}", "/%25%2f", param, &n, buf, sizeof(buf)));
	assert_string_equal(param[0], "%/");
	assert_false(http_match("/{a}", "/a%2", param, &n, buf, sizeof(buf)));
	assert_false(http_match("/{a}", "/a%zz", param, &n, buf, sizeof(buf)));
	assert_false(http_match("/{a}", "/a%00b", param, &n, buf, sizeof(buf)));
	assert_true(http_path_escapes_valid("/a%2Fb/%c3%a9"));
	assert_false(http_path_escapes_valid("/a%2"));
	assert_false(http_path_escapes_valid("/a%g0"));
	assert_false(http_path_escapes_valid("/a%00"));
}

static json_t *openapi(void)
{
	json_error_t err;
	size_t len;
	const char *text = http_openapi(&len);
	json_t *doc = json_loadb(text, len, 0, &err);

	if (!doc)
		fail_msg("openapi.json: %s (line %d)", err.text, err.line);
	return doc;
}

static void lower(const char *in, char *out, size_t size)
{
	size_t i = 0;

	for (; in[i] && i + 1 < size; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

/* Every route is documented, and every documented operation is a route. */
static void test_routes_match_openapi(void **state)
{
	json_t *doc = openapi(), *paths, *ops;
	const char *path, *method;
	size_t documented = 0;

	(void)state;
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
	paths = json_object_get(doc, "paths");
	assert_non_null(paths);
	for (size_t i = 0; i < http_route_count(); i++) {
		const struct http_route *rt = http_route_at(i);
		char m[16];
		json_t *op;

		lower(rt->method, m, sizeof(m));
		op = json_object_get(json_object_get(paths, rt->pattern), m);
		if (!op)
			fail_msg("route %s %s is not in openapi.json", rt->method,
			         rt->pattern);
		/* A public route says so; every other one needs credentials. */
		{
			json_t *sec = json_object_get(op, "security");
			bool public_doc =
			        sec && json_is_array(sec) && !json_array_size(sec);

			if (public_doc != !!(rt->flags & ROUTE_PUBLIC))
				fail_msg("%s %s: public in one and not the other",
				         rt->method, rt->pattern);
		}
	}
	json_object_foreach(paths, path, ops)
	{
		json_t *op;

		json_object_foreach(ops, method, op)
		{
			static const char *const methods[] = { "get",     "put",
				                               "post",    "delete",
				                               "options", "head",
				                               "patch",   "trace" };
			bool found = false, is_method = false;

			/* A path item also holds parameters, a summary ... */
			for (size_t k = 0; k < sizeof(methods) / sizeof(*methods); k++)
				is_method = is_method || !strcmp(methods[k], method);
			if (!is_method)
				continue;
			documented++;
			for (size_t i = 0; !found && i < http_route_count(); i++) {
				const struct http_route *rt = http_route_at(i);
				char m[16];

				lower(rt->method, m, sizeof(m));
				found = !strcmp(m, method) && !strcmp(rt->pattern, path);
			}
			if (!found)
				fail_msg(
				        "openapi.json documents %s %s, which is no route",
				        method, path);
		}
	}
	assert_int_equal(documented, http_route_count());
	json_decref(doc);
}

/*
 * Routes of an organisation name it first, so that the server resolves it
 * and checks the grant; and no two routes are alike.
 */
static void test_route_table_shape(void **state)
{
	(void)state;
	for (size_t i = 0; i < http_route_count(); i++) {
		const struct http_route *rt = http_route_at(i);
		bool org_path = !strncmp(rt->pattern, "/api/v1/orgs/{org}", 18);

		if (org_path != !!(rt->flags & ROUTE_ORG))
			fail_msg("%s %s: {org} and ROUTE_ORG disagree", rt->method,
			         rt->pattern);
		if (rt->current && !strcmp(rt->method, "GET"))
			fail_msg("%s %s: a GET has no current record to check",
			         rt->method, rt->pattern);
		for (size_t j = 0; j < i; j++) {
			const struct http_route *o = http_route_at(j);

			if (!strcmp(o->method, rt->method) &&
			    !strcmp(o->pattern, rt->pattern))
				fail_msg("%s %s is routed twice", rt->method,
				         rt->pattern);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_routes_match_openapi),
		cmocka_unit_test(test_route_table_shape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
