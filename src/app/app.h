/*
 * app.h - the operations the front ends offer.
 *
 * Each function applies the core's rules (validation, normalisation) and
 * then the store; the command line and the HTTP API both call these and
 * nothing below them, so that no rule exists twice.  Errors as in error.h.
 */
#ifndef ISMS_APP_H
#define ISMS_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/catalog.h"
#include "core/gap.h"
#include "core/org.h"
#include "store/store.h"

#define ISMS_VERSION "0.1.0"

/* ---- set-up and catalogue ---- */

struct init_report {
	int schema_version;
	int migrations_applied;
	size_t frameworks_loaded;  /* new or changed */
	size_t frameworks_current; /* already up to date */
};

/* Load the built-in frameworks into the store (idempotent). */
int app_init(struct store *st, struct init_report *report);

/*
 * Parse, validate and store a framework file's bytes.  `name` labels error
 * messages.  *code receives the framework id (caller frees).
 */
int app_catalog_import(struct store *st, const char *name, const char *buf, size_t len,
                       bool *changed, char **code);

/*
 * Resolve a user's group name for a framework: its code ("organizational",
 * "9") or its reference ("A.5"), case-insensitively.  *code is set to the
 * stored group code (caller frees).
 */
int app_catalog_group(struct store *st, const char *framework, const char *name,
                      char **code);

/* Catalogue listing with checked filter values. */
int app_catalog_list(struct store *st, const struct catalog_filter *filter,
                     struct catalog_item_list *out);
/* One item by a user-typed reference ("a.5.1", "Clause 9.2.2"). */
int app_catalog_get(struct store *st, const char *framework, const char *ref,
                    struct catalog_item *out);

/* ---- organisations ---- */
int app_org_add(struct store *st, const char *slug, const char *name, struct org *out);
int app_org_get(struct store *st, const char *slug, struct org *out);
int app_org_rename(struct store *st, const char *slug, const char *name);
int app_org_remove(struct store *st, const char *slug);

/* ---- scope ---- */
int app_scope_set_statement(struct store *st, const struct org *org,
                            const char *statement);
int app_scope_item_add(struct store *st, const struct org *org, const char *kind,
                       const char *name, const char *description);
int app_scope_exclude(struct store *st, const struct org *org, const char *kind,
                      const char *name, const char *reason);
int app_scope_include(struct store *st, const struct org *org, const char *kind,
                      const char *name);
int app_scope_item_remove(struct store *st, const struct org *org, const char *kind,
                          const char *name);
int app_scope_iface_add(struct store *st, const struct org *org, const char *kind,
                        const char *name, const char *party, const char *description);
int app_scope_iface_remove(struct store *st, const struct org *org, const char *kind,
                           const char *name);

/* ---- gap assessment ---- */

/* Start an assessment of the default framework; date NULL means today. */
int app_gap_new(struct store *st, const struct org *org, const char *name,
                const char *date, const char *assessor, struct assessment *out);

/* What `gap set` changes; NULL (or maturity -1) leaves a field as it was. */
struct gap_update {
	const char *status;
	int maturity;
	const char *owner;
	const char *notes;
	const char *target_date;
	const char *justification;
};

/* Record an item under the rules of core/gap.h (evidence, na, maturity). */
int app_gap_set(struct store *st, const struct assessment *a, const char *ref,
                const struct gap_update *u);
/* Every item of the assessment; one item by a user-typed reference. */
int app_gap_rows(struct store *st, const struct assessment *a, struct gap_row_list *out);
int app_gap_row(struct store *st, const struct assessment *a, const char *ref,
                struct gap_row_list *out);
/* Readiness of the rows, with the organisation's scope flags. */
int app_gap_score(struct store *st, const struct org *org,
                  const struct gap_row_list *rows, struct gap_score *out);

/* What `gap action` changes; NULL leaves a field as it was. */
struct action_update {
	const char *owner;
	const char *due_on;
	const char *effort;
	const char *resources;
	const char *status;
};

int app_gap_action(struct store *st, const struct assessment *a, const char *ref,
                   const struct action_update *u);
/* Place an action at a position (with a reason), or rank 0: computed order. */
int app_gap_move(struct store *st, const struct assessment *a, const char *ref, int rank,
                 const char *reason);

