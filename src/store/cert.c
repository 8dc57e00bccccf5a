/*
 * cert.c - the certification record and the compliance calendar's events
 * in the store.
 *
 * The record is one row per organisation, written whole.  The calendar has
 * no table of its own: its events are read from the records that carry
 * the dates (audits, reviews, actions, evidence, risks, competence), so an
 * event can never disagree with the record it comes from.
 *
 * Event keys, stable within their kind so that cal_uid() gives a calendar
 * the same UID on every export:
 *   internal-audit      the audit's id             "12"
 *   review              the review's id            "4"
 *   review-action       the review output's id     "17"
 *   capa                the corrective action's id "3"
 *   roadmap             assessment id and item ref "3-A.5.15"
 *   treatment           the treatment action's id  "8"
 *   evidence-expiry     the content's full SHA-256
 *   risk-review         the risk's id              "5"
 *   competence-expiry   the competence record's id "2"
 */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "store/driver.h"

/* ---- the certification record ---- */

int store_cert_get(struct store *st, int64_t org_id, struct certification *out)
{
	struct db_rows *rows;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = st->ops->query(st,
	                    "SELECT body, number, stage1_on, stage2_on, golive_on, "
	                    "issued_on, expires_on, surveillance1_on, surveillance2_on, "
	                    "recertification_on, updated_at FROM certification "
	                    "WHERE org_id = ?",
	                    SQL_ARGS(ARG_INT(org_id)), &rows);
	if (rc)
		return rc;
	/* No row is no record yet: every field stays NULL. */
	rc = st->ops->next(rows);
	if (rc > 0) {
		out->body = db_strdup(st, rows, 0);
		out->number = db_strdup(st, rows, 1);
		out->stage1_on = db_strdup(st, rows, 2);
		out->stage2_on = db_strdup(st, rows, 3);
		out->golive_on = db_strdup(st, rows, 4);
		out->issued_on = db_strdup(st, rows, 5);
		out->expires_on = db_strdup(st, rows, 6);
		out->surveillance1_on = db_strdup(st, rows, 7);
		out->surveillance2_on = db_strdup(st, rows, 8);
		out->recertification_on = db_strdup(st, rows, 9);
		out->updated_at = db_strdup(st, rows, 10);
	}
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

int store_cert_put(struct store *st, int64_t org_id, const struct certification *c)
{
	char now[32];
	int rc;

	/*
	 * The whole record, every field as given: a NULL clears what was
	 * stored, so what is read back is exactly what was put.
	 */
	store_now(now);
	rc = store_begin(st);
	if (!rc)
		rc = db_exec(
		        st,
		        "INSERT INTO certification (org_id, body, number, stage1_on, "
		        "stage2_on, golive_on, issued_on, expires_on, "
		        "surveillance1_on, surveillance2_on, recertification_on, "
		        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		        "ON CONFLICT (org_id) DO UPDATE SET "
		        "body = excluded.body, "
		        "number = excluded.number, "
		        "stage1_on = excluded.stage1_on, "
		        "stage2_on = excluded.stage2_on, "
		        "golive_on = excluded.golive_on, "
		        "issued_on = excluded.issued_on, "
		        "expires_on = excluded.expires_on, "
		        "surveillance1_on = excluded.surveillance1_on, "
		        "surveillance2_on = excluded.surveillance2_on, "
		        "recertification_on = excluded.recertification_on, "
		        "updated_at = excluded.updated_at",
		        SQL_ARGS(ARG_INT(org_id), ARG_TEXT(c->body), ARG_TEXT(c->number),
		                 ARG_TEXT(c->stage1_on), ARG_TEXT(c->stage2_on),
		                 ARG_TEXT(c->golive_on), ARG_TEXT(c->issued_on),
		                 ARG_TEXT(c->expires_on), ARG_TEXT(c->surveillance1_on),
		                 ARG_TEXT(c->surveillance2_on),
		                 ARG_TEXT(c->recertification_on), ARG_TEXT(now)));
	return store_end(st, rc);
}

/* ---- the calendar ---- */

/*
 * Every source below selects the same six columns, so one row function
 * serves them all: key, date, end (NULL for one day), title, owner (may be
 * NULL), done (0 or 1).  Ids become keys as text in SQL, where both
 * backends write an integer the same way.
 */
struct cal_source {
	enum cal_kind kind;
	const char *sql; /* one parameter: the organisation */
};

/* The newest gap assessment, as store_assessment_get() picks it for id 0. */
#define NEWEST_ASSESSMENT                                    \
	"(SELECT n.id FROM assessment n WHERE n.org_id = ? " \
	"ORDER BY n.assessed_on DESC, n.id DESC LIMIT 1)"

/* The same, for the organisation of the evidence row `e` in hand. */
#define NEWEST_ASSESSMENT_OF_E                                      \
	"(SELECT n.id FROM assessment n WHERE n.org_id = e.org_id " \
	"ORDER BY n.assessed_on DESC, n.id DESC LIMIT 1)"

static const struct cal_source sources[] = {
	{ CAL_INTERNAL_AUDIT,
	  "SELECT CAST(a.id AS TEXT), a.start_on, a.end_on, a.title, "
	  "CAST(NULL AS TEXT), "
	  "CASE WHEN a.status IN ('closed', 'issued') THEN 1 ELSE 0 END "
	  "FROM audit a WHERE a.org_id = ?" },
	{ CAL_REVIEW,
	  "SELECT CAST(r.id AS TEXT), r.held_on, CAST(NULL AS TEXT), r.title, "
	  "r.chair, CASE WHEN r.status = 'final' THEN 1 ELSE 0 END "
	  "FROM review r WHERE r.org_id = ?" },
	{ CAL_REVIEW_ACTION,
	  "SELECT CAST(o.id AS TEXT), o.due_on, CAST(NULL AS TEXT), o.text, "
	  "o.owner, CASE WHEN o.status = 'done' THEN 1 ELSE 0 END "
	  "FROM review_output o JOIN review r ON r.id = o.review_id "
	  "WHERE r.org_id = ? AND o.kind = 'action' AND o.due_on IS NOT NULL" },
	{ CAL_ROADMAP,
	  "SELECT CAST(ra.assessment_id AS TEXT) || '-' || i.ref, ra.due_on, "
	  "CAST(NULL AS TEXT), i.ref || ' ' || i.title, ra.owner, "
	  "CASE WHEN ra.status = 'done' THEN 1 ELSE 0 END "
	  "FROM remediation_action ra JOIN catalog_item i ON i.id = ra.item_id "
	  "WHERE ra.assessment_id = " NEWEST_ASSESSMENT " AND ra.due_on IS NOT NULL" },
	{ CAL_TREATMENT,
	  "SELECT CAST(t.id AS TEXT), t.due_on, CAST(NULL AS TEXT), t.title, "
	  "t.owner, CASE WHEN t.status = 'done' THEN 1 ELSE 0 END "
	  "FROM treatment_action t JOIN risk k ON k.id = t.risk_id "
	  "WHERE k.org_id = ? AND t.due_on IS NOT NULL" },
	/*
	 * An expiry matters while the evidence is still in use: linked in the
	 * newest assessment.  Evidence no longer linked is history, as is a
	 * competence record renewed by a later one of the same kind and
	 * title.  A risk review stays open until its date is moved on.
	 */
	{ CAL_EVIDENCE_EXPIRY,
	  "SELECT e.sha256, e.valid_until, CAST(NULL AS TEXT), e.title, "
	  "CAST(NULL AS TEXT), CASE WHEN EXISTS (SELECT 1 FROM gap_evidence_link l "
	  "WHERE l.evidence_id = e.id AND l.assessment_id = " NEWEST_ASSESSMENT_OF_E
	  ") THEN 0 ELSE 1 END FROM evidence e "
	  "WHERE e.org_id = ? AND e.valid_until IS NOT NULL" },
	{ CAL_RISK_REVIEW,
	  "SELECT CAST(k.id AS TEXT), k.review_on, CAST(NULL AS TEXT), k.title, "
	  "k.owner, 0 FROM risk k WHERE k.org_id = ? AND k.review_on IS NOT NULL" },
	{ CAL_COMPETENCE_EXPIRY,
	  "SELECT CAST(c.id AS TEXT), c.expires_on, CAST(NULL AS TEXT), "
	  "p.name || ': ' || c.title, p.name, CASE WHEN EXISTS (SELECT 1 FROM "
	  "competence r WHERE r.person_id = c.person_id AND r.kind = c.kind AND "
	  "r.title = c.title AND r.id <> c.id AND (r.expires_on IS NULL OR "
	  "r.expires_on > c.expires_on)) THEN 1 ELSE 0 END "
	  "FROM competence c JOIN person p ON p.id = c.person_id "
	  "WHERE p.org_id = ? AND c.expires_on IS NOT NULL" },
};

struct cal_ctx {
	struct cal_list *list;
	enum cal_kind kind;
};

static void event_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct cal_ctx *c = ctx;

	cal_add(c->list, c->kind, st->ops->text(rows, 0), st->ops->text(rows, 1),
	        st->ops->text(rows, 2), st->ops->text(rows, 3), st->ops->text(rows, 4),
	        st->ops->integer(rows, 5) != 0);
}

