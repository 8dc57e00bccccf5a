/*
 * gap.h - the gap assessment's rules: statuses, what each may claim, the
 * readiness score, flags and the verdict, and remediation priority.
 *
 * A gap assessment is a diagnostic, planning record.  Nothing here is, or
 * ever becomes, internal-audit evidence; the audit side keeps its own
 * records and refuses these.
 *
 * Pure functions over plain structs: the app layer loads the facts from
 * the store and passes "today" in, so every rule is testable without a
 * database or a clock.
 */
#ifndef ISMS_GAP_H
#define ISMS_GAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Ordered from worst to best for comparisons; NA stands apart. */
enum gap_status {
	GAP_NOT_ASSESSED,
	GAP_NONCONFORMING,
	GAP_PARTIAL,
	GAP_CONFORMING,
	GAP_NA,
	GAP__COUNT
};

/* "not-assessed", "nonconforming", "partial", "conforming", "na" */
const char *gap_status_name(enum gap_status s);
int gap_status_parse(const char *s, enum gap_status *out);

/* Maturity 0-5; -1 means not rated.  The scale's labels, for reports. */
#define GAP_MATURITY_MAX 5
const char *gap_maturity_label(int level);

/* Evidence kinds; policy and procedure only show intent on paper. */
enum evidence_kind {
	EV_POLICY,
	EV_PROCEDURE,
	EV_RECORD,
	EV_LOG,
	EV_CONFIG,
	EV_SCREENSHOT,
	EV_INTERVIEW,
	EV_OTHER,
	EV__COUNT
};

const char *evidence_kind_name(enum evidence_kind k);
int evidence_kind_parse(const char *s, enum evidence_kind *out);
bool evidence_kind_is_paper(enum evidence_kind k);

/*
 * Where evidence came from.  The organisation's own records may support
 * any finding; material a gap assessment produced (the assessor's notes,
 * interview records, reports) never supports an internal-audit finding.
 */
enum evidence_origin { ORIGIN_ORGANISATION, ORIGIN_GAP, ORIGIN_AUDIT, ORIGIN__COUNT };

/* "organisation", "gap-assessment", "internal-audit" */
const char *evidence_origin_name(enum evidence_origin o);
int evidence_origin_parse(const char *s, enum evidence_origin *out);

/* ---- records ---- */

/* A gap assessment: one diagnostic pass over a framework. */
struct assessment {
	int64_t id;
	int64_t org_id;
	char *framework; /* framework code */
	char *name;
	char *assessed_on; /* YYYY-MM-DD */
	char *assessor;
	char *created_at;
};

struct assessment_list {
	struct assessment *v;
	size_t n, alloc;
};

void assessment_release(struct assessment *a);
void assessment_list_release(struct assessment_list *l);
int assessment_validate(const char *name, const char *date, const char *assessor);

/* A stored piece of evidence: content by SHA-256 plus what it is. */
struct evidence {
	int64_t id;
	char sha256[65];
	int64_t size;
	char *title;
	enum evidence_kind kind;
	enum evidence_origin origin;
	char *filename;
	char *collected_on;
	char *valid_until; /* NULL: does not expire */
	char *added_at;
	char **refs; /* items it is linked to in the shown assessment */
	size_t nrefs, alloc_refs;
};

struct evidence_list {
	struct evidence *v;
	size_t n, alloc;
};

void evidence_release(struct evidence *e);
void evidence_list_release(struct evidence_list *l);
int evidence_validate(const char *title, const char *collected_on,
                      const char *valid_until);
/* A digest or a prefix of one: 8 to 64 lower-case hex digits. */
int evidence_sha_check(const char *s);
/* Expired when valid_until is set and before today (both YYYY-MM-DD). */
bool evidence_expired(const struct evidence *e, const char *today);

/* The linked evidence of one item, as counts. */
struct gap_evidence_facts {
	int valid;       /* linked and not expired */
	int valid_paper; /* of those, policy or procedure */
	int expired;     /* linked but past valid-until */
};

/* Backed only by policies and procedures: written, not shown to operate. */
bool gap_evidence_paper_only(const struct gap_evidence_facts *ev);

/*
 * May this item take this status?  Checks: na only for controls and only
 * with a justification; conforming only with at least one valid linked
 * evidence item; maturity in 0..5 or -1.  The message names the item.
 */
int gap_check_status(const char *ref, bool is_clause, enum gap_status status,
                     const char *justification, int maturity,
                     const struct gap_evidence_facts *ev);

/* One item as the score sees it. */
struct gap_fact {
	const char *ref;
	const char *group; /* "4".."10" or a theme code */
	bool is_clause;
	enum gap_status status;
	struct gap_evidence_facts ev;
};

/* Readiness of a set of items: 100 x (C + 0.5 P) / (all - NA). */
struct gap_tally {
	size_t counts[GAP__COUNT];
	size_t total;
	double readiness; /* 0..100; 0 when every item is na */
	double coverage;  /* 100 x assessed / total */
};

void gap_tally_add(struct gap_tally *t, enum gap_status s);
void gap_tally_finish(struct gap_tally *t);

enum gap_verdict { VERDICT_NOT_READY, VERDICT_READY_WITH_GAPS, VERDICT_READY };
const char *gap_verdict_name(enum gap_verdict v);

/* Thresholds of the verdict, documented in the README. */
#define GAP_READY_MIN 90.0
#define GAP_NOT_READY_BELOW 60.0

