/*
 * json.h - the JSON form of each record, shared by the command line's
 * --json output and the HTTP API so that both speak the same shapes.
 * Each function returns a new reference (the caller json_decref()s it).
 */
#ifndef ISMS_VIEW_JSON_H
#define ISMS_VIEW_JSON_H

#include <jansson.h>

#include "core/catalog.h"
#include "core/gap.h"
#include "core/org.h"

json_t *json_org(const struct org *org);
json_t *json_org_list(const struct org_list *list);
json_t *json_scope(const struct org *org, const struct scope *scope);
/* One element of json_scope's "items" and one of its "interfaces". */
json_t *json_scope_item(const struct scope_item *it);
json_t *json_scope_iface(const struct scope_iface *f);
/* An object with counts of in/out items per kind, for summaries. */
json_t *json_scope_summary(const struct scope *scope);
/* An organisation with the summary of its scope under "scope". */
json_t *json_org_scope(const struct org *org, const struct scope *scope);
/*
 * The store at a glance: where it is, the organisations (scopes[i] is
 * orgs->v[i]'s) and the frameworks.
 */
json_t *json_overview(const char *target, const char *backend, int schema_version,
                      const struct org_list *orgs, const struct scope *scopes,
                      const struct framework_list *fws);
json_t *json_catalog_item(const struct catalog_item *item);
json_t *json_catalog_item_list(const struct catalog_item_list *list);
json_t *json_framework(const struct framework *fw);
json_t *json_framework_list(const struct framework_list *list);
/* What loading a framework file did: {"framework": CODE, "changed": BOOL}. */
json_t *json_catalog_import(const char *code, bool changed);
json_t *json_assessment(const struct assessment *a);
json_t *json_gap_row(const struct gap_row *r);
/* The readiness document: overall, coverage, by_clause, by_theme, counts,
 * verdict, reasons, flags (see README). */
json_t *json_gap_score(const struct gap_score *s);
json_t *json_evidence(const struct evidence *e, const char *today);
/* A remediation action; the roadmap is an array of them in priority order. */
json_t *json_roadmap_entry(const struct roadmap_entry *e);
json_t *json_roadmap(const struct roadmap *rm);

/* ---- gap assessments and evidence (json-gap.c) ---- */

/* An assessment with its headline figures: overall, coverage, verdict. */
json_t *json_assessment_summary(const struct assessment *a, const struct gap_score *sc);
/* One item as `gap show` gives it: the row, its linked evidence and the
 * assessment (evs: the organisation's evidence with its links in a). */
json_t *json_gap_item(const struct gap_row *r, const struct assessment *a,
                      const struct evidence_list *evs, const char *today);
/*
 * An organisation's score of assessment a: org, name, assessment and the
 * readiness document; a NULL a (no assessment yet) has null figures.
 */
json_t *json_gap_score_entry(const struct org *org, const struct assessment *a,
                             const struct gap_score *sc);
/* One side of a comparison of two assessments (all borrowed). */
struct gap_diff_side {
	const struct assessment *a;
	const struct gap_row_list *rows; /* the same items, in the same order */
	const struct gap_score *score;
};
/* What changed between two assessments, overall, per group and per item. */
json_t *json_gap_diff(const struct gap_diff_side *from, const struct gap_diff_side *to);
/* The change between two percentages as shown: each to one decimal first. */
double json_percent_delta(double from, double to);
/* Evidence as `evidence add` answers: the record and whether it existed. */
json_t *json_evidence_added(const struct evidence *e, const char *today, bool existed);
json_t *json_evidence_list(const struct evidence_list *list, const char *today);

/* A percentage rounded to one decimal place, as every score shows it. */
json_t *json_percent(double v);

/* {"error":{"code":"not_found","message":"..."}} from the current error. */
json_t *json_error(void);

#endif
