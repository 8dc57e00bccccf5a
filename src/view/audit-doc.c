/*
 * audit-doc.c - the internal audit report (ISO/IEC 27001:2022 9.2) and the
 * management review minutes (9.3) in Markdown, HTML and JSON.
 *
 * Markdown and HTML walk the same facts in the same order through a few
 * constructs both formats have (headings, paragraphs, lists, tables), so
 * the two documents cannot drift apart.  Stored text goes through the
 * escape of its format (doc.h) and nothing else; the program's own
 * wording is written as is.
 */
#include "view/audit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "view/doc.h"

static const char *plural(long long n)
{
	return n == 1 ? "" : "s";
}

static bool same(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

/* ---- formats ---- */

static const char *const format_names[] = {
	[AUDIT_MD] = "md",
	[AUDIT_HTML] = "html",
	[AUDIT_JSON] = "json",
};

#define NFORMATS (sizeof(format_names) / sizeof(*format_names))

int audit_format_parse(const char *s, enum audit_format *out)
{
	int i = doc_format_index(s, format_names, NFORMATS, "audit document");

	if (i < 0)
		return i;
	*out = (enum audit_format)i;
	return 0;
}

const char *audit_format_name(enum audit_format f)
{
	return (unsigned)f < NFORMATS ? format_names[f] : "?";
}

/* ---- what Markdown and HTML share ---- */

struct w {
	struct doc_out *o;
	bool html;
};

/* Stored text, line breaks kept. */
static void w_text(struct w *w, const char *s)
{
	if (w->html)
		doc_html_lines(w->o, s);
	else
		doc_md(w->o, s);
}

/* Stored text, or the program's `none` when it is empty. */
static void w_text_or(struct w *w, const char *s, const char *none)
{
	if (!doc_blank(s))
		w_text(w, s);
	else if (w->html)
		doc_putf(w->o, "<span class=\"none\">%s</span>", none);
	else
		doc_put(w->o, none);
}

/* The program's wording in bold. */
static void w_strong(struct w *w, const char *s)
{
	doc_putf(w->o, w->html ? "<b>%s</b>" : "**%s**", s);
}

static void w_br(struct w *w)
{
	doc_put(w->o, "<br>");
}

static bool is_sha256(const char *s)
{
	return strspn(s, "0123456789abcdef") == 64 && !s[64];
}

static void w_sha(struct w *w, const char *sha)
{
	if (w->html) {
		doc_put(w->o, "<code class=\"sha\">");
		doc_html(w->o, sha);
		doc_put(w->o, "</code>");
	} else if (is_sha256(sha)) {
		doc_putf(w->o, "`%s`", sha);
	} else {
		doc_md(w->o, sha);
	}
}

/* A section: <section id> and its h2, or "## title". */
static void w_section(struct w *w, const char *id, const char *title)
{
	if (w->html)
		doc_putf(w->o, "<section id=\"%s\"><h2>%s</h2>\n", id, title);
	else
		doc_putf(w->o, "## %s\n\n", title);
}

static void w_section_end(struct w *w)
{
	if (w->html)
		doc_put(w->o, "</section>\n");
}

static void w_h(struct w *w, int level)
{
	if (w->html)
		doc_putf(w->o, "<h%d>", level);
	else
		doc_putf(w->o, "%.*s ", level, "######");
}

static void w_h_end(struct w *w, int level)
{
	if (w->html)
		doc_putf(w->o, "</h%d>\n", level);
	else
		doc_put(w->o, "\n\n");
}

static void w_p(struct w *w)
{
	if (w->html)
		doc_put(w->o, "<p>");
}

static void w_p_end(struct w *w)
{
	doc_put(w->o, w->html ? "</p>\n" : "\n\n");
}

/* A paragraph of the program's wording. */
static void w_para(struct w *w, const char *s)
{
	w_p(w);
	doc_put(w->o, s);
	w_p_end(w);
}

static void w_ul(struct w *w)
{
	if (w->html)
		doc_put(w->o, "<ul>\n");
}

static void w_ul_end(struct w *w)
{
	doc_put(w->o, w->html ? "</ul>\n" : "\n");
}

static void w_li(struct w *w)
{
	doc_put(w->o, w->html ? "<li>" : "- ");
}

static void w_li_end(struct w *w)
{
	doc_put(w->o, w->html ? "</li>\n" : "\n");
}

/* A record table: one labelled value a row. */
static void w_record(struct w *w)
{
	doc_put(w->o,
	        w->html ? "<table class=\"record\"><tbody>\n" : "| | |\n|---|---|\n");
}

static void w_record_end(struct w *w)
{
	doc_put(w->o, w->html ? "</tbody></table>\n" : "\n");
}

static void w_row(struct w *w, const char *label)
{
	doc_putf(w->o, w->html ? "<tr><th>%s</th><td>" : "| %s | ", label);
}

static void w_row_end(struct w *w)
{
	doc_put(w->o, w->html ? "</td></tr>\n" : " |\n");
}

static void w_row_text(struct w *w, const char *label, const char *s, const char *none)
{
	w_row(w, label);
	w_text_or(w, s, none);
	w_row_end(w);
}

/* A table with a heading row of the program's wording. */
static void w_table(struct w *w, const char *const *heads, size_t n)
{
	if (w->html) {
		doc_put(w->o, "<table><thead><tr>");
		for (size_t i = 0; i < n; i++)
			doc_putf(w->o, "<th>%s</th>", heads[i]);
		doc_put(w->o, "</tr></thead><tbody>\n");
		return;
	}
	doc_put(w->o, "|");
	for (size_t i = 0; i < n; i++)
		doc_putf(w->o, " %s |", heads[i]);
	doc_put(w->o, "\n|");
	for (size_t i = 0; i < n; i++)
		doc_put(w->o, "---|");
	doc_put(w->o, "\n");
}

static void w_table_end(struct w *w)
{
	doc_put(w->o, w->html ? "</tbody></table>\n" : "\n");
}

static void w_tr(struct w *w)
{
	doc_put(w->o, w->html ? "<tr>" : "|");
}

static void w_tr_end(struct w *w)
{
	doc_put(w->o, w->html ? "</tr>\n" : "\n");
}

/* A cell of stored text, a dash when empty. */
static void w_td(struct w *w, const char *s)
{
	if (w->html)
		doc_html_td(w->o, s);
	else
		doc_md_cell(w->o, s);
}

/* A cell of the program's wording. */
static void w_td_put(struct w *w, const char *s)
{
	doc_putf(w->o, w->html ? "<td>%s</td>" : " %s |", s);
}

static void w_td_int(struct w *w, long long v)
{
	doc_putf(w->o, w->html ? "<td class=\"num\">%lld</td>" : " %lld |", v);
}

/* ---- the audit report: facts every format shares ---- */

#define REPORT_TITLE "Internal audit report"
#define REPORT_PURPOSE                                                             \
	"The results of an internal audit of the information security management " \
	"system (ISO/IEC 27001:2022 clause 9.2): what was audited, against which " \
	"criteria, what was found, and what limits the conclusions."

#define NO_SCOPE_STATEMENT "(no scope statement recorded)"
#define DEFAULT_DISTRIBUTION "top management and the auditees"
#define READERS                                                                    \
	"Top management, the ISMS owner and the auditees; the certification body " \
	"on request."
#define NOT_TESTED_WHY \
	"not tested: evidence was not available or the test was not performed"

static const enum audit_result shown_results[] = {
	RESULT_CONFORMING, RESULT_MAJOR, RESULT_MINOR, RESULT_OBSERVATION, RESULT_OFI,
};

#define NRESULTS (sizeof(shown_results) / sizeof(*shown_results))

static const struct audit_member *lead_of(const struct audit *a)
{
	for (size_t i = 0; i < a->nmembers; i++)
		if (a->members[i].lead)
			return &a->members[i];
	return NULL;
}

static int areas_untested(const struct audit_summary *s)
{
	int n = 0;

	for (size_t i = 0; i < s->nareas; i++)
		n += s->areas[i].substantive == 0;
	return n;
}

/* The conclusion on 9.2.1 a), in the program's words. */
static void conformity_text(struct doc_out *o, const struct audit_summary *s)
{
	int ncs = s->major + s->minor;

	if (s->conforms)
		doc_put(o,
		        "Clause 9.2.1 a): the ISMS conforms to the organisation's own "
		        "requirements for its information security management system "
		        "and to the requirements of ISO/IEC 27001:2022; the audit found "
		        "no major or minor nonconformity.");
	else if (ncs)
		doc_putf(o,
		         "Clause 9.2.1 a): the ISMS does not conform in every respect to "
		         "the organisation's own requirements for its information "
		         "security management system and to the requirements of ISO/IEC "
		         "27001:2022; the audit found %d major and %d minor "
		         "nonconformities.",
		         s->major, s->minor);
	else
		doc_put(o,
		        "Clause 9.2.1 a): the audit cannot conclude whether the ISMS "
		        "conforms to the organisation's own requirements for its "
		        "information security management system and to the requirements "
		        "of ISO/IEC 27001:2022: no test has a result.");
}

/* The conclusion on 9.2.1 b), in the program's words. */
static void effectiveness_text(struct doc_out *o, const struct audit_summary *s)
{
	int untested = areas_untested(s);

	if (s->effective) {
		doc_put(o,
		        "Clause 9.2.1 b): the ISMS is effectively implemented and "
		        "maintained; effectiveness was tested in every area audited and "
		        "no major nonconformity was found.");
		return;
	}
	doc_put(o, "Clause 9.2.1 b): the audit cannot conclude that the ISMS is "
	           "effectively implemented and maintained");
	if (!s->nareas) {
		doc_put(o, ": no area was audited.");
		return;
	}
	if (untested)
		doc_putf(o, "; effectiveness was not tested in %d of %zu area%s",
		         untested, s->nareas, plural((long long)s->nareas));
	if (s->major)
		doc_putf(o, "; the audit found %d major nonconformit%s", s->major,
		         s->major == 1 ? "y" : "ies");
	doc_put(o, ".");
}

/* When not every test has a result, in the program's words; "" otherwise. */
static void provisional_text(struct doc_out *o, const struct audit_summary *s)
{
	if (s->tested < s->tests)
		doc_putf(
		        o,
		        "%d of %d test%s %s no result; the conclusions rest on the tests "
		        "performed (see Audit limitations).",
		        s->tests - s->tested, s->tests, plural(s->tests),
		        s->tests - s->tested == 1 ? "has" : "have");
}

/*
 * The limitations, each one sentence of plain text (stored text within it
 * as is), handed to `emit`, which escapes it for its format.  Sampling is
 * not among them: every format states it first.
 */
struct lim {
	struct strbuf sb;
	struct doc_out s;
	void (*emit)(void *ctx, const char *sentence);
	void *ctx;
	size_t n;
};

static void lim_flush(struct lim *l)
{
	if (!l->s.rc) {
		l->emit(l->ctx, l->sb.buf);
		l->n++;
	}
	strbuf_reset(&l->sb);
}

static void test_name(struct doc_out *o, const struct audit_test *t)
{
	doc_put(o, doc_blank(t->ref) ? "?" : t->ref);
	doc_putf(o, " %s test", test_type_name(t->type));
}

/* Returns how many were emitted, or <0 when a sentence could not be built. */
static int limitations(const struct audit_doc *d,
                       void (*emit)(void *ctx, const char *sentence), void *ctx,
                       size_t *count)
{
	const struct audit *a = d->audit;
	struct lim l = { STRBUF_INIT, { NULL, 0 }, emit, ctx, 0 };
	struct doc_out *s = &l.s;

	l.s.sb = &l.sb;
	if (d->noutside) {
		doc_putf(s,
		         "Not in this audit's scope: %zu item%s of the ISMS (clause "
		         "requirements and applicable controls): ",
		         d->noutside, plural((long long)d->noutside));
		for (size_t i = 0; i < d->noutside; i++) {
			doc_put(s, i ? ", " : "");
			doc_put(s, d->outside[i] ? d->outside[i] : "?");
		}
		doc_put(s, ".");
		lim_flush(&l);
	}
	for (size_t i = 0; i < a->nmembers; i++) {
		const struct audit_member *m = &a->members[i];

		if (doc_blank(m->conflict) && doc_blank(m->override))
			continue;
		doc_put(s, "Independence: ");
		doc_put(s, doc_blank(m->name) ? "(unnamed)" : m->name);
		doc_put(s, " audits within the scope despite a conflict (");
		doc_put(s, doc_blank(m->conflict) ? "not recorded" : m->conflict);
		if (doc_blank(m->override)) {
			doc_put(s, "); no justification is recorded.");
		} else {
			doc_put(s, "); the justification recorded: ");
			doc_put(s, m->override);
		}
		lim_flush(&l);
	}
	if (!lead_of(a)) {
		doc_put(s, "No lead auditor is assigned to this audit.");
		lim_flush(&l);
	}
	for (size_t i = 0; i < a->nmembers; i++) {
		const struct audit_member *m = &a->members[i];

		if (!m->lead || m->competent)
			continue;
		doc_put(s, "The lead auditor ");
		doc_put(s, doc_blank(m->name) ? "(unnamed)" : m->name);
		doc_put(s, " has no competence record (ISO/IEC 27001:2022 7.2).");
		lim_flush(&l);
	}
	for (size_t i = 0; i < a->ntests; i++) {
		const struct audit_test *t = &a->tests[i];

		if (t->result != RESULT_NONE)
			continue;
		test_name(s, t);
		doc_put(s, " \xe2\x80\x94 " NOT_TESTED_WHY ".");
		lim_flush(&l);
	}
	for (size_t i = 0; i < a->ntests; i++) {
		const struct audit_test *t = &a->tests[i];

		if (t->result == RESULT_NONE || t->nevidence)
			continue;
		test_name(s, t);
		doc_putf(s,
		         " \xe2\x80\x94 evidence not available: the result (%s) has no "
		         "evidence linked to it.",
		         audit_result_name(t->result));
		lim_flush(&l);
	}
	for (size_t i = 0; i < a->ndocuments; i++) {
		const struct audit_document *doc = &a->documents[i];

		if (!doc_blank(doc->evidence))
			continue;
		doc_put(s, "Document reviewed \xe2\x80\x94 evidence not available: ");
		doc_put(s, doc_blank(doc->title) ? "(untitled)" : doc->title);
		doc_put(s, " is not linked to stored evidence.");
		lim_flush(&l);
	}
	strbuf_release(&l.sb);
	*count = l.n;
	return l.s.rc;
}

#define NO_LIMITATIONS                                                             \
	"No further limitations: the whole ISMS was in this audit's scope, every " \
	"test has a result with evidence, every document reviewed is stored, and " \
	"the team was independent and led by a competent auditor."

#define SAMPLING_NOTE                                                       \
	"Conclusions on sampled populations rest on the items examined; a " \
	"nonconformity outside a sample may remain undetected."

/* ---- the audit report in Markdown and HTML ---- */

static void version_text(struct w *w, const struct audit_doc *d)
{
	if (d->version <= 0) {
		doc_put(w->o, "Draft (not issued)");
		return;
	}
	doc_putf(w->o, "Version %d, issued on ", d->version);
	w_text_or(w, d->issued_on, "(no date)");
	doc_put(w->o, " by ");
	w_text_or(w, d->issued_by, "(unknown)");
}

/* The record under the title: the audit and the version. */
static void report_record(struct w *w, const struct audit_doc *d)
{
	const struct audit *a = d->audit;

	w_row(w, "Audit");
	w_text_or(w, a->title, "(untitled)");
	doc_putf(w->o, " (audit %lld, %s)", (long long)a->id,
	         audit_status_name(a->status));
	w_row_end(w);
	w_row(w, "Report");
	version_text(w, d);
	w_row_end(w);
	w_row_text(w, "Date", d->today, "\xe2\x80\x94");
}

/* The comma-separated auditees, each trimmed, empty ones left out. */
static void auditees(struct w *w, const char *s)
{
	struct strbuf one = STRBUF_INIT;
	bool any = false;

	while (s && *s) {
		const char *end = strchr(s, ',');
		const char *b = s, *e = end ? end : s + strlen(s);

		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > b) {
			strbuf_reset(&one);
			if (!w->o->rc)
				w->o->rc = strbuf_add(&one, b, (size_t)(e - b));
			doc_put(w->o, any ? ", " : "");
			w_text(w, one.buf);
			any = true;
		}
		if (!end)
			break;
		s = end + 1;
	}
	strbuf_release(&one);
	if (!any)
		w_text_or(w, NULL, "(none recorded)");
}

