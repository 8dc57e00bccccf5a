/*
 * risk.c - assets, data flows, the risk method, risks and the treatment
 * plan: each operation checks what it is given against the core's rules
 * and the organisation's method, then writes in one transaction.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/internal.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

int app_signoff_check(const char *by, const char *date, const char *does,
                      const char *date_name)
{
	int rc;

	if (!by)
		return error_set(E_USAGE, "say who %s with --by NAME", does);
	rc = text_check("--by", by, TEXT_NAME_MAX, TEXT_REQUIRED);
	if (!rc && date)
		rc = date_check(date_name, date);
	return rc;
}

/* ---- assets ---- */

static int yes_no(const char *what, const char *s, bool *out)
{
	if (!strcmp(s, "yes"))
		*out = true;
	else if (!strcmp(s, "no"))
		*out = false;
	else
		return error_set(E_INVALID, "%s must be 'yes' or 'no', not '%s'", what,
		                 s);
	return 0;
}

static int asset_apply(struct asset *a, const struct asset_update *u)
{
	int rc = 0;

	if (u->type)
		rc = asset_type_parse(u->type, &a->type);
	if (!rc && u->classification && *u->classification)
		rc = asset_classification_check(u->classification);
	if (!rc)
		rc = app_take_text(&a->classification, u->classification,
		                   "classification", TEXT_NAME_MAX, 0);
	if (!rc)
		rc = app_take_text(&a->owner, u->owner, "owner", TEXT_NAME_MAX, 0);
	if (!rc)
		rc = app_take_text(&a->location, u->location, "location", TEXT_NAME_MAX,
		                   0);
	if (!rc)
		rc = app_take_text(&a->description, u->description, "description",
		                   TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc && u->confidentiality)
		rc = asset_value_parse("confidentiality", u->confidentiality,
		                       &a->confidentiality);
	if (!rc && u->integrity)
		rc = asset_value_parse("integrity", u->integrity, &a->integrity);
	if (!rc && u->availability)
		rc = asset_value_parse("availability", u->availability, &a->availability);
	if (!rc && u->in_scope)
		rc = yes_no("in-scope", u->in_scope, &a->in_scope);
	return rc;
}

int app_asset_add(struct store *st, const struct org *org, const char *name,
                  const struct asset_update *u, struct asset *out)
{
	struct asset a = { .in_scope = true };
	int rc = text_check("asset name", name, TEXT_NAME_MAX, TEXT_REQUIRED);

	if (!rc && !u->type)
		rc = error_set(E_USAGE, "an asset needs a type (--type information, "
		                        "software, hardware, service, people or site)");
	if (!rc) {
		a.name = xstrdup(name);
		rc = asset_apply(&a, u);
	}
	if (!rc)
		rc = store_asset_put(st, org->id, &a, true);
	asset_release(&a);
	if (!rc && out)
		rc = store_asset_get(st, org->id, name, out);
	return rc;
}

int app_asset_set(struct store *st, const struct org *org, const char *name,
                  const struct asset_update *u, struct asset *out)
{
	struct asset a;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = store_asset_get(st, org->id, name, &a);
	if (!rc)
		rc = asset_apply(&a, u);
	if (!rc)
		rc = store_asset_put(st, org->id, &a, false);
	asset_release(&a);
	rc = store_end(st, rc);
	if (!rc && out)
		rc = store_asset_get(st, org->id, name, out);
	return rc;
}

int app_asset_remove(struct store *st, const struct org *org, const char *name)
{
	return store_asset_remove(st, org->id, name);
}

