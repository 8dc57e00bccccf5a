/*
 * web-risk.c - the risk side's pages: the asset inventory with its data
 * flows, the risk register with its heat maps, one risk with its
 * treatment, and the Statement of Applicability with the problems that
 * keep it from being approved.
 *
 * Every figure comes from the API's own answers (http_call) and every
 * change is a form posted to the API's routes.  What this file adds is
 * presentation: filters over lists already read, the choices of selects,
 * heat maps drawn on the organisation's own scales, advice beside each
 * alignment problem, and the values a form has to send so that a route
 * changes only what the person meant (a risk's controls with one more,
 * or one fewer).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/error.h"
#include "core/risk.h"
#include "core/soa.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "http/http.h"
#include "http/web-pages.h"
#include "http/web.h"
#include "view/svg.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The classifications an asset may have, in the order a select offers them. */
static const char *const classifications[] = { "public", "internal", "confidential",
	                                       "restricted" };

/* What each treatment decision means, as a select says it. */
static const char *const treatment_labels[TREAT__COUNT] = {
	[TREAT_MODIFY] = "modify: reduce it with controls",
	[TREAT_RETAIN] = "retain: accept it as it is",
	[TREAT_AVOID] = "avoid: stop what causes it",
	[TREAT_SHARE] = "share: transfer it to another party",
};

/* The colour of each risk level in the heat maps, as in the risk report. */
static const enum svg_tone level_tones[RISK_LEVEL_MAX + 1] = {
	[RISK_NONE] = SVG_LIGHT,  [RISK_LOW] = SVG_GREEN,    [RISK_MEDIUM] = SVG_AMBER,
	[RISK_HIGH] = SVG_ORANGE, [RISK_CRITICAL] = SVG_RED,
};

/* A treatment action's states (the API's names) and how they read. */
static const struct {
	const char *value, *label;
} action_states[] = {
	{ "open", "open" },
	{ "in-progress", "in progress" },
	{ "done", "done" },
};

/* The Annex A themes, as the SoA's rows name them. */
static const struct {
	const char *value, *label;
} themes[] = {
	{ "organizational", "A.5 Organizational controls" },
	{ "people", "A.6 People controls" },
	{ "physical", "A.7 Physical controls" },
	{ "technological", "A.8 Technological controls" },
};

/* How a problem is put right from these pages. */
enum fix { FIX_NONE, FIX_CONTROL, FIX_SEE, FIX_RISK, FIX_APPROVE };

/*
 * The SoA check's problems by their stable codes: a short name, what to
 * do about it, and where that is done.  The last two only ask for the SoA
 * to be approved (again); the others have to be solved first.
 */
static const struct {
	const char *code, *label, *advice;
	enum fix fix;
	bool approval;
} problem_kinds[] = {
	{ "excluded-but-selected", "excluded but selected",
	  "Either the control applies (mark it applicable and say why) or the "
	  "treatment of the risks that select it has to change.",
	  FIX_CONTROL, false },
	{ "exclusion-unjustified", "exclusion without a reason",
	  "Say why the control does not apply, or mark it applicable.", FIX_CONTROL,
	  false },
	{ "not-implemented-untreated", "applies, nothing planned",
	  "Plan a treatment action for it on a risk, record a remediation action "
	  "in the roadmap, or correct its implementation status.",
	  FIX_CONTROL, false },
	{ "risk-untreated", "risk untreated",
	  "Select controls or plan an action for the risk, or decide on another "
	  "treatment.",
	  FIX_RISK, false },
	{ "retained-unaccepted", "retained, not accepted",
	  "The risk owner accepts the residual risk on the risk's page, or the "
	  "risk is treated further.",
	  FIX_RISK, false },
	{ "unknown-control", "unknown control",
	  "Correct the reference on the risk: ISO/IEC 27001:2022 numbers its "
	  "controls A.5.1 to A.8.34.",
	  FIX_NONE, false },
	{ "changed-since-approval", "changed since approval",
	  "Check the change, then approve the SoA again.", FIX_SEE, true },
	{ "never-approved", "never approved",
	  "Approve the SoA once the problems above are solved.", FIX_APPROVE, true },
};

/* ---- small helpers ---- */

/* A string member, or NULL. */
static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A string member, or "" (for comparisons and form values). */
static const char *text(json_t *o, const char *key)
{
	const char *s = str(o, key);

	return s ? s : "";
}

/* An integer member, 0 when absent. */
static int num(json_t *o, const char *key)
{
	return (int)json_integer_value(json_object_get(o, key));
}

/* A chart as the model's name_svg, or nothing when it could not be drawn. */
static void chart(json_t *m, const char *name, struct strbuf *svg, int rc)
{
	if (rc)
		error_clear();
	else
		json_object_set_new(m, name, json_stringn(svg->buf, svg->len));
	strbuf_reset(svg);
}

/* The strings of an array joined with ", " (a form's list, a cell's text). */
static json_t *joined(json_t *arr)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *out;

	for (size_t i = 0; i < json_array_size(arr); i++) {
		const char *s = json_string_value(json_array_get(arr, i));

		strbuf_addf(&sb, "%s%s", i ? ", " : "", s ? s : "");
	}
	out = json_stringn(sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

/* Whether an array of strings holds s. */
static bool has_string(json_t *arr, const char *s)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const char *v = json_string_value(json_array_get(arr, i));

		if (v && !strcmp(v, s))
			return true;
	}
	return false;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The distinct values of `key` over the objects of `lists` (NULL ends
 * it), sorted, as choices with `selected` chosen.
 */