static void intro(struct w *w, const struct audit_doc *d)
{
	const struct audit *a = d->audit;

	w_section(w, "introduction", "Introduction");
	w_record(w);
	w_row_text(w, "ISMS scope", d->scope_statement, NO_SCOPE_STATEMENT);
	w_row_text(w, "Audit objectives", a->objectives, "(none recorded)");
	w_row(w, "Audit scope");
	if (!a->nscope)
		w_text_or(w, NULL, "(nothing in scope)");
	for (size_t i = 0; i < a->nscope; i++) {
		doc_put(w->o, i ? ", " : "");
		w_text(w, a->scope[i]);
	}
	w_row_end(w);
	w_row_text(w, "Audit criteria", a->criteria, "(none recorded)");
	w_row(w, "Fieldwork");
	w_text_or(w, a->start_on, "?");
	doc_put(w->o, " \xe2\x80\x93 ");
	w_text_or(w, a->end_on, "?");
	w_row_end(w);
	w_row(w, "Audit team");
	if (!a->nmembers)
		w_text_or(w, NULL, "(no auditor assigned)");
	for (size_t i = 0; i < a->nmembers; i++) {
		if (i)
			w_br(w);
		w_text_or(w, a->members[i].name, "(unnamed)");
		if (a->members[i].lead)
			doc_put(w->o, " (lead auditor)");
	}
	w_row_end(w);
	w_row(w, "Auditees");
	auditees(w, a->auditees);
	w_row_end(w);
	w_row(w, "Documents reviewed");
	if (!a->ndocuments)
		w_text_or(w, NULL, "(none recorded)");
	for (size_t i = 0; i < a->ndocuments; i++) {
		const struct audit_document *doc = &a->documents[i];

		if (i)
			w_br(w);
		w_text_or(w, doc->title, "(untitled)");
		if (!doc_blank(doc->evidence)) {
			doc_put(w->o, " (evidence SHA-256 ");
			w_sha(w, doc->evidence);
			doc_put(w->o, ")");
		}
	}
	w_row_end(w);
	w_row_text(w, "Sampling approach", a->sampling, "(none recorded)");
	w_record_end(w);
	w_section_end(w);
}

