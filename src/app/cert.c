/*
 * cert.c - the certification lifecycle's operations: the certification
 * record, the facts its steps and readiness gates are judged on, and the
 * compliance calendar.  The rules are in core/cert.h.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "app/internal.h"
#include "core/error.h"
#include "core/text.h"
#include "core/xalloc.h"

/* ---- the record ---- */

/* "none" clears a field as "" does. */
static const char *cleared(const char *v)
{
	return v && !strcasecmp(v, "none") ? "" : v;
}

int app_cert_set(struct store *st, const struct org *org, const struct cert_update *u,
                 struct certification *out)
{
	struct certification c = { 0 };
	const struct {
		char **field;
		const char *value, *what;
	} dates[] = {
		{ &c.stage1_on, u->stage1, "the Stage 1 date" },
		{ &c.stage2_on, u->stage2, "the Stage 2 date" },
		{ &c.golive_on, u->golive, "the go-live date" },
		{ &c.issued_on, u->issued, "the issue date" },
		{ &c.expires_on, u->expires, "the expiry date" },
		{ &c.surveillance1_on, u->surveillance1, "the first surveillance date" },
		{ &c.surveillance2_on, u->surveillance2, "the second surveillance date" },
		{ &c.recertification_on, u->recertification, "the recertification date" },
	};
	bool any = u->body || u->number;
	int rc;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < sizeof(dates) / sizeof(*dates); i++)
		any = any || dates[i].value;
	if (!any)
		return error_set(E_USAGE, "nothing to change: give at least one option");
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_cert_get(st, org->id, &c);
	if (!rc)
		rc = app_take_text(&c.body, cleared(u->body), "the certification body",
		                   TEXT_NAME_MAX, 0);
	if (!rc)
		rc = app_take_text(&c.number, cleared(u->number),
		                   "the certificate number", TEXT_NAME_MAX, 0);
	for (size_t i = 0; !rc && i < sizeof(dates) / sizeof(*dates); i++)
		rc = app_take_date(dates[i].field, cleared(dates[i].value),
		                   dates[i].what);
	if (!rc)
		rc = cert_check(&c);
	if (!rc)
		rc = store_cert_put(st, org->id, &c);
	if (!rc) {
		certification_release(&c);
		rc = store_cert_get(st, org->id, &c);
	}
	rc = store_end(st, rc);
	if (rc)
		certification_release(&c);
	else
		*out = c;
	return rc;
}

int app_cert_get(struct store *st, const struct org *org, struct certification *out)
{
	return store_cert_get(st, org->id, out);
}

int app_cert_stage_parse(const char *s, int *stage)
{
	const char *p = s;

	if (p && !strncasecmp(p, "stage", 5)) {
		p += 5;
		if (*p == ' ' || *p == '-' || *p == '_')
			p++;
	}
	if (p && (!strcmp(p, "1") || !strcmp(p, "2"))) {
		*stage = *p - '0';
		return 0;
	}
	return error_set(E_INVALID, "unknown stage \"%s\": there are Stage 1 and Stage 2",
	                 s ? s : "");
}

/* ---- the facts ---- */

