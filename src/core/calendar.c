/*
 * calendar.c - the compliance calendar's events: kinds, ordering, where
 * an event falls from today, its summary and its stable UID.
 */
#include "cert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "xalloc.h"

static const struct {
	const char *name;
	const char *label; /* start of the summary */
} kinds[CAL__COUNT] = {
	[CAL_INTERNAL_AUDIT] = { "internal-audit", "Internal audit" },
	[CAL_INTERNAL_AUDIT_DUE] = { "internal-audit-due", "Next internal audit due" },
	[CAL_REVIEW] = { "review", "Management review" },
	[CAL_REVIEW_ACTION] = { "review-action", "Management review action due" },
	[CAL_CERT_AUDIT] = { "certification-audit", "Certification audit" },
	[CAL_CERT_EXPIRY] = { "certificate-expiry", "Certificate expires" },
	[CAL_OPERATION] = { "operation", "Three months of ISMS operation" },
	[CAL_CAPA] = { "capa", "Corrective action due" },
	[CAL_ROADMAP] = { "roadmap", "Remediation action due" },
	[CAL_TREATMENT] = { "treatment", "Risk treatment action due" },
	[CAL_EVIDENCE_EXPIRY] = { "evidence-expiry", "Evidence expires" },
	[CAL_RISK_REVIEW] = { "risk-review", "Risk review due" },
	[CAL_SOA_REVIEW] = { "soa-review", "Statement of Applicability review due" },
	[CAL_COMPETENCE_EXPIRY] = { "competence-expiry", "Competence record expires" },
};

const char *cal_kind_name(enum cal_kind k)
{
	return (unsigned)k < CAL__COUNT ? kinds[k].name : "unknown";
}

int cal_kind_parse(const char *s, enum cal_kind *out)
{
	for (int k = 0; k < CAL__COUNT; k++)
		if (s && !strcasecmp(s, kinds[k].name)) {
			*out = (enum cal_kind)k;
			return 0;
		}
	return -1;
}

void cal_event_release(struct cal_event *e)
{
	free(e->key);
	free(e->title);
	free(e->owner);
	memset(e, 0, sizeof(*e));
}

void cal_list_release(struct cal_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		cal_event_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

struct cal_event *cal_add(struct cal_list *l, enum cal_kind kind, const char *key,
                          const char *date, const char *end, const char *title,
                          const char *owner, bool done)
{
	struct cal_event *e;

	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->key = xstrdup(key ? key : "");
	snprintf(e->date, sizeof(e->date), "%s", date ? date : "");
	if (end && *end && strcmp(end, e->date))
		snprintf(e->end, sizeof(e->end), "%s", end);
	e->title = xstrdup(title ? title : "");
	e->owner = owner && *owner ? xstrdup(owner) : NULL;
	e->done = done;
	return e;
}

static int cmp_event(const void *pa, const void *pb)
{
	const struct cal_event *a = pa, *b = pb;
	int c = strcmp(a->date, b->date);

	if (c)
		return c;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->key, b->key);
}

void cal_sort(struct cal_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_event);
}

static const char *last_day(const struct cal_event *e)
{
	return *e->end ? e->end : e->date;
}

bool cal_overdue(const struct cal_event *e, const char *today)
{
	return !e->done && strcmp(last_day(e), today) < 0;
}

int cal_window(const struct cal_event *e, const char *today)
{
	long days;

	if (cal_overdue(e, today))
		return -1;
	if (strcmp(last_day(e), today) < 0)
		return 0;
	days = strcmp(e->date, today) < 0 ? 0 : date_diff_days(today, e->date);
	if (days <= 30)
		return 30;
	if (days <= 60)
		return 60;
	if (days <= 90)
		return 90;
	return 365;
}

