/*
 * audit-report.c - the audit report as the front ends hand it out: the
 * draft rendered from the data as it stands, or an issued version read
 * back exactly as it was issued; and issuing the next version, whose
 * documents are rendered here and stored by the app layer.
 */
#include "view/audit.h"

#include <stdio.h>

#include "app/app.h"
#include "core/error.h"

static struct audit_doc doc_of(const struct org *org, const struct audit_report_data *d)
{
	return (struct audit_doc){ .org = org,
		                   .scope_statement = d->scope.statement,
		                   .audit = &d->audit,
		                   .summary = &d->summary,
		                   .previous = &d->previous,
		                   .outside = (const char *const *)d->outside,
		                   .noutside = d->noutside,
		                   .today = d->today };
}

int audit_report_document(struct store *st, const struct org *org, int64_t id,
                          enum audit_format f, int version, bool draft,
                          struct strbuf *out, bool *issued)
{
	struct audit_report_data d;
	int rc = app_audit_report_load(st, org, id, &d);

	*issued = false;
	if (!rc && d.audit.nreports && !draft) {
		*issued = true;
		/* The documents are stored in the order of enum audit_format. */
		rc = app_audit_report_issued(st, &d.audit, version, (int)f, out);
	} else if (!rc && version) {
		rc = error_set(E_NOTFOUND, "audit A%lld's report was not issued yet",
		               (long long)id);
	} else if (!rc) {
		struct audit_doc view = doc_of(org, &d);

		rc = audit_report_render(&view, f, out);
	}
	app_audit_report_release(&d);
	return rc;
}

int audit_report_issue(struct store *st, const struct org *org, int64_t id,
                       const char *by, const char *date, const char *reason, int *version,
                       char issued_on[11])
{
	struct audit_report_data d;
	struct audit_doc view;
	struct strbuf docs[AUDIT__FORMATS] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	char today[11];
	int rc;

	*version = 0;
	issued_on[0] = '\0';
	if (!by)
		return error_set(E_USAGE, "say who issues the report with --by NAME");
	rc = app_audit_report_load(st, org, id, &d);
	store_today(today);
	view = doc_of(org, &d);
	view.version = (int)d.audit.nreports + 1;
	view.issued_by = by;
	view.issued_on = date ? date : today;
	for (int f = 0; !rc && f < AUDIT__FORMATS; f++)
		rc = audit_report_render(&view, (enum audit_format)f, &docs[f]);
	if (!rc)
		rc = app_audit_issue(st, org, id, view.version, by, date, reason, docs);
	if (!rc) {
		*version = view.version;
		snprintf(issued_on, 11, "%.10s", view.issued_on);
	}
	for (int f = 0; f < AUDIT__FORMATS; f++)
		strbuf_release(&docs[f]);
	app_audit_report_release(&d);
	return rc;
}
