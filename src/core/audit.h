/*
 * audit.h - the internal audit (ISO/IEC 27001:2022 clause 9.2), corrective
 * action (10.2) and the people both rely on.
 *
 * The rules the seeds insist on live here, as pure functions over plain
 * structs:
 *   - no auditor audits their own work (audit_conflicts);
 *   - gap-assessment material is never audit evidence
 *     (audit_evidence_check);
 *   - every audit tests effectiveness, not only paper (the checklist
 *     always has substantive tests; audit_close_check);
 *   - a corrective action closes only after a recorded verification
 *     (capa_transition_check).
 */
#ifndef ISMS_AUDIT_H
#define ISMS_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/gap.h"

struct strbuf;
struct catalog_item;

/* ---- people ---- */

enum competence_kind { COMP_TRAINING, COMP_CERTIFICATION, COMP_EXPERIENCE, COMP__COUNT };

const char *competence_kind_name(enum competence_kind k);
int competence_kind_parse(const char *s, enum competence_kind *out);

struct competence {
	int64_t id;
	enum competence_kind kind;
	char *title;       /* "ISO/IEC 27001 Lead Auditor" */
	char *obtained_on; /* may be NULL */
	char *expires_on;  /* may be NULL */
	char *evidence;    /* SHA-256 of linked evidence, may be NULL */
	char *note;        /* may be NULL */
};

void competence_release(struct competence *c);

enum resp_role { ROLE_DESIGNS, ROLE_OWNS, ROLE_OPERATES, ROLE__COUNT };

const char *resp_role_name(enum resp_role r);
int resp_role_parse(const char *s, enum resp_role *out);

/*
 * Something a person designs, owns or operates.  ref is a canonical
 * catalogue reference ("A.5.15", "9.2.2") or a scope object
 * ("process:Payroll", "location:Berlin", "asset:CRM").
 */
struct responsibility {
	char *person; /* as recorded: a person's name or an owner field */
	char *ref;
	enum resp_role role;
	/* Where it was recorded: "person record", "gap assessment",
	 * "remediation action", "risk R3", "treatment action 7", "asset". */
	char *source;
};

struct responsibility_list {
	struct responsibility *v;
	size_t n, alloc;
};

void responsibility_list_release(struct responsibility_list *l);
/* Append a copy of the strings. */
void responsibility_add(struct responsibility_list *l, const char *person,
                        const char *ref, enum resp_role role, const char *source);

struct person {
	int64_t id;
	char *name;
	char *email; /* may be NULL */
	char *user;  /* the user account linked to the person, may be NULL */
	char *created_at;
	struct competence *competence;
	size_t ncompetence, alloc_competence;
	/* Only those recorded on the person (source "person record"). */
	struct responsibility_list owns;
};

struct person_list {
	struct person *v;
	size_t n, alloc;
};

void person_release(struct person *p);
void person_list_release(struct person_list *l);

/* A person's name: required, one line, TEXT_NAME_MAX. */
int person_name_check(const char *name);
/* An e-mail address: local@domain, one line, no blanks. */
int person_email_check(const char *email);
/* Names compare case-insensitively, ignoring surrounding blanks. */
bool person_same(const char *a, const char *b);
/* A competence record still valid on `today` (not expired). */
bool competence_current(const struct competence *c, const char *today);
/* True when the person has at least one current competence record. */
bool person_competent(const struct person *p, const char *today);

/*
 * A scope object typed by a user: "process:NAME", "location:NAME" or
 * "asset:NAME" (kind case-insensitive, name checked as a name).  Returns 1
 * and sets *canonical (caller frees; kind lower-cased) when s is one, 0
 * when s has no such prefix (a catalogue reference), <0 on error.
 */
int scope_object_parse(const char *s, char **canonical);

/* ---- the audit ---- */

enum audit_status { AUDIT_PLANNED, AUDIT_CLOSED, AUDIT_ISSUED, AUDIT__COUNT };

const char *audit_status_name(enum audit_status s);
int audit_status_parse(const char *s, enum audit_status *out);

enum test_type { TEST_COMPLIANCE, TEST_SUBSTANTIVE, TEST__COUNT };

const char *test_type_name(enum test_type t);
int test_type_parse(const char *s, enum test_type *out);

enum audit_method {
	METHOD_NONE = -1,
	METHOD_INTERVIEW,
	METHOD_OBSERVATION,
	METHOD_INSPECTION,
	METHOD_REPERFORMANCE,
	METHOD_TECHNICAL_TEST,
	METHOD__COUNT
};

const char *audit_method_name(enum audit_method m);
int audit_method_parse(const char *s, enum audit_method *out);
/*
 * The test a method performs when the auditor does not say:
 * interview and inspection test compliance; observation, reperformance
 * and technical tests show whether the control works (substantive).
 */
