/*
 * users.c - users, passwords, login sessions, API tokens, the set-up
 * token, and whether a user may do something.
 *
 * Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str) at
 * its "interactive" cost: 64 MiB and two passes, a quarter of a second
 * on a small server.  The "moderate" cost (256 MiB, three passes) takes
 * over a second and a quarter of a gigabyte per sign-in, which a server
 * taking several sign-ins at once cannot afford.  A hash made with other
 * parameters is made again at the next sign-in.
 *
 * Secrets (session cookies, CSRF tokens, API tokens, the set-up token)
 * are 32 random bytes in URL-safe base64; the store keeps only their
 * SHA-256.  They are long and random, so, unlike passwords, a fast hash
 * suffices: nothing can be guessed from it.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/text.h"
#include "core/xalloc.h"

#define PWHASH_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PWHASH_MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

/* Random bytes in a secret, and their length in base64 without padding. */
#define SECRET_BYTES 32
#define SECRET_B64_LEN 43
#define TOKEN_PREFIX "isms_"
#define SETUP_PREFIX "isms_setup_"

/*
 * A hash of a random password nobody knows, made with the parameters
 * above: sign-ins of unknown, disabled or password-less users are
 * checked against it, so that they take as long as a wrong password and
 * the time taken does not tell which names exist.
 */
static const char dummy_hash[] = "$argon2id$v=19$m=65536,t=2,p=1$OFS+SMB1bFVMYLrBWhoZOg$"
                                 "AnGhWADr/t2JPlbFgHKEUf7Glw661UFdsHxbTJfT9fc";

static const char login_failed[] = "wrong user name or password";

static int crypto_ready(void)
{
	/* Safe to call again and from several threads; 1 once done. */
	if (sodium_init() < 0)
		return error_set(E_INTERNAL, "cannot initialise libsodium");
	return 0;
}

