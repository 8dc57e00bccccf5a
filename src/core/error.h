/*
 * error.h - the one project-wide error type.
 *
 * Functions that can fail return 0 on success and a negative error code on
 * failure, after recording a human-readable message with error_set().  The
 * message is kept per thread, so a server thread's error never leaks into
 * another request.  Front ends map the code to an exit status or an HTTP
 * status through the single table in error.c.
 */
#ifndef ISMS_ERROR_H
#define ISMS_ERROR_H

enum err_code {
	E_OK = 0,
	E_USAGE,    /* malformed command line or request shape */
	E_INVALID,  /* a value is out of its domain (bad slug, date, text) */
	E_NOTFOUND, /* an unknown reference, slug or id */
	E_EXISTS,   /* a unique key is already taken */
	E_CONFLICT, /* the record changed under us, or a rule forbids it now */
	E_STORE,    /* the database failed */
	E_SCHEMA,   /* the database is foreign, newer, or damaged */
	E_IO,       /* a file could not be read or written */
	E_INTERNAL, /* a bug: should never reach a user */
	/* not signed in: no credential, or a wrong, expired or revoked one */
	E_AUTH,
	/* signed in, but the role or the organisation grants do not allow it */
	E_FORBIDDEN,
	E_RATE, /* too many attempts: wait before trying again */
	/* the record is no longer the version the caller read (If-Match) */
	E_PRECONDITION,
	E__COUNT
};

/*
 * Record an error and return its negated code, so callers can write
 * `return error_set(E_NOTFOUND, "no organisation '%s'", slug);`.
 */
int error_set(enum err_code code, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Prefix the current message with more context ("loading X: ..."). */
int error_wrap(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

enum err_code error_code(void);
const char *error_message(void);
void error_clear(void);

/* Short stable name of a code, e.g. "not_found" (used in JSON errors). */
const char *error_name(enum err_code code);
int error_exit_status(enum err_code code);
int error_http_status(enum err_code code);

/* Exit statuses, documented in the README. */
#define EXIT_RUNTIME 1
#define EXIT_USAGE 2

/* A programmer mistake: print and abort. */
#define BUG(...) bug_fl(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void bug_fl(const char *file, int line, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

#endif