static json_t *distinct_choices(json_t *const *lists, const char *key,
                                const char *selected)
{
	const char **v = NULL;
	size_t n = 0, alloc = 0;
	json_t *out = json_array();

	for (size_t l = 0; lists[l]; l++)
		for (size_t i = 0; i < json_array_size(lists[l]); i++) {
			const char *s = str(json_array_get(lists[l], i), key);

			if (!s || !*s)
				continue;
			ALLOC_GROW(v, n + 1, alloc);
			v[n++] = s;
		}
	if (n)
		qsort(v, n, sizeof(*v), name_cmp);
	for (size_t i = 0; i < n; i++)
		if (!i || strcmp(v[i], v[i - 1]))
			web_choice_add(out, v[i], v[i], selected);
	free(v);
	return out;
}

/* The choices "1 Rare" ... of one of the method's scales. */
static json_t *scale_choices(json_t *method, const char *scale, int selected)
{
	json_t *out = json_array(), *s = json_object_get(method, scale);
	char value[16], label[96], chosen[16];

	snprintf(chosen, sizeof(chosen), "%d", selected);
	for (size_t i = 0; i < json_array_size(s); i++) {
		json_t *step = json_array_get(s, i);

		snprintf(value, sizeof(value), "%d", num(step, "value"));
		snprintf(label, sizeof(label), "%d %s", num(step, "value"),
		         text(step, "label"));
		web_choice_add(out, value, label, chosen);
	}
	return out;
}

/* The treatment decisions as choices. */
static json_t *treatment_choices(const char *selected)
{
	json_t *out = json_array();

	for (int t = 0; t < TREAT__COUNT; t++)
		web_choice_add(out, risk_treatment_name((enum risk_treatment)t),
		               treatment_labels[t], selected);
	return out;
}

/* ---- what every page shares ---- */

struct page {
	struct http_ctx *c;
	json_t *m;
	struct strbuf self;    /* this page with its query: where forms return */
	struct strbuf scratch; /* the API path being read */
};

static int page_begin(struct http_ctx *c, const char *const *params, const char *nav,
                      const char *title, struct page *p)
{
	int rc = http_query_check(c, params);

	memset(p, 0, sizeof(*p));
	p->c = c;
	strbuf_init(&p->self, 0);
	strbuf_init(&p->scratch, 0);
	if (!rc)
		p->m = web_model(c, nav, title);
	return rc;
}

/* "/orgs/SLUG" and rest into sb (reset first). */
static void org_path(struct strbuf *sb, const struct http_ctx *c, const char *rest)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, "/orgs/");
	http_url_encode(sb, c->org.slug);
	strbuf_addstr(sb, rest);
}

/* Read the organisation's API route "rest" (already escaped). */
static int org_read(struct page *p, const char *rest, json_t **out)
{
	web_org_api(&p->scratch, p->c, rest);
	return http_call(p->c, p->scratch.buf, out);
}

/* Render the page, or give up with rc; everything of p is released. */
static int page_end(struct page *p, int rc, const char *template_name)
{
	if (!rc && p->m) {
		json_object_set_new(p->m, "self", json_string(p->self.buf));
		org_path(&p->scratch, p->c, "");
		json_object_set_new(p->m, "base", json_string(p->scratch.buf));
		web_org_api(&p->scratch, p->c, "");
		json_object_set_new(p->m, "org_api", json_string(p->scratch.buf));
	}
	strbuf_release(&p->self);
	strbuf_release(&p->scratch);
	if (rc || !p->m) {
		json_decref(p->m);
		return rc;
	}
	return web_render(p->c, template_name, p->m);
}

/* ---- assets and data flows ---- */

/* The choices of an asset's form, selected as the asset has them. */
static void asset_choices(json_t *o, json_t *asset)
{
	static const char *const values[] = { "confidentiality", "integrity",
		                              "availability" };
	json_t *types = json_array(), *classes = json_array(), *scope = json_array();
	const char *type = asset ? str(asset, "type") : "information";
	const char *in_scope =
	        asset && !json_is_true(json_object_get(asset, "in_scope")) ? "no" : "yes";

	for (int t = 0; t < ASSET__COUNT; t++)
		web_choice_add(types, asset_type_name((enum asset_type)t),
		               asset_type_name((enum asset_type)t), type);
	for (size_t i = 0; i < COUNT(classifications); i++)
		web_choice_add(classes, classifications[i], classifications[i],
		               asset ? str(asset, "classification") : NULL);
	for (size_t v = 0; v < COUNT(values); v++) {
		json_t *opts = json_array();
		char key[32], value[4], chosen[4];

		snprintf(chosen, sizeof(chosen), "%d", asset ? num(asset, values[v]) : 0);
		for (int i = 0; i <= ASSET_VALUE_MAX; i++) {
			snprintf(value, sizeof(value), "%d", i);
			web_choice_add(opts, value, i ? value : "0 unrated", chosen);
		}
		snprintf(key, sizeof(key), "%s_options", values[v]);
		json_object_set_new(o, key, opts);
	}
	web_choice_add(scope, "yes", "in scope", in_scope);
	web_choice_add(scope, "no", "out of scope", in_scope);
	json_object_set_new(o, "type_options", types);
	json_object_set_new(o, "class_options", classes);
	json_object_set_new(o, "scope_options", scope);
}

/*
 * Each asset's anchor; the one named by ?edit= gets its form's choices.
 * E_NOTFOUND when ?edit= names no asset.
 */
