/*
 * audit.c - the internal audit in the store: the audit programme, audits
 * with their scope, team, documents, checklist, fieldwork and issued
 * reports, the corrective actions nonconformities open, and management
 * reviews.
 *
 * A nonconformity and its corrective action are written in the same
 * transaction, so that no finding is ever without its action.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/error.h"
#include "core/xalloc.h"
#include "store/driver.h"

/* ---- helpers ---- */

/*
 * Move the first element of a loaded list (n elements of `size` at v)
 * into out, leaving a zeroed element for the list's release.
 */
static bool take_first(void *v, size_t n, size_t size, void *out)
{
	if (!n)
		return false;
	memcpy(out, v, size);
	memset(v, 0, size);
	return true;
}

/* The id of the organisation's evidence with that digest. */
static int evidence_id(struct store *st, int64_t org_id, const char *sha, int64_t *id)
{
	struct evidence e;
	int rc = store_evidence_get(st, org_id, sha, &e);

	if (!rc)
		*id = e.id;
	evidence_release(&e);
	return rc;
}

static int no_audit(int64_t id)
{
	return error_set(E_NOTFOUND, "no audit %lld (see 'isms audit list')",
	                 (long long)id);
}

/* E_NOTFOUND unless the audit exists (in the organisation, when not 0). */
static int audit_check(struct store *st, int64_t org_id, int64_t id)
{
	int64_t n = 0;
	int rc = db_int(
	        st, "SELECT count(*) FROM audit WHERE id = ? AND (? = 0 OR org_id = ?)",
	        SQL_ARGS(ARG_INT(id), ARG_INT(org_id), ARG_INT(org_id)), &n);

	if (rc < 0)
		return rc;
	return n ? 0 : no_audit(id);
}

/* ---- the audit programme ---- */

int store_programme_get(struct store *st, int64_t org_id, int cycle,
                        struct audit_programme *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st,
	                        "SELECT interval_months, size_complexity, legal, "
	                        "rate_of_change, risk_results, previous_results, "
	                        "updated_at FROM audit_programme "
	                        "WHERE org_id = ? AND cycle = ?",
	                        SQL_ARGS(ARG_INT(org_id), ARG_INT(cycle)), &rows);

	memset(out, 0, sizeof(*out));
	out->cycle = cycle;
	out->interval_months = 12;
	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0) {
		out->interval_months = (int)st->ops->integer(rows, 0);
		out->size_complexity = db_strdup(st, rows, 1);
		out->legal = db_strdup(st, rows, 2);
		out->rate_of_change = db_strdup(st, rows, 3);
		out->risk_results = db_strdup(st, rows, 4);
		out->previous_results = db_strdup(st, rows, 5);
		out->updated_at = db_strdup(st, rows, 6);
	}
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

int store_programme_put(struct store *st, int64_t org_id, const struct audit_programme *p)
{
	char now[32];
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (!rc)
		rc = db_exec(
		        st,
		        "INSERT INTO audit_programme (org_id, cycle, interval_months, "
		        "size_complexity, legal, rate_of_change, risk_results, "
		        "previous_results, updated_at) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
		        "ON CONFLICT (org_id, cycle) DO UPDATE SET "
		        "interval_months = excluded.interval_months, "
		        "size_complexity = excluded.size_complexity, "
		        "legal = excluded.legal, "
		        "rate_of_change = excluded.rate_of_change, "
		        "risk_results = excluded.risk_results, "
		        "previous_results = excluded.previous_results, "
		        "updated_at = excluded.updated_at",
		        SQL_ARGS(ARG_INT(org_id), ARG_INT(p->cycle),
		                 ARG_INT(p->interval_months),
		                 ARG_TEXT(p->size_complexity), ARG_TEXT(p->legal),
		                 ARG_TEXT(p->rate_of_change), ARG_TEXT(p->risk_results),
		                 ARG_TEXT(p->previous_results), ARG_TEXT(now)));
	return store_end(st, rc);
}

/* ---- loading audits ---- */

#define AUDIT_COLUMNS                                                     \
	"a.id, a.org_id, a.title, a.objectives, a.criteria, a.sampling, " \
	"a.auditees, a.start_on, a.end_on, a.status, a.closed_on, "       \
	"a.classification, a.distribution, a.created_at, a.updated_at "   \
	"FROM audit a "

/* Every audit of the organisation (only 0) or the one with that id. */
#define AUDIT_WHERE "a.org_id = ? AND (? = 0 OR a.id = ?)"
#define AUDIT_ARGS(org_id, only) ARG_INT(org_id), ARG_INT(only), ARG_INT(only)

/* Catalogue items are those of the default framework (one parameter). */
#define ITEM_OF_FRAMEWORK "i.framework_id = (SELECT id FROM framework WHERE code = ?) "
/* Catalogue order, then what the catalogue does not hold by name. */
#define ITEM_ORDER "CASE WHEN i.position IS NULL THEN 1 ELSE 0 END, i.position, "

static void audit_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct audit_list *l = ctx;
	struct audit *a;

	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	a = &l->v[l->n++];
	memset(a, 0, sizeof(*a));
	a->id = st->ops->integer(rows, 0);
	a->org_id = st->ops->integer(rows, 1);
	a->title = db_strdup(st, rows, 2);
	a->objectives = db_strdup(st, rows, 3);
	a->criteria = db_strdup(st, rows, 4);
	a->sampling = db_strdup(st, rows, 5);
	a->auditees = db_strdup(st, rows, 6);
	a->start_on = db_strdup(st, rows, 7);
	a->end_on = db_strdup(st, rows, 8);
	audit_status_parse(st->ops->text(rows, 9), &a->status);
	a->closed_on = db_strdup(st, rows, 10);
	a->classification = db_strdup(st, rows, 11);
	a->distribution = db_strdup(st, rows, 12);
	a->created_at = db_strdup(st, rows, 13);
	a->updated_at = db_strdup(st, rows, 14);
}

