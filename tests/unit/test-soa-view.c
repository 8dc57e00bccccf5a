/*
 * test-soa-view.c - the SoA and risk report documents: their rows, the
 * escaping of every stored text for its format, the heat map's cells, and
 * the XLSX workbook read back from its zip container.
 */
#include "unit.h"

#include <jansson.h>
#include <sys/stat.h>
#include <zlib.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "view/soa.h"

#define HOSTILE "<script>alert(1)</script>"

/* A small organisation whose stored text is hostile wherever it can be. */
struct fixture {
	struct org org;
	struct risk_method m;
	struct risk_list risks;
	struct soa soa;
	struct soa_problems problems;
	struct soa_version approved;
	struct treatment_plan plan;
	struct soa_doc d;
};

static char **strv(size_t n, ...)
{
	char **v = xcalloc(n, sizeof(*v));
	va_list ap;

	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		v[i] = xstrdup(va_arg(ap, const char *));
	va_end(ap);
	return v;
}

static void risk_fill(struct risk *r, int64_t id, const char *title, int l, int i, int rl,
                      int ri, const struct risk_method *m)
{
	r->id = id;
	r->title = xstrdup(title);
	r->threat = xstrdup("Criminal groups");
	r->vulnerability = xstrdup("Unpatched endpoints");
	r->likelihood = l;
	r->impact = i;
	r->residual_likelihood = rl;
	r->residual_impact = ri;
	risk_evaluate(r, m);
}

static void add_row(struct soa *s, const char *ref, const char *title, const char *theme)
{
	struct soa_row *r;

	ALLOC_GROW(s->v, s->n + 1, s->alloc);
	r = &s->v[s->n++];
	memset(r, 0, sizeof(*r));
	r->ref = xstrdup(ref);
	r->title = xstrdup(title);
	r->theme = xstrdup(theme);
	r->applicable = true;
}

static void row_risks(struct soa_row *r, size_t n, const int64_t *ids)
{
	r->risks = xcalloc(n, sizeof(*r->risks));
	memcpy(r->risks, ids, n * sizeof(*ids));
	r->nrisks = r->alloc_risks = n;
}

