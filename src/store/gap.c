/*
 * gap.c - gap assessments in the store: assessments, what was found per
 * item, and remediation actions.
 *
 * An assessment's rows are read in one query: every item of its
 * framework, left-joined with what was recorded, the counts of its linked
 * evidence (valid, paper, expired as of a given day) and its action, so
 * that a score never costs a query per item.
 */
#include <string.h>

#include "core/error.h"
#include "core/xalloc.h"
#include "store/driver.h"

#define ASSESSMENT_COLUMNS                                                         \
	"a.id, a.org_id, f.code, a.name, a.assessed_on, a.assessor, a.created_at " \
	"FROM assessment a JOIN framework f ON f.id = a.framework_id "

static void assessment_from_row(struct store *st, struct db_rows *rows,
                                struct assessment *a)
{
	a->id = st->ops->integer(rows, 0);
	a->org_id = st->ops->integer(rows, 1);
	a->framework = db_strdup(st, rows, 2);
	a->name = db_strdup(st, rows, 3);
	a->assessed_on = db_strdup(st, rows, 4);
	a->assessor = db_strdup(st, rows, 5);
	a->created_at = db_strdup(st, rows, 6);
}

int store_assessment_get(struct store *st, int64_t org_id, int64_t id,
                         struct assessment *out)
{
	struct db_rows *rows;
	int rc;

	memset(out, 0, sizeof(*out));
	if (id)
		rc = st->ops->query(st,
		                    "SELECT " ASSESSMENT_COLUMNS
		                    "WHERE a.org_id = ? AND a.id = ?",
		                    SQL_ARGS(ARG_INT(org_id), ARG_INT(id)), &rows);
	else
		rc = st->ops->query(st,
		                    "SELECT " ASSESSMENT_COLUMNS "WHERE a.org_id = ? "
		                    "ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1",
		                    SQL_ARGS(ARG_INT(org_id)), &rows);
	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0)
		assessment_from_row(st, rows, out);
	st->ops->done(rows);
	if (rc == 0 && id)
		return error_set(
		        E_NOTFOUND,
		        "no assessment %lld in this organisation (see 'isms gap list')",
		        (long long)id);
	if (rc == 0)
		return error_set(
		        E_NOTFOUND,
		        "no gap assessment yet: start one with 'isms gap new --name "
		        "NAME'");
	return rc < 0 ? rc : 0;
}

int store_assessment_list(struct store *st, int64_t org_id, struct assessment_list *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st,
	                        "SELECT " ASSESSMENT_COLUMNS "WHERE a.org_id = ? "
	                        "ORDER BY a.assessed_on, a.id",
	                        SQL_ARGS(ARG_INT(org_id)), &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		memset(&out->v[out->n], 0, sizeof(out->v[0]));
		assessment_from_row(st, rows, &out->v[out->n++]);
	}
	st->ops->done(rows);
	if (rc < 0)
		assessment_list_release(out);
	return rc < 0 ? rc : 0;
}

int store_assessment_add(struct store *st, int64_t org_id, const char *framework,
                         const char *name, const char *assessed_on, const char *assessor,
                         struct assessment *out)
{
	char now[32];
	int64_t fw = 0, exists = 0, id = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st, "SELECT id FROM framework WHERE code = ?",
	            SQL_ARGS(ARG_TEXT(framework)), &fw);
	if (rc == 0)
		rc = error_set(E_NOTFOUND, "no framework '%s' in the catalogue",
		               framework);
	if (rc > 0)
		rc = db_int(
		        st,
		        "SELECT count(*) FROM assessment WHERE org_id = ? AND name = ?",
		        SQL_ARGS(ARG_INT(org_id), ARG_TEXT(name)), &exists);
	if (rc >= 0 && exists)
		rc = error_set(E_EXISTS, "an assessment named '%s' already exists", name);
	else if (rc >= 0)
		rc = db_int(
		        st,
		        "INSERT INTO assessment (org_id, framework_id, name, "
		        "assessed_on, "
		        "assessor, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
		        SQL_ARGS(ARG_INT(org_id), ARG_INT(fw), ARG_TEXT(name),
		                 ARG_TEXT(assessed_on), ARG_TEXT(assessor),
		                 ARG_TEXT(now)),
		        &id);
	if (rc == -E_EXISTS)
		rc = error_set(E_EXISTS, "an assessment named '%s' already exists", name);
	rc = store_end(st, rc < 0 ? rc : 0);
	if (!rc && out)
		rc = store_assessment_get(st, org_id, id, out);
	return rc;
}