static struct audit *audit_by_id(struct audit_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

static void scope_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct audit *a = audit_by_id(ctx, st->ops->integer(rows, 0));

	if (!a)
		return;
	ALLOC_GROW(a->scope, a->nscope + 1, a->alloc_scope);
	a->scope[a->nscope++] = db_strdup(st, rows, 1);
}

static void member_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct audit *a = audit_by_id(ctx, st->ops->integer(rows, 0));
	struct audit_member *m;

	if (!a)
		return;
	ALLOC_GROW(a->members, a->nmembers + 1, a->alloc_members);
	m = &a->members[a->nmembers++];
	memset(m, 0, sizeof(*m));
	m->person_id = st->ops->integer(rows, 1);
	m->name = db_strdup(st, rows, 2);
	m->lead = st->ops->integer(rows, 3) != 0;
	m->conflict = db_strdup(st, rows, 4);
	m->override = db_strdup(st, rows, 5);
}

static int audits_load(struct store *st, int64_t org_id, int64_t only,
                       struct audit_list *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_each(st,
	             "SELECT " AUDIT_COLUMNS "WHERE " AUDIT_WHERE
	             " ORDER BY a.start_on, a.id",
	             SQL_ARGS(AUDIT_ARGS(org_id, only)), audit_row, out);
	if (!rc && out->n)
		rc = db_each(
		        st,
		        "SELECT s.audit_id, s.ref FROM audit_scope s "
		        "JOIN audit a ON a.id = s.audit_id "
		        "LEFT JOIN catalog_item i ON i.ref = s.ref AND " ITEM_OF_FRAMEWORK
		        "WHERE " AUDIT_WHERE " ORDER BY s.audit_id, " ITEM_ORDER "s.ref",
		        SQL_ARGS(ARG_TEXT(CATALOG_DEFAULT_FRAMEWORK),
		                 AUDIT_ARGS(org_id, only)),
		        scope_row, out);
	if (!rc && out->n)
		rc = db_each(
		        st,
		        "SELECT m.audit_id, m.person_id, p.name, m.lead, m.conflict, "
		        "m.override FROM audit_member m "
		        "JOIN audit a ON a.id = m.audit_id "
		        "JOIN person p ON p.id = m.person_id WHERE " AUDIT_WHERE
		        " ORDER BY m.audit_id, m.lead DESC, lower(p.name), p.id",
		        SQL_ARGS(AUDIT_ARGS(org_id, only)), member_row, out);
	if (rc)
		audit_list_release(out);
	return rc;
}

static void document_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct audit *a = ctx;
	struct audit_document *d;

	ALLOC_GROW(a->documents, a->ndocuments + 1, a->alloc_documents);
	d = &a->documents[a->ndocuments++];
	d->seq = (int)st->ops->integer(rows, 0);
	d->title = db_strdup(st, rows, 1);
	d->evidence = db_strdup(st, rows, 2);
}

#define TEST_COLUMNS                                                              \
	"t.ref, t.test_type, coalesce(i.title, t.ref), coalesce(g.code, ''), "    \
	"coalesce(g.title, ''), i.kind, t.step, t.expected, t.result, t.method, " \
	"t.nc_kind, t.population, t.sample_size, t.sample_items, t.note, "        \
	"t.recorded_at, coalesce(c.id, 0) "

static void test_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct audit *a = ctx;
	struct audit_test *t;
	const char *kind = st->ops->text(rows, 5);

	ALLOC_GROW(a->tests, a->ntests + 1, a->alloc_tests);
	t = &a->tests[a->ntests++];
	memset(t, 0, sizeof(*t));
	t->ref = db_strdup(st, rows, 0);
	test_type_parse(st->ops->text(rows, 1), &t->type);
	t->title = db_strdup(st, rows, 2);
	t->group = db_strdup(st, rows, 3);
	t->group_title = db_strdup(st, rows, 4);
	t->is_clause = kind && !strcmp(kind, "clause");
	t->step = db_strdup(st, rows, 6);
	t->expected = db_strdup(st, rows, 7);
	t->result = RESULT_NONE;
	if (st->ops->text(rows, 8))
		audit_result_parse(st->ops->text(rows, 8), &t->result);
	t->method = METHOD_NONE;
	if (st->ops->text(rows, 9))
		audit_method_parse(st->ops->text(rows, 9), &t->method);
	t->nc = NC_NONE;
	if (st->ops->text(rows, 10))
		nc_kind_parse(st->ops->text(rows, 10), &t->nc);
	t->population = db_strdup(st, rows, 11);
	t->sample_size = st->ops->text(rows, 12) ? (int)st->ops->integer(rows, 12) : -1;
	t->sample_items = db_strdup(st, rows, 13);
	t->note = db_strdup(st, rows, 14);
	t->recorded_at = db_strdup(st, rows, 15);
	t->capa_id = st->ops->integer(rows, 16);
}

static struct audit_test *test_find(struct audit *a, const char *ref, const char *type)
{
	enum test_type tt;

