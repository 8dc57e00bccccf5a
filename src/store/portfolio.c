/*
 * portfolio.c - the newest gap assessment of every organisation, for
 * scoring a whole portfolio at once.
 *
 * The organisations with their newest assessment, the items of all those
 * assessments and what each evidence item counts as are one query each;
 * then each organisation's evidence links are read (an index range) and
 * counted here, one organisation at a time, so that memory stays flat
 * however large the portfolio.  Counting in C rather than with CASE in
 * SQL keeps the million links of a thousand organisations well under a
 * second.
 */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/xalloc.h"
#include "store/driver.h"

/* The id of an organisation's newest assessment (as store_assessment_get). */
#define NEWEST                                                  \
	"(SELECT n.id FROM assessment n WHERE n.org_id = o.id " \
	"ORDER BY n.assessed_on DESC, n.id DESC LIMIT 1)"

#define ORGS_SQL                                                              \
	"SELECT o.id, o.slug, o.name, o.created_at, a.id, a.org_id, f.code, " \
	"a.name, a.assessed_on, a.assessor, a.created_at FROM org o "         \
	"LEFT JOIN assessment a ON a.id = " NEWEST " "                        \
	"LEFT JOIN framework f ON f.id = a.framework_id ORDER BY o.slug"

#define ITEMS_SQL                                                                     \
	"SELECT a.id, i.id, i.ref, g.code, g.kind, i.position, s.status "             \
	"FROM org o JOIN assessment a ON a.id = " NEWEST " "                          \
	"JOIN catalog_item i ON i.framework_id = a.framework_id "                     \
	"JOIN catalog_group g ON g.id = i.group_id "                                  \
	"LEFT JOIN assessment_item s ON s.assessment_id = a.id AND s.item_id = i.id " \
	"ORDER BY o.slug, i.position"

/*
 * What each evidence item counts as on a day (parameter: today), as
 * gap.c counts it: 0 expired, 1 valid, 2 valid and on paper (policy,
 * procedure).
 */
#define CLASS_SQL                                                           \
	"SELECT id, CASE WHEN valid_until IS NOT NULL AND valid_until < ? " \
	"THEN 0 WHEN kind IN ('policy', 'procedure') THEN 2 ELSE 1 END "    \
	"FROM evidence ORDER BY id"

#define LINKS_SQL                                             \
	"SELECT item_id, evidence_id FROM gap_evidence_link " \
	"WHERE assessment_id = ? ORDER BY item_id"

struct newest {
	struct org org;
	struct assessment a; /* id 0: none */
};

struct ev_class {
	int64_t id;
	int class;
};

/* The classes by id: a table indexed by id when ids are dense enough. */
struct classes {
	struct ev_class *v; /* sorted by id */
	size_t n;
	signed char *dense; /* dense[id - base], -1 for no such id; may be NULL */
	int64_t base;
	size_t ndense;
};

struct counts {
	int64_t item_id;
	struct gap_evidence_facts ev;
};

/* A cursor with one row read ahead. */
struct cursor {
	struct store *st;
	struct db_rows *rows;
	int rc; /* 1: a row is ready; 0: the end; <0: error */
};

static void advance(struct cursor *c)
{
	if (c->rc > 0)
		c->rc = c->st->ops->next(c->rows);
}

static int load_orgs(struct store *st, struct newest **out, size_t *n)
{
	struct db_rows *rows;
	size_t alloc = 0;
	int rc = st->ops->query(st, ORGS_SQL, SQL_NOARGS, &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		struct newest *w;

		ALLOC_GROW(*out, *n + 1, alloc);
		w = &(*out)[(*n)++];
		memset(w, 0, sizeof(*w));
		w->org.id = st->ops->integer(rows, 0);
		w->org.slug = db_strdup(st, rows, 1);
		w->org.name = db_strdup(st, rows, 2);
		w->org.created_at = db_strdup(st, rows, 3);
		if (!st->ops->text(rows, 4))
			continue;
		w->a.id = st->ops->integer(rows, 4);
		w->a.org_id = st->ops->integer(rows, 5);
		w->a.framework = db_strdup(st, rows, 6);
		w->a.name = db_strdup(st, rows, 7);
		w->a.assessed_on = db_strdup(st, rows, 8);
		w->a.assessor = db_strdup(st, rows, 9);
		w->a.created_at = db_strdup(st, rows, 10);
	}
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

static void release_orgs(struct newest *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		org_release(&v[i].org);
		assessment_release(&v[i].a);
	}
	free(v);
}

