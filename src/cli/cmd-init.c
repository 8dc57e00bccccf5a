/*
 * cmd-init.c - isms init: create or upgrade the store, load the catalogue.
 */
#include "app/app.h"
#include "cli/cli.h"

static int run_init(struct cli *cli, int argc, char **argv)
{
	struct init_report r;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 0, 0, &npos);
	if (!rc)
		rc = app_init(cli->st, &r);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_pack(
		        "{s:s, s:s, s:i, s:i, s:I, s:I}", "db", store_target(cli->st),
		        "backend", store_backend(cli->st), "schema_version",
		        r.schema_version, "migrations_applied", r.migrations_applied,
		        "frameworks_loaded", (json_int_t)r.frameworks_loaded,
		        "frameworks_current", (json_int_t)r.frameworks_current));
	if (r.migrations_applied)
		cli_printf("Initialised %s (%s, schema %d).\n", store_target(cli->st),
		           store_backend(cli->st), r.schema_version);
	else
		cli_printf("%s is ready (%s, schema %d).\n", store_target(cli->st),
		           store_backend(cli->st), r.schema_version);
	if (r.frameworks_loaded)
		cli_printf("Catalogue: %zu framework%s loaded or updated.\n",
		           r.frameworks_loaded, r.frameworks_loaded == 1 ? "" : "s");
	else
		cli_printf("Catalogue: up to date.\n");
	return 0;
}

const struct cmd cmd_init = {
	.name = "init",
	.summary = "create the store (or bring it up to date) and load the catalogue",
	.help = "isms [--db PATH] init\n"
	        "\n"
	        "Creates the database if it does not exist, applies any pending schema\n"
	        "migrations, and loads the built-in catalogues (ISO/IEC 27001:2022).\n"
	        "Safe to run again: it only changes what is out of date.",
	.run = run_init,
	.flags = CMD_CREATE,
};