	if (!ref || !type || test_type_parse(type, &tt))
		return NULL;
	for (size_t i = 0; i < a->ntests; i++)
		if (a->tests[i].type == tt && !strcmp(a->tests[i].ref, ref))
			return &a->tests[i];
	return NULL;
}

static void test_evidence_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct audit_test *t =
	        test_find(ctx, st->ops->text(rows, 0), st->ops->text(rows, 1));
	struct audit_evidence *e;
	const char *sha = st->ops->text(rows, 2);

	if (!t)
		return;
	ALLOC_GROW(t->evidence, t->nevidence + 1, t->alloc_evidence);
	e = &t->evidence[t->nevidence++];
	memset(e, 0, sizeof(*e));
	snprintf(e->sha256, sizeof(e->sha256), "%s", sha ? sha : "");
	e->title = db_strdup(st, rows, 3);
	e->kind = EV_OTHER;
	evidence_kind_parse(st->ops->text(rows, 4), &e->kind);
	e->origin = ORIGIN_ORGANISATION;
	evidence_origin_parse(st->ops->text(rows, 5), &e->origin);
	e->filename = db_strdup(st, rows, 6);
}

static void report_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct audit *a = ctx;
	struct audit_report_version *v;
	const char *sha;

	ALLOC_GROW(a->reports, a->nreports + 1, a->alloc_reports);
	v = &a->reports[a->nreports++];
	memset(v, 0, sizeof(*v));
	v->version = (int)st->ops->integer(rows, 0);
	v->issued_by = db_strdup(st, rows, 1);
	v->issued_on = db_strdup(st, rows, 2);
	v->reason = db_strdup(st, rows, 3);
	sha = st->ops->text(rows, 4);
	snprintf(v->md, sizeof(v->md), "%s", sha ? sha : "");
	sha = st->ops->text(rows, 5);
	snprintf(v->html, sizeof(v->html), "%s", sha ? sha : "");
	sha = st->ops->text(rows, 6);
	snprintf(v->json, sizeof(v->json), "%s", sha ? sha : "");
}

/* The documents, checklist with fieldwork, and reports of one audit. */
static int audit_details(struct store *st, struct audit *a)
{
	int rc = db_each(st,
	                 "SELECT d.seq, d.title, e.sha256 FROM audit_document d "
	                 "LEFT JOIN evidence e ON e.id = d.evidence_id "
	                 "WHERE d.audit_id = ? ORDER BY d.seq",
	                 SQL_ARGS(ARG_INT(a->id)), document_row, a);

	if (!rc)
		rc = db_each(
		        st,
		        "SELECT " TEST_COLUMNS "FROM audit_test t "
		        "LEFT JOIN catalog_item i ON i.ref = t.ref AND " ITEM_OF_FRAMEWORK
		        "LEFT JOIN catalog_group g ON g.id = i.group_id "
		        "LEFT JOIN capa c ON c.audit_id = t.audit_id AND "
		        "c.ref = t.ref AND c.test_type = t.test_type "
		        "WHERE t.audit_id = ? ORDER BY " ITEM_ORDER "t.ref, "
		        "CASE t.test_type WHEN 'compliance' THEN 0 ELSE 1 END",
		        SQL_ARGS(ARG_TEXT(CATALOG_DEFAULT_FRAMEWORK), ARG_INT(a->id)),
		        test_row, a);
	if (!rc && a->ntests)
		rc = db_each(st,
		             "SELECT te.ref, te.test_type, e.sha256, e.title, e.kind, "
		             "e.origin, e.filename FROM audit_test_evidence te "
		             "JOIN evidence e ON e.id = te.evidence_id "
		             "WHERE te.audit_id = ? "
		             "ORDER BY te.ref, te.test_type, e.added_at, e.id",
		             SQL_ARGS(ARG_INT(a->id)), test_evidence_row, a);
	if (!rc)
		rc = db_each(st,
		             "SELECT version, issued_by, issued_on, reason, md_sha256, "
		             "html_sha256, json_sha256 FROM audit_report "
		             "WHERE audit_id = ? ORDER BY version",
		             SQL_ARGS(ARG_INT(a->id)), report_row, a);
	return rc;
}

int store_audit_list(struct store *st, int64_t org_id, struct audit_list *out)
{
	return audits_load(st, org_id, 0, out);
}

int store_audit_get(struct store *st, int64_t org_id, int64_t id, struct audit *out)
{
	struct audit_list l;
	bool found = false;
	int rc;

	memset(out, 0, sizeof(*out));
	if (id <= 0)
		return no_audit(id);
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = audits_load(st, org_id, id, &l);
	if (!rc) {
		found = take_first(l.v, l.n, sizeof(*out), out);
		audit_list_release(&l);
	}
	if (!rc && found)
		rc = audit_details(st, out);
	if (rc)
		audit_release(out);
	/* Not finding it fails neither the snapshot nor a transaction around it. */
	rc = store_end(st, rc);
	return rc || found ? rc : no_audit(id);
}

/* ---- writing audits ---- */

static int scope_write(struct store *st, const struct audit *a)
{
	int rc = db_exec(st, "DELETE FROM audit_scope WHERE audit_id = ?",
	                 SQL_ARGS(ARG_INT(a->id)));

	for (size_t i = 0; !rc && i < a->nscope; i++)
		rc = db_exec(st,
		             "INSERT INTO audit_scope (audit_id, ref) VALUES (?, ?) "
		             "ON CONFLICT DO NOTHING",
		             SQL_ARGS(ARG_INT(a->id), ARG_TEXT(a->scope[i])));
	return rc;
}

