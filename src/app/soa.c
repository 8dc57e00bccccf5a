/*
 * soa.c - the Statement of Applicability: decisions per control, building
 * and checking the SoA from the catalogue, the newest gap assessment, the
 * risks and their treatment plan, and approved versions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/internal.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

/* ---- decisions ---- */

static int decision_apply(struct soa_decision *d, const struct soa_update *u)
{
	enum soa_reason reason = SOA_REASON_BUSINESS;
	bool applicable = d->applicable != 0;
	int rc = 0;

	if (u->applicable) {
		if (!strcmp(u->applicable, "yes"))
			applicable = true;
		else if (!strcmp(u->applicable, "no"))
			applicable = false;
		else
			return error_set(E_INVALID,
			                 "--applicable must be 'yes' or 'no', not '%s'",
			                 u->applicable);
		d->applicable = applicable;
	}
	if (u->reason) {
		rc = soa_reason_parse(u->reason, &reason);
		if (!rc && !u->justification)
			rc = error_set(E_USAGE, "--reason needs --justification TEXT");
		if (!rc && !applicable)
			rc = error_set(
			        E_INVALID,
			        "an excluded control has no reasons for inclusion; its "
			        "--justification is the reason for excluding it");
	}
	if (!rc && u->justification) {
		if (applicable)
			rc = app_take_text(&d->reason[reason], u->justification,
			                   "justification", TEXT_LONG_MAX,
			                   TEXT_MULTILINE);
		else
			rc = app_take_text(&d->exclusion, u->justification,
			                   "justification", TEXT_LONG_MAX,
			                   TEXT_MULTILINE);
	}
	/* Applying again drops the exclusion's justification with the exclusion. */
	if (!rc && applicable && d->exclusion) {
		free(d->exclusion);
		d->exclusion = NULL;
	}
	if (!rc && u->status) {
		enum soa_impl s;

		if (!strcmp(u->status, "auto")) {
			d->status = -1;
			free(d->override_reason);
			d->override_reason = NULL;
			if (u->status_reason)
				rc = error_set(E_USAGE, "--status auto takes the derived "
				                        "status; it needs "
				                        "no --status-reason");
			return rc;
		}
		rc = soa_impl_parse(u->status, &s);
		if (!rc && !u->status_reason)
			rc = error_set(E_USAGE,
			               "overriding the implementation status needs "
			               "--status-reason TEXT");
		if (!rc)
			rc = text_check("status reason", u->status_reason, TEXT_LONG_MAX,
			                TEXT_REQUIRED | TEXT_MULTILINE);
		if (!rc) {
			d->status = (int)s;
			free(d->override_reason);
			d->override_reason = xstrdup(u->status_reason);
		}
	} else if (!rc && u->status_reason) {
		rc = error_set(E_USAGE, "--status-reason goes with --status");
	}
	return rc;
}

/* The facts the SoA is built from, loaded on one snapshot. */
struct soa_facts {
	struct catalog_item_list controls;
	struct assessment assessment; /* id 0: none */
	struct gap_row_list rows;
	struct evidence_list evidence;
	struct soa_decision_list decisions;
};

static void facts_release(struct soa_facts *f)
{
	catalog_item_list_release(&f->controls);
	assessment_release(&f->assessment);
	gap_row_list_release(&f->rows);
	evidence_list_release(&f->evidence);
	soa_decision_list_release(&f->decisions);
}

static int facts_load(struct store *st, const struct org *org, const char *today,
                      struct soa_facts *f)
{
	struct catalog_filter filter = { .framework = CATALOG_DEFAULT_FRAMEWORK,
		                         .kind = "control" };
	int rc;

	memset(f, 0, sizeof(*f));
	rc = store_catalog_list(st, &filter, &f->controls);
	if (!rc && !f->controls.n)
		rc = error_set(E_SCHEMA,
		               "the catalogue has no ISO/IEC 27001:2022 controls; "
		               "run 'isms init'");
	if (!rc) {
		rc = store_assessment_get(st, org->id, 0, &f->assessment);
		if (rc == -E_NOTFOUND) {
			error_clear();
			rc = 0;
		}
	}
	if (!rc && f->assessment.id)
		rc = store_gap_rows(st, &f->assessment, NULL, today, &f->rows);
	if (!rc && f->assessment.id)
		rc = store_evidence_list(st, org->id, &f->assessment, &f->evidence);
	if (!rc)
		rc = store_soa_decisions(st, org->id, &f->decisions);
	return rc;
}