static void summary(struct w *w, const struct audit_doc *d)
{
	const struct audit_summary *s = d->summary;
	static const char *const heads[] = {
		"Tests",
		"Tested",
		"Conforming",
		"Major nonconformities",
		"Minor nonconformities",
		"Observations",
		"Opportunities for improvement",
	};

	w_section(w, "summary", "Executive summary");
	w_p(w);
	conformity_text(w->o, s);
	w_p_end(w);
	w_p(w);
	effectiveness_text(w->o, s);
	w_p_end(w);
	if (s->tested < s->tests) {
		w_p(w);
		provisional_text(w->o, s);
		w_p_end(w);
	}
	w_table(w, heads, sizeof(heads) / sizeof(*heads));
	w_tr(w);
	w_td_int(w, s->tests);
	w_td_int(w, s->tested);
	w_td_int(w, s->conforming);
	w_td_int(w, s->major);
	w_td_int(w, s->minor);
	w_td_int(w, s->observation);
	w_td_int(w, s->ofi);
	w_tr_end(w);
	w_table_end(w);
	w_section_end(w);
}

static void guidance(struct w *w, const struct audit_doc *d)
{
	const struct audit *a = d->audit;

	w_section(w, "guidance", "Report guidance");
	w_record(w);
	w_row(w, "Intended readers");
	doc_put(w->o, READERS);
	w_row_end(w);
	w_row(w, "Distribution");
	if (doc_blank(a->distribution))
		doc_put(w->o, DEFAULT_DISTRIBUTION);
	else
		w_text(w, a->distribution);
	w_row_end(w);
	w_row_text(w, "Classification", a->classification, "(none recorded)");
	w_record_end(w);
	w_para(w, "Each test is a compliance test (does practice follow the documented "
	          "policy?) or a substantive test (is the control effective?). Each "
	          "result means:");
	w_ul(w);
	for (size_t i = 0; i < NRESULTS; i++) {
		w_li(w);
		w_strong(w, audit_result_name(shown_results[i]));
		doc_put(w->o, " \xe2\x80\x94 ");
		w_text(w, audit_result_definition(shown_results[i]));
		w_li_end(w);
	}
	w_ul_end(w);
	w_para(w, "A nonconformity is either missing (the requirement or control is "
	          "not in place) or not-functioning (it is in place but does not work "
	          "as intended). Each major or minor nonconformity opens a corrective "
	          "action (ISO/IEC 27001:2022 10.2).");
	w_section_end(w);
}

