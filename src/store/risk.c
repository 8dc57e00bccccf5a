/*
 * risk.c - assets, data flows, the risk method, risks and the treatment
 * plan in the store.
 *
 * A risk's levels are stored beside its values so that SQL can rank by
 * them (the gap roadmap does); they are always the method's verdict,
 * because every write of a risk or of the method computes them in the
 * same transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "store/driver.h"

/* ---- assets ---- */

#define ASSET_COLUMNS                                                     \
	"a.id, a.name, a.type, a.owner, a.location, a.classification, "   \
	"a.description, a.confidentiality, a.integrity, a.availability, " \
	"a.in_scope, a.updated_at, "                                      \
	"(SELECT count(*) FROM risk_asset ra WHERE ra.asset_id = a.id) FROM asset a "

static void asset_from_row(struct store *st, struct db_rows *rows, struct asset *a)
{
	a->id = st->ops->integer(rows, 0);
	a->name = db_strdup(st, rows, 1);
	asset_type_parse(st->ops->text(rows, 2), &a->type);
	a->owner = db_strdup(st, rows, 3);
	a->location = db_strdup(st, rows, 4);
	a->classification = db_strdup(st, rows, 5);
	a->description = db_strdup(st, rows, 6);
	a->confidentiality = (int)st->ops->integer(rows, 7);
	a->integrity = (int)st->ops->integer(rows, 8);
	a->availability = (int)st->ops->integer(rows, 9);
	a->in_scope = st->ops->integer(rows, 10) != 0;
	a->updated_at = db_strdup(st, rows, 11);
	a->nrisks = (int)st->ops->integer(rows, 12);
}

static int assets_query(struct store *st, const char *sql, const struct sql_arg *args,
                        size_t nargs, struct asset_list *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st, sql, args, nargs, &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		memset(&out->v[out->n], 0, sizeof(out->v[0]));
		asset_from_row(st, rows, &out->v[out->n++]);
	}
	st->ops->done(rows);
	if (rc < 0)
		asset_list_release(out);
	return rc < 0 ? rc : 0;
}

int store_asset_list(struct store *st, int64_t org_id, struct asset_list *out)
{
	return assets_query(st,
	                    "SELECT " ASSET_COLUMNS "WHERE a.org_id = ? ORDER BY a.name",
	                    SQL_ARGS(ARG_INT(org_id)), out);
}

int store_asset_get(struct store *st, int64_t org_id, const char *name, struct asset *out)
{
	struct asset_list l;
	int rc = assets_query(st,
	                      "SELECT " ASSET_COLUMNS "WHERE a.org_id = ? AND a.name = ?",
	                      SQL_ARGS(ARG_INT(org_id), ARG_TEXT(name)), &l);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	if (!l.n)
		rc = error_set(E_NOTFOUND, "no asset '%s' (see 'isms asset list')", name);
	else
		*out = l.v[0], l.n = 0;
	asset_list_release(&l);
	return rc;
}

int store_asset_put(struct store *st, int64_t org_id, const struct asset *a, bool create)
{
	char now[32];
	int64_t id = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	if (create) {
		rc = db_int(
		        st,
		        "INSERT INTO asset (org_id, name, type, owner, location, "
		        "classification, description, confidentiality, integrity, "
		        "availability, in_scope, updated_at) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		        SQL_ARGS(ARG_INT(org_id), ARG_TEXT(a->name),
		                 ARG_TEXT(asset_type_name(a->type)), ARG_TEXT(a->owner),
		                 ARG_TEXT(a->location), ARG_TEXT(a->classification),
		                 ARG_TEXT(a->description), ARG_INT(a->confidentiality),
		                 ARG_INT(a->integrity), ARG_INT(a->availability),
		                 ARG_BOOL(a->in_scope), ARG_TEXT(now)),
		        &id);
		if (rc == -E_EXISTS)
			rc = error_set(E_EXISTS, "an asset named '%s' already exists",
			               a->name);
	} else {
		rc = db_int(
		        st,
		        "UPDATE asset SET type = ?, owner = ?, location = ?, "
		        "classification = ?, description = ?, confidentiality = ?, "
		        "integrity = ?, availability = ?, in_scope = ?, updated_at = ? "
		        "WHERE org_id = ? AND id = ? RETURNING id",
		        SQL_ARGS(ARG_TEXT(asset_type_name(a->type)), ARG_TEXT(a->owner),
		                 ARG_TEXT(a->location), ARG_TEXT(a->classification),
		                 ARG_TEXT(a->description), ARG_INT(a->confidentiality),
		                 ARG_INT(a->integrity), ARG_INT(a->availability),
		                 ARG_BOOL(a->in_scope), ARG_TEXT(now), ARG_INT(org_id),
		                 ARG_INT(a->id)),
		        &id);
		if (rc == 0)
			rc = error_set(E_NOTFOUND, "no asset '%s'", a->name);
	}
	return store_end(st, rc < 0 ? rc : 0);
}

