/*
 * risk-report.c - the risk assessment and treatment report (ISO/IEC
 * 27001:2022 6.1.2, 6.1.3, 8.2 and 8.3) in Markdown, HTML and JSON, and
 * the SVG heat map that it and the web pages draw.
 *
 * Each format walks the same facts in the same order: the record, the
 * method, the heat maps, the register and the treatment plan.  Stored
 * text, the method's scale labels included, goes through the escape of its
 * format (doc.h) and nothing else.
 */
#include "view/soa.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "view/doc.h"
#include "view/svg.h"

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

static const char *const format_names[] = {
	[RISK_REPORT_MD] = "md",
	[RISK_REPORT_HTML] = "html",
	[RISK_REPORT_JSON] = "json",
};

int risk_report_format_parse(const char *s, enum risk_report_format *out)
{
	int i = doc_format_index(s, format_names,
	                         sizeof(format_names) / sizeof(*format_names),
	                         "risk report");

	if (i < 0)
		return i;
	*out = (enum risk_report_format)i;
	return 0;
}

/* ---- facts shared by every format ---- */

/* Size of a scale, bounded by the arrays that hold it. */
static int scale_n(const struct risk_method *m, bool likelihood)
{
	int n = likelihood ? m->nlikelihood : m->nimpact;

	return n < 0 ? 0 : n > RISK_SCALE_MAX ? RISK_SCALE_MAX : n;
}

static const char *scale_label(const struct risk_method *m, bool likelihood, int v)
{
	const char *s = likelihood ? m->likelihood[v - 1] : m->impact[v - 1];

	return s ? s : "";
}

/* Risks per cell at [likelihood - 1][impact - 1]; the number placed. */
static size_t heat_counts(const struct risk_method *m, const struct risk_list *risks,
                          bool residual, size_t c[RISK_SCALE_MAX][RISK_SCALE_MAX])
{
	int nl = scale_n(m, true), ni = scale_n(m, false);
	size_t placed = 0;

	memset(c, 0, sizeof(size_t) * RISK_SCALE_MAX * RISK_SCALE_MAX);
	for (size_t k = 0; risks && k < risks->n; k++) {
		const struct risk *r = &risks->v[k];
		int l = residual ? r->residual_likelihood : r->likelihood;
		int i = residual ? r->residual_impact : r->impact;

		if (l < 1 || l > nl || i < 1 || i > ni)
			continue;
		c[l - 1][i - 1]++;
		placed++;
	}
	return placed;
}

/* The tone of each level, in the heat maps and the tables alike. */
static const enum svg_tone level_tone[RISK_LEVEL_MAX + 1] = {
	[RISK_NONE] = SVG_LIGHT,  [RISK_LOW] = SVG_GREEN,    [RISK_MEDIUM] = SVG_AMBER,
	[RISK_HIGH] = SVG_ORANGE, [RISK_CRITICAL] = SVG_RED,
};

static int level_index(int level)
{
	return level >= RISK_NONE && level <= RISK_LEVEL_MAX ? level : RISK_NONE;
}

static size_t open_actions(const struct risk_list *risks, size_t *total)
{
	size_t open = 0;

	*total = 0;
	for (size_t k = 0; risks && k < risks->n; k++) {
		for (size_t a = 0; a < risks->v[k].nactions; a++) {
			const char *st = risks->v[k].actions[a].status;

			(*total)++;
			open += !st || strcmp(st, "done");
		}
	}
	return open;
}

static size_t above_criteria(const struct soa_doc *d)
{
	size_t n = 0;

	for (size_t k = 0; d->risks && k < d->risks->n; k++)
		n += risk_above_criteria(&d->risks->v[k], d->method);
	return n;
}

/* "high (4×3)", or "not rated" off the scales. */
static void level_text(struct strbuf *sb, int level, int l, int i)
{
	strbuf_reset(sb);
	if (level <= RISK_NONE || level > RISK_LEVEL_MAX)
		strbuf_addstr(sb, "not rated");
	else
		strbuf_addf(sb, "%s (%d\xc3\x97%d)", risk_level_name(level), l, i);
}

/* The register's composed cells of one risk, as plain text. */
struct risk_text {
	struct strbuf id, assets, controls, accepted;
};

