/*
 * pg.c - the PostgreSQL driver: a server that several users share.
 *
 * libpq with text parameters and text results, except for content: raw
 * bytes go out and come back in binary.  Transactions run at READ
 * COMMITTED.  The store's check-then-insert sequences stay correct at that
 * level because a unique constraint backs each of them: when two sessions
 * race, the loser's INSERT fails with unique_violation, which maps to
 * E_EXISTS just as the check would have.
 *
 * Errors map to the same codes and messages as the SQLite driver's, so the
 * program says the same thing whichever backend refused.  The URL may hold
 * a password; it never reaches a message or an output: st->target is the
 * URL without it.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "store/blobdir.h"
#include "store/driver.h"

/* Used unless the URL or PGCONNECT_TIMEOUT says otherwise. */
#define CONNECT_TIMEOUT_S "10"
/* Like SQLite's busy timeout: wait this long for a lock, then say busy. */
#define LOCK_OPTIONS "-c lock_timeout=10000"
/* The store's statements are short; a runaway rewrite is a bug. */
#define SQL_CAP ((size_t)1 << 20)
/* Long enough for any server message worth showing on one line. */
#define MSG_MAX 400
/* Content goes in rows of this size: memory stays bounded at both ends. */
#define BLOB_CHUNK ((size_t)1 << 20)

struct db_rows {
	struct store *st;
	PGresult *res;
	int row; /* the current row; -1 before the first */
	int nrows;
};

static PGconn *conn_of(struct store *st)
{
	return st->conn;
}

/*
 * The first line of a libpq or server message, trimmed, with runs of
 * blanks made one space, so that every failure is one line on stderr.
 */
static void first_line(char *out, size_t size, const char *msg)
{
	size_t n = 0;
	int blank = 0;

	if (!msg)
		msg = "";
	while (*msg == ' ' || *msg == '\t')
		msg++;
	for (; *msg && *msg != '\n' && *msg != '\r' && n + 1 < size; msg++) {
		if (*msg == ' ' || *msg == '\t') {
			blank = 1;
			continue;
		}
		if (blank && n + 2 < size)
			out[n++] = ' ';
		blank = 0;
		out[n++] = *msg;
	}
	out[n] = '\0';
	if (!n)
		snprintf(out, size, "unknown error");
}

/* The message of a failed result, or of the connection when there is none. */
static void result_message(struct store *st, const PGresult *res, char *out, size_t size)
{
	const char *primary =
	        res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	first_line(out, size, primary ? primary : PQerrorMessage(conn_of(st)));
}

/* Map a failed statement to the project's error type, like sqlite.c does. */
static int fail(struct store *st, const PGresult *res, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char msg[MSG_MAX];

	result_message(st, res, msg, sizeof(msg));
	/* No SQLSTATE at all: libpq itself failed, mostly a lost connection. */
	if ((!state && PQstatus(conn_of(st)) == CONNECTION_BAD) ||
	    (state && !strncmp(state, "08", 2)))
		return error_set(E_STORE, "%s: lost the connection to the server (%s)",
		                 st->target, msg);
	if (!state)
		return error_set(E_STORE, "%s: %s: %s", st->target, what, msg);
	/* Class 23: integrity constraint violations. */
	if (!strcmp(state, "23505"))
		return error_set(E_EXISTS, "already exists (%s)", msg);
	if (!strcmp(state, "23503") || !strcmp(state, "23001"))
		return error_set(E_CONFLICT, "other records refer to it (%s)", msg);
	if (!strncmp(state, "23", 2))
		return error_set(E_INVALID, "rejected by the store (%s)", msg);
	/* Serialization failure, deadlock, lock timeout. */
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03"))
		return error_set(E_STORE, "%s is busy: another process holds it (%s)",
		                 st->target, msg);
	if (!strcmp(state, "25006"))
		return error_set(E_STORE, "%s is read-only", st->target);
	if (!strcmp(state, "53100"))
		return error_set(E_STORE, "%s: the disk is full", st->target);
	return error_set(E_STORE, "%s: %s: %s", st->target, what, msg);
}

