/*
 * cert.c - the certification record, its cycle, the seven steps and the
 * readiness gates (cert.h).  The calendar's events are in calendar.c.
 */
#include "cert.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "text.h"
#include "xalloc.h"

void certification_release(struct certification *c)
{
	free(c->body);
	free(c->stage1_on);
	free(c->stage2_on);
	free(c->golive_on);
	free(c->number);
	free(c->issued_on);
	free(c->expires_on);
	free(c->surveillance1_on);
	free(c->surveillance2_on);
	free(c->recertification_on);
	free(c->updated_at);
	memset(c, 0, sizeof(*c));
}

/* ---- the record and its cycle ---- */

static int date_opt(const char *what, const char *d)
{
	return d ? date_check(what, d) : 0;
}

/* E_INVALID unless `later` (when both are recorded) is not before `earlier`. */
/* Two dates of the record that must come in this order, when both are set. */
struct date_order {
	const char *earlier, *earlier_name, *later, *later_name;
};

/* E_INVALID for the first pair whose later date comes before the earlier. */
static int in_order(const struct date_order *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].earlier && v[i].later && strcmp(v[i].later, v[i].earlier) < 0)
			return error_set(E_INVALID, "%s (%s) cannot come before %s (%s)",
			                 v[i].later_name, v[i].later, v[i].earlier_name,
			                 v[i].earlier);
	return 0;
}

int cert_check(const struct certification *c)
{
	static const char *const names[] = { "the Stage 1 date",
		                             "the Stage 2 date",
		                             "the go-live date",
		                             "the issue date",
		                             "the expiry date",
		                             "the first surveillance date",
		                             "the second surveillance date",
		                             "the recertification date" };
	const char *const dates[] = { c->stage1_on,        c->stage2_on,
		                      c->golive_on,        c->issued_on,
		                      c->expires_on,       c->surveillance1_on,
		                      c->surveillance2_on, c->recertification_on };
	const char *base = c->issued_on ? c->issued_on : c->stage2_on;
	const char *base_name = c->issued_on ? "the certificate's issue" : "Stage 2";
	const char *s1 = "the first surveillance audit",
	           *s2 = "the second surveillance audit";
	const char *recert = "the recertification audit",
	           *expiry = "the certificate's expiry";
	const struct date_order stages[] = {
		{ c->stage1_on, "Stage 1", c->stage2_on, "Stage 2" },
		{ c->stage2_on, "Stage 2", c->issued_on, "the certificate's issue" },
	};
	const struct date_order cycle[] = {
		{ base, base_name, c->surveillance1_on, s1 },
		{ c->surveillance1_on, s1, c->surveillance2_on, s2 },
		{ c->surveillance2_on, s2, c->recertification_on, recert },
		{ base, base_name, c->recertification_on, recert },
		{ c->surveillance1_on, s1, c->expires_on, expiry },
		{ c->surveillance2_on, s2, c->expires_on, expiry },
		{ c->recertification_on, recert, c->expires_on, expiry },
	};
	int rc = 0;

	for (size_t i = 0; !rc && i < sizeof(dates) / sizeof(*dates); i++)
		rc = date_opt(names[i], dates[i]);
	if (!rc)
		rc = in_order(stages, sizeof(stages) / sizeof(*stages));
	if (!rc && c->issued_on && c->expires_on &&
	    strcmp(c->expires_on, c->issued_on) <= 0)
		rc = error_set(
		        E_INVALID,
		        "the certificate cannot expire (%s) before it is issued (%s)",
		        c->expires_on, c->issued_on);
	if (!rc && c->issued_on && c->expires_on) {
		char limit[11];

		/* The same as the derived expiry: three years less a day. */
		date_add_months(c->issued_on, 12 * CERT_VALID_YEARS, limit);
		date_add_days(limit, -1, limit);
		if (strcmp(c->expires_on, limit) > 0)
			rc = error_set(
			        E_INVALID,
			        "a certificate is valid for at most %d years: issued "
			        "%s, it expires by %s, not %s",
			        CERT_VALID_YEARS, c->issued_on, limit, c->expires_on);
	}
	if (!rc)
		rc = in_order(cycle, sizeof(cycle) / sizeof(*cycle));
	return rc;
}

static void pick(char out[11], const char *recorded, const char *derived,
                 bool *was_derived)
{
	*was_derived = !recorded && *derived;
	snprintf(out, 11, "%s", recorded ? recorded : derived);
}

