/*
 * cmd-overview.c - isms overview: one picture of the store, what `make run`
 * shows a newcomer: the organisations, their scope, and the catalogue.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/xalloc.h"
#include "view/json.h"

static void print_org(const struct org *org, const struct scope *sc)
{
	size_t in[SCOPE__COUNT], out[SCOPE__COUNT], nif = 0, ndep = 0;
	const char *nl;

	scope_count(sc, in, out);
	for (size_t i = 0; i < sc->nifaces; i++) {
		if (sc->ifaces[i].kind == IFACE_DEPENDENCY)
			ndep++;
		else
			nif++;
	}
	cli_printf("  %s  %s\n", org->slug, org->name);
	if (*sc->statement) {
		nl = strchr(sc->statement, '\n');
		if (nl || strlen(sc->statement) > 72)
			cli_printf("    scope: %.*s...\n",
			           nl && nl - sc->statement < 69
			                   ? (int)(nl - sc->statement)
			                   : 69,
			           sc->statement);
		else
			cli_printf("    scope: %s\n", sc->statement);
	} else {
		cli_printf("    scope: no statement yet\n");
	}
	cli_printf("    ");
	for (int k = 0; k < SCOPE__COUNT; k++)
		cli_printf("%s%s %zu in/%zu out", k ? ", " : "",
		           scope_kind_heading((enum scope_kind)k), in[k], out[k]);
	cli_printf("\n    interfaces %zu, dependencies %zu\n", nif, ndep);
}

static void print_framework(const struct framework *fw)
{
	int64_t total = 0;
	const char *kinds[] = { "clause", "theme", "family", "category" };

	for (size_t g = 0; g < fw->ngroups; g++)
		total += fw->groups[g].nitems;
	cli_printf("  %s (%s): %lld assessable items\n", fw->name, fw->code,
	           (long long)total);
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		int64_t sum = 0;
		size_t n = 0;

		for (size_t g = 0; g < fw->ngroups; g++) {
			if (strcmp(fw->groups[g].kind, kinds[k]))
				continue;
			sum += fw->groups[g].nitems;
			n++;
		}
		if (!n)
			continue;
		if (!strcmp(kinds[k], "clause"))
			cli_printf("    Management-system clauses: %lld requirements\n",
			           (long long)sum);
		else if (!strcmp(kinds[k], "theme"))
			cli_printf("    Controls by theme: %lld controls\n",
			           (long long)sum);
		else
			cli_printf("    By %s: %lld items\n", kinds[k], (long long)sum);
		for (size_t g = 0; g < fw->ngroups; g++) {
			const struct catalog_group *gr = &fw->groups[g];

			if (strcmp(gr->kind, kinds[k]))
				continue;
			cli_printf("      %-5s %-36s %3lld\n",
			           gr->ref ? gr->ref : gr->code, gr->title,
			           (long long)gr->nitems);
		}
	}
}

static int run_overview(struct cli *cli, int argc, char **argv)
{
	struct org_list orgs;
	struct framework_list fws;
	struct scope *scopes;
	char *pos[1];
	int npos, version, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 0, 0, &npos);
	if (!rc)
		rc = store_schema_version(cli->st, &version);
	if (!rc)
		rc = store_org_list(cli->st, &orgs);
	if (rc)
		return rc;
	rc = store_framework_list(cli->st, &fws);
	if (rc) {
		org_list_release(&orgs);
		return rc;
	}
	scopes = xcalloc(orgs.n ? orgs.n : 1, sizeof(*scopes));
	for (size_t i = 0; !rc && i < orgs.n; i++)
		rc = store_scope_get(cli->st, orgs.v[i].id, &scopes[i]);
	if (!rc && cli->json) {
		json_t *jorgs = json_array(), *jfws = json_array();

		for (size_t i = 0; i < orgs.n; i++) {
			json_t *o = json_org(&orgs.v[i]);

			json_object_set_new(o, "scope", json_scope_summary(&scopes[i]));
			json_array_append_new(jorgs, o);
		}
		for (size_t i = 0; i < fws.n; i++)
			json_array_append_new(jfws, json_framework(&fws.v[i]));
		rc = cli_json(json_pack("{s:{s:s, s:s, s:i}, s:o, s:o}", "store", "db",
		                        store_target(cli->st), "backend",
		                        store_backend(cli->st), "schema_version", version,
		                        "organisations", jorgs, "frameworks", jfws));
	} else if (!rc) {
		cli_printf("isms %s: %s (%s, schema %d)\n\n", ISMS_VERSION,
		           store_target(cli->st), store_backend(cli->st), version);
		cli_printf("Organisations (%zu)\n", orgs.n);
		if (!orgs.n)
			cli_printf("  none yet: isms org add SLUG --name NAME\n");
		for (size_t i = 0; i < orgs.n; i++)
			print_org(&orgs.v[i], &scopes[i]);
		cli_printf("\nCatalogue\n");
		if (!fws.n)
			cli_printf("  empty: run 'isms init'\n");
		for (size_t i = 0; i < fws.n; i++)
			print_framework(&fws.v[i]);
		cli_printf("\nNext: 'isms scope show', 'isms catalog list', "
		           "'isms --help'.\n");
	}
	for (size_t i = 0; i < orgs.n; i++)
		scope_release(&scopes[i]);
	free(scopes);
	org_list_release(&orgs);
	framework_list_release(&fws);
	return rc;
}

const struct cmd cmd_overview = {
	.name = "overview",
	.summary = "one picture of the store: organisations, scope, catalogue",
	.help = "isms [--db PATH] overview [--json]",
	.run = run_overview,
	.flags = CMD_STORE,
};
