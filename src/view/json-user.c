/*
 * json-user.c - the JSON form of users and API tokens.
 */
#include "view/user.h"

static json_t *str_or_null(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;

	return j ? j : json_null();
}

json_t *json_user(const struct user *u, const struct org_list *orgs)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer((json_int_t)u->id));
	json_object_set_new(o, "name", str_or_null(u->name));
	json_object_set_new(o, "role", json_string(role_name(u->role)));
	json_object_set_new(o, "disabled", json_boolean(u->disabled));
	json_object_set_new(o, "password", json_boolean(u->password_hash != NULL));
	json_object_set_new(o, "created_at", str_or_null(u->created_at));
	json_object_set_new(o, "updated_at", str_or_null(u->updated_at));
	if (u->role == ROLE_ADMIN) {
		json_object_set_new(o, "orgs", json_string("all"));
	} else if (orgs) {
		json_t *a = json_array();

		for (size_t i = 0; i < orgs->n; i++)
			json_array_append_new(a, str_or_null(orgs->v[i].slug));
		json_object_set_new(o, "orgs", a);
	}
	return o;
}

json_t *json_api_token(const struct api_token *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer((json_int_t)t->id));
	json_object_set_new(o, "name", str_or_null(t->name));
	json_object_set_new(o, "user", str_or_null(t->user_name));
	json_object_set_new(o, "created_at", str_or_null(t->created_at));
	json_object_set_new(o, "last_used_at", str_or_null(t->last_used_at));
	json_object_set_new(o, "revoked_at", str_or_null(t->revoked_at));
	return o;
}

json_t *json_api_token_list(const struct api_token_list *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_api_token(&l->v[i]));
	return a;
}

json_t *json_user_list(const struct user_list *l, const struct org_list *orgs)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_user(&l->v[i], orgs ? &orgs[i] : NULL));
	return a;
}

json_t *json_user_show(const struct user *u, const struct org_list *orgs,
                       const struct api_token_list *tokens)
{
	json_t *o = json_user(u, orgs);

	json_object_set_new(o, "tokens", json_api_token_list(tokens));
	return o;
}

json_t *json_api_token_secret(const struct api_token *t, const char *secret)
{
	json_t *o = json_api_token(t);

	json_object_set_new(o, "secret", json_string(secret));
	return o;
}
