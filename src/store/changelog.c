/*
 * changelog.c - the tamper-evident change log.
 *
 * Triggers on every logged table write a change_log entry for each row
 * inserted, updated or deleted: the table, the operation and the row's
 * image before and after, as JSON text.  The triggers are the drivers'
 * (log_triggers); this file installs them on every table the schema holds
 * after each migration, so tables added later are covered without anyone
 * remembering to.
 *
 * An entry is written without a block.  When the transaction that wrote
 * it commits, changelog_commit() gives all of its entries the next block
 * and records the block with a SHA-256 over the previous block's SHA-256,
 * its own fields and every entry.  Editing, adding or removing an entry or
 * a block afterwards no longer hashes to what the chain says; an entry
 * that stays without a block was written by something other than isms
 * (the triggers fire for any client).  A record changed with the triggers
 * out of the way no longer equals its latest logged image, which
 * store_verify_log() compares for every row.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pwd.h>

#include "core/error.h"
#include "core/hash.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "store/blobdir.h"
#include "store/driver.h"

/* What a block's SHA-256 starts with: the format, should it ever change. */
#define CHAIN_FORMAT "isms change block 1\n"
#define ZERO_SHA256 "0000000000000000000000000000000000000000000000000000000000000000"
/* isms_meta keys: the schema version the triggers were installed for, and
 * the logged tables with their columns then. */
#define META_VERSION "change_log_version"
#define META_TABLES "change_log_tables"
/* Detailed problems reported about records that are missing, at most. */
#define MISSING_MAX 10000

/* Columns that hold secrets (digests of passwords and tokens): left out. */
const char *const changelog_secret_columns[] = { "password_hash", "token_sha256", NULL };

bool changelog_secret(const char *column)
{
	for (size_t i = 0; changelog_secret_columns[i]; i++)
		if (!strcmp(column, changelog_secret_columns[i]))
			return true;
	return false;
}

void changelog_quote(struct strbuf *sb, const char *name, char quote)
{
	strbuf_addch(sb, quote);
	for (const char *p = name; *p; p++) {
		if (*p == quote)
			strbuf_addch(sb, quote);
		strbuf_addch(sb, *p);
	}
	strbuf_addch(sb, quote);
}

/*
 * Not logged: the log itself, the store's bookkeeping, content bytes
 * (re-hashed against their digest instead) and login sessions, which
 * change with every request and only hold secrets.
 */
static bool logged_table(const char *name)
{
	static const char *const skip[] = { "change_block", "change_log",
		                            "blob_chunk",   "schema_migration",
		                            "isms_meta",    NULL };

	for (size_t i = 0; skip[i]; i++)
		if (!strcmp(name, skip[i]))
			return false;
	return strncmp(name, "session", 7) != 0;
}

void store_set_actor(struct store *st, const char *actor)
{
	char buf[256];

	if (!actor || !*actor) {
		const char *env = getenv("ISMS_ACTOR");
		struct passwd *pw = getpwuid(geteuid());

		if (env && *env)
			snprintf(buf, sizeof(buf), "%s", env);
		else
			snprintf(buf, sizeof(buf), "cli:%s",
			         pw && pw->pw_name ? pw->pw_name : "unknown");
		actor = buf;
	}
	free(st->actor);
	st->actor = xstrdup(actor);
}

void store_set_log_org(struct store *st, int64_t org_id)
{
	st->log_org = org_id;
}

/* ---- lists of names ---- */

struct names {
	char **v;
	size_t n, alloc;
};

static void names_release(struct names *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* The first column of every row of a query with at most one parameter. */
static int names_of(struct store *st, const char *sql, const char *arg, struct names *out)
{
	struct db_rows *rows;
	int rc = arg ? st->ops->query(st, sql, SQL_ARGS(ARG_TEXT(arg)), &rows)
	             : st->ops->query(st, sql, SQL_NOARGS, &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		const char *s = st->ops->text(rows, 0);

		if (!s)
			continue;
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n++] = xstrdup(s);
	}
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

static int logged_tables(struct store *st, struct names *out)
{
	struct names all = { 0 };
	int rc = names_of(st, st->ops->sql_table_names, NULL, &all);

	for (size_t i = 0; !rc && i < all.n; i++) {
		if (!logged_table(all.v[i]))
			continue;
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n++] = all.v[i];
		all.v[i] = NULL;
	}
	names_release(&all);
	return rc;
}

/* ---- reading long results in pieces ---- */

/*
 * A cursor over a query's rows.  SQLite steps through a result by itself;
 * a PostgreSQL result arrives whole, so there a server-side cursor hands
 * it over fetch_rows rows at a time and memory stays bounded however long
 * the log grows.  Needs a transaction.
 */
struct cursor {
	struct store *st;
	struct db_rows *rows;
	char name[32];
	int got;
	bool eof;
};

static int cursor_open(struct cursor *c, struct store *st, const char *sql,
                       const struct sql_arg *args, size_t nargs)
{
	static unsigned counter;

	memset(c, 0, sizeof(*c));
	c->st = st;
	if (!st->ops->fetch_rows)
		return st->ops->query(st, sql, args, nargs, &c->rows);
	{
		struct strbuf q = STRBUF_INIT;
		int rc;

		snprintf(c->name, sizeof(c->name), "isms_log_%u", ++counter);
		strbuf_addf(&q, "DECLARE %s NO SCROLL CURSOR FOR %s", c->name, sql);
		rc = db_exec(st, q.buf, args, nargs);
		strbuf_release(&q);
		if (rc)
			c->name[0] = '\0';
		return rc;
	}
}

