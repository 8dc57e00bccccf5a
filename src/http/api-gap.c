/*
 * api-gap.c - gap assessments, their items, scores, roadmap and reports, and evidence
 * over HTTP: the same app functions as the command line, answering with the same JSON as
 * its --json.
 */
#include "http/http.h"

static const struct http_route routes[] = {};

HTTP_ROUTE_TABLE(http_api_gap, routes);
