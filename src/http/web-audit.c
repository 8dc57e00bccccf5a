/*
 * web-audit.c - the internal audit's pages: the audit programme with its
 * three-year coverage and the audits, an audit's plan and team, the
 * checklist an auditor fills in during fieldwork, the report before and
 * after it is issued, the corrective-action board and management reviews.
 *
 * Every page reads the API's answers and its forms post to the API's
 * routes, so the rules (independence, closing only with a lead auditor and
 * a substantive test, no closing before a verification) are the API's and
 * its refusals show as error pages.  What is computed here only arranges
 * those answers for reading: counts, filters, columns and pictures.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/audit.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "http/http.h"
#include "http/web-pages.h"
#include "http/web.h"
#include "view/audit.h"
#include "view/svg.h"

/* How many hex digits of an evidence digest a page shows and takes back:
 * enough to name one item (the API takes 8 or more). */
#define SHORT_SHA 12

/* ---- helpers ---- */

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool is(json_t *o, const char *key, const char *value)
{
	const char *s = str(o, key);

	return s && !strcmp(s, value);
}

/* The page's model with what every page of this part uses: the
 * organisation's slug at the top, for links. */
static json_t *page_model(struct http_ctx *c, const char *nav, const char *title)
{
	json_t *m = web_model(c, nav, title);

	json_object_set_new(m, "slug", json_string(c->org.slug));
	return m;
}

/* Whether the user's role may change an area (web_model's "can"). */
static bool can_write(json_t *m, const char *area)
{
	return json_is_true(json_object_get(
	        json_object_get(json_object_get(m, "can"), area), "write"));
}

/* GET the organisation's API route prefix + the path's {id} + suffix. */
static int call_record(struct http_ctx *c, const char *prefix, const char *suffix,
                       json_t **out)
{
	struct strbuf path = STRBUF_INIT;
	int rc;

	web_org_api(&path, c, prefix);
	http_url_encode(&path, c->param[1]);
	strbuf_addstr(&path, suffix);
	rc = http_call(c, path.buf, out);
	strbuf_release(&path);
	if (!rc && !*out)
		rc = error_set(E_FORBIDDEN, "your role may not read this record");
	return rc;
}

/* GET the organisation's API route rest (already escaped); *out may be
 * NULL when the role may not read it. */
static int call_org(struct http_ctx *c, const char *rest, json_t **out)
{
	struct strbuf path = STRBUF_INIT;
	int rc;

	web_org_api(&path, c, rest);
	rc = http_call(c, path.buf, out);
	strbuf_release(&path);
	return rc;
}

/* This page's own path ("/orgs/SLUG" + middle + the {id} + rest). */
static void page_path(struct strbuf *sb, struct http_ctx *c, const char *middle,
                      const char *rest)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, "/orgs/");
	http_url_encode(sb, c->org.slug);
	strbuf_addstr(sb, middle);
	if (c->nparam > 1) {
		http_url_encode(sb, c->param[1]);
		strbuf_addstr(sb, rest);
	}
}

/* A query parameter, NULL when absent or empty (a GET form's blank). */
static const char *query_value(struct http_ctx *c, const char *name)
{
	const char *s = http_query(c, name);

	return s && *s ? s : NULL;
}

/* A query parameter that takes one of a few words, or nothing. */
static int query_choice(struct http_ctx *c, const char *name, const char *const *words,
                        const char *hint, const char **out)
{
	*out = query_value(c, name);
	for (size_t i = 0; *out && words[i]; i++)
		if (!strcmp(*out, words[i]))
			return 0;
	if (!*out)
		return 0;
	return error_set(E_USAGE, "?%s= takes %s, not '%s'", name, hint, *out);
}

/* The people of the organisation, whose names the forms offer (none when
 * the role may not read them: the forms then take a typed name). */
static void set_people(json_t *m, json_t *people)
{
	if (people)
		json_object_set(m, "people", people);
	json_object_set_new(m, "has_people", json_boolean(json_array_size(people)));
}

/* The model's member name_svg: the chart, or nothing when it failed. */
static void set_svg(json_t *m, const char *name, struct strbuf *svg, int rc)
{
	if (!rc)
		json_object_set_new(m, name, json_stringn(svg->buf, svg->len));
	else
		error_clear();
	strbuf_reset(svg);
}

/*
 * The options of a <select>: {value, label, selected} for each name, the
 * current one selected.  labels may be NULL (the names are shown).
 */
static json_t *options(const char *const *names, const char *const *labels, size_t n,
                       const char *current)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		        a, json_pack("{s:s, s:s, s:b}", "value", names[i], "label",
		                     labels ? labels[i] : names[i], "selected",
		                     current && !strcmp(current, names[i])));
	return a;
}

