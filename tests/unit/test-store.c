/*
 * test-store.c - the store interface: opening, migrations, transactions,
 * organisations, scope and catalogue, against a real database.
 */
#include "unit.h"

#include "app/app.h"
#include "core/strbuf.h"
#include "store/driver.h"
#include "store/store.h"

static int setup(void **state)
{
	struct store *st;
	struct init_report r;

	if (store_open(&st, unit_store_target(), STORE_CREATE) || app_init(st, &r)) {
		fprintf(stderr, "setup: %s\n", error_message());
		return -1;
	}
	*state = st;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	return 0;
}

static void test_open_missing_without_create(void **state)
{
	struct store *st;
	const char *target = unit_store_target();

	(void)state;
	if (strncmp(target, "postgres", 8)) {
		assert_fails(store_open(&st, target, 0), E_NOTFOUND,
		             "create one with 'isms init'");
		assert_null(st);
	}
}

static void test_schema_version(void **state)
{
	int v = 0;

	assert_ok(store_schema_version(*state, &v));
	assert_int_equal(v, store_schema_latest());
	assert_int_equal(v, 1);
}

static void test_org_add_get_list(void **state)
{
	struct store *st = *state;
	struct org org;
	struct org_list list;

	assert_ok(store_org_add(st, "acme", "Acme Ltd", &org));
	assert_true(org.id > 0);
	assert_string_equal(org.name, "Acme Ltd");
	org_release(&org);
	assert_ok(store_org_add(st, "beta", "Beta", NULL));
	assert_fails(store_org_add(st, "acme", "Again", NULL), E_EXISTS,
	             "organisation 'acme' already exists");
	assert_ok(store_org_list(st, &list));
	assert_int_equal(list.n, 2);
	assert_string_equal(list.v[0].slug, "acme");
	assert_string_equal(list.v[1].slug, "beta");
	org_list_release(&list);
	assert_fails(store_org_get(st, "gamma", &org), E_NOTFOUND,
	             "no organisation 'gamma'");
	assert_ok(store_org_rename(st, "beta", "Beta GmbH"));
	assert_ok(store_org_get(st, "beta", &org));
	assert_string_equal(org.name, "Beta GmbH");
	org_release(&org);
	assert_ok(store_org_remove(st, "beta"));
	assert_fails(store_org_remove(st, "beta"), E_NOTFOUND, "no organisation 'beta'");
}

static void test_failed_transaction_leaves_nothing(void **state)
{
	struct store *st = *state;
	struct org_list list;
	int rc;

	/* Two writes in one transaction; the second fails, so neither lands. */
	assert_ok(store_begin(st));
	rc = store_org_add(st, "one", "One", NULL);
	assert_int_equal(rc, 0);
	rc = store_org_add(st, "one", "One again", NULL);
	assert_int_equal(rc, -E_EXISTS);
	rc = store_end(st, rc);
	assert_int_equal(rc, -E_EXISTS);
	assert_string_equal(error_message(), "organisation 'one' already exists");
	assert_ok(store_org_list(st, &list));
	assert_int_equal(list.n, 0);
	org_list_release(&list);
}

