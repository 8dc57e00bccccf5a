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

#include "core/audit.h"
#include "core/catalog.h"
#include "core/cert.h"
#include "core/gap.h"
#include "core/org.h"
#include "core/strbuf.h"
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

/* What `catalog list` filters by; NULL for none. */
struct catalog_query {
	const char *framework; /* "all": every framework */
	const char *theme;     /* a group of the framework, as app_catalog_group */
	const char *clause;    /* the same; a theme or a clause, not both */
	const char *kind;      /* clause or control */
};

/* The items a query selects; E_USAGE for filters that do not go together. */
int app_catalog_query(struct store *st, const struct catalog_query *q,
                      struct catalog_item_list *out);

/* ---- organisations ---- */
int app_org_add(struct store *st, const char *slug, const char *name, struct org *out);
int app_org_get(struct store *st, const char *slug, struct org *out);
int app_org_rename(struct store *st, const char *slug, const char *name);
int app_org_remove(struct store *st, const char *slug);
/*
 * The organisations a user may see, by slug: every one for an
 * administrator (and for u NULL, the command line), else those granted.
 */
int app_org_visible(struct store *st, const struct user *u, struct org_list *out);

/* The store at a glance (isms overview). */
struct overview {
	int schema_version;
	struct org_list orgs;
	struct scope *scopes; /* scopes[i] is orgs.v[i]'s */
	struct framework_list frameworks;
};

/* The organisations u may see (as app_org_visible), their scopes, the catalogue. */
int app_overview(struct store *st, const struct user *u, struct overview *out);
void overview_release(struct overview *ov);

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
/*
 * The scope (into *sc, released by the caller whatever the outcome) and
 * one of its items, or interfaces and dependencies, by kind and name as
 * the changes above find them: E_NOTFOUND when there is none.
 */
int app_scope_item_get(struct store *st, const struct org *org, const char *kind,
                       const char *name, struct scope *sc, const struct scope_item **out);
int app_scope_iface_get(struct store *st, const struct org *org, const char *kind,
                        const char *name, struct scope *sc,
                        const struct scope_iface **out);

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
/* A maturity as typed ("0" .. "5"); NULL leaves *out at -1 (not given). */
int app_gap_maturity_parse(const char *s, int *out);
/*
 * The checklist as `gap items` shows it: every item, or those with the
 * status (NULL: any) in the group (a clause or theme as typed; NULL: any).
 */
int app_gap_items(struct store *st, const struct assessment *a, const char *status,
                  const char *group, struct gap_row_list *out);

/* One side of a comparison of two assessments. */
struct gap_side {
	struct assessment a;
	struct gap_row_list rows;
	struct gap_score score;
};

/*
 * Load two assessments (id 0: the newest) with their rows and scores, for
 * comparing: E_CONFLICT when they assess different frameworks.  Released
 * with app_gap_side_release(), also after a failure.
 */
int app_gap_diff_load(struct store *st, const struct org *org, int64_t from, int64_t to,
                      struct gap_side *from_out, struct gap_side *to_out);
void app_gap_side_release(struct gap_side *s);

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
/* A position on the roadmap as typed ("1" ..) for app_gap_move(). */
int app_gap_position_parse(const char *s, int *out);
/*
 * The remediation action of one item (a reference as typed): the rows and
 * roadmap it lives in (released by the caller, also after a failure) and
 * its entry; E_NOTFOUND when the item is not on the roadmap.
 */
int app_gap_action_get(struct store *st, const struct assessment *a, const char *ref,
                       struct gap_row_list *rows, struct roadmap *rm,
                       const struct roadmap_entry **entry);

/* ---- evidence ---- */

struct evidence_meta {
	const char *title;
	const char *kind;
	const char *collected_on; /* NULL: today */
	const char *valid_until;  /* NULL: does not expire */
	/* organisation (NULL), gap-assessment or internal-audit */
	const char *origin;
	/* The file's name when the path's is not it (an upload); NULL: the path's. */
	const char *filename;
};

int app_evidence_add(struct store *st, const struct org *org, const char *path,
                     const struct evidence_meta *m, struct evidence *out, bool *existed);
