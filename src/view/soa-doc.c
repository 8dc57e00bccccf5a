/*
 * soa-doc.c - the Statement of Applicability as CSV, Markdown, HTML and
 * JSON, and the wording of a row's cells that every format shares.
 *
 * Every renderer shows the same columns in the same order as the XLSX
 * workbook, so an auditor comparing two exports sees the same table.
 * Stored text goes through the escape of its format (doc.h) and nothing
 * else; the program's own wording is written as is.
 */
#include "view/soa.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "view/doc.h"

/* ---- formats ---- */

static const char *const format_names[] = {
	[SOA_XLSX] = "xlsx", [SOA_CSV] = "csv",   [SOA_JSON] = "json",
	[SOA_MD] = "md",     [SOA_HTML] = "html",
};

#define NFORMATS (sizeof(format_names) / sizeof(*format_names))

int soa_format_parse(const char *s, enum soa_format *out)
{
	int i = doc_format_index(s, format_names, NFORMATS, "SoA");

	if (i < 0)
		return i;
	*out = (enum soa_format)i;
	return 0;
}

const char *soa_format_name(enum soa_format f)
{
	return (unsigned)f < NFORMATS ? format_names[f] : "?";
}

/* ---- the words of a row ---- */

int soa_row_justification(const struct soa_row *r, struct strbuf *sb)
{
	struct doc_out o = { sb, 0 };
	bool first = true;

	if (!r->applicable) {
		doc_put(&o, "Excluded: ");
		doc_put(&o, doc_blank(r->exclusion) ? "(no justification recorded)"
		                                    : r->exclusion);
		return o.rc;
	}
	for (int k = 0; k < SOA_REASON__COUNT; k++) {
		if (doc_blank(r->reason[k]))
			continue;
		doc_putf(&o, "%s%s: ", first ? "" : "\n",
		         soa_reason_name((enum soa_reason)k));
		doc_put(&o, r->reason[k]);
		first = false;
	}
	return o.rc;
}

int soa_row_status_text(const struct soa_row *r, struct strbuf *sb)
{
	struct doc_out o = { sb, 0 };

	doc_put(&o, soa_impl_name(r->status));
	if (r->overridden) {
		if (doc_blank(r->override_reason)) {
			doc_put(&o, " (overridden)");
		} else {
			doc_put(&o, " (override: ");
			doc_put(&o, r->override_reason);
			doc_put(&o, ")");
		}
	}
	return o.rc;
}

int soa_row_risks_text(const struct soa_row *r, struct strbuf *sb)
{
	struct doc_out o = { sb, 0 };

	for (size_t i = 0; i < r->nrisks; i++)
		doc_putf(&o, "%sR%lld", i ? ", " : "", (long long)r->risks[i]);
	return o.rc;
}

int soa_row_evidence_text(const struct soa_row *r, struct strbuf *sb)
{
	struct doc_out o = { sb, 0 };

	for (size_t i = 0; i < r->nevidence; i++) {
		if (i)
			doc_put(&o, "\n");
		doc_put(&o, r->evidence[i]);
	}
	return o.rc;
}

/* The four composed cells of a row, built once for whichever format. */
struct row_text {
	struct strbuf why, status, risks, evidence;
};

static int row_text_build(struct row_text *t, const struct soa_row *r)
{
	int rc;

	*t = (struct row_text){ STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	rc = soa_row_justification(r, &t->why);
	if (!rc)
		rc = soa_row_status_text(r, &t->status);
	if (!rc)
		rc = soa_row_risks_text(r, &t->risks);
	if (!rc)
		rc = soa_row_evidence_text(r, &t->evidence);
	return rc;
}

static void row_text_release(struct row_text *t)
{
	strbuf_release(&t->why);
	strbuf_release(&t->status);
	strbuf_release(&t->risks);
	strbuf_release(&t->evidence);
}

struct tally {
	size_t applicable, excluded;
	size_t status[SOA_IMPL__COUNT]; /* of applicable controls */
};

static void tally(const struct soa *s, struct tally *t)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < s->n; i++) {
		const struct soa_row *r = &s->v[i];

		if (!r->applicable) {
			t->excluded++;
			continue;
		}
		t->applicable++;
		if ((unsigned)r->status < SOA_IMPL__COUNT)
			t->status[r->status]++;
	}
}

/* The order statuses are listed in: most complete first. */
static const enum soa_impl shown_impl[SOA_IMPL__COUNT] = {
	SOA_IMPLEMENTED,
	SOA_PARTIAL,
	SOA_PLANNED,
	SOA_NOT_IMPLEMENTED,
};

#define TITLE "Statement of Applicability"
#define PURPOSE                                                                 \
	"Every Annex A control of ISO/IEC 27001:2022, whether it applies and "  \
	"why, how far it is implemented, and the risks and evidence behind it " \
	"(clause 6.1.3 d)."

/* ---- CSV ---- */

