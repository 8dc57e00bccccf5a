/*
 * store.h - the one storage interface.
 *
 * Everything the program keeps goes through these functions; no SQL exists
 * outside src/store/.  A store is opened from a target: a file path means
 * SQLite (the embedded default), a postgresql:// URL means PostgreSQL.  The
 * backends differ only in their driver (driver.h); every function here is
 * written once, in SQL both understand.
 *
 * Every write runs in a transaction: either all of it lands or none of it.
 * Functions return 0 or a negative error code with a message (error.h).
 * Output structs are filled on success and belong to the caller, who frees
 * them with the matching _release function from the core headers.
 */
#ifndef ISMS_STORE_H
#define ISMS_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/catalog.h"
#include "core/cert.h"
#include "core/gap.h"
#include "core/hash.h"
#include "core/org.h"
#include "core/risk.h"
#include "core/soa.h"

struct store;

enum {
	STORE_CREATE = 1 << 0, /* create and initialise if missing */
};

/* The newest schema version this program knows. */
int store_schema_latest(void);

int store_open(struct store **out, const char *target, unsigned flags);
void store_close(struct store *st);

/* "sqlite" or "postgresql" */
const char *store_backend(const struct store *st);
/* The path or URL the store was opened from (password removed). */
const char *store_target(const struct store *st);
int store_schema_version(struct store *st, int *out);
/* Schema versions applied by this open (0 when none were needed). */
int store_migrations_applied(const struct store *st);

/*
 * Group several writes into one transaction.  Calls nest; only the
 * outermost store_end() commits, and any failure inside rolls back all.
 * store_end(st, rc) commits when rc is 0, rolls back otherwise, and returns
 * rc or the commit's error.
 */
int store_begin(struct store *st);
int store_end(struct store *st, int rc);
/*
 * Begin reading from one consistent snapshot (a read-only transaction),
 * so that what several queries load fits together; inside a transaction,
 * nests in it.  Ended by store_end().
 */
int store_begin_read(struct store *st);
/*
 * Inside a write transaction: wait for, then hold until its end, the
 * organisation's turn, so that a record read and then changed in this
 * transaction (an If-Match check) cannot change in between.
 */
int store_lock_org(struct store *st, int64_t org_id);
/*
 * A short text that changes whenever a change committed by anyone (this
 * connection included) becomes visible here: what was read from the
 * store while it stays the same is still what the store holds.
 */
#define STORE_VERSION_MAX 256
int store_version(struct store *st, char out[STORE_VERSION_MAX]);

/*
 * Copy every record of `from` into `to`, ids and all, in one transaction
 * on `to`; the backends may differ.  Both must have the same schema
 * version, and `to` must hold no records (what 'isms init' put there is
 * replaced).  `from` is read from one consistent snapshot.  *rows (may be
 * NULL) receives the number of rows copied.
 */
int store_copy(struct store *from, struct store *to, size_t *rows);
/*
 * Check that the copy knows every table of the store and that none is
 * missing: E_SCHEMA otherwise.
 */
int store_copy_check(struct store *st);

/* ---- the change log ---- */

/*
 * Who the writes of this store are by, from now on: recorded with every
 * change_log block.  NULL sets the default: $ISMS_ACTOR when set, else
 * "cli:" and the login name.  The HTTP server sets it per request.
 */
void store_set_actor(struct store *st, const char *actor);

/*
 * The organisation the writes from now on act in (0: none), for the
 * change log's blocks whose entries do not name it themselves.
 */
void store_set_log_org(struct store *st, int64_t org_id);

/* One finding of store_verify_log() or store_verify_blobs(). */
struct store_problem {
	/* chain, unchained, changed, missing, unlogged, blob */
	const char *kind;
	const char *table; /* NULL when none */
	const char *key;   /* the record's primary key, "id=5"; NULL when none */
	int64_t block;     /* the block concerned, 0 when none */
	const char *message;
};
typedef void (*store_problem_fn)(void *ctx, const struct store_problem *p);