/* 1: a row is ready; 0: no more; <0: error. */
static int cursor_next(struct cursor *c)
{
	for (;;) {
		if (c->eof)
			return 0;
		if (c->rows) {
			int rc = c->st->ops->next(c->rows);

			if (rc > 0)
				c->got++;
			if (rc != 0)
				return rc;
			c->st->ops->done(c->rows);
			c->rows = NULL;
			if (!c->name[0] || c->got < c->st->ops->fetch_rows) {
				c->eof = true;
				return 0;
			}
		}
		{
			char q[64];
			int rc;

			c->got = 0;
			snprintf(q, sizeof(q), "FETCH %d FROM %s", c->st->ops->fetch_rows,
			         c->name);
			rc = c->st->ops->query(c->st, q, SQL_NOARGS, &c->rows);
			if (rc)
				return rc;
		}
	}
}

static const char *cursor_text(struct cursor *c, int col)
{
	return c->st->ops->text(c->rows, col);
}

static int64_t cursor_int(struct cursor *c, int col)
{
	return c->st->ops->integer(c->rows, col);
}

/* Close it; after an error the transaction is ending anyway. */
static void cursor_close(struct cursor *c, int rc)
{
	if (c->rows)
		c->st->ops->done(c->rows);
	c->rows = NULL;
	if (c->name[0] && rc == 0) {
		char q[64];

		snprintf(q, sizeof(q), "CLOSE %s", c->name);
		db_exec(c->st, q, SQL_NOARGS);
	}
	c->name[0] = '\0';
}

/* ---- the chain's hash ---- */

/* A field as its length and bytes, so no two sequences hash alike. */
static void put_field(struct sha256_ctx *h, const char *s)
{
	char head[32];
	int n;

	if (!s) {
		sha256_update(h, "-", 1);
		return;
	}
	n = snprintf(head, sizeof(head), "%zu:", strlen(s));
	sha256_update(h, head, (size_t)n);
	sha256_update(h, s, strlen(s));
}

static void put_int(struct sha256_ctx *h, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	put_field(h, buf);
}

/* A block's own fields; its organisation only when it has one, so that
 * blocks chained before organisations were recorded keep their hashes. */
static struct sha256_ctx *block_hash(const char *prev, int64_t seq, const char *at,
                                     const char *actor, int64_t entries, int64_t org)
{
	struct sha256_ctx *h = sha256_new();

	sha256_update(h, CHAIN_FORMAT, strlen(CHAIN_FORMAT));
	put_field(h, prev);
	put_int(h, seq);
	put_field(h, at);
	put_field(h, actor);
	put_int(h, entries);
	if (org > 0) {
		put_field(h, "org");
		put_int(h, org);
	}
	return h;
}

/*
 * The organisation an image of table tbl names (an organisation's own
 * "id", any other record's "org_id"), or 0.  Images are JSON objects
 * written by the triggers: the member is found by its quoted name
 * followed by a colon (either backend may put a space after it).
 */
static int64_t image_org(const char *tbl, const char *img)
{
	const char *name = strcmp(tbl, "org") ? "\"org_id\"" : "\"id\"";

	for (const char *p = strstr(img, name); p; p = strstr(p + 1, name)) {
		const char *v = p + strlen(name);
		long long id;

		v += strspn(v, " ");
		if (*v != ':')
			continue;
		v++;
		v += strspn(v, " ");
		id = strtoll(v, NULL, 10);
		return id > 0 ? id : 0;
	}
	return 0;
}

/* Fold one image's organisation into a block's: -1 once two differ. */
static void block_org_add(int64_t *org, const char *tbl, const char *img)
{
	int64_t o = img && tbl ? image_org(tbl, img) : 0;

	if (!o || *org < 0)
		return;
	*org = !*org || *org == o ? o : -1;
}

static void entry_hash(struct sha256_ctx *h, int64_t id, const char *tbl, const char *op,
                       const char *before, const char *after)
{
	put_int(h, id);
	put_field(h, tbl);
	put_field(h, op);
	put_field(h, before);
	put_field(h, after);
}

/* ---- writing ---- */

int changelog_begin(struct store *st)
{
	int64_t floor = 0;
	int rc = db_int(st, "SELECT coalesce(max(id), 0) FROM change_log", SQL_NOARGS,
	                &floor);

	if (rc < 0)
		return rc;
	st->log_floor = floor;
	return 0;
}

