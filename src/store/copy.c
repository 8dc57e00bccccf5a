/*
 * copy.c - copying a whole store into another, whatever their backends.
 *
 * Rows travel as text: every value the schema holds is text or an integer
 * (see the migrations), and both backends turn an integer's decimal text
 * back into the same integer when the column says so.  Ids are kept, so
 * every reference between rows stays as it was.  Content (evidence files)
 * is the exception: each backend keeps it its own way, so it travels
 * through the drivers, verified against its digest on the way.
 */
/* O_TMPFILE: a temporary file that never has a name. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "store/blobdir.h"
#include "store/driver.h"

/*
 * Every table of the schema, parents before children: inserting in this
 * order satisfies the foreign keys, and deleting in the reverse order too.
 * A migration that adds a table adds it here; store_copy_check() refuses a
 * store with a table missing from this list, and the unit tests run it on
 * a store with every migration applied.
 */
static const struct copy_table {
	const char *name;
	/* A unique order, so that a copy is made the same way every time. */
	const char *order;
	/* The auto-numbered column, whose next value follows the copied ones. */
	const char *id;
	/* What a destination holding rows here holds: it is not empty. */
	const char *holds;
	/*
	 * Where a driver keeps content: known, emptied, but never copied as
	 * rows; copy_content() carries what it holds.
	 */
	bool content;
} tables[] = {
	{ "isms_meta", "key", NULL, NULL, false },
	{ "schema_migration", "version", NULL, NULL, false },
	{ "framework", "id", "id", NULL, false },
	{ "catalog_group", "id", "id", NULL, false },
	{ "catalog_item", "id", "id", NULL, false },
	{ "attribute_type", "id", "id", NULL, false },
	{ "attribute_value", "id", "id", NULL, false },
	{ "item_attribute", "item_id, value_id", NULL, NULL, false },
	{ "item_mapping", "from_item_id, to_item_id", NULL, NULL, false },
	{ "org", "id", "id", "organisations", false },
	{ "scope", "org_id", NULL, "scope statements", false },
	{ "scope_item", "id", "id", "scope items", false },
	{ "scope_interface", "id", "id", "scope interfaces", false },
	{ "assessment", "id", "id", "gap assessments", false },
	{ "assessment_item", "assessment_id, item_id", NULL, "gap assessment results",
	  false },
	{ "blob", "sha256", NULL, "evidence content", false },
	{ "blob_chunk", "sha256, seq", NULL, NULL, true },
	{ "evidence", "id", "id", "evidence", false },
	{ "gap_evidence_link", "assessment_id, item_id, evidence_id", NULL,
	  "evidence links", false },
	{ "remediation_action", "assessment_id, item_id", NULL, "remediation actions",
	  false },
	{ "asset", "id", "id", "assets", false },
	{ "data_flow", "id", "id", "data flows", false },
	{ "risk_method", "org_id", NULL, "risk methods", false },
	{ "risk_method_change", "org_id, version", NULL, "risk method changes", false },
	{ "risk", "id", "id", "risks", false },
	{ "risk_asset", "risk_id, asset_id", NULL, NULL, false },
	{ "risk_control", "risk_id, ref", NULL, NULL, false },
	{ "treatment_action", "id", "id", "treatment actions", false },
	{ "treatment_plan_approval", "id", "id", "treatment plan approvals", false },
	{ "soa_decision", "org_id, ref", NULL, "SoA decisions", false },
	{ "soa_version", "id", "id", "approved SoA versions", false },
	{ "soa_version_row", "version_id, ref", NULL, NULL, false },
	/* Before the people linked to them. */
	{ "app_user", "id", "id", "users", false },
	{ "person", "id", "id", "people", false },
	{ "competence", "id", "id", "competence records", false },
	{ "responsibility", "person_id, ref, role", NULL, "responsibilities", false },
	{ "audit_programme", "org_id, cycle", NULL, "audit programmes", false },
	{ "audit", "id", "id", "internal audits", false },
	{ "audit_scope", "audit_id, ref", NULL, "audit scopes", false },
	{ "audit_member", "audit_id, person_id", NULL, "audit team members", false },
	{ "audit_document", "audit_id, seq", NULL, "audit documents", false },
	{ "audit_test", "audit_id, ref, test_type", NULL, "audit checklist tests",
	  false },
	{ "audit_test_evidence", "audit_id, ref, test_type, evidence_id", NULL,
	  "audit evidence links", false },
	{ "audit_report", "audit_id, version", NULL, "issued audit reports", false },
	{ "capa", "id", "id", "corrective actions", false },
	{ "review", "id", "id", "management reviews", false },
	{ "review_output", "id", "id", "management review outputs", false },
	{ "certification", "org_id", NULL, "certification records", false },
	/* The change log travels as it is, so that the copy verifies alike. */
	{ "change_block", "seq", NULL, NULL, false },
	{ "change_log", "id", "id", NULL, false },
	{ "app_user_org", "user_id, org_id", NULL, NULL, false },
	{ "api_token", "id", "id", "API tokens", false },
	{ "session", "id", "id", NULL, false },
	{ "setup_token", "id", NULL, NULL, false },
};