void cert_cycle(const struct certification *c, struct cert_cycle *out)
{
	char expiry[11] = "", s1[11] = "", s2[11] = "", recert[11] = "";
	const char *base = c->issued_on ? c->issued_on : c->stage2_on;

	memset(out, 0, sizeof(*out));
	if (base) {
		snprintf(out->base, sizeof(out->base), "%s", base);
		date_add_months(base, 12 * CERT_VALID_YEARS, expiry);
		date_add_days(expiry, -1, expiry);
		date_add_months(base, 12, s1);
		date_add_months(base, 24, s2);
	}
	pick(out->expires_on, c->expires_on, expiry, &out->derived_expiry);
	if (*out->expires_on) {
		date_add_months(out->expires_on, -3, recert);
		/* A recorded expiry shorter than the usual three years leaves
		 * no room for derived audits outside the certificate's life. */
		if (strcmp(s1, out->expires_on) > 0)
			*s1 = '\0';
		if (strcmp(s2, out->expires_on) > 0)
			*s2 = '\0';
		if (base && strcmp(recert, base) < 0)
			*recert = '\0';
	}
	pick(out->surveillance1_on, c->surveillance1_on, s1, &out->derived_s1);
	pick(out->surveillance2_on, c->surveillance2_on, s2, &out->derived_s2);
	pick(out->recertification_on, c->recertification_on, recert,
	     &out->derived_recert);
}

bool cert_certified(const struct certification *c, const char *today)
{
	struct cert_cycle cy;

	if (!c->issued_on || strcmp(c->issued_on, today) > 0)
		return false;
	cert_cycle(c, &cy);
	return strcmp(cy.expires_on, today) >= 0;
}

/* ---- what the audits tested ---- */

static bool tested_by(const struct cert_audit *a, const char *ref)
{
	for (size_t i = 0; i < a->ntested; i++)
		if (!strcmp(a->tested[i], ref))
			return true;
	return false;
}

/*
 * The completed audits that count: closed within [from, to] (either may
 * be NULL: open), started on or after go-live when that is recorded.
 */
static bool counts(const struct cert_audit *a, const char *from, const char *to,
                   const char *golive)
{
	if (!a->done || !a->closed_on)
		return false;
	if (from && strcmp(a->closed_on, from) < 0)
		return false;
	if (to && strcmp(a->closed_on, to) > 0)
		return false;
	return !golive || strcmp(a->start_on, golive) >= 0;
}

struct coverage {
	size_t audits;                 /* that count */
	const struct cert_audit *last; /* the one closing last */
	struct strbuf ids;             /* "A1, A3" */
	size_t missing;                /* required items none of them tested */
	struct strbuf first_missing;   /* the first few */
};

static void coverage_of(const struct cert_facts *f, const char *from, const char *to,
                        struct coverage *cv)
{
	const char *golive = f->cert->golive_on;

	memset(cv, 0, sizeof(*cv));
	strbuf_init(&cv->ids, 0);
	strbuf_init(&cv->first_missing, 0);
	for (size_t i = 0; i < f->naudits; i++) {
		const struct cert_audit *a = &f->audits[i];

		if (!counts(a, from, to, golive))
			continue;
		strbuf_addf(&cv->ids, "%sA%lld", cv->audits ? ", " : "",
		            (long long)a->id);
		cv->audits++;
		if (!cv->last || strcmp(a->closed_on, cv->last->closed_on) > 0)
			cv->last = a;
	}
	for (size_t r = 0; r < f->nrequired; r++) {
		bool hit = false;

		for (size_t i = 0; !hit && i < f->naudits; i++)
			hit = counts(&f->audits[i], from, to, golive) &&
			      tested_by(&f->audits[i], f->required[r]);
		if (hit)
			continue;
		if (cv->missing < 5)
			strbuf_addf(&cv->first_missing, "%s%s", cv->missing ? ", " : "",
			            f->required[r]);
		cv->missing++;
	}
	if (cv->missing > 5)
		strbuf_addstr(&cv->first_missing, " ...");
}

static void coverage_release(struct coverage *cv)
{
	strbuf_release(&cv->ids);
	strbuf_release(&cv->first_missing);
}

/* The completed audit closing last, started on or after go-live. */
static const struct cert_audit *last_done(const struct cert_facts *f, const char *to)
{
	const struct cert_audit *last = NULL;

	for (size_t i = 0; i < f->naudits; i++) {
		const struct cert_audit *a = &f->audits[i];

		if (counts(a, NULL, to, f->cert->golive_on) &&
		    (!last || strcmp(a->closed_on, last->closed_on) > 0))
			last = a;
	}
	return last;
}

