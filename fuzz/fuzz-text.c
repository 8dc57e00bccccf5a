/*
 * fuzz-text.c - libFuzzer target for the validators every piece of outside
 * text passes through: UTF-8, text fields, slugs, dates, references.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/text.h"
#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	char *ref;

	memcpy(s, data, size);
	s[size] = '\0';
	(void)utf8_valid(s, size);
	if (text_check("field", s, 64, TEXT_MULTILINE) == 0 && !utf8_valid(s, strlen(s)))
		abort();
	(void)text_check("field", s, 1000, TEXT_REQUIRED);
	if (slug_check("slug", s) == 0 && (strlen(s) > SLUG_MAX || s[0] == '-'))
		abort();
	(void)date_check("date", s);
	ref = catalog_ref_normalise(s);
	free(ref);
	free(s);
	return 0;
}
