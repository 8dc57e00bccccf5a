#include "view/json.h"

#include "core/risk.h"

#include <string.h>

#include "core/error.h"

/* json_string() refuses invalid UTF-8; stored text is validated, but a
 * NULL here would silently drop a field, so fall back to null. */
static json_t *str_or_null(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;

	return j ? j : json_null();
}

json_t *json_org(const struct org *org)
{
	return json_pack("{s:o, s:o, s:o}", "slug", str_or_null(org->slug), "name",
	                 str_or_null(org->name), "created_at",
	                 str_or_null(org->created_at));
}

json_t *json_org_list(const struct org_list *list)
{
	json_t *a = json_array();

	for (size_t i = 0; i < list->n; i++)
		json_array_append_new(a, json_org(&list->v[i]));
	return a;
}

json_t *json_scope_summary(const struct scope *scope)
{
	size_t in[SCOPE__COUNT], out[SCOPE__COUNT];
	size_t nif = 0, ndep = 0;
	json_t *o = json_object();

	scope_count(scope, in, out);
	for (int k = 0; k < SCOPE__COUNT; k++)
		json_object_set_new(o, scope_kind_name((enum scope_kind)k),
		                    json_pack("{s:I, s:I}", "in", (json_int_t)in[k],
		                              "out", (json_int_t)out[k]));
	for (size_t i = 0; i < scope->nifaces; i++) {
		if (scope->ifaces[i].kind == IFACE_DEPENDENCY)
			ndep++;
		else
			nif++;
	}
	json_object_set_new(o, "interfaces", json_integer((json_int_t)nif));
	json_object_set_new(o, "dependencies", json_integer((json_int_t)ndep));
	json_object_set_new(o, "has_statement", json_boolean(*scope->statement));
	return o;
}

json_t *json_scope_item(const struct scope_item *it)
{
	return json_pack("{s:s, s:o, s:o, s:b, s:o}", "kind", scope_kind_name(it->kind),
	                 "name", str_or_null(it->name), "description",
	                 str_or_null(it->description), "in_scope", it->in_scope,
	                 "exclusion_reason", str_or_null(it->exclusion_reason));
}

json_t *json_scope_iface(const struct scope_iface *f)
{
	return json_pack("{s:s, s:o, s:o, s:o}", "kind", iface_kind_name(f->kind), "name",
	                 str_or_null(f->name), "party", str_or_null(f->party),
	                 "description", str_or_null(f->description));
}

json_t *json_scope(const struct org *org, const struct scope *scope)
{
	json_t *items = json_array(), *ifaces = json_array();

	for (size_t i = 0; i < scope->nitems; i++)
		json_array_append_new(items, json_scope_item(&scope->items[i]));
	for (size_t i = 0; i < scope->nifaces; i++)
		json_array_append_new(ifaces, json_scope_iface(&scope->ifaces[i]));
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "org", str_or_null(org->slug),
	                 "statement", str_or_null(scope->statement), "updated_at",
	                 str_or_null(scope->updated_at), "items", items, "interfaces",
	                 ifaces, "summary", json_scope_summary(scope));
}

json_t *json_org_scope(const struct org *org, const struct scope *scope)
{
	json_t *o = json_org(org);

	json_object_set_new(o, "scope", json_scope_summary(scope));
	return o;
}

json_t *json_overview(const char *target, const char *backend, int schema_version,
                      const struct org_list *orgs, const struct scope *scopes,
                      const struct framework_list *fws)
{
	json_t *jorgs = json_array();

	for (size_t i = 0; i < orgs->n; i++)
		json_array_append_new(jorgs, json_org_scope(&orgs->v[i], &scopes[i]));
	return json_pack("{s:{s:o, s:o, s:i}, s:o, s:o}", "store", "db",
	                 str_or_null(target), "backend", str_or_null(backend),
	                 "schema_version", schema_version, "organisations", jorgs,
	                 "frameworks", json_framework_list(fws));
}

