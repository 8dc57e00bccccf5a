/*
 * soa-doc.c - the Statement of Applicability as CSV, Markdown, HTML and
 * JSON, and the wording of a row's cells that every format shares.
 *
 * Every renderer shows the same columns in the same order as the XLSX
 * workbook, so an auditor comparing two exports sees the same table.
 * Stored text goes through the escape of its format (report.h) and nothing
 * else; the program's own wording is written as is.
 */
#include "view/soa.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/xalloc.h"
#include "view/report.h"

/* An output that keeps its first failed append and skips the rest, so a
 * document is either whole or an error, never silently short. */
struct out {
	struct strbuf *sb;
	int rc;
};

static void put(struct out *o, const char *s)
{
	if (!o->rc)
		o->rc = strbuf_addstr(o->sb, s);
}

static void putf(struct out *o, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

static void putf(struct out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->rc)
		return;
	va_start(ap, fmt);
	o->rc = strbuf_vaddf(o->sb, fmt, ap);
	va_end(ap);
}

static bool blank(const char *s)
{
	return !s || !*s;
}

/* ---- formats ---- */

static const char *const format_names[] = {
	[SOA_XLSX] = "xlsx", [SOA_CSV] = "csv",   [SOA_JSON] = "json",
	[SOA_MD] = "md",     [SOA_HTML] = "html",
};

#define NFORMATS (sizeof(format_names) / sizeof(*format_names))

int soa_format_parse(const char *s, enum soa_format *out)
{
	for (size_t i = 0; i < NFORMATS; i++) {
		if (!strcmp(s, format_names[i])) {
			*out = (enum soa_format)i;
			return 0;
		}
	}
	return error_set(E_INVALID,
	                 "unknown SoA format '%s' (expected xlsx, csv, json, md or html)",
	                 s);
}

const char *soa_format_name(enum soa_format f)
{
	return (unsigned)f < NFORMATS ? format_names[f] : "?";
}

/* ---- the words of a row ---- */

int soa_row_justification(const struct soa_row *r, struct strbuf *sb)
{
	struct out o = { sb, 0 };
	bool first = true;

	if (!r->applicable) {
		put(&o, "Excluded: ");
		put(&o,
		    blank(r->exclusion) ? "(no justification recorded)" : r->exclusion);
		return o.rc;
	}
	for (int k = 0; k < SOA_REASON__COUNT; k++) {
		if (blank(r->reason[k]))
			continue;
		putf(&o, "%s%s: ", first ? "" : "\n",
		     soa_reason_name((enum soa_reason)k));
		put(&o, r->reason[k]);
		first = false;
	}
	return o.rc;
}

int soa_row_status_text(const struct soa_row *r, struct strbuf *sb)
{
	struct out o = { sb, 0 };

	put(&o, soa_impl_name(r->status));
	if (r->overridden) {
		if (blank(r->override_reason)) {
			put(&o, " (overridden)");
		} else {
			put(&o, " (override: ");
			put(&o, r->override_reason);
			put(&o, ")");
		}
	}
	return o.rc;
}

int soa_row_risks_text(const struct soa_row *r, struct strbuf *sb)
{
	struct out o = { sb, 0 };

	for (size_t i = 0; i < r->nrisks; i++)
		putf(&o, "%sR%lld", i ? ", " : "", (long long)r->risks[i]);
	return o.rc;
}