/* ---- readiness gates ---- */

static struct cert_gate *gate(struct cert_readiness *r, const char *name)
{
	struct cert_gate *g;

	ALLOC_GROW(r->v, r->n + 1, r->alloc);
	g = &r->v[r->n++];
	memset(g, 0, sizeof(*g));
	g->name = name;
	return g;
}

__attribute__((format(printf, 3, 4))) static void
pass(struct cert_readiness *r, const char *name, const char *fmt, ...)
{
	struct cert_gate *g = gate(r, name);
	va_list ap;

	va_start(ap, fmt);
	g->reason = xvstrfmt(fmt, ap);
	va_end(ap);
	g->passed = true;
}

/* A failed gate: why, and what to do about it. */
__attribute__((format(printf, 4, 5))) static void
fail(struct cert_readiness *r, const char *name, const char *fix, const char *fmt, ...)
{
	struct cert_gate *g = gate(r, name);
	va_list ap;

	va_start(ap, fmt);
	g->reason = xvstrfmt(fmt, ap);
	va_end(ap);
	g->fix = xstrdup(fix);
	r->ready = false;
}

static const char *stage_name(int stage)
{
	return stage == 1 ? "Stage 1" : "Stage 2";
}

static void gate_scheduled(const struct cert_facts *f, struct cert_readiness *r)
{
	const struct certification *c = f->cert;

	if (r->stage == 2 && c->stage2_on && !c->stage1_on) {
		fail(r, "scheduled", "isms cert set --stage1 DATE",
		     "Stage 2 is on %s but no Stage 1 is recorded before it",
		     c->stage2_on);
		return;
	}
	if (*r->on) {
		pass(r, "scheduled", "%s is on %s%s%s", stage_name(r->stage), r->on,
		     c->body ? " with " : "", c->body ? c->body : "");
		return;
	}
	fail(r, "scheduled",
	     r->stage == 1 ? "isms cert set --stage1 DATE"
	                   : "isms cert set --stage2 DATE",
	     "no %s date is recorded; the other gates are judged as of today (%s)",
	     stage_name(r->stage), f->today);
}

static void gate_gap(const struct cert_facts *f, struct cert_readiness *r)
{
	if (f->gap_id)
		pass(r, "gap-assessment",
		     "gap assessment \"%s\" of %s is the baseline (a baseline only: it "
		     "is "
		     "never internal-audit evidence)",
		     f->gap_name ? f->gap_name : "", f->gap_on ? f->gap_on : "");
	else
		fail(r, "gap-assessment", "isms gap new --name NAME --assessor NAME",
		     "no gap assessment has been made: there is no baseline the "
		     "implementation was planned from");
}

static void gate_operation(const struct cert_facts *f, struct cert_readiness *r)
{
	const char *golive = f->cert->golive_on;
	char three[11];

	if (!golive) {
		fail(r, "operation", "isms cert set --golive DATE",
		     "no go-live date is recorded, so the ISMS's %d months of operation "
		     "cannot be shown",
		     CERT_OPERATION_MONTHS);
		return;
	}
	date_add_months(golive, CERT_OPERATION_MONTHS, three);
	if (strcmp(three, r->judged_on) <= 0) {
		pass(r, "operation",
		     "in operation since %s; %d months were reached on %s, by %s", golive,
		     CERT_OPERATION_MONTHS, three, r->judged_on);
		return;
	}
	{
		char fix[96];

		snprintf(fix, sizeof(fix), "hold %s on or after %s", stage_name(r->stage),
		         three);
		fail(r, "operation", fix,
		     "in operation since %s: %d months are reached only on %s, after %s",
		     golive, CERT_OPERATION_MONTHS, three, r->judged_on);
	}
}

/* Stage 1's date, or today when it is not recorded. */
static const char *stage1_or_today(const struct cert_facts *f)
{
	return f->cert->stage1_on ? f->cert->stage1_on : f->today;
}