/* What each completed audit recorded a result for. */
static int load_audits(struct store *st, const struct org *org, struct cert_data *d)
{
	struct audit_list all = { 0 };
	int rc = store_audit_list(st, org->id, &all);

	if (!rc && all.n)
		d->audits = xcalloc(all.n, sizeof(*d->audits));
	for (size_t i = 0; !rc && i < all.n; i++) {
		struct cert_audit *ca = &d->audits[d->naudits++];
		struct audit full = { 0 };
		size_t alloc = 0;

		ca->id = all.v[i].id;
		ca->done = all.v[i].status != AUDIT_PLANNED;
		if (!ca->done) {
			ca->title = xstrdup(all.v[i].title);
			ca->start_on = xstrdup(all.v[i].start_on);
			ca->end_on = xstrdup(all.v[i].end_on);
			continue;
		}
		rc = store_audit_get(st, org->id, ca->id, &full);
		if (rc)
			break;
		ca->title = xstrdup(full.title);
		ca->start_on = xstrdup(full.start_on);
		ca->end_on = xstrdup(full.end_on);
		ca->closed_on = xstrdup_or_null(full.closed_on);
		for (size_t t = 0; t < full.ntests; t++) {
			const char *ref = full.tests[t].ref;

			if (full.tests[t].result == RESULT_NONE ||
			    (ca->ntested && !strcmp(ca->tested[ca->ntested - 1], ref)))
				continue;
			ALLOC_GROW(ca->tested, ca->ntested + 1, alloc);
			ca->tested[ca->ntested++] = xstrdup(ref);
		}
		audit_release(&full);
	}
	audit_list_release(&all);
	return rc;
}

/* Clause requirements and applicable controls: what "all" covers. */
static int load_required(struct store *st, const struct org *org, struct cert_data *d)
{
	const char *all[] = { "all" };
	char **refs = NULL;
	size_t n = 0, k = 0;
	int rc = app_scope_resolve(st, org, all, 1, &refs, &n);

	for (size_t i = 0; i < n; i++) {
		if (strchr(refs[i], ':')) {
			free(refs[i]); /* a process, location or asset */
			continue;
		}
		refs[k++] = refs[i];
	}
	d->required = refs;
	d->nrequired = k;
	return rc;
}

/* Expiring evidence the newest assessment links to applicable controls. */
static int load_expiring(struct store *st, const struct org *org, struct cert_data *d)
{
	size_t alloc = 0;
	int rc;

	if (!d->gap.id)
		return 0;
	rc = store_evidence_list(st, org->id, &d->gap, &d->evidence);
	for (size_t i = 0; !rc && i < d->evidence.n; i++) {
		const struct evidence *e = &d->evidence.v[i];

		if (!e->valid_until)
			continue;
		for (size_t r = 0; r < e->nrefs; r++) {
			const struct soa_row *row = soa_find(&d->soa.soa, e->refs[r]);

			if (!row || !row->applicable)
				continue;
			ALLOC_GROW(d->expiring, d->nexpiring + 1, alloc);
			d->expiring[d->nexpiring++] =
			        (struct cert_evidence){ .title = e->title,
				                        .sha256 = e->sha256,
				                        .ref = e->refs[r],
				                        .valid_until = e->valid_until };
		}
	}
	return rc;
}

static void point_facts(struct cert_data *d)
{
	struct cert_facts *f = &d->facts;
	const struct soa_data *s = &d->soa;

	f->today = d->today;
	f->cert = &d->cert;
	f->gap_id = d->gap.id;
	f->gap_name = d->gap.name;
	f->gap_on = d->gap.assessed_on;
	f->audits = d->audits;
	f->naudits = d->naudits;
	f->required = (const char *const *)d->required;
	f->nrequired = d->nrequired;
	f->reviews = &d->reviews;
	f->capas = &d->capas;
	f->soa_version = s->approved.id ? s->approved.version : 0;
	f->soa_approved_on = s->approved.id ? s->approved.approved_on : NULL;
	f->soa_problems = s->problems.n;
	f->soa_first_problem = d->soa_first_problem;
	f->plan_approved = s->plan.approved_by != NULL;
	f->plan_changed = s->plan.changed;
	f->risks = &s->risks;
	f->evidence = d->expiring;
	f->nevidence = d->nexpiring;
}