struct store_verify_counts {
	int64_t blocks, entries, records, blobs;
	char head[SHA256_HEX_LEN + 1]; /* the newest block's SHA-256, "" when none */
};

/*
 * Check the change log: the chain of blocks (order, links, each block's
 * SHA-256 recomputed from its entries), entries outside the chain, and
 * every record of every logged table against its latest logged image.
 * Each problem goes to fn.  Call inside store_begin_read().
 */
int store_verify_log(struct store *st, store_problem_fn fn, void *ctx,
                     struct store_verify_counts *counts);
/* Re-hash every stored content against its digest; sets counts->blobs. */
int store_verify_blobs(struct store *st, store_problem_fn fn, void *ctx,
                       struct store_verify_counts *counts);

struct store_log_filter {
	const char *since; /* YYYY-MM-DD or a full time, NULL for all */
	const char *table; /* only entries of this table, NULL for all */
	int64_t limit;     /* blocks, newest first */
	int64_t entries;   /* entries per block at most; 0 for all */
	int64_t org_id;    /* only this organisation's blocks; 0 for all */
};
struct store_log_block {
	int64_t seq, entries;
	const char *at, *actor, *sha256;
	int64_t org_id;  /* 0: of no one organisation */
	const char *org; /* its slug, NULL when none or removed */
};
struct store_log_entry {
	int64_t id;
	const char *table, *op, *key;
	const char *before, *after; /* JSON text, NULL for none */
};
/*
 * The change log's blocks, newest first, each followed by its entries in
 * order: block_fn, then entry_fn for each.  A non-zero return stops the
 * walk and is returned.  Call inside store_begin_read().
 */
typedef int (*store_log_block_fn)(void *ctx, const struct store_log_block *b);
typedef int (*store_log_entry_fn)(void *ctx, const struct store_log_entry *e);
int store_log(struct store *st, const struct store_log_filter *f,
              store_log_block_fn block_fn, store_log_entry_fn entry_fn, void *ctx);

/* ---- organisations ---- */
int store_org_add(struct store *st, const char *slug, const char *name, struct org *out);
int store_org_get(struct store *st, const char *slug, struct org *out);
int store_org_list(struct store *st, struct org_list *out);
int store_org_rename(struct store *st, const char *slug, const char *name);
int store_org_remove(struct store *st, const char *slug);

/* ---- ISMS scope ---- */
int store_scope_get(struct store *st, int64_t org_id, struct scope *out);
int store_scope_set_statement(struct store *st, int64_t org_id, const char *statement);
int store_scope_item_add(struct store *st, int64_t org_id, enum scope_kind kind,
                         const char *name, const char *description);
/* Mark an item in scope (reason NULL) or out of scope with a reason. */
int store_scope_item_set_in(struct store *st, int64_t org_id, enum scope_kind kind,
                            const char *name, bool in_scope, const char *reason);
int store_scope_item_remove(struct store *st, int64_t org_id, enum scope_kind kind,
                            const char *name);
int store_scope_iface_add(struct store *st, int64_t org_id, enum iface_kind kind,
                          const char *name, const char *party, const char *description);
int store_scope_iface_remove(struct store *st, int64_t org_id, enum iface_kind kind,
                             const char *name);

/* ---- catalogue ---- */

/*
 * Store a whole framework, or update the stored one with the same code.
 * Items are matched by reference; an update may add items and change text
 * but may not drop an item that is already stored (records refer to it).
 * *changed is set when anything differed from what was stored.
 */
int store_framework_put(struct store *st, const struct framework *fw, bool *changed);
/*
 * Frameworks with their groups (each with its item count) and attribute
 * types; items are not loaded.
 */
int store_framework_list(struct store *st, struct framework_list *out);
/* Items matching the filter, in catalogue order, with their attributes. */
int store_catalog_list(struct store *st, const struct catalog_filter *filter,
                       struct catalog_item_list *out);