static void result_text(struct w *w, const struct audit_test *t)
{
	if (t->result == RESULT_NONE) {
		w_strong(w, "not tested");
		return;
	}
	if (audit_result_is_nc(t->result))
		w_strong(w, audit_result_name(t->result));
	else
		doc_put(w->o, audit_result_name(t->result));
	if (t->nc != NC_NONE)
		doc_putf(w->o, " (%s)", nc_kind_name(t->nc));
}

static void evidence_text(struct w *w, const struct audit_test *t)
{
	if (!t->nevidence)
		w_text_or(w, NULL, "none linked");
	for (size_t i = 0; i < t->nevidence; i++) {
		const struct audit_evidence *e = &t->evidence[i];

		if (i)
			w_br(w);
		w_text_or(w, e->title, "(untitled)");
		doc_putf(w->o, " (%s) SHA-256 ", evidence_kind_name(e->kind));
		w_sha(w, e->sha256);
	}
}

static void previous_capas(struct w *w, const struct audit_doc *d, const char *ref)
{
	bool any = false;

	for (size_t i = 0; d->previous && i < d->previous->n; i++) {
		const struct capa *c = &d->previous->v[i];

		if (!same(c->ref, ref))
			continue;
		if (!any)
			w_ul(w);
		any = true;
		w_li(w);
		doc_putf(w->o, "Previous corrective action CAPA-%lld (audit %lld): %s",
		         (long long)c->id, (long long)c->audit_id,
		         capa_status_name(c->status));
		if (d->today && capa_overdue(c, d->today))
			doc_put(w->o, w->html ? " <b>(overdue)</b>" : " **(overdue)**");
		w_li_end(w);
	}
	if (any)
		w_ul_end(w);
}

static void test_record(struct w *w, const struct audit_test *t)
{
	w_h(w, 4);
	w_text_or(w, t->ref, "?");
	doc_put(w->o, " ");
	w_text(w, t->title);
	doc_putf(w->o, " \xe2\x80\x94 %s test", test_type_name(t->type));
	w_h_end(w, 4);
	w_record(w);
	w_row(w, "Test type");
	doc_put(w->o, test_type_name(t->type));
	w_row_end(w);
	w_row_text(w, "Step", t->step, "\xe2\x80\x94");
	w_row_text(w, "Evidence expected", t->expected, "\xe2\x80\x94");
	w_row(w, "Method");
	if (t->method == METHOD_NONE)
		w_text_or(w, NULL, "\xe2\x80\x94");
	else
		doc_put(w->o, audit_method_name(t->method));
	w_row_end(w);
	w_row_text(w, "Population", t->population, "\xe2\x80\x94");
	w_row(w, "Sample size");
	if (t->sample_size < 0)
		w_text_or(w, NULL, "\xe2\x80\x94");
	else
		doc_putf(w->o, "%d", t->sample_size);
	w_row_end(w);
	w_row_text(w, "Sample items", t->sample_items, "\xe2\x80\x94");
	w_row(w, "Evidence");
	evidence_text(w, t);
	w_row_end(w);
	w_row(w, "Result");
	result_text(w, t);
	w_row_end(w);
	w_row_text(w, "Note", t->note, "\xe2\x80\x94");
	w_row(w, "Corrective action");
	if (t->capa_id)
		doc_putf(w->o, "CAPA-%lld", (long long)t->capa_id);
	else
		w_text_or(w, NULL, "\xe2\x80\x94");
	w_row_end(w);
	w_row_text(w, "Recorded at", t->recorded_at, "\xe2\x80\x94");
	w_record_end(w);
}

/* Is t the first test of its item within its area? */
static bool first_of_item(const struct audit *a, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (same(a->tests[i].ref, a->tests[k].ref) &&
		    same(a->tests[i].group, a->tests[k].group))
			return false;
	return true;
}

static bool ref_tested(const struct audit *a, const char *ref)
{
	for (size_t i = 0; i < a->ntests; i++)
		if (same(a->tests[i].ref, ref))
			return true;
	return false;
}

static void findings(struct w *w, const struct audit_doc *d)
{
	const struct audit *a = d->audit;
	const struct audit_summary *s = d->summary;
	bool other = false;

	w_section(w, "findings", "Audit findings");
	if (!s->nareas)
		w_para(w, "The checklist is empty: no tests were planned.");
	for (size_t k = 0; k < s->nareas; k++) {
		const struct audit_area *ar = &s->areas[k];

		w_h(w, 3);
		w_text_or(w, ar->group_title, "(no area)");
		w_h_end(w, 3);
		w_p(w);
		if (ar->substantive > 0)
			doc_putf(w->o,
			         "Effectiveness tested: yes (%d substantive test%s)",
			         ar->substantive, plural(ar->substantive));
		else
			doc_put(w->o,
			        "Effectiveness tested: no \xe2\x80\x94 only compliance "
			        "tests were performed");
		doc_putf(w->o,
		         ". Tests: %d, %d with a result: %d conforming, %d major, %d "
		         "minor, %d observation%s, %d opportunit%s for improvement.",
		         ar->tests, ar->tested, ar->conforming, ar->major, ar->minor,
		         ar->observation, plural(ar->observation), ar->ofi,
		         ar->ofi == 1 ? "y" : "ies");
		w_p_end(w);
		for (size_t i = 0; i < a->ntests; i++) {
			const struct audit_test *t = &a->tests[i];

			if (!same(t->group, ar->group))
				continue;
			test_record(w, t);
			if (first_of_item(a, i))
				previous_capas(w, d, t->ref);
		}
	}
	for (size_t i = 0; d->previous && i < d->previous->n; i++)
		other |= !ref_tested(a, d->previous->v[i].ref);
	if (other) {
		w_h(w, 3);
		doc_put(w->o, "Corrective actions from earlier audits on other items");
		w_h_end(w, 3);
		w_ul(w);
		for (size_t i = 0; i < d->previous->n; i++) {
			const struct capa *c = &d->previous->v[i];

			if (ref_tested(a, c->ref))
				continue;
			w_li(w);
			w_text_or(w, c->ref, "?");
			doc_putf(
			        w->o,
			        ": previous corrective action CAPA-%lld (audit %lld): %s",
			        (long long)c->id, (long long)c->audit_id,
			        capa_status_name(c->status));
			w_li_end(w);
		}
		w_ul_end(w);
	}
	w_section_end(w);
}

