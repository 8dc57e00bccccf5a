/*
 * json-risk.c - the JSON form of assets, data flows, the risk method,
 * risks, the treatment plan and the SoA (shapes documented in the README).
 */
#include <stdio.h>

#include "view/soa.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *str_array(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *risk_id(int64_t id)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "R%lld", (long long)id);
	return json_string(buf);
}

json_t *json_asset(const struct asset *a)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)a->id, "name",
	                      a->name, "type", asset_type_name(a->type), "in_scope",
	                      a->in_scope);

	json_object_set_new(o, "owner", str_or_null(a->owner));
	json_object_set_new(o, "location", str_or_null(a->location));
	json_object_set_new(o, "classification", str_or_null(a->classification));
	json_object_set_new(o, "description", str_or_null(a->description));
	json_object_set_new(o, "confidentiality", json_integer(a->confidentiality));
	json_object_set_new(o, "integrity", json_integer(a->integrity));
	json_object_set_new(o, "availability", json_integer(a->availability));
	json_object_set_new(o, "risks", json_integer(a->nrisks));
	json_object_set_new(o, "updated_at", str_or_null(a->updated_at));
	return o;
}

json_t *json_asset_list(const struct asset_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_asset(&l->v[i]));
	return a;
}

json_t *json_data_flow(const struct data_flow *f)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)f->id,
	                      "from", f->from, "to", f->to, "data_type", f->data_type,
	                      "crosses_scope", f->crosses_scope);

	json_object_set_new(o, "channel", str_or_null(f->channel));
	return o;
}

static json_t *scale(char *const *labels, int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(
		        a, json_pack("{s:i, s:s}", "value", i + 1, "label", labels[i]));
	return a;
}

json_t *json_risk_method(const struct risk_method *m)
{
	json_t *matrix = json_array();
	json_t *o;

	for (int l = 0; l < m->nlikelihood; l++) {
		json_t *row = json_array();

		for (int i = 0; i < m->nimpact; i++)
			json_array_append_new(
			        row, json_string(risk_level_name(m->matrix[l][i])));
		json_array_append_new(matrix, row);
	}
	o = json_pack("{s:i, s:o, s:o, s:o, s:s}", "version", m->version, "likelihood",
	              scale(m->likelihood, m->nlikelihood), "impact",
	              scale(m->impact, m->nimpact), "matrix", matrix, "accept_max",
	              risk_level_name(m->accept_max));
	json_object_set_new(o, "changed_by", str_or_null(m->changed_by));
	json_object_set_new(o, "changed_on", str_or_null(m->changed_on));
	json_object_set_new(o, "note", str_or_null(m->note));
	return o;
}

json_t *json_risk_method_history(const struct risk_method_history *h)
{
	json_t *a = json_array();

	for (size_t i = 0; i < h->n; i++) {
		const struct risk_method_change *c = &h->v[i];
		json_t *o =
		        json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:s}", "version",
		                  c->version, "changed_by", c->changed_by, "changed_on",
		                  c->changed_on, "likelihood", c->likelihood_scale,
		                  "impact", c->impact_scale, "matrix", c->matrix,
		                  "accept_max", risk_level_name(c->accept_max));

		json_object_set_new(o, "note", str_or_null(c->note));
		json_object_set_new(o, "risks_evaluated",
		                    json_integer(c->risks_evaluated));
		json_object_set_new(o, "risks_changed", json_integer(c->risks_changed));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *json_treatment_action(const struct treatment_action *t)
{
	json_t *o =
	        json_pack("{s:I, s:I, s:o, s:s, s:s}", "id", (json_int_t)t->id, "risk_id",
	                  (json_int_t)t->risk_id, "risk", risk_id(t->risk_id), "title",
	                  t->title, "status", t->status ? t->status : "open");

	json_object_set_new(o, "control", str_or_null(t->ref));
	json_object_set_new(o, "owner", str_or_null(t->owner));
	json_object_set_new(o, "due_on", str_or_null(t->due_on));
	return o;
}

json_t *json_risk(const struct risk *r, const struct risk_method *m)
{
	json_t *actions = json_array();
	json_t *o = json_pack("{s:I, s:o, s:s, s:s, s:s}", "id", (json_int_t)r->id, "ref",
	                      risk_id(r->id), "title", r->title, "threat", r->threat,
	                      "vulnerability", r->vulnerability);

	for (size_t i = 0; i < r->nactions; i++)
		json_array_append_new(actions, json_treatment_action(&r->actions[i]));
	json_object_set_new(o, "consequence", str_or_null(r->consequence));
	json_object_set_new(o, "assets", str_array(r->assets, r->nassets));
	json_object_set_new(o, "likelihood", json_integer(r->likelihood));
	json_object_set_new(o, "impact", json_integer(r->impact));
	json_object_set_new(o, "inherent_level",
	                    json_string(risk_level_name(r->inherent_level)));
	json_object_set_new(o, "treatment",
	                    json_string(risk_treatment_name(r->treatment)));
	json_object_set_new(o, "controls", str_array(r->controls, r->ncontrols));
	json_object_set_new(o, "other_controls", str_or_null(r->other_controls));
	json_object_set_new(o, "residual_likelihood",
	                    json_integer(r->residual_likelihood));
	json_object_set_new(o, "residual_impact", json_integer(r->residual_impact));
	json_object_set_new(o, "residual_level",
	                    json_string(risk_level_name(r->residual_level)));
	json_object_set_new(o, "above_criteria",
	                    json_boolean(m && risk_above_criteria(r, m)));
	json_object_set_new(o, "owner", str_or_null(r->owner));
	json_object_set_new(o, "accepted_by", str_or_null(r->accepted_by));
	json_object_set_new(o, "accepted_on", str_or_null(r->accepted_on));
	json_object_set_new(o, "review_on", str_or_null(r->review_on));
	json_object_set_new(o, "actions", actions);
	json_object_set_new(o, "updated_at", str_or_null(r->updated_at));
	return o;
}

