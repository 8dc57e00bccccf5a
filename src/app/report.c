/*
 * report.c - loading what a gap-assessment report shows.
 *
 * The same facts the gap commands use, through the same functions, so a
 * report can never score or order differently from 'isms gap score' and
 * 'isms gap roadmap'.
 */
#include <string.h>

#include "app/app.h"

int app_gap_report_load(struct store *st, const struct org *org, int64_t id,
                        struct gap_report_data *out)
{
	struct gap_report_data *d = out;
	int rc;

	memset(d, 0, sizeof(*d));
	store_today(d->today);
	rc = store_assessment_get(st, org->id, id, &d->assessment);
	if (!rc)
		rc = store_framework_list(st, &d->frameworks);
	if (!rc)
		rc = store_scope_get(st, org->id, &d->scope);
	if (!rc)
		rc = app_gap_rows(st, &d->assessment, &d->rows);
	if (!rc)
		rc = app_gap_score(st, org, &d->rows, &d->score);
	if (!rc)
		rc = store_evidence_list(st, org->id, &d->assessment, &d->evidence);
	if (rc)
		return rc;
	for (size_t i = 0; i < d->frameworks.n; i++)
		if (!strcmp(d->frameworks.v[i].code, d->assessment.framework))
			d->framework = &d->frameworks.v[i];
	gap_roadmap_build(d->rows.v, d->rows.n, d->assessment.assessed_on, &d->roadmap);
	return 0;
}

void app_gap_report_release(struct gap_report_data *d)
{
	gap_roadmap_release(&d->roadmap);
	gap_score_release(&d->score);
	gap_row_list_release(&d->rows);
	evidence_list_release(&d->evidence);
	scope_release(&d->scope);
	framework_list_release(&d->frameworks);
	assessment_release(&d->assessment);
	memset(d, 0, sizeof(*d));
}
