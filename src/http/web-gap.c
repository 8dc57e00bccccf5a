/*
 * web-gap.c - the gap assessment's pages: the checklist a compliance
 * manager fills in item by item during workshops, one item with its
 * requirement text and evidence, the remediation roadmap, and the
 * evidence register.
 *
 * Every figure comes from the API's own answers (http_call) and every
 * change is a form posted to the API's routes; evidence is uploaded by
 * app.js straight to the API's upload route.  What this file adds is
 * presentation only: filters over the items already read, the choices of
 * the selects, anchors, and the links that bring the browser back to
 * the same filtered list after a change.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cert.h"
#include "core/error.h"
#include "core/gap.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "http/http.h"
#include "http/web-pages.h"
#include "http/web.h"
#include "store/store.h"
#include "view/svg.h"

/* The statuses in the order the selects and charts show them. */
static const struct {
	enum gap_status status;
	const char *label;
	enum svg_tone tone;
} statuses[] = {
	{ GAP_NOT_ASSESSED, "not assessed", SVG_LIGHT },
	{ GAP_NONCONFORMING, "nonconforming", SVG_RED },
	{ GAP_PARTIAL, "partially conforming", SVG_AMBER },
	{ GAP_CONFORMING, "conforming", SVG_GREEN },
	{ GAP_NA, "not applicable", SVG_GREY },
};

#define NSTATUSES (sizeof(statuses) / sizeof(statuses[0]))

/* The clause and theme filter: what the URL says, what the items call it. */
static const struct {
	const char *value, *group, *label;
} groups[] = {
	{ "4", "4", "4 Context" },
	{ "5", "5", "5 Leadership" },
	{ "6", "6", "6 Planning" },
	{ "7", "7", "7 Support" },
	{ "8", "8", "8 Operation" },
	{ "9", "9", "9 Performance evaluation" },
	{ "10", "10", "10 Improvement" },
	{ "A.5", "organizational", "A.5 Organizational controls" },
	{ "A.6", "people", "A.6 People controls" },
	{ "A.7", "physical", "A.7 Physical controls" },
	{ "A.8", "technological", "A.8 Technological controls" },
};

/* The score's flags that name items, as a badge says them. */
static const struct {
	const char *code, *label;
} flag_labels[] = {
	{ "paper-only", "paper only" },
	{ "clauses-unassessed", "clause not assessed" },
	{ "conforming-without-evidence", "conforming without evidence" },
};

/* A remediation action's states (the API's names). */
static const struct {
	const char *value, *label;
} action_states[] = {
	{ "open", "open" },
	{ "in-progress", "in progress" },
	{ "done", "done" },
};