static int assets_annotate(json_t *assets, const char *edit)
{
	bool found = false;

	for (size_t i = 0; i < json_array_size(assets); i++) {
		json_t *a = json_array_get(assets, i);
		bool editing = edit && !strcmp(text(a, "name"), edit);
		char id[40];

		snprintf(id, sizeof(id), "asset-%d", num(a, "id"));
		json_object_set_new(a, "anchor", json_string(id));
		json_object_set_new(a, "editing", json_boolean(editing));
		if (editing)
			asset_choices(a, a);
		found = found || editing;
	}
	if (edit && !found)
		return error_set(
		        E_NOTFOUND,
		        "there is no asset '%s' in this organisation: choose one "
		        "from the list",
		        edit);
	return 0;
}

/* The inventory's figures: assets, in scope, flows, flows leaving the scope. */
static void asset_counts(json_t *m, json_t *assets, json_t *flows)
{
	json_int_t in = 0, crossing = 0;

	for (size_t i = 0; i < json_array_size(assets); i++)
		in += json_is_true(
		        json_object_get(json_array_get(assets, i), "in_scope"));
	for (size_t i = 0; i < json_array_size(flows); i++)
		crossing += json_is_true(
		        json_object_get(json_array_get(flows, i), "crosses_scope"));
	json_object_set_new(m, "counts",
	                    json_pack("{s:I, s:I, s:I, s:I}", "assets",
	                              (json_int_t)json_array_size(assets), "in_scope", in,
	                              "flows", (json_int_t)json_array_size(flows),
	                              "crossing", crossing));
}

static int get_assets(struct http_ctx *c)
{
	static const char *const params[] = { "edit", NULL };
	const char *edit = NULL;
	json_t *assets = NULL, *flows = NULL, *form = json_object();
	struct page p;
	int rc = page_begin(c, params, "assets", "Assets and data flows", &p);

	if (!rc) {
		edit = web_given(c, "edit");
		rc = org_read(&p, "/assets?limit=1000", &assets);
	}
	if (!rc)
		rc = org_read(&p, "/flows?limit=1000", &flows);
	if (!rc)
		rc = assets_annotate(assets, edit);
	if (!rc) {
		json_t *lists[] = { assets, NULL };

		asset_counts(p.m, assets, flows);
		asset_choices(form, NULL);
		json_object_set_new(form, "names", distinct_choices(lists, "name", NULL));
		json_object_set_new(form, "has_names",
		                    json_boolean(json_array_size(assets) > 0));
		json_object_set_new(form, "owners",
		                    distinct_choices(lists, "owner", NULL));
		json_object_set_new(p.m, "form", json_incref(form));
		json_object_set_new(p.m, "assets",
		                    assets ? json_incref(assets) : json_array());
		json_object_set_new(p.m, "flows",
		                    flows ? json_incref(flows) : json_array());
		org_path(&p.self, c, "/assets");
		json_object_set_new(p.m, "list_page", json_string(p.self.buf));
		web_query_add(&p.self, "edit", edit);
	}
	json_decref(form);
	json_decref(assets);
	json_decref(flows);
	return page_end(&p, rc, "assets.html");
}

/* ---- the risk register ---- */

/* The level a cell of the method's matrix names, RISK_NONE when none. */
static int matrix_level(json_t *method, int l, int i)
{
	const char *name = json_string_value(json_array_get(
	        json_array_get(json_object_get(method, "matrix"), (size_t)l - 1),
	        (size_t)i - 1));

	for (int lv = RISK_LOW; name && lv <= RISK_LEVEL_MAX; lv++)
		if (!strcmp(name, risk_level_name(lv)))
			return lv;
	return RISK_NONE;
}

/*
 * A heat map of the risks on the method's scales: likelihood rows,
 * impact columns, each cell coloured by the method's level and showing
 * how many risks sit there (residual: after treatment).
 */
static int heatmap(struct strbuf *out, json_t *method, json_t *risks, bool residual)
{
	json_t *ls = json_object_get(method, "likelihood"),
	       *is = json_object_get(method, "impact");
	int nl = (int)json_array_size(ls), ni = (int)json_array_size(is);
	size_t counts[SVG_HEAT_MAX * SVG_HEAT_MAX] = { 0 }, placed = 0;
	int levels[SVG_HEAT_MAX * SVG_HEAT_MAX];
	const char *llabels[SVG_HEAT_MAX], *ilabels[SVG_HEAT_MAX];
	struct svg_band bands[RISK_LEVEL_MAX + 1];
	struct strbuf title = STRBUF_INIT;
	struct svg_heatmap h = {
		.id = residual ? "risks-residual" : "risks-inherent",
		.rows = { "Likelihood", "likelihood", nl, llabels },
		.cols = { "Impact", "impact", ni, ilabels },
		.counts = counts,
		.levels = levels,
		.bands = bands,
		.nbands = COUNT(bands),
		.one = "risk",
		.many = "risks",
	};
	int rc;

	if (nl < 1 || nl > SVG_HEAT_MAX || ni < 1 || ni > SVG_HEAT_MAX)
		return error_set(E_INVALID, "the risk method's scales cannot be drawn");
	for (int lv = RISK_NONE; lv <= RISK_LEVEL_MAX; lv++)
		bands[lv] = (struct svg_band){ risk_level_name(lv), level_tones[lv] };
	for (int l = 0; l < nl; l++)
		llabels[l] = text(json_array_get(ls, (size_t)l), "label");
	for (int i = 0; i < ni; i++)
		ilabels[i] = text(json_array_get(is, (size_t)i), "label");
	for (int l = 1; l <= nl; l++)
		for (int i = 1; i <= ni; i++)
			levels[(l - 1) * ni + (i - 1)] = matrix_level(method, l, i);
	for (size_t k = 0; k < json_array_size(risks); k++) {
		json_t *r = json_array_get(risks, k);
		int l = num(r, residual ? "residual_likelihood" : "likelihood");
		int i = num(r, residual ? "residual_impact" : "impact");

		if (l < 1 || l > nl || i < 1 || i > ni)
			continue;
		counts[(l - 1) * ni + (i - 1)]++;
		placed++;
	}
	strbuf_addf(&title, "%s risk: %zu risk%s by likelihood and impact",
	            residual ? "Residual" : "Inherent", placed, placed == 1 ? "" : "s");
	h.title = title.buf;
	rc = svg_heatmap(out, &h);
	strbuf_release(&title);
	return rc;
}