/* ---- the vocabularies the forms offer (the names the API takes) ---- */

static const char *const result_labels[RESULT__COUNT] = {
	[RESULT_CONFORMING] = "conforming",
	[RESULT_MAJOR] = "major nonconformity",
	[RESULT_MINOR] = "minor nonconformity",
	[RESULT_OBSERVATION] = "observation",
	[RESULT_OFI] = "opportunity for improvement",
};
static const char *const method_labels[METHOD__COUNT] = {
	[METHOD_INTERVIEW] = "interview",
	[METHOD_OBSERVATION] = "observation",
	[METHOD_INSPECTION] = "inspection",
	[METHOD_REPERFORMANCE] = "reperformance",
	[METHOD_TECHNICAL_TEST] = "technical test",
};

/* A result's place among core's names, or -1. */
static int result_index(const char *result)
{
	for (int i = 0; result && i < RESULT__COUNT; i++)
		if (!strcmp(result, audit_result_name((enum audit_result)i)))
			return i;
	return -1;
}

static const char *result_label(const char *result)
{
	int i = result_index(result);

	return i < 0 ? result : result_labels[i];
}

/* A finding: any grade but conforming (major, minor, observation, OFI). */
static bool is_finding(const char *result)
{
	return result && strcmp(result, "conforming") != 0;
}

/* A record's digest under key, shortened for reading as "short". */
static void shorten(json_t *o, const char *key)
{
	const char *sha = str(o, key);

	if (sha && strlen(sha) > SHORT_SHA)
		json_object_set_new(o, "short", json_stringn(sha, SHORT_SHA));
}

/* Each item's short digest, for a list of records. */
static void shorten_all(json_t *list, const char *key)
{
	json_t *o;
	size_t i;

	json_array_foreach(list, i, o)
	{
		shorten(o, key);
	}
}

/*
 * A clause's or theme's name as a reader knows it: "9 Performance
 * evaluation", but "Organizational controls" for a theme.
 */
static json_t *area_label(json_t *group, json_t *title)
{
	const char *g = json_string_value(group), *t = json_string_value(title);
	struct strbuf sb = STRBUF_INIT;
	json_t *out;

	if (g && *g >= '0' && *g <= '9')
		strbuf_addf(&sb, "%s ", g);
	strbuf_addstr(&sb, t ? t : g ? g : "");
	out = json_string(sb.buf);
	strbuf_release(&sb);
	return out;
}

/* Each evidence item's short digest, and all of them as the text the
 * result form takes back ("1a2b3c4d5e6f,..."). */
static void evidence_refs(json_t *test)
{
	json_t *ev = json_object_get(test, "evidence"), *e;
	struct strbuf refs = STRBUF_INIT;
	size_t i;

	json_array_foreach(ev, i, e)
	{
		const char *sha = str(e, "sha256");

		if (!sha)
			continue;
		shorten(e, "sha256");
		strbuf_addf(&refs, "%s%.*s", refs.len ? "," : "", SHORT_SHA, sha);
	}
	json_object_set_new(test, "evidence_refs", json_string(refs.buf));
	strbuf_release(&refs);
}

/* ---- an audit, as every audit page shows it ---- */

/* The counts a page shows of a checklist: tested, findings by grade. */
static void audit_counts(json_t *m, json_t *checklist)
{
	json_int_t tested = 0, substantive = 0, grade[RESULT__COUNT] = { 0 };
	json_t *t;
	size_t i, total = json_array_size(checklist);

	json_array_foreach(checklist, i, t)
	{
		const char *r = str(t, "result");

		if (!r)
			continue;
		tested++;
		if (is(t, "test", "substantive"))
			substantive++;
		if (result_index(r) >= 0)
			grade[result_index(r)]++;
	}
	json_object_set_new(
	        m, "progress",
	        json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b}", "tested",
	                  tested, "total", (json_int_t)total, "substantive", substantive,
	                  "conforming", grade[RESULT_CONFORMING], "major",
	                  grade[RESULT_MAJOR], "minor", grade[RESULT_MINOR],
	                  "observation", grade[RESULT_OBSERVATION], "ofi",
	                  grade[RESULT_OFI], "findings",
	                  grade[RESULT_MAJOR] + grade[RESULT_MINOR] +
	                                  grade[RESULT_OBSERVATION] + grade[RESULT_OFI] >
	                          0));
}

/*
 * Read the audit of the path into m.audit, with what its pages share:
 * the title, the counts, whether it can still change (an issued report
 * never does) and whether this user may record fieldwork in it.
 */
