/*
 * test-tmpl.c - the HTML template engine: escaping, lookup, sections,
 * URL segments, the raw-output rule, compile errors with their lines,
 * partials and their depth limit, and the bounds on a render.
 */
#include "unit.h"

#include <jansson.h>
#include <pthread.h>

#include "core/strbuf.h"
#include "view/tmpl.h"

static json_t *ctx_of(const char *json)
{
	json_error_t err;
	json_t *v;

	if (!json)
		return NULL;
	v = json_loads(json, JSON_DECODE_ANY, &err);
	if (!v)
		fail_msg("bad test JSON '%s': %s", json, err.text);
	return v;
}

/* The rendering of text with json as its context (caller frees). */
static char *render(const char *text, const char *json)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *ctx = ctx_of(json);
	int rc = tmpl_render_text(text, ctx, &sb);

	json_decref(ctx);
	if (rc)
		fail_msg("'%s' failed: %s", text, error_message());
	return strbuf_detach(&sb, NULL);
}

#define assert_renders(text, json, want)             \
	do {                                         \
		char *got_ = render((text), (json)); \
		assert_string_equal(got_, (want));   \
		free(got_);                          \
	} while (0)

/* Fails with E_INVALID naming part, and leaves out as it was. */
#define assert_render_fails(text, json, part)                                          \
	do {                                                                           \
		struct strbuf sb_ = STRBUF_INIT;                                       \
		json_t *ctx_ = ctx_of(json);                                           \
		strbuf_addstr(&sb_, "keep");                                           \
		assert_fails(tmpl_render_text((text), ctx_, &sb_), E_INVALID, (part)); \
		assert_int_equal(sb_.len, 4);                                          \
		assert_string_equal(sb_.buf, "keep");                                  \
		json_decref(ctx_);                                                     \
		strbuf_release(&sb_);                                                  \
	} while (0)

static void test_escape(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_renders("[{{s}}]", "{\"s\": \"&<>\\\"'`=x\"}",
	               "[&amp;&lt;&gt;&quot;&#39;&#96;&#61;x]");
	assert_renders("{{s}}", "{\"s\": \"plain text, \\u00e9t\\u00e9\"}",
	               "plain text, \xc3\xa9t\xc3\xa9");
	tmpl_escape(&sb, "a<b>&\"c\"");
	assert_string_equal(sb.buf, "a&lt;b&gt;&amp;&quot;c&quot;");
	/* At the buffer's cap the escape adds nothing rather than a part. */
	strbuf_release(&sb);
	strbuf_init(&sb, 8);
	strbuf_addstr(&sb, "ab");
	tmpl_escape(&sb, "<<<<");
	assert_string_equal(sb.buf, "ab");
	strbuf_release(&sb);
}

static void test_values(void **state)
{
	(void)state;
	assert_renders("{{i}} {{n}} {{z}}", "{\"i\": 42, \"n\": -7, \"z\": 0}",
	               "42 -7 0");
	assert_renders(
	        "{{a}} {{b}} {{c}} {{d}} {{e}}",
	        "{\"a\": 72.5, \"b\": 80.0, \"c\": 72.46, \"d\": 79.96, \"e\": -0.04}",
	        "72.5 80 72.5 80 0");
	assert_renders(
	        "[{{t}}][{{f}}][{{n}}][{{missing}}][{{arr}}][{{obj}}]",
	        "{\"t\": true, \"f\": false, \"n\": null, \"arr\": [1], \"obj\": {}}",
	        "[true][][][][][]");
	assert_renders("{{.}}", "\"top\"", "top");
	assert_renders("[{{x}}]", NULL, "[]");
}

static void test_lookup(void **state)
{
	const char *ctx =
	        "{\"org\": \"acme\", \"a\": {\"b\": {\"c\": \"deep\"}},"
	        " \"meta\": {\"x\": 1},"
	        " \"items\": [{\"name\": \"one\"}, {\"name\": \"two\", \"org\": null},"
	        " {\"name\": \"three\", \"a\": {\"z\": 1}}]}";

	(void)state;
	assert_renders("{{a.b.c}}|{{a.z.c}}|{{a.b.c.d}}", ctx, "deep||");
	/* From inside a section the first part is searched outwards... */
	assert_renders("{{#items}}{{name}}@{{org}}/{{meta.x}};{{/items}}", ctx,
	               "one@acme/1;two@/1;three@acme/1;");
	/* ...and the rest of the path descends only from where it was found. */
	assert_renders("{{#items}}[{{a.b.c}}]{{/items}}", ctx, "[deep][deep][]");
	assert_renders("{{#a}}{{#b}}{{c}}-{{org}}{{/b}}{{/a}}", ctx, "deep-acme");
	assert_renders("{{#list}}<{{.}}>{{/list}}", "{\"list\": [\"x\", 2, 2.5, true]}",
	               "<x><2><2.5><true>");
}

