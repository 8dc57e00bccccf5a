/*
 * test-report.c - the report renderers: each format's escape, and that no
 * stored text reaches an HTML report, inside its charts included, as
 * anything but text.
 */
#include "unit.h"

#include <jansson.h>

#include "core/strbuf.h"
#include "view/report.h"

#define HOSTILE "<script>alert(1)</script>"

static char *escaped(int (*fn)(struct strbuf *, const char *), const char *s)
{
	static char buf[1024];
	struct strbuf sb = STRBUF_INIT;

	assert_ok(fn(&sb, s));
	snprintf(buf, sizeof(buf), "%s", sb.buf);
	strbuf_release(&sb);
	return buf;
}

static void test_html_escape(void **state)
{
	(void)state;
	assert_string_equal(escaped(report_html_escape, "<a href=\"x\">'&"),
	                    "&lt;a href=&quot;x&quot;&gt;&#39;&amp;");
	assert_string_equal(escaped(report_html_escape, "plain"), "plain");
	assert_string_equal(escaped(report_html_escape, ""), "");
}

static void test_md_escape(void **state)
{
	(void)state;
	assert_string_equal(escaped(report_md_escape, HOSTILE),
	                    "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_string_equal(escaped(report_md_escape, "a | b"), "a \\| b");
	assert_string_equal(escaped(report_md_escape, "*x* _y_ [z](u) `c`"),
	                    "\\*x\\* \\_y\\_ \\[z\\](u) \\`c\\`");
	assert_string_equal(escaped(report_md_escape, "line 1\nline 2"),
	                    "line 1<br>line 2");
	/* What would start a block at the start of a line is defused... */
	assert_string_equal(escaped(report_md_escape, "# not a heading"),
	                    "\\# not a heading");
	assert_string_equal(escaped(report_md_escape, "- item"), "\\- item");
	assert_string_equal(escaped(report_md_escape, "1. item"), "1\\. item");
	assert_string_equal(escaped(report_md_escape, "    code"), "code");
	/* ...and references stay readable. */
	assert_string_equal(escaped(report_md_escape, "4.2"), "4.2");
	assert_string_equal(escaped(report_md_escape, "A&B"), "A&amp;B");
}

static void test_csv_field(void **state)
{
	(void)state;
	assert_string_equal(escaped(report_csv_field, "plain"), "plain");
	assert_string_equal(escaped(report_csv_field, "a,b"), "\"a,b\"");
	assert_string_equal(escaped(report_csv_field, "say \"hi\""),
	                    "\"say \"\"hi\"\"\"");
	assert_string_equal(escaped(report_csv_field, "two\nlines"), "\"two\nlines\"");
	assert_string_equal(escaped(report_csv_field, "=1+1"), "'=1+1");
	assert_string_equal(escaped(report_csv_field, "+1"), "'+1");
	assert_string_equal(escaped(report_csv_field, "-1"), "'-1");
	assert_string_equal(escaped(report_csv_field, "@SUM(A1)"), "'@SUM(A1)");
	assert_string_equal(escaped(report_csv_field, "\tx"), "'\tx");
	assert_string_equal(escaped(report_csv_field, "=HYPERLINK(\"u\",\"x\")"),
	                    "\"'=HYPERLINK(\"\"u\"\",\"\"x\"\")\"");
	assert_string_equal(escaped(report_csv_field, "a=b"), "a=b");
	assert_string_equal(escaped(report_csv_field, ""), "");
}

/* A small assessment whose every stored text is hostile. */
struct fixture {
	struct org org;
	struct assessment a;
	struct framework fw;
	struct catalog_group groups[2];
	struct scope scope;
	struct scope_item item;
	struct gap_row rows[3];
	struct gap_row_list list;
	struct gap_score score;
	struct roadmap rm;
	struct evidence ev;
	char *ev_refs[1];
	struct evidence_list evs;
	struct gap_report r;
};

static void fixture_build(struct fixture *f)
{
	struct gap_fact facts[3];

	memset(f, 0, sizeof(*f));
	f->org = (struct org){ 1, (char *)"acme", (char *)"Acme </title>" HOSTILE,
		               (char *)"2026-01-01T00:00:00Z" };
	f->a = (struct assessment){ .id = 1,
		                    .framework = (char *)"fw",
		                    .name = (char *)"Base\"line'",
		                    .assessed_on = (char *)"2026-01-15",
		                    .assessor = (char *)"<b>me</b>",
		                    .created_at = (char *)"2026-01-15T00:00:00Z" };
	f->groups[0] =
	        (struct catalog_group){ (char *)"4", (char *)"clause", NULL,
		                        (char *)"Context <img src=x onerror=y>", 0 };
	f->groups[1] = (struct catalog_group){ (char *)"org", (char *)"theme",
		                               (char *)"A.5", (char *)"Org & \"co\"", 0 };
	f->fw.code = (char *)"fw";
	f->fw.name = (char *)"Framework <i>";
	f->fw.groups = f->groups;
	f->fw.ngroups = 2;
	f->item = (struct scope_item){ 1,    SCOPE_LOCATION, (char *)HOSTILE,
		                       NULL, false,          (char *)"because <u>" };
	f->scope.statement = (char *)"All of it\n# not a heading " HOSTILE;
	f->scope.items = &f->item;
	f->scope.nitems = 1;
	f->rows[0] = (struct gap_row){ .ref = (char *)"4.1",
		                       .title = (char *)"Context",
		                       .group = (char *)"4",
		                       .is_clause = true,
		                       .position = 1,
		                       .status = GAP_NONCONFORMING,
		                       .maturity = 1,
		                       .owner = (char *)HOSTILE,
		                       .notes = (char *)"=cmd|x, \"y\"",
		                       .effort = -1 };
	f->rows[1] = (struct gap_row){ .ref = (char *)"A.5.1",
		                       .title = (char *)"Policies",
		                       .group = (char *)"org",
		                       .position = 2,
		                       .status = GAP_PARTIAL,
		                       .maturity = -1,
		                       .ev = { 1, 1, 0 },
		                       .effort = -1,
		                       .manual_rank = 1,
		                       .rank_reason = (char *)HOSTILE };
	f->rows[2] = (struct gap_row){ .ref = (char *)"A.5.2",
		                       .title = (char *)"Roles",
		                       .group = (char *)"org",
		                       .position = 3,
		                       .status = GAP_NA,
		                       .maturity = -1,
		                       .justification = (char *)"'quoted' & <b>",
		                       .effort = -1 };
	f->list.v = f->rows;
	f->list.n = 3;
	for (int i = 0; i < 3; i++)
		facts[i] = (struct gap_fact){ f->rows[i].ref, f->rows[i].group,
			                      f->rows[i].is_clause, f->rows[i].status,
			                      f->rows[i].ev };
	gap_score_compute(facts, 3, 0, true, &f->score);
	gap_roadmap_build(f->rows, 3, f->a.assessed_on, &f->rm);
	memset(f->ev.sha256, 'a', 64);
	f->ev.title = (char *)"Title \"&'";
	f->ev.kind = EV_POLICY;
	f->ev.collected_on = (char *)"2026-01-01";
	f->ev.valid_until = (char *)"2026-01-10";
	f->ev_refs[0] = (char *)"A.5.1";
	f->ev.refs = f->ev_refs;
	f->ev.nrefs = 1;
	f->evs.v = &f->ev;
	f->evs.n = 1;
	f->r = (struct gap_report){ &f->org,   &f->a,  &f->fw,  &f->scope,   &f->list,
		                    &f->score, &f->rm, &f->evs, "2026-01-15" };
}

static void fixture_release(struct fixture *f)
{
	gap_score_release(&f->score);
	gap_roadmap_release(&f->rm);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void test_html_report(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	fixture_build(&f);
	assert_ok(report_render(&f.r, REPORT_HTML, &sb));
	assert_int_equal(count(sb.buf, "<html"), 1);
	assert_int_equal(count(sb.buf, "<svg"), 3);
	assert_int_equal(count(sb.buf, "<script"), 0);
	assert_int_equal(count(sb.buf, "<img"), 0);
	assert_int_equal(count(sb.buf, "<b>me"), 0);
	assert_int_equal(count(sb.buf, "<u>"), 0);
	assert_int_equal(count(sb.buf, "<i>"), 0);
	assert_int_equal(count(sb.buf, "http"), 0);
	/* Escaped in the page's title and in the charts' labels and titles. */
	assert_non_null(
	        strstr(sb.buf, "<title>Gap assessment report: Acme &lt;/title&gt;"));
	assert_non_null(strstr(sb.buf, "4 Context &lt;img src=x onerror=y&gt;</text>"));
	assert_non_null(strstr(sb.buf, "<g><title>A.5 Org &amp; &quot;co&quot;: "));
	assert_non_null(strstr(sb.buf, "Title &quot;&amp;&#39;"));
	assert_non_null(strstr(sb.buf, "Base&quot;line&#39;"));
	assert_non_null(strstr(sb.buf, "All of it<br># not a heading &lt;script&gt;"));
	assert_non_null(strstr(sb.buf, "yes: &lt;script&gt;"));
	assert_non_null(strstr(sb.buf, "<td class=\"expired\">expired</td>"));
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_md_report(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	fixture_build(&f);
	assert_ok(report_render(&f.r, REPORT_MD, &sb));
	assert_int_equal(count(sb.buf, "<script"), 0);
	assert_int_equal(count(sb.buf, "<img"), 0);
	assert_non_null(strstr(sb.buf, "| 4 | Context &lt;img src=x onerror=y&gt; |"));
	assert_non_null(strstr(sb.buf, "All of it<br># not a heading &lt;script&gt;"));
	assert_non_null(strstr(sb.buf, "\\=cmd\\|x, \"y\""));
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_csv_report(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	fixture_build(&f);
	assert_ok(report_render(&f.r, REPORT_CSV, &sb));
	assert_int_equal(count(sb.buf, "\r\n"), 4);
	assert_int_equal(count(sb.buf, "\n"), 4);
	assert_non_null(strstr(sb.buf, "\r\n4.1,Context,clause,4,nonconforming,1," HOSTILE
	                               ",,0,0,0,false,2,60,2026-03-16,L,open,"
	                               "\"'=cmd|x, \"\"y\"\"\",\r\n"));
	assert_non_null(strstr(sb.buf, "\r\nA.5.2,Roles,control,org,na,,,,0,0,0,false,"
	                               ",,,,,,'quoted' & <b>\r\n"));
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_json_report(void **state)
{
	struct fixture f;
	struct strbuf sb = STRBUF_INIT;
	json_error_t err;
	json_t *doc;

	(void)state;
	fixture_build(&f);
	assert_ok(report_render(&f.r, REPORT_JSON, &sb));
	doc = json_loads(sb.buf, 0, &err);
	assert_non_null(doc);
	assert_string_equal(
	        json_string_value(json_object_get(json_object_get(doc, "org"), "name")),
	        f.org.name);
	assert_int_equal(json_array_size(json_object_get(doc, "items")), 3);
	assert_int_equal(json_array_size(json_object_get(doc, "roadmap")), 2);
	assert_non_null(json_object_get(json_object_get(doc, "score"), "overall"));
	assert_int_equal(json_array_size(json_object_get(
	                         json_array_get(json_object_get(doc, "evidence"), 0),
	                         "linked_to")),
	                 1);
	json_decref(doc);
	strbuf_release(&sb);
	fixture_release(&f);
}

static void test_formats(void **state)
{
	enum report_format f;

	(void)state;
	assert_ok(report_format_parse("html", &f));
	assert_int_equal(f, REPORT_HTML);
	assert_string_equal(report_format_name(REPORT_CSV), "csv");
	assert_fails(report_format_parse("pdf", &f), E_INVALID, "md, html, csv or json");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_escape), cmocka_unit_test(test_md_escape),
		cmocka_unit_test(test_csv_field),   cmocka_unit_test(test_html_report),
		cmocka_unit_test(test_md_report),   cmocka_unit_test(test_csv_report),
		cmocka_unit_test(test_json_report), cmocka_unit_test(test_formats),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
