/*
 * embed.h - data files compiled into the program (see tools/bin2c.c).
 */
#ifndef ISMS_EMBED_H
#define ISMS_EMBED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* base name, e.g. "iso27001-2022.yaml" */
	const char *data; /* NUL-terminated */
	size_t len;       /* without the NUL */
};

/* every data/frameworks/NAME.yaml, in name order */
extern const struct embedded_file builtin_frameworks[];
extern const size_t builtin_frameworks_count;

/* every src/store/migrations/NNNN-NAME.sql, in name (= version) order */
extern const struct embedded_file schema_migrations[];
extern const size_t schema_migrations_count;

/* docs/api/openapi.json: the HTTP API's description, served as is */
extern const struct embedded_file api_documents[];
extern const size_t api_documents_count;

/* every web/templates/NAME.html, in name order (see view/tmpl.h) */
extern const struct embedded_file web_templates[];
extern const size_t web_templates_count;

/* every web/static/NAME (style sheets, scripts, images), in name order */
extern const struct embedded_file web_static[];
extern const size_t web_static_count;

#endif