static int load_audit(struct http_ctx *c, json_t *m, json_t **out)
{
	struct strbuf title = STRBUF_INIT;
	json_t *a = NULL;
	bool editable;
	int rc = call_record(c, "/audits/", "", &a);

	*out = NULL;
	if (rc) {
		json_decref(a);
		return rc;
	}
	editable = !is(a, "status", "issued");
	strbuf_addf(&title, "A%lld %s",
	            (long long)json_integer_value(json_object_get(a, "id")),
	            str(a, "title") ? str(a, "title") : "");
	json_object_set_new(m, "title", json_string(title.buf));
	strbuf_release(&title);
	audit_counts(m, json_object_get(a, "checklist"));
	json_object_set_new(m, "editable", json_boolean(editable));
	/* The fieldwork closes while planned, the report is issued once closed. */
	json_object_set_new(m, "can_close", json_boolean(is(a, "status", "planned")));
	json_object_set_new(m, "can_issue", json_boolean(is(a, "status", "closed")));
	json_object_set_new(m, "record", json_boolean(editable && can_write(m, "audit")));
	json_object_set_new(
	        m, "scope_count",
	        json_integer((json_int_t)json_array_size(json_object_get(a, "scope"))));
	json_object_set_new(m, "has_team",
	                    json_boolean(json_array_size(json_object_get(a, "team"))));
	json_object_set_new(m, "has_reports",
	                    json_boolean(json_array_size(json_object_get(a, "reports"))));
	json_object_set(m, "audit", a);
	*out = a;
	return 0;
}

/* ---- the programme ---- */

/*
 * The cycle shown when none is asked for: the three-year cycle, counted
 * from the first audit's year, that holds this year.
 */
static int default_cycle(json_t *audits)
{
	char today[11];
	int year, first = 0;
	json_t *a;
	size_t i;

	store_today(today);
	year = atoi(today);
	json_array_foreach(audits, i, a)
	{
		const char *start = str(a, "start_on");
		int y = start ? atoi(start) : 0;

		if (y > 0 && (!first || y < first))
			first = y;
	}
	if (!first || first > year)
		return year;
	return first + (year - first) / 3 * 3;
}

/* The cycle's three years as a line of steps, and its coverage. */
static void coverage_charts(json_t *m, json_t *cov)
{
	struct svg_step steps[3];
	char dates[3][64], today[11];
	struct svg_part parts[2];
	struct strbuf svg = STRBUF_INIT;
	json_t *years = json_object_get(cov, "years");
	json_int_t total = json_integer_value(json_object_get(cov, "total")),
	           covered = json_integer_value(json_object_get(cov, "covered"));
	char labels[3][16];
	size_t n = json_array_size(years) < 3 ? json_array_size(years) : 3;
	int now;

	store_today(today);
	now = atoi(today);
	for (size_t i = 0; i < n; i++) {
		json_t *y = json_array_get(years, i);
		json_int_t year = json_integer_value(json_object_get(y, "year")),
		           done = json_integer_value(json_object_get(y, "completed")),
		           planned = json_integer_value(json_object_get(y, "planned"));

		snprintf(labels[i], sizeof(labels[i]), "%lld", (long long)year);
		if (done || !planned)
			snprintf(dates[i], sizeof(dates[i]), "%lld completed",
			         (long long)done);
		else
			snprintf(dates[i], sizeof(dates[i]), "%lld planned",
			         (long long)planned);
		steps[i] = (struct svg_step){ labels[i], dates[i], SVG_STEP_DUE };
		if (done)
			steps[i].state = SVG_STEP_DONE;
		else if (year < now || (year == now && !planned))
			steps[i].state = SVG_STEP_LATE;
		else if (year == now)
			steps[i].state = SVG_STEP_CURRENT;
	}
	{
		struct svg_timeline t = { .id = "cycle-years",
			                  .title = "Audits in each year of the cycle",
			                  .steps = steps,
			                  .nsteps = n };
		set_svg(m, "years_svg", &svg, svg_timeline(&svg, &t));
	}
	parts[0] = (struct svg_part){ "covered by a completed audit", (size_t)covered,
		                      SVG_GREEN };
	parts[1] = (struct svg_part){ "not audited yet in this cycle",
		                      (size_t)(total > covered ? total - covered : 0),
		                      SVG_LIGHT };
	{
		struct svg_distribution d = {
			.id = "cycle-coverage",
			.title =
			        "Requirements and applicable controls audited this cycle",
			.parts = parts,
			.nparts = 2
		};
		set_svg(m, "coverage_svg", &svg, svg_distribution(&svg, &d));
	}
	strbuf_release(&svg);
}

