#include "risk.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "gap.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

/* ---- assets ---- */

static const char *const asset_type_names[ASSET__COUNT] = {
	[ASSET_INFORMATION] = "information", [ASSET_SOFTWARE] = "software",
	[ASSET_HARDWARE] = "hardware",       [ASSET_SERVICE] = "service",
	[ASSET_PEOPLE] = "people",           [ASSET_SITE] = "site",
};

const char *asset_type_name(enum asset_type t)
{
	return (unsigned)t < ASSET__COUNT ? asset_type_names[t] : "?";
}

int asset_type_parse(const char *s, enum asset_type *out)
{
	for (int i = 0; i < ASSET__COUNT; i++) {
		if (!strcmp(s, asset_type_names[i])) {
			*out = (enum asset_type)i;
			return 0;
		}
	}
	return error_set(E_INVALID,
	                 "unknown asset type '%s' (expected information, software, "
	                 "hardware, service, people or site)",
	                 s);
}

int asset_classification_check(const char *s)
{
	static const char *const names[] = { "public", "internal", "confidential",
		                             "restricted" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i]))
			return 0;
	return error_set(E_INVALID,
	                 "unknown classification '%s' (expected public, internal, "
	                 "confidential or restricted)",
	                 s);
}

/* A small integer typed by a user: digits only, in lo..hi. */
static int small_int(const char *s, int lo, int hi, int *out)
{
	long v = 0;

	if (!s || !*s || strlen(s) > 3)
		return -1;
	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

int asset_value_parse(const char *what, const char *s, int *out)
{
	if (small_int(s, 0, ASSET_VALUE_MAX, out))
		return error_set(
		        E_INVALID,
		        "%s must be a number from 1 to %d (0: unrated), not '%s'", what,
		        ASSET_VALUE_MAX, s);
	return 0;
}

void asset_release(struct asset *a)
{
	free(a->name);
	free(a->owner);
	free(a->location);
	free(a->classification);
	free(a->description);
	free(a->updated_at);
	memset(a, 0, sizeof(*a));
}

void asset_list_release(struct asset_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		asset_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void data_flow_list_release(struct data_flow_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].from);
		free(l->v[i].to);
		free(l->v[i].data_type);
		free(l->v[i].channel);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- the method ---- */

static const char *const level_names[] = { "none", "low", "medium", "high", "critical" };

const char *risk_level_name(int level)
{
	return level >= 0 && level <= RISK_LEVEL_MAX ? level_names[level] : "?";
}

int risk_level_parse(const char *s, int *out)
{
	for (int i = RISK_LOW; i <= RISK_LEVEL_MAX; i++) {
		if (!strcmp(s, level_names[i])) {
			*out = i;
			return 0;
		}
	}
	return error_set(
	        E_INVALID,
	        "unknown risk level '%s' (expected low, medium, high or critical)", s);
}

void risk_method_release(struct risk_method *m)
{
	for (int i = 0; i < RISK_SCALE_MAX; i++) {
		free(m->likelihood[i]);
		free(m->impact[i]);
	}
	free(m->changed_by);
	free(m->changed_on);
	free(m->note);
	memset(m, 0, sizeof(*m));
}

void risk_method_copy(struct risk_method *dst, const struct risk_method *src)
{
	*dst = *src;
	for (int i = 0; i < RISK_SCALE_MAX; i++) {
		dst->likelihood[i] = xstrdup_or_null(src->likelihood[i]);
		dst->impact[i] = xstrdup_or_null(src->impact[i]);
	}
	dst->changed_by = xstrdup_or_null(src->changed_by);
	dst->changed_on = xstrdup_or_null(src->changed_on);
	dst->note = xstrdup_or_null(src->note);
}

void risk_matrix_default(struct risk_method *m)
{
	/*
	 * The product of the two values, scaled to a 5 x 5 grid, cut at the
	 * usual bands; on 5 x 5 itself: 1-3 low, 4-6 medium, 8-12 high,
	 * 15-25 critical.
	 */
	for (int l = 1; l <= m->nlikelihood; l++) {
		for (int i = 1; i <= m->nimpact; i++) {
			double p = (double)l * i * 25.0 /
			           ((double)m->nlikelihood * m->nimpact);
			int level = p <= 3.0    ? RISK_LOW
			            : p <= 6.0  ? RISK_MEDIUM
			            : p <= 12.0 ? RISK_HIGH
			                        : RISK_CRITICAL;
			m->matrix[l - 1][i - 1] = (unsigned char)level;
		}
	}
}

void risk_method_default(struct risk_method *m)
{
	static const char *const likelihood[] = { "Rare", "Unlikely", "Possible",
		                                  "Likely", "Almost certain" };
	static const char *const impact[] = { "Negligible", "Minor", "Moderate", "Major",
		                              "Severe" };

	memset(m, 0, sizeof(*m));
	m->version = 1;
	m->nlikelihood = m->nimpact = 5;
	for (int i = 0; i < 5; i++) {
		m->likelihood[i] = xstrdup(likelihood[i]);
		m->impact[i] = xstrdup(impact[i]);
	}
	risk_matrix_default(m);
	m->accept_max = RISK_MEDIUM;
}

void risk_method_history_release(struct risk_method_history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].likelihood_scale);
		free(h->v[i].impact_scale);
		free(h->v[i].matrix);
		free(h->v[i].changed_by);
		free(h->v[i].changed_on);
		free(h->v[i].note);
	}
	free(h->v);
	memset(h, 0, sizeof(*h));
}