json_t *json_risk_list(const struct risk_list *l, const struct risk_method *m)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_risk(&l->v[i], m));
	return a;
}

json_t *json_treatment_plan(const struct treatment_plan *p)
{
	return json_pack("{s:b, s:o, s:o, s:b}", "approved", p->approved_by != NULL,
	                 "approved_by", str_or_null(p->approved_by), "approved_on",
	                 str_or_null(p->approved_on), "changed_since_approval",
	                 p->changed);
}

json_t *json_treatment_plan_actions(const struct treatment_plan *p,
                                    const struct risk_list *l)
{
	json_t *o = json_treatment_plan(p), *actions = json_array();

	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < l->v[i].nactions; k++)
			json_array_append_new(actions,
			                      json_treatment_action(&l->v[i].actions[k]));
	json_object_set_new(o, "actions", actions);
	return o;
}

json_t *json_imported(size_t n)
{
	return json_pack("{s:I}", "imported", (json_int_t)n);
}

json_t *json_soa_row(const struct soa_row *r)
{
	json_t *reasons = json_array(), *risks = json_array();
	json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "ref", r->ref, "title", r->title,
	                      "theme", r->theme, "applicable", r->applicable);

	for (int k = 0; k < SOA_REASON__COUNT; k++)
		if (r->reason[k])
			json_array_append_new(
			        reasons, json_pack("{s:s, s:s}", "reason",
			                           soa_reason_name((enum soa_reason)k),
			                           "text", r->reason[k]));
	for (size_t i = 0; i < r->nrisks; i++)
		json_array_append_new(risks, risk_id(r->risks[i]));
	json_object_set_new(o, "inclusion", reasons);
	json_object_set_new(o, "exclusion", str_or_null(r->exclusion));
	json_object_set_new(o, "status", json_string(soa_impl_name(r->status)));
	json_object_set_new(o, "derived_status", json_string(soa_impl_name(r->derived)));
	json_object_set_new(o, "override_reason",
	                    r->overridden ? str_or_null(r->override_reason)
	                                  : json_null());
	json_object_set_new(o, "gap_status", json_string(gap_status_name(r->gap)));
	json_object_set_new(o, "risks", risks);
	json_object_set_new(o, "evidence", str_array(r->evidence, r->nevidence));
	return o;
}

json_t *json_soa_problems(const struct soa_problems *p)
{
	json_t *a = json_array();

	for (size_t i = 0; i < p->n; i++)
		json_array_append_new(
		        a,
		        json_pack("{s:s, s:o, s:s}", "code", p->v[i].code, "ref",
		                  *p->v[i].ref ? json_string(p->v[i].ref) : json_null(),
		                  "message", p->v[i].message));
	return a;
}

json_t *json_soa(const struct soa_doc *d)
{
	json_t *controls = json_array();
	size_t applicable = 0;
	json_t *o;

	for (size_t i = 0; i < d->soa->n; i++) {
		json_array_append_new(controls, json_soa_row(&d->soa->v[i]));
		applicable += d->soa->v[i].applicable;
	}
	o = json_pack("{s:s, s:s, s:I, s:I}", "organisation", d->org->slug, "date",
	              d->today, "controls_total", (json_int_t)d->soa->n,
	              "controls_applicable", (json_int_t)applicable);
	if (d->approved && d->approved->id)
		json_object_set_new(o, "approved",
		                    json_pack("{s:i, s:s, s:s}", "version",
		                              d->approved->version, "approved_by",
		                              d->approved->approved_by, "approved_on",
		                              d->approved->approved_on));
	else
		json_object_set_new(o, "approved", json_null());
	json_object_set_new(o, "aligned",
	                    json_boolean(d->problems && d->problems->n == 0));
	if (d->problems)
		json_object_set_new(o, "problems", json_soa_problems(d->problems));
	json_object_set_new(o, "controls", controls);
	return o;
}

json_t *json_soa_diff(const struct soa_diff *d)
{
	json_t *a = json_array();

	for (size_t i = 0; i < d->n; i++) {
		const struct soa_change *c = &d->v[i];
		json_t *what = json_array();

		for (size_t k = 0; k < SOA_DIFF_NFIELDS; k++)
			if (c->what & soa_diff_fields[k].bit)
				json_array_append_new(
				        what, json_string(soa_diff_fields[k].key));
		json_array_append_new(
		        a,
		        json_pack("{s:s, s:o, s:o, s:o}", "ref", c->ref, "changed", what,
		                  "from", c->from ? json_soa_row(c->from) : json_null(),
		                  "to", c->to ? json_soa_row(c->to) : json_null()));
	}
	return a;
}

json_t *json_soa_version(const struct soa_version *v)
{
	return json_pack("{s:i, s:s, s:s, s:s}", "version", v->version, "approved_by",
	                 v->approved_by, "approved_on", v->approved_on, "created_at",
	                 v->created_at);
}

json_t *json_soa_updated(const char *const *refs, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(refs[i]));
	return json_pack("{s:o}", "updated", a);
}
