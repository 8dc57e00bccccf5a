/*
 * doc.h - helpers the document renderers share (the gap report, the
 * Statement of Applicability and the risk report); not for front ends.
 *
 * A document is appended to a struct doc_out, which keeps its first
 * failed append and skips every write after it, so a document is either
 * whole or an error, never silently short.  Stored text goes through the
 * escape of its format (doc_html, doc_md, doc_csv) and nothing else; the
 * program's own wording is written as is.
 */
#ifndef ISMS_VIEW_DOC_H
#define ISMS_VIEW_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/org.h"
#include "core/strbuf.h"

struct doc_out {
	struct strbuf *sb;
	int rc; /* the first failure, or 0 */
};

void doc_put(struct doc_out *o, const char *s);
void doc_putn(struct doc_out *o, const char *s, size_t n);
void doc_putf(struct doc_out *o, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* NULL or empty. */
bool doc_blank(const char *s);

/* HTML, escaped for text and attribute values alike. */
void doc_html(struct doc_out *o, const char *s);
/* The same, with each line break kept as <br>. */
void doc_html_lines(struct doc_out *o, const char *s);
/* A table cell of stored text (line breaks kept); a dash when empty. */
void doc_html_td(struct doc_out *o, const char *s);

/*
 * Markdown inline text: no raw HTML (< > & become entities), Markdown
 * punctuation escaped, line breaks as <br> so text stays in its paragraph
 * or table cell, and what would start a heading, list or quote escaped.
 */
void doc_md(struct doc_out *o, const char *s);
/* " text |": one table cell, a dash when empty. */
void doc_md_cell(struct doc_out *o, const char *s);

/*
 * One CSV field (RFC 4180: quoted when it holds a comma, quote or line
 * break), text a spreadsheet would read as a formula kept as text; NULL
 * writes nothing.  doc_csv_next writes the separating comma first.
 */
void doc_csv(struct doc_out *o, const char *s);
void doc_csv_next(struct doc_out *o, const char *s);

/* doc (which this takes over) as indented JSON and a line break; when doc
 * is NULL or cannot be written, an error: "could not build the JSON what". */
void doc_json(struct doc_out *o, json_t *doc, const char *what);

/* The index of s among the n format names, or an E_INVALID error that
 * names the kind of document and the formats it has. */
int doc_format_index(const char *s, const char *const *names, size_t n, const char *kind);

/* The style sheet of every HTML document, so they all look alike. */
extern const char doc_css[];

/* s cut to about max characters (UTF-8 aware, an ellipsis added), for chart
 * labels; the caller frees it. */
char *doc_short_label(const char *s, size_t max);

/*
 * The frame of an HTML document.  doc_html_head writes the page up to its
 * style sheet: the title "title: name" (" – sub" added unless sub is NULL)
 * and doc_css, after which the caller may add rules of its own.
 * doc_html_header closes the head and opens the page's header with the
 * heading "title: name" and, unless NULL, the purpose as a paragraph.
 * doc_html_org opens the record table with the organisation's row;
 * doc_html_foot closes the main part and the page with the footer
 * "title of name, today.".  title and purpose are the program's wording.
 */
void doc_html_head(struct doc_out *o, const char *title, const char *name,
                   const char *sub);
void doc_html_header(struct doc_out *o, const char *title, const char *name,
                     const char *purpose);
void doc_html_org(struct doc_out *o, const struct org *org);
void doc_html_foot(struct doc_out *o, const char *title, const char *name,
                   const char *today);

/* A Markdown document's heading "# title: name", the purpose (unless NULL)
 * and its record table up to the organisation's row (no line break after). */
void doc_md_head(struct doc_out *o, const char *title, const char *purpose,
                 const struct org *org);

#endif