int store_asset_remove(struct store *st, int64_t org_id, const char *name)
{
	int64_t id = 0, uses = 0;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = db_int(st, "SELECT id FROM asset WHERE org_id = ? AND name = ?",
	            SQL_ARGS(ARG_INT(org_id), ARG_TEXT(name)), &id);
	if (rc == 0)
		rc = error_set(E_NOTFOUND, "no asset '%s' (see 'isms asset list')", name);
	if (rc > 0)
		rc = db_int(
		        st,
		        "SELECT (SELECT count(*) FROM risk_asset WHERE asset_id = ?) + "
		        "(SELECT count(*) FROM data_flow WHERE from_asset = ? OR "
		        "to_asset = ?)",
		        SQL_ARGS(ARG_INT(id), ARG_INT(id), ARG_INT(id)), &uses);
	if (rc > 0 && uses)
		rc = error_set(
		        E_CONFLICT,
		        "asset '%s' is named by %lld risk%s or data flow%s; remove "
		        "those first",
		        name, (long long)uses, uses == 1 ? "" : "s",
		        uses == 1 ? "" : "s");
	if (rc > 0)
		rc = db_exec(st, "DELETE FROM asset WHERE id = ?", SQL_ARGS(ARG_INT(id)));
	return store_end(st, rc < 0 ? rc : 0);
}

/* ---- data flows ---- */

static int asset_id(struct store *st, int64_t org_id, const char *name, int64_t *id)
{
	int rc = db_int(st, "SELECT id FROM asset WHERE org_id = ? AND name = ?",
	                SQL_ARGS(ARG_INT(org_id), ARG_TEXT(name)), id);

	if (rc == 0)
		return error_set(E_NOTFOUND,
		                 "no asset '%s' (add it with 'isms asset add')", name);
	return rc < 0 ? rc : 0;
}

int store_flow_add(struct store *st, int64_t org_id, const struct data_flow *f,
                   int64_t *id)
{
	char now[32];
	int64_t from = 0, to = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = asset_id(st, org_id, f->from, &from);
	if (!rc)
		rc = asset_id(st, org_id, f->to, &to);
	if (!rc && from == to)
		rc = error_set(E_INVALID, "a data flow needs two different assets");
	if (!rc)
		rc = db_int(st,
		            "INSERT INTO data_flow (org_id, from_asset, to_asset, "
		            "data_type, channel, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
		            "RETURNING id",
		            SQL_ARGS(ARG_INT(org_id), ARG_INT(from), ARG_INT(to),
		                     ARG_TEXT(f->data_type), ARG_TEXT(f->channel),
		                     ARG_TEXT(now)),
		            id);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_flow_list(struct store *st, int64_t org_id, struct data_flow_list *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st,
	                        "SELECT f.id, a.name, b.name, f.data_type, f.channel, "
	                        "a.in_scope, b.in_scope FROM data_flow f "
	                        "JOIN asset a ON a.id = f.from_asset "
	                        "JOIN asset b ON b.id = f.to_asset "
	                        "WHERE f.org_id = ? ORDER BY f.id",
	                        SQL_ARGS(ARG_INT(org_id)), &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		struct data_flow *f;

		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		f = &out->v[out->n++];
		memset(f, 0, sizeof(*f));
		f->id = st->ops->integer(rows, 0);
		f->from = db_strdup(st, rows, 1);
		f->to = db_strdup(st, rows, 2);
		f->data_type = db_strdup(st, rows, 3);
		f->channel = db_strdup(st, rows, 4);
		f->crosses_scope = st->ops->integer(rows, 5) != st->ops->integer(rows, 6);
	}
	st->ops->done(rows);
	if (rc < 0)
		data_flow_list_release(out);
	return rc < 0 ? rc : 0;
}

