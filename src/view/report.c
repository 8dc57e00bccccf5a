/*
 * report.c - the gap-assessment report in Markdown, HTML, CSV and JSON.
 *
 * Each renderer walks the same facts in the same order: the record, the
 * summary, the scope, the method, readiness by clause and theme, flags,
 * deficiencies, the roadmap, not-applicable items and the evidence index.
 * Text that came from a user goes through the escape of its format and
 * nothing else; the program's own wording is written as is.
 */
#include "view/report.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/xalloc.h"
#include "view/doc.h"
#include "view/json.h"
#include "view/svg.h"

/* ---- shared facts and wording ---- */

static const char *const format_names[] = {
	[REPORT_MD] = "md",
	[REPORT_HTML] = "html",
	[REPORT_CSV] = "csv",
	[REPORT_JSON] = "json",
};

#define NFORMATS (sizeof(format_names) / sizeof(*format_names))

int report_format_parse(const char *s, enum report_format *out)
{
	int i = doc_format_index(s, format_names, NFORMATS, "report");

	if (i < 0)
		return i;
	*out = (enum report_format)i;
	return 0;
}

const char *report_format_name(enum report_format f)
{
	return (unsigned)f < NFORMATS ? format_names[f] : "?";
}

/* The order statuses are shown in: best first, then the ones that do not
 * count towards readiness. */
static const enum gap_status shown_status[GAP__COUNT] = {
	GAP_CONFORMING, GAP_PARTIAL, GAP_NONCONFORMING, GAP_NA, GAP_NOT_ASSESSED,
};

static const char *const status_heading[GAP__COUNT] = {
	[GAP_NOT_ASSESSED] = "Not assessed",
	[GAP_NONCONFORMING] = "Nonconforming",
	[GAP_PARTIAL] = "Partial",
	[GAP_CONFORMING] = "Conforming",
	[GAP_NA] = "N/A",
};

static const char *const status_meaning[GAP__COUNT] = {
	[GAP_CONFORMING] = "implemented, operating and evidenced; needs at least one "
	                   "linked evidence item that has not expired",
	[GAP_PARTIAL] = "some elements are in place, but not all of them",
	[GAP_NONCONFORMING] = "missing or inadequate",
	[GAP_NA] = "not applicable: Annex A controls only, each with a recorded "
	           "justification; the requirements of clauses 4-10 always apply",
	[GAP_NOT_ASSESSED] = "nothing recorded yet; counts as 0 in readiness and "
	                     "shows as coverage",
};

static const char *const evidence_rules[] = {
	"An item can only be conforming with at least one linked evidence item "
	"that has not expired. Evidence expires when its valid-until date is "
	"before the report date; expired evidence stays linked and listed but no "
	"longer counts.",
	"Paper-only: a conforming or partial item whose valid evidence is all "
	"policies or procedures. These show intent written down, not that the "
	"requirement or control operates, and are flagged.",
	("Evidence is held by its SHA-256 digest, so the index below identifies "
	 "each file exactly."),
};

static const char *const verdict_rules[] = {
	"not-ready when any requirement of clauses 4-10 is not assessed, when any "
	"is nonconforming, or when overall readiness is below 60%.",
	"Otherwise ready-with-gaps when any requirement of clauses 4-10 is only "
	"partial, any Annex A control is nonconforming, any control is not "
	"assessed, overall readiness is below 90%, or any flag is raised; each "
	"of these is listed as a reason.",
	"ready when none of the above holds: every requirement conforms, every "
	"control is assessed and none is nonconforming, readiness is 90% or "
	"more, and nothing is flagged.",
};

static const char *const flag_rules[] = {
	"clauses-unassessed: requirements of clauses 4-10 not yet assessed.",
	"paper-only: items shown only by policies or procedures (see above).",
	("conforming-without-evidence: conforming items with no unexpired "
	 "evidence linked now (it expired or was unlinked since)."),
	"unjustified-exclusions: scope items excluded without a justification.",
	"no-scope-statement: the ISMS scope statement is not written down.",
};

static const char *const roadmap_rules[] = {
	"Every nonconforming and partial item is a remediation action.",
	"Priority: actions placed by hand keep their place (the reason is shown); "
	"the rest follow: requirements of clauses 4-10 before Annex A controls, "
	"nonconforming before partial, higher linked risk first, smaller effort "
	"first, then catalogue order. Effort not estimated is L for "
	"nonconforming and M for partial items.",
	"Due date: the action's, else the item's target date, else estimated "
	"from the priority (first third 30 days after the assessment, second "
	"third 60, the rest 90). The phase is the number of days from the "
	"assessment to the due date, rounded up to 30, 60 or 90, or later.",
};

#define TITLE "Gap assessment report"

#define FORMULA                                                                  \
	"Readiness = 100 x (conforming + 0.5 x partial) / (items that are not "  \
	"na). Not-assessed items count as 0; coverage = 100 x assessed items / " \
	"all items."

#define PLANNING_NOTE                                                             \
	"A gap assessment is a planning record: a diagnostic of what is missing " \
	"against the standard. Its findings and evidence links are not "          \
	"internal-audit evidence (clause 9.2) and are not a certification opinion."

/* One decimal place, rounded as the JSON output rounds. */
static double pct1(double v)
{
	return (double)(long long)(v * 10.0 + 0.5) / 10.0;
}

static const char *group_title(const struct gap_report *r, const char *code)
{
	const struct catalog_group *g = r->fw ? framework_group(r->fw, code) : NULL;

	return g && g->title ? g->title : "";
}

/* "4" for a clause, "A.5" for a theme with a reference, else its code. */
static const char *group_ref(const struct gap_report *r, const char *code)
{
	const struct catalog_group *g = r->fw ? framework_group(r->fw, code) : NULL;

	return g && g->ref ? g->ref : code;
}

static size_t assessed(const struct gap_tally *t)
{
	return t->total - t->counts[GAP_NOT_ASSESSED];
}