/* A recorded remediation action with an owner, not yet done: a plan. */
static bool remediation_open(const struct gap_row *r)
{
	return r->action_status && strcmp(r->action_status, "done") && r->action_owner &&
	       *r->action_owner;
}

static void build(const struct soa_facts *f, const struct risk_list *risks,
                  const char *today, struct soa *out)
{
	size_t n = f->controls.n;
	struct soa_control *c = xcalloc(n, sizeof(*c));
	char ***ev = xcalloc(n, sizeof(*ev));
	size_t *nev = xcalloc(n, sizeof(*nev));

	for (size_t i = 0; i < n; i++) {
		const struct catalog_item *it = &f->controls.v[i];

		c[i] = (struct soa_control){ .ref = it->ref,
			                     .title = it->title,
			                     .theme = it->group,
			                     .gap = GAP_NOT_ASSESSED };
		for (size_t k = 0; k < f->rows.n; k++) {
			if (strcmp(f->rows.v[k].ref, it->ref))
				continue;
			c[i].gap = f->rows.v[k].status;
			c[i].remediation_open = remediation_open(&f->rows.v[k]);
			break;
		}
		for (size_t e = 0; e < f->evidence.n; e++) {
			const struct evidence *v = &f->evidence.v[e];
			struct strbuf s = STRBUF_INIT;

			for (size_t k = 0; k < v->nrefs; k++) {
				if (strcmp(v->refs[k], it->ref))
					continue;
				strbuf_addf(&s, "%s (%.12s)%s", v->title, v->sha256,
				            evidence_expired(v, today) ? " expired" : "");
				ev[i] = xreallocarray(ev[i], nev[i] + 1, sizeof(*ev[i]));
				ev[i][nev[i]++] = strbuf_detach(&s, NULL);
				break;
			}
			strbuf_release(&s);
		}
		c[i].evidence = (const char *const *)ev[i];
		c[i].nevidence = nev[i];
	}
	soa_build(c, n, &f->decisions, risks, out);
	for (size_t i = 0; i < n; i++) {
		for (size_t e = 0; e < nev[i]; e++)
			free(ev[i][e]);
		free(ev[i]);
	}
	free(ev);
	free(nev);
	free(c);
}

int app_soa_set(struct store *st, const struct org *org, const char *ref,
                const struct soa_update *u, struct soa_row *out)
{
	struct catalog_item item;
	struct soa_decision d;
	int rc;

	if (!u->applicable && !u->justification && !u->reason && !u->status &&
	    !u->status_reason)
		return error_set(E_USAGE, "nothing to change: give --applicable, "
		                          "--justification, --reason or --status");
	rc = app_catalog_get(st, CATALOG_DEFAULT_FRAMEWORK, ref, &item);
	if (rc)
		return rc;
	if (strcmp(item.kind, "control")) {
		rc = error_set(
		        E_INVALID,
		        "%s is a clause; the SoA lists Annex A controls, and every "
		        "clause applies",
		        item.ref);
		catalog_item_release(&item);
		return rc;
	}
	rc = store_begin(st);
	if (!rc)
		rc = store_soa_decision_get(st, org->id, item.ref, &d);
	if (!rc) {
		rc = decision_apply(&d, u);
		if (!rc)
			rc = store_soa_decide(st, org->id, &d);
		soa_decision_release(&d);
	}
	rc = store_end(st, rc);
	if (!rc && out) {
		struct soa_data all;

		memset(out, 0, sizeof(*out));
		rc = app_soa_load(st, org, &all);
		if (!rc) {
			for (size_t i = 0; i < all.soa.n; i++) {
				if (strcmp(all.soa.v[i].ref, item.ref))
					continue;
				/* Taken out; the emptied slot releases as nothing. */
				*out = all.soa.v[i];
				memset(&all.soa.v[i], 0, sizeof(all.soa.v[i]));
				break;
			}
		}
		app_soa_release(&all);
	}
	catalog_item_release(&item);
	return rc;
}

int app_soa_set_many(struct store *st, const struct org *org, const char *const *refs,
                     size_t n, const struct soa_update *u)
{
	int rc;

	if (!n || n > SOA_SET_MAX)
		return error_set(E_USAGE, "name 1 to %d controls to change together",
		                 SOA_SET_MAX);
	rc = store_begin(st);

	for (size_t i = 0; !rc && i < n; i++)
		rc = app_soa_set(st, org, refs[i], u, NULL);
	return store_end(st, rc);
}