int store_catalog_get(struct store *st, const char *framework, const char *ref,
                      struct catalog_item *out);

/* ---- content: evidence files ---- */

/* Called with successive pieces of content; non-zero stops the read. */
typedef int (*blob_sink)(void *ctx, const void *data, size_t len);

/*
 * Store everything readable from fd as content named by its SHA-256, once:
 * the same bytes again find the stored copy.  Records the blob row in the
 * current transaction.  Sets the hex digest, the size, and *created (may be
 * NULL) when the content was new.
 */
int store_blob_put(struct store *st, int fd, char sha256[SHA256_HEX_LEN + 1],
                   int64_t *size, bool *created);
/*
 * Stream stored content to sink, hashing it on the way: E_SCHEMA ("...
 * is damaged ...") when it no longer matches its digest or is missing,
 * E_NOTFOUND when no such content was ever stored.
 */
int store_blob_read(struct store *st, const char *sha256, blob_sink sink, void *ctx);

/* Today's date (YYYY-MM-DD, UTC; ISMS_NOW pins it for tests). */
void store_today(char out[11]);
/* The current time as ISO 8601 UTC ("2026-11-23T09:30:00Z"), pinned by
 * ISMS_NOW as store_today() is. */
void store_now(char out[32]);

/* ---- gap assessments ---- */

/* A new assessment of the framework with that code. */
int store_assessment_add(struct store *st, int64_t org_id, const char *framework,
                         const char *name, const char *assessed_on, const char *assessor,
                         struct assessment *out);
/* By id, or the organisation's newest when id is 0. */
int store_assessment_get(struct store *st, int64_t org_id, int64_t id,
                         struct assessment *out);
/* Oldest first. */
int store_assessment_list(struct store *st, int64_t org_id, struct assessment_list *out);

/*
 * Every item of the assessment's framework in catalogue order, with what
 * was recorded, its evidence counts as of `today`, and its action.
 * ref non-NULL: that item only (canonical reference).
 */
int store_gap_rows(struct store *st, const struct assessment *a, const char *ref,
                   const char *today, struct gap_row_list *out);
/*
 * The newest assessment of every organisation, for scoring a portfolio: fn
 * is called for each organisation in slug order with its newest assessment
 * (NULL when it has none) and its rows as store_gap_rows() gives them, less
 * what a score does not need: only the item, its status and its evidence
 * counts as of `today` are filled in.  The rows last until fn returns.  One
 * snapshot (not inside a transaction), a few queries and one index range
 * per organisation; an error from fn stops the walk and is returned.
 */
typedef int (*gap_newest_fn)(void *ctx, const struct org *org, const struct assessment *a,
                             const struct gap_row_list *rows);
int store_gap_rows_newest(struct store *st, const char *today, gap_newest_fn fn,
                          void *ctx);
/* Write what was found for one item (insert or replace). */
int store_gap_set(struct store *st, const struct assessment *a, int64_t item_id,
                  const struct gap_row *r);
/* Insert or update the remediation action of one item. */
int store_action_set(struct store *st, const struct assessment *a, int64_t item_id,
                     const struct gap_row *r);

/* ---- evidence ---- */

/* Record evidence (content already stored); E_EXISTS-free: *existed says. */
int store_evidence_add(struct store *st, int64_t org_id, struct evidence *e,
                       bool *existed);
/* By full digest or a unique prefix of 8 or more hex digits. */
int store_evidence_get(struct store *st, int64_t org_id, const char *sha,
                       struct evidence *out);
/* All of the organisation's evidence; with a (may be NULL), its links there. */
int store_evidence_list(struct store *st, int64_t org_id, const struct assessment *a,
                        struct evidence_list *out);
int store_evidence_link(struct store *st, const struct assessment *a, int64_t item_id,
                        int64_t evidence_id, bool link, bool *changed);

/* ---- assets and data flows ---- */

int store_asset_list(struct store *st, int64_t org_id, struct asset_list *out);
int store_asset_get(struct store *st, int64_t org_id, const char *name,
                    struct asset *out);
