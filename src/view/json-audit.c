/*
 * json-audit.c - the JSON form of people, the audit programme, internal
 * audits and their checklists, corrective actions and management reviews.
 *
 * Keys are the struct fields in snake_case; enumerations are their names;
 * a NULL string is null.  Each function returns a new reference.
 */
#include "view/audit.h"

#include <ctype.h>
#include <string.h>

/* json_string() refuses invalid UTF-8; stored text is validated, but a
 * NULL here would silently drop a field, so fall back to null. */
static json_t *str_or_null(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;

	return j ? j : json_null();
}

/* A name that may be absent (NULL, or an enumeration's "none"). */
static json_t *name_or_null(bool none, const char *name)
{
	return none ? json_null() : str_or_null(name);
}

static json_t *str_array(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, str_or_null(v[i]));
	return a;
}

/* "Finance, IT , HR" as ["Finance", "IT", "HR"]; empty parts dropped. */
static json_t *split_commas(const char *s)
{
	json_t *a = json_array();

	while (s && *s) {
		const char *end = strchr(s, ',');
		const char *b = s, *e = end ? end : s + strlen(s);

		while (b < e && isspace((unsigned char)*b))
			b++;
		while (e > b && isspace((unsigned char)e[-1]))
			e--;
		if (e > b) {
			json_t *j = json_stringn(b, (size_t)(e - b));

			json_array_append_new(a, j ? j : json_null());
		}
		if (!end)
			break;
		s = end + 1;
	}
	return a;
}

/* A SHA-256 kept in a fixed array: null when empty. */
static json_t *digest(const char *sha)
{
	return *sha ? str_or_null(sha) : json_null();
}

/* ---- people ---- */

static json_t *json_competence(const struct competence *c, const char *today)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer((json_int_t)c->id));
	json_object_set_new(o, "kind", json_string(competence_kind_name(c->kind)));
	json_object_set_new(o, "title", str_or_null(c->title));
	json_object_set_new(o, "obtained_on", str_or_null(c->obtained_on));
	json_object_set_new(o, "expires_on", str_or_null(c->expires_on));
	json_object_set_new(o, "evidence", str_or_null(c->evidence));
	json_object_set_new(o, "note", str_or_null(c->note));
	json_object_set_new(o, "current", json_boolean(competence_current(c, today)));
	return o;
}

json_t *json_person(const struct person *p, const char *today)
{
	json_t *o = json_object(), *comp = json_array(), *resp = json_array();

	for (size_t i = 0; i < p->ncompetence; i++)
		json_array_append_new(comp, json_competence(&p->competence[i], today));
	for (size_t i = 0; i < p->owns.n; i++) {
		const struct responsibility *r = &p->owns.v[i];
		json_t *j = json_object();

		json_object_set_new(j, "ref", str_or_null(r->ref));
		json_object_set_new(j, "role", json_string(resp_role_name(r->role)));
		json_object_set_new(j, "source", str_or_null(r->source));
		json_array_append_new(resp, j);
	}
	json_object_set_new(o, "id", json_integer((json_int_t)p->id));
	json_object_set_new(o, "name", str_or_null(p->name));
	json_object_set_new(o, "email", str_or_null(p->email));
	json_object_set_new(o, "user", str_or_null(p->user));
	json_object_set_new(o, "competent", json_boolean(person_competent(p, today)));
	json_object_set_new(o, "competence", comp);
	json_object_set_new(o, "responsibilities", resp);
	json_object_set_new(o, "created_at", str_or_null(p->created_at));
	return o;
}

json_t *json_person_list(const struct person_list *l, const char *today)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_person(&l->v[i], today));
	return a;
}

json_t *json_responsibility_list(const struct responsibility_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct responsibility *r = &l->v[i];
		json_t *o = json_object();

		json_object_set_new(o, "person", str_or_null(r->person));
		json_object_set_new(o, "ref", str_or_null(r->ref));
		json_object_set_new(o, "role", json_string(resp_role_name(r->role)));
		json_object_set_new(o, "source", str_or_null(r->source));
		json_array_append_new(a, o);
	}
	return a;
}

/* ---- the audit programme ---- */