static void gate_audit(const struct cert_facts *f, struct cert_readiness *r,
                       const struct cert_audit **basis)
{
	const char *s1 = stage1_or_today(f);
	char deadline[11], from[11];
	struct coverage cv;

	date_add_days(s1, -CERT_AUDIT_LEAD_DAYS, deadline);
	date_add_months(s1, -12, from);
	coverage_of(f, from, deadline, &cv);
	*basis = cv.last ? cv.last : last_done(f, NULL);
	if (!f->nrequired) {
		fail(r, "internal-audit", "isms init",
		     "the catalogue gives nothing to audit; the store is not "
		     "initialised");
	} else if (cv.audits && !cv.missing) {
		pass(r, "internal-audit",
		     "%s tested all %zu clause requirements and applicable controls; the "
		     "last closed on %s, %ld days before Stage 1 (%s)",
		     cv.ids.buf, f->nrequired, cv.last->closed_on,
		     date_diff_days(cv.last->closed_on, s1), s1);
	} else if (cv.audits) {
		fail(r, "internal-audit",
		     "isms audit new --title TEXT --scope REFS --start DATE --end DATE "
		     "(the untested items)",
		     "the audits completed by %s (%s) left %zu of %zu clause "
		     "requirements and applicable controls untested: %s",
		     deadline, cv.ids.buf, cv.missing, f->nrequired,
		     cv.first_missing.buf);
	} else {
		const struct cert_audit *late = last_done(f, NULL);
		char fix[128];

		if (late && strcmp(late->closed_on, deadline) > 0) {
			char earliest[11];

			date_add_days(late->closed_on, CERT_AUDIT_LEAD_DAYS, earliest);
			snprintf(fix, sizeof(fix), "hold Stage 1 on or after %s",
			         earliest);
			fail(r, "internal-audit", fix,
			     "audit A%lld closed on %s, less than six weeks (%d days) "
			     "before Stage 1 (%s); it had to close by %s",
			     (long long)late->id, late->closed_on, CERT_AUDIT_LEAD_DAYS,
			     s1, deadline);
		} else {
			snprintf(fix, sizeof(fix),
			         "isms audit new --title TEXT --scope all --start DATE "
			         "--end DATE, closed by %s",
			         deadline);
			fail(r, "internal-audit", fix,
			     "no internal audit of the operating ISMS closed between %s "
			     "and %s (six weeks before Stage 1, %s)",
			     from, deadline, s1);
		}
	}
	coverage_release(&cv);
}

static void gate_review(const struct cert_facts *f, struct cert_readiness *r,
                        const struct cert_audit *basis)
{
	const struct review *draft = NULL, *planned = NULL;

	if (!basis) {
		fail(r, "management-review", "complete an internal audit first",
		     "no internal audit has been completed, so no management review "
		     "can have considered one");
		return;
	}
	for (size_t i = 0; f->reviews && i < f->reviews->n; i++) {
		const struct review *v = &f->reviews->v[i];

		if (strcmp(v->held_on, basis->closed_on) < 0 ||
		    strcmp(v->held_on, r->judged_on) > 0)
			continue;
		if (strcmp(v->held_on, f->today) > 0) {
			planned = planned ? planned : v;
			continue;
		}
		if (!v->final) {
			draft = v;
			continue;
		}
		pass(r, "management-review",
		     "review MR%lld was held on %s, after audit A%lld closed on %s; its "
		     "minutes are agreed",
		     (long long)v->id, v->held_on, (long long)basis->id,
		     basis->closed_on);
		return;
	}
	if (draft) {
		char fix[64];

		snprintf(fix, sizeof(fix), "isms review final %lld",
		         (long long)draft->id);
		fail(r, "management-review", fix,
		     "review MR%lld was held on %s but its minutes are still a draft",
		     (long long)draft->id, draft->held_on);
	} else if (planned) {
		fail(r, "management-review", "hold the review and agree its minutes",
		     "review MR%lld is planned for %s and has not taken place yet",
		     (long long)planned->id, planned->held_on);
	} else {
		fail(r, "management-review",
		     "isms review new --date DATE --chair NAME --attendees \"NAME, "
		     "NAME\"",
		     "no management review was held between audit A%lld's close on %s "
		     "and %s",
		     (long long)basis->id, basis->closed_on, r->judged_on);
	}
}