/* The roadmap's phases in the order shown: days from the assessment. */
static const struct {
	const char *phase, *label;
} phases[] = {
	{ "30", "Phase 1: within 30 days of the assessment" },
	{ "60", "Phase 2: 31 to 60 days after the assessment" },
	{ "90", "Phase 3: 61 to 90 days after the assessment" },
	{ "later", "Later than 90 days after the assessment" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- small helpers ---- */

/* A string member, or NULL. */
static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* An array's string, or "". */
static const char *text_at(json_t *arr, size_t i)
{
	const char *s = json_string_value(json_array_get(arr, i));

	return s ? s : "";
}

/* A string member, or "" (for comparisons). */
static const char *text(json_t *o, const char *key)
{
	const char *s = str(o, key);

	return s ? s : "";
}

static const char *status_label(const char *name)
{
	for (size_t i = 0; name && i < NSTATUSES; i++)
		if (!strcmp(gap_status_name(statuses[i].status), name))
			return statuses[i].label;
	return name ? name : "";
}

static const char *flag_label(const char *code)
{
	for (size_t i = 0; i < COUNT(flag_labels); i++)
		if (!strcmp(flag_labels[i].code, code))
			return flag_labels[i].label;
	return code;
}

/* Whether text holds needle, ignoring the case of ASCII letters. */
static bool contains(const char *text, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = text ? text : ""; n && *p; p++) {
		size_t i = 0;

		while (i < n && p[i] &&
		       tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
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

/* The evidence of `list` with this digest, or NULL. */
static json_t *evidence_find(json_t *list, const char *sha)
{
	for (size_t i = 0; i < json_array_size(list); i++)
		if (!strcmp(text(json_array_get(list, i), "sha256"), sha))
			return json_array_get(list, i);
	return NULL;
}

/*
 * The message a script's upload leaves (?uploaded=SHA), when the page shows
 * that evidence in `list`; `linked_to` names the item it was linked to.
 */
static void uploaded_message(struct http_ctx *c, json_t *m, json_t *list,
                             const char *linked_to)
{
	const char *sha = web_given(c, "uploaded");
	json_t *e = sha ? evidence_find(list, sha) : NULL;
	struct strbuf msg = STRBUF_INIT;

	if (!e || json_object_get(m, "flash"))
		return;
	strbuf_addf(&msg, "“%s” is stored",
	            str(e, "title") ? str(e, "title") : text(e, "filename"));
	if (linked_to)
		strbuf_addf(&msg, " and linked to %s", linked_to);
	strbuf_addch(&msg, '.');
	json_object_set_new(m, "flash",
	                    json_pack("{s:b, s:s}", "ok", 1, "text", msg.buf));
	strbuf_release(&msg);
}

/* Each evidence item's short digest, for people to compare by eye. */
static void evidence_short(json_t *list)
{
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *e = json_array_get(list, i);
		const char *sha = text(e, "sha256");
		size_t n = strlen(sha);

		json_object_set_new(e, "sha_short", json_stringn(sha, n < 12 ? n : 12));
	}
}

/*
 * The kinds of evidence for the filter (kind selected) and for upload forms
 * (a record by default), and where an uploaded file may come from.
 */
static void evidence_choices(json_t *m, const char *kind, bool gap_only)
{
	json_t *kinds = json_array(), *upload = json_array(), *origins = json_array();

	for (int k = 0; k < EV__COUNT; k++) {
		const char *name = evidence_kind_name((enum evidence_kind)k);

		web_choice_add(kinds, name, name, kind);
		web_choice_add(upload, name, name, "record");
	}
	for (int o = 0; o < ORIGIN__COUNT; o++) {
		const char *name = evidence_origin_name((enum evidence_origin)o);

		/* What a gap assessment's item gets is never the audit's. */
		if (gap_only && o == ORIGIN_AUDIT)
			continue;
		web_choice_add(origins, name, name, "organisation");
	}
	json_object_set_new(m, "kinds", kinds);
	json_object_set_new(m, "upload_kinds", upload);
	json_object_set_new(m, "origins", origins);
}

/* ---- what every page shares: the model, the assessment, its paths ---- */

struct gap_page {
	struct http_ctx *c;
	json_t *m;
	json_int_t id;      /* the assessment shown; 0: there is none yet */
	char chosen[24];    /* its id when the query named it, else "" */
	struct strbuf api;  /* its API path: "/api/v1/orgs/SLUG/assessments/ID" */
	struct strbuf page; /* this page with its query, for forms' _next */
	struct strbuf scratch;
};

static int page_begin(struct http_ctx *c, const char *const *params, const char *nav,
                      const char *title, struct gap_page *p)
{
	int rc = http_query_check(c, params);

	memset(p, 0, sizeof(*p));
	p->c = c;
	strbuf_init(&p->api, 0);
	strbuf_init(&p->page, 0);
	strbuf_init(&p->scratch, 0);
	if (!rc)
		p->m = web_model(c, nav, title);
	return rc;
}

/* This page's path: "/orgs/SLUG" and rest, then the assessment if named. */
static void page_path(struct gap_page *p, const char *rest)
{
	strbuf_reset(&p->page);
	strbuf_addstr(&p->page, "/orgs/");
	http_url_encode(&p->page, p->c->org.slug);
	strbuf_addstr(&p->page, rest);
	web_query_add(&p->page, "assessment", p->chosen);
}

/* Read the current organisation's API route "rest" (already escaped). */
static int org_read(struct gap_page *p, const char *rest, json_t **out)
{
	web_org_api(&p->scratch, p->c, rest);
	return http_call(p->c, p->scratch.buf, out);
}

/* Read the shown assessment's route "rest", e.g. "/score". */
static int assessment_read(struct gap_page *p, const char *rest, json_t **out)
{
	strbuf_reset(&p->scratch);
	strbuf_addf(&p->scratch, "%s%s", p->api.buf, rest);
	return http_call(p->c, p->scratch.buf, out);
}

/*
 * The organisation's assessments for the switcher, and the one shown:
 * ?assessment=ID, else the newest.  None at all is not an error: the
 * page says so.
 */
static int pick_assessment(struct gap_page *p)
{
	const char *want = web_given(p->c, "assessment");
	json_t *list = NULL, *cur = NULL;
	int rc = org_read(p, "/assessments?limit=1000", &list);

	if (rc || !list) {
		json_decref(list);
		return rc;
	}
	for (size_t i = 0; want && i < json_array_size(list); i++) {
		char id[24];

		snprintf(id, sizeof(id), "%lld",
		         (long long)json_integer_value(
		                 json_object_get(json_array_get(list, i), "id")));
		if (!strcmp(id, want))
			cur = json_array_get(list, i);
	}
	if (want && !cur)
		rc = error_set(E_NOTFOUND,
		               "there is no gap assessment '%s' in this organisation: "
		               "choose one from the list on the gap assessment page",
		               want);
	if (!want)
		cur = json_array_get(list, json_array_size(list) - 1);
	if (!rc && cur) {
		p->id = json_integer_value(json_object_get(cur, "id"));
		if (want)
			snprintf(p->chosen, sizeof(p->chosen), "%lld", (long long)p->id);
		json_object_set(p->m, "assessment", cur);
		web_org_api(&p->api, p->c, "");
		strbuf_addf(&p->api, "/assessments/%lld", (long long)p->id);
	}
	/* Said of every one, so that no template looks further out for it. */
	for (size_t i = 0; i < json_array_size(list); i++)
		json_object_set_new(json_array_get(list, i), "current",
		                    json_boolean(json_array_get(list, i) == cur));
	json_object_set_new(p->m, "assessments", list);
	return rc;
}

/* Render the page, or give up with rc; everything of p is released. */
static int page_end(struct gap_page *p, int rc, const char *template_name)
{
	if (!rc && p->m) {
		json_object_set_new(p->m, "page", json_string(p->page.buf));
		json_object_set_new(p->m, "api", json_string(p->api.buf));
		json_object_set_new(p->m, "chosen", json_string(p->chosen));
		web_org_api(&p->scratch, p->c, "");
		json_object_set_new(p->m, "org_api", json_string(p->scratch.buf));
	}
	strbuf_release(&p->api);
	strbuf_release(&p->page);
	strbuf_release(&p->scratch);
	if (rc || !p->m) {
		json_decref(p->m);
		return rc;
	}
	return web_render(p->c, template_name, p->m);
}

/* ---- an item as the pages show it ---- */

/* The score's flags that name this item: {code, label, why}. */
static json_t *item_flags(json_t *score, const char *ref)
{
	json_t *out = json_array(), *flags = json_object_get(score, "flags");

	for (size_t i = 0; ref && i < json_array_size(flags); i++) {
		json_t *f = json_array_get(flags, i), *refs = json_object_get(f, "refs");

		for (size_t j = 0; j < json_array_size(refs); j++)
			if (!strcmp(text_at(refs, j), ref))
				json_array_append_new(
				        out, json_pack("{s:s, s:s, s:s}", "code",
				                       text(f, "code"), "label",
				                       flag_label(text(f, "code")), "why",
				                       text(f, "message")));
	}
	return out;
}

/* What the templates need beyond the API's item: labels, anchors, the
 * choices of its edit form. */
static void item_annotate(json_t *row, json_t *score)
{
	const char *ref = str(row, "ref"), *status = str(row, "status");
	json_t *maturity = json_object_get(row, "maturity");
	json_t *st = json_array(), *mat = json_array();
	char level[4], current[4] = "";

	json_object_set_new(row, "anchor", web_anchor("item-", ref));
	json_object_set_new(row, "status_label", json_string(status_label(status)));
	json_object_set_new(row, "flags", item_flags(score, ref));
	for (size_t i = 0; i < NSTATUSES; i++)
		web_choice_add(st, gap_status_name(statuses[i].status), statuses[i].label,
		               status);
	if (json_is_integer(maturity))
		snprintf(current, sizeof(current), "%d",
		         (int)json_integer_value(maturity));
	for (int i = 0; i <= GAP_MATURITY_MAX; i++) {
		snprintf(level, sizeof(level), "%d", i);
		web_choice_add(mat, level, level, current);
	}
	json_object_set_new(row, "status_options", st);
	json_object_set_new(row, "maturity_options", mat);
	json_object_set_new(row, "maturity_unset", json_boolean(!current[0]));
}

/* ---- the checklist ---- */

struct item_filter {
	const char *group; /* the items' own name for it */
	const char *group_value, *status, *owner, *flag, *q;
};

static int filter_take(struct http_ctx *c, struct item_filter *f)
{
	enum gap_status s;

	memset(f, 0, sizeof(*f));
	f->group_value = web_given(c, "group");
	f->status = web_given(c, "status");
	f->owner = web_given(c, "owner");
	f->flag = web_given(c, "flag");
	f->q = web_given(c, "q");
	for (size_t i = 0; f->group_value && i < COUNT(groups); i++)
		if (!strcmp(groups[i].value, f->group_value))
			f->group = groups[i].group;
	if (f->group_value && !f->group)
		return error_set(E_USAGE,
		                 "unknown clause or theme '%s' (expected 4 to 10 or A.5 "
		                 "to A.8)",
		                 f->group_value);
	return f->status ? gap_status_parse(f->status, &s) : 0;
}

static bool has_flag(json_t *row, const char *code)
{
	json_t *flags = json_object_get(row, "flags");

	for (size_t i = 0; i < json_array_size(flags); i++)
		if (!strcmp(text(json_array_get(flags, i), "code"), code))
			return true;
	return false;
}

static bool item_matches(json_t *row, const struct item_filter *f)
{
	const char *owner = str(row, "owner");

	if (f->group && strcmp(text(row, "group"), f->group))
		return false;
	if (f->status && strcmp(text(row, "status"), f->status))
		return false;
	if (f->owner && (!owner || strcmp(owner, f->owner)))
		return false;
	if (f->flag && !has_flag(row, f->flag))
		return false;
	return !f->q || contains(str(row, "ref"), f->q) ||
	       contains(str(row, "title"), f->q) || contains(owner, f->q) ||
	       contains(str(row, "notes"), f->q);
}

static int owner_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The filter form's choices, with what the query chose selected. */
static void filter_choices(json_t *m, json_t *items, json_t *score,
                           const struct item_filter *f)
{
	json_t *g = json_array(), *st = json_array(), *ow = json_array(),
	       *fl = json_array();
	json_t *flags = json_object_get(score, "flags");
	size_t n = json_array_size(items), k = 0;
	const char **owners = xcalloc(n ? n : 1, sizeof(*owners));

	for (size_t i = 0; i < COUNT(groups); i++)
		web_choice_add(g, groups[i].value, groups[i].label, f->group_value);
	for (size_t i = 0; i < NSTATUSES; i++)
		web_choice_add(st, gap_status_name(statuses[i].status), statuses[i].label,
		               f->status);
	for (size_t i = 0; i < n; i++)
		if (str(json_array_get(items, i), "owner"))
			owners[k++] = str(json_array_get(items, i), "owner");
	qsort(owners, k, sizeof(*owners), owner_cmp);
	for (size_t i = 0; i < k; i++)
		if (!i || strcmp(owners[i], owners[i - 1]))
			web_choice_add(ow, owners[i], owners[i], f->owner);
	free(owners);
	for (size_t i = 0; i < json_array_size(flags); i++) {
		json_t *x = json_array_get(flags, i);

		if (json_array_size(json_object_get(x, "refs")))
			web_choice_add(fl, text(x, "code"), flag_label(text(x, "code")),
			               f->flag);
	}
	json_object_set_new(
	        m, "filter",
	        json_pack("{s:o, s:o, s:o, s:o, s:s, s:b}", "groups", g, "statuses", st,
	                  "owners", ow, "flags", fl, "q", f->q ? f->q : "", "active",
	                  f->group || f->status || f->owner || f->flag || f->q));
}

/* The readiness summary: a gauge and the items by status. */
static void readiness(json_t *m, json_t *score)
{
	struct svg_part parts[NSTATUSES];
	struct strbuf svg = STRBUF_INIT;
	json_t *counts = json_object_get(score, "counts"), *overall;
	struct svg_gauge g = { .id = "gap-readiness",
		               .title = "Overall readiness",
		               .value = -1,
		               .caption = "readiness" };
	struct svg_distribution d = { .id = "gap-statuses",
		                      .title = "Requirements and controls by status",
		                      .parts = parts,
		                      .nparts = NSTATUSES };

	overall = json_object_get(score, "overall");
	if (json_is_number(overall))
		g.value = json_number_value(overall);
	chart(m, "gauge_svg", &svg, svg_gauge(&svg, &g));
	for (size_t i = 0; i < NSTATUSES; i++)
		parts[i] = (struct svg_part){
			statuses[i].label,
			(size_t)json_integer_value(json_object_get(
			        counts, gap_status_name(statuses[i].status))),
			statuses[i].tone
		};
	chart(m, "statuses_svg", &svg, svg_distribution(&svg, &d));
	strbuf_release(&svg);
	json_object_set(m, "score", score);
}

/* The items the filter keeps, each ready for its row. */
static void checklist(json_t *m, json_t *items, json_t *score,
                      const struct item_filter *f)
{
	json_t *shown = json_array();

	for (size_t i = 0; i < json_array_size(items); i++) {
		json_t *row = json_array_get(items, i);

		item_annotate(row, score);
		if (item_matches(row, f))
			json_array_append(shown, row);
	}
	filter_choices(m, items, score, f);
	json_object_set_new(m, "shown", json_integer((json_int_t)json_array_size(shown)));
	json_object_set_new(m, "total", json_integer((json_int_t)json_array_size(items)));
	json_object_set_new(m, "items", shown);
}

static int get_gap(struct http_ctx *c)
{
	static const char *const params[] = { "assessment", "group", "status", "owner",
		                              "flag",       "q",     NULL };
	struct gap_page p;
	struct item_filter f;
	json_t *score = NULL, *items = NULL;
	int rc = page_begin(c, params, "gap", "Gap assessment", &p);

	if (!rc)
		rc = filter_take(c, &f);
	if (!rc)
		rc = pick_assessment(&p);
	if (!rc && p.id)
		rc = assessment_read(&p, "/score", &score);
	if (!rc && p.id)
		rc = assessment_read(&p, "/items?limit=1000", &items);
	if (!rc && score && items) {
		readiness(p.m, score);
		checklist(p.m, items, score, &f);
	}
	if (!rc) {
		page_path(&p, "/gap");
		web_query_add(&p.page, "group", f.group_value);
		web_query_add(&p.page, "status", f.status);
		web_query_add(&p.page, "owner", f.owner);
		web_query_add(&p.page, "flag", f.flag);
		web_query_add(&p.page, "q", f.q);
	}
	json_decref(score);
	json_decref(items);
	return page_end(&p, rc, "gap.html");
}

/* ---- one item ---- */

/* A code as words: "control_type" gives "control type". */
static void words(struct strbuf *sb, const char *code)
{
	for (const char *p = code; *p; p++)
		strbuf_addch(sb, *p == '_' ? ' ' : *p);
}

/* The catalogue's attributes as lines: "control type": "preventive". */
static json_t *attributes(json_t *attrs)
{
	json_t *out = json_array();
	struct strbuf name = STRBUF_INIT, list = STRBUF_INIT;

	for (void *it = json_object_iter(attrs); it;
	     it = json_object_iter_next(attrs, it)) {
		const char *key = json_object_iter_key(it);
		json_t *values = json_object_iter_value(it);

		strbuf_reset(&name);
		strbuf_reset(&list);
		words(&name, key);
		for (size_t i = 0; i < json_array_size(values); i++) {
			if (i)
				strbuf_addstr(&list, ", ");
			words(&list, text_at(values, i));
		}
		json_array_append_new(out, json_pack("{s:s, s:s}", "name", name.buf,
		                                     "values", list.buf));
	}
	strbuf_release(&name);
	strbuf_release(&list);
	return out;
}

/* The requirement or control as the catalogue words it. */
static int catalogue_text(struct gap_page *p, json_t *item, const char *ref)
{
	const char *fw = str(json_object_get(p->m, "assessment"), "framework");
	json_t *it = NULL;
	int rc;

	if (!fw)
		return 0;
	strbuf_reset(&p->scratch);
	strbuf_addstr(&p->scratch, "/api/v1/frameworks/");
	http_url_encode(&p->scratch, fw);
	strbuf_addstr(&p->scratch, "/items/");
	http_url_encode(&p->scratch, ref);
	rc = http_call(p->c, p->scratch.buf, &it);
	if (!rc && it) {
		json_object_set_new(it, "attrs",
		                    attributes(json_object_get(it, "attributes")));
		json_object_set_new(item, "catalogue", it);
	} else {
		json_decref(it);
	}
	return rc;
}

/* Whether the model's user may do this in the area (see web_model). */
static bool may(json_t *m, const char *area, const char *what)
{
	return json_is_true(
	        json_object_get(json_object_get(json_object_get(m, "can"), area), what));
}

/* The evidence held that is not linked to the item yet, to link it. */
static int linkable(struct gap_page *p, json_t *item, const char *ref)
{
	json_t *all = NULL, *out = json_array();
	char rest[96];
	int rc;

	snprintf(rest, sizeof(rest), "/evidence?assessment=%lld&limit=1000",
	         (long long)p->id);
	rc = org_read(p, rest, &all);
	for (size_t i = 0; !rc && i < json_array_size(all); i++) {
		json_t *e = json_array_get(all, i),
		       *refs = json_object_get(e, "linked_to");
		bool linked = false;

		for (size_t j = 0; j < json_array_size(refs); j++)
			linked = linked || !strcmp(text_at(refs, j), ref);
		if (!linked)
			json_array_append(out, e);
	}
	evidence_short(out);
	json_object_set_new(item, "linkable", out);
	json_decref(all);
	return rc;
}

/* The item's page and the checklist's, keeping the assessment named. */
static void item_paths(struct gap_page *p, const char *ref)
{
	struct strbuf rest = STRBUF_INIT;

	page_path(p, "/gap");
	json_object_set_new(p->m, "list_page", json_string(p->page.buf));
	strbuf_addstr(&rest, "/gap/");
	http_url_encode(&rest, ref);
	page_path(p, rest.buf);
	strbuf_release(&rest);
}

static int get_gap_item(struct http_ctx *c)
{
	static const char *const params[] = { "assessment", "uploaded", NULL };
	const char *ref = c->param[1];
	struct gap_page p;
	struct strbuf rest = STRBUF_INIT;
	json_t *item = NULL, *score = NULL;
	int rc = page_begin(c, params, "gap", "Gap assessment item", &p);

	if (!rc)
		rc = pick_assessment(&p);
	if (!rc && !p.id)
		rc = error_set(E_NOTFOUND, "there is no gap assessment yet: start one on "
		                           "the gap assessment page");
	if (!rc) {
		strbuf_addstr(&rest, "/items/");
		http_url_encode(&rest, ref);
		rc = assessment_read(&p, rest.buf, &item);
	}
	if (!rc)
		rc = assessment_read(&p, "/score", &score);
	if (!rc && item) {
		item_annotate(item, score);
		evidence_short(json_object_get(item, "linked_evidence"));
		rc = catalogue_text(&p, item, ref);
	}
	if (!rc && item && may(p.m, "gap", "write") && may(p.m, "evidence", "write"))
		rc = linkable(&p, item, ref);
	if (!rc && item) {
		strbuf_reset(&rest);
		strbuf_addf(&rest, "%s %s", ref, text(item, "title"));
		json_object_set_new(p.m, "title", json_string(rest.buf));
		evidence_choices(p.m, "record", true);
		uploaded_message(c, p.m, json_object_get(item, "linked_evidence"), ref);
		json_object_set(p.m, "item", item);
		item_paths(&p, ref);
	}
	strbuf_release(&rest);
	json_decref(item);
	json_decref(score);
	return page_end(&p, rc, "gap-item.html");
}

/* ---- the roadmap ---- */

/* An action as its row shows it: anchor, labels, overdue, form choices. */
static void action_annotate(json_t *a, const char *today,
                            size_t counts[COUNT(action_states)], size_t *overdue)
{
	const char *state = str(a, "action_status") ? str(a, "action_status") : "open";
	const char *due = str(a, "due");
	bool estimated = json_is_true(json_object_get(a, "due_estimated"));
	struct cal_event ev = { .kind = CAL_ROADMAP, .done = !strcmp(state, "done") };
	json_t *opts = json_array();
	bool late;

	snprintf(ev.date, sizeof(ev.date), "%s", due ? due : "");
	late = due && *due && cal_overdue(&ev, today);
	*overdue += late;
	for (size_t i = 0; i < COUNT(action_states); i++) {
		web_choice_add(opts, action_states[i].value, action_states[i].label,
		               state);
		if (!strcmp(action_states[i].value, state))
			counts[i]++;
	}
	json_object_set_new(a, "anchor", web_anchor("action-", str(a, "ref")));
	json_object_set_new(a, "status_label",
	                    json_string(status_label(str(a, "status"))));
	json_object_set_new(a, "state_options", opts);
	json_object_set_new(a, "overdue", json_boolean(late));
	/* An estimated date is the roadmap's guess: the form leaves it unset. */
	json_object_set_new(a, "due_value", json_string(due && !estimated ? due : ""));
}

/* The actions by phase, and a picture of how far they have got. */
static void roadmap(json_t *m, json_t *actions)
{
	size_t counts[COUNT(action_states)] = { 0 }, overdue = 0;
	struct svg_part parts[COUNT(action_states)];
	static const enum svg_tone tones[COUNT(action_states)] = { SVG_RED, SVG_AMBER,
		                                                   SVG_GREEN };
	struct svg_distribution d = { .id = "roadmap-progress",
		                      .title = "Remediation actions by state",
		                      .parts = parts,
		                      .nparts = COUNT(action_states) };
	struct strbuf svg = STRBUF_INIT;
	json_t *by_phase = json_array();
	char today[11];

	store_today(today);
	for (size_t i = 0; i < json_array_size(actions); i++)
		action_annotate(json_array_get(actions, i), today, counts, &overdue);
	for (size_t ph = 0; ph < COUNT(phases); ph++) {
		json_t *list = json_array();

		for (size_t i = 0; i < json_array_size(actions); i++)
			if (!strcmp(text(json_array_get(actions, i), "phase"),
			            phases[ph].phase))
				json_array_append(list, json_array_get(actions, i));
		if (json_array_size(list))
			json_array_append_new(
			        by_phase,
			        json_pack("{s:s, s:s, s:o}", "phase", phases[ph].phase,
			                  "label", phases[ph].label, "actions", list));
		else
			json_decref(list);
	}
	for (size_t i = 0; i < COUNT(action_states); i++)
		parts[i] =
		        (struct svg_part){ action_states[i].label, counts[i], tones[i] };
	chart(m, "progress_svg", &svg, svg_distribution(&svg, &d));
	strbuf_release(&svg);
	json_object_set_new(m, "phases", by_phase);
	json_object_set_new(
	        m, "counts",
	        json_pack("{s:I, s:I, s:I, s:I, s:I}", "total",
	                  (json_int_t)json_array_size(actions), "open",
	                  (json_int_t)counts[0], "in_progress", (json_int_t)counts[1],
	                  "done", (json_int_t)counts[2], "overdue", (json_int_t)overdue));
}

static int get_roadmap(struct http_ctx *c)
{
	static const char *const params[] = { "assessment", NULL };
	struct gap_page p;
	json_t *actions = NULL;
	int rc = page_begin(c, params, "roadmap", "Remediation roadmap", &p);

	if (!rc)
		rc = pick_assessment(&p);
	if (!rc && p.id)
		rc = assessment_read(&p, "/roadmap?limit=1000", &actions);
	if (!rc && actions)
		roadmap(p.m, actions);
	if (!rc)
		page_path(&p, "/roadmap");
	json_decref(actions);
	return page_end(&p, rc, "roadmap.html");
}

/* ---- the evidence register ---- */

/* Keep the evidence of this kind and state (valid or expired). */
static int evidence_filter(json_t *list, const char *kind, const char *state)
{
	enum evidence_kind k;
	int rc = kind ? evidence_kind_parse(kind, &k) : 0;

	if (!rc && state && strcmp(state, "valid") && strcmp(state, "expired"))
		rc = error_set(E_USAGE, "unknown state '%s' (expected valid or expired)",
		               state);
	for (size_t i = 0; !rc && i < json_array_size(list);) {
		json_t *e = json_array_get(list, i);
		bool expired = json_is_true(json_object_get(e, "expired"));

		if ((kind && strcmp(text(e, "kind"), kind)) ||
		    (state && expired != !strcmp(state, "expired")))
			json_array_remove(list, i);
		else
			i++;
	}
	return rc;
}

static int get_evidence(struct http_ctx *c)
{
	static const char *const params[] = { "kind", "state", "uploaded", NULL };
	const char *kind = NULL, *state = NULL;
	struct gap_page p;
	json_t *list = NULL;
	size_t total;
	int rc = page_begin(c, params, "gap", "Evidence", &p);

	if (!rc) {
		kind = web_given(c, "kind");
		state = web_given(c, "state");
		rc = org_read(&p, "/evidence?limit=1000", &list);
	}
	total = json_array_size(list);
	if (!rc && list) {
		uploaded_message(c, p.m, list, NULL);
		rc = evidence_filter(list, kind, state);
	}
	if (!rc) {
		json_t *states = json_array();

		web_choice_add(states, "valid", "valid", state);
		web_choice_add(states, "expired", "expired", state);
		evidence_short(list);
		evidence_choices(p.m, kind, false);
		json_object_set_new(p.m, "states", states);
		json_object_set_new(p.m, "evidence",
		                    list ? json_incref(list) : json_array());
		json_object_set_new(p.m, "shown",
		                    json_integer((json_int_t)json_array_size(list)));
		json_object_set_new(p.m, "total", json_integer((json_int_t)total));
		json_object_set_new(p.m, "filtered", json_boolean(kind || state));
		page_path(&p, "/evidence");
		web_query_add(&p.page, "kind", kind);
		web_query_add(&p.page, "state", state);
	}
	json_decref(list);
	return page_end(&p, rc, "evidence.html");
}

static const struct http_route pages[] = {
	{ "GET", "/orgs/{org}/gap", get_gap, ROUTE_PAGE | ROUTE_ORG, AREA_GAP,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/gap/{ref}", get_gap_item, ROUTE_PAGE | ROUTE_ORG, AREA_GAP,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/roadmap", get_roadmap, ROUTE_PAGE | ROUTE_ORG, AREA_GAP,
	  ACCESS_READ, NULL },
	{ "GET", "/orgs/{org}/evidence", get_evidence, ROUTE_PAGE | ROUTE_ORG,
	  AREA_EVIDENCE, ACCESS_READ, NULL },
};

HTTP_ROUTE_TABLE(web_gap_table, pages);