static void lim_item(void *ctx, const char *sentence)
{
	struct w *w = ctx;

	w_li(w);
	w_text(w, sentence);
	w_li_end(w);
}

static void lim_count(void *ctx, const char *sentence)
{
	(void)ctx;
	(void)sentence;
}

static void limits(struct w *w, const struct audit_doc *d)
{
	size_t n = 0;
	int rc;

	w_section(w, "limitations", "Audit limitations");
	w_p(w);
	doc_put(w->o, "Sampling approach: ");
	w_text_or(w, d->audit->sampling, "none recorded; each test gives its own sample");
	w_p_end(w);
	w_para(w, SAMPLING_NOTE);
	/* Count first: the list is only opened when it has items. */
	rc = limitations(d, lim_count, NULL, &n);
	if (rc < 0) {
		if (!w->o->rc)
			w->o->rc = rc;
		return;
	}
	if (!n) {
		w_para(w, NO_LIMITATIONS);
	} else {
		w_ul(w);
		rc = limitations(d, lim_item, w, &n);
		if (rc < 0 && !w->o->rc)
			w->o->rc = rc;
		w_ul_end(w);
	}
	w_section_end(w);
}

static void report_body(struct w *w, const struct audit_doc *d)
{
	intro(w, d);
	summary(w, d);
	guidance(w, d);
	findings(w, d);
	limits(w, d);
}

static const char report_css[] = "h4{font-size:.95rem;margin:1.2rem 0 .3rem}\n"
                                 "section#findings table.record{width:100%}\n";

static void report_md(struct doc_out *o, const struct audit_doc *d)
{
	struct w w = { o, false };

	doc_md_head(o, REPORT_TITLE, REPORT_PURPOSE, d->org);
	doc_put(o, "\n");
	report_record(&w, d);
	doc_put(o, "\n");
	report_body(&w, d);
}

static void report_html(struct doc_out *o, const struct audit_doc *d)
{
	struct w w = { o, true };

	doc_html_head(o, REPORT_TITLE, d->org->name, d->audit->title);
	doc_put(o, report_css);
	doc_html_header(o, REPORT_TITLE, d->org->name, REPORT_PURPOSE);
	doc_html_org(o, d->org);
	report_record(&w, d);
	doc_put(o, "</tbody></table>\n</header>\n<main>\n");
	report_body(&w, d);
	doc_html_foot(o, REPORT_TITLE, d->org->name, d->today ? d->today : "");
}

/* ---- the audit report in JSON ---- */

static json_t *str_or_null(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;

	return j ? j : json_null();
}

static json_t *json_intro(const struct audit_doc *d, json_t *audit)
{
	const struct audit *a = d->audit;
	const struct audit_member *lead = lead_of(a);
	json_t *o = json_object(), *team = json_array(), *docs = json_array();

	for (size_t i = 0; i < a->nmembers; i++)
		json_array_append_new(team,
		                      json_pack("{s:o, s:b, s:b}", "name",
		                                str_or_null(a->members[i].name), "lead",
		                                a->members[i].lead, "competent",
		                                a->members[i].competent));
	for (size_t i = 0; i < a->ndocuments; i++)
		json_array_append_new(
		        docs, json_pack("{s:o, s:o}", "title",
		                        str_or_null(a->documents[i].title), "sha256",
		                        str_or_null(a->documents[i].evidence)));
	json_object_set_new(o, "scope_statement", str_or_null(d->scope_statement));
	json_object_set_new(o, "objectives", str_or_null(a->objectives));
	json_object_set_new(o, "scope", json_deep_copy(json_object_get(audit, "scope")));
	json_object_set_new(o, "criteria", str_or_null(a->criteria));
	json_object_set_new(o, "start_on", str_or_null(a->start_on));
	json_object_set_new(o, "end_on", str_or_null(a->end_on));
	json_object_set_new(o, "lead_auditor", str_or_null(lead ? lead->name : NULL));
	json_object_set_new(o, "team", team);
	json_object_set_new(o, "auditees",
	                    json_deep_copy(json_object_get(audit, "auditees")));
	json_object_set_new(o, "documents", docs);
	json_object_set_new(o, "sampling", str_or_null(a->sampling));
	return o;
}

static json_t *json_exec(const struct audit_doc *d)
{
	const struct audit_summary *s = d->summary;
	struct strbuf sb = STRBUF_INIT;
	struct doc_out o = { &sb, 0 };
	json_t *j = json_object();

	json_object_set_new(j, "conforms", json_boolean(s->conforms));
	json_object_set_new(j, "effective", json_boolean(s->effective));
	conformity_text(&o, s);
	json_object_set_new(j, "conformity", o.rc ? NULL : json_string(sb.buf));
	strbuf_reset(&sb);
	effectiveness_text(&o, s);
	json_object_set_new(j, "effectiveness", o.rc ? NULL : json_string(sb.buf));
	strbuf_reset(&sb);
	provisional_text(&o, s);
	json_object_set_new(j, "provisional",
	                    o.rc      ? NULL
	                    : *sb.buf ? json_string(sb.buf)
	                              : json_null());
	strbuf_release(&sb);
	json_object_set_new(j, "tests", json_integer(s->tests));
	json_object_set_new(j, "tested", json_integer(s->tested));
	json_object_set_new(j, "substantive", json_integer(s->substantive));
	json_object_set_new(j, "conforming", json_integer(s->conforming));
	json_object_set_new(j, "major", json_integer(s->major));
	json_object_set_new(j, "minor", json_integer(s->minor));
	json_object_set_new(j, "observation", json_integer(s->observation));
	json_object_set_new(j, "ofi", json_integer(s->ofi));
	return j;
}

static json_t *json_guidance(const struct audit_doc *d)
{
	const struct audit *a = d->audit;
	json_t *defs = json_object();

	for (size_t i = 0; i < NRESULTS; i++)
		json_object_set_new(
		        defs, audit_result_name(shown_results[i]),
		        str_or_null(audit_result_definition(shown_results[i])));
	return json_pack("{s:[s, s, s], s:s, s:o, s:o, s:o}", "readers", "top management",
	                 "the ISMS owner", "the auditees", "readers_on_request",
	                 "the certification body", "distribution",
	                 str_or_null(doc_blank(a->distribution) ? DEFAULT_DISTRIBUTION
	                                                        : a->distribution),
	                 "classification", str_or_null(a->classification), "definitions",
	                 defs);
}