static void gate_capa(const struct cert_facts *f, struct cert_readiness *r)
{
	enum capa_status need = r->stage == 1 ? CAPA_IMPLEMENTED : CAPA_VERIFIED;
	struct strbuf open = STRBUF_INIT;
	size_t majors = 0, short_of = 0;
	int64_t first = 0;

	for (size_t i = 0; f->capas && i < f->capas->n; i++) {
		const struct capa *c = &f->capas->v[i];

		if (c->severity != RESULT_MAJOR)
			continue;
		majors++;
		if (c->status >= need)
			continue;
		if (!first)
			first = c->id;
		if (short_of < 5)
			strbuf_addf(&open, "%sCAPA-%lld (%s) is %s", short_of ? "; " : "",
			            (long long)c->id, c->ref,
			            capa_status_name(c->status));
		short_of++;
	}
	if (!short_of) {
		if (majors)
			pass(r, "corrective-action",
			     "every one of %zu major nonconformities has its corrective "
			     "action %s",
			     majors,
			     need == CAPA_IMPLEMENTED ? "implemented" : "verified");
		else
			pass(r, "corrective-action",
			     "no major nonconformity is recorded");
	} else {
		char fix[128];

		if (need == CAPA_IMPLEMENTED)
			snprintf(fix, sizeof(fix),
			         "isms capa set %lld --status implemented",
			         (long long)first);
		else
			snprintf(fix, sizeof(fix),
			         "isms capa verify %lld --by NAME --note TEXT",
			         (long long)first);
		fail(r, "corrective-action", fix,
		     "%zu of %zu major nonconformities %s no %s corrective action: %s",
		     short_of, majors, short_of == 1 ? "has" : "have",
		     need == CAPA_IMPLEMENTED ? "implemented" : "verified", open.buf);
	}
	strbuf_release(&open);
}

static void gate_soa(const struct cert_facts *f, struct cert_readiness *r)
{
	if (!f->soa_version)
		fail(r, "soa", "isms soa check, then isms soa approve --by NAME",
		     "the Statement of Applicability has never been approved");
	else if (f->soa_problems)
		fail(r, "soa", "isms soa check",
		     "the alignment check finds %zu problem%s (first: %s)",
		     f->soa_problems, f->soa_problems == 1 ? "" : "s",
		     f->soa_first_problem ? f->soa_first_problem : "?");
	else
		pass(r, "soa",
		     "version %d was approved on %s and the alignment check is clean",
		     f->soa_version, f->soa_approved_on ? f->soa_approved_on : "?");
}

static void gate_risk(const struct cert_facts *f, struct cert_readiness *r)
{
	struct strbuf open = STRBUF_INIT;
	size_t n = f->risks ? f->risks->n : 0, unaccepted = 0;
	int64_t first = 0;

	for (size_t i = 0; i < n; i++) {
		const struct risk *k = &f->risks->v[i];

		if (k->accepted_by)
			continue;
		if (!first)
			first = k->id;
		if (unaccepted < 5)
			strbuf_addf(&open, "%sR%lld%s", unaccepted ? ", " : "",
			            (long long)k->id, k->owner ? "" : " (no owner)");
		unaccepted++;
	}
	if (unaccepted > 5)
		strbuf_addstr(&open, " ...");
	if (!n) {
		fail(r, "risk-treatment", "isms risk add ...",
		     "no risk is recorded: there is no risk assessment to treat");
	} else if (!f->plan_approved) {
		fail(r, "risk-treatment", "isms risk plan --approve --by NAME",
		     "the risk treatment plan has never been approved");
	} else if (f->plan_changed) {
		fail(r, "risk-treatment", "isms risk plan --approve --by NAME",
		     "the risk treatment plan changed after its approval");
	} else if (unaccepted) {
		char fix[96];

		snprintf(fix, sizeof(fix), "isms risk accept %lld --by OWNER",
		         (long long)first);
		fail(r, "risk-treatment", fix,
		     "%zu of %zu residual risks are not accepted by their owners: %s",
		     unaccepted, n, open.buf);
	} else {
		pass(r, "risk-treatment",
		     "the plan is approved as it stands and all %zu residual risks are "
		     "accepted by their owners",
		     n);
	}
	strbuf_release(&open);
}

static void gate_evidence(const struct cert_facts *f, struct cert_readiness *r)
{
	const char *limit = strcmp(r->judged_on, f->today) > 0 ? r->judged_on : f->today;
	struct strbuf list = STRBUF_INIT;
	size_t bad = 0;

	for (size_t i = 0; i < f->nevidence; i++) {
		const struct cert_evidence *e = &f->evidence[i];

		if (strcmp(e->valid_until, limit) >= 0)
			continue;
		if (bad < 5)
			strbuf_addf(&list, "%s\"%s\" on %s %s %s", bad ? "; " : "",
			            e->title, e->ref,
			            strcmp(e->valid_until, f->today) < 0 ? "expired on"
			                                                 : "expires on",
			            e->valid_until);
		bad++;
	}
	if (bad > 5)
		strbuf_addstr(&list, " ...");
	if (bad)
		fail(r, "evidence",
		     "isms evidence add FILE --valid-until DATE, link it, and unlink the "
		     "old",
		     "%zu link%s to applicable controls %s evidence no longer valid on "
		     "%s: "
		     "%s",
		     bad, bad == 1 ? "" : "s", bad == 1 ? "holds" : "hold", limit,
		     list.buf);
	else
		pass(r, "evidence",
		     "no evidence linked to an applicable control expires before %s",
		     limit);
	strbuf_release(&list);
}