/*
 * Delete the row `id` of an organisation's table (a name from this file,
 * never from outside); E_NOTFOUND names it as "no <what> <prefix><id>".
 */
static int delete_owned(struct store *st, const char *table, int64_t org_id, int64_t id,
                        const char *what, const char *prefix, const char *list)
{
	struct strbuf sql = STRBUF_INIT;
	int64_t gone = 0;
	int rc = store_begin(st);

	if (rc)
		return rc;
	strbuf_addf(&sql, "DELETE FROM %s WHERE org_id = ? AND id = ? RETURNING id",
	            table);
	rc = db_int(st, sql.buf, SQL_ARGS(ARG_INT(org_id), ARG_INT(id)), &gone);
	strbuf_release(&sql);
	if (rc == 0)
		rc = error_set(E_NOTFOUND, "no %s %s%lld (see '%s')", what, prefix,
		               (long long)id, list);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_flow_remove(struct store *st, int64_t org_id, int64_t id)
{
	return delete_owned(st, "data_flow", org_id, id, "data flow", "",
	                    "isms flow list");
}

/* ---- the method ---- */

int store_risk_method_get(struct store *st, int64_t org_id, struct risk_method *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st,
	                        "SELECT version, likelihood_scale, impact_scale, matrix, "
	                        "accept_max, changed_by, changed_on, note "
	                        "FROM risk_method WHERE org_id = ?",
	                        SQL_ARGS(ARG_INT(org_id)), &rows);

	risk_method_default(out);
	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0) {
		out->version = (int)st->ops->integer(rows, 0);
		rc = risk_scale_parse(out, true, st->ops->text(rows, 1), '|');
		if (!rc)
			rc = risk_scale_parse(out, false, st->ops->text(rows, 2), '|');
		if (!rc)
			rc = risk_matrix_parse(out, st->ops->text(rows, 3));
		if (rc)
			rc = error_set(E_SCHEMA, "the stored risk method is damaged: %s",
			               error_message());
		out->accept_max = (int)st->ops->integer(rows, 4);
		out->changed_by = db_strdup(st, rows, 5);
		out->changed_on = db_strdup(st, rows, 6);
		out->note = db_strdup(st, rows, 7);
	}
	st->ops->done(rows);
	if (rc < 0)
		risk_method_release(out);
	return rc < 0 ? rc : 0;
}

