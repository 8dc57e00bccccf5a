/*
 * audit.c - the internal audit's rules: names of its values, the
 * checklist's wording, independence, what may be recorded and when an
 * audit or a corrective action may move on.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/audit.h"
#include "core/catalog.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

/* ---- names ---- */

static int name_parse(const char *s, const char *const *names, int n, const char *what,
                      const char *expected, int *out)
{
	for (int i = 0; i < n; i++) {
		if (s && !strcmp(s, names[i])) {
			*out = i;
			return 0;
		}
	}
	return error_set(E_INVALID, "unknown %s '%s' (expected %s)", what, s ? s : "",
	                 expected);
}

#define NAME_OF(names, v, count) ((unsigned)(v) < (count) ? (names)[v] : "?")

static const char *const competence_names[COMP__COUNT] = { "training", "certification",
	                                                   "experience" };

const char *competence_kind_name(enum competence_kind k)
{
	return NAME_OF(competence_names, k, COMP__COUNT);
}

int competence_kind_parse(const char *s, enum competence_kind *out)
{
	int v = 0;
	int rc = name_parse(s, competence_names, COMP__COUNT, "competence kind",
	                    "training, certification or experience", &v);

	*out = (enum competence_kind)v;
	return rc;
}

static const char *const role_names[ROLE__COUNT] = { "designs", "owns", "operates" };

const char *resp_role_name(enum resp_role r)
{
	return NAME_OF(role_names, r, ROLE__COUNT);
}

int resp_role_parse(const char *s, enum resp_role *out)
{
	int v = 0;
	int rc = name_parse(s, role_names, ROLE__COUNT, "role",
	                    "designs, owns or operates", &v);

	*out = (enum resp_role)v;
	return rc;
}

static const char *const status_names[AUDIT__COUNT] = { "planned", "closed", "issued" };

const char *audit_status_name(enum audit_status s)
{
	return NAME_OF(status_names, s, AUDIT__COUNT);
}

int audit_status_parse(const char *s, enum audit_status *out)
{
	int v = 0;
	int rc = name_parse(s, status_names, AUDIT__COUNT, "audit status",
	                    "planned, closed or issued", &v);

	*out = (enum audit_status)v;
	return rc;
}

static const char *const test_names[TEST__COUNT] = { "compliance", "substantive" };

const char *test_type_name(enum test_type t)
{
	return NAME_OF(test_names, t, TEST__COUNT);
}

int test_type_parse(const char *s, enum test_type *out)
{
	int v = 0;
	int rc = name_parse(s, test_names, TEST__COUNT, "test type",
	                    "compliance or substantive", &v);

	*out = (enum test_type)v;
	return rc;
}

static const char *const method_names[METHOD__COUNT] = { "interview", "observation",
	                                                 "inspection", "reperformance",
	                                                 "technical-test" };

const char *audit_method_name(enum audit_method m)
{
	return NAME_OF(method_names, m, METHOD__COUNT);
}

int audit_method_parse(const char *s, enum audit_method *out)
{
	int v = 0;
	int rc = name_parse(s, method_names, METHOD__COUNT, "audit method",
	                    "interview, observation, inspection, reperformance or "
	                    "technical-test",
	                    &v);

	*out = (enum audit_method)v;
	return rc;
}

enum test_type audit_method_default_test(enum audit_method m)
{
	return m == METHOD_INTERVIEW || m == METHOD_INSPECTION ? TEST_COMPLIANCE
	                                                       : TEST_SUBSTANTIVE;
}

static const char *const result_names[RESULT__COUNT] = { "conforming", "major", "minor",
	                                                 "observation", "ofi" };

const char *audit_result_name(enum audit_result r)
{
	return NAME_OF(result_names, r, RESULT__COUNT);
}

int audit_result_parse(const char *s, enum audit_result *out)
{
	int v = 0;
	int rc = name_parse(s, result_names, RESULT__COUNT, "audit result",
	                    "conforming, major, minor, observation or ofi", &v);

	*out = (enum audit_result)v;
	return rc;
}