json_t *json_programme(const struct audit_programme *p)
{
	json_t *o = json_object(), *f = json_object();

	json_object_set_new(f, "size_complexity", str_or_null(p->size_complexity));
	json_object_set_new(f, "legal", str_or_null(p->legal));
	json_object_set_new(f, "rate_of_change", str_or_null(p->rate_of_change));
	json_object_set_new(f, "risk_results", str_or_null(p->risk_results));
	json_object_set_new(f, "previous_results", str_or_null(p->previous_results));
	json_object_set_new(o, "cycle", json_integer(p->cycle));
	json_object_set_new(o, "years",
	                    json_pack("[i, i, i]", p->cycle, p->cycle + 1, p->cycle + 2));
	json_object_set_new(o, "interval_months", json_integer(p->interval_months));
	json_object_set_new(o, "factors", f);
	json_object_set_new(o, "updated_at", str_or_null(p->updated_at));
	return o;
}

/* ---- the audit ---- */

json_t *json_audit_test(const struct audit_test *t)
{
	json_t *o = json_object(), *ev = json_array();

	for (size_t i = 0; i < t->nevidence; i++) {
		const struct audit_evidence *e = &t->evidence[i];
		json_t *j = json_object();

		json_object_set_new(j, "sha256", digest(e->sha256));
		json_object_set_new(j, "title", str_or_null(e->title));
		json_object_set_new(j, "kind", json_string(evidence_kind_name(e->kind)));
		json_object_set_new(j, "origin",
		                    json_string(evidence_origin_name(e->origin)));
		json_object_set_new(j, "filename", str_or_null(e->filename));
		json_array_append_new(ev, j);
	}
	json_object_set_new(o, "ref", str_or_null(t->ref));
	json_object_set_new(o, "title", str_or_null(t->title));
	json_object_set_new(o, "group", str_or_null(t->group));
	json_object_set_new(o, "area", str_or_null(t->group_title));
	json_object_set_new(o, "is_clause", json_boolean(t->is_clause));
	json_object_set_new(o, "test", json_string(test_type_name(t->type)));
	json_object_set_new(o, "step", str_or_null(t->step));
	json_object_set_new(o, "expected", str_or_null(t->expected));
	json_object_set_new(
	        o, "method",
	        name_or_null(t->method == METHOD_NONE, audit_method_name(t->method)));
	json_object_set_new(o, "population", str_or_null(t->population));
	json_object_set_new(o, "sample_size",
	                    t->sample_size < 0 ? json_null()
	                                       : json_integer(t->sample_size));
	json_object_set_new(o, "sample_items", str_or_null(t->sample_items));
	json_object_set_new(
	        o, "result",
	        name_or_null(t->result == RESULT_NONE, audit_result_name(t->result)));
	json_object_set_new(o, "kind",
	                    name_or_null(t->nc == NC_NONE, nc_kind_name(t->nc)));
	json_object_set_new(o, "note", str_or_null(t->note));
	json_object_set_new(o, "recorded_at", str_or_null(t->recorded_at));
	json_object_set_new(o, "evidence", ev);
	json_object_set_new(o, "capa",
	                    t->capa_id ? json_integer((json_int_t)t->capa_id)
	                               : json_null());
	return o;
}

static json_t *json_member(const struct audit_member *m)
{
	json_t *o = json_object();

	json_object_set_new(o, "person_id", json_integer((json_int_t)m->person_id));
	json_object_set_new(o, "name", str_or_null(m->name));
	json_object_set_new(o, "lead", json_boolean(m->lead));
	json_object_set_new(o, "competent", json_boolean(m->competent));
	json_object_set_new(o, "conflict", str_or_null(m->conflict));
	json_object_set_new(o, "override", str_or_null(m->override));
	return o;
}

static json_t *json_report_version(const struct audit_report_version *v)
{
	json_t *o = json_object();

	json_object_set_new(o, "version", json_integer(v->version));
	json_object_set_new(o, "issued_by", str_or_null(v->issued_by));
	json_object_set_new(o, "issued_on", str_or_null(v->issued_on));
	json_object_set_new(o, "reason", str_or_null(v->reason));
	json_object_set_new(o, "sha256",
	                    json_pack("{s:o, s:o, s:o}", "md", digest(v->md), "html",
	                              digest(v->html), "json", digest(v->json)));
	return o;
}

