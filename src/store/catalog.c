/*
 * catalog.c - frameworks and catalogue items in the store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "store/driver.h"

/* Refuse an update that would drop an item records may refer to. */
static int check_no_item_dropped(struct store *st, int64_t fw_id,
                                 const struct framework *fw)
{
	struct db_rows *rows;
	int rc = st->ops->query(st, "SELECT ref FROM catalog_item WHERE framework_id = ?",
	                        SQL_ARGS(ARG_INT(fw_id)), &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		const char *ref = st->ops->text(rows, 0);

		if (ref && !framework_item(fw, ref)) {
			rc = error_set(E_CONFLICT,
			               "framework '%s': the new catalogue drops item %s; "
			               "stored items are never removed (publish a new "
			               "framework id instead)",
			               fw->code, ref);
			break;
		}
	}
	st->ops->done(rows);
	return rc;
}

static int put_header(struct store *st, const struct framework *fw, int64_t *id)
{
	char now[32];
	int rc;

	store_now(now);
	rc = db_int(st,
	            "INSERT INTO framework (code, name, version, publisher, description, "
	            "source_sha256, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
	            "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
	            "version = excluded.version, publisher = excluded.publisher, "
	            "description = excluded.description, "
	            "source_sha256 = excluded.source_sha256, "
	            "loaded_at = excluded.loaded_at RETURNING id",
	            SQL_ARGS(ARG_TEXT(fw->code), ARG_TEXT(fw->name),
	                     ARG_TEXT(fw->version),
	                     ARG_TEXT(fw->publisher ? fw->publisher : ""),
	                     ARG_TEXT(fw->description ? fw->description : ""),
	                     ARG_TEXT(fw->sha256), ARG_TEXT(now)),
	            id);
	return rc < 0 ? rc : 0;
}