int risk_scale_parse(struct risk_method *m, bool likelihood, const char *s, char sep)
{
	const char *what = likelihood ? "likelihood scale" : "impact scale";
	char *labels[RISK_SCALE_MAX] = { 0 };
	int n = 0, rc = 0;
	const char *p = s;

	for (;;) {
		const char *end = strchr(p, sep);
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *label;

		while (len && isspace((unsigned char)*p))
			p++, len--;
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		if (n == RISK_SCALE_MAX) {
			rc = error_set(E_INVALID, "the %s has more than %d levels", what,
			               RISK_SCALE_MAX);
			break;
		}
		label = xstrndup(p, len);
		labels[n++] = label;
		if (!len) {
			rc = error_set(E_INVALID, "the %s has an empty label (level %d)",
			               what, n);
			break;
		}
		rc = text_check(what, label, RISK_LABEL_MAX, TEXT_REQUIRED);
		if (rc)
			break;
		/* '|' separates the labels where they are stored. */
		if (strchr(label, '|')) {
			rc = error_set(E_INVALID, "the %s's labels may not contain '|'",
			               what);
			break;
		}
		if (!end)
			break;
		p = end + 1;
	}
	if (!rc && n < 2)
		rc = error_set(E_INVALID,
		               "the %s needs at least 2 levels, separated by '%c'", what,
		               sep);
	if (rc) {
		for (int i = 0; i < n; i++)
			free(labels[i]);
		return rc;
	}
	for (int i = 0; i < RISK_SCALE_MAX; i++) {
		char **slot = likelihood ? &m->likelihood[i] : &m->impact[i];
		free(*slot);
		*slot = labels[i];
	}
	if (likelihood)
		m->nlikelihood = n;
	else
		m->nimpact = n;
	return 0;
}

void risk_scale_format(const struct risk_method *m, bool likelihood, char sep,
                       struct strbuf *out)
{
	int n = likelihood ? m->nlikelihood : m->nimpact;

	for (int i = 0; i < n; i++) {
		if (i)
			strbuf_addch(out, sep);
		strbuf_addstr(out, likelihood ? m->likelihood[i] : m->impact[i]);
	}
}