/* Recompute the stored levels of every risk of an organisation. */
static int risks_evaluate(struct store *st, int64_t org_id, const struct risk_method *m,
                          int64_t *evaluated, int64_t *changed)
{
	struct db_rows *rows;
	struct {
		int64_t id;
		int v[4], level[2];
	} *all = NULL;
	size_t n = 0, alloc = 0;
	int rc = st->ops->query(st,
	                        "SELECT id, likelihood, impact, residual_likelihood, "
	                        "residual_impact, inherent_level, residual_level, title "
	                        "FROM risk WHERE org_id = ? ORDER BY id",
	                        SQL_ARGS(ARG_INT(org_id)), &rows);

	*evaluated = *changed = 0;
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		ALLOC_GROW(all, n + 1, alloc);
		all[n].id = st->ops->integer(rows, 0);
		for (int k = 0; k < 4; k++)
			all[n].v[k] = (int)st->ops->integer(rows, 1 + k);
		all[n].level[0] = (int)st->ops->integer(rows, 5);
		all[n].level[1] = (int)st->ops->integer(rows, 6);
		if (all[n].v[0] > m->nlikelihood || all[n].v[2] > m->nlikelihood ||
		    all[n].v[1] > m->nimpact || all[n].v[3] > m->nimpact) {
			rc = error_set(
			        E_CONFLICT,
			        "risk R%lld (%s) has a likelihood or impact beyond the "
			        "new scales; re-rate it first",
			        (long long)all[n].id, st->ops->text(rows, 7));
			break;
		}
		n++;
	}
	st->ops->done(rows);
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		int inherent = risk_method_level(m, all[i].v[0], all[i].v[1]);
		int residual = risk_method_level(m, all[i].v[2], all[i].v[3]);

		(*evaluated)++;
		if (inherent == all[i].level[0] && residual == all[i].level[1])
			continue;
		(*changed)++;
		rc = db_exec(st,
		             "UPDATE risk SET inherent_level = ?, residual_level = ? "
		             "WHERE id = ?",
		             SQL_ARGS(ARG_INT(inherent), ARG_INT(residual),
		                      ARG_INT(all[i].id)));
	}
	free(all);
	return rc < 0 ? rc : 0;
}

int store_risk_method_set(struct store *st, int64_t org_id, const struct risk_method *m,
                          int64_t *evaluated, int64_t *changed)
{
	struct strbuf lik = STRBUF_INIT, imp = STRBUF_INIT, mat = STRBUF_INIT;
	struct risk_method cur = { 0 };
	char now[32];
	int rc;

	store_now(now);
	risk_scale_format(m, true, '|', &lik);
	risk_scale_format(m, false, '|', &imp);
	risk_matrix_format(m, &mat);
	rc = store_begin(st);
	if (!rc)
		rc = store_risk_method_get(st, org_id, &cur);
	if (!rc) {
		int version = cur.version + 1;

		risk_method_release(&cur);
		rc = risks_evaluate(st, org_id, m, evaluated, changed);
		if (!rc)
			rc = db_exec(
			        st,
			        "INSERT INTO risk_method (org_id, version, "
			        "likelihood_scale, impact_scale, matrix, accept_max, "
			        "changed_by, changed_on, note) "
			        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
			        "ON CONFLICT (org_id) DO UPDATE SET "
			        "version = excluded.version, likelihood_scale = "
			        "excluded.likelihood_scale, impact_scale = "
			        "excluded.impact_scale, matrix = excluded.matrix, "
			        "accept_max = excluded.accept_max, changed_by = "
			        "excluded.changed_by, changed_on = excluded.changed_on, "
			        "note = excluded.note",
			        SQL_ARGS(ARG_INT(org_id), ARG_INT(version),
			                 ARG_TEXT(lik.buf), ARG_TEXT(imp.buf),
			                 ARG_TEXT(mat.buf), ARG_INT(m->accept_max),
			                 ARG_TEXT(m->changed_by), ARG_TEXT(m->changed_on),
			                 ARG_TEXT(m->note)));
		if (!rc)
			rc = db_exec(
			        st,
			        "INSERT INTO risk_method_change (org_id, version, "
			        "likelihood_scale, impact_scale, matrix, accept_max, "
			        "changed_by, changed_on, note, risks_evaluated, "
			        "risks_changed, created_at) "
			        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			        SQL_ARGS(ARG_INT(org_id), ARG_INT(version),
			                 ARG_TEXT(lik.buf), ARG_TEXT(imp.buf),
			                 ARG_TEXT(mat.buf), ARG_INT(m->accept_max),
			                 ARG_TEXT(m->changed_by), ARG_TEXT(m->changed_on),
			                 ARG_TEXT(m->note), ARG_INT(*evaluated),
			                 ARG_INT(*changed), ARG_TEXT(now)));
	}
	strbuf_release(&lik);
	strbuf_release(&imp);
	strbuf_release(&mat);
	return store_end(st, rc);
}

