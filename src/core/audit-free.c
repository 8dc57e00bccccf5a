/*
 * audit-free.c - releasing what audit.h declares: people, audits,
 * corrective actions, the programme and management reviews.  The rules
 * themselves are in audit.c.
 */
#include "audit.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void responsibility_list_release(struct responsibility_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].person);
		free(l->v[i].ref);
		free(l->v[i].source);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void responsibility_add(struct responsibility_list *l, const char *person,
                        const char *ref, enum resp_role role, const char *source)
{
	struct responsibility *r;

	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	r = &l->v[l->n++];
	r->person = xstrdup_or_null(person);
	r->ref = xstrdup_or_null(ref);
	r->role = role;
	r->source = xstrdup_or_null(source);
}

void competence_release(struct competence *c)
{
	free(c->title);
	free(c->obtained_on);
	free(c->expires_on);
	free(c->evidence);
	free(c->note);
	memset(c, 0, sizeof(*c));
}

void person_release(struct person *p)
{
	free(p->name);
	free(p->email);
	free(p->user);
	free(p->created_at);
	for (size_t i = 0; i < p->ncompetence; i++)
		competence_release(&p->competence[i]);
	free(p->competence);
	responsibility_list_release(&p->owns);
	memset(p, 0, sizeof(*p));
}

void person_list_release(struct person_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		person_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void audit_test_release(struct audit_test *t)
{
	free(t->ref);
	free(t->title);
	free(t->group);
	free(t->group_title);
	free(t->step);
	free(t->expected);
	free(t->population);
	free(t->sample_items);
	free(t->note);
	free(t->recorded_at);
	for (size_t i = 0; i < t->nevidence; i++) {
		free(t->evidence[i].title);
		free(t->evidence[i].filename);
	}
	free(t->evidence);
	memset(t, 0, sizeof(*t));
}

static void member_release(struct audit_member *m)
{
	free(m->name);
	free(m->conflict);
	free(m->override);
}

static void report_release(struct audit_report_version *v)
{
	free(v->issued_by);
	free(v->issued_on);
	free(v->reason);
}

void audit_release(struct audit *a)
{
	free(a->title);
	free(a->objectives);
	free(a->criteria);
	free(a->sampling);
	free(a->auditees);
	free(a->start_on);
	free(a->end_on);
	free(a->closed_on);
	free(a->classification);
	free(a->distribution);
	free(a->created_at);
	free(a->updated_at);
	for (size_t i = 0; i < a->nscope; i++)
		free(a->scope[i]);
	free(a->scope);
	for (size_t i = 0; i < a->nmembers; i++)
		member_release(&a->members[i]);
	free(a->members);
	for (size_t i = 0; i < a->ndocuments; i++) {
		free(a->documents[i].title);
		free(a->documents[i].evidence);
	}
	free(a->documents);
	for (size_t i = 0; i < a->ntests; i++)
		audit_test_release(&a->tests[i]);
	free(a->tests);
	for (size_t i = 0; i < a->nreports; i++)
		report_release(&a->reports[i]);
	free(a->reports);
	memset(a, 0, sizeof(*a));
}

void audit_list_release(struct audit_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		audit_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void capa_release(struct capa *c)
{
	free(c->audit_title);
	free(c->ref);
	free(c->description);
	free(c->correction);
	free(c->root_cause);
	free(c->action);
	free(c->owner);
	free(c->due_on);
	free(c->verified_by);
	free(c->verified_on);
	free(c->verification_note);
	free(c->verification_evidence);
	free(c->closed_on);
	free(c->created_at);
	free(c->updated_at);
	memset(c, 0, sizeof(*c));
}

void capa_list_release(struct capa_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		capa_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void audit_programme_release(struct audit_programme *p)
{
	free(p->size_complexity);
	free(p->legal);
	free(p->rate_of_change);
	free(p->risk_results);
	free(p->previous_results);
	free(p->updated_at);
	memset(p, 0, sizeof(*p));
}

void review_release(struct review *r)
{
	free(r->title);
	free(r->held_on);
	free(r->chair);
	free(r->attendees);
	free(r->inputs);
	free(r->notes);
	free(r->created_at);
	free(r->updated_at);
	for (size_t i = 0; i < r->noutputs; i++) {
		free(r->outputs[i].text);
		free(r->outputs[i].owner);
		free(r->outputs[i].due_on);
	}
	free(r->outputs);
	memset(r, 0, sizeof(*r));
}

void review_list_release(struct review_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		review_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