int soa_row_evidence_text(const struct soa_row *r, struct strbuf *sb)
{
	struct out o = { sb, 0 };

	for (size_t i = 0; i < r->nevidence; i++) {
		if (i)
			put(&o, "\n");
		put(&o, r->evidence[i]);
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

static void csv(struct out *o, const char *s)
{
	if (!o->rc && s)
		o->rc = report_csv_field(o->sb, s);
}

static void csv_next(struct out *o, const char *s)
{
	put(o, ",");
	csv(o, s);
}

static void render_csv(struct out *o, const struct soa_doc *d)
{
	put(o, "ref,title,theme,applicable,justification,status,derived_status,"
	       "overridden,override_reason,gap_finding,risks,evidence\r\n");
	for (size_t i = 0; i < d->soa->n && !o->rc; i++) {
		const struct soa_row *r = &d->soa->v[i];
		struct row_text t;

		o->rc = row_text_build(&t, r);
		csv(o, r->ref);
		csv_next(o, r->title);
		csv_next(o, r->theme);
		csv_next(o, r->applicable ? "true" : "false");
		csv_next(o, t.why.buf);
		csv_next(o, soa_impl_name(r->status));
		csv_next(o, soa_impl_name(r->derived));
		csv_next(o, r->overridden ? "true" : "false");
		csv_next(o, r->overridden ? r->override_reason : NULL);
		csv_next(o, gap_status_name(r->gap));
		csv_next(o, t.risks.buf);
		csv_next(o, t.evidence.buf);
		put(o, "\r\n");
		row_text_release(&t);
	}
}

/* ---- Markdown ---- */

static void md(struct out *o, const char *s)
{
	if (!o->rc)
		o->rc = report_md_escape(o->sb, s);
}

/* " text |": one table cell, a dash when empty. */
static void md_cell(struct out *o, const char *s)
{
	put(o, " ");
	if (blank(s))
		put(o, "—");
	else
		md(o, s);
	put(o, " |");
}

static void md_approval(struct out *o, const struct soa_doc *d)
{
	const struct soa_version *v = d->approved;

	if (!v) {
		put(o, " none: no version has been approved |");
		return;
	}
	putf(o, " version %d, approved by ", v->version);
	md(o, blank(v->approved_by) ? "(unknown)" : v->approved_by);
	put(o, " on ");
	md(o, blank(v->approved_on) ? "(unknown)" : v->approved_on);
	put(o, " |");
}

static void md_problems(struct out *o, const struct soa_doc *d)
{
	const struct soa_problems *p = d->problems;

	put(o, "## Alignment with the risk assessment\n\n");
	if (!p->n) {
		put(o, "No problems: every control's applicability, justification and "
		       "status agree with the risk assessment.\n");
		return;
	}
	putf(o, "Problems found: %zu (%zu blocking approval).\n\n", p->n,
	     soa_problems_blocking(p));
	put(o, "| Problem | Ref | Detail |\n|---|---|---|\n");
	for (size_t i = 0; i < p->n; i++) {
		putf(o, "| `%s` |", p->v[i].code);
		md_cell(o, p->v[i].ref);
		md_cell(o, p->v[i].message);
		put(o, "\n");
	}
}

static void render_md(struct out *o, const struct soa_doc *d)
{
	struct tally t;

	tally(d->soa, &t);
	put(o, "# " TITLE ": ");
	md(o, d->org->name);
	put(o, "\n\n" PURPOSE "\n\n| | |\n|---|---|\n| Organisation | ");
	md(o, d->org->name);
	put(o, " (");
	md(o, d->org->slug);
	put(o, ") |\n| Date |");
	md_cell(o, d->today);
	put(o, "\n| Approved version |");
	md_approval(o, d);
	putf(o,
	     "\n| Controls | %zu: %zu applicable, %zu excluded |\n\n"
	     "## Implementation of the applicable controls\n\n"
	     "| Status | Controls |\n|---|--:|\n",
	     d->soa->n, t.applicable, t.excluded);
	for (int k = 0; k < SOA_IMPL__COUNT; k++)
		putf(o, "| %s | %zu |\n", soa_impl_name(shown_impl[k]),
		     t.status[shown_impl[k]]);
	put(o, "\n## Controls\n\n"
	       "| Reference | Title | Theme | Applicable | Justification | "
	       "Implementation status | Linked risks | Evidence |\n"
	       "|---|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < d->soa->n && !o->rc; i++) {
		const struct soa_row *r = &d->soa->v[i];
		struct row_text rt;

		o->rc = row_text_build(&rt, r);
		put(o, "|");
		md_cell(o, r->ref);
		md_cell(o, r->title);
		md_cell(o, r->theme);
		put(o, r->applicable ? " Yes |" : " **No** |");
		md_cell(o, rt.why.buf);
		md_cell(o, rt.status.buf);
		md_cell(o, rt.risks.buf);
		md_cell(o, rt.evidence.buf);
		put(o, "\n");
		row_text_release(&rt);
	}
	put(o, "\n");
	if (d->problems)
		md_problems(o, d);
}

/* ---- HTML ---- */

static void html(struct out *o, const char *s)
{
	if (!o->rc)
		o->rc = report_html_escape(o->sb, s);
}

/* Escaped, with each line break kept as <br>. */
static void html_lines(struct out *o, const char *s)
{
	while (s && !o->rc) {
		const char *nl = strchr(s, '\n');
		char *line;

		if (!nl) {
			html(o, s);
			break;
		}
		line = xstrndup(s, (size_t)(nl - s));
		html(o, line);
		free(line);
		put(o, "<br>");
		s = nl + 1;
	}
}

/* A table cell of stored text; a dash when empty. */
static void html_td(struct out *o, const char *s)
{
	put(o, "<td>");
	if (blank(s))
		put(o, "<span class=\"none\">&mdash;</span>");
	else
		html_lines(o, s);
	put(o, "</td>");
}

static const char soa_css[] = "tr.excluded td{background:#f6f8fa;color:#57606a}\n"
                              "td.ref{white-space:nowrap}\n";

static void html_approval(struct out *o, const struct soa_doc *d)
{
	const struct soa_version *v = d->approved;

	if (!v) {
		put(o, "<td>none: no version has been approved</td>");
		return;
	}
	putf(o, "<td>version %d, approved by ", v->version);
	html(o, blank(v->approved_by) ? "(unknown)" : v->approved_by);
	put(o, " on ");
	html(o, blank(v->approved_on) ? "(unknown)" : v->approved_on);
	put(o, "</td>");
}

static void html_problems(struct out *o, const struct soa_doc *d)
{
	const struct soa_problems *p = d->problems;

	put(o, "<section id=\"alignment\"><h2>Alignment with the risk assessment</h2>\n");
	if (!p->n) {
		put(o, "<p>No problems: every control's applicability, justification and "
		       "status agree with the risk assessment.</p></section>\n");
		return;
	}
	putf(o,
	     "<p>Problems found: %zu (%zu blocking approval).</p>\n<table><thead><tr>"
	     "<th>Problem</th><th>Ref</th><th>Detail</th></tr></thead><tbody>\n",
	     p->n, soa_problems_blocking(p));
	for (size_t i = 0; i < p->n; i++) {
		put(o, "<tr><td><code>");
		html(o, p->v[i].code);
		put(o, "</code></td>");
		html_td(o, p->v[i].ref);
		html_td(o, p->v[i].message);
		put(o, "</tr>\n");
	}
	put(o, "</tbody></table>\n</section>\n");
}

static void render_html(struct out *o, const struct soa_doc *d)
{
	struct tally t;

	tally(d->soa, &t);
	put(o,
	    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>" TITLE ": ");
	html(o, d->org->name);
	putf(o,
	     "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n<header>\n<h1>" TITLE
	     ": ",
	     report_css, soa_css);
	html(o, d->org->name);
	put(o, "</h1>\n<p>" PURPOSE "</p>\n<table class=\"record\"><tbody>\n"
	       "<tr><th>Organisation</th><td>");
	html(o, d->org->name);
	put(o, " <span class=\"none\">(");
	html(o, d->org->slug);
	put(o, ")</span></td></tr>\n<tr><th>Date</th>");
	html_td(o, d->today);
	put(o, "</tr>\n<tr><th>Approved version</th>");
	html_approval(o, d);
	putf(o,
	     "</tr>\n<tr><th>Controls</th><td>%zu: %zu applicable, %zu excluded</td>"
	     "</tr>\n</tbody></table>\n</header>\n<main>\n",
	     d->soa->n, t.applicable, t.excluded);
	put(o, "<section id=\"summary\"><h2>Implementation of the applicable controls"
	       "</h2>\n<div class=\"kpi\">");
	for (int k = 0; k < SOA_IMPL__COUNT; k++)
		putf(o, "<div>%s<b>%zu</b></div>", soa_impl_name(shown_impl[k]),
		     t.status[shown_impl[k]]);
	put(o, "</div>\n</section>\n<section id=\"controls\"><h2>Controls</h2>\n"
	       "<table><thead><tr><th>Reference</th><th>Title</th><th>Theme</th>"
	       "<th>Applicable</th><th>Justification</th><th>Implementation status</th>"
	       "<th>Linked risks</th><th>Evidence</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < d->soa->n && !o->rc; i++) {
		const struct soa_row *r = &d->soa->v[i];
		struct row_text rt;

		o->rc = row_text_build(&rt, r);
		put(o, r->applicable ? "<tr><td class=\"ref\">"
		                     : "<tr class=\"excluded\"><td class=\"ref\">");
		html(o, r->ref);
		put(o, "</td>");
		html_td(o, r->title);
		html_td(o, r->theme);
		put(o, r->applicable ? "<td>Yes</td>" : "<td><b>No</b></td>");
		html_td(o, rt.why.buf);
		html_td(o, rt.status.buf);
		html_td(o, rt.risks.buf);
		html_td(o, rt.evidence.buf);
		put(o, "</tr>\n");
		row_text_release(&rt);
	}
	put(o, "</tbody></table>\n</section>\n");
	if (d->problems)
		html_problems(o, d);
	put(o, "</main>\n<footer>" TITLE " of ");
	html(o, d->org->name);
	put(o, ", ");
	html(o, d->today);
	put(o, ".</footer>\n</body>\n</html>\n");
}

/* ---- JSON ---- */

static void render_json(struct out *o, const struct soa_doc *d)
{
	json_t *doc = json_soa(d);
	char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	json_decref(doc);
	if (!text) {
		if (!o->rc)
			o->rc = error_set(E_INTERNAL, "could not build the JSON SoA");
		return;
	}
	put(o, text);
	put(o, "\n");
	free(text);
}

int soa_render(const struct soa_doc *d, enum soa_format f, struct strbuf *sb)
{
	struct out o = { sb, 0 };

	switch (f) {
	case SOA_CSV:
		render_csv(&o, d);
		break;
	case SOA_MD:
		render_md(&o, d);
		break;
	case SOA_HTML:
		render_html(&o, d);
		break;
	case SOA_JSON:
		render_json(&o, d);
		break;
	case SOA_XLSX:
		return error_set(E_USAGE, "the xlsx format is a workbook written to a "
		                          "file, not text");
	default:
		BUG("unknown SoA format %d", (int)f);
	}
	return o.rc;
}
