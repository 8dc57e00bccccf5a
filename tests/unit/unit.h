/*
 * unit.h - what every unit test includes: cmocka and small helpers for
 * temporary stores.
 */
#ifndef ISMS_UNIT_H
#define ISMS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/error.h"

/* Assert a call failed with the given code and its message holds `part`. */
#define assert_fails(call, code, part)                                            \
	do {                                                                      \
		int rc_ = (call);                                                 \
		if (rc_ != -(int)(code) || !strstr(error_message(), (part)))      \
			fail_msg("expected %s containing '%s', got %d: %s",       \
			         error_name(code), (part), rc_, error_message()); \
	} while (0)

#define assert_ok(call)                                                              \
	do {                                                                         \
		int rc_ = (call);                                                    \
		if (rc_ != 0)                                                        \
			fail_msg("%s failed (%d): %s", #call, rc_, error_message()); \
	} while (0)

/*
 * A fresh store target for one test.  With ISMS_TEST_STORE set to a
 * command (e.g. one that creates a PostgreSQL database and prints its URL),
 * that command provides it; otherwise it is a new SQLite file in a
 * temporary directory.  Returns a static buffer.
 */
static inline const char *unit_store_target(void)
{
	static char buf[4096];
	static int n;
	const char *cmd = getenv("ISMS_TEST_STORE");

	if (cmd && *cmd) {
		FILE *p = popen(cmd, "r");

		if (!p || !fgets(buf, sizeof(buf), p))
			fail_msg("ISMS_TEST_STORE command failed");
		pclose(p);
		buf[strcspn(buf, "\n")] = '\0';
		return buf;
	}
	{
		static char dir[256];

		if (!dir[0]) {
			const char *tmp = getenv("TMPDIR");

			snprintf(dir, sizeof(dir), "%s/isms-unit.XXXXXX",
			         tmp && *tmp ? tmp : "/tmp");
			if (!mkdtemp(dir))
				fail_msg("mkdtemp failed");
		}
		snprintf(buf, sizeof(buf), "%s/store%d.db", dir, ++n);
	}
	return buf;
}

#endif