/* ---- evidence ---- */

struct evidence_meta {
	const char *title;
	const char *kind;
	const char *collected_on; /* NULL: today */
	const char *valid_until;  /* NULL: does not expire */
};

int app_evidence_add(struct store *st, const struct org *org, const char *path,
                     const struct evidence_meta *m, struct evidence *out, bool *existed);
/* Link (or unlink) evidence, by digest or prefix, to an item. */
int app_evidence_link(struct store *st, const struct org *org, const struct assessment *a,
                      const char *sha, const char *ref, bool link);

/* ---- reports ---- */

/* Everything a gap-assessment report shows, loaded together. */
struct gap_report_data {
	struct assessment assessment;
	struct framework_list frameworks;
	const struct framework *framework; /* the assessment's, in frameworks */
	struct scope scope;
	struct gap_row_list rows;
	struct gap_score score;
	struct roadmap roadmap;        /* borrows rows */
	struct evidence_list evidence; /* with their links in this assessment */
	char today[11];
};

/*
 * Load the report of an assessment (id 0: the organisation's newest) from
 * one snapshot of the store.  Released with app_gap_report_release(), also
 * after a failure.
 */
int app_gap_report_load(struct store *st, const struct org *org, int64_t id,
                        struct gap_report_data *out);
void app_gap_report_release(struct gap_report_data *d);

/* ---- assets and data flows ---- */

/* What `asset add|set` takes; NULL leaves a field as it was. */
struct asset_update {
	const char *type;
	const char *owner;
	const char *location;
	const char *classification;
	const char *description;
	const char *confidentiality, *integrity, *availability; /* "0".."5" */
	const char *in_scope;                                   /* "yes" or "no" */
};

int app_asset_add(struct store *st, const struct org *org, const char *name,
                  const struct asset_update *u, struct asset *out);
int app_asset_set(struct store *st, const struct org *org, const char *name,
                  const struct asset_update *u, struct asset *out);
int app_asset_remove(struct store *st, const struct org *org, const char *name);
int app_flow_add(struct store *st, const struct org *org, const char *from,
                 const char *to, const char *data_type, const char *channel, int64_t *id);
int app_flow_remove(struct store *st, const struct org *org, const char *id);

/* ---- the risk method ---- */

/* What `risk method set` changes; NULL keeps a part as it was. */
struct method_update {
	const char *likelihood; /* labels "Rare,Unlikely,..." */
	const char *impact;
	const char *matrix; /* "1122/..."; NULL with a new scale: the default rule */
	const char *accept; /* highest level owners may accept */
	const char *by;     /* required: who changed it */
	const char *note;
};

/* Change the method and re-evaluate every risk (store_risk_method_set). */
int app_risk_method_set(struct store *st, const struct org *org,
                        const struct method_update *u, struct risk_method *out,
                        int64_t *evaluated, int64_t *changed);

/* ---- risks and the treatment plan ---- */

/* "R12" or "12". */
int app_risk_id_parse(const char *s, int64_t *out);

/*
 * What `risk add|set` takes; NULL leaves a field as it was.  Lists are
 * comma-separated; residual values default to the inherent ones.
 */
struct risk_update {
	const char *title;
	const char *assets;
	const char *threat;
	const char *vulnerability;
	const char *consequence;
	const char *likelihood, *impact;
	const char *treatment;
	const char *controls; /* Annex A references */
	const char *other_controls;
	const char *residual_likelihood, *residual_impact;
	const char *owner;
	const char *review_on;
};

/*
 * Record a risk under the method: values on its scales, assets that exist,
 * controls that are Annex A controls.  A change of the residual values or
 * of the owner withdraws an earlier acceptance, which was of something else.
 */
int app_risk_add(struct store *st, const struct org *org, const struct risk_update *u,
                 struct risk *out);
int app_risk_set(struct store *st, const struct org *org, int64_t id,
                 const struct risk_update *u, struct risk *out);
int app_risk_remove(struct store *st, const struct org *org, int64_t id);
/* The risk owner accepts the residual risk (date NULL: today). */
int app_risk_accept(struct store *st, const struct org *org, int64_t id, const char *by,
                    const char *date);

/* ---- importing assets and risks from spreadsheets ---- */