json_t *json_audit(const struct audit *a, bool tests)
{
	json_t *o = json_object(), *team = json_array(), *docs = json_array();
	json_t *reports = json_array();

	for (size_t i = 0; i < a->nmembers; i++)
		json_array_append_new(team, json_member(&a->members[i]));
	for (size_t i = 0; i < a->ndocuments; i++) {
		const struct audit_document *d = &a->documents[i];

		json_array_append_new(docs,
		                      json_pack("{s:i, s:o, s:o}", "seq", d->seq, "title",
		                                str_or_null(d->title), "evidence",
		                                str_or_null(d->evidence)));
	}
	for (size_t i = 0; i < a->nreports; i++)
		json_array_append_new(reports, json_report_version(&a->reports[i]));
	json_object_set_new(o, "id", json_integer((json_int_t)a->id));
	json_object_set_new(o, "title", str_or_null(a->title));
	json_object_set_new(o, "objectives", str_or_null(a->objectives));
	json_object_set_new(o, "criteria", str_or_null(a->criteria));
	json_object_set_new(o, "sampling", str_or_null(a->sampling));
	json_object_set_new(o, "auditees", split_commas(a->auditees));
	json_object_set_new(o, "start_on", str_or_null(a->start_on));
	json_object_set_new(o, "end_on", str_or_null(a->end_on));
	json_object_set_new(o, "status", json_string(audit_status_name(a->status)));
	json_object_set_new(o, "closed_on", str_or_null(a->closed_on));
	json_object_set_new(o, "classification", str_or_null(a->classification));
	json_object_set_new(o, "distribution", str_or_null(a->distribution));
	json_object_set_new(o, "scope", str_array(a->scope, a->nscope));
	json_object_set_new(o, "team", team);
	json_object_set_new(o, "documents", docs);
	json_object_set_new(o, "reports", reports);
	json_object_set_new(o, "created_at", str_or_null(a->created_at));
	json_object_set_new(o, "updated_at", str_or_null(a->updated_at));
	if (tests) {
		json_t *list = json_array();

		for (size_t i = 0; i < a->ntests; i++)
			json_array_append_new(list, json_audit_test(&a->tests[i]));
		json_object_set_new(o, "checklist", list);
	}
	return o;
}

json_t *json_audit_list(const struct audit_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_audit(&l->v[i], false));
	return a;
}

/* The counts an area and the whole audit share. */
static void counts(json_t *o, int tests, int tested, int substantive, int conforming,
                   int major, int minor, int observation, int ofi)
{
	json_object_set_new(o, "tests", json_integer(tests));
	json_object_set_new(o, "tested", json_integer(tested));
	json_object_set_new(o, "substantive", json_integer(substantive));
	json_object_set_new(o, "conforming", json_integer(conforming));
	json_object_set_new(o, "major", json_integer(major));
	json_object_set_new(o, "minor", json_integer(minor));
	json_object_set_new(o, "observation", json_integer(observation));
	json_object_set_new(o, "ofi", json_integer(ofi));
}

json_t *json_audit_summary(const struct audit_summary *s)
{
	json_t *o = json_object(), *areas = json_array();

	for (size_t i = 0; i < s->nareas; i++) {
		const struct audit_area *ar = &s->areas[i];
		json_t *j = json_object();

		json_object_set_new(j, "group", str_or_null(ar->group));
		json_object_set_new(j, "title", str_or_null(ar->group_title));
		counts(j, ar->tests, ar->tested, ar->substantive, ar->conforming,
		       ar->major, ar->minor, ar->observation, ar->ofi);
		json_object_set_new(j, "effectiveness_tested",
		                    json_boolean(ar->substantive > 0));
		json_array_append_new(areas, j);
	}
	counts(o, s->tests, s->tested, s->substantive, s->conforming, s->major, s->minor,
	       s->observation, s->ofi);
	json_object_set_new(o, "conforms", json_boolean(s->conforms));
	json_object_set_new(o, "effective", json_boolean(s->effective));
	json_object_set_new(o, "areas", areas);
	return o;
}

