/*
 * gap.c - the gap assessment's operations: assessments, findings per item,
 * evidence, scores and the remediation roadmap.
 *
 * Each operation loads the facts a rule needs (the item's row with its
 * evidence counts as of today), applies the rule from core/gap.h, and
 * writes, all in one transaction.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "app/internal.h"
#include "core/error.h"
#include "core/text.h"
#include "core/xalloc.h"

int app_gap_new(struct store *st, const struct org *org, const char *name,
                const char *date, const char *assessor, struct assessment *out)
{
	char today[11];
	int rc;

	store_today(today);
	if (!date)
		date = today;
	if (!assessor)
		assessor = "";
	rc = assessment_validate(name, date, assessor);
	if (rc)
		return rc;
	return store_assessment_add(st, org->id, CATALOG_DEFAULT_FRAMEWORK, name, date,
	                            assessor, out);
}

/* The one row of a user-typed reference, with its evidence as of today. */
static int load_row(struct store *st, const struct assessment *a, const char *ref,
                    struct gap_row_list *out)
{
	struct catalog_item item;
	char today[11];
	int rc = app_catalog_get(st, a->framework, ref, &item);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	store_today(today);
	rc = store_gap_rows(st, a, item.ref, today, out);
	if (!rc && out->n != 1) {
		gap_row_list_release(out);
		rc = error_set(E_NOTFOUND, "no item '%s' in this assessment", ref);
	}
	catalog_item_release(&item);
	return rc;
}

int app_gap_row(struct store *st, const struct assessment *a, const char *ref,
                struct gap_row_list *out)
{
	return load_row(st, a, ref, out);
}

int app_gap_rows(struct store *st, const struct assessment *a, struct gap_row_list *out)
{
	char today[11];

	store_today(today);
	return store_gap_rows(st, a, NULL, today, out);
}

int app_take_text(char **field, const char *value, const char *what, size_t max,
                  unsigned flags)
{
	int rc;

	if (!value)
		return 0;
	free(*field);
	*field = NULL;
	if (!*value)
		return 0;
	rc = text_check(what, value, max, flags);
	if (!rc)
		*field = xstrdup(value);
	return rc;
}

int app_take_date(char **field, const char *value, const char *what)
{
	int rc = value && *value ? date_check(what, value) : 0;

	return rc ? rc : app_take_text(field, value, what, 10, 0);
}

int app_gap_set(struct store *st, const struct assessment *a, const char *ref,
                const struct gap_update *u)
{
	struct gap_row_list rows;
	struct gap_row *r;
	int rc;

	rc = store_begin(st);
	if (rc)
		return rc;
	rc = load_row(st, a, ref, &rows);
	if (rc)
		return store_end(st, rc);
	r = &rows.v[0];
	if (u->status)
		rc = gap_status_parse(u->status, &r->status);
	/* gap_check_status() below checks the range. */
	if (u->maturity != -1)
		r->maturity = u->maturity;
	if (!rc)
		rc = app_take_text(&r->owner, u->owner, "owner", TEXT_NAME_MAX, 0);
	if (!rc)
		rc = app_take_text(&r->notes, u->notes, "notes", TEXT_LONG_MAX,
		                   TEXT_MULTILINE);
	if (!rc)
		rc = app_take_date(&r->target_date, u->target_date, "target date");
	if (!rc && u->justification && r->status != GAP_NA && *u->justification)
		rc = error_set(
		        E_INVALID,
		        "%s: a justification is only for 'na' (use --note for other "
		        "remarks)",
		        r->ref);
	if (!rc)
		rc = app_take_text(&r->justification, u->justification, "justification",
		                   TEXT_SHORT_MAX, TEXT_MULTILINE);
	/* A justification of not-applicable goes with that status. */
	if (!rc && r->status != GAP_NA) {
		free(r->justification);
		r->justification = NULL;
	}
	if (!rc)
		rc = gap_check_status(r->ref, r->is_clause, r->status, r->justification,
		                      r->maturity, &r->ev);
	if (!rc)
		rc = store_gap_set(st, a, r->item_id, r);
	gap_row_list_release(&rows);
	return store_end(st, rc);
}

int app_gap_score(struct store *st, const struct org *org,
                  const struct gap_row_list *rows, struct gap_score *out)
{
	struct gap_fact *facts = xcalloc(rows->n ? rows->n : 1, sizeof(*facts));
	struct scope scope;
	size_t unjustified = 0;
	int rc = store_scope_get(st, org->id, &scope);

	if (rc) {
		free(facts);
		return rc;
	}
	for (size_t i = 0; i < scope.nitems; i++) {
		const struct scope_item *it = &scope.items[i];

		if (!it->in_scope &&
		    (!it->exclusion_reason || text_blank(it->exclusion_reason)))
			unjustified++;
	}
	for (size_t i = 0; i < rows->n; i++) {
		const struct gap_row *r = &rows->v[i];

		facts[i].ref = r->ref;
		facts[i].group = r->group;
		facts[i].is_clause = r->is_clause;
		facts[i].status = r->status;
		facts[i].ev = r->ev;
	}
	gap_score_compute(facts, rows->n, unjustified, !text_blank(scope.statement), out);
	scope_release(&scope);
	free(facts);
	return 0;
}

