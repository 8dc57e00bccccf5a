/*
 * api-risk.c - assets, data flows, the risk method, risks, the treatment plan and the
 * Statement of Applicability over HTTP: the same app functions as the command line,
 * answering with the same JSON as its --json.
 */
#include "http/http.h"

static const struct http_route routes[] = {};

HTTP_ROUTE_TABLE(http_api_risk, routes);
