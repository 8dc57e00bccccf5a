/*
 * verify.c - checking the store against its change log, and reading the
 * log: what 'isms verify' and 'isms log' call.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/error.h"
#include "core/text.h"
#include "core/xalloc.h"

static void collect(void *ctx, const struct store_problem *p)
{
	struct verify_report *r = ctx;
	struct verify_problem *q;

	r->nproblems++;
	/* Counted always, kept up to the cap: a wholesale edit must not
	 * exhaust memory with its messages. */
	if (r->n >= VERIFY_PROBLEMS_MAX)
		return;
	ALLOC_GROW(r->v, r->n + 1, r->alloc);
	q = &r->v[r->n++];
	memset(q, 0, sizeof(*q));
	q->kind = xstrdup(p->kind);
	q->table = xstrdup_or_null(p->table);
	q->key = xstrdup_or_null(p->key);
	q->block = p->block;
	q->message = xstrdup(p->message);
}

int app_verify(struct store *st, struct verify_report *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	/* One snapshot: the log, the records and the content fit together. */
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = store_verify_log(st, collect, out, &out->counts);
	if (!rc)
		rc = store_verify_blobs(st, collect, out, &out->counts);
	rc = store_end(st, rc);
	if (rc)
		verify_report_release(out);
	return rc;
}

void verify_report_release(struct verify_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].kind);
		free(r->v[i].table);
		free(r->v[i].key);
		free(r->v[i].message);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

int app_log(struct store *st, const struct store_log_filter *f,
            store_log_block_fn block_fn, store_log_entry_fn entry_fn, void *ctx)
{
	int rc = 0;

	/* A date, or a full time as the log writes them. */
	if (f->since && (strlen(f->since) < 10 || (f->since[10] && f->since[10] != 'T')))
		rc = error_set(E_INVALID, "--since takes a date (YYYY-MM-DD), not '%s'",
		               f->since);
	if (!rc && f->since) {
		char day[11];

		memcpy(day, f->since, 10);
		day[10] = '\0';
		rc = date_check("--since", day);
		if (!rc && f->since[10])
			rc = text_check("--since", f->since, 32, 0);
	}
	if (!rc && f->table)
		rc = text_check("--table", f->table, 64, 0);
	if (!rc && f->limit < 0)
		rc = error_set(E_INVALID,
		               "--limit takes a number of blocks of 1 or more");
	if (rc)
		return rc;
	rc = store_begin_read(st);
	if (rc)
		return rc;
	return store_end(st, store_log(st, f, block_fn, entry_fn, ctx));
}