/* Link (or unlink) evidence, by digest or prefix, to an item. */
int app_evidence_link(struct store *st, const struct org *org, const struct assessment *a,
                      const char *sha, const char *ref, bool link);
/*
 * The assessment whose links evidence shows: id's, else (id 0) the newest,
 * and when there is none yet *have is false rather than an error.
 */
int app_evidence_links_of(struct store *st, const struct org *org, int64_t id,
                          struct assessment *a, bool *have);
/*
 * The organisation's evidence with its links in a (NULL: none).  With
 * audit_only (for a certification body's auditor) what a gap assessment
 * produced is left out: it is never internal-audit evidence.
 */
int app_evidence_list(struct store *st, const struct org *org, const struct assessment *a,
                      bool audit_only, struct evidence_list *out);
/*
 * One evidence item by digest or a prefix of 8 or more digits, with its
 * links in a (NULL: none).  With audit_only, a gap assessment's material is
 * as if it did not exist: not found, and never making a prefix ambiguous.
 */
int app_evidence_get(struct store *st, const struct org *org, const char *sha,
                     const struct assessment *a, bool audit_only, struct evidence *out);

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

/*
 * Change the method and re-evaluate every risk (store_risk_method_set).
 * A change names at least one part (E_USAGE otherwise).
 */
int app_risk_method_set(struct store *st, const struct org *org,
                        const struct method_update *u, struct risk_method *out,
                        int64_t *evaluated, int64_t *changed);

/* ---- risks and the treatment plan ---- */

/* "R12" or "12". */
int app_risk_id_parse(const char *s, int64_t *out);
/* A positive number (an id, a version); E_INVALID naming `what` otherwise. */
int app_positive_id(const char *what, const char *s, int64_t *out);

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
/* "T12" or "12": E_INVALID naming the text otherwise. */
int app_treatment_id_parse(const char *s, int64_t *out);
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
/* The most controls one change takes: a whole theme fits. */
#define SOA_SET_MAX 100

/*
 * The same change to several controls (1 to SOA_SET_MAX), in one
 * transaction: all or none.
 */
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
 * One control's row by a user-typed reference: the SoA is loaded into d
 * (released by the caller, also after a failure) and *row points into it.
 * E_NOTFOUND for an unknown reference, E_INVALID for a clause.
 */
int app_soa_get(struct store *st, const struct org *org, const char *ref,
                struct soa_data *d, const struct soa_row **row);
/* A version number as typed: "3" or "v3"; E_INVALID otherwise. */
int app_soa_version_parse(const char *s, int *out);
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

/* ---- people ---- */

int app_person_add(struct store *st, const struct org *org, const char *name,
                   const char *email, struct person *out);
/*
 * Change a person's e-mail address (NULL: keep; "" clears it) and the user
 * account linked to them (NULL: keep; "none" unlinks; else an existing
 * user's name, who is then no other person of the organisation).
 * E_USAGE when neither is given.
 */
int app_person_set(struct store *st, const struct org *org, const char *name,
                   const char *email, const char *user);
int app_person_remove(struct store *st, const struct org *org, const char *name);
/*
 * A person and everything they design, own or operate from every record
 * (store_responsibilities), from one snapshot.
 */
int app_person_get(struct store *st, const struct org *org, const char *name,
                   struct person *out, struct responsibility_list *resp);
/*
 * Record (add) or drop what a person designs, owns or operates: catalogue
 * references as app_scope_resolve() takes them (a theme or clause stands
 * for its items) or scope objects ("process:Payroll"); role NULL: owns.
 * One transaction.  *changed: how many records changed.
 */
int app_person_owns(struct store *st, const struct org *org, const char *name,
                    const char *const *refs, size_t n, const char *role, bool add,
                    size_t *changed);

/* What `person competence` records. */
struct competence_update {
	const char *kind; /* training, certification, experience */
	const char *title;
	const char *obtained_on;
	const char *expires_on;
	const char *evidence; /* digest or prefix of stored evidence */
	const char *note;
};

int app_competence_add(struct store *st, const struct org *org, const char *name,
                       const struct competence_update *u, struct competence *out);

