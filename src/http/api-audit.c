/*
 * api-audit.c - people and their competence, the audit programme, audits, fieldwork and
 * reports, and corrective actions over HTTP: the same app functions as the command line,
 * answering with the same JSON as its --json.
 */
#include "http/http.h"

static const struct http_route routes[] = {};

HTTP_ROUTE_TABLE(http_api_audit, routes);
