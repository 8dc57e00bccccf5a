/*
 * scope.c - the ISMS scope of an organisation in the store.
 */
#include <string.h>

#include "core/error.h"
#include "core/xalloc.h"
#include "store/driver.h"

static int load_items(struct store *st, int64_t org_id, struct scope *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(
	        st,
	        "SELECT id, kind, name, description, in_scope, exclusion_reason "
	        "FROM scope_item WHERE org_id = ? ORDER BY "
	        "CASE kind WHEN 'process' THEN 0 WHEN 'location' THEN 1 "
	        "WHEN 'technology' THEN 2 ELSE 3 END, name",
	        SQL_ARGS(ARG_INT(org_id)), &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		struct scope_item *it;
		const char *kind = st->ops->text(rows, 1);

		ALLOC_GROW(out->items, out->nitems + 1, out->alloc_items);
		it = &out->items[out->nitems++];
		memset(it, 0, sizeof(*it));
		it->id = st->ops->integer(rows, 0);
		if (scope_kind_parse(kind ? kind : "", &it->kind))
			it->kind = SCOPE_PROCESS;
		it->name = db_strdup(st, rows, 2);
		it->description = db_strdup(st, rows, 3);
		it->in_scope = st->ops->integer(rows, 4) != 0;
		it->exclusion_reason = db_strdup(st, rows, 5);
	}
	st->ops->done(rows);
	return rc;
}

static int load_ifaces(struct store *st, int64_t org_id, struct scope *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st,
	                        "SELECT id, kind, name, party, description "
	                        "FROM scope_interface WHERE org_id = ? "
	                        "ORDER BY kind DESC, name",
	                        SQL_ARGS(ARG_INT(org_id)), &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		struct scope_iface *f;
		const char *kind = st->ops->text(rows, 1);

		ALLOC_GROW(out->ifaces, out->nifaces + 1, out->alloc_ifaces);
		f = &out->ifaces[out->nifaces++];
		memset(f, 0, sizeof(*f));
		f->id = st->ops->integer(rows, 0);
		f->kind = kind && !strcmp(kind, "dependency") ? IFACE_DEPENDENCY
		                                              : IFACE_INTERFACE;
		f->name = db_strdup(st, rows, 2);
		f->party = db_strdup(st, rows, 3);
		f->description = db_strdup(st, rows, 4);
	}
	st->ops->done(rows);
	return rc;
}

int store_scope_get(struct store *st, int64_t org_id, struct scope *out)
{
	struct db_rows *rows;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = st->ops->query(st,
	                    "SELECT statement, updated_at FROM scope WHERE org_id = ?",
	                    SQL_ARGS(ARG_INT(org_id)), &rows);
	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0) {
		out->statement = db_strdup(st, rows, 0);
		out->updated_at = db_strdup(st, rows, 1);
	}
	st->ops->done(rows);
	if (!out->statement)
		out->statement = xstrdup("");
	if (rc >= 0)
		rc = load_items(st, org_id, out);
	if (rc >= 0)
		rc = load_ifaces(st, org_id, out);
	if (rc < 0) {
		scope_release(out);
		return rc;
	}
	return 0;
}

int store_scope_set_statement(struct store *st, int64_t org_id, const char *statement)
{
	char now[32];
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_exec(st,
	             "INSERT INTO scope (org_id, statement, updated_at) VALUES (?, ?, ?) "
	             "ON CONFLICT (org_id) DO UPDATE SET statement = excluded.statement, "
	             "updated_at = excluded.updated_at",
	             SQL_ARGS(ARG_INT(org_id), ARG_TEXT(statement), ARG_TEXT(now)));
	return store_end(st, rc);
}

static int item_id(struct store *st, int64_t org_id, enum scope_kind kind,
                   const char *name, int64_t *id)
{
	int rc = db_int(st,
	                "SELECT id FROM scope_item WHERE org_id = ? AND kind = ? "
	                "AND name = ?",
	                SQL_ARGS(ARG_INT(org_id), ARG_TEXT(scope_kind_name(kind)),
	                         ARG_TEXT(name)),
	                id);

	if (rc == 0)
		return error_set(E_NOTFOUND, "no %s '%s' in the scope",
		                 scope_kind_name(kind), name);
	return rc < 0 ? rc : 0;
}

