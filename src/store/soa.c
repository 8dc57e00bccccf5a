/*
 * soa.c - the Statement of Applicability in the store: what people
 * decided per control, and approved versions frozen row by row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "store/driver.h"

/* The typed reasons, in enum order from SOA_REASON_LEGAL. */
#define REASON_COLUMNS \
	"reason_legal, reason_contractual, reason_business, reason_best_practice"

static void decision_from_row(struct store *st, struct db_rows *rows,
                              struct soa_decision *d)
{
	const char *applicable = st->ops->text(rows, 1);
	const char *status = st->ops->text(rows, 7);
	enum soa_impl s;

	d->ref = db_strdup(st, rows, 0);
	d->applicable = applicable ? (int)st->ops->integer(rows, 1) : -1;
	d->exclusion = db_strdup(st, rows, 2);
	for (int k = SOA_REASON_LEGAL; k < SOA_REASON__COUNT; k++)
		d->reason[k] = db_strdup(st, rows, 3 + k - SOA_REASON_LEGAL);
	d->status = status && !soa_impl_parse(status, &s) ? (int)s : -1;
	d->override_reason = db_strdup(st, rows, 8);
	d->updated_at = db_strdup(st, rows, 9);
}

static int decisions_query(struct store *st, int64_t org_id, const char *ref,
                           struct soa_decision_list *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st,
	                        "SELECT ref, applicable, exclusion, " REASON_COLUMNS
	                        ", status, override_reason, updated_at FROM soa_decision "
	                        "WHERE org_id = ? AND (? = '' OR ref = ?) ORDER BY ref",
	                        SQL_ARGS(ARG_INT(org_id), ARG_TEXT(ref ? ref : ""),
	                                 ARG_TEXT(ref ? ref : "")),
	                        &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		memset(&out->v[out->n], 0, sizeof(out->v[0]));
		decision_from_row(st, rows, &out->v[out->n++]);
	}
	st->ops->done(rows);
	if (rc < 0)
		soa_decision_list_release(out);
	return rc < 0 ? rc : 0;
}

int store_soa_decisions(struct store *st, int64_t org_id, struct soa_decision_list *out)
{
	return decisions_query(st, org_id, NULL, out);
}

int store_soa_decision_get(struct store *st, int64_t org_id, const char *ref,
                           struct soa_decision *out)
{
	struct soa_decision_list l;
	int rc = decisions_query(st, org_id, ref, &l);

	memset(out, 0, sizeof(*out));
	out->applicable = -1;
	out->status = -1;
	if (rc)
		return rc;
	if (l.n) {
		*out = l.v[0];
		l.n = 0;
	} else {
		out->ref = xstrdup(ref);
	}
	soa_decision_list_release(&l);
	return 0;
}

int store_soa_decide(struct store *st, int64_t org_id, const struct soa_decision *d)
{
	char now[32];
	struct sql_arg applicable =
	        d->applicable >= 0 ? ARG_INT(d->applicable) : ARG_TEXT(NULL);
	struct sql_arg status =
	        d->status >= 0 ? ARG_TEXT(soa_impl_name((enum soa_impl)d->status))
	                       : ARG_TEXT(NULL);
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (!rc)
		rc = db_exec(st,
		             "INSERT INTO soa_decision (org_id, ref, applicable, "
		             "exclusion, " REASON_COLUMNS
		             ", status, override_reason, updated_at) "
		             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
		             "ON CONFLICT (org_id, ref) DO UPDATE SET "
		             "applicable = excluded.applicable, exclusion = "
		             "excluded.exclusion, "
		             "reason_legal = excluded.reason_legal, "
		             "reason_contractual = excluded.reason_contractual, "
		             "reason_business = excluded.reason_business, "
		             "reason_best_practice = excluded.reason_best_practice, "
		             "status = excluded.status, override_reason = "
		             "excluded.override_reason, updated_at = excluded.updated_at",
		             SQL_ARGS(ARG_INT(org_id), ARG_TEXT(d->ref), applicable,
		                      ARG_TEXT(d->exclusion),
		                      ARG_TEXT(d->reason[SOA_REASON_LEGAL]),
		                      ARG_TEXT(d->reason[SOA_REASON_CONTRACTUAL]),
		                      ARG_TEXT(d->reason[SOA_REASON_BUSINESS]),
		                      ARG_TEXT(d->reason[SOA_REASON_BEST_PRACTICE]),
		                      status, ARG_TEXT(d->override_reason),
		                      ARG_TEXT(now)));
	return store_end(st, rc);
}