/* Documents keep their seq; those without one follow the last. */
static int documents_write(struct store *st, int64_t org_id, const struct audit *a)
{
	int rc = db_exec(st, "DELETE FROM audit_document WHERE audit_id = ?",
	                 SQL_ARGS(ARG_INT(a->id)));
	int last = 0;

	for (size_t i = 0; !rc && i < a->ndocuments; i++) {
		const struct audit_document *d = &a->documents[i];
		int seq = d->seq > 0 ? d->seq : last + 1;
		int64_t ev = 0;

		last = seq > last ? seq : last;
		if (d->evidence)
			rc = evidence_id(st, org_id, d->evidence, &ev);
		if (!rc)
			rc = db_exec(st,
			             "INSERT INTO audit_document (audit_id, seq, title, "
			             "evidence_id) VALUES (?, ?, ?, ?)",
			             SQL_ARGS(ARG_INT(a->id), ARG_INT(seq),
			                      ARG_TEXT(d->title), ARG_ID(ev)));
	}
	return rc;
}

static bool audit_has_test(const struct audit *a, const char *ref, const char *type)
{
	for (size_t i = 0; i < a->ntests; i++)
		if (!strcmp(a->tests[i].ref, ref) &&
		    !strcmp(test_type_name(a->tests[i].type), type))
			return true;
	return false;
}

/* The stored tests that a no longer has: ref and type, one after the other. */
struct dropped {
	const struct audit *a;
	char **v;
	size_t n, alloc;
};

static void dropped_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct dropped *d = ctx;
	const char *ref = st->ops->text(rows, 0), *type = st->ops->text(rows, 1);

	if (!ref || !type || audit_has_test(d->a, ref, type))
		return;
	ALLOC_GROW(d->v, d->n + 2, d->alloc);
	d->v[d->n++] = xstrdup(ref);
	d->v[d->n++] = xstrdup(type);
}

/* Add the tests of a that are not stored; drop those it no longer has. */
static int tests_write(struct store *st, const struct audit *a)
{
	struct dropped d = { .a = a };
	int rc = 0;

	for (size_t i = 0; !rc && i < a->ntests; i++) {
		const struct audit_test *t = &a->tests[i];

		rc = db_exec(st,
		             "INSERT INTO audit_test (audit_id, ref, test_type, step, "
		             "expected) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
		             SQL_ARGS(ARG_INT(a->id), ARG_TEXT(t->ref),
		                      ARG_TEXT(test_type_name(t->type)),
		                      ARG_TEXT(t->step), ARG_TEXT(t->expected)));
	}
	if (!rc)
		rc = db_each(st,
		             "SELECT ref, test_type FROM audit_test WHERE audit_id = ?",
		             SQL_ARGS(ARG_INT(a->id)), dropped_row, &d);
	/* Their evidence links go with them (ON DELETE CASCADE). */
	for (size_t i = 0; !rc && i < d.n; i += 2)
		rc = db_exec(
		        st,
		        "DELETE FROM audit_test WHERE audit_id = ? AND ref = ? "
		        "AND test_type = ?",
		        SQL_ARGS(ARG_INT(a->id), ARG_TEXT(d.v[i]), ARG_TEXT(d.v[i + 1])));
	for (size_t i = 0; i < d.n; i++)
		free(d.v[i]);
	free(d.v);
	return rc;
}

static int audit_children_write(struct store *st, int64_t org_id, const struct audit *a)
{
	int rc = scope_write(st, a);

	if (!rc)
		rc = documents_write(st, org_id, a);
	if (!rc)
		rc = tests_write(st, a);
	return rc;
}

int store_audit_add(struct store *st, int64_t org_id, struct audit *a)
{
	char now[32];
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st,
	            "INSERT INTO audit (org_id, title, objectives, criteria, sampling, "
	            "auditees, start_on, end_on, status, classification, "
	            "distribution, created_at, updated_at) "
	            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?, ?, ?) RETURNING id",
	            SQL_ARGS(ARG_INT(org_id), ARG_TEXT(a->title), ARG_TEXT(a->objectives),
	                     ARG_TEXT(a->criteria), ARG_TEXT(a->sampling),
	                     ARG_TEXT(a->auditees), ARG_TEXT(a->start_on),
	                     ARG_TEXT(a->end_on), ARG_TEXT(a->classification),
	                     ARG_TEXT(a->distribution), ARG_TEXT(now), ARG_TEXT(now)),
	            &a->id);
	if (rc > 0)
		rc = audit_children_write(st, org_id, a);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_audit_update(struct store *st, int64_t org_id, const struct audit *a)
{
	char now[32];
	int64_t id = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st,
	            "UPDATE audit SET title = ?, objectives = ?, criteria = ?, "
	            "sampling = ?, auditees = ?, start_on = ?, end_on = ?, status = ?, "
	            "closed_on = ?, classification = ?, distribution = ?, "
	            "updated_at = ? WHERE org_id = ? AND id = ? RETURNING id",
	            SQL_ARGS(ARG_TEXT(a->title), ARG_TEXT(a->objectives),
	                     ARG_TEXT(a->criteria), ARG_TEXT(a->sampling),
	                     ARG_TEXT(a->auditees), ARG_TEXT(a->start_on),
	                     ARG_TEXT(a->end_on), ARG_TEXT(audit_status_name(a->status)),
	                     ARG_TEXT(a->closed_on), ARG_TEXT(a->classification),
	                     ARG_TEXT(a->distribution), ARG_TEXT(now), ARG_INT(org_id),
	                     ARG_INT(a->id)),
	            &id);
	if (rc == 0)
		rc = no_audit(a->id);
	if (rc > 0)
		rc = audit_children_write(st, org_id, a);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_audit_member_put(struct store *st, int64_t audit_id,
                           const struct audit_member *m)
{
	char now[32];
	int64_t n = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = audit_check(st, 0, audit_id);
	if (!rc)
		rc = db_int(st,
		            "SELECT count(*) FROM person p JOIN audit a ON a.org_id = "
		            "p.org_id WHERE a.id = ? AND p.id = ?",
		            SQL_ARGS(ARG_INT(audit_id), ARG_INT(m->person_id)), &n);
	if (rc >= 0 && !n)
		rc = error_set(E_NOTFOUND,
		               "no person %lld in the organisation of audit %lld",
		               (long long)m->person_id, (long long)audit_id);
	if (rc >= 0 && m->lead)
		rc = db_exec(st,
		             "UPDATE audit_member SET lead = 0 WHERE audit_id = ? AND "
		             "person_id <> ?",
		             SQL_ARGS(ARG_INT(audit_id), ARG_INT(m->person_id)));
	if (rc >= 0)
		rc = db_exec(
		        st,
		        "INSERT INTO audit_member (audit_id, person_id, lead, conflict, "
		        "override, assigned_at) VALUES (?, ?, ?, ?, ?, ?) "
		        "ON CONFLICT (audit_id, person_id) DO UPDATE SET "
		        "lead = excluded.lead, conflict = excluded.conflict, "
		        "override = excluded.override",
		        SQL_ARGS(ARG_INT(audit_id), ARG_INT(m->person_id),
		                 ARG_BOOL(m->lead), ARG_TEXT(m->conflict),
		                 ARG_TEXT(m->override), ARG_TEXT(now)));
	return store_end(st, rc < 0 ? rc : 0);
}