static bool is_paper_only(const struct gap_row *row)
{
	return gap_evidence_paper_only(&row->ev);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* The phase as a table shows it: within so many days of the assessment. */
static const char *phase_text(const char *phase)
{
	if (!strcmp(phase, "30"))
		return "30 days";
	if (!strcmp(phase, "60"))
		return "60 days";
	if (!strcmp(phase, "90"))
		return "90 days";
	return "later";
}

static size_t count_status(const struct gap_report *r, enum gap_status s)
{
	return r->score->all.counts[s];
}

/* The roadmap entry of each row (NULL when the row is not on it). */
static const struct roadmap_entry **entries_by_row(const struct gap_report *r)
{
	const struct roadmap_entry **by =
	        xcalloc(r->rows->n ? r->rows->n : 1, sizeof(*by));

	for (size_t i = 0; i < r->roadmap->n; i++) {
		const struct gap_row *row = r->roadmap->v[i].row;

		if (row >= r->rows->v && row < r->rows->v + r->rows->n)
			by[row - r->rows->v] = &r->roadmap->v[i];
	}
	return by;
}

/* ---- HTML ---- */

/* The tone each status is drawn in, wherever a chart shows statuses. */
static const enum svg_tone status_tone[GAP__COUNT] = {
	[GAP_CONFORMING] = SVG_GREEN,   [GAP_PARTIAL] = SVG_AMBER,
	[GAP_NONCONFORMING] = SVG_RED,  [GAP_NA] = SVG_GREY,
	[GAP_NOT_ASSESSED] = SVG_LIGHT,
};

/* A horizontal bar chart of readiness, one bar per group of a kind, its
 * colours and dashed lines at the verdict's thresholds. */
static void html_readiness_chart(struct doc_out *o, const struct gap_report *r,
                                 bool clauses)
{
	const struct svg_mark marks[] = { { GAP_NOT_READY_BELOW, "not-ready below" },
		                          { GAP_READY_MIN, "ready from" } };
	size_t ng = r->score->ngroups, n = 0;
	struct svg_bar *bars = xcalloc(ng ? ng : 1, sizeof(*bars));
	struct strbuf *text = xcalloc(2 * (ng ? ng : 1), sizeof(*text));
	struct svg_bar_chart chart = {
		.id = clauses ? "chart-clauses" : "chart-themes",
		.title = clauses ? "Readiness by clause" : "Readiness by Annex A theme",
		.bars = bars,
		.marks = marks,
		.nmarks = 2,
		.amber_from = GAP_NOT_READY_BELOW,
		.green_from = GAP_READY_MIN,
	};

	for (size_t i = 0; i < ng; i++) {
		const struct gap_group_score *g = &r->score->groups[i];
		struct strbuf *label = &text[2 * n], *detail = &text[2 * n + 1];

		if (g->is_clause != clauses)
			continue;
		strbuf_init(label, 0);
		strbuf_init(detail, 0);
		strbuf_addf(label, "%s %s", group_ref(r, g->group),
		            group_title(r, g->group));
		strbuf_addf(detail, "%zu of %zu assessed", assessed(&g->tally),
		            g->tally.total);
		bars[n++] = (struct svg_bar){ label->buf, pct1(g->tally.readiness),
			                      detail->buf };
	}
	chart.nbars = n;
	if (n) {
		doc_put(o, "<figure>");
		if (!o->rc)
			o->rc = svg_bar_chart(o->sb, &chart);
		doc_putf(o,
		         "<figcaption>Readiness by %s. Dashed lines: %.0f%% (below it "
		         "the verdict is not-ready) and %.0f%% (needed for "
		         "ready).</figcaption></figure>\n",
		         clauses ? "clause" : "Annex A theme", GAP_NOT_READY_BELOW,
		         GAP_READY_MIN);
	}
	for (size_t i = 0; i < 2 * n; i++)
		strbuf_release(&text[i]);
	free(text);
	free(bars);
}

/* One stacked bar of all items by status, with a legend in words and numbers. */
static void html_status_chart(struct doc_out *o, const struct gap_report *r)
{
	const struct gap_tally *t = &r->score->all;
	struct svg_part parts[GAP__COUNT];
	struct svg_distribution chart = {
		.id = "chart-status",
		.title = "Items by status",
		.parts = parts,
		.nparts = GAP__COUNT,
	};

	for (int k = 0; k < GAP__COUNT; k++) {
		enum gap_status s = shown_status[k];

		parts[k] = (struct svg_part){ gap_status_name(s), t->counts[s],
			                      status_tone[s] };
	}
	doc_put(o, "<figure>");
	if (!o->rc)
		o->rc = svg_distribution(o->sb, &chart);
	doc_putf(o,
	         "<figcaption>All %zu items by status; readiness counts "
	         "conforming in full and partial as half, and leaves out "
	         "na.</figcaption></figure>\n",
	         t->total);
}

static void html_counts_cells(struct doc_out *o, const struct gap_tally *t)
{
	doc_putf(o, "<td class=\"num\">%.1f%%</td><td class=\"num\">%.1f%%</td>",
	         pct1(t->readiness), pct1(t->coverage));
	for (int k = 0; k < GAP__COUNT; k++)
		doc_putf(o, "<td class=\"num\">%zu</td>", t->counts[shown_status[k]]);
}

static void html_group_table(struct doc_out *o, const struct gap_report *r, bool clauses)
{
	struct gap_tally sum = { 0 };

	doc_putf(o,
	         "<table><thead><tr><th>%s</th><th>Title</th><th class=\"num\">Readiness"
	         "</th><th class=\"num\">Coverage</th>",
	         clauses ? "Clause" : "Theme");
	for (int k = 0; k < GAP__COUNT; k++)
		doc_putf(o, "<th class=\"num\">%s</th>", status_heading[shown_status[k]]);
	doc_put(o, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < r->score->ngroups; i++) {
		const struct gap_group_score *g = &r->score->groups[i];

		if (g->is_clause != clauses)
			continue;
		for (int s = 0; s < GAP__COUNT; s++) {
			sum.counts[s] += g->tally.counts[s];
			sum.total += g->tally.counts[s];
		}
		doc_put(o, "<tr><td>");
		doc_html(o, group_ref(r, g->group));
		if (!clauses) {
			doc_put(o, " <span class=\"none\">");
			doc_html(o, g->group);
			doc_put(o, "</span>");
		}
		doc_put(o, "</td>");
		doc_html_td(o, group_title(r, g->group));
		html_counts_cells(o, &g->tally);
		doc_put(o, "</tr>\n");
	}
	gap_tally_finish(&sum);
	doc_putf(o, "<tr><th colspan=\"2\">All %s</th>",
	         clauses ? "requirements (clauses 4-10)" : "Annex A controls");
	html_counts_cells(o, &sum);
	doc_put(o, "</tr></tbody></table>\n");
}

static void html_list(struct doc_out *o, const char *const *items, size_t n)
{
	doc_put(o, "<ul>\n");
	for (size_t i = 0; i < n; i++) {
		doc_put(o, "<li>");
		doc_html(o, items[i]);
		doc_put(o, "</li>\n");
	}
	doc_put(o, "</ul>\n");
}

static void html_record(struct doc_out *o, const struct gap_report *r)
{
	const struct assessment *a = r->a;

	doc_html_org(o, r->org);
	doc_put(o, "<tr><th>Assessment</th><td>");
	doc_html(o, a->name);
	doc_putf(o, " <span class=\"none\">(id %lld)</span></td></tr>\n",
	         (long long)a->id);
	doc_put(o, "<tr><th>Framework</th><td>");
	doc_html(o, r->fw && r->fw->name ? r->fw->name : a->framework);
	doc_put(o, "</td></tr>\n<tr><th>Assessment date</th>");
	doc_html_td(o, a->assessed_on);
	doc_put(o, "</tr>\n<tr><th>Assessor</th>");
	doc_html_td(o, a->assessor);
	doc_put(o, "</tr>\n<tr><th>Report date</th>");
	doc_html_td(o, r->today);
	doc_put(o,
	        "</tr>\n<tr><th>Record type</th><td>gap assessment (planning record, not "
	        "internal-audit evidence)</td></tr>\n</tbody></table>\n");
	doc_put(o, "<p class=\"note\">");
	doc_html(o, PLANNING_NOTE);
	doc_put(o, "</p>\n");
}

static void html_summary(struct doc_out *o, const struct gap_report *r)
{
	const struct gap_score *sc = r->score;
	const char *v = gap_verdict_name(sc->verdict);

	doc_put(o, "<section id=\"summary\"><h2>Summary</h2>\n<div class=\"kpi\">");
	doc_putf(o, "<div>Readiness<b>%.1f%%</b></div>", pct1(sc->all.readiness));
	doc_putf(o, "<div>Coverage<b>%.1f%%</b>%zu of %zu items assessed</div>",
	         pct1(sc->all.coverage), assessed(&sc->all), sc->all.total);
	doc_putf(o, "<div>Verdict<b><span class=\"verdict v-%s\">%s</span></b></div>", v,
	         v);
	doc_putf(o, "<div>Remediation actions<b>%zu</b></div></div>\n", r->roadmap->n);
	doc_put(o, "<h3>Reasons for the verdict</h3>\n<ul>\n");
	for (size_t i = 0; i < sc->nreasons; i++) {
		doc_put(o, "<li>");
		doc_html(o, sc->reasons[i]);
		doc_put(o, "</li>\n");
	}
	doc_put(o, "</ul>\n");
	html_status_chart(o, r);
	doc_put(o, "</section>\n");
}

static void html_scope(struct doc_out *o, const struct gap_report *r)
{
	const struct scope *sc = r->scope;

	doc_put(o, "<section id=\"scope\"><h2>1. ISMS scope</h2>\n<h3>Scope "
	           "statement</h3>\n");
	if (doc_blank(sc->statement)) {
		doc_put(o, "<p class=\"none\">No scope statement is written down.</p>\n");
	} else {
		doc_put(o, "<p>");
		doc_html_lines(o, sc->statement);
		doc_put(o, "</p>\n");
	}
	doc_put(o, "<h3>Scope items</h3>\n");
	if (!sc->nitems)
		doc_put(o, "<p class=\"none\">No scope items recorded.</p>\n");
	else
		doc_put(o,
		        "<table><thead><tr><th>Kind</th><th>Name</th><th>Description</th>"
		        "<th>In scope</th><th>Exclusion "
		        "reason</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < sc->nitems; i++) {
		const struct scope_item *it = &sc->items[i];

		doc_put(o, "<tr>");
		doc_html_td(o, scope_kind_name(it->kind));
		doc_html_td(o, it->name);
		doc_html_td(o, it->description);
		doc_putf(o, "<td>%s</td>", it->in_scope ? "in" : "<b>out</b>");
		doc_html_td(o, it->in_scope ? NULL : it->exclusion_reason);
		doc_put(o, "</tr>\n");
	}
	if (sc->nitems)
		doc_put(o, "</tbody></table>\n");
	doc_put(o, "<h3>Interfaces and dependencies</h3>\n");
	if (!sc->nifaces)
		doc_put(o, "<p class=\"none\">No interfaces or dependencies "
		           "recorded.</p>\n");
	else
		doc_put(o, "<table><thead><tr><th>Kind</th><th>Name</th><th>Party</th>"
		           "<th>Description</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < sc->nifaces; i++) {
		const struct scope_iface *f = &sc->ifaces[i];

		doc_put(o, "<tr>");
		doc_html_td(o, iface_kind_name(f->kind));
		doc_html_td(o, f->name);
		doc_html_td(o, f->party);
		doc_html_td(o, f->description);
		doc_put(o, "</tr>\n");
	}
	if (sc->nifaces)
		doc_put(o, "</tbody></table>\n");
	doc_put(o, "</section>\n");
}

static void html_method(struct doc_out *o)
{
	doc_put(o, "<section id=\"method\"><h2>2. Method</h2>\n<h3>Statuses</h3>\n"
	           "<table><thead><tr><th>Status</th><th>Meaning</th></tr></"
	           "thead><tbody>\n");
	for (int k = 0; k < GAP__COUNT; k++) {
		enum gap_status s = shown_status[k];

		doc_putf(o, "<tr><td><code>%s</code></td>", gap_status_name(s));
		doc_html_td(o, status_meaning[s]);
		doc_put(o, "</tr>\n");
	}
	doc_put(o,
	        "</tbody></table>\n<h3>Maturity scale</h3>\n<table><thead><tr><th>Level"
	        "</th></tr></thead><tbody>\n");
	for (int m = 0; m <= GAP_MATURITY_MAX; m++) {
		doc_put(o, "<tr>");
		doc_html_td(o, gap_maturity_label(m));
		doc_put(o, "</tr>\n");
	}
	doc_put(o, "<tr><td>not rated</td></tr>\n</tbody></table>\n<h3>Evidence</h3>\n");
	html_list(o, evidence_rules, sizeof(evidence_rules) / sizeof(*evidence_rules));
	doc_put(o, "<h3>Readiness and coverage</h3>\n<p>");
	doc_html(o, FORMULA);
	doc_put(o, "</p>\n<h3>Verdict</h3>\n");
	html_list(o, verdict_rules, sizeof(verdict_rules) / sizeof(*verdict_rules));
	doc_put(o, "<h3>Flags</h3>\n");
	html_list(o, flag_rules, sizeof(flag_rules) / sizeof(*flag_rules));
	doc_put(o, "<h3>Remediation roadmap</h3>\n");
	html_list(o, roadmap_rules, sizeof(roadmap_rules) / sizeof(*roadmap_rules));
	doc_put(o, "</section>\n");
}

static void html_readiness(struct doc_out *o, const struct gap_report *r)
{
	doc_put(o, "<section id=\"readiness\"><h2>3. Readiness</h2>\n");
	doc_putf(o,
	         "<p>Overall readiness <b>%.1f%%</b>, coverage <b>%.1f%%</b> (%zu of %zu "
	         "items assessed), verdict <b>%s</b>.</p>\n",
	         pct1(r->score->all.readiness), pct1(r->score->all.coverage),
	         assessed(&r->score->all), r->score->all.total,
	         gap_verdict_name(r->score->verdict));
	doc_put(o, "<h3>By clause (4-10)</h3>\n");
	html_readiness_chart(o, r, true);
	html_group_table(o, r, true);
	doc_put(o, "<h3>By Annex A theme</h3>\n");
	html_readiness_chart(o, r, false);
	html_group_table(o, r, false);
	doc_put(o, "</section>\n");
}

static void html_refs(struct doc_out *o, char *const *refs, size_t n)
{
	doc_put(o, "<td>");
	for (size_t i = 0; i < n; i++) {
		if (i)
			doc_put(o, ", ");
		doc_html(o, refs[i]);
	}
	if (!n)
		doc_put(o, "<span class=\"none\">&mdash;</span>");
	doc_put(o, "</td>");
}

static void html_flags(struct doc_out *o, const struct gap_report *r)
{
	doc_put(o, "<section id=\"flags\"><h2>4. Flags</h2>\n");
	if (!r->score->nflags)
		doc_put(o, "<p>No flags are raised.</p>\n");
	else
		doc_put(o, "<table><thead><tr><th>Flag</th><th>Concern</th><th>Items</th>"
		           "</tr></thead><tbody>\n");
	for (size_t i = 0; i < r->score->nflags; i++) {
		const struct gap_flag *f = &r->score->flags[i];

		doc_put(o, "<tr><td><code>");
		doc_html(o, f->code);
		doc_put(o, "</code></td>");
		doc_html_td(o, f->message);
		html_refs(o, f->refs, f->nrefs);
		doc_put(o, "</tr>\n");
	}
	if (r->score->nflags)
		doc_put(o, "</tbody></table>\n");
	doc_put(o, "</section>\n");
}

static void html_evidence_cell(struct doc_out *o, const struct gap_row *row)
{
	doc_putf(o, "<td class=\"date\">%d valid", row->ev.valid);
	if (row->ev.valid_paper)
		doc_putf(o, ", %d paper", row->ev.valid_paper);
	if (row->ev.expired)
		doc_putf(o, ", <span class=\"expired\">%d expired</span>",
		         row->ev.expired);
	doc_put(o, "</td>");
}

static void html_deficiencies(struct doc_out *o, const struct gap_report *r)
{
	doc_put(o, "<section id=\"deficiencies\"><h2>5. Deficiencies</h2>\n");
	doc_putf(o,
	         "<p>Every nonconforming and partial item, in priority order: %zu "
	         "nonconforming, %zu partial.</p>\n",
	         count_status(r, GAP_NONCONFORMING), count_status(r, GAP_PARTIAL));
	if (!r->roadmap->n) {
		doc_put(o, "<p>No item is nonconforming or partial.</p></section>\n");
		return;
	}
	doc_put(o, "<table><thead><tr><th class=\"num\">#</th><th>Ref</th><th>Title</th>"
	           "<th>Status</th><th>Maturity</th><th>Owner</th><th>Evidence</th>"
	           "<th>Notes</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < r->roadmap->n; i++) {
		const struct roadmap_entry *e = &r->roadmap->v[i];
		const struct gap_row *row = e->row;

		doc_putf(o, "<tr><td class=\"num\">%d</td>", e->priority);
		doc_html_td(o, row->ref);
		doc_html_td(o, row->title);
		doc_html_td(o, gap_status_name(row->status));
		doc_html_td(o, gap_maturity_label(row->maturity));
		doc_html_td(o, row->owner);
		html_evidence_cell(o, row);
		doc_html_td(o, row->notes);
		doc_put(o, "</tr>\n");
	}
	doc_put(o, "</tbody></table>\n</section>\n");
}

static void phase_counts(const struct roadmap *rm, size_t counts[4])
{
	static const char *const phases[4] = { "30", "60", "90", "later" };

	memset(counts, 0, 4 * sizeof(*counts));
	for (size_t i = 0; i < rm->n; i++)
		for (int p = 0; p < 4; p++)
			counts[p] += !strcmp(rm->v[i].phase, phases[p]);
}

static void html_roadmap(struct doc_out *o, const struct gap_report *r)
{
	size_t pc[4];
	bool estimated = false;

	doc_put(o, "<section id=\"roadmap\"><h2>6. Remediation roadmap</h2>\n");
	if (!r->roadmap->n) {
		doc_put(o, "<p>Nothing to remediate.</p></section>\n");
		return;
	}
	phase_counts(r->roadmap, pc);
	doc_putf(o,
	         "<p>%zu actions: %zu within 30 days, %zu within 60, %zu within 90 and "
	         "%zu later.</p>\n",
	         r->roadmap->n, pc[0], pc[1], pc[2], pc[3]);
	doc_put(o,
	        "<table><thead><tr><th class=\"num\">#</th><th>Ref</th><th>Title</th>"
	        "<th>Status</th><th>Phase</th><th>Due</th><th>Effort</th><th>Owner</th>"
	        "<th>Action</th><th>Resources</th><th>Placed by hand</th></tr></thead>"
	        "<tbody>\n");
	for (size_t i = 0; i < r->roadmap->n; i++) {
		const struct roadmap_entry *e = &r->roadmap->v[i];
		const struct gap_row *row = e->row;

		doc_putf(o, "<tr><td class=\"num\">%d</td>", e->priority);
		doc_html_td(o, row->ref);
		doc_html_td(o, row->title);
		doc_html_td(o, gap_status_name(row->status));
		doc_putf(o, "<td class=\"date\">%s</td>", phase_text(e->phase));
		doc_putf(o, "<td class=\"date\">%s%s</td>", e->due,
		         e->due_estimated ? "<br><small>(estimated)</small>" : "");
		estimated |= e->due_estimated;
		doc_html_td(o, gap_effort_name(e->effort));
		doc_html_td(o, e->owner);
		doc_html_td(o, e->status);
		doc_html_td(o, row->resources);
		if (row->manual_rank > 0) {
			doc_put(o, "<td>yes: ");
			doc_html_lines(o, or_empty(row->rank_reason));
			doc_put(o, "</td>");
		} else {
			doc_html_td(o, NULL);
		}
		doc_put(o, "</tr>\n");
	}
	doc_put(o, "</tbody></table>\n");
	if (estimated)
		doc_put(o,
		        "<p>(estimated): no due date was recorded; the date follows from "
		        "the priority (30, 60 or 90 days after the assessment).</p>\n");
	doc_put(o, "</section>\n");
}

static void html_na(struct doc_out *o, const struct gap_report *r)
{
	doc_put(o, "<section id=\"na\"><h2>7. Not applicable</h2>\n");
	if (!count_status(r, GAP_NA)) {
		doc_put(o, "<p>No control is marked not applicable.</p></section>\n");
		return;
	}
	doc_put(o, "<table><thead><tr><th>Ref</th><th>Title</th><th>Justification</th>"
	           "</tr></thead><tbody>\n");
	for (size_t i = 0; i < r->rows->n; i++) {
		const struct gap_row *row = &r->rows->v[i];

		if (row->status != GAP_NA)
			continue;
		doc_put(o, "<tr>");
		doc_html_td(o, row->ref);
		doc_html_td(o, row->title);
		doc_html_td(o, row->justification);
		doc_put(o, "</tr>\n");
	}
	doc_put(o, "</tbody></table>\n</section>\n");
}

static void html_evidence(struct doc_out *o, const struct gap_report *r)
{
	doc_put(o, "<section id=\"evidence\"><h2>8. Evidence index</h2>\n");
	if (!r->evidence->n) {
		doc_put(o,
		        "<p>No evidence is held for this organisation.</p></section>\n");
		return;
	}
	doc_putf(o,
	         "<p>Every evidence item held for the organisation (%zu), with the items "
	         "it is linked to in this assessment.</p>\n",
	         r->evidence->n);
	doc_put(o, "<table><thead><tr><th>SHA-256</th><th>Title</th><th>Kind</th>"
	           "<th>Collected</th><th>Valid until</th><th>Expired</th>"
	           "<th>Linked to</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < r->evidence->n; i++) {
		const struct evidence *e = &r->evidence->v[i];
		bool expired = evidence_expired(e, r->today);

		doc_put(o, "<tr><td class=\"sha\">");
		doc_html(o, e->sha256);
		doc_put(o, "</td>");
		doc_html_td(o, e->title);
		doc_html_td(o, evidence_kind_name(e->kind));
		doc_html_td(o, e->collected_on);
		doc_html_td(o, e->valid_until ? e->valid_until : "no expiry");
		doc_put(o,
		        expired ? "<td class=\"expired\">expired</td>" : "<td>no</td>");
		html_refs(o, e->refs, e->nrefs);
		doc_put(o, "</tr>\n");
	}
	doc_put(o, "</tbody></table>\n</section>\n");
}

static void render_html(struct doc_out *o, const struct gap_report *r)
{
	doc_html_head(o, TITLE, r->org->name, r->a->name);
	/* Charts take their figure's width; this keeps them near their drawn size. */
	doc_put(o, "figure{max-width:48rem}\n");
	doc_html_header(o, TITLE, r->org->name, NULL);
	html_record(o, r);
	doc_put(o,
	        "</header>\n<nav><h2>Contents</h2><ol>"
	        "<li><a href=\"#scope\">ISMS scope</a></li>"
	        "<li><a href=\"#method\">Method</a></li>"
	        "<li><a href=\"#readiness\">Readiness</a></li>"
	        "<li><a href=\"#flags\">Flags</a></li>"
	        "<li><a href=\"#deficiencies\">Deficiencies</a></li>"
	        "<li><a href=\"#roadmap\">Remediation roadmap</a></li>"
	        "<li><a href=\"#na\">Not applicable</a></li>"
	        "<li><a href=\"#evidence\">Evidence index</a></li></ol></nav>\n<main>\n");
	html_summary(o, r);
	html_scope(o, r);
	html_method(o);
	html_readiness(o, r);
	html_flags(o, r);
	html_deficiencies(o, r);
	html_roadmap(o, r);
	html_na(o, r);
	html_evidence(o, r);
	doc_put(o, "</main>\n<footer>");
	doc_html(o, PLANNING_NOTE);
	doc_putf(o, " Report date %s.</footer>\n</body>\n</html>\n", r->today);
}

/* ---- Markdown ---- */

static void md_list(struct doc_out *o, const char *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		doc_put(o, "- ");
		doc_md(o, items[i]);
		doc_put(o, "\n");
	}
	doc_put(o, "\n");
}