/* How much of a corrective action's description its event carries. */
#define CAPA_TITLE_DESCRIPTION_MAX 80

/*
 * A corrective action's event is titled by the requirement it concerns,
 * then the start of its description: a calendar shows one short line, and
 * the whole action is one 'isms capa show' away.  The description is cut
 * at its first line break and on a character boundary.
 */
static void capa_title(const char *ref, const char *description, struct strbuf *out)
{
	size_t n, keep;

	strbuf_addstr(out, ref ? ref : "");
	if (!description)
		return;
	n = strcspn(description, "\r\n");
	if (!n)
		return;
	keep = n;
	if (keep > CAPA_TITLE_DESCRIPTION_MAX) {
		keep = CAPA_TITLE_DESCRIPTION_MAX;
		/* Back off continuation bytes to the start of a character. */
		while (keep && ((unsigned char)description[keep] & 0xc0) == 0x80)
			keep--;
	}
	strbuf_addstr(out, ", ");
	strbuf_add(out, description, keep);
	if (keep < n)
		strbuf_addstr(out, "\xe2\x80\xa6"); /* ellipsis */
}

static void capa_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct strbuf title = STRBUF_INIT;

	capa_title(st->ops->text(rows, 2), st->ops->text(rows, 3), &title);
	cal_add(ctx, CAL_CAPA, st->ops->text(rows, 0), st->ops->text(rows, 1), NULL,
	        title.buf, st->ops->text(rows, 4), st->ops->integer(rows, 5) != 0);
	strbuf_release(&title);
}

int store_calendar(struct store *st, int64_t org_id, struct cal_list *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	/* One snapshot, so that the events of every source fit together. */
	rc = store_begin_read(st);
	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < sizeof(sources) / sizeof(sources[0]); i++) {
		struct cal_ctx c = { .list = out, .kind = sources[i].kind };

		rc = db_each(st, sources[i].sql, SQL_ARGS(ARG_INT(org_id)), event_row,
		             &c);
	}
	if (!rc)
		rc = db_each(
		        st,
		        "SELECT CAST(id AS TEXT), due_on, ref, description, owner, "
		        "CASE WHEN status IN ('verified', 'closed') THEN 1 ELSE 0 END "
		        "FROM capa WHERE org_id = ? AND due_on IS NOT NULL",
		        SQL_ARGS(ARG_INT(org_id)), capa_row, out);
	if (rc)
		cal_list_release(out);
	return store_end(st, rc);
}