int risk_matrix_parse(struct risk_method *m, const char *s)
{
	unsigned char grid[RISK_SCALE_MAX][RISK_SCALE_MAX] = { { 0 } };
	int l = 0, i = 0;

	for (const char *p = s;; p++) {
		if (*p == '/' || !*p) {
			if (i != m->nimpact)
				return error_set(
				        E_INVALID,
				        "matrix row %d has %d levels; the impact scale "
				        "has %d",
				        l + 1, i, m->nimpact);
			l++, i = 0;
			if (!*p)
				break;
			if (l == m->nlikelihood)
				return error_set(
				        E_INVALID,
				        "the matrix has more rows than the likelihood "
				        "scale's %d levels",
				        m->nlikelihood);
			continue;
		}
		if (*p < '1' || *p > '0' + RISK_LEVEL_MAX)
			return error_set(
			        E_INVALID,
			        "matrix cells are levels 1 (low) to 4 (critical), "
			        "rows separated by '/'; found '%c'",
			        isprint((unsigned char)*p) ? *p : '?');
		if (i == m->nimpact)
			return error_set(
			        E_INVALID,
			        "matrix row %d has more levels than the impact scale's "
			        "%d",
			        l + 1, m->nimpact);
		grid[l][i++] = (unsigned char)(*p - '0');
	}
	if (l != m->nlikelihood)
		return error_set(
		        E_INVALID,
		        "the matrix has %d rows; the likelihood scale has %d levels", l,
		        m->nlikelihood);
	/* A higher likelihood or impact may never mean a lower level. */
	for (l = 0; l < m->nlikelihood; l++) {
		for (i = 0; i < m->nimpact; i++) {
			if ((l && grid[l][i] < grid[l - 1][i]) ||
			    (i && grid[l][i] < grid[l][i - 1]))
				return error_set(
				        E_INVALID,
				        "the matrix gives likelihood %d, impact %d a "
				        "lower level than a smaller pair; levels may "
				        "only rise with likelihood and impact",
				        l + 1, i + 1);
		}
	}
	memcpy(m->matrix, grid, sizeof(grid));
	return 0;
}

void risk_matrix_format(const struct risk_method *m, struct strbuf *out)
{
	for (int l = 0; l < m->nlikelihood; l++) {
		if (l)
			strbuf_addch(out, '/');
		for (int i = 0; i < m->nimpact; i++)
			strbuf_addch(out, '0' + m->matrix[l][i]);
	}
}

int risk_method_level(const struct risk_method *m, int likelihood, int impact)
{
	if (likelihood < 1 || likelihood > m->nlikelihood || impact < 1 ||
	    impact > m->nimpact)
		return 0;
	return m->matrix[likelihood - 1][impact - 1];
}

int risk_value_parse(const struct risk_method *m, bool likelihood, const char *what,
                     const char *s, int *out)
{
	int max = likelihood ? m->nlikelihood : m->nimpact;

	if (small_int(s, 1, max, out))
		return error_set(E_INVALID,
		                 "%s must be a whole number from 1 to %d on this "
		                 "organisation's scale, not '%s'",
		                 what, max, s);
	return 0;
}

/* ---- risks ---- */

static const char *const treatment_names[TREAT__COUNT] = {
	[TREAT_MODIFY] = "modify",
	[TREAT_RETAIN] = "retain",
	[TREAT_AVOID] = "avoid",
	[TREAT_SHARE] = "share",
};

const char *risk_treatment_name(enum risk_treatment t)
{
	return (unsigned)t < TREAT__COUNT ? treatment_names[t] : "?";
}

int risk_treatment_parse(const char *s, enum risk_treatment *out)
{
	for (int i = 0; i < TREAT__COUNT; i++) {
		if (!strcmp(s, treatment_names[i])) {
			*out = (enum risk_treatment)i;
			return 0;
		}
	}
	return error_set(E_INVALID,
	                 "unknown treatment '%s' (expected modify, retain, avoid or "
	                 "share)",
	                 s);
}

