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
json_t *json_capa(const struct capa *c, const char *today);
json_t *json_capa_list(const struct capa_list *l, const char *today);
/* The inputs are embedded as the object they hold. */
json_t *json_review(const struct review *r);
json_t *json_review_list(const struct review_list *l);

#endif