/* The row of an item that is on the roadmap (nonconforming or partial). */
static int load_action_row(struct store *st, const struct assessment *a, const char *ref,
                           struct gap_row_list *rows)
{
	int rc = load_row(st, a, ref, rows);

	if (rc)
		return rc;
	if (rows->v[0].status != GAP_NONCONFORMING && rows->v[0].status != GAP_PARTIAL) {
		rc = error_set(E_CONFLICT,
		               "%s is %s: only nonconforming and partial items have "
		               "remediation actions",
		               rows->v[0].ref, gap_status_name(rows->v[0].status));
		gap_row_list_release(rows);
	}
	return rc;
}

int app_gap_action(struct store *st, const struct assessment *a, const char *ref,
                   const struct action_update *u)
{
	struct gap_row_list rows;
	struct gap_row *r;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = load_action_row(st, a, ref, &rows);
	if (rc)
		return store_end(st, rc);
	r = &rows.v[0];
	rc = app_take_text(&r->action_owner, u->owner, "owner", TEXT_NAME_MAX, 0);
	if (!rc)
		rc = app_take_date(&r->due_on, u->due_on, "due date");
	if (!rc && u->effort) {
		enum gap_effort e;

		rc = gap_effort_parse(u->effort, &e);
		r->effort = (int)e;
	}
	if (!rc)
		rc = app_take_text(&r->resources, u->resources, "resources",
		                   TEXT_SHORT_MAX, TEXT_MULTILINE);
	if (!rc && u->status)
		rc = gap_action_status_check(u->status);
	if (!rc && u->status) {
		free(r->action_status);
		r->action_status = xstrdup(u->status);
	}
	if (!rc)
		rc = store_action_set(st, a, r->item_id, r);
	gap_row_list_release(&rows);
	return store_end(st, rc);
}

int app_gap_move(struct store *st, const struct assessment *a, const char *ref, int rank,
                 const char *reason)
{
	struct gap_row_list rows;
	struct gap_row *r;
	int rc;

	if (rank < 0 || rank > 100000)
		return error_set(E_INVALID,
		                 "position %d is out of range (1 or more; 0 to undo)",
		                 rank);
	if (rank > 0) {
		rc = text_check("reason", reason, TEXT_SHORT_MAX, TEXT_REQUIRED);
		if (rc == -E_INVALID && (!reason || text_blank(reason)))
			rc = error_set(E_INVALID, "moving an action by hand needs a "
			                          "reason (--reason TEXT)");
		if (rc)
			return rc;
	}
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = load_action_row(st, a, ref, &rows);
	if (rc)
		return store_end(st, rc);
	r = &rows.v[0];
	r->manual_rank = rank;
	free(r->rank_reason);
	r->rank_reason = rank > 0 ? xstrdup(reason) : NULL;
	rc = store_action_set(st, a, r->item_id, r);
	gap_row_list_release(&rows);
	return store_end(st, rc);
}

int app_evidence_add(struct store *st, const struct org *org, const char *path,
                     const struct evidence_meta *m, struct evidence *out, bool *existed)
{
	char today[11];
	const char *base = strrchr(path, '/');
	const char *collected = m->collected_on;
	struct stat sb;
	int fd, rc;

	memset(out, 0, sizeof(*out));
	*existed = false;
	store_today(today);
	if (!collected)
		collected = today;
	base = base && base[1] ? base + 1 : path;
	if (m->filename)
		base = m->filename;
	rc = evidence_kind_parse(m->kind, &out->kind);
	out->origin = ORIGIN_ORGANISATION;
	if (!rc && m->origin)
		rc = evidence_origin_parse(m->origin, &out->origin);
	if (!rc)
		rc = evidence_validate(m->title ? m->title : base, collected,
		                       m->valid_until);
	if (!rc)
		rc = text_check("file name", base, TEXT_NAME_MAX, TEXT_REQUIRED);
	/* A name given apart from the path is a name, never a path. */
	if (!rc && m->filename && strchr(m->filename, '/'))
		rc = error_set(E_INVALID, "file name '%s' is a path: give the name alone",
		               m->filename);
	if (rc)
		return rc;
	fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return error_set(E_IO, "cannot read evidence file '%s': %s", path,
		                 strerror(errno));
	if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		close(fd);
		return error_set(
		        E_IO, "cannot read evidence file '%s': not a regular file", path);
	}
	out->title = xstrdup(m->title ? m->title : base);
	out->filename = xstrdup(base);
	out->collected_on = xstrdup(collected);
	out->valid_until = xstrdup_or_null(m->valid_until);
	rc = store_begin(st);
	if (!rc)
		rc = store_blob_put(st, fd, out->sha256, &out->size, NULL);
	if (!rc)
		rc = store_evidence_add(st, org->id, out, existed);
	rc = store_end(st, rc);
	close(fd);
	if (rc)
		evidence_release(out);
	return rc;
}

