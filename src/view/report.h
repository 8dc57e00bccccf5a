/*
 * report.h - the gap-assessment report as a document: Markdown, a single
 * self-contained HTML file, CSV for spreadsheets, or one JSON document.
 *
 * Pure functions over the facts the app layer loaded: no store, no clock,
 * no I/O.  Every piece of stored text is escaped for the format it lands
 * in, because a report is opened in browsers and spreadsheets that would
 * otherwise run what an owner or a note contains.
 */
#ifndef ISMS_VIEW_REPORT_H
#define ISMS_VIEW_REPORT_H

#include "core/catalog.h"
#include "core/gap.h"
#include "core/org.h"
#include "core/strbuf.h"

/* Everything a report shows; all borrowed.  fw may be NULL (no titles). */
struct gap_report {
	const struct org *org;
	const struct assessment *a;
	const struct framework *fw;
	const struct scope *scope;
	const struct gap_row_list *rows;
	const struct gap_score *score;
	const struct roadmap *roadmap;
	const struct evidence_list *evidence; /* refs: links in this assessment */
	const char *today;                    /* YYYY-MM-DD, for expiry */
};

enum report_format { REPORT_MD, REPORT_HTML, REPORT_CSV, REPORT_JSON };

/* "md", "html", "csv" or "json"; E_INVALID naming them otherwise. */
int report_format_parse(const char *s, enum report_format *out);
const char *report_format_name(enum report_format f);

/* Append the report to out; fails only when out reaches its cap (or, for
 * JSON, the document cannot be built). */
int report_render(const struct gap_report *r, enum report_format f, struct strbuf *out);

/* The escapes, exposed for tests: each appends s made safe for its place. */
int report_html_escape(struct strbuf *out, const char *s);
int report_md_escape(struct strbuf *out, const char *s);
int report_csv_field(struct strbuf *out, const char *s);

#endif