static int risk_text_build(struct risk_text *t, const struct risk *r)
{
	int rc;

	*t = (struct risk_text){ STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	rc = strbuf_addf(&t->id, "R%lld", (long long)r->id);
	for (size_t i = 0; i < r->nassets && !rc; i++)
		rc = strbuf_addf(&t->assets, "%s%s", i ? "\n" : "", r->assets[i]);
	for (size_t i = 0; i < r->ncontrols && !rc; i++)
		rc = strbuf_addf(&t->controls, "%s%s", i ? ", " : "", r->controls[i]);
	if (!rc && !doc_blank(r->other_controls))
		rc = strbuf_addf(&t->controls, "%sOther: %s", t->controls.len ? "\n" : "",
		                 r->other_controls);
	if (!rc && !doc_blank(r->accepted_by))
		rc = strbuf_addf(&t->accepted, "%s on %s", r->accepted_by,
		                 doc_blank(r->accepted_on) ? "(no date)"
		                                           : r->accepted_on);
	return rc;
}

static void risk_text_release(struct risk_text *t)
{
	strbuf_release(&t->id);
	strbuf_release(&t->assets);
	strbuf_release(&t->controls);
	strbuf_release(&t->accepted);
}

#define TITLE "Risk assessment and treatment report"
#define PURPOSE                                                              \
	"The information security risks of the ISMS scope, assessed by the " \
	"organisation's method, and the plan that treats them (ISO/IEC "     \
	"27001:2022 clauses 6.1.2, 6.1.3, 8.2 and 8.3)."

/* ---- the SVG heat map ---- */

/* The heat map, drawn by svg.c: likelihood rows, impact columns. */
static int heatmap_draw(struct strbuf *sb, const struct risk_method *m,
                        const struct risk_list *risks, bool residual)
{
	size_t c[RISK_SCALE_MAX][RISK_SCALE_MAX];
	size_t counts[RISK_SCALE_MAX * RISK_SCALE_MAX];
	int levels[RISK_SCALE_MAX * RISK_SCALE_MAX];
	const char *llabels[RISK_SCALE_MAX], *ilabels[RISK_SCALE_MAX];
	struct svg_band bands[RISK_LEVEL_MAX + 1];
	int nl = scale_n(m, true), ni = scale_n(m, false);
	size_t placed = heat_counts(m, risks, residual, c);
	struct strbuf title = STRBUF_INIT;
	struct svg_heatmap h = {
		.id = residual ? "heatmap-residual" : "heatmap-inherent",
		.rows = { "Likelihood", "likelihood", nl, llabels },
		.cols = { "Impact", "impact", ni, ilabels },
		.counts = counts,
		.levels = levels,
		.bands = bands,
		.nbands = RISK_LEVEL_MAX + 1,
		.one = "risk",
		.many = "risks",
	};
	int rc;

	for (int lv = RISK_NONE; lv <= RISK_LEVEL_MAX; lv++)
		bands[lv] = (struct svg_band){ risk_level_name(lv), level_tone[lv] };
	for (int l = 1; l <= nl; l++)
		llabels[l - 1] = scale_label(m, true, l);
	for (int i = 1; i <= ni; i++)
		ilabels[i - 1] = scale_label(m, false, i);
	for (int l = 1; l <= nl; l++) {
		for (int i = 1; i <= ni; i++) {
			counts[(l - 1) * ni + (i - 1)] = c[l - 1][i - 1];
			levels[(l - 1) * ni + (i - 1)] =
			        level_index(risk_method_level(m, l, i));
		}
	}
	rc = strbuf_addf(&title,
	                 "%s risk heat map: %zu risk%s by likelihood (rows, highest at "
	                 "the top) and impact (columns)",
	                 residual ? "Residual" : "Inherent", placed, plural(placed));
	h.title = title.buf;
	if (!rc)
		rc = svg_heatmap(sb, &h);
	strbuf_release(&title);
	return rc;
}

static void heatmap(struct doc_out *o, const struct risk_method *m,
                    const struct risk_list *risks, bool residual)
{
	if (!o->rc)
		o->rc = heatmap_draw(o->sb, m, risks, residual);
}

int risk_heatmap_svg(const struct risk_method *m, const struct risk_list *risks,
                     bool residual, struct strbuf *sb)
{
	return heatmap_draw(sb, m, risks, residual);
}

/* ---- Markdown ---- */

static void md_plan_state(struct doc_out *o, const struct treatment_plan *p)
{
	if (!p || doc_blank(p->approved_by)) {
		doc_put(o, " not approved |");
		return;
	}
	doc_put(o, " approved by ");
	doc_md(o, p->approved_by);
	doc_put(o, " on ");
	doc_md(o, doc_blank(p->approved_on) ? "(no date)" : p->approved_on);
	if (p->changed)
		doc_put(o, "; **changed since approval**");
	doc_put(o, " |");
}

static void md_record(struct doc_out *o, const struct soa_doc *d)
{
	const struct risk_method *m = d->method;
	size_t nrisks = d->risks ? d->risks->n : 0;

	doc_md_head(o, TITLE, PURPOSE, d->org);
	doc_put(o, "\n| Date |");
	doc_md_cell(o, d->today);
	doc_putf(o, "\n| Method | version %d", m->version);
	if (doc_blank(m->changed_by)) {
		doc_put(o, " (the default) |");
	} else {
		doc_put(o, ", changed by ");
		doc_md(o, m->changed_by);
		doc_put(o, " on ");
		doc_md(o, doc_blank(m->changed_on) ? "(no date)" : m->changed_on);
		doc_put(o, " |");
	}
	doc_putf(o,
	         "\n| Risks | %zu, %zu above the acceptance criterion |\n| Treatment "
	         "plan |",
	         nrisks, above_criteria(d));
	md_plan_state(o, d->plan);
	doc_put(o, "\n\n");
}

/* A likelihood-by-impact table, highest likelihood first: each cell its
 * level, or with counts the number of risks there and the level. */
static void md_grid(struct doc_out *o, const struct risk_method *m,
                    const size_t (*counts)[RISK_SCALE_MAX])
{
	int nl = scale_n(m, true), ni = scale_n(m, false);

	doc_put(o, "| Likelihood \\\\ impact |");
	for (int i = 1; i <= ni; i++) {
		doc_putf(o, " %d ", i);
		doc_md(o, scale_label(m, false, i));
		doc_put(o, " |");
	}
	doc_put(o, "\n|---|");
	for (int i = 1; i <= ni; i++)
		doc_put(o, counts ? "--:|" : "---|");
	doc_put(o, "\n");
	for (int l = nl; l >= 1; l--) {
		doc_putf(o, "| %d ", l);
		doc_md(o, scale_label(m, true, l));
		doc_put(o, " |");
		for (int i = 1; i <= ni; i++) {
			const char *lv = risk_level_name(risk_method_level(m, l, i));

			if (counts)
				doc_putf(o, " %zu (%s) |", counts[l - 1][i - 1], lv);
			else
				doc_putf(o, " %s |", lv);
		}
		doc_put(o, "\n");
	}
	doc_put(o, "\n");
}

static void md_method(struct doc_out *o, const struct soa_doc *d)
{
	const struct risk_method *m = d->method;
	int nl = scale_n(m, true), ni = scale_n(m, false);

	doc_put(o, "## 1. Method\n\nEach risk is rated for likelihood and impact on the "
	           "scales below; the matrix gives every pair a level. Inherent risk is "
	           "rated before treatment, residual risk after it.\n\n### Scales\n\n"
	           "| Value | Likelihood | Impact |\n|--:|---|---|\n");
	for (int v = 1; v <= (nl > ni ? nl : ni); v++) {
		doc_putf(o, "| %d |", v);
		doc_md_cell(o, v <= nl ? scale_label(m, true, v) : NULL);
		doc_md_cell(o, v <= ni ? scale_label(m, false, v) : NULL);
		doc_put(o, "\n");
	}
	doc_put(o, "\n### Matrix\n\n");
	md_grid(o, m, NULL);
	doc_putf(o,
	         "### Acceptance criterion\n\nOwners may accept residual risk up to "
	         "**%s**. A risk above it needs further treatment; retaining it "
	         "anyway takes its owner's recorded acceptance.\n\n",
	         risk_level_name(m->accept_max));
	if (!doc_blank(m->note)) {
		doc_put(o, "Why the method last changed: ");
		doc_md(o, m->note);
		doc_put(o, "\n\n");
	}
}

static void md_heatmaps(struct doc_out *o, const struct soa_doc *d)
{
	size_t c[RISK_SCALE_MAX][RISK_SCALE_MAX];
	size_t n = d->risks ? d->risks->n : 0;

	doc_put(o,
	        "## 2. Heat maps\n\nRisks per cell (the cell's level in brackets).\n\n");
	for (int k = 0; k < 2; k++) {
		size_t placed = heat_counts(d->method, d->risks, k, c);

		doc_putf(o, "### %s risk\n\n", k ? "Residual" : "Inherent");
		md_grid(o, d->method, (const size_t(*)[RISK_SCALE_MAX])c);
		if (placed < n)
			doc_putf(o, "Not shown: %zu risk%s not rated on the scales.\n\n",
			         n - placed, plural(n - placed));
	}
}

static void md_register(struct doc_out *o, const struct soa_doc *d)
{
	struct strbuf lv = STRBUF_INIT;

	doc_put(o, "## 3. Risk register\n\n");
	if (!d->risks || !d->risks->n) {
		doc_put(o, "No risks are recorded.\n\n");
		return;
	}
	doc_put(o, "| ID | Title | Assets | Inherent | Treatment | Controls | Residual | "
	           "Owner | Accepted | Above criterion |\n"
	           "|---|---|---|---|---|---|---|---|---|---|\n");
	for (size_t k = 0; k < d->risks->n && !o->rc; k++) {
		const struct risk *r = &d->risks->v[k];
		struct risk_text t;

		o->rc = risk_text_build(&t, r);
		doc_putf(o, "| %s |", t.id.buf);
		doc_md_cell(o, r->title);
		doc_md_cell(o, t.assets.buf);
		level_text(&lv, r->inherent_level, r->likelihood, r->impact);
		doc_md_cell(o, lv.buf);
		doc_putf(o, " %s |", risk_treatment_name(r->treatment));
		doc_md_cell(o, t.controls.buf);
		level_text(&lv, r->residual_level, r->residual_likelihood,
		           r->residual_impact);
		doc_md_cell(o, lv.buf);
		doc_md_cell(o, r->owner);
		doc_md_cell(o, t.accepted.buf);
		doc_put(o,
		        risk_above_criteria(r, d->method) ? " **yes** |\n" : " no |\n");
		risk_text_release(&t);
	}
	doc_put(o, "\n");
	strbuf_release(&lv);
}

static void md_plan(struct doc_out *o, const struct soa_doc *d)
{
	size_t total, open = open_actions(d->risks, &total);

	doc_put(o, "## 4. Risk treatment plan\n\n| | |\n|---|---|\n| Approval |");
	md_plan_state(o, d->plan);
	if (d->plan && !doc_blank(d->plan->approved_by) && d->plan->sha256[0])
		doc_putf(o, "\n| Approved plan's SHA-256 | `%.64s` |", d->plan->sha256);
	doc_putf(o, "\n| Actions | %zu, %zu open |\n\n", total, open);
	if (!total) {
		doc_put(o, "No treatment actions are recorded.\n");
		return;
	}
	doc_put(o, "| Risk | Action | Control | Owner | Due | Status |\n"
	           "|---|---|---|---|---|---|\n");
	for (size_t k = 0; k < d->risks->n; k++) {
		const struct risk *r = &d->risks->v[k];

		for (size_t a = 0; a < r->nactions; a++) {
			const struct treatment_action *ac = &r->actions[a];

			doc_putf(o, "| R%lld |", (long long)r->id);
			doc_md_cell(o, ac->title);
			doc_md_cell(o, ac->ref);
			doc_md_cell(o, ac->owner);
			doc_md_cell(o, ac->due_on);
			doc_md_cell(o, ac->status);
			doc_put(o, "\n");
		}
	}
}

static void render_md(struct doc_out *o, const struct soa_doc *d)
{
	md_record(o, d);
	md_method(o, d);
	md_heatmaps(o, d);
	md_register(o, d);
	md_plan(o, d);
}

/* ---- HTML ---- */

static void html_level(struct doc_out *o, int level, int l, int i)
{
	int lv = level_index(level);

	doc_put(o, "<td class=\"lvl\">");
	if (lv == RISK_NONE)
		doc_put(o, "<span class=\"none\">not rated</span>");
	else
		doc_putf(o, "<span class=\"level level-%s\">%s</span> %d&times;%d",
		         risk_level_name(lv), risk_level_name(lv), l, i);
	doc_put(o, "</td>");
}

/* The rules the risk report adds to the shared style sheet. */
static void html_css(struct doc_out *o)
{
	doc_put(o, ".level{display:inline-block;padding:0 .4rem;border-radius:.25rem;"
	           "font-weight:600}\ntd.lvl{white-space:nowrap}\n"
	           "table.grid{width:auto}\ntable.grid "
	           "td{text-align:center;min-width:4rem}\n"
	           ".above{color:#b71c1c;font-weight:600}\n"
	           "figure{max-width:48rem}\n");
	for (int lv = RISK_NONE; lv <= RISK_LEVEL_MAX; lv++)
		doc_putf(o, ".level-%s,td.level-%s{background:%s;color:%s}\n",
		         risk_level_name(lv), risk_level_name(lv),
		         svg_tone_fill(level_tone[lv]), svg_tone_ink(level_tone[lv]));
}

static void html_plan_state(struct doc_out *o, const struct treatment_plan *p)
{
	if (!p || doc_blank(p->approved_by)) {
		doc_put(o, "<td><b>not approved</b></td>");
		return;
	}
	doc_put(o, "<td>approved by ");
	doc_html(o, p->approved_by);
	doc_put(o, " on ");
	doc_html(o, doc_blank(p->approved_on) ? "(no date)" : p->approved_on);
	if (p->changed)
		doc_put(o, "; <span class=\"above\">changed since approval</span>");
	doc_put(o, "</td>");
}

static void html_record(struct doc_out *o, const struct soa_doc *d)
{
	const struct risk_method *m = d->method;

	doc_html_org(o, d->org);
	doc_put(o, "<tr><th>Date</th>");
	doc_html_td(o, d->today);
	doc_putf(o, "</tr>\n<tr><th>Method</th><td>version %d", m->version);
	if (doc_blank(m->changed_by)) {
		doc_put(o, " (the default)");
	} else {
		doc_put(o, ", changed by ");
		doc_html(o, m->changed_by);
		doc_put(o, " on ");
		doc_html(o, doc_blank(m->changed_on) ? "(no date)" : m->changed_on);
	}
	doc_putf(o,
	         "</td></tr>\n<tr><th>Risks</th><td>%zu, %zu above the acceptance "
	         "criterion</td></tr>\n<tr><th>Treatment plan</th>",
	         d->risks ? d->risks->n : 0, above_criteria(d));
	html_plan_state(o, d->plan);
	doc_put(o, "</tr>\n</tbody></table>\n");
}

static void html_method(struct doc_out *o, const struct soa_doc *d)
{
	const struct risk_method *m = d->method;
	int nl = scale_n(m, true), ni = scale_n(m, false);

	doc_put(o, "<section id=\"method\"><h2>1. Method</h2>\n<p>Each risk is rated for "
	           "likelihood and impact on the scales below; the matrix gives every "
	           "pair a level. Inherent risk is rated before treatment, residual risk "
	           "after it.</p>\n<h3>Scales</h3>\n<table class=\"record\"><thead><tr>"
	           "<th class=\"num\">Value</th><th>Likelihood</th><th>Impact</th></tr>"
	           "</thead><tbody>\n");
	for (int v = 1; v <= (nl > ni ? nl : ni); v++) {
		doc_putf(o, "<tr><td class=\"num\">%d</td>", v);
		doc_html_td(o, v <= nl ? scale_label(m, true, v) : NULL);
		doc_html_td(o, v <= ni ? scale_label(m, false, v) : NULL);
		doc_put(o, "</tr>\n");
	}
	doc_put(o, "</tbody></table>\n<h3>Matrix</h3>\n<table class=\"grid\"><thead><tr>"
	           "<th>Likelihood \\ impact</th>");
	for (int i = 1; i <= ni; i++) {
		doc_putf(o, "<th>%d ", i);
		doc_html(o, scale_label(m, false, i));
		doc_put(o, "</th>");
	}
	doc_put(o, "</tr></thead><tbody>\n");
	for (int l = nl; l >= 1; l--) {
		doc_putf(o, "<tr><th>%d ", l);
		doc_html(o, scale_label(m, true, l));
		doc_put(o, "</th>");
		for (int i = 1; i <= ni; i++) {
			const char *lv =
			        risk_level_name(level_index(risk_method_level(m, l, i)));

			doc_putf(o, "<td class=\"level-%s\">%s</td>", lv, lv);
		}
		doc_put(o, "</tr>\n");
	}
	doc_putf(o,
	         "</tbody></table>\n<h3>Acceptance criterion</h3>\n<p>Owners may accept "
	         "residual risk up to <b>%s</b>. A risk above it needs further "
	         "treatment; retaining it anyway takes its owner's recorded "
	         "acceptance.</p>\n",
	         risk_level_name(m->accept_max));
	if (!doc_blank(m->note)) {
		doc_put(o, "<p>Why the method last changed: ");
		doc_html_lines(o, m->note);
		doc_put(o, "</p>\n");
	}
	doc_put(o, "</section>\n");
}

static void html_heatmaps(struct doc_out *o, const struct soa_doc *d)
{
	size_t c[RISK_SCALE_MAX][RISK_SCALE_MAX];
	size_t n = d->risks ? d->risks->n : 0;

	doc_put(o, "<section id=\"heatmaps\"><h2>2. Heat maps</h2>\n");
	for (int k = 0; k < 2; k++) {
		size_t placed = heat_counts(d->method, d->risks, k, c);

		doc_putf(o, "<h3>%s risk</h3>\n<figure>", k ? "Residual" : "Inherent");
		heatmap(o, d->method, d->risks, k);
		doc_putf(o,
		         "<figcaption>%zu risk%s by %s likelihood and impact; each cell "
		         "shows how many risks sit there and is coloured by its level.",
		         placed, plural(placed), k ? "residual" : "inherent");
		if (placed < n)
			doc_putf(o, " Not shown: %zu risk%s not rated on the scales.",
			         n - placed, plural(n - placed));
		doc_put(o, "</figcaption></figure>\n");
	}
	doc_put(o, "</section>\n");
}

static void html_register(struct doc_out *o, const struct soa_doc *d)
{
	doc_put(o, "<section id=\"register\"><h2>3. Risk register</h2>\n");
	if (!d->risks || !d->risks->n) {
		doc_put(o, "<p>No risks are recorded.</p></section>\n");
		return;
	}
	doc_put(o, "<table><thead><tr><th>ID</th><th>Title</th><th>Assets</th>"
	           "<th>Inherent</th><th>Treatment</th><th>Controls</th><th>Residual</th>"
	           "<th>Owner</th><th>Accepted</th><th>Above criterion</th></tr></thead>"
	           "<tbody>\n");
	for (size_t k = 0; k < d->risks->n && !o->rc; k++) {
		const struct risk *r = &d->risks->v[k];
		struct risk_text t;

		o->rc = risk_text_build(&t, r);
		doc_put(o, "<tr>");
		doc_html_td(o, t.id.buf);
		doc_html_td(o, r->title);
		doc_html_td(o, t.assets.buf);
		html_level(o, r->inherent_level, r->likelihood, r->impact);
		doc_html_td(o, risk_treatment_name(r->treatment));
		doc_html_td(o, t.controls.buf);
		html_level(o, r->residual_level, r->residual_likelihood,
		           r->residual_impact);
		doc_html_td(o, r->owner);
		doc_html_td(o, t.accepted.buf);
		doc_put(o, risk_above_criteria(r, d->method)
		                   ? "<td class=\"above\">yes</td>"
		                   : "<td>no</td>");
		doc_put(o, "</tr>\n");
		risk_text_release(&t);
	}
	doc_put(o, "</tbody></table>\n</section>\n");
}

static void html_plan(struct doc_out *o, const struct soa_doc *d)
{
	size_t total, open = open_actions(d->risks, &total);

	doc_put(o, "<section id=\"plan\"><h2>4. Risk treatment plan</h2>\n"
	           "<table class=\"record\"><tbody>\n<tr><th>Approval</th>");
	html_plan_state(o, d->plan);
	doc_put(o, "</tr>\n");
	if (d->plan && !doc_blank(d->plan->approved_by) && d->plan->sha256[0]) {
		doc_put(o, "<tr><th>Approved plan's SHA-256</th><td class=\"sha\">");
		doc_html(o, d->plan->sha256);
		doc_put(o, "</td></tr>\n");
	}
	doc_putf(o, "<tr><th>Actions</th><td>%zu, %zu open</td></tr>\n</tbody></table>\n",
	         total, open);
	if (!total) {
		doc_put(o, "<p>No treatment actions are recorded.</p></section>\n");
		return;
	}
	doc_put(o, "<table><thead><tr><th>Risk</th><th>Action</th><th>Control</th>"
	           "<th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>\n");
	for (size_t k = 0; k < d->risks->n; k++) {
		const struct risk *r = &d->risks->v[k];

		for (size_t a = 0; a < r->nactions; a++) {
			const struct treatment_action *ac = &r->actions[a];

			doc_putf(o, "<tr><td>R%lld</td>", (long long)r->id);
			doc_html_td(o, ac->title);
			doc_html_td(o, ac->ref);
			doc_html_td(o, ac->owner);
			doc_html_td(o, ac->due_on);
			doc_html_td(o, ac->status);
			doc_put(o, "</tr>\n");
		}
	}
	doc_put(o, "</tbody></table>\n</section>\n");
}

static void render_html(struct doc_out *o, const struct soa_doc *d)
{
	doc_html_head(o, TITLE, d->org->name, NULL);
	html_css(o);
	doc_html_header(o, TITLE, d->org->name, PURPOSE);
	html_record(o, d);
	doc_put(o, "</header>\n<main>\n");
	html_method(o, d);
	html_heatmaps(o, d);
	html_register(o, d);
	html_plan(o, d);
	doc_html_foot(o, TITLE, d->org->name, d->today);
}

/* ---- JSON ---- */

/* Rows by likelihood from 1, columns by impact from 1. */
static json_t *json_heat(const struct risk_method *m, const struct risk_list *risks,
                         bool residual)
{
	size_t c[RISK_SCALE_MAX][RISK_SCALE_MAX];
	int nl = scale_n(m, true), ni = scale_n(m, false);
	json_t *rows = json_array();

	heat_counts(m, risks, residual, c);
	for (int l = 0; l < nl; l++) {
		json_t *row = json_array();

		for (int i = 0; i < ni; i++)
			json_array_append_new(row, json_integer((json_int_t)c[l][i]));
		json_array_append_new(rows, row);
	}
	return rows;
}

static json_t *json_actions(const struct risk_list *risks)
{
	json_t *a = json_array();

	for (size_t k = 0; risks && k < risks->n; k++) {
		const struct risk *r = &risks->v[k];

		for (size_t i = 0; i < r->nactions; i++) {
			const struct treatment_action *ac = &r->actions[i];

			json_array_append_new(
			        a, json_pack("{s:I, s:I, s:s?, s:s?, s:s?, s:s?, s:s?}",
			                     "id", (json_int_t)ac->id, "risk_id",
			                     (json_int_t)r->id, "title", ac->title, "ref",
			                     ac->ref, "owner", ac->owner, "due_on",
			                     ac->due_on, "status", ac->status));
		}
	}
	return a;
}

static void render_json(struct doc_out *o, const struct soa_doc *d)
{
	json_t *plan = d->plan ? json_treatment_plan(d->plan) : json_object();
	json_t *doc = NULL;

	if (plan && !json_object_set_new(plan, "actions", json_actions(d->risks)))
		doc = json_pack("{s:s, s:s, s:o, s:{s:o, s:o}, s:o, s:O}", "organisation",
		                d->org->slug, "date", d->today, "method",
		                json_risk_method(d->method), "heatmap", "inherent",
		                json_heat(d->method, d->risks, false), "residual",
		                json_heat(d->method, d->risks, true), "risks",
		                d->risks ? json_risk_list(d->risks, d->method)
		                         : json_array(),
		                "plan", plan);
	json_decref(plan);
	doc_json(o, doc, "risk report");
}

static void (*const renderers[])(struct doc_out *, const struct soa_doc *) = {
	[RISK_REPORT_MD] = render_md,
	[RISK_REPORT_HTML] = render_html,
	[RISK_REPORT_JSON] = render_json,
};

int risk_report_render(const struct soa_doc *d, enum risk_report_format f,
                       struct strbuf *sb)
{
	struct doc_out o = { sb, 0 };

	if ((unsigned)f >= sizeof(renderers) / sizeof(*renderers))
		BUG("unknown risk report format %d", (int)f);
	renderers[f](&o, d);
	return o.rc;
}
