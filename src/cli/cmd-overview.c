/*
 * cmd-overview.c - isms overview: one picture of the store, what `make run`
 * shows a newcomer: the organisations, their scope, and the catalogue.
 */
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
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
	struct overview ov;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 0, 0, &npos);
	if (!rc)
		rc = app_overview(cli->st, NULL, &ov);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_overview(store_target(cli->st), store_backend(cli->st),
		                            ov.schema_version, &ov.orgs, ov.scopes,
		                            &ov.frameworks));
	} else {
		cli_printf("isms %s: %s (%s, schema %d)\n\n", ISMS_VERSION,
		           store_target(cli->st), store_backend(cli->st),
		           ov.schema_version);
		cli_printf("Organisations (%zu)\n", ov.orgs.n);
		if (!ov.orgs.n)
			cli_printf("  none yet: isms org add SLUG --name NAME\n");
		for (size_t i = 0; i < ov.orgs.n; i++)
			print_org(&ov.orgs.v[i], &ov.scopes[i]);
		cli_printf("\nCatalogue\n");
		if (!ov.frameworks.n)
			cli_printf("  empty: run 'isms init'\n");
		for (size_t i = 0; i < ov.frameworks.n; i++)
			print_framework(&ov.frameworks.v[i]);
		cli_printf("\nNext: 'isms scope show', 'isms catalog list', "
		           "'isms --help'.\n");
	}
	overview_release(&ov);
	return rc;
}

const struct cmd cmd_overview = {
	.name = "overview",
	.summary = "one picture of the store: organisations, scope, catalogue",
	.help = "isms [--db PATH] overview [--json]",
	.run = run_overview,
	.flags = CMD_STORE,
};