int store_audit_member_remove(struct store *st, int64_t audit_id, int64_t person_id)
{
	int64_t gone = 0;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = audit_check(st, 0, audit_id);
	if (!rc)
		rc = db_int(
		        st,
		        "DELETE FROM audit_member WHERE audit_id = ? AND person_id = ? "
		        "RETURNING person_id",
		        SQL_ARGS(ARG_INT(audit_id), ARG_INT(person_id)), &gone);
	if (rc == 0)
		rc = error_set(E_NOTFOUND, "person %lld is not on the team of audit %lld",
		               (long long)person_id, (long long)audit_id);
	return store_end(st, rc < 0 ? rc : 0);
}

/* ---- fieldwork ---- */

/* The corrective action a test opened: its id (0: none) and status. */
static int test_capa_get(struct store *st, int64_t audit_id, const struct audit_test *t,
                         int64_t *id, char status[32])
{
	struct db_rows *rows;
	int rc = st->ops->query(st,
	                        "SELECT id, status FROM capa WHERE audit_id = ? AND "
	                        "ref = ? AND test_type = ?",
	                        SQL_ARGS(ARG_INT(audit_id), ARG_TEXT(t->ref),
	                                 ARG_TEXT(test_type_name(t->type))),
	                        &rows);

	*id = 0;
	status[0] = '\0';
	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0) {
		const char *s = st->ops->text(rows, 1);

		*id = st->ops->integer(rows, 0);
		snprintf(status, 32, "%s", s ? s : "");
	}
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

static int capa_open(struct store *st, int64_t org_id, int64_t audit_id,
                     const struct audit_test *t, const char *now, int64_t *capa_id)
{
	int rc = db_int(st,
	                "INSERT INTO capa (org_id, audit_id, ref, test_type, severity, "
	                "nc_kind, description, status, created_at, updated_at) "
	                "VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id",
	                SQL_ARGS(ARG_INT(org_id), ARG_INT(audit_id), ARG_TEXT(t->ref),
	                         ARG_TEXT(test_type_name(t->type)),
	                         ARG_TEXT(audit_result_name(t->result)),
	                         ARG_TEXT(nc_kind_name(t->nc)), ARG_TEXT(t->note),
	                         ARG_TEXT(now), ARG_TEXT(now)),
	                capa_id);

	return rc < 0 ? rc : 0;
}

/*
 * Keep the test's corrective action in step with its result: a
 * nonconformity opens one or updates the open one; any other result
 * deletes it while open and is refused once work on it began.
 */
static int test_capa_sync(struct store *st, int64_t org_id, int64_t audit_id,
                          const struct audit_test *t, const char *now, int64_t *capa_id)
{
	bool nc = audit_result_is_nc(t->result), open;
	char status[32];
	int rc = test_capa_get(st, audit_id, t, capa_id, status);

	if (rc)
		return rc;
	open = *capa_id && !strcmp(status, capa_status_name(CAPA_OPEN));
	if (nc && !*capa_id)
		return capa_open(st, org_id, audit_id, t, now, capa_id);
	if (nc && open)
		return db_exec(
		        st,
		        "UPDATE capa SET severity = ?, nc_kind = ?, description = ?, "
		        "updated_at = ? WHERE id = ?",
		        SQL_ARGS(ARG_TEXT(audit_result_name(t->result)),
		                 ARG_TEXT(nc_kind_name(t->nc)), ARG_TEXT(t->note),
		                 ARG_TEXT(now), ARG_INT(*capa_id)));
	if (nc || !*capa_id)
		return 0;
	if (!open)
		return error_set(E_CONFLICT,
		                 "the %s test of %s opened corrective action %lld, which "
		                 "is %s; its result stays a nonconformity",
		                 test_type_name(t->type), t->ref, (long long)*capa_id,
		                 status);
	rc = db_exec(st, "DELETE FROM capa WHERE id = ?", SQL_ARGS(ARG_INT(*capa_id)));
	*capa_id = 0;
	return rc;
}

