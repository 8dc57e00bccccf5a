/*
 * test-svg.c - the charts: each is one well-formed <svg> element, labelled
 * for assistive technology, with every value written as text, hostile
 * labels shown as text and never as markup, nothing that runs or loads,
 * and ids that stay unique on a page holding several charts.
 */
#include "unit.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <strings.h>

#include "core/strbuf.h"
#include "view/svg.h"

#define HOSTILE "<script>alert(1)</script> \"q\" 'a' & b"

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static bool has(const char *hay, const char *needle)
{
	if (!strstr(hay, needle)) {
		print_error("'%s' not found in:\n%s\n", needle, hay);
		return false;
	}
	return true;
}

/* ---- a rough reader of the markup ---- */

static const char *const elements[] = {
	"svg", "title", "desc", "g", "rect", "line", "text", "path", "circle",
};

static bool known_element(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof(elements) / sizeof(*elements); i++)
		if (strlen(elements[i]) == n && !strncmp(elements[i], name, n))
			return true;
	return false;
}

/* Attributes that would run, load or style something. */
static bool forbidden_attribute(const char *name, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++)
		if (!strncasecmp(name + i, "href", 4))
			return true;
	return (n >= 2 && !strncasecmp(name, "on", 2)) ||
	       (n == 5 && !strncasecmp(name, "style", 5)) ||
	       (n == 3 && !strncasecmp(name, "src", 3));
}

/* Text between tags holds no markup, and only the five escapes. */
static void check_text(const char *s, size_t n)
{
	static const char *const entities[] = { "&lt;", "&gt;", "&amp;", "&quot;",
		                                "&#39;" };

	for (size_t i = 0; i < n; i++) {
		bool ok = false;

		if (s[i] == '>')
			fail_msg("a raw '>' in text: %.*s", (int)n, s);
		if (s[i] != '&')
			continue;
		for (size_t k = 0; k < 5; k++)
			ok |= !strncmp(s + i, entities[k], strlen(entities[k]));
		if (!ok)
			fail_msg("a bare '&' in text: %.*s", (int)n, s);
	}
}

/*
 * One <svg> element and nothing else (but a final line break): every tag
 * closed in order, only the drawing elements above, attribute values
 * quoted and free of '<', no event handler, style or link.
 */
static void check_markup(const char *s)
{
	const char *stack[64];
	size_t depth = 0, roots = 0;
	const char *p = s;

	assert_true(!strncmp(s, "<svg ", 5));
	while (*p) {
		const char *lt = strchr(p, '<'), *name;
		size_t n;

		if (!lt) {
			check_text(p, strlen(p));
			assert_true(p[strspn(p, "\n")] == '\0');
			break;
		}
		check_text(p, (size_t)(lt - p));
		if (lt[1] == '/') {
			name = lt + 2;
			n = strcspn(name, ">");
			if (!depth || strlen(stack[depth - 1]) < n ||
			    strncmp(stack[depth - 1], name, n) ||
			    isalnum((unsigned char)stack[depth - 1][n]))
				fail_msg("</%.*s> closes nothing open", (int)n, name);
			depth--;
			p = name + n + 1;
			continue;
		}
		name = lt + 1;
		n = strcspn(name, " />");
		if (!known_element(name, n))
			fail_msg("element <%.*s> is not allowed", (int)n, name);
		if (!depth)
			roots++;
		p = name + n;
		for (;;) {
			size_t an;

			p += strspn(p, " \n");
			if (*p == '>' || !strncmp(p, "/>", 2))
				break;
			an = strcspn(p, "= />");
			if (forbidden_attribute(p, an))
				fail_msg("attribute %.*s is not allowed", (int)an, p);
			if (p[an] != '=' || p[an + 1] != '"')
				fail_msg("attribute %.*s has no quoted value", (int)an,
				         p);
			p += an + 2;
			while (*p && *p != '"') {
				if (*p == '<' || *p == '>')
					fail_msg(
					        "markup inside an attribute value: %.40s",
					        p);
				p++;
			}
			assert_true(*p == '"');
			p++;
		}
		if (*p == '>') {
			assert_true(depth < 64);
			stack[depth++] = name;
			p++;
		} else {
			p += 2;
		}
	}
	assert_int_equal(depth, 0);
	assert_int_equal(roots, 1);
	assert_int_equal(count(s, "<svg"), 1);
	assert_int_equal(count(s, "<script"), 0);
	assert_int_equal(count(s, "foreignObject"), 0);
	assert_int_equal(count(s, "<style"), 0);
	assert_int_equal(count(s, "url("), 0);
}

