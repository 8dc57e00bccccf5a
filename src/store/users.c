/*
 * users.c - users, their organisations, API tokens, login sessions and
 * the set-up token in the store.
 *
 * Names are found case-insensitively (lower() on both sides), as
 * user_name_same() compares them; the unique index on lower(name) keeps
 * two users from differing only in case.  Nothing here sees a secret:
 * callers pass hashes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/xalloc.h"
#include "store/driver.h"

#define USER_COLUMNS "id, name, role, password_hash, disabled, created_at, updated_at"

static void user_from_row(struct store *st, struct db_rows *rows, struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = st->ops->integer(rows, 0);
	u->name = db_strdup(st, rows, 1);
	/* The schema's CHECK admits only known roles. */
	if (role_parse(st->ops->text(rows, 2), &u->role))
		u->role = ROLE_VIEWER;
	u->password_hash = db_strdup(st, rows, 3);
	u->disabled = st->ops->integer(rows, 4) != 0;
	u->created_at = db_strdup(st, rows, 5);
	u->updated_at = db_strdup(st, rows, 6);
}

static void user_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct user_list *out = ctx;

	ALLOC_GROW(out->v, out->n + 1, out->alloc);
	user_from_row(st, rows, &out->v[out->n++]);
}

/* The one user a query selects, or E_NOTFOUND with what was asked. */
static int user_one(struct store *st, const char *sql, const struct sql_arg *args,
                    size_t nargs, const char *asked, struct user *out)
{
	struct user_list l = { 0 };
	int rc = db_each(st, sql, args, nargs, user_row, &l);

	memset(out, 0, sizeof(*out));
	if (!rc && !l.n)
		rc = error_set(E_NOTFOUND, "no user '%s' (see 'isms user list')", asked);
	if (!rc) {
		*out = l.v[0];
		memset(&l.v[0], 0, sizeof(l.v[0]));
	}
	user_list_release(&l);
	return rc;
}

int store_user_get(struct store *st, const char *name, struct user *out)
{
	return user_one(st,
	                "SELECT " USER_COLUMNS " FROM app_user WHERE lower(name) = "
	                "lower(?) ORDER BY id LIMIT 1",
	                SQL_ARGS(ARG_TEXT(name ? name : "")), name ? name : "", out);
}

int store_user_get_id(struct store *st, int64_t id, struct user *out)
{
	char asked[32];

	snprintf(asked, sizeof(asked), "#%lld", (long long)id);
	return user_one(st, "SELECT " USER_COLUMNS " FROM app_user WHERE id = ?",
	                SQL_ARGS(ARG_INT(id)), asked, out);
}

int store_user_list(struct store *st, struct user_list *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_each(st, "SELECT " USER_COLUMNS " FROM app_user ORDER BY lower(name), id",
	             SQL_NOARGS, user_row, out);
	if (rc)
		user_list_release(out);
	return rc;
}

int store_user_add(struct store *st, const char *name, enum role role,
                   const char *password_hash, struct user *out)
{
	char now[32];
	int64_t id = 0;
	int rc;

	if (out)
		memset(out, 0, sizeof(*out));
	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st, "SELECT id FROM app_user WHERE lower(name) = lower(?)",
	            SQL_ARGS(ARG_TEXT(name)), &id);
	if (rc == 0)
		rc = db_int(
		        st,
		        "INSERT INTO app_user (name, role, password_hash, disabled, "
		        "created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?) RETURNING id",
		        SQL_ARGS(ARG_TEXT(name), ARG_TEXT(role_name(role)),
		                 ARG_TEXT(password_hash), ARG_TEXT(now), ARG_TEXT(now)),
		        &id);
	else if (rc > 0)
		rc = -E_EXISTS;
	/* Found by the check, or by the unique index when another won a race. */
	if (rc == -E_EXISTS)
		rc = error_set(E_EXISTS, "a user named '%s' already exists", name);
	if (rc > 0 && out)
		rc = store_user_get_id(st, id, out);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_user_update(struct store *st, const struct user *u)
{
	char now[32];
	int64_t got = 0;
	int rc;

	store_now(now);
	rc = db_int(st,
	            "UPDATE app_user SET role = ?, disabled = ?, password_hash = ?, "
	            "updated_at = ? WHERE id = ? RETURNING id",
	            SQL_ARGS(ARG_TEXT(role_name(u->role)), ARG_BOOL(u->disabled),
	                     ARG_TEXT(u->password_hash), ARG_TEXT(now), ARG_INT(u->id)),
	            &got);
	if (rc == 0)
		return error_set(E_NOTFOUND, "no user '%s' (see 'isms user list')",
		                 u->name ? u->name : "");
	return rc < 0 ? rc : 0;
}