static int get_audits(struct http_ctx *c)
{
	static const char *const params[] = { "cycle", NULL };
	const char *asked = query_value(c, "cycle");
	struct strbuf rest = STRBUF_INIT;
	json_t *m, *audits = NULL, *prog = NULL, *cov = NULL;
	int rc = http_query_check(c, params);

	if (rc)
		return rc;
	m = page_model(c, "audits", "Internal audits");
	rc = call_org(c, "/audits?limit=1000", &audits);
	if (!rc) {
		/* The API judges a cycle asked for; the page only picks one. */
		strbuf_addstr(&rest, "/audit-programmes/");
		if (asked)
			http_url_encode(&rest, asked);
		else
			strbuf_addf(&rest, "%d", default_cycle(audits));
		rc = call_org(c, rest.buf, &prog);
	}
	if (!rc) {
		strbuf_addstr(&rest, "/coverage");
		rc = call_org(c, rest.buf, &cov);
	}
	if (!rc && prog && cov) {
		int cycle = (int)json_integer_value(json_object_get(prog, "cycle"));

		json_object_set_new(m, "cycle",
		                    json_pack("{s:i, s:i, s:i, s:i}", "year", cycle,
		                              "last", cycle + 2, "previous", cycle - 3,
		                              "next", cycle + 3));
		coverage_charts(m, cov);
		json_object_set(m, "programme", prog);
		json_object_set(m, "coverage", cov);
		json_object_set_new(m, "uncovered_count",
		                    json_integer((json_int_t)json_array_size(
		                            json_object_get(cov, "uncovered"))));
	}
	if (!rc && audits) {
		json_object_set(m, "audits", audits);
		json_object_set_new(m, "has_audits",
		                    json_boolean(json_array_size(audits)));
	}
	json_decref(audits);
	json_decref(prog);
	json_decref(cov);
	strbuf_release(&rest);
	if (rc) {
		json_decref(m);
		return rc;
	}
	return web_render(c, "audits.html", m);
}

/* ---- one audit ---- */

/* The status of a corrective action, by id, for the findings. */
static json_t *capa_status(json_t *capas, json_t *id)
{
	json_t *cp;
	size_t i;

	json_array_foreach(capas, i, cp)
	{
		if (json_is_integer(id) && json_equal(json_object_get(cp, "id"), id))
			return json_object_get(cp, "status");
	}
	return json_null();
}

/* The findings: every test with a grade other than conforming, with the
 * row of the checklist it comes from and its corrective action. */
static json_t *findings(json_t *checklist, json_t *capas)
{
	json_t *out = json_array(), *t;
	size_t i;

	json_array_foreach(checklist, i, t)
	{
		const char *r = str(t, "result");
		json_t *f, *capa = json_object_get(t, "capa");

		if (!is_finding(r))
			continue;
		f = json_pack("{s:I, s:O?, s:O?, s:O?, s:s, s:s, s:O?, s:O?, s:O?, s:O}",
		              "row", (json_int_t)i, "ref", json_object_get(t, "ref"),
		              "title", json_object_get(t, "title"), "test",
		              json_object_get(t, "test"), "result", r, "grade",
		              result_label(r), "kind", json_object_get(t, "kind"), "note",
		              json_object_get(t, "note"), "capa", capa, "capa_status",
		              capa_status(capas, capa));
		if (f)
			json_array_append_new(out, f);
	}
	return out;
}

/* A list of names as one text ("A, B"), as the forms take it back. */
static json_t *joined(json_t *list, const char *sep)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *s, *out;
	size_t i;

	json_array_foreach(list, i, s)
	{
		if (json_is_string(s))
			strbuf_addf(&sb, "%s%s", sb.len ? sep : "", json_string_value(s));
	}
	out = json_string(sb.buf);
	strbuf_release(&sb);
	return out;
}

/* The lead auditor's name, offered as who issues the report. */
static void lead_of(json_t *m, json_t *audit)
{
	json_t *member;
	size_t i;

	json_array_foreach(json_object_get(audit, "team"), i, member)
	{
		if (json_is_true(json_object_get(member, "lead")))
			json_object_set(m, "lead", json_object_get(member, "name"));
	}
}