/* The register's filters, from the query: NULL keeps every risk. */
struct risk_filter {
	const char *inherent, *residual, *treatment, *owner, *asset;
};

/* Levels and treatments are the API's names; anything else is refused. */
static int risk_filter_take(struct http_ctx *c, struct risk_filter *f)
{
	enum risk_treatment t;
	int level, rc = 0;

	f->inherent = web_given(c, "inherent");
	f->residual = web_given(c, "residual");
	f->treatment = web_given(c, "treatment");
	f->owner = web_given(c, "owner");
	f->asset = web_given(c, "asset");
	if (f->inherent)
		rc = risk_level_parse(f->inherent, &level);
	if (!rc && f->residual)
		rc = risk_level_parse(f->residual, &level);
	if (!rc && f->treatment)
		rc = risk_treatment_parse(f->treatment, &t);
	return rc;
}

static bool risk_matches(json_t *r, const struct risk_filter *f)
{
	return (!f->inherent || !strcmp(text(r, "inherent_level"), f->inherent)) &&
	       (!f->residual || !strcmp(text(r, "residual_level"), f->residual)) &&
	       (!f->treatment || !strcmp(text(r, "treatment"), f->treatment)) &&
	       (!f->owner || !strcmp(text(r, "owner"), f->owner)) &&
	       (!f->asset || has_string(json_object_get(r, "assets"), f->asset));
}

/* The filter's selects, each with what the query chose. */
static void risk_filter_choices(json_t *m, json_t *risks, const struct risk_filter *f)
{
	json_t *inh = json_array(), *res = json_array();
	json_t *lists[] = { risks, NULL };

	for (int lv = RISK_LOW; lv <= RISK_LEVEL_MAX; lv++) {
		web_choice_add(inh, risk_level_name(lv), risk_level_name(lv),
		               f->inherent);
		web_choice_add(res, risk_level_name(lv), risk_level_name(lv),
		               f->residual);
	}
	json_object_set_new(
	        m, "filter",
	        json_pack("{s:o, s:o, s:o, s:o, s:b}", "inherent", inh, "residual", res,
	                  "treatments", treatment_choices(f->treatment), "owners",
	                  distinct_choices(lists, "owner", f->owner), "active",
	                  f->inherent || f->residual || f->treatment || f->owner ||
	                          f->asset));
}

/* What a risk's row shows beyond the API's risk: lists as text. */
static void risk_annotate(json_t *r)
{
	json_object_set_new(r, "assets_text", joined(json_object_get(r, "assets")));
	json_object_set_new(r, "controls_text", joined(json_object_get(r, "controls")));
}

/*
 * The fields of the risk form (the partial risk-fields.html), for a new
 * risk (r NULL) or as r has them.
 */
static json_t *risk_form(json_t *method, json_t *r)
{
	static const char *const fields[][2] = {
		{ "title", "title" },
		{ "threat", "threat" },
		{ "vulnerability", "vulnerability" },
		{ "consequence", "consequence" },
		{ "other_controls", "other_controls" },
		{ "owner", "owner" },
		{ "review", "review_on" },
	};
	json_t *f = json_object();

	for (size_t i = 0; i < COUNT(fields); i++)
		json_object_set_new(f, fields[i][0], json_string(text(r, fields[i][1])));
	json_object_set_new(f, "adding", json_boolean(!r));
	json_object_set_new(f, "asset",
	                    r ? joined(json_object_get(r, "assets")) : json_string(""));
	json_object_set_new(f, "likelihood_options",
	                    scale_choices(method, "likelihood", num(r, "likelihood")));
	json_object_set_new(f, "impact_options",
	                    scale_choices(method, "impact", num(r, "impact")));
	json_object_set_new(
	        f, "residual_likelihood_options",
	        scale_choices(method, "likelihood", num(r, "residual_likelihood")));
	json_object_set_new(f, "residual_impact_options",
	                    scale_choices(method, "impact", num(r, "residual_impact")));
	json_object_set_new(f, "treatment_options",
	                    treatment_choices(r ? text(r, "treatment") : "modify"));
	return f;
}

/* Names to offer as a risk's assets (`asset` chosen) and owners. */
static void risk_suggestions(json_t *m, json_t *assets, json_t *risks, const char *asset)
{
	json_t *names[] = { assets, NULL }, *owners[] = { risks, assets, NULL };

	json_object_set_new(m, "asset_names", distinct_choices(names, "name", asset));
	json_object_set_new(m, "owner_names", distinct_choices(owners, "owner", NULL));
}