int store_risk_method_history(struct store *st, int64_t org_id,
                              struct risk_method_history *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st,
	                        "SELECT version, likelihood_scale, impact_scale, matrix, "
	                        "accept_max, changed_by, changed_on, note, "
	                        "risks_evaluated, risks_changed FROM risk_method_change "
	                        "WHERE org_id = ? ORDER BY version",
	                        SQL_ARGS(ARG_INT(org_id)), &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		struct risk_method_change *c;

		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		c = &out->v[out->n++];
		c->version = (int)st->ops->integer(rows, 0);
		c->likelihood_scale = db_strdup(st, rows, 1);
		c->impact_scale = db_strdup(st, rows, 2);
		c->matrix = db_strdup(st, rows, 3);
		c->accept_max = (int)st->ops->integer(rows, 4);
		c->changed_by = db_strdup(st, rows, 5);
		c->changed_on = db_strdup(st, rows, 6);
		c->note = db_strdup(st, rows, 7);
		c->risks_evaluated = st->ops->integer(rows, 8);
		c->risks_changed = st->ops->integer(rows, 9);
	}
	st->ops->done(rows);
	if (rc < 0)
		risk_method_history_release(out);
	return rc < 0 ? rc : 0;
}

/* ---- risks ---- */

#define RISK_COLUMNS                                                          \
	"id, title, threat, vulnerability, consequence, likelihood, impact, " \
	"inherent_level, treatment, other_controls, residual_likelihood, "    \
	"residual_impact, residual_level, owner, accepted_by, accepted_on, "  \
	"review_on, updated_at FROM risk "

static void risk_from_row(struct store *st, struct db_rows *rows, struct risk *r)
{
	r->id = st->ops->integer(rows, 0);
	r->title = db_strdup(st, rows, 1);
	r->threat = db_strdup(st, rows, 2);
	r->vulnerability = db_strdup(st, rows, 3);
	r->consequence = db_strdup(st, rows, 4);
	r->likelihood = (int)st->ops->integer(rows, 5);
	r->impact = (int)st->ops->integer(rows, 6);
	r->inherent_level = (int)st->ops->integer(rows, 7);
	risk_treatment_parse(st->ops->text(rows, 8), &r->treatment);
	r->other_controls = db_strdup(st, rows, 9);
	r->residual_likelihood = (int)st->ops->integer(rows, 10);
	r->residual_impact = (int)st->ops->integer(rows, 11);
	r->residual_level = (int)st->ops->integer(rows, 12);
	r->owner = db_strdup(st, rows, 13);
	r->accepted_by = db_strdup(st, rows, 14);
	r->accepted_on = db_strdup(st, rows, 15);
	r->review_on = db_strdup(st, rows, 16);
	r->updated_at = db_strdup(st, rows, 17);
}