/* ---- versions ---- */

static char *join_risks(const struct soa_row *r)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	for (size_t i = 0; i < r->nrisks; i++)
		strbuf_addf(&sb, "%s%lld", i ? "," : "", (long long)r->risks[i]);
	s = sb.len ? strbuf_detach(&sb, NULL) : NULL;
	strbuf_release(&sb);
	return s;
}

static char *join_lines(char *const *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? "\n" : "", v[i]);
	s = sb.len ? strbuf_detach(&sb, NULL) : NULL;
	strbuf_release(&sb);
	return s;
}

static int version_row_add(struct store *st, int64_t vid, int position,
                           const struct soa_row *r)
{
	char *risks = join_risks(r), *evidence = join_lines(r->evidence, r->nevidence);
	int rc = db_exec(
	        st,
	        "INSERT INTO soa_version_row (version_id, position, ref, title, theme, "
	        "applicable, exclusion, reason_risk, " REASON_COLUMNS
	        ", status, derived_status, override_reason, gap_status, risks, evidence) "
	        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	        SQL_ARGS(ARG_INT(vid), ARG_INT(position), ARG_TEXT(r->ref),
	                 ARG_TEXT(r->title), ARG_TEXT(r->theme), ARG_BOOL(r->applicable),
	                 ARG_TEXT(r->exclusion), ARG_TEXT(r->reason[SOA_REASON_RISK]),
	                 ARG_TEXT(r->reason[SOA_REASON_LEGAL]),
	                 ARG_TEXT(r->reason[SOA_REASON_CONTRACTUAL]),
	                 ARG_TEXT(r->reason[SOA_REASON_BUSINESS]),
	                 ARG_TEXT(r->reason[SOA_REASON_BEST_PRACTICE]),
	                 ARG_TEXT(soa_impl_name(r->status)),
	                 ARG_TEXT(soa_impl_name(r->derived)),
	                 ARG_TEXT(r->override_reason), ARG_TEXT(gap_status_name(r->gap)),
	                 ARG_TEXT(risks), ARG_TEXT(evidence)));

	free(risks);
	free(evidence);
	return rc;
}

int store_soa_version_add(struct store *st, int64_t org_id, const char *by,
                          const char *on, const struct soa *s, int *version)
{
	char now[32];
	int64_t next = 0, vid = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(
	        st,
	        "SELECT coalesce(max(version), 0) + 1 FROM soa_version WHERE org_id = ?",
	        SQL_ARGS(ARG_INT(org_id)), &next);
	if (rc > 0)
		rc = db_int(
		        st,
		        "INSERT INTO soa_version (org_id, version, approved_by, "
		        "approved_on, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
		        SQL_ARGS(ARG_INT(org_id), ARG_INT(next), ARG_TEXT(by),
		                 ARG_TEXT(on), ARG_TEXT(now)),
		        &vid);
	if (rc == -E_EXISTS)
		rc = error_set(E_CONFLICT,
		               "another approval of this SoA landed first; try again");
	if (rc > 0)
		rc = 0;
	for (size_t i = 0; !rc && i < s->n; i++)
		rc = version_row_add(st, vid, (int)i + 1, &s->v[i]);
	*version = (int)next;
	return store_end(st, rc);
}

static void split_risks(const char *s, struct soa_row *r)
{
	while (s && *s) {
		char *end;
		long long id = strtoll(s, &end, 10);

		if (end == s)
			break;
		ALLOC_GROW(r->risks, r->nrisks + 1, r->alloc_risks);
		r->risks[r->nrisks++] = id;
		s = *end == ',' ? end + 1 : end;
	}
}

static void split_lines(const char *s, struct soa_row *r)
{
	while (s && *s) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);

		ALLOC_GROW(r->evidence, r->nevidence + 1, r->alloc_evidence);
		r->evidence[r->nevidence++] = xstrndup(s, len);
		s = end ? end + 1 : NULL;
	}
}

