/*
 * cert.h - the certification lifecycle: the certification record and the
 * three-year cycle derived from it, the seven steps from gap assessment
 * to surveillance, the readiness gates before Stage 1 and Stage 2, and
 * the compliance calendar of every dated activity.
 *
 * Everything here works on facts the app layer gathers from the store
 * and on "today" passed in, so each rule is testable without a database.
 */
#ifndef ISMS_CERT_H
#define ISMS_CERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/audit.h"
#include "core/gap.h"
#include "core/risk.h"
#include "core/strbuf.h"

/* ---- the certification record ---- */

/* One per organisation; every field may be NULL (not recorded). */
struct certification {
	char *body;      /* the certification body */
	char *stage1_on; /* Stage 1 audit (documentation review) */
	char *stage2_on; /* Stage 2 audit (implementation and effectiveness) */
	char *golive_on; /* the ISMS went into operation */
	char *number;    /* certificate number */
	char *issued_on, *expires_on;
	/* The cycle as recorded; NULL: derived by cert_cycle(). */
	char *surveillance1_on, *surveillance2_on, *recertification_on;
	char *updated_at; /* NULL: nothing recorded yet */
};

void certification_release(struct certification *c);

/* A certificate is valid for three years at most. */
#define CERT_VALID_YEARS 3
/* The internal audit ends at least this many days before Stage 1. */
#define CERT_AUDIT_LEAD_DAYS 42
/* The ISMS operates at least this many months before the stage audit. */
#define CERT_OPERATION_MONTHS 3
/* Internal audits (and the SoA's review) recur at least this often. */
#define CERT_REVIEW_MONTHS 12

/*
 * Check a whole record: each date a real YYYY-MM-DD date, and in order.
 * Stage 2 not before Stage 1; the certificate not issued before Stage 2;
 * expiry after issue and at most three years on; surveillance and
 * recertification audits after issue, in order, and not after expiry.
 * E_INVALID naming the two dates that disagree.
 */
int cert_check(const struct certification *c);

/* The cycle's dates; "" where nothing is recorded to derive them from. */
struct cert_cycle {
	char base[11]; /* issue date, else the Stage 2 date */
	char expires_on[11];
	char surveillance1_on[11];
	char surveillance2_on[11];
	char recertification_on[11];
	/* Which of the four were derived rather than recorded. */
	bool derived_expiry, derived_s1, derived_s2, derived_recert;
};

/*
 * Derive the cycle from the certificate's issue date (or, before it is
 * issued, the Stage 2 date): expiry three years on less a day,
 * surveillance audits at twelve and twenty-four months, recertification
 * three months before expiry.  Recorded dates win.
 */
void cert_cycle(const struct certification *c, struct cert_cycle *out);

/* Whether a certificate is in force on `today`. */
bool cert_certified(const struct certification *c, const char *today);

/* ---- facts gathered for the lifecycle and the gates ---- */

/* A completed or planned internal audit, with what it tested. */
struct cert_audit {
	int64_t id;
	const char *title;
	const char *start_on, *end_on;
	const char *closed_on; /* NULL while planned */
	bool done;             /* closed or issued */
	char **tested;         /* references with a recorded result */
	size_t ntested;
};

/* Evidence linked to an applicable control in the newest assessment. */
struct cert_evidence {
	const char *title;
	const char *sha256;
	const char *ref;
	const char *valid_until; /* never NULL here: only expiring evidence */
};

struct cert_facts {
	const char *today;
	const struct certification *cert;
	/* The newest gap assessment; id 0: none. */
	int64_t gap_id;
	const char *gap_name, *gap_on;
	/* Internal audits, any order. */
	const struct cert_audit *audits;
	size_t naudits;
	/* What a whole-scope audit must test: clause requirements and
	 * applicable controls. */
	const char *const *required;
	size_t nrequired;
	const struct review_list *reviews;
	const struct capa_list *capas;
	/* The SoA: newest approved version (0: none) and the check's problems. */
	int soa_version;
	const char *soa_approved_on;
	size_t soa_problems;
	const char *soa_first_problem; /* "code: message", NULL when none */
	/* The treatment plan and the risks. */
	bool plan_approved, plan_changed;
	const struct risk_list *risks;
	const struct cert_evidence *evidence;
	size_t nevidence;
};

/* ---- readiness gates ---- */

/* One gate: its stable name, whether it passed, why, and what to do. */
struct cert_gate {
	const char *name; /* static: scheduled, gap-assessment, operation ... */
	bool passed;
	char *reason;
	char *fix; /* NULL when passed */
};

struct cert_readiness {
	int stage;   /* 1 or 2 */
	char on[11]; /* the stage's date, "" when not recorded */
	/* The date the gates judge against: the stage date, or today. */
	char judged_on[11];
	struct cert_gate *v;
	size_t n, alloc;
	bool ready; /* every gate passed */
};

/*
 * Judge the gates before Stage 1 or Stage 2 (stage 1 or 2; E_INVALID
 * otherwise).  Gates, in order (stable names, scripts match on them):
 *   scheduled          the stage's date is recorded (Stage 2: after Stage 1)
 *   gap-assessment     a gap assessment exists as the baseline (Stage 1 only)
 *   operation          go-live at least three months before the stage
 *   internal-audit     completed audits tested the whole scope, the last
 *                      one closing at least six weeks before Stage 1 and
 *                      none more than a year before it
 *   management-review  a review held after that audit and by the stage
 *                      date, with agreed (final) minutes
 *   corrective-action  every major nonconformity's action implemented
 *                      (Stage 2: verified)
 *   soa                approved and its alignment check clean
 *   risk-treatment     plan approved as it stands, every residual risk
 *                      accepted by its owner
 *   evidence           no evidence linked to an applicable control has
 *                      expired, or expires before the stage
 */