json_t *json_catalog_item(const struct catalog_item *it)
{
	json_t *o = json_pack("{s:o, s:o, s:o, s:o, s:o}", "framework",
	                      str_or_null(it->framework), "ref", str_or_null(it->ref),
	                      "kind", str_or_null(it->kind), "title",
	                      str_or_null(it->title), "group", str_or_null(it->group));

	/* Scripts filter controls by theme and clauses by their clause. */
	if (it->group_kind && !strcmp(it->group_kind, "theme"))
		json_object_set_new(o, "theme", str_or_null(it->group));
	else if (it->group_kind && !strcmp(it->group_kind, "clause"))
		json_object_set_new(o, "clause", str_or_null(it->group));
	json_object_set_new(o, "group_title", str_or_null(it->group_title));
	if (it->section)
		json_object_set_new(o, "section", str_or_null(it->section));
	json_object_set_new(o, "description", str_or_null(it->description));
	if (it->nattrs) {
		json_t *attrs = json_object();

		for (size_t i = 0; i < it->nattrs; i++) {
			json_t *arr = json_object_get(attrs, it->attrs[i].type);

			if (!arr) {
				arr = json_array();
				json_object_set_new(attrs, it->attrs[i].type, arr);
			}
			json_array_append_new(arr, str_or_null(it->attrs[i].value));
		}
		json_object_set_new(o, "attributes", attrs);
	}
	return o;
}

json_t *json_catalog_item_list(const struct catalog_item_list *list)
{
	json_t *a = json_array();

	for (size_t i = 0; i < list->n; i++)
		json_array_append_new(a, json_catalog_item(&list->v[i]));
	return a;
}

json_t *json_framework(const struct framework *fw)
{
	json_t *groups = json_array(), *attrs = json_array();
	json_int_t total = 0;

	for (size_t i = 0; i < fw->ngroups; i++) {
		const struct catalog_group *g = &fw->groups[i];

		total += g->nitems;
		json_array_append_new(groups, json_pack("{s:o, s:o, s:o, s:o, s:I}", "id",
		                                        str_or_null(g->code), "kind",
		                                        str_or_null(g->kind), "ref",
		                                        str_or_null(g->ref), "title",
		                                        str_or_null(g->title), "items",
		                                        (json_int_t)g->nitems));
	}
	for (size_t i = 0; i < fw->nattr_types; i++) {
		const struct attr_type *t = &fw->attr_types[i];
		json_t *values = json_array();

		for (size_t j = 0; j < t->nvalues; j++)
			json_array_append_new(values, str_or_null(t->values[j]));
		json_array_append_new(attrs,
		                      json_pack("{s:o, s:o, s:o}", "id",
		                                str_or_null(t->code), "title",
		                                str_or_null(t->title), "values", values));
	}
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s, s:I, s:o, s:o}", "id",
	                 str_or_null(fw->code), "name", str_or_null(fw->name), "version",
	                 str_or_null(fw->version), "publisher",
	                 str_or_null(fw->publisher), "description",
	                 str_or_null(fw->description), "source_sha256", fw->sha256,
	                 "items", total, "groups", groups, "attributes", attrs);
}

json_t *json_framework_list(const struct framework_list *list)
{
	json_t *a = json_array();

	for (size_t i = 0; i < list->n; i++)
		json_array_append_new(a, json_framework(&list->v[i]));
	return a;
}

json_t *json_catalog_import(const char *code, bool changed)
{
	return json_pack("{s:o, s:b}", "framework", str_or_null(code), "changed",
	                 changed);
}

json_t *json_error(void)
{
	return json_pack("{s:{s:s, s:s}}", "error", "code", error_name(error_code()),
	                 "message", error_message());
}

json_t *json_assessment(const struct assessment *a)
{
	return json_pack("{s:I, s:o, s:o, s:o, s:o, s:s, s:o}", "id", (json_int_t)a->id,
	                 "name", str_or_null(a->name), "framework",
	                 str_or_null(a->framework), "date", str_or_null(a->assessed_on),
	                 "assessor", str_or_null(a->assessor), "record_type",
	                 "gap-assessment", "created_at", str_or_null(a->created_at));
}

static json_t *int_or_null(int v, int none)
{
	return v == none ? json_null() : json_integer(v);
}

json_t *json_gap_row(const struct gap_row *r)
{
	json_t *o = json_pack("{s:o, s:o, s:s, s:o, s:s, s:o, s:o, s:o, s:o}", "ref",
	                      str_or_null(r->ref), "title", str_or_null(r->title), "kind",
	                      r->is_clause ? "clause" : "control", "group",
	                      str_or_null(r->group), "status", gap_status_name(r->status),
	                      "maturity", int_or_null(r->maturity, -1), "owner",
	                      str_or_null(r->owner), "notes", str_or_null(r->notes),
	                      "target_date", str_or_null(r->target_date));

	json_object_set_new(o, "justification", str_or_null(r->justification));
	json_object_set_new(o, "evidence",
	                    json_pack("{s:i, s:i, s:i}", "valid", r->ev.valid, "paper",
	                              r->ev.valid_paper, "expired", r->ev.expired));
	json_object_set_new(o, "paper_only",
	                    json_boolean(gap_evidence_paper_only(&r->ev)));
	json_object_set_new(o, "updated_at", str_or_null(r->updated_at));
	return o;
}

