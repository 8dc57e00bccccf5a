/*
 * test-parse.c - catalogue files: the built-in one, and malformed ones.
 */
#include "unit.h"

#include "core/embed.h"
#include "core/xalloc.h"
#include "parse/catalog-yaml.h"

static const struct embedded_file *builtin(const char *name)
{
	for (size_t i = 0; i < builtin_frameworks_count; i++)
		if (!strcmp(builtin_frameworks[i].name, name))
			return &builtin_frameworks[i];
	fail_msg("no built-in %s", name);
	return NULL;
}

static size_t count_group(const struct framework *fw, const char *group)
{
	size_t n = 0;

	for (size_t i = 0; i < fw->items.n; i++)
		n += !strcmp(fw->items.v[i].group, group);
	return n;
}

static void test_builtin_iso27001(void **state)
{
	const struct embedded_file *f = builtin("iso27001-2022.yaml");
	struct framework fw;
	size_t clauses = 0;

	(void)state;
	assert_ok(catalog_parse_yaml(f->name, f->data, f->len, &fw));
	assert_string_equal(fw.code, "iso27001-2022");
	assert_int_equal(fw.items.n, 123);
	for (size_t i = 0; i < fw.items.n; i++)
		clauses += !strcmp(fw.items.v[i].kind, "clause");
	assert_int_equal(clauses, 30);
	assert_int_equal(count_group(&fw, "organizational"), 37);
	assert_int_equal(count_group(&fw, "people"), 8);
	assert_int_equal(count_group(&fw, "physical"), 14);
	assert_int_equal(count_group(&fw, "technological"), 34);
	assert_int_equal(fw.nattr_types, 5);
	assert_int_equal(strlen(fw.sha256), 64);
	for (size_t i = 0; i < fw.items.n; i++) {
		const struct catalog_item *it = &fw.items.v[i];

		/* every control carries all five attribute types */
		if (!strcmp(it->kind, "control")) {
			for (size_t t = 0; t < fw.nattr_types; t++) {
				int found = 0;

				for (size_t a = 0; a < it->nattrs; a++)
					found |= !strcmp(it->attrs[a].type,
					                 fw.attr_types[t].code);
				if (!found)
					fail_msg("%s lacks %s", it->ref,
					         fw.attr_types[t].code);
			}
		} else {
			assert_int_equal(it->nattrs, 0);
		}
	}
	framework_release(&fw);
}

static const char minimal[] = "framework: {id: x, name: X, version: '1'}\n"
                              "groups: [{id: g, kind: theme, title: G}]\n"
                              "items:\n"
                              "  - {ref: X.1, kind: control, group: g, title: T, "
                              "description: D}\n";

static void test_minimal(void **state)
{
	struct framework fw;

	(void)state;
	assert_ok(catalog_parse_yaml("m", minimal, strlen(minimal), &fw));
	assert_int_equal(fw.items.n, 1);
	assert_null(fw.items.v[0].section);
	framework_release(&fw);
}

static void parse_fails(const char *text, const char *part)
{
	struct framework fw;

	assert_fails(catalog_parse_yaml("t.yaml", text, strlen(text), &fw), E_INVALID,
	             part);
	framework_release(&fw);
}

static void test_malformed(void **state)
{
	(void)state;
	parse_fails("", "t.yaml: the file is empty");
	parse_fails("- a\n- b\n", "the file must be a mapping");
	parse_fails("framework: [\n", "t.yaml:2:1:");
	parse_fails("framework: {id: x, name: X, version: '1'}\n",
	            "needs 'framework', 'groups' and 'items'");
	parse_fails("framework: {id: x, name: X, version: '1'}\ngroups: {}\nitems: []\n",
	            "'groups' must be a list");
	parse_fails("framework: {id: x, name: X}\ngroups: []\nitems: []\n",
	            "framework needs 'id', 'name' and 'version'");
	parse_fails("framework: {id: x, name: X, version: '1', colour: red}\n"
	            "groups: []\nitems: []\n",
	            "unknown key 'colour' in framework");
	parse_fails("framework: {id: x, name: X, version: '1'}\n"
	            "groups: [{id: g, kind: theme, title: G}]\n"
	            "items: [{ref: X.1, kind: control, group: g, title: [T], "
	            "description: D}]\n",
	            "'title' must be a single text value");
	parse_fails("framework: {id: x, name: X, version: '1'}\n"
	            "groups: [{id: g, kind: theme, title: G}]\n"
	            "items: [{ref: X.1, kind: control, group: g, title: \"T\\0U\", "
	            "description: D}]\n",
	            "'title' contains a NUL byte");
	parse_fails(
	        "framework: {id: x, name: X, version: '1'}\n"
	        "groups: [{id: g, kind: theme, title: G}]\n"
	        "items: [{ref: X.1, kind: control, group: g, title: T, description: D,"
	        " attributes: {colour: [red]}}]\n",
	        "unknown attribute 'colour'");
	parse_fails("framework: {id: x, name: X, version: '1'}\n"
	            "groups: [{id: g, kind: theme, title: G}]\n"
	            "items: []\n",
	            "framework 'x' has no items");
	parse_fails("framework: {id: x, name: X, version: '1'}\n"
	            "framework: {id: y, name: Y, version: '1'}\n",
	            "'framework' is given twice");
}

static void test_aliases_do_not_loop(void **state)
{
	/* An alias to the item list's own parent must not hang the walk. */
	static const char text[] = "framework: &f {id: x, name: X, version: '1'}\n"
	                           "groups: [{id: g, kind: theme, title: G}]\n"
	                           "items: [*f, *f]\n";

	static const char self[] =
	        "framework: {id: x, name: X, version: '1'}\n"
	        "groups: [{id: g, kind: theme, title: G}]\n"
	        "items: &i [{ref: X.1, kind: control, group: g, title: T,"
	        " description: D, attributes: *i}]\n";

	(void)state;
	parse_fails(text, "unknown key 'id' in an item");
	parse_fails(self, "");
}

static void test_size_limit(void **state)
{
	size_t n = CATALOG_FILE_MAX + 1;
	char *big = xmalloc(n);
	struct framework fw;

	(void)state;
	memset(big, '#', n);
	assert_fails(catalog_parse_yaml("big", big, n, &fw), E_INVALID, "too large");
	framework_release(&fw);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_iso27001),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_aliases_do_not_loop),
		cmocka_unit_test(test_size_limit),
	};

	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
