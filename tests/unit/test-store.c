/*
 * test-store.c - the store interface: opening, migrations, transactions,
 * organisations, scope, catalogue, content, the certification record and
 * the calendar's events, against a real database.
 */
#include "unit.h"

#include <fcntl.h>
#include <libical/ical.h>

#include "app/app.h"
#include "core/hash.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "store/driver.h"
#include "store/store.h"
#include "view/cert.h"

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
	assert_int_equal(v, 9);
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
	assert_int_equal(store_migrations_applied(st), store_schema_latest());
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
		{
			struct certification c = { 0 };

			assert_ok(store_cert_get(st, orgs.v[i].id, &c));
			strbuf_addf(sb, " certification %s %s %s %s\n",
			            c.body ? c.body : "(null)",
			            c.stage1_on ? c.stage1_on : "(null)",
			            c.stage2_on ? c.stage2_on : "(null)",
			            c.updated_at ? c.updated_at : "(none)");
			certification_release(&c);
		}
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
	assert_ok(store_cert_put(
	        src, org.id,
	        &(struct certification){ .body = "LRQA", .stage1_on = "2026-03-02" }));
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

/* ---- content ---- */

static bool is_pg(struct store *st)
{
	return !strcmp(store_backend(st), "postgresql");
}

/* A new SQLite file, whichever backend the run is about. */
static const char *sqlite_target(void)
{
	static char buf[4096];
	static int n;
	const char *tmp = getenv("TMPDIR");

	snprintf(buf, sizeof(buf), "%s/isms-unit-%d-%d.db", tmp && *tmp ? tmp : "/tmp",
	         (int)getpid(), ++n);
	return buf;
}

/* len bytes that differ from chunk to chunk, NULs included. */
static unsigned char *pattern(size_t len, unsigned seed)
{
	unsigned char *p = xmalloc(len ? len : 1);
	uint32_t x = 2463534242u + seed;

	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (unsigned char)(x >> 24);
	}
	return p;
}