static void test_scope(void **state)
{
	struct store *st = *state;
	struct org org;
	struct scope sc;

	assert_ok(store_org_add(st, "acme", "Acme", &org));
	assert_ok(store_scope_get(st, org.id, &sc));
	assert_string_equal(sc.statement, "");
	assert_null(sc.updated_at);
	scope_release(&sc);
	assert_ok(store_scope_set_statement(st, org.id, "First."));
	assert_ok(store_scope_set_statement(st, org.id, "Second."));
	assert_ok(store_scope_item_add(st, org.id, SCOPE_LOCATION, "Leeds", ""));
	assert_ok(store_scope_item_add(st, org.id, SCOPE_PROCESS, "Payroll", "Pay"));
	assert_fails(store_scope_item_add(st, org.id, SCOPE_PROCESS, "Payroll", ""),
	             E_EXISTS, "already in the scope list");
	assert_ok(store_scope_item_set_in(st, org.id, SCOPE_LOCATION, "Leeds", false,
	                                  "Closed"));
	/* The store itself refuses an exclusion without a reason. */
	assert_fails(store_scope_item_set_in(st, org.id, SCOPE_PROCESS, "Payroll", false,
	                                     NULL),
	             E_INVALID, "rejected by the store");
	/* So does it a record of an organisation that does not exist. */
	assert_fails(store_scope_item_add(st, org.id + 1000, SCOPE_PROCESS, "Ghost", ""),
	             E_CONFLICT, "other records refer to it (");
	assert_ok(store_scope_iface_add(st, org.id, IFACE_DEPENDENCY, "Hosting", "AWS",
	                                ""));
	assert_ok(store_scope_get(st, org.id, &sc));
	assert_string_equal(sc.statement, "Second.");
	assert_int_equal(sc.nitems, 2);
	assert_int_equal(sc.items[0].kind, SCOPE_PROCESS); /* processes first */
	assert_true(sc.items[0].in_scope);
	assert_false(sc.items[1].in_scope);
	assert_string_equal(sc.items[1].exclusion_reason, "Closed");
	assert_int_equal(sc.nifaces, 1);
	assert_string_equal(sc.ifaces[0].party, "AWS");
	scope_release(&sc);
	assert_ok(store_scope_item_remove(st, org.id, SCOPE_LOCATION, "Leeds"));
	assert_fails(store_scope_item_remove(st, org.id, SCOPE_LOCATION, "Leeds"),
	             E_NOTFOUND, "no location 'Leeds'");
	org_release(&org);
}

static void test_catalog(void **state)
{
	struct store *st = *state;
	struct catalog_filter f = { .framework = "iso27001-2022", .group = "people" };
	struct catalog_item_list list;
	struct catalog_item it;
	struct framework_list fws;

	assert_ok(store_catalog_list(st, &f, &list));
	assert_int_equal(list.n, 8);
	assert_string_equal(list.v[0].ref, "A.6.1");
	assert_string_equal(list.v[7].ref, "A.6.8");
	assert_int_equal(list.v[0].nattrs > 0, 1);
	catalog_item_list_release(&list);
	assert_ok(store_catalog_get(st, "iso27001-2022", "9.2.2", &it));
	assert_string_equal(it.title, "Internal audit programme");
	assert_string_equal(it.group_kind, "clause");
	catalog_item_release(&it);
	assert_fails(store_catalog_get(st, "iso27001-2022", "A.9.9", &it), E_NOTFOUND,
	             "no catalogue item 'A.9.9'");
	assert_ok(store_framework_list(st, &fws));
	assert_int_equal(fws.n, 1);
	assert_int_equal(fws.v[0].ngroups, 11);
	framework_list_release(&fws);
}

static void test_catalog_reload_is_a_no_op(void **state)
{
	struct init_report r;

	assert_ok(app_init(*state, &r));
	assert_int_equal(r.frameworks_loaded, 0);
	assert_int_equal(r.frameworks_current, 1);
}

static void test_reopen(void **state)
{
	struct store *st;
	const char *target = unit_store_target();
	struct org_list list;

	(void)state;
	assert_ok(store_open(&st, target, STORE_CREATE));
	assert_int_equal(store_migrations_applied(st), 1);
	assert_ok(store_org_add(st, "kept", "Kept", NULL));
	store_close(st);
	assert_ok(store_open(&st, target, 0));
	assert_int_equal(store_migrations_applied(st), 0);
	assert_ok(store_org_list(st, &list));
	assert_int_equal(list.n, 1);
	org_list_release(&list);
	store_close(st);
}

static void test_copy_knows_every_table(void **state)
{
	/* Fails when a migration adds a table that the copy leaves out. */
	assert_ok(store_copy_check(*state));
}