/* Link evidence of the organisation to a test, adding to what is linked. */
static int test_evidence_link(struct store *st, int64_t org_id, int64_t audit_id,
                              const struct audit_test *t, int64_t evidence_id)
{
	int64_t n = 0;
	int rc = db_int(st, "SELECT count(*) FROM evidence WHERE org_id = ? AND id = ?",
	                SQL_ARGS(ARG_INT(org_id), ARG_INT(evidence_id)), &n);

	if (rc >= 0 && !n)
		rc = error_set(E_NOTFOUND, "no evidence %lld in this organisation",
		               (long long)evidence_id);
	if (rc >= 0)
		rc = db_exec(st,
		             "INSERT INTO audit_test_evidence (audit_id, ref, test_type, "
		             "evidence_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
		             SQL_ARGS(ARG_INT(audit_id), ARG_TEXT(t->ref),
		                      ARG_TEXT(test_type_name(t->type)),
		                      ARG_INT(evidence_id)));
	return rc < 0 ? rc : 0;
}

/* Write what fieldwork found for one test, recorded now. */
static int test_fieldwork_write(struct store *st, int64_t audit_id,
                                const struct audit_test *t, const char *now)
{
	const char *method =
	        t->method == METHOD_NONE ? NULL : audit_method_name(t->method);
	const char *result =
	        t->result == RESULT_NONE ? NULL : audit_result_name(t->result);
	const char *nc = t->nc == NC_NONE ? NULL : nc_kind_name(t->nc);
	int64_t got = 0;
	int rc = db_int(
	        st,
	        "UPDATE audit_test SET method = ?, population = ?, "
	        "sample_size = ?, sample_items = ?, result = ?, nc_kind = ?, "
	        "note = ?, recorded_at = ? WHERE audit_id = ? AND ref = ? AND "
	        "test_type = ? RETURNING audit_id",
	        SQL_ARGS(ARG_TEXT(method), ARG_TEXT(t->population),
	                 t->sample_size < 0 ? ARG_TEXT(NULL) : ARG_INT(t->sample_size),
	                 ARG_TEXT(t->sample_items), ARG_TEXT(result), ARG_TEXT(nc),
	                 ARG_TEXT(t->note), ARG_TEXT(now), ARG_INT(audit_id),
	                 ARG_TEXT(t->ref), ARG_TEXT(test_type_name(t->type))),
	        &got);

	if (rc == 0)
		return error_set(E_NOTFOUND, "audit %lld has no %s test of %s",
		                 (long long)audit_id, test_type_name(t->type), t->ref);
	return rc < 0 ? rc : 0;
}

int store_audit_test_record(struct store *st, int64_t org_id, int64_t audit_id,
                            const struct audit_test *t, const int64_t *evidence_ids,
                            size_t nevidence, int64_t *capa_id)
{
	char now[32];
	int64_t capa = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = audit_check(st, org_id, audit_id);
	if (!rc)
		rc = test_fieldwork_write(st, audit_id, t, now);
	for (size_t i = 0; !rc && i < nevidence; i++)
		rc = test_evidence_link(st, org_id, audit_id, t, evidence_ids[i]);
	if (!rc)
		rc = test_capa_sync(st, org_id, audit_id, t, now, &capa);
	if (capa_id)
		*capa_id = rc ? 0 : capa;
	return store_end(st, rc);
}

int store_audit_report_add(struct store *st, int64_t audit_id,
                           struct audit_report_version *v)
{
	int64_t next = 0;
	char now[32];
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = audit_check(st, 0, audit_id);
	if (!rc)
		rc = db_int(st,
		            "SELECT coalesce(max(version), 0) + 1 FROM audit_report "
		            "WHERE audit_id = ?",
		            SQL_ARGS(ARG_INT(audit_id)), &next);
	if (rc > 0)
		rc = db_exec(st,
		             "INSERT INTO audit_report (audit_id, version, issued_by, "
		             "issued_on, reason, md_sha256, html_sha256, json_sha256) "
		             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		             SQL_ARGS(ARG_INT(audit_id), ARG_INT(next),
		                      ARG_TEXT(v->issued_by), ARG_TEXT(v->issued_on),
		                      ARG_TEXT(v->reason), ARG_TEXT(v->md),
		                      ARG_TEXT(v->html), ARG_TEXT(v->json)));
	/* Issued implies fieldwork over: closed_on is kept, or the issue date. */
	if (!rc)
		rc = db_exec(st,
		             "UPDATE audit SET status = 'issued', closed_on = "
		             "coalesce(closed_on, ?), updated_at = ? WHERE id = ?",
		             SQL_ARGS(ARG_TEXT(v->issued_on), ARG_TEXT(now),
		                      ARG_INT(audit_id)));
	if (!rc)
		v->version = (int)next;
	return store_end(st, rc < 0 ? rc : 0);
}

/* ---- corrective actions ---- */

#define CAPA_COLUMNS                                                               \
	"c.id, c.audit_id, a.title, c.ref, c.test_type, c.severity, c.nc_kind, "   \
	"c.description, c.correction, c.root_cause, c.action, c.owner, c.due_on, " \
	"c.status, c.verified_by, c.verified_on, c.verification_note, e.sha256, "  \
	"c.closed_on, c.created_at, c.updated_at FROM capa c "                     \
	"JOIN audit a ON a.id = c.audit_id "                                       \
	"LEFT JOIN evidence e ON e.id = c.verification_evidence_id "