void treatment_action_release(struct treatment_action *a)
{
	free(a->title);
	free(a->ref);
	free(a->owner);
	free(a->due_on);
	free(a->status);
	memset(a, 0, sizeof(*a));
}

void risk_release(struct risk *r)
{
	free(r->title);
	free(r->threat);
	free(r->vulnerability);
	free(r->consequence);
	for (size_t i = 0; i < r->ncontrols; i++)
		free(r->controls[i]);
	free(r->controls);
	free(r->other_controls);
	free(r->owner);
	free(r->accepted_by);
	free(r->accepted_on);
	free(r->review_on);
	for (size_t i = 0; i < r->nassets; i++)
		free(r->assets[i]);
	free(r->assets);
	for (size_t i = 0; i < r->nactions; i++)
		treatment_action_release(&r->actions[i]);
	free(r->actions);
	free(r->updated_at);
	memset(r, 0, sizeof(*r));
}

void risk_list_release(struct risk_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		risk_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void risk_evaluate(struct risk *r, const struct risk_method *m)
{
	r->inherent_level = risk_method_level(m, r->likelihood, r->impact);
	r->residual_level =
	        risk_method_level(m, r->residual_likelihood, r->residual_impact);
}

bool risk_above_criteria(const struct risk *r, const struct risk_method *m)
{
	return r->residual_level > m->accept_max;
}

int risk_accept_check(const struct risk *r, const char *by)
{
	if (!r->owner || !*r->owner)
		return error_set(
		        E_CONFLICT,
		        "risk R%lld has no owner; set one with 'isms risk set %lld "
		        "--owner NAME' before accepting it",
		        (long long)r->id, (long long)r->id);
	if (strcasecmp(r->owner, by))
		return error_set(E_CONFLICT,
		                 "only the risk owner (%s) may accept risk R%lld, not %s",
		                 r->owner, (long long)r->id, by);
	return 0;
}

bool risk_selects(const struct risk *r, const char *ref)
{
	for (size_t i = 0; i < r->ncontrols; i++)
		if (!strcmp(r->controls[i], ref))
			return true;
	return false;
}

void treatment_plan_release(struct treatment_plan *p)
{
	free(p->approved_by);
	free(p->approved_on);
	memset(p, 0, sizeof(*p));
}

/*
 * One field per line, escaped, so that no two plans share a text.  What
 * the plan decides is in it; how far it has got (action status, the
 * owners' acceptance) is not, so progress does not undo an approval.
 */
static void plan_field(struct strbuf *out, const char *name, const char *value)
{
	strbuf_addf(out, "%s=", name);
	for (const char *p = value ? value : ""; *p; p++) {
		if (*p == '\\' || *p == '\n')
			strbuf_addch(out, '\\');
		strbuf_addch(out, *p == '\n' ? 'n' : *p);
	}
	strbuf_addch(out, '\n');
}

void treatment_plan_text(const struct risk_list *risks, struct strbuf *out)
{
	for (size_t i = 0; i < risks->n; i++) {
		const struct risk *r = &risks->v[i];

		strbuf_addf(out, "risk=%lld\n", (long long)r->id);
		plan_field(out, "title", r->title);
		strbuf_addf(out, "inherent=%d,%d\nresidual=%d,%d\n", r->likelihood,
		            r->impact, r->residual_likelihood, r->residual_impact);
		plan_field(out, "treatment", risk_treatment_name(r->treatment));
		for (size_t c = 0; c < r->ncontrols; c++)
			plan_field(out, "control", r->controls[c]);
		plan_field(out, "other", r->other_controls);
		plan_field(out, "owner", r->owner);
		for (size_t a = 0; a < r->nactions; a++) {
			const struct treatment_action *t = &r->actions[a];

			strbuf_addf(out, "action=%lld\n", (long long)t->id);
			plan_field(out, "title", t->title);
			plan_field(out, "ref", t->ref);
			plan_field(out, "owner", t->owner);
			plan_field(out, "due", t->due_on);
		}
	}
}
