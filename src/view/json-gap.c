/*
 * json-gap.c - the JSON of gap assessments and evidence that is more than
 * one record: summaries, an item with its evidence, scores per
 * organisation, comparisons.  Shared by `isms gap`, `isms evidence` and
 * the HTTP API, so that both give the same document.
 */
#include <string.h>

#include "view/json.h"

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *json_assessment_summary(const struct assessment *a, const struct gap_score *sc)
{
	json_t *o = json_assessment(a);

	json_object_set_new(o, "overall", json_percent(sc->all.readiness));
	json_object_set_new(o, "coverage", json_percent(sc->all.coverage));
	json_object_set_new(o, "verdict", json_string(gap_verdict_name(sc->verdict)));
	return o;
}

json_t *json_gap_item(const struct gap_row *r, const struct assessment *a,
                      const struct evidence_list *evs, const char *today)
{
	json_t *o = json_gap_row(r), *linked = json_array();

	for (size_t i = 0; i < evs->n; i++)
		for (size_t j = 0; j < evs->v[i].nrefs; j++)
			if (!strcmp(evs->v[i].refs[j], r->ref))
				json_array_append_new(linked,
				                      json_evidence(&evs->v[i], today));
	json_object_set_new(o, "linked_evidence", linked);
	json_object_set_new(o, "assessment", json_assessment(a));
	return o;
}

json_t *json_gap_score_entry(const struct org *org, const struct assessment *a,
                             const struct gap_score *sc)
{
	json_t *o, *score;

	/* No assessment (and so no score) yet. */
	if (!a || !sc)
		return json_pack("{s:o, s:o, s:n, s:n, s:n, s:n, s:n, s:n, s:s, s:[s], "
		                 "s:[]}",
		                 "org", text_or_null(org->slug), "name",
		                 text_or_null(org->name), "assessment", "overall",
		                 "coverage", "by_clause", "by_theme", "counts", "verdict",
		                 "not-ready", "reasons", "no gap assessment yet",
		                 "flags");
	o = json_pack("{s:o, s:o, s:o}", "org", text_or_null(org->slug), "name",
	              text_or_null(org->name), "assessment", json_assessment(a));
	score = json_gap_score(sc);
	json_object_update(o, score);
	json_decref(score);
	return o;
}

static double round1(double v)
{
	return (double)(long long)(v * 10.0 + (v < 0 ? -0.5 : 0.5)) / 10.0;
}

double json_percent_delta(double from, double to)
{
	return round1(to) - round1(from);
}

/* Readiness per group in both, keyed by group, with the change. */
static json_t *group_deltas(const struct gap_diff_side *from,
                            const struct gap_diff_side *to, bool clauses)
{
	json_t *o = json_object();

	for (size_t i = 0; i < to->score->ngroups; i++) {
		const struct gap_group_score *g = &to->score->groups[i];
		double before = 0;

		if (g->is_clause != clauses)
			continue;
		for (size_t j = 0; j < from->score->ngroups; j++)
			if (!strcmp(from->score->groups[j].group, g->group))
				before = from->score->groups[j].tally.readiness;
		json_object_set_new(
		        o, g->group,
		        json_pack("{s:f, s:f, s:f}", "from", round1(before), "to",
		                  round1(g->tally.readiness), "delta",
		                  json_percent_delta(before, g->tally.readiness)));
	}
	return o;
}

json_t *json_gap_diff(const struct gap_diff_side *from, const struct gap_diff_side *to)
{
	json_t *lists[CHANGE__COUNT] = { 0 }, *o;
	size_t same = 0;

	for (int c = 0; c < CHANGE__COUNT; c++)
		lists[c] = json_array();
	for (size_t i = 0; i < to->rows->n && i < from->rows->n; i++) {
		const struct gap_row *a = &from->rows->v[i], *b = &to->rows->v[i];
		enum gap_change c = gap_change_of(a->status, b->status);

		if (c == CHANGE_SAME) {
			same++;
			continue;
		}
		json_array_append_new(lists[c],
		                      json_pack("{s:o, s:o, s:s, s:s}", "ref",
		                                text_or_null(b->ref), "title",
		                                text_or_null(b->title), "from",
		                                gap_status_name(a->status), "to",
		                                gap_status_name(b->status)));
	}
	o = json_pack(
	        "{s:o, s:o, s:{s:f, s:f}, s:o, s:o}", "from",
	        json_assessment_summary(from->a, from->score), "to",
	        json_assessment_summary(to->a, to->score), "delta", "overall",
	        json_percent_delta(from->score->all.readiness, to->score->all.readiness),
	        "coverage",
	        json_percent_delta(from->score->all.coverage, to->score->all.coverage),
	        "by_clause", group_deltas(from, to, true), "by_theme",
	        group_deltas(from, to, false));
	for (int c = 1; c < CHANGE__COUNT; c++)
		json_object_set(o, gap_change_name((enum gap_change)c), lists[c]);
	json_object_set_new(o, "unchanged", json_integer((json_int_t)same));
	for (int c = 0; c < CHANGE__COUNT; c++)
		json_decref(lists[c]);
	return o;
}

json_t *json_evidence_added(const struct evidence *e, const char *today, bool existed)
{
	json_t *o = json_evidence(e, today);

	json_object_set_new(o, "existed", json_boolean(existed));
	return o;
}

json_t *json_evidence_list(const struct evidence_list *list, const char *today)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < list->n; i++)
		json_array_append_new(arr, json_evidence(&list->v[i], today));
	return arr;
}
