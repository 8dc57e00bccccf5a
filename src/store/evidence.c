/*
 * evidence.c - the evidence an organisation holds, and its links to the
 * items of a gap assessment.  The content itself is in blob.c.
 */
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "core/xalloc.h"
#include "store/driver.h"

#define EVIDENCE_COLUMNS                                                        \
	"e.id, e.sha256, b.size, e.title, e.kind, e.filename, e.collected_on, " \
	"e.valid_until, e.added_at, e.origin "                                  \
	"FROM evidence e JOIN blob b ON b.sha256 = e.sha256 "

static void evidence_from_row(struct store *st, struct db_rows *rows, struct evidence *e)
{
	const char *sha = st->ops->text(rows, 1);

	e->id = st->ops->integer(rows, 0);
	snprintf(e->sha256, sizeof(e->sha256), "%s", sha ? sha : "");
	e->size = st->ops->integer(rows, 2);
	e->title = db_strdup(st, rows, 3);
	e->kind = EV_OTHER;
	evidence_kind_parse(st->ops->text(rows, 4), &e->kind);
	e->filename = db_strdup(st, rows, 5);
	e->collected_on = db_strdup(st, rows, 6);
	e->valid_until = db_strdup(st, rows, 7);
	e->added_at = db_strdup(st, rows, 8);
	e->origin = ORIGIN_ORGANISATION;
	if (st->ops->text(rows, 9))
		evidence_origin_parse(st->ops->text(rows, 9), &e->origin);
}

int store_evidence_get(struct store *st, int64_t org_id, const char *sha,
                       struct evidence *out)
{
	struct db_rows *rows;
	int rc, found = 0;

	memset(out, 0, sizeof(*out));
	rc = evidence_sha_check(sha);
	if (rc)
		return rc;
	rc = st->ops->query(
	        st,
	        "SELECT " EVIDENCE_COLUMNS
	        "WHERE e.org_id = ? AND substr(e.sha256, 1, ?) = ? "
	        "ORDER BY e.sha256 LIMIT 2",
	        SQL_ARGS(ARG_INT(org_id), ARG_INT((int64_t)strlen(sha)), ARG_TEXT(sha)),
	        &rows);
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0 && ++found == 1)
		evidence_from_row(st, rows, out);
	st->ops->done(rows);
	if (rc < 0) {
		evidence_release(out);
		return rc;
	}
	if (found > 1) {
		evidence_release(out);
		return error_set(
		        E_INVALID,
		        "'%s' matches more than one evidence item: give more digits",
		        sha);
	}
	if (!found)
		return error_set(E_NOTFOUND, "no evidence %s (see 'isms evidence list')",
		                 sha);
	return 0;
}

int store_evidence_add(struct store *st, int64_t org_id, struct evidence *e,
                       bool *existed)
{
	char now[32];
	struct evidence old;
	int rc;

	*existed = false;
	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_evidence_get(st, org_id, e->sha256, &old);
	if (!rc) {
		/* The same content again: it keeps what it was recorded as. */
		*existed = true;
		old.refs = NULL;
		evidence_release(e);
		*e = old;
	} else if (rc == -E_NOTFOUND) {
		error_clear();
		rc = db_exec(
		        st,
		        "INSERT INTO evidence (org_id, sha256, title, kind, filename, "
		        "collected_on, valid_until, added_at, origin) VALUES (?, ?, ?, "
		        "?, ?, ?, ?, ?, ?)",
		        SQL_ARGS(ARG_INT(org_id), ARG_TEXT(e->sha256), ARG_TEXT(e->title),
		                 ARG_TEXT(evidence_kind_name(e->kind)),
		                 ARG_TEXT(e->filename), ARG_TEXT(e->collected_on),
		                 ARG_TEXT(e->valid_until), ARG_TEXT(now),
		                 ARG_TEXT(evidence_origin_name(e->origin))));
		if (!rc) {
			rc = store_evidence_get(st, org_id, e->sha256, &old);
			if (!rc) {
				evidence_release(e);
				*e = old;
			}
		}
	}
	return store_end(st, rc);
}

static struct evidence *find_by_id(struct evidence_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

int store_evidence_list(struct store *st, int64_t org_id, const struct assessment *a,
                        struct evidence_list *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st,
	                        "SELECT " EVIDENCE_COLUMNS
	                        "WHERE e.org_id = ? ORDER BY e.added_at, e.id",
	                        SQL_ARGS(ARG_INT(org_id)), &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		memset(&out->v[out->n], 0, sizeof(out->v[0]));
		evidence_from_row(st, rows, &out->v[out->n++]);
	}
	st->ops->done(rows);
	if (rc >= 0 && a) {
		rc = st->ops->query(
		        st,
		        "SELECT l.evidence_id, i.ref FROM gap_evidence_link l "
		        "JOIN catalog_item i ON i.id = l.item_id "
		        "WHERE l.assessment_id = ? ORDER BY l.evidence_id, i.position",
		        SQL_ARGS(ARG_INT(a->id)), &rows);
		if (!rc) {
			while ((rc = st->ops->next(rows)) > 0) {
				struct evidence *e =
				        find_by_id(out, st->ops->integer(rows, 0));

				if (!e)
					continue;
				ALLOC_GROW(e->refs, e->nrefs + 1, e->alloc_refs);
				e->refs[e->nrefs++] = db_strdup(st, rows, 1);
			}
			st->ops->done(rows);
		}
	}
	if (rc < 0)
		evidence_list_release(out);
	return rc < 0 ? rc : 0;
}

int store_evidence_link(struct store *st, const struct assessment *a, int64_t item_id,
                        int64_t evidence_id, bool link, bool *changed)
{
	char now[32];
	int64_t n = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st,
	            "SELECT count(*) FROM gap_evidence_link WHERE assessment_id = ? "
	            "AND item_id = ? AND evidence_id = ?",
	            SQL_ARGS(ARG_INT(a->id), ARG_INT(item_id), ARG_INT(evidence_id)), &n);
	*changed = rc >= 0 && (n > 0) != link;
	if (rc >= 0 && *changed && link)
		rc = db_exec(st,
		             "INSERT INTO gap_evidence_link (assessment_id, item_id, "
		             "evidence_id, "
		             "linked_at) VALUES (?, ?, ?, ?)",
		             SQL_ARGS(ARG_INT(a->id), ARG_INT(item_id),
		                      ARG_INT(evidence_id), ARG_TEXT(now)));
	else if (rc >= 0 && *changed)
		rc = db_exec(
		        st,
		        "DELETE FROM gap_evidence_link WHERE assessment_id = ? "
		        "AND item_id = ? AND evidence_id = ?",
		        SQL_ARGS(ARG_INT(a->id), ARG_INT(item_id), ARG_INT(evidence_id)));
	return store_end(st, rc < 0 ? rc : 0);
}
