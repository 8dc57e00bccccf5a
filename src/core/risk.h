/*
 * risk.h - the asset inventory, the risk method, risks and their treatment
 * (ISO/IEC 27001:2022 clauses 6.1.2, 6.1.3, 8.2 and 8.3).
 *
 * The method is the organisation's own: a likelihood scale and an impact
 * scale (1..n with labels), a matrix that maps each pair to a level (low,
 * medium, high, critical) and the acceptance criterion: the highest
 * residual level a risk owner may accept.  A risk's levels are always the
 * method's verdict on its likelihood and impact; changing the method
 * re-evaluates every risk.
 *
 * Pure functions over plain structs, like gap.h.
 */
#ifndef ISMS_RISK_H
#define ISMS_RISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

/* ---- assets and data flows ---- */

enum asset_type {
	ASSET_INFORMATION,
	ASSET_SOFTWARE,
	ASSET_HARDWARE,
	ASSET_SERVICE,
	ASSET_PEOPLE,
	ASSET_SITE,
	ASSET__COUNT
};

const char *asset_type_name(enum asset_type t);
int asset_type_parse(const char *s, enum asset_type *out);

/* public, internal, confidential, restricted */
int asset_classification_check(const char *s);

/* Confidentiality, integrity and availability values: 1..5, 0 unrated. */
#define ASSET_VALUE_MAX 5
int asset_value_parse(const char *what, const char *s, int *out);

struct asset {
	int64_t id;
	char *name;
	enum asset_type type;
	char *owner;                                  /* may be NULL */
	char *location;                               /* may be NULL */
	char *classification;                         /* may be NULL */
	char *description;                            /* may be NULL */
	int confidentiality, integrity, availability; /* 0: unrated */
	bool in_scope;
	int nrisks; /* risks naming it */
	char *updated_at;
};

struct asset_list {
	struct asset *v;
	size_t n, alloc;
};

void asset_release(struct asset *a);
void asset_list_release(struct asset_list *l);

/* A flow of data from one asset to another. */
struct data_flow {
	int64_t id;
	char *from, *to; /* asset names */
	char *data_type;
	char *channel; /* may be NULL */
	/* One end inside the ISMS scope and the other outside. */
	bool crosses_scope;
};

struct data_flow_list {
	struct data_flow *v;
	size_t n, alloc;
};

void data_flow_list_release(struct data_flow_list *l);

/* ---- the method ---- */

#define RISK_SCALE_MAX 10
#define RISK_LABEL_MAX 60

enum risk_level { RISK_NONE, RISK_LOW, RISK_MEDIUM, RISK_HIGH, RISK_CRITICAL };
#define RISK_LEVEL_MAX RISK_CRITICAL

/* "low" .. "critical"; "none" for 0. */
const char *risk_level_name(int level);
int risk_level_parse(const char *s, int *out);

struct risk_method {
	int version; /* 1 for the default, +1 on every change */
	int nlikelihood, nimpact;
	char *likelihood[RISK_SCALE_MAX]; /* labels of 1..n */
	char *impact[RISK_SCALE_MAX];
	/* Level of (likelihood l, impact i) at [l - 1][i - 1]: 1..4. */
	unsigned char matrix[RISK_SCALE_MAX][RISK_SCALE_MAX];
	int accept_max;   /* highest residual level an owner may accept */
	char *changed_by; /* NULL for the default */
	char *changed_on;
	char *note; /* why it changed, may be NULL */
};

/*
 * The default: a 5 x 5 scale (rare .. almost certain, negligible ..
 * severe), levels by the product of the two (1-3 low, 4-6 medium, 8-12
 * high, 15-25 critical), and owners may accept up to medium.
 */
void risk_method_default(struct risk_method *m);
void risk_method_release(struct risk_method *m);
/* A deep copy. */
void risk_method_copy(struct risk_method *dst, const struct risk_method *src);

/*
 * Parse scale labels typed as "Rare,Unlikely,Possible" (or stored with
 * `sep`), 2..RISK_SCALE_MAX of them, each non-blank and at most
 * RISK_LABEL_MAX bytes.  Replaces the labels of that scale.
 */
int risk_scale_parse(struct risk_method *m, bool likelihood, const char *s, char sep);
/* The labels joined with sep (the stored form). */
void risk_scale_format(const struct risk_method *m, bool likelihood, char sep,
                       struct strbuf *out);