/* Everything the front ends can see of a store, as one string. */
static void describe(struct store *st, struct strbuf *sb)
{
	struct org_list orgs;
	struct catalog_item_list items;
	struct framework_list fws;

	assert_ok(store_org_list(st, &orgs));
	for (size_t i = 0; i < orgs.n; i++) {
		struct scope sc;

		strbuf_addf(sb, "org %lld %s %s %s\n", (long long)orgs.v[i].id,
		            orgs.v[i].slug, orgs.v[i].name, orgs.v[i].created_at);
		assert_ok(store_scope_get(st, orgs.v[i].id, &sc));
		strbuf_addf(sb, " statement %s %s\n", sc.statement,
		            sc.updated_at ? sc.updated_at : "(none)");
		for (size_t j = 0; j < sc.nitems; j++)
			strbuf_addf(sb, " item %lld %d %s %s %d %s\n",
			            (long long)sc.items[j].id, (int)sc.items[j].kind,
			            sc.items[j].name, sc.items[j].description,
			            sc.items[j].in_scope,
			            sc.items[j].exclusion_reason
			                    ? sc.items[j].exclusion_reason
			                    : "(null)");
		for (size_t j = 0; j < sc.nifaces; j++)
			strbuf_addf(sb, " iface %lld %d %s %s %s\n",
			            (long long)sc.ifaces[j].id, (int)sc.ifaces[j].kind,
			            sc.ifaces[j].name, sc.ifaces[j].party,
			            sc.ifaces[j].description);
		scope_release(&sc);
	}
	org_list_release(&orgs);
	assert_ok(store_framework_list(st, &fws));
	for (size_t i = 0; i < fws.n; i++)
		strbuf_addf(sb, "framework %lld %s %s %zu\n", (long long)fws.v[i].id,
		            fws.v[i].code, fws.v[i].sha256, fws.v[i].ngroups);
	framework_list_release(&fws);
	assert_ok(store_catalog_list(st, NULL, &items));
	for (size_t i = 0; i < items.n; i++) {
		strbuf_addf(sb, "item %lld %s %s %s\n", (long long)items.v[i].id,
		            items.v[i].ref, items.v[i].title,
		            items.v[i].section ? items.v[i].section : "(null)");
		for (size_t j = 0; j < items.v[i].nattrs; j++)
			strbuf_addf(sb, " %s=%s\n", items.v[i].attrs[j].type,
			            items.v[i].attrs[j].value);
	}
	catalog_item_list_release(&items);
}

static void test_copy(void **state)
{
	struct store *src = *state, *dst, *again;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct org org, added;
	size_t rows = 0;
	const char *target;

	/* A gap in the ids (1, 3), which the copy must keep. */
	assert_ok(store_org_add(src, "acme", "Acme", &org));
	assert_ok(store_org_add(src, "gone", "Gone", NULL));
	assert_ok(store_org_add(src, "beta", "Beta", NULL));
	assert_ok(store_org_remove(src, "gone"));
	assert_ok(store_scope_set_statement(src, org.id, "It's 'quoted'? Yes."));
	assert_ok(store_scope_item_add(src, org.id, SCOPE_PROCESS, "Payroll", "Pay"));
	assert_ok(store_scope_item_add(src, org.id, SCOPE_LOCATION, "Leeds", ""));
	assert_ok(store_scope_item_set_in(src, org.id, SCOPE_LOCATION, "Leeds", false,
	                                  "Closed"));
	assert_ok(store_scope_iface_add(src, org.id, IFACE_INTERFACE, "Bureau", "PayCo",
	                                "SFTP"));
	/* A new store, created by the open. */
	assert_ok(store_open(&dst, unit_store_target(), STORE_CREATE));
	assert_ok(store_copy(src, dst, &rows));
	assert_true(rows > 100);
	describe(src, &a);
	describe(dst, &b);
	assert_string_equal(a.buf, b.buf);
	/* New rows follow the copied ids. */
	assert_ok(store_org_add(dst, "delta", "Delta", &added));
	assert_int_equal(added.id, 4);
	org_release(&added);
	/* Copying again into a store that holds records is refused... */
	assert_fails(store_copy(src, dst, NULL), E_CONFLICT,
	             "it already holds organisations");
	/* ...and so is copying a store onto itself. */
	assert_fails(store_copy(src, src, NULL), E_USAGE, "onto itself");
	/* A store with the catalogue loaded ('isms init') is empty enough. */
	target = unit_store_target();
	assert_ok(store_open(&again, target, STORE_CREATE));
	{
		struct init_report r;

		assert_ok(app_init(again, &r));
	}
	assert_ok(store_copy(src, again, NULL));
	strbuf_reset(&b);
	describe(again, &b);
	assert_string_equal(a.buf, b.buf);
	store_close(again);
	store_close(dst);
	strbuf_release(&a);
	strbuf_release(&b);
	org_release(&org);
}