int changelog_commit(struct store *st)
{
	const char *actor = st->actor_override ? st->actor_override : st->actor;
	struct db_rows *rows;
	struct sha256_ctx *h;
	struct cursor c;
	char prev[SHA256_HEX_LEN + 1] = ZERO_SHA256, sha[SHA256_HEX_LEN + 1], at[32];
	int64_t any = 0, seq = 0, entries = 0, hashed = 0, org = 0;
	int rc;

	/* The one check a transaction that logged nothing pays. */
	rc = db_int(st, "SELECT 1 FROM change_log WHERE block IS NULL AND id > ? LIMIT 1",
	            SQL_ARGS(ARG_INT(st->log_floor)), &any);
	if (rc <= 0)
		return rc;
	if (st->ops->sql_chain_lock &&
	    (rc = db_exec(st, st->ops->sql_chain_lock, SQL_NOARGS)))
		return rc;
	rc = st->ops->query(
	        st, "SELECT seq, sha256 FROM change_block ORDER BY seq DESC LIMIT 1",
	        SQL_NOARGS, &rows);
	if (rc)
		return rc;
	if ((rc = st->ops->next(rows)) > 0) {
		const char *s = st->ops->text(rows, 1);

		seq = st->ops->integer(rows, 0);
		snprintf(prev, sizeof(prev), "%s", s ? s : "");
	}
	st->ops->done(rows);
	if (rc < 0)
		return rc;
	seq++;
	rc = db_exec(st, st->ops->sql_claim,
	             SQL_ARGS(ARG_INT(seq), ARG_INT(st->log_floor)));
	if (!rc)
		rc = db_int(st, "SELECT count(*) FROM change_log WHERE block = ?",
		            SQL_ARGS(ARG_INT(seq)), &entries);
	if (rc < 0)
		return rc;
	store_now(at);
	/* The block's organisation: the one its images name, else the one
	 * the writer acts in; none when they name several. */
	rc = cursor_open(&c, st,
	                 "SELECT tbl, before, after FROM change_log WHERE block = ? "
	                 "ORDER BY id",
	                 SQL_ARGS(ARG_INT(seq)));
	while (!rc && org >= 0 && (rc = cursor_next(&c)) > 0) {
		block_org_add(&org, cursor_text(&c, 0), cursor_text(&c, 1));
		block_org_add(&org, cursor_text(&c, 0), cursor_text(&c, 2));
		rc = 0;
	}
	cursor_close(&c, rc);
	if (rc < 0)
		return rc;
	if (!org || (st->log_org > 0 && org == st->log_org))
		org = st->log_org;
	else if (org < 0 || st->log_org > 0)
		org = 0;
	h = block_hash(prev, seq, at, actor, entries, org);
	rc = cursor_open(&c, st,
	                 "SELECT id, tbl, op, before, after FROM change_log "
	                 "WHERE block = ? ORDER BY id",
	                 SQL_ARGS(ARG_INT(seq)));
	while (!rc && (rc = cursor_next(&c)) > 0) {
		entry_hash(h, cursor_int(&c, 0), cursor_text(&c, 1), cursor_text(&c, 2),
		           cursor_text(&c, 3), cursor_text(&c, 4));
		hashed++;
		rc = 0;
	}
	cursor_close(&c, rc);
	sha256_final_hex(h, sha);
	if (rc < 0)
		return rc;
	if (hashed != entries)
		return error_set(E_STORE,
		                 "%s: the change log changed while it was chained",
		                 st->target);
	return db_exec(st,
	               "INSERT INTO change_block (seq, at, actor, entries, prev_sha256, "
	               "sha256, org_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
	               SQL_ARGS(ARG_INT(seq), ARG_TEXT(at), ARG_TEXT(actor),
	                        ARG_INT(entries), ARG_TEXT(prev), ARG_TEXT(sha),
	                        ARG_ID(org)));
}

/* ---- installing the triggers ---- */

static int meta_get(struct store *st, const char *key, char **out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st, "SELECT value FROM isms_meta WHERE key = ?",
	                        SQL_ARGS(ARG_TEXT(key)), &rows);

	*out = NULL;
	if (rc)
		return rc;
	if ((rc = st->ops->next(rows)) > 0)
		*out = db_strdup(st, rows, 0);
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

static int meta_put(struct store *st, const char *key, const char *value)
{
	return db_exec(st,
	               "INSERT INTO isms_meta (key, value) VALUES (?, ?) "
	               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	               SQL_ARGS(ARG_TEXT(key), ARG_TEXT(value)));
}

/* "name(col,col,...);": what a table's images hold. */
static int table_signature(struct store *st, const char *table, struct strbuf *out)
{
	struct names cols = { 0 };
	int rc = names_of(st, st->ops->sql_columns, table, &cols);

	strbuf_addf(out, "%s(", table);
	for (size_t i = 0, k = 0; !rc && i < cols.n; i++)
		if (!changelog_secret(cols.v[i]))
			strbuf_addf(out, "%s%s", k++ ? "," : "", cols.v[i]);
	strbuf_addstr(out, ");");
	names_release(&cols);
	return rc;
}

/* Whether the old signatures hold exactly this table's. */
static bool signature_has(const char *all, const char *one)
{
	size_t n = strlen(one);

	for (const char *p = all; p && (p = strstr(p, one)); p++)
		if ((p == all || p[-1] == ';') && !strncmp(p, one, n))
			return true;
	return false;
}

/* Log every row of the table as it is now (an 'insert' image each). */
static int log_baseline(struct store *st, const char *table)
{
	struct strbuf sql = STRBUF_INIT;
	int rc;

	strbuf_addstr(&sql, "INSERT INTO change_log (tbl, op, before, after) SELECT ");
	changelog_quote(&sql, table, '\'');
	strbuf_addstr(&sql, ", 'insert', NULL, ");
	rc = st->ops->log_image(st, table, "x", &sql);
	strbuf_addstr(&sql, " FROM ");
	changelog_quote(&sql, table, '"');
	strbuf_addstr(&sql, " x");
	if (!rc)
		rc = db_exec(st, sql.buf, SQL_NOARGS);
	strbuf_release(&sql);
	return rc;
}