int app_evidence_link(struct store *st, const struct org *org, const struct assessment *a,
                      const char *sha, const char *ref, bool link)
{
	struct evidence ev;
	struct gap_row_list rows;
	char today[11];
	bool changed = false;
	int rc;

	store_today(today);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_evidence_get(st, org->id, sha, &ev);
	if (rc)
		return store_end(st, rc);
	rc = load_row(st, a, ref, &rows);
	if (rc) {
		evidence_release(&ev);
		return store_end(st, rc);
	}
	if (!rc)
		rc = store_evidence_link(st, a, rows.v[0].item_id, ev.id, link, &changed);
	/* Unlinking must not leave a conforming item without valid evidence. */
	if (!rc && changed && !link && rows.v[0].status == GAP_CONFORMING) {
		struct gap_row_list after;

		rc = store_gap_rows(st, a, rows.v[0].ref, today, &after);
		if (!rc && after.n == 1 && after.v[0].ev.valid < 1)
			rc = error_set(
			        E_CONFLICT,
			        "%s is conforming and this is its only valid evidence: "
			        "link other evidence or change its status first",
			        rows.v[0].ref);
		gap_row_list_release(&after);
	}
	gap_row_list_release(&rows);
	evidence_release(&ev);
	return store_end(st, rc);
}

int app_gap_maturity_parse(const char *s, int *out)
{
	char *end;
	long v;

	*out = -1;
	if (!s)
		return 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || v < 0 || v > GAP_MATURITY_MAX)
		return error_set(E_INVALID,
		                 "maturity must be a whole number from 0 to %d, not '%s'",
		                 GAP_MATURITY_MAX, s);
	*out = (int)v;
	return 0;
}

int app_gap_items(struct store *st, const struct assessment *a, const char *status,
                  const char *group, struct gap_row_list *out)
{
	enum gap_status want = GAP_NOT_ASSESSED;
	char *code = NULL;
	size_t kept = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (status)
		rc = gap_status_parse(status, &want);
	if (!rc && group)
		rc = app_catalog_group(st, a->framework, group, &code);
	if (!rc)
		rc = app_gap_rows(st, a, out);
	for (size_t i = 0; !rc && i < out->n; i++) {
		struct gap_row *r = &out->v[i];

		if ((status && r->status != want) || (code && strcmp(code, r->group))) {
			gap_row_release(r);
			continue;
		}
		if (kept != i)
			out->v[kept] = *r;
		kept++;
	}
	if (!rc)
		out->n = kept;
	free(code);
	return rc;
}

static int load_side(struct store *st, const struct org *org, int64_t id,
                     struct gap_side *s)
{
	int rc = store_assessment_get(st, org->id, id, &s->a);

	if (!rc)
		rc = app_gap_rows(st, &s->a, &s->rows);
	if (!rc)
		rc = app_gap_score(st, org, &s->rows, &s->score);
	return rc;
}

int app_gap_diff_load(struct store *st, const struct org *org, int64_t from, int64_t to,
                      struct gap_side *from_out, struct gap_side *to_out)
{
	int rc;

	memset(from_out, 0, sizeof(*from_out));
	memset(to_out, 0, sizeof(*to_out));
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = load_side(st, org, from, from_out);
	if (!rc)
		rc = load_side(st, org, to, to_out);
	if (!rc && strcmp(from_out->a.framework, to_out->a.framework))
		rc = error_set(E_CONFLICT,
		               "assessments %lld and %lld are of different frameworks",
		               (long long)from_out->a.id, (long long)to_out->a.id);
	if (!rc && from_out->rows.n != to_out->rows.n)
		rc = error_set(E_INTERNAL, "the two assessments have different items");
	return store_end(st, rc);
}

void app_gap_side_release(struct gap_side *s)
{
	gap_score_release(&s->score);
	gap_row_list_release(&s->rows);
	assessment_release(&s->a);
	memset(s, 0, sizeof(*s));
}