static void test_sections(void **state)
{
	(void)state;
	assert_renders("{{#o}}{{k}}{{/o}}", "{\"o\": {\"k\": \"v\"}}", "v");
	assert_renders("{{#o}}[{{/o}}", "{\"o\": {}}", "[");
	assert_renders("{{#t}}yes{{/t}}", "{\"t\": true}", "yes");
	assert_renders("{{#s}}<{{.}}>{{/s}}", "{\"s\": \"x\"}", "<x>");
	assert_renders("{{#n}}{{.}}{{/n}}", "{\"n\": 3}", "3");
	/* Falsy: missing, null, false, "", 0, 0.0, []. */
	assert_renders("{{#m}}a{{/m}}{{#n}}b{{/n}}{{#f}}c{{/f}}{{#s}}d{{/s}}"
	               "{{#z}}e{{/z}}{{#r}}f{{/r}}{{#l}}g{{/l}}.",
	               "{\"n\": null, \"f\": false, \"s\": \"\", \"z\": 0, \"r\": 0.0,"
	               " \"l\": []}",
	               ".");
	assert_renders("{{^m}}a{{/m}}{{^n}}b{{/n}}{{^f}}c{{/f}}{{^s}}d{{/s}}"
	               "{{^z}}e{{/z}}{{^r}}f{{/r}}{{^l}}g{{/l}}.",
	               "{\"n\": null, \"f\": false, \"s\": \"\", \"z\": 0, \"r\": 0.0,"
	               " \"l\": []}",
	               "abcdefg.");
	assert_renders("{{^t}}a{{/t}}{{^o}}b{{/o}}{{^l}}c{{/l}}{{^s}}d{{/s}}.",
	               "{\"t\": true, \"o\": {}, \"l\": [0], \"s\": \" \"}", ".");
	assert_renders("{{#items}}{{.}}{{/items}}{{^items}}none{{/items}}",
	               "{\"items\": []}", "none");
	assert_renders("{{#a.b}}{{c}}{{/a.b}}",
	               "{\"a\": {\"b\": [{\"c\": 1}, {\"c\": 2}]}}", "12");
	assert_renders("a{{! a comment, {{ even braces }}b", NULL, "ab");
}

static void test_percent(void **state)
{
	(void)state;
	assert_renders("/orgs/{{%org}}/assets/{{%name}}",
	               "{\"org\": \"acme\", \"name\": \"a/b c\"}",
	               "/orgs/acme/assets/a%2Fb%20c");
	assert_renders("{{%s}}", "{\"s\": \"\\u00e9\\u20ac\"}", "%C3%A9%E2%82%AC");
	assert_renders("{{%s}}", "{\"s\": \"AZaz09-._~\"}", "AZaz09-._~");
	assert_renders("{{%s}}", "{\"s\": \"<'&\\\">?#%=+\"}",
	               "%3C%27%26%22%3E%3F%23%25%3D%2B");
	assert_renders("{{%i}}|{{%missing}}|{{%t}}", "{\"i\": 12, \"t\": true}",
	               "12||true");
}

static void test_raw(void **state)
{
	const char *ctx = "{\"chart_svg\": \"<svg/>\", \"table_html\": \"<b>&amp;</b>\","
	                  " \"a\": {\"b_html\": \"<i>x</i>\"}, \"name\": \"<script>\"}";

	(void)state;
	assert_renders("{{{chart_svg}}}|{{& table_html}}|{{{ a.b_html }}}|{{&a.b_html}}",
	               ctx, "<svg/>|<b>&amp;</b>|<i>x</i>|<i>x</i>");
	assert_render_fails("ok\n{{{name}}}", ctx,
	                    "template text line 2: raw output of 'name' needs a name "
	                    "ending in _html or _svg");
	assert_render_fails("{{& name}}", ctx, "raw output of 'name'");
	assert_render_fails("{{{x_html.y}}}", ctx, "raw output of 'x_html.y'");
	assert_render_fails("{{{.}}}", ctx, "raw output of '.'");
	assert_render_fails("{{{html}}}", ctx, "raw output of 'html'");
}

