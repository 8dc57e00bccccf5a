/*
 * audit.h - what the internal audit, corrective actions, people and
 * management reviews look like outside: JSON shapes and documents (the
 * audit report, the management review minutes).
 */
#ifndef ISMS_VIEW_AUDIT_H
#define ISMS_VIEW_AUDIT_H

#include <jansson.h>
#include <stdbool.h>

#include "core/audit.h"
#include "core/org.h"
#include "core/strbuf.h"

enum audit_format { AUDIT_MD, AUDIT_HTML, AUDIT_JSON, AUDIT__FORMATS };

/* "md", "html", "json"; E_INVALID naming the formats otherwise. */
int audit_format_parse(const char *s, enum audit_format *out);
const char *audit_format_name(enum audit_format f);

/* Everything the audit report shows; borrowed. */
struct audit_doc {
	const struct org *org;
	const char *scope_statement; /* the ISMS scope statement, may be NULL */
	const struct audit *audit;   /* with tests; members' competent set */
	const struct audit_summary *summary;
	/* Corrective actions opened by earlier audits on items of this
	 * audit's scope (the previous cycle's status); may be empty. */
	const struct capa_list *previous;
	/* Items of the ISMS (clause requirements and applicable controls)
	 * this audit's scope leaves out, for the limitations. */
	const char *const *outside;
	size_t noutside;
	int version;                       /* the version being issued, 0: a draft */
	const char *issued_by, *issued_on; /* with a version */
	const char *today;
};

/*
 * The report with its five sections: Introduction, Executive summary,
 * Report guidance, Audit findings, Audit limitations.
 */
int audit_report_render(const struct audit_doc *d, enum audit_format f,
                        struct strbuf *out);

struct store;

/*
 * The audit report as the command line and the API give it: once issued,
 * the document exactly as issued (version 0: the newest) unless `draft`;
 * before that, or with `draft`, the report as it stands today.  *issued
 * says which.  E_NOTFOUND for a version that was not issued.
 */
int audit_report_document(struct store *st, const struct org *org, int64_t id,
                          enum audit_format f, int version, bool draft,
                          struct strbuf *out, bool *issued);
/*
 * Issue the next version of the report: its three documents rendered for
 * that version and stored (app_audit_issue).  *version and issued_on
 * (date NULL: today) say what was issued.
 */
int audit_report_issue(struct store *st, const struct org *org, int64_t id,
                       const char *by, const char *date, const char *reason, int *version,
                       char issued_on[11]);

/* Everything the management review minutes show; borrowed. */
struct review_doc {
	const struct org *org;
	const struct review *review;
	const char *today;
};

/* The minutes: attendees, each 9.3.2 input, the decisions and actions. */
int review_minutes_render(const struct review_doc *d, enum audit_format f,
                          struct strbuf *out);

json_t *json_person(const struct person *p, const char *today);
json_t *json_person_list(const struct person_list *l, const char *today);
json_t *json_responsibility_list(const struct responsibility_list *l);
json_t *json_programme(const struct audit_programme *p);
/* With tests (the checklist and fieldwork) when `tests`. */
json_t *json_audit(const struct audit *a, bool tests);
json_t *json_audit_list(const struct audit_list *l);
json_t *json_audit_test(const struct audit_test *t);
json_t *json_audit_summary(const struct audit_summary *s);

/* A person with every responsibility from every record (person show). */
json_t *json_person_detail(const struct person *p, const struct responsibility_list *resp,
                           const char *today);
/* A competence record added: {person, id, kind, title}. */
json_t *json_competence_recorded(const char *person, const struct competence *c);
/* A cycle's programme with the cycle's audits under "audits". */
json_t *json_programme_audits(const struct audit_programme *p,
                              const struct audit_list *audits);
struct audit_coverage;
/* What a cycle's completed audits covered: {cycle, years, total, covered,
 * uncovered, audits}. */
json_t *json_audit_coverage(int cycle, const struct audit_coverage *cov);
/* The checklist with its fieldwork, line by line. */
json_t *json_audit_checklist(const struct audit *a);
/* An auditor put on the team: {audit, assigned, lead, competence_warning}. */
json_t *json_audit_assigned(int64_t audit, const char *name, bool lead,
                            bool competence_warning);
/* A result recorded: {audit, ref, result, capa}; capa 0 (none opened) is null. */
json_t *json_audit_result_recorded(int64_t audit, const char *ref, const char *result,
                                   int64_t capa);
/* A version of the report issued: {audit, version, issued_on}. */
json_t *json_audit_issued(int64_t audit, int version, const char *issued_on);
json_t *json_capa(const struct capa *c, const char *today);
json_t *json_capa_list(const struct capa_list *l, const char *today);
/* The inputs are embedded as the object they hold. */
json_t *json_review(const struct review *r);
json_t *json_review_list(const struct review_list *l);
/* One decision or action as recorded: {review, id, kind, text, owner,
 * due_on, status}. */
json_t *json_review_output(int64_t review, const struct review_output *o);

#endif
