/*
 * soa.h - the Statement of Applicability (ISO/IEC 27001:2022 6.1.3 d):
 * every Annex A control, whether it applies and why, how far it is in
 * place, and the risks and evidence behind it; its frozen versions; and
 * the check that keeps it aligned with the risk assessment.
 *
 * The SoA is built, not typed: inclusion for risk treatment comes from
 * the risks that select a control, the implementation status from the
 * newest gap assessment and the treatment plan.  What people decide
 * (applicability, the other reasons, an exclusion's justification, an
 * overridden status) is kept per control and laid over that.
 */
#ifndef ISMS_SOA_H
#define ISMS_SOA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/gap.h"
#include "core/risk.h"

enum soa_impl {
	SOA_NOT_IMPLEMENTED,
	SOA_PLANNED,
	SOA_PARTIAL,
	SOA_IMPLEMENTED,
	SOA_IMPL__COUNT
};

/* "not-implemented", "planned", "partial", "implemented" */
const char *soa_impl_name(enum soa_impl s);
int soa_impl_parse(const char *s, enum soa_impl *out);

/* Reasons for including a control; the first is derived, never typed. */
enum soa_reason {
	SOA_REASON_RISK,
	SOA_REASON_LEGAL,
	SOA_REASON_CONTRACTUAL,
	SOA_REASON_BUSINESS,
	SOA_REASON_BEST_PRACTICE,
	SOA_REASON__COUNT
};

/* "risk-treatment", "legal", "contractual", "business", "best-practice" */
const char *soa_reason_name(enum soa_reason r);
int soa_reason_parse(const char *s, enum soa_reason *out);

/*
 * Status from the gap assessment's finding: conforming is implemented,
 * partial is partial, anything else is planned when an action is open for
 * the control and not-implemented otherwise.
 */
enum soa_impl soa_derive_status(enum gap_status gap, bool has_action);

/* What people decided about one control (stored per organisation). */
struct soa_decision {
	char *ref;
	int applicable;                  /* 1, 0, or -1 not decided (applicable) */
	char *exclusion;                 /* justification for exclusion */
	char *reason[SOA_REASON__COUNT]; /* [SOA_REASON_RISK] unused */
	int status;                      /* an enum soa_impl, or -1: not overridden */
	char *override_reason;
	char *updated_at;
};

struct soa_decision_list {
	struct soa_decision *v;
	size_t n, alloc;
};

void soa_decision_release(struct soa_decision *d);
void soa_decision_list_release(struct soa_decision_list *l);

/* One control in the SoA. */
struct soa_row {
	char *ref;
	char *title;
	char *theme; /* group code: organizational, people ... */
	bool applicable;
	char *exclusion;
	/* Inclusion reasons; [SOA_REASON_RISK] is derived from the risks. */
	char *reason[SOA_REASON__COUNT];
	enum soa_impl status;
	enum soa_impl derived; /* what the status would be without override */
	bool overridden;
	char *override_reason;
	enum gap_status gap; /* newest assessment's finding */
	bool has_action;     /* an open treatment or remediation action */
	int64_t *risks;      /* ids of the risks that select it */
	size_t nrisks, alloc_risks;
	char **evidence; /* "title (sha-prefix)" of its linked evidence */
	size_t nevidence, alloc_evidence;
};

struct soa {
	struct soa_row *v;
	size_t n, alloc;
};

void soa_row_release(struct soa_row *r);
void soa_release(struct soa *s);
const struct soa_row *soa_find(const struct soa *s, const char *ref);

/* A control of the catalogue, as the SoA needs it. */
struct soa_control {
	const char *ref, *title, *theme;
	enum gap_status gap;         /* GAP_NOT_ASSESSED without an assessment */
	bool remediation_open;       /* the gap roadmap has an open action */
	const char *const *evidence; /* "title (sha-prefix)" */
	size_t nevidence;
};

/*
 * Build the SoA: one row per control, in the order given, from the
 * decisions (matched by reference) and the risks (their selected controls,
 * and their open actions that name a control).
 */
void soa_build(const struct soa_control *controls, size_t ncontrols,
               const struct soa_decision_list *decisions, const struct risk_list *risks,
               struct soa *out);

/* A frozen version. */
struct soa_version {
	int64_t id;
	int version; /* 1, 2, ... per organisation */
	char *approved_by;
	char *approved_on;
	char *created_at;
	struct soa soa;
};

struct soa_version_list {
	struct soa_version *v;
	size_t n, alloc;
};

void soa_version_release(struct soa_version *v);
void soa_version_list_release(struct soa_version_list *l);

/* ---- comparing two SoAs ---- */

/* What differs for one control between two SoAs. */
enum {
	SOA_DIFF_APPLICABLE = 1 << 0,
	SOA_DIFF_JUSTIFICATION = 1 << 1, /* inclusion reasons or exclusion */
	SOA_DIFF_STATUS = 1 << 2,
	SOA_DIFF_RISKS = 1 << 3,
	SOA_DIFF_ADDED = 1 << 4,   /* only in the second */
	SOA_DIFF_REMOVED = 1 << 5, /* only in the first */
};

struct soa_change {
	const struct soa_row *from, *to; /* borrowed; one may be NULL */
	const char *ref;
	unsigned what;
};

struct soa_diff {
	struct soa_change *v;
	size_t n, alloc;
};

/* The differences, in the order of b, then what only a has. */
void soa_diff(const struct soa *a, const struct soa *b, struct soa_diff *out);
void soa_diff_release(struct soa_diff *d);
/* Each bit with its JSON key ("status") and its words ("implementation status"). */
struct soa_diff_field {
	unsigned bit;
	const char *key, *label;
};

#define SOA_DIFF_NFIELDS 6
extern const struct soa_diff_field soa_diff_fields[SOA_DIFF_NFIELDS];

/* "applicability, justification" for a change's bits. */
void soa_diff_describe(unsigned what, struct strbuf *out);

/* ---- the alignment check ---- */

/*
 * Stable problem codes (documented in the README; scripts match on them):
 *   excluded-but-selected     a risk treatment selects a not-applicable control
 *   exclusion-unjustified     not applicable without a justification
 *   not-implemented-untreated applies, status not-implemented or partial,
 *                             and no action is open for it
 *   risk-untreated            above the criteria with no treatment
 *   retained-unaccepted       retained above the criteria, owner has not accepted
 *   unknown-control           a treatment names a control not in the catalogue
 *   changed-since-approval    differs from the last approved version
 *   never-approved            no version has been approved
 */
struct soa_problem {
	const char *code; /* static */
	char *ref;        /* control reference, or "R<id>" for a risk problem */
	char *message;
};

struct soa_problems {
	struct soa_problem *v;
	size_t n, alloc;
};

void soa_problems_release(struct soa_problems *p);

/*
 * Check the SoA against the risks and the method, and against the last
 * approved version (NULL: none).  Problems come in the order of the codes
 * above, and within a code in catalogue or risk order.
 */
void soa_check(const struct soa *s, const struct risk_list *risks,
               const struct risk_method *m, const struct soa *approved,
               struct soa_problems *out);
/* Problems that block approval: all but the two about approval itself. */
size_t soa_problems_blocking(const struct soa_problems *p);

#endif