int app_flow_add(struct store *st, const struct org *org, const char *from,
                 const char *to, const char *data_type, const char *channel, int64_t *id)
{
	struct data_flow f = { .from = (char *)from,
		               .to = (char *)to,
		               .data_type = (char *)data_type,
		               .channel = (char *)channel };
	int rc = text_check("from", from, TEXT_NAME_MAX, TEXT_REQUIRED);

	if (!rc)
		rc = text_check("to", to, TEXT_NAME_MAX, TEXT_REQUIRED);
	if (!rc)
		rc = text_check("data type", data_type, TEXT_SHORT_MAX, TEXT_REQUIRED);
	if (!rc && channel)
		rc = text_check("channel", channel, TEXT_SHORT_MAX, 0);
	return rc ? rc : store_flow_add(st, org->id, &f, id);
}

bool app_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !isdigit((unsigned char)*s) || strlen(s) > 18)
		return false;
	v = strtol(s, &end, 10);
	if (*end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

int app_positive_id(const char *what, const char *s, int64_t *out)
{
	long v;

	if (!app_parse_long(s, 1, LONG_MAX, &v))
		return error_set(E_INVALID, "%s must be a positive number, not '%s'",
		                 what, s ? s : "");
	*out = v;
	return 0;
}

int app_flow_remove(struct store *st, const struct org *org, const char *id)
{
	int64_t n = 0;
	int rc = app_positive_id("a data flow id", id, &n);

	return rc ? rc : store_flow_remove(st, org->id, n);
}

/* ---- the method ---- */

int app_risk_method_set(struct store *st, const struct org *org,
                        const struct method_update *u, struct risk_method *out,
                        int64_t *evaluated, int64_t *changed)
{
	struct risk_method m;
	char today[11];
	int rc;

	memset(out, 0, sizeof(*out));
	/* A new version that changes nothing would only blur the history. */
	if (!u->likelihood && !u->impact && !u->matrix && !u->accept && !u->note)
		return error_set(E_USAGE, "nothing to change: give the likelihood, "
		                          "impact, matrix, accept or note");
	rc = app_signoff_check(u->by, NULL, "changes the method", NULL);
	if (!rc && u->note)
		rc = text_check("note", u->note, TEXT_LONG_MAX, TEXT_MULTILINE);
	if (rc)
		return rc;
	store_today(today);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_risk_method_get(st, org->id, &m);
	if (rc)
		return store_end(st, rc);
	if (u->likelihood)
		rc = risk_scale_parse(&m, true, u->likelihood, ',');
	if (!rc && u->impact)
		rc = risk_scale_parse(&m, false, u->impact, ',');
	if (!rc && u->matrix)
		rc = risk_matrix_parse(&m, u->matrix);
	else if (!rc && (u->likelihood || u->impact))
		risk_matrix_default(&m);
	if (!rc && u->accept)
		rc = risk_level_parse(u->accept, &m.accept_max);
	if (!rc) {
		free(m.changed_by);
		free(m.changed_on);
		free(m.note);
		m.changed_by = xstrdup(u->by);
		m.changed_on = xstrdup(today);
		m.note = xstrdup_or_null(u->note);
		rc = store_risk_method_set(st, org->id, &m, evaluated, changed);
	}
	risk_method_release(&m);
	rc = store_end(st, rc);
	if (!rc)
		rc = store_risk_method_get(st, org->id, out);
	return rc;
}

/* ---- risks ---- */

int app_risk_id_parse(const char *s, int64_t *out)
{
	if (s && (*s == 'R' || *s == 'r'))
		s++;
	if (app_positive_id("a risk id", s, out))
		return error_set(E_INVALID, "a risk is named by its id, like R3 or 3");
	return 0;
}

int app_split_list(const char *what, const char *s, size_t max, char ***v, size_t *n,
                   size_t *alloc)
{
	const char *p = s;

	for (size_t i = 0; i < *n; i++)
		free((*v)[i]);
	*n = 0;
	if (!*s)
		return 0;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *item;
		int rc;
		bool dup = false;

		while (len && isspace((unsigned char)*p))
			p++, len--;
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		item = xstrndup(p, len);
		rc = text_check(what, item, max, TEXT_REQUIRED);
		if (rc) {
			free(item);
			return rc;
		}
		for (size_t i = 0; i < *n; i++)
			dup = dup || !strcmp((*v)[i], item);
		if (dup) {
			free(item);
		} else {
			ALLOC_GROW(*v, *n + 1, *alloc);
			(*v)[(*n)++] = item;
		}
		if (!end)
			return 0;
		p = end + 1;
	}
}