/* The accessible frame every chart promises, for the id given. */
static void check_frame(const char *s, const char *id)
{
	char want[256];

	check_markup(s);
	assert_true(has(s, " role=\"img\""));
	assert_true(has(s, " width=\"100%\""));
	assert_true(has(s, " viewBox=\"0 0 "));
	snprintf(want, sizeof(want), "aria-labelledby=\"%s\"", id);
	assert_true(has(s, want));
	snprintf(want, sizeof(want), "<title id=\"%s\">", id);
	assert_true(has(s, want));
	snprintf(want, sizeof(want), "aria-describedby=\"%s-desc\"", id);
	assert_true(has(s, want));
	snprintf(want, sizeof(want), "<desc id=\"%s-desc\">", id);
	assert_true(has(s, want));
}

/* The text of the element that starts where `from` is found, up to the
 * end of that element's group. */
static char *group_of(const char *s, const char *from)
{
	static char buf[2048];
	const char *p = strstr(s, from), *end;

	if (!p)
		fail_msg("no '%s' in:\n%s", from, s);
	end = strstr(p, "</g>");
	assert_non_null(end);
	snprintf(buf, sizeof(buf), "%.*s", (int)(end - p), p);
	return buf;
}

/* ---- 1. bars ---- */

static void test_bars(void **state)
{
	const struct svg_bar bars[] = {
		{ "4 Context", 72.5, "5 of 6 assessed" },
		{ "5 Leadership", 0, NULL },
		{ "A.8 Technological", 100, NULL },
	};
	struct svg_bar_chart c = { .id = "r-clauses",
		                   .title = "Readiness by clause",
		                   .bars = bars,
		                   .nbars = 3 };
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_ok(svg_bar_chart(&sb, &c));
	check_frame(sb.buf, "r-clauses");
	/* One group per bar, each with its label, value and tooltip. */
	assert_int_equal(count(sb.buf, "<g><title>"), 3);
	assert_true(has(sb.buf, "<g><title>4 Context: 72.5%; 5 of 6 assessed</title>"));
	assert_true(has(sb.buf, ">4 Context</text>"));
	assert_true(has(sb.buf, ">72.5%</text>"));
	assert_true(has(sb.buf, ">5 Leadership</text>"));
	assert_true(has(sb.buf, ">0.0%</text>"));
	assert_true(has(sb.buf, ">100.0%</text>"));
	/* The description states every value. */
	assert_true(has(sb.buf, "4 Context: 72.5% (5 of 6 assessed); 5 Leadership: 0.0%; "
	                        "A.8 Technological: 100.0%."));
	/* In order, as given. */
	assert_true(strstr(sb.buf, ">4 Context<") < strstr(sb.buf, ">5 Leadership<"));
	assert_true(strstr(sb.buf, ">5 Leadership<") < strstr(sb.buf, ">A.8 Technol"));
	/* 0% draws no bar, 100% the whole track. */
	assert_int_equal(count(group_of(sb.buf, "<g><title>5 Leadership"), "<rect "), 1);
	assert_int_equal(count(group_of(sb.buf, "<g><title>A.8"), "width=\"380\""), 2);
	strbuf_release(&sb);
}

static void test_bars_bounds(void **state)
{
	const struct svg_bar bars[] = {
		{ "over", 250, NULL },
		{ "negative", -1, NULL },
		{ "nan", NAN, NULL },
	};
	struct svg_bar_chart c = {
		.id = "b", .title = "Bounds", .bars = bars, .nbars = 3
	};
	struct strbuf sb = STRBUF_INIT;
	char *g;

	(void)state;
	assert_ok(svg_bar_chart(&sb, &c));
	check_markup(sb.buf);
	/* Above 100 is drawn and written as 100. */
	g = group_of(sb.buf, "<g><title>over");
	assert_true(has(g, ">100.0%</text>"));
	assert_int_equal(count(g, "width=\"380\""), 2);
	assert_int_equal(count(sb.buf, "250"), 0);
	/* A negative value or no number is "not assessed": no bar, no percentage. */
	for (int i = 0; i < 2; i++) {
		g = group_of(sb.buf, i ? "<g><title>nan" : "<g><title>negative");
		assert_true(has(g, ": not assessed</title>"));
		assert_true(has(g, ">not assessed</text>"));
		assert_int_equal(count(g, "<rect "), 1);
		assert_int_equal(count(g, "%"), 0);
	}
	assert_true(has(sb.buf, "negative: not assessed; nan: not assessed."));
	strbuf_release(&sb);
}