enum test_type audit_method_default_test(enum audit_method m);

enum audit_result {
	RESULT_NONE = -1, /* not tested yet */
	RESULT_CONFORMING,
	RESULT_MAJOR,
	RESULT_MINOR,
	RESULT_OBSERVATION,
	RESULT_OFI,
	RESULT__COUNT
};

const char *audit_result_name(enum audit_result r);
int audit_result_parse(const char *s, enum audit_result *out);
bool audit_result_is_nc(enum audit_result r);
/* The documented definition of a result, for reports and --help. */
const char *audit_result_definition(enum audit_result r);

enum nc_kind { NC_NONE = -1, NC_MISSING, NC_NOT_FUNCTIONING, NC__COUNT };

const char *nc_kind_name(enum nc_kind k);
int nc_kind_parse(const char *s, enum nc_kind *out);

/* Evidence as an audit shows it. */
struct audit_evidence {
	char sha256[65];
	char *title;
	enum evidence_kind kind;
	enum evidence_origin origin;
	char *filename;
};

/* One line of the checklist and what fieldwork found. */
struct audit_test {
	char *ref; /* canonical catalogue reference */
	enum test_type type;
	char *title;       /* of the catalogue item */
	char *group;       /* its group code ("9", "organizational") */
	char *group_title; /* "Performance evaluation" */
	bool is_clause;
	char *step;     /* what the auditor does */
	char *expected; /* the evidence expected */
	/* fieldwork; result RESULT_NONE until recorded */
	enum audit_result result;
	enum audit_method method;
	enum nc_kind nc;
	char *population;   /* may be NULL */
	int sample_size;    /* -1: none given */
	char *sample_items; /* may be NULL */
	char *note;         /* may be NULL */
	char *recorded_at;  /* may be NULL */
	struct audit_evidence *evidence;
	size_t nevidence, alloc_evidence;
	int64_t capa_id; /* the corrective action it opened, 0: none */
};

struct audit_member {
	int64_t person_id;
	char *name;
	bool lead;
	char *conflict; /* what made the assignment a conflict, may be NULL */
	char *override; /* the justification recorded for it */
	bool competent; /* had a current competence record when loaded */
};

struct audit_document {
	int seq;
	char *title;
	char *evidence; /* SHA-256 of linked evidence, may be NULL */
};

/* An issued version of the report. */
struct audit_report_version {
	int version;
	char *issued_by, *issued_on, *reason;
	char md[65], html[65], json[65]; /* SHA-256 of each document */
};

struct audit {
	int64_t id;
	int64_t org_id;
	char *title;
	char *objectives;
	char *criteria;
	char *sampling; /* may be NULL */
	char *auditees; /* comma-separated, may be NULL */
	char *start_on, *end_on;
	enum audit_status status;
	char *closed_on; /* may be NULL */
	char *classification;
	char *distribution; /* may be NULL */
	char *created_at, *updated_at;
	char **scope; /* canonical refs and scope objects, in order */
	size_t nscope, alloc_scope;
	struct audit_member *members;
	size_t nmembers, alloc_members;
	struct audit_document *documents;
	size_t ndocuments, alloc_documents;
	/* The checklist in catalogue order, compliance before substantive. */
	struct audit_test *tests;
	size_t ntests, alloc_tests;
	struct audit_report_version *reports; /* oldest first */
	size_t nreports, alloc_reports;
};

struct audit_list {
	struct audit *v; /* without tests, documents or reports */
	size_t n, alloc;
};

void audit_release(struct audit *a);
void audit_list_release(struct audit_list *l);
void audit_test_release(struct audit_test *t);

/* Default plan texts. */
#define AUDIT_CRITERIA_DEFAULT                                                   \
	"ISO/IEC 27001:2022 and the organisation's information security policy " \
	"and topic-specific policies"
extern const char *const audit_default_documents[];
extern const size_t audit_default_ndocuments;

/* Title, dates (end not before start), objectives: E_INVALID naming them. */
int audit_plan_check(const char *title, const char *start_on, const char *end_on);
/* The year of a YYYY-MM-DD date. */
int date_year(const char *date);

/*
 * Write the checklist step and the evidence expected for one test of a
 * catalogue item, in the product's own words: clause requirements are
 * tested through the documented information and the outputs they
 * require, controls by their control type (preventive, detective,
 * corrective).
 */
void audit_checklist_text(const struct catalog_item *it, enum test_type t,
                          struct strbuf *step, struct strbuf *expected);

