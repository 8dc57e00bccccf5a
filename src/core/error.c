#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG_MAX 1024

static _Thread_local enum err_code cur_code;
static _Thread_local char cur_msg[MSG_MAX];

static const struct {
	const char *name;
	int exit_status;
	int http_status;
} table[E__COUNT] = {
	[E_OK] = { "ok", 0, 200 },
	[E_USAGE] = { "usage", EXIT_USAGE, 400 },
	[E_INVALID] = { "invalid", EXIT_USAGE, 422 },
	[E_NOTFOUND] = { "not_found", EXIT_RUNTIME, 404 },
	[E_EXISTS] = { "exists", EXIT_RUNTIME, 409 },
	[E_CONFLICT] = { "conflict", EXIT_RUNTIME, 409 },
	[E_STORE] = { "store", EXIT_RUNTIME, 503 },
	[E_SCHEMA] = { "schema", EXIT_RUNTIME, 500 },
	[E_IO] = { "io", EXIT_RUNTIME, 500 },
	[E_INTERNAL] = { "internal", EXIT_RUNTIME, 500 },
	[E_AUTH] = { "unauthenticated", EXIT_RUNTIME, 401 },
	[E_FORBIDDEN] = { "forbidden", EXIT_RUNTIME, 403 },
	[E_RATE] = { "rate_limited", EXIT_RUNTIME, 429 },
	[E_PRECONDITION] = { "precondition_failed", EXIT_RUNTIME, 412 },
};

int error_set(enum err_code code, const char *fmt, ...)
{
	va_list ap;

	if (code <= E_OK || code >= E__COUNT)
		code = E_INTERNAL;
	cur_code = code;
	va_start(ap, fmt);
	vsnprintf(cur_msg, sizeof(cur_msg), fmt, ap);
	va_end(ap);
	return -(int)code;
}

int error_wrap(const char *fmt, ...)
{
	char prefix[MSG_MAX];
	char old[MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, cur_msg, sizeof(old));
	/* Long messages are cut at the buffer's end, which is fine. */
	if (snprintf(cur_msg, sizeof(cur_msg), "%s: %s", prefix, old) < 0)
		cur_msg[0] = '\0';
	if (cur_code == E_OK)
		cur_code = E_INTERNAL;
	return -(int)cur_code;
}

enum err_code error_code(void)
{
	return cur_code;
}

const char *error_message(void)
{
	return cur_code == E_OK ? "no error" : cur_msg;
}

void error_clear(void)
{
	cur_code = E_OK;
	cur_msg[0] = '\0';
}

const char *error_name(enum err_code code)
{
	if (code < E_OK || code >= E__COUNT)
		code = E_INTERNAL;
	return table[code].name;
}

int error_exit_status(enum err_code code)
{
	if (code < E_OK || code >= E__COUNT)
		code = E_INTERNAL;
	return table[code].exit_status;
}

int error_http_status(enum err_code code)
{
	if (code < E_OK || code >= E__COUNT)
		code = E_INTERNAL;
	return table[code].http_status;
}

void bug_fl(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