static void capa_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct capa_list *l = ctx;
	struct capa *c;

	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	c = &l->v[l->n++];
	memset(c, 0, sizeof(*c));
	c->id = st->ops->integer(rows, 0);
	c->audit_id = st->ops->integer(rows, 1);
	c->audit_title = db_strdup(st, rows, 2);
	c->ref = db_strdup(st, rows, 3);
	test_type_parse(st->ops->text(rows, 4), &c->type);
	c->severity = RESULT_MAJOR;
	audit_result_parse(st->ops->text(rows, 5), &c->severity);
	c->nc = NC_MISSING;
	nc_kind_parse(st->ops->text(rows, 6), &c->nc);
	c->description = db_strdup(st, rows, 7);
	c->correction = db_strdup(st, rows, 8);
	c->root_cause = db_strdup(st, rows, 9);
	c->action = db_strdup(st, rows, 10);
	c->owner = db_strdup(st, rows, 11);
	c->due_on = db_strdup(st, rows, 12);
	capa_status_parse(st->ops->text(rows, 13), &c->status);
	c->verified_by = db_strdup(st, rows, 14);
	c->verified_on = db_strdup(st, rows, 15);
	c->verification_note = db_strdup(st, rows, 16);
	c->verification_evidence = db_strdup(st, rows, 17);
	c->closed_on = db_strdup(st, rows, 18);
	c->created_at = db_strdup(st, rows, 19);
	c->updated_at = db_strdup(st, rows, 20);
}

static int capas_load(struct store *st, int64_t org_id, int64_t only,
                      struct capa_list *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_each(st,
	             "SELECT " CAPA_COLUMNS
	             "WHERE c.org_id = ? AND (? = 0 OR c.id = ?) ORDER BY c.id",
	             SQL_ARGS(ARG_INT(org_id), ARG_INT(only), ARG_INT(only)), capa_row,
	             out);
	if (rc)
		capa_list_release(out);
	return rc;
}

static int no_capa(int64_t id)
{
	return error_set(E_NOTFOUND, "no corrective action %lld (see 'isms capa list')",
	                 (long long)id);
}

int store_capa_list(struct store *st, int64_t org_id, struct capa_list *out)
{
	return capas_load(st, org_id, 0, out);
}

int store_capa_get(struct store *st, int64_t org_id, int64_t id, struct capa *out)
{
	struct capa_list l;
	int rc;

	memset(out, 0, sizeof(*out));
	if (id <= 0)
		return no_capa(id);
	rc = capas_load(st, org_id, id, &l);
	if (rc)
		return rc;
	if (!take_first(l.v, l.n, sizeof(*out), out))
		rc = no_capa(id);
	capa_list_release(&l);
	return rc;
}

int store_capa_update(struct store *st, int64_t org_id, const struct capa *c)
{
	char now[32];
	int64_t ev = 0, id = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	if (c->verification_evidence)
		rc = evidence_id(st, org_id, c->verification_evidence, &ev);
	if (!rc)
		rc = db_int(st,
		            "UPDATE capa SET correction = ?, root_cause = ?, action = ?, "
		            "owner = ?, due_on = ?, status = ?, verified_by = ?, "
		            "verified_on = ?, verification_note = ?, "
		            "verification_evidence_id = ?, closed_on = ?, updated_at = ? "
		            "WHERE org_id = ? AND id = ? RETURNING id",
		            SQL_ARGS(ARG_TEXT(c->correction), ARG_TEXT(c->root_cause),
		                     ARG_TEXT(c->action), ARG_TEXT(c->owner),
		                     ARG_TEXT(c->due_on),
		                     ARG_TEXT(capa_status_name(c->status)),
		                     ARG_TEXT(c->verified_by), ARG_TEXT(c->verified_on),
		                     ARG_TEXT(c->verification_note), ARG_ID(ev),
		                     ARG_TEXT(c->closed_on), ARG_TEXT(now),
		                     ARG_INT(org_id), ARG_INT(c->id)),
		            &id);
	if (rc == 0)
		rc = no_capa(c->id);
	return store_end(st, rc < 0 ? rc : 0);
}

/* ---- management reviews ---- */

static void review_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct review_list *l = ctx;
	struct review *r;
	const char *status = st->ops->text(rows, 7);

	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	r = &l->v[l->n++];
	memset(r, 0, sizeof(*r));
	r->id = st->ops->integer(rows, 0);
	r->title = db_strdup(st, rows, 1);
	r->held_on = db_strdup(st, rows, 2);
	r->chair = db_strdup(st, rows, 3);
	r->attendees = db_strdup(st, rows, 4);
	r->inputs = db_strdup(st, rows, 5);
	r->notes = db_strdup(st, rows, 6);
	r->final = status && !strcmp(status, "final");
	r->created_at = db_strdup(st, rows, 8);
	r->updated_at = db_strdup(st, rows, 9);
}

static void output_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct review_list *l = ctx;
	int64_t id = st->ops->integer(rows, 0);
	const char *kind = st->ops->text(rows, 2), *status = st->ops->text(rows, 6);
	struct review_output *o;
	struct review *r = NULL;

	for (size_t i = 0; !r && i < l->n; i++)
		if (l->v[i].id == id)
			r = &l->v[i];
	if (!r)
		return;
	ALLOC_GROW(r->outputs, r->noutputs + 1, r->alloc_outputs);
	o = &r->outputs[r->noutputs++];
	memset(o, 0, sizeof(*o));
	o->id = st->ops->integer(rows, 1);
	o->action = kind && !strcmp(kind, "action");
	o->text = db_strdup(st, rows, 3);
	o->owner = db_strdup(st, rows, 4);
	o->due_on = db_strdup(st, rows, 5);
	o->done = status && !strcmp(status, "done");
}

