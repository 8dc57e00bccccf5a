/*
 * catalog-yaml.h - framework catalogue files (YAML) into core structs.
 *
 * The format is documented in docs/CATALOG.md.  Parsing is strict: unknown
 * keys, wrong types and out-of-vocabulary attribute values are errors that
 * name the line, because a catalogue with a silent typo would misstate what
 * an organisation must do.  Input size and counts are bounded.
 */
#ifndef ISMS_CATALOG_YAML_H
#define ISMS_CATALOG_YAML_H

#include <stddef.h>

#include "core/catalog.h"

#define CATALOG_FILE_MAX ((size_t)8 << 20)

/*
 * Parse and validate `len` bytes into *out (which the caller releases with
 * framework_release(), also on failure).  `name` labels error messages.
 */
int catalog_parse_yaml(const char *name, const char *buf, size_t len,
                       struct framework *out);

#endif
