/*
 * test-audit-view.c - the internal audit report and the management review
 * minutes: their sections in order, the escaping of stored text for each
 * format, the limitations they must not hide, and the JSON shapes.
 */
#include "unit.h"

#include <jansson.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "view/audit.h"

#define HOSTILE "<script>alert(1)</script>"
#define SHA_A "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define SHA_B "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

struct fixture {
	struct org org;
	struct audit a;
	struct audit_summary s;
	struct capa_list previous;
	const char *outside[2];
	struct audit_doc d;
};

static struct audit_test *add_test(struct audit *a, const char *ref, const char *title,
                                   const char *group, const char *group_title,
                                   enum test_type type)
{
	struct audit_test *t;

	ALLOC_GROW(a->tests, a->ntests + 1, a->alloc_tests);
	t = &a->tests[a->ntests++];
	memset(t, 0, sizeof(*t));
	t->ref = xstrdup(ref);
	t->title = xstrdup(title);
	t->group = xstrdup(group);
	t->group_title = xstrdup(group_title);
	t->is_clause = strncmp(ref, "A.", 2) != 0;
	t->type = type;
	t->step = xstrdup(type == TEST_COMPLIANCE ? "Inspect the documented procedure"
	                                          : "Reperform the control on a sample");
	t->expected = xstrdup("Records of the control operating");
	t->result = RESULT_NONE;
	t->method = METHOD_NONE;
	t->nc = NC_NONE;
	t->sample_size = -1;
	return t;
}

static void add_evidence(struct audit_test *t, const char *sha, const char *title)
{
	struct audit_evidence *e;

	ALLOC_GROW(t->evidence, t->nevidence + 1, t->alloc_evidence);
	e = &t->evidence[t->nevidence++];
	memset(e, 0, sizeof(*e));
	snprintf(e->sha256, sizeof(e->sha256), "%s", sha);
	e->title = xstrdup(title);
	e->kind = EV_RECORD;
	e->origin = ORIGIN_ORGANISATION;
	e->filename = xstrdup("export.csv");
}

static void add_member(struct audit *a, int64_t id, const char *name, bool lead,
                       bool competent, const char *conflict, const char *override)
{
	struct audit_member *m;

	ALLOC_GROW(a->members, a->nmembers + 1, a->alloc_members);
	m = &a->members[a->nmembers++];
	memset(m, 0, sizeof(*m));
	m->person_id = id;
	m->name = xstrdup(name);
	m->lead = lead;
	m->competent = competent;
	m->conflict = xstrdup_or_null(conflict);
	m->override = xstrdup_or_null(override);
}

static void add_document(struct audit *a, const char *title, const char *sha)
{
	ALLOC_GROW(a->documents, a->ndocuments + 1, a->alloc_documents);
	a->documents[a->ndocuments] =
	        (struct audit_document){ (int)a->ndocuments + 1, xstrdup(title),
		                         xstrdup_or_null(sha) };
	a->ndocuments++;
}

static void add_scope(struct audit *a, const char *ref)
{
	ALLOC_GROW(a->scope, a->nscope + 1, a->alloc_scope);
	a->scope[a->nscope++] = xstrdup(ref);
}

/*
 * Two areas: "Performance evaluation" tested by compliance only, and the
 * organizational controls with a substantive major nonconformity (with
 * evidence and a corrective action) and an item not tested.  One auditor
 * works under an independence override; the lead has no competence record.
 */