static int get_audit(struct http_ctx *c)
{
	struct strbuf self = STRBUF_INIT;
	json_t *m, *audit = NULL, *people = NULL, *capas = NULL;
	int rc = http_query_check(c, NULL_PARAMS);

	if (rc)
		return rc;
	m = page_model(c, "audits", "Audit");
	rc = load_audit(c, m, &audit);
	if (!rc)
		rc = call_org(c, "/people?limit=1000", &people);
	if (!rc)
		rc = call_org(c, "/capas?limit=1000", &capas);
	if (!rc) {
		json_object_set_new(m, "findings",
		                    findings(json_object_get(audit, "checklist"), capas));
		json_object_del(audit, "checklist");
		shorten_all(json_object_get(audit, "documents"), "evidence");
		json_object_set_new(m, "scope_text",
		                    joined(json_object_get(audit, "scope"), ","));
		json_object_set_new(m, "auditees_text",
		                    joined(json_object_get(audit, "auditees"), ", "));
		lead_of(m, audit);
		page_path(&self, c, "/audits/", "");
		json_object_set_new(m, "self", json_string(self.buf));
		set_people(m, people);
	}
	json_decref(audit);
	json_decref(people);
	json_decref(capas);
	strbuf_release(&self);
	if (rc) {
		json_decref(m);
		return rc;
	}
	return web_render(c, "audit.html", m);
}

/* ---- the checklist and fieldwork ---- */

struct checklist_filter {
	const char *status; /* "untested", "done" or NULL */
	const char *group;  /* a clause ("5") or theme ("organizational"), or NULL */
	const char *test;   /* "compliance", "substantive" or NULL */
};

static bool shown(const struct checklist_filter *f, json_t *t)
{
	bool tested = str(t, "result") != NULL;

	if (f->status && tested != !strcmp(f->status, "done"))
		return false;
	if (f->group && !is(t, "group", f->group))
		return false;
	return !f->test || is(t, "test", f->test);
}

/* The clauses and themes of the checklist, in its order, for the filter. */
static json_t *groups(json_t *checklist, const char *current)
{
	json_t *out = json_array(), *t;
	const char *last = NULL;
	size_t i;

	json_array_foreach(checklist, i, t)
	{
		const char *g = str(t, "group");

		if (!g || (last && !strcmp(g, last)))
			continue;
		last = g;
		json_array_append_new(
		        out, json_pack("{s:s, s:o, s:b}", "value", g, "label",
		                       area_label(json_object_get(t, "group"),
		                                  json_object_get(t, "area")),
		                       "selected", current && !strcmp(current, g)));
	}
	return out;
}

/* What a row's form needs: its options with the recorded values chosen. */
static void row_controls(json_t *t, size_t n)
{
	const char *methods[METHOD__COUNT], *results[RESULT__COUNT], *kinds[NC__COUNT];
	const char *result = str(t, "result");

	for (int i = 0; i < METHOD__COUNT; i++)
		methods[i] = audit_method_name((enum audit_method)i);
	for (int i = 0; i < RESULT__COUNT; i++)
		results[i] = audit_result_name((enum audit_result)i);
	for (int i = 0; i < NC__COUNT; i++)
		kinds[i] = nc_kind_name((enum nc_kind)i);
	json_object_set_new(t, "n", json_integer((json_int_t)n));
	json_object_set_new(t, "grade",
	                    json_string(result ? result_label(result) : "not tested"));
	json_object_set_new(
	        t, "methods",
	        options(methods, method_labels, METHOD__COUNT, str(t, "method")));
	json_object_set_new(t, "results",
	                    options(results, result_labels, RESULT__COUNT, result));
	json_object_set_new(t, "kinds", options(kinds, NULL, NC__COUNT, str(t, "kind")));
	evidence_refs(t);
}

/* The page with the filters, as the rows' forms come back to it. */
static void checklist_self(struct strbuf *sb, struct http_ctx *c,
                           const struct checklist_filter *f)
{
	const char *sep = "?";

	page_path(sb, c, "/audits/", "/checklist");
	if (f->status) {
		strbuf_addf(sb, "%sstatus=%s", sep, f->status);
		sep = "&";
	}
	if (f->group) {
		strbuf_addf(sb, "%sgroup=", sep);
		http_url_encode(sb, f->group);
		sep = "&";
	}
	if (f->test)
		strbuf_addf(sb, "%stest=%s", sep, f->test);
}

/*
 * The rows shown, each with its controls, where its form goes back to (the
 * next row, so the auditor carries on) and where its error page's "Go
 * back" goes (its own row).
 */
static json_t *checklist_rows(json_t *checklist, const struct checklist_filter *f,
                              const char *self)
{
	json_t *rows = json_array(), *t;
	struct strbuf to = STRBUF_INIT;
	size_t i;

	json_array_foreach(checklist, i, t)
	{
		if (!shown(f, t))
			continue;
		row_controls(t, i);
		json_array_append(rows, t);
	}
	json_array_foreach(rows, i, t)
	{
		json_t *next = json_array_get(rows, i + 1);

		strbuf_reset(&to);
		strbuf_addf(&to, "%s#t-%lld", self,
		            (long long)json_integer_value(json_object_get(t, "n")));
		json_object_set_new(t, "back", json_string(to.buf));
		strbuf_reset(&to);
		strbuf_addf(&to, "%s#t-%lld", self,
		            (long long)json_integer_value(
		                    json_object_get(next ? next : t, "n")));
		json_object_set_new(t, "next", json_string(to.buf));
	}
	strbuf_release(&to);
	return rows;
}