#define NTABLES (sizeof(tables) / sizeof(tables[0]))

static const struct copy_table *find_table(const char *name)
{
	for (size_t i = 0; i < NTABLES; i++)
		if (!strcmp(tables[i].name, name))
			return &tables[i];
	return NULL;
}

int store_copy_check(struct store *st)
{
	struct db_rows *rows;
	size_t known = 0;
	int rc = st->ops->query(st, st->ops->sql_table_names, SQL_NOARGS, &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		const char *name = st->ops->text(rows, 0);

		if (!name || !find_table(name)) {
			rc = error_set(E_SCHEMA,
			               "%s holds a table '%s' that isms cannot copy",
			               st->target, name ? name : "");
			break;
		}
		known++;
	}
	st->ops->done(rows);
	if (rc < 0)
		return rc;
	if (known != NTABLES)
		return error_set(E_SCHEMA, "%s lacks %zu of the tables of an isms store",
		                 st->target, NTABLES - known);
	return 0;
}

/* Column names come from the database: only plain ones go into SQL. */
static int plain_name(const char *s)
{
	if (!s || !*s || (*s >= '0' && *s <= '9'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/*
 * The INSERT for a table's rows, from the source's columns, after checking
 * that the destination has the very same ones.
 */
static int insert_sql(struct store *from, struct db_rows *src, struct store *to,
                      const struct copy_table *t, struct strbuf *sql)
{
	struct strbuf q = STRBUF_INIT;
	struct db_rows *dst;
	int ncols = from->ops->ncolumns(src);
	int rc;

	strbuf_addf(&q, "SELECT * FROM %s WHERE 1 = 0", t->name);
	rc = to->ops->query(to, q.buf, SQL_NOARGS, &dst);
	strbuf_release(&q);
	if (rc)
		return rc;
	if (to->ops->ncolumns(dst) != ncols)
		rc = error_set(E_SCHEMA, "table %s differs between %s and %s", t->name,
		               from->target, to->target);
	strbuf_addf(sql, "INSERT INTO %s (", t->name);
	for (int i = 0; !rc && i < ncols; i++) {
		const char *name = from->ops->column_name(src, i);

		if (!plain_name(name) || strcmp(name, to->ops->column_name(dst, i)))
			rc = error_set(E_SCHEMA, "table %s differs between %s and %s",
			               t->name, from->target, to->target);
		else
			strbuf_addf(sql, "%s%s", i ? ", " : "", name);
	}
	to->ops->done(dst);
	strbuf_addstr(sql, ") VALUES (");
	for (int i = 0; i < ncols; i++)
		strbuf_addstr(sql, i ? ", ?" : "?");
	strbuf_addch(sql, ')');
	return rc;
}

static int copy_table(struct store *from, struct store *to, const struct copy_table *t,
                      size_t *count)
{
	struct strbuf select = STRBUF_INIT, insert = STRBUF_INIT;
	struct sql_arg *args = NULL;
	struct db_rows *rows;
	int ncols = 0, rc;

	strbuf_addf(&select, "SELECT * FROM %s ORDER BY %s", t->name, t->order);
	rc = from->ops->query(from, select.buf, SQL_NOARGS, &rows);
	strbuf_release(&select);
	if (rc)
		return rc;
	rc = insert_sql(from, rows, to, t, &insert);
	if (!rc) {
		ncols = from->ops->ncolumns(rows);
		args = xcalloc((size_t)ncols + 1, sizeof(*args));
	}
	while (!rc && (rc = from->ops->next(rows)) > 0) {
		/* A NULL stays NULL; everything else goes as its text. */
		for (int i = 0; i < ncols; i++)
			args[i] = ARG_TEXT(from->ops->text(rows, i));
		rc = db_exec(to, insert.buf, args, (size_t)ncols);
		if (!rc)
			(*count)++;
	}
	from->ops->done(rows);
	free(args);
	strbuf_release(&insert);
	if (rc < 0)
		return error_wrap("copying table %s", t->name);
	if (t->id && to->ops->reset_ids)
		rc = to->ops->reset_ids(to, t->name, t->id);
	return rc;
}

/* The destination may hold a catalogue (isms init), but no records. */
static int check_empty(struct store *to)
{
	for (size_t i = 0; i < NTABLES; i++) {
		struct strbuf sql = STRBUF_INIT;
		int64_t n = 0;
		int rc;

		if (!tables[i].holds)
			continue;
		strbuf_addf(&sql, "SELECT count(*) FROM %s", tables[i].name);
		rc = db_int(to, sql.buf, SQL_NOARGS, &n);
		strbuf_release(&sql);
		if (rc < 0)
			return rc;
		if (n > 0)
			return error_set(
			        E_CONFLICT,
			        "%s is not empty: it already holds %s; copy into "
			        "a new or empty store",
			        to->target, tables[i].holds);
	}
	return 0;
}

/* A sink that appends to the spool file. */
static int spool_write(void *ctx, const void *data, size_t len)
{
	if (blob_write_full(*(const int *)ctx, data, len))
		return error_set(E_IO, "cannot write a temporary file: %s",
		                 strerror(errno));
	return 0;
}

/* An empty temporary file without a name: it goes when it is closed. */
static int spool_open(int *fd)
{
	const char *dir = getenv("TMPDIR");

	if (!dir || !*dir)
		dir = "/tmp";
	*fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (*fd < 0)
		return error_set(E_IO, "cannot create a temporary file in %s: %s", dir,
		                 strerror(errno));
	return 0;
}

static int spool_rewind(int fd, int truncate)
{
	if ((truncate && ftruncate(fd, 0) != 0) || lseek(fd, 0, SEEK_SET) != 0)
		return error_set(E_IO, "cannot use a temporary file: %s",
		                 strerror(errno));
	return 0;
}

/*
 * The content of every blob row copied, one at a time: read from the
 * source (which checks it against its digest) into a temporary file, then
 * stored by the destination (which hashes it again).  The source pushes
 * to a sink and the destination pulls from a file descriptor; the file
 * joins the two with bounded memory, whatever the size.
 */
static int copy_content(struct store *from, struct store *to)
{
	struct db_rows *rows;
	int fd = -1;
	int rc = from->ops->query(from, "SELECT sha256, size FROM blob ORDER BY sha256",
	                          SQL_NOARGS, &rows);

	if (rc)
		return rc;
	while ((rc = from->ops->next(rows)) > 0) {
		char *sha = db_strdup(from, rows, 0);
		int64_t size = from->ops->integer(rows, 1), got_size = 0;
		char got[SHA256_HEX_LEN + 1];

		rc = sha ? 0
		         : error_set(E_SCHEMA, "%s holds content without a digest",
		                     from->target);
		if (!rc && fd < 0)
			rc = spool_open(&fd);
		if (!rc)
			rc = spool_rewind(fd, 1);
		if (!rc)
			rc = from->ops->blob_read(from, sha, size, spool_write, &fd);
		if (!rc)
			rc = spool_rewind(fd, 0);
		if (!rc)
			rc = to->ops->blob_put(to, fd, got, &got_size);
		/* Changed on the way: what arrived is not what was sent. */
		if (!rc && (strcmp(got, sha) || got_size != size))
			rc = blob_damaged(sha);
		free(sha);
		if (rc)
			break;
	}
	from->ops->done(rows);
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		return error_wrap("copying evidence content");
	return 0;
}

static int copy_all(struct store *from, struct store *to, size_t *count)
{
	int rc = check_empty(to);

	/*
	 * The copy's own deletes and inserts are no changes to log: the
	 * source's log comes along instead.  Without the triggers for the
	 * length of the copy (DDL is transactional on both backends, so a
	 * failure puts them back), and back after it.
	 */
	if (!rc && to->log_ready)
		rc = changelog_triggers_all(to, false);

	/* Out with what migrating and 'isms init' put there, children first. */
	for (size_t i = 0; !rc && i < NTABLES; i++) {
		struct strbuf sql = STRBUF_INIT;

		strbuf_addf(&sql, "DELETE FROM %s", tables[NTABLES - 1 - i].name);
		rc = db_exec(to, sql.buf, SQL_NOARGS);
		strbuf_release(&sql);
	}
	for (size_t i = 0; !rc && i < NTABLES; i++)
		if (!tables[i].content)
			rc = copy_table(from, to, &tables[i], count);
	if (!rc)
		rc = copy_content(from, to);
	if (!rc && to->log_ready)
		rc = changelog_triggers_all(to, true);
	/*
	 * Nothing is chained at this commit: entries the source holds without
	 * a block stay so, and 'isms verify' names them in the copy too.
	 */
	if (!rc && to->log_ready)
		rc = changelog_begin(to);
	return rc;
}

int store_copy(struct store *from, struct store *to, size_t *rows)
{
	int vfrom = 0, vto = 0, rc;
	size_t count = 0;

	if (!strcmp(from->target, to->target))
		return error_set(E_USAGE, "cannot copy %s onto itself", from->target);
	rc = store_begin_read(from);
	if (rc)
		return rc;
	rc = store_copy_check(from);
	if (!rc)
		rc = store_schema_version(from, &vfrom);
	if (!rc)
		rc = store_schema_version(to, &vto);
	if (!rc && vfrom != vto)
		rc = error_set(E_SCHEMA,
		               "%s has schema version %d but %s has %d; both must be "
		               "the same",
		               from->target, vfrom, to->target, vto);
	if (!rc) {
		rc = store_begin(to);
		if (!rc)
			rc = store_end(to, copy_all(from, to, &count));
	}
	rc = store_end(from, rc);
	if (!rc && rows)
		*rows = count;
	return rc;
}