/* The largest CSV file an import takes, in bytes. */
#define IMPORT_FILE_MAX ((size_t)16 << 20)

/*
 * Add every row of a CSV file (`len` bytes; `name` labels messages) with
 * app_asset_add() or app_risk_add(), in one transaction: all rows or none.
 * The header names the columns, which are the options of 'asset add' and
 * 'risk add' ("in_scope", "residual_likelihood"; "name" for the asset's
 * name, "assets" for a risk's); an empty cell is a value not given, and
 * rows of empty cells are skipped.  The first failing row's error comes
 * back as "NAME:LINE: message".  *count receives the number added.
 */
int app_asset_import(struct store *st, const struct org *org, const char *name,
                     const char *buf, size_t len, size_t *count);
int app_risk_import(struct store *st, const struct org *org, const char *name,
                    const char *buf, size_t len, size_t *count);

/* What `risk action add|set` takes; NULL leaves a field as it was. */
struct treatment_update {
	const char *title;
	const char *control; /* Annex A reference, "" to clear */
	const char *owner;
	const char *due_on;
	const char *status; /* open, in-progress, done */
};

int app_treatment_add(struct store *st, const struct org *org, int64_t risk_id,
                      const struct treatment_update *u, struct treatment_action *out);
int app_treatment_set(struct store *st, const struct org *org, int64_t id,
                      const struct treatment_update *u, struct treatment_action *out);
/* The plan's approval, with `changed` computed against the risks now. */
int app_plan_get(struct store *st, const struct org *org, const struct risk_list *risks,
                 struct treatment_plan *out);
int app_plan_approve(struct store *st, const struct org *org, const char *by,
                     const char *date, struct treatment_plan *out);

/* ---- Statement of Applicability ---- */

/* What `soa set` changes; NULL leaves a part as it was. */
struct soa_update {
	const char *applicable;    /* "yes" or "no" */
	const char *justification; /* of the exclusion, or of the reason below */
	const char *reason;        /* legal, contractual, business, best-practice */
	const char *status;        /* an override, or "auto" to drop it */
	const char *status_reason; /* required with an override */
};

int app_soa_set(struct store *st, const struct org *org, const char *ref,
                const struct soa_update *u, struct soa_row *out);
/* The same change to several controls, in one transaction: all or none. */
int app_soa_set_many(struct store *st, const struct org *org, const char *const *refs,
                     size_t n, const struct soa_update *u);

/* The SoA with everything it is built from and checked against. */
struct soa_data {
	struct risk_method method;
	struct risk_list risks;
	struct treatment_plan plan;
	struct soa soa;
	struct soa_version approved; /* newest approved; id 0: none */
	struct soa_problems problems;
	char today[11];
};

/* Build and check the SoA from one snapshot; release also after failure. */
int app_soa_load(struct store *st, const struct org *org, struct soa_data *out);
void app_soa_release(struct soa_data *d);
/*
 * Freeze the SoA as the next approved version.  E_CONFLICT while the
 * check finds problems other than the SoA not being approved as it is.
 */
int app_soa_approve(struct store *st, const struct org *org, const char *by,
                    const char *date, int *version);
/*
 * Compare two versions; v2 0 compares v1 with the SoA as it is now.  The
 * SoAs are kept in a and b, which the diff borrows.
 */
int app_soa_diff(struct store *st, const struct org *org, int v1, int v2,
                 struct soa_version *a, struct soa_version *b, struct soa_diff *out);

/* ---- demo data ---- */

#define DEMO_ORGS_MAX 100000

struct demo_options {
	int orgs; /* 1 .. DEMO_ORGS_MAX */
	uint32_t seed;
	/* Called after each phase with what it made and how many; may be NULL. */
	void (*progress)(void *ctx, const char *phase, int64_t count);
	void *ctx;
};

struct demo_report {
	int64_t orgs, evidence, items, links;
};

/*
 * Fill the store with a sample portfolio: organisations demo-0001 ... with
 * realistic names, each with a scope, a dozen evidence documents and one
 * complete gap assessment whose findings follow every rule; the same seed
 * gives the same portfolio.  One transaction; E_EXISTS when demo
 * organisations are already there.
 */
int app_demo(struct store *st, const struct demo_options *opts, struct demo_report *out);

#endif
