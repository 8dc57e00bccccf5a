#include "gap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

static const char *const status_names[GAP__COUNT] = {
	[GAP_NOT_ASSESSED] = "not-assessed",
	[GAP_NONCONFORMING] = "nonconforming",
	[GAP_PARTIAL] = "partial",
	[GAP_CONFORMING] = "conforming",
	[GAP_NA] = "na",
};

const char *gap_status_name(enum gap_status s)
{
	return (unsigned)s < GAP__COUNT ? status_names[s] : "?";
}

int gap_status_parse(const char *s, enum gap_status *out)
{
	for (int i = 0; i < GAP__COUNT; i++) {
		if (!strcmp(s, status_names[i])) {
			*out = (enum gap_status)i;
			return 0;
		}
	}
	return error_set(E_INVALID,
	                 "unknown status '%s' (expected conforming, partial, "
	                 "nonconforming, na or not-assessed)",
	                 s);
}

const char *gap_maturity_label(int level)
{
	static const char *const labels[] = {
		"0 non-existent", "1 initial (ad hoc)",   "2 repeatable",
		"3 defined",      "4 managed (measured)", "5 optimised",
	};

	if (level < 0 || level > GAP_MATURITY_MAX)
		return "not rated";
	return labels[level];
}

static const char *const kind_names[EV__COUNT] = {
	[EV_POLICY] = "policy",       [EV_PROCEDURE] = "procedure",
	[EV_RECORD] = "record",       [EV_LOG] = "log",
	[EV_CONFIG] = "config",       [EV_SCREENSHOT] = "screenshot",
	[EV_INTERVIEW] = "interview", [EV_OTHER] = "other",
};

const char *evidence_kind_name(enum evidence_kind k)
{
	return (unsigned)k < EV__COUNT ? kind_names[k] : "?";
}

int evidence_kind_parse(const char *s, enum evidence_kind *out)
{
	for (int i = 0; i < EV__COUNT; i++) {
		if (!strcmp(s, kind_names[i])) {
			*out = (enum evidence_kind)i;
			return 0;
		}
	}
	return error_set(E_INVALID,
	                 "unknown evidence kind '%s' (expected policy, procedure, "
	                 "record, log, config, screenshot, interview or other)",
	                 s);
}

static const char *const origin_names[ORIGIN__COUNT] = {
	[ORIGIN_ORGANISATION] = "organisation",
	[ORIGIN_GAP] = "gap-assessment",
	[ORIGIN_AUDIT] = "internal-audit",
};

const char *evidence_origin_name(enum evidence_origin o)
{
	return (unsigned)o < ORIGIN__COUNT ? origin_names[o] : "?";
}

int evidence_origin_parse(const char *s, enum evidence_origin *out)
{
	for (int i = 0; i < ORIGIN__COUNT; i++) {
		if (!strcmp(s, origin_names[i])) {
			*out = (enum evidence_origin)i;
			return 0;
		}
	}
	return error_set(E_INVALID,
	                 "unknown evidence origin '%s' (expected organisation, "
	                 "gap-assessment or internal-audit)",
	                 s);
}

bool evidence_kind_is_paper(enum evidence_kind k)
{
	return k == EV_POLICY || k == EV_PROCEDURE;
}

bool gap_evidence_paper_only(const struct gap_evidence_facts *ev)
{
	return ev->valid > 0 && ev->valid == ev->valid_paper;
}

int gap_check_status(const char *ref, bool is_clause, enum gap_status status,
                     const char *justification, int maturity,
                     const struct gap_evidence_facts *ev)
{
	if (maturity < -1 || maturity > GAP_MATURITY_MAX)
		return error_set(E_INVALID, "%s: maturity must be 0 to %d", ref,
		                 GAP_MATURITY_MAX);
	if (status == GAP_NA) {
		if (is_clause)
			return error_set(E_INVALID,
			                 "%s: a management-system requirement (clauses "
			                 "4-10) cannot be not applicable",
			                 ref);
		if (!justification || text_blank(justification))
			return error_set(E_INVALID,
			                 "%s: 'na' needs a justification "
			                 "(--justification TEXT)",
			                 ref);
	}
	if (status == GAP_CONFORMING && ev->valid < 1)
		return error_set(E_CONFLICT,
		                 "%s cannot be conforming without evidence: link at "
		                 "least one unexpired evidence item first (isms "
		                 "evidence link SHA256 %s)",
		                 ref, ref);
	return 0;
}

