/*
 * driver.h - what a storage backend implements.  Only src/store/ sees it.
 *
 * The query functions of the store (org.c, scope.c, catalog.c ...) are
 * written once against this interface, in SQL that SQLite and PostgreSQL
 * both accept.  Parameters are always bound, never spliced: statements use
 * '?' placeholders, which a driver may rewrite to its own syntax.
 */
#ifndef ISMS_DRIVER_H
#define ISMS_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct strbuf;

enum sql_type { SQL_NULL, SQL_INT, SQL_TEXT, SQL_BYTES };

struct sql_arg {
	enum sql_type type;
	int64_t i;
	const char *s;
	/* SQL_BYTES: len raw bytes at s, which may hold NULs. */
	size_t len;
};

static inline struct sql_arg ARG_INT(int64_t v) {
	return (struct sql_arg){ .type = SQL_INT, .i = v };
}

/* A row id, or SQL NULL when it is not positive (none). */
static inline struct sql_arg
ARG_ID(int64_t v) {
	return (struct sql_arg){ .type = v > 0 ? SQL_INT : SQL_NULL, .i = v };
}

/* A NULL pointer binds SQL NULL. */
static inline struct sql_arg
ARG_TEXT(const char *v) {
	return (struct sql_arg){ .type = v ? SQL_TEXT : SQL_NULL, .s = v };
}

static inline struct sql_arg
ARG_BOOL(int v) {
	return ARG_INT(v ? 1 : 0);
}

/* Raw bytes for a @BYTES@ column; never SQL NULL, even when len is 0. */
static inline struct sql_arg
ARG_BYTES(const void *v, size_t len) {
	return (struct sql_arg){ .type = SQL_BYTES,
		                 .s = v ? (const char *)v : "",
		                 .len = len };
}

/* A result cursor; its layout is the driver's own. */
struct db_rows;

struct store_ops {
	const char *name;
	/* SQL that replaces @PK@ in migrations. */
	const char *pk_type;
	/* SQL that replaces @BYTES@: a column of raw bytes. */
	const char *bytes_type;
	/* One parameter: a table name; one row, one integer column: 0 or 1. */
	const char *sql_table_exists;
	/* No parameters; one row: how many tables the database holds. */
	const char *sql_table_count;
	/* No parameters; one row per table of the store (not the backend's own). */
	const char *sql_table_names;
	/*
	 * Optional, run first in the migration transaction: a lock that makes
	 * processes opening the same new database migrate it in turn.  NULL
	 * when begin() already serialises writers.
	 */
	const char *sql_migration_lock;
	/* Starts a read-only transaction that sees one consistent snapshot. */
	const char *sql_begin_read;

	int (*open)(struct store *st, const char *target, unsigned flags);
	void (*close)(struct store *st);
	/* Run statements without parameters or results (migrations). */
	int (*exec_script)(struct store *st, const char *sql);
	int (*query)(struct store *st, const char *sql, const struct sql_arg *args,
	             size_t nargs, struct db_rows **out);
	/* 1: a row is ready; 0: no more rows; <0: error. */
	int (*next)(struct db_rows *rows);
	/* Column text, or NULL for SQL NULL; valid until the next call. */
	const char *(*text)(struct db_rows *rows, int col);
	int64_t (*integer)(struct db_rows *rows, int col);
	/* The result's columns; known before the first next(). */
	int (*ncolumns)(struct db_rows *rows);
	const char *(*column_name)(struct db_rows *rows, int col);
	void (*done)(struct db_rows *rows);
	int (*begin)(struct store *st);
	int (*commit)(struct store *st);
	int (*rollback)(struct store *st);
	/*
	 * Optional: after rows were inserted with explicit values in an
	 * auto-numbered column, make the next automatic value follow the
	 * largest.  NULL when the backend does that by itself.
	 */
	int (*reset_ids)(struct store *st, const char *table, const char *column);
	/*
	 * Content (store_blob_put, store_blob_read); the blob rows are the
	 * store's, where the bytes live is the driver's.  blob_put stores
	 * everything readable from fd, hashing the very bytes it stores, and
	 * sets their digest and size; what it stores becomes reachable once
	 * the blob row commits.  blob_read streams the `size` bytes stored
	 * under a digest to sink and refuses them (blob_damaged) when they no
	 * longer match it.
	 */
	int (*blob_put)(struct store *st, int fd, char sha256[SHA256_HEX_LEN + 1],
	                int64_t *size);
	int (*blob_read)(struct store *st, const char *sha256, int64_t size,
	                 blob_sink sink, void *ctx);
	/*
	 * The change log (changelog.c).  sql_columns: one parameter, a table
	 * name; one row per column, its name, in the table's order.
	 * sql_primary_key: the same for the primary key's columns, in the
	 * key's order.  sql_chain_lock: taken before the newest block is read
	 * at commit, so that committers append to the chain in turn; NULL when
	 * begin() already serialises writers.  sql_claim: gives the entries
	 * this transaction wrote (block NULL, id above the second parameter)
	 * the block of the first.  fetch_rows: read long results through a
	 * cursor this many rows at a time (0: the driver streams already).
	 */
	const char *sql_columns;
	const char *sql_primary_key;
	const char *sql_chain_lock;
	/*
	 * sql_org_lock: one parameter, an organisation's id; held to the end
	 * of the transaction, so that writers of one organisation take turns.
	 * NULL when begin() already serialises writers.
	 */
	const char *sql_org_lock;
	/*
	 * sql_version: one row, one text column that changes whenever a
	 * change anyone committed becomes visible to this connection.
	 */
	const char *sql_version;
	const char *sql_claim;
	int fetch_rows;
	/*
	 * The SQL expression of a row's image as the triggers log it, for the
	 * row `alias` of `table` (with its columns, secrets left out), and
	 * installing (install true, replacing any) or dropping the table's
	 * triggers.  Names come from the schema, never from input.
	 */
	int (*log_image)(struct store *st, const char *table, const char *alias,
	                 struct strbuf *out);
	int (*log_triggers)(struct store *st, const char *table, bool install);
};

