/*
 * org.c - organisations and their ISMS scope.
 */
#include "app/app.h"
#include "core/error.h"
#include "core/text.h"

int app_org_add(struct store *st, const char *slug, const char *name, struct org *out)
{
	int rc = org_validate(slug, name);

	if (rc)
		return rc;
	return store_org_add(st, slug, name, out);
}

int app_org_get(struct store *st, const char *slug, struct org *out)
{
	int rc = slug_check("organisation slug", slug);

	if (rc)
		return rc;
	return store_org_get(st, slug, out);
}

int app_org_rename(struct store *st, const char *slug, const char *name)
{
	int rc = org_validate(slug, name);

	if (rc)
		return rc;
	return store_org_rename(st, slug, name);
}

int app_org_remove(struct store *st, const char *slug)
{
	int rc = slug_check("organisation slug", slug);

	if (rc)
		return rc;
	return store_org_remove(st, slug);
}

int app_scope_set_statement(struct store *st, const struct org *org,
                            const char *statement)
{
	int rc = scope_statement_validate(statement);

	if (rc)
		return rc;
	return store_scope_set_statement(st, org->id, statement);
}

int app_scope_item_add(struct store *st, const struct org *org, const char *kind,
                       const char *name, const char *description)
{
	enum scope_kind k;
	int rc = scope_kind_parse(kind, &k);

	if (!rc)
		rc = scope_item_validate(name, description);
	if (rc)
		return rc;
	return store_scope_item_add(st, org->id, k, name, description);
}

int app_scope_exclude(struct store *st, const struct org *org, const char *kind,
                      const char *name, const char *reason)
{
	enum scope_kind k;
	int rc = scope_kind_parse(kind, &k);

	if (!rc)
		rc = scope_exclusion_validate(reason);
	if (rc)
		return rc;
	return store_scope_item_set_in(st, org->id, k, name, false, reason);
}

int app_scope_include(struct store *st, const struct org *org, const char *kind,
                      const char *name)
{
	enum scope_kind k;
	int rc = scope_kind_parse(kind, &k);

	if (rc)
		return rc;
	return store_scope_item_set_in(st, org->id, k, name, true, NULL);
}

int app_scope_item_remove(struct store *st, const struct org *org, const char *kind,
                          const char *name)
{
	enum scope_kind k;
	int rc = scope_kind_parse(kind, &k);

	if (rc)
		return rc;
	return store_scope_item_remove(st, org->id, k, name);
}

int app_scope_iface_add(struct store *st, const struct org *org, const char *kind,
                        const char *name, const char *party, const char *description)
{
	enum iface_kind k;
	int rc = iface_kind_parse(kind, &k);

	if (!rc)
		rc = scope_iface_validate(name, party, description);
	if (rc)
		return rc;
	return store_scope_iface_add(st, org->id, k, name, party, description);
}

int app_scope_iface_remove(struct store *st, const struct org *org, const char *kind,
                           const char *name)
{
	enum iface_kind k;
	int rc = iface_kind_parse(kind, &k);

	if (rc)
		return rc;
	return store_scope_iface_remove(st, org->id, k, name);
}