int sql_dollar_placeholders(const char *sql, struct strbuf *out, size_t *count)
{
	const char *p = sql;
	size_t n = 0;
	int rc = 0;

	while (*p && !rc) {
		const char *start = p;

		if (*p == '\'' || *p == '"') {
			/* A doubled quote inside closes and reopens: same effect. */
			const char *end = strchr(p + 1, *p);

			p = end ? end + 1 : p + strlen(p);
		} else if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");

			p = end ? end + 2 : p + strlen(p);
		} else if (*p == '?') {
			rc = strbuf_addf(out, "$%zu", ++n);
			p++;
			continue;
		} else {
			p++;
		}
		rc = strbuf_add(out, start, (size_t)(p - start));
	}
	*count = n;
	return rc < 0 ? rc : 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The passwords a URL holds, in every spelling a message might quote. */
struct secrets {
	char **v;
	size_t n, alloc;
};

static void secret_add(struct secrets *sec, const char *s, size_t len)
{
	if (!len)
		return;
	ALLOC_GROW(sec->v, sec->n + 1, sec->alloc);
	sec->v[sec->n++] = xstrndup(s, len);
}

static void secrets_release(struct secrets *sec)
{
	for (size_t i = 0; i < sec->n; i++)
		free(sec->v[i]);
	free(sec->v);
}

/* Is the query parameter at q (up to klen bytes of key) a password? */
static int is_password_key(const char *q, size_t klen)
{
	char key[16];
	size_t k = 0;

	/* libpq decodes %XX in keys, so "pass%77ord" is one too. */
	for (size_t i = 0; i < klen && k + 1 < sizeof(key); i++) {
		int hi = i + 2 < klen ? hexval(q[i + 1]) : -1;
		int lo = i + 2 < klen ? hexval(q[i + 2]) : -1;

		if (q[i] == '%' && hi >= 0 && lo >= 0) {
			key[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			key[k++] = q[i];
		}
	}
	key[k] = '\0';
	return !strcmp(key, "password");
}

/*
 * The URL as it may be shown: the password of the user part and any
 * password parameter removed, everything else kept.  What was removed
 * goes to *sec.
 */
static char *redact_url(const char *url, struct secrets *sec)
{
	struct strbuf sb = STRBUF_INIT;
	const char *auth = strstr(url, "://");
	const char *end, *at = NULL, *q;

	if (!auth)
		return xstrdup(url);
	auth += 3;
	end = auth + strcspn(auth, "/?#");
	/* The last '@': a password may hold one that should be %40. */
	for (const char *p = auth; p < end; p++)
		if (*p == '@')
			at = p;
	if (at) {
		const char *colon = memchr(auth, ':', (size_t)(at - auth));

		strbuf_add(&sb, url, (size_t)((colon ? colon : at) - url));
		strbuf_add(&sb, at, (size_t)(end - at));
		/*
		 * libpq ends the user part at the first '@', so the pieces of
		 * such a password may show up as a host name: mask those too.
		 */
		for (const char *p = colon; p && p < at;) {
			const char *next = memchr(p + 1, '@', (size_t)(at - p - 1));

			secret_add(sec, p + 1, (size_t)((next ? next : at) - p - 1));
			p = next;
		}
		if (colon && memchr(colon, '@', (size_t)(at - colon)))
			secret_add(sec, colon + 1, (size_t)(at - colon - 1));
	} else {
		strbuf_add(&sb, url, (size_t)(end - url));
	}
	q = end;
	if (*q == '/') {
		size_t len = strcspn(q, "?#");

		strbuf_add(&sb, q, len);
		q += len;
	}
	if (*q == '?') {
		int first = 1;

		q++;
		while (*q && *q != '#') {
			size_t len = strcspn(q, "&#");
			size_t klen = strcspn(q, "=&#");

			if (is_password_key(q, klen)) {
				if (klen < len)
					secret_add(sec, q + klen + 1, len - klen - 1);
			} else {
				strbuf_addch(&sb, first ? '?' : '&');
				strbuf_add(&sb, q, len);
				first = 0;
			}
			q += len;
			if (*q == '&')
				q++;
		}
	}
	strbuf_addstr(&sb, q);
	return strbuf_detach(&sb, NULL);
}

static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/*
 * Replace each occurrence of `raw` in msg by `shown`.  With `whole`, only
 * where it stands apart from letters and digits around it: a password
 * "pw" must go from '"pw"', but "pwd" in a word must stay.
 */
static void replace_all(char *msg, size_t size, const char *raw, const char *shown,
                        int whole)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = msg, *hit;
	size_t rlen = strlen(raw);

	if (!rlen || !strstr(msg, raw))
		return;
	while ((hit = strstr(p, raw))) {
		int apart = !whole ||
		            ((hit == msg || !word_char(hit[-1]) || !word_char(raw[0])) &&
		             (!word_char(hit[rlen]) || !word_char(raw[rlen - 1])));

		strbuf_add(&sb, p, (size_t)(hit - p));
		strbuf_addstr(&sb, apart ? shown : raw);
		p = hit + rlen;
	}
	strbuf_addstr(&sb, p);
	snprintf(msg, size, "%s", sb.buf);
	strbuf_release(&sb);
}

