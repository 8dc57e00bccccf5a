#include "catalog.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "text.h"
#include "xalloc.h"

void catalog_item_release(struct catalog_item *item)
{
	free(item->framework);
	free(item->ref);
	free(item->kind);
	free(item->group);
	free(item->group_kind);
	free(item->group_title);
	free(item->section);
	free(item->title);
	free(item->description);
	for (size_t i = 0; i < item->nattrs; i++) {
		free(item->attrs[i].type);
		free(item->attrs[i].value);
	}
	free(item->attrs);
	memset(item, 0, sizeof(*item));
}

void catalog_item_list_release(struct catalog_item_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		catalog_item_release(&list->v[i]);
	free(list->v);
	memset(list, 0, sizeof(*list));
}

void framework_release(struct framework *fw)
{
	free(fw->code);
	free(fw->name);
	free(fw->version);
	free(fw->publisher);
	free(fw->description);
	for (size_t i = 0; i < fw->nattr_types; i++) {
		struct attr_type *t = &fw->attr_types[i];

		free(t->code);
		free(t->title);
		for (size_t j = 0; j < t->nvalues; j++)
			free(t->values[j]);
		free(t->values);
	}
	free(fw->attr_types);
	for (size_t i = 0; i < fw->ngroups; i++) {
		free(fw->groups[i].code);
		free(fw->groups[i].kind);
		free(fw->groups[i].ref);
		free(fw->groups[i].title);
	}
	free(fw->groups);
	catalog_item_list_release(&fw->items);
	memset(fw, 0, sizeof(*fw));
}

void framework_list_release(struct framework_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		framework_release(&list->v[i]);
	free(list->v);
	memset(list, 0, sizeof(*list));
}

static int in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return 1;
	return 0;
}

int catalog_item_kind_valid(const char *kind)
{
	static const char *const kinds[] = { "clause", "control", "requirement", NULL };

	return kind && in_list(kind, kinds);
}

int catalog_group_kind_valid(const char *kind)
{
	static const char *const kinds[] = { "clause", "theme", "family", "category",
		                             NULL };

	return kind && in_list(kind, kinds);
}

const struct catalog_group *framework_group(const struct framework *fw, const char *code)
{
	for (size_t i = 0; i < fw->ngroups; i++)
		if (!strcmp(fw->groups[i].code, code))
			return &fw->groups[i];
	return NULL;
}

const struct catalog_item *framework_item(const struct framework *fw, const char *ref)
{
	for (size_t i = 0; i < fw->items.n; i++)
		if (!strcmp(fw->items.v[i].ref, ref))
			return &fw->items.v[i];
	return NULL;
}

static const struct attr_type *find_attr_type(const struct framework *fw,
                                              const char *code)
{
	for (size_t i = 0; i < fw->nattr_types; i++)
		if (!strcmp(fw->attr_types[i].code, code))
			return &fw->attr_types[i];
	return NULL;
}

/* Codes are identifiers: [a-z0-9_-], 1-63 bytes. */
static int code_check(const char *what, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 63)
		return error_set(E_INVALID, "%s must be 1-63 characters", what);
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) ||
		      *s == '_' || *s == '-'))
			return error_set(E_INVALID,
			                 "%s may only hold a-z, 0-9, '_' and '-'", what);
	return 0;
}

static int ref_check(const char *ref)
{
	size_t n = ref ? strlen(ref) : 0;

	if (n == 0 || n > CATALOG_REF_MAX)
		return error_set(E_INVALID, "item reference must be 1-%d characters",
		                 CATALOG_REF_MAX);
	for (; *ref; ref++)
		if (!(isalnum((unsigned char)*ref) || strchr(".-()_", *ref)))
			return error_set(E_INVALID,
			                 "item reference may only hold letters, digits "
			                 "and . - ( ) _");
	return 0;
}

static int validate_header(const struct framework *fw)
{
	int rc = code_check("framework id", fw->code);

	if (!rc)
		rc = text_check("framework name", fw->name, TEXT_NAME_MAX, TEXT_REQUIRED);
	if (!rc)
		rc = text_check("framework version", fw->version, TEXT_NAME_MAX,
		                TEXT_REQUIRED);
	if (!rc)
		rc = text_check("framework publisher", fw->publisher, TEXT_NAME_MAX, 0);
	if (!rc)
		rc = text_check("framework description", fw->description, TEXT_SHORT_MAX,
		                TEXT_MULTILINE);
	return rc;
}