int changelog_triggers_all(struct store *st, bool install)
{
	struct names tables = { 0 };
	int rc = logged_tables(st, &tables);

	for (size_t i = 0; !rc && i < tables.n; i++)
		rc = st->ops->log_triggers(st, tables.v[i], install);
	names_release(&tables);
	return rc;
}

int changelog_install(struct store *st, int version_before)
{
	struct names tables = { 0 };
	struct strbuf sigs = STRBUF_INIT;
	char *installed = NULL, *old = NULL, version[16];
	int rc;

	(void)version_before;
	snprintf(version, sizeof(version), "%d", store_schema_latest());
	rc = meta_get(st, META_VERSION, &installed);
	if (!rc && installed && !strcmp(installed, version)) {
		free(installed);
		st->log_ready = 1;
		return 0;
	}
	free(installed);
	/*
	 * The schema changed: triggers anew on every table, and a baseline of
	 * the rows of each table that is new or whose columns changed, so that
	 * every record has a logged image that matches it.
	 */
	if (!rc)
		rc = meta_get(st, META_TABLES, &old);
	if (!rc)
		rc = logged_tables(st, &tables);
	for (size_t i = 0; !rc && i < tables.n; i++) {
		struct strbuf one = STRBUF_INIT;

		rc = table_signature(st, tables.v[i], &one);
		if (!rc)
			rc = st->ops->log_triggers(st, tables.v[i], true);
		if (!rc && !signature_has(old, one.buf))
			rc = log_baseline(st, tables.v[i]);
		strbuf_addstr(&sigs, one.buf);
		strbuf_release(&one);
	}
	if (!rc)
		rc = meta_put(st, META_TABLES, sigs.buf);
	if (!rc)
		rc = meta_put(st, META_VERSION, version);
	if (!rc)
		st->log_ready = 1;
	strbuf_release(&sigs);
	names_release(&tables);
	free(old);
	return rc;
}

/* ---- images: their keys and canonical digests ---- */

/* A logged table with its primary key's columns. */
struct table_info {
	char *name;
	struct names pk;
};

struct tables {
	struct table_info *v;
	size_t n;
	size_t last; /* where the last lookup was found */
};

static void tables_release(struct tables *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].name);
		names_release(&t->v[i].pk);
	}
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static int tables_load(struct store *st, struct tables *out)
{
	struct names names = { 0 };
	int rc = logged_tables(st, &names);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	out->v = xcalloc(names.n ? names.n : 1, sizeof(*out->v));
	for (size_t i = 0; !rc && i < names.n; i++) {
		out->v[i].name = names.v[i];
		names.v[i] = NULL;
		out->n++;
		rc = names_of(st, st->ops->sql_primary_key, out->v[i].name,
		              &out->v[i].pk);
	}
	names_release(&names);
	return rc;
}

static const struct table_info *tables_find(struct tables *t, const char *name)
{
	if (!name)
		return NULL;
	if (t->last < t->n && !strcmp(t->v[t->last].name, name))
		return &t->v[t->last];
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].name, name)) {
			t->last = i;
			return &t->v[i];
		}
	return NULL;
}

/*
 * A JSON value as text, so that SQLite's and PostgreSQL's spellings of the
 * same value compare equal (5 and "5"); NULL for null.
 */
static const char *value_text(json_t *v, char *buf, size_t size)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return json_string_value(v);
	case JSON_INTEGER:
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf;
	case JSON_REAL:
		snprintf(buf, size, "%.17g", json_real_value(v));
		return buf;
	case JSON_TRUE:
		return "1";
	case JSON_FALSE:
		return "0";
	case JSON_NULL:
		return NULL;
	default:
		/* Arrays and objects: their compact JSON, sorted. */
		return NULL;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void hex_bytes(const char *hex, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v = 0;

		sscanf(hex + 2 * i, "%2x", &v);
		out[i] = (unsigned char)v;
	}
}

#define DIGEST_BYTES 16

/*
 * Parse an image: its key ("col=value, ...", from the table's primary key)
 * into key, and when dig is given, the first 128 bits of the SHA-256 of
 * its canonical form (columns sorted, values as text).  -1 when it is no
 * JSON object.
 */
