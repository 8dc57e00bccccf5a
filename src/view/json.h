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
/* An object with counts of in/out items per kind, for summaries. */
json_t *json_scope_summary(const struct scope *scope);
json_t *json_catalog_item(const struct catalog_item *item);
json_t *json_catalog_item_list(const struct catalog_item_list *list);
json_t *json_framework(const struct framework *fw);
json_t *json_assessment(const struct assessment *a);
json_t *json_gap_row(const struct gap_row *r);
/* The readiness document: overall, coverage, by_clause, by_theme, counts,
 * verdict, reasons, flags (see README). */
json_t *json_gap_score(const struct gap_score *s);
json_t *json_evidence(const struct evidence *e, const char *today);
/* A remediation action; the roadmap is an array of them in priority order. */
json_t *json_roadmap_entry(const struct roadmap_entry *e);
json_t *json_roadmap(const struct roadmap *rm);

/* A percentage rounded to one decimal place, as every score shows it. */
json_t *json_percent(double v);

/* {"error":{"code":"not_found","message":"..."}} from the current error. */
json_t *json_error(void);

#endif