void gap_tally_add(struct gap_tally *t, enum gap_status s)
{
	if ((unsigned)s >= GAP__COUNT)
		return;
	t->counts[s]++;
	t->total++;
}

void gap_tally_finish(struct gap_tally *t)
{
	size_t applicable = t->total - t->counts[GAP_NA];

	t->readiness = applicable ? 100.0 *
	                                    ((double)t->counts[GAP_CONFORMING] +
	                                     0.5 * (double)t->counts[GAP_PARTIAL]) /
	                                    (double)applicable
	                          : 0.0;
	t->coverage = t->total
	                      ? 100.0 * (double)(t->total - t->counts[GAP_NOT_ASSESSED]) /
	                                (double)t->total
	                      : 0.0;
}

const char *gap_verdict_name(enum gap_verdict v)
{
	switch (v) {
	case VERDICT_READY:
		return "ready";
	case VERDICT_READY_WITH_GAPS:
		return "ready-with-gaps";
	default:
		return "not-ready";
	}
}

static struct gap_flag *flag_new(struct gap_score *s, const char *code)
{
	struct gap_flag *f;

	ALLOC_GROW(s->flags, s->nflags + 1, s->alloc_flags);
	f = &s->flags[s->nflags++];
	memset(f, 0, sizeof(*f));
	f->code = code;
	return f;
}

static void flag_ref(struct gap_flag *f, const char *ref)
{
	ALLOC_GROW(f->refs, f->nrefs + 1, f->alloc_refs);
	f->refs[f->nrefs++] = xstrdup(ref);
}

static void reason(struct gap_score *s, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

static void reason(struct gap_score *s, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(s->reasons, s->nreasons + 1, s->alloc_reasons);
	s->reasons[s->nreasons++] = strbuf_detach(&sb, NULL);
}

static struct gap_group_score *group_of(struct gap_score *s, const struct gap_fact *f)
{
	for (size_t i = 0; i < s->ngroups; i++)
		if (!strcmp(s->groups[i].group, f->group))
			return &s->groups[i];
	ALLOC_GROW(s->groups, s->ngroups + 1, s->alloc_groups);
	memset(&s->groups[s->ngroups], 0, sizeof(s->groups[0]));
	s->groups[s->ngroups].group = f->group;
	s->groups[s->ngroups].is_clause = f->is_clause;
	return &s->groups[s->ngroups++];
}

/* Collect the refs of facts matching `pred` into a flag, if any match. */
static void flag_if(struct gap_score *s, const struct gap_fact *facts, size_t n,
                    bool (*pred)(const struct gap_fact *), const char *code,
                    const char *what)
{
	struct gap_flag *f = NULL;

	for (size_t i = 0; i < n; i++) {
		if (!pred(&facts[i]))
			continue;
		if (!f)
			f = flag_new(s, code);
		flag_ref(f, facts[i].ref);
	}
	if (f) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "%zu item%s %s", f->nrefs, f->nrefs == 1 ? "" : "s",
		            what);
		f->message = strbuf_detach(&sb, NULL);
	}
}

static bool is_paper_only(const struct gap_fact *f)
{
	return (f->status == GAP_CONFORMING || f->status == GAP_PARTIAL) &&
	       gap_evidence_paper_only(&f->ev);
}

static bool is_clause_unassessed(const struct gap_fact *f)
{
	return f->is_clause && f->status == GAP_NOT_ASSESSED;
}

static bool is_conforming_unsupported(const struct gap_fact *f)
{
	return f->status == GAP_CONFORMING && f->ev.valid == 0;
}

