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

#include "core/catalog.h"
#include "core/org.h"

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

#endif