static int image_parse(const char *json, const struct table_info *t, struct strbuf *key,
                       unsigned char dig[DIGEST_BYTES])
{
	json_error_t err;
	json_t *o = json ? json_loads(json, 0, &err) : NULL;
	char buf[64];

	strbuf_reset(key);
	if (!o || !json_is_object(o)) {
		json_decref(o);
		return -1;
	}
	for (size_t i = 0; i < t->pk.n; i++) {
		json_t *v = json_object_get(o, t->pk.v[i]);
		const char *s = v ? value_text(v, buf, sizeof(buf)) : NULL;

		strbuf_addf(key, "%s%s=%s", i ? ", " : "", t->pk.v[i], s ? s : "NULL");
	}
	if (dig) {
		size_t n = json_object_size(o), k = 0;
		const char **keys = xcalloc(n ? n : 1, sizeof(*keys));
		struct sha256_ctx *h = sha256_new();
		char hex[SHA256_HEX_LEN + 1];
		const char *name;
		json_t *v;

		json_object_foreach(o, name, v) keys[k++] = name;
		qsort(keys, k, sizeof(*keys), cmp_str);
		for (size_t i = 0; i < k; i++) {
			const char *s =
			        value_text(json_object_get(o, keys[i]), buf, sizeof(buf));

			put_field(h, keys[i]);
			put_field(h, s);
		}
		free(keys);
		sha256_final_hex(h, hex);
		hex_bytes(hex, dig, DIGEST_BYTES);
	}
	json_decref(o);
	return 0;
}

/* ---- what the log says each record is: digests by (table, key) ---- */

enum { SLOT_PRESENT = 1, SLOT_DELETED = 2, SLOT_SEEN = 4 };

struct slot {
	uint64_t id_state; /* the latest entry's id << 3 | SLOT_*; 0: empty */
	unsigned char key[DIGEST_BYTES];
	unsigned char img[DIGEST_BYTES];
};

struct state_map {
	struct slot *v;
	size_t cap, n;
};

static void key_digest(const char *table, const char *key,
                       unsigned char out[DIGEST_BYTES])
{
	struct sha256_ctx *h = sha256_new();
	char hex[SHA256_HEX_LEN + 1];

	put_field(h, table);
	put_field(h, key);
	sha256_final_hex(h, hex);
	hex_bytes(hex, out, DIGEST_BYTES);
}

static struct slot *map_find(struct state_map *m, const unsigned char key[DIGEST_BYTES],
                             bool add)
{
	uint64_t hv;
	size_t i;

	if (add && (m->n + 1) * 10 >= m->cap * 7) {
		struct state_map grown = { 0 };

		grown.cap = m->cap ? m->cap * 2 : 1024;
		grown.v = xcalloc(grown.cap, sizeof(*grown.v));
		for (size_t j = 0; j < m->cap; j++) {
			struct slot *s;

			if (!m->v[j].id_state)
				continue;
			s = map_find(&grown, m->v[j].key, true);
			*s = m->v[j];
		}
		grown.n = m->n;
		free(m->v);
		*m = grown;
	}
	if (!m->cap)
		return NULL;
	memcpy(&hv, key, sizeof(hv));
	for (i = hv & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct slot *s = &m->v[i];

		if (!s->id_state) {
			if (!add)
				return NULL;
			memcpy(s->key, key, DIGEST_BYTES);
			m->n++;
			return s;
		}
		if (!memcmp(s->key, key, DIGEST_BYTES))
			return s;
	}
}

static void map_set(struct state_map *m, const char *table, const char *key, int64_t id,
                    int state, const unsigned char *img)
{
	unsigned char kd[DIGEST_BYTES];
	struct slot *s;

	key_digest(table, key, kd);
	s = map_find(m, kd, true);
	s->id_state = (uint64_t)id << 3 | (uint64_t)state;
	if (img)
		memcpy(s->img, img, DIGEST_BYTES);
	else
		memset(s->img, 0, DIGEST_BYTES);
}

struct verify {
	struct store *st;
	store_problem_fn fn;
	void *ctx;
	struct tables tables;
	struct state_map map;
	struct strbuf key, key2, msg;
	struct store_verify_counts *counts;
};

static void problem(struct verify *v, const char *kind, const char *table,
                    const char *key, int64_t block, const char *fmt, ...)
        __attribute__((format(printf, 6, 7)));

static void problem(struct verify *v, const char *kind, const char *table,
                    const char *key, int64_t block, const char *fmt, ...)
{
	struct store_problem p = { 0 };
	va_list ap;

	strbuf_reset(&v->msg);
	va_start(ap, fmt);
	strbuf_vaddf(&v->msg, fmt, ap);
	va_end(ap);
	p.kind = kind;
	p.table = table;
	p.key = key && *key ? key : NULL;
	p.block = block;
	p.message = v->msg.buf;
	v->fn(v->ctx, &p);
}

/* Replay one entry onto the map; entries of tables no longer logged are not. */
static void apply_entry(struct verify *v, int64_t id, int64_t block, const char *tbl,
                        const char *op, const char *before, const char *after)
{
	const struct table_info *t = tables_find(&v->tables, tbl);
	unsigned char img[DIGEST_BYTES];

	if (!t || !op)
		return;
	if (!strcmp(op, "delete")) {
		if (image_parse(before, t, &v->key, NULL))
			goto bad;
		map_set(&v->map, tbl, v->key.buf, id, SLOT_DELETED, NULL);
		return;
	}
	if (!strcmp(op, "update")) {
		if (image_parse(before, t, &v->key2, NULL))
			goto bad;
	}
	if (image_parse(after, t, &v->key, img))
		goto bad;
	/* A key that changed: the old one is gone. */
	if (!strcmp(op, "update") && strcmp(v->key.buf, v->key2.buf))
		map_set(&v->map, tbl, v->key2.buf, id, SLOT_DELETED, NULL);
	map_set(&v->map, tbl, v->key.buf, id, SLOT_PRESENT, img);
	return;
bad:
	problem(v, "chain", tbl, NULL, block,
	        "change log entry %lld holds an image that is not a JSON object",
	        (long long)id);
}