/*
 * Evidence counts per item of one assessment as of a day (parameters:
 * today x 3, assessment).  ISO dates compare as text on both backends.
 */
#define EVIDENCE_COUNTS                                                       \
	"SELECT l.item_id, "                                                  \
	"sum(CASE WHEN e.valid_until IS NULL OR e.valid_until >= ? "          \
	"THEN 1 ELSE 0 END) AS valid, "                                       \
	"sum(CASE WHEN (e.valid_until IS NULL OR e.valid_until >= ?) "        \
	"AND e.kind IN ('policy', 'procedure') THEN 1 ELSE 0 END) AS paper, " \
	"sum(CASE WHEN e.valid_until < ? THEN 1 ELSE 0 END) AS expired "      \
	"FROM gap_evidence_link l JOIN evidence e ON e.id = l.evidence_id "   \
	"WHERE l.assessment_id = ? GROUP BY l.item_id"

/*
 * The highest inherent level of the risks that select each control
 * (parameter: the organisation): what is exposed while it is missing.
 */
#define RISK_LEVELS                                                    \
	"SELECT rc.ref, max(rk.inherent_level) AS level FROM risk rk " \
	"JOIN risk_control rc ON rc.risk_id = rk.id WHERE rk.org_id = ? GROUP BY rc.ref"

#define ROWS_SQL                                                                         \
	"SELECT i.id, i.ref, i.title, g.code, g.kind, i.position, "                      \
	"s.status, s.maturity, s.owner, s.notes, s.target_date, s.justification, "       \
	"s.updated_at, ev.valid, ev.paper, ev.expired, "                                 \
	"r.owner, r.due_on, r.effort, r.resources, r.status, r.manual_rank, "            \
	"r.rank_reason, rl.level "                                                       \
	"FROM assessment a "                                                             \
	"JOIN catalog_item i ON i.framework_id = a.framework_id "                        \
	"JOIN catalog_group g ON g.id = i.group_id "                                     \
	"LEFT JOIN assessment_item s ON s.assessment_id = a.id AND s.item_id = i.id "    \
	"LEFT JOIN (" EVIDENCE_COUNTS ") ev ON ev.item_id = i.id "                       \
	"LEFT JOIN remediation_action r ON r.assessment_id = a.id AND r.item_id = i.id " \
	"LEFT JOIN (" RISK_LEVELS ") rl ON rl.ref = i.ref "                              \
	"WHERE a.id = ?"

static int int_or(struct store *st, struct db_rows *rows, int col, int dflt)
{
	return st->ops->text(rows, col) ? (int)st->ops->integer(rows, col) : dflt;
}

static void gap_row_from_row(struct store *st, struct db_rows *rows, struct gap_row *r)
{
	const char *status = st->ops->text(rows, 6);
	const char *effort = st->ops->text(rows, 18);
	enum gap_effort e;

	r->item_id = st->ops->integer(rows, 0);
	r->ref = db_strdup(st, rows, 1);
	r->title = db_strdup(st, rows, 2);
	r->group = db_strdup(st, rows, 3);
	r->is_clause = !strcmp(st->ops->text(rows, 4), "clause");
	r->position = (int)st->ops->integer(rows, 5);
	r->status = GAP_NOT_ASSESSED;
	if (status)
		gap_status_parse(status, &r->status);
	r->maturity = int_or(st, rows, 7, -1);
	r->owner = db_strdup(st, rows, 8);
	r->notes = db_strdup(st, rows, 9);
	r->target_date = db_strdup(st, rows, 10);
	r->justification = db_strdup(st, rows, 11);
	r->updated_at = db_strdup(st, rows, 12);
	r->ev.valid = int_or(st, rows, 13, 0);
	r->ev.valid_paper = int_or(st, rows, 14, 0);
	r->ev.expired = int_or(st, rows, 15, 0);
	r->action_owner = db_strdup(st, rows, 16);
	r->due_on = db_strdup(st, rows, 17);
	r->effort = effort && !gap_effort_parse(effort, &e) ? (int)e : -1;
	r->resources = db_strdup(st, rows, 19);
	r->action_status = db_strdup(st, rows, 20);
	r->manual_rank = int_or(st, rows, 21, 0);
	r->rank_reason = db_strdup(st, rows, 22);
	r->risk_level = int_or(st, rows, 23, 0);
}