static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* One line, with the URL as shown and every password masked. */
static int connect_failed(struct store *st, const char *url, const char *why,
                          const struct secrets *sec)
{
	char msg[MSG_MAX];

	first_line(msg, sizeof(msg), why);
	/* libpq quotes the whole URL in some of its complaints about one. */
	replace_all(msg, sizeof(msg), url, st->target, 0);
	for (size_t i = 0; i < sec->n; i++)
		replace_all(msg, sizeof(msg), sec->v[i], "***", 1);
	return error_set(E_STORE, "cannot connect to %s: %s", st->target, msg);
}

/* Where the user gave no setting, ours; what the URL says comes later and wins. */
static size_t default_params(const char **keys, const char **vals)
{
	const char *env;
	size_t k = 0;

	env = getenv("PGCONNECT_TIMEOUT");
	if (!env || !*env) {
		keys[k] = "connect_timeout";
		vals[k++] = CONNECT_TIMEOUT_S;
	}
	env = getenv("PGOPTIONS");
	if (!env || !*env) {
		keys[k] = "options";
		vals[k++] = LOCK_OPTIONS;
	}
	keys[k] = "client_encoding";
	vals[k++] = "UTF8";
	keys[k] = "fallback_application_name";
	vals[k++] = "isms";
	return k;
}

static int pg_open(struct store *st, const char *url, unsigned flags)
{
	const char *keys[6], *vals[6];
	struct secrets sec = { 0 };
	PQconninfoOption *opts;
	char *parse_err = NULL;
	PGconn *conn = NULL;
	size_t k;
	int rc = 0;

	(void)flags; /* the database exists, or the server says it does not */
	free(st->target);
	st->target = redact_url(url, &sec);
	opts = PQconninfoParse(url, &parse_err);
	if (!opts) {
		rc = connect_failed(st, url, parse_err ? parse_err : "malformed URL",
		                    &sec);
		PQfreemem(parse_err);
		secrets_release(&sec);
		return rc;
	}
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (!strcmp(o->keyword, "password") && o->val)
			secret_add(&sec, o->val, strlen(o->val));
	PQconninfoFree(opts);

	k = default_params(keys, vals);
	keys[k] = "dbname";
	vals[k++] = url;
	keys[k] = NULL;
	vals[k] = NULL;
	conn = PQconnectdbParams(keys, vals, 1);
	if (!conn)
		rc = error_set(E_STORE, "cannot connect to %s: out of memory",
		               st->target);
	else if (PQstatus(conn) != CONNECTION_OK)
		rc = connect_failed(st, url, PQerrorMessage(conn), &sec);
	else if (PQserverVersion(conn) < 100000)
		rc = error_set(E_STORE,
		               "cannot use %s: isms needs PostgreSQL 10 or newer",
		               st->target);
	secrets_release(&sec);
	if (rc) {
		PQfinish(conn);
		return rc;
	}
	/* Notices would reach stderr; every message goes through error.h. */
	PQsetNoticeProcessor(conn, ignore_notice, NULL);
	st->conn = conn;
	return 0;
}

