/*
 * web-dashboard.c - an organisation's dashboard: readiness as pictures
 * (overall, per clause, per Annex A theme, the status of every item), the
 * lifecycle and its readiness gates, open nonconformities, overdue
 * corrective actions and the next 90 days of the calendar.  Everything
 * comes from the API's own answers; a role that may not read a part
 * simply does not see it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cert.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "http/http.h"
#include "http/web-pages.h"
#include "http/web.h"
#include "view/svg.h"

/* What the readiness percentages are about, in the order shown. */
struct label {
	const char *key, *label;
};

static const struct label clauses[] = {
	{ "4", "4 Context" },       { "5", "5 Leadership" },
	{ "6", "6 Planning" },      { "7", "7 Support" },
	{ "8", "8 Operation" },     { "9", "9 Performance evaluation" },
	{ "10", "10 Improvement" },
};
static const struct label themes[] = {
	{ "organizational", "A.5 Organizational" },
	{ "people", "A.6 People" },
	{ "physical", "A.7 Physical" },
	{ "technological", "A.8 Technological" },
};

static const struct {
	const char *key, *label;
	enum svg_tone tone;
} statuses[] = {
	{ "conforming", "conforming", SVG_GREEN },
	{ "partial", "partially conforming", SVG_AMBER },
	{ "nonconforming", "nonconforming", SVG_RED },
	{ "na", "not applicable", SVG_GREY },
	{ "not-assessed", "not assessed", SVG_LIGHT },
};

/* A percentage of the score, or -1 (not assessed) when it has none. */
static double percent(json_t *group, const char *key)
{
	json_t *v = json_object_get(group, key);

	return json_is_number(v) ? json_number_value(v) : -1;
}

/* The model's member name_svg: the chart, or nothing when it failed. */
static void put_chart(json_t *m, const char *name, struct strbuf *svg, int rc)
{
	if (!rc)
		json_object_set_new(m, name, json_stringn(svg->buf, svg->len));
	else
		error_clear();
	strbuf_reset(svg);
}

/* Bars of the score's percentages by group (`by`), labelled as given. */
static void percent_bars(json_t *m, const char *name, const char *id, const char *title,
                         json_t *by, const struct label *labels, size_t n)
{
	struct svg_bar bars[sizeof(clauses) / sizeof(clauses[0])];
	struct svg_mark target = { 80, "target 80%" };
	struct strbuf svg = STRBUF_INIT;

	for (size_t i = 0; i < n && i < sizeof(bars) / sizeof(bars[0]); i++)
		bars[i] = (struct svg_bar){ labels[i].label, percent(by, labels[i].key),
			                    NULL };
	struct svg_bar_chart c = { .id = id,
		                   .title = title,
		                   .bars = bars,
		                   .nbars = n,
		                   .marks = &target,
		                   .nmarks = 1 };
	put_chart(m, name, &svg, svg_bar_chart(&svg, &c));
	strbuf_release(&svg);
}

static void score_charts(json_t *m, json_t *score)
{
	struct svg_part parts[sizeof(statuses) / sizeof(statuses[0])];
	struct strbuf svg = STRBUF_INIT;
	json_t *counts = json_object_get(score, "counts");
	struct svg_gauge g = { .id = "readiness",
		               .title = "Overall readiness",
		               .value = percent(score, "overall"),
		               .caption = "readiness" };

	put_chart(m, "gauge_svg", &svg, svg_gauge(&svg, &g));
	percent_bars(m, "clauses_svg", "by-clause", "Readiness by clause (4-10)",
	             json_object_get(score, "by_clause"), clauses,
	             sizeof(clauses) / sizeof(clauses[0]));
	percent_bars(m, "themes_svg", "by-theme", "Readiness by Annex A theme",
	             json_object_get(score, "by_theme"), themes,
	             sizeof(themes) / sizeof(themes[0]));
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		parts[i] = (struct svg_part){ statuses[i].label,
			                      (size_t)json_integer_value(json_object_get(
			                              counts, statuses[i].key)),
			                      statuses[i].tone };
	struct svg_distribution d = { .id = "statuses",
		                      .title = "Requirements and controls by status",
		                      .parts = parts,
		                      .nparts = sizeof(parts) / sizeof(parts[0]) };
	put_chart(m, "statuses_svg", &svg, svg_distribution(&svg, &d));
	strbuf_release(&svg);
}