static struct risk *risk_by_id(struct risk_list *l, int64_t id)
{
	/* Both lists are in id order, so the last match is usually it. */
	for (size_t i = l->n; i-- > 0;)
		if (l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

static void push_str(char ***v, size_t *n, size_t *alloc, char *s)
{
	ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = s;
}

#define ACTION_COLUMNS "t.id, t.risk_id, t.title, t.ref, t.owner, t.due_on, t.status "

static void action_from_row(struct store *st, struct db_rows *rows,
                            struct treatment_action *t)
{
	t->id = st->ops->integer(rows, 0);
	t->risk_id = st->ops->integer(rows, 1);
	t->title = db_strdup(st, rows, 2);
	t->ref = db_strdup(st, rows, 3);
	t->owner = db_strdup(st, rows, 4);
	t->due_on = db_strdup(st, rows, 5);
	t->status = db_strdup(st, rows, 6);
}

/* The assets, controls and actions of the listed risks. */
static int risks_details(struct store *st, int64_t org_id, int64_t only,
                         struct risk_list *l)
{
	struct db_rows *rows;
	struct risk *r;
	int rc;

	rc = st->ops->query(st,
	                    "SELECT ra.risk_id, a.name FROM risk_asset ra "
	                    "JOIN asset a ON a.id = ra.asset_id JOIN risk r ON r.id = "
	                    "ra.risk_id WHERE r.org_id = ? AND (? = 0 OR r.id = ?) "
	                    "ORDER BY ra.risk_id, a.name",
	                    SQL_ARGS(ARG_INT(org_id), ARG_INT(only), ARG_INT(only)),
	                    &rows);
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0)
		if ((r = risk_by_id(l, st->ops->integer(rows, 0))))
			push_str(&r->assets, &r->nassets, &r->alloc_assets,
			         db_strdup(st, rows, 1));
	st->ops->done(rows);
	if (rc < 0)
		return rc;
	rc = st->ops->query(
	        st,
	        "SELECT rc.risk_id, rc.ref FROM risk_control rc "
	        "JOIN risk r ON r.id = rc.risk_id "
	        "LEFT JOIN catalog_item i ON i.ref = rc.ref AND i.framework_id "
	        "= (SELECT id FROM framework WHERE code = ?) "
	        "WHERE r.org_id = ? AND (? = 0 OR r.id = ?) "
	        "ORDER BY rc.risk_id, i.position, rc.ref",
	        SQL_ARGS(ARG_TEXT(CATALOG_DEFAULT_FRAMEWORK), ARG_INT(org_id),
	                 ARG_INT(only), ARG_INT(only)),
	        &rows);
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0)
		if ((r = risk_by_id(l, st->ops->integer(rows, 0))))
			push_str(&r->controls, &r->ncontrols, &r->alloc_controls,
			         db_strdup(st, rows, 1));
	st->ops->done(rows);
	if (rc < 0)
		return rc;
	rc = st->ops->query(st,
	                    "SELECT " ACTION_COLUMNS "FROM treatment_action t "
	                    "JOIN risk r ON r.id = t.risk_id WHERE r.org_id = ? AND (? = "
	                    "0 OR r.id = ?) "
	                    "ORDER BY t.risk_id, t.id",
	                    SQL_ARGS(ARG_INT(org_id), ARG_INT(only), ARG_INT(only)),
	                    &rows);
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		struct treatment_action *t;

		if (!(r = risk_by_id(l, st->ops->integer(rows, 1))))
			continue;
		ALLOC_GROW(r->actions, r->nactions + 1, r->alloc_actions);
		t = &r->actions[r->nactions++];
		action_from_row(st, rows, t);
	}
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

static int risks_load(struct store *st, int64_t org_id, int64_t only,
                      struct risk_list *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st,
	                        "SELECT " RISK_COLUMNS
	                        "WHERE org_id = ? AND (? = 0 OR id = ?) ORDER BY id",
	                        SQL_ARGS(ARG_INT(org_id), ARG_INT(only), ARG_INT(only)),
	                        &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	while ((rc = st->ops->next(rows)) > 0) {
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		memset(&out->v[out->n], 0, sizeof(out->v[0]));
		risk_from_row(st, rows, &out->v[out->n++]);
	}
	st->ops->done(rows);
	if (rc >= 0 && out->n)
		rc = risks_details(st, org_id, only, out);
	if (rc < 0)
		risk_list_release(out);
	return rc < 0 ? rc : 0;
}

int store_risk_list(struct store *st, int64_t org_id, struct risk_list *out)
{
	return risks_load(st, org_id, 0, out);
}

int store_risk_get(struct store *st, int64_t org_id, int64_t id, struct risk *out)
{
	struct risk_list l;
	int rc = id > 0 ? risks_load(st, org_id, id, &l) : 0;

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	if (id <= 0 || !l.n) {
		if (id > 0)
			risk_list_release(&l);
		return error_set(E_NOTFOUND, "no risk R%lld (see 'isms risk list')",
		                 (long long)id);
	}
	*out = l.v[0];
	l.n = 0;
	risk_list_release(&l);
	return 0;
}

