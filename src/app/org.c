/*
 * org.c - organisations and their ISMS scope.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/error.h"
#include "core/text.h"
#include "core/xalloc.h"

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

int app_org_visible(struct store *st, const struct user *u, struct org_list *out)
{
	memset(out, 0, sizeof(*out));
	if (!u || u->role == ROLE_ADMIN)
		return store_org_list(st, out);
	return store_user_orgs(st, u->id, out);
}

int app_overview(struct store *st, const struct user *u, struct overview *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_schema_version(st, &out->schema_version);
	if (!rc)
		rc = app_org_visible(st, u, &out->orgs);
	if (!rc)
		rc = store_framework_list(st, &out->frameworks);
	if (!rc)
		out->scopes =
		        xcalloc(out->orgs.n ? out->orgs.n : 1, sizeof(*out->scopes));
	for (size_t i = 0; !rc && i < out->orgs.n; i++)
		rc = store_scope_get(st, out->orgs.v[i].id, &out->scopes[i]);
	if (rc)
		overview_release(out);
	return rc;
}

void overview_release(struct overview *ov)
{
	for (size_t i = 0; ov->scopes && i < ov->orgs.n; i++)
		scope_release(&ov->scopes[i]);
	free(ov->scopes);
	org_list_release(&ov->orgs);
	framework_list_release(&ov->frameworks);
	memset(ov, 0, sizeof(*ov));
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

int app_scope_item_get(struct store *st, const struct org *org, const char *kind,
                       const char *name, struct scope *sc, const struct scope_item **out)
{
	enum scope_kind k;
	int rc;

	memset(sc, 0, sizeof(*sc));
	*out = NULL;
	rc = scope_kind_parse(kind, &k);
	if (!rc)
		rc = store_scope_get(st, org->id, sc);
	if (rc)
		return rc;
	for (size_t i = 0; i < sc->nitems; i++) {
		if (sc->items[i].kind == k && !strcmp(sc->items[i].name, name)) {
			*out = &sc->items[i];
			return 0;
		}
	}
	return error_set(E_NOTFOUND, "no %s '%s' in the scope", scope_kind_name(k), name);
}

int app_scope_iface_get(struct store *st, const struct org *org, const char *kind,
                        const char *name, struct scope *sc,
                        const struct scope_iface **out)
{
	enum iface_kind k;
	int rc;

	memset(sc, 0, sizeof(*sc));
	*out = NULL;
	rc = iface_kind_parse(kind, &k);
	if (!rc)
		rc = store_scope_get(st, org->id, sc);
	if (rc)
		return rc;
	for (size_t i = 0; i < sc->nifaces; i++) {
		if (sc->ifaces[i].kind == k && !strcmp(sc->ifaces[i].name, name)) {
			*out = &sc->ifaces[i];
			return 0;
		}
	}
	return error_set(E_NOTFOUND, "no %s '%s' is recorded", iface_kind_name(k), name);
}
