#include "org.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "text.h"

void org_release(struct org *org)
{
	free(org->slug);
	free(org->name);
	free(org->created_at);
	memset(org, 0, sizeof(*org));
}

void org_list_release(struct org_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		org_release(&list->v[i]);
	free(list->v);
	memset(list, 0, sizeof(*list));
}

int org_validate(const char *slug, const char *name)
{
	int rc = slug_check("organisation slug", slug);

	if (rc)
		return rc;
	return text_check("organisation name", name, TEXT_NAME_MAX, TEXT_REQUIRED);
}

static const char *const scope_kinds[SCOPE__COUNT][3] = {
	[SCOPE_PROCESS] = { "process", "processes", "Business processes" },
	[SCOPE_LOCATION] = { "location", "locations", "Locations" },
	[SCOPE_TECHNOLOGY] = { "technology", "technologies", "Technologies" },
	[SCOPE_DATA_TYPE] = { "data-type", "data-types", "Data types" },
};

const char *scope_kind_name(enum scope_kind kind)
{
	if ((unsigned)kind >= SCOPE__COUNT)
		return "?";
	return scope_kinds[kind][0];
}

const char *scope_kind_heading(enum scope_kind kind)
{
	if ((unsigned)kind >= SCOPE__COUNT)
		return "?";
	return scope_kinds[kind][2];
}

int scope_kind_parse(const char *s, enum scope_kind *out)
{
	for (int k = 0; k < SCOPE__COUNT; k++) {
		if (!strcmp(s, scope_kinds[k][0]) || !strcmp(s, scope_kinds[k][1])) {
			*out = (enum scope_kind)k;
			return 0;
		}
	}
	return error_set(E_INVALID,
	                 "unknown scope item kind '%s' (expected process, location, "
	                 "technology or data-type)",
	                 s);
}

const char *iface_kind_name(enum iface_kind kind)
{
	return kind == IFACE_DEPENDENCY ? "dependency" : "interface";
}

int iface_kind_parse(const char *s, enum iface_kind *out)
{
	if (!strcmp(s, "interface")) {
		*out = IFACE_INTERFACE;
		return 0;
	}
	if (!strcmp(s, "dependency")) {
		*out = IFACE_DEPENDENCY;
		return 0;
	}
	return error_set(E_INVALID,
	                 "unknown kind '%s' (expected interface or dependency)", s);
}

void scope_item_release(struct scope_item *item)
{
	free(item->name);
	free(item->description);
	free(item->exclusion_reason);
	memset(item, 0, sizeof(*item));
}

void scope_iface_release(struct scope_iface *iface)
{
	free(iface->name);
	free(iface->party);
	free(iface->description);
	memset(iface, 0, sizeof(*iface));
}

void scope_release(struct scope *scope)
{
	for (size_t i = 0; i < scope->nitems; i++)
		scope_item_release(&scope->items[i]);
	for (size_t i = 0; i < scope->nifaces; i++)
		scope_iface_release(&scope->ifaces[i]);
	free(scope->items);
	free(scope->ifaces);
	free(scope->statement);
	free(scope->updated_at);
	memset(scope, 0, sizeof(*scope));
}

int scope_statement_validate(const char *statement)
{
	return text_check("scope statement", statement, TEXT_LONG_MAX,
	                  TEXT_REQUIRED | TEXT_MULTILINE);
}

int scope_item_validate(const char *name, const char *description)
{
	int rc = text_check("scope item name", name, TEXT_NAME_MAX, TEXT_REQUIRED);

	if (rc)
		return rc;
	return text_check("description", description, TEXT_SHORT_MAX, TEXT_MULTILINE);
}

int scope_exclusion_validate(const char *reason)
{
	if (!reason || text_blank(reason))
		return error_set(E_INVALID,
		                 "an exclusion needs a justification (--reason TEXT)");
	return text_check("exclusion reason", reason, TEXT_SHORT_MAX,
	                  TEXT_REQUIRED | TEXT_MULTILINE);
}

int scope_iface_validate(const char *name, const char *party, const char *description)
{
	int rc = text_check("interface name", name, TEXT_NAME_MAX, TEXT_REQUIRED);

	if (!rc)
		rc = text_check("party", party, TEXT_NAME_MAX, 0);
	if (!rc)
		rc = text_check("description", description, TEXT_SHORT_MAX,
		                TEXT_MULTILINE);
	return rc;
}

void scope_count(const struct scope *scope, size_t in[SCOPE__COUNT],
                 size_t out[SCOPE__COUNT])
{
	memset(in, 0, sizeof(size_t) * SCOPE__COUNT);
	memset(out, 0, sizeof(size_t) * SCOPE__COUNT);
	for (size_t i = 0; i < scope->nitems; i++) {
		const struct scope_item *it = &scope->items[i];

		if ((unsigned)it->kind >= SCOPE__COUNT)
			continue;
		if (it->in_scope)
			in[it->kind]++;
		else
			out[it->kind]++;
	}
}