/*
 * Resolve what a user typed as audit scope into canonical references, in
 * catalogue order, without repeats: "all" (every clause requirement and
 * every applicable control), a reference ("a.5.15"), a prefix standing for
 * the items under it ("9", "9.2", "A.8"), a group code ("people"), or a
 * scope object ("process:Payroll", "location:Berlin", "asset:CRM").
 * "all" also stands for every in-scope process, location and asset.
 * Controls excluded in the SoA are left out unless named one by one.
 */
int app_scope_resolve(struct store *st, const struct org *org, const char *const *tokens,
                      size_t n, char ***refs, size_t *nrefs);
void app_refs_free(char **refs, size_t n);

/* ---- the audit programme ---- */

/* A cycle's first year, 1900..9999. */
int app_cycle_parse(const char *s, int *cycle);

/* What `audit programme set` changes; NULL leaves a part as it was. */
struct programme_update {
	const char *interval; /* months between audits of an area, 1..12 */
	const char *size_complexity, *legal, *rate_of_change, *risk_results,
	        *previous_results;
};

int app_programme_set(struct store *st, const struct org *org, int cycle,
                      const struct programme_update *u, struct audit_programme *out);

/* One year of a cycle in the coverage. */
struct coverage_year {
	int year;
	int completed; /* audits closed or issued that ended this year */
	int planned;   /* audits still planned that start this year */
};

/* What a cycle's completed audits covered of the ISMS. */
struct audit_coverage {
	struct audit_programme programme;
	struct coverage_year years[3];
	struct audit_list audits; /* those of the cycle */
	char **uncovered;         /* clause requirements and applicable controls */
	size_t nuncovered;
	size_t total; /* requirements and controls that must be covered */
};

/*
 * Which clause requirements and applicable Annex A controls no completed
 * audit of the cycle (ending in cycle .. cycle + 2) tested, and the audits
 * of each year.  An item counts as covered when a closed or issued audit
 * recorded a result for it.
 */
int app_audit_coverage(struct store *st, const struct org *org, int cycle,
                       struct audit_coverage *out);
void app_audit_coverage_release(struct audit_coverage *c);

/* ---- internal audits ---- */

/* "A3", "3". */
int app_audit_id_parse(const char *s, int64_t *out);

/* What `audit new|set` takes; NULL leaves a field as it was. */
struct audit_update {
	const char *title;
	const char *scope; /* comma-separated, as app_scope_resolve takes */
	const char *start_on, *end_on;
	const char *objectives;
	const char *criteria;
	const char *sampling;
	const char *auditees; /* comma-separated names */
	const char *classification;
	const char *distribution;
};

/*
 * Plan an audit: its checklist is generated from the scope (a compliance
 * and a substantive test per catalogue item), with the default documents
 * to review.  Objectives and criteria have defaults.
 */
int app_audit_new(struct store *st, const struct org *org, const struct audit_update *u,
                  struct audit *out);
/*
 * Change the plan.  A new scope adds and drops checklist lines (dropping
 * one with a result is refused) and is refused when it would put a team
 * member's own work in scope without a recorded justification.
 */
int app_audit_set(struct store *st, const struct org *org, int64_t id,
                  const struct audit_update *u, struct audit *out);
/* With every part, and each member's competence as of today. */
int app_audit_get(struct store *st, const struct org *org, int64_t id, struct audit *out);

/*
 * Put a person on the audit team.  Refused (E_CONFLICT, the message says
 * "independence" and names each conflict) when the scope holds something
 * the person designs, owns or operates, unless `justification` is given,
 * which is then recorded.  *no_competence is set for a lead auditor with
 * no current competence record (a warning, not a refusal).
 */
int app_audit_assign(struct store *st, const struct org *org, int64_t id,
                     const char *name, bool lead, const char *justification,
                     bool *no_competence);
int app_audit_unassign(struct store *st, const struct org *org, int64_t id,
                       const char *name);
/* Link a document to review to stored evidence, adding it when new. */
int app_audit_document(struct store *st, const struct org *org, int64_t id,
                       const char *title, const char *evidence);