int cert_readiness(const struct cert_facts *f, int stage, struct cert_readiness *out)
{
	const char *on;
	const struct cert_audit *basis = NULL;

	memset(out, 0, sizeof(*out));
	if (stage != 1 && stage != 2)
		return error_set(E_INVALID,
		                 "there are Stage 1 and Stage 2 audits; not %d", stage);
	out->stage = stage;
	out->ready = true;
	on = stage == 1 ? f->cert->stage1_on : f->cert->stage2_on;
	snprintf(out->on, sizeof(out->on), "%s", on ? on : "");
	snprintf(out->judged_on, sizeof(out->judged_on), "%s", on ? on : f->today);
	gate_scheduled(f, out);
	if (stage == 1)
		gate_gap(f, out);
	gate_operation(f, out);
	gate_audit(f, out, &basis);
	gate_review(f, out, basis);
	gate_capa(f, out);
	gate_soa(f, out);
	gate_risk(f, out);
	gate_evidence(f, out);
	return 0;
}

void cert_readiness_release(struct cert_readiness *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].reason);
		free(r->v[i].fix);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/* ---- the seven steps ---- */

static const struct {
	const char *name, *title;
} steps[STEP__COUNT] = {
	[STEP_GAP_ASSESSMENT] = { "gap-assessment", "Gap assessment" },
	[STEP_IMPLEMENT] = { "implement", "Build and operate the ISMS" },
	[STEP_INTERNAL_AUDIT] = { "internal-audit", "Internal audit" },
	[STEP_MANAGEMENT_REVIEW] = { "management-review", "Management review" },
	[STEP_CORRECTIVE_ACTION] = { "corrective-action", "Corrective action" },
	[STEP_CERTIFICATION] = { "certification", "Stage 1 and Stage 2 audits" },
	[STEP_MAINTAIN] = { "maintain",
	                    "Surveillance, recertification and yearly audits" },
};

const char *cert_step_name(enum cert_step s)
{
	return (unsigned)s < STEP__COUNT ? steps[s].name : "unknown";
}

const char *cert_step_title(enum cert_step s)
{
	return (unsigned)s < STEP__COUNT ? steps[s].title : "Unknown";
}

__attribute__((format(printf, 4, 5))) static void
next(struct cert_status *s, enum cert_step step, const char *due, const char *fmt, ...)
{
	struct cert_next *n;
	va_list ap;

	ALLOC_GROW(s->next, s->nnext + 1, s->alloc);
	n = &s->next[s->nnext++];
	memset(n, 0, sizeof(*n));
	n->step = step;
	va_start(ap, fmt);
	n->what = xvstrfmt(fmt, ap);
	va_end(ap);
	snprintf(n->due, sizeof(n->due), "%s", due ? due : "");
}

__attribute__((format(printf, 2, 3))) static void why(struct cert_status *s,
                                                      const char *fmt, ...)
{
	va_list ap;

	free(s->why);
	va_start(ap, fmt);
	s->why = xvstrfmt(fmt, ap);
	va_end(ap);
}

/* The final review held on or after `since` and by today, if any. */
static const struct review *review_after(const struct cert_facts *f, const char *since)
{
	for (size_t i = 0; f->reviews && i < f->reviews->n; i++) {
		const struct review *v = &f->reviews->v[i];

		if (v->final && strcmp(v->held_on, since) >= 0 &&
		    strcmp(v->held_on, f->today) <= 0)
			return v;
	}
	return NULL;
}

/* Corrective actions not yet implemented; *first: the one due first. */
static size_t capas_open(const struct cert_facts *f, const struct capa **first)
{
	size_t n = 0;

	*first = NULL;
	for (size_t i = 0; f->capas && i < f->capas->n; i++) {
		const struct capa *c = &f->capas->v[i];

		if (c->status >= CAPA_IMPLEMENTED)
			continue;
		n++;
		if (!*first || (c->due_on && (!(*first)->due_on ||
		                              strcmp(c->due_on, (*first)->due_on) < 0)))
			*first = c;
	}
	return n;
}