static int validate_attr_types(const struct framework *fw)
{
	for (size_t i = 0; i < fw->nattr_types; i++) {
		const struct attr_type *t = &fw->attr_types[i];
		int rc = code_check("attribute id", t->code);

		if (!rc)
			rc = text_check("attribute title", t->title, TEXT_NAME_MAX,
			                TEXT_REQUIRED);
		if (rc)
			return rc;
		if (find_attr_type(fw, t->code) != t)
			return error_set(E_INVALID, "attribute '%s' is defined twice",
			                 t->code);
		if (t->nvalues == 0)
			return error_set(E_INVALID, "attribute '%s' has no values",
			                 t->code);
		for (size_t j = 0; j < t->nvalues; j++) {
			rc = code_check("attribute value", t->values[j]);
			if (rc)
				return error_wrap("attribute '%s'", t->code);
			for (size_t k = 0; k < j; k++)
				if (!strcmp(t->values[k], t->values[j]))
					return error_set(
					        E_INVALID,
					        "attribute '%s' lists value '%s' twice",
					        t->code, t->values[j]);
		}
	}
	return 0;
}

static int validate_groups(const struct framework *fw)
{
	if (fw->ngroups == 0)
		return error_set(E_INVALID, "framework '%s' has no groups", fw->code);
	for (size_t i = 0; i < fw->ngroups; i++) {
		const struct catalog_group *g = &fw->groups[i];
		int rc = code_check("group id", g->code);

		if (!rc)
			rc = text_check("group title", g->title, TEXT_NAME_MAX,
			                TEXT_REQUIRED);
		if (!rc && g->ref)
			rc = ref_check(g->ref);
		if (rc)
			return error_wrap("group '%s'", g->code ? g->code : "?");
		if (!catalog_group_kind_valid(g->kind))
			return error_set(E_INVALID,
			                 "group '%s': kind '%s' is not one of clause, "
			                 "theme, family, category",
			                 g->code, g->kind ? g->kind : "");
		if (framework_group(fw, g->code) != g)
			return error_set(E_INVALID, "group '%s' is defined twice",
			                 g->code);
	}
	return 0;
}

static int validate_item(const struct framework *fw, const struct catalog_item *it)
{
	int rc = ref_check(it->ref);

	if (rc)
		return rc;
	if (!catalog_item_kind_valid(it->kind))
		return error_set(E_INVALID,
		                 "kind '%s' is not one of clause, control, requirement",
		                 it->kind ? it->kind : "");
	if (!it->group || !framework_group(fw, it->group))
		return error_set(E_INVALID, "unknown group '%s'",
		                 it->group ? it->group : "");
	rc = text_check("title", it->title, TEXT_NAME_MAX, TEXT_REQUIRED);
	if (!rc)
		rc = text_check("description", it->description, TEXT_SHORT_MAX,
		                TEXT_REQUIRED | TEXT_MULTILINE);
	if (!rc && it->section)
		rc = text_check("section", it->section, TEXT_NAME_MAX, TEXT_REQUIRED);
	if (rc)
		return rc;
	if (framework_item(fw, it->ref) != it)
		return error_set(E_INVALID, "reference is used twice");
	for (size_t i = 0; i < it->nattrs; i++) {
		const struct attr_type *t = find_attr_type(fw, it->attrs[i].type);
		size_t j;

		if (!t)
			return error_set(E_INVALID, "unknown attribute '%s'",
			                 it->attrs[i].type);
		for (j = 0; j < t->nvalues; j++)
			if (!strcmp(t->values[j], it->attrs[i].value))
				break;
		if (j == t->nvalues)
			return error_set(E_INVALID, "attribute '%s' has no value '%s'",
			                 t->code, it->attrs[i].value);
		for (j = 0; j < i; j++)
			if (!strcmp(it->attrs[j].type, it->attrs[i].type) &&
			    !strcmp(it->attrs[j].value, it->attrs[i].value))
				return error_set(E_INVALID,
				                 "attribute '%s' lists '%s' twice",
				                 t->code, it->attrs[i].value);
	}
	return 0;
}

int framework_validate(const struct framework *fw)
{
	int rc = validate_header(fw);

	if (!rc)
		rc = validate_attr_types(fw);
	if (!rc)
		rc = validate_groups(fw);
	if (rc)
		return rc;
	if (fw->items.n == 0)
		return error_set(E_INVALID, "framework '%s' has no items", fw->code);
	if (fw->items.n > CATALOG_MAX_ITEMS)
		return error_set(E_INVALID, "framework '%s' has more than %d items",
		                 fw->code, CATALOG_MAX_ITEMS);
	for (size_t i = 0; i < fw->items.n; i++) {
		const struct catalog_item *it = &fw->items.v[i];

		rc = validate_item(fw, it);
		if (rc)
			return error_wrap("item %zu (%s)", i + 1,
			                  it->ref ? it->ref : "no ref");
	}
	return 0;
}

char *catalog_ref_normalise(const char *ref)
{
	char *out;
	size_t n;

	while (*ref == ' ' || *ref == '\t')
		ref++;
	if (!strncasecmp(ref, "clause ", 7))
		ref += 7;
	out = xstrdup(ref);
	n = strlen(out);
	while (n && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		out[--n] = '\0';
	if ((out[0] == 'a') && out[1] == '.')
		out[0] = 'A';
	return out;
}
