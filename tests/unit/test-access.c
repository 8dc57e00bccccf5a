/*
 * test-access.c - roles, the authorisation matrix (every role, area and
 * access asserted), user names, passwords and time arithmetic.
 */
#include "unit.h"

#include "core/access.h"

static void test_role_names(void **state)
{
	enum role r;

	(void)state;
	for (int i = 0; i < ROLES_COUNT; i++) {
		assert_ok(role_parse(role_name((enum role)i), &r));
		assert_int_equal(r, i);
	}
	assert_string_equal(role_name(ROLE_ISMS_MANAGER), "isms-manager");
	assert_string_equal(role_name(ROLE_EXTERNAL_AUDITOR), "external-auditor");
	assert_fails(role_parse("root", &r), E_INVALID,
	             "unknown role 'root' (expected admin");
	/* Exactly as written: roles are not folded. */
	assert_fails(role_parse("Admin", &r), E_INVALID, "unknown role");
	assert_fails(role_parse(NULL, &r), E_INVALID, "unknown role ''");
	assert_string_equal(role_name((enum role)99), "?");
}

static void test_area_names(void **state)
{
	static const char *const want[AREAS_COUNT] = {
		"org",  "scope",    "catalog", "gap",   "evidence", "asset",
		"risk", "soa",      "person",  "audit", "capa",     "review",
		"cert", "calendar", "user",    "log",
	};
	enum area a;

	(void)state;
	for (int i = 0; i < AREAS_COUNT; i++) {
		assert_string_equal(area_name((enum area)i), want[i]);
		assert_ok(area_parse(want[i], &a));
		assert_int_equal(a, i);
	}
	assert_fails(area_parse("users", &a), E_INVALID, "unknown area 'users'");
}

/*
 * The matrix written out again, independently of access.c: "rw", "r" or
 * "-" per role in the order admin, isms-manager, auditor, control-owner,
 * viewer, external-auditor.  A change to the rules has to change both.
 */