/* What `audit result` records for one checklist line. */
struct result_update {
	const char *ref;
	const char *test; /* compliance, substantive; NULL: by the method */
	const char *result;
	const char *kind; /* missing, not-functioning: nonconformities only */
	const char *method;
	const char *population;
	const char *sample_size;
	const char *sample_items;
	const char *note;
	const char *evidence; /* comma-separated digests or prefixes */
};

/*
 * Record fieldwork: the item must be in the audit's scope, the evidence
 * the organisation's own or the audit's (never a gap assessment's).  A
 * nonconformity opens a corrective action (*capa_id).
 */
int app_audit_result(struct store *st, const struct org *org, int64_t id,
                     const struct result_update *u, int64_t *capa_id);
/* End the fieldwork (date NULL: today); see audit_close_check(). */
int app_audit_close(struct store *st, const struct org *org, int64_t id,
                    const char *date);

/*
 * May the signed-in user u do an auditor's act on audit id (record a
 * result, close the fieldwork, issue the report)?  No auditor audits their
 * own work, and over the API the one acting is a user, so u must be linked
 * to a person of the organisation ('person set --user'), that person must
 * be on the audit's team, and for a result (ref, as typed, not NULL) be
 * independent of the item tested: nothing of it theirs to design, own or
 * operate, by the rule app_audit_assign() applies (audit_conflicts).  A
 * justification recorded at assignment lets a person onto the team, not
 * record results on their own work; no role is exempt.  E_FORBIDDEN
 * saying why; `does` names the act ("record a result").
 */
int app_audit_actor_check(struct store *st, const struct org *org, int64_t id,
                          const struct user *u, const char *ref, const char *does);

/* Everything an audit report shows, loaded together. */
struct audit_report_data {
	struct audit audit;
	struct audit_summary summary;
	struct capa_list previous; /* earlier audits' actions on scope items */
	struct scope scope;
	char **outside; /* ISMS items the audit's scope leaves out */
	size_t noutside;
	char today[11];
};

int app_audit_report_load(struct store *st, const struct org *org, int64_t id,
                          struct audit_report_data *out);
void app_audit_report_release(struct audit_report_data *d);
/*
 * An issued version of a's report (version 0: the newest) as it was
 * issued, appended to out: which is 0 for Markdown, 1 for HTML, 2 for
 * JSON, the order app_audit_issue() takes the documents in.  E_NOTFOUND
 * when a has no such version.
 */
int app_audit_report_issued(struct store *st, const struct audit *a, int version,
                            int which, struct strbuf *out);
/*
 * Issue the next version of a closed audit's report: the three documents
 * (rendered for that version) are stored as content and the audit becomes
 * immutable.  E_CONFLICT when the audit is still planned, or when
 * `version` is no longer the next one.
 */
int app_audit_issue(struct store *st, const struct org *org, int64_t id, int version,
                    const char *by, const char *date, const char *reason,
                    const struct strbuf docs[3]);

/* ---- corrective actions ---- */

/* "CAPA-3", "3". */
int app_capa_id_parse(const char *s, int64_t *out);

/* What `capa set` changes; NULL leaves a field as it was. */
struct capa_update {
	const char *correction;
	const char *root_cause;
	const char *action;
	const char *owner;
	const char *due_on;
	const char *status; /* open, in-progress, implemented */
};

int app_capa_set(struct store *st, const struct org *org, int64_t id,
                 const struct capa_update *u, struct capa *out);
/*
 * The corrective actions, all or only the overdue ones (open or in
 * progress past their due date) and only those not closed.
 */
int app_capa_list(struct store *st, const struct org *org, bool overdue, bool open_only,
                  struct capa_list *out);
/* Record the effectiveness verification: who, what was found, when. */
int app_capa_verify(struct store *st, const struct org *org, int64_t id, const char *by,
                    const char *note, const char *date, const char *evidence);
/* Refused unless verified. */
int app_capa_close(struct store *st, const struct org *org, int64_t id, const char *date);

/* ---- management reviews ---- */

/* "MR3", "3". */
int app_review_id_parse(const char *s, int64_t *out);
/* The number of a review's decision or action, as 'review show' lists it. */
int app_review_output_id_parse(const char *s, int64_t *out);

