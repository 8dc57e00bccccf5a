/*
 * access.h - who may do what: the users' roles, the areas of the program
 * a role may read or change, and the rules for user names and passwords.
 *
 * No I/O: the store keeps users, tokens and sessions (store.h), the app
 * hashes passwords and makes secrets (app.h).  What a role may do is one
 * table here, so the API and every test read the same answer.
 */
#ifndef ISMS_ACCESS_H
#define ISMS_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The roles a user holds (one each).  The first five are people of the
 * organisation; an external auditor comes from the certification body.
 */
enum role {
	ROLE_ADMIN,
	ROLE_ISMS_MANAGER,
	ROLE_AUDITOR,
	ROLE_CONTROL_OWNER,
	ROLE_VIEWER,
	ROLE_EXTERNAL_AUDITOR,
	ROLES_COUNT
};

/* "admin", "isms-manager", "auditor", "control-owner", "viewer",
 * "external-auditor". */
const char *role_name(enum role r);
/* E_INVALID naming the roles when s is none of them. */
int role_parse(const char *s, enum role *out);

/* What the program exposes, as the API groups it. */
enum area {
	AREA_ORG,      /* the organisation's record */
	AREA_SCOPE,    /* the ISMS scope (4.3) */
	AREA_CATALOG,  /* frameworks and their items */
	AREA_GAP,      /* gap assessments: findings, notes, remediation */
	AREA_EVIDENCE, /* evidence files and their records */
	AREA_ASSET,    /* assets and data flows */
	AREA_RISK,     /* the risk method, risks and the treatment plan */
	AREA_SOA,      /* the Statement of Applicability and its versions */
	AREA_PERSON,   /* people, competence, responsibilities (5.3, 7.2) */
	AREA_AUDIT,    /* the audit programme, audits and their reports */
	AREA_CAPA,     /* corrective actions */
	AREA_REVIEW,   /* management reviews */
	AREA_CERT,     /* the certification record */
	AREA_CALENDAR, /* the compliance calendar */
	AREA_USER,     /* users, their grants and API tokens */
	AREA_LOG,      /* the change log */
	AREAS_COUNT
};

const char *area_name(enum area a);
int area_parse(const char *s, enum area *out);

enum access { ACCESS_READ, ACCESS_WRITE };

/*
 * Whether the role may read or change the area, within the organisations
 * granted to the user (the matrix is in access.c).  Organisation grants
 * are the app's part (app_user_can).
 */
bool access_allows(enum role r, enum area a, enum access x);
/*
 * The same, for what belongs to no organisation when !in_org (the
 * catalogue, the list of organisations, users): others than
 * administrators may only read the catalogue and the organisations.
 */
bool access_allows_in(enum role r, enum area a, enum access x, bool in_org);

/* User names: 1-64 of ASCII letters, digits and . _ - @; unique whatever
 * their case. */
#define USER_NAME_MAX 64
int user_name_check(const char *name);
/* Two names that are the same user (ASCII case folded). */
bool user_name_same(const char *a, const char *b);

/*
 * Passwords: at least 12 and at most 1024 bytes, not one character
 * repeated.  Length is what makes a password strong; composition rules
 * ("a digit and a symbol") only make them harder to remember, so there
 * are none.
 */
#define PASSWORD_MIN 12
#define PASSWORD_MAX 1024
int password_check(const char *pw);

/*
 * Add seconds to an ISO 8601 UTC time as store_now() writes it
 * ("2026-01-15T09:00:00Z"); E_INVALID when iso is not one.
 */
int iso_time_add(const char *iso, long seconds, char out[32]);

/* A user as the store keeps them. */
struct user {
	int64_t id;
	char *name;
	enum role role;
	char *password_hash; /* NULL: cannot sign in with a password */
	bool disabled;
	char *created_at;
	char *updated_at;
};

struct user_list {
	struct user *v;
	size_t n, alloc;
};

void user_release(struct user *u);
void user_list_release(struct user_list *l);

/* An API token; the secret itself is never stored, only its SHA-256. */
struct api_token {
	int64_t id;
	int64_t user_id;
	char *user_name;
	char *name;
	char *created_at;
	char *last_used_at; /* NULL: never used */
	char *revoked_at;   /* NULL: valid */
};

struct api_token_list {
	struct api_token *v;
	size_t n, alloc;
};

void api_token_release(struct api_token *t);
void api_token_list_release(struct api_token_list *l);

/* A login session; the cookie's value is never stored, only its SHA-256. */
struct session {
	int64_t id;
	int64_t user_id;
	char *csrf;
	char *created_at;
	char *expires_at; /* the earlier of the idle and the absolute limit */
	char *last_seen_at;
};

void session_release(struct session *s);

#endif