/*
 * The matrix as rows of level digits, one row per likelihood from 1,
 * separated by '/': "1122/1223/...".  Parse checks the shape against the
 * scales and that a level never falls as likelihood or impact rises.
 */
int risk_matrix_parse(struct risk_method *m, const char *s);
void risk_matrix_format(const struct risk_method *m, struct strbuf *out);
/* Fill the matrix for the current scale sizes by the default rule. */
void risk_matrix_default(struct risk_method *m);

/* A recorded change of the method, as stored. */
struct risk_method_change {
	int version;
	char *likelihood_scale; /* labels joined by '|' */
	char *impact_scale;
	char *matrix; /* as risk_matrix_format() writes it */
	int accept_max;
	char *changed_by, *changed_on, *note;
	int64_t risks_evaluated, risks_changed;
};

struct risk_method_history {
	struct risk_method_change *v;
	size_t n, alloc;
};

void risk_method_history_release(struct risk_method_history *h);

/* Level of a pair; 0 when either is outside the scales. */
int risk_method_level(const struct risk_method *m, int likelihood, int impact);
/*
 * A likelihood or impact typed by a user: an integer on the scale; the
 * message names the field `what` ("residual impact").
 */
int risk_value_parse(const struct risk_method *m, bool likelihood, const char *what,
                     const char *s, int *out);

/* ---- risks ---- */

enum risk_treatment {
	TREAT_MODIFY,
	TREAT_RETAIN,
	TREAT_AVOID,
	TREAT_SHARE,
	TREAT__COUNT
};

const char *risk_treatment_name(enum risk_treatment t);
int risk_treatment_parse(const char *s, enum risk_treatment *out);

/* An action of the risk treatment plan. */
struct treatment_action {
	int64_t id;
	int64_t risk_id;
	char *title;
	char *ref;    /* the control it puts in place, may be NULL */
	char *owner;  /* may be NULL */
	char *due_on; /* may be NULL */
	char *status; /* open, in-progress, done (gap_action_status_check) */
};

struct risk {
	int64_t id;
	char *title;
	char *threat;
	char *vulnerability;
	char *consequence; /* may be NULL */
	int likelihood, impact, inherent_level;
	enum risk_treatment treatment;
	char **controls; /* Annex A references, canonical */
	size_t ncontrols, alloc_controls;
	char *other_controls; /* free text, may be NULL */
	int residual_likelihood, residual_impact, residual_level;
	char *owner;       /* may be NULL */
	char *accepted_by; /* the owner's acceptance of the residual risk */
	char *accepted_on;
	char *review_on; /* next review, may be NULL */
	char **assets;
	size_t nassets, alloc_assets;
	struct treatment_action *actions;
	size_t nactions, alloc_actions;
	char *updated_at;
};

struct risk_list {
	struct risk *v;
	size_t n, alloc;
};

void treatment_action_release(struct treatment_action *a);
void risk_release(struct risk *r);
void risk_list_release(struct risk_list *l);

/* Compute both levels of a risk under a method (0 when off the scales). */
void risk_evaluate(struct risk *r, const struct risk_method *m);
/* Residual level above what an owner may accept. */
bool risk_above_criteria(const struct risk *r, const struct risk_method *m);
/*
 * May `by` accept the residual risk of r?  Only its owner may, and only a
 * risk that has one; names are compared without regard to case.
 */
int risk_accept_check(const struct risk *r, const char *by);
/* Does the risk select (or name in an action) this control? */
bool risk_selects(const struct risk *r, const char *ref);

/* The plan as a whole: approved by a named person on a date. */
struct treatment_plan {
	char *approved_by; /* NULL: never approved */
	char *approved_on;
	char sha256[65]; /* digest of the plan that was approved */
	bool changed;    /* the plan differs from what was approved */
};

void treatment_plan_release(struct treatment_plan *p);

/*
 * The canonical text of a plan (risks, their treatment and controls,
 * residual values, owners, and the actions with their owners and dates),
 * whose digest an approval records: a later change to any of it shows as
 * "changed since approval"; progress (action status, acceptance) does not.
 */
void treatment_plan_text(const struct risk_list *risks, struct strbuf *out);

#endif