void cal_summary(const struct cal_event *e, struct strbuf *out)
{
	strbuf_addstr(out,
	              (unsigned)e->kind < CAL__COUNT ? kinds[e->kind].label : "Event");
	switch (e->kind) {
	case CAL_INTERNAL_AUDIT:
		strbuf_addf(out, " A%s", e->key);
		break;
	case CAL_REVIEW:
		strbuf_addf(out, " MR%s", e->key);
		break;
	case CAL_CAPA:
		strbuf_addf(out, " CAPA-%s", e->key);
		break;
	case CAL_RISK_REVIEW:
		strbuf_addf(out, " R%s", e->key);
		break;
	default:
		break;
	}
	if (*e->title)
		strbuf_addf(out, ": %s", e->title);
}

void cal_uid(const struct cal_event *e, const char *org_slug, struct strbuf *out)
{
	strbuf_addf(out, "%s-", cal_kind_name(e->kind));
	/* Keys hold references ("3-A.5.15") and digests; keep them as they
	 * are but for anything that is not a plain token character. */
	for (const char *p = e->key; *p; p++) {
		char c = *p;
		bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		             (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';

		strbuf_addch(out, plain ? c : '_');
	}
	strbuf_addf(out, "@%s.isms", org_slug);
}

/* An appointment of the certification cycle: past once its day is over. */
static void cycle_event(struct cal_list *l, const struct cert_facts *f,
                        enum cal_kind kind, const char *key, const char *date,
                        const char *what)
{
	struct strbuf title = STRBUF_INIT;

	if (!date || !*date)
		return;
	strbuf_addstr(&title, what);
	if (f->cert->body && kind == CAL_CERT_AUDIT)
		strbuf_addf(&title, " (%s)", f->cert->body);
	cal_add(l, kind, key, date, NULL, title.buf, NULL,
	        kind == CAL_CERT_AUDIT && strcmp(date, f->today) < 0);
	strbuf_release(&title);
}

void cal_add_derived(struct cal_list *l, const struct cert_facts *f)
{
	const struct certification *c = f->cert;
	const struct cert_audit *last = NULL;
	struct cert_cycle cy;
	char date[11];

	cert_cycle(c, &cy);
	cycle_event(l, f, CAL_CERT_AUDIT, "stage1", c->stage1_on, "Stage 1");
	cycle_event(l, f, CAL_CERT_AUDIT, "stage2", c->stage2_on, "Stage 2");
	cycle_event(l, f, CAL_CERT_AUDIT, "surveillance1", cy.surveillance1_on,
	            "First surveillance audit");
	cycle_event(l, f, CAL_CERT_AUDIT, "surveillance2", cy.surveillance2_on,
	            "Second surveillance audit");
	cycle_event(l, f, CAL_CERT_AUDIT, "recertification", cy.recertification_on,
	            "Recertification audit");
	cycle_event(l, f, CAL_CERT_EXPIRY, "expiry", cy.expires_on,
	            c->number ? c->number : "ISO/IEC 27001 certificate");
	if (c->golive_on) {
		date_add_months(c->golive_on, CERT_OPERATION_MONTHS, date);
		cal_add(l, CAL_OPERATION, "golive", date, NULL, "since go-live", NULL,
		        strcmp(date, f->today) <= 0);
	}
	for (size_t i = 0; i < f->naudits; i++) {
		const struct cert_audit *a = &f->audits[i];

		if (a->done && a->closed_on &&
		    (!last || strcmp(a->closed_on, last->closed_on) > 0))
			last = a;
	}
	if (last) {
		char title[48];

		/* One event that moves as audits complete: its UID stays. */
		date_add_months(last->closed_on, CERT_REVIEW_MONTHS, date);
		snprintf(title, sizeof(title), "a year after A%lld closed on %s",
		         (long long)last->id, last->closed_on);
		cal_add(l, CAL_INTERNAL_AUDIT_DUE, "next", date, NULL, title, NULL,
		        false);
	}
	if (f->soa_version && f->soa_approved_on) {
		char title[48];

		date_add_months(f->soa_approved_on, CERT_REVIEW_MONTHS, date);
		snprintf(title, sizeof(title), "version %d approved on %s",
		         f->soa_version, f->soa_approved_on);
		cal_add(l, CAL_SOA_REVIEW, "soa", date, NULL, title, NULL, false);
	}
}