static json_t *json_previous(const struct capa *c, const char *today)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer((json_int_t)c->id));
	json_object_set_new(o, "audit", json_integer((json_int_t)c->audit_id));
	json_object_set_new(o, "ref", str_or_null(c->ref));
	json_object_set_new(o, "status", json_string(capa_status_name(c->status)));
	json_object_set_new(o, "overdue", json_boolean(today && capa_overdue(c, today)));
	return o;
}

static json_t *json_findings(const struct audit_doc *d)
{
	const struct audit *a = d->audit;
	const struct audit_summary *s = d->summary;
	json_t *areas = json_array();

	for (size_t k = 0; k < s->nareas; k++) {
		const struct audit_area *ar = &s->areas[k];
		json_t *tests = json_array(), *prev = json_array();

		for (size_t i = 0; i < a->ntests; i++) {
			if (!same(a->tests[i].group, ar->group))
				continue;
			json_array_append_new(tests, json_audit_test(&a->tests[i]));
			if (!first_of_item(a, i))
				continue;
			for (size_t p = 0; d->previous && p < d->previous->n; p++)
				if (same(d->previous->v[p].ref, a->tests[i].ref))
					json_array_append_new(
					        prev, json_previous(&d->previous->v[p],
					                            d->today));
		}
		json_array_append_new(
		        areas,
		        json_pack("{s:o, s:o, s:b, s:i, s:i, s:i, s:o, s:o}", "group",
		                  str_or_null(ar->group), "title",
		                  str_or_null(ar->group_title), "effectiveness_tested",
		                  ar->substantive > 0, "substantive", ar->substantive,
		                  "tests_planned", ar->tests, "tested", ar->tested,
		                  "tests", tests, "previous_corrective_actions", prev));
	}
	return areas;
}

static void lim_json(void *ctx, const char *sentence_text)
{
	json_array_append_new(ctx, str_or_null(sentence_text));
}

static json_t *json_limits(const struct audit_doc *d, int *rc)
{
	const struct audit *a = d->audit;
	json_t *o = json_object(), *outside = json_array(), *overrides = json_array();
	json_t *leads = json_array(), *untested = json_array(), *noev = json_array();
	json_t *docs = json_array(), *statements = json_array();
	size_t n = 0;

	for (size_t i = 0; i < d->noutside; i++)
		json_array_append_new(outside, str_or_null(d->outside[i]));
	for (size_t i = 0; i < a->nmembers; i++) {
		const struct audit_member *m = &a->members[i];

		if (!doc_blank(m->conflict) || !doc_blank(m->override))
			json_array_append_new(
			        overrides,
			        json_pack("{s:o, s:o, s:o}", "name", str_or_null(m->name),
			                  "conflict", str_or_null(m->conflict),
			                  "justification", str_or_null(m->override)));
		if (m->lead && !m->competent)
			json_array_append_new(leads, str_or_null(m->name));
	}
	for (size_t i = 0; i < a->ntests; i++) {
		const struct audit_test *t = &a->tests[i];

		if (t->result == RESULT_NONE)
			json_array_append_new(untested,
			                      json_pack("{s:o, s:s}", "ref",
			                                str_or_null(t->ref), "test",
			                                test_type_name(t->type)));
		else if (!t->nevidence)
			json_array_append_new(noev,
			                      json_pack("{s:o, s:s, s:s}", "ref",
			                                str_or_null(t->ref), "test",
			                                test_type_name(t->type), "result",
			                                audit_result_name(t->result)));
	}
	for (size_t i = 0; i < a->ndocuments; i++)
		if (doc_blank(a->documents[i].evidence))
			json_array_append_new(docs, str_or_null(a->documents[i].title));
	*rc = limitations(d, lim_json, statements, &n);
	json_object_set_new(o, "outside_count", json_integer((json_int_t)d->noutside));
	json_object_set_new(o, "outside", outside);
	json_object_set_new(o, "sampling", str_or_null(a->sampling));
	json_object_set_new(o, "independence_overrides", overrides);
	json_object_set_new(o, "no_lead_auditor", json_boolean(!lead_of(a)));
	json_object_set_new(o, "lead_without_competence", leads);
	json_object_set_new(o, "not_tested", untested);
	json_object_set_new(o, "evidence_not_available", noev);
	json_object_set_new(o, "documents_without_evidence", docs);
	json_object_set_new(o, "none", json_boolean(n == 0));
	json_object_set_new(o, "statements", statements);
	return o;
}

static void report_json(struct doc_out *o, const struct audit_doc *d)
{
	json_t *audit = json_audit(d->audit, true);
	json_t *doc = json_object(), *lim;
	int rc = 0;

	json_object_set_new(doc, "document", json_string("internal-audit-report"));
	json_object_set_new(doc, "organisation",
	                    json_pack("{s:o, s:o}", "slug", str_or_null(d->org->slug),
	                              "name", str_or_null(d->org->name)));
	json_object_set_new(doc, "audit", audit);
	json_object_set_new(doc, "date", str_or_null(d->today));
	json_object_set_new(doc, "version",
	                    d->version > 0 ? json_integer(d->version) : json_null());
	json_object_set_new(doc, "issued_by",
	                    str_or_null(d->version > 0 ? d->issued_by : NULL));
	json_object_set_new(doc, "issued_on",
	                    str_or_null(d->version > 0 ? d->issued_on : NULL));
	json_object_set_new(doc, "introduction", json_intro(d, audit));
	json_object_set_new(doc, "executive_summary", json_exec(d));
	json_object_set_new(doc, "report_guidance", json_guidance(d));
	json_object_set_new(doc, "findings", json_findings(d));
	lim = json_limits(d, &rc);
	json_object_set_new(doc, "limitations", lim);
	if (rc < 0) {
		json_decref(doc);
		if (!o->rc)
			o->rc = rc;
		return;
	}
	doc_json(o, doc, "audit report");
}

int audit_report_render(const struct audit_doc *d, enum audit_format f,
                        struct strbuf *out)
{
	struct doc_out o = { out, 0 };

	switch (f) {
	case AUDIT_MD:
		report_md(&o, d);
		break;
	case AUDIT_HTML:
		report_html(&o, d);
		break;
	case AUDIT_JSON:
		report_json(&o, d);
		break;
	default:
		BUG("unknown audit report format %d", (int)f);
	}
	return o.rc;
}

/* ---- the management review minutes ---- */

#define MINUTES_TITLE "Management review minutes"
#define MINUTES_PURPOSE                                                              \
	"Top management's review of the information security management system "     \
	"(ISO/IEC 27001:2022 clause 9.3): the inputs it considered (9.3.2) and the " \
	"decisions and actions it took (9.3.3)."
#define NONE_RECORDED "none recorded"

