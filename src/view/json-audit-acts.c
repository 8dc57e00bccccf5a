/*
 * json-audit-acts.c - the JSON the audit's operations answer with: what
 * the command line prints and the API returns after recording something,
 * and the documents made of several records (a person with every
 * responsibility, a programme with its audits, the cycle's coverage).
 * One place, so that `isms ... --json` and the API never differ.
 */
#include "view/audit.h"

#include "app/app.h"

json_t *json_person_detail(const struct person *p, const struct responsibility_list *resp,
                           const char *today)
{
	json_t *o = json_person(p, today);

	/* Every source's, not only those recorded on the person. */
	json_object_set_new(o, "responsibilities", json_responsibility_list(resp));
	return o;
}

json_t *json_competence_recorded(const char *person, const struct competence *c)
{
	return json_pack("{s:s?, s:I, s:s, s:s?}", "person", person, "id",
	                 (json_int_t)c->id, "kind", competence_kind_name(c->kind),
	                 "title", c->title);
}

json_t *json_programme_audits(const struct audit_programme *p,
                              const struct audit_list *audits)
{
	json_t *o = json_programme(p);

	json_object_set_new(o, "audits", json_audit_list(audits));
	return o;
}

json_t *json_audit_coverage(int cycle, const struct audit_coverage *cov)
{
	json_t *years = json_array(), *un = json_array();

	for (int y = 0; y < 3; y++) {
		const struct coverage_year *cy = &cov->years[y];

		json_array_append_new(years,
		                      json_pack("{s:i, s:i, s:i, s:b}", "year", cy->year,
		                                "completed", cy->completed, "planned",
		                                cy->planned, "audited",
		                                cy->completed + cy->planned > 0));
	}
	for (size_t i = 0; i < cov->nuncovered; i++) {
		json_t *s = json_string(cov->uncovered[i]);

		json_array_append_new(un, s ? s : json_null());
	}
	return json_pack("{s:i, s:o, s:I, s:I, s:o, s:o}", "cycle", cycle, "years", years,
	                 "total", (json_int_t)cov->total, "covered",
	                 (json_int_t)(cov->total - cov->nuncovered), "uncovered", un,
	                 "audits", json_audit_list(&cov->audits));
}

json_t *json_audit_checklist(const struct audit *a)
{
	json_t *l = json_array();

	for (size_t i = 0; i < a->ntests; i++)
		json_array_append_new(l, json_audit_test(&a->tests[i]));
	return l;
}

json_t *json_audit_assigned(int64_t audit, const char *name, bool lead,
                            bool competence_warning)
{
	return json_pack("{s:I, s:s?, s:b, s:b}", "audit", (json_int_t)audit, "assigned",
	                 name, "lead", lead, "competence_warning", competence_warning);
}

json_t *json_audit_result_recorded(int64_t audit, const char *ref, const char *result,
                                   int64_t capa)
{
	return json_pack("{s:I, s:s?, s:s?, s:o}", "audit", (json_int_t)audit, "ref", ref,
	                 "result", result, "capa",
	                 capa ? json_integer((json_int_t)capa) : json_null());
}

json_t *json_audit_issued(int64_t audit, int version, const char *issued_on)
{
	return json_pack("{s:I, s:i, s:s?}", "audit", (json_int_t)audit, "version",
	                 version, "issued_on", issued_on);
}