static void test_compile_errors(void **state)
{
	struct strbuf deep = STRBUF_INIT;

	(void)state;
	assert_render_fails("a\n{{b", NULL, "template text line 2: unclosed '{{'");
	assert_render_fails("\n\n{{{x_html}}", NULL,
	                    "template text line 3: unclosed '{{{'");
	assert_render_fails("{{!never closed", NULL, "line 1: unclosed '{{'");
	assert_render_fails("x\n{{#a}}\ny\n", NULL,
	                    "template text line 2: section 'a' is never closed");
	assert_render_fails("{{#a}}\n{{^b}}\n{{/a}}", NULL,
	                    "template text line 3: '{{/a}}' does not close '{{^b}}' "
	                    "opened on line 2");
	assert_render_fails("\n{{/a}}", NULL,
	                    "template text line 2: '{{/a}}' closes no open section");
	assert_render_fails("{{}}", NULL, "template text line 1: empty name in a tag");
	assert_render_fails("\n{{ }}", NULL, "template text line 2: empty name");
	assert_render_fails("{{#}}{{/}}", NULL, "line 1: empty name");
	assert_render_fails("{{%}}", NULL, "empty name");
	assert_render_fails("{{>}}", NULL, "empty name");
	assert_render_fails("{{{}}}", NULL, "empty name");
	assert_render_fails("a\nb\n{{> nosuch}}", NULL,
	                    "template text line 3: unknown partial 'nosuch'");
	assert_render_fails("{{=<% %>=}}", NULL, "set-delimiter tags are not supported");
	assert_render_fails("{{a b}}", NULL, "bad name 'a b'");
	assert_render_fails("{{a..b}}", NULL, "bad name 'a..b'");
	assert_render_fails("{{.a}}", NULL, "bad name '.a'");
	/* Sections nest 32 deep, not 33. */
	for (int i = 0; i < TMPL_SECTION_DEPTH; i++)
		strbuf_addstr(&deep, "{{#a}}");
	strbuf_addstr(&deep, "{{.}}");
	for (int i = 0; i < TMPL_SECTION_DEPTH; i++)
		strbuf_addstr(&deep, "{{/a}}");
	assert_renders(deep.buf, "{\"a\": \"x\"}", "x");
	strbuf_reset(&deep);
	for (int i = 0; i <= TMPL_SECTION_DEPTH; i++)
		strbuf_addstr(&deep, "{{#a}}\n");
	assert_render_fails(deep.buf, NULL, "line 33: sections nested more than 32 deep");
	strbuf_release(&deep);
}