static int version_rows(struct store *st, struct soa_version *v)
{
	struct db_rows *rows;
	int rc = st->ops->query(
	        st,
	        "SELECT ref, title, theme, applicable, exclusion, "
	        "reason_risk, " REASON_COLUMNS
	        ", status, derived_status, override_reason, gap_status, risks, evidence "
	        "FROM soa_version_row WHERE version_id = ? ORDER BY position",
	        SQL_ARGS(ARG_INT(v->id)), &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		struct soa_row *r;
		enum soa_impl s = SOA_NOT_IMPLEMENTED;

		ALLOC_GROW(v->soa.v, v->soa.n + 1, v->soa.alloc);
		r = &v->soa.v[v->soa.n++];
		memset(r, 0, sizeof(*r));
		r->ref = db_strdup(st, rows, 0);
		r->title = db_strdup(st, rows, 1);
		r->theme = db_strdup(st, rows, 2);
		r->applicable = st->ops->integer(rows, 3) != 0;
		r->exclusion = db_strdup(st, rows, 4);
		for (int k = SOA_REASON_RISK; k < SOA_REASON__COUNT; k++)
			r->reason[k] = db_strdup(st, rows, 5 + k);
		soa_impl_parse(st->ops->text(rows, 10), &s);
		r->status = s;
		soa_impl_parse(st->ops->text(rows, 11), &s);
		r->derived = s;
		r->override_reason = db_strdup(st, rows, 12);
		r->overridden = r->override_reason != NULL;
		gap_status_parse(st->ops->text(rows, 13), &r->gap);
		split_risks(st->ops->text(rows, 14), r);
		split_lines(st->ops->text(rows, 15), r);
	}
	st->ops->done(rows);
	error_clear();
	return rc < 0 ? rc : 0;
}

#define VERSION_COLUMNS \
	"id, version, approved_by, approved_on, created_at FROM soa_version "

static void version_from_row(struct store *st, struct db_rows *rows,
                             struct soa_version *v)
{
	memset(v, 0, sizeof(*v));
	v->id = st->ops->integer(rows, 0);
	v->version = (int)st->ops->integer(rows, 1);
	v->approved_by = db_strdup(st, rows, 2);
	v->approved_on = db_strdup(st, rows, 3);
	v->created_at = db_strdup(st, rows, 4);
}

int store_soa_version_get(struct store *st, int64_t org_id, int version,
                          struct soa_version *out)
{
	struct db_rows *rows;
	int rc;

	memset(out, 0, sizeof(*out));
	if (version > 0)
		rc = st->ops->query(
		        st, "SELECT " VERSION_COLUMNS "WHERE org_id = ? AND version = ?",
		        SQL_ARGS(ARG_INT(org_id), ARG_INT(version)), &rows);
	else
		rc = st->ops->query(st,
		                    "SELECT " VERSION_COLUMNS
		                    "WHERE org_id = ? ORDER BY version DESC LIMIT 1",
		                    SQL_ARGS(ARG_INT(org_id)), &rows);
	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0)
		version_from_row(st, rows, out);
	st->ops->done(rows);
	if (rc == 0 && version > 0)
		return error_set(E_NOTFOUND,
		                 "no SoA version %d (see 'isms soa versions')", version);
	if (rc == 0)
		return error_set(
		        E_NOTFOUND,
		        "no approved SoA yet: approve one with 'isms soa approve --by "
		        "NAME'");
	if (rc > 0)
		rc = version_rows(st, out);
	if (rc < 0)
		soa_version_release(out);
	return rc < 0 ? rc : 0;
}

int store_soa_version_list(struct store *st, int64_t org_id, struct soa_version_list *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(
	        st, "SELECT " VERSION_COLUMNS "WHERE org_id = ? ORDER BY version",
	        SQL_ARGS(ARG_INT(org_id)), &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		version_from_row(st, rows, &out->v[out->n++]);
	}
	st->ops->done(rows);
	if (rc < 0)
		soa_version_list_release(out);
	return rc < 0 ? rc : 0;
}