/* Insert a new asset (E_EXISTS when the name is taken), or update a->id. */
int store_asset_put(struct store *st, int64_t org_id, const struct asset *a, bool create);
/* E_CONFLICT while a risk or a data flow names it. */
int store_asset_remove(struct store *st, int64_t org_id, const char *name);
/* Between two assets named in f; sets *id. */
int store_flow_add(struct store *st, int64_t org_id, const struct data_flow *f,
                   int64_t *id);
int store_flow_list(struct store *st, int64_t org_id, struct data_flow_list *out);
int store_flow_remove(struct store *st, int64_t org_id, int64_t id);

/* ---- risks ---- */

/* The organisation's method, or the default when it never set one. */
int store_risk_method_get(struct store *st, int64_t org_id, struct risk_method *out);
/*
 * Replace the method (its version becomes the stored one plus one) and
 * re-evaluate every risk under it, recording the change with how many
 * risks were evaluated and how many changed level; one transaction.
 * E_CONFLICT when a risk's values lie beyond the new scales.
 */
int store_risk_method_set(struct store *st, int64_t org_id, const struct risk_method *m,
                          int64_t *evaluated, int64_t *changed);
/* Every recorded change of the method, oldest first. */
int store_risk_method_history(struct store *st, int64_t org_id,
                              struct risk_method_history *out);
/* Every risk in id order, with its assets, controls and actions. */
int store_risk_list(struct store *st, int64_t org_id, struct risk_list *out);
int store_risk_get(struct store *st, int64_t org_id, int64_t id, struct risk *out);
/*
 * Insert r (levels already evaluated; assets by name, which must exist)
 * and set r->id; or replace every field, asset and control of r->id.
 */
int store_risk_add(struct store *st, int64_t org_id, struct risk *r);
int store_risk_update(struct store *st, int64_t org_id, const struct risk *r);
int store_risk_remove(struct store *st, int64_t org_id, int64_t id);
/* Insert an action of t->risk_id (t->id 0; sets it) or update t->id. */
int store_treatment_action_put(struct store *st, int64_t org_id,
                               struct treatment_action *t);
int store_treatment_action_get(struct store *st, int64_t org_id, int64_t id,
                               struct treatment_action *out);
/* The newest approval of the plan (fields NULL when never approved). */
int store_plan_get(struct store *st, int64_t org_id, struct treatment_plan *out);
int store_plan_approve(struct store *st, int64_t org_id, const char *by, const char *on,
                       const char *sha256);

/* ---- Statement of Applicability ---- */

/* What people decided, per control, in reference order. */
int store_soa_decisions(struct store *st, int64_t org_id, struct soa_decision_list *out);
int store_soa_decision_get(struct store *st, int64_t org_id, const char *ref,
                           struct soa_decision *out);
/* Insert or replace the decision about d->ref. */
int store_soa_decide(struct store *st, int64_t org_id, const struct soa_decision *d);
/* Freeze s as the next version; sets *version. */
int store_soa_version_add(struct store *st, int64_t org_id, const char *by,
                          const char *on, const struct soa *s, int *version);
/* A version with its rows (0: the newest); E_NOTFOUND when none. */
int store_soa_version_get(struct store *st, int64_t org_id, int version,
                          struct soa_version *out);
/* Every version, oldest first, without rows. */
int store_soa_version_list(struct store *st, int64_t org_id,
                           struct soa_version_list *out);

/* ---- people ---- */

/*
 * People are found by name case-insensitively (person_same).  A person
 * comes with their competence records (oldest first) and the
 * responsibilities recorded on them (p->owns, in ref order).
 */
int store_person_add(struct store *st, int64_t org_id, const char *name,
                     const char *email, struct person *out);
int store_person_get(struct store *st, int64_t org_id, const char *name,
                     struct person *out);
/* In name order. */
int store_person_list(struct store *st, int64_t org_id, struct person_list *out);
/* email NULL clears it. */
int store_person_set_email(struct store *st, int64_t org_id, const char *name,
                           const char *email);