static void pg_close(struct store *st)
{
	PQfinish(conn_of(st));
	st->conn = NULL;
}

/* Run a statement whose result is a status only. */
static int run_simple(struct store *st, const char *sql, const char *what)
{
	PGresult *res = PQexec(conn_of(st), sql);
	ExecStatusType status = PQresultStatus(res);
	int rc = 0;

	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
	    status != PGRES_EMPTY_QUERY)
		rc = fail(st, res, what);
	PQclear(res);
	return rc;
}

static int pg_exec_script(struct store *st, const char *sql)
{
	return run_simple(st, sql, "running script");
}

static int pg_query(struct store *st, const char *sql, const struct sql_arg *args,
                    size_t nargs, struct db_rows **out)
{
	struct strbuf q = STRBUF_INIT;
	const char **values;
	int *lengths, *formats;
	char(*ints)[24];
	struct db_rows *rows;
	PGresult *res;
	ExecStatusType status;
	size_t n = 0;
	int rc;

	*out = NULL;
	strbuf_init(&q, SQL_CAP);
	if (sql_dollar_placeholders(sql, &q, &n))
		BUG("statement too long to rewrite: %.60s", sql);
	if (n != nargs || nargs > INT_MAX)
		BUG("statement takes %zu parameters, given %zu: %s", n, nargs, sql);
	values = xcalloc(nargs ? nargs : 1, sizeof(*values));
	ints = xcalloc(nargs ? nargs : 1, sizeof(*ints));
	lengths = xcalloc(nargs ? nargs : 1, sizeof(*lengths));
	formats = xcalloc(nargs ? nargs : 1, sizeof(*formats));
	for (size_t i = 0; i < nargs; i++) {
		switch (args[i].type) {
		case SQL_NULL:
			values[i] = NULL;
			break;
		case SQL_INT:
			snprintf(ints[i], sizeof(ints[i]), "%" PRId64, args[i].i);
			values[i] = ints[i];
			break;
		case SQL_TEXT:
			values[i] = args[i].s;
			break;
		case SQL_BYTES:
			/* Binary: no escaping, and NULs are bytes like any other. */
			if (args[i].len > INT_MAX)
				BUG("parameter of %zu bytes", args[i].len);
			values[i] = args[i].s;
			lengths[i] = (int)args[i].len;
			formats[i] = 1;
			break;
		}
	}
	res = PQexecParams(conn_of(st), q.buf, (int)nargs, NULL, values, lengths, formats,
	                   0);
	strbuf_release(&q);
	free(values);
	free(ints);
	free(lengths);
	free(formats);
	status = PQresultStatus(res);
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
		rc = fail(st, res, "querying");
		PQclear(res);
		return rc;
	}
	rows = xmalloc(sizeof(*rows));
	rows->st = st;
	rows->res = res;
	rows->row = -1;
	rows->nrows = PQntuples(res);
	*out = rows;
	return 0;
}

static int pg_next(struct db_rows *rows)
{
	if (rows->row + 1 >= rows->nrows) {
		rows->row = rows->nrows;
		return 0;
	}
	rows->row++;
	return 1;
}

static const char *pg_text(struct db_rows *rows, int col)
{
	if (rows->row < 0 || rows->row >= rows->nrows || col < 0 ||
	    col >= PQnfields(rows->res) || PQgetisnull(rows->res, rows->row, col))
		return NULL;
	return PQgetvalue(rows->res, rows->row, col);
}

static int64_t pg_integer(struct db_rows *rows, int col)
{
	const char *s = pg_text(rows, col);

	return s ? (int64_t)strtoll(s, NULL, 10) : 0;
}

static int pg_ncolumns(struct db_rows *rows)
{
	return PQnfields(rows->res);
}

static const char *pg_column_name(struct db_rows *rows, int col)
{
	return PQfname(rows->res, col);
}