static int get_checklist(struct http_ctx *c)
{
	static const char *const params[] = { "status", "group", "test", NULL };
	static const char *const statuses[] = { "untested", "done", NULL };
	static const char *const tests[] = { "compliance", "substantive", NULL };
	struct checklist_filter f = { 0 };
	struct strbuf self = STRBUF_INIT;
	json_t *m, *audit = NULL, *list, *rows;
	int rc = http_query_check(c, params);

	if (!rc)
		rc = query_choice(c, "status", statuses, "untested or done", &f.status);
	if (!rc)
		rc = query_choice(c, "test", tests, "compliance or substantive", &f.test);
	if (rc)
		return rc;
	f.group = query_value(c, "group");
	m = page_model(c, "audits", "Checklist");
	rc = load_audit(c, m, &audit);
	if (rc) {
		json_decref(m);
		return rc;
	}
	list = json_object_get(audit, "checklist");
	checklist_self(&self, c, &f);
	rows = checklist_rows(list, &f, self.buf);
	json_object_set_new(m, "shown", json_integer((json_int_t)json_array_size(rows)));
	json_object_set_new(m, "rows", rows);
	json_object_set_new(m, "groups", groups(list, f.group));
	json_object_set_new(m, "filter",
	                    json_pack("{s:b, s:b, s:b, s:b, s:b}", "any",
	                              f.status || f.group || f.test, "untested",
	                              f.status && !strcmp(f.status, "untested"), "done",
	                              f.status && !strcmp(f.status, "done"), "compliance",
	                              f.test && !strcmp(f.test, "compliance"),
	                              "substantive",
	                              f.test && !strcmp(f.test, "substantive")));
	json_object_set_new(m, "self", json_string(self.buf));
	json_object_del(audit, "checklist");
	json_decref(audit);
	strbuf_release(&self);
	return web_render(c, "audit-checklist.html", m);
}

/* ---- the report ---- */

/* The report's parts as a template walks them: the definitions as a
 * list, short digests, and which areas hold findings (shown open). */
static void report_arrange(json_t *doc)
{
	json_t *guidance = json_object_get(doc, "report_guidance");
	json_t *defs = json_object_get(guidance, "definitions"), *list = json_array();
	json_t *area, *t;
	size_t i, k;

	for (int r = 0; r < RESULT__COUNT; r++) {
		const char *name = audit_result_name((enum audit_result)r);
		json_t *text = json_object_get(defs, name);

		if (text)
			json_array_append_new(
			        list, json_pack("{s:s, s:s, s:O}", "result", name,
			                        "label", result_labels[r], "text", text));
	}
	json_object_set_new(guidance, "definition_list", list);
	json_array_foreach(json_object_get(doc, "findings"), i, area)
	{
		bool any = false;

		json_array_foreach(json_object_get(area, "tests"), k, t)
		{
			any = any || is_finding(str(t, "result"));
			evidence_refs(t);
		}
		json_object_set_new(area, "has_findings", json_boolean(any));
		json_object_set_new(area, "label",
		                    area_label(json_object_get(area, "group"),
		                               json_object_get(area, "title")));
	}
	shorten_all(json_object_get(json_object_get(doc, "introduction"), "documents"),
	            "sha256");
	json_object_del(doc, "audit");
}

/* ?version=N (an issued version) and ?draft=yes (the report as it stands). */
static int report_query(struct http_ctx *c, int64_t *version, bool *draft)
{
	static const char *const flags[] = { "yes", "no", NULL };
	const char *v = query_value(c, "version"), *d = NULL;
	int rc = 0;

	*version = 0;
	if (v && (app_positive_id("?version=", v, version) || *version > INT_MAX))
		rc = error_set(E_USAGE, "?version= takes a version number, not '%s'", v);
	if (!rc)
		rc = query_choice(c, "draft", flags, "yes or no", &d);
	*draft = d && !strcmp(d, "yes");
	return rc;
}

/*
 * The report as the API's report route gives it in JSON, read through
 * the same function, since a page's call to another route carries only
 * JSON answers and this route answers a document.
 */
