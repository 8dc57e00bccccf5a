#include "soa.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strbuf.h"
#include "xalloc.h"

static const char *const impl_names[SOA_IMPL__COUNT] = {
	[SOA_NOT_IMPLEMENTED] = "not-implemented",
	[SOA_PLANNED] = "planned",
	[SOA_PARTIAL] = "partial",
	[SOA_IMPLEMENTED] = "implemented",
};

const char *soa_impl_name(enum soa_impl s)
{
	return (unsigned)s < SOA_IMPL__COUNT ? impl_names[s] : "?";
}

int soa_impl_parse(const char *s, enum soa_impl *out)
{
	for (int i = 0; i < SOA_IMPL__COUNT; i++) {
		if (!strcmp(s, impl_names[i])) {
			*out = (enum soa_impl)i;
			return 0;
		}
	}
	return error_set(E_INVALID,
	                 "unknown implementation status '%s' (expected implemented, "
	                 "partial, planned or not-implemented)",
	                 s);
}

static const char *const reason_names[SOA_REASON__COUNT] = {
	[SOA_REASON_RISK] = "risk-treatment",         [SOA_REASON_LEGAL] = "legal",
	[SOA_REASON_CONTRACTUAL] = "contractual",     [SOA_REASON_BUSINESS] = "business",
	[SOA_REASON_BEST_PRACTICE] = "best-practice",
};

const char *soa_reason_name(enum soa_reason r)
{
	return (unsigned)r < SOA_REASON__COUNT ? reason_names[r] : "?";
}

int soa_reason_parse(const char *s, enum soa_reason *out)
{
	for (int i = SOA_REASON_LEGAL; i < SOA_REASON__COUNT; i++) {
		if (!strcmp(s, reason_names[i])) {
			*out = (enum soa_reason)i;
			return 0;
		}
	}
	if (!strcmp(s, reason_names[SOA_REASON_RISK]))
		return error_set(E_INVALID,
		                 "'risk-treatment' is not typed: it comes from the risks "
		                 "that select the control (isms risk add --controls)");
	return error_set(E_INVALID,
	                 "unknown reason '%s' (expected legal, contractual, business or "
	                 "best-practice)",
	                 s);
}

enum soa_impl soa_derive_status(enum gap_status gap, bool has_action)
{
	if (gap == GAP_CONFORMING)
		return SOA_IMPLEMENTED;
	if (gap == GAP_PARTIAL)
		return SOA_PARTIAL;
	return has_action ? SOA_PLANNED : SOA_NOT_IMPLEMENTED;
}

void soa_decision_release(struct soa_decision *d)
{
	free(d->ref);
	free(d->exclusion);
	for (int i = 0; i < SOA_REASON__COUNT; i++)
		free(d->reason[i]);
	free(d->override_reason);
	free(d->updated_at);
	memset(d, 0, sizeof(*d));
}

void soa_decision_list_release(struct soa_decision_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		soa_decision_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void soa_row_release(struct soa_row *r)
{
	free(r->ref);
	free(r->title);
	free(r->theme);
	free(r->exclusion);
	for (int i = 0; i < SOA_REASON__COUNT; i++)
		free(r->reason[i]);
	free(r->override_reason);
	free(r->risks);
	for (size_t i = 0; i < r->nevidence; i++)
		free(r->evidence[i]);
	free(r->evidence);
	memset(r, 0, sizeof(*r));
}

void soa_release(struct soa *s)
{
	for (size_t i = 0; i < s->n; i++)
		soa_row_release(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

const struct soa_row *soa_find(const struct soa *s, const char *ref)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].ref, ref))
			return &s->v[i];
	return NULL;
}

static const struct soa_decision *decision_find(const struct soa_decision_list *l,
                                                const char *ref)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (!strcmp(l->v[i].ref, ref))
			return &l->v[i];
	return NULL;
}

static bool action_open(const struct treatment_action *a)
{
	return !a->status || strcmp(a->status, "done");
}