int store_user_remove(struct store *st, const char *name)
{
	int64_t got = 0;
	int rc = db_int(st,
	                "DELETE FROM app_user WHERE lower(name) = lower(?) RETURNING id",
	                SQL_ARGS(ARG_TEXT(name)), &got);

	if (rc == 0)
		return error_set(E_NOTFOUND, "no user '%s' (see 'isms user list')", name);
	return rc < 0 ? rc : 0;
}

int store_user_count(struct store *st, enum role role, bool enabled_only, int64_t *out)
{
	int rc;

	*out = 0;
	rc = db_int(st,
	            "SELECT count(*) FROM app_user WHERE role = ? AND (? = 0 OR disabled "
	            "= 0)",
	            SQL_ARGS(ARG_TEXT(role_name(role)), ARG_BOOL(enabled_only)), out);
	return rc < 0 ? rc : 0;
}

int store_user_grant(struct store *st, int64_t user_id, int64_t org_id, bool grant,
                     bool *changed)
{
	int64_t got = 0;
	int rc;

	if (grant)
		rc = db_int(st,
		            "INSERT INTO app_user_org (user_id, org_id) VALUES (?, ?) "
		            "ON CONFLICT DO NOTHING RETURNING user_id",
		            SQL_ARGS(ARG_INT(user_id), ARG_INT(org_id)), &got);
	else
		rc = db_int(st,
		            "DELETE FROM app_user_org WHERE user_id = ? AND org_id = ? "
		            "RETURNING user_id",
		            SQL_ARGS(ARG_INT(user_id), ARG_INT(org_id)), &got);
	if (changed)
		*changed = rc > 0;
	return rc < 0 ? rc : 0;
}

static void org_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct org_list *out = ctx;
	struct org *o;

	ALLOC_GROW(out->v, out->n + 1, out->alloc);
	o = &out->v[out->n++];
	o->id = st->ops->integer(rows, 0);
	o->slug = db_strdup(st, rows, 1);
	o->name = db_strdup(st, rows, 2);
	o->created_at = db_strdup(st, rows, 3);
}

int store_user_orgs(struct store *st, int64_t user_id, struct org_list *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_each(st,
	             "SELECT o.id, o.slug, o.name, o.created_at FROM org o "
	             "JOIN app_user_org g ON g.org_id = o.id WHERE g.user_id = ? "
	             "ORDER BY o.slug",
	             SQL_ARGS(ARG_INT(user_id)), org_row, out);
	if (rc)
		org_list_release(out);
	return rc;
}

int store_user_has_org(struct store *st, int64_t user_id, int64_t org_id, bool *out)
{
	int64_t n = 0;
	int rc = db_int(
	        st, "SELECT count(*) FROM app_user_org WHERE user_id = ? AND org_id = ?",
	        SQL_ARGS(ARG_INT(user_id), ARG_INT(org_id)), &n);

	*out = rc > 0 && n > 0;
	return rc < 0 ? rc : 0;
}

/* ---- API tokens ---- */

#define TOKEN_COLUMNS                                                     \
	"t.id, t.user_id, u.name, t.name, t.created_at, t.last_used_at, " \
	"t.revoked_at FROM api_token t JOIN app_user u ON u.id = t.user_id "