static void pg_done(struct db_rows *rows)
{
	if (!rows)
		return;
	PQclear(rows->res);
	free(rows);
}

static int pg_begin(struct store *st)
{
	/* Said outright: the reasoning at the top needs this level. */
	return run_simple(st, "BEGIN ISOLATION LEVEL READ COMMITTED",
	                  "starting a transaction");
}

static int pg_commit(struct store *st)
{
	PGresult *res = PQexec(conn_of(st), "COMMIT");
	int rc = 0;

	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = fail(st, res, "committing");
	else if (!strcmp(PQcmdStatus(res), "ROLLBACK"))
		/* COMMIT of a transaction that had failed is a rollback. */
		rc = error_set(E_STORE, "%s: the transaction failed and was rolled back",
		               st->target);
	PQclear(res);
	return rc;
}

static int pg_rollback(struct store *st)
{
	/* Harmless when the connection is gone: the server rolled back. */
	PQclear(PQexec(conn_of(st), "ROLLBACK"));
	return 0;
}

/* Table and column names come from the store's code, never from input. */
static int is_identifier(const char *s)
{
	if (!*s || isdigit((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) ||
		      *s == '_'))
			return 0;
	return 1;
}

static int pg_reset_ids(struct store *st, const char *table, const char *column)
{
	struct strbuf sql = STRBUF_INIT;
	int rc;

	if (!is_identifier(table) || !is_identifier(column))
		BUG("not an identifier: %s.%s", table, column);
	strbuf_addf(&sql,
	            "SELECT setval(pg_get_serial_sequence(?, ?), "
	            "coalesce(max(%s), 0) + 1, false) FROM %s",
	            column, table);
	rc = db_exec(st, sql.buf, SQL_ARGS(ARG_TEXT(table), ARG_TEXT(column)));
	strbuf_release(&sql);
	return rc;
}

/*
 * Content lives in blob_chunk rows of the same transaction as its blob
 * row, so every server sharing the database reaches it and a rollback
 * leaves nothing behind.  The chunks go in under a temporary key while the
 * digest is not yet known, then take the digest's name, or go away when
 * that content is already stored.
 */
static int pg_blob_put(struct store *st, int fd, char sha256[SHA256_HEX_LEN + 1],
                       int64_t *size)
{
	static atomic_ulong counter;
	struct sha256_ctx *h = sha256_new();
	unsigned char *buf = xmalloc(BLOB_CHUNK);
	char tmp[64];
	int64_t seq = 0, exists = 0;
	int rc = 0;

	/*
	 * Never 64 hex digits, so never a digest; and no other session of the
	 * server has the same process id while this transaction lasts.
	 */
	snprintf(tmp, sizeof(tmp), "tmp-%d-%lu", PQbackendPID(conn_of(st)),
	         atomic_fetch_add(&counter, 1));
	*size = 0;
	for (;;) {
		int64_t n = blob_read_full(fd, buf, BLOB_CHUNK);

		if (n < 0) {
			rc = error_set(E_IO, "reading failed: %s", strerror(errno));
			break;
		}
		if (n == 0)
			break;
		sha256_update(h, buf, (size_t)n);
		*size += n;
		rc = db_exec(
		        st, "INSERT INTO blob_chunk (sha256, seq, data) VALUES (?, ?, ?)",
		        SQL_ARGS(ARG_TEXT(tmp), ARG_INT(seq), ARG_BYTES(buf, (size_t)n)));
		if (rc)
			break;
		seq++;
		if ((size_t)n < BLOB_CHUNK)
			break;
	}
	sha256_final_hex(h, sha256);
	free(buf);
	/* Empty content has no chunks: nothing to name. */
	if (rc || seq == 0)
		return rc;
	/*
	 * Two sessions storing the same new content would both find it absent
	 * and then collide on its name; the lock makes the second wait for the
	 * first's end and find its chunks.  The first key is "blob" in ASCII.
	 */
	rc = db_exec(st, "SELECT pg_advisory_xact_lock(1651273570, hashtext(?))",
	             SQL_ARGS(ARG_TEXT(sha256)));
	if (!rc)
		rc = db_int(st, "SELECT count(*) FROM blob_chunk WHERE sha256 = ?",
		            SQL_ARGS(ARG_TEXT(sha256)), &exists);
	if (rc < 0)
		return rc;
	if (exists)
		return db_exec(st, "DELETE FROM blob_chunk WHERE sha256 = ?",
		               SQL_ARGS(ARG_TEXT(tmp)));
	return db_exec(st, "UPDATE blob_chunk SET sha256 = ? WHERE sha256 = ?",
	               SQL_ARGS(ARG_TEXT(sha256), ARG_TEXT(tmp)));
}