static void fixture_build(struct fixture *f)
{
	struct risk *r;
	struct soa_row *row;

	memset(f, 0, sizeof(*f));
	f->org = (struct org){ 1, (char *)"acme", (char *)"Acme " HOSTILE " | Ltd",
		               (char *)"2026-01-01T00:00:00Z" };
	risk_method_default(&f->m);
	free(f->m.likelihood[4]);
	f->m.likelihood[4] = xstrdup("Almost <certain> & \"sure\"");

	f->risks.v = xcalloc(3, sizeof(*f->risks.v));
	f->risks.n = f->risks.alloc = 3;
	r = &f->risks.v[0];
	risk_fill(r, 1, "Ransomware " HOSTILE, 4, 5, 2, 3, &f->m);
	r->treatment = TREAT_MODIFY;
	r->controls = strv(2, "A.8.7", "A.8.13");
	r->ncontrols = r->alloc_controls = 2;
	r->other_controls = xstrdup("Cyber insurance <i>cover</i>");
	r->assets = strv(2, "Payroll DB", "Laptops | desktops");
	r->nassets = r->alloc_assets = 2;
	r->owner = xstrdup("CISO");
	r->actions = xcalloc(1, sizeof(*r->actions));
	r->nactions = r->alloc_actions = 1;
	r->actions[0] = (struct treatment_action){ 7,
		                                   1,
		                                   xstrdup("Deploy EDR | tune <b>it</b>"),
		                                   xstrdup("A.8.7"),
		                                   xstrdup("IT manager"),
		                                   xstrdup("2026-03-31"),
		                                   xstrdup("open") };
	r = &f->risks.v[1];
	risk_fill(r, 2, "Insider fraud", 4, 5, 4, 5, &f->m);
	r->treatment = TREAT_RETAIN;
	r->owner = xstrdup("CFO");
	r->accepted_by = xstrdup("=HYPERLINK(\"x\")");
	r->accepted_on = xstrdup("2026-01-12");
	/* Off the scales: counted nowhere on the heat maps. */
	r = &f->risks.v[2];
	risk_fill(r, 3, "Not yet rated", 0, 0, 0, 0, &f->m);

	add_row(&f->soa, "A.5.1", "Policies for information security", "organizational");
	row = &f->soa.v[0];
	row->reason[SOA_REASON_RISK] = xstrdup("R1 Ransomware");
	row->reason[SOA_REASON_LEGAL] = xstrdup("GDPR art. 32 | " HOSTILE);
	row->status = row->derived = SOA_IMPLEMENTED;
	row->gap = GAP_CONFORMING;
	row_risks(row, 1, (const int64_t[]){ 1 });
	row->evidence = strv(2, "Policy v2 (abcd1234)", "Board minutes (ffff0000)");
	row->nevidence = row->alloc_evidence = 2;
	add_row(&f->soa, "A.7.4", "Physical security monitoring", "physical");
	row = &f->soa.v[1];
	row->applicable = false;
	row->exclusion = xstrdup("No premises\n<b>remote</b>");
	add_row(&f->soa, "A.8.7", "Protection against malware", "technological");
	row = &f->soa.v[2];
	row->reason[SOA_REASON_RISK] = xstrdup("R1 Ransomware; R2 Insider fraud");
	row->status = SOA_PARTIAL;
	row->derived = SOA_PLANNED;
	row->overridden = true;
	row->override_reason = xstrdup("EDR rollout <i>half</i> done");
	row_risks(row, 2, (const int64_t[]){ 1, 2 });
	row->evidence = strv(1, "=1+1 (00aa)");
	row->nevidence = row->alloc_evidence = 1;

	f->problems.v = xcalloc(1, sizeof(*f->problems.v));
	f->problems.n = f->problems.alloc = 1;
	f->problems.v[0] =
	        (struct soa_problem){ "exclusion-unjustified", xstrdup("A.7.4"),
		                      xstrdup("Justify " HOSTILE) };
	f->approved.version = 2;
	f->approved.approved_by = xstrdup("Board <u>");
	f->approved.approved_on = xstrdup("2026-01-10");
	f->plan.approved_by = xstrdup("CEO");
	f->plan.approved_on = xstrdup("2026-01-11");
	memset(f->plan.sha256, 'c', 64);
	f->plan.changed = true;

	f->d = (struct soa_doc){ &f->org,  &f->soa,      &f->risks,    &f->m,
		                 &f->plan, &f->problems, &f->approved, "2026-01-15" };
}

