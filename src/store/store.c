/*
 * store.c - opening a store, transactions, and schema migrations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/embed.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "store/driver.h"

/*
 * Migrations are the files of src/store/migrations/, embedded at build
 * time.  A file's name starts with its version: "0002-evidence.sql".
 * Adding a migration is adding a file.
 */
static int migration_version(size_t i)
{
	return atoi(schema_migrations[i].name);
}

/* The schema version that brings the change log (0007-change-log.sql). */
#define CHANGELOG_VERSION 7

/* Written into isms_meta so a foreign database is never mistaken for ours. */
#define APPLICATION_ID "isms"

int store_schema_latest(void)
{
	return migration_version(schema_migrations_count - 1);
}

const char *store_backend(const struct store *st)
{
	return st->ops->name;
}

const char *store_target(const struct store *st)
{
	return st->target;
}

int store_migrations_applied(const struct store *st)
{
	return st->migrations_applied;
}

void store_now(char out[32])
{
	const char *fixed = getenv("ISMS_NOW");
	time_t t = time(NULL);
	struct tm tm;

	/* Tests pin the clock so that outputs are reproducible. */
	if (fixed && *fixed && strlen(fixed) < 32) {
		memcpy(out, fixed, strlen(fixed) + 1);
		return;
	}
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void store_today(char out[11])
{
	char now[32];

	/* store_now() starts with the date, pinned or not. */
	store_now(now);
	snprintf(out, 11, "%.10s", now);
}

int store_begin(struct store *st)
{
	if (st->tx_depth == 0) {
		int rc = st->ops->begin(st);

		if (rc)
			return rc;
		st->tx_failed = 0;
		st->tx_write = 1;
		/* Where this transaction's change log entries will start. */
		if (st->log_ready && (rc = changelog_begin(st)) != 0) {
			st->ops->rollback(st);
			return rc;
		}
	}
	st->tx_depth++;
	return 0;
}

int store_begin_read(struct store *st)
{
	int rc;

	/* Inside a transaction, that one already sees one state. */
	if (st->tx_depth > 0) {
		st->tx_depth++;
		return 0;
	}
	rc = st->ops->exec_script(st, st->ops->sql_begin_read);
	if (rc)
		return rc;
	st->tx_failed = 0;
	st->tx_write = 0;
	st->tx_depth = 1;
	return 0;
}

int store_lock_org(struct store *st, int64_t org_id)
{
	if (st->tx_depth <= 0 || !st->tx_write)
		BUG("store_lock_org outside a write transaction");
	if (!st->ops->sql_org_lock)
		return 0;
	return db_exec(st, st->ops->sql_org_lock, SQL_ARGS(ARG_INT(org_id)));
}

int store_version(struct store *st, char out[STORE_VERSION_MAX])
{
	struct db_rows *rows;
	int rc = st->ops->query(st, st->ops->sql_version, SQL_NOARGS, &rows);

	out[0] = '\0';
	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0) {
		const char *v = st->ops->text(rows, 0);

		snprintf(out, STORE_VERSION_MAX, "%s", v ? v : "");
		rc = 0;
	} else if (rc == 0) {
		rc = error_set(E_STORE, "the store gave no version");
	}
	st->ops->done(rows);
	return rc;
}

int store_end(struct store *st, int rc)
{
	if (st->tx_depth <= 0)
		BUG("store_end without store_begin");
	if (rc < 0)
		st->tx_failed = 1;
	if (--st->tx_depth > 0)
		return rc < 0 ? rc : 0;
	if (st->tx_failed) {
		/* Keep the first error's message: it names the real problem. */
		char saved[1024];
		enum err_code code = error_code();

		snprintf(saved, sizeof(saved), "%s", error_message());
		st->ops->rollback(st);
		error_set(code, "%s", saved);
		return rc < 0 ? rc : -(int)code;
	}
	/*
	 * What this transaction wrote joins the change log's chain in the
	 * same transaction: a commit without its block cannot happen.
	 */
	if (st->tx_write && st->log_ready) {
		int lrc = changelog_commit(st);

		if (lrc) {
			char saved[1024];
			enum err_code code = error_code();

			snprintf(saved, sizeof(saved), "%s", error_message());
			st->ops->rollback(st);
			error_set(code, "%s", saved);
			return lrc;
		}
	}
	return st->ops->commit(st);
}