bool audit_result_is_nc(enum audit_result r)
{
	return r == RESULT_MAJOR || r == RESULT_MINOR;
}

static const char *const result_definitions[RESULT__COUNT] = {
	[RESULT_CONFORMING] = "The requirement is met: practice follows what is "
	                      "documented and the evidence shows it working.",
	[RESULT_MAJOR] = "Major nonconformity: a required clause or control is "
	                 "absent or has broken down, or many minor nonconformities "
	                 "in one area together put its objective at risk.",
	[RESULT_MINOR] = "Minor nonconformity: an isolated lapse that does not put "
	                 "the requirement's objective at risk on its own.",
	[RESULT_OBSERVATION] = "Observation: not a nonconformity now, but a "
	                       "weakness that could become one if left alone.",
	[RESULT_OFI] = "Opportunity for improvement: the requirement is met, and "
	               "the auditor suggests how it could be met better.",
};

const char *audit_result_definition(enum audit_result r)
{
	return NAME_OF(result_definitions, r, RESULT__COUNT);
}

static const char *const nc_names[NC__COUNT] = { "missing", "not-functioning" };

const char *nc_kind_name(enum nc_kind k)
{
	return NAME_OF(nc_names, k, NC__COUNT);
}

int nc_kind_parse(const char *s, enum nc_kind *out)
{
	int v = 0;
	int rc = name_parse(s, nc_names, NC__COUNT, "nonconformity kind",
	                    "missing or not-functioning", &v);

	*out = (enum nc_kind)v;
	return rc;
}

static const char *const capa_names[CAPA__COUNT] = { "open", "in-progress", "implemented",
	                                             "verified", "closed" };

const char *capa_status_name(enum capa_status s)
{
	return NAME_OF(capa_names, s, CAPA__COUNT);
}

int capa_status_parse(const char *s, enum capa_status *out)
{
	int v = 0;
	int rc = name_parse(s, capa_names, CAPA__COUNT, "corrective action status",
	                    "open, in-progress, implemented, verified or closed", &v);

	*out = (enum capa_status)v;
	return rc;
}

/* ---- people ---- */

int person_name_check(const char *name)
{
	return text_check("person's name", name, TEXT_NAME_MAX, TEXT_REQUIRED);
}