/* An Annex A control by a typed reference, canonical in *ref. */
static int annex_control(struct store *st, const char *typed, char **ref)
{
	struct catalog_item item;
	int rc = app_catalog_get(st, CATALOG_DEFAULT_FRAMEWORK, typed, &item);

	if (rc == -E_NOTFOUND)
		return error_set(
		        E_NOTFOUND,
		        "no control '%s' in ISO/IEC 27001:2022 Annex A (try 'isms "
		        "catalog list --kind control')",
		        typed);
	if (rc)
		return rc;
	if (strcmp(item.kind, "control"))
		rc = error_set(E_INVALID,
		               "%s is a clause, not an Annex A control; a treatment "
		               "selects controls",
		               item.ref);
	else
		*ref = xstrdup(item.ref);
	catalog_item_release(&item);
	return rc;
}

static void push_ref(struct risk *r, char *ref)
{
	ALLOC_GROW(r->controls, r->ncontrols + 1, r->alloc_controls);
	r->controls[r->ncontrols++] = ref;
}

static int take_value(const struct risk_method *m, bool likelihood, const char *s,
                      const char *what, int *out)
{
	return s ? risk_value_parse(m, likelihood, what, s, out) : 0;
}

static int risk_apply(struct store *st, const struct risk_method *m, struct risk *r,
                      const struct risk_update *u, bool create)
{
	char *old_owner = xstrdup_or_null(r->owner);
	int old_rl = r->residual_likelihood, old_ri = r->residual_impact;
	bool residual_given = u->residual_likelihood || u->residual_impact;
	int rc = 0;

	if (u->title) {
		rc = text_check("title", u->title, TEXT_SHORT_MAX, TEXT_REQUIRED);
		if (!rc) {
			free(r->title);
			r->title = xstrdup(u->title);
		}
	}
	if (!rc && u->threat)
		rc = text_check("threat", u->threat, TEXT_LONG_MAX,
		                TEXT_REQUIRED | TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&r->threat, u->threat, "threat", TEXT_LONG_MAX,
		                   TEXT_MULTILINE);
	if (!rc && u->vulnerability)
		rc = text_check("vulnerability", u->vulnerability, TEXT_LONG_MAX,
		                TEXT_REQUIRED | TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&r->vulnerability, u->vulnerability, "vulnerability",
		                   TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&r->consequence, u->consequence, "consequence",
		                   TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = take_value(m, true, u->likelihood, "likelihood", &r->likelihood);
	if (!rc)
		rc = take_value(m, false, u->impact, "impact", &r->impact);
	if (!rc && u->treatment)
		rc = risk_treatment_parse(u->treatment, &r->treatment);
	if (!rc)
		rc = app_take_text(&r->other_controls, u->other_controls,
		                   "other controls", TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = take_value(m, true, u->residual_likelihood, "residual likelihood",
		                &r->residual_likelihood);
	if (!rc)
		rc = take_value(m, false, u->residual_impact, "residual impact",
		                &r->residual_impact);
	if (!rc)
		rc = app_take_text(&r->owner, u->owner, "owner", TEXT_NAME_MAX, 0);
	if (!rc)
		rc = app_take_date(&r->review_on, u->review_on, "review date");
	if (!rc && u->assets)
		rc = app_split_list("asset name", u->assets, TEXT_NAME_MAX, &r->assets,
		                    &r->nassets, &r->alloc_assets);
	if (!rc && u->controls) {
		char **typed = NULL;
		size_t n = 0, alloc = 0;

		rc = app_split_list("control", u->controls, CATALOG_REF_MAX * 2, &typed,
		                    &n, &alloc);
		for (size_t i = 0; i < r->ncontrols; i++)
			free(r->controls[i]);
		r->ncontrols = 0;
		for (size_t i = 0; !rc && i < n; i++) {
			char *ref = NULL;

			rc = annex_control(st, typed[i], &ref);
			if (!rc && risk_selects(r, ref))
				free(ref);
			else if (!rc)
				push_ref(r, ref);
		}
		for (size_t i = 0; i < n; i++)
			free(typed[i]);
		free(typed);
	}
	if (rc) {
		free(old_owner);
		return rc;
	}
	if (create && !residual_given) {
		r->residual_likelihood = r->likelihood;
		r->residual_impact = r->impact;
	}
	if (create && !r->nassets)
		rc = error_set(E_USAGE, "a risk needs at least one asset (--asset NAME)");
	/* An acceptance was of the residual risk and owner it named. */
	if (!create && (old_rl != r->residual_likelihood ||
	                old_ri != r->residual_impact || !old_owner != !r->owner ||
	                (old_owner && r->owner && strcmp(old_owner, r->owner)))) {
		free(r->accepted_by);
		free(r->accepted_on);
		r->accepted_by = r->accepted_on = NULL;
	}
	free(old_owner);
	risk_evaluate(r, m);
	return rc;
}

int app_risk_add(struct store *st, const struct org *org, const struct risk_update *u,
                 struct risk *out)
{
	struct risk_method m;
	struct risk r = { 0 };
	const char *missing = !u->title           ? "--title"
	                      : !u->assets        ? "--asset"
	                      : !u->threat        ? "--threat"
	                      : !u->vulnerability ? "--vulnerability"
	                      : !u->likelihood    ? "--likelihood"
	                      : !u->impact        ? "--impact"
	                      : !u->treatment     ? "--treatment"
	                                          : NULL;
	int rc;

	if (missing)
		return error_set(E_USAGE, "a risk needs %s", missing);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_risk_method_get(st, org->id, &m);
	if (!rc) {
		rc = risk_apply(st, &m, &r, u, true);
		risk_method_release(&m);
	}
	if (!rc)
		rc = store_risk_add(st, org->id, &r);
	rc = store_end(st, rc);
	if (!rc && out)
		rc = store_risk_get(st, org->id, r.id, out);
	risk_release(&r);
	return rc;
}

int app_risk_set(struct store *st, const struct org *org, int64_t id,
                 const struct risk_update *u, struct risk *out)
{
	struct risk_method m;
	struct risk r;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = store_risk_get(st, org->id, id, &r);
	if (rc)
		return store_end(st, rc);
	rc = store_risk_method_get(st, org->id, &m);
	if (!rc) {
		rc = risk_apply(st, &m, &r, u, false);
		risk_method_release(&m);
	}
	if (!rc && !r.nassets)
		rc = error_set(E_INVALID, "a risk needs at least one asset");
	if (!rc)
		rc = store_risk_update(st, org->id, &r);
	risk_release(&r);
	rc = store_end(st, rc);
	if (!rc && out)
		rc = store_risk_get(st, org->id, id, out);
	return rc;
}

int app_risk_remove(struct store *st, const struct org *org, int64_t id)
{
	return store_risk_remove(st, org->id, id);
}

int app_risk_accept(struct store *st, const struct org *org, int64_t id, const char *by,
                    const char *date)
{
	char today[11];
	struct risk r;
	int rc;

	store_today(today);
	rc = app_signoff_check(by, date, "accepts the risk", "acceptance date");
	if (rc)
		return rc;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_risk_get(st, org->id, id, &r);
	if (!rc)
		rc = risk_accept_check(&r, by);
	if (!rc) {
		free(r.accepted_by);
		free(r.accepted_on);
		/* The owner's name as recorded, however it was typed. */
		r.accepted_by = xstrdup(r.owner);
		r.accepted_on = xstrdup(date ? date : today);
		rc = store_risk_update(st, org->id, &r);
	}
	risk_release(&r);
	return store_end(st, rc);
}

static int treatment_apply(struct store *st, struct treatment_action *t,
                           const struct treatment_update *u)
{
	int rc = 0;

	if (u->title) {
		rc = text_check("title", u->title, TEXT_SHORT_MAX, TEXT_REQUIRED);
		if (!rc) {
			free(t->title);
			t->title = xstrdup(u->title);
		}
	}
	if (!rc && u->control) {
		free(t->ref);
		t->ref = NULL;
		if (*u->control)
			rc = annex_control(st, u->control, &t->ref);
	}
	if (!rc)
		rc = app_take_text(&t->owner, u->owner, "owner", TEXT_NAME_MAX, 0);
	if (!rc)
		rc = app_take_date(&t->due_on, u->due_on, "due date");
	if (!rc && u->status) {
		rc = gap_action_status_check(u->status);
		if (!rc) {
			free(t->status);
			t->status = xstrdup(u->status);
		}
	}
	return rc;
}

int app_treatment_add(struct store *st, const struct org *org, int64_t risk_id,
                      const struct treatment_update *u, struct treatment_action *out)
{
	struct treatment_action t = { .risk_id = risk_id };
	int rc;

	if (!u->title)
		return error_set(E_USAGE, "a treatment action needs --title");
	rc = treatment_apply(st, &t, u);
	if (!rc)
		rc = store_treatment_action_put(st, org->id, &t);
	if (!rc && out)
		rc = store_treatment_action_get(st, org->id, t.id, out);
	treatment_action_release(&t);
	return rc;
}

int app_treatment_set(struct store *st, const struct org *org, int64_t id,
                      const struct treatment_update *u, struct treatment_action *out)
{
	struct treatment_action t;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = store_treatment_action_get(st, org->id, id, &t);
	if (!rc)
		rc = treatment_apply(st, &t, u);
	if (!rc)
		rc = store_treatment_action_put(st, org->id, &t);
	treatment_action_release(&t);
	rc = store_end(st, rc);
	if (!rc && out)
		rc = store_treatment_action_get(st, org->id, id, out);
	return rc;
}

int app_treatment_id_parse(const char *s, int64_t *out)
{
	const char *digits = s + (*s == 'T' || *s == 't');
	char *end;
	long long v = strtoll(digits, &end, 10);

	if (!*digits || *end || v <= 0)
		return error_set(E_INVALID, "an action is named like T12, not '%s'", s);
	*out = v;
	return 0;
}

static void plan_digest(const struct risk_list *risks, char out[SHA256_HEX_LEN + 1])
{
	struct strbuf text = STRBUF_INIT;

	treatment_plan_text(risks, &text);
	sha256_hex(text.buf, text.len, out);
	strbuf_release(&text);
}

int app_plan_get(struct store *st, const struct org *org, const struct risk_list *risks,
                 struct treatment_plan *out)
{
	char now[SHA256_HEX_LEN + 1];
	int rc = store_plan_get(st, org->id, out);

	if (rc || !out->approved_by)
		return rc;
	plan_digest(risks, now);
	out->changed = strcmp(now, out->sha256) != 0;
	return 0;
}

int app_plan_approve(struct store *st, const struct org *org, const char *by,
                     const char *date, struct treatment_plan *out)
{
	char today[11], sha[SHA256_HEX_LEN + 1];
	struct risk_list risks;
	int rc;

	store_today(today);
	rc = app_signoff_check(by, date, "approves the plan", "approval date");
	if (rc)
		return rc;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_risk_list(st, org->id, &risks);
	if (!rc && !risks.n)
		rc = error_set(E_CONFLICT,
		               "the treatment plan is empty: record risks first");
	if (!rc) {
		plan_digest(&risks, sha);
		rc = store_plan_approve(st, org->id, by, date ? date : today, sha);
	}
	if (!rc && out)
		rc = app_plan_get(st, org, &risks, out);
	risk_list_release(&risks);
	return store_end(st, rc);
}
