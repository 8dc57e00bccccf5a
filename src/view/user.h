/*
 * user.h - what users and API tokens look like outside, shared by the
 * command line's --json and the HTTP API.  No hash, and no secret but a
 * new token's (json_api_token_secret, shown that once), ever appears in
 * these shapes.  Each function returns a new reference.
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
/* Users with their organisations: orgs[i] are those of l->v[i] (orgs may
 * be NULL). */
json_t *json_user_list(const struct user_list *l, const struct org_list *orgs);
/* A user as 'user show' gives them: json_user with "tokens", their API
 * tokens. */
json_t *json_user_show(const struct user *u, const struct org_list *orgs,
                       const struct api_token_list *tokens);
/* {id, name, user, created_at, last_used_at, revoked_at} */
json_t *json_api_token(const struct api_token *t);
json_t *json_api_token_list(const struct api_token_list *l);
/* A new token with its "secret", the only time the secret is shown. */
json_t *json_api_token_secret(const struct api_token *t, const char *secret);

#endif