/* The register: the risks the filter keeps, and their heat maps. */
static void register_model(json_t *m, json_t *method, json_t *risks,
                           const struct risk_filter *f)
{
	json_t *shown = json_array();
	struct strbuf svg = STRBUF_INIT;

	for (size_t i = 0; i < json_array_size(risks); i++) {
		json_t *r = json_array_get(risks, i);

		risk_annotate(r);
		if (risk_matches(r, f))
			json_array_append(shown, r);
	}
	chart(m, "inherent_svg", &svg, heatmap(&svg, method, shown, false));
	chart(m, "residual_svg", &svg, heatmap(&svg, method, shown, true));
	strbuf_release(&svg);
	risk_filter_choices(m, risks, f);
	json_object_set_new(m, "shown", json_integer((json_int_t)json_array_size(shown)));
	json_object_set_new(m, "total", json_integer((json_int_t)json_array_size(risks)));
	json_object_set_new(m, "risks", shown);
}

static int get_risks(struct http_ctx *c)
{
	static const char *const params[] = { "inherent", "residual", "treatment",
		                              "owner",    "asset",    NULL };
	struct risk_filter f = { 0 };
	json_t *method = NULL, *risks = NULL, *assets = NULL, *plan = NULL;
	struct page p;
	int rc = page_begin(c, params, "risks", "Risk register", &p);

	if (!rc)
		rc = risk_filter_take(c, &f);
	if (!rc)
		rc = org_read(&p, "/risk-method", &method);
	if (!rc)
		rc = org_read(&p, "/risks?limit=1000", &risks);
	if (!rc)
		rc = org_read(&p, "/assets?limit=1000", &assets);
	if (!rc)
		rc = org_read(&p, "/treatment-plan", &plan);
	if (!rc && method && risks) {
		risk_suggestions(p.m, assets, risks, f.asset);
		register_model(p.m, method, risks, &f);
		json_object_set_new(p.m, "form", risk_form(method, NULL));
		json_object_set(p.m, "method", method);
	}
	if (!rc) {
		if (plan)
			json_object_set(p.m, "plan", plan);
		org_path(&p.self, c, "/risks");
		web_query_add(&p.self, "inherent", f.inherent);
		web_query_add(&p.self, "residual", f.residual);
		web_query_add(&p.self, "treatment", f.treatment);
		web_query_add(&p.self, "owner", f.owner);
		web_query_add(&p.self, "asset", f.asset);
	}
	json_decref(method);
	json_decref(risks);
	json_decref(assets);
	json_decref(plan);
	return page_end(&p, rc, "risks.html");
}

/* ---- one risk ---- */

/* The Annex A controls, {ref, title, applicable}: the SoA's rows where the
 * role reads the SoA, else the catalogue's. */
static int annex_controls(struct page *p, json_t **out)
{
	json_t *soa = NULL;
	int rc = org_read(p, "/soa?limit=1000", &soa);

	*out = NULL;
	if (!rc && soa) {
		*out = json_incref(json_object_get(soa, "controls"));
		json_decref(soa);
		return 0;
	}
	json_decref(soa);
	if (rc)
		return rc;
	return http_call(p->c,
	                 "/api/v1/frameworks/" CATALOG_DEFAULT_FRAMEWORK
	                 "/items?kind=control&limit=1000",
	                 out);
}

static json_t *control_find(json_t *controls, const char *ref)
{
	for (size_t i = 0; i < json_array_size(controls); i++)
		if (!strcmp(text(json_array_get(controls, i), "ref"), ref))
			return json_array_get(controls, i);
	return NULL;
}

/*
 * The risk's controls as the page shows them, each with the list the
 * route is sent to unlink it, and the controls it could link, each with
 * the list that adds it: a form's one field says the whole new list.
 */
static void control_links(json_t *m, json_t *risk, json_t *controls)
{
	json_t *linked = json_object_get(risk, "controls");
	json_t *rows = json_array(), *options = json_array();
	struct strbuf list = STRBUF_INIT, label = STRBUF_INIT;
	const char *all = text(risk, "controls_text");

	for (size_t i = 0; i < json_array_size(linked); i++) {
		const char *ref = json_string_value(json_array_get(linked, i));
		json_t *ctl = control_find(controls, ref);
		json_t *applicable = json_object_get(ctl, "applicable");

		strbuf_reset(&list);
		for (size_t k = 0; k < json_array_size(linked); k++)
			if (k != i)
				strbuf_addf(&list, "%s%s", list.len ? "," : "",
				            json_string_value(json_array_get(linked, k)));
		json_array_append_new(
		        rows,
		        json_pack("{s:s, s:o, s:s, s:s, s:b, s:b}", "ref", ref, "anchor",
		                  web_anchor("soa-", ref), "title", text(ctl, "title"),
		                  "without", list.buf, "excluded",
		                  json_is_false(applicable), "known", ctl != NULL));
	}
	for (size_t i = 0; i < json_array_size(controls); i++) {
		json_t *ctl = json_array_get(controls, i);
		const char *ref = text(ctl, "ref");

		if (has_string(linked, ref))
			continue;
		strbuf_reset(&list);
		strbuf_reset(&label);
		strbuf_addf(&list, "%s%s%s", all, *all ? "," : "", ref);
		strbuf_addf(&label, "%s %s%s", ref, text(ctl, "title"),
		            json_is_false(json_object_get(ctl, "applicable"))
		                    ? " (not applicable in the SoA)"
		                    : "");
		web_choice_add(options, list.buf, label.buf, NULL);
	}
	strbuf_release(&list);
	strbuf_release(&label);
	json_object_set_new(m, "control_options", options);
	json_object_set_new(m, "annex", controls ? json_incref(controls) : json_array());
	json_object_set_new(risk, "linked", rows);
}