/* ---- corrective action ---- */

json_t *json_capa(const struct capa *c, const char *today)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer((json_int_t)c->id));
	json_object_set_new(o, "audit", json_integer((json_int_t)c->audit_id));
	json_object_set_new(o, "audit_title", str_or_null(c->audit_title));
	json_object_set_new(o, "ref", str_or_null(c->ref));
	json_object_set_new(o, "test", json_string(test_type_name(c->type)));
	json_object_set_new(
	        o, "severity",
	        name_or_null(c->severity == RESULT_NONE, audit_result_name(c->severity)));
	json_object_set_new(o, "kind",
	                    name_or_null(c->nc == NC_NONE, nc_kind_name(c->nc)));
	json_object_set_new(o, "description", str_or_null(c->description));
	json_object_set_new(o, "correction", str_or_null(c->correction));
	json_object_set_new(o, "root_cause", str_or_null(c->root_cause));
	json_object_set_new(o, "action", str_or_null(c->action));
	json_object_set_new(o, "owner", str_or_null(c->owner));
	json_object_set_new(o, "due_on", str_or_null(c->due_on));
	json_object_set_new(o, "status", json_string(capa_status_name(c->status)));
	json_object_set_new(o, "verified_by", str_or_null(c->verified_by));
	json_object_set_new(o, "verified_on", str_or_null(c->verified_on));
	json_object_set_new(o, "verification_note", str_or_null(c->verification_note));
	json_object_set_new(o, "verification_evidence",
	                    str_or_null(c->verification_evidence));
	json_object_set_new(o, "closed_on", str_or_null(c->closed_on));
	json_object_set_new(o, "overdue", json_boolean(capa_overdue(c, today)));
	json_object_set_new(o, "created_at", str_or_null(c->created_at));
	json_object_set_new(o, "updated_at", str_or_null(c->updated_at));
	return o;
}

json_t *json_capa_list(const struct capa_list *l, const char *today)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_capa(&l->v[i], today));
	return a;
}

/* ---- management review ---- */

/* A decision or action's members, after whatever j holds already. */
static json_t *review_output_fields(json_t *j, const struct review_output *out)
{
	json_object_set_new(j, "id", json_integer((json_int_t)out->id));
	json_object_set_new(j, "kind", json_string(out->action ? "action" : "decision"));
	json_object_set_new(j, "text", str_or_null(out->text));
	json_object_set_new(j, "owner", str_or_null(out->owner));
	json_object_set_new(j, "due_on", str_or_null(out->due_on));
	json_object_set_new(j, "status", json_string(out->done ? "done" : "open"));
	return j;
}

json_t *json_review_output(int64_t review, const struct review_output *o)
{
	json_t *j = json_object();

	json_object_set_new(j, "review", json_integer((json_int_t)review));
	return review_output_fields(j, o);
}

json_t *json_review(const struct review *r)
{
	json_t *o = json_object(), *outputs = json_array();
	json_t *inputs = r->inputs ? json_loads(r->inputs, 0, NULL) : NULL;

	for (size_t i = 0; i < r->noutputs; i++)
		json_array_append_new(
		        outputs, review_output_fields(json_object(), &r->outputs[i]));
	json_object_set_new(o, "id", json_integer((json_int_t)r->id));
	json_object_set_new(o, "title", str_or_null(r->title));
	json_object_set_new(o, "held_on", str_or_null(r->held_on));
	json_object_set_new(o, "chair", str_or_null(r->chair));
	json_object_set_new(o, "attendees", split_commas(r->attendees));
	json_object_set_new(o, "inputs", inputs ? inputs : json_null());
	json_object_set_new(o, "notes", str_or_null(r->notes));
	json_object_set_new(o, "final", json_boolean(r->final));
	json_object_set_new(o, "status", json_string(r->final ? "final" : "draft"));
	json_object_set_new(o, "created_at", str_or_null(r->created_at));
	json_object_set_new(o, "updated_at", str_or_null(r->updated_at));
	json_object_set_new(o, "outputs", outputs);
	return o;
}

json_t *json_review_list(const struct review_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_review(&l->v[i]));
	return a;
}