void soa_build(const struct soa_control *controls, size_t ncontrols,
               const struct soa_decision_list *decisions, const struct risk_list *risks,
               struct soa *out)
{
	memset(out, 0, sizeof(*out));
	out->v = xcalloc(ncontrols ? ncontrols : 1, sizeof(*out->v));
	out->n = out->alloc = ncontrols;
	for (size_t i = 0; i < ncontrols; i++) {
		const struct soa_control *c = &controls[i];
		const struct soa_decision *d = decision_find(decisions, c->ref);
		struct soa_row *r = &out->v[i];
		struct strbuf why = STRBUF_INIT;

		r->ref = xstrdup(c->ref);
		r->title = xstrdup(c->title);
		r->theme = xstrdup(c->theme);
		r->gap = c->gap;
		r->has_action = c->remediation_open;
		for (size_t k = 0; k < risks->n; k++) {
			const struct risk *rk = &risks->v[k];
			bool selects = risk_selects(rk, c->ref);

			for (size_t a = 0; a < rk->nactions; a++)
				if (rk->actions[a].ref &&
				    !strcmp(rk->actions[a].ref, c->ref) &&
				    action_open(&rk->actions[a]))
					r->has_action = true;
			if (!selects)
				continue;
			/* A selected control is planned by every open action of its risk.
			 */
			for (size_t a = 0; a < rk->nactions; a++)
				if (!rk->actions[a].ref && action_open(&rk->actions[a]))
					r->has_action = true;
			ALLOC_GROW(r->risks, r->nrisks + 1, r->alloc_risks);
			r->risks[r->nrisks++] = rk->id;
			strbuf_addf(&why, "%sR%lld %s", why.len ? "; " : "",
			            (long long)rk->id, rk->title);
		}
		if (why.len)
			r->reason[SOA_REASON_RISK] = strbuf_detach(&why, NULL);
		strbuf_release(&why);
		r->applicable = !d || d->applicable != 0;
		if (d) {
			r->exclusion = xstrdup_or_null(d->exclusion);
			for (int k = SOA_REASON_LEGAL; k < SOA_REASON__COUNT; k++)
				r->reason[k] = xstrdup_or_null(d->reason[k]);
		}
		r->derived = soa_derive_status(c->gap, r->has_action);
		r->status = r->derived;
		if (d && d->status >= 0) {
			r->status = (enum soa_impl)d->status;
			r->overridden = true;
			r->override_reason = xstrdup_or_null(d->override_reason);
		}
		if (c->nevidence) {
			r->evidence = xcalloc(c->nevidence, sizeof(*r->evidence));
			r->nevidence = r->alloc_evidence = c->nevidence;
			for (size_t e = 0; e < c->nevidence; e++)
				r->evidence[e] = xstrdup(c->evidence[e]);
		}
	}
}

void soa_version_release(struct soa_version *v)
{
	free(v->approved_by);
	free(v->approved_on);
	free(v->created_at);
	soa_release(&v->soa);
	memset(v, 0, sizeof(*v));
}

