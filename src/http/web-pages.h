/*
 * web-pages.h - the page handlers of the web application, one file per
 * part (web-*.c), gathered in web-pages.c's table.
 */
#ifndef ISMS_HTTP_WEB_PAGES_H
#define ISMS_HTTP_WEB_PAGES_H

#include "http/http.h"

/* A page that takes no query parameters. */
extern const char *const web_no_params[];
#define NULL_PARAMS web_no_params

/* The parts' page tables (web-*.c). */
extern const struct http_route_table web_org_table;
/* web-audit.c: audits, fieldwork, reports, corrective actions, reviews. */
extern const struct http_route_table web_audit_table;
/* web-gap.c: the gap assessment, an item, the roadmap, the evidence register. */
extern const struct http_route_table web_gap_table;
/* web-risk.c: assets and data flows, the risk register, a risk, the SoA. */
extern const struct http_route_table web_risk_table;

/* web-dashboard.c: an organisation's readiness at a glance. */
int web_dashboard(struct http_ctx *c);

#endif