static int report_document(struct http_ctx *c, int64_t id, int64_t version, bool draft,
                           json_t **out, bool *issued)
{
	struct strbuf doc = STRBUF_INIT;
	json_error_t err;
	int rc = audit_report_document(c->st, &c->org, id, AUDIT_JSON, (int)version,
	                               draft, &doc, issued);

	*out = NULL;
	if (!rc) {
		*out = json_loadb(doc.buf, doc.len, 0, &err);
		if (!*out)
			rc = error_set(E_INTERNAL,
			               "the audit report could not be read: %s",
			               err.text);
	}
	strbuf_release(&doc);
	return rc;
}

static int get_report(struct http_ctx *c)
{
	static const char *const params[] = { "version", "draft", NULL };
	struct strbuf self = STRBUF_INIT;
	json_t *m, *audit = NULL, *doc = NULL;
	int64_t version = 0;
	bool draft = false, issued = false;
	int rc = http_query_check(c, params);

	if (!rc)
		rc = report_query(c, &version, &draft);
	if (rc)
		return rc;
	m = page_model(c, "audits", "Audit report");
	rc = load_audit(c, m, &audit);
	if (!rc)
		rc = report_document(c, json_integer_value(json_object_get(audit, "id")),
		                     version, draft, &doc, &issued);
	if (!rc) {
		report_arrange(doc);
		json_object_del(audit, "checklist");
		lead_of(m, audit);
		json_object_set_new(m, "issued", json_boolean(issued));
		json_object_set_new(m, "report", doc);
		page_path(&self, c, "/audits/", "/report");
		json_object_set_new(m, "self", json_string(self.buf));
		json_object_set_new(
		        m, "title",
		        json_string(issued ? "Audit report" : "Audit report (draft)"));
	}
	json_decref(audit);
	strbuf_release(&self);
	if (rc) {
		json_decref(m);
		return rc;
	}
	return web_render(c, "audit-report.html", m);
}

/* ---- corrective actions ---- */

/* The board's columns: verified and closed actions share the last. */
static const struct {
	const char *key, *title;
	enum capa_status a, b;
} columns[] = {
	{ "open", "Open", CAPA_OPEN, CAPA_OPEN },
	{ "in-progress", "In progress", CAPA_IN_PROGRESS, CAPA_IN_PROGRESS },
	{ "implemented", "Implemented", CAPA_IMPLEMENTED, CAPA_IMPLEMENTED },
	{ "done", "Verified and closed", CAPA_VERIFIED, CAPA_CLOSED },
};

/* What a card offers: the statuses a change may set (verification and
 * closing have their own forms), and which of those forms fit. */
static void capa_card(json_t *cp)
{
	const char *changeable[3], *st = str(cp, "status");

	for (int i = 0; i < 3; i++)
		changeable[i] = capa_status_name((enum capa_status)i);
	json_object_set_new(cp, "statuses", options(changeable, NULL, 3, st));
	json_object_set_new(
	        cp, "changeable",
	        json_boolean(st && (!strcmp(st, "open") || !strcmp(st, "in-progress") ||
	                            !strcmp(st, "implemented"))));
	json_object_set_new(cp, "verifiable",
	                    json_boolean(is(cp, "status", "implemented")));
	json_object_set_new(cp, "closable",
	                    json_boolean(is(cp, "status", "implemented") ||
	                                 is(cp, "status", "verified")));
}

static json_t *board(json_t *capas)
{
	json_t *out = json_array();

	for (size_t k = 0; k < sizeof(columns) / sizeof(columns[0]); k++) {
		json_t *cards = json_array(), *cp;
		json_int_t overdue = 0;
		size_t i;

		json_array_foreach(capas, i, cp)
		{
			const char *st = str(cp, "status");

			if (!st || (strcmp(st, capa_status_name(columns[k].a)) &&
			            strcmp(st, capa_status_name(columns[k].b))))
				continue;
			capa_card(cp);
			overdue += json_is_true(json_object_get(cp, "overdue"));
			json_array_append(cards, cp);
		}
		json_array_append_new(out, json_pack("{s:s, s:s, s:I, s:I, s:o}", "key",
		                                     columns[k].key, "title",
		                                     columns[k].title, "count",
		                                     (json_int_t)json_array_size(cards),
		                                     "overdue", overdue, "cards", cards));
	}
	return out;
}

/*
 * A page of one of the organisation's lists, arranged by `arrange`, with
 * the people (names its forms offer) and its own path (where they return).
 */
