/*
 * sqlite.c - the SQLite driver: the embedded default.
 *
 * One file, write-ahead logging, foreign keys enforced, a busy timeout so
 * that several processes can share the file, and BEGIN IMMEDIATE for writes
 * so that two writers queue instead of deadlocking.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "store/blobdir.h"
#include "store/driver.h"

#define BUSY_TIMEOUT_MS 10000
#define BUSY_RETRY_MS 10

/*
 * Prepared statements are kept per connection and reused, keyed by their
 * text: a server answers the same few queries over and over, and parsing
 * them each time was most of a simple request's cost.
 */
#define STMT_CACHE_SLOTS 256

struct cached_stmt {
	char *sql; /* NULL: a free slot */
	sqlite3_stmt *stmt;
	bool busy; /* being stepped: a nested use prepares its own */
};

struct sq_conn {
	sqlite3 *db;
	struct cached_stmt cache[STMT_CACHE_SLOTS];
};

struct db_rows {
	struct store *st;
	sqlite3_stmt *stmt;
	struct cached_stmt *cached; /* NULL: finalised when done */
};

static sqlite3 *db_of(struct store *st)
{
	return st->conn ? ((struct sq_conn *)st->conn)->db : NULL;
}

static size_t sql_hash(const char *sql)
{
	size_t h = 2166136261u;

	for (; *sql; sql++)
		h = (h ^ (unsigned char)*sql) * 16777619u;
	return h;
}

/*
 * A prepared statement for sql: the cached one when it is free, else a new
 * one, cached when its slot (or the next few) is free.  *slot says which.
 */
static int stmt_get(struct store *st, const char *sql, sqlite3_stmt **out,
                    struct cached_stmt **slot)
{
	struct sq_conn *c = st->conn;
	size_t h = sql_hash(sql);
	struct cached_stmt *free_slot = NULL;

	*slot = NULL;
	for (size_t i = 0; i < 4; i++) {
		struct cached_stmt *e = &c->cache[(h + i) % STMT_CACHE_SLOTS];

		if (!e->sql) {
			if (!free_slot)
				free_slot = e;
			continue;
		}
		if (strcmp(e->sql, sql))
			continue;
		if (e->busy)
			break;
		e->busy = true;
		*slot = e;
		*out = e->stmt;
		return SQLITE_OK;
	}
	if (free_slot) {
		int rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
		                            out, NULL);

		if (rc == SQLITE_OK) {
			free_slot->sql = xstrdup(sql);
			free_slot->stmt = *out;
			free_slot->busy = true;
			*slot = free_slot;
		}
		return rc;
	}
	return sqlite3_prepare_v2(c->db, sql, -1, out, NULL);
}