/* Replace the assets and controls of a risk with those of r. */
static int risk_links(struct store *st, int64_t org_id, const struct risk *r)
{
	int rc = db_exec(st, "DELETE FROM risk_asset WHERE risk_id = ?",
	                 SQL_ARGS(ARG_INT(r->id)));

	if (!rc)
		rc = db_exec(st, "DELETE FROM risk_control WHERE risk_id = ?",
		             SQL_ARGS(ARG_INT(r->id)));
	for (size_t i = 0; !rc && i < r->nassets; i++) {
		int64_t aid = 0;

		rc = asset_id(st, org_id, r->assets[i], &aid);
		if (!rc)
			rc = db_exec(st,
			             "INSERT INTO risk_asset (risk_id, asset_id) VALUES "
			             "(?, ?) "
			             "ON CONFLICT DO NOTHING",
			             SQL_ARGS(ARG_INT(r->id), ARG_INT(aid)));
	}
	for (size_t i = 0; !rc && i < r->ncontrols; i++)
		rc = db_exec(st,
		             "INSERT INTO risk_control (risk_id, ref) VALUES (?, ?) "
		             "ON CONFLICT DO NOTHING",
		             SQL_ARGS(ARG_INT(r->id), ARG_TEXT(r->controls[i])));
	return rc;
}