void soa_version_list_release(struct soa_version_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		soa_version_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* ---- comparing ---- */

static bool str_eq(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

static unsigned row_diff(const struct soa_row *a, const struct soa_row *b)
{
	unsigned what = 0;

	if (a->applicable != b->applicable)
		what |= SOA_DIFF_APPLICABLE;
	if (!str_eq(a->exclusion, b->exclusion))
		what |= SOA_DIFF_JUSTIFICATION;
	for (int k = 0; k < SOA_REASON__COUNT; k++)
		if (k != SOA_REASON_RISK && !str_eq(a->reason[k], b->reason[k]))
			what |= SOA_DIFF_JUSTIFICATION;
	if (a->status != b->status || !str_eq(a->override_reason, b->override_reason))
		what |= SOA_DIFF_STATUS;
	if (a->nrisks != b->nrisks ||
	    (a->nrisks && memcmp(a->risks, b->risks, a->nrisks * sizeof(*a->risks))))
		what |= SOA_DIFF_RISKS;
	return what;
}

static void diff_add(struct soa_diff *d, const struct soa_row *from,
                     const struct soa_row *to, unsigned what)
{
	ALLOC_GROW(d->v, d->n + 1, d->alloc);
	d->v[d->n++] = (struct soa_change){
		.from = from, .to = to, .ref = to ? to->ref : from->ref, .what = what
	};
}

void soa_diff(const struct soa *a, const struct soa *b, struct soa_diff *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < b->n; i++) {
		const struct soa_row *was = soa_find(a, b->v[i].ref);
		unsigned what = was ? row_diff(was, &b->v[i]) : SOA_DIFF_ADDED;

		if (what)
			diff_add(out, was, &b->v[i], what);
	}
	for (size_t i = 0; i < a->n; i++)
		if (!soa_find(b, a->v[i].ref))
			diff_add(out, &a->v[i], NULL, SOA_DIFF_REMOVED);
}

void soa_diff_release(struct soa_diff *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}

const struct soa_diff_field soa_diff_fields[SOA_DIFF_NFIELDS] = {
	{ SOA_DIFF_ADDED, "added", "added" },
	{ SOA_DIFF_REMOVED, "removed", "removed" },
	{ SOA_DIFF_APPLICABLE, "applicable", "applicability" },
	{ SOA_DIFF_JUSTIFICATION, "justification", "justification" },
	{ SOA_DIFF_STATUS, "status", "implementation status" },
	{ SOA_DIFF_RISKS, "risks", "linked risks" },
};

void soa_diff_describe(unsigned what, struct strbuf *out)
{
	bool first = true;

	for (size_t i = 0; i < SOA_DIFF_NFIELDS; i++) {
		if (!(what & soa_diff_fields[i].bit))
			continue;
		strbuf_addf(out, "%s%s", first ? "" : ", ", soa_diff_fields[i].label);
		first = false;
	}
}

/* ---- the check ---- */

void soa_problems_release(struct soa_problems *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i].ref);
		free(p->v[i].message);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

static void problem(struct soa_problems *p, const char *code, const char *ref,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(struct soa_problems *p, const char *code, const char *ref,
                    const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	ALLOC_GROW(p->v, p->n + 1, p->alloc);
	p->v[p->n++] = (struct soa_problem){ .code = code,
		                             .ref = xstrdup(ref),
		                             .message = strbuf_detach(&msg, NULL) };
	strbuf_release(&msg);
}

static void risk_ref(const struct risk *r, char buf[32])
{
	snprintf(buf, 32, "R%lld", (long long)r->id);
}

/*
 * Does the text name an Annex A reference ("A.5.1") that the SoA lacks?
 * Sets *bad to the first such reference.
 */
static bool names_unknown(const struct soa *s, const char *text, char bad[32])
{
	for (const char *p = text ? text : ""; *p; p++) {
		size_t n = 0;

		if ((*p != 'A' && *p != 'a') || p[1] != '.' ||
		    !isdigit((unsigned char)p[2]))
			continue;
		if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '.'))
			continue;
		bad[n++] = 'A';
		for (const char *q = p + 1; n < 31; q++) {
			if (isdigit((unsigned char)*q) ||
			    (*q == '.' && isdigit((unsigned char)q[1])))
				bad[n++] = *q;
			else
				break;
		}
		bad[n] = '\0';
		if (!soa_find(s, bad))
			return true;
		p += n - 1;
	}
	return false;
}

static bool risk_treated(const struct risk *r)
{
	return r->treatment != TREAT_MODIFY || r->ncontrols || r->nactions ||
	       (r->other_controls && *r->other_controls);
}