/* The chain, in block order, replaying every chained entry. */
static int verify_chain(struct verify *v)
{
	struct store *st = v->st;
	struct cursor b, e;
	char prev[SHA256_HEX_LEN + 1] = ZERO_SHA256;
	int64_t want = 1;
	int rc, erc;

	rc = cursor_open(&b, st,
	                 "SELECT seq, at, actor, entries, prev_sha256, sha256, "
	                 "coalesce(org_id, 0) FROM change_block ORDER BY seq",
	                 SQL_NOARGS);
	if (rc)
		return rc;
	rc = cursor_open(&e, st,
	                 "SELECT id, block, tbl, op, before, after FROM change_log "
	                 "WHERE block IS NOT NULL ORDER BY block, id",
	                 SQL_NOARGS);
	if (rc) {
		cursor_close(&b, rc);
		return rc;
	}
	erc = cursor_next(&e);
	while (erc >= 0 && (rc = cursor_next(&b)) > 0) {
		int64_t seq = cursor_int(&b, 0), entries = cursor_int(&b, 3), n = 0;
		const char *bprev = cursor_text(&b, 4), *bsha = cursor_text(&b, 5);
		char got[SHA256_HEX_LEN + 1];
		struct sha256_ctx *h;

		rc = 0;
		v->counts->blocks++;
		if (seq != want)
			problem(v, "chain", NULL, NULL, seq,
			        "block %lld follows block %lld: blocks were removed or "
			        "added",
			        (long long)seq, (long long)want - 1);
		if (!bprev || strcmp(bprev, prev))
			problem(v, "chain", NULL, NULL, seq,
			        "block %lld does not name the SHA-256 of the block "
			        "before it",
			        (long long)seq);
		h = block_hash(bprev, seq, cursor_text(&b, 1), cursor_text(&b, 2),
		               entries, cursor_int(&b, 6));
		for (; erc > 0 && cursor_int(&e, 1) <= seq; erc = cursor_next(&e)) {
			int64_t id = cursor_int(&e, 0), eb = cursor_int(&e, 1);

			if (eb < seq)
				problem(v, "chain", cursor_text(&e, 2), NULL, eb,
				        "change log entry %lld names block %lld, which "
				        "does not exist",
				        (long long)id, (long long)eb);
			else {
				entry_hash(h, id, cursor_text(&e, 2), cursor_text(&e, 3),
				           cursor_text(&e, 4), cursor_text(&e, 5));
				n++;
			}
			v->counts->entries++;
			apply_entry(v, id, eb, cursor_text(&e, 2), cursor_text(&e, 3),
			            cursor_text(&e, 4), cursor_text(&e, 5));
		}
		sha256_final_hex(h, got);
		if (n != entries)
			problem(v, "chain", NULL, NULL, seq,
			        "block %lld holds %lld entries, but its record says "
			        "%lld: entries were removed or added",
			        (long long)seq, (long long)n, (long long)entries);
		else if (!bsha || strcmp(got, bsha))
			problem(v, "chain", NULL, NULL, seq,
			        "block %lld does not match its SHA-256: its entries or "
			        "its record were changed",
			        (long long)seq);
		snprintf(prev, sizeof(prev), "%s", bsha ? bsha : "");
		want = seq + 1;
	}
	for (; rc == 0 && erc > 0; erc = cursor_next(&e)) {
		int64_t id = cursor_int(&e, 0), eb = cursor_int(&e, 1);

		problem(v, "chain", cursor_text(&e, 2), NULL, eb,
		        "change log entry %lld names block %lld, which does not exist",
		        (long long)id, (long long)eb);
		v->counts->entries++;
		apply_entry(v, id, eb, cursor_text(&e, 2), cursor_text(&e, 3),
		            cursor_text(&e, 4), cursor_text(&e, 5));
	}
	if (erc < 0 && rc >= 0)
		rc = erc;
	cursor_close(&e, rc);
	cursor_close(&b, rc);
	snprintf(v->counts->head, sizeof(v->counts->head), "%s", want > 1 ? prev : "");
	return rc < 0 ? rc : 0;
}

/* Entries no isms transaction chained: written by another client. */
static int verify_unchained(struct verify *v)
{
	struct cursor c;
	int rc = cursor_open(&c, v->st,
	                     "SELECT id, tbl, op, before, after FROM change_log "
	                     "WHERE block IS NULL ORDER BY id",
	                     SQL_NOARGS);

	while (!rc && (rc = cursor_next(&c)) > 0) {
		int64_t id = cursor_int(&c, 0);
		const char *tbl = cursor_text(&c, 1), *op = cursor_text(&c, 2);
		const char *before = cursor_text(&c, 3), *after = cursor_text(&c, 4);
		const struct table_info *t = tables_find(&v->tables, tbl);

		rc = 0;
		v->counts->entries++;
		strbuf_reset(&v->key);
		if (t)
			image_parse(after ? after : before, t, &v->key, NULL);
		problem(v, "unchained", tbl, v->key.buf, 0,
		        "%s %s: change log entry %lld (%s) is in no block: it was "
		        "written outside isms",
		        tbl ? tbl : "?", v->key.buf, (long long)id, op ? op : "?");
		apply_entry(v, id, 0, tbl, op, before, after);
	}
	cursor_close(&c, rc);
	return rc < 0 ? rc : 0;
}