/*
 * Link the person to a user account (u NULL: unlink).  E_CONFLICT when the
 * user is already another person of the organisation.
 */
int store_person_set_user(struct store *st, int64_t org_id, const char *name,
                          const struct user *u);
/* The person of the organisation a user is linked to; E_NOTFOUND when none. */
int store_person_of_user(struct store *st, int64_t org_id, int64_t user_id,
                         struct person *out);
/* E_CONFLICT while the person is on an audit team. */
int store_person_remove(struct store *st, int64_t org_id, const char *name);
/* c->evidence, when set, is a full digest of the organisation's evidence. */
int store_competence_add(struct store *st, int64_t org_id, int64_t person_id,
                         struct competence *c);
int store_competence_remove(struct store *st, int64_t person_id, int64_t id);
/* Record (add) or drop a responsibility; *changed says whether it did. */
int store_responsibility_set(struct store *st, int64_t person_id, const char *ref,
                             enum resp_role role, bool add, bool *changed);
/*
 * Every responsibility the store knows of, from one snapshot:
 *   - those recorded on people ("person record");
 *   - item owners of the newest gap assessment ("gap assessment", owns)
 *     and remediation action owners ("remediation action", operates);
 *   - risk owners, for each control the risk selects ("risk R<id>",
 *     owns), and treatment action owners for their control ("treatment
 *     action <id>", operates);
 *   - asset owners ("asset", owns "asset:NAME").
 * Ordered by ref, then person.
 */
int store_responsibilities(struct store *st, int64_t org_id,
                           struct responsibility_list *out);

/* ---- the audit programme ---- */

/* The programme of a cycle; when none is recorded, interval 12 and NULLs. */
int store_programme_get(struct store *st, int64_t org_id, int cycle,
                        struct audit_programme *out);
/* Insert or replace. */
int store_programme_put(struct store *st, int64_t org_id,
                        const struct audit_programme *p);

/* ---- internal audits ---- */

/*
 * Insert a new audit: plan fields, scope, documents and checklist (tests
 * with ref, type, step and expected; results none).  Status planned.
 * Sets a->id.
 */
int store_audit_add(struct store *st, int64_t org_id, struct audit *a);
/*
 * Everything of one audit: scope, members (competent left false),
 * documents, the tests in catalogue order (compliance first) with their
 * item's title and group, fieldwork, evidence and capa id, and the issued
 * report versions.  E_NOTFOUND "no audit N (see 'isms audit list')".
 */
int store_audit_get(struct store *st, int64_t org_id, int64_t id, struct audit *out);
/* Every audit by start date then id, with scope and members only. */
int store_audit_list(struct store *st, int64_t org_id, struct audit_list *out);
/*
 * Write the plan fields, scope, documents and status/closed_on of a; add
 * tests of a that are not stored and drop stored tests that a no longer
 * has (their evidence links go with them).  Members and results are not
 * touched here.
 */
int store_audit_update(struct store *st, int64_t org_id, const struct audit *a);
/* Insert or replace a member (m->person_id); one lead: a new lead demotes the old. */
int store_audit_member_put(struct store *st, int64_t audit_id,
                           const struct audit_member *m);
int store_audit_member_remove(struct store *st, int64_t audit_id, int64_t person_id);
/*
 * Record the fieldwork of one test (t->ref, t->type): method, sample,
 * result, kind, note, recorded_at now; link the evidence ids (added to
 * what is linked).  In the same transaction, a nonconformity opens a
 * corrective action (severity, kind, description = note), or updates the
 * one this test opened while it is still open; a result that is no longer
 * a nonconformity deletes that action while open, and is refused
 * (E_CONFLICT) once work on it began.  *capa_id: the test's action, 0
 * when none.
 */
int store_audit_test_record(struct store *st, int64_t org_id, int64_t audit_id,
                            const struct audit_test *t, const int64_t *evidence_ids,
                            size_t nevidence, int64_t *capa_id);