static int reviews_load(struct store *st, int64_t org_id, int64_t only,
                        struct review_list *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_each(st,
	             "SELECT id, title, held_on, chair, attendees, inputs, notes, "
	             "status, created_at, updated_at FROM review "
	             "WHERE org_id = ? AND (? = 0 OR id = ?) ORDER BY held_on, id",
	             SQL_ARGS(ARG_INT(org_id), ARG_INT(only), ARG_INT(only)), review_row,
	             out);
	if (!rc && out->n)
		rc = db_each(
		        st,
		        "SELECT o.review_id, o.id, o.kind, o.text, o.owner, o.due_on, "
		        "o.status FROM review_output o "
		        "JOIN review r ON r.id = o.review_id "
		        "WHERE r.org_id = ? AND (? = 0 OR r.id = ?) "
		        "ORDER BY o.review_id, o.id",
		        SQL_ARGS(ARG_INT(org_id), ARG_INT(only), ARG_INT(only)),
		        output_row, out);
	if (rc)
		review_list_release(out);
	return rc;
}

static int no_review(int64_t id)
{
	return error_set(E_NOTFOUND, "no management review %lld (see 'isms review list')",
	                 (long long)id);
}

int store_review_list(struct store *st, int64_t org_id, struct review_list *out)
{
	return reviews_load(st, org_id, 0, out);
}

int store_review_get(struct store *st, int64_t org_id, int64_t id, struct review *out)
{
	struct review_list l;
	int rc;

	memset(out, 0, sizeof(*out));
	if (id <= 0)
		return no_review(id);
	rc = reviews_load(st, org_id, id, &l);
	if (rc)
		return rc;
	if (!take_first(l.v, l.n, sizeof(*out), out))
		rc = no_review(id);
	review_list_release(&l);
	return rc;
}

int store_review_add(struct store *st, int64_t org_id, struct review *r)
{
	char now[32];
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st,
	            "INSERT INTO review (org_id, title, held_on, chair, attendees, "
	            "inputs, notes, status, created_at, updated_at) "
	            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	            SQL_ARGS(ARG_INT(org_id), ARG_TEXT(r->title), ARG_TEXT(r->held_on),
	                     ARG_TEXT(r->chair),
	                     ARG_TEXT(r->attendees ? r->attendees : ""),
	                     ARG_TEXT(r->inputs ? r->inputs : "{}"), ARG_TEXT(r->notes),
	                     ARG_TEXT(r->final ? "final" : "draft"), ARG_TEXT(now),
	                     ARG_TEXT(now)),
	            &r->id);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_review_update(struct store *st, int64_t org_id, const struct review *r)
{
	char now[32];
	int64_t id = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st,
	            "UPDATE review SET title = ?, held_on = ?, chair = ?, attendees = ?, "
	            "inputs = ?, notes = ?, status = ?, updated_at = ? "
	            "WHERE org_id = ? AND id = ? RETURNING id",
	            SQL_ARGS(ARG_TEXT(r->title), ARG_TEXT(r->held_on), ARG_TEXT(r->chair),
	                     ARG_TEXT(r->attendees ? r->attendees : ""),
	                     ARG_TEXT(r->inputs ? r->inputs : "{}"), ARG_TEXT(r->notes),
	                     ARG_TEXT(r->final ? "final" : "draft"), ARG_TEXT(now),
	                     ARG_INT(org_id), ARG_INT(r->id)),
	            &id);
	if (rc == 0)
		rc = no_review(r->id);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_review_output_put(struct store *st, int64_t review_id, struct review_output *o)
{
	int64_t id = 0, n = 0;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = db_int(st, "SELECT count(*) FROM review WHERE id = ?",
	            SQL_ARGS(ARG_INT(review_id)), &n);
	if (rc >= 0 && !n)
		rc = no_review(review_id);
	if (rc >= 0 && !o->id)
		rc = db_int(st,
		            "INSERT INTO review_output (review_id, kind, text, owner, "
		            "due_on, status) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
		            SQL_ARGS(ARG_INT(review_id),
		                     ARG_TEXT(o->action ? "action" : "decision"),
		                     ARG_TEXT(o->text), ARG_TEXT(o->owner),
		                     ARG_TEXT(o->due_on),
		                     ARG_TEXT(o->done ? "done" : "open")),
		            &o->id);
	else if (rc >= 0)
		rc = db_int(st,
		            "UPDATE review_output SET kind = ?, text = ?, owner = ?, "
		            "due_on = ?, status = ? WHERE review_id = ? AND id = ? "
		            "RETURNING id",
		            SQL_ARGS(ARG_TEXT(o->action ? "action" : "decision"),
		                     ARG_TEXT(o->text), ARG_TEXT(o->owner),
		                     ARG_TEXT(o->due_on),
		                     ARG_TEXT(o->done ? "done" : "open"),
		                     ARG_INT(review_id), ARG_INT(o->id)),
		            &id);
	if (rc == 0)
		rc = error_set(E_NOTFOUND, "no output %lld in management review %lld",
		               (long long)o->id, (long long)review_id);
	return store_end(st, rc < 0 ? rc : 0);
}