int cert_readiness(const struct cert_facts *f, int stage, struct cert_readiness *out);
void cert_readiness_release(struct cert_readiness *r);

/* ---- the seven steps ---- */

enum cert_step {
	STEP_GAP_ASSESSMENT,    /* 1: baseline and remediation scope */
	STEP_IMPLEMENT,         /* 2: build and operate the ISMS */
	STEP_INTERNAL_AUDIT,    /* 3: after three months of operation */
	STEP_MANAGEMENT_REVIEW, /* 4: with the audit's results */
	STEP_CORRECTIVE_ACTION, /* 5: nonconformities addressed */
	STEP_CERTIFICATION,     /* 6: Stage 1 and Stage 2 */
	STEP_MAINTAIN,          /* 7: surveillance, recertification, yearly audits */
	STEP__COUNT
};

/* "gap-assessment", "implement", "internal-audit", "management-review",
 * "corrective-action", "certification", "maintain" */
const char *cert_step_name(enum cert_step s);
/* "Gap assessment" ... for people. */
const char *cert_step_title(enum cert_step s);

/* Something still to happen, and by when ("" when no date applies). */
struct cert_next {
	enum cert_step step;
	char *what;
	char due[11];
	bool overdue;
};

struct cert_status {
	enum cert_step step;
	char *why; /* why the organisation stands at this step */
	struct cert_next *next;
	size_t nnext, alloc;
	struct cert_cycle cycle;
	bool certified;
};

/* Where the organisation stands on f->today, and what comes next. */
void cert_status(const struct cert_facts *f, struct cert_status *out);
void cert_status_release(struct cert_status *s);

/* ---- the compliance calendar ---- */

enum cal_kind {
	CAL_INTERNAL_AUDIT,     /* a planned or completed internal audit */
	CAL_INTERNAL_AUDIT_DUE, /* a year after the last completed one */
	CAL_REVIEW,             /* a management review */
	CAL_REVIEW_ACTION,      /* an action a review decided */
	CAL_CERT_AUDIT,         /* Stage 1, Stage 2, surveillance, recertification */
	CAL_CERT_EXPIRY,        /* the certificate expires */
	CAL_OPERATION,          /* three months of operation reached */
	CAL_CAPA,               /* a corrective action's due date */
	CAL_ROADMAP,            /* a gap remediation action's due date */
	CAL_TREATMENT,          /* a risk treatment action's due date */
	CAL_EVIDENCE_EXPIRY,    /* evidence stops being valid */
	CAL_RISK_REVIEW,        /* a risk's next review */
	CAL_SOA_REVIEW,         /* a year after the SoA's last approval */
	CAL_COMPETENCE_EXPIRY,  /* a person's competence record expires */
	CAL__COUNT
};

/* "internal-audit", "internal-audit-due", "review", "review-action",
 * "certification-audit", "certificate-expiry", "operation", "capa",
 * "roadmap", "treatment", "evidence-expiry", "risk-review", "soa-review",
 * "competence-expiry" */
const char *cal_kind_name(enum cal_kind k);
int cal_kind_parse(const char *s, enum cal_kind *out);

struct cal_event {
	enum cal_kind kind;
	char *key; /* stable within the kind: "12", "3-A.5.15", "stage1" */
	char date[11];
	char end[11]; /* last day of a multi-day event, "" for one day */
	char *title;  /* what it is about: an audit's title, a control ... */
	char *owner;  /* may be NULL */
	bool done;    /* completed: never overdue */
};

struct cal_list {
	struct cal_event *v;
	size_t n, alloc;
};

void cal_event_release(struct cal_event *e);
void cal_list_release(struct cal_list *l);
/* Append an event (strings copied; owner and end may be NULL). */
struct cal_event *cal_add(struct cal_list *l, enum cal_kind kind, const char *key,
                          const char *date, const char *end, const char *title,
                          const char *owner, bool done);
/* By date, then kind, then key. */
void cal_sort(struct cal_list *l);

/* Not done and its last day before today. */
bool cal_overdue(const struct cal_event *e, const char *today);
/*
 * Where an event falls from today: -1 overdue, 0 done or past, 30, 60 or
 * 90 for the window it falls in, 365 later.
 */
int cal_window(const struct cal_event *e, const char *today);
/* The one-line summary: "Corrective action due CAPA-3: A.5.15". */
void cal_summary(const struct cal_event *e, struct strbuf *out);
/*
 * A UID that stays the same across exports of the same organisation, so
 * that calendars update an event rather than adding it twice:
 * "capa-3@acme.isms".
 */
void cal_uid(const struct cal_event *e, const char *org_slug, struct strbuf *out);

/*
 * Add the events the certification record and the facts imply: the
 * certification-body audits of the cycle, the certificate's expiry, three
 * months of operation, the next internal audit due a year after the last
 * completed one, the SoA's yearly review.
 */
void cal_add_derived(struct cal_list *l, const struct cert_facts *f);

#endif