/* Each treatment action's anchor and its form's choices. */
static void actions_annotate(json_t *actions)
{
	for (size_t i = 0; i < json_array_size(actions); i++) {
		json_t *a = json_array_get(actions, i), *opts = json_array();
		char id[32];

		snprintf(id, sizeof(id), "T%d", num(a, "id"));
		json_object_set_new(a, "anchor", json_string(id));
		for (size_t s = 0; s < COUNT(action_states); s++)
			web_choice_add(opts, action_states[s].value,
			               action_states[s].label, text(a, "status"));
		json_object_set_new(a, "state_options", opts);
	}
}

/* What the risk's page needs beyond the API's risk. */
static void risk_page_model(struct page *p, json_t *risk, json_t *method,
                            json_t *controls)
{
	json_t *opts = json_array();
	struct strbuf title = STRBUF_INIT;

	risk_annotate(risk);
	control_links(p->m, risk, controls);
	actions_annotate(json_object_get(risk, "actions"));
	json_object_set_new(
	        risk, "has_actions",
	        json_boolean(json_array_size(json_object_get(risk, "actions"))));
	for (size_t s = 0; s < COUNT(action_states); s++)
		web_choice_add(opts, action_states[s].value, action_states[s].label,
		               "open");
	json_object_set_new(p->m, "new_action_states", opts);
	json_object_set_new(p->m, "form", risk_form(method, risk));
	json_object_set(p->m, "method", method);
	strbuf_addf(&title, "%s %s", text(risk, "ref"), text(risk, "title"));
	json_object_set_new(p->m, "title", json_string(title.buf));
	json_object_set(p->m, "risk", risk);
	strbuf_release(&title);
}

static int get_risk(struct http_ctx *c)
{
	json_t *risk = NULL, *method = NULL, *assets = NULL, *controls = NULL;
	struct strbuf rest = STRBUF_INIT;
	struct page p;
	int rc = page_begin(c, NULL_PARAMS, "risks", "Risk", &p);

	if (!rc) {
		strbuf_addstr(&rest, "/risks/");
		http_url_encode(&rest, c->param[1]);
		rc = org_read(&p, rest.buf, &risk);
	}
	if (!rc)
		rc = org_read(&p, "/risk-method", &method);
	if (!rc)
		rc = org_read(&p, "/assets?limit=1000", &assets);
	if (!rc)
		rc = annex_controls(&p, &controls);
	if (!rc && risk && method) {
		json_t *own = json_pack("[O]", risk);

		risk_suggestions(p.m, assets, own, NULL);
		json_decref(own);
		risk_page_model(&p, risk, method, controls);
	}
	if (!rc) {
		org_path(&p.self, c, "/risks/");
		http_url_encode(&p.self, text(risk, "ref"));
	}
	strbuf_release(&rest);
	json_decref(risk);
	json_decref(method);
	json_decref(assets);
	json_decref(controls);
	return page_end(&p, rc, "risk.html");
}

/* ---- the Statement of Applicability ---- */

/* The kind of a problem code; NULL for one this page does not know. */
static int problem_kind(const char *code)
{
	for (size_t i = 0; i < COUNT(problem_kinds); i++)
		if (!strcmp(problem_kinds[i].code, code))
			return (int)i;
	return -1;
}

/*
 * Each problem with its name, what to do and a link to where it is done;
 * those that only ask for approval apart from those to solve first.
 */
static void problems_model(json_t *m, json_t *problems, const char *base, bool write)
{
	json_t *solve = json_array(), *approve = json_array();
	struct strbuf href = STRBUF_INIT, what = STRBUF_INIT;

	for (size_t i = 0; i < json_array_size(problems); i++) {
		json_t *pr = json_array_get(problems, i);
		const char *ref = text(pr, "ref");
		int k = problem_kind(text(pr, "code"));
		enum fix fix = k < 0 ? FIX_NONE : problem_kinds[k].fix;
		json_t *row_anchor = web_anchor("soa-", ref);

		strbuf_reset(&href);
		strbuf_reset(&what);
		if ((fix == FIX_CONTROL || fix == FIX_SEE) && *ref) {
			bool edit = write && fix == FIX_CONTROL;

			strbuf_addf(&href, "%s/soa", base);
			if (edit)
				web_query_add(&href, "edit", ref);
			strbuf_addf(&href, "#%s", json_string_value(row_anchor));
			strbuf_addf(&what, "%s %s", edit ? "Decide on" : "See", ref);
		} else if (fix == FIX_RISK && *ref) {
			strbuf_addf(&href, "%s/risks/", base);
			http_url_encode(&href, ref);
			strbuf_addf(&what, "Open %s", ref);
		} else if (fix == FIX_APPROVE && write) {
			strbuf_addstr(&href, "#approve");
			strbuf_addstr(&what, "Approve the SoA");
		}
		json_decref(row_anchor);
		json_object_set_new(
		        pr, "label",
		        json_string(k < 0 ? text(pr, "code") : problem_kinds[k].label));
		json_object_set_new(pr, "advice",
		                    json_string(k < 0 ? "" : problem_kinds[k].advice));
		if (href.len)
			json_object_set_new(pr, "fix",
			                    json_pack("{s:s, s:s}", "href", href.buf,
			                              "text", what.buf));
		json_array_append(k >= 0 && problem_kinds[k].approval ? approve : solve,
		                  pr);
	}
	strbuf_release(&href);
	strbuf_release(&what);
	json_object_set_new(m, "has_solve", json_boolean(json_array_size(solve)));
	json_object_set_new(m, "has_approve_only",
	                    json_boolean(json_array_size(approve)));
	json_object_set_new(m, "solve", solve);
	json_object_set_new(m, "approve_only", approve);
}