/* Every row of every logged table against the log's latest image. */
static int verify_records(struct verify *v)
{
	struct store *st = v->st;
	int rc = 0;

	for (size_t i = 0; !rc && i < v->tables.n; i++) {
		const struct table_info *t = &v->tables.v[i];
		struct strbuf sql = STRBUF_INIT;
		struct cursor c;

		strbuf_addstr(&sql, "SELECT ");
		rc = st->ops->log_image(st, t->name, "x", &sql);
		strbuf_addstr(&sql, " FROM ");
		changelog_quote(&sql, t->name, '"');
		strbuf_addstr(&sql, " x");
		if (!rc)
			rc = cursor_open(&c, st, sql.buf, SQL_NOARGS);
		strbuf_release(&sql);
		if (rc)
			break;
		while ((rc = cursor_next(&c)) > 0) {
			unsigned char img[DIGEST_BYTES], kd[DIGEST_BYTES];
			struct slot *s;

			rc = 0;
			v->counts->records++;
			if (image_parse(cursor_text(&c, 0), t, &v->key, img))
				continue;
			key_digest(t->name, v->key.buf, kd);
			s = map_find(&v->map, kd, false);
			if (!s || (s->id_state & SLOT_DELETED)) {
				problem(v, "unlogged", t->name, v->key.buf, 0,
				        "%s %s is in the store but not in the change "
				        "log%s",
				        t->name, v->key.buf,
				        s ? " (the log says it was deleted)" : "");
				continue;
			}
			if (s->id_state & SLOT_SEEN)
				continue;
			s->id_state |= SLOT_SEEN;
			if (memcmp(s->img, img, DIGEST_BYTES))
				problem(v, "changed", t->name, v->key.buf, 0,
				        "%s %s differs from its last logged image "
				        "(change log entry %lld): it was changed outside "
				        "isms",
				        t->name, v->key.buf,
				        (long long)(s->id_state >> 3));
		}
		cursor_close(&c, rc);
	}
	return rc < 0 ? rc : 0;
}

/* Records the log says exist but the store no longer holds. */
static int verify_missing(struct verify *v)
{
	int64_t *ids = NULL;
	size_t n = 0, alloc = 0, more = 0;
	int rc = 0;

	for (size_t i = 0; i < v->map.cap; i++) {
		uint64_t s = v->map.v[i].id_state;

		if (!(s & SLOT_PRESENT) || (s & SLOT_SEEN))
			continue;
		if (n >= MISSING_MAX) {
			more++;
			continue;
		}
		ALLOC_GROW(ids, n + 1, alloc);
		ids[n++] = (int64_t)(s >> 3);
	}
	for (size_t i = 0; !rc && i < n; i++) {
		struct db_rows *rows;
		const struct table_info *t;

		rc = v->st->ops->query(v->st,
		                       "SELECT tbl, after FROM change_log WHERE id = ?",
		                       SQL_ARGS(ARG_INT(ids[i])), &rows);
		if (rc)
			break;
		if ((rc = v->st->ops->next(rows)) > 0) {
			const char *tbl = v->st->ops->text(rows, 0);

			rc = 0;
			t = tables_find(&v->tables, tbl);
			if (t &&
			    !image_parse(v->st->ops->text(rows, 1), t, &v->key, NULL))
				problem(v, "missing", tbl, v->key.buf, 0,
				        "%s %s is in the change log (entry %lld) but no "
				        "longer in the store: it was deleted outside "
				        "isms",
				        tbl, v->key.buf, (long long)ids[i]);
		}
		v->st->ops->done(rows);
	}
	if (!rc && more)
		problem(v, "missing", NULL, NULL, 0,
		        "and %zu more records in the change log are no longer in the "
		        "store",
		        more);
	free(ids);
	return rc < 0 ? rc : 0;
}

int store_verify_log(struct store *st, store_problem_fn fn, void *ctx,
                     struct store_verify_counts *counts)
{
	struct verify v = { 0 };
	int rc;

	v.st = st;
	v.fn = fn;
	v.ctx = ctx;
	v.counts = counts;
	strbuf_init(&v.key, 1 << 20);
	strbuf_init(&v.key2, 1 << 20);
	strbuf_init(&v.msg, 1 << 20);
	counts->blocks = counts->entries = counts->records = 0;
	counts->head[0] = '\0';
	rc = tables_load(st, &v.tables);
	if (!rc)
		rc = verify_chain(&v);
	if (!rc)
		rc = verify_unchained(&v);
	if (!rc)
		rc = verify_records(&v);
	if (!rc)
		rc = verify_missing(&v);
	free(v.map.v);
	tables_release(&v.tables);
	strbuf_release(&v.key);
	strbuf_release(&v.key2);
	strbuf_release(&v.msg);
	return rc;
}

static int discard(void *ctx, const void *data, size_t len)
{
	(void)ctx;
	(void)data;
	(void)len;
	return 0;
}

int store_verify_blobs(struct store *st, store_problem_fn fn, void *ctx,
                       struct store_verify_counts *counts)
{
	struct names shas = { 0 };
	int rc = names_of(st, "SELECT sha256 FROM blob ORDER BY sha256", NULL, &shas);