static int list_page(struct http_ctx *c, json_t *m, const char *list, const char *middle,
                     void (*arrange)(json_t *m, json_t *list), const char *template_name)
{
	struct strbuf self = STRBUF_INIT;
	json_t *items = NULL, *people = NULL;
	int rc = call_org(c, list, &items);

	if (!rc)
		rc = call_org(c, "/people?limit=1000", &people);
	if (!rc && items)
		arrange(m, items);
	if (!rc)
		set_people(m, people);
	page_path(&self, c, middle, "");
	json_object_set_new(m, "self", json_string(self.buf));
	json_decref(items);
	json_decref(people);
	strbuf_release(&self);
	if (rc) {
		json_decref(m);
		return rc;
	}
	return web_render(c, template_name, m);
}

static void arrange_capas(json_t *m, json_t *capas)
{
	json_object_set_new(m, "columns", board(capas));
	json_object_set_new(m, "total", json_integer((json_int_t)json_array_size(capas)));
}

static int get_capa(struct http_ctx *c)
{
	int rc = http_query_check(c, NULL_PARAMS);

	if (rc)
		return rc;
	return list_page(c, page_model(c, "capa", "Corrective actions"),
	                 "/capas?limit=1000", "/capa", arrange_capas, "capa.html");
}

/* ---- management reviews ---- */

static void arrange_reviews(json_t *m, json_t *reviews)
{
	json_t *r;
	size_t i;

	json_array_foreach(reviews, i, r)
	{
		json_object_set_new(r, "outputs_count",
		                    json_integer((json_int_t)json_array_size(
		                            json_object_get(r, "outputs"))));
	}
	json_object_set(m, "reviews", reviews);
	json_object_set_new(m, "has_reviews", json_boolean(json_array_size(reviews)));
}

static int get_reviews(struct http_ctx *c)
{
	int rc = http_query_check(c, NULL_PARAMS);

	if (rc)
		return rc;
	return list_page(c, page_model(c, "reviews", "Management reviews"),
	                 "/reviews?limit=1000", "/reviews", arrange_reviews,
	                 "reviews.html");
}

/* Decisions and actions apart, as the minutes list them. */
static void review_outputs(json_t *m, json_t *review)
{
	json_t *decisions = json_array(), *actions = json_array(), *o;
	size_t i;

	json_array_foreach(json_object_get(review, "outputs"), i, o)
	{
		json_object_set_new(o, "done", json_boolean(is(o, "status", "done")));
		json_array_append(is(o, "kind", "action") ? actions : decisions, o);
	}
	json_object_set_new(m, "decisions", decisions);
	json_object_set_new(m, "actions", actions);
}

static int get_review(struct http_ctx *c)
{
	struct strbuf self = STRBUF_INIT, title = STRBUF_INIT;
	json_t *m, *review = NULL, *people = NULL;
	int rc = http_query_check(c, NULL_PARAMS);

	if (rc)
		return rc;
	m = page_model(c, "reviews", "Management review");
	rc = call_record(c, "/reviews/", "", &review);
	if (!rc)
		rc = call_org(c, "/people?limit=1000", &people);
	if (!rc) {
		review_outputs(m, review);
		json_object_set_new(m, "attendees_text",
		                    joined(json_object_get(review, "attendees"), ", "));
		strbuf_addf(&title, "MR%lld %s",
		            (long long)json_integer_value(json_object_get(review, "id")),
		            str(review, "title") ? str(review, "title") : "");
		json_object_set_new(m, "title", json_string(title.buf));
		json_object_set(m, "review", review);
		json_object_set_new(
		        m, "draft",
		        json_boolean(!json_is_true(json_object_get(review, "final"))));
		page_path(&self, c, "/reviews/", "");
		json_object_set_new(m, "self", json_string(self.buf));
		set_people(m, people);
	}
	json_decref(review);
	json_decref(people);
	strbuf_release(&self);
	strbuf_release(&title);
	if (rc) {
		json_decref(m);
		return rc;
	}
	return web_render(c, "review.html", m);
}

static const struct http_route pages[] = {
	{ "GET", "/orgs/{org}/audits", get_audits, ROUTE_PAGE | ROUTE_ORG, AREA_AUDIT,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/audits/{id}", get_audit, ROUTE_PAGE | ROUTE_ORG, AREA_AUDIT,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/audits/{id}/checklist", get_checklist,
	  ROUTE_PAGE | ROUTE_ORG, AREA_AUDIT, ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/audits/{id}/report", get_report, ROUTE_PAGE | ROUTE_ORG,
	  AREA_AUDIT, ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/capa", get_capa, ROUTE_PAGE | ROUTE_ORG, AREA_CAPA,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/reviews", get_reviews, ROUTE_PAGE | ROUTE_ORG, AREA_REVIEW,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/reviews/{id}", get_review, ROUTE_PAGE | ROUTE_ORG,
	  AREA_REVIEW, ACCESS_READ, NULL },
};

HTTP_ROUTE_TABLE(web_audit_table, pages);