/*
 * Record an issued report version (v->version set to the next number; the
 * documents already stored as content) and set the audit's status to
 * issued; one transaction.
 */
int store_audit_report_add(struct store *st, int64_t audit_id,
                           struct audit_report_version *v);

/* ---- corrective actions ---- */

/* Every corrective action of the organisation, in id order. */
int store_capa_list(struct store *st, int64_t org_id, struct capa_list *out);
int store_capa_get(struct store *st, int64_t org_id, int64_t id, struct capa *out);
/*
 * Write every field of c->id from correction to closed_on;
 * c->verification_evidence, when set, is a full digest of the
 * organisation's evidence.
 */
int store_capa_update(struct store *st, int64_t org_id, const struct capa *c);

/* ---- management reviews ---- */

/* Insert r (fields, not outputs); sets r->id. */
int store_review_add(struct store *st, int64_t org_id, struct review *r);
/* With its outputs. */
int store_review_get(struct store *st, int64_t org_id, int64_t id, struct review *out);
/* By date then id, with outputs. */
int store_review_list(struct store *st, int64_t org_id, struct review_list *out);
/* Write title, held_on, chair, attendees, inputs, notes, status. */
int store_review_update(struct store *st, int64_t org_id, const struct review *r);
/* Insert (o->id 0; sets it) or update an output of the review. */
int store_review_output_put(struct store *st, int64_t review_id, struct review_output *o);

/* ---- certification and the calendar ---- */

/* The record; all fields NULL (updated_at too) when none is recorded. */
int store_cert_get(struct store *st, int64_t org_id, struct certification *out);
/* Write the whole record: a NULL field is stored as not recorded. */
int store_cert_put(struct store *st, int64_t org_id, const struct certification *c);
/*
 * Every dated record of the organisation as calendar events, unsorted:
 * internal audits (start to end; done once closed or issued), management
 * reviews (done once final), open and done review actions with a due
 * date, corrective actions with a due date (done once verified or
 * closed), the newest gap assessment's remediation actions with a due
 * date (done once done), treatment actions with a due date, evidence with
 * a validity end (done once the newest assessment no longer links it),
 * risks with a review date, and competence records with an expiry (done
 * once a later record of the same kind and title replaces it).  Keys as cal_uid() needs
 * them (see store/cert.c).
 */
int store_calendar(struct store *st, int64_t org_id, struct cal_list *out);

/* ---- users, API tokens, login sessions ---- */

/*
 * Users are global, not per organisation; they see the organisations
 * granted to them.  Names are found whatever their case (user_name_same).
 * Secrets never come here: passwords arrive hashed, tokens and session
 * cookies as their SHA-256 in hex.  Times are as store_now() writes them.
 */
int store_user_add(struct store *st, const char *name, enum role role,
                   const char *password_hash, struct user *out);
/* E_NOTFOUND "no user 'NAME' (see 'isms user list')". */
int store_user_get(struct store *st, const char *name, struct user *out);
int store_user_get_id(struct store *st, int64_t id, struct user *out);
/* In name order. */
int store_user_list(struct store *st, struct user_list *out);
/* Write u->role, u->disabled and u->password_hash of u->id; updated now. */
int store_user_update(struct store *st, const struct user *u);
/* With the user go their grants, tokens and sessions. */
int store_user_remove(struct store *st, const char *name);
/* How many users hold the role (enabled ones only when enabled_only). */
int store_user_count(struct store *st, enum role role, bool enabled_only, int64_t *out);
/* Grant (or revoke) an organisation; *changed (may be NULL) says whether it did. */
int store_user_grant(struct store *st, int64_t user_id, int64_t org_id, bool grant,
                     bool *changed);
/* The organisations granted to the user, in slug order. */
int store_user_orgs(struct store *st, int64_t user_id, struct org_list *out);
int store_user_has_org(struct store *st, int64_t user_id, int64_t org_id, bool *out);

