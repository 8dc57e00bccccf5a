/*
 * access.c - roles, the authorisation matrix, user name and password rules.
 */
#include "core/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"

static const char *const role_names[ROLES_COUNT] = {
	"admin", "isms-manager", "auditor", "control-owner", "viewer", "external-auditor",
};

const char *role_name(enum role r)
{
	return (unsigned)r < ROLES_COUNT ? role_names[r] : "?";
}

int role_parse(const char *s, enum role *out)
{
	for (int i = 0; i < ROLES_COUNT; i++) {
		if (s && !strcmp(s, role_names[i])) {
			*out = (enum role)i;
			return 0;
		}
	}
	return error_set(E_INVALID,
	                 "unknown role '%s' (expected admin, isms-manager, auditor, "
	                 "control-owner, viewer or external-auditor)",
	                 s ? s : "");
}

static const char *const area_names[AREAS_COUNT] = {
	[AREA_ORG] = "org",     [AREA_SCOPE] = "scope",       [AREA_CATALOG] = "catalog",
	[AREA_GAP] = "gap",     [AREA_EVIDENCE] = "evidence", [AREA_ASSET] = "asset",
	[AREA_RISK] = "risk",   [AREA_SOA] = "soa",           [AREA_PERSON] = "person",
	[AREA_AUDIT] = "audit", [AREA_CAPA] = "capa",         [AREA_REVIEW] = "review",
	[AREA_CERT] = "cert",   [AREA_CALENDAR] = "calendar", [AREA_USER] = "user",
	[AREA_LOG] = "log",
};

const char *area_name(enum area a)
{
	return (unsigned)a < AREAS_COUNT ? area_names[a] : "?";
}

int area_parse(const char *s, enum area *out)
{
	for (int i = 0; i < AREAS_COUNT; i++) {
		if (s && !strcmp(s, area_names[i])) {
			*out = (enum area)i;
			return 0;
		}
	}
	return error_set(E_INVALID, "unknown area '%s'", s ? s : "");
}

/*
 * The authorisation matrix: "rw" read and change, "r" read only, "-"
 * nothing.  It holds within the organisations granted to a user; an
 * administrator is granted every organisation (app_user_can).  The areas
 * are coarse on purpose: finer rules inside an area (an auditor records
 * audit evidence and verifies corrective actions, a control owner sets
 * the status of the actions they own) belong to the operations.
 *
 *   area      admin isms-   auditor control- viewer external-
 *                   manager         owner           auditor
 *   org       rw    rw      r       r        r      r
 *   scope     rw    rw      r       r        r      r
 *   catalog   rw    rw      r       r        r      r
 *   gap       rw    rw      r       rw       r      -
 *   evidence  rw    rw      rw      rw       r      r
 *   asset     rw    rw      r       r        r      r
 *   risk      rw    rw      r       rw       r      r
 *   soa       rw    rw      r       r        r      r
 *   person    rw    rw      r       r        r      r
 *   audit     rw    rw      rw      r        r      r
 *   capa      rw    rw      rw      rw       r      r
 *   review    rw    rw      r       r        r      r
 *   cert      rw    rw      r       r        r      r
 *   calendar  rw    rw      r       r        r      r
 *   user      rw    -       -       -        -      -
 *   log       rw    rw      r       -        -      -
 *
 * Why:
 * - The ISMS manager runs the ISMS but does not decide who gets access:
 *   keeping user administration with a separate administrator is the
 *   segregation of duties that A.5.3 and A.5.15 ask of everyone else.
 * - The internal auditor reads everything in the organisations granted to
 *   them (9.2 needs access to all of the ISMS, the change log included)
 *   and writes only what the audit produces: the audit itself, its
 *   evidence, and the verification of corrective actions.  Being able to
 *   change the gap assessment, risks or the SoA would be auditing their
 *   own work (9.2 impartiality).
 * - A control owner keeps their part of the gap assessment, its
 *   evidence, risk treatment actions and their corrective actions
 *   current; scope, the SoA and audits are decided by others.
 * - A viewer (top management) reads dashboards and reports; users and
 *   the change log are administration, not management information.
 * - The external auditor of the certification body reads what a Stage 1
 *   and Stage 2 audit examine: the scope (4.3), the risk assessment and
 *   treatment with the assets they rest on (6.1.2, 6.1.3, 8.2, 8.3), the
 *   SoA (6.1.3 d), people's competence (7.2), internal audits (9.2),
 *   management reviews (9.3), corrective actions (10.2), evidence, the
 *   certification record and calendar, and the catalogue the references
 *   point into.  Never the gap assessment: it is the organisation's own
 *   working notes towards certification, often written with a
 *   consultant, and a certification body may not audit its way through
 *   (or be seen to have had a hand in) pre-certification consultancy
 *   (ISO/IEC 17021-1 impartiality).  Evidence an assessment produced is
 *   the operations' to filter out by its origin.  Neither users nor the
 *   change log are theirs to see; nor may they change anything.
 * - The catalogue and creating organisations are not per organisation,
 *   so app_user_can leaves changing them to administrators whatever this
 *   table says of other roles.
 */