int db_exec(struct store *st, const char *sql, const struct sql_arg *args, size_t nargs)
{
	struct db_rows *rows;
	int rc = st->ops->query(st, sql, args, nargs, &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0)
		;
	st->ops->done(rows);
	return rc;
}

int db_int(struct store *st, const char *sql, const struct sql_arg *args, size_t nargs,
           int64_t *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st, sql, args, nargs, &rows);

	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0)
		*out = st->ops->integer(rows, 0);
	st->ops->done(rows);
	return rc;
}

int db_each(struct store *st, const char *sql, const struct sql_arg *args, size_t nargs,
            db_row_fn fn, void *ctx)
{
	struct db_rows *rows;
	int rc = st->ops->query(st, sql, args, nargs, &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0)
		fn(st, rows, ctx);
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

char *db_strdup(struct store *st, struct db_rows *rows, int col)
{
	return xstrdup_or_null(st->ops->text(rows, col));
}

/* Replace the dialect tokens of a migration script (see driver.h). */
static char *dialect_sql(const struct store *st, const char *sql)
{
	const struct {
		const char *token;
		const char *with;
	} tokens[] = {
		{ "@PK@", st->ops->pk_type },
		{ "@BYTES@", st->ops->bytes_type },
	};
	struct strbuf sb = STRBUF_INIT;
	const char *p = sql;

	while (*p) {
		const char *next = NULL;
		size_t which = 0;

		for (size_t i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++) {
			const char *t = strstr(p, tokens[i].token);

			if (t && (!next || t < next)) {
				next = t;
				which = i;
			}
		}
		if (!next) {
			strbuf_addstr(&sb, p);
			break;
		}
		strbuf_add(&sb, p, (size_t)(next - p));
		strbuf_addstr(&sb, tokens[which].with);
		p = next + strlen(tokens[which].token);
	}
	return strbuf_detach(&sb, NULL);
}

static int table_exists(struct store *st, const char *name, int *yes)
{
	int64_t n = 0;
	int rc = db_int(st, st->ops->sql_table_exists, SQL_ARGS(ARG_TEXT(name)), &n);

	if (rc < 0)
		return rc;
	*yes = n > 0;
	return 0;
}

static int read_version(struct store *st, int *version)
{
	struct db_rows *rows;
	const char *app = NULL, *ver = NULL;
	char *end;
	long v;
	int rc = st->ops->query(
	        st, "SELECT key, value FROM isms_meta WHERE key IN (?, ?)",
	        SQL_ARGS(ARG_TEXT("application"), ARG_TEXT("schema_version")), &rows);
	char appbuf[64] = "", verbuf[32] = "";

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		const char *k = st->ops->text(rows, 0);
		const char *val = st->ops->text(rows, 1);

		if (!k || !val)
			continue;
		if (!strcmp(k, "application")) {
			snprintf(appbuf, sizeof(appbuf), "%s", val);
			app = appbuf;
		} else {
			snprintf(verbuf, sizeof(verbuf), "%s", val);
			ver = verbuf;
		}
	}
	st->ops->done(rows);
	if (rc < 0)
		return rc;
	if (!app || strcmp(app, APPLICATION_ID) || !ver)
		return error_set(E_SCHEMA, "%s is not an isms database", st->target);
	v = strtol(ver, &end, 10);
	if (*end || v < 1 || v > 1000000)
		return error_set(E_SCHEMA, "%s has a damaged schema version '%s'",
		                 st->target, ver);
	*version = (int)v;
	return 0;
}