void soa_check(const struct soa *s, const struct risk_list *risks,
               const struct risk_method *m, const struct soa *approved,
               struct soa_problems *out)
{
	char rid[32], bad[32];

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < s->n; i++) {
		const struct soa_row *r = &s->v[i];

		if (!r->applicable && r->nrisks)
			problem(out, "excluded-but-selected", r->ref,
			        "%s is marked not applicable, but the treatment of %zu "
			        "risk%s "
			        "selects it (R%lld%s)",
			        r->ref, r->nrisks, r->nrisks == 1 ? "" : "s",
			        (long long)r->risks[0], r->nrisks > 1 ? ", ..." : "");
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct soa_row *r = &s->v[i];

		if (!r->applicable && (!r->exclusion || !*r->exclusion))
			problem(out, "exclusion-unjustified", r->ref,
			        "%s is excluded without a justification", r->ref);
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct soa_row *r = &s->v[i];

		if (!r->applicable || r->has_action ||
		    (r->status != SOA_NOT_IMPLEMENTED && r->status != SOA_PARTIAL))
			continue;
		if (r->gap == GAP_NOT_ASSESSED && !r->overridden)
			problem(out, "not-implemented-untreated", r->ref,
			        "%s applies, but no gap assessment shows it in place and "
			        "no treatment or remediation action is open for it",
			        r->ref);
		else
			problem(out, "not-implemented-untreated", r->ref,
			        "%s applies and its status is %s, but no treatment or "
			        "remediation action is open for it",
			        r->ref, soa_impl_name(r->status));
	}
	for (size_t i = 0; i < risks->n; i++) {
		const struct risk *r = &risks->v[i];

		risk_ref(r, rid);
		if (risk_above_criteria(r, m) && !risk_treated(r))
			problem(out, "risk-untreated", rid,
			        "%s (%s) is %s, above the acceptance criterion (%s), and "
			        "its treatment selects no control and plans no action",
			        rid, r->title, risk_level_name(r->residual_level),
			        risk_level_name(m->accept_max));
	}
	for (size_t i = 0; i < risks->n; i++) {
		const struct risk *r = &risks->v[i];

		risk_ref(r, rid);
		if (r->treatment == TREAT_RETAIN && risk_above_criteria(r, m) &&
		    !r->accepted_by)
			problem(out, "retained-unaccepted", rid,
			        "%s (%s) is retained at %s, above the acceptance "
			        "criterion "
			        "(%s), and its owner has not accepted it",
			        rid, r->title, risk_level_name(r->residual_level),
			        risk_level_name(m->accept_max));
	}
	for (size_t i = 0; i < risks->n; i++) {
		const struct risk *r = &risks->v[i];

		risk_ref(r, rid);
		for (size_t c = 0; c < r->ncontrols; c++)
			if (!soa_find(s, r->controls[c]))
				problem(out, "unknown-control", r->controls[c],
				        "%s selects %s, which is not an Annex A control "
				        "of "
				        "ISO/IEC 27001:2022",
				        rid, r->controls[c]);
		if (names_unknown(s, r->other_controls, bad))
			problem(out, "unknown-control", bad,
			        "%s names %s among its other controls, which is not an "
			        "Annex A control of ISO/IEC 27001:2022 (a 2013 number?)",
			        rid, bad);
		for (size_t a = 0; a < r->nactions; a++)
			if (r->actions[a].ref && !soa_find(s, r->actions[a].ref))
				problem(out, "unknown-control", r->actions[a].ref,
				        "%s: action '%s' names %s, which is not an Annex "
				        "A "
				        "control of ISO/IEC 27001:2022",
				        rid, r->actions[a].title, r->actions[a].ref);
	}
	if (approved) {
		struct soa_diff d;

		soa_diff(approved, s, &d);
		for (size_t i = 0; i < d.n; i++) {
			struct strbuf what = STRBUF_INIT;

			soa_diff_describe(d.v[i].what, &what);
			problem(out, "changed-since-approval", d.v[i].ref,
			        "%s changed since the last approved version: %s",
			        d.v[i].ref, what.buf);
			strbuf_release(&what);
		}
		soa_diff_release(&d);
	} else {
		problem(out, "never-approved", "",
		        "no version of the SoA has been approved: approve it with 'isms "
		        "soa "
		        "approve --by NAME'");
	}
}

size_t soa_problems_blocking(const struct soa_problems *p)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].code, "changed-since-approval") &&
		    strcmp(p->v[i].code, "never-approved"))
			n++;
	return n;
}
