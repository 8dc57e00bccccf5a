/*
 * test-core.c - the domain rules: text, slugs, dates, buffers, scope and
 * catalogue validation.
 */
#include "unit.h"

#include "core/catalog.h"
#include "core/hash.h"
#include "core/org.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

static void test_utf8(void **state)
{
	(void)state;
	assert_true(utf8_valid("plain", 5));
	assert_true(utf8_valid("Béta – ✓ 𝄞", strlen("Béta – ✓ 𝄞")));
	assert_false(utf8_valid("\xff", 1));
	assert_false(utf8_valid("\xc0\xaf", 2));         /* overlong '/' */
	assert_false(utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* past U+10FFFF */
	assert_false(utf8_valid("\xe2\x82", 2));         /* truncated */
}

static void test_text_check(void **state)
{
	(void)state;
	assert_ok(text_check("name", "Acme", 10, TEXT_REQUIRED));
	assert_ok(text_check("note", "", 10, 0));
	assert_ok(text_check("note", "a\tb", 10, 0));
	assert_ok(text_check("note", "a\nb", 10, TEXT_MULTILINE));
	assert_fails(text_check("name", " \t", 10, TEXT_REQUIRED), E_INVALID,
	             "name must not be empty");
	assert_fails(text_check("name", "a\nb", 10, 0), E_INVALID,
	             "control character (byte 0x0a)");
	assert_fails(text_check("name", "a\x7f", 10, 0), E_INVALID, "byte 0x7f");
	assert_fails(text_check("name", "abcdefghijk", 10, 0), E_INVALID,
	             "name is too long (11 bytes; at most 10)");
	assert_fails(text_check("name", "\xfe", 10, 0), E_INVALID, "not valid UTF-8");
}

static void test_slug(void **state)
{
	(void)state;
	assert_ok(slug_check("slug", "acme"));
	assert_ok(slug_check("slug", "acme-2"));
	assert_ok(slug_check("slug", "9lives"));
	assert_fails(slug_check("slug", "-acme"), E_INVALID, "starting with a letter");
	assert_fails(slug_check("slug", "Acme"), E_INVALID, "lower-case");
	assert_fails(slug_check("slug", "a_b"), E_INVALID, "lower-case");
	assert_fails(slug_check("slug", ""), E_INVALID, "must not be empty");
	assert_fails(slug_check("slug", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	                                "aaaaaaaaaaaaaaaa"),
	             E_INVALID, "too long");
}

static void test_dates(void **state)
{
	(void)state;
	assert_ok(date_check("date", "2026-11-23"));
	assert_ok(date_check("date", "2024-02-29"));
	assert_fails(date_check("date", "2023-02-29"), E_INVALID,
	             "'2023-02-29' is not a valid date");
	assert_fails(date_check("date", "2026-13-01"), E_INVALID, "not a valid date");
	assert_fails(date_check("date", "2026-04-31"), E_INVALID, "not a valid date");
	assert_fails(date_check("date", "26-01-01"), E_INVALID, "YYYY-MM-DD");
	assert_fails(date_check("date", "2026-1-011"), E_INVALID, "YYYY-MM-DD");
	assert_fails(date_check("date", "2026/01/01"), E_INVALID, "YYYY-MM-DD");
}

static void test_date_arithmetic(void **state)
{
	char out[11];

	(void)state;
	date_add_days("2026-11-23", 30, out);
	assert_string_equal(out, "2026-12-23");
	date_add_days("2024-02-28", 1, out);
	assert_string_equal(out, "2024-02-29");
	date_add_days("2023-12-31", 1, out);
	assert_string_equal(out, "2024-01-01");
	date_add_days("2026-03-01", -1, out);
	assert_string_equal(out, "2026-02-28");
	assert_int_equal(date_diff_days("2026-01-01", "2026-12-31"), 364);
	assert_int_equal(date_diff_days("2024-03-01", "2024-02-01"), -29);
}

static void test_strbuf_cap(void **state)
{
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb, 8);
	assert_string_equal(sb.buf, "");
	assert_ok(strbuf_addstr(&sb, "abcd"));
	assert_ok(strbuf_addf(&sb, "%d", 123));
	assert_string_equal(sb.buf, "abcd123");
	assert_fails(strbuf_addstr(&sb, "xy"), E_INVALID, "too long");
	assert_string_equal(sb.buf, "abcd123"); /* unchanged on failure */
	assert_ok(strbuf_addch(&sb, '!'));
	assert_int_equal(sb.len, 8);
	strbuf_release(&sb);
	assert_int_equal(sb.len, 0);
}

