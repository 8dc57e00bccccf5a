/*
 * user.h - what users and API tokens look like outside, shared by the
 * command line's --json and the HTTP API.  No hash, and no secret, ever
 * appears in these shapes.  Each function returns a new reference.
 */
#ifndef ISMS_VIEW_USER_H
#define ISMS_VIEW_USER_H

#include <jansson.h>

#include "core/access.h"
#include "core/org.h"

/*
 * {id, name, role, disabled, password (whether one is set), created_at,
 * updated_at, orgs}: orgs is "all" for an administrator, else the slugs
 * granted (orgs may be NULL: then the key is left out).
 */
json_t *json_user(const struct user *u, const struct org_list *orgs);
/* {id, name, user, created_at, last_used_at, revoked_at} */
json_t *json_api_token(const struct api_token *t);
json_t *json_api_token_list(const struct api_token_list *l);

#endif