/* The inputs as prepared: a JSON object, or E_INVALID. */
static int inputs_parse(const struct review *r, json_t **out)
{
	json_error_t err;

	*out = NULL;
	if (doc_blank(r->inputs)) {
		*out = json_object();
		return 0;
	}
	*out = json_loads(r->inputs, 0, &err);
	if (!*out)
		return error_set(E_INVALID,
		                 "management review %lld: its inputs are not valid JSON "
		                 "(line %d: %s)",
		                 (long long)r->id, err.line, err.text);
	if (!json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return error_set(
		        E_INVALID,
		        "management review %lld: its inputs are not a JSON object",
		        (long long)r->id);
	}
	return 0;
}

/* A JSON value as text: strings as they are, numbers, yes or no; other
 * arrays and objects as compact JSON; `none` for null or missing. */
static void w_jval(struct w *w, const json_t *v, const char *none)
{
	char buf[64];

	if (json_is_string(v)) {
		w_text_or(w, json_string_value(v), none);
	} else if (json_is_integer(v)) {
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
		         json_integer_value(v));
		doc_put(w->o, buf);
	} else if (json_is_real(v)) {
		snprintf(buf, sizeof(buf), "%g", json_real_value(v));
		doc_put(w->o, buf);
	} else if (json_is_boolean(v)) {
		doc_put(w->o, json_is_true(v) ? "yes" : "no");
	} else if (json_is_array(v) || json_is_object(v)) {
		char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);

		w_text_or(w, s, none);
		free(s);
	} else {
		w_text_or(w, NULL, none);
	}
}

/* A cell of obj[key]. */
static void w_jtd(struct w *w, const json_t *obj, const char *key)
{
	doc_put(w->o, w->html ? "<td>" : " ");
	w_jval(w, json_object_get(obj, key), "\xe2\x80\x94");
	doc_put(w->o, w->html ? "</td>" : " |");
}

static void w_jrow(struct w *w, const char *label, const json_t *obj, const char *key)
{
	w_row(w, label);
	w_jval(w, json_object_get(obj, key), NONE_RECORDED);
	w_row_end(w);
}

/* The heading of one input; false (and "none recorded") when it is absent. */
static bool input_heading(struct w *w, const char *heading, const json_t *v)
{
	w_h(w, 3);
	doc_put(w->o, heading);
	w_h_end(w, 3);
	if (!v || json_is_null(v) || (json_is_array(v) && !json_array_size(v)) ||
	    (json_is_string(v) && !*json_string_value(v))) {
		w_para(w, NONE_RECORDED);
		return false;
	}
	return true;
}

/* An input held as text. */
static void input_text(struct w *w, const char *heading, const json_t *v)
{
	if (!input_heading(w, heading, v))
		return;
	w_p(w);
	w_jval(w, v, NONE_RECORDED);
	w_p_end(w);
}

/* An input not in the shape expected, shown as it is. */
static void input_other(struct w *w, const json_t *v)
{
	w_p(w);
	w_jval(w, v, NONE_RECORDED);
	w_p_end(w);
}

/* An input held as an array of objects, one row each. */
static void input_rows(struct w *w, const json_t *v, const char *const *heads,
                       const char *const *keys, size_t n)
{
	size_t i;
	const json_t *row;

	if (!json_is_array(v)) {
		input_other(w, v);
		return;
	}
	w_table(w, heads, n);
	json_array_foreach(v, i, row)
	{
		w_tr(w);
		for (size_t k = 0; k < n; k++)
			w_jtd(w, row, keys[k]);
		w_tr_end(w);
	}
	w_table_end(w);
}

static void input_previous(struct w *w, const json_t *in)
{
	static const char *const heads[] = { "Review", "Action", "Owner", "Due",
		                             "Status" };
	static const char *const keys[] = { "review", "text", "owner", "due_on",
		                            "status" };
	const json_t *v = json_object_get(in, "previous_actions");

	if (input_heading(w, "Status of actions from previous management reviews", v))
		input_rows(w, v, heads, keys, 5);
}

static void input_changes(struct w *w, const json_t *in)
{
	static const char *const heads[] = { "Interface or dependency", "Party", "Kind" };
	static const char *const keys[] = { "name", "party", "kind" };
	const json_t *v = json_object_get(in, "changes");
	const json_t *parties;

	if (!input_heading(w,
	                   "Changes in external and internal issues and interested "
	                   "parties",
	                   v))
		return;
	if (!json_is_object(v)) {
		input_other(w, v);
		return;
	}
	w_record(w);
	w_jrow(w, "Scope statement", v, "scope_statement");
	w_jrow(w, "Changes noted", v, "note");
	w_record_end(w);
	parties = json_object_get(v, "interested_parties");
	if (!json_is_array(parties) || !json_array_size(parties)) {
		w_para(w,
		       "Interested parties (interfaces and dependencies): " NONE_RECORDED
		       ".");
		return;
	}
	w_para(w, "Interested parties (interfaces and dependencies):");
	input_rows(w, parties, heads, keys, 3);
}

static void input_ncs(struct w *w, const json_t *in)
{
	static const char *const heads[] = {
		"Corrective action", "Ref", "Severity", "Status", "Due", "Overdue"
	};
	const json_t *v = json_object_get(in, "nonconformities");
	const json_t *items, *row;
	size_t i;

	if (!input_heading(w, "Nonconformities and corrective actions", v))
		return;
	if (!json_is_object(v)) {
		input_other(w, v);
		return;
	}
	w_record(w);
	w_jrow(w, "Corrective actions", v, "total");
	w_jrow(w, "Open", v, "open");
	w_jrow(w, "Overdue", v, "overdue");
	w_record_end(w);
	items = json_object_get(v, "items");
	if (!json_is_array(items) || !json_array_size(items))
		return;
	w_table(w, heads, 6);
	json_array_foreach(items, i, row)
	{
		const json_t *id = json_object_get(row, "id");

		w_tr(w);
		if (json_is_integer(id))
			doc_putf(w->o,
			         w->html ? "<td>CAPA-%" JSON_INTEGER_FORMAT "</td>"
			                 : " CAPA-%" JSON_INTEGER_FORMAT " |",
			         json_integer_value(id));
		else
			w_jtd(w, row, "id");
		w_jtd(w, row, "ref");
		w_jtd(w, row, "severity");
		w_jtd(w, row, "status");
		w_jtd(w, row, "due_on");
		w_jtd(w, row, "overdue");
		w_tr_end(w);
	}
	w_table_end(w);
}

static void input_audits(struct w *w, const json_t *in)
{
	static const char *const heads[] = {
		"Audit",
		"Title",
		"Ended",
		"Status",
		"Tests",
		"Conforming",
		"Major",
		"Minor",
		"Observations",
		"OFIs",
		"Conforms (9.2.1 a)",
		"Effective (9.2.1 b)",
	};
	static const char *const keys[] = {
		"id",    "title", "end_on",      "status", "tests",    "conforming",
		"major", "minor", "observation", "ofi",    "conforms", "effective",
	};
	const json_t *v = json_object_get(in, "audits");

	if (input_heading(w, "Audit results", v))
		input_rows(w, v, heads, keys, sizeof(keys) / sizeof(*keys));
}