/*
 * One chunk per query, in binary, hashed on the way: a large file never
 * sits in memory whole.  A missing or altered chunk shows as a digest or
 * size that no longer matches.
 */
static int pg_blob_read(struct store *st, const char *sha256, int64_t size,
                        blob_sink sink, void *ctx)
{
	struct sha256_ctx *h = sha256_new();
	char got[SHA256_HEX_LEN + 1];
	int64_t done = 0;
	int rc = 0;

	for (int64_t seq = 0; !rc && done < size; seq++) {
		char seqtext[24];
		const char *values[2] = { sha256, seqtext };
		PGresult *res;
		const char *data;
		size_t len;

		snprintf(seqtext, sizeof(seqtext), "%" PRId64, seq);
		res = PQexecParams(
		        conn_of(st),
		        "SELECT data FROM blob_chunk WHERE sha256 = $1 AND seq = $2", 2,
		        NULL, values, NULL, NULL, 1);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			rc = fail(st, res, "reading content");
			PQclear(res);
			break;
		}
		if (PQntuples(res) != 1 || PQnfields(res) != 1 ||
		    PQgetisnull(res, 0, 0)) {
			PQclear(res);
			break;
		}
		data = PQgetvalue(res, 0, 0);
		len = (size_t)PQgetlength(res, 0, 0);
		sha256_update(h, data, len);
		done += (int64_t)len;
		if (sink && len && sink(ctx, data, len))
			rc = error_code() ? -(int)error_code() : -E_IO;
		PQclear(res);
	}
	sha256_final_hex(h, got);
	if (!rc && (done != size || strcmp(got, sha256)))
		rc = blob_damaged(sha256);
	return rc;
}

/* A row's image: to_jsonb() of the row, secrets left out. */
static int pg_log_image(struct store *st, const char *table, const char *alias,
                        struct strbuf *out)
{
	(void)st;
	(void)table;
	strbuf_addf(out, "(to_jsonb(%s)", alias);
	for (size_t i = 0; changelog_secret_columns[i]; i++)
		strbuf_addf(out, " - '%s'", changelog_secret_columns[i]);
	strbuf_addstr(out, ")::text");
	return 0;
}

/*
 * One function serves every table (TG_TABLE_NAME, TG_OP); each table has
 * one trigger calling it.  EXECUTE PROCEDURE: PostgreSQL 10 knows no
 * EXECUTE FUNCTION.
 */
