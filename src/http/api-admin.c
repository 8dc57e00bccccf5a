/*
 * api-admin.c - users, their grants and API tokens, the change log and its verification
 * over HTTP: the same app functions as the command line, answering with the same JSON as
 * its --json.
 */
#include "http/http.h"

static const struct http_route routes[] = {};

HTTP_ROUTE_TABLE(http_api_admin, routes);