static void test_standalone(void **state)
{
	(void)state;
	assert_renders("<ul>\n{{#items}}\n  <li>{{.}}</li>\n{{/items}}\n</ul>\n",
	               "{\"items\": [\"a\", \"b\"]}",
	               "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
	assert_renders("a\n  {{! note }}  \nb\n\t{{^x}}\r\nc\n{{/x}}", NULL, "a\nb\nc\n");
	assert_renders("{{! multi\nline }}\nx", NULL, "x");
	/* Not alone on its line: the text around stays. */
	assert_renders("a {{#t}}b{{/t}}\n", "{\"t\": true}", "a b\n");
	assert_renders("{{#t}}{{/t}}\n", "{\"t\": true}", "\n");
	assert_renders("{{#t}} x\n{{/t}}", "{\"t\": true}", " x\n");
	/* A value tag is never standalone. */
	assert_renders("{{v}}\n{{v}}\n", "{\"v\": 1}", "1\n1\n");
}

/* A tree: _test.html includes itself once per nested child. */
static void test_partial(void **state)
{
	const char *tree = "{\"greeting\": \"Hello\", \"name\": \"A\","
	                   " \"child\": {\"name\": \"<B>\", \"child\": {\"name\": \"C\","
	                   " \"child\": false}}}";
	const char *want =
	        "<p>Hello, A!</p>\n<p>Hello, &lt;B&gt;!</p>\n<p>Hello, C!</p>\n";
	struct strbuf sb = STRBUF_INIT;
	json_t *ctx = ctx_of(tree);

	(void)state;
	assert_ok(tmpl_render("_test.html", ctx, &sb));
	assert_string_equal(sb.buf, want);
	json_decref(ctx);
	strbuf_release(&sb);
	assert_renders("{{> _test}}", tree, want);
	assert_renders("[{{#child}}{{> _test.html }}{{/child}}]", tree,
	               "[<p>Hello, &lt;B&gt;!</p>\n<p>Hello, C!</p>\n]");
}

/* A child without its own "child" finds its parent's again, for ever:
 * the depth limit ends it with an error, not a crash. */
static void test_partial_depth(void **state)
{
	const char *loop = "{\"name\": \"A\", \"child\": {\"name\": \"B\"}}";
	struct strbuf sb = STRBUF_INIT;
	json_t *ctx = ctx_of(loop);

	(void)state;
	assert_render_fails("{{> _test}}", loop, "partials nested more than 16 deep");
	strbuf_addstr(&sb, "keep");
	assert_fails(tmpl_render("_test.html", ctx, &sb), E_INVALID,
	             "template _test.html line 5: partials nested more than 16 deep");
	assert_string_equal(sb.buf, "keep");
	assert_int_equal(sb.len, 4);
	json_decref(ctx);
	strbuf_release(&sb);
}

static void test_embedded(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_ok(tmpl_check_all());
	strbuf_addstr(&sb, "keep");
	assert_fails(tmpl_render("nosuch.html", NULL, &sb), E_INTERNAL,
	             "no template 'nosuch.html'");
	assert_string_equal(sb.buf, "keep");
	strbuf_release(&sb);
}

static void test_bounds(void **state)
{
	struct strbuf sb;
	json_t *ctx = json_object(), *arr = json_array();

	(void)state;
	/* The output's cap: an error, and out as it was. */
	strbuf_init(&sb, 16);
	strbuf_addstr(&sb, "keep");
	json_object_set_new(ctx, "s", json_string("<<<<<<<<<<"));
	assert_fails(tmpl_render_text("{{s}}", ctx, &sb), E_INVALID, "too long");
	assert_string_equal(sb.buf, "keep");
	assert_fails(tmpl_render_text("0123456789abcdef", ctx, &sb), E_INVALID,
	             "too long");
	assert_int_equal(sb.len, 4);
	strbuf_release(&sb);
	/* Work that prints nothing is bounded too: 300^3 empty iterations. */
	for (int i = 0; i < 300; i++)
		json_array_append_new(arr, json_integer(i));
	json_object_set_new(ctx, "a", arr);
	strbuf_init(&sb, 0);
	assert_fails(tmpl_render_text("{{#a}}\n{{#a}}{{#a}}{{/a}}{{/a}}{{/a}}", ctx, &sb),
	             E_INVALID, "line 2: rendering takes more than");
	assert_int_equal(sb.len, 0);
	strbuf_release(&sb);
	json_decref(ctx);
}

static void test_hostile(void **state)
{
	const char *ctx = "{\"t\": \"<script>alert('x')</script>\","
	                  " \"q\": \"\\\" onmouseover=\\\"alert(1)\","
	                  " \"u\": \"javascript:alert(1)//\", \"b\": \"{{{x_html}}}\"}";

	(void)state;
	assert_renders("<p>{{t}}</p>", ctx,
	               "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>");
	assert_renders("<a title=\"{{q}}\">", ctx,
	               "<a title=\"&quot; onmouseover&#61;&quot;alert(1)\">");
	assert_renders("<a href=\"/x/{{%u}}\">", ctx,
	               "<a href=\"/x/javascript%3Aalert%281%29%2F%2F\">");
	/* Values are never templates themselves. */
	assert_renders("{{b}}", ctx, "{{{x_html}}}");
}

#define THREADS 4

static void *render_many(void *arg)
{
	static char bad[] = "bad render";
	json_t *ctx = arg;

	for (int i = 0; i < 200; i++) {
		struct strbuf sb = STRBUF_INIT;

		if (tmpl_render("_test.html", ctx, &sb) ||
		    strcmp(sb.buf, "<p>, x!</p>\n<p>, y!</p>\n")) {
			strbuf_release(&sb);
			return bad;
		}
		strbuf_release(&sb);
	}
	return NULL;
}

/* First use from several threads at once: compiled once, rendered alike. */
static void test_threads(void **state)
{
	json_t *ctx =
	        ctx_of("{\"name\": \"x\", \"child\": {\"name\": \"y\", \"child\": 0}}");
	pthread_t th[THREADS];

	(void)state;
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, render_many, ctx), 0);
	for (int i = 0; i < THREADS; i++) {
		void *res;

		assert_int_equal(pthread_join(th[i], &res), 0);
		assert_null(res);
	}
	json_decref(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_standalone),
		cmocka_unit_test(test_partial),
		cmocka_unit_test(test_partial_depth),
		cmocka_unit_test(test_embedded),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