static void test_sha256(void **state)
{
	char hex[SHA256_HEX_LEN + 1];

	(void)state;
	sha256_hex("abc", 3, hex);
	assert_string_equal(
	        hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, hex);
	assert_string_equal(
	        hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_scope_rules(void **state)
{
	enum scope_kind k;

	(void)state;
	assert_ok(scope_kind_parse("data-type", &k));
	assert_int_equal(k, SCOPE_DATA_TYPE);
	assert_ok(scope_kind_parse("locations", &k));
	assert_int_equal(k, SCOPE_LOCATION);
	assert_fails(scope_kind_parse("team", &k), E_INVALID, "unknown scope item kind");
	assert_fails(scope_exclusion_validate(NULL), E_INVALID, "needs a justification");
	assert_fails(scope_exclusion_validate("  "), E_INVALID, "needs a justification");
	assert_ok(scope_exclusion_validate("Outsourced to the parent company"));
	assert_fails(org_validate("acme", ""), E_INVALID, "name must not be empty");
	assert_ok(org_validate("acme", "Acme Ltd"));
}

static void test_scope_count(void **state)
{
	struct scope_item items[3] = {
		{ .kind = SCOPE_PROCESS, .in_scope = true },
		{ .kind = SCOPE_PROCESS, .in_scope = false },
		{ .kind = SCOPE_LOCATION, .in_scope = true },
	};
	struct scope sc = { .items = items, .nitems = 3 };
	size_t in[SCOPE__COUNT], out[SCOPE__COUNT];

	(void)state;
	scope_count(&sc, in, out);
	assert_int_equal(in[SCOPE_PROCESS], 1);
	assert_int_equal(out[SCOPE_PROCESS], 1);
	assert_int_equal(in[SCOPE_LOCATION], 1);
	assert_int_equal(out[SCOPE_TECHNOLOGY], 0);
}

static void test_ref_normalise(void **state)
{
	char *r;

	(void)state;
	r = catalog_ref_normalise("  a.5.1 ");
	assert_string_equal(r, "A.5.1");
	free(r);
	r = catalog_ref_normalise("Clause 9.2.2");
	assert_string_equal(r, "9.2.2");
	free(r);
}

/* Build a small valid framework; tests then break one thing at a time. */
static void small_framework(struct framework *fw)
{
	struct attr_type *t;
	struct catalog_item *it;

	memset(fw, 0, sizeof(*fw));
	fw->code = xstrdup("fw");
	fw->name = xstrdup("FW");
	fw->version = xstrdup("1");
	fw->attr_types = xcalloc(1, sizeof(*fw->attr_types));
	fw->nattr_types = 1;
	t = &fw->attr_types[0];
	t->code = xstrdup("type");
	t->title = xstrdup("Type");
	t->values = xcalloc(2, sizeof(char *));
	t->values[0] = xstrdup("a");
	t->values[1] = xstrdup("b");
	t->nvalues = 2;
	fw->groups = xcalloc(1, sizeof(*fw->groups));
	fw->ngroups = 1;
	fw->groups[0].code = xstrdup("g");
	fw->groups[0].kind = xstrdup("theme");
	fw->groups[0].title = xstrdup("Group");
	fw->items.v = xcalloc(2, sizeof(*fw->items.v));
	fw->items.n = 2;
	for (int i = 0; i < 2; i++) {
		it = &fw->items.v[i];
		it->ref = xstrdup(i ? "X.2" : "X.1");
		it->kind = xstrdup("control");
		it->group = xstrdup("g");
		it->title = xstrdup("Title");
		it->description = xstrdup("Description.");
	}
	it = &fw->items.v[0];
	it->attrs = xcalloc(1, sizeof(*it->attrs));
	it->attrs[0].type = xstrdup("type");
	it->attrs[0].value = xstrdup("a");
	it->nattrs = 1;
}

static void test_framework_validate(void **state)
{
	struct framework fw;

	(void)state;
	small_framework(&fw);
	assert_ok(framework_validate(&fw));

	free(fw.items.v[1].ref);
	fw.items.v[1].ref = xstrdup("X.1");
	assert_fails(framework_validate(&fw), E_INVALID,
	             "item 2 (X.1): reference is used twice");
	framework_release(&fw);

	small_framework(&fw);
	free(fw.items.v[0].attrs[0].value);
	fw.items.v[0].attrs[0].value = xstrdup("c");
	assert_fails(framework_validate(&fw), E_INVALID,
	             "attribute 'type' has no value 'c'");
	framework_release(&fw);

	small_framework(&fw);
	free(fw.items.v[0].group);
	fw.items.v[0].group = xstrdup("h");
	assert_fails(framework_validate(&fw), E_INVALID, "unknown group 'h'");
	framework_release(&fw);

	small_framework(&fw);
	free(fw.code);
	fw.code = xstrdup("Bad Code");
	assert_fails(framework_validate(&fw), E_INVALID, "framework id may only hold");
	framework_release(&fw);

	small_framework(&fw);
	free(fw.items.v[1].ref);
	fw.items.v[1].ref = xstrdup("X 2");
	assert_fails(framework_validate(&fw), E_INVALID, "item reference may only hold");
	framework_release(&fw);
}

static void test_error_table(void **state)
{
	(void)state;
	assert_int_equal(error_exit_status(E_USAGE), 2);
	assert_int_equal(error_exit_status(E_INVALID), 2);
	assert_int_equal(error_exit_status(E_NOTFOUND), 1);
	assert_int_equal(error_exit_status(E_EXISTS), 1);
	assert_int_equal(error_http_status(E_NOTFOUND), 404);
	assert_int_equal(error_http_status(E_EXISTS), 409);
	assert_int_equal(error_http_status(E_INVALID), 422);
	assert_string_equal(error_name(E_NOTFOUND), "not_found");
	error_set(E_NOTFOUND, "no thing");
	error_wrap("loading");
	assert_string_equal(error_message(), "loading: no thing");
	assert_int_equal(error_code(), E_NOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_text_check),
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_date_arithmetic),
		cmocka_unit_test(test_strbuf_cap),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_scope_rules),
		cmocka_unit_test(test_scope_count),
		cmocka_unit_test(test_ref_normalise),
		cmocka_unit_test(test_framework_validate),
		cmocka_unit_test(test_error_table),
	};

	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