int person_email_check(const char *email)
{
	const char *at = email ? strchr(email, '@') : NULL;
	int rc = text_check("e-mail address", email, TEXT_NAME_MAX, TEXT_REQUIRED);

	if (rc)
		return rc;
	for (const char *p = email; *p; p++)
		if (isspace((unsigned char)*p))
			at = NULL;
	if (!at || at == email || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return error_set(E_INVALID, "'%s' is not an e-mail address (NAME@DOMAIN)",
		                 email);
	return 0;
}

static void trimmed(const char *s, const char **start, size_t *len)
{
	size_t n;

	while (*s && isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	*start = s;
	*len = n;
}

bool person_same(const char *a, const char *b)
{
	const char *sa, *sb;
	size_t la, lb;

	if (!a || !b)
		return false;
	trimmed(a, &sa, &la);
	trimmed(b, &sb, &lb);
	return la && la == lb && !strncasecmp(sa, sb, la);
}

bool competence_current(const struct competence *c, const char *today)
{
	return !c->expires_on || strcmp(c->expires_on, today) >= 0;
}

bool person_competent(const struct person *p, const char *today)
{
	for (size_t i = 0; i < p->ncompetence; i++)
		if (competence_current(&p->competence[i], today))
			return true;
	return false;
}

static const char *const object_kinds[] = { "process", "location", "asset" };

int scope_object_parse(const char *s, char **canonical)
{
	const char *colon = strchr(s, ':');
	struct strbuf sb;
	size_t klen;
	int rc;

	*canonical = NULL;
	if (!colon)
		return 0;
	klen = (size_t)(colon - s);
	for (size_t i = 0; i < sizeof(object_kinds) / sizeof(object_kinds[0]); i++) {
		if (klen != strlen(object_kinds[i]) ||
		    strncasecmp(s, object_kinds[i], klen))
			continue;
		rc = text_check("scope object's name", colon + 1, TEXT_NAME_MAX,
		                TEXT_REQUIRED);
		if (rc)
			return rc;
		strbuf_init(&sb, 0);
		strbuf_addf(&sb, "%s:%s", object_kinds[i], colon + 1);
		*canonical = strbuf_detach(&sb, NULL);
		return 1;
	}
	return 0;
}

/* ---- the plan and the checklist ---- */

const char *const audit_default_documents[] = {
	"ISMS scope statement",
	"Statement of Applicability",
	"Information security policy",
	"Minutes of the last management review",
	"Corrective action reports",
	"Business continuity policy",
	"Risk assessment and risk treatment plan",
};
const size_t audit_default_ndocuments =
        sizeof(audit_default_documents) / sizeof(audit_default_documents[0]);

int date_year(const char *date)
{
	return date ? atoi(date) : 0;
}

int audit_plan_check(const char *title, const char *start_on, const char *end_on)
{
	int rc = text_check("audit title", title, TEXT_NAME_MAX, TEXT_REQUIRED);

	if (!rc)
		rc = date_check("start date", start_on);
	if (!rc)
		rc = date_check("end date", end_on);
	if (!rc && strcmp(end_on, start_on) < 0)
		rc = error_set(E_INVALID,
		               "the audit ends (%s) before it starts (%s); give the "
		               "fieldwork dates in order",
		               end_on, start_on);
	return rc;
}

static const char *item_attr(const struct catalog_item *it, const char *type)
{
	for (size_t i = 0; i < it->nattrs; i++)
		if (!strcmp(it->attrs[i].type, type))
			return it->attrs[i].value;
	return NULL;
}

static void clause_text(const struct catalog_item *it, enum test_type t,
                        struct strbuf *step, struct strbuf *expected)
{
	if (t == TEST_COMPLIANCE) {
		strbuf_addf(step,
		            "Read the documented information the organisation keeps "
		            "for %s %s and ask the people responsible how it is "
		            "done; confirm that what they describe matches what is "
		            "written and what the standard asks for.",
		            it->ref, it->title);
		strbuf_addf(expected,
		            "The current, approved documented information for %s, "
		            "with its owner and review date.",
		            it->ref);
	} else {
		strbuf_addf(step,
		            "Pick records the requirement %s %s produced during the "
		            "audit period and trace them through: were the outputs "
		            "made on time, by the people named, and used for the "
		            "decisions they exist for?",
		            it->ref, it->title);
		strbuf_addf(expected,
		            "Dated records from the period (minutes, reports, "
		            "registers, approvals) showing %s operating, not only "
		            "described.",
		            it->ref);
	}
}

static void control_text(const struct catalog_item *it, enum test_type t,
                         struct strbuf *step, struct strbuf *expected)
{
	const char *type = item_attr(it, "control_type");

	if (t == TEST_COMPLIANCE) {
		strbuf_addf(step,
		            "Obtain the policy or procedure that sets out %s %s; "
		            "interview its owner and an operator and check that the "
		            "way they work follows it.",
		            it->ref, it->title);
		strbuf_addf(expected,
		            "The approved policy or procedure for %s, the named "
		            "owner, and records that the people operating it know "
		            "it.",
		            it->ref);
		return;
	}
	if (type && !strcmp(type, "detective")) {
		strbuf_addf(step,
		            "Take a sample of events from the period that %s %s "
		            "should have caught; check each was detected, recorded "
		            "and passed on in time.  Where possible trigger a test "
		            "event and watch it being detected.",
		            it->ref, it->title);
		strbuf_addf(expected,
		            "Logs, alerts or tickets for the sampled events with "
		            "their timestamps, and the result of any test event.");
	} else if (type && !strcmp(type, "corrective")) {
		strbuf_addf(step,
		            "Take a sample of incidents or failures from the period "
		            "where %s %s should have acted; check that each was "
		            "handled, recovered and closed as required, and that "
		            "lessons led to changes.",
		            it->ref, it->title);
		strbuf_addf(expected,
		            "Incident, recovery or test records for the sample, "
		            "with dates, outcomes and the follow-up actions.");
	} else {
		strbuf_addf(step,
		            "Select a sample from the population %s %s applies to "
		            "and reperform or technically test the control on it: "
		            "does it actually prevent what it is meant to prevent?",
		            it->ref, it->title);
		strbuf_addf(expected,
		            "The population and the sample drawn from it, "
		            "configurations, screenshots or system output for each "
		            "sampled item, and the auditor's test results.");
	}
}

void audit_checklist_text(const struct catalog_item *it, enum test_type t,
                          struct strbuf *step, struct strbuf *expected)
{
	if (it->kind && !strcmp(it->kind, "control"))
		control_text(it, t, step, expected);
	else
		clause_text(it, t, step, expected);
}

/* ---- independence ---- */

static bool in_scope(const char *ref, const char *const *scope, size_t nscope)
{
	for (size_t i = 0; i < nscope; i++)
		if (!strcasecmp(ref, scope[i]))
			return true;
	return false;
}

size_t audit_conflicts(const char *person, const char *const *scope, size_t nscope,
                       const struct responsibility_list *resp, struct strbuf *out)
{
	size_t n = 0;

	for (size_t i = 0; i < resp->n; i++) {
		const struct responsibility *r = &resp->v[i];

		if (!person_same(person, r->person) || !in_scope(r->ref, scope, nscope))
			continue;
		strbuf_addf(out, "%s%s %s (%s)", n ? "; " : "", resp_role_name(r->role),
		            r->ref, r->source ? r->source : "recorded");
		n++;
	}
	return n;
}

/* ---- fieldwork ---- */

int audit_result_check(const char *ref, enum audit_result r, enum nc_kind k)
{
	if (audit_result_is_nc(r) && k == NC_NONE)
		return error_set(E_INVALID,
		                 "a %s nonconformity of %s needs its kind: --kind "
		                 "missing (the control or requirement is absent) or "
		                 "--kind not-functioning (it exists but no longer "
		                 "works)",
		                 audit_result_name(r), ref);
	if (!audit_result_is_nc(r) && k != NC_NONE)
		return error_set(E_INVALID,
		                 "--kind is only for nonconformities (major or minor), "
		                 "not for the result '%s'",
		                 audit_result_name(r));
	return 0;
}

int audit_evidence_check(const struct audit_evidence *e)
{
	if (e->origin == ORIGIN_GAP)
		return error_set(E_CONFLICT,
		                 "evidence %.12s ('%s') was made during a gap "
		                 "assessment and cannot support an internal-audit "
		                 "finding: a gap assessment is a planning record, and "
		                 "the auditor must collect and judge evidence afresh "
		                 "(the organisation's own records may be inspected "
		                 "again and linked)",
		                 e->sha256, e->title ? e->title : "");
	return 0;
}

int audit_close_check(const struct audit *a)
{
	bool lead = false;
	int substantive = 0;

	for (size_t i = 0; i < a->nmembers; i++)
		lead |= a->members[i].lead;
	if (!lead)
		return error_set(E_CONFLICT,
		                 "audit %lld has no lead auditor; assign one with 'isms "
		                 "audit assign %lld NAME --lead'",
		                 (long long)a->id, (long long)a->id);
	for (size_t i = 0; i < a->ntests; i++)
		if (a->tests[i].type == TEST_SUBSTANTIVE &&
		    a->tests[i].result != RESULT_NONE)
			substantive++;
	if (!substantive)
		return error_set(E_CONFLICT,
		                 "audit %lld has no substantive test result: an audit "
		                 "must test whether controls are effective, not only "
		                 "that they are documented (record one with 'isms "
		                 "audit result %lld REF --test substantive ...')",
		                 (long long)a->id, (long long)a->id);
	return 0;
}

int audit_editable_check(const struct audit *a, const char *what)
{
	if (a->status == AUDIT_ISSUED)
		return error_set(E_CONFLICT,
		                 "cannot %s: the report of audit %lld was issued and "
		                 "an issued report never changes",
		                 what, (long long)a->id);
	return 0;
}

/* ---- the summary ---- */

static struct audit_area *area_of(struct audit_summary *s, size_t *alloc,
                                  const struct audit_test *t)
{
	for (size_t i = 0; i < s->nareas; i++)
		if (!strcmp(s->areas[i].group, t->group ? t->group : ""))
			return &s->areas[i];
	ALLOC_GROW(s->areas, s->nareas + 1, *alloc);
	memset(&s->areas[s->nareas], 0, sizeof(s->areas[0]));
	s->areas[s->nareas].group = t->group ? t->group : "";
	s->areas[s->nareas].group_title = t->group_title ? t->group_title : "";
	return &s->areas[s->nareas++];
}

static void count_result(enum audit_result r, int *conforming, int *major, int *minor,
                         int *observation, int *ofi)
{
	switch (r) {
	case RESULT_CONFORMING:
		(*conforming)++;
		break;
	case RESULT_MAJOR:
		(*major)++;
		break;
	case RESULT_MINOR:
		(*minor)++;
		break;
	case RESULT_OBSERVATION:
		(*observation)++;
		break;
	case RESULT_OFI:
		(*ofi)++;
		break;
	default:
		break;
	}
}

void audit_summarise(const struct audit *a, struct audit_summary *out)
{
	size_t alloc = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < a->ntests; i++) {
		const struct audit_test *t = &a->tests[i];
		struct audit_area *ar = area_of(out, &alloc, t);

		ar->tests++;
		out->tests++;
		if (t->result == RESULT_NONE)
			continue;
		ar->tested++;
		out->tested++;
		if (t->type == TEST_SUBSTANTIVE) {
			ar->substantive++;
			out->substantive++;
		}
		count_result(t->result, &ar->conforming, &ar->major, &ar->minor,
		             &ar->observation, &ar->ofi);
		count_result(t->result, &out->conforming, &out->major, &out->minor,
		             &out->observation, &out->ofi);
	}
	out->conforms = out->tested && !out->major && !out->minor;
	out->effective = out->nareas > 0 && !out->major;
	for (size_t i = 0; i < out->nareas; i++)
		if (!out->areas[i].substantive)
			out->effective = false;
}

void audit_summary_release(struct audit_summary *s)
{
	free(s->areas);
	memset(s, 0, sizeof(*s));
}

/* ---- corrective action ---- */

int capa_transition_check(const struct capa *c, enum capa_status to)
{
	if (c->status == CAPA_CLOSED)
		return error_set(E_CONFLICT, "corrective action %lld is closed",
		                 (long long)c->id);
	if (to == CAPA_CLOSED && c->status != CAPA_VERIFIED)
		return error_set(E_CONFLICT,
		                 "corrective action %lld cannot close before its "
		                 "effectiveness is verified; record the verification "
		                 "with 'isms capa verify %lld --by NAME --note TEXT'",
		                 (long long)c->id, (long long)c->id);
	if (to == CAPA_VERIFIED && (!c->verified_by || !c->verified_on))
		return error_set(E_CONFLICT,
		                 "corrective action %lld is verified only by 'isms "
		                 "capa verify', which records who verified it, when "
		                 "and on what evidence",
		                 (long long)c->id);
	if (to < CAPA_VERIFIED && c->status == CAPA_VERIFIED)
		return error_set(E_CONFLICT,
		                 "corrective action %lld was verified; it can only "
		                 "close now",
		                 (long long)c->id);
	return 0;
}

bool capa_overdue(const struct capa *c, const char *today)
{
	return c->status < CAPA_IMPLEMENTED && c->due_on && strcmp(c->due_on, today) < 0;
}