static json_t *json_counts(const struct gap_tally *t)
{
	json_t *o = json_object();

	for (int i = 0; i < GAP__COUNT; i++)
		json_object_set_new(o, gap_status_name((enum gap_status)i),
		                    json_integer((json_int_t)t->counts[i]));
	return o;
}

/* One decimal place, so that outputs are stable and readable. */
json_t *json_percent(double v)
{
	return json_real((double)(long long)(v * 10.0 + 0.5) / 10.0);
}

json_t *json_gap_score(const struct gap_score *s)
{
	json_t *by_clause = json_object(), *by_theme = json_object(),
	       *groups = json_array(), *flags = json_array(), *reasons = json_array();

	for (size_t i = 0; i < s->ngroups; i++) {
		const struct gap_group_score *g = &s->groups[i];

		json_object_set_new(g->is_clause ? by_clause : by_theme, g->group,
		                    json_percent(g->tally.readiness));
		json_array_append_new(
		        groups, json_pack("{s:s, s:s, s:o, s:o, s:o}", "group", g->group,
		                          "kind", g->is_clause ? "clause" : "theme",
		                          "readiness", json_percent(g->tally.readiness),
		                          "coverage", json_percent(g->tally.coverage),
		                          "counts", json_counts(&g->tally)));
	}
	for (size_t i = 0; i < s->nflags; i++) {
		const struct gap_flag *f = &s->flags[i];
		json_t *refs = json_array();

		for (size_t j = 0; j < f->nrefs; j++)
			json_array_append_new(refs, json_string(f->refs[j]));
		json_array_append_new(flags, json_pack("{s:s, s:o, s:o}", "code", f->code,
		                                       "message", str_or_null(f->message),
		                                       "refs", refs));
	}
	for (size_t i = 0; i < s->nreasons; i++)
		json_array_append_new(reasons, str_or_null(s->reasons[i]));
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o}", "overall",
	                 json_percent(s->all.readiness), "coverage",
	                 json_percent(s->all.coverage), "by_clause", by_clause,
	                 "by_theme", by_theme, "counts", json_counts(&s->all), "verdict",
	                 gap_verdict_name(s->verdict), "reasons", reasons, "flags", flags,
	                 "groups", groups);
}

json_t *json_evidence(const struct evidence *e, const char *today)
{
	json_t *o = json_pack("{s:s, s:I, s:o, s:s, s:o, s:o, s:o, s:b, s:o}", "sha256",
	                      e->sha256, "size", (json_int_t)e->size, "title",
	                      str_or_null(e->title), "kind", evidence_kind_name(e->kind),
	                      "filename", str_or_null(e->filename), "collected_on",
	                      str_or_null(e->collected_on), "valid_until",
	                      str_or_null(e->valid_until), "expired",
	                      today && evidence_expired(e, today), "added_at",
	                      str_or_null(e->added_at));
	json_t *refs = json_array();

	json_object_set_new(o, "origin", json_string(evidence_origin_name(e->origin)));
	for (size_t i = 0; i < e->nrefs; i++)
		json_array_append_new(refs, str_or_null(e->refs[i]));
	json_object_set_new(o, "linked_to", refs);
	return o;
}

json_t *json_roadmap_entry(const struct roadmap_entry *e)
{
	const struct gap_row *r = e->row;
	json_t *o = json_pack(
	        "{s:i, s:o, s:o, s:s, s:s, s:o, s:s, s:b, s:o, s:s}", "priority",
	        e->priority, "ref", str_or_null(r->ref), "title", str_or_null(r->title),
	        "kind", r->is_clause ? "clause" : "control", "status",
	        gap_status_name(r->status), "owner",
	        e->owner && *e->owner ? json_string(e->owner) : json_null(), "due",
	        e->due, "due_estimated", e->due_estimated, "phase", json_string(e->phase),
	        "effort", gap_effort_name(e->effort));

	json_object_set_new(o, "resources", str_or_null(r->resources));
	json_object_set_new(o, "action_status", json_string(e->status));
	json_object_set_new(o, "placed_by_hand", json_boolean(r->manual_rank > 0));
	json_object_set_new(o, "rank_reason", str_or_null(r->rank_reason));
	json_object_set_new(o, "risk_level",
	                    r->risk_level ? json_string(risk_level_name(r->risk_level))
	                                  : json_null());
	return o;
}

json_t *json_roadmap(const struct roadmap *rm)
{
	json_t *a = json_array();

	for (size_t i = 0; i < rm->n; i++)
		json_array_append_new(a, json_roadmap_entry(&rm->v[i]));
	return a;
}