	counts->blobs = 0;
	for (size_t i = 0; !rc && i < shas.n; i++) {
		counts->blobs++;
		/* Reading hashes again and refuses what no longer matches. */
		if (store_blob_read(st, shas.v[i], discard, NULL)) {
			struct store_problem p = { 0 };
			struct strbuf msg = STRBUF_INIT;

			/* The database failing is an error, not a finding. */
			if (error_code() == E_STORE) {
				rc = -(int)E_STORE;
				break;
			}
			strbuf_addf(&msg, "evidence content %s: %s", shas.v[i],
			            error_message());
			p.kind = "blob";
			p.table = "blob";
			p.key = shas.v[i];
			p.message = msg.buf;
			fn(ctx, &p);
			strbuf_release(&msg);
		}
	}
	names_release(&shas);
	return rc;
}

/* ---- reading the log ---- */

struct log_block_row {
	int64_t seq, entries, org_id;
	char *at, *actor, *sha256, *org;
};

int store_log(struct store *st, const struct store_log_filter *f,
              store_log_block_fn block_fn, store_log_entry_fn entry_fn, void *ctx)
{
	struct tables tables;
	struct log_block_row *blocks = NULL;
	size_t n = 0, alloc = 0;
	struct strbuf key = STRBUF_INIT;
	struct db_rows *rows;
	const char *since = f->since ? f->since : "";
	int64_t limit = f->limit > 0 ? f->limit : INT64_MAX;
	int rc = tables_load(st, &tables);

	if (rc)
		return rc;
	/* An organisation of 0 is every block; -1 never matches an id. */
	rc = st->ops->query(st,
	                    "SELECT b.seq, b.entries, b.at, b.actor, b.sha256, "
	                    "coalesce(b.org_id, 0), o.slug FROM change_block b "
	                    "LEFT JOIN org o ON o.id = b.org_id "
	                    "WHERE b.at >= ? AND (? = 0 OR b.org_id = ?) "
	                    "AND (? = '' OR EXISTS (SELECT 1 FROM change_log l "
	                    "WHERE l.block = b.seq AND l.tbl = ?)) "
	                    "ORDER BY b.seq DESC LIMIT ?",
	                    SQL_ARGS(ARG_TEXT(since), ARG_INT(f->org_id),
	                             ARG_INT(f->org_id),
	                             ARG_TEXT(f->table ? f->table : ""),
	                             ARG_TEXT(f->table ? f->table : ""), ARG_INT(limit)),
	                    &rows);
	if (!rc) {
		while ((rc = st->ops->next(rows)) > 0) {
			ALLOC_GROW(blocks, n + 1, alloc);
			blocks[n].seq = st->ops->integer(rows, 0);
			blocks[n].entries = st->ops->integer(rows, 1);
			blocks[n].at = db_strdup(st, rows, 2);
			blocks[n].actor = db_strdup(st, rows, 3);
			blocks[n].sha256 = db_strdup(st, rows, 4);
			blocks[n].org_id = st->ops->integer(rows, 5);
			blocks[n].org = db_strdup(st, rows, 6);
			n++;
		}
		st->ops->done(rows);
		rc = rc < 0 ? rc : 0;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		struct store_log_block b = { blocks[i].seq,    blocks[i].entries,
			                     blocks[i].at,     blocks[i].actor,
			                     blocks[i].sha256, blocks[i].org_id,
			                     blocks[i].org };
		struct cursor c;
		int64_t shown = 0;

		rc = block_fn(ctx, &b);
		if (rc)
			break;
		rc = f->table ? cursor_open(&c, st,
		                            "SELECT id, tbl, op, before, after FROM "
		                            "change_log "
		                            "WHERE block = ? AND tbl = ? ORDER BY id",
		                            SQL_ARGS(ARG_INT(b.seq), ARG_TEXT(f->table)))
		              : cursor_open(&c, st,
		                            "SELECT id, tbl, op, before, after FROM "
		                            "change_log "
		                            "WHERE block = ? ORDER BY id",
		                            SQL_ARGS(ARG_INT(b.seq)));
		while (!rc && (f->entries <= 0 || shown < f->entries) &&
		       (rc = cursor_next(&c)) > 0) {
			struct store_log_entry e = { 0 };
			const struct table_info *t;

			e.id = cursor_int(&c, 0);
			e.table = cursor_text(&c, 1);
			e.op = cursor_text(&c, 2);
			e.before = cursor_text(&c, 3);
			e.after = cursor_text(&c, 4);
			t = tables_find(&tables, e.table);
			strbuf_reset(&key);
			if (t)
				image_parse(e.after ? e.after : e.before, t, &key, NULL);
			e.key = key.buf;
			shown++;
			rc = entry_fn(ctx, &e);
		}
		cursor_close(&c, rc < 0 ? rc : 0);
		rc = rc < 0 ? rc : 0;
	}
	for (size_t i = 0; i < n; i++) {
		free(blocks[i].at);
		free(blocks[i].actor);
		free(blocks[i].sha256);
		free(blocks[i].org);
	}
	free(blocks);
	strbuf_release(&key);
	tables_release(&tables);
	return rc;
}