/* What `review new|set` takes; NULL leaves a field as it was. */
struct review_update {
	const char *title;
	const char *held_on;
	const char *chair;
	const char *attendees; /* comma-separated */
	const char *notes;
	/* Inputs the data cannot give, kept in the inputs: */
	const char *changes, *monitoring, *objectives, *feedback;
};

/*
 * Prepare a review: its 9.3.2 inputs are filled from the data (actions
 * of earlier reviews, scope and interested parties, nonconformities and
 * corrective actions, audits completed since the last review, risks and
 * the treatment plan, improvement opportunities) plus the texts given.
 */
int app_review_new(struct store *st, const struct org *org, const struct review_update *u,
                   struct review *out);
/* Change fields; inputs are prepared again from the data.  Not when final. */
int app_review_set(struct store *st, const struct org *org, int64_t id,
                   const struct review_update *u, struct review *out);
/* A decision (owner NULL) or an action (owner required, due date optional). */
int app_review_output(struct store *st, const struct org *org, int64_t id,
                      const char *text, const char *owner, const char *due_on,
                      struct review_output *out);
/* Mark an action of any review done. */
int app_review_action_done(struct store *st, const struct org *org, int64_t id,
                           int64_t output_id);
/* Agree the minutes; nothing changes afterwards. */
int app_review_finalise(struct store *st, const struct org *org, int64_t id);

/* ---- certification ---- */

/*
 * What `cert set` changes: NULL leaves a field as it was, "none" clears
 * it.  Dates are YYYY-MM-DD.
 */
struct cert_update {
	const char *body, *number;
	const char *stage1, *stage2, *golive;
	const char *issued, *expires;
	const char *surveillance1, *surveillance2, *recertification;
};

/*
 * Change the record; the whole result is checked (cert_check) before
 * anything is written, so a refused change leaves the store as it was.
 * E_USAGE when no field is given.
 */
int app_cert_set(struct store *st, const struct org *org, const struct cert_update *u,
                 struct certification *out);
/* The record as stored (all NULL when nothing is recorded). */
int app_cert_get(struct store *st, const struct org *org, struct certification *out);
/* "1" or "2" (also "stage1", "Stage 2"); E_INVALID otherwise. */
int app_cert_stage_parse(const char *s, int *stage);

/*
 * Everything the lifecycle, the gates and the calendar's derived events
 * are judged on, from one snapshot of the store; `facts` points into the
 * rest.  Released with app_cert_release(), also after a failure.
 */
struct cert_data {
	char today[11];
	struct certification cert;
	struct cert_facts facts;
	struct cert_cycle cycle;
	struct assessment gap;
	struct cert_audit *audits;
	size_t naudits;
	char **required;
	size_t nrequired;
	struct review_list reviews;
	struct capa_list capas;
	struct soa_data soa;
	char *soa_first_problem;
	struct evidence_list evidence;
	struct cert_evidence *expiring;
	size_t nexpiring;
};

int app_cert_load(struct store *st, const struct org *org, struct cert_data *out);
void app_cert_release(struct cert_data *d);

/*
 * The calendar: every dated activity (store_calendar plus the events the
 * certification record implies), sorted.  With from and to NULL: what is
 * overdue plus the next `days` days (30, 60 or 90 usual; 1..3660); with
 * either given: the events touching [from, to] (an open end is open).
 * E_INVALID for a bad date or to before from.
 */
int app_calendar(struct store *st, const struct org *org, const char *from,
                 const char *to, int days, struct cal_list *out, char today[11]);

/* The days ahead the calendar shows unless told otherwise. */
#define CALENDAR_DAYS_DEFAULT 90

/*
 * The calendar as a front end is asked for it: `days` as typed (NULL:
 * CALENDAR_DAYS_DEFAULT), which only a calendar without from and to
 * takes; E_USAGE for days that are no number or come with a range.
 * *until receives the end of what is shown: to as given with a range
 * ("" when open), else today plus days.  With audit_only (for a
 * certification body's auditor) what a gap assessment holds is left out:
 * its remediation actions and the expiry of evidence it produced.
 */
int app_calendar_window(struct store *st, const struct org *org, const char *from,
                        const char *to, const char *days, bool audit_only,
                        struct cal_list *out, char today[11], char until[11]);