static void render_csv(struct doc_out *o, const struct soa_doc *d)
{
	doc_put(o, "ref,title,theme,applicable,justification,status,derived_status,"
	           "overridden,override_reason,gap_finding,risks,evidence\r\n");
	for (size_t i = 0; i < d->soa->n && !o->rc; i++) {
		const struct soa_row *r = &d->soa->v[i];
		struct row_text t;

		o->rc = row_text_build(&t, r);
		doc_csv(o, r->ref);
		doc_csv_next(o, r->title);
		doc_csv_next(o, r->theme);
		doc_csv_next(o, r->applicable ? "true" : "false");
		doc_csv_next(o, t.why.buf);
		doc_csv_next(o, soa_impl_name(r->status));
		doc_csv_next(o, soa_impl_name(r->derived));
		doc_csv_next(o, r->overridden ? "true" : "false");
		doc_csv_next(o, r->overridden ? r->override_reason : NULL);
		doc_csv_next(o, gap_status_name(r->gap));
		doc_csv_next(o, t.risks.buf);
		doc_csv_next(o, t.evidence.buf);
		doc_put(o, "\r\n");
		row_text_release(&t);
	}
}

/* ---- Markdown ---- */

static void md_approval(struct doc_out *o, const struct soa_doc *d)
{
	const struct soa_version *v = d->approved;

	if (!v) {
		doc_put(o, " none: no version has been approved |");
		return;
	}
	doc_putf(o, " version %d, approved by ", v->version);
	doc_md(o, doc_blank(v->approved_by) ? "(unknown)" : v->approved_by);
	doc_put(o, " on ");
	doc_md(o, doc_blank(v->approved_on) ? "(unknown)" : v->approved_on);
	doc_put(o, " |");
}

static void md_problems(struct doc_out *o, const struct soa_doc *d)
{
	const struct soa_problems *p = d->problems;

	doc_put(o, "## Alignment with the risk assessment\n\n");
	if (!p->n) {
		doc_put(o,
		        "No problems: every control's applicability, justification and "
		        "status agree with the risk assessment.\n");
		return;
	}
	doc_putf(o, "Problems found: %zu (%zu blocking approval).\n\n", p->n,
	         soa_problems_blocking(p));
	doc_put(o, "| Problem | Ref | Detail |\n|---|---|---|\n");
	for (size_t i = 0; i < p->n; i++) {
		doc_putf(o, "| `%s` |", p->v[i].code);
		doc_md_cell(o, p->v[i].ref);
		doc_md_cell(o, p->v[i].message);
		doc_put(o, "\n");
	}
}

static void render_md(struct doc_out *o, const struct soa_doc *d)
{
	struct tally t;

	tally(d->soa, &t);
	doc_md_head(o, TITLE, PURPOSE, d->org);
	doc_put(o, "\n| Date |");
	doc_md_cell(o, d->today);
	doc_put(o, "\n| Approved version |");
	md_approval(o, d);
	doc_putf(o,
	         "\n| Controls | %zu: %zu applicable, %zu excluded |\n\n"
	         "## Implementation of the applicable controls\n\n"
	         "| Status | Controls |\n|---|--:|\n",
	         d->soa->n, t.applicable, t.excluded);
	for (int k = 0; k < SOA_IMPL__COUNT; k++)
		doc_putf(o, "| %s | %zu |\n", soa_impl_name(shown_impl[k]),
		         t.status[shown_impl[k]]);
	doc_put(o, "\n## Controls\n\n"
	           "| Reference | Title | Theme | Applicable | Justification | "
	           "Implementation status | Linked risks | Evidence |\n"
	           "|---|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < d->soa->n && !o->rc; i++) {
		const struct soa_row *r = &d->soa->v[i];
		struct row_text rt;

		o->rc = row_text_build(&rt, r);
		doc_put(o, "|");
		doc_md_cell(o, r->ref);
		doc_md_cell(o, r->title);
		doc_md_cell(o, r->theme);
		doc_put(o, r->applicable ? " Yes |" : " **No** |");
		doc_md_cell(o, rt.why.buf);
		doc_md_cell(o, rt.status.buf);
		doc_md_cell(o, rt.risks.buf);
		doc_md_cell(o, rt.evidence.buf);
		doc_put(o, "\n");
		row_text_release(&rt);
	}
	doc_put(o, "\n");
	if (d->problems)
		md_problems(o, d);
}

/* ---- HTML ---- */

static const char soa_css[] = "tr.excluded td{background:#f6f8fa;color:#57606a}\n"
                              "td.ref{white-space:nowrap}\n";

static void html_approval(struct doc_out *o, const struct soa_doc *d)
{
	const struct soa_version *v = d->approved;

	if (!v) {
		doc_put(o, "<td>none: no version has been approved</td>");
		return;
	}
	doc_putf(o, "<td>version %d, approved by ", v->version);
	doc_html(o, doc_blank(v->approved_by) ? "(unknown)" : v->approved_by);
	doc_put(o, " on ");
	doc_html(o, doc_blank(v->approved_on) ? "(unknown)" : v->approved_on);
	doc_put(o, "</td>");
}