/* A descriptor reading exactly those bytes, from an unlinked file. */
static int file_of(const void *data, size_t len)
{
	char path[4096];
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(path, sizeof(path), "%s/isms-blob-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

static int put_bytes(struct store *st, const void *data, size_t len,
                     char sha[SHA256_HEX_LEN + 1], bool *created)
{
	int64_t size = -1;
	int fd = file_of(data, len);
	int rc = store_blob_put(st, fd, sha, &size, created);

	close(fd);
	if (!rc)
		assert_int_equal(size, (int64_t)len);
	return rc;
}

static int collect(void *ctx, const void *data, size_t len)
{
	return strbuf_add(ctx, data, len);
}

/* Read content back and compare it with what was put. */
static void assert_reads_back(struct store *st, const char *sha, const void *data,
                              size_t len)
{
	struct strbuf sb = STRBUF_INIT;

	assert_ok(store_blob_read(st, sha, collect, &sb));
	assert_int_equal(sb.len, len);
	assert_true(len == 0 || !memcmp(sb.buf, data, len));
	strbuf_release(&sb);
}

static int64_t count(struct store *st, const char *sql, const char *arg)
{
	int64_t n = -1;

	if (arg)
		assert_int_equal(db_int(st, sql, SQL_ARGS(ARG_TEXT(arg)), &n), 1);
	else
		assert_int_equal(db_int(st, sql, SQL_NOARGS, &n), 1);
	return n;
}

static void test_blob_put_and_read(void **state)
{
	static const char text[] = "policy\0with a NUL\n";
	struct store *st = *state;
	char sha[SHA256_HEX_LEN + 1], again[SHA256_HEX_LEN + 1], want[SHA256_HEX_LEN + 1];
	bool created = false;

	assert_ok(put_bytes(st, text, sizeof(text), sha, &created));
	sha256_hex(text, sizeof(text), want);
	assert_string_equal(sha, want);
	assert_true(created);
	assert_reads_back(st, sha, text, sizeof(text));
	/* The same bytes again: found, not stored twice. */
	assert_ok(put_bytes(st, text, sizeof(text), again, &created));
	assert_string_equal(again, sha);
	assert_false(created);
	assert_int_equal(count(st, "SELECT count(*) FROM blob", NULL), 1);
	assert_int_equal(count(st, "SELECT size FROM blob WHERE sha256 = ?", sha),
	                 (int64_t)sizeof(text));
	/* created may be NULL. */
	assert_ok(put_bytes(st, text, sizeof(text), again, NULL));
	/* Empty content is content too. */
	assert_ok(put_bytes(st, "", 0, sha, &created));
	assert_string_equal(
	        sha, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_true(created);
	assert_reads_back(st, sha, "", 0);
	assert_int_equal(count(st, "SELECT count(*) FROM blob", NULL), 2);
	assert_fails(store_blob_read(st, want + 1, collect, NULL), E_NOTFOUND,
	             "no stored content");
	/* A source that cannot be read stores nothing. */
	assert_fails(store_blob_put(st, -1, sha, &(int64_t){ 0 }, NULL), E_IO,
	             "reading failed");
	assert_int_equal(count(st, "SELECT count(*) FROM blob", NULL), 2);
	if (is_pg(st))
		assert_int_equal(count(st, "SELECT count(*) FROM blob_chunk", NULL), 1);
}

static void test_blob_many_chunks(void **state)
{
	struct store *st = *state;
	size_t len = ((size_t)3 << 20) + 7;
	unsigned char *data = pattern(len, 1);
	char sha[SHA256_HEX_LEN + 1], want[SHA256_HEX_LEN + 1];
	bool created = false;

	assert_ok(put_bytes(st, data, len, sha, &created));
	sha256_hex(data, len, want);
	assert_string_equal(sha, want);
	assert_true(created);
	assert_reads_back(st, sha, data, len);
	assert_ok(put_bytes(st, data, len, sha, &created));
	assert_false(created);
	if (is_pg(st)) {
		/* Four chunks under the digest, none left under a temporary key. */
		assert_int_equal(count(st,
		                       "SELECT count(*) FROM blob_chunk WHERE sha256 = ?",
		                       sha),
		                 4);
		assert_int_equal(count(st, "SELECT count(*) FROM blob_chunk", NULL), 4);
	}
	free(data);
}

/* Change one byte of stored content behind the store's back. */
static void tamper(struct store *st, const char *sha, size_t at)
{
	if (is_pg(st)) {
		/* Chunks are 1 MiB. */
		int64_t seq = (int64_t)(at >> 20), off = (int64_t)(at & ((1u << 20) - 1));

		assert_ok(db_exec(st,
		                  "UPDATE blob_chunk SET data = set_byte(data, ?, "
		                  "get_byte(data, ?) # 1) WHERE sha256 = ? AND seq = ?",
		                  SQL_ARGS(ARG_INT(off), ARG_INT(off), ARG_TEXT(sha),
		                           ARG_INT(seq))));
	} else {
		char path[4096];
		unsigned char c;
		int fd;

		snprintf(path, sizeof(path), "%s.evidence/%.2s/%s", store_target(st), sha,
		         sha);
		fd = open(path, O_RDWR);
		assert_true(fd >= 0);
		assert_int_equal(pread(fd, &c, 1, (off_t)at), 1);
		c ^= 0x01;
		assert_int_equal(pwrite(fd, &c, 1, (off_t)at), 1);
		close(fd);
	}
}

static void test_blob_damaged(void **state)
{
	struct store *st = *state;
	size_t len = ((size_t)1 << 20) + 100;
	unsigned char *data = pattern(len, 2);
	char sha[SHA256_HEX_LEN + 1], msg[128];
	struct strbuf sb = STRBUF_INIT;

	assert_ok(put_bytes(st, data, len, sha, NULL));
	tamper(st, sha, (size_t)1 << 20);
	snprintf(
	        msg, sizeof(msg),
	        "evidence %.12s... is damaged: its content no longer matches its SHA-256",
	        sha);
	assert_fails(store_blob_read(st, sha, collect, &sb), E_SCHEMA, msg);
	strbuf_release(&sb);
	/* Content that is gone altogether is refused as well. */
	assert_ok(put_bytes(st, "short", 5, sha, NULL));
	if (is_pg(st)) {
		assert_ok(db_exec(st, "DELETE FROM blob_chunk WHERE sha256 = ?",
		                  SQL_ARGS(ARG_TEXT(sha))));
		snprintf(msg, sizeof(msg), "evidence %.12s... is damaged", sha);
		assert_fails(store_blob_read(st, sha, collect, &sb), E_SCHEMA, msg);
	} else {
		char path[4096];

		snprintf(path, sizeof(path), "%s.evidence/%.2s/%s", store_target(st), sha,
		         sha);
		assert_int_equal(unlink(path), 0);
		assert_fails(store_blob_read(st, sha, collect, &sb), E_SCHEMA,
		             "is missing from");
	}
	strbuf_release(&sb);
	free(data);
}

static void test_blob_rolled_back(void **state)
{
	struct store *st = *state;
	size_t len = ((size_t)1 << 20) + 1;
	unsigned char *data = pattern(len, 3);
	char sha[SHA256_HEX_LEN + 1];
	bool created = false;

	assert_ok(store_begin(st));
	assert_ok(put_bytes(st, data, len, sha, &created));
	assert_true(created);
	assert_int_equal(store_end(st, -E_INVALID), -E_INVALID);
	assert_int_equal(count(st, "SELECT count(*) FROM blob", NULL), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM blob_chunk", NULL), 0);
	assert_fails(store_blob_read(st, sha, collect, NULL), E_NOTFOUND,
	             "no stored content");
	/* Adding it again stores it (SQLite re-uses the file left behind). */
	assert_ok(put_bytes(st, data, len, sha, &created));
	assert_true(created);
	assert_reads_back(st, sha, data, len);
	free(data);
}

/* Every stored content of a store, read back and compared. */
static void assert_holds(struct store *st, unsigned char *const *data, const size_t *len,
                         size_t n)
{
	assert_int_equal(count(st, "SELECT count(*) FROM blob", NULL), (int64_t)n);
	for (size_t i = 0; i < n; i++) {
		char sha[SHA256_HEX_LEN + 1];

		sha256_hex(data[i], len[i], sha);
		assert_reads_back(st, sha, data[i], len[i]);
	}
}

static void test_copy_keeps_content(void **state)
{
	size_t len[] = { 0, 11, ((size_t)3 << 20) + 7, ((size_t)1 << 20) };
	unsigned char *data[4];
	struct store *src, *mid, *dst, *bad;
	char sha[SHA256_HEX_LEN + 1];

	(void)state;
	for (size_t i = 0; i < 4; i++)
		data[i] = pattern(len[i], 10 + (unsigned)i);
	/* SQLite -> the backend of the run -> SQLite. */
	assert_ok(store_open(&src, sqlite_target(), STORE_CREATE));
	for (size_t i = 0; i < 4; i++)
		assert_ok(put_bytes(src, data[i], len[i], sha, NULL));
	assert_ok(store_open(&mid, unit_store_target(), STORE_CREATE));
	assert_ok(store_copy(src, mid, NULL));
	assert_holds(mid, data, len, 4);
	if (is_pg(mid))
		assert_int_equal(count(mid, "SELECT count(*) FROM blob_chunk", NULL), 6);
	assert_ok(store_open(&dst, sqlite_target(), STORE_CREATE));
	assert_ok(store_copy(mid, dst, NULL));
	assert_holds(dst, data, len, 4);
	assert_int_equal(count(dst, "SELECT count(*) FROM blob_chunk", NULL), 0);
	/* A store with content is not empty. */
	assert_fails(store_copy(src, dst, NULL), E_CONFLICT,
	             "it already holds evidence content");
	/* Damaged content is refused on the way, and nothing lands. */
	sha256_hex(data[2], len[2], sha);
	tamper(mid, sha, len[2] - 1);
	assert_ok(store_open(&bad, unit_store_target(), STORE_CREATE));
	assert_fails(store_copy(mid, bad, NULL), E_SCHEMA,
	             "is damaged: its content no longer matches its SHA-256");
	assert_int_equal(count(bad, "SELECT count(*) FROM blob", NULL), 0);
	assert_int_equal(count(bad, "SELECT count(*) FROM blob_chunk", NULL), 0);
	store_close(bad);
	store_close(dst);
	store_close(mid);
	store_close(src);
	for (size_t i = 0; i < 4; i++)
		free(data[i]);
}

/* ---- certification and the calendar ---- */

static void assert_str_or_null(const char *got, const char *want)
{
	if (want)
		assert_string_equal(got, want);
	else
		assert_null(got);
}

static void assert_cert_equal(const struct certification *got,
                              const struct certification *want)
{
	assert_str_or_null(got->body, want->body);
	assert_str_or_null(got->number, want->number);
	assert_str_or_null(got->stage1_on, want->stage1_on);
	assert_str_or_null(got->stage2_on, want->stage2_on);
	assert_str_or_null(got->golive_on, want->golive_on);
	assert_str_or_null(got->issued_on, want->issued_on);
	assert_str_or_null(got->expires_on, want->expires_on);
	assert_str_or_null(got->surveillance1_on, want->surveillance1_on);
	assert_str_or_null(got->surveillance2_on, want->surveillance2_on);
	assert_str_or_null(got->recertification_on, want->recertification_on);
}

static void test_cert_none_recorded(void **state)
{
	struct store *st = *state;
	struct certification none = { 0 }, got = { 0 };
	struct org org;

	assert_ok(store_org_add(st, "acme", "Acme", &org));
	/* Nothing recorded is not an error: every field is NULL. */
	assert_ok(store_cert_get(st, org.id, &got));
	assert_cert_equal(&got, &none);
	assert_null(got.updated_at);
	certification_release(&got);
	org_release(&org);
}

static void test_cert_put_get_replace(void **state)
{
	struct store *st = *state;
	struct certification full = {
		.body = "BSI Group",
		.number = "IS 123456",
		.stage1_on = "2026-03-02",
		.stage2_on = "2026-04-13",
		.golive_on = "2025-11-01",
		.issued_on = "2026-05-04",
		.expires_on = "2029-05-03",
		.surveillance1_on = "2027-04-20",
		.surveillance2_on = "2028-04-18",
		.recertification_on = "2029-02-01",
	};
	struct certification partial = {
		.body = "LRQA",
		.stage1_on = "2026-06-01",
	};
	struct certification bad = {
		.stage1_on = "2026-06-01",
		.stage2_on = "2026-05-01",
	};
	struct certification got = { 0 };
	struct org org, other;

	assert_ok(store_org_add(st, "acme", "Acme", &org));
	assert_ok(store_org_add(st, "beta", "Beta", &other));
	assert_ok(store_cert_put(st, org.id, &full));
	assert_ok(store_cert_get(st, org.id, &got));
	assert_cert_equal(&got, &full);
	assert_non_null(got.updated_at);
	certification_release(&got);
	/* Another organisation's record is its own. */
	assert_ok(store_cert_get(st, other.id, &got));
	assert_null(got.updated_at);
	certification_release(&got);
	/* Putting again replaces the whole record: what it lacks is cleared. */
	assert_ok(store_cert_put(st, org.id, &partial));
	assert_ok(store_cert_get(st, org.id, &got));
	assert_cert_equal(&got, &partial);
	assert_non_null(got.updated_at);
	certification_release(&got);
	assert_int_equal(count(st, "SELECT count(*) FROM certification", NULL), 1);
	/* The schema refuses dates out of order, and the record stays. */
	assert_fails(store_cert_put(st, org.id, &bad), E_INVALID,
	             "rejected by the store");
	bad.stage2_on = NULL;
	bad.issued_on = "2026-07-01";
	bad.expires_on = "2026-07-01";
	assert_fails(store_cert_put(st, org.id, &bad), E_INVALID,
	             "rejected by the store");
	assert_ok(store_cert_get(st, org.id, &got));
	assert_cert_equal(&got, &partial);
	certification_release(&got);
	/* The record goes with its organisation. */
	assert_ok(store_org_remove(st, "acme"));
	assert_int_equal(count(st, "SELECT count(*) FROM certification", NULL), 0);
	org_release(&org);
	org_release(&other);
}

/* Insert a row and return its id (the statement ends in RETURNING id). */
static int64_t insert_id(struct store *st, const char *sql, const struct sql_arg *args,
                         size_t nargs)
{
	int64_t id = 0;

	assert_int_equal(db_int(st, sql, args, nargs, &id), 1);
	return id;
}

#define INSERT_ID(st, sql, ...) insert_id((st), (sql), SQL_ARGS(__VA_ARGS__))
#define EXEC(st, sql, ...) assert_ok(db_exec((st), (sql), SQL_ARGS(__VA_ARGS__)))

#define NOW "2026-01-01T00:00:00Z"

static int64_t add_audit(struct store *st, int64_t org_id, const char *title,
                         const char *start, const char *end, const char *status)
{
	return INSERT_ID(st,
	                 "INSERT INTO audit (org_id, title, objectives, criteria, "
	                 "start_on, end_on, status, closed_on, created_at, updated_at) "
	                 "VALUES (?, ?, 'Conformity', 'ISO/IEC 27001', ?, ?, ?, ?, ?, ?) "
	                 "RETURNING id",
	                 ARG_INT(org_id), ARG_TEXT(title), ARG_TEXT(start), ARG_TEXT(end),
	                 ARG_TEXT(status),
	                 ARG_TEXT(strcmp(status, "planned") ? end : NULL), ARG_TEXT(NOW),
	                 ARG_TEXT(NOW));
}

static int64_t add_risk(struct store *st, int64_t org_id, const char *title,
                        const char *owner, const char *review_on)
{
	return INSERT_ID(st,
	                 "INSERT INTO risk (org_id, title, threat, vulnerability, "
	                 "likelihood, impact, inherent_level, treatment, "
	                 "residual_likelihood, residual_impact, residual_level, owner, "
	                 "review_on, created_at, updated_at) VALUES (?, ?, 'Theft', "
	                 "'Weak locks', 2, 3, 2, 'modify', 1, 3, 1, ?, ?, ?, ?) "
	                 "RETURNING id",
	                 ARG_INT(org_id), ARG_TEXT(title), ARG_TEXT(owner),
	                 ARG_TEXT(review_on), ARG_TEXT(NOW), ARG_TEXT(NOW));
}

static void add_evidence(struct store *st, int64_t org_id, const char *sha,
                         const char *title, const char *valid_until)
{
	EXEC(st,
	     "INSERT INTO evidence (org_id, sha256, title, kind, filename, collected_on, "
	     "valid_until, added_at) VALUES (?, ?, ?, 'record', 'log.txt', "
	     "'2026-01-01', ?, ?)",
	     ARG_INT(org_id), ARG_TEXT(sha), ARG_TEXT(title), ARG_TEXT(valid_until),
	     ARG_TEXT(NOW));
}

static int64_t add_competence(struct store *st, int64_t org_id, const char *name,
                              const char *title, const char *expires_on)
{
	int64_t person = INSERT_ID(st,
	                           "INSERT INTO person (org_id, name, created_at) "
	                           "VALUES (?, ?, ?) RETURNING id",
	                           ARG_INT(org_id), ARG_TEXT(name), ARG_TEXT(NOW));

	return INSERT_ID(st,
	                 "INSERT INTO competence (person_id, kind, title, expires_on, "
	                 "added_at) VALUES (?, 'certification', ?, ?, ?) RETURNING id",
	                 ARG_INT(person), ARG_TEXT(title), ARG_TEXT(expires_on),
	                 ARG_TEXT(NOW));
}

static int64_t item_id(struct store *st, const char *ref)
{
	int64_t id = 0;

	assert_int_equal(db_int(st, "SELECT id FROM catalog_item WHERE ref = ?",
	                        SQL_ARGS(ARG_TEXT(ref)), &id),
	                 1);
	return id;
}

static void add_remediation(struct store *st, int64_t assessment_id, const char *ref,
                            const char *owner, const char *due_on, const char *status)
{
	EXEC(st,
	     "INSERT INTO remediation_action (assessment_id, item_id, owner, due_on, "
	     "status, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
	     ARG_INT(assessment_id), ARG_INT(item_id(st, ref)), ARG_TEXT(owner),
	     ARG_TEXT(due_on), ARG_TEXT(status), ARG_TEXT(NOW));
}

/* The one event of that kind and key; fails the test when there is none. */
static const struct cal_event *event(const struct cal_list *l, enum cal_kind kind,
                                     int64_t id, const char *key)
{
	char buf[32];
	const struct cal_event *found = NULL;

	if (!key) {
		snprintf(buf, sizeof(buf), "%lld", (long long)id);
		key = buf;
	}
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == kind && !strcmp(l->v[i].key, key)) {
			assert_null(found);
			found = &l->v[i];
		}
	if (!found)
		fail_msg("no %s event %s", cal_kind_name(kind), key);
	return found;
}

static void assert_event(const struct cal_event *e, const char *date, const char *end,
                         const char *title, const char *owner, bool done)
{
	assert_string_equal(e->date, date);
	assert_string_equal(e->end, end);
	assert_string_equal(e->title, title);
	assert_str_or_null(e->owner, owner);
	assert_int_equal(e->done, done);
}

static void test_calendar(void **state)
{
	/* 79 bytes, then a two-byte character across the 80-byte cut. */
	static const char long_note[] =
	        "Alerting rule deleted during the SIEM migration, no alert for failed "
	        "logins xxx\xc3\xa9 and more that will not fit";
	struct store *st = *state;
	struct org acme, beta;
	struct assessment newest, older, got;
	struct cal_list l = { 0 };
	struct strbuf capa_title = STRBUF_INIT, key = STRBUF_INIT;
	char sha[SHA256_HEX_LEN + 1], other_sha[SHA256_HEX_LEN + 1];
	int64_t planned, closed, open_capa, verified_capa, review, action, risk,
	        treatment, competence, renewed;

	assert_int_equal(strlen(long_note) > 81 &&
	                         ((unsigned char)long_note[80] & 0xc0) == 0x80,
	                 1);
	assert_ok(store_org_add(st, "acme", "Acme", &acme));
	assert_ok(store_org_add(st, "beta", "Beta", &beta));

	/* Nothing dated yet: no events, and no error for lack of an assessment. */
	assert_ok(store_calendar(st, acme.id, &l));
	assert_int_equal(l.n, 0);
	cal_list_release(&l);

	/* Audits: a planned one over three days, a closed one on one day. */
	planned = add_audit(st, acme.id, "Spring audit", "2026-03-01", "2026-03-03",
	                    "planned");
	closed = add_audit(st, acme.id, "Winter audit", "2026-01-10", "2026-01-10",
	                   "closed");
	/* Corrective actions: open, verified, and one without a due date. */
	open_capa = INSERT_ID(st,
	                      "INSERT INTO capa (org_id, audit_id, ref, test_type, "
	                      "severity, nc_kind, description, owner, due_on, "
	                      "created_at, updated_at) VALUES (?, ?, 'A.8.15', "
	                      "'substantive', 'major', 'not-functioning', ?, 'Ann', "
	                      "'2026-04-01', ?, ?) RETURNING id",
	                      ARG_INT(acme.id), ARG_INT(closed), ARG_TEXT(long_note),
	                      ARG_TEXT(NOW), ARG_TEXT(NOW));
	verified_capa = INSERT_ID(st,
	                          "INSERT INTO capa (org_id, audit_id, ref, test_type, "
	                          "severity, nc_kind, due_on, status, verified_by, "
	                          "verified_on, created_at, updated_at) VALUES (?, ?, "
	                          "'A.8.8', 'compliance', 'minor', 'missing', "
	                          "'2026-02-01', 'verified', 'Lead', '2026-02-02', ?, ?) "
	                          "RETURNING id",
	                          ARG_INT(acme.id), ARG_INT(closed), ARG_TEXT(NOW),
	                          ARG_TEXT(NOW));
	EXEC(st,
	     "INSERT INTO capa (org_id, audit_id, ref, test_type, severity, nc_kind, "
	     "created_at, updated_at) VALUES (?, ?, 'A.5.1', 'compliance', 'minor', "
	     "'missing', ?, ?)",
	     ARG_INT(acme.id), ARG_INT(closed), ARG_TEXT(NOW), ARG_TEXT(NOW));
	/* A final review; an action with a due date, one without, a decision. */
	review =
	        INSERT_ID(st,
	                  "INSERT INTO review (org_id, title, held_on, chair, attendees, "
	                  "inputs, status, created_at, updated_at) VALUES (?, "
	                  "'Annual review', '2026-05-01', 'Bob', 'Bob, Ann', '{}', "
	                  "'final', ?, ?) RETURNING id",
	                  ARG_INT(acme.id), ARG_TEXT(NOW), ARG_TEXT(NOW));
	action = INSERT_ID(st,
	                   "INSERT INTO review_output (review_id, kind, text, owner, "
	                   "due_on) VALUES (?, 'action', 'Hire a SOC analyst', 'Cy', "
	                   "'2026-06-01') RETURNING id",
	                   ARG_INT(review));
	EXEC(st,
	     "INSERT INTO review_output (review_id, kind, text, owner) VALUES "
	     "(?, 'action', 'Someday', 'Cy')",
	     ARG_INT(review));
	EXEC(st,
	     "INSERT INTO review_output (review_id, kind, text, due_on) VALUES "
	     "(?, 'decision', 'Keep the scope', '2026-06-02')",
	     ARG_INT(review));
	/*
	 * Two assessments: the newest is the later date, not the later id,
	 * and only its remediation actions count.
	 */
	assert_ok(store_assessment_add(st, acme.id, "iso27001-2022", "Second",
	                               "2026-02-01", "Auditor", &newest));
	assert_ok(store_assessment_add(st, acme.id, "iso27001-2022", "First",
	                               "2025-12-01", "Auditor", &older));
	assert_true(older.id > newest.id);
	assert_ok(store_assessment_get(st, acme.id, 0, &got));
	assert_int_equal(got.id, newest.id);
	assessment_release(&got);
	add_remediation(st, newest.id, "A.5.1", "Dan", "2026-06-30", "done");
	add_remediation(st, newest.id, "A.5.2", "Dan", NULL, "open");
	add_remediation(st, older.id, "A.5.1", "Old", "2026-01-31", "open");
	/* A risk to review with a treatment action; another without dates. */
	risk = add_risk(st, acme.id, "Laptop theft", "Dee", "2026-07-01");
	treatment = INSERT_ID(st,
	                      "INSERT INTO treatment_action (risk_id, title, owner, "
	                      "due_on, updated_at) VALUES (?, 'Encrypt disks', 'Fay', "
	                      "'2026-08-01', ?) RETURNING id",
	                      ARG_INT(risk), ARG_TEXT(NOW));
	EXEC(st,
	     "INSERT INTO treatment_action (risk_id, title, updated_at) VALUES "
	     "(?, 'Lock cupboards', ?)",
	     ARG_INT(add_risk(st, acme.id, "Fire", NULL, NULL)), ARG_TEXT(NOW));
	/* Evidence that expires and evidence that does not. */
	assert_ok(put_bytes(st, "pentest", 7, sha, NULL));
	assert_ok(put_bytes(st, "policy", 6, other_sha, NULL));
	add_evidence(st, acme.id, sha, "Pentest report", "2026-09-01");
	add_evidence(st, acme.id, other_sha, "Policy", NULL);
	competence = add_competence(st, acme.id, "Eve", "Lead Auditor", "2026-10-01");
	/* The pentest is in use: the newest assessment links it. */
	EXEC(st,
	     "INSERT INTO gap_evidence_link (assessment_id, item_id, evidence_id, "
	     "linked_at) SELECT ?, ?, id, ? FROM evidence WHERE org_id = ? AND sha256 = "
	     "?",
	     ARG_INT(newest.id), ARG_INT(item_id(st, "A.5.1")), ARG_TEXT(NOW),
	     ARG_INT(acme.id), ARG_TEXT(sha));
	/* A renewed certificate retires the expiry of the one it replaces. */
	renewed = INSERT_ID(st,
	                    "INSERT INTO competence (person_id, kind, title, expires_on, "
	                    "added_at) SELECT person_id, kind, title, '2029-10-01', ? "
	                    "FROM competence WHERE id = ? RETURNING id",
	                    ARG_TEXT(NOW), ARG_INT(competence));

	/* Another organisation's dated records stay its own. */
	add_audit(st, beta.id, "Beta audit", "2026-03-01", "2026-03-01", "planned");
	add_risk(st, beta.id, "Flood", "Gus", "2026-03-05");
	add_evidence(st, beta.id, sha, "Beta pentest", "2026-03-06");
	add_competence(st, beta.id, "Hal", "Auditor", "2026-03-07");

	assert_ok(store_calendar(st, acme.id, &l));
	assert_int_equal(l.n, 12);
	assert_event(event(&l, CAL_INTERNAL_AUDIT, planned, NULL), "2026-03-01",
	             "2026-03-03", "Spring audit", NULL, false);
	assert_event(event(&l, CAL_INTERNAL_AUDIT, closed, NULL), "2026-01-10", "",
	             "Winter audit", NULL, true);
	strbuf_addstr(&capa_title, "A.8.15, ");
	strbuf_add(&capa_title, long_note, 79);
	strbuf_addstr(&capa_title, "\xe2\x80\xa6");
	assert_event(event(&l, CAL_CAPA, open_capa, NULL), "2026-04-01", "",
	             capa_title.buf, "Ann", false);
	assert_event(event(&l, CAL_CAPA, verified_capa, NULL), "2026-02-01", "", "A.8.8",
	             NULL, true);
	assert_event(event(&l, CAL_REVIEW, review, NULL), "2026-05-01", "",
	             "Annual review", "Bob", true);
	assert_event(event(&l, CAL_REVIEW_ACTION, action, NULL), "2026-06-01", "",
	             "Hire a SOC analyst", "Cy", false);
	strbuf_addf(&key, "%lld-A.5.1", (long long)newest.id);
	assert_event(event(&l, CAL_ROADMAP, 0, key.buf), "2026-06-30", "",
	             "A.5.1 Policies for information security", "Dan", true);
	assert_event(event(&l, CAL_TREATMENT, treatment, NULL), "2026-08-01", "",
	             "Encrypt disks", "Fay", false);
	assert_event(event(&l, CAL_EVIDENCE_EXPIRY, 0, sha), "2026-09-01", "",
	             "Pentest report", NULL, false);
	assert_event(event(&l, CAL_RISK_REVIEW, risk, NULL), "2026-07-01", "",
	             "Laptop theft", "Dee", false);
	assert_event(event(&l, CAL_COMPETENCE_EXPIRY, competence, NULL), "2026-10-01", "",
	             "Eve: Lead Auditor", "Eve", true);
	assert_event(event(&l, CAL_COMPETENCE_EXPIRY, renewed, NULL), "2029-10-01", "",
	             "Eve: Lead Auditor", "Eve", false);
	cal_list_release(&l);

	assert_ok(store_calendar(st, beta.id, &l));
	assert_int_equal(l.n, 4);
	/* Beta has no assessment linking its copy: history, not a task. */
	assert_event(event(&l, CAL_EVIDENCE_EXPIRY, 0, sha), "2026-03-06", "",
	             "Beta pentest", NULL, true);
	cal_list_release(&l);

	strbuf_release(&capa_title);
	strbuf_release(&key);
	assessment_release(&newest);
	assessment_release(&older);
	org_release(&acme);
	org_release(&beta);
}

/* The VEVENT with that UID in a parsed calendar; fails on none or two. */
static icalcomponent *ical_event(icalcomponent *cal, const char *uid)
{
	icalcomponent *found = NULL;

	for (icalcomponent *ev =
	             icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		const char *u = icalcomponent_get_uid(ev);

		if (u && !strcmp(u, uid)) {
			assert_null(found);
			found = ev;
		}
	}
	if (!found)
		fail_msg("no VEVENT with UID %s", uid);
	return found;
}

/* A property's date as YYYY-MM-DD; fails unless it is an all-day date. */
static void assert_ical_date(icalcomponent *ev, icalproperty_kind kind, const char *want)
{
	icalproperty *p = icalcomponent_get_first_property(ev, kind);
	struct icaltimetype t;
	char got[16];

	assert_non_null(p);
	t = kind == ICAL_DTSTART_PROPERTY ? icalproperty_get_dtstart(p)
	                                  : icalproperty_get_dtend(p);
	assert_true(icaltime_is_date(t));
	snprintf(got, sizeof(got), "%04d-%02d-%02d", t.year, t.month, t.day);
	assert_string_equal(got, want);
}

/*
 * The whole calendar (from 1900 on, open-ended) exported as iCalendar and
 * parsed back with libical: one VEVENT per event, each with the event's
 * UID (once), summary and all-day dates (DTEND the day after the last).
 * The events go to l; the caller frees them and the parsed calendar.
 */
static icalcomponent *calendar_roundtrip(struct store *st, const struct org *org,
                                         const char *stamp, struct cal_list *l,
                                         char today[11])
{
	struct strbuf doc = STRBUF_INIT, want = STRBUF_INIT;
	icalcomponent *cal;
	size_t n = 0;

	assert_ok(app_calendar(st, org, "1900-01-01", NULL, 90, l, today));
	assert_ok(ical_calendar(l, org->slug, org->name, "test", today, stamp, &doc));
	cal = icalparser_parse_string(doc.buf);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	for (icalcomponent *ev =
	             icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	     ev; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		n++;
	assert_int_equal(n, l->n);
	for (size_t i = 0; i < l->n; i++) {
		const struct cal_event *e = &l->v[i];
		icalcomponent *ev;
		char after[11];

		strbuf_reset(&want);
		cal_uid(e, org->slug, &want);
		ev = ical_event(cal, want.buf); /* exactly one: UIDs are unique */
		strbuf_reset(&want);
		cal_summary(e, &want);
		assert_string_equal(icalcomponent_get_summary(ev), want.buf);
		assert_ical_date(ev, ICAL_DTSTART_PROPERTY, e->date);
		date_add_days(*e->end ? e->end : e->date, 1, after);
		assert_ical_date(ev, ICAL_DTEND_PROPERTY, after);
	}
	strbuf_release(&doc);
	strbuf_release(&want);
	return cal;
}

static void test_calendar_ical(void **state)
{
	/* Everything iCalendar escapes, HTML and UTF-8 of 2 to 4 bytes. */
	static const char hostile[] =
	        "Comma, semicolon; colon: \"double\" 'single' <script>x</script> "
	        "back\\slash literal \\n double \\\\ \xc3\x9c"
	        "ber \xe2\x9c\x93 "
	        "\xf0\x9f\x94\x92 end";
	struct store *st = *state;
	struct org acme, beta;
	struct certification cert = {
		.body = "Cert, Body; Ltd",
		.golive_on = "2026-06-01",
		.stage1_on = "2026-12-10",
		.stage2_on = "2027-01-20",
	};
	struct cal_list first = { 0 }, second = { 0 };
	struct strbuf uid = STRBUF_INIT, want = STRBUF_INIT;
	icalcomponent *a, *b, *ev;
	char sha[SHA256_HEX_LEN + 1], today[11];
	int64_t audit, closed, capa, risk;

	setenv("ISMS_NOW", "2026-12-01T10:00:00Z", 1);
	assert_ok(store_org_add(st, "acme", "Acme, \"Ltd\"", &acme));
	assert_ok(store_org_add(st, "beta", "Beta", &beta));
	assert_ok(store_cert_put(st, acme.id, &cert));
	/* A planned audit over the turn of the year, titled with everything. */
	audit = add_audit(st, acme.id, hostile, "2026-12-30", "2027-01-02", "planned");
	closed = add_audit(st, acme.id, "Autumn audit", "2026-10-05", "2026-10-07",
	                   "closed");
	capa = INSERT_ID(st,
	                 "INSERT INTO capa (org_id, audit_id, ref, test_type, severity, "
	                 "nc_kind, description, owner, due_on, created_at, updated_at) "
	                 "VALUES (?, ?, 'A.5.15', 'substantive', 'minor', "
	                 "'not-functioning', 'Leavers; still \"active\"', 'Ann', "
	                 "'2027-02-15', ?, ?) RETURNING id",
	                 ARG_INT(acme.id), ARG_INT(closed), ARG_TEXT(NOW), ARG_TEXT(NOW));
	risk = add_risk(st, acme.id, "Ransomware, again", "Dee", "2027-04-01");
	EXEC(st,
	     "INSERT INTO treatment_action (risk_id, title, owner, due_on, updated_at) "
	     "VALUES (?, ?, 'Fay', '2026-12-20', ?)",
	     ARG_INT(risk), ARG_TEXT(hostile), ARG_TEXT(NOW));
	assert_ok(put_bytes(st, "pentest", 7, sha, NULL));
	add_evidence(st, acme.id, sha, "Pentest report", "2027-01-31");
	add_competence(st, acme.id, "Eve", "Lead Auditor", "2026-12-31");
	/* Another organisation's events never show. */
	add_audit(st, beta.id, "Beta audit", "2026-12-30", "2026-12-30", "planned");

	a = calendar_roundtrip(st, &acme, "20261201T100000Z", &first, today);
	assert_string_equal(today, "2026-12-01");
	/* 2 audits, the next one due, capa, risk review, treatment, evidence,
	 * competence, Stage 1 and 2, two surveillance audits, recertification,
	 * expiry, three months of operation. */
	assert_int_equal(first.n, 15);
	strbuf_addf(&uid, "internal-audit-%lld@acme.isms", (long long)audit);
	ev = ical_event(a, uid.buf);
	strbuf_addf(&want, "Internal audit A%lld: %s", (long long)audit, hostile);
	assert_string_equal(icalcomponent_get_summary(ev), want.buf);
	assert_ical_date(ev, ICAL_DTSTART_PROPERTY, "2026-12-30");
	assert_ical_date(ev, ICAL_DTEND_PROPERTY, "2027-01-03");
	strbuf_reset(&uid);
	strbuf_addf(&uid, "risk-review-%lld@acme.isms", (long long)risk);
	ev = ical_event(a, uid.buf);
	strbuf_reset(&want);
	strbuf_addf(&want, "Risk review due R%lld: Ransomware, again", (long long)risk);
	assert_string_equal(icalcomponent_get_summary(ev), want.buf);
	for (ev = icalcomponent_get_first_component(a, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(a, ICAL_VEVENT_COMPONENT)) {
		const char *u = icalcomponent_get_uid(ev);
		size_t n = strlen(u);

		assert_true(n > 10 && !strcmp(u + n - 10, "@acme.isms"));
	}

	/* Later, with a due date moved and a record added: the same UIDs. */
	setenv("ISMS_NOW", "2026-12-15T08:30:00Z", 1);
	EXEC(st, "UPDATE capa SET due_on = '2027-03-01' WHERE id = ?", ARG_INT(capa));
	add_risk(st, acme.id, "Flood", "Gus", "2027-05-01");
	b = calendar_roundtrip(st, &acme, "20261215T083000Z", &second, today);
	assert_string_equal(today, "2026-12-15");
	assert_int_equal(second.n, first.n + 1);
	for (size_t i = 0; i < first.n; i++) {
		strbuf_reset(&uid);
		cal_uid(&first.v[i], "acme", &uid);
		ical_event(b, uid.buf);
	}
	strbuf_reset(&uid);
	strbuf_addf(&uid, "capa-%lld@acme.isms", (long long)capa);
	assert_ical_date(ical_event(a, uid.buf), ICAL_DTSTART_PROPERTY, "2027-02-15");
	assert_ical_date(ical_event(b, uid.buf), ICAL_DTSTART_PROPERTY, "2027-03-01");
	strbuf_reset(&want);
	strbuf_addf(&want,
	            "Corrective action due CAPA-%lld: A.5.15, Leavers; still "
	            "\"active\"",
	            (long long)capa);
	assert_string_equal(icalcomponent_get_summary(ical_event(b, uid.buf)), want.buf);

	/* Once more, nothing changed: the same UIDs in the same order. */
	cal_list_release(&first);
	icalcomponent_free(a);
	a = calendar_roundtrip(st, &acme, "20261215T083000Z", &first, today);
	assert_int_equal(first.n, second.n);
	for (size_t i = 0; i < first.n; i++) {
		struct strbuf other = STRBUF_INIT;

		strbuf_reset(&uid);
		cal_uid(&first.v[i], "acme", &uid);
		cal_uid(&second.v[i], "acme", &other);
		assert_string_equal(uid.buf, other.buf);
		strbuf_release(&other);
	}

	icalcomponent_free(a);
	icalcomponent_free(b);
	cal_list_release(&first);
	cal_list_release(&second);
	strbuf_release(&uid);
	strbuf_release(&want);
	org_release(&acme);
	org_release(&beta);
	unsetenv("ISMS_NOW");
}

static void test_today(void **state)
{
	char day[11];

	(void)state;
	setenv("ISMS_NOW", "2026-01-15T09:00:00Z", 1);
	store_today(day);
	assert_string_equal(day, "2026-01-15");
	unsetenv("ISMS_NOW");
	store_today(day);
	assert_int_equal(strlen(day), 10);
	assert_true(day[4] == '-' && day[7] == '-');
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

/* ---- users, tokens, sessions ---- */

static void digest_of(const char *s, char out[SHA256_HEX_LEN + 1])
{
	sha256_hex(s, strlen(s), out);
}

static void test_users(void **state)
{
	struct store *st = *state;
	struct org acme, beta;
	struct user u, again;
	struct user_list l;
	struct org_list orgs;
	int64_t n = 0;
	bool changed = false, has = false;

	assert_ok(store_org_add(st, "acme", "Acme", &acme));
	assert_ok(store_org_add(st, "beta", "Beta", &beta));
	assert_ok(store_user_add(st, "Carol", ROLE_AUDITOR, "$argon2id$x", &u));
	assert_true(u.id > 0);
	assert_string_equal(u.name, "Carol");
	assert_int_equal(u.role, ROLE_AUDITOR);
	assert_string_equal(u.password_hash, "$argon2id$x");
	assert_false(u.disabled);
	assert_non_null(u.created_at);
	/* Names are one whatever their case. */
	assert_fails(store_user_add(st, "carol", ROLE_VIEWER, NULL, NULL), E_EXISTS,
	             "a user named 'carol' already exists");
	assert_ok(store_user_get(st, "CAROL", &again));
	assert_int_equal(again.id, u.id);
	user_release(&again);
	assert_fails(store_user_get(st, "dave", &again), E_NOTFOUND,
	             "no user 'dave' (see 'isms user list')");
	assert_ok(store_user_add(st, "alice", ROLE_ADMIN, NULL, NULL));
	assert_ok(store_user_add(st, "bob", ROLE_ADMIN, NULL, NULL));
	assert_ok(store_user_list(st, &l));
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].name, "alice");
	assert_null(l.v[0].password_hash);
	assert_string_equal(l.v[2].name, "Carol");
	user_list_release(&l);
	assert_ok(store_user_count(st, ROLE_ADMIN, true, &n));
	assert_int_equal(n, 2);
	/* Update: role, disabled, hash. */
	u.role = ROLE_CONTROL_OWNER;
	u.disabled = true;
	free(u.password_hash);
	u.password_hash = NULL;
	assert_ok(store_user_update(st, &u));
	assert_ok(store_user_get_id(st, u.id, &again));
	assert_int_equal(again.role, ROLE_CONTROL_OWNER);
	assert_true(again.disabled);
	assert_null(again.password_hash);
	user_release(&again);
	assert_ok(store_user_get(st, "bob", &again));
	again.disabled = true;
	assert_ok(store_user_update(st, &again));
	user_release(&again);
	assert_ok(store_user_count(st, ROLE_ADMIN, true, &n));
	assert_int_equal(n, 1);
	assert_ok(store_user_count(st, ROLE_ADMIN, false, &n));
	assert_int_equal(n, 2);
	/* Grants. */
	assert_ok(store_user_grant(st, u.id, beta.id, true, &changed));
	assert_true(changed);
	assert_ok(store_user_grant(st, u.id, acme.id, true, &changed));
	assert_ok(store_user_grant(st, u.id, acme.id, true, &changed));
	assert_false(changed);
	assert_ok(store_user_orgs(st, u.id, &orgs));
	assert_int_equal(orgs.n, 2);
	assert_string_equal(orgs.v[0].slug, "acme");
	assert_string_equal(orgs.v[1].slug, "beta");
	org_list_release(&orgs);
	assert_ok(store_user_has_org(st, u.id, acme.id, &has));
	assert_true(has);
	assert_ok(store_user_grant(st, u.id, acme.id, false, &changed));
	assert_true(changed);
	assert_ok(store_user_grant(st, u.id, acme.id, false, &changed));
	assert_false(changed);
	assert_ok(store_user_has_org(st, u.id, acme.id, &has));
	assert_false(has);
	/* An organisation removed takes its grants along. */
	assert_ok(store_org_remove(st, "beta"));
	assert_ok(store_user_orgs(st, u.id, &orgs));
	assert_int_equal(orgs.n, 0);
	org_list_release(&orgs);
	/* A user removed takes their tokens along. */
	assert_ok(store_token_add(st, u.id, "t", "00", NULL));
	assert_ok(store_user_remove(st, "carol"));
	assert_fails(store_user_remove(st, "carol"), E_NOTFOUND, "no user 'carol'");
	{
		struct api_token_list tl;

		assert_ok(store_token_list(st, 0, &tl));
		assert_int_equal(tl.n, 0);
		api_token_list_release(&tl);
	}
	user_release(&u);
	org_release(&acme);
	org_release(&beta);
}

static void test_tokens_and_sessions(void **state)
{
	struct store *st = *state;
	struct user u;
	struct api_token t, found;
	struct api_token_list tl;
	struct session s = { 0 }, got;
	char one[SHA256_HEX_LEN + 1], two[SHA256_HEX_LEN + 1];
	int64_t n = 0;
	bool pending = true;

	digest_of("one", one);
	digest_of("two", two);
	assert_ok(store_user_add(st, "ci", ROLE_VIEWER, NULL, &u));
	assert_ok(store_token_add(st, u.id, "nightly", one, &t));
	assert_true(t.id > 0);
	assert_string_equal(t.user_name, "ci");
	assert_null(t.last_used_at);
	/* A digest is unique. */
	assert_fails(store_token_add(st, u.id, "again", one, NULL), E_EXISTS, "");
	assert_ok(store_token_find(st, one, &found));
	assert_int_equal(found.id, t.id);
	api_token_release(&found);
	assert_fails(store_token_find(st, two, &found), E_NOTFOUND, "no such API token");
	assert_ok(store_token_touch(st, t.id, "2026-01-15T09:00:00Z"));
	assert_ok(store_token_revoke(st, t.id));
	assert_fails(store_token_find(st, one, &found), E_NOTFOUND, "no such API token");
	assert_ok(store_token_list(st, u.id, &tl));
	assert_int_equal(tl.n, 1);
	assert_string_equal(tl.v[0].last_used_at, "2026-01-15T09:00:00Z");
	assert_non_null(tl.v[0].revoked_at);
	api_token_list_release(&tl);
	assert_fails(store_token_revoke(st, t.id + 100), E_NOTFOUND, "no API token");
	api_token_release(&t);

	s.user_id = u.id;
	s.csrf = "csrf-1";
	s.created_at = "2026-01-15T09:00:00Z";
	s.last_seen_at = "2026-01-15T09:00:00Z";
	s.expires_at = "2026-01-15T17:00:00Z";
	assert_ok(store_session_add(st, one, &s));
	assert_true(s.id > 0);
	assert_fails(store_session_add(st, one, &s), E_EXISTS, "");
	assert_ok(store_session_find(st, one, "2026-01-15T16:59:59Z", &got));
	assert_int_equal(got.id, s.id);
	assert_int_equal(got.user_id, u.id);
	assert_string_equal(got.csrf, "csrf-1");
	session_release(&got);
	/* Expired at its time, not a second later. */
	assert_fails(store_session_find(st, one, "2026-01-15T17:00:00Z", &got),
	             E_NOTFOUND, "expired");
	assert_ok(store_session_touch(st, s.id, "2026-01-15T16:00:00Z",
	                              "2026-01-16T00:00:00Z"));
	assert_ok(store_session_find(st, one, "2026-01-15T17:00:00Z", &got));
	assert_string_equal(got.last_seen_at, "2026-01-15T16:00:00Z");
	session_release(&got);
	s.expires_at = "2026-01-15T12:00:00Z";
	assert_ok(store_session_add(st, two, &s));
	assert_ok(store_session_delete_expired(st, "2026-01-15T20:00:00Z", &n));
	assert_int_equal(n, 1);
	assert_fails(store_session_delete(st, two), E_NOTFOUND, "no such session");
	assert_ok(store_session_delete(st, one));
	assert_fails(store_session_delete(st, one), E_NOTFOUND, "no such session");
	assert_ok(store_session_add(st, two, &s));
	assert_ok(store_session_delete_user(st, u.id));
	assert_fails(store_session_delete(st, two), E_NOTFOUND, "no such session");

	/* The set-up token: one row, used once. */
	assert_ok(store_setup_token_pending(st, &pending));
	assert_false(pending);
	assert_ok(store_setup_token_put(st, one));
	assert_ok(store_setup_token_put(st, two));
	assert_ok(store_setup_token_pending(st, &pending));
	assert_true(pending);
	assert_fails(store_setup_token_use(st, one, "2026-01-15T09:00:00Z"), E_NOTFOUND,
	             "no such set-up token");
	assert_ok(store_setup_token_use(st, two, "2026-01-15T09:00:00Z"));
	assert_fails(store_setup_token_use(st, two, "2026-01-15T09:00:00Z"), E_NOTFOUND,
	             "or it was used");
	assert_ok(store_setup_token_pending(st, &pending));
	assert_false(pending);
	user_release(&u);
}

static void test_copy_users(void **state)
{
	struct store *src = *state, *dst;
	struct org org;
	struct user u, got;
	struct session s = { 0 }, sess;
	struct api_token t;
	struct org_list orgs;
	char one[SHA256_HEX_LEN + 1], two[SHA256_HEX_LEN + 1];
	bool pending = false;

	digest_of("one", one);
	digest_of("two", two);
	assert_ok(store_org_add(src, "acme", "Acme", &org));
	assert_ok(store_user_add(src, "eve", ROLE_EXTERNAL_AUDITOR, "$argon2id$h", &u));
	assert_ok(store_user_grant(src, u.id, org.id, true, NULL));
	assert_ok(store_token_add(src, u.id, "ci", one, NULL));
	s.user_id = u.id;
	s.csrf = "c";
	s.created_at = s.last_seen_at = "2026-01-15T09:00:00Z";
	s.expires_at = "2026-01-15T17:00:00Z";
	assert_ok(store_session_add(src, two, &s));
	assert_ok(store_setup_token_put(src, two));
	assert_ok(store_open(&dst, unit_store_target(), STORE_CREATE));
	assert_ok(store_copy(src, dst, NULL));
	assert_ok(store_user_get(dst, "EVE", &got));
	assert_int_equal(got.id, u.id);
	assert_int_equal(got.role, ROLE_EXTERNAL_AUDITOR);
	assert_string_equal(got.password_hash, "$argon2id$h");
	user_release(&got);
	assert_ok(store_user_orgs(dst, u.id, &orgs));
	assert_int_equal(orgs.n, 1);
	org_list_release(&orgs);
	assert_ok(store_token_find(dst, one, &t));
	assert_string_equal(t.name, "ci");
	api_token_release(&t);
	assert_ok(store_session_find(dst, two, "2026-01-15T10:00:00Z", &sess));
	session_release(&sess);
	assert_ok(store_setup_token_pending(dst, &pending));
	assert_true(pending);
	/* New users follow the copied ids. */
	assert_ok(store_user_add(dst, "frank", ROLE_VIEWER, NULL, &got));
	assert_true(got.id > u.id);
	user_release(&got);
	store_close(dst);
	/* A store holding users is not empty. */
	assert_ok(store_org_remove(src, "acme"));
	assert_ok(store_open(&dst, unit_store_target(), STORE_CREATE));
	assert_ok(store_user_add(dst, "zed", ROLE_VIEWER, NULL, NULL));
	assert_fails(store_copy(src, dst, NULL), E_CONFLICT, "it already holds users");
	store_close(dst);
	user_release(&u);
	org_release(&org);
}

/* ---- sign-in, sessions, tokens and access through the app ---- */

static void at(const char *now)
{
	setenv("ISMS_NOW", now, 1);
}

static void test_login_and_sessions(void **state)
{
	struct store *st = *state;
	struct org acme;
	struct user u, who;
	struct session sess, raw;
	struct session_new sn = { 0 };
	char digest[SHA256_HEX_LEN + 1];

	at("2026-01-15T09:00:00Z");
	assert_ok(store_org_add(st, "acme", "Acme", &acme));
	assert_ok(app_user_add(st, "Alice", "auditor", "correct horse battery", "acme",
	                       &u));
	assert_string_equal(u.name, "Alice");
	assert_int_equal(u.role, ROLE_AUDITOR);
	/* Argon2id at the interactive cost; never the password itself. */
	assert_true(!strncmp(u.password_hash, "$argon2id$v=19$m=65536,t=2,p=1$", 31));
	assert_null(strstr(u.password_hash, "horse"));
	assert_fails(app_user_add(st, "alice", "viewer", NULL, NULL, NULL), E_EXISTS,
	             "a user named 'Alice' already exists");
	assert_fails(app_user_add(st, "bob", "boss", NULL, NULL, NULL), E_INVALID,
	             "unknown role 'boss'");
	assert_fails(app_user_add(st, "bob", "viewer", "too short", NULL, NULL),
	             E_INVALID, "at least 12");
	assert_fails(app_user_add(st, "bob", "viewer", NULL, "nope", NULL), E_NOTFOUND,
	             "no organisation 'nope'");
	assert_fails(app_user_add(st, "b b", "viewer", NULL, NULL, NULL), E_INVALID,
	             "only letters");

	/* One message for every failure, whatever it was. */
	assert_fails(app_login(st, "alice", "correct horse batter", &sn), E_AUTH,
	             "wrong user name or password");
	assert_fails(app_login(st, "nobody", "correct horse battery", &sn), E_AUTH,
	             "wrong user name or password");
	assert_fails(app_login(st, "no body", "correct horse battery", &sn), E_AUTH,
	             "wrong user name or password");
	assert_fails(app_login(st, "alice", NULL, &sn), E_AUTH,
	             "wrong user name or password");
	assert_ok(app_login(st, "ALICE", "correct horse battery", &sn));
	assert_int_equal(strlen(sn.token), 43);
	assert_int_equal(strlen(sn.csrf), 43);
	assert_string_not_equal(sn.token, sn.csrf);
	assert_string_equal(sn.expires_at, "2026-01-15T17:00:00Z");
	assert_string_equal(sn.user.name, "Alice");
	/* The store holds the cookie's digest, not the cookie. */
	digest_of(sn.token, digest);
	assert_ok(store_session_find(st, digest, "2026-01-15T09:00:00Z", &raw));
	assert_string_equal(raw.csrf, sn.csrf);
	session_release(&raw);
	assert_fails(store_session_find(st, sn.token, "2026-01-15T09:00:00Z", &raw),
	             E_NOTFOUND, "");

	assert_ok(app_session_check(st, sn.token, &who, &sess));
	assert_int_equal(who.id, u.id);
	assert_string_equal(sess.csrf, sn.csrf);
	user_release(&who);
	session_release(&sess);
	assert_fails(app_session_check(st, "not-a-token", &who, &sess), E_AUTH,
	             "not signed in");
	assert_fails(app_session_check(st, NULL, &who, &sess), E_AUTH, "not signed in");
	/* Used within 8 hours, the idle limit moves on... */
	at("2026-01-15T16:00:00Z");
	assert_ok(app_session_check(st, sn.token, &who, &sess));
	assert_string_equal(sess.expires_at, "2026-01-16T00:00:00Z");
	user_release(&who);
	session_release(&sess);
	at("2026-01-15T23:30:00Z");
	assert_ok(app_session_check(st, sn.token, &who, &sess));
	user_release(&who);
	session_release(&sess);
	at("2026-01-16T07:00:00Z");
	assert_ok(app_session_check(st, sn.token, &who, &sess));
	/* ...but never past 24 hours after signing in. */
	assert_string_equal(sess.expires_at, "2026-01-16T09:00:00Z");
	user_release(&who);
	session_release(&sess);
	at("2026-01-16T09:00:00Z");
	assert_fails(app_session_check(st, sn.token, &who, &sess), E_AUTH,
	             "the session expired");
	session_new_release(&sn);
	/* Unused for 8 hours, it ends. */
	at("2026-01-20T09:00:00Z");
	assert_ok(app_login(st, "alice", "correct horse battery", &sn));
	at("2026-01-20T17:00:00Z");
	assert_fails(app_session_check(st, sn.token, &who, &sess), E_AUTH,
	             "the session expired");
	session_new_release(&sn);

	/* Signing out ends the session; twice is an error. */
	assert_ok(app_login(st, "alice", "correct horse battery", &sn));
	assert_ok(app_logout(st, sn.token));
	assert_fails(app_session_check(st, sn.token, &who, &sess), E_AUTH,
	             "not signed in");
	assert_fails(app_logout(st, sn.token), E_AUTH, "not signed in");
	session_new_release(&sn);

	/* A new password ends the sessions and replaces the old one. */
	assert_ok(app_login(st, "alice", "correct horse battery", &sn));
	assert_fails(app_user_set_password(st, "alice", "aaaaaaaaaaaaaa"), E_INVALID,
	             "one character repeated");
	assert_ok(app_user_set_password(st, "alice", "staple battery horse"));
	assert_fails(app_session_check(st, sn.token, &who, &sess), E_AUTH,
	             "not signed in");
	session_new_release(&sn);
	assert_fails(app_login(st, "alice", "correct horse battery", &sn), E_AUTH,
	             "wrong");
	assert_ok(app_login(st, "alice", "staple battery horse", &sn));
	/* Disabled: the session ends and signing in fails alike. */
	assert_ok(app_user_set(st, "alice", NULL, 1));
	assert_fails(app_session_check(st, sn.token, &who, &sess), E_AUTH,
	             "not signed in");
	session_new_release(&sn);
	assert_fails(app_login(st, "alice", "staple battery horse", &sn), E_AUTH,
	             "wrong user name or password");
	assert_ok(app_user_set(st, "alice", NULL, 0));
	unsetenv("ISMS_NOW");
	user_release(&u);
	org_release(&acme);
}

static void test_tokens_and_access(void **state)
{
	struct store *st = *state;
	struct org acme, beta;
	struct user ci, alice, eve, root, who;
	struct api_token t;
	struct api_token_list tl;
	struct session_new sn = { 0 };
	char secret[APP_SECRET_MAX], wrong[APP_SECRET_MAX];
	bool changed = false;

	at("2026-01-15T09:00:00Z");
	assert_ok(store_org_add(st, "acme", "Acme", &acme));
	assert_ok(store_org_add(st, "beta", "Beta", &beta));
	assert_ok(app_user_add(st, "ci", "control-owner", NULL, "acme", &ci));
	assert_null(ci.password_hash);
	/* No password: no sign-in, whatever is typed. */
	assert_fails(app_login(st, "ci", "", &sn), E_AUTH, "wrong user name or password");
	assert_ok(app_token_add(st, "CI", "nightly", &t, secret));
	assert_true(!strncmp(secret, "isms_", 5));
	assert_int_equal(strlen(secret), 48);
	assert_string_equal(t.user_name, "ci");
	assert_ok(app_token_check(st, secret, &who));
	assert_int_equal(who.id, ci.id);
	user_release(&who);
	assert_ok(app_token_list(st, "ci", &tl));
	assert_int_equal(tl.n, 1);
	assert_string_equal(tl.v[0].last_used_at, "2026-01-15T09:00:00Z");
	api_token_list_release(&tl);
	memcpy(wrong, secret, sizeof(wrong));
	wrong[10] = wrong[10] == 'A' ? 'B' : 'A';
	assert_fails(app_token_check(st, wrong, &who), E_AUTH,
	             "invalid or revoked API token");
	assert_fails(app_token_check(st, "isms_short", &who), E_AUTH,
	             "invalid or revoked");
	assert_fails(app_token_check(st, secret + 5, &who), E_AUTH, "invalid or revoked");
	assert_fails(app_token_add(st, "nobody", "x", NULL, wrong), E_NOTFOUND,
	             "no user 'nobody'");
	assert_string_equal(wrong, "");
	assert_fails(app_token_add(st, "ci", " ", NULL, wrong), E_INVALID, "token name");
	/* A disabled user's tokens stop working, and work again when enabled. */
	assert_ok(app_user_set(st, "ci", NULL, 1));
	assert_fails(app_token_check(st, secret, &who), E_AUTH, "invalid or revoked");
	assert_ok(app_user_set(st, "ci", NULL, 0));
	assert_ok(app_token_check(st, secret, &who));
	user_release(&who);
	assert_ok(app_token_revoke(st, t.id));
	assert_fails(app_token_check(st, secret, &who), E_AUTH, "invalid or revoked");
	assert_fails(app_token_revoke(st, t.id + 10), E_NOTFOUND, "no API token");
	api_token_release(&t);

	/* The role's matrix and the organisation's grants. */
	assert_ok(app_user_add(st, "alice", "auditor", NULL, "acme", &alice));
	assert_ok(app_user_can(st, &alice, acme.id, AREA_RISK, ACCESS_READ));
	assert_ok(app_user_can(st, &alice, acme.id, AREA_AUDIT, ACCESS_WRITE));
	assert_fails(app_user_can(st, &alice, acme.id, AREA_RISK, ACCESS_WRITE),
	             E_FORBIDDEN, "the role auditor may not change risk");
	assert_fails(app_user_can(st, &alice, beta.id, AREA_RISK, ACCESS_READ),
	             E_FORBIDDEN, "'alice' has no access to this organisation");
	assert_ok(app_user_grant(st, "alice", "beta", true, &changed));
	assert_true(changed);
	assert_ok(app_user_can(st, &alice, beta.id, AREA_RISK, ACCESS_READ));
	assert_ok(app_user_grant(st, "alice", "beta", false, &changed));
	assert_true(changed);
	assert_fails(app_user_can(st, &alice, beta.id, AREA_RISK, ACCESS_READ),
	             E_FORBIDDEN, "no access to this organisation");
	assert_fails(app_user_grant(st, "alice", "nope", true, NULL), E_NOTFOUND,
	             "no organisation 'nope'");
	assert_fails(app_user_grant(st, "nobody", "acme", true, NULL), E_NOTFOUND,
	             "no user 'nobody'");
	/* What belongs to no organisation. */
	assert_ok(app_user_can(st, &alice, 0, AREA_CATALOG, ACCESS_READ));
	assert_fails(app_user_can(st, &alice, 0, AREA_AUDIT, ACCESS_WRITE), E_FORBIDDEN,
	             "only an administrator");
	assert_fails(app_user_can(st, &alice, acme.id, AREA_USER, ACCESS_READ),
	             E_FORBIDDEN, "may not read user");
	/* The certification body's auditor: no gap assessment. */
	assert_ok(app_user_add(st, "eve", "external-auditor", NULL, "acme", &eve));
	assert_ok(app_user_can(st, &eve, acme.id, AREA_SOA, ACCESS_READ));
	assert_fails(app_user_can(st, &eve, acme.id, AREA_GAP, ACCESS_READ), E_FORBIDDEN,
	             "the role external-auditor may not read gap");
	assert_fails(app_user_can(st, &eve, acme.id, AREA_AUDIT, ACCESS_WRITE),
	             E_FORBIDDEN, "may not change audit");
	/* An administrator holds every organisation, granted or not. */
	assert_ok(app_user_add(st, "root", "admin", NULL, NULL, &root));
	assert_ok(app_user_can(st, &root, beta.id, AREA_GAP, ACCESS_WRITE));
	assert_ok(app_user_can(st, &root, 0, AREA_CATALOG, ACCESS_WRITE));
	assert_ok(app_user_can(st, &root, 0, AREA_USER, ACCESS_WRITE));
	root.disabled = true;
	assert_fails(app_user_can(st, &root, beta.id, AREA_GAP, ACCESS_READ), E_AUTH,
	             "disabled");
	/* The last enabled administrator stays. */
	assert_fails(app_user_remove(st, "root"), E_CONFLICT,
	             "'root' is the only enabled administrator");
	assert_fails(app_user_set(st, "root", "viewer", -1), E_CONFLICT,
	             "before giving another role to them");
	assert_fails(app_user_set(st, "root", NULL, 1), E_CONFLICT,
	             "before disabling them");
	assert_ok(app_user_set(st, "root", "admin", -1));
	assert_ok(app_user_set(st, "alice", "admin", -1));
	assert_ok(app_user_set(st, "root", NULL, 1));
	assert_ok(app_user_remove(st, "root"));
	assert_fails(app_user_remove(st, "root"), E_NOTFOUND, "no user 'root'");
	unsetenv("ISMS_NOW");
	user_release(&ci);
	user_release(&alice);
	user_release(&eve);
	user_release(&root);
	org_release(&acme);
	org_release(&beta);
}

static void test_setup_token(void **state)
{
	struct store *st = *state;
	char first[APP_SECRET_MAX], second[APP_SECRET_MAX];
	struct user u;
	struct session_new sn = { 0 };

	assert_ok(app_setup_token_create(st, first));
	assert_true(!strncmp(first, "isms_setup_", 11));
	assert_int_equal(strlen(first), 54);
	/* A new one replaces the old. */
	assert_ok(app_setup_token_create(st, second));
	assert_string_not_equal(first, second);
	assert_fails(app_setup_token_use(st, first, "root", "correct horse battery", &u),
	             E_AUTH, "wrong or used set-up token");
	assert_fails(app_setup_token_use(st, "isms_setup_x", "root",
	                                 "correct horse battery", &u),
	             E_AUTH, "wrong or used set-up token");
	assert_fails(app_setup_token_use(st, second, "root", "short", &u), E_INVALID,
	             "at least 12");
	assert_ok(app_setup_token_use(st, second, "root", "correct horse battery", &u));
	assert_int_equal(u.role, ROLE_ADMIN);
	user_release(&u);
	assert_fails(
	        app_setup_token_use(st, second, "root2", "correct horse battery", &u),
	        E_AUTH, "wrong or used set-up token");
	assert_fails(app_setup_token_create(st, first), E_CONFLICT,
	             "an administrator exists already");
	assert_string_equal(first, "");
	assert_ok(app_login(st, "root", "correct horse battery", &sn));
	session_new_release(&sn);
}

/* ---- the change log ---- */

struct found {
	int n;
	char kinds[256];
};

static void note_problem(void *ctx, const struct store_problem *p)
{
	struct found *f = ctx;
	size_t len = strlen(f->kinds);

	f->n++;
	snprintf(f->kinds + len, sizeof(f->kinds) - len, "%s%s", len ? "," : "", p->kind);
}

static struct found verify_now(struct store *st, struct store_verify_counts *c)
{
	struct found f = { 0 };

	assert_ok(store_begin_read(st));
	assert_ok(store_end(st, store_verify_log(st, note_problem, &f, c)));
	return f;
}

static void test_change_log_chain(void **state)
{
	struct store *st = *state;
	struct store_verify_counts c = { 0 };
	struct found f;
	struct org o = { 0 };
	int64_t blocks = 0, after = 0;

	store_set_actor(st, "unit:test");
	assert_ok(store_org_add(st, "acme", "Acme", &o));
	org_release(&o);
	assert_int_equal(
	        db_int(st, "SELECT count(*) FROM change_block", SQL_NOARGS, &blocks), 1);
	/* A read and a failed write add no block. */
	assert_ok(store_begin_read(st));
	assert_ok(store_end(st, 0));
	assert_fails(store_org_add(st, "acme", "Again", &o), E_EXISTS, "already exists");
	assert_int_equal(
	        db_int(st, "SELECT count(*) FROM change_block", SQL_NOARGS, &after), 1);
	assert_int_equal(after, blocks);
	assert_int_equal(
	        db_int(st, "SELECT count(*) FROM change_block WHERE actor = 'unit:test'",
	               SQL_NOARGS, &after),
	        1);
	assert_int_equal(after, 1);
	f = verify_now(st, &c);
	assert_int_equal(f.n, 0);
	assert_int_equal(c.blocks, blocks);
	assert_int_equal(strlen(c.head), 64);
	/* Blocks link up: each names the one before. */
	assert_int_equal(db_int(st,
	                        "SELECT count(*) FROM change_block b JOIN change_block p "
	                        "ON p.seq = b.seq - 1 WHERE b.prev_sha256 <> p.sha256",
	                        SQL_NOARGS, &after),
	                 1);
	assert_int_equal(after, 0);
	/* A block's record changed: its SHA-256 no longer matches. */
	assert_ok(store_begin(st));
	assert_ok(store_end(st, db_exec(st,
	                                "UPDATE change_block SET actor = 'mallory' "
	                                "WHERE seq = (SELECT max(seq) FROM change_block)",
	                                SQL_NOARGS)));
	f = verify_now(st, &c);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.kinds, "chain");
}

static void test_change_log_record_changed(void **state)
{
	struct store *st = *state;
	struct store_verify_counts c = { 0 };
	struct found f;
	struct org o = { 0 };

	assert_ok(store_org_add(st, "acme", "Acme", &o));
	org_release(&o);
	/* Written by isms: logged and chained, so no problem. */
	assert_ok(store_org_rename(st, "acme", "Acme Ltd"));
	f = verify_now(st, &c);
	assert_int_equal(f.n, 0);
	/* The triggers out of the way, the row changed: the image differs. */
	assert_ok(store_begin(st));
	assert_ok(store_end(st, st->ops->log_triggers(st, "org", false)));
	assert_ok(store_begin(st));
	assert_ok(store_end(
	        st, db_exec(st, "UPDATE org SET name = 'Evil' WHERE slug = 'acme'",
	                    SQL_NOARGS)));
	f = verify_now(st, &c);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.kinds, "changed");
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
		cmocka_unit_test_setup_teardown(test_blob_put_and_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blob_many_chunks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blob_damaged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blob_rolled_back, setup, teardown),
		cmocka_unit_test(test_copy_keeps_content),
		cmocka_unit_test_setup_teardown(test_cert_none_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cert_put_get_replace, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_calendar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_calendar_ical, setup, teardown),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_pg_connection_failures),
		cmocka_unit_test_setup_teardown(test_change_log_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_log_record_changed, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_users, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens_and_sessions, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_copy_users, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_and_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens_and_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_setup_token, setup, teardown),
	};

	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