int store_gap_rows(struct store *st, const struct assessment *a, const char *ref,
                   const char *today, struct gap_row_list *out)
{
	struct db_rows *rows;
	int rc;

	memset(out, 0, sizeof(*out));
	if (ref)
		rc = st->ops->query(st, ROWS_SQL " AND i.ref = ? ORDER BY i.position",
		                    SQL_ARGS(ARG_TEXT(today), ARG_TEXT(today),
		                             ARG_TEXT(today), ARG_INT(a->id),
		                             ARG_INT(a->org_id), ARG_INT(a->id),
		                             ARG_TEXT(ref)),
		                    &rows);
	else
		rc = st->ops->query(st, ROWS_SQL " ORDER BY i.position",
		                    SQL_ARGS(ARG_TEXT(today), ARG_TEXT(today),
		                             ARG_TEXT(today), ARG_INT(a->id),
		                             ARG_INT(a->org_id), ARG_INT(a->id)),
		                    &rows);
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		memset(&out->v[out->n], 0, sizeof(out->v[0]));
		gap_row_from_row(st, rows, &out->v[out->n++]);
	}
	st->ops->done(rows);
	if (rc < 0)
		gap_row_list_release(out);
	return rc < 0 ? rc : 0;
}

int store_gap_set(struct store *st, const struct assessment *a, int64_t item_id,
                  const struct gap_row *r)
{
	char now[32];
	struct sql_arg maturity =
	        r->maturity >= 0 ? ARG_INT(r->maturity) : ARG_TEXT(NULL);
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_exec(
	        st,
	        "INSERT INTO assessment_item (assessment_id, item_id, status, maturity, "
	        "owner, notes, target_date, justification, updated_at) "
	        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
	        "ON CONFLICT (assessment_id, item_id) DO UPDATE SET "
	        "status = excluded.status, maturity = excluded.maturity, "
	        "owner = excluded.owner, notes = excluded.notes, "
	        "target_date = excluded.target_date, "
	        "justification = excluded.justification, updated_at = "
	        "excluded.updated_at",
	        SQL_ARGS(ARG_INT(a->id), ARG_INT(item_id),
	                 ARG_TEXT(gap_status_name(r->status)), maturity,
	                 ARG_TEXT(r->owner), ARG_TEXT(r->notes), ARG_TEXT(r->target_date),
	                 ARG_TEXT(r->justification), ARG_TEXT(now)));
	return store_end(st, rc);
}

int store_action_set(struct store *st, const struct assessment *a, int64_t item_id,
                     const struct gap_row *r)
{
	char now[32];
	struct sql_arg effort =
	        r->effort >= 0 ? ARG_TEXT(gap_effort_name((enum gap_effort)r->effort))
	                       : ARG_TEXT(NULL);
	struct sql_arg rank =
	        r->manual_rank > 0 ? ARG_INT(r->manual_rank) : ARG_TEXT(NULL);
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_exec(
	        st,
	        "INSERT INTO remediation_action (assessment_id, item_id, owner, due_on, "
	        "effort, resources, status, manual_rank, rank_reason, updated_at) "
	        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	        "ON CONFLICT (assessment_id, item_id) DO UPDATE SET "
	        "owner = excluded.owner, due_on = excluded.due_on, "
	        "effort = excluded.effort, resources = excluded.resources, "
	        "status = excluded.status, manual_rank = excluded.manual_rank, "
	        "rank_reason = excluded.rank_reason, updated_at = excluded.updated_at",
	        SQL_ARGS(ARG_INT(a->id), ARG_INT(item_id), ARG_TEXT(r->action_owner),
	                 ARG_TEXT(r->due_on), effort, ARG_TEXT(r->resources),
	                 ARG_TEXT(r->action_status ? r->action_status : "open"), rank,
	                 ARG_TEXT(r->rank_reason), ARG_TEXT(now)));
	return store_end(st, rc);
}