static void test_placeholders(void **state)
{
	static const struct {
		const char *in, *out;
		size_t n;
	} cases[] = {
		{ "SELECT 1", "SELECT 1", 0 },
		{ "a = ? AND b = ?", "a = $1 AND b = $2", 2 },
		{ "x = '?' AND y = ?", "x = '?' AND y = $1", 1 },
		{ "x = 'it''s ?' AND y = ?", "x = 'it''s ?' AND y = $1", 1 },
		{ "\"od?d\" = ? -- what?\nAND z = ?",
		  "\"od?d\" = $1 -- what?\nAND z = $2", 2 },
		{ "/* ? */ ?", "/* ? */ $1", 1 },
		{ "'unterminated ?", "'unterminated ?", 0 },
		{ "?,?,?,?,?,?,?,?,?,?", "$1,$2,$3,$4,$5,$6,$7,$8,$9,$10", 10 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		size_t n = 99;

		assert_ok(sql_dollar_placeholders(cases[i].in, &sb, &n));
		assert_string_equal(sb.buf, cases[i].out);
		assert_int_equal(n, cases[i].n);
		strbuf_release(&sb);
	}
}

/* Nothing listens on port 1; no server is needed for these. */
static void test_pg_connection_failures(void **state)
{
	static const struct {
		const char *url, *shown, *part;
	} cases[] = {
		{ "postgresql://alice:s3cret@127.0.0.1:1/db",
		  "cannot connect to postgresql://alice@127.0.0.1:1/db: ", "refused" },
		{ "postgres://127.0.0.1:1/db?password=s3cret&application_name=x",
		  "cannot connect to postgres://127.0.0.1:1/db?application_name=x: ",
		  "refused" },
		{ "postgresql://alice@127.0.0.1:1/db?pass%77ord=s3cret",
		  "cannot connect to postgresql://alice@127.0.0.1:1/db: ", "refused" },
		{ "postgresql://alice:s3cret@[bad",
		  "cannot connect to postgresql://alice@[bad: ", "IPv6" },
		{ "postgresql://alice:s3cret@127.0.0.1:1/db?nonsense=1",
		  "cannot connect to postgresql://alice@127.0.0.1:1/db?nonsense=1: ",
		  "nonsense" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct store *st = (struct store *)1;
		const char *msg;

		assert_int_equal(store_open(&st, cases[i].url, STORE_CREATE), -E_STORE);
		assert_null(st);
		msg = error_message();
		if (!strstr(msg, cases[i].shown) || !strstr(msg, cases[i].part) ||
		    strstr(msg, "s3cret") || strchr(msg, '\n'))
			fail_msg("case %zu: %s", i, msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_missing_without_create),
		cmocka_unit_test_setup_teardown(test_schema_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_add_get_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_transaction_leaves_nothing,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_catalog, setup, teardown),
		cmocka_unit_test_setup_teardown(test_catalog_reload_is_a_no_op, setup,
		                                teardown),
		cmocka_unit_test(test_reopen),
		cmocka_unit_test_setup_teardown(test_copy_knows_every_table, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_copy, setup, teardown),
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_pg_connection_failures),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