static int apply(struct store *st, size_t index)
{
	const struct embedded_file *m = &schema_migrations[index];
	int version = migration_version(index);
	char now[32], ver[16];
	char *sql = dialect_sql(st, m->data);
	int rc = st->ops->exec_script(st, sql);

	free(sql);
	if (rc)
		return error_wrap("applying schema migration %s", m->name);
	store_now(now);
	snprintf(ver, sizeof(ver), "%d", version);
	rc = db_exec(st,
	             "INSERT INTO schema_migration (version, name, applied_at) "
	             "VALUES (?, ?, ?)",
	             SQL_ARGS(ARG_INT(version), ARG_TEXT(m->name), ARG_TEXT(now)));
	if (!rc)
		rc = db_exec(st,
		             "INSERT INTO isms_meta (key, value) VALUES (?, ?) "
		             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		             SQL_ARGS(ARG_TEXT("schema_version"), ARG_TEXT(ver)));
	if (!rc && version == 1)
		rc = db_exec(st, "INSERT INTO isms_meta (key, value) VALUES (?, ?)",
		             SQL_ARGS(ARG_TEXT("application"), ARG_TEXT(APPLICATION_ID)));
	return rc;
}

/*
 * Bring the schema up to date.  All pending migrations run in one
 * transaction, so a failure leaves the database exactly as it was.  The
 * version is read again inside the transaction: another process may have
 * migrated it meanwhile.
 */
static int migrate(struct store *st, unsigned flags)
{
	int rc, has_meta = 0, version = 0;

	rc = store_begin(st);
	if (rc)
		return rc;
	/*
	 * Where begin() alone does not keep two migrating processes apart,
	 * the lock does; the loser then sees the winner's tables below.
	 */
	if (st->ops->sql_migration_lock)
		rc = db_exec(st, st->ops->sql_migration_lock, SQL_NOARGS);
	if (!rc)
		rc = table_exists(st, "isms_meta", &has_meta);
	if (!rc && has_meta)
		rc = read_version(st, &version);
	if (!rc && !has_meta) {
		int64_t ntables = 0;

		rc = db_int(st, st->ops->sql_table_count, SQL_NOARGS, &ntables);
		if (rc >= 0) {
			rc = 0;
			if (ntables > 0)
				rc = error_set(E_SCHEMA,
				               "%s is not an isms database (it holds "
				               "%lld tables of another application)",
				               st->target, (long long)ntables);
			else if (!(flags & STORE_CREATE))
				rc = error_set(E_SCHEMA,
				               "%s is not initialised; run 'isms init' "
				               "first",
				               st->target);
		}
	}
	if (!rc && version > store_schema_latest())
		rc = error_set(E_SCHEMA,
		               "%s has schema version %d, newer than this isms "
		               "understands (%d); upgrade isms",
		               st->target, version, store_schema_latest());
	/*
	 * Entries written from here on (by a migration's statements through
	 * the triggers, or the baseline) are the migration's; those already
	 * there without a block are not, and stay as they are.
	 */
	if (!rc && version >= CHANGELOG_VERSION)
		rc = changelog_begin(st);
	for (size_t i = 0; !rc && i < schema_migrations_count; i++) {
		if (migration_version(i) <= version)
			continue;
		rc = apply(st, i);
		if (!rc)
			st->migrations_applied++;
	}
	if (!rc && store_schema_latest() >= CHANGELOG_VERSION)
		rc = changelog_install(st, version);
	st->actor_override = "migration";
	rc = store_end(st, rc);
	st->actor_override = NULL;
	if (rc)
		st->migrations_applied = 0;
	return rc;
}

static int is_pg_url(const char *target)
{
	return !strncmp(target, "postgresql://", 13) ||
	       !strncmp(target, "postgres://", 11);
}

int store_open(struct store **out, const char *target, unsigned flags)
{
	struct store *st;
	int rc;

	*out = NULL;
	if (!target || !*target)
		return error_set(E_USAGE, "no database given (use --db PATH or ISMS_DB)");
	st = xcalloc(1, sizeof(*st));
	st->ops = is_pg_url(target) ? &pg_ops : &sqlite_ops;
	/* A driver may replace this with a form safe to show (no password). */
	st->target = xstrdup(target);
	store_set_actor(st, NULL);
	rc = st->ops->open(st, target, flags);
	if (!rc)
		rc = migrate(st, flags);
	if (rc) {
		store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	if (st->conn)
		st->ops->close(st);
	free(st->target);
	free(st->actor);
	free(st);
}

int store_schema_version(struct store *st, int *out)
{
	return read_version(st, out);
}