static void fixture_build(struct fixture *f)
{
	struct audit *a = &f->a;
	struct audit_test *t;

	memset(f, 0, sizeof(*f));
	f->org = (struct org){ 1, (char *)"acme", (char *)"Acme | Ltd",
		               (char *)"2026-01-01T00:00:00Z" };
	a->id = 3;
	a->org_id = 1;
	a->title = xstrdup("Internal audit 2026");
	a->objectives = xstrdup("Check access control works");
	a->criteria = xstrdup("ISO/IEC 27001:2022");
	a->sampling = xstrdup("Judgemental: 5 of each population");
	a->auditees = xstrdup("IT , HR,, Finance");
	a->start_on = xstrdup("2026-03-02");
	a->end_on = xstrdup("2026-03-04");
	a->status = AUDIT_CLOSED;
	a->closed_on = xstrdup("2026-03-05");
	a->classification = xstrdup("Confidential");
	add_scope(a, "9.2.2");
	add_scope(a, "A.5.15");
	add_scope(a, "A.5.16");
	add_member(a, 1, "Alice Lead", true, false, NULL, NULL);
	add_member(a, 2, "Bob Owner", false, true, "owns A.5.15 (gap assessment)",
	           "Only auditor who knows <b>IAM</b>; reviewed by Carol");
	add_document(a, "Information security policy", SHA_A);
	add_document(a, "Access control procedure", NULL);

	t = add_test(a, "9.2.2", "Internal audit programme", "9",
	             "Performance evaluation", TEST_COMPLIANCE);
	t->result = RESULT_CONFORMING;
	t->method = METHOD_INSPECTION;
	t->recorded_at = xstrdup("2026-03-02T10:00:00Z");
	add_evidence(t, SHA_B, "Audit programme 2026");

	t = add_test(a, "A.5.15", "Access control", "organizational",
	             "Organizational controls", TEST_COMPLIANCE);
	t->result = RESULT_CONFORMING;
	t->method = METHOD_INTERVIEW;
	add_evidence(t, SHA_A, "Information security policy");

	t = add_test(a, "A.5.15", "Access control", "organizational",
	             "Organizational controls", TEST_SUBSTANTIVE);
	t->result = RESULT_MAJOR;
	t->nc = NC_NOT_FUNCTIONING;
	t->method = METHOD_REPERFORMANCE;
	t->population = xstrdup("42 leavers in 2025");
	t->sample_size = 5;
	t->sample_items = xstrdup("L-3, L-9, L-17, L-30, L-41");
	t->note = xstrdup("Leavers kept access " HOSTILE);
	t->capa_id = 12;
	t->recorded_at = xstrdup("2026-03-03T15:00:00Z");
	add_evidence(t, SHA_B, "Leaver access export");

	add_test(a, "A.5.16", "Identity management", "organizational",
	         "Organizational controls", TEST_COMPLIANCE);

	audit_summarise(a, &f->s);

	f->previous.v = xcalloc(1, sizeof(*f->previous.v));
	f->previous.n = f->previous.alloc = 1;
	f->previous.v[0].id = 5;
	f->previous.v[0].audit_id = 1;
	f->previous.v[0].audit_title = xstrdup("Internal audit 2025");
	f->previous.v[0].ref = xstrdup("A.5.15");
	f->previous.v[0].type = TEST_SUBSTANTIVE;
	f->previous.v[0].severity = RESULT_MINOR;
	f->previous.v[0].nc = NC_MISSING;
	f->previous.v[0].status = CAPA_IN_PROGRESS;
	f->previous.v[0].due_on = xstrdup("2026-01-31");

	f->outside[0] = "A.8.1";
	f->outside[1] = "A.8.2";
	f->d = (struct audit_doc){ .org = &f->org,
		                   .scope_statement = "All IT services of Acme",
		                   .audit = a,
		                   .summary = &f->s,
		                   .previous = &f->previous,
		                   .outside = f->outside,
		                   .noutside = 2,
		                   .today = "2026-03-10" };
}