static const char *const matrix[AREAS_COUNT][ROLES_COUNT] = {
	/*                admin isms-manager auditor control-owner viewer external */
	[AREA_ORG] = { "rw", "rw", "r", "r", "r", "r" },
	[AREA_SCOPE] = { "rw", "rw", "r", "r", "r", "r" },
	[AREA_CATALOG] = { "rw", "rw", "r", "r", "r", "r" },
	[AREA_GAP] = { "rw", "rw", "r", "rw", "r", "-" },
	[AREA_EVIDENCE] = { "rw", "rw", "rw", "rw", "r", "r" },
	[AREA_ASSET] = { "rw", "rw", "r", "r", "r", "r" },
	[AREA_RISK] = { "rw", "rw", "r", "rw", "r", "r" },
	[AREA_SOA] = { "rw", "rw", "r", "r", "r", "r" },
	[AREA_PERSON] = { "rw", "rw", "r", "r", "r", "r" },
	[AREA_AUDIT] = { "rw", "rw", "rw", "r", "r", "r" },
	[AREA_CAPA] = { "rw", "rw", "rw", "rw", "r", "r" },
	[AREA_REVIEW] = { "rw", "rw", "r", "r", "r", "r" },
	[AREA_CERT] = { "rw", "rw", "r", "r", "r", "r" },
	[AREA_CALENDAR] = { "rw", "rw", "r", "r", "r", "r" },
	[AREA_USER] = { "rw", "-", "-", "-", "-", "-" },
	[AREA_LOG] = { "rw", "rw", "r", "-", "-", "-" },
};

bool access_allows(enum role r, enum area a, enum access x)
{
	const char *cell;

	if ((unsigned)r >= ROLES_COUNT || (unsigned)a >= AREAS_COUNT)
		return false;
	cell = matrix[a][r];
	return x == ACCESS_READ ? cell[0] == 'r' : cell[0] == 'r' && cell[1] == 'w';
}

bool access_allows_in(enum role r, enum area a, enum access x, bool in_org)
{
	if (!access_allows(r, a, x))
		return false;
	if (in_org || r == ROLE_ADMIN)
		return true;
	return x == ACCESS_READ && (a == AREA_CATALOG || a == AREA_ORG);
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '@';
}

int user_name_check(const char *name)
{
	size_t n;

	if (!name || !*name)
		return error_set(E_INVALID, "user name is empty");
	n = strlen(name);
	if (n > USER_NAME_MAX)
		return error_set(E_INVALID, "user name is longer than %d characters",
		                 USER_NAME_MAX);
	/* A small alphabet: names appear in logs, cookies' owners and URLs. */
	for (size_t i = 0; i < n; i++)
		if (!name_char(name[i]))
			return error_set(E_INVALID,
			                 "user name '%s' may hold only letters, digits "
			                 "and . _ - @",
			                 name);
	return 0;
}

static char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool user_name_same(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (fold(*a) != fold(*b))
			return false;
	return *a == *b;
}

int password_check(const char *pw)
{
	size_t n = pw ? strlen(pw) : 0;
	bool same = true;

	if (n < PASSWORD_MIN)
		return error_set(E_INVALID,
		                 "the password is too short: at least %d "
		                 "characters",
		                 PASSWORD_MIN);
	if (n > PASSWORD_MAX)
		return error_set(E_INVALID, "the password is too long: at most %d bytes",
		                 PASSWORD_MAX);
	for (size_t i = 1; i < n && same; i++)
		same = pw[i] == pw[0];
	if (same)
		return error_set(
		        E_INVALID,
		        "the password is one character repeated; choose another");
	return 0;
}

int iso_time_add(const char *iso, long seconds, char out[32])
{
	struct tm tm = { 0 };
	char again[32];
	time_t t;
	char z = 0;

	if (!iso || strlen(iso) != 20 ||
	    sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	           &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7 ||
	    z != 'Z')
		goto bad;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	/* Written back, a real time reads the same: no 31st of February. */
	if (!gmtime_r(&t, &tm) ||
	    !strftime(again, sizeof(again), "%Y-%m-%dT%H:%M:%SZ", &tm) ||
	    strcmp(again, iso))
		goto bad;
	t += seconds;
	if (!gmtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		goto bad;
	return 0;
bad:
	return error_set(E_INVALID, "'%s' is not a time as YYYY-MM-DDTHH:MM:SSZ",
	                 iso ? iso : "");
}

void user_release(struct user *u)
{
	free(u->name);
	free(u->password_hash);
	free(u->created_at);
	free(u->updated_at);
	memset(u, 0, sizeof(*u));
}

void user_list_release(struct user_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		user_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void api_token_release(struct api_token *t)
{
	free(t->user_name);
	free(t->name);
	free(t->created_at);
	free(t->last_used_at);
	free(t->revoked_at);
	memset(t, 0, sizeof(*t));
}

void api_token_list_release(struct api_token_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		api_token_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void session_release(struct session *s)
{
	free(s->csrf);
	free(s->created_at);
	free(s->expires_at);
	free(s->last_seen_at);
	memset(s, 0, sizeof(*s));
}