static void fixture_release(struct fixture *f)
{
	risk_method_release(&f->m);
	risk_list_release(&f->risks);
	soa_release(&f->soa);
	soa_problems_release(&f->problems);
	soa_version_release(&f->approved);
	treatment_plan_release(&f->plan);
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

/* ---- the SoA ---- */

static void test_formats(void **state)
{
	enum soa_format f;
	enum risk_report_format rf;
	struct fixture fx;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_ok(soa_format_parse("xlsx", &f));
	assert_int_equal(f, SOA_XLSX);
	assert_ok(soa_format_parse("md", &f));
	assert_int_equal(f, SOA_MD);
	assert_string_equal(soa_format_name(SOA_HTML), "html");
	assert_string_equal(soa_format_name(SOA_CSV), "csv");
	assert_fails(soa_format_parse("pdf", &f), E_INVALID,
	             "xlsx, csv, json, md or html");
	assert_ok(risk_report_format_parse("json", &rf));
	assert_int_equal(rf, RISK_REPORT_JSON);
	assert_fails(risk_report_format_parse("csv", &rf), E_INVALID, "md, html or json");

	fixture_build(&fx);
	assert_fails(soa_render(&fx.d, SOA_XLSX, &sb), E_USAGE, "xlsx");
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
	fixture_release(&fx);
}

static void test_row_text(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	fixture_build(&f);
	assert_ok(soa_row_justification(&f.soa.v[0], &sb));
	assert_string_equal(sb.buf, "risk-treatment: R1 Ransomware\nlegal: GDPR art. 32 "
	                            "| " HOSTILE);
	strbuf_reset(&sb);
	assert_ok(soa_row_justification(&f.soa.v[1], &sb));
	assert_string_equal(sb.buf, "Excluded: No premises\n<b>remote</b>");
	strbuf_reset(&sb);
	assert_ok(soa_row_status_text(&f.soa.v[2], &sb));
	assert_string_equal(sb.buf, "partial (override: EDR rollout <i>half</i> done)");
	strbuf_reset(&sb);
	assert_ok(soa_row_status_text(&f.soa.v[0], &sb));
	assert_string_equal(sb.buf, "implemented");
	strbuf_reset(&sb);
	assert_ok(soa_row_risks_text(&f.soa.v[2], &sb));
	assert_string_equal(sb.buf, "R1, R2");
	strbuf_reset(&sb);
	assert_ok(soa_row_evidence_text(&f.soa.v[0], &sb));
	assert_string_equal(sb.buf, "Policy v2 (abcd1234)\nBoard minutes (ffff0000)");
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_soa_csv(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	fixture_build(&f);
	assert_ok(soa_render(&f.d, SOA_CSV, &sb));
	assert_int_equal(count(sb.buf, "\r\n"), 4);
	assert_true(!strncmp(sb.buf,
	                     "ref,title,theme,applicable,justification,status,"
	                     "derived_status,overridden,override_reason,gap_finding,"
	                     "risks,evidence\r\n",
	                     strlen("ref,title,theme,applicable,justification,status,"
	                            "derived_status,overridden,override_reason,"
	                            "gap_finding,risks,evidence\r\n")));
	assert_has(sb.buf,
	           "\r\nA.5.1,Policies for information security,organizational,"
	           "true,\"risk-treatment: R1 Ransomware\nlegal: GDPR art. 32 | " HOSTILE
	           "\",implemented,implemented,false,,conforming,R1,"
	           "\"Policy v2 (abcd1234)\nBoard minutes (ffff0000)\"\r\n");
	assert_has(sb.buf, "\r\nA.7.4,Physical security monitoring,physical,false,"
	                   "\"Excluded: No premises\n<b>remote</b>\",not-implemented,");
	/* A cell a spreadsheet would run as a formula stays text. */
	assert_has(sb.buf, "\r\nA.8.7,Protection against malware,technological,true,"
	                   "risk-treatment: R1 Ransomware; R2 Insider fraud,partial,"
	                   "planned,true,EDR rollout <i>half</i> done,not-assessed,"
	                   "\"R1, R2\",'=1+1 (00aa)\r\n");
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_soa_md(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	fixture_build(&f);
	assert_ok(soa_render(&f.d, SOA_MD, &sb));
	assert_int_equal(count(sb.buf, "<script"), 0);
	assert_int_equal(count(sb.buf, "<b>"), 0);
	assert_int_equal(count(sb.buf, "<i>"), 0);
	assert_int_equal(count(sb.buf, "<u>"), 0);
	assert_has(sb.buf, "# Statement of Applicability: Acme &lt;script&gt;"
	                   "alert(1)&lt;/script&gt; \\| Ltd\n");
	assert_has(sb.buf, "| A.5.1 | Policies for information security | organizational "
	                   "| Yes | risk-treatment: R1 Ransomware<br>legal: GDPR art. 32 "
	                   "\\| &lt;script&gt;alert(1)&lt;/script&gt; | implemented | R1 "
	                   "| Policy v2 (abcd1234)<br>Board minutes (ffff0000) |\n");
	assert_has(sb.buf, "| A.7.4 | Physical security monitoring | physical | **No** | "
	                   "Excluded: No premises<br>&lt;b&gt;remote&lt;/b&gt; | "
	                   "not-implemented | — | — |\n");
	assert_has(sb.buf,
	           "| partial (override: EDR rollout &lt;i&gt;half&lt;/i&gt; done) "
	           "| R1, R2 | \\=1+1 (00aa) |\n");
	assert_has(sb.buf,
	           "| Approved version | version 2, approved by Board &lt;u&gt; on "
	           "2026-01-10 |");
	assert_has(sb.buf, "| Controls | 3: 2 applicable, 1 excluded |");
	assert_has(sb.buf, "| `exclusion-unjustified` | A.7.4 | Justify &lt;script&gt;");
	assert_int_equal(count(sb.buf, "\n| A."), 3);
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_soa_html(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	fixture_build(&f);
	assert_ok(soa_render(&f.d, SOA_HTML, &sb));
	assert_int_equal(count(sb.buf, "<html"), 1);
	assert_int_equal(count(sb.buf, "<style>"), 1);
	assert_int_equal(count(sb.buf, "<script"), 0);
	assert_int_equal(count(sb.buf, "<b>remote"), 0);
	assert_int_equal(count(sb.buf, "<i>"), 0);
	assert_int_equal(count(sb.buf, "<u>"), 0);
	assert_int_equal(count(sb.buf, "http"), 0);
	assert_int_equal(count(sb.buf, "src="), 0);
	assert_has(sb.buf, "<title>Statement of Applicability: Acme &lt;script&gt;"
	                   "alert(1)&lt;/script&gt; | Ltd</title>");
	assert_has(sb.buf, "<td>Excluded: No premises<br>&lt;b&gt;remote&lt;/b&gt;</td>");
	assert_has(sb.buf, "<td>risk-treatment: R1 Ransomware<br>legal: GDPR art. 32 | "
	                   "&lt;script&gt;");
	assert_has(sb.buf, "<td>partial (override: EDR rollout &lt;i&gt;half&lt;/i&gt; "
	                   "done)</td><td>R1, R2</td><td>=1+1 (00aa)</td>");
	assert_int_equal(count(sb.buf, "<tr class=\"excluded\">"), 1);
	assert_int_equal(count(sb.buf, "<td class=\"ref\">"), 3);
	assert_has(sb.buf, "Justify &lt;script&gt;");
	assert_has(sb.buf, "approved by Board &lt;u&gt; on 2026-01-10");
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_soa_json(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;
	json_error_t err;
	json_t *doc;

	(void)state;
	fixture_build(&f);
	assert_ok(soa_render(&f.d, SOA_JSON, &sb));
	doc = json_loads(sb.buf, 0, &err);
	assert_non_null(doc);
	assert_int_equal(json_array_size(json_object_get(doc, "controls")), 3);
	json_decref(doc);
	strbuf_release(&sb);
	fixture_release(&f);
}

/* ---- the heat map and the risk report ---- */

/* The <g> of the cell whose title starts with `title`. */
static char *cell(const char *svg, const char *title)
{
	static char buf[2048];
	const char *p = strstr(svg, title), *end;

	if (!p)
		fail_msg("no cell '%s' in:\n%s", title, svg);
	end = strstr(p, "</g>");
	assert_non_null(end);
	snprintf(buf, sizeof(buf), "%.*s", (int)(end - p), p);
	return buf;
}

static void test_heatmap(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	fixture_build(&f);
	assert_ok(risk_heatmap_svg(&f.m, &f.risks, false, &sb));
	assert_true(!strncmp(sb.buf, "<svg ", 5));
	assert_has(sb.buf, "role=\"img\"");
	assert_has(sb.buf, "viewBox=\"0 0 ");
	assert_has(sb.buf,
	           "<title id=\"heatmap-inherent\">Inherent risk heat map: 2 risks");
	assert_int_equal(count(sb.buf, "<g class=\"cell\">"), 25);
	assert_int_equal(count(sb.buf, "<rect "), 25);
	assert_int_equal(count(sb.buf, "</svg>"), 1);
	/* Both rated risks sit at likelihood 4, impact 5; nothing elsewhere. */
	assert_has(cell(sb.buf,
	                "Likelihood 4 (Likely), impact 5 (Severe): critical; 2 risks"),
	           "fill=\"#ffffff\">2</text>");
	assert_int_equal(count(cell(sb.buf, "Likelihood 1 (Rare), impact 1 (Negligible): "
	                                    "low; 0 risks"),
	                       "<text"),
	                 0);
	assert_int_equal(count(sb.buf, " risks</title><rect"), 25);
	/* Highest likelihood at the top. */
	assert_true(strstr(sb.buf, "Likelihood 5 (") < strstr(sb.buf, "Likelihood 1 ("));
	assert_has(cell(sb.buf,
	                "Likelihood 5 (Almost &lt;certain&gt; &amp; &quot;sure&quot;), "
	                "impact 1"),
	           "y=\"8\"");
	assert_int_equal(count(sb.buf, "<certain>"), 0);

	strbuf_reset(&sb);
	assert_ok(risk_heatmap_svg(&f.m, &f.risks, true, &sb));
	assert_has(sb.buf,
	           "<title id=\"heatmap-residual\">Residual risk heat map: 2 risks");
	assert_has(cell(sb.buf,
	                "Likelihood 2 (Unlikely), impact 3 (Moderate): medium; 1 risk<"),
	           ">1</text>");
	assert_has(cell(sb.buf,
	                "Likelihood 4 (Likely), impact 5 (Severe): critical; 1 risk<"),
	           ">1</text>");
	assert_int_equal(count(sb.buf, "</text></g>"), 2);
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_risk_report_md(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	fixture_build(&f);
	assert_ok(risk_report_render(&f.d, RISK_REPORT_MD, &sb));
	assert_int_equal(count(sb.buf, "<script"), 0);
	assert_int_equal(count(sb.buf, "<b>"), 0);
	assert_int_equal(count(sb.buf, "<i>"), 0);
	assert_has(sb.buf, "Owners may accept residual risk up to **medium**");
	assert_has(sb.buf, "| 5 | Almost &lt;certain&gt; &amp; \"sure\" | Severe |\n");
	/* The inherent heat map, then the residual one. */
	assert_has(sb.buf,
	           "| 4 Likely | 0 (medium) | 0 (high) | 0 (high) | 0 (critical) | "
	           "2 (critical) |\n");
	assert_has(sb.buf,
	           "| 2 Unlikely | 0 (low) | 0 (medium) | 1 (medium) | 0 (high) | "
	           "0 (high) |\n");
	assert_int_equal(count(sb.buf, "Not shown: 1 risk not rated on the scales."), 2);
	assert_has(sb.buf,
	           "| R1 | Ransomware &lt;script&gt;alert(1)&lt;/script&gt; | "
	           "Payroll DB<br>Laptops \\| desktops | critical (4×5) | modify | "
	           "A.8.7, A.8.13<br>Other: Cyber insurance &lt;i&gt;cover&lt;/i&gt; "
	           "| medium (2×3) | CISO | — | no |\n");
	assert_has(sb.buf, "| R2 | Insider fraud | — | critical (4×5) | retain | — | "
	                   "critical (4×5) | CFO | \\=HYPERLINK(\"x\") on 2026-01-12 | "
	                   "**yes** |\n");
	assert_has(sb.buf, "| R3 | Not yet rated | — | not rated |");
	assert_has(sb.buf, "| Approval | approved by CEO on 2026-01-11; **changed since "
	                   "approval** |");
	assert_has(sb.buf, "| R1 | Deploy EDR \\| tune &lt;b&gt;it&lt;/b&gt; | A.8.7 | "
	                   "IT manager | 2026-03-31 | open |\n");
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_risk_report_html(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	fixture_build(&f);
	assert_ok(risk_report_render(&f.d, RISK_REPORT_HTML, &sb));
	assert_int_equal(count(sb.buf, "<html"), 1);
	assert_int_equal(count(sb.buf, "<svg "), 2);
	assert_int_equal(count(sb.buf, "<g class=\"cell\">"), 50);
	assert_int_equal(count(sb.buf, "<script"), 0);
	assert_int_equal(count(sb.buf, "<b>it"), 0);
	assert_int_equal(count(sb.buf, "<i>"), 0);
	assert_int_equal(count(sb.buf, "<certain>"), 0);
	assert_int_equal(count(sb.buf, "http"), 0);
	assert_has(sb.buf,
	           "<title>Risk assessment and treatment report: Acme &lt;script&gt;");
	assert_has(sb.buf, "Owners may accept residual risk up to <b>medium</b>");
	assert_has(sb.buf, "<td>Payroll DB<br>Laptops | desktops</td>");
	assert_has(sb.buf, "<td>Deploy EDR | tune &lt;b&gt;it&lt;/b&gt;</td>");
	assert_has(sb.buf, "changed since approval");
	assert_has(sb.buf, "<td class=\"above\">yes</td>");
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_risk_report_json(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;
	json_error_t err;
	json_t *doc, *heat, *actions;

	(void)state;
	fixture_build(&f);
	assert_ok(risk_report_render(&f.d, RISK_REPORT_JSON, &sb));
	doc = json_loads(sb.buf, 0, &err);
	if (!doc)
		fail_msg("bad JSON: %s\n%s", err.text, sb.buf);
	assert_string_equal(json_string_value(json_object_get(doc, "organisation")),
	                    "acme");
	assert_string_equal(json_string_value(json_object_get(doc, "date")),
	                    "2026-01-15");
	assert_true(json_is_object(json_object_get(doc, "method")));
	heat = json_object_get(doc, "heatmap");
	assert_int_equal(json_array_size(json_object_get(heat, "inherent")), 5);
	assert_int_equal(
	        json_integer_value(json_array_get(
	                json_array_get(json_object_get(heat, "inherent"), 3), 4)),
	        2);
	assert_int_equal(
	        json_integer_value(json_array_get(
	                json_array_get(json_object_get(heat, "residual"), 1), 2)),
	        1);
	assert_int_equal(
	        json_integer_value(json_array_get(
	                json_array_get(json_object_get(heat, "residual"), 3), 4)),
	        1);
	assert_int_equal(json_array_size(json_object_get(doc, "risks")), 3);
	actions = json_object_get(json_object_get(doc, "plan"), "actions");
	assert_int_equal(json_array_size(actions), 1);
	assert_int_equal(json_integer_value(
	                         json_object_get(json_array_get(actions, 0), "risk_id")),
	                 1);
	assert_string_equal(
	        json_string_value(json_object_get(json_array_get(actions, 0), "ref")),
	        "A.8.7");
	json_decref(doc);
	strbuf_release(&sb);
	fixture_release(&f);
}

/* Nothing recorded yet: every section still renders, with no plan at all. */
static void test_risk_report_empty(void **state)
{
	struct fixture f;
	struct risk_list none = { 0 };
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	fixture_build(&f);
	f.d.risks = &none;
	f.d.plan = NULL;
	assert_ok(risk_report_render(&f.d, RISK_REPORT_MD, &sb));
	assert_has(sb.buf, "No risks are recorded.");
	assert_has(sb.buf, "| Approval | not approved |");
	strbuf_reset(&sb);
	assert_ok(risk_report_render(&f.d, RISK_REPORT_HTML, &sb));
	assert_has(sb.buf, "No treatment actions are recorded.");
	strbuf_reset(&sb);
	assert_ok(risk_report_render(&f.d, RISK_REPORT_JSON, &sb));
	assert_has(sb.buf, "\"actions\": []");
	strbuf_release(&sb);
	fixture_release(&f);
}

/* ---- XLSX ---- */

/* A fresh directory under TMPDIR; the template is built here so no literal
 * pattern of placeholder characters appears in the source. */
static char *temp_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	struct strbuf sb = STRBUF_INIT;
	char *dir;

	strbuf_addf(&sb, "%s/isms-soa.", tmp && *tmp ? tmp : "/tmp");
	for (int i = 0; i < 6; i++)
		strbuf_addch(&sb, 'X');
	dir = strbuf_detach(&sb, NULL);
	if (!mkdtemp(dir))
		fail_msg("mkdtemp failed");
	return dir;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;

	assert_non_null(fp);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		assert_ok(strbuf_add(&sb, buf, n));
	fclose(fp);
	return strbuf_detach(&sb, len);
}

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long le32(const unsigned char *p)
{
	return (unsigned long)le16(p) | (unsigned long)le16(p + 2) << 16;
}

/* One member of a zip archive, inflated; found through the central directory. */
static char *zip_member(const unsigned char *zip, size_t len, const char *name)
{
	size_t eocd = len - 22, at;
	unsigned long entries;

	while (eocd > 0 && le32(zip + eocd) != 0x06054b50UL)
		eocd--;
	assert_true(le32(zip + eocd) == 0x06054b50UL);
	entries = le16(zip + eocd + 10);
	at = le32(zip + eocd + 16);
	for (unsigned long e = 0; e < entries; e++) {
		const unsigned char *c = zip + at;
		unsigned method = le16(c + 10), nlen = le16(c + 28);
		unsigned long csize = le32(c + 20), usize = le32(c + 24);
		const unsigned char *local = zip + le32(c + 42);
		z_stream zs = { 0 };
		char *out;

		assert_true(le32(c) == 0x02014b50UL);
		at += 46 + nlen + le16(c + 30) + le16(c + 32);
		if (nlen != strlen(name) || memcmp(c + 46, name, nlen))
			continue;
		out = xmalloc(usize + 1);
		out[usize] = '\0';
		local += 30 + le16(local + 26) + le16(local + 28);
		if (method == 0) {
			memcpy(out, local, usize);
			return out;
		}
		assert_int_equal(method, 8);
		assert_int_equal(inflateInit2(&zs, -MAX_WBITS), Z_OK);
		zs.next_in = (unsigned char *)local;
		zs.avail_in = (uInt)csize;
		zs.next_out = (unsigned char *)out;
		zs.avail_out = (uInt)usize;
		assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
		inflateEnd(&zs);
		return out;
	}
	fail_msg("no %s in the workbook", name);
	return NULL;
}

static void test_xlsx(void **state)
{
	struct fixture f;
	struct strbuf path = STRBUF_INIT;
	char *dir = temp_dir(), *data, *sheet1, *sheet2, *strings, *core;
	size_t len;

	(void)state;
	fixture_build(&f);
	/* A whole Annex A: 93 controls after the three of the fixture. */
	for (int i = 4; i <= 93; i++) {
		char ref[16];

		snprintf(ref, sizeof(ref), "A.9.%d", i);
		add_row(&f.soa, ref, "Generated control", "technological");
	}
	assert_int_equal(f.soa.n, 93);
	strbuf_addf(&path, "%s/soa.xlsx", dir);
	assert_ok(soa_render_xlsx(&f.d, path.buf));
	data = read_file(path.buf, &len);
	assert_true(len > 1000);
	assert_memory_equal(data, "PK", 2);

	sheet1 = zip_member((unsigned char *)data, len, "xl/worksheets/sheet1.xml");
	sheet2 = zip_member((unsigned char *)data, len, "xl/worksheets/sheet2.xml");
	strings = zip_member((unsigned char *)data, len, "xl/sharedStrings.xml");
	core = zip_member((unsigned char *)data, len, "docProps/core.xml");
	/* Header, frozen, filtered; one row per control after it. */
	assert_has(sheet1, "<pane ySplit=\"1\" topLeftCell=\"A2\"");
	assert_has(sheet1, "<autoFilter ref=\"A1:H94\"/>");
	assert_has(sheet1, "<row r=\"94\"");
	assert_int_equal(count(sheet1, "<row r="), 94);
	assert_has(sheet2, "<autoFilter ref=\"A1:S4\"/>");
	assert_has(sheet2, "<pane ySplit=\"1\" topLeftCell=\"A2\"");
	/* User text is never a formula, whatever it starts with. */
	assert_int_equal(count(sheet1, "<f>"), 0);
	assert_int_equal(count(sheet2, "<f>"), 0);
	assert_has(strings, "<t>=1+1 (00aa)</t>");
	assert_has(strings, "<t>=HYPERLINK(\"x\")</t>");
	assert_has(strings, "<t>Implementation status</t>");
	assert_has(strings, "<t>Residual likelihood</t>");
	assert_has(strings, "risk-treatment: R1 Ransomware\nlegal: GDPR art. 32 | "
	                    "&lt;script&gt;");
	assert_has(strings, "<t>partial (override: EDR rollout &lt;i&gt;half&lt;/i&gt; "
	                    "done)</t>");
	assert_has(strings, "<t>Excluded: No premises\n&lt;b&gt;remote&lt;/b&gt;</t>");
	assert_has(strings, "<t>R1, R2</t>");
	assert_has(core, "<dc:title>Statement of Applicability \xe2\x80\x94 Acme "
	                 "&lt;script&gt;");
	free(sheet1);
	free(sheet2);
	free(strings);
	free(core);
	free(data);

	/* Written again over the first: replaced, still a workbook. */
	assert_ok(soa_render_xlsx(&f.d, path.buf));
	data = read_file(path.buf, &len);
	assert_memory_equal(data, "PK", 2);
	free(data);

	/* A directory that does not exist: an error naming the file. */
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/missing/soa.xlsx", dir);
	assert_fails(soa_render_xlsx(&f.d, path.buf), E_IO, "cannot write '");

	strbuf_reset(&path);
	strbuf_addf(&path, "%s/soa.xlsx", dir);
	assert_int_equal(unlink(path.buf), 0);
	assert_int_equal(rmdir(dir), 0);
	free(dir);
	strbuf_release(&path);
	fixture_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_row_text),
		cmocka_unit_test(test_soa_csv),
		cmocka_unit_test(test_soa_md),
		cmocka_unit_test(test_soa_html),
		cmocka_unit_test(test_soa_json),
		cmocka_unit_test(test_heatmap),
		cmocka_unit_test(test_risk_report_md),
		cmocka_unit_test(test_risk_report_html),
		cmocka_unit_test(test_risk_report_json),
		cmocka_unit_test(test_risk_report_empty),
		cmocka_unit_test(test_xlsx),
	};

	return cmocka_run_group_tests_name("soa-view", tests, NULL, NULL);
}