/* The SoA's filters, from the query, and the row being decided (?edit=). */
struct soa_filter {
	const char *theme, *applicable, *status, *edit;
};

static int soa_filter_take(struct http_ctx *c, struct soa_filter *f)
{
	enum soa_impl s;
	bool known = false;
	int rc = 0;

	f->theme = web_given(c, "theme");
	f->applicable = web_given(c, "applicable");
	f->status = web_given(c, "status");
	f->edit = web_given(c, "edit");
	for (size_t i = 0; f->theme && i < COUNT(themes); i++)
		known = known || !strcmp(themes[i].value, f->theme);
	if (f->theme && !known)
		rc = error_set(E_INVALID,
		               "unknown theme '%s' (expected organizational, people, "
		               "physical or technological)",
		               f->theme);
	if (!rc && f->applicable && strcmp(f->applicable, "yes") &&
	    strcmp(f->applicable, "no"))
		rc = error_set(E_INVALID, "applicable is 'yes' or 'no', not '%s'",
		               f->applicable);
	if (!rc && f->status)
		rc = soa_impl_parse(f->status, &s);
	return rc;
}

static bool soa_matches(json_t *row, const struct soa_filter *f)
{
	bool applicable = json_is_true(json_object_get(row, "applicable"));

	return (!f->theme || !strcmp(text(row, "theme"), f->theme)) &&
	       (!f->applicable || applicable == !strcmp(f->applicable, "yes")) &&
	       (!f->status || !strcmp(text(row, "status"), f->status));
}