/*
 * What an iCalendar export (ical_calendar) holds: every event, or those
 * touching [from, to] (audit_only as above), and the time of the export
 * as DTSTAMP takes it (UTC, YYYYMMDDTHHMMSSZ, from the store's clock).
 */
int app_calendar_export(struct store *st, const struct org *org, const char *from,
                        const char *to, bool audit_only, struct cal_list *out,
                        char today[11], char dtstamp[17]);

/* ---- users and access ---- */

/*
 * Users are global; each sees the organisations granted to them (an
 * administrator sees all).  Passwords are hashed with Argon2id; API
 * tokens, session cookies and the set-up token are random secrets shown
 * once, of which only a SHA-256 is stored.  Failed sign-ins are E_AUTH
 * with one message whatever went wrong, so they do not tell which names
 * exist; refusals by role or organisation are E_FORBIDDEN.
 */

/* Room for any secret made here ("isms_setup_" and 43 characters) and a NUL. */
#define APP_SECRET_MAX 64
/* A session ends after 8 hours unused, and 24 hours after sign-in at the latest. */
#define SESSION_IDLE_SECONDS (8 * 3600L)
#define SESSION_ABSOLUTE_SECONDS (24 * 3600L)

/* A new login session: the cookie's value and the CSRF token are shown once. */
struct session_new {
	char token[APP_SECRET_MAX];
	char csrf[APP_SECRET_MAX];
	char expires_at[32];
	struct user user;
};

/* Wipes the secrets and releases the user. */
void session_new_release(struct session_new *s);

/*
 * A new user; password NULL: none (API tokens only), else checked
 * (password_check) and hashed.  org_slug (may be NULL) is granted in the
 * same transaction.  out may be NULL.
 */
int app_user_add(struct store *st, const char *name, const char *role,
                 const char *password, const char *org_slug, struct user *out);
/* The user and the organisations granted (orgs may be NULL). */
int app_user_get(struct store *st, const char *name, struct user *out,
                 struct org_list *orgs);
int app_user_list(struct store *st, struct user_list *out);

/* Every user with the organisations granted to each. */
struct user_orgs {
	struct user_list users;
	struct org_list *orgs; /* orgs[i]: those of users.v[i] */
};

/* From one snapshot; released with user_orgs_release(), also after failure. */
int app_user_list_orgs(struct store *st, struct user_orgs *out);
void user_orgs_release(struct user_orgs *l);
/*
 * Change the role (NULL: keep) and whether the user is disabled (-1:
 * keep).  The last enabled administrator can be neither demoted nor
 * disabled (E_CONFLICT).  Disabling ends the user's sessions.
 */
int app_user_set(struct store *st, const char *name, const char *role, int disabled);
/*
 * The same as 'user set' asks for it: a role (NULL: keep), and disable or
 * enable; E_USAGE when both or nothing is asked for.
 */
int app_user_set_flags(struct store *st, const char *name, const char *role, bool disable,
                       bool enable);
/* Set (NULL: remove) the password; ends the user's sessions. */
int app_user_set_password(struct store *st, const char *name, const char *password);
/* Grant or revoke an organisation; *changed (may be NULL) says whether it did. */
int app_user_grant(struct store *st, const char *name, const char *org_slug, bool grant,
                   bool *changed);
/* Not the last enabled administrator (E_CONFLICT). */
int app_user_remove(struct store *st, const char *name);

/*
 * Sign in: E_AUTH "wrong user name or password" for an unknown, disabled
 * or password-less user as for a wrong password, after the same work.
 */
int app_login(struct store *st, const char *name, const char *password,
              struct session_new *out);
/*
 * The user and session of a session cookie's value: E_AUTH when there is
 * none, it expired, or the user is disabled.  Moves the idle limit on.
 */
int app_session_check(struct store *st, const char *token, struct user *user,
                      struct session *sess);
/* End the session (E_AUTH when there is none). */
int app_logout(struct store *st, const char *token);
/* Drop expired sessions; *n (may be NULL): how many. */
int app_session_purge(struct store *st, int64_t *n);

/*
 * A new API token of a user: secret receives "isms_" and 43 characters,
 * to be shown once; out (may be NULL) the stored record.
 */
