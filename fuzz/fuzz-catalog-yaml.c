/*
 * fuzz-catalog-yaml.c - libFuzzer target for framework catalogue files,
 * which users may import from anywhere.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "parse/catalog-yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct framework fw;

	if (catalog_parse_yaml("fuzz", (const char *)data, size, &fw) == 0) {
		/* A file that parses must also pass validation on its own. */
		if (framework_validate(&fw) != 0)
			BUG("parsed framework fails validation: %s", error_message());
	}
	framework_release(&fw);
	return 0;
}