/* A code as words: "best-practice" gives "best practice". */
static json_t *words(const char *code)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *out;

	for (const char *p = code; *p; p++)
		strbuf_addch(&sb, *p == '-' ? ' ' : *p);
	out = json_stringn(sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

/* A choice labelled with its value in words. */
static void choice_words(json_t *arr, const char *value, const char *selected)
{
	json_t *label = words(value);

	web_choice_add(arr, value, json_string_value(label), selected);
	json_decref(label);
}

/* The implementation statuses, the furthest first, as choices. */
static json_t *status_choices(const char *selected)
{
	json_t *out = json_array();

	for (int s = SOA_IMPL__COUNT - 1; s >= 0; s--)
		choice_words(out, soa_impl_name((enum soa_impl)s), selected);
	return out;
}

/* The choices of the row's forms: the reason to give and the status. */
static void soa_edit_choices(json_t *row)
{
	json_t *reasons = json_array(), *inclusion = json_object_get(row, "inclusion");
	const char *reason = "business", *why = "";

	/* The form starts from the first reason people gave, if any. */
	for (size_t i = 0; i < json_array_size(inclusion); i++) {
		json_t *r = json_array_get(inclusion, i);

		if (strcmp(text(r, "reason"), soa_reason_name(SOA_REASON_RISK))) {
			reason = text(r, "reason");
			why = text(r, "text");
			break;
		}
	}
	for (int k = SOA_REASON_RISK + 1; k < SOA_REASON__COUNT; k++)
		choice_words(reasons, soa_reason_name((enum soa_reason)k), reason);
	json_object_set_new(row, "reason_options", reasons);
	json_object_set_new(row, "reason_text", json_string(why));
	json_object_set_new(row, "status_options", status_choices(text(row, "status")));
}

/* Whether a problem of the list names this control. */
static json_t *row_problems(json_t *problems, const char *ref)
{
	json_t *out = json_array();

	for (size_t i = 0; i < json_array_size(problems); i++) {
		json_t *pr = json_array_get(problems, i);

		if (!strcmp(text(pr, "ref"), ref))
			json_array_append_new(out, json_string(text(pr, "label")));
	}
	return out;
}

/* A row as the table shows it: anchor, words, its risks as links, its
 * problems; the row named by ?edit= with its forms' choices. */
static void soa_row_annotate(json_t *row, json_t *problems, const char *edit)
{
	json_t *inclusion = json_object_get(row, "inclusion");
	json_t *risks = json_object_get(row, "risks"), *links = json_array();
	const char *ref = text(row, "ref");
	json_t *flagged;

	json_object_set_new(row, "anchor", web_anchor("soa-", ref));
	for (size_t i = 0; i < json_array_size(inclusion); i++) {
		json_t *r = json_array_get(inclusion, i);

		json_object_set_new(r, "label", words(text(r, "reason")));
	}
	for (size_t i = 0; i < json_array_size(risks); i++)
		json_array_append_new(
		        links, json_pack("{s:s}", "id",
		                         json_string_value(json_array_get(risks, i))));
	json_object_set_new(row, "risk_links", links);
	json_object_set_new(row, "status_label", words(text(row, "status")));
	json_object_set_new(row, "derived_label", words(text(row, "derived_status")));
	json_object_set_new(row, "overridden",
	                    json_boolean(str(row, "override_reason") != NULL));
	flagged = row_problems(problems, ref);
	json_object_set_new(row, "flagged", json_boolean(json_array_size(flagged)));
	json_object_set_new(row, "problems", flagged);
	json_object_set_new(row, "editing", json_boolean(edit && !strcmp(edit, ref)));
	if (edit && !strcmp(edit, ref))
		soa_edit_choices(row);
}

/* The filter's selects, each with what the query chose. */
static void soa_filter_choices(json_t *m, const struct soa_filter *f)
{
	json_t *th = json_array(), *ap = json_array();

	for (size_t i = 0; i < COUNT(themes); i++)
		web_choice_add(th, themes[i].value, themes[i].label, f->theme);
	web_choice_add(ap, "yes", "applicable", f->applicable);
	web_choice_add(ap, "no", "not applicable", f->applicable);
	json_object_set_new(m, "filter",
	                    json_pack("{s:o, s:o, s:o, s:b}", "themes", th, "applicable",
	                              ap, "statuses", status_choices(f->status), "active",
	                              f->theme || f->applicable || f->status));
}

/* The rows the filter keeps, annotated, and the figures of all of them. */
static int soa_rows(json_t *m, json_t *soa, const struct soa_filter *f)
{
	json_t *controls = json_object_get(soa, "controls"), *shown = json_array();
	json_t *problems = json_object_get(soa, "problems");
	json_int_t counts[SOA_IMPL__COUNT] = { 0 };
	bool found = false;

	for (size_t i = 0; i < json_array_size(controls); i++) {
		json_t *row = json_array_get(controls, i);
		enum soa_impl s;

		soa_row_annotate(row, problems, f->edit);
		found = found || json_is_true(json_object_get(row, "editing"));
		if (json_is_true(json_object_get(row, "applicable")) &&
		    !soa_impl_parse(text(row, "status"), &s))
			counts[s]++;
		error_clear();
		if (soa_matches(row, f) || json_is_true(json_object_get(row, "editing")))
			json_array_append(shown, row);
	}
	json_object_set_new(m, "rows", shown);
	json_object_set_new(m, "shown", json_integer((json_int_t)json_array_size(shown)));
	json_object_set_new(m, "counts",
	                    json_pack("{s:I, s:I, s:I, s:I, s:I}", "implemented",
	                              counts[SOA_IMPLEMENTED], "partial",
	                              counts[SOA_PARTIAL], "planned", counts[SOA_PLANNED],
	                              "not_implemented", counts[SOA_NOT_IMPLEMENTED],
	                              "problems", (json_int_t)json_array_size(problems)));
	if (f->edit && !found)
		return error_set(E_NOTFOUND,
		                 "'%s' is not an Annex A control of the SoA: choose one "
		                 "from the list",
		                 f->edit);
	return 0;
}

/* The formats the SoA exports to, for the download links. */
static json_t *export_links(void)
{
	static const char *const formats[][2] = {
		{ "xlsx", "Excel workbook" }, { "csv", "CSV" },   { "json", "JSON" },
		{ "md", "Markdown" },         { "html", "HTML" },
	};
	json_t *out = json_array();

	for (size_t i = 0; i < COUNT(formats); i++)
		json_array_append_new(out,
		                      json_pack("{s:s, s:s}", "format", formats[i][0],
		                                "label", formats[i][1]));
	return out;
}

/* Whether the model's user may change this area (see web_model). */
static bool may_write(json_t *m, const char *area)
{
	return json_is_true(json_object_get(
	        json_object_get(json_object_get(m, "can"), area), "write"));
}

static int get_soa(struct http_ctx *c)
{
	static const char *const params[] = { "theme", "applicable", "status", "edit",
		                              NULL };
	struct soa_filter f = { 0 };
	json_t *soa = NULL, *versions = NULL;
	struct page p;
	int rc = page_begin(c, params, "soa", "Statement of Applicability", &p);

	if (!rc)
		rc = soa_filter_take(c, &f);
	if (!rc)
		rc = org_read(&p, "/soa?limit=1000", &soa);
	if (!rc)
		rc = org_read(&p, "/soa/versions?limit=1000", &versions);
	if (!rc && soa) {
		org_path(&p.scratch, c, "");
		problems_model(p.m, json_object_get(soa, "problems"), p.scratch.buf,
		               may_write(p.m, "soa"));
		rc = soa_rows(p.m, soa, &f);
	}
	if (!rc) {
		soa_filter_choices(p.m, &f);
		json_object_set_new(p.m, "exports", export_links());
		if (soa)
			json_object_set(p.m, "soa", soa);
		json_object_set_new(p.m, "has_versions",
		                    json_boolean(json_array_size(versions)));
		json_object_set_new(p.m, "versions",
		                    versions ? json_incref(versions) : json_array());
		org_path(&p.self, c, "/soa");
		web_query_add(&p.self, "theme", f.theme);
		web_query_add(&p.self, "applicable", f.applicable);
		web_query_add(&p.self, "status", f.status);
		json_object_set_new(p.m, "list_page", json_string(p.self.buf));
		web_query_add(&p.self, "edit", f.edit);
	}
	json_decref(soa);
	json_decref(versions);
	return page_end(&p, rc, "soa.html");
}

static const struct http_route pages[] = {
	{ "GET", "/orgs/{org}/assets", get_assets, ROUTE_PAGE | ROUTE_ORG, AREA_ASSET,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/risks", get_risks, ROUTE_PAGE | ROUTE_ORG, AREA_RISK,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/risks/{id}", get_risk, ROUTE_PAGE | ROUTE_ORG, AREA_RISK,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/soa", get_soa, ROUTE_PAGE | ROUTE_ORG, AREA_SOA,
	  ACCESS_READ, NULL },
};

HTTP_ROUTE_TABLE(web_risk_table, pages);