/*
 * Independence: every responsibility of `person` (matched by
 * person_same) on something within the scope, written into `out` as
 * "owns A.5.15 (gap assessment); operates process:Payroll (person
 * record)".  Returns how many were found.
 */
size_t audit_conflicts(const char *person, const char *const *scope, size_t nscope,
                       const struct responsibility_list *resp, struct strbuf *out);

/*
 * May this result be recorded?  A nonconformity needs its kind (missing or
 * not-functioning), which other results may not have; the sample size is
 * not negative.  E_INVALID naming the problem.
 */
int audit_result_check(const char *ref, enum audit_result r, enum nc_kind k);
/*
 * May this evidence support an audit finding?  Material whose origin is a
 * gap assessment is refused (E_CONFLICT) with the reason.
 */
int audit_evidence_check(const struct audit_evidence *e);
/*
 * May the audit's fieldwork close?  It needs a lead auditor and at least
 * one substantive test with a result (E_CONFLICT otherwise).
 */
int audit_close_check(const struct audit *a);
/* E_CONFLICT unless the audit may still change (not issued). */
int audit_editable_check(const struct audit *a, const char *what);

/* Per area (catalogue group) of an audit: was effectiveness tested? */
struct audit_area {
	const char *group, *group_title; /* borrowed from the tests */
	int tests, tested;               /* checklist lines, with a result */
	int substantive;                 /* substantive tests with a result */
	int conforming, major, minor, observation, ofi;
};

struct audit_summary {
	struct audit_area *areas; /* in checklist order */
	size_t nareas;
	int tests, tested, substantive;
	int conforming, major, minor, observation, ofi;
	/* Conclusions on 9.2.1 a (conforms) and b (effective): */
	bool conforms;  /* no major or minor nonconformity */
	bool effective; /* every area had a substantive test, none broken */
};

void audit_summarise(const struct audit *a, struct audit_summary *out);
void audit_summary_release(struct audit_summary *s);

/* ---- corrective action ---- */

enum capa_status {
	CAPA_OPEN,
	CAPA_IN_PROGRESS,
	CAPA_IMPLEMENTED,
	CAPA_VERIFIED,
	CAPA_CLOSED,
	CAPA__COUNT
};

const char *capa_status_name(enum capa_status s);
int capa_status_parse(const char *s, enum capa_status *out);

struct capa {
	int64_t id;
	int64_t audit_id;
	char *audit_title;
	char *ref;
	enum test_type type;
	enum audit_result severity; /* RESULT_MAJOR or RESULT_MINOR */
	enum nc_kind nc;
	char *description; /* the finding's note, may be NULL */
	char *correction, *root_cause, *action, *owner, *due_on; /* may be NULL */
	enum capa_status status;
	char *verified_by, *verified_on, *verification_note;
	char *verification_evidence; /* SHA-256, may be NULL */
	char *closed_on;
	char *created_at, *updated_at;
};

struct capa_list {
	struct capa *v;
	size_t n, alloc;
};

void capa_release(struct capa *c);
void capa_list_release(struct capa_list *l);

/*
 * May a corrective action move from `from` to `to`?  Through `capa set`
 * only open, in-progress and implemented; verified only by a recorded
 * verification; closed only once verified (E_CONFLICT naming why).
 */
int capa_transition_check(const struct capa *c, enum capa_status to);
/* Open or in progress with a due date before today. */
bool capa_overdue(const struct capa *c, const char *today);

/* ---- the audit programme (9.2.2) ---- */

/* The programme of the three-year cycle starting in `cycle`. */
struct audit_programme {
	int cycle;
	int interval_months; /* between audits of the same area, 1..12 */
	/* The factors it was planned on; each may be NULL. */
	char *size_complexity, *legal, *rate_of_change, *risk_results, *previous_results;
	char *updated_at; /* NULL: never recorded (defaults shown) */
};

void audit_programme_release(struct audit_programme *p);

/* ---- management review (9.3) ---- */

struct review_output {
	int64_t id;
	bool action; /* an action with an owner; else a decision */
	char *text;
	char *owner;  /* actions only */
	char *due_on; /* may be NULL */
	bool done;
};

struct review {
	int64_t id;
	char *title;
	char *held_on;
	char *chair;
	char *attendees; /* comma-separated */
	char *inputs;    /* JSON object: the 9.3.2 inputs as prepared */
	char *notes;     /* may be NULL */
	bool final;      /* minutes agreed; nothing changes any more */
	char *created_at, *updated_at;
	struct review_output *outputs; /* in id order */
	size_t noutputs, alloc_outputs;
};

struct review_list {
	struct review *v;
	size_t n, alloc;
};

void review_release(struct review *r);
void review_list_release(struct review_list *l);

#endif