static void decide(struct gap_score *s, const struct gap_fact *facts, size_t n)
{
	size_t clause_nc = 0, clause_na = 0, clause_partial = 0, control_nc = 0,
	       control_na_assessed = 0;

	for (size_t i = 0; i < n; i++) {
		const struct gap_fact *f = &facts[i];

		if (f->is_clause) {
			clause_nc += f->status == GAP_NONCONFORMING;
			clause_na += f->status == GAP_NOT_ASSESSED;
			clause_partial += f->status == GAP_PARTIAL;
		} else {
			control_nc += f->status == GAP_NONCONFORMING;
			control_na_assessed += f->status == GAP_NOT_ASSESSED;
		}
	}
	s->verdict = VERDICT_READY_WITH_GAPS;
	if (clause_na) {
		s->verdict = VERDICT_NOT_READY;
		reason(s,
		       "%zu management-system requirement%s (clauses 4-10) %s not "
		       "assessed",
		       clause_na, clause_na == 1 ? "" : "s",
		       clause_na == 1 ? "is" : "are");
	}
	if (clause_nc) {
		s->verdict = VERDICT_NOT_READY;
		reason(s, "%zu management-system requirement%s nonconforming", clause_nc,
		       clause_nc == 1 ? " is" : "s are");
	}
	if (s->all.readiness < GAP_NOT_READY_BELOW) {
		s->verdict = VERDICT_NOT_READY;
		reason(s, "overall readiness %.1f%% is below %.0f%%", s->all.readiness,
		       GAP_NOT_READY_BELOW);
	}
	if (s->verdict == VERDICT_NOT_READY)
		return;
	if (clause_partial)
		reason(s, "%zu management-system requirement%s only partially met",
		       clause_partial, clause_partial == 1 ? " is" : "s are");
	if (control_nc)
		reason(s, "%zu Annex A control%s nonconforming", control_nc,
		       control_nc == 1 ? " is" : "s are");
	if (control_na_assessed)
		reason(s, "%zu control%s not assessed", control_na_assessed,
		       control_na_assessed == 1 ? " is" : "s are");
	if (s->all.readiness < GAP_READY_MIN)
		reason(s, "overall readiness %.1f%% is below %.0f%%", s->all.readiness,
		       GAP_READY_MIN);
	for (size_t i = 0; i < s->nflags; i++)
		reason(s, "flag %s: %s", s->flags[i].code, s->flags[i].message);
	if (!s->nreasons) {
		s->verdict = VERDICT_READY;
		reason(s,
		       "every requirement is conforming, no control is "
		       "nonconforming, and readiness is %.1f%%",
		       s->all.readiness);
	}
}

void gap_score_compute(const struct gap_fact *facts, size_t n,
                       size_t unjustified_exclusions, bool has_scope_statement,
                       struct gap_score *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		gap_tally_add(&out->all, facts[i].status);
		gap_tally_add(&group_of(out, &facts[i])->tally, facts[i].status);
	}
	gap_tally_finish(&out->all);
	for (size_t i = 0; i < out->ngroups; i++)
		gap_tally_finish(&out->groups[i].tally);

	flag_if(out, facts, n, is_clause_unassessed, "clauses-unassessed",
	        "of clauses 4-10 not assessed: the management system is where most "
	        "gaps are");
	flag_if(out, facts, n, is_paper_only, "paper-only",
	        "shown only by policies or procedures: written, not shown to operate");
	flag_if(out, facts, n, is_conforming_unsupported, "conforming-without-evidence",
	        "conforming but with no unexpired evidence linked (expired or unlinked "
	        "since)");
	if (unjustified_exclusions) {
		struct gap_flag *f = flag_new(out, "unjustified-exclusions");
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "%zu scope item%s excluded without a justification",
		            unjustified_exclusions,
		            unjustified_exclusions == 1 ? "" : "s");
		f->message = strbuf_detach(&sb, NULL);
	}
	if (!has_scope_statement) {
		struct gap_flag *f = flag_new(out, "no-scope-statement");

		f->message = xstrdup("the ISMS scope statement is not written down");
	}
	decide(out, facts, n);
}

void gap_score_release(struct gap_score *s)
{
	for (size_t i = 0; i < s->nflags; i++) {
		free(s->flags[i].message);
		for (size_t j = 0; j < s->flags[i].nrefs; j++)
			free(s->flags[i].refs[j]);
		free(s->flags[i].refs);
	}
	free(s->flags);
	free(s->groups);
	for (size_t i = 0; i < s->nreasons; i++)
		free(s->reasons[i]);
	free(s->reasons);
	memset(s, 0, sizeof(*s));
}

const char *gap_change_name(enum gap_change c)
{
	static const char *const names[CHANGE__COUNT] = {
		"same", "improved", "regressed", "new", "dropped", "applicability",
	};

	return (unsigned)c < CHANGE__COUNT ? names[c] : "?";
}