struct store {
	const struct store_ops *ops;
	void *conn;
	char *target;
	int tx_depth;
	int tx_failed;
	int migrations_applied;
	/* The change log: who writes (store_set_actor), and per transaction. */
	char *actor;
	const char *actor_override; /* "migration" while migrating */
	int log_ready;              /* change_log exists, triggers installed */
	int tx_write;               /* the outermost transaction may write */
	int64_t log_floor;          /* entries above this id are this one's */
	int64_t log_org;            /* the organisation writes act in; 0: none */
};

extern const struct store_ops sqlite_ops;
extern const struct store_ops pg_ops;

#define SQL_ARGS(...)                                              \
	((const struct sql_arg[]){ __VA_ARGS__ }),                 \
	        (sizeof((const struct sql_arg[]){ __VA_ARGS__ }) / \
	         sizeof(struct sql_arg))
#define SQL_NOARGS NULL, 0

/* Run a statement to completion, ignoring rows. */
int db_exec(struct store *st, const char *sql, const struct sql_arg *args, size_t nargs);
/*
 * Run a statement that yields at most one row with one integer column.
 * Returns 1 and sets *out when there was a row, 0 when none.
 */
int db_int(struct store *st, const char *sql, const struct sql_arg *args, size_t nargs,
           int64_t *out);
/* Run a query and hand every row to fn. */
typedef void (*db_row_fn)(struct store *st, struct db_rows *rows, void *ctx);
int db_each(struct store *st, const char *sql, const struct sql_arg *args, size_t nargs,
            db_row_fn fn, void *ctx);
/* A column's text duplicated (NULL stays NULL). */
char *db_strdup(struct store *st, struct db_rows *rows, int col);

/*
 * The change log's parts that store.c, copy.c and the drivers call
 * (changelog.c).  changelog_secret() says whether a column holds a secret
 * that images leave out; changelog_quote() appends a name quoted as an
 * identifier (quote '"') or a literal (quote '\'').
 */
bool changelog_secret(const char *column);
extern const char *const changelog_secret_columns[]; /* ended by NULL */
void changelog_quote(struct strbuf *sb, const char *name, char quote);
/* At the outermost write begin: note where this transaction's entries start. */
int changelog_begin(struct store *st);
/* Before the outermost COMMIT: chain this transaction's entries. */
int changelog_commit(struct store *st);
/*
 * After migrating, in the same transaction: install the triggers on every
 * logged table when the schema changed since they were installed, and log
 * the rows of tables that were new or changed shape (a baseline).
 */
int changelog_install(struct store *st, int version_before);
/* Drop (install false) or install the triggers of every logged table. */
int changelog_triggers_all(struct store *st, bool install);

/*
 * Rewrite the '?' placeholders of a statement to PostgreSQL's $1..$n,
 * leaving quoted literals, quoted identifiers and comments alone.  Sets
 * *count to the number of placeholders.  Exposed for its unit test.
 */
int sql_dollar_placeholders(const char *sql, struct strbuf *out, size_t *count);

#endif