int app_gap_position_parse(const char *s, int *out)
{
	char *end;
	long rank;

	*out = 0;
	rank = strtol(s, &end, 10);
	if (!*s || *end || rank < 1 || rank > 100000)
		return error_set(E_INVALID,
		                 "position must be a whole number from 1, not '%s'", s);
	*out = (int)rank;
	return 0;
}

int app_gap_action_get(struct store *st, const struct assessment *a, const char *ref,
                       struct gap_row_list *rows, struct roadmap *rm,
                       const struct roadmap_entry **entry)
{
	struct catalog_item item;
	int rc;

	memset(rows, 0, sizeof(*rows));
	memset(rm, 0, sizeof(*rm));
	*entry = NULL;
	rc = app_catalog_get(st, a->framework, ref, &item);
	if (rc)
		return rc;
	rc = app_gap_rows(st, a, rows);
	if (!rc)
		gap_roadmap_build(rows->v, rows->n, a->assessed_on, rm);
	for (size_t i = 0; !rc && i < rm->n && !*entry; i++)
		if (!strcmp(rm->v[i].row->ref, item.ref))
			*entry = &rm->v[i];
	if (!rc && !*entry)
		rc = error_set(E_NOTFOUND,
		               "%s has no remediation action: only nonconforming and "
		               "partial items are on the roadmap",
		               item.ref);
	catalog_item_release(&item);
	return rc;
}

int app_evidence_links_of(struct store *st, const struct org *org, int64_t id,
                          struct assessment *a, bool *have)
{
	int rc = store_assessment_get(st, org->id, id, a);

	*have = !rc;
	if (rc == -E_NOTFOUND && !id) {
		error_clear();
		return 0;
	}
	return rc;
}

/* What a certification body's auditor may see: never a gap assessment's notes. */
static bool audit_visible(const struct evidence *e, bool audit_only)
{
	return !audit_only || e->origin != ORIGIN_GAP;
}

int app_evidence_list(struct store *st, const struct org *org, const struct assessment *a,
                      bool audit_only, struct evidence_list *out)
{
	size_t kept = 0;
	int rc = store_evidence_list(st, org->id, a, out);

	for (size_t i = 0; !rc && i < out->n; i++) {
		if (!audit_visible(&out->v[i], audit_only)) {
			evidence_release(&out->v[i]);
			continue;
		}
		if (kept != i)
			out->v[kept] = out->v[i];
		kept++;
	}
	if (!rc)
		out->n = kept;
	return rc;
}

/* Move one item out of a list into *out (which must hold nothing). */
static void evidence_take(struct evidence_list *list, size_t i, struct evidence *out)
{
	*out = list->v[i];
	memset(&list->v[i], 0, sizeof(list->v[i]));
}

/* Among what a certification body's auditor may see only, so that what is
 * hidden never makes a prefix ambiguous. */
static int find_audit_visible(struct store *st, const struct org *org, const char *sha,
                              struct evidence *out)
{
	struct evidence_list list = { 0 };
	size_t found = 0, at = 0;
	int rc = app_evidence_list(st, org, NULL, true, &list);

	for (size_t i = 0; !rc && i < list.n; i++) {
		if (strncmp(list.v[i].sha256, sha, strlen(sha)))
			continue;
		if (!found++)
			at = i;
	}
	if (!rc && found > 1)
		rc = error_set(
		        E_INVALID,
		        "'%s' matches more than one evidence item: give more digits",
		        sha);
	else if (!rc && !found)
		rc = error_set(E_NOTFOUND, "no evidence %s (see 'isms evidence list')",
		               sha);
	if (!rc)
		evidence_take(&list, at, out);
	evidence_list_release(&list);
	return rc;
}

int app_evidence_get(struct store *st, const struct org *org, const char *sha,
                     const struct assessment *a, bool audit_only, struct evidence *out)
{
	struct evidence_list list = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	rc = evidence_sha_check(sha);
	if (!rc)
		rc = store_begin_read(st);
	if (rc)
		return rc;
	if (audit_only)
		rc = find_audit_visible(st, org, sha, out);
	else
		rc = store_evidence_get(st, org->id, sha, out);
	/* Its links in a, from the list that holds them. */
	if (!rc && a)
		rc = store_evidence_list(st, org->id, a, &list);
	for (size_t i = 0; !rc && i < list.n; i++) {
		if (list.v[i].id != out->id)
			continue;
		out->refs = list.v[i].refs;
		out->nrefs = list.v[i].nrefs;
		out->alloc_refs = list.v[i].alloc_refs;
		list.v[i].refs = NULL;
		list.v[i].nrefs = list.v[i].alloc_refs = 0;
	}
	if (rc)
		evidence_release(out);
	evidence_list_release(&list);
	return store_end(st, rc);
}