/* Where the organisation stands before it is certified. */
static enum cert_step position(const struct cert_facts *f, struct cert_status *s,
                               const struct cert_audit **audit)
{
	const struct certification *c = f->cert;
	const struct capa *first;
	struct coverage cv;
	char three[11], from[11];
	size_t open;

	*audit = NULL;
	if (!f->gap_id) {
		why(s, "no gap assessment has been made yet: it is the baseline the ISMS "
		       "is planned from");
		return STEP_GAP_ASSESSMENT;
	}
	if (!c->golive_on) {
		why(s,
		    "gap assessment \"%s\" of %s is done; no go-live date of the ISMS is "
		    "recorded",
		    f->gap_name ? f->gap_name : "", f->gap_on ? f->gap_on : "");
		return STEP_IMPLEMENT;
	}
	date_add_months(c->golive_on, CERT_OPERATION_MONTHS, three);
	if (strcmp(three, f->today) > 0) {
		why(s, "the ISMS %s on %s; %d months of operation are reached on %s",
		    strcmp(c->golive_on, f->today) > 0 ? "goes live" : "went live",
		    c->golive_on, CERT_OPERATION_MONTHS, three);
		return STEP_IMPLEMENT;
	}
	date_add_months(f->today, -12, from);
	coverage_of(f, from, NULL, &cv);
	*audit = cv.last;
	if (!cv.audits || cv.missing) {
		if (cv.audits)
			why(s,
			    "the audits completed in the last year (%s) left %zu of %zu "
			    "items untested: %s",
			    cv.ids.buf, cv.missing, f->nrequired, cv.first_missing.buf);
		else
			why(s,
			    "the ISMS has operated for %d months; no internal audit of "
			    "it has been completed in the last year",
			    CERT_OPERATION_MONTHS);
		coverage_release(&cv);
		return STEP_INTERNAL_AUDIT;
	}
	coverage_release(&cv);
	if (!review_after(f, (*audit)->closed_on)) {
		why(s,
		    "audit A%lld closed on %s; no management review with agreed minutes "
		    "has considered it since",
		    (long long)(*audit)->id, (*audit)->closed_on);
		return STEP_MANAGEMENT_REVIEW;
	}
	open = capas_open(f, &first);
	if (open) {
		why(s,
		    "%zu corrective action%s still to be implemented (first: CAPA-%lld "
		    "on %s)",
		    open, open == 1 ? " is" : "s are", (long long)first->id, first->ref);
		return STEP_CORRECTIVE_ACTION;
	}
	if (c->issued_on && strcmp(c->issued_on, f->today) <= 0)
		why(s, "the certificate expired on %s: a recertification audit is needed",
		    s->cycle.expires_on);
	else if (c->stage1_on && strcmp(c->stage1_on, f->today) < 0)
		why(s, "Stage 1 took place on %s; Stage 2 %s%s", c->stage1_on,
		    c->stage2_on ? "is on " : "is not scheduled yet",
		    c->stage2_on ? c->stage2_on : "");
	else
		why(s, "audit, review and corrective actions are done; %s%s",
		    c->stage1_on ? "Stage 1 is on " : "Stage 1 is not scheduled yet",
		    c->stage1_on ? c->stage1_on : "");
	return STEP_CERTIFICATION;
}

static void next_before(struct cert_status *s, const struct cert_facts *f)
{
	const struct certification *c = f->cert;
	char due[11] = "";

	if (s->step == STEP_GAP_ASSESSMENT)
		next(s, STEP_GAP_ASSESSMENT, NULL,
		     "assess the gaps as the baseline (isms gap new --name NAME)");
	if (s->step <= STEP_IMPLEMENT) {
		if (c->golive_on)
			date_add_months(c->golive_on, CERT_OPERATION_MONTHS, due);
		next(s, STEP_IMPLEMENT, due, "%s",
		     c->golive_on
		             ? "three months of ISMS operation"
		             : "go live with the ISMS and record the date (isms cert "
		               "set --golive DATE)");
	}
	if (s->step <= STEP_INTERNAL_AUDIT) {
		*due = 0;
		if (c->stage1_on)
			date_add_days(c->stage1_on, -CERT_AUDIT_LEAD_DAYS, due);
		next(s, STEP_INTERNAL_AUDIT, due,
		     "complete an internal audit of the whole scope, six weeks before "
		     "Stage 1");
	}
	if (s->step <= STEP_MANAGEMENT_REVIEW)
		next(s, STEP_MANAGEMENT_REVIEW, c->stage1_on,
		     "hold a management review of the audit's results and agree its "
		     "minutes");
	if (s->step <= STEP_CORRECTIVE_ACTION) {
		size_t listed = 0;

		for (size_t i = 0; f->capas && i < f->capas->n; i++) {
			const struct capa *k = &f->capas->v[i];

			if (k->status >= CAPA_IMPLEMENTED)
				continue;
			listed++;
			next(s, STEP_CORRECTIVE_ACTION, k->due_on,
			     "implement corrective action CAPA-%lld (%s, %s "
			     "nonconformity)",
			     (long long)k->id, k->ref, audit_result_name(k->severity));
		}
		if (!listed && s->step < STEP_CORRECTIVE_ACTION)
			next(s, STEP_CORRECTIVE_ACTION, c->stage1_on,
			     "implement corrective actions for the audit's "
			     "nonconformities");
	}
	/* A stage audit whose day has passed took place; once a certificate
	 * was issued both did. */
	if (!c->issued_on && (!c->stage1_on || strcmp(c->stage1_on, f->today) >= 0))
		next(s, STEP_CERTIFICATION, c->stage1_on, "Stage 1 audit%s%s",
		     c->body ? " by " : "", c->body ? c->body : "");
	if (!c->issued_on && (!c->stage2_on || strcmp(c->stage2_on, f->today) >= 0))
		next(s, STEP_CERTIFICATION, c->stage2_on, "Stage 2 audit%s%s",
		     c->body ? " by " : "", c->body ? c->body : "");
}