static void input_risks(struct w *w, const json_t *in)
{
	static const char *const levels[][2] = {
		{ "low", "Residual risk low" },
		{ "medium", "Residual risk medium" },
		{ "high", "Residual risk high" },
		{ "critical", "Residual risk critical" },
	};
	const json_t *v = json_object_get(in, "risks");
	const json_t *by;

	if (!input_heading(w,
	                   "Risk assessment results and status of the risk treatment "
	                   "plan",
	                   v))
		return;
	if (!json_is_object(v)) {
		input_other(w, v);
		return;
	}
	by = json_object_get(v, "by_level");
	w_record(w);
	w_jrow(w, "Risks", v, "total");
	for (size_t i = 0; i < sizeof(levels) / sizeof(*levels); i++) {
		w_row(w, levels[i][1]);
		w_jval(w, json_is_object(by) ? json_object_get(by, levels[i][0]) : NULL,
		       NONE_RECORDED);
		w_row_end(w);
	}
	w_jrow(w, "Above the acceptance criterion, not accepted", v, "unaccepted");
	w_jrow(w, "Treatment plan approved", v, "plan_approved");
	w_jrow(w, "Treatment plan changed since approval", v, "plan_changed");
	w_jrow(w, "Open treatment actions", v, "actions_open");
	w_jrow(w, "Overdue treatment actions", v, "actions_overdue");
	w_record_end(w);
}

static void input_improvements(struct w *w, const json_t *in)
{
	static const char *const heads[] = { "Audit", "Ref", "Result", "Note" };
	static const char *const keys[] = { "audit", "ref", "result", "note" };
	const json_t *v = json_object_get(in, "improvements");

	if (input_heading(w, "Opportunities for continual improvement", v))
		input_rows(w, v, heads, keys, 4);
}

static void minutes_record(struct w *w, const struct review_doc *d, const json_t *in)
{
	const struct review *r = d->review;

	w_row_text(w, "Review", r->title, "(untitled)");
	w_row_text(w, "Held on", r->held_on, NONE_RECORDED);
	w_row_text(w, "Chair", r->chair, NONE_RECORDED);
	w_row_text(w, "Attendees", r->attendees, NONE_RECORDED);
	w_row(w, "Status");
	doc_put(w->o, r->final ? "final (minutes agreed)" : "draft");
	w_row_end(w);
	w_jrow(w, "Inputs prepared on", in, "prepared_on");
	w_row_text(w, "Date", d->today, "\xe2\x80\x94");
}

static void minutes_body(struct w *w, const struct review_doc *d, const json_t *in)
{
	static const char *const heads[] = { "Action", "Owner", "Due", "Status" };
	const struct review *r = d->review;
	size_t ndecisions = 0, nactions = 0;

	w_section(w, "inputs", "Inputs");
	input_previous(w, in);
	input_changes(w, in);
	input_ncs(w, in);
	input_text(w, "Monitoring and measurement results",
	           json_object_get(in, "monitoring"));
	input_audits(w, in);
	input_text(w, "Fulfilment of information security objectives",
	           json_object_get(in, "objectives"));
	input_text(w, "Feedback from interested parties",
	           json_object_get(in, "feedback"));
	input_risks(w, in);
	input_improvements(w, in);
	w_section_end(w);

	w_section(w, "notes", "Notes");
	w_p(w);
	w_text_or(w, r->notes, NONE_RECORDED);
	w_p_end(w);
	w_section_end(w);

	for (size_t i = 0; i < r->noutputs; i++) {
		ndecisions += !r->outputs[i].action;
		nactions += r->outputs[i].action;
	}
	w_section(w, "decisions", "Decisions");
	if (!ndecisions) {
		w_para(w, NONE_RECORDED);
	} else {
		w_ul(w);
		for (size_t i = 0; i < r->noutputs; i++) {
			if (r->outputs[i].action)
				continue;
			w_li(w);
			w_text_or(w, r->outputs[i].text, "(no text)");
			w_li_end(w);
		}
		w_ul_end(w);
	}
	w_section_end(w);

	w_section(w, "actions", "Actions");
	if (!nactions) {
		w_para(w, NONE_RECORDED);
	} else {
		w_table(w, heads, 4);
		for (size_t i = 0; i < r->noutputs; i++) {
			const struct review_output *out = &r->outputs[i];

			if (!out->action)
				continue;
			w_tr(w);
			w_td(w, out->text);
			w_td(w, out->owner);
			w_td(w, out->due_on);
			w_td_put(w, out->done ? "done" : "open");
			w_tr_end(w);
		}
		w_table_end(w);
	}
	w_section_end(w);
}

static void minutes_md(struct doc_out *o, const struct review_doc *d, const json_t *in)
{
	struct w w = { o, false };

	doc_md_head(o, MINUTES_TITLE, MINUTES_PURPOSE, d->org);
	doc_put(o, "\n");
	minutes_record(&w, d, in);
	doc_put(o, "\n");
	minutes_body(&w, d, in);
}

static void minutes_html(struct doc_out *o, const struct review_doc *d, const json_t *in)
{
	struct w w = { o, true };

	doc_html_head(o, MINUTES_TITLE, d->org->name, d->review->title);
	doc_html_header(o, MINUTES_TITLE, d->org->name, MINUTES_PURPOSE);
	doc_html_org(o, d->org);
	minutes_record(&w, d, in);
	doc_put(o, "</tbody></table>\n</header>\n<main>\n");
	minutes_body(&w, d, in);
	doc_html_foot(o, MINUTES_TITLE, d->org->name, d->today ? d->today : "");
}

static void minutes_json(struct doc_out *o, const struct review_doc *d)
{
	json_t *doc = json_object();

	json_object_set_new(doc, "document", json_string("management-review-minutes"));
	json_object_set_new(doc, "organisation",
	                    json_pack("{s:o, s:o}", "slug", str_or_null(d->org->slug),
	                              "name", str_or_null(d->org->name)));
	json_object_set_new(doc, "date", str_or_null(d->today));
	json_object_set_new(doc, "review", json_review(d->review));
	doc_json(o, doc, "management review minutes");
}

int review_minutes_render(const struct review_doc *d, enum audit_format f,
                          struct strbuf *out)
{
	struct doc_out o = { out, 0 };
	json_t *in;
	int rc = inputs_parse(d->review, &in);

	if (rc < 0)
		return rc;
	switch (f) {
	case AUDIT_MD:
		minutes_md(&o, d, in);
		break;
	case AUDIT_HTML:
		minutes_html(&o, d, in);
		break;
	case AUDIT_JSON:
		minutes_json(&o, d);
		break;
	default:
		json_decref(in);
		BUG("unknown management review minutes format %d", (int)f);
	}
	json_decref(in);
	return o.rc;
}