static int pg_log_triggers(struct store *st, const char *table, bool install)
{
	struct strbuf sql = STRBUF_INIT, before = STRBUF_INIT, after = STRBUF_INIT;
	int rc;

	if (install) {
		pg_log_image(st, table, "OLD", &before);
		pg_log_image(st, table, "NEW", &after);
		strbuf_addf(
		        &sql,
		        "CREATE OR REPLACE FUNCTION isms_change_log() RETURNS trigger "
		        "LANGUAGE plpgsql AS $f$\nBEGIN\n"
		        "IF TG_OP = 'INSERT' THEN\n"
		        "INSERT INTO change_log (tbl, op, before, after) "
		        "VALUES (TG_TABLE_NAME, 'insert', NULL, %s);\n"
		        "ELSIF TG_OP = 'UPDATE' THEN\n"
		        "INSERT INTO change_log (tbl, op, before, after) "
		        "VALUES (TG_TABLE_NAME, 'update', %s, %s);\n"
		        "ELSE\n"
		        "INSERT INTO change_log (tbl, op, before, after) "
		        "VALUES (TG_TABLE_NAME, 'delete', %s, NULL);\n"
		        "END IF;\nRETURN NULL;\nEND\n$f$;\n",
		        after.buf, before.buf, after.buf, before.buf);
	}
	strbuf_addstr(&sql, "DROP TRIGGER IF EXISTS isms_change_log ON ");
	changelog_quote(&sql, table, '"');
	strbuf_addstr(&sql, ";\n");
	if (install) {
		strbuf_addstr(&sql,
		              "CREATE TRIGGER isms_change_log AFTER INSERT OR UPDATE "
		              "OR DELETE ON ");
		changelog_quote(&sql, table, '"');
		strbuf_addstr(&sql, " FOR EACH ROW EXECUTE PROCEDURE isms_change_log();");
	}
	rc = run_simple(st, sql.buf, "installing the change log's triggers");
	strbuf_release(&sql);
	strbuf_release(&before);
	strbuf_release(&after);
	return rc;
}

const struct store_ops pg_ops = {
	.name = "postgresql",
	.pk_type = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	.bytes_type = "BYTEA",
	.sql_table_exists = "SELECT count(*) FROM pg_catalog.pg_tables "
	                    "WHERE schemaname = current_schema() AND tablename = ?",
	.sql_table_count = "SELECT count(*) FROM pg_catalog.pg_tables "
	                   "WHERE schemaname = current_schema()",
	.sql_table_names = "SELECT tablename FROM pg_catalog.pg_tables "
	                   "WHERE schemaname = current_schema() ORDER BY tablename",
	/*
	 * Two processes creating the schema of one new database at once would
	 * collide in the catalogue; this lock, released at COMMIT, queues them.
	 * The key is "isms" in ASCII.
	 */
	.sql_migration_lock = "SELECT pg_advisory_xact_lock(1769172339)",
	.sql_begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
	.open = pg_open,
	.close = pg_close,
	.exec_script = pg_exec_script,
	.query = pg_query,
	.next = pg_next,
	.text = pg_text,
	.integer = pg_integer,
	.ncolumns = pg_ncolumns,
	.column_name = pg_column_name,
	.done = pg_done,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.reset_ids = pg_reset_ids,
	.blob_put = pg_blob_put,
	.blob_read = pg_blob_read,
	.sql_columns = "SELECT attname FROM pg_catalog.pg_attribute "
	               "WHERE attrelid = to_regclass(quote_ident(?)) AND attnum > 0 "
	               "AND NOT attisdropped ORDER BY attnum",
	.sql_primary_key =
	        "SELECT a.attname FROM pg_catalog.pg_index i "
	        "JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid "
	        "AND a.attnum = ANY (i.indkey) "
	        "WHERE i.indrelid = to_regclass(quote_ident(?)) AND i.indisprimary "
	        "ORDER BY array_position(i.indkey::int2[], a.attnum)",
	/*
	 * Committers take turns appending to the chain; released at COMMIT.
	 * The key is "clog" in ASCII.
	 */
	.sql_chain_lock = "SELECT pg_advisory_xact_lock(1668050791)",
	/* The first key is "org" in ASCII. */
	.sql_org_lock = "SELECT pg_advisory_xact_lock(7303783, CAST(? AS integer))",
	/* The snapshot: which transactions' changes are visible.  Any commit
	 * of a writer changes it. */
	.sql_version = "SELECT CAST(pg_current_snapshot() AS text)",
	/*
	 * Under READ COMMITTED an entry another client committed without a
	 * block is visible too; only those this transaction inserted (its
	 * xmin) are claimed.
	 */
	.sql_claim = "UPDATE change_log SET block = ? WHERE block IS NULL AND id > ? "
	             "AND xmin::text::bigint = txid_current() % 4294967296",
	.fetch_rows = 10000,
	.log_image = pg_log_image,
	.log_triggers = pg_log_triggers,
};
