/*
 * fuzz-tmpl.c - libFuzzer target for the HTML template engine.  The input
 * is template text, then (after the first NUL or the first "\n---\n") a
 * JSON context.  Whatever the input, the engine must not crash, leak or
 * run unbounded; a failed render leaves the output as it was; and text
 * without '<', raw tags ("{{{", '&') or partials ('>') renders without a
 * '<': a value can never open an element.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "view/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The template's length: up to the first NUL or "\n---\n"; *ctx is after. */
static size_t split(const char *s, size_t size, size_t *ctx)
{
	for (size_t i = 0; i < size; i++) {
		if (!s[i]) {
			*ctx = i + 1;
			return i;
		}
		if (i + 5 <= size && !memcmp(s + i, "\n---\n", 5)) {
			*ctx = i + 5;
			return i;
		}
	}
	*ctx = size;
	return size;
}

static int has(const char *s, const char *part)
{
	return strstr(s, part) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t at, len = split((const char *)data, size, &at);
	char *text = xstrndup((const char *)data, len);
	json_t *ctx = json_loadb((const char *)data + at, size - at,
	                         JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	struct strbuf out;
	int rc;

	strbuf_init(&out, 1 << 20);
	strbuf_addstr(&out, "keep");
	rc = tmpl_render_text(text, ctx, &out);
	if (rc && (out.len != 4 || strcmp(out.buf, "keep")))
		abort();
	if (!rc && !has(text, "<") && !has(text, ">") && !has(text, "&") &&
	    !has(text, "{{{") && memchr(out.buf, '<', out.len))
		abort();
	strbuf_release(&out);
	json_decref(ctx);
	free(text);
	return 0;
}