enum gap_change gap_change_of(enum gap_status from, enum gap_status to)
{
	if (from == to)
		return CHANGE_SAME;
	if (from == GAP_NA || to == GAP_NA)
		return CHANGE_APPLICABILITY;
	if (from == GAP_NOT_ASSESSED)
		return CHANGE_NEW;
	if (to == GAP_NOT_ASSESSED)
		return CHANGE_DROPPED;
	/* The enum runs from worst to best. */
	return to > from ? CHANGE_IMPROVED : CHANGE_REGRESSED;
}

static const char *const effort_names[EFFORT__COUNT] = { "S", "M", "L", "XL" };

const char *gap_effort_name(enum gap_effort e)
{
	return (unsigned)e < EFFORT__COUNT ? effort_names[e] : "?";
}

int gap_effort_parse(const char *s, enum gap_effort *out)
{
	for (int i = 0; i < EFFORT__COUNT; i++) {
		if (!strcasecmp(s, effort_names[i])) {
			*out = (enum gap_effort)i;
			return 0;
		}
	}
	return error_set(E_INVALID, "unknown effort '%s' (expected S, M, L or XL)", s);
}

enum gap_effort gap_effort_default(enum gap_status s)
{
	return s == GAP_NONCONFORMING ? EFFORT_L : EFFORT_M;
}

int gap_action_cmp(const struct gap_action_key *a, const struct gap_action_key *b)
{
	if (a->is_clause != b->is_clause)
		return a->is_clause ? -1 : 1;
	if (a->status != b->status) /* NONCONFORMING sorts before PARTIAL */
		return a->status < b->status ? -1 : 1;
	if (a->risk_level != b->risk_level)
		return a->risk_level > b->risk_level ? -1 : 1;
	if (a->effort != b->effort)
		return a->effort < b->effort ? -1 : 1;
	if (a->position != b->position)
		return a->position < b->position ? -1 : 1;
	return strcmp(a->ref, b->ref);
}

/* qsort() has no context argument; each thread keeps its own key table. */
static _Thread_local const struct gap_action_key *sort_keys;

static int cmp_index(const void *x, const void *y)
{
	const struct gap_action_key *a = &sort_keys[*(const size_t *)x];
	const struct gap_action_key *b = &sort_keys[*(const size_t *)y];

	if (a->manual_rank != b->manual_rank)
		return a->manual_rank < b->manual_rank ? -1 : 1;
	return gap_action_cmp(a, b);
}

void gap_actions_order(const struct gap_action_key *keys, size_t n, size_t *order)
{
	size_t *pinned = xcalloc(n ? n : 1, sizeof(size_t));
	size_t *free_ = xcalloc(n ? n : 1, sizeof(size_t));
	size_t np = 0, nf = 0, ip = 0, iff = 0;

	for (size_t i = 0; i < n; i++) {
		if (keys[i].manual_rank > 0)
			pinned[np++] = i;
		else
			free_[nf++] = i;
	}
	sort_keys = keys;
	qsort(pinned, np, sizeof(size_t), cmp_index);
	qsort(free_, nf, sizeof(size_t), cmp_index);
	sort_keys = NULL;
	for (size_t pos = 1; pos <= n; pos++) {
		if (ip < np && ((size_t)keys[pinned[ip]].manual_rank <= pos || iff == nf))
			order[pos - 1] = pinned[ip++];
		else
			order[pos - 1] = free_[iff++];
	}
	free(pinned);
	free(free_);
}

void assessment_release(struct assessment *a)
{
	free(a->framework);
	free(a->name);
	free(a->assessed_on);
	free(a->assessor);
	free(a->created_at);
	memset(a, 0, sizeof(*a));
}