int app_cert_load(struct store *st, const struct org *org, struct cert_data *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	store_today(out->today);
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = store_cert_get(st, org->id, &out->cert);
	if (!rc) {
		rc = store_assessment_get(st, org->id, 0, &out->gap);
		if (rc == -E_NOTFOUND) {
			error_clear();
			memset(&out->gap, 0, sizeof(out->gap));
			rc = 0;
		}
	}
	if (!rc)
		rc = load_audits(st, org, out);
	if (!rc)
		rc = load_required(st, org, out);
	if (!rc)
		rc = store_review_list(st, org->id, &out->reviews);
	if (!rc)
		rc = store_capa_list(st, org->id, &out->capas);
	if (!rc)
		rc = app_soa_load(st, org, &out->soa);
	if (!rc && out->soa.problems.n) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addf(&sb, "%s: %s", out->soa.problems.v[0].code,
		            out->soa.problems.v[0].message);
		out->soa_first_problem = strbuf_detach(&sb, NULL);
	}
	if (!rc)
		rc = load_expiring(st, org, out);
	rc = store_end(st, rc);
	if (!rc) {
		cert_cycle(&out->cert, &out->cycle);
		point_facts(out);
	}
	return rc;
}

void app_cert_release(struct cert_data *d)
{
	certification_release(&d->cert);
	assessment_release(&d->gap);
	for (size_t i = 0; i < d->naudits; i++) {
		struct cert_audit *a = &d->audits[i];

		free((char *)a->title);
		free((char *)a->start_on);
		free((char *)a->end_on);
		free((char *)a->closed_on);
		app_refs_free(a->tested, a->ntested);
	}
	free(d->audits);
	app_refs_free(d->required, d->nrequired);
	review_list_release(&d->reviews);
	capa_list_release(&d->capas);
	app_soa_release(&d->soa);
	free(d->soa_first_problem);
	evidence_list_release(&d->evidence);
	free(d->expiring);
	memset(d, 0, sizeof(*d));
}

/* ---- the calendar ---- */

#define CALENDAR_DAYS_MAX 3660
/* An export without a range holds everything: dates start in 1900. */
#define CALENDAR_EPOCH "1900-01-01"

static bool in_range(const struct cal_event *e, const char *from, const char *to)
{
	const char *last = *e->end ? e->end : e->date;

	return (!from || strcmp(last, from) >= 0) && (!to || strcmp(e->date, to) <= 0);
}

int app_calendar(struct store *st, const struct org *org, const char *from,
                 const char *to, int days, struct cal_list *out, char today[11])
{
	struct cert_data d;
	struct cal_list all = { 0 };
	char until[11];
	int rc = 0;

	memset(out, 0, sizeof(*out));
	memset(&d, 0, sizeof(d));
	store_today(today);
	if (from)
		rc = date_check("--from", from);
	if (!rc && to)
		rc = date_check("--to", to);
	if (!rc && from && to && strcmp(to, from) < 0)
		rc = error_set(E_INVALID, "--to (%s) is before --from (%s)", to, from);
	if (!rc && !from && !to && (days < 1 || days > CALENDAR_DAYS_MAX))
		rc = error_set(E_INVALID, "the calendar looks 1 to %d days ahead, not %d",
		               CALENDAR_DAYS_MAX, days);
	if (rc)
		return rc;
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = app_cert_load(st, org, &d);
	if (!rc)
		rc = store_calendar(st, org->id, &all);
	rc = store_end(st, rc);
	if (!rc) {
		snprintf(today, 11, "%s", d.today);
		cal_add_derived(&all, &d.facts);
		date_add_days(today, days, until);
		for (size_t i = 0; i < all.n; i++) {
			struct cal_event *e = &all.v[i];
			bool keep = from || to ? in_range(e, from, to)
			                       : cal_overdue(e, today) ||
			                                 in_range(e, today, until);

			if (!keep)
				continue;
			ALLOC_GROW(out->v, out->n + 1, out->alloc);
			out->v[out->n++] = *e;
			memset(e, 0, sizeof(*e));
		}
		cal_sort(out);
	}
	app_cert_release(&d);
	cal_list_release(&all);
	return rc;
}

/* Whether the evidence with that digest is a gap assessment's. */
static bool gap_evidence(const struct evidence_list *ev, const char *sha)
{
	for (size_t i = 0; i < ev->n; i++)
		if (!strcmp(ev->v[i].sha256, sha))
			return ev->v[i].origin == ORIGIN_GAP;
	return false;
}