/* Done with a statement: reset into its slot, or finalised. */
static void stmt_put(sqlite3_stmt *stmt, struct cached_stmt *slot)
{
	if (!slot) {
		sqlite3_finalize(stmt);
		return;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	slot->busy = false;
}

static void stmt_cache_clear(struct sq_conn *c)
{
	for (size_t i = 0; i < STMT_CACHE_SLOTS; i++) {
		if (!c->cache[i].sql)
			continue;
		sqlite3_finalize(c->cache[i].stmt);
		free(c->cache[i].sql);
		c->cache[i].sql = NULL;
	}
}

/* Map an SQLite failure to the project's error type. */
static int fail(struct store *st, int code, const char *what)
{
	const char *msg = st->conn ? sqlite3_errmsg(db_of(st)) : sqlite3_errstr(code);

	switch (code & 0xff) {
	case SQLITE_CONSTRAINT:
		if (code == SQLITE_CONSTRAINT_UNIQUE ||
		    code == SQLITE_CONSTRAINT_PRIMARYKEY)
			return error_set(E_EXISTS, "already exists (%s)", msg);
		if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
			return error_set(E_CONFLICT, "other records refer to it (%s)",
			                 msg);
		return error_set(E_INVALID, "rejected by the store (%s)", msg);
	case SQLITE_NOTADB:
		return error_set(E_SCHEMA,
		                 "%s is not an isms database (not an SQLite file)",
		                 st->target);
	case SQLITE_CORRUPT:
		return error_set(E_SCHEMA, "%s is damaged (%s)", st->target, msg);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return error_set(E_STORE, "%s is busy: another process holds it (%s)",
		                 st->target, msg);
	case SQLITE_READONLY:
		return error_set(E_STORE, "%s is read-only", st->target);
	case SQLITE_FULL:
		return error_set(E_STORE, "%s: the disk is full", st->target);
	default:
		return error_set(E_STORE, "%s: %s: %s", st->target, what, msg);
	}
}

static int sq_open(struct store *st, const char *path, unsigned flags)
{
	sqlite3 *db = NULL;
	struct stat sb;
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int rc;

	if (stat(path, &sb) != 0) {
		if (!(flags & STORE_CREATE))
			return error_set(E_NOTFOUND,
			                 "no database at %s; create one with 'isms init'",
			                 path);
		oflags |= SQLITE_OPEN_CREATE;
	} else if (!S_ISREG(sb.st_mode)) {
		return error_set(E_SCHEMA, "%s is not a database file", path);
	}
	rc = sqlite3_open_v2(path, &db, oflags, NULL);
	if (rc != SQLITE_OK) {
		rc = error_set(E_STORE, "cannot open %s: %s", path,
		               db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return rc;
	}
	st->conn = xcalloc(1, sizeof(struct sq_conn));
	((struct sq_conn *)st->conn)->db = db;
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	/*
	 * journal_mode answers with a row, so it goes through exec.  Turning a
	 * new file to WAL needs a lock that SQLite takes without waiting when
	 * another process is opening the same new file; wait here instead.
	 */
	for (int waited = 0;; waited += BUSY_RETRY_MS) {
		rc = sqlite3_exec(db,
		                  "PRAGMA foreign_keys = ON;"
		                  "PRAGMA journal_mode = WAL;"
		                  "PRAGMA synchronous = NORMAL;",
		                  NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY || waited >= BUSY_TIMEOUT_MS)
			break;
		sqlite3_sleep(BUSY_RETRY_MS);
	}
	if (rc != SQLITE_OK)
		return fail(st, rc, "configuring the connection");
	return 0;
}

static void sq_close(struct store *st)
{
	struct sq_conn *c = st->conn;

	if (!c)
		return;
	stmt_cache_clear(c);
	sqlite3_close_v2(c->db);
	free(c);
	st->conn = NULL;
}

static int sq_exec_script(struct store *st, const char *sql)
{
	int rc = sqlite3_exec(db_of(st), sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : fail(st, rc, "running script");
}

static int sq_query(struct store *st, const char *sql, const struct sql_arg *args,
                    size_t nargs, struct db_rows **out)
{
	sqlite3_stmt *stmt = NULL;
	struct cached_stmt *slot = NULL;
	struct db_rows *rows;
	int rc = stmt_get(st, sql, &stmt, &slot);

	*out = NULL;
	if (rc != SQLITE_OK)
		return fail(st, rc, "preparing statement");
	if ((size_t)sqlite3_bind_parameter_count(stmt) != nargs) {
		stmt_put(stmt, slot);
		BUG("statement takes %d parameters, given %zu: %s",
		    sqlite3_bind_parameter_count(stmt), nargs, sql);
	}
	for (size_t i = 0; i < nargs; i++) {
		int idx = (int)i + 1;

		switch (args[i].type) {
		case SQL_NULL:
			rc = sqlite3_bind_null(stmt, idx);
			break;
		case SQL_INT:
			rc = sqlite3_bind_int64(stmt, idx, args[i].i);
			break;
		case SQL_TEXT:
			rc = sqlite3_bind_text(stmt, idx, args[i].s, -1, SQLITE_STATIC);
			break;
		case SQL_BYTES:
			rc = sqlite3_bind_blob64(stmt, idx, args[i].s, args[i].len,
			                         SQLITE_STATIC);
			break;
		}
		if (rc != SQLITE_OK) {
			rc = fail(st, rc, "binding parameter");
			stmt_put(stmt, slot);
			return rc;
		}
	}
	rows = xmalloc(sizeof(*rows));
	rows->st = st;
	rows->stmt = stmt;
	rows->cached = slot;
	*out = rows;
	return 0;
}

static int sq_next(struct db_rows *rows)
{
	int rc = sqlite3_step(rows->stmt);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return fail(rows->st, sqlite3_extended_errcode(db_of(rows->st)), "querying");
}

static const char *sq_text(struct db_rows *rows, int col)
{
	return (const char *)sqlite3_column_text(rows->stmt, col);
}

static int64_t sq_integer(struct db_rows *rows, int col)
{
	return sqlite3_column_int64(rows->stmt, col);
}

static int sq_ncolumns(struct db_rows *rows)
{
	return sqlite3_column_count(rows->stmt);
}

static const char *sq_column_name(struct db_rows *rows, int col)
{
	return sqlite3_column_name(rows->stmt, col);
}

static void sq_done(struct db_rows *rows)
{
	if (!rows)
		return;
	stmt_put(rows->stmt, rows->cached);
	free(rows);
}

static int sq_begin(struct store *st)
{
	return sq_exec_script(st, "BEGIN IMMEDIATE");
}

static int sq_commit(struct store *st)
{
	return sq_exec_script(st, "COMMIT");
}

static int sq_rollback(struct store *st)
{
	/* Fails harmlessly when SQLite already rolled back on its own. */
	sqlite3_exec(db_of(st), "ROLLBACK", NULL, NULL, NULL);
	return 0;
}

/*
 * Content lives in files beside the database, in <database>.evidence/ (see
 * blobdir.h).  The name comes from SQLite's full path of the file (links
 * followed, as for its own -wal file), so that it is found from any working
 * directory and by every path to the same database.  A file written by a
 * transaction that then rolls back stays behind unnamed by any row: nothing
 * shows it, and adding the same content again re-uses it.
 */
static char *evidence_dir(struct store *st)
{
	const char *db = sqlite3_db_filename(db_of(st), "main");
	size_t n = strlen(db) + sizeof(".evidence");
	char *dir = xmalloc(n);

	snprintf(dir, n, "%s.evidence", db);
	return dir;
}

static int sq_blob_put(struct store *st, int fd, char sha256[SHA256_HEX_LEN + 1],
                       int64_t *size)
{
	char *dir = evidence_dir(st);
	bool created;
	int rc = blobdir_put(dir, fd, sha256, size, &created);

	free(dir);
	return rc;
}

static int sq_blob_read(struct store *st, const char *sha256, int64_t size,
                        blob_sink sink, void *ctx)
{
	char *dir = evidence_dir(st);
	int rc = blobdir_read(dir, sha256, sink, ctx);

	(void)size; /* the digest covers it */
	free(dir);
	return rc;
}

/*
 * A row's image: json_object() over its columns, secrets left out.  The
 * column list comes from the live schema, so a column a later migration
 * adds is in the images as soon as the triggers are installed again.
 */
static int sq_log_image(struct store *st, const char *table, const char *alias,
                        struct strbuf *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(db_of(st),
	                            "SELECT name FROM pragma_table_info(?) ORDER BY cid",
	                            -1, &stmt, NULL);
	int n = 0;

	if (rc != SQLITE_OK)
		return fail(st, rc, "reading a table's columns");
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	strbuf_addstr(out, "json_object(");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *col = (const char *)sqlite3_column_text(stmt, 0);

		if (!col || changelog_secret(col))
			continue;
		if (n++)
			strbuf_addstr(out, ", ");
		changelog_quote(out, col, '\'');
		strbuf_addf(out, ", %s.", alias);
		changelog_quote(out, col, '"');
	}
	sqlite3_finalize(stmt);
	strbuf_addch(out, ')');
	if (rc != SQLITE_DONE)
		return fail(st, rc, "reading a table's columns");
	if (n == 0 || n > 60)
		return error_set(E_SCHEMA, "%s: table %s has %d columns to log",
		                 st->target, table, n);
	return 0;
}

/* Three triggers a table: after each insert, update and delete. */
static int sq_log_triggers(struct store *st, const char *table, bool install)
{
	static const struct {
		const char *suffix, *event, *op, *before, *after;
	} kinds[] = {
		{ "insert", "INSERT", "insert", NULL, "NEW" },
		{ "update", "UPDATE", "update", "OLD", "NEW" },
		{ "delete", "DELETE", "delete", "OLD", NULL },
	};
	int rc = 0;

	for (size_t i = 0; !rc && i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct strbuf sql = STRBUF_INIT, name = STRBUF_INIT;

		strbuf_addf(&name, "isms_log_%s_%s", table, kinds[i].suffix);
		strbuf_addstr(&sql, "DROP TRIGGER IF EXISTS ");
		changelog_quote(&sql, name.buf, '"');
		strbuf_addstr(&sql, ";\n");
		if (install) {
			strbuf_addstr(&sql, "CREATE TRIGGER ");
			changelog_quote(&sql, name.buf, '"');
			strbuf_addf(&sql, " AFTER %s ON ", kinds[i].event);
			changelog_quote(&sql, table, '"');
			strbuf_addstr(&sql,
			              " BEGIN INSERT INTO change_log (tbl, op, before, "
			              "after) VALUES (");
			changelog_quote(&sql, table, '\'');
			strbuf_addf(&sql, ", '%s', ", kinds[i].op);
			if (kinds[i].before)
				rc = sq_log_image(st, table, kinds[i].before, &sql);
			else
				strbuf_addstr(&sql, "NULL");
			strbuf_addstr(&sql, ", ");
			if (!rc && kinds[i].after)
				rc = sq_log_image(st, table, kinds[i].after, &sql);
			else
				strbuf_addstr(&sql, "NULL");
			strbuf_addstr(&sql, "); END;");
		}
		if (!rc)
			rc = sq_exec_script(st, sql.buf);
		strbuf_release(&sql);
		strbuf_release(&name);
	}
	return rc;
}

const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.pk_type = "INTEGER PRIMARY KEY",
	.bytes_type = "BLOB",
	.sql_table_exists =
	        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
	.sql_table_count = "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
	.sql_table_names = "SELECT name FROM sqlite_master WHERE type = 'table' "
	                   "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
	/* BEGIN IMMEDIATE already makes migrating writers queue. */
	.sql_migration_lock = NULL,
	/* In WAL mode a deferred transaction reads one snapshot, writers go on. */
	.sql_begin_read = "BEGIN",
	.open = sq_open,
	.close = sq_close,
	.exec_script = sq_exec_script,
	.query = sq_query,
	.next = sq_next,
	.text = sq_text,
	.integer = sq_integer,
	.ncolumns = sq_ncolumns,
	.column_name = sq_column_name,
	.done = sq_done,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	/* An INTEGER PRIMARY KEY always continues after the largest. */
	.reset_ids = NULL,
	.blob_put = sq_blob_put,
	.blob_read = sq_blob_read,
	.sql_columns = "SELECT name FROM pragma_table_info(?) ORDER BY cid",
	.sql_primary_key =
	        "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
	/* BEGIN IMMEDIATE: one writer at a time appends to the chain. */
	.sql_chain_lock = NULL,
	.sql_org_lock = NULL,
	/* Commits by other connections, then the rows this one changed. */
	.sql_version =
	        "SELECT (SELECT data_version FROM pragma_data_version()) || '.' || "
	        "total_changes()",
	.sql_claim = "UPDATE change_log SET block = ? WHERE block IS NULL AND id > ?",
	.fetch_rows = 0,
	.log_image = sq_log_image,
	.log_triggers = sq_log_triggers,
};