/* The seven steps of the lifecycle, up to the current one done. */
static void lifecycle(json_t *m, json_t *status)
{
	struct svg_step steps[STEP__COUNT];
	struct strbuf svg = STRBUF_INIT;
	json_t *step = json_object_get(status, "step"),
	       *next = json_object_get(status, "next");
	json_int_t current = json_integer_value(json_object_get(step, "number"));
	bool certified = json_is_true(json_object_get(status, "certified"));

	for (int i = 0; i < STEP__COUNT; i++) {
		steps[i].label = cert_step_title((enum cert_step)i);
		steps[i].date = NULL;
		steps[i].state = i + 1 < current || certified ? SVG_STEP_DONE
		                 : i + 1 == current           ? SVG_STEP_CURRENT
		                                              : SVG_STEP_DUE;
	}
	for (size_t i = 0; i < json_array_size(next); i++) {
		json_t *n = json_array_get(next, i);
		json_int_t k = json_integer_value(
		        json_object_get(json_object_get(n, "step"), "number"));

		if (k < 1 || k > STEP__COUNT)
			continue;
		if (!steps[k - 1].date)
			steps[k - 1].date = json_string_value(json_object_get(n, "due"));
		if (json_is_true(json_object_get(n, "overdue")))
			steps[k - 1].state = SVG_STEP_LATE;
	}
	{
		struct svg_timeline t = { .id = "lifecycle",
			                  .title = "Certification lifecycle",
			                  .steps = steps,
			                  .nsteps = STEP__COUNT };
		put_chart(m, "lifecycle_svg", &svg, svg_timeline(&svg, &t));
	}
	strbuf_release(&svg);
}

/* Open corrective actions of nonconformities, and the overdue ones. */
static void capa_counts(json_t *m, json_t *capas)
{
	json_int_t open = 0, overdue = 0, major = 0;

	for (size_t i = 0; i < json_array_size(capas); i++) {
		json_t *a = json_array_get(capas, i);
		const char *st = json_string_value(json_object_get(a, "status"));
		const char *sev = json_string_value(json_object_get(a, "severity"));

		if (st && (!strcmp(st, "closed") || !strcmp(st, "verified")))
			continue;
		open++;
		if (sev && !strcmp(sev, "major"))
			major++;
		if (json_is_true(json_object_get(a, "overdue")))
			overdue++;
	}
	json_object_set_new(m, "capa",
	                    json_pack("{s:I, s:I, s:I}", "open", open, "overdue", overdue,
	                              "major", major));
}

int web_dashboard(struct http_ctx *c)
{
	struct strbuf path = STRBUF_INIT;
	json_t *m, *list = NULL, *latest, *score = NULL, *status = NULL, *ready = NULL,
	           *capas = NULL, *calendar = NULL;
	const char *stage = "1";
	int rc = http_query_check(c, NULL_PARAMS);

	if (rc)
		return rc;
	m = web_model(c, "dashboard", "Dashboard");
	/* The latest gap assessment and its score. */
	web_org_api(&path, c, "/assessments?limit=1000");
	rc = http_call(c, path.buf, &list);
	latest = json_array_get(list, json_array_size(list) - 1);
	if (!rc && latest) {
		char rest[64];

		snprintf(rest, sizeof(rest), "/assessments/%lld/score",
		         (long long)json_integer_value(json_object_get(latest, "id")));
		web_org_api(&path, c, rest);
		rc = http_call(c, path.buf, &score);
		json_object_set(m, "assessment", latest);
	}
	if (!rc && score) {
		score_charts(m, score);
		json_object_set(m, "score", score);
	}
	if (!rc) {
		web_org_api(&path, c, "/cert/status");
		rc = http_call(c, path.buf, &status);
	}
	if (!rc && status) {
		const char *step = json_string_value(
		        json_object_get(json_object_get(status, "step"), "name"));

		lifecycle(m, status);
		json_object_set(m, "status", status);
		if (step && (!strcmp(step, "certification") || !strcmp(step, "maintain")))
			stage = "2";
		web_org_api(&path, c, "/cert/readiness?stage=");
		strbuf_addstr(&path, stage);
		rc = http_call(c, path.buf, &ready);
		if (!rc && ready)
			json_object_set(m, "readiness", ready);
	}
	if (!rc) {
		web_org_api(&path, c, "/capas?limit=1000");
		rc = http_call(c, path.buf, &capas);
		if (!rc && capas)
			capa_counts(m, capas);
	}
	if (!rc) {
		web_org_api(&path, c, "/calendar?days=90");
		rc = http_call(c, path.buf, &calendar);
		if (!rc && calendar)
			json_object_set(m, "calendar", calendar);
	}
	json_decref(list);
	json_decref(score);
	json_decref(status);
	json_decref(ready);
	json_decref(capas);
	json_decref(calendar);
	strbuf_release(&path);
	if (rc) {
		json_decref(m);
		return rc;
	}
	return web_render(c, "dashboard.html", m);
}
