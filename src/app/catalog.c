/*
 * catalog.c - loading frameworks and looking items up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "core/embed.h"
#include "core/error.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "parse/catalog-yaml.h"

int app_catalog_import(struct store *st, const char *name, const char *buf, size_t len,
                       bool *changed, char **code)
{
	struct framework fw;
	int rc = catalog_parse_yaml(name, buf, len, &fw);

	if (!rc)
		rc = store_framework_put(st, &fw, changed);
	if (!rc && code)
		*code = xstrdup(fw.code);
	framework_release(&fw);
	return rc;
}

int app_init(struct store *st, struct init_report *report)
{
	int rc;

	memset(report, 0, sizeof(*report));
	report->migrations_applied = store_migrations_applied(st);
	rc = store_schema_version(st, &report->schema_version);
	if (rc)
		return rc;
	/* All built-in frameworks land together, or none does. */
	rc = store_begin(st);
	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < builtin_frameworks_count; i++) {
		const struct embedded_file *f = &builtin_frameworks[i];
		bool changed = false;

		rc = app_catalog_import(st, f->name, f->data, f->len, &changed, NULL);
		if (changed)
			report->frameworks_loaded++;
		else
			report->frameworks_current++;
	}
	return store_end(st, rc);
}

static int find_framework(struct store *st, const char *code, struct framework_list *all,
                          const struct framework **out)
{
	int rc = store_framework_list(st, all);

	if (rc)
		return rc;
	for (size_t i = 0; i < all->n; i++) {
		if (!strcmp(all->v[i].code, code)) {
			*out = &all->v[i];
			return 0;
		}
	}
	rc = error_set(E_NOTFOUND, "unknown framework '%s'%s", code,
	               all->n ? " (see 'isms catalog frameworks')"
	                      : "; the catalogue is empty: run 'isms init'");
	framework_list_release(all);
	return rc;
}

int app_catalog_group(struct store *st, const char *framework, const char *name,
                      char **code)
{
	struct framework_list all;
	const struct framework *fw;
	char known[512] = "";
	size_t used = 0;
	int rc = find_framework(st, framework, &all, &fw);

	if (rc)
		return rc;
	for (size_t i = 0; i < fw->ngroups; i++) {
		const struct catalog_group *g = &fw->groups[i];

		if (!strcasecmp(g->code, name) || (g->ref && !strcasecmp(g->ref, name))) {
			*code = xstrdup(g->code);
			framework_list_release(&all);
			return 0;
		}
		if (used < sizeof(known))
			used += (size_t)snprintf(known + used, sizeof(known) - used,
			                         "%s%s", i ? ", " : "", g->code);
	}
	rc = error_set(E_INVALID, "framework '%s' has no group '%s' (known: %s)",
	               framework, name, known);
	framework_list_release(&all);
	return rc;
}

int app_catalog_list(struct store *st, const struct catalog_filter *filter,
                     struct catalog_item_list *out)
{
	memset(out, 0, sizeof(*out));
	if (filter->kind && !catalog_item_kind_valid(filter->kind))
		return error_set(E_INVALID,
		                 "unknown kind '%s' (expected clause or control)",
		                 filter->kind);
	if (filter->framework) {
		struct framework_list all;
		const struct framework *fw;
		int rc = find_framework(st, filter->framework, &all, &fw);

		if (rc)
			return rc;
		framework_list_release(&all);
	}
	return store_catalog_list(st, filter, out);
}

int app_catalog_get(struct store *st, const char *framework, const char *ref,
                    struct catalog_item *out)
{
	struct framework_list all;
	const struct framework *fw;
	char *norm;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = text_check("reference", ref, CATALOG_REF_MAX * 2, TEXT_REQUIRED);
	if (rc)
		return rc;
	rc = find_framework(st, framework, &all, &fw);
	if (rc)
		return rc;
	framework_list_release(&all);
	norm = catalog_ref_normalise(ref);
	rc = store_catalog_get(st, framework, norm, out);
	if (rc == -E_NOTFOUND)
		rc = error_set(E_NOTFOUND, "no item '%s' in %s (try 'isms catalog list')",
		               ref, framework);
	free(norm);
	return rc;
}

int app_catalog_query(struct store *st, const struct catalog_query *q,
                      struct catalog_item_list *out)
{
	const char *framework = q->framework ? q->framework : CATALOG_DEFAULT_FRAMEWORK;
	struct catalog_filter f = { 0 };
	char *group = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (q->theme && q->clause)
		return error_set(E_USAGE, "give --theme or --clause, not both");
	if (!strcmp(framework, "all")) {
		if (q->theme || q->clause)
			return error_set(E_USAGE,
			                 "--theme and --clause need one --framework");
	} else {
		f.framework = framework;
	}
	if (q->theme || q->clause) {
		rc = app_catalog_group(st, framework, q->theme ? q->theme : q->clause,
		                       &group);
		if (rc)
			return rc;
		f.group = group;
	}
	f.kind = q->kind;
	rc = app_catalog_list(st, &f, out);
	free(group);
	return rc;
}