static void html_problems(struct doc_out *o, const struct soa_doc *d)
{
	const struct soa_problems *p = d->problems;

	doc_put(o, "<section id=\"alignment\"><h2>Alignment with the risk "
	           "assessment</h2>\n");
	if (!p->n) {
		doc_put(o, "<p>No problems: every control's applicability, justification "
		           "and "
		           "status agree with the risk assessment.</p></section>\n");
		return;
	}
	doc_putf(o,
	         "<p>Problems found: %zu (%zu blocking approval).</p>\n<table><thead><tr>"
	         "<th>Problem</th><th>Ref</th><th>Detail</th></tr></thead><tbody>\n",
	         p->n, soa_problems_blocking(p));
	for (size_t i = 0; i < p->n; i++) {
		doc_put(o, "<tr><td><code>");
		doc_html(o, p->v[i].code);
		doc_put(o, "</code></td>");
		doc_html_td(o, p->v[i].ref);
		doc_html_td(o, p->v[i].message);
		doc_put(o, "</tr>\n");
	}
	doc_put(o, "</tbody></table>\n</section>\n");
}

static void render_html(struct doc_out *o, const struct soa_doc *d)
{
	struct tally t;

	tally(d->soa, &t);
	doc_html_head(o, TITLE, d->org->name, NULL);
	doc_put(o, soa_css);
	doc_html_header(o, TITLE, d->org->name, PURPOSE);
	doc_html_org(o, d->org);
	doc_put(o, "<tr><th>Date</th>");
	doc_html_td(o, d->today);
	doc_put(o, "</tr>\n<tr><th>Approved version</th>");
	html_approval(o, d);
	doc_putf(o,
	         "</tr>\n<tr><th>Controls</th><td>%zu: %zu applicable, %zu excluded</td>"
	         "</tr>\n</tbody></table>\n</header>\n<main>\n",
	         d->soa->n, t.applicable, t.excluded);
	doc_put(o, "<section id=\"summary\"><h2>Implementation of the applicable controls"
	           "</h2>\n<div class=\"kpi\">");
	for (int k = 0; k < SOA_IMPL__COUNT; k++)
		doc_putf(o, "<div>%s<b>%zu</b></div>", soa_impl_name(shown_impl[k]),
		         t.status[shown_impl[k]]);
	doc_put(o,
	        "</div>\n</section>\n<section id=\"controls\"><h2>Controls</h2>\n"
	        "<table><thead><tr><th>Reference</th><th>Title</th><th>Theme</th>"
	        "<th>Applicable</th><th>Justification</th><th>Implementation status</th>"
	        "<th>Linked risks</th><th>Evidence</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < d->soa->n && !o->rc; i++) {
		const struct soa_row *r = &d->soa->v[i];
		struct row_text rt;

		o->rc = row_text_build(&rt, r);
		doc_put(o, r->applicable ? "<tr><td class=\"ref\">"
		                         : "<tr class=\"excluded\"><td class=\"ref\">");
		doc_html(o, r->ref);
		doc_put(o, "</td>");
		doc_html_td(o, r->title);
		doc_html_td(o, r->theme);
		doc_put(o, r->applicable ? "<td>Yes</td>" : "<td><b>No</b></td>");
		doc_html_td(o, rt.why.buf);
		doc_html_td(o, rt.status.buf);
		doc_html_td(o, rt.risks.buf);
		doc_html_td(o, rt.evidence.buf);
		doc_put(o, "</tr>\n");
		row_text_release(&rt);
	}
	doc_put(o, "</tbody></table>\n</section>\n");
	if (d->problems)
		html_problems(o, d);
	doc_html_foot(o, TITLE, d->org->name, d->today);
}

/* ---- JSON ---- */

static void render_json(struct doc_out *o, const struct soa_doc *d)
{
	doc_json(o, json_soa(d), "SoA");
}

/* The text formats; the workbook is soa_render_xlsx's. */
static void (*const renderers[])(struct doc_out *, const struct soa_doc *) = {
	[SOA_CSV] = render_csv,
	[SOA_JSON] = render_json,
	[SOA_MD] = render_md,
	[SOA_HTML] = render_html,
};

int soa_render(const struct soa_doc *d, enum soa_format f, struct strbuf *sb)
{
	struct doc_out o = { sb, 0 };

	if (f == SOA_XLSX)
		return error_set(E_USAGE, "the xlsx format is a workbook written to a "
		                          "file, not text");
	if ((unsigned)f >= sizeof(renderers) / sizeof(*renderers) || !renderers[f])
		BUG("unknown SoA format %d", (int)f);
	renderers[f](&o, d);
	return o.rc;
}
