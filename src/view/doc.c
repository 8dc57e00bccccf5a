/*
 * doc.c - helpers the document renderers share: the output, the escapes of
 * each format, the style sheet and the frame of a document.
 */
#include "view/doc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/xalloc.h"

/* ---- the output ---- */

void doc_put(struct doc_out *o, const char *s)
{
	if (!o->rc)
		o->rc = strbuf_addstr(o->sb, s);
}

void doc_putn(struct doc_out *o, const char *s, size_t n)
{
	if (!o->rc)
		o->rc = strbuf_add(o->sb, s, n);
}

void doc_putf(struct doc_out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->rc)
		return;
	va_start(ap, fmt);
	o->rc = strbuf_vaddf(o->sb, fmt, ap);
	va_end(ap);
}

bool doc_blank(const char *s)
{
	return !s || !*s;
}

/* ---- HTML ---- */

/* Escaped for text and attribute values alike; br: line breaks kept. */
static void html_put(struct doc_out *o, const char *s, bool br)
{
	const char *run = s;

	for (; s && *s; s++) {
		const char *rep;

		switch (*s) {
		case '\n':
			if (!br)
				continue;
			rep = "<br>";
			break;
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		doc_putn(o, run, (size_t)(s - run));
		doc_put(o, rep);
		run = s + 1;
	}
	if (run)
		doc_put(o, run);
}

void doc_html(struct doc_out *o, const char *s)
{
	html_put(o, s, false);
}

void doc_html_lines(struct doc_out *o, const char *s)
{
	html_put(o, s, true);
}

void doc_html_td(struct doc_out *o, const char *s)
{
	doc_put(o, "<td>");
	if (doc_blank(s))
		doc_put(o, "<span class=\"none\">&mdash;</span>");
	else
		doc_html_lines(o, s);
	doc_put(o, "</td>");
}

/* ---- Markdown ---- */

void doc_md(struct doc_out *o, const char *s)
{
	bool start = true;

	for (; s && *s; s++) {
		char c = *s;

		if (start) {
			size_t digits = strspn(s, "0123456789");

			if (c == ' ' || c == '\t')
				continue; /* leading blanks would make code blocks */
			if (strchr("#+-=", c)) {
				doc_putf(o, "\\%c", c);
				start = false;
				continue;
			}
			/* "1. " starts a list; "4.2" does not. */
			if (digits && (s[digits] == '.' || s[digits] == ')') &&
			    strchr(" \t\n", s[digits + 1])) {
				doc_putn(o, s, digits);
				doc_putf(o, "\\%c", s[digits]);
				s += digits;
				start = false;
				continue;
			}
			start = false;
		}
		switch (c) {
		case '&':
			doc_put(o, "&amp;");
			break;
		case '<':
			doc_put(o, "&lt;");
			break;
		case '>':
			doc_put(o, "&gt;");
			break;
		case '\n':
			doc_put(o, "<br>");
			break;
		case '\r':
			break;
		case '\\':
		case '`':
		case '*':
		case '_':
		case '[':
		case ']':
		case '|':
		case '~':
			doc_putf(o, "\\%c", c);
			break;
		default:
			doc_putn(o, s, 1);
		}
	}
}

void doc_md_cell(struct doc_out *o, const char *s)
{
	doc_put(o, " ");
	if (doc_blank(s))
		doc_put(o, "—");
	else
		doc_md(o, s);
	doc_put(o, " |");
}

/* ---- CSV ---- */

/*
 * RFC 4180: quoted when it holds a comma, quote or line break, inner quotes
 * doubled.  A cell a spreadsheet would read as a formula (= + - @, or a
 * leading tab or carriage return) gets a leading apostrophe, so it stays
 * text.
 */
void doc_csv(struct doc_out *o, const char *s)
{
	bool formula = s && *s && strchr("=+-@\t\r", *s);
	bool quote = s && strpbrk(s, ",\"\r\n");

	if (!s)
		return;
	if (quote)
		doc_put(o, "\"");
	if (formula)
		doc_put(o, "'");
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			doc_put(o, "\"\"");
		else
			doc_putn(o, p, 1);
	}
	if (quote)
		doc_put(o, "\"");
}

void doc_csv_next(struct doc_out *o, const char *s)
{
	doc_put(o, ",");
	doc_csv(o, s);
}

/* ---- JSON ---- */

void doc_json(struct doc_out *o, json_t *doc, const char *what)
{
	char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	json_decref(doc);
	if (!text) {
		if (!o->rc)
			o->rc = error_set(E_INTERNAL, "could not build the JSON %s",
			                  what);
		return;
	}
	doc_put(o, text);
	doc_put(o, "\n");
	free(text);
}

/* ---- formats ---- */

int doc_format_index(const char *s, const char *const *names, size_t n, const char *kind)
{
	struct strbuf list = STRBUF_INIT;
	int rc;

	for (size_t i = 0; i < n; i++) {
		if (!strcmp(s, names[i]))
			return (int)i;
	}
	/* "md, html or json" */
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&list, "%s%s", !i ? "" : i + 1 < n ? ", " : " or ", names[i]);
	rc = error_set(E_INVALID, "unknown %s format '%s' (expected %s)", kind, s,
	               list.buf);
	strbuf_release(&list);
	return rc;
}