static void next_cycle(struct cert_status *s, const struct cert_facts *f)
{
	const struct cert_cycle *cy = &s->cycle;
	const struct cert_audit *last = last_done(f, NULL);
	const struct review *rv = NULL;
	char due[11];

	if (last) {
		date_add_months(last->closed_on, CERT_REVIEW_MONTHS, due);
		next(s, STEP_MAINTAIN, due, "next internal audit (a year after A%lld)",
		     (long long)last->id);
	}
	for (size_t i = 0; f->reviews && i < f->reviews->n; i++)
		if (f->reviews->v[i].final &&
		    (!rv || strcmp(f->reviews->v[i].held_on, rv->held_on) > 0))
			rv = &f->reviews->v[i];
	if (rv) {
		date_add_months(rv->held_on, CERT_REVIEW_MONTHS, due);
		next(s, STEP_MAINTAIN, due,
		     "next management review (a year after MR%lld)", (long long)rv->id);
	}
	if (*cy->surveillance1_on && strcmp(cy->surveillance1_on, f->today) >= 0)
		next(s, STEP_MAINTAIN, cy->surveillance1_on, "first surveillance audit");
	if (*cy->surveillance2_on && strcmp(cy->surveillance2_on, f->today) >= 0)
		next(s, STEP_MAINTAIN, cy->surveillance2_on, "second surveillance audit");
	if (*cy->recertification_on)
		next(s, STEP_MAINTAIN, cy->recertification_on, "recertification audit");
	if (*cy->expires_on)
		next(s, STEP_MAINTAIN, cy->expires_on, "the certificate expires");
}

static int cmp_next(const void *pa, const void *pb)
{
	const struct cert_next *a = pa, *b = pb;

	if (a->step != b->step)
		return a->step < b->step ? -1 : 1;
	if (!*a->due != !*b->due)
		return *a->due ? -1 : 1;
	return strcmp(a->due, b->due);
}

void cert_status(const struct cert_facts *f, struct cert_status *out)
{
	const struct cert_audit *audit = NULL;

	memset(out, 0, sizeof(*out));
	cert_cycle(f->cert, &out->cycle);
	out->certified = cert_certified(f->cert, f->today);
	if (out->certified) {
		out->step = STEP_MAINTAIN;
		why(out, "certified%s%s since %s (certificate %s), valid until %s",
		    f->cert->body ? " by " : "", f->cert->body ? f->cert->body : "",
		    f->cert->issued_on,
		    f->cert->number ? f->cert->number : "number not recorded",
		    out->cycle.expires_on);
	} else {
		out->step = position(f, out, &audit);
		next_before(out, f);
	}
	next_cycle(out, f);
	/* Stable order: by step, dated before undated, then by date. */
	if (out->nnext > 1)
		qsort(out->next, out->nnext, sizeof(*out->next), cmp_next);
	for (size_t i = 0; i < out->nnext; i++)
		out->next[i].overdue =
		        *out->next[i].due && strcmp(out->next[i].due, f->today) < 0;
}

void cert_status_release(struct cert_status *s)
{
	free(s->why);
	for (size_t i = 0; i < s->nnext; i++)
		free(s->next[i].what);
	free(s->next);
	memset(s, 0, sizeof(*s));
}
