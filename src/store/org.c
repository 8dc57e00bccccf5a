/*
 * org.c - organisations in the store.
 */
#include <string.h>

#include "core/error.h"
#include "core/xalloc.h"
#include "store/driver.h"

#define ORG_COLUMNS "id, slug, name, created_at"

static void org_from_row(struct store *st, struct db_rows *rows, struct org *org)
{
	org->id = st->ops->integer(rows, 0);
	org->slug = db_strdup(st, rows, 1);
	org->name = db_strdup(st, rows, 2);
	org->created_at = db_strdup(st, rows, 3);
}

int store_org_get(struct store *st, const char *slug, struct org *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st, "SELECT " ORG_COLUMNS " FROM org WHERE slug = ?",
	                        SQL_ARGS(ARG_TEXT(slug)), &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0)
		org_from_row(st, rows, out);
	st->ops->done(rows);
	if (rc == 0)
		return error_set(E_NOTFOUND, "no organisation '%s' (see 'isms org list')",
		                 slug);
	return rc < 0 ? rc : 0;
}

int store_org_add(struct store *st, const char *slug, const char *name, struct org *out)
{
	char now[32];
	int64_t exists = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st, "SELECT count(*) FROM org WHERE slug = ?",
	            SQL_ARGS(ARG_TEXT(slug)), &exists);
	if (rc >= 0 && exists)
		rc = error_set(E_EXISTS, "organisation '%s' already exists", slug);
	else if (rc >= 0)
		rc = db_exec(st,
		             "INSERT INTO org (slug, name, created_at) VALUES (?, ?, ?)",
		             SQL_ARGS(ARG_TEXT(slug), ARG_TEXT(name), ARG_TEXT(now)));
	if (rc == -E_EXISTS)
		rc = error_set(E_EXISTS, "organisation '%s' already exists", slug);
	rc = store_end(st, rc);
	if (!rc && out)
		rc = store_org_get(st, slug, out);
	return rc;
}

int store_org_list(struct store *st, struct org_list *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st, "SELECT " ORG_COLUMNS " FROM org ORDER BY slug",
	                        SQL_NOARGS, &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		memset(&out->v[out->n], 0, sizeof(out->v[0]));
		org_from_row(st, rows, &out->v[out->n++]);
	}
	st->ops->done(rows);
	if (rc < 0)
		org_list_release(out);
	return rc;
}

static int require_org(struct store *st, const char *slug)
{
	int64_t n = 0;
	int rc = db_int(st, "SELECT count(*) FROM org WHERE slug = ?",
	                SQL_ARGS(ARG_TEXT(slug)), &n);

	if (rc < 0)
		return rc;
	if (!n)
		return error_set(E_NOTFOUND, "no organisation '%s' (see 'isms org list')",
		                 slug);
	return 0;
}

int store_org_rename(struct store *st, const char *slug, const char *name)
{
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = require_org(st, slug);
	if (!rc)
		rc = db_exec(st, "UPDATE org SET name = ? WHERE slug = ?",
		             SQL_ARGS(ARG_TEXT(name), ARG_TEXT(slug)));
	return store_end(st, rc);
}

int store_org_remove(struct store *st, const char *slug)
{
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = require_org(st, slug);
	if (!rc)
		rc = db_exec(st, "DELETE FROM org WHERE slug = ?",
		             SQL_ARGS(ARG_TEXT(slug)));
	return store_end(st, rc);
}