static int put_attr_types(struct store *st, int64_t fw_id, const struct framework *fw)
{
	for (size_t i = 0; i < fw->nattr_types; i++) {
		const struct attr_type *t = &fw->attr_types[i];
		int64_t tid = 0;
		int rc =
		        db_int(st,
		               "INSERT INTO attribute_type (framework_id, code, title, "
		               "position) VALUES (?, ?, ?, ?) ON CONFLICT (framework_id, "
		               "code) DO UPDATE SET title = excluded.title, "
		               "position = excluded.position RETURNING id",
		               SQL_ARGS(ARG_INT(fw_id), ARG_TEXT(t->code),
		                        ARG_TEXT(t->title), ARG_INT((int64_t)i)),
		               &tid);

		if (rc < 0)
			return rc;
		for (size_t j = 0; j < t->nvalues; j++) {
			rc = db_exec(
			        st,
			        "INSERT INTO attribute_value (attribute_type_id, code, "
			        "position) VALUES (?, ?, ?) ON CONFLICT "
			        "(attribute_type_id, code) DO UPDATE SET "
			        "position = excluded.position",
			        SQL_ARGS(ARG_INT(tid), ARG_TEXT(t->values[j]),
			                 ARG_INT((int64_t)j)));
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

static int put_groups(struct store *st, int64_t fw_id, const struct framework *fw)
{
	for (size_t i = 0; i < fw->ngroups; i++) {
		const struct catalog_group *g = &fw->groups[i];
		int rc = db_exec(
		        st,
		        "INSERT INTO catalog_group (framework_id, code, kind, ref, "
		        "title, position) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
		        "(framework_id, code) DO UPDATE SET kind = excluded.kind, "
		        "ref = excluded.ref, title = excluded.title, "
		        "position = excluded.position",
		        SQL_ARGS(ARG_INT(fw_id), ARG_TEXT(g->code), ARG_TEXT(g->kind),
		                 ARG_TEXT(g->ref), ARG_TEXT(g->title),
		                 ARG_INT((int64_t)i)));

		if (rc < 0)
			return rc;
	}
	return 0;
}

static int put_item(struct store *st, int64_t fw_id, const struct catalog_item *it,
                    size_t position)
{
	int64_t item_id = 0;
	int rc = db_int(
	        st,
	        "INSERT INTO catalog_item (framework_id, group_id, ref, kind, section, "
	        "title, description, position) VALUES (?, (SELECT id FROM catalog_group "
	        "WHERE framework_id = ? AND code = ?), ?, ?, ?, ?, ?, ?) "
	        "ON CONFLICT (framework_id, ref) DO UPDATE SET "
	        "group_id = excluded.group_id, kind = excluded.kind, "
	        "section = excluded.section, title = excluded.title, "
	        "description = excluded.description, position = excluded.position "
	        "RETURNING id",
	        SQL_ARGS(ARG_INT(fw_id), ARG_INT(fw_id), ARG_TEXT(it->group),
	                 ARG_TEXT(it->ref), ARG_TEXT(it->kind), ARG_TEXT(it->section),
	                 ARG_TEXT(it->title), ARG_TEXT(it->description),
	                 ARG_INT((int64_t)position)),
	        &item_id);

	if (rc < 0)
		return rc;
	rc = db_exec(st, "DELETE FROM item_attribute WHERE item_id = ?",
	             SQL_ARGS(ARG_INT(item_id)));
	for (size_t i = 0; rc >= 0 && i < it->nattrs; i++)
		rc = db_exec(st,
		             "INSERT INTO item_attribute (item_id, value_id) "
		             "SELECT ?, v.id FROM attribute_value v "
		             "JOIN attribute_type t ON t.id = v.attribute_type_id "
		             "WHERE t.framework_id = ? AND t.code = ? AND v.code = ?",
		             SQL_ARGS(ARG_INT(item_id), ARG_INT(fw_id),
		                      ARG_TEXT(it->attrs[i].type),
		                      ARG_TEXT(it->attrs[i].value)));
	return rc < 0 ? rc : 0;
}

int store_framework_put(struct store *st, const struct framework *fw, bool *changed)
{
	struct db_rows *rows;
	char *old_sha = NULL;
	int64_t fw_id = 0;
	int rc;

	*changed = false;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = st->ops->query(st, "SELECT id, source_sha256 FROM framework WHERE code = ?",
	                    SQL_ARGS(ARG_TEXT(fw->code)), &rows);
	if (!rc) {
		rc = st->ops->next(rows);
		if (rc > 0) {
			fw_id = st->ops->integer(rows, 0);
			old_sha = db_strdup(st, rows, 1);
		}
		st->ops->done(rows);
	}
	if (rc >= 0 && old_sha && !strcmp(old_sha, fw->sha256)) {
		free(old_sha);
		return store_end(st, 0);
	}
	free(old_sha);
	if (rc >= 0 && fw_id)
		rc = check_no_item_dropped(st, fw_id, fw);
	if (rc >= 0)
		rc = put_header(st, fw, &fw_id);
	if (rc >= 0)
		rc = put_attr_types(st, fw_id, fw);
	if (rc >= 0)
		rc = put_groups(st, fw_id, fw);
	for (size_t i = 0; rc >= 0 && i < fw->items.n; i++) {
		rc = put_item(st, fw_id, &fw->items.v[i], i);
		if (rc < 0)
			error_wrap("storing item %s", fw->items.v[i].ref);
	}
	rc = store_end(st, rc < 0 ? rc : 0);
	if (!rc)
		*changed = true;
	return rc;
}

static int load_groups(struct store *st, struct framework *fw)
{
	struct db_rows *rows;
	int rc = st->ops->query(
	        st,
	        "SELECT g.code, g.kind, g.ref, g.title, "
	        "(SELECT count(*) FROM catalog_item i WHERE i.group_id = g.id) "
	        "FROM catalog_group g WHERE g.framework_id = ? ORDER BY g.position",
	        SQL_ARGS(ARG_INT(fw->id)), &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		struct catalog_group *g;

		ALLOC_GROW(fw->groups, fw->ngroups + 1, fw->alloc_groups);
		g = &fw->groups[fw->ngroups++];
		g->code = db_strdup(st, rows, 0);
		g->kind = db_strdup(st, rows, 1);
		g->ref = db_strdup(st, rows, 2);
		g->title = db_strdup(st, rows, 3);
		g->nitems = st->ops->integer(rows, 4);
	}
	st->ops->done(rows);
	return rc;
}

static int load_attr_types(struct store *st, struct framework *fw)
{
	struct db_rows *rows;
	int rc =
	        st->ops->query(st,
	                       "SELECT t.code, t.title, v.code FROM attribute_type t "
	                       "JOIN attribute_value v ON v.attribute_type_id = t.id "
	                       "WHERE t.framework_id = ? ORDER BY t.position, v.position",
	                       SQL_ARGS(ARG_INT(fw->id)), &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		const char *code = st->ops->text(rows, 0);
		struct attr_type *t =
		        fw->nattr_types ? &fw->attr_types[fw->nattr_types - 1] : NULL;

		if (!t || strcmp(t->code, code ? code : "")) {
			ALLOC_GROW(fw->attr_types, fw->nattr_types + 1,
			           fw->alloc_attr_types);
			t = &fw->attr_types[fw->nattr_types++];
			memset(t, 0, sizeof(*t));
			t->code = db_strdup(st, rows, 0);
			t->title = db_strdup(st, rows, 1);
		}
		ALLOC_GROW(t->values, t->nvalues + 1, t->alloc_values);
		t->values[t->nvalues++] = db_strdup(st, rows, 2);
	}
	st->ops->done(rows);
	return rc;
}

int store_framework_list(struct store *st, struct framework_list *out)
{
	struct db_rows *rows;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = st->ops->query(st,
	                    "SELECT id, code, name, version, publisher, description, "
	                    "source_sha256 FROM framework ORDER BY code",
	                    SQL_NOARGS, &rows);
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		struct framework *fw;
		const char *sha = st->ops->text(rows, 6);

		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		fw = &out->v[out->n++];
		memset(fw, 0, sizeof(*fw));
		fw->id = st->ops->integer(rows, 0);
		fw->code = db_strdup(st, rows, 1);
		fw->name = db_strdup(st, rows, 2);
		fw->version = db_strdup(st, rows, 3);
		fw->publisher = db_strdup(st, rows, 4);
		fw->description = db_strdup(st, rows, 5);
		snprintf(fw->sha256, sizeof(fw->sha256), "%s", sha ? sha : "");
	}
	st->ops->done(rows);
	for (size_t i = 0; rc >= 0 && i < out->n; i++) {
		rc = load_groups(st, &out->v[i]);
		if (rc >= 0)
			rc = load_attr_types(st, &out->v[i]);
	}
	if (rc < 0) {
		framework_list_release(out);
		return rc;
	}
	return 0;
}

#define ITEM_FROM                                                         \
	" FROM catalog_item i JOIN framework f ON f.id = i.framework_id " \
	"JOIN catalog_group g ON g.id = i.group_id WHERE 1 = 1"

/*
 * Append the filter's conditions.  Only fixed SQL text is appended; the
 * values themselves are bound as parameters.
 */
static size_t filter_sql(struct strbuf *sb, const struct catalog_filter *f,
                         struct sql_arg args[4])
{
	size_t n = 0;

	if (f && f->framework) {
		strbuf_addstr(sb, " AND f.code = ?");
		args[n++] = ARG_TEXT(f->framework);
	}
	if (f && f->group) {
		strbuf_addstr(sb, " AND g.code = ?");
		args[n++] = ARG_TEXT(f->group);
	}
	if (f && f->kind) {
		strbuf_addstr(sb, " AND i.kind = ?");
		args[n++] = ARG_TEXT(f->kind);
	}
	if (f && f->ref) {
		strbuf_addstr(sb, " AND i.ref = ?");
		args[n++] = ARG_TEXT(f->ref);
	}
	return n;
}

static int load_item_attrs(struct store *st, const struct catalog_filter *filter,
                           struct catalog_item_list *out)
{
	struct strbuf sql = STRBUF_INIT;
	struct sql_arg args[4];
	struct db_rows *rows;
	size_t nargs, at = 0;
	int rc;

	strbuf_addstr(&sql, "SELECT i.id, t.code, v.code FROM item_attribute ia "
	                    "JOIN catalog_item i ON i.id = ia.item_id "
	                    "JOIN framework f ON f.id = i.framework_id "
	                    "JOIN catalog_group g ON g.id = i.group_id "
	                    "JOIN attribute_value v ON v.id = ia.value_id "
	                    "JOIN attribute_type t ON t.id = v.attribute_type_id "
	                    "WHERE 1 = 1");
	nargs = filter_sql(&sql, filter, args);
	strbuf_addstr(&sql, " ORDER BY f.code, i.position, t.position, v.position");
	rc = st->ops->query(st, sql.buf, args, nargs, &rows);
	strbuf_release(&sql);
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		int64_t id = st->ops->integer(rows, 0);
		struct catalog_item *it;

		/* Both queries share one order, so one forward walk matches. */
		while (at < out->n && out->v[at].id != id)
			at++;
		if (at == out->n)
			break;
		it = &out->v[at];
		ALLOC_GROW(it->attrs, it->nattrs + 1, it->alloc_attrs);
		it->attrs[it->nattrs].type = db_strdup(st, rows, 1);
		it->attrs[it->nattrs].value = db_strdup(st, rows, 2);
		it->nattrs++;
	}
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

int store_catalog_list(struct store *st, const struct catalog_filter *filter,
                       struct catalog_item_list *out)
{
	struct strbuf sql = STRBUF_INIT;
	struct sql_arg args[4];
	struct db_rows *rows;
	size_t nargs;
	int rc;

	memset(out, 0, sizeof(*out));
	strbuf_addstr(&sql, "SELECT i.id, f.code, i.ref, i.kind, g.code, g.kind, "
	                    "g.title, i.section, i.title, i.description" ITEM_FROM);
	nargs = filter_sql(&sql, filter, args);
	strbuf_addstr(&sql, " ORDER BY f.code, i.position");
	rc = st->ops->query(st, sql.buf, args, nargs, &rows);
	strbuf_release(&sql);
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		struct catalog_item *it;

		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		it = &out->v[out->n++];
		memset(it, 0, sizeof(*it));
		it->id = st->ops->integer(rows, 0);
		it->framework = db_strdup(st, rows, 1);
		it->ref = db_strdup(st, rows, 2);
		it->kind = db_strdup(st, rows, 3);
		it->group = db_strdup(st, rows, 4);
		it->group_kind = db_strdup(st, rows, 5);
		it->group_title = db_strdup(st, rows, 6);
		it->section = db_strdup(st, rows, 7);
		it->title = db_strdup(st, rows, 8);
		it->description = db_strdup(st, rows, 9);
	}
	st->ops->done(rows);
	if (rc >= 0)
		rc = load_item_attrs(st, filter, out);
	if (rc < 0) {
		catalog_item_list_release(out);
		return rc;
	}
	return 0;
}

int store_catalog_get(struct store *st, const char *framework, const char *ref,
                      struct catalog_item *out)
{
	struct catalog_item_list list;
	struct catalog_filter f = { .framework = framework, .ref = ref };
	int rc = store_catalog_list(st, &f, &list);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	if (list.n == 0)
		rc = error_set(E_NOTFOUND, "no catalogue item '%s' in framework '%s'",
		               ref, framework);
	else
		*out = list.v[0];
	free(list.v);
	return rc;
}