/*
 * What a certification body's auditor may see of the calendar: never what
 * a gap assessment holds (access.c says why), so neither its remediation
 * actions nor the expiry of evidence it produced.
 */
static int calendar_audit_only(struct store *st, const struct org *org,
                               struct cal_list *l)
{
	struct evidence_list ev = { 0 };
	size_t kept = 0;
	int rc = store_evidence_list(st, org->id, NULL, &ev);

	for (size_t i = 0; !rc && i < l->n; i++) {
		struct cal_event *e = &l->v[i];
		bool hide = e->kind == CAL_ROADMAP ||
		            (e->kind == CAL_EVIDENCE_EXPIRY && gap_evidence(&ev, e->key));

		if (hide) {
			cal_event_release(e);
			continue;
		}
		if (kept != i)
			l->v[kept] = *e;
		kept++;
	}
	if (!rc)
		l->n = kept;
	evidence_list_release(&ev);
	return rc;
}

/* The calendar, without what a certification body's auditor may not see. */
static int calendar_for(struct store *st, const struct org *org, const char *from,
                        const char *to, int days, bool audit_only, struct cal_list *out,
                        char today[11])
{
	int rc = app_calendar(st, org, from, to, days, out, today);

	if (!rc && audit_only)
		rc = calendar_audit_only(st, org, out);
	if (rc)
		cal_list_release(out);
	return rc;
}

int app_calendar_window(struct store *st, const struct org *org, const char *from,
                        const char *to, const char *days, bool audit_only,
                        struct cal_list *out, char today[11], char until[11])
{
	bool range = from || to;
	long n = CALENDAR_DAYS_DEFAULT;
	char *end;
	int rc;

	memset(out, 0, sizeof(*out));
	today[0] = until[0] = '\0';
	if (days) {
		n = strtol(days, &end, 10);
		/* Only what is no number is refused here; app_calendar bounds it. */
		if (!*days || *end || n < INT_MIN || n > INT_MAX)
			return error_set(E_USAGE, "--days takes a number of days, like "
			                          "30, 60 or 90");
	}
	if (range && days)
		return error_set(E_USAGE,
		                 "--days counts from today; give it or --from/--to");
	rc = calendar_for(st, org, from, to, (int)n, audit_only, out, today);
	if (rc)
		return rc;
	/* The window shown: from and to as given, else today and days on. */
	if (range)
		snprintf(until, 11, "%s", to ? to : "");
	else
		date_add_days(today, (int)n, until);
	return 0;
}

/*
 * The export's time stamp (DTSTAMP, UTC, YYYYMMDDTHHMMSSZ): the store's
 * clock, which ISMS_NOW pins for tests, without its separators.  A clock
 * pinned to a date alone stands for midnight.
 */
static void ical_now(char out[17])
{
	char now[32], digits[17] = "";
	size_t n = 0;

	store_now(now);
	for (const char *p = now; *p && n < sizeof(digits) - 1; p++)
		if ((*p >= '0' && *p <= '9') || *p == 'T' || *p == 'Z')
			digits[n++] = *p;
	digits[n] = '\0';
	if (n == 16 && digits[8] == 'T' && digits[15] == 'Z')
		memcpy(out, digits, 17);
	else
		snprintf(out, 17, "%.8sT000000Z", digits);
}

int app_calendar_export(struct store *st, const struct org *org, const char *from,
                        const char *to, bool audit_only, struct cal_list *out,
                        char today[11], char dtstamp[17])
{
	today[0] = '\0';
	ical_now(dtstamp);
	/* Without a range, everything: an open range from the earliest date. */
	return calendar_for(st, org, from || to ? from : CALENDAR_EPOCH, to,
	                    CALENDAR_DAYS_DEFAULT, audit_only, out, today);
}