static void md_counts(struct doc_out *o, const struct gap_tally *t)
{
	doc_putf(o, " %.1f%% | %.1f%% |", pct1(t->readiness), pct1(t->coverage));
	for (int k = 0; k < GAP__COUNT; k++)
		doc_putf(o, " %zu |", t->counts[shown_status[k]]);
	doc_put(o, "\n");
}

static void md_group_table(struct doc_out *o, const struct gap_report *r, bool clauses)
{
	struct gap_tally sum = { 0 };

	doc_putf(o, "| %s | Title | Readiness | Coverage |",
	         clauses ? "Clause" : "Theme");
	for (int k = 0; k < GAP__COUNT; k++)
		doc_putf(o, " %s |", status_heading[shown_status[k]]);
	doc_put(o, "\n|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
	for (size_t i = 0; i < r->score->ngroups; i++) {
		const struct gap_group_score *g = &r->score->groups[i];
		struct strbuf label = STRBUF_INIT;

		if (g->is_clause != clauses)
			continue;
		for (int s = 0; s < GAP__COUNT; s++) {
			sum.counts[s] += g->tally.counts[s];
			sum.total += g->tally.counts[s];
		}
		if (clauses)
			strbuf_addstr(&label, g->group);
		else
			strbuf_addf(&label, "%s %s", group_ref(r, g->group), g->group);
		doc_put(o, "|");
		doc_md_cell(o, label.buf);
		doc_md_cell(o, group_title(r, g->group));
		md_counts(o, &g->tally);
		strbuf_release(&label);
	}
	gap_tally_finish(&sum);
	doc_putf(o, "| **All** | %s |",
	         clauses ? "requirements (clauses 4-10)" : "Annex A controls");
	md_counts(o, &sum);
	doc_put(o, "\n");
}

static void md_refs(struct doc_out *o, char *const *refs, size_t n)
{
	doc_put(o, " ");
	for (size_t i = 0; i < n; i++) {
		if (i)
			doc_put(o, ", ");
		doc_md(o, refs[i]);
	}
	doc_put(o, n ? " |" : "— |");
}

static void md_record(struct doc_out *o, const struct gap_report *r)
{
	const struct assessment *a = r->a;

	doc_md_head(o, TITLE, NULL, r->org);
	doc_put(o, "\n| Assessment | ");
	doc_md(o, a->name);
	doc_putf(o, " (id %lld) |\n| Framework |", (long long)a->id);
	doc_md_cell(o, r->fw && r->fw->name ? r->fw->name : a->framework);
	doc_put(o, "\n| Assessment date |");
	doc_md_cell(o, a->assessed_on);
	doc_put(o, "\n| Assessor |");
	doc_md_cell(o, a->assessor);
	doc_put(o, "\n| Report date |");
	doc_md_cell(o, r->today);
	doc_put(o,
	        "\n| Record type | gap assessment (planning record, not internal-audit "
	        "evidence) |\n\n> **");
	doc_md(o, PLANNING_NOTE);
	doc_put(o, "**\n\n");
}

static void md_summary(struct doc_out *o, const struct gap_report *r)
{
	const struct gap_score *sc = r->score;

	doc_putf(o,
	         "## Summary\n\n"
	         "- **Readiness:** %.1f%%\n"
	         "- **Coverage:** %.1f%% (%zu of %zu items assessed)\n"
	         "- **Verdict:** %s\n"
	         "- **Remediation actions:** %zu\n\n"
	         "Reasons for the verdict:\n\n",
	         pct1(sc->all.readiness), pct1(sc->all.coverage), assessed(&sc->all),
	         sc->all.total, gap_verdict_name(sc->verdict), r->roadmap->n);
	for (size_t i = 0; i < sc->nreasons; i++) {
		doc_put(o, "- ");
		doc_md(o, sc->reasons[i]);
		doc_put(o, "\n");
	}
	doc_put(o, "\n| Status | Items | Share |\n|---|--:|--:|\n");
	for (int k = 0; k < GAP__COUNT; k++) {
		enum gap_status s = shown_status[k];
		size_t c = sc->all.counts[s];

		doc_putf(o, "| %s | %zu | %.1f%% |\n", gap_status_name(s), c,
		         pct1(sc->all.total ? 100.0 * (double)c / (double)sc->all.total
		                            : 0));
	}
	doc_put(o, "\n");
}

static void md_scope(struct doc_out *o, const struct gap_report *r)
{
	const struct scope *sc = r->scope;

	doc_put(o, "## 1. ISMS scope\n\n### Scope statement\n\n");
	if (doc_blank(sc->statement))
		doc_put(o, "_No scope statement is written down._");
	else
		doc_md(o, sc->statement);
	doc_put(o, "\n\n### Scope items\n\n");
	if (!sc->nitems)
		doc_put(o, "_No scope items recorded._\n\n");
	else
		doc_put(o, "| Kind | Name | Description | In scope | Exclusion reason |\n"
		           "|---|---|---|---|---|\n");
	for (size_t i = 0; i < sc->nitems; i++) {
		const struct scope_item *it = &sc->items[i];

		doc_putf(o, "| %s |", scope_kind_name(it->kind));
		doc_md_cell(o, it->name);
		doc_md_cell(o, it->description);
		doc_put(o, it->in_scope ? " in |" : " **out** |");
		doc_md_cell(o, it->in_scope ? NULL : it->exclusion_reason);
		doc_put(o, "\n");
	}
	if (sc->nitems)
		doc_put(o, "\n");
	doc_put(o, "### Interfaces and dependencies\n\n");
	if (!sc->nifaces)
		doc_put(o, "_No interfaces or dependencies recorded._\n\n");
	else
		doc_put(o, "| Kind | Name | Party | Description |\n|---|---|---|---|\n");
	for (size_t i = 0; i < sc->nifaces; i++) {
		const struct scope_iface *f = &sc->ifaces[i];

		doc_putf(o, "| %s |", iface_kind_name(f->kind));
		doc_md_cell(o, f->name);
		doc_md_cell(o, f->party);
		doc_md_cell(o, f->description);
		doc_put(o, "\n");
	}
	if (sc->nifaces)
		doc_put(o, "\n");
}

static void md_method(struct doc_out *o)
{
	doc_put(o, "## 2. Method\n\n### Statuses\n\n| Status | Meaning |\n|---|---|\n");
	for (int k = 0; k < GAP__COUNT; k++) {
		enum gap_status s = shown_status[k];

		doc_putf(o, "| `%s` |", gap_status_name(s));
		doc_md_cell(o, status_meaning[s]);
		doc_put(o, "\n");
	}
	doc_put(o, "\n### Maturity scale\n\n");
	for (int m = 0; m <= GAP_MATURITY_MAX; m++) {
		doc_put(o, "- ");
		doc_md(o, gap_maturity_label(m));
		doc_put(o, "\n");
	}
	doc_put(o, "- not rated\n\n### Evidence\n\n");
	md_list(o, evidence_rules, sizeof(evidence_rules) / sizeof(*evidence_rules));
	doc_put(o, "### Readiness and coverage\n\n");
	doc_md(o, FORMULA);
	doc_put(o, "\n\n### Verdict\n\n");
	md_list(o, verdict_rules, sizeof(verdict_rules) / sizeof(*verdict_rules));
	doc_put(o, "### Flags\n\n");
	md_list(o, flag_rules, sizeof(flag_rules) / sizeof(*flag_rules));
	doc_put(o, "### Remediation roadmap\n\n");
	md_list(o, roadmap_rules, sizeof(roadmap_rules) / sizeof(*roadmap_rules));
}

static void md_readiness(struct doc_out *o, const struct gap_report *r)
{
	doc_putf(o,
	         "## 3. Readiness\n\nOverall readiness **%.1f%%**, coverage **%.1f%%** "
	         "(%zu of %zu items assessed), verdict **%s**.\n\n",
	         pct1(r->score->all.readiness), pct1(r->score->all.coverage),
	         assessed(&r->score->all), r->score->all.total,
	         gap_verdict_name(r->score->verdict));
	doc_put(o, "### By clause (4-10)\n\n");
	md_group_table(o, r, true);
	doc_put(o, "### By Annex A theme\n\n");
	md_group_table(o, r, false);
}

static void md_flags(struct doc_out *o, const struct gap_report *r)
{
	doc_put(o, "## 4. Flags\n\n");
	if (!r->score->nflags) {
		doc_put(o, "No flags are raised.\n\n");
		return;
	}
	doc_put(o, "| Flag | Concern | Items |\n|---|---|---|\n");
	for (size_t i = 0; i < r->score->nflags; i++) {
		const struct gap_flag *f = &r->score->flags[i];

		doc_putf(o, "| `%s` |", f->code);
		doc_md_cell(o, f->message);
		md_refs(o, f->refs, f->nrefs);
		doc_put(o, "\n");
	}
	doc_put(o, "\n");
}

static void md_deficiencies(struct doc_out *o, const struct gap_report *r)
{
	doc_putf(o,
	         "## 5. Deficiencies\n\nEvery nonconforming and partial item, in "
	         "priority order: %zu nonconforming, %zu partial.\n\n",
	         count_status(r, GAP_NONCONFORMING), count_status(r, GAP_PARTIAL));
	if (!r->roadmap->n) {
		doc_put(o, "No item is nonconforming or partial.\n\n");
		return;
	}
	doc_put(o, "| # | Ref | Title | Status | Maturity | Owner | Evidence | Notes |\n"
	           "|--:|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < r->roadmap->n; i++) {
		const struct roadmap_entry *e = &r->roadmap->v[i];
		const struct gap_row *row = e->row;

		doc_putf(o, "| %d |", e->priority);
		doc_md_cell(o, row->ref);
		doc_md_cell(o, row->title);
		doc_putf(o, " %s |", gap_status_name(row->status));
		doc_md_cell(o, gap_maturity_label(row->maturity));
		doc_md_cell(o, row->owner);
		doc_putf(o, " %d valid", row->ev.valid);
		if (row->ev.valid_paper)
			doc_putf(o, ", %d paper", row->ev.valid_paper);
		if (row->ev.expired)
			doc_putf(o, ", %d expired", row->ev.expired);
		doc_put(o, " |");
		doc_md_cell(o, row->notes);
		doc_put(o, "\n");
	}
	doc_put(o, "\n");
}

static void md_roadmap(struct doc_out *o, const struct gap_report *r)
{
	size_t pc[4];
	bool estimated = false;

	doc_put(o, "## 6. Remediation roadmap\n\n");
	if (!r->roadmap->n) {
		doc_put(o, "Nothing to remediate.\n\n");
		return;
	}
	phase_counts(r->roadmap, pc);
	doc_putf(o,
	         "%zu actions: %zu within 30 days, %zu within 60, %zu within 90 and %zu "
	         "later.\n\n",
	         r->roadmap->n, pc[0], pc[1], pc[2], pc[3]);
	doc_put(o, "| # | Ref | Title | Status | Phase | Due | Effort | Owner | Action | "
	           "Resources | Placed by hand |\n"
	           "|--:|---|---|---|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < r->roadmap->n; i++) {
		const struct roadmap_entry *e = &r->roadmap->v[i];
		const struct gap_row *row = e->row;

		doc_putf(o, "| %d |", e->priority);
		doc_md_cell(o, row->ref);
		doc_md_cell(o, row->title);
		doc_putf(o, " %s | %s | %s%s | %s |", gap_status_name(row->status),
		         phase_text(e->phase), e->due,
		         e->due_estimated ? " (estimated)" : "",
		         gap_effort_name(e->effort));
		estimated |= e->due_estimated;
		doc_md_cell(o, e->owner);
		doc_md_cell(o, e->status);
		doc_md_cell(o, row->resources);
		if (row->manual_rank > 0) {
			doc_put(o, " yes: ");
			doc_md(o, or_empty(row->rank_reason));
			doc_put(o, " |");
		} else {
			doc_md_cell(o, NULL);
		}
		doc_put(o, "\n");
	}
	doc_put(o, "\n");
	if (estimated)
		doc_put(o, "(estimated): no due date was recorded; the date follows from "
		           "the "
		           "priority (30, 60 or 90 days after the assessment).\n\n");
}

static void md_na(struct doc_out *o, const struct gap_report *r)
{
	doc_put(o, "## 7. Not applicable\n\n");
	if (!count_status(r, GAP_NA)) {
		doc_put(o, "No control is marked not applicable.\n\n");
		return;
	}
	doc_put(o, "| Ref | Title | Justification |\n|---|---|---|\n");
	for (size_t i = 0; i < r->rows->n; i++) {
		const struct gap_row *row = &r->rows->v[i];

		if (row->status != GAP_NA)
			continue;
		doc_put(o, "|");
		doc_md_cell(o, row->ref);
		doc_md_cell(o, row->title);
		doc_md_cell(o, row->justification);
		doc_put(o, "\n");
	}
	doc_put(o, "\n");
}

static void md_evidence(struct doc_out *o, const struct gap_report *r)
{
	doc_put(o, "## 8. Evidence index\n\n");
	if (!r->evidence->n) {
		doc_put(o, "No evidence is held for this organisation.\n");
		return;
	}
	doc_putf(o,
	         "Every evidence item held for the organisation (%zu), with the items it "
	         "is linked to in this assessment.\n\n",
	         r->evidence->n);
	doc_put(o, "| SHA-256 | Title | Kind | Collected | Valid until | Expired | "
	           "Linked to |\n"
	           "|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < r->evidence->n; i++) {
		const struct evidence *e = &r->evidence->v[i];

		doc_putf(o, "| `%s` |", e->sha256);
		doc_md_cell(o, e->title);
		doc_putf(o, " %s |", evidence_kind_name(e->kind));
		doc_md_cell(o, e->collected_on);
		doc_md_cell(o, e->valid_until ? e->valid_until : "no expiry");
		doc_put(o, evidence_expired(e, r->today) ? " **expired** |" : " no |");
		md_refs(o, e->refs, e->nrefs);
		doc_put(o, "\n");
	}
}

static void render_md(struct doc_out *o, const struct gap_report *r)
{
	md_record(o, r);
	md_summary(o, r);
	md_scope(o, r);
	md_method(o);
	md_readiness(o, r);
	md_flags(o, r);
	md_deficiencies(o, r);
	md_roadmap(o, r);
	md_na(o, r);
	md_evidence(o, r);
}

/* ---- CSV ---- */

static void csv_int(struct doc_out *o, long long v, bool present)
{
	if (present)
		doc_putf(o, ",%lld", v);
	else
		doc_put(o, ",");
}

static void render_csv(struct doc_out *o, const struct gap_report *r)
{
	const struct roadmap_entry **by = entries_by_row(r);

	doc_put(o,
	        "ref,title,kind,group,status,maturity,owner,target_date,evidence_valid,"
	        "evidence_paper,evidence_expired,paper_only,priority,phase,due,effort,"
	        "action_status,notes,justification\r\n");
	for (size_t i = 0; i < r->rows->n; i++) {
		const struct gap_row *row = &r->rows->v[i];
		const struct roadmap_entry *e = by[i];

		doc_csv(o, row->ref);
		doc_csv_next(o, row->title);
		doc_csv_next(o, row->is_clause ? "clause" : "control");
		doc_csv_next(o, row->group);
		doc_csv_next(o, gap_status_name(row->status));
		csv_int(o, row->maturity, row->maturity >= 0);
		doc_csv_next(o, row->owner);
		doc_csv_next(o, row->target_date);
		csv_int(o, row->ev.valid, true);
		csv_int(o, row->ev.valid_paper, true);
		csv_int(o, row->ev.expired, true);
		doc_csv_next(o, is_paper_only(row) ? "true" : "false");
		csv_int(o, e ? e->priority : 0, e);
		doc_csv_next(o, e ? e->phase : NULL);
		doc_csv_next(o, e ? e->due : NULL);
		doc_csv_next(o, e ? gap_effort_name(e->effort) : NULL);
		doc_csv_next(o, e ? e->status : NULL);
		doc_csv_next(o, row->notes);
		doc_csv_next(o, row->justification);
		doc_put(o, "\r\n");
	}
	free(by);
}

/* ---- JSON ---- */

static void render_json(struct doc_out *o, const struct gap_report *r)
{
	json_t *items = json_array(), *evidence = json_array(), *doc;

	for (size_t i = 0; i < r->rows->n; i++)
		json_array_append_new(items, json_gap_row(&r->rows->v[i]));
	for (size_t i = 0; i < r->evidence->n; i++)
		json_array_append_new(evidence,
		                      json_evidence(&r->evidence->v[i], r->today));
	doc = json_pack("{s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o}", "org",
	                json_org(r->org), "assessment", json_assessment(r->a),
	                "generated_on", r->today, "scope", json_scope(r->org, r->scope),
	                "score", json_gap_score(r->score), "items", items, "roadmap",
	                json_roadmap(r->roadmap), "evidence", evidence);
	doc_json(o, doc, "report");
}

static void (*const renderers[])(struct doc_out *, const struct gap_report *) = {
	[REPORT_MD] = render_md,
	[REPORT_HTML] = render_html,
	[REPORT_CSV] = render_csv,
	[REPORT_JSON] = render_json,
};

int report_render(const struct gap_report *r, enum report_format f, struct strbuf *sb)
{
	struct doc_out o = { sb, 0 };

	if ((unsigned)f >= sizeof(renderers) / sizeof(*renderers))
		BUG("unknown report format %d", (int)f);
	renderers[f](&o, r);
	return o.rc;
}

/* ---- the escapes, exposed for tests ---- */

int report_html_escape(struct strbuf *sb, const char *s)
{
	struct doc_out o = { sb, 0 };

	doc_html(&o, s);
	return o.rc;
}

int report_md_escape(struct strbuf *sb, const char *s)
{
	struct doc_out o = { sb, 0 };

	doc_md(&o, s);
	return o.rc;
}

int report_csv_field(struct strbuf *sb, const char *s)
{
	struct doc_out o = { sb, 0 };

	doc_csv(&o, s);
	return o.rc;
}