static int load_classes(struct store *st, const char *today, struct classes *c)
{
	struct db_rows *rows;
	size_t alloc = 0;
	int rc = st->ops->query(st, CLASS_SQL, SQL_ARGS(ARG_TEXT(today)), &rows);

	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		ALLOC_GROW(c->v, c->n + 1, alloc);
		c->v[c->n].id = st->ops->integer(rows, 0);
		c->v[c->n++].class = (int)st->ops->integer(rows, 1);
	}
	st->ops->done(rows);
	if (rc < 0 || !c->n)
		return rc < 0 ? rc : 0;
	c->base = c->v[0].id;
	if ((uint64_t)(c->v[c->n - 1].id - c->base) < 4 * (uint64_t)c->n + 4096) {
		c->ndense = (size_t)(c->v[c->n - 1].id - c->base) + 1;
		c->dense = xmalloc(c->ndense);
		memset(c->dense, -1, c->ndense);
		for (size_t i = 0; i < c->n; i++)
			c->dense[c->v[i].id - c->base] = (signed char)c->v[i].class;
	}
	return 0;
}

static int class_of(const struct classes *c, int64_t id)
{
	size_t lo = 0, hi = c->n;

	if (c->dense)
		return id >= c->base && (uint64_t)(id - c->base) < c->ndense
		               ? c->dense[id - c->base]
		               : -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->v[mid].id == id)
			return c->v[mid].class;
		if (c->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The evidence counts of each item of an assessment, by item id. */
static int count_links(struct store *st, int64_t id, const struct classes *classes,
                       struct counts **v, size_t *n, size_t *alloc)
{
	struct db_rows *rows;
	int rc;

	*n = 0;
	if (!id)
		return 0;
	rc = st->ops->query(st, LINKS_SQL, SQL_ARGS(ARG_INT(id)), &rows);
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		int64_t item = st->ops->integer(rows, 0);
		struct counts *k;

		if (!*n || (*v)[*n - 1].item_id != item) {
			ALLOC_GROW(*v, *n + 1, *alloc);
			k = &(*v)[(*n)++];
			memset(k, 0, sizeof(*k));
			k->item_id = item;
		}
		k = &(*v)[*n - 1];
		switch (class_of(classes, st->ops->integer(rows, 1))) {
		case 0:
			k->ev.expired++;
			break;
		case 2:
			k->ev.valid_paper++;
			/* fall through */
		case 1:
			k->ev.valid++;
			break;
		}
	}
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

static const struct counts *find_counts(const struct counts *v, size_t n, int64_t item)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].item_id == item)
			return &v[mid];
		if (v[mid].item_id < item)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The rows of assessment id, from c, into out (emptied first). */
static void read_items(struct cursor *c, int64_t id, const struct counts *counts,
                       size_t ncounts, struct gap_row_list *out)
{
	struct store *st = c->st;

	for (size_t i = 0; i < out->n; i++)
		gap_row_release(&out->v[i]);
	out->n = 0;
	while (id && c->rc > 0 && st->ops->integer(c->rows, 0) == id) {
		const char *status = st->ops->text(c->rows, 6);
		const char *kind = st->ops->text(c->rows, 4);
		const struct counts *k;
		struct gap_row *r;

		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		r = &out->v[out->n++];
		memset(r, 0, sizeof(*r));
		r->item_id = st->ops->integer(c->rows, 1);
		r->ref = db_strdup(st, c->rows, 2);
		r->group = db_strdup(st, c->rows, 3);
		r->is_clause = kind && !strcmp(kind, "clause");
		r->position = (int)st->ops->integer(c->rows, 5);
		r->status = GAP_NOT_ASSESSED;
		if (status)
			gap_status_parse(status, &r->status);
		r->maturity = -1;
		r->effort = -1;
		k = find_counts(counts, ncounts, r->item_id);
		if (k)
			r->ev = k->ev;
		advance(c);
	}
}

int store_gap_rows_newest(struct store *st, const char *today, gap_newest_fn fn,
                          void *ctx)
{
	struct newest *orgs = NULL;
	struct classes classes = { 0 };
	struct counts *counts = NULL;
	struct gap_row_list rows = { 0 };
	struct cursor items = { st, NULL, 0 };
	size_t norgs = 0, ncounts = 0, alloc_counts = 0;
	int rc = store_begin_read(st);

	if (rc)
		return rc;
	rc = load_orgs(st, &orgs, &norgs);
	if (!rc)
		rc = load_classes(st, today, &classes);
	if (!rc)
		rc = st->ops->query(st, ITEMS_SQL, SQL_NOARGS, &items.rows);
	if (!rc)
		items.rc = st->ops->next(items.rows);
	for (size_t i = 0; !rc && i < norgs; i++) {
		const struct newest *w = &orgs[i];

		/* An organisation without an assessment gets no rows. */
		rc = count_links(st, w->a.id, &classes, &counts, &ncounts, &alloc_counts);
		if (!rc)
			read_items(&items, w->a.id, counts, ncounts, &rows);
		if (!rc && items.rc < 0)
			rc = items.rc;
		if (!rc)
			rc = fn(ctx, &w->org, w->a.id ? &w->a : NULL, &rows);
	}
	if (items.rows)
		st->ops->done(items.rows);
	gap_row_list_release(&rows);
	free(counts);
	free(classes.v);
	free(classes.dense);
	release_orgs(orgs, norgs);
	return store_end(st, rc < 0 ? rc : 0);
}