static void fixture_release(struct fixture *f)
{
	audit_summary_release(&f->s);
	audit_release(&f->a);
	capa_list_release(&f->previous);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

#define assert_has(hay, needle)                                                 \
	do {                                                                    \
		if (!strstr((hay), (needle)))                                   \
			fail_msg("missing: %s\n---- in:\n%s", (needle), (hay)); \
	} while (0)

#define assert_prefix(s, p)                                                              \
	do {                                                                             \
		if (strncmp((s), (p), strlen(p)))                                        \
			fail_msg("expected to start with: %s\n---- got:\n%s", (p), (s)); \
	} while (0)

/* Each needle found, each after the one before; returns the last. */
static const char *assert_in_order(const char *hay, const char *const *needles, size_t n)
{
	const char *p = hay;

	for (size_t i = 0; i < n; i++) {
		const char *q = strstr(p, needles[i]);

		if (!q)
			fail_msg("missing or out of order: %s\n---- in:\n%s", needles[i],
			         hay);
		p = q + strlen(needles[i]);
	}
	return p;
}

static void test_formats(void **state)
{
	enum audit_format f;

	(void)state;
	assert_ok(audit_format_parse("md", &f));
	assert_int_equal(f, AUDIT_MD);
	assert_ok(audit_format_parse("json", &f));
	assert_int_equal(f, AUDIT_JSON);
	assert_string_equal(audit_format_name(AUDIT_HTML), "html");
	assert_fails(audit_format_parse("pdf", &f), E_INVALID, "md, html or json");
}

static void test_report_md(void **state)
{
	static const char *const headings[] = {
		"\n## Introduction\n",      "\n## Executive summary\n",
		"\n## Report guidance\n",   "\n## Audit findings\n",
		"\n## Audit limitations\n",
	};
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;
	const char *lim;
	char line[256];

	(void)state;
	fixture_build(&f);
	assert_ok(audit_report_render(&f.d, AUDIT_MD, &sb));
	assert_prefix(sb.buf, "# Internal audit report: Acme \\| Ltd\n");
	lim = assert_in_order(sb.buf, headings, 5);
	assert_int_equal(count(sb.buf, "\n## "), 5);
	assert_has(sb.buf, "Draft (not issued)");
	assert_has(sb.buf, "Internal audit 2026");

	/* Hostile text never reaches the page as markup. */
	assert_int_equal(count(sb.buf, "<script"), 0);
	assert_int_equal(count(sb.buf, "<b>IAM"), 0);
	assert_has(sb.buf, "Leavers kept access &lt;script&gt;alert(1)&lt;/script&gt;");

	/* Introduction. */
	assert_has(sb.buf, "| ISMS scope | All IT services of Acme |");
	assert_has(sb.buf, "Alice Lead (lead auditor)");
	assert_has(sb.buf, "| Auditees | IT, HR, Finance |");
	assert_has(sb.buf, "| Fieldwork | 2026-03-02 – 2026-03-04 |");
	assert_has(sb.buf, "Information security policy (evidence SHA-256 `" SHA_A "`)");

	/* Executive summary: 9.2.1 a) and b). */
	assert_has(sb.buf, "Clause 9.2.1 a): the ISMS does not conform");
	assert_has(sb.buf, "Clause 9.2.1 b): the audit cannot conclude");
	assert_has(sb.buf, "| 4 | 3 | 2 | 1 | 0 | 0 | 0 |");

	/* Report guidance. */
	assert_has(sb.buf, "| Distribution | top management and the auditees |");
	assert_has(sb.buf, "| Classification | Confidential |");
	for (int r = RESULT_CONFORMING; r < RESULT__COUNT; r++) {
		snprintf(line, sizeof(line), "- **%s** — ",
		         audit_result_name((enum audit_result)r));
		assert_has(sb.buf, line);
	}

	/* Findings: per area, effectiveness tested or not. */
	assert_has(sb.buf,
	           "### Performance evaluation\n\nEffectiveness tested: no — only "
	           "compliance tests were performed");
	assert_has(sb.buf, "### Organizational controls\n\nEffectiveness tested: yes (1 "
	                   "substantive test)");
	assert_has(sb.buf, "#### A.5.15 Access control — substantive test");
	assert_has(sb.buf, "| Result | **major** (not-functioning) |");
	assert_has(sb.buf, "| Corrective action | CAPA-12 |");
	assert_has(sb.buf, "| Sample size | 5 |");
	assert_has(sb.buf, "Leaver access export (record) SHA-256 `" SHA_B "`");
	assert_has(sb.buf, "| Result | **not tested** |");
	snprintf(line, sizeof(line), "Previous corrective action CAPA-5 (audit 1): %s",
	         capa_status_name(CAPA_IN_PROGRESS));
	assert_has(sb.buf, line);
	assert_int_equal(count(sb.buf, "Previous corrective action CAPA-5"), 1);

	/* Limitations. */
	assert_has(lim, "Not in this audit's scope: 2 items");
	assert_has(lim, "A.8.1, A.8.2");
	assert_has(lim, "Judgemental: 5 of each population");
	assert_has(lim, "Bob Owner audits within the scope despite a conflict (owns "
	                "A.5.15 (gap assessment))");
	assert_has(lim,
	           "Only auditor who knows &lt;b&gt;IAM&lt;/b&gt;; reviewed by Carol");
	assert_has(lim, "The lead auditor Alice Lead has no competence record");
	assert_has(lim, "A.5.16 compliance test — not tested: evidence was not available "
	                "or the test was not performed");
	assert_has(lim, "Access control procedure is not linked to stored evidence");
	assert_int_equal(count(lim, "No further limitations"), 0);

	/* An issued version. */
	strbuf_reset(&sb);
	f.d.version = 2;
	f.d.issued_by = "Alice <i>Lead</i>";
	f.d.issued_on = "2026-03-12";
	assert_ok(audit_report_render(&f.d, AUDIT_MD, &sb));
	assert_has(sb.buf, "Version 2, issued on 2026-03-12 by Alice &lt;i&gt;Lead");
	assert_int_equal(count(sb.buf, "Draft (not issued)"), 0);
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_report_html(void **state)
{
	static const char *const headings[] = {
		"<h2>Introduction</h2>",      "<h2>Executive summary</h2>",
		"<h2>Report guidance</h2>",   "<h2>Audit findings</h2>",
		"<h2>Audit limitations</h2>",
	};
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;
	const char *lim;

	(void)state;
	fixture_build(&f);
	assert_ok(audit_report_render(&f.d, AUDIT_HTML, &sb));
	assert_prefix(sb.buf, "<!DOCTYPE html>");
	assert_int_equal(count(sb.buf, "<html"), 1);
	assert_int_equal(count(sb.buf, "</html>"), 1);
	assert_int_equal(count(sb.buf, "<style>"), 1);
	assert_int_equal(count(sb.buf, "<script"), 0);
	assert_int_equal(count(sb.buf, "<b>IAM"), 0);
	assert_int_equal(count(sb.buf, "http"), 0);
	assert_int_equal(count(sb.buf, "<h2>"), 5);
	lim = assert_in_order(sb.buf, headings, 5);
	assert_has(sb.buf, "<h1>Internal audit report: Acme | Ltd</h1>");
	assert_has(sb.buf, "Leavers kept access &lt;script&gt;alert(1)&lt;/script&gt;");
	assert_has(sb.buf, "<code class=\"sha\">" SHA_B "</code>");
	assert_has(lim,
	           "Only auditor who knows &lt;b&gt;IAM&lt;/b&gt;; reviewed by Carol");
	assert_has(lim, "The lead auditor Alice Lead has no competence record");
	assert_int_equal(count(sb.buf, "<section"), count(sb.buf, "</section>"));
	assert_int_equal(count(sb.buf, "<table"), count(sb.buf, "</table>"));
	assert_int_equal(count(sb.buf, "<ul>"), count(sb.buf, "</ul>"));
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_report_json(void **state)
{
	static const char *const keys[] = { "introduction", "executive_summary",
		                            "report_guidance", "findings",
		                            "limitations" };
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;
	json_error_t err;
	json_t *doc, *areas, *tests, *t, *lim;

	(void)state;
	fixture_build(&f);
	assert_ok(audit_report_render(&f.d, AUDIT_JSON, &sb));
	doc = json_loads(sb.buf, 0, &err);
	if (!doc)
		fail_msg("bad JSON: %s\n%s", err.text, sb.buf);
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (!json_object_get(doc, keys[i]))
			fail_msg("no key %s", keys[i]);
	assert_string_equal(json_string_value(json_object_get(doc, "document")),
	                    "internal-audit-report");
	assert_string_equal(json_string_value(json_object_get(
	                            json_object_get(doc, "organisation"), "slug")),
	                    "acme");
	assert_true(json_is_null(json_object_get(doc, "version")));
	assert_int_equal(
	        json_integer_value(json_object_get(json_object_get(doc, "audit"), "id")),
	        3);
	assert_true(json_is_false(
	        json_object_get(json_object_get(doc, "executive_summary"), "conforms")));

	areas = json_object_get(doc, "findings");
	assert_int_equal(json_array_size(areas), 2);
	assert_true(json_is_false(
	        json_object_get(json_array_get(areas, 0), "effectiveness_tested")));
	assert_true(json_is_true(
	        json_object_get(json_array_get(areas, 1), "effectiveness_tested")));
	assert_int_equal(json_integer_value(json_object_get(json_array_get(areas, 1),
	                                                    "substantive")),
	                 1);
	tests = json_object_get(json_array_get(areas, 1), "tests");
	assert_int_equal(json_array_size(tests), 3);
	t = json_array_get(tests, 1);
	assert_string_equal(json_string_value(json_object_get(t, "result")), "major");
	assert_string_equal(json_string_value(json_object_get(t, "kind")),
	                    "not-functioning");
	assert_string_equal(json_string_value(json_object_get(t, "note")),
	                    "Leavers kept access " HOSTILE);
	assert_int_equal(json_integer_value(json_object_get(t, "capa")), 12);
	assert_string_equal(
	        json_string_value(json_object_get(
	                json_array_get(json_object_get(t, "evidence"), 0), "sha256")),
	        SHA_B);
	t = json_array_get(tests, 2);
	assert_true(json_is_null(json_object_get(t, "result")));
	assert_true(json_is_null(json_object_get(t, "sample_size")));
	assert_true(json_is_null(json_object_get(t, "capa")));

	lim = json_object_get(doc, "limitations");
	assert_int_equal(json_integer_value(json_object_get(lim, "outside_count")), 2);
	assert_string_equal(
	        json_string_value(json_object_get(
	                json_array_get(json_object_get(lim, "independence_overrides"), 0),
	                "justification")),
	        "Only auditor who knows <b>IAM</b>; reviewed by Carol");
	assert_string_equal(json_string_value(json_array_get(
	                            json_object_get(lim, "lead_without_competence"), 0)),
	                    "Alice Lead");
	json_decref(doc);
	strbuf_release(&sb);
	fixture_release(&f);
}

/* An empty plan, then a clean audit: each says so rather than leaving gaps. */
static void test_report_edges(void **state)
{
	struct org org = { 1, (char *)"acme", (char *)"Acme", NULL };
	struct audit a;
	struct audit_summary s;
	struct audit_test *t;
	struct audit_doc d = {
		.org = &org, .audit = &a, .summary = &s, .today = "2026-03-10"
	};
	struct strbuf sb = STRBUF_INIT;
	json_t *doc;

	(void)state;
	memset(&a, 0, sizeof(a));
	a.id = 9;
	a.title = xstrdup("Empty");
	audit_summarise(&a, &s);
	for (int f = AUDIT_MD; f < AUDIT__FORMATS; f++) {
		strbuf_reset(&sb);
		assert_ok(audit_report_render(&d, (enum audit_format)f, &sb));
	}
	strbuf_reset(&sb);
	assert_ok(audit_report_render(&d, AUDIT_MD, &sb));
	assert_has(sb.buf, "| ISMS scope | (no scope statement recorded) |");
	assert_has(sb.buf, "The checklist is empty");
	assert_has(sb.buf, "No lead auditor is assigned");
	assert_has(sb.buf, "cannot conclude whether the ISMS conforms");
	audit_summary_release(&s);

	add_member(&a, 1, "Carol", true, true, NULL, NULL);
	t = add_test(&a, "A.8.7", "Protection against malware", "technological",
	             "Technological controls", TEST_SUBSTANTIVE);
	t->result = RESULT_CONFORMING;
	t->method = METHOD_TECHNICAL_TEST;
	add_evidence(t, SHA_A, "EDR console export");
	audit_summarise(&a, &s);
	strbuf_reset(&sb);
	assert_ok(audit_report_render(&d, AUDIT_HTML, &sb));
	assert_has(sb.buf, "<p>No further limitations");
	assert_has(sb.buf, "the ISMS conforms to the organisation");
	assert_has(sb.buf, "the ISMS is effectively implemented and maintained");
	strbuf_reset(&sb);
	assert_ok(audit_report_render(&d, AUDIT_JSON, &sb));
	doc = json_loads(sb.buf, 0, NULL);
	assert_non_null(doc);
	assert_true(json_is_true(
	        json_object_get(json_object_get(doc, "limitations"), "none")));
	json_decref(doc);
	audit_summary_release(&s);
	audit_release(&a);
	strbuf_release(&sb);
}

static void test_json_shapes(void **state)
{
	struct fixture f;
	struct audit_programme p = { 2026, 12,   NULL, (char *)"GDPR",
		                     NULL, NULL, NULL, NULL };
	struct person person;
	json_t *j, *auditees;

	(void)state;
	fixture_build(&f);
	j = json_audit(&f.a, false);
	assert_null(json_object_get(j, "checklist"));
	auditees = json_object_get(j, "auditees");
	assert_int_equal(json_array_size(auditees), 3);
	assert_string_equal(json_string_value(json_array_get(auditees, 0)), "IT");
	assert_string_equal(json_string_value(json_array_get(auditees, 2)), "Finance");
	assert_true(json_is_null(json_object_get(j, "distribution")));
	assert_int_equal(json_array_size(json_object_get(j, "team")), 2);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "closed");
	json_decref(j);
	j = json_audit(&f.a, true);
	assert_int_equal(json_array_size(json_object_get(j, "checklist")), 4);
	json_decref(j);

	j = json_capa(&f.previous.v[0], "2026-03-10");
	assert_true(json_is_true(json_object_get(j, "overdue")));
	assert_string_equal(json_string_value(json_object_get(j, "severity")), "minor");
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "missing");
	assert_int_equal(json_integer_value(json_object_get(j, "audit")), 1);
	json_decref(j);

	j = json_programme(&p);
	assert_int_equal(json_array_size(json_object_get(j, "years")), 3);
	assert_int_equal(
	        json_integer_value(json_array_get(json_object_get(j, "years"), 2)), 2028);
	assert_string_equal(json_string_value(json_object_get(
	                            json_object_get(j, "factors"), "legal")),
	                    "GDPR");
	json_decref(j);

	memset(&person, 0, sizeof(person));
	person.id = 4;
	person.name = xstrdup("Carol");
	person.competence = xcalloc(1, sizeof(*person.competence));
	person.ncompetence = person.alloc_competence = 1;
	person.competence[0].kind = COMP_CERTIFICATION;
	person.competence[0].title = xstrdup("ISO/IEC 27001 Lead Auditor");
	person.competence[0].expires_on = xstrdup("2027-01-01");
	responsibility_add(&person.owns, "Carol", "A.5.15", ROLE_OWNS, "person record");
	j = json_person(&person, "2026-03-10");
	assert_true(json_is_true(json_object_get(j, "competent")));
	assert_true(json_is_null(json_object_get(j, "email")));
	assert_string_equal(
	        json_string_value(json_object_get(
	                json_array_get(json_object_get(j, "competence"), 0), "kind")),
	        "certification");
	assert_string_equal(
	        json_string_value(json_object_get(
	                json_array_get(json_object_get(j, "responsibilities"), 0),
	                "role")),
	        "owns");
	json_decref(j);
	person_release(&person);

	j = json_audit_summary(&f.s);
	assert_int_equal(json_integer_value(json_object_get(j, "tests")), 4);
	assert_int_equal(json_array_size(json_object_get(j, "areas")), 2);
	json_decref(j);
	fixture_release(&f);
}

/* ---- the management review minutes ---- */

static const char sample_inputs[] =
        "{\"prepared_on\":\"2026-04-01\","
        "\"previous_actions\":[{\"review\":1,\"text\":\"Hire <b>CISO</b>\","
        "\"owner\":\"CEO\",\"due_on\":\"2026-02-01\",\"status\":\"done\"}],"
        "\"changes\":{\"scope_statement\":\"All IT services\","
        "\"interested_parties\":[{\"name\":\"Cloud hosting\",\"party\":\"AWS\","
        "\"kind\":\"dependency\"}],\"note\":null},"
        "\"nonconformities\":{\"total\":1,\"open\":1,\"overdue\":0,\"items\":[{\"id\":12,"
        "\"ref\":\"A.5.15\",\"severity\":\"major\",\"status\":\"open\",\"due_on\":null,"
        "\"overdue\":false}]},"
        "\"monitoring\":\"Patch KPI at 93%\","
        "\"audits\":[{\"id\":3,\"title\":\"Internal audit "
        "2026\",\"end_on\":\"2026-03-04\","
        "\"status\":\"issued\",\"tests\":4,\"conforming\":2,\"major\":1,\"minor\":0,"
        "\"observation\":0,\"ofi\":0,\"conforms\":false,\"effective\":false}],"
        "\"objectives\":null,"
        "\"feedback\":\"Customer asked about " HOSTILE "\","
        "\"risks\":{\"total\":7,\"by_level\":{\"low\":2,\"medium\":3,\"high\":1,"
        "\"critical\":1},\"unaccepted\":1,\"plan_approved\":true,\"plan_changed\":false,"
        "\"actions_open\":4,\"actions_overdue\":1},"
        "\"improvements\":[{\"audit\":3,\"ref\":\"A.5.16\",\"result\":\"ofi\",\"note\":"
        "\"Automate "
        "leavers\"}]}";

static void review_build(struct review *r, const char *inputs)
{
	memset(r, 0, sizeof(*r));
	r->id = 2;
	r->title = xstrdup("Management review Q2");
	r->held_on = xstrdup("2026-04-15");
	r->chair = xstrdup("CEO");
	r->attendees = xstrdup("CEO, CISO, Head of IT");
	r->inputs = xstrdup(inputs);
	r->notes = xstrdup("Discussed " HOSTILE);
	r->outputs = xcalloc(3, sizeof(*r->outputs));
	r->noutputs = r->alloc_outputs = 3;
	r->outputs[0] = (struct review_output){ 1,    false, xstrdup("Keep the scope"),
		                                NULL, NULL,  false };
	r->outputs[1] = (struct review_output){ 2,
		                                true,
		                                xstrdup("Fix leaver process"),
		                                xstrdup("Head of IT"),
		                                xstrdup("2026-06-30"),
		                                false };
	r->outputs[2] = (struct review_output){
		3, true, xstrdup("Budget for SIEM"), xstrdup("CFO"), NULL, true
	};
}

static void test_minutes(void **state)
{
	static const char *const headings[] = {
		"## Inputs\n",
		"### Status of actions from previous management reviews\n",
		"### Changes in external and internal issues and interested parties\n",
		"### Nonconformities and corrective actions\n",
		"### Monitoring and measurement results\n",
		"### Audit results\n",
		"### Fulfilment of information security objectives\n",
		"### Feedback from interested parties\n",
		"### Risk assessment results and status of the risk treatment plan\n",
		"### Opportunities for continual improvement\n",
		"## Notes\n",
		"## Decisions\n",
		"## Actions\n",
	};
	struct org org = { 1, (char *)"acme", (char *)"Acme", NULL };
	struct review r;
	struct review_doc d = { &org, &r, "2026-04-20" };
	struct strbuf sb = STRBUF_INIT;
	json_error_t err;
	json_t *doc;

	(void)state;
	review_build(&r, sample_inputs);
	assert_ok(review_minutes_render(&d, AUDIT_MD, &sb));
	assert_prefix(sb.buf, "# Management review minutes: Acme\n");
	assert_in_order(sb.buf, headings, sizeof(headings) / sizeof(*headings));
	assert_int_equal(count(sb.buf, "<script"), 0);
	assert_int_equal(count(sb.buf, "<b>CISO"), 0);
	assert_has(sb.buf, "| Status | draft |");
	assert_has(sb.buf, "| Inputs prepared on | 2026-04-01 |");
	assert_has(sb.buf, "| 1 | Hire &lt;b&gt;CISO&lt;/b&gt; | CEO |");
	assert_has(sb.buf, "| Cloud hosting | AWS | dependency |");
	assert_has(sb.buf, "| CAPA-12 | A.5.15 | major | open | — | no |");
	assert_has(sb.buf, "| 3 | Internal audit 2026 |");
	assert_has(sb.buf, "### Fulfilment of information security objectives\n\nnone "
	                   "recorded\n");
	assert_has(sb.buf, "Customer asked about &lt;script&gt;");
	assert_has(sb.buf, "| Residual risk critical | 1 |");
	assert_has(sb.buf, "| 3 | A.5.16 | ofi | Automate leavers |");
	assert_has(sb.buf, "Discussed &lt;script&gt;");
	assert_has(sb.buf, "- Keep the scope\n");
	assert_has(sb.buf, "| Fix leaver process | Head of IT | 2026-06-30 | open |");
	assert_has(sb.buf, "| Budget for SIEM | CFO | — | done |");

	strbuf_reset(&sb);
	assert_ok(review_minutes_render(&d, AUDIT_HTML, &sb));
	assert_int_equal(count(sb.buf, "<html"), 1);
	assert_int_equal(count(sb.buf, "<script"), 0);
	assert_has(sb.buf, "<h1>Management review minutes: Acme</h1>");
	assert_has(sb.buf, "<h3>Audit results</h3>");
	assert_int_equal(count(sb.buf, "<h3>"), 9);
	assert_int_equal(count(sb.buf, "<table"), count(sb.buf, "</table>"));

	strbuf_reset(&sb);
	assert_ok(review_minutes_render(&d, AUDIT_JSON, &sb));
	doc = json_loads(sb.buf, 0, &err);
	if (!doc)
		fail_msg("bad JSON: %s\n%s", err.text, sb.buf);
	assert_string_equal(json_string_value(json_object_get(doc, "document")),
	                    "management-review-minutes");
	assert_int_equal(
	        json_integer_value(json_object_get(
	                json_object_get(
	                        json_object_get(json_object_get(doc, "review"), "inputs"),
	                        "risks"),
	                "total")),
	        7);
	assert_int_equal(json_array_size(json_object_get(json_object_get(doc, "review"),
	                                                 "outputs")),
	                 3);
	json_decref(doc);
	review_release(&r);

	/* Inputs that are missing say so; broken inputs are refused. */
	review_build(&r, "{\"prepared_on\":\"2026-04-01\"}");
	strbuf_reset(&sb);
	assert_ok(review_minutes_render(&d, AUDIT_MD, &sb));
	assert_int_equal(count(sb.buf, "\n\nnone recorded\n"), 9);
	review_release(&r);
	review_build(&r, "{\"risks\": ");
	doc = json_review(&r);
	assert_true(json_is_null(json_object_get(doc, "inputs")));
	assert_int_equal(json_array_size(json_object_get(doc, "attendees")), 3);
	json_decref(doc);
	strbuf_reset(&sb);
	assert_fails(review_minutes_render(&d, AUDIT_MD, &sb), E_INVALID,
	             "not valid JSON");
	review_release(&r);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),      cmocka_unit_test(test_report_md),
		cmocka_unit_test(test_report_html),  cmocka_unit_test(test_report_json),
		cmocka_unit_test(test_report_edges), cmocka_unit_test(test_json_shapes),
		cmocka_unit_test(test_minutes),
	};

	return cmocka_run_group_tests_name("audit-view", tests, NULL, NULL);
}