/* A flag: a named concern with the references it concerns. */
struct gap_flag {
	const char *code; /* "paper-only", ... (static) */
	char *message;    /* one sentence */
	char **refs;
	size_t nrefs, alloc_refs;
};

struct gap_group_score {
	const char *group; /* borrowed from the facts */
	bool is_clause;
	struct gap_tally tally;
};

struct gap_score {
	struct gap_tally all;
	struct gap_group_score *groups;
	size_t ngroups, alloc_groups;
	struct gap_flag *flags;
	size_t nflags, alloc_flags;
	enum gap_verdict verdict;
	char **reasons;
	size_t nreasons, alloc_reasons;
};

/*
 * Score the facts.  `unjustified_exclusions` counts scope items out of
 * scope without a reason; `has_scope_statement` says whether the scope is
 * written down.  Groups appear in the order first met.
 */
void gap_score_compute(const struct gap_fact *facts, size_t n,
                       size_t unjustified_exclusions, bool has_scope_statement,
                       struct gap_score *out);
void gap_score_release(struct gap_score *s);

/*
 * One catalogue item within an assessment: the item, what was recorded
 * about it (or not-assessed), its evidence and its remediation action.
 */
struct gap_row {
	int64_t item_id;
	char *ref;
	char *title;
	char *group;
	bool is_clause;
	int position;
	enum gap_status status;
	int maturity; /* -1: not rated */
	char *owner;
	char *notes;
	char *target_date;
	char *justification;
	char *updated_at;
	struct gap_evidence_facts ev;
	/* remediation action; NULL/-1/0 where nothing was recorded */
	char *action_owner;
	char *due_on;
	int effort;
	char *resources;
	char *action_status;
	int manual_rank;
	char *rank_reason;
	/* highest inherent level of the risks selecting it; 0: none */
	int risk_level;
};

struct gap_row_list {
	struct gap_row *v;
	size_t n, alloc;
};

void gap_row_release(struct gap_row *r);
void gap_row_list_release(struct gap_row_list *l);

/* ---- comparing two assessments ---- */

enum gap_change {
	CHANGE_SAME,
	CHANGE_IMPROVED,      /* a better status than before */
	CHANGE_REGRESSED,     /* a worse one */
	CHANGE_NEW,           /* assessed now, not before */
	CHANGE_DROPPED,       /* assessed before, not now */
	CHANGE_APPLICABILITY, /* became, or stopped being, not applicable */
	CHANGE__COUNT
};

/* "same", "improved", "regressed", "new", "dropped", "applicability" */
const char *gap_change_name(enum gap_change c);
/*
 * How an item moved between two assessments.  Statuses rank
 * nonconforming < partial < conforming; not-assessed and na stand apart.
 */
enum gap_change gap_change_of(enum gap_status from, enum gap_status to);

/* ---- remediation priority ---- */

enum gap_effort { EFFORT_S, EFFORT_M, EFFORT_L, EFFORT_XL, EFFORT__COUNT };
const char *gap_effort_name(enum gap_effort e);
int gap_effort_parse(const char *s, enum gap_effort *out);
/* Default when nobody estimated: nonconforming L, partial M. */
enum gap_effort gap_effort_default(enum gap_status s);

struct gap_action_key {
	const char *ref;
	int position; /* catalogue order */
	bool is_clause;
	enum gap_status status;
	int risk_level; /* 0 none, 1 low .. 4 critical */
	enum gap_effort effort;
	int manual_rank; /* > 0 when placed by hand */
};

/*
 * The automatic rule: clauses before controls, nonconforming before
 * partial, higher linked risk first, smaller effort first, then catalogue
 * order.  Deterministic: no two distinct items compare equal.
 */
int gap_action_cmp(const struct gap_action_key *a, const struct gap_action_key *b);

/*
 * Put n actions in priority order: order[i] is the index into keys of the
 * action with priority i + 1.  Actions placed by hand (manual_rank > 0)
 * take the position they were given (or the nearest free one after it);
 * the others fill the remaining positions in the automatic order.
 */
void gap_actions_order(const struct gap_action_key *keys, size_t n, size_t *order);

/* ---- the roadmap ---- */

struct roadmap_entry {
	const struct gap_row *row; /* borrowed */
	int priority;              /* 1 = first */
	enum gap_effort effort;
	char due[11];
	bool due_estimated; /* no date was recorded */
	const char *phase;  /* "30", "60", "90" or "later" */
	const char *owner;  /* the action's, else the item's; may be "" */
	const char *status; /* open, in-progress, done */
};

struct roadmap {
	struct roadmap_entry *v;
	size_t n;
};

/*
 * Build the remediation roadmap of an assessment dated `assessed_on`:
 * every nonconforming and partial item, in priority order (gap_actions_order
 * with each item's risk level: the highest inherent level of the risks
 * whose treatment selects it, 0 when none does).  An action
 * without a due date is given one by its place: the first third 30 days
 * after the assessment, the second 60, the rest 90.  Its phase is the
 * number of days from the assessment to the due date, rounded up to 30,
 * 60 or 90, or "later".
 */
void gap_roadmap_build(const struct gap_row *rows, size_t n, const char *assessed_on,
                       struct roadmap *out);
void gap_roadmap_release(struct roadmap *r);

/* Remediation action statuses. */
int gap_action_status_check(const char *s);

#endif