/* The colour of the single bar drawn for value v. */
static const char *bar_colour(double v, double amber, double green)
{
	static char fill[16];
	struct svg_bar bar = { "x", v, NULL };
	struct svg_bar_chart c = { .id = "c",
		                   .title = "t",
		                   .bars = &bar,
		                   .nbars = 1,
		                   .amber_from = amber,
		                   .green_from = green };
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	assert_ok(svg_bar_chart(&sb, &c));
	/* The track comes first, then the bar. */
	p = strstr(sb.buf, "height=\"16\" fill=\"");
	assert_non_null(p);
	p = strstr(p + 1, "height=\"16\" fill=\"");
	assert_non_null(p);
	snprintf(fill, sizeof(fill), "%.7s", p + strlen("height=\"16\" fill=\""));
	strbuf_release(&sb);
	return fill;
}

static void test_bars_bands(void **state)
{
	const char *red = svg_tone_fill(SVG_RED), *amber = svg_tone_fill(SVG_AMBER);
	const char *green = svg_tone_fill(SVG_GREEN);

	(void)state;
	assert_string_equal(bar_colour(0.5, 0, 0), red);
	assert_string_equal(bar_colour(49.9, 0, 0), red);
	assert_string_equal(bar_colour(50, 0, 0), amber);
	assert_string_equal(bar_colour(79.9, 0, 0), amber);
	assert_string_equal(bar_colour(80, 0, 0), green);
	assert_string_equal(bar_colour(100, 0, 0), green);
	/* A caller's own bands: the gap verdict's 60 and 90. */
	assert_string_equal(bar_colour(59, 60, 90), red);
	assert_string_equal(bar_colour(85, 60, 90), amber);
	assert_string_equal(bar_colour(90, 60, 90), green);
}