static void token_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct api_token_list *out = ctx;
	struct api_token *t;

	ALLOC_GROW(out->v, out->n + 1, out->alloc);
	t = &out->v[out->n++];
	memset(t, 0, sizeof(*t));
	t->id = st->ops->integer(rows, 0);
	t->user_id = st->ops->integer(rows, 1);
	t->user_name = db_strdup(st, rows, 2);
	t->name = db_strdup(st, rows, 3);
	t->created_at = db_strdup(st, rows, 4);
	t->last_used_at = db_strdup(st, rows, 5);
	t->revoked_at = db_strdup(st, rows, 6);
}

static int token_one(struct store *st, const char *sql, const struct sql_arg *args,
                     size_t nargs, struct api_token *out)
{
	struct api_token_list l = { 0 };
	int rc = db_each(st, sql, args, nargs, token_row, &l);

	memset(out, 0, sizeof(*out));
	if (!rc && !l.n)
		rc = error_set(E_NOTFOUND, "no such API token (see 'isms token list')");
	if (!rc) {
		*out = l.v[0];
		memset(&l.v[0], 0, sizeof(l.v[0]));
	}
	api_token_list_release(&l);
	return rc;
}

int store_token_add(struct store *st, int64_t user_id, const char *name,
                    const char *sha256, struct api_token *out)
{
	char now[32];
	int64_t id = 0;
	int rc;

	if (out)
		memset(out, 0, sizeof(*out));
	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st,
	            "INSERT INTO api_token (user_id, name, token_sha256, created_at) "
	            "VALUES (?, ?, ?, ?) RETURNING id",
	            SQL_ARGS(ARG_INT(user_id), ARG_TEXT(name), ARG_TEXT(sha256),
	                     ARG_TEXT(now)),
	            &id);
	if (rc > 0 && out)
		rc = token_one(st, "SELECT " TOKEN_COLUMNS "WHERE t.id = ?",
		               SQL_ARGS(ARG_INT(id)), out);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_token_find(struct store *st, const char *sha256, struct api_token *out)
{
	return token_one(st,
	                 "SELECT " TOKEN_COLUMNS
	                 "WHERE t.token_sha256 = ? AND t.revoked_at IS NULL",
	                 SQL_ARGS(ARG_TEXT(sha256)), out);
}

int store_token_list(struct store *st, int64_t user_id, struct api_token_list *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_each(st,
	             "SELECT " TOKEN_COLUMNS
	             "WHERE (? = 0 OR t.user_id = ?) ORDER BY t.id",
	             SQL_ARGS(ARG_INT(user_id), ARG_INT(user_id)), token_row, out);
	if (rc)
		api_token_list_release(out);
	return rc;
}

int store_token_revoke(struct store *st, int64_t id)
{
	char now[32];
	int64_t got = 0;
	int rc;

	store_now(now);
	/* Revoked once, revoked at that time: a second revoke keeps the first's. */
	rc = db_int(st,
	            "UPDATE api_token SET revoked_at = coalesce(revoked_at, ?) "
	            "WHERE id = ? RETURNING id",
	            SQL_ARGS(ARG_TEXT(now), ARG_INT(id)), &got);
	if (rc == 0)
		return error_set(E_NOTFOUND, "no API token %lld (see 'isms token list')",
		                 (long long)id);
	return rc < 0 ? rc : 0;
}

int store_token_touch(struct store *st, int64_t id, const char *now)
{
	return db_exec(st, "UPDATE api_token SET last_used_at = ? WHERE id = ?",
	               SQL_ARGS(ARG_TEXT(now), ARG_INT(id)));
}

/* ---- login sessions ---- */

int store_session_add(struct store *st, const char *sha256, struct session *s)
{
	int rc =
	        db_int(st,
	               "INSERT INTO session (token_sha256, csrf, user_id, created_at, "
	               "expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	               SQL_ARGS(ARG_TEXT(sha256), ARG_TEXT(s->csrf), ARG_INT(s->user_id),
	                        ARG_TEXT(s->created_at), ARG_TEXT(s->expires_at),
	                        ARG_TEXT(s->last_seen_at)),
	               &s->id);

	return rc < 0 ? rc : 0;
}