void assessment_list_release(struct assessment_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		assessment_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int assessment_validate(const char *name, const char *date, const char *assessor)
{
	int rc = text_check("assessment name", name, TEXT_NAME_MAX, TEXT_REQUIRED);

	if (!rc)
		rc = date_check("assessment date", date);
	if (!rc)
		rc = text_check("assessor", assessor, TEXT_NAME_MAX, 0);
	return rc;
}

void evidence_release(struct evidence *e)
{
	free(e->title);
	free(e->filename);
	free(e->collected_on);
	free(e->valid_until);
	free(e->added_at);
	for (size_t i = 0; i < e->nrefs; i++)
		free(e->refs[i]);
	free(e->refs);
	memset(e, 0, sizeof(*e));
}

void evidence_list_release(struct evidence_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		evidence_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int evidence_validate(const char *title, const char *collected_on,
                      const char *valid_until)
{
	int rc = text_check("evidence title", title, TEXT_NAME_MAX, TEXT_REQUIRED);

	if (!rc)
		rc = date_check("collection date", collected_on);
	if (!rc && valid_until)
		rc = date_check("valid-until date", valid_until);
	if (!rc && valid_until && strcmp(valid_until, collected_on) < 0)
		rc = error_set(E_INVALID,
		               "valid-until date %s is before the collection date %s",
		               valid_until, collected_on);
	return rc;
}

int evidence_sha_check(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	if (s[n] || n < 8 || n > 64)
		return error_set(
		        E_INVALID,
		        "'%.70s' is not a SHA-256 digest or a prefix of 8 or more "
		        "of its lower-case hex digits",
		        s);
	return 0;
}

bool evidence_expired(const struct evidence *e, const char *today)
{
	/* ISO dates compare correctly as strings. */
	return e->valid_until && strcmp(e->valid_until, today) < 0;
}

void gap_row_release(struct gap_row *r)
{
	free(r->ref);
	free(r->title);
	free(r->group);
	free(r->owner);
	free(r->notes);
	free(r->target_date);
	free(r->justification);
	free(r->updated_at);
	free(r->action_owner);
	free(r->due_on);
	free(r->resources);
	free(r->action_status);
	free(r->rank_reason);
	memset(r, 0, sizeof(*r));
}

void gap_row_list_release(struct gap_row_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		gap_row_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static const char *phase_of(long days)
{
	if (days <= 30)
		return "30";
	if (days <= 60)
		return "60";
	if (days <= 90)
		return "90";
	return "later";
}

void gap_roadmap_build(const struct gap_row *rows, size_t n, const char *assessed_on,
                       struct roadmap *out)
{
	struct gap_action_key *keys = xcalloc(n ? n : 1, sizeof(*keys));
	const struct gap_row **cand = xcalloc(n ? n : 1, sizeof(*cand));
	size_t *order, m = 0;

	for (size_t i = 0; i < n; i++) {
		const struct gap_row *r = &rows[i];

		if (r->status != GAP_NONCONFORMING && r->status != GAP_PARTIAL)
			continue;
		cand[m] = r;
		keys[m].ref = r->ref;
		keys[m].position = r->position;
		keys[m].is_clause = r->is_clause;
		keys[m].status = r->status;
		keys[m].risk_level = r->risk_level;
		keys[m].effort = r->effort >= 0 ? (enum gap_effort)r->effort
		                                : gap_effort_default(r->status);
		keys[m].manual_rank = r->manual_rank;
		m++;
	}
	order = xcalloc(m ? m : 1, sizeof(*order));
	gap_actions_order(keys, m, order);
	out->n = m;
	out->v = xcalloc(m ? m : 1, sizeof(*out->v));
	for (size_t p = 0; p < m; p++) {
		struct roadmap_entry *e = &out->v[p];
		const struct gap_row *r = cand[order[p]];
		const char *due = r->due_on ? r->due_on : r->target_date;

		e->row = r;
		e->priority = (int)p + 1;
		e->effort = keys[order[p]].effort;
		if (due) {
			snprintf(e->due, sizeof(e->due), "%s", due);
		} else {
			/* thirds of the list: 30, 60, 90 days */
			int days = 30 * (int)(1 + (3 * p) / (m ? m : 1));

			date_add_days(assessed_on, days, e->due);
			e->due_estimated = true;
		}
		e->phase = phase_of(date_diff_days(assessed_on, e->due));
		e->owner = r->action_owner && *r->action_owner ? r->action_owner
		           : r->owner                          ? r->owner
		                                               : "";
		e->status = r->action_status ? r->action_status : "open";
	}
	free(order);
	free(cand);
	free(keys);
}

void gap_roadmap_release(struct roadmap *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

int gap_action_status_check(const char *s)
{
	if (!strcmp(s, "open") || !strcmp(s, "in-progress") || !strcmp(s, "done"))
		return 0;
	return error_set(
	        E_INVALID,
	        "unknown action status '%s' (expected open, in-progress or done)", s);
}