/* prefix followed by SECRET_BYTES random bytes in URL-safe base64. */
static void secret_make(const char *prefix, char out[APP_SECRET_MAX])
{
	unsigned char raw[SECRET_BYTES];
	size_t n = strlen(prefix);

	randombytes_buf(raw, sizeof(raw));
	memcpy(out, prefix, n);
	sodium_bin2base64(out + n, APP_SECRET_MAX - n, raw, sizeof(raw),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

/* Whether s looks like a secret made by secret_make() with that prefix. */
static bool secret_well_formed(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);

	if (!s || strncmp(s, prefix, n) ||
	    strnlen(s + n, SECRET_B64_LEN + 1) != SECRET_B64_LEN)
		return false;
	for (s += n; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

static void secret_digest(const char *secret, char out[SHA256_HEX_LEN + 1])
{
	sha256_hex(secret, strlen(secret), out);
}

/* Check and hash a password. */
static int password_hash(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	int rc = password_check(pw);

	if (!rc)
		rc = crypto_ready();
	if (!rc && crypto_pwhash_str(out, pw, strlen(pw), PWHASH_OPS, PWHASH_MEM))
		rc = error_set(E_INTERNAL, "cannot hash the password: out of memory");
	return rc;
}

void session_new_release(struct session_new *s)
{
	sodium_memzero(s->token, sizeof(s->token));
	sodium_memzero(s->csrf, sizeof(s->csrf));
	user_release(&s->user);
	memset(s, 0, sizeof(*s));
}

/* ---- users ---- */

int app_user_add(struct store *st, const char *name, const char *role,
                 const char *password, const char *org_slug, struct user *out)
{
	char hash[crypto_pwhash_STRBYTES] = { 0 };
	struct org org = { 0 };
	struct user u = { 0 };
	enum role r = ROLE_VIEWER;
	int rc = user_name_check(name);

	if (out)
		memset(out, 0, sizeof(*out));
	if (!rc)
		rc = role_parse(role, &r);
	if (!rc && org_slug)
		rc = slug_check("organisation slug", org_slug);
	/* What can be refused is, before a quarter of a second of hashing. */
	if (!rc && org_slug)
		rc = store_org_get(st, org_slug, &org);
	if (!rc && store_user_get(st, name, &u) == 0)
		rc = error_set(E_EXISTS, "a user named '%s' already exists", u.name);
	user_release(&u);
	if (!rc && password)
		rc = password_hash(password, hash);
	if (!rc)
		rc = store_begin(st);
	if (!rc) {
		rc = store_user_add(st, name, r, password ? hash : NULL, &u);
		if (!rc && org_slug)
			rc = store_user_grant(st, u.id, org.id, true, NULL);
		rc = store_end(st, rc);
	}
	if (!rc && out)
		*out = u;
	else
		user_release(&u);
	org_release(&org);
	return rc;
}

int app_user_get(struct store *st, const char *name, struct user *out,
                 struct org_list *orgs)
{
	int rc = user_name_check(name);

	memset(out, 0, sizeof(*out));
	if (orgs)
		memset(orgs, 0, sizeof(*orgs));
	if (rc)
		return rc;
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = store_user_get(st, name, out);
	if (!rc && orgs)
		rc = store_user_orgs(st, out->id, orgs);
	rc = store_end(st, rc);
	if (rc)
		user_release(out);
	return rc;
}

int app_user_list(struct store *st, struct user_list *out)
{
	return store_user_list(st, out);
}

int app_user_list_orgs(struct store *st, struct user_orgs *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	/* One snapshot: each user's grants as they were with the list. */
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = store_user_list(st, &out->users);
	if (!rc && out->users.n)
		out->orgs = xcalloc(out->users.n, sizeof(*out->orgs));
	for (size_t i = 0; !rc && i < out->users.n; i++)
		rc = store_user_orgs(st, out->users.v[i].id, &out->orgs[i]);
	rc = store_end(st, rc);
	if (rc)
		user_orgs_release(out);
	return rc;
}

void user_orgs_release(struct user_orgs *l)
{
	for (size_t i = 0; l->orgs && i < l->users.n; i++)
		org_list_release(&l->orgs[i]);
	free(l->orgs);
	user_list_release(&l->users);
	memset(l, 0, sizeof(*l));
}

/*
 * Refuse to leave the store without an enabled administrator: nobody
 * could then manage users but by editing the database.
 */
static int keep_an_admin(struct store *st, const struct user *before, bool stays,
                         const char *doing)
{
	int64_t n = 0;
	int rc;

	if (before->role != ROLE_ADMIN || before->disabled || stays)
		return 0;
	rc = store_user_count(st, ROLE_ADMIN, true, &n);
	if (!rc && n <= 1)
		rc = error_set(E_CONFLICT,
		               "'%s' is the only enabled administrator; make another "
		               "user an administrator before %s them",
		               before->name, doing);
	return rc;
}

int app_user_set(struct store *st, const char *name, const char *role, int disabled)
{
	struct user u = { 0 };
	enum role r = ROLE_VIEWER;
	bool was_disabled = false;
	int rc = user_name_check(name);

	if (!rc && role)
		rc = role_parse(role, &r);
	if (rc)
		return rc;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_user_get(st, name, &u);
	if (!rc) {
		was_disabled = u.disabled;
		if (role && r != u.role)
			rc = keep_an_admin(st, &u, r == ROLE_ADMIN,
			                   "giving another role to");
		if (!rc && disabled == 1)
			rc = keep_an_admin(st, &u, false, "disabling");
		if (!rc) {
			if (role)
				u.role = r;
			if (disabled >= 0)
				u.disabled = disabled != 0;
			rc = store_user_update(st, &u);
		}
		/* A disabled user's sessions end now, not when they expire. */
		if (!rc && u.disabled && !was_disabled)
			rc = store_session_delete_user(st, u.id);
	}
	user_release(&u);
	return store_end(st, rc);
}

int app_user_set_flags(struct store *st, const char *name, const char *role, bool disable,
                       bool enable)
{
	if (disable && enable)
		return error_set(E_USAGE, "--disable and --enable exclude each other");
	if (!role && !disable && !enable)
		return error_set(E_USAGE,
		                 "nothing to change: give --role ROLE, --disable or "
		                 "--enable");
	return app_user_set(st, name, role, disable ? 1 : enable ? 0 : -1);
}

int app_user_set_password(struct store *st, const char *name, const char *password)
{
	char hash[crypto_pwhash_STRBYTES] = { 0 };
	struct user u = { 0 };
	int rc = user_name_check(name);

	if (!rc && password)
		rc = password_hash(password, hash);
	if (rc)
		return rc;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_user_get(st, name, &u);
	if (!rc) {
		free(u.password_hash);
		u.password_hash = password ? xstrdup(hash) : NULL;
		rc = store_user_update(st, &u);
	}
	/* Whoever held a session with the old password loses it. */
	if (!rc)
		rc = store_session_delete_user(st, u.id);
	user_release(&u);
	return store_end(st, rc);
}

int app_user_grant(struct store *st, const char *name, const char *org_slug, bool grant,
                   bool *changed)
{
	struct user u = { 0 };
	struct org org = { 0 };
	int rc = user_name_check(name);

	if (changed)
		*changed = false;
	if (!rc)
		rc = slug_check("organisation slug", org_slug);
	if (rc)
		return rc;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_user_get(st, name, &u);
	if (!rc)
		rc = store_org_get(st, org_slug, &org);
	if (!rc)
		rc = store_user_grant(st, u.id, org.id, grant, changed);
	user_release(&u);
	org_release(&org);
	return store_end(st, rc);
}

int app_user_remove(struct store *st, const char *name)
{
	struct user u = { 0 };
	int rc = user_name_check(name);

	if (rc)
		return rc;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_user_get(st, name, &u);
	if (!rc)
		rc = keep_an_admin(st, &u, false, "removing");
	if (!rc)
		rc = store_user_remove(st, u.name);
	user_release(&u);
	return store_end(st, rc);
}

/* ---- sign-in and sessions ---- */

/* The earlier of now plus the idle limit and the session's absolute end. */
static int session_expiry(const char *created_at, const char *now, char out[32])
{
	char absolute[32];
	int rc = iso_time_add(now, SESSION_IDLE_SECONDS, out);

	if (!rc)
		rc = iso_time_add(created_at, SESSION_ABSOLUTE_SECONDS, absolute);
	if (!rc && strcmp(absolute, out) < 0)
		memcpy(out, absolute, sizeof(absolute));
	return rc;
}

int app_login(struct store *st, const char *name, const char *password,
              struct session_new *out)
{
	char digest[SHA256_HEX_LEN + 1], now[32];
	char hash[crypto_pwhash_STRBYTES] = { 0 }, rehash[crypto_pwhash_STRBYTES];
	struct session s = { 0 };
	struct user *u = &out->user;
	const char *chosen = dummy_hash;
	size_t len = password ? strnlen(password, PASSWORD_MAX + 1) : 0;
	bool known = false, ok;
	int rc = crypto_ready();

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	if (!user_name_check(name)) {
		rc = store_user_get(st, name, u);
		if (rc && rc != -E_NOTFOUND)
			return rc;
		known = !rc && !u->disabled && u->password_hash;
		if (known)
			chosen = u->password_hash;
	}
	/* A hash too long for libsodium's buffer is no hash of ours. */
	if (strlen(chosen) >= sizeof(hash)) {
		known = false;
		chosen = dummy_hash;
	}
	memcpy(hash, chosen, strlen(chosen));
	/* The same work whether or not the user may sign in at all. */
	ok = crypto_pwhash_str_verify(hash, password ? password : "",
	                              len > PASSWORD_MAX ? PASSWORD_MAX : len) == 0;
	if (!known || !ok || len > PASSWORD_MAX) {
		user_release(u);
		return error_set(E_AUTH, "%s", login_failed);
	}
	/* A hash made with other parameters is made again with these. */
	if (crypto_pwhash_str_needs_rehash(hash, PWHASH_OPS, PWHASH_MEM) &&
	    !crypto_pwhash_str(rehash, password, len, PWHASH_OPS, PWHASH_MEM)) {
		free(u->password_hash);
		u->password_hash = xstrdup(rehash);
		rc = store_user_update(st, u);
	}
	store_now(now);
	secret_make("", out->token);
	secret_make("", out->csrf);
	secret_digest(out->token, digest);
	s.user_id = u->id;
	s.csrf = out->csrf;
	s.created_at = now;
	s.last_seen_at = now;
	if (!rc)
		rc = session_expiry(now, now, out->expires_at);
	s.expires_at = out->expires_at;
	if (!rc)
		rc = store_begin(st);
	if (!rc) {
		/* Signing in is a good moment to sweep out expired sessions. */
		rc = store_session_delete_expired(st, now, NULL);
		if (!rc)
			rc = store_session_add(st, digest, &s);
		rc = store_end(st, rc);
	}
	if (rc)
		session_new_release(out);
	return rc;
}

int app_session_check(struct store *st, const char *token, struct user *user,
                      struct session *sess)
{
	char digest[SHA256_HEX_LEN + 1], now[32], expires[32];
	int rc;

	memset(user, 0, sizeof(*user));
	memset(sess, 0, sizeof(*sess));
	if (!secret_well_formed(token, ""))
		return error_set(E_AUTH, "not signed in, or the session expired");
	secret_digest(token, digest);
	store_now(now);
	rc = store_session_find(st, digest, now, sess);
	if (!rc)
		rc = store_user_get_id(st, sess->user_id, user);
	if (rc == -E_NOTFOUND || (!rc && user->disabled))
		rc = error_set(E_AUTH, "not signed in, or the session expired");
	/* Moved on at most once a minute, not written on every request. */
	if (!rc && strncmp(sess->last_seen_at, now, 16)) {
		rc = session_expiry(sess->created_at, now, expires);
		if (!rc)
			rc = store_session_touch(st, sess->id, now, expires);
		if (!rc) {
			free(sess->last_seen_at);
			free(sess->expires_at);
			sess->last_seen_at = xstrdup(now);
			sess->expires_at = xstrdup(expires);
		}
	}
	if (rc) {
		user_release(user);
		session_release(sess);
	}
	return rc;
}

int app_logout(struct store *st, const char *token)
{
	char digest[SHA256_HEX_LEN + 1];
	int rc;

	if (!secret_well_formed(token, ""))
		return error_set(E_AUTH, "not signed in");
	secret_digest(token, digest);
	rc = store_session_delete(st, digest);
	if (rc == -E_NOTFOUND)
		rc = error_set(E_AUTH, "not signed in");
	return rc;
}

int app_session_purge(struct store *st, int64_t *n)
{
	char now[32];

	store_now(now);
	return store_session_delete_expired(st, now, n);
}

/* ---- API tokens ---- */

int app_token_add(struct store *st, const char *user_name, const char *token_name,
                  struct api_token *out, char secret[APP_SECRET_MAX])
{
	char digest[SHA256_HEX_LEN + 1];
	struct user u = { 0 };
	int rc = user_name_check(user_name);

	secret[0] = '\0';
	if (out)
		memset(out, 0, sizeof(*out));
	if (!rc)
		rc = text_check("token name", token_name, TEXT_NAME_MAX, TEXT_REQUIRED);
	if (!rc)
		rc = crypto_ready();
	if (rc)
		return rc;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_user_get(st, user_name, &u);
	if (!rc) {
		secret_make(TOKEN_PREFIX, secret);
		secret_digest(secret, digest);
		rc = store_token_add(st, u.id, token_name, digest, out);
	}
	user_release(&u);
	rc = store_end(st, rc);
	if (rc)
		sodium_memzero(secret, APP_SECRET_MAX);
	return rc;
}

int app_token_check(struct store *st, const char *secret, struct user *out)
{
	char digest[SHA256_HEX_LEN + 1], now[32];
	struct api_token t = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if (!secret_well_formed(secret, TOKEN_PREFIX))
		return error_set(E_AUTH, "invalid or revoked API token");
	secret_digest(secret, digest);
	rc = store_token_find(st, digest, &t);
	if (!rc)
		rc = store_user_get_id(st, t.user_id, out);
	if (rc == -E_NOTFOUND || (!rc && out->disabled))
		rc = error_set(E_AUTH, "invalid or revoked API token");
	store_now(now);
	/* Recorded at most once a minute. */
	if (!rc && (!t.last_used_at || strncmp(t.last_used_at, now, 16)))
		rc = store_token_touch(st, t.id, now);
	api_token_release(&t);
	if (rc)
		user_release(out);
	return rc;
}

int app_token_list(struct store *st, const char *user_name, struct api_token_list *out)
{
	struct user u = { 0 };
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (user_name) {
		rc = user_name_check(user_name);
		if (!rc)
			rc = store_user_get(st, user_name, &u);
	}
	if (!rc)
		rc = store_token_list(st, u.id, out);
	user_release(&u);
	return rc;
}

int app_token_id_parse(const char *s, int64_t *out)
{
	char *end;
	long long id;

	id = strtoll(s, &end, 10);
	if (!*s || *end || id <= 0)
		return error_set(E_USAGE,
		                 "'%s' is not a token id (see 'isms token list')", s);
	*out = (int64_t)id;
	return 0;
}

int app_token_revoke_own(struct store *st, const char *user_name, int64_t id)
{
	struct api_token_list l = { 0 };
	bool own = false;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = app_token_list(st, user_name, &l);
	for (size_t i = 0; !rc && i < l.n; i++)
		own = own || l.v[i].id == id;
	/* Another user's token is not told apart from one that does not exist. */
	if (!rc && !own)
		rc = error_set(E_NOTFOUND, "%s has no API token %lld", user_name,
		               (long long)id);
	if (!rc)
		rc = store_token_revoke(st, id);
	api_token_list_release(&l);
	return store_end(st, rc);
}

int app_token_revoke(struct store *st, int64_t id)
{
	if (id <= 0)
		return error_set(E_NOTFOUND, "no API token %lld (see 'isms token list')",
		                 (long long)id);
	return store_token_revoke(st, id);
}

/* ---- what a user may do ---- */

int app_user_can(struct store *st, const struct user *u, int64_t org_id, enum area area,
                 enum access access)
{
	const char *verb = access == ACCESS_READ ? "read" : "change";
	bool granted = false;
	int rc;

	if (u->disabled)
		return error_set(E_AUTH, "the user '%s' is disabled", u->name);
	if (!access_allows(u->role, area, access))
		return error_set(E_FORBIDDEN, "the role %s may not %s %s",
		                 role_name(u->role), verb, area_name(area));
	/* What belongs to no organisation is for administrators to change. */
	if (!access_allows_in(u->role, area, access, org_id != 0))
		return error_set(E_FORBIDDEN, "only an administrator may %s %s here",
		                 verb, area_name(area));
	if (u->role == ROLE_ADMIN || org_id == 0)
		return 0;
	rc = store_user_has_org(st, u->id, org_id, &granted);
	if (!rc && !granted)
		rc = error_set(E_FORBIDDEN, "'%s' has no access to this organisation",
		               u->name);
	return rc;
}

/* ---- the first administrator ---- */

int app_setup_token_create(struct store *st, char secret[APP_SECRET_MAX])
{
	char digest[SHA256_HEX_LEN + 1];
	int64_t admins = 0;
	int rc = crypto_ready();

	secret[0] = '\0';
	if (!rc)
		rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_user_count(st, ROLE_ADMIN, true, &admins);
	if (!rc && admins)
		rc = error_set(E_CONFLICT,
		               "an administrator exists already; add users with 'isms "
		               "user add NAME --role ROLE'");
	if (!rc) {
		secret_make(SETUP_PREFIX, secret);
		secret_digest(secret, digest);
		rc = store_setup_token_put(st, digest);
	}
	rc = store_end(st, rc);
	if (rc)
		sodium_memzero(secret, APP_SECRET_MAX);
	return rc;
}

int app_setup_token_use(struct store *st, const char *secret, const char *name,
                        const char *password, struct user *out)
{
	char hash[crypto_pwhash_STRBYTES] = { 0 };
	char digest[SHA256_HEX_LEN + 1], now[32];
	int64_t admins = 0;
	int rc;

	if (out)
		memset(out, 0, sizeof(*out));
	if (!secret_well_formed(secret, SETUP_PREFIX))
		return error_set(E_AUTH, "wrong or used set-up token");
	rc = user_name_check(name);
	if (!rc)
		rc = password_hash(password, hash);
	if (rc)
		return rc;
	secret_digest(secret, digest);
	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	/* The token first: without it, nothing about the store is told. */
	rc = store_setup_token_use(st, digest, now);
	if (rc == -E_NOTFOUND)
		rc = error_set(E_AUTH, "wrong or used set-up token");
	if (!rc)
		rc = store_user_count(st, ROLE_ADMIN, true, &admins);
	if (!rc && admins)
		rc = error_set(E_CONFLICT, "an administrator exists already");
	if (!rc)
		rc = store_user_add(st, name, ROLE_ADMIN, hash, out);
	return store_end(st, rc);
}