/* ---- the look and frame of a document ---- */

const char doc_css[] =
        "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Helvetica,"
        "Arial,sans-serif;color:#1f2328;margin:2rem auto;max-width:64rem;padding:0 "
        "1rem;line-height:1.45;font-size:15px}\n"
        "h1{font-size:1.7rem;margin-bottom:.2rem}\n"
        "h2{font-size:1.3rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem;"
        "margin-top:2.2rem}\n"
        "h3{font-size:1.05rem;margin-top:1.4rem}\n"
        "table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:"
        ".85rem}\n"
        "th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left;"
        "vertical-align:top}\n"
        "th{background:#f3f5f7}\n"
        "td.num,th.num{text-align:right;white-space:nowrap}\n"
        "table.record{width:auto}\n"
        "table.record th{width:11rem}\n"
        "code,.sha{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:"
        ".78rem}\n"
        ".sha{word-break:break-all}\n"
        "td.date{white-space:nowrap}\n"
        "small{color:#57606a}\n"
        ".note{border-left:4px solid #0969da;background:#eef5ff;padding:.5rem "
        ".8rem;margin:1rem 0}\n"
        ".verdict{display:inline-block;padding:.1rem .5rem;border:2px solid;"
        "border-radius:.3rem;font-weight:700}\n"
        ".v-ready{color:#1b5e20}.v-ready-with-gaps{color:#8a5a00}.v-not-ready{"
        "color:#b71c1c}\n"
        ".kpi{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}\n"
        ".kpi div{border:1px solid #d0d7de;border-radius:.4rem;padding:.5rem "
        ".9rem;min-width:9rem}\n"
        ".kpi b{display:block;font-size:1.5rem}\n"
        ".none{color:#8c959f}\n"
        ".expired{color:#b71c1c;font-weight:600}\n"
        "figure{margin:1rem 0}\n"
        "figcaption{font-size:.8rem;color:#57606a}\n"
        "svg{max-width:100%;height:auto}\n"
        "svg text{font-family:inherit}\n"
        "nav ol{columns:2;font-size:.9rem}\n"
        "footer{margin-top:3rem;font-size:.8rem;color:#57606a}\n"
        "@media print{body{margin:0;max-width:none;font-size:10pt}"
        "nav{display:none}h2{break-after:avoid}"
        "table,figure{break-inside:auto}tr,figure svg{break-inside:avoid}"
        "thead{display:table-header-group}"
        "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

char *doc_short_label(const char *s, size_t max)
{
	size_t chars = 0, i = 0;

	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && ++chars > max)
			break;
	}
	if (!s[i])
		return xstrdup(s);
	{
		char *out = xmalloc(i + 4);

		memcpy(out, s, i);
		memcpy(out + i, "\xe2\x80\xa6", 4); /* ellipsis */
		return out;
	}
}

void doc_html_head(struct doc_out *o, const char *title, const char *name,
                   const char *sub)
{
	doc_put(o,
	        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width, "
	        "initial-scale=1\">\n<title>");
	doc_put(o, title);
	doc_put(o, ": ");
	doc_html(o, name);
	if (sub) {
		doc_put(o, " &#8211; ");
		doc_html(o, sub);
	}
	doc_put(o, "</title>\n<style>\n");
	doc_put(o, doc_css);
}

void doc_html_header(struct doc_out *o, const char *title, const char *name,
                     const char *purpose)
{
	doc_put(o, "</style>\n</head>\n<body>\n<header>\n<h1>");
	doc_put(o, title);
	doc_put(o, ": ");
	doc_html(o, name);
	doc_put(o, "</h1>\n");
	if (purpose)
		doc_putf(o, "<p>%s</p>\n", purpose);
}

void doc_html_org(struct doc_out *o, const struct org *org)
{
	doc_put(o, "<table class=\"record\"><tbody>\n<tr><th>Organisation</th><td>");
	doc_html(o, org->name);
	doc_put(o, " <span class=\"none\">(");
	doc_html(o, org->slug);
	doc_put(o, ")</span></td></tr>\n");
}

void doc_html_foot(struct doc_out *o, const char *title, const char *name,
                   const char *today)
{
	doc_put(o, "</main>\n<footer>");
	doc_put(o, title);
	doc_put(o, " of ");
	doc_html(o, name);
	doc_put(o, ", ");
	doc_html(o, today);
	doc_put(o, ".</footer>\n</body>\n</html>\n");
}

void doc_md_head(struct doc_out *o, const char *title, const char *purpose,
                 const struct org *org)
{
	doc_putf(o, "# %s: ", title);
	doc_md(o, org->name);
	doc_put(o, "\n\n");
	if (purpose)
		doc_putf(o, "%s\n\n", purpose);
	doc_put(o, "| | |\n|---|---|\n| Organisation | ");
	doc_md(o, org->name);
	doc_put(o, " (");
	doc_md(o, org->slug);
	doc_put(o, ") |");
}