int store_risk_add(struct store *st, int64_t org_id, struct risk *r)
{
	char now[32];
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(
	        st,
	        "INSERT INTO risk (org_id, title, threat, vulnerability, "
	        "consequence, likelihood, impact, inherent_level, treatment, "
	        "other_controls, residual_likelihood, residual_impact, "
	        "residual_level, owner, review_on, created_at, updated_at) "
	        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	        SQL_ARGS(ARG_INT(org_id), ARG_TEXT(r->title), ARG_TEXT(r->threat),
	                 ARG_TEXT(r->vulnerability), ARG_TEXT(r->consequence),
	                 ARG_INT(r->likelihood), ARG_INT(r->impact),
	                 ARG_INT(r->inherent_level),
	                 ARG_TEXT(risk_treatment_name(r->treatment)),
	                 ARG_TEXT(r->other_controls), ARG_INT(r->residual_likelihood),
	                 ARG_INT(r->residual_impact), ARG_INT(r->residual_level),
	                 ARG_TEXT(r->owner), ARG_TEXT(r->review_on), ARG_TEXT(now),
	                 ARG_TEXT(now)),
	        &r->id);
	if (rc == -E_EXISTS)
		rc = error_set(E_EXISTS, "a risk titled '%s' already exists", r->title);
	if (rc > 0)
		rc = risk_links(st, org_id, r);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_risk_update(struct store *st, int64_t org_id, const struct risk *r)
{
	char now[32];
	int64_t id = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st,
	            "UPDATE risk SET title = ?, threat = ?, vulnerability = ?, "
	            "consequence = ?, likelihood = ?, impact = ?, inherent_level = ?, "
	            "treatment = ?, other_controls = ?, residual_likelihood = ?, "
	            "residual_impact = ?, residual_level = ?, owner = ?, "
	            "accepted_by = ?, accepted_on = ?, review_on = ?, updated_at = ? "
	            "WHERE org_id = ? AND id = ? RETURNING id",
	            SQL_ARGS(ARG_TEXT(r->title), ARG_TEXT(r->threat),
	                     ARG_TEXT(r->vulnerability), ARG_TEXT(r->consequence),
	                     ARG_INT(r->likelihood), ARG_INT(r->impact),
	                     ARG_INT(r->inherent_level),
	                     ARG_TEXT(risk_treatment_name(r->treatment)),
	                     ARG_TEXT(r->other_controls), ARG_INT(r->residual_likelihood),
	                     ARG_INT(r->residual_impact), ARG_INT(r->residual_level),
	                     ARG_TEXT(r->owner), ARG_TEXT(r->accepted_by),
	                     ARG_TEXT(r->accepted_on), ARG_TEXT(r->review_on),
	                     ARG_TEXT(now), ARG_INT(org_id), ARG_INT(r->id)),
	            &id);
	if (rc == 0)
		rc = error_set(E_NOTFOUND, "no risk R%lld", (long long)r->id);
	if (rc == -E_EXISTS)
		rc = error_set(E_EXISTS, "a risk titled '%s' already exists", r->title);
	if (rc > 0)
		rc = risk_links(st, org_id, r);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_risk_remove(struct store *st, int64_t org_id, int64_t id)
{
	return delete_owned(st, "risk", org_id, id, "risk", "R", "isms risk list");
}

int store_treatment_action_put(struct store *st, int64_t org_id,
                               struct treatment_action *t)
{
	char now[32];
	int64_t id = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	if (!t->id) {
		rc = db_int(st,
		            "INSERT INTO treatment_action (risk_id, title, ref, owner, "
		            "due_on, status, updated_at) "
		            "SELECT id, ?, ?, ?, ?, ?, ? FROM risk WHERE org_id = ? AND "
		            "id = ? "
		            "RETURNING id",
		            SQL_ARGS(ARG_TEXT(t->title), ARG_TEXT(t->ref),
		                     ARG_TEXT(t->owner), ARG_TEXT(t->due_on),
		                     ARG_TEXT(t->status ? t->status : "open"),
		                     ARG_TEXT(now), ARG_INT(org_id), ARG_INT(t->risk_id)),
		            &t->id);
		if (rc == 0)
			rc = error_set(E_NOTFOUND, "no risk R%lld (see 'isms risk list')",
			               (long long)t->risk_id);
	} else {
		rc = db_int(
		        st,
		        "UPDATE treatment_action SET title = ?, ref = ?, owner = ?, "
		        "due_on = ?, status = ?, updated_at = ? WHERE id = ? AND "
		        "risk_id IN (SELECT id FROM risk WHERE org_id = ?) RETURNING id",
		        SQL_ARGS(ARG_TEXT(t->title), ARG_TEXT(t->ref), ARG_TEXT(t->owner),
		                 ARG_TEXT(t->due_on), ARG_TEXT(t->status), ARG_TEXT(now),
		                 ARG_INT(t->id), ARG_INT(org_id)),
		        &id);
		if (rc == 0)
			rc = error_set(E_NOTFOUND,
			               "no treatment action %lld (see 'isms risk plan')",
			               (long long)t->id);
	}
	return store_end(st, rc < 0 ? rc : 0);
}

int store_treatment_action_get(struct store *st, int64_t org_id, int64_t id,
                               struct treatment_action *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(
	        st,
	        "SELECT " ACTION_COLUMNS "FROM treatment_action t "
	        "JOIN risk r ON r.id = t.risk_id WHERE r.org_id = ? AND t.id = ?",
	        SQL_ARGS(ARG_INT(org_id), ARG_INT(id)), &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0)
		action_from_row(st, rows, out);
	st->ops->done(rows);
	if (rc == 0)
		return error_set(E_NOTFOUND,
		                 "no treatment action %lld (see 'isms risk plan')",
		                 (long long)id);
	return rc < 0 ? rc : 0;
}

int store_plan_get(struct store *st, int64_t org_id, struct treatment_plan *out)
{
	struct db_rows *rows;
	int rc = st->ops->query(st,
	                        "SELECT approved_by, approved_on, sha256 FROM "
	                        "treatment_plan_approval WHERE org_id = ? "
	                        "ORDER BY id DESC LIMIT 1",
	                        SQL_ARGS(ARG_INT(org_id)), &rows);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0) {
		out->approved_by = db_strdup(st, rows, 0);
		out->approved_on = db_strdup(st, rows, 1);
		snprintf(out->sha256, sizeof(out->sha256), "%s", st->ops->text(rows, 2));
	}
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

int store_plan_approve(struct store *st, int64_t org_id, const char *by, const char *on,
                       const char *sha256)
{
	char now[32];
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (!rc)
		rc = db_exec(st,
		             "INSERT INTO treatment_plan_approval (org_id, approved_by, "
		             "approved_on, sha256, created_at) VALUES (?, ?, ?, ?, ?)",
		             SQL_ARGS(ARG_INT(org_id), ARG_TEXT(by), ARG_TEXT(on),
		                      ARG_TEXT(sha256), ARG_TEXT(now)));
	return store_end(st, rc);
}