static const char *const expected[AREAS_COUNT][ROLES_COUNT] = {
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

static void test_matrix_every_cell(void **state)
{
	int checked = 0;

	(void)state;
	for (int a = 0; a < AREAS_COUNT; a++) {
		for (int r = 0; r < ROLES_COUNT; r++) {
			const char *cell = expected[a][r];
			bool read =
			        access_allows((enum role)r, (enum area)a, ACCESS_READ);
			bool write =
			        access_allows((enum role)r, (enum area)a, ACCESS_WRITE);

			assert_non_null(cell);
			if (read != (cell[0] == 'r') || write != !strcmp(cell, "rw"))
				fail_msg("%s on %s: expected %s, got read %d write %d",
				         role_name((enum role)r), area_name((enum area)a),
				         cell, read, write);
			checked += 2;
		}
	}
	assert_int_equal(checked, AREAS_COUNT * ROLES_COUNT * 2);
}

/* The rules in words, so a table typo on both sides is caught too. */
static void test_matrix_rules(void **state)
{
	(void)state;
	for (int a = 0; a < AREAS_COUNT; a++) {
		enum area area = (enum area)a;

		/* An administrator may do everything. */
		assert_true(access_allows(ROLE_ADMIN, area, ACCESS_WRITE));
		/* Writing implies reading, for every role. */
		for (int r = 0; r < ROLES_COUNT; r++)
			if (access_allows((enum role)r, area, ACCESS_WRITE))
				assert_true(
				        access_allows((enum role)r, area, ACCESS_READ));
		/* Viewers and external auditors never change anything. */
		assert_false(access_allows(ROLE_VIEWER, area, ACCESS_WRITE));
		assert_false(access_allows(ROLE_EXTERNAL_AUDITOR, area, ACCESS_WRITE));
		/* Only administrators see users. */
		if (area != AREA_USER)
			assert_true(access_allows(ROLE_ISMS_MANAGER, area, ACCESS_WRITE));
	}
	assert_false(access_allows(ROLE_ISMS_MANAGER, AREA_USER, ACCESS_READ));
	/* The certification body never sees the gap assessment's working notes. */
	assert_false(access_allows(ROLE_EXTERNAL_AUDITOR, AREA_GAP, ACCESS_READ));
	assert_false(access_allows(ROLE_EXTERNAL_AUDITOR, AREA_LOG, ACCESS_READ));
	assert_true(access_allows(ROLE_EXTERNAL_AUDITOR, AREA_SOA, ACCESS_READ));
	/* The internal auditor does not change what they audit. */
	assert_false(access_allows(ROLE_AUDITOR, AREA_RISK, ACCESS_WRITE));
	assert_false(access_allows(ROLE_AUDITOR, AREA_SOA, ACCESS_WRITE));
	assert_false(access_allows(ROLE_AUDITOR, AREA_GAP, ACCESS_WRITE));
	assert_true(access_allows(ROLE_AUDITOR, AREA_AUDIT, ACCESS_WRITE));
	assert_true(access_allows(ROLE_AUDITOR, AREA_LOG, ACCESS_READ));
	assert_true(access_allows(ROLE_CONTROL_OWNER, AREA_GAP, ACCESS_WRITE));
	assert_false(access_allows(ROLE_CONTROL_OWNER, AREA_AUDIT, ACCESS_WRITE));
	/* Out of range is refused, never read past the table. */
	assert_false(access_allows((enum role)ROLES_COUNT, AREA_ORG, ACCESS_READ));
	assert_false(access_allows(ROLE_ADMIN, (enum area)AREAS_COUNT, ACCESS_READ));
}

/* Outside any organisation, only administrators change anything. */
static void test_outside_organisations(void **state)
{
	(void)state;
	for (int r = 0; r < ROLES_COUNT; r++)
		for (int a = 0; a < AREAS_COUNT; a++) {
			bool w = access_allows_in((enum role)r, (enum area)a,
			                          ACCESS_WRITE, false);
			bool rd = access_allows_in((enum role)r, (enum area)a,
			                           ACCESS_READ, false);

			assert_int_equal(w, r == ROLE_ADMIN);
			if (r != ROLE_ADMIN)
				assert_int_equal(rd, a == AREA_CATALOG || a == AREA_ORG);
			/* Within an organisation the matrix alone decides. */
			assert_int_equal(
			        access_allows_in((enum role)r, (enum area)a, ACCESS_WRITE,
			                         true),
			        access_allows((enum role)r, (enum area)a, ACCESS_WRITE));
		}
}

static void test_user_names(void **state)
{
	char longest[USER_NAME_MAX + 2];

	(void)state;
	assert_ok(user_name_check("alice"));
	assert_ok(user_name_check("a"));
	assert_ok(user_name_check("Alice.Smith_2-x@example.org"));
	memset(longest, 'a', USER_NAME_MAX);
	longest[USER_NAME_MAX] = '\0';
	assert_ok(user_name_check(longest));
	longest[USER_NAME_MAX] = 'a';
	longest[USER_NAME_MAX + 1] = '\0';
	assert_fails(user_name_check(longest), E_INVALID, "longer than 64");
	assert_fails(user_name_check(""), E_INVALID, "user name is empty");
	assert_fails(user_name_check(NULL), E_INVALID, "user name is empty");
	assert_fails(user_name_check("al ice"), E_INVALID, "only letters, digits");
	assert_fails(user_name_check("al/ice"), E_INVALID, "only letters, digits");
	assert_fails(user_name_check("j\xc3\xb6rg"), E_INVALID, "only letters, digits");
	assert_fails(user_name_check("a\nb"), E_INVALID, "only letters, digits");
	assert_true(user_name_same("Alice", "aLICE"));
	assert_true(user_name_same("a.b@c", "A.B@C"));
	assert_false(user_name_same("alice", "alicea"));
	assert_false(user_name_same("alice", "alic"));
	assert_false(user_name_same("a-b", "a_b"));
}

static void test_passwords(void **state)
{
	char big[PASSWORD_MAX + 2];

	(void)state;
	assert_ok(password_check("correct horse"));
	assert_ok(password_check("123456789012"));             /* 12: long enough */
	assert_ok(password_check("aaaaaaaaaaab"));             /* not all the same */
	assert_ok(password_check("p\xc3\xa4ssw\xc3\xb6rd!!")); /* bytes, not rules */
	assert_fails(password_check("12345678901"), E_INVALID, "at least 12");
	assert_fails(password_check(""), E_INVALID, "too short");
	assert_fails(password_check(NULL), E_INVALID, "too short");
	assert_fails(password_check("aaaaaaaaaaaaaaaa"), E_INVALID,
	             "one character repeated");
	memset(big, 'x', PASSWORD_MAX);
	big[0] = 'y';
	big[PASSWORD_MAX] = '\0';
	assert_ok(password_check(big));
	big[PASSWORD_MAX] = 'x';
	big[PASSWORD_MAX + 1] = '\0';
	assert_fails(password_check(big), E_INVALID, "at most 1024");
}

static void test_time_add(void **state)
{
	char out[32];

	(void)state;
	assert_ok(iso_time_add("2026-01-15T09:00:00Z", 8 * 3600, out));
	assert_string_equal(out, "2026-01-15T17:00:00Z");
	assert_ok(iso_time_add("2026-12-31T23:30:00Z", 3600, out));
	assert_string_equal(out, "2027-01-01T00:30:00Z");
	assert_ok(iso_time_add("2028-02-28T12:00:00Z", 24 * 3600, out));
	assert_string_equal(out, "2028-02-29T12:00:00Z");
	assert_ok(iso_time_add("2026-03-01T00:00:00Z", -1, out));
	assert_string_equal(out, "2026-02-28T23:59:59Z");
	assert_fails(iso_time_add("2026-02-30T00:00:00Z", 1, out), E_INVALID,
	             "is not a time");
	assert_fails(iso_time_add("2026-01-15", 1, out), E_INVALID, "is not a time");
	assert_fails(iso_time_add("2026-01-15T09:00:00+01", 1, out), E_INVALID,
	             "is not a time");
	assert_fails(iso_time_add(NULL, 1, out), E_INVALID, "is not a time");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_area_names),
		cmocka_unit_test(test_matrix_every_cell),
		cmocka_unit_test(test_matrix_rules),
		cmocka_unit_test(test_outside_organisations),
		cmocka_unit_test(test_user_names),
		cmocka_unit_test(test_passwords),
		cmocka_unit_test(test_time_add),
	};

	return cmocka_run_group_tests_name("access", tests, NULL, NULL);
}