/* ---- the SoA ---- */

void app_soa_release(struct soa_data *d)
{
	risk_method_release(&d->method);
	risk_list_release(&d->risks);
	treatment_plan_release(&d->plan);
	soa_release(&d->soa);
	soa_version_release(&d->approved);
	soa_problems_release(&d->problems);
}

int app_soa_load(struct store *st, const struct org *org, struct soa_data *out)
{
	struct soa_facts f;
	int rc;

	memset(out, 0, sizeof(*out));
	store_today(out->today);
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = facts_load(st, org, out->today, &f);
	if (!rc)
		rc = store_risk_method_get(st, org->id, &out->method);
	if (!rc)
		rc = store_risk_list(st, org->id, &out->risks);
	if (!rc)
		rc = app_plan_get(st, org, &out->risks, &out->plan);
	if (!rc) {
		rc = store_soa_version_get(st, org->id, 0, &out->approved);
		if (rc == -E_NOTFOUND) {
			error_clear();
			rc = 0;
		}
	}
	if (!rc) {
		build(&f, &out->risks, out->today, &out->soa);
		soa_check(&out->soa, &out->risks, &out->method,
		          out->approved.id ? &out->approved.soa : NULL, &out->problems);
	}
	facts_release(&f);
	rc = store_end(st, rc);
	return rc;
}

int app_soa_get(struct store *st, const struct org *org, const char *ref,
                struct soa_data *d, const struct soa_row **row)
{
	struct catalog_item item;
	int rc;

	memset(d, 0, sizeof(*d));
	*row = NULL;
	rc = app_catalog_get(st, CATALOG_DEFAULT_FRAMEWORK, ref, &item);
	if (rc)
		return rc;
	rc = app_soa_load(st, org, d);
	if (!rc)
		*row = soa_find(&d->soa, item.ref);
	if (!rc && !*row)
		rc = error_set(E_INVALID,
		               "%s is a clause; the SoA lists Annex A controls",
		               item.ref);
	catalog_item_release(&item);
	return rc;
}

int app_soa_version_parse(const char *s, int *out)
{
	char *end;
	long v;

	if (s[0] == 'v' || s[0] == 'V')
		s++;
	v = strtol(s, &end, 10);
	if (!*s || *end || v <= 0 || v > 1000000)
		return error_set(E_INVALID,
		                 "a SoA version is a number like 3 (see 'isms soa "
		                 "versions')");
	*out = (int)v;
	return 0;
}

int app_soa_approve(struct store *st, const struct org *org, const char *by,
                    const char *date, int *version)
{
	struct soa_data d;
	size_t blocking;
	int rc;

	rc = app_signoff_check(by, date, "approves the SoA", "approval date");
	if (rc)
		return rc;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = app_soa_load(st, org, &d);
	blocking = rc ? 0 : soa_problems_blocking(&d.problems);
	if (!rc && blocking) {
		const struct soa_problem *p = &d.problems.v[0];

		rc = error_set(
		        E_CONFLICT,
		        "the SoA is not aligned (%zu problem%s, first: %s %s); see "
		        "'isms soa check'",
		        blocking, blocking == 1 ? "" : "s", p->code, p->message);
	}
	if (!rc && d.approved.id && d.problems.n == 0)
		rc = error_set(E_CONFLICT,
		               "nothing changed since version %d was approved",
		               d.approved.version);
	if (!rc)
		rc = store_soa_version_add(st, org->id, by, date ? date : d.today, &d.soa,
		                           version);
	app_soa_release(&d);
	return store_end(st, rc);
}

int app_soa_diff(struct store *st, const struct org *org, int v1, int v2,
                 struct soa_version *a, struct soa_version *b, struct soa_diff *out)
{
	int rc;

	memset(a, 0, sizeof(*a));
	memset(b, 0, sizeof(*b));
	memset(out, 0, sizeof(*out));
	if (v1 <= 0 || v2 < 0)
		return error_set(E_INVALID, "SoA versions are numbered from 1");
	rc = store_soa_version_get(st, org->id, v1, a);
	if (!rc && v2)
		rc = store_soa_version_get(st, org->id, v2, b);
	if (!rc && !v2) {
		struct soa_data now;

		rc = app_soa_load(st, org, &now);
		if (!rc) {
			b->soa = now.soa;
			memset(&now.soa, 0, sizeof(now.soa));
		}
		app_soa_release(&now);
	}
	if (!rc)
		soa_diff(&a->soa, &b->soa, out);
	return rc;
}