static void test_bars_marks(void **state)
{
	const struct svg_bar bar = { "x", 40, NULL };
	const struct svg_mark marks[] = { { 80, "target" }, { 60, NULL } };
	struct svg_bar_chart c = { .id = "m",
		                   .title = "Marks",
		                   .bars = &bar,
		                   .nbars = 1,
		                   .marks = marks,
		                   .nmarks = 2 };
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_ok(svg_bar_chart(&sb, &c));
	check_markup(sb.buf);
	/* A dashed line at 80% of the 380-wide scale that starts at 270. */
	assert_true(has(sb.buf, "<line x1=\"574\" y1=\"24\" x2=\"574\""));
	assert_true(has(sb.buf, "<line x1=\"498\" y1=\"24\" x2=\"498\""));
	assert_int_equal(count(sb.buf, "stroke-dasharray=\"4 3\""), 2);
	assert_true(has(sb.buf, ">target</text>"));
	assert_true(has(sb.buf, "Dashed lines at 80% (target), 60%."));

	/* Too many marks: refused, and nothing is written. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "before");
	c.nmarks = SVG_MARKS_MAX + 1;
	assert_fails(svg_bar_chart(&sb, &c), E_INVALID, "at most 4 marks");
	assert_string_equal(sb.buf, "before");
	strbuf_release(&sb);
}

static void test_bars_empty(void **state)
{
	struct svg_bar_chart c = { .id = "e", .title = "Nothing" };
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_ok(svg_bar_chart(&sb, &c));
	check_frame(sb.buf, "e");
	assert_true(has(sb.buf, ">No data to show.</text>"));
	strbuf_release(&sb);
}

/* ---- escaping, ids and active content ---- */

static void test_hostile_text(void **state)
{
	const struct svg_bar bar = { HOSTILE, 50, HOSTILE };
	const struct svg_mark mark = { 50, HOSTILE };
	const struct svg_part part = { HOSTILE, 2, SVG_RED };
	const char *labels[] = { HOSTILE, "b" };
	size_t counts[4] = { 1, 0, 0, 0 };
	int levels[4] = { 0, 0, 0, 0 };
	const struct svg_band band = { HOSTILE, SVG_AMBER };
	const struct svg_step step = { HOSTILE, HOSTILE, SVG_STEP_LATE };
	struct strbuf sb = STRBUF_INIT;
	const char *id = "x\" onload=\"alert(1)";

	(void)state;
	assert_ok(svg_bar_chart(&sb, &(struct svg_bar_chart){ .id = id,
	                                                      .title = HOSTILE,
	                                                      .bars = &bar,
	                                                      .nbars = 1,
	                                                      .marks = &mark,
	                                                      .nmarks = 1 }));
	check_markup(sb.buf);
	assert_true(has(sb.buf, "<title id=\"x__onload__alert_1_\">&lt;script&gt;"));
	assert_true(has(sb.buf, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; "
	                        "&#39;a&#39; &amp; b"));
	assert_int_equal(count(sb.buf, "onload=\""), 0);
	assert_int_equal(count(sb.buf, "<script"), 0);

	strbuf_reset(&sb);
	assert_ok(svg_distribution(
	        &sb, &(struct svg_distribution){
	                     .id = "d", .title = HOSTILE, .parts = &part, .nparts = 1 }));
	check_markup(sb.buf);
	assert_true(has(sb.buf, "&lt;script&gt;alert(1)&lt;/script&gt;"));

	strbuf_reset(&sb);
	assert_ok(svg_heatmap(
	        &sb, &(struct svg_heatmap){ .id = "h",
	                                    .title = HOSTILE,
	                                    .rows = { HOSTILE, HOSTILE, 2, labels },
	                                    .cols = { HOSTILE, HOSTILE, 2, labels },
	                                    .counts = counts,
	                                    .levels = levels,
	                                    .bands = &band,
	                                    .nbands = 1,
	                                    .one = HOSTILE,
	                                    .many = HOSTILE }));
	check_markup(sb.buf);
	assert_true(has(sb.buf, "&lt;script&gt;alert(1)&lt;/script&gt;"));

	strbuf_reset(&sb);
	assert_ok(svg_gauge(&sb, &(struct svg_gauge){ .id = "g",
	                                              .title = HOSTILE,
	                                              .value = 10,
	                                              .caption = HOSTILE }));
	check_markup(sb.buf);

	strbuf_reset(&sb);
	assert_ok(svg_timeline(
	        &sb, &(struct svg_timeline){
	                     .id = "t", .title = HOSTILE, .steps = &step, .nsteps = 1 }));
	check_markup(sb.buf);
	assert_true(has(sb.buf, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	strbuf_release(&sb);
}

/* Every id="..." in s, checked to be new and to start with its chart's
 * prefix; the ids found so far are kept in seen. */
static void collect_ids(const char *s, const char *prefix, char seen[][64], size_t *n)
{
	for (const char *p = s; (p = strstr(p, " id=\"")); p++) {
		const char *v = p + 5;
		size_t len = strcspn(v, "\"");

		assert_true(len < 64);
		assert_true(!strncmp(v, prefix, strlen(prefix)));
		for (size_t i = 0; i < *n; i++)
			if (strlen(seen[i]) == len && !strncmp(seen[i], v, len))
				fail_msg("id %.*s twice", (int)len, v);
		assert_true(*n < 32);
		snprintf(seen[(*n)++], 64, "%.*s", (int)len, v);
	}
}

static void test_unique_ids(void **state)
{
	const struct svg_bar bar = { "a", 10, NULL };
	const struct svg_part part = { "a", 1, SVG_GREEN };
	const struct svg_step step = { "a", NULL, SVG_STEP_DONE };
	size_t counts[1] = { 1 };
	int levels[1] = { 0 };
	const struct svg_band band = { "low", SVG_GREEN };
	char seen[32][64];
	size_t n = 0;
	struct strbuf sb = STRBUF_INIT;
	const char *prefixes[] = { "dash-1", "dash-2" };

	(void)state;
	/* The same five charts twice on one page, told apart by their ids. */
	for (int k = 0; k < 2; k++) {
		const char *p = prefixes[k];
		char id[5][32];

		for (int i = 0; i < 5; i++)
			snprintf(id[i], sizeof(id[i]), "%s-%d", p, i);
		strbuf_reset(&sb);
		assert_ok(svg_bar_chart(&sb, &(struct svg_bar_chart){ .id = id[0],
		                                                      .title = "b",
		                                                      .bars = &bar,
		                                                      .nbars = 1 }));
		assert_ok(
		        svg_distribution(&sb, &(struct svg_distribution){ .id = id[1],
		                                                          .title = "d",
		                                                          .parts = &part,
		                                                          .nparts = 1 }));
		assert_ok(svg_heatmap(
		        &sb, &(struct svg_heatmap){ .id = id[2],
		                                    .title = "h",
		                                    .rows = { "R", "r", 1, NULL },
		                                    .cols = { "C", "c", 1, NULL },
		                                    .counts = counts,
		                                    .levels = levels,
		                                    .bands = &band,
		                                    .nbands = 1,
		                                    .one = "risk",
		                                    .many = "risks" }));
		assert_ok(svg_gauge(
		        &sb,
		        &(struct svg_gauge){ .id = id[3], .title = "g", .value = 50 }));
		assert_ok(svg_timeline(&sb, &(struct svg_timeline){ .id = id[4],
		                                                    .title = "t",
		                                                    .steps = &step,
		                                                    .nsteps = 1 }));
		assert_int_equal(count(sb.buf, "<svg "), 5);
		collect_ids(sb.buf, p, seen, &n);
	}
	/* A title and a description per chart. */
	assert_int_equal(n, 20);
	strbuf_release(&sb);
}

static void test_blank_id(void **state)
{
	struct svg_gauge g = { .title = "Readiness", .value = 50 };
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_ok(svg_gauge(&sb, &g));
	check_frame(sb.buf, "chart");
	strbuf_release(&sb);
}

/* ---- 2. distribution ---- */

static void test_distribution(void **state)
{
	const struct svg_part parts[] = {
		{ "conforming", 3, SVG_GREEN },
		{ "partial", 1, SVG_AMBER },
		{ "nonconforming", 2, SVG_RED },
		{ "na", 0, SVG_GREY },
	};
	struct svg_distribution d = {
		.id = "st", .title = "Items by status", .parts = parts, .nparts = 4
	};
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_ok(svg_distribution(&sb, &d));
	check_frame(sb.buf, "st");
	/* A legend line per part, zero included, with count and share. */
	assert_true(has(sb.buf, ">conforming: 3 (50.0%)</text>"));
	assert_true(has(sb.buf, ">partial: 1 (16.7%)</text>"));
	assert_true(has(sb.buf, ">nonconforming: 2 (33.3%)</text>"));
	assert_true(has(sb.buf, ">na: 0 (0.0%)</text>"));
	assert_true(has(sb.buf, "6 in all: conforming: 3 (50.0%); partial: 1 (16.7%); "
	                        "nonconforming: 2 (33.3%); na: 0 (0.0%)."));
	/* A segment per part that has any, sized by its share of 720. */
	assert_int_equal(count(sb.buf, "</title></rect>"), 3);
	assert_true(has(sb.buf, "<rect x=\"0.0\" y=\"8\" width=\"360.0\""));
	assert_true(has(sb.buf, "<rect x=\"360.0\" y=\"8\" width=\"120.0\""));
	/* Counts on the segments in readable ink: white on red, dark on amber. */
	assert_true(has(sb.buf, "fill=\"#ffffff\">2</text>"));
	assert_true(has(sb.buf, "fill=\"#1f2328\">1</text>"));
	strbuf_release(&sb);
}

static void test_distribution_empty(void **state)
{
	const struct svg_part parts[] = { { "major", 0, SVG_RED },
		                          { "minor", 0, SVG_ORANGE } };
	struct svg_distribution d = {
		.id = "f", .title = "Findings by grade", .parts = parts, .nparts = 2
	};
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_ok(svg_distribution(&sb, &d));
	check_markup(sb.buf);
	assert_true(has(sb.buf, ">nothing recorded</text>"));
	assert_true(has(sb.buf, ">major: 0 (0.0%)</text>"));
	assert_int_equal(count(sb.buf, "</title></rect>"), 0);
	strbuf_release(&sb);
}

/* ---- 3. heat map ---- */

static const char *const likelihood[] = { "Rare", "Unlikely", "Possible", "Likely",
	                                  "Almost certain" };
static const char *const impact[] = { "Negligible", "Minor", "Moderate", "Major",
	                              "A very severe impact indeed" };
static const struct svg_band risk_bands[] = {
	{ "low", SVG_GREEN },
	{ "medium", SVG_AMBER },
	{ "high", SVG_ORANGE },
	{ "critical", SVG_RED },
};

/* A 5 x 5 map, levels by the product, three risks at (4, 5), one at (1, 1). */
static void heat_fixture(struct svg_heatmap *h, size_t counts[25], int levels[25])
{
	for (int l = 1; l <= 5; l++)
		for (int i = 1; i <= 5; i++) {
			int p = l * i;

			counts[(l - 1) * 5 + i - 1] = 0;
			levels[(l - 1) * 5 + i - 1] = p <= 3    ? 0
			                              : p <= 6  ? 1
			                              : p <= 12 ? 2
			                                        : 3;
		}
	counts[(4 - 1) * 5 + 5 - 1] = 3;
	counts[0] = 1;
	*h = (struct svg_heatmap){
		.id = "hm",
		.title = "Inherent risk",
		.rows = { "Likelihood", "likelihood", 5, likelihood },
		.cols = { "Impact", "impact", 5, impact },
		.counts = counts,
		.levels = levels,
		.bands = risk_bands,
		.nbands = 4,
		.one = "risk",
		.many = "risks",
	};
}

static void test_heatmap(void **state)
{
	struct svg_heatmap h;
	size_t counts[25];
	int levels[25];
	struct strbuf sb = STRBUF_INIT;
	char *cell;

	(void)state;
	heat_fixture(&h, counts, levels);
	assert_ok(svg_heatmap(&sb, &h));
	check_frame(sb.buf, "hm");
	/* A cell per pair, each a rectangle with a tooltip. */
	assert_int_equal(count(sb.buf, "<g class=\"cell\">"), 25);
	assert_int_equal(count(sb.buf, "<rect "), 25);
	/* The count is written in the cell, in ink readable on its level. */
	cell = group_of(sb.buf, "Likelihood 4 (Likely), impact 5 (A very severe impact "
	                        "indeed): critical; 3 risks");
	assert_true(has(cell, "fill=\"#c62828\""));
	assert_true(has(cell, "fill=\"#ffffff\">3</text>"));
	cell = group_of(sb.buf,
	                "Likelihood 1 (Rare), impact 1 (Negligible): low; 1 risk<");
	assert_true(has(cell, ">1</text>"));
	/* An empty cell says 0 in its tooltip and writes no number. */
	cell = group_of(sb.buf,
	                "Likelihood 3 (Possible), impact 2 (Minor): medium; 0 risks");
	assert_int_equal(count(cell, "<text"), 0);
	assert_int_equal(count(sb.buf, "</text></g>"), 2);
	/* Highest likelihood at the top, lowest impact at the left. */
	assert_true(strstr(sb.buf, "Likelihood 5 (") < strstr(sb.buf, "Likelihood 1 ("));
	assert_true(has(group_of(sb.buf, "Likelihood 5 (Almost certain), impact 1 "),
	                "<rect x=\"174\" y=\"8\""));
	/* Axis titles, values and labels; a long label cut, whole in a tooltip. */
	assert_true(has(sb.buf, ">Likelihood</text>"));
	assert_true(has(sb.buf, ">Impact</text>"));
	assert_true(has(sb.buf, ">5 Almost certain</text>"));
	assert_true(has(sb.buf, ">Negligible</text>"));
	assert_true(has(sb.buf, "<title>A very severe impact indeed</title>A very seve"));
	/* The description says where the risks are. */
	assert_true(has(sb.buf,
	                "4 risks in 2 cells: likelihood 4 (Likely) and impact 5 "
	                "(A very severe impact indeed): 3, critical; likelihood 1 "
	                "(Rare) and impact 1 (Negligible): 1, low."));
	/* A legend of the levels in words. */
	assert_true(has(sb.buf, ">low</text>"));
	assert_true(has(sb.buf, ">critical</text>"));
	strbuf_release(&sb);
}

static void test_heatmap_sizes(void **state)
{
	size_t counts[100] = { 0 };
	int levels[100];
	struct svg_heatmap h = {
		.id = "big",
		.title = "Ten by ten",
		.rows = { "Likelihood", "likelihood", 10, NULL },
		.cols = { "Impact", "impact", 10, NULL },
		.counts = counts,
		.levels = levels,
		.bands = risk_bands,
		.nbands = 4,
		.one = "risk",
		.many = "risks",
	};
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	for (int i = 0; i < 100; i++)
		levels[i] = i % 5; /* 4 is out of range: no level */
	counts[99] = 12;
	assert_ok(svg_heatmap(&sb, &h));
	check_markup(sb.buf);
	assert_int_equal(count(sb.buf, "<g class=\"cell\">"), 100);
	assert_true(has(sb.buf, "Likelihood 10, impact 10: no level; 12 risks"));
	assert_true(has(sb.buf, ">no level</text>"));

	/* Sizes outside 1..10 are refused and write nothing. */
	strbuf_reset(&sb);
	h.rows.n = 11;
	assert_fails(svg_heatmap(&sb, &h), E_INVALID, "1 to 10 values");
	h.rows.n = 5;
	h.cols.n = 0;
	assert_fails(svg_heatmap(&sb, &h), E_INVALID, "1 to 10 values");
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
}

static void test_heatmap_empty(void **state)
{
	struct svg_heatmap h;
	size_t counts[25];
	int levels[25];
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	heat_fixture(&h, counts, levels);
	memset(counts, 0, sizeof(counts));
	assert_ok(svg_heatmap(&sb, &h));
	check_markup(sb.buf);
	assert_true(has(sb.buf, "No risks in any cell."));
	assert_int_equal(count(sb.buf, "</text></g>"), 0);
	strbuf_release(&sb);
}

/* ---- 4. gauge ---- */

static void test_gauge(void **state)
{
	struct svg_gauge g = {
		.id = "ready", .title = "Readiness", .value = 72.5, .caption = "readiness"
	};
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_ok(svg_gauge(&sb, &g));
	check_frame(sb.buf, "ready");
	assert_true(has(sb.buf, ">72.5%</text>"));
	assert_true(has(sb.buf, ">readiness</text>"));
	assert_true(has(sb.buf, "readiness: 72.5%."));
	assert_int_equal(count(sb.buf, "<circle "), 2);

	strbuf_reset(&sb);
	g.value = 140;
	assert_ok(svg_gauge(&sb, &g));
	assert_true(has(sb.buf, ">100.0%</text>"));
	assert_int_equal(count(sb.buf, "140"), 0);

	/* Nothing to fill at 0%: the track alone. */
	strbuf_reset(&sb);
	g.value = 0;
	assert_ok(svg_gauge(&sb, &g));
	assert_true(has(sb.buf, ">0.0%</text>"));
	assert_int_equal(count(sb.buf, "<circle "), 1);

	strbuf_reset(&sb);
	g.value = -1;
	assert_ok(svg_gauge(&sb, &g));
	check_markup(sb.buf);
	assert_true(has(sb.buf, ">not assessed</text>"));
	assert_true(has(sb.buf, "readiness: not assessed."));
	assert_int_equal(count(sb.buf, "%</text>"), 0);
	assert_int_equal(count(sb.buf, "<circle "), 1);
	strbuf_release(&sb);
}

/* ---- 5. timeline ---- */

static void test_timeline(void **state)
{
	const struct svg_step steps[] = {
		{ "Gap assessment", "2026-01-05", SVG_STEP_DONE },
		{ "Internal audit", "2026-03-02", SVG_STEP_LATE },
		{ "Management review", "2026-04-10", SVG_STEP_CURRENT },
		{ "Stage 1", "2026-05-04", SVG_STEP_DUE },
		{ "Stage 2", NULL, SVG_STEP_DUE },
	};
	struct svg_timeline t = {
		.id = "cert", .title = "Certification", .steps = steps, .nsteps = 5
	};
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_ok(svg_timeline(&sb, &t));
	check_frame(sb.buf, "cert");
	/* A group per step, in order, its state in words, not colour alone. */
	assert_int_equal(count(sb.buf, "<g><title>"), 5);
	assert_true(has(sb.buf, "<g><title>Gap assessment (2026-01-05): done</title>"));
	assert_true(has(sb.buf, "<g><title>Stage 2: due</title>"));
	assert_true(strstr(sb.buf, ">Gap assessment<") < strstr(sb.buf, ">Stage 1<"));
	assert_true(has(group_of(sb.buf, "<g><title>Internal audit"), ">late</text>"));
	assert_true(has(group_of(sb.buf, "<g><title>Management"), ">current</text>"));
	assert_true(has(group_of(sb.buf, "<g><title>Stage 1"), ">due</text>"));
	assert_true(has(group_of(sb.buf, "<g><title>Stage 1"), ">2026-05-04</text>"));
	assert_true(has(group_of(sb.buf, "<g><title>Stage 2"), ">no date</text>"));
	assert_true(has(sb.buf,
	                "5 steps: Gap assessment (2026-01-05): done; Internal audit "
	                "(2026-03-02): late;"));
	/* A line between each pair of steps, solid up to the current one. */
	assert_int_equal(count(sb.buf, "<line "), 4);
	assert_int_equal(count(sb.buf, "stroke-dasharray=\"5 4\""), 2);
	assert_string_equal(svg_step_state_name(SVG_STEP_LATE), "late");

	strbuf_reset(&sb);
	t.nsteps = 0;
	assert_ok(svg_timeline(&sb, &t));
	check_markup(sb.buf);
	assert_true(has(sb.buf, ">No steps.</text>"));
	strbuf_release(&sb);
}

/* ---- colours and limits ---- */

/* x^(1/5) for 0 <= x <= 1, by halving. */
static double fifth_root(double x)
{
	double lo = 0, hi = 1;

	for (int i = 0; i < 60; i++) {
		double mid = (lo + hi) / 2;

		if (mid * mid * mid * mid * mid < x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Relative luminance of "#rrggbb" (WCAG 2). */
static double luminance(const char *hex)
{
	double l = 0;
	const double w[3] = { 0.2126, 0.7152, 0.0722 };

	assert_int_equal(strlen(hex), 7);
	for (int k = 0; k < 3; k++) {
		char part[3] = { hex[1 + 2 * k], hex[2 + 2 * k], 0 };
		double c = (double)strtol(part, NULL, 16) / 255.0, a;

		if (c <= 0.04045) {
			c /= 12.92;
		} else {
			a = (c + 0.055) / 1.055; /* a^2.4 = a^2 * (a^2)^(1/5) */
			c = a * a * fifth_root(a * a);
		}
		l += w[k] * c;
	}
	return l;
}

static void test_tone_contrast(void **state)
{
	(void)state;
	for (int t = 0; t < SVG_TONES; t++) {
		double a = luminance(svg_tone_fill(t)), b = luminance(svg_tone_ink(t));
		double ratio = a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);

		if (ratio < 4.5)
			fail_msg("tone %d: %s on %s is %.2f:1", t, svg_tone_ink(t),
			         svg_tone_fill(t), ratio);
	}
	assert_string_equal(svg_tone_fill(99), svg_tone_fill(SVG_LIGHT));
}

/* A chart that does not fit leaves the buffer as it was. */
static void test_cap(void **state)
{
	const struct svg_bar bar = { "a label", 50, NULL };
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb, 600);
	strbuf_addstr(&sb, "<p>kept</p>");
	assert_true(svg_bar_chart(&sb, &(struct svg_bar_chart){ .id = "c",
	                                                        .title = "t",
	                                                        .bars = &bar,
	                                                        .nbars = 1 }) < 0);
	assert_string_equal(sb.buf, "<p>kept</p>");
	assert_int_equal(sb.len, strlen("<p>kept</p>"));
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_bars_bounds),
		cmocka_unit_test(test_bars_bands),
		cmocka_unit_test(test_bars_marks),
		cmocka_unit_test(test_bars_empty),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_unique_ids),
		cmocka_unit_test(test_blank_id),
		cmocka_unit_test(test_distribution),
		cmocka_unit_test(test_distribution_empty),
		cmocka_unit_test(test_heatmap),
		cmocka_unit_test(test_heatmap_sizes),
		cmocka_unit_test(test_heatmap_empty),
		cmocka_unit_test(test_gauge),
		cmocka_unit_test(test_timeline),
		cmocka_unit_test(test_tone_contrast),
		cmocka_unit_test(test_cap),
	};

	return cmocka_run_group_tests_name("svg", tests, NULL, NULL);
}