/* A new token of the user; sets out (may be NULL). */
int store_token_add(struct store *st, int64_t user_id, const char *name,
                    const char *sha256, struct api_token *out);
/* The token with that digest unless revoked: E_NOTFOUND otherwise. */
int store_token_find(struct store *st, const char *sha256, struct api_token *out);
/* Every token (user_id 0) or the user's, revoked ones too, in id order. */
int store_token_list(struct store *st, int64_t user_id, struct api_token_list *out);
/* E_NOTFOUND when no such token; revoking again changes nothing. */
int store_token_revoke(struct store *st, int64_t id);
/* Record a use now. */
int store_token_touch(struct store *st, int64_t id, const char *now);

/* Record a session: s->user_id, csrf and times, under the cookie's digest; sets s->id. */
int store_session_add(struct store *st, const char *sha256, struct session *s);
/* The session with that digest expiring after now: E_NOTFOUND otherwise. */
int store_session_find(struct store *st, const char *sha256, const char *now,
                       struct session *out);
int store_session_touch(struct store *st, int64_t id, const char *now,
                        const char *expires_at);
/* E_NOTFOUND when there is no such session. */
int store_session_delete(struct store *st, const char *sha256);
/* Drop every session expired by now (at or before it); *n (may be NULL): how many. */
int store_session_delete_expired(struct store *st, const char *now, int64_t *n);
/* Drop every session of a user (their password changed, they were disabled). */
int store_session_delete_user(struct store *st, int64_t user_id);

/* The set-up token: one, replaced by a new one. */
int store_setup_token_put(struct store *st, const char *sha256);
/* Whether one exists that was never used. */
int store_setup_token_pending(struct store *st, bool *out);
/*
 * Mark the unused token with that digest used now: E_NOTFOUND when there
 * is none (wrong, or used already).
 */
int store_setup_token_use(struct store *st, const char *sha256, const char *now);

/* ---- demo data ---- */

/* A scope item of a demo organisation; out of scope when reason is set. */
struct demo_scope_item {
	enum scope_kind kind;
	const char *name;
	const char *description;
	const char *reason;
};

struct demo_iface {
	enum iface_kind kind;
	const char *name;
	const char *party;
	const char *description;
};

/* A demo organisation as store_demo_org() records it. */
struct demo_org {
	const char *framework; /* code of the assessed framework */
	const char *slug;
	const char *name;
	const char *statement;
	const struct demo_scope_item *items;
	size_t nitems;
	const struct demo_iface *ifaces;
	size_t nifaces;
	const char *assessment; /* its one assessment: name, date, assessor */
	const char *assessed_on;
	const char *assessor;
	/* Its evidence, in this order; the content is already stored. */
	const struct evidence *evidence;
	size_t nevidence;
};

/* How many organisations have a slug starting with prefix. */
int store_demo_count(struct store *st, const char *prefix, int64_t *out);
/* The organisation, its scope, its assessment (no findings) and evidence. */
int store_demo_org(struct store *st, const struct demo_org *o);

/* What the set-based fill writes for every organisation of a prefix. */
struct demo_fill {
	const char *prefix; /* "demo-": the slugs, a number after it */
	uint32_t seed;
	const char *note[2];     /* notes of partial and nonconforming items */
	const char *due[2];      /* and their target dates */
	const char *na_physical; /* justification of na physical controls */
	const char *na_other;    /* and of other na controls */
	int evidence;            /* evidence items each organisation holds */
	int links;               /* of those, linked to each item */
};

/*
 * A finding for every item of each organisation's assessment, derived from
 * the seed, the organisation's number and the item, and a remediation
 * action for each nonconforming one.  *rows: findings written.
 */
int store_demo_findings(struct store *st, const struct demo_fill *f, int64_t *rows);
/*
 * Link f->links of each organisation's f->evidence evidence items (in the
 * order added) to every item.  *rows: links written.
 */
int store_demo_links(struct store *st, const struct demo_fill *f, int64_t *rows);

#endif