static void session_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct session *s = ctx;

	session_release(s);
	s->id = st->ops->integer(rows, 0);
	s->user_id = st->ops->integer(rows, 1);
	s->csrf = db_strdup(st, rows, 2);
	s->created_at = db_strdup(st, rows, 3);
	s->expires_at = db_strdup(st, rows, 4);
	s->last_seen_at = db_strdup(st, rows, 5);
}

int store_session_find(struct store *st, const char *sha256, const char *now,
                       struct session *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_each(st,
	             "SELECT id, user_id, csrf, created_at, expires_at, last_seen_at "
	             "FROM session WHERE token_sha256 = ? AND expires_at > ?",
	             SQL_ARGS(ARG_TEXT(sha256), ARG_TEXT(now)), session_row, out);
	if (!rc && !out->id)
		rc = error_set(E_NOTFOUND, "no such session, or it expired");
	if (rc)
		session_release(out);
	return rc;
}

int store_session_touch(struct store *st, int64_t id, const char *now,
                        const char *expires_at)
{
	return db_exec(st,
	               "UPDATE session SET last_seen_at = ?, expires_at = ? WHERE id = ?",
	               SQL_ARGS(ARG_TEXT(now), ARG_TEXT(expires_at), ARG_INT(id)));
}

int store_session_delete(struct store *st, const char *sha256)
{
	int64_t got = 0;
	int rc = db_int(st, "DELETE FROM session WHERE token_sha256 = ? RETURNING id",
	                SQL_ARGS(ARG_TEXT(sha256)), &got);

	if (rc == 0)
		return error_set(E_NOTFOUND, "no such session");
	return rc < 0 ? rc : 0;
}

int store_session_delete_expired(struct store *st, const char *now, int64_t *n)
{
	int64_t gone = 0;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = db_int(st, "SELECT count(*) FROM session WHERE expires_at <= ?",
	            SQL_ARGS(ARG_TEXT(now)), &gone);
	if (rc >= 0)
		rc = db_exec(st, "DELETE FROM session WHERE expires_at <= ?",
		             SQL_ARGS(ARG_TEXT(now)));
	if (n)
		*n = rc >= 0 ? gone : 0;
	return store_end(st, rc < 0 ? rc : 0);
}

int store_session_delete_user(struct store *st, int64_t user_id)
{
	return db_exec(st, "DELETE FROM session WHERE user_id = ?",
	               SQL_ARGS(ARG_INT(user_id)));
}

/* ---- the set-up token ---- */

int store_setup_token_put(struct store *st, const char *sha256)
{
	char now[32];

	store_now(now);
	return db_exec(st,
	               "INSERT INTO setup_token (id, token_sha256, created_at, used_at) "
	               "VALUES (1, ?, ?, NULL) ON CONFLICT (id) DO UPDATE SET "
	               "token_sha256 = excluded.token_sha256, "
	               "created_at = excluded.created_at, used_at = NULL",
	               SQL_ARGS(ARG_TEXT(sha256), ARG_TEXT(now)));
}

int store_setup_token_pending(struct store *st, bool *out)
{
	int64_t n = 0;
	int rc = db_int(st, "SELECT count(*) FROM setup_token WHERE used_at IS NULL",
	                SQL_NOARGS, &n);

	*out = rc > 0 && n > 0;
	return rc < 0 ? rc : 0;
}

int store_setup_token_use(struct store *st, const char *sha256, const char *now)
{
	int64_t got = 0;
	int rc = db_int(st,
	                "UPDATE setup_token SET used_at = ? WHERE token_sha256 = ? "
	                "AND used_at IS NULL RETURNING id",
	                SQL_ARGS(ARG_TEXT(now), ARG_TEXT(sha256)), &got);

	if (rc == 0)
		return error_set(E_NOTFOUND, "no such set-up token, or it was used");
	return rc < 0 ? rc : 0;
}