int app_token_add(struct store *st, const char *user_name, const char *token_name,
                  struct api_token *out, char secret[APP_SECRET_MAX]);
/* The user of a token (E_AUTH: malformed, unknown, revoked, user disabled). */
int app_token_check(struct store *st, const char *secret, struct user *out);
/* Every token (user_name NULL) or a user's. */
int app_token_list(struct store *st, const char *user_name, struct api_token_list *out);
int app_token_revoke(struct store *st, int64_t id);
/* A token's id as typed ("3"); E_USAGE otherwise. */
int app_token_id_parse(const char *s, int64_t *out);
/* Revoke one of the user's own tokens: E_NOTFOUND for anyone else's. */
int app_token_revoke_own(struct store *st, const char *user_name, int64_t id);

/*
 * Whether the user may read or change the area in the organisation: 0,
 * or E_FORBIDDEN saying why.  The role's matrix (access_allows) and the
 * organisation's grant both must allow it; an administrator holds every
 * organisation.  org_id 0 is what belongs to no organisation (the
 * catalogue, users, creating organisations): others than administrators
 * may only read the catalogue and the list of their organisations there.
 */
int app_user_can(struct store *st, const struct user *u, int64_t org_id, enum area area,
                 enum access access);

/*
 * The first administrator: a set-up token ("isms_setup_" and 43
 * characters) to print once, made only while no enabled administrator
 * exists (E_CONFLICT otherwise); a new one replaces an unused one.
 */
int app_setup_token_create(struct store *st, char secret[APP_SECRET_MAX]);
/* Use it once to create the administrator (E_AUTH when wrong or used). */
int app_setup_token_use(struct store *st, const char *secret, const char *name,
                        const char *password, struct user *out);

/* ---- the change log and verify ---- */

/* Problems kept in detail by app_verify(); more are only counted. */
#define VERIFY_PROBLEMS_MAX 1000

struct verify_problem {
	char *kind;        /* chain, unchained, changed, missing, unlogged, blob */
	char *table, *key; /* may be NULL */
	int64_t block;     /* 0 when none */
	char *message;
};

struct verify_report {
	struct store_verify_counts counts;
	struct verify_problem *v;
	size_t n, alloc;
	size_t nproblems; /* all found, n of them kept */
};

/*
 * Check, on one snapshot, the change log's chain, entries written outside
 * isms, every record against its latest logged image, and every evidence
 * content against its digest.  Problems are findings, not errors: rc 0
 * and out->nproblems > 0.  Released with verify_report_release().
 */
int app_verify(struct store *st, struct verify_report *out);
void verify_report_release(struct verify_report *r);

/* The change log, newest first (store_log), with the filter checked. */
int app_log(struct store *st, const struct store_log_filter *f,
            store_log_block_fn block_fn, store_log_entry_fn entry_fn, void *ctx);

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

/* The worked example organisation's slug. */
#define DEMO_ORG_SLUG "demo"

struct demo_org_options {
	/*
	 * Issue an audit's report (date NULL: today).  Rendering the report
	 * belongs to the view, above this layer, so the front end passes it
	 * in; NULL leaves the demo's internal audit closed but not issued.
	 */
	int (*issue)(struct store *st, const struct org *org, int64_t audit,
	             const char *by, const char *date);
};

struct demo_org_report {
	bool loaded;      /* false: the organisation was already there */
	const char *name; /* the organisation's name (static) */
	int64_t people, evidence, items, actions, assets, flows, risks, treatments;
	int64_t audits, results, capas, reviews;
};

/*
 * Load one fully worked organisation, DEMO_ORG_SLUG: scope, people,
 * evidence, a baseline gap assessment with its roadmap, assets, risks and
 * their treatment, an approved SoA, the audit programme with a completed
 * internal audit and its corrective actions, a management review and the
 * certification schedule, dated around today.  Every record goes in
 * through the operations above, under their rules, in one transaction.
 * When the organisation exists already nothing changes and out->loaded
 * is false.
 */
int app_demo_org(struct store *st, const struct demo_org_options *opts,
                 struct demo_org_report *out);

#endif
