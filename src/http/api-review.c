/*
 * api-review.c - management reviews, the certification record and the compliance calendar
 * over HTTP: the same app functions as the command line, answering with the same JSON as
 * its --json.
 */
#include "http/http.h"

static const struct http_route routes[] = {};

HTTP_ROUTE_TABLE(http_api_review, routes);