int store_scope_item_add(struct store *st, int64_t org_id, enum scope_kind kind,
                         const char *name, const char *description)
{
	int64_t id;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = item_id(st, org_id, kind, name, &id);
	if (rc == 0)
		rc = error_set(E_EXISTS, "%s '%s' is already in the scope list",
		               scope_kind_name(kind), name);
	else if (rc == -E_NOTFOUND)
		rc = db_exec(st,
		             "INSERT INTO scope_item (org_id, kind, name, description, "
		             "in_scope, exclusion_reason) VALUES (?, ?, ?, ?, 1, NULL)",
		             SQL_ARGS(ARG_INT(org_id), ARG_TEXT(scope_kind_name(kind)),
		                      ARG_TEXT(name),
		                      ARG_TEXT(description ? description : "")));
	/* Another process may have added it since the check. */
	if (rc == -E_EXISTS)
		rc = error_set(E_EXISTS, "%s '%s' is already in the scope list",
		               scope_kind_name(kind), name);
	return store_end(st, rc);
}

int store_scope_item_set_in(struct store *st, int64_t org_id, enum scope_kind kind,
                            const char *name, bool in_scope, const char *reason)
{
	int64_t id;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = item_id(st, org_id, kind, name, &id);
	if (!rc)
		rc = db_exec(st,
		             "UPDATE scope_item SET in_scope = ?, exclusion_reason = ? "
		             "WHERE id = ?",
		             SQL_ARGS(ARG_BOOL(in_scope),
		                      ARG_TEXT(in_scope ? NULL : reason), ARG_INT(id)));
	return store_end(st, rc);
}

int store_scope_item_remove(struct store *st, int64_t org_id, enum scope_kind kind,
                            const char *name)
{
	int64_t id;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = item_id(st, org_id, kind, name, &id);
	if (!rc)
		rc = db_exec(st, "DELETE FROM scope_item WHERE id = ?",
		             SQL_ARGS(ARG_INT(id)));
	return store_end(st, rc);
}

int store_scope_iface_add(struct store *st, int64_t org_id, enum iface_kind kind,
                          const char *name, const char *party, const char *description)
{
	int64_t n = 0;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = db_int(st,
	            "SELECT count(*) FROM scope_interface WHERE org_id = ? AND kind = ? "
	            "AND name = ?",
	            SQL_ARGS(ARG_INT(org_id), ARG_TEXT(iface_kind_name(kind)),
	                     ARG_TEXT(name)),
	            &n);
	if (rc >= 0 && n)
		rc = error_set(E_EXISTS, "%s '%s' is already recorded",
		               iface_kind_name(kind), name);
	else if (rc >= 0)
		rc = db_exec(st,
		             "INSERT INTO scope_interface (org_id, kind, name, party, "
		             "description) VALUES (?, ?, ?, ?, ?)",
		             SQL_ARGS(ARG_INT(org_id), ARG_TEXT(iface_kind_name(kind)),
		                      ARG_TEXT(name), ARG_TEXT(party ? party : ""),
		                      ARG_TEXT(description ? description : "")));
	/* Another process may have added it since the check. */
	if (rc == -E_EXISTS)
		rc = error_set(E_EXISTS, "%s '%s' is already recorded",
		               iface_kind_name(kind), name);
	return store_end(st, rc);
}

int store_scope_iface_remove(struct store *st, int64_t org_id, enum iface_kind kind,
                             const char *name)
{
	int64_t id = 0;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = db_int(st,
	            "SELECT id FROM scope_interface WHERE org_id = ? AND kind = ? "
	            "AND name = ?",
	            SQL_ARGS(ARG_INT(org_id), ARG_TEXT(iface_kind_name(kind)),
	                     ARG_TEXT(name)),
	            &id);
	if (rc == 0)
		rc = error_set(E_NOTFOUND, "no %s '%s' is recorded",
		               iface_kind_name(kind), name);
	else if (rc > 0)
		rc = db_exec(st, "DELETE FROM scope_interface WHERE id = ?",
		             SQL_ARGS(ARG_INT(id)));
	return store_end(st, rc);
}
