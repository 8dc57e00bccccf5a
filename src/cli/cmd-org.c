/*
 * cmd-org.c - isms org: the organisations in the store.
 */
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "view/json.h"

static int run_add(struct cli *cli, int argc, char **argv)
{
	const char *name = NULL;
	const struct opt opts[] = { { "name", OPT_STRING, &name }, { 0 } };
	struct org org;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (rc)
		return rc;
	if (!name)
		return cli_usage(cli, "missing --name NAME");
	rc = app_org_add(cli->st, pos[0], name, &org);
	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_org(&org));
	else
		cli_printf("Added organisation %s (%s).\n", org.slug, org.name);
	org_release(&org);
	return rc;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	struct org_list list;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 0, 0, &npos);
	if (!rc)
		rc = store_org_list(cli->st, &list);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_org_list(&list));
	} else if (list.n == 0) {
		cli_printf("No organisations yet. Add one with: isms org add SLUG "
		           "--name NAME\n");
	} else {
		size_t w = 4;

		for (size_t i = 0; i < list.n; i++)
			if (strlen(list.v[i].slug) > w)
				w = strlen(list.v[i].slug);
		cli_printf("%-*s  %s\n", (int)w, "SLUG", "NAME");
		for (size_t i = 0; i < list.n; i++)
			cli_printf("%-*s  %s\n", (int)w, list.v[i].slug, list.v[i].name);
	}
	org_list_release(&list);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct org org;
	struct scope scope;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);
	if (!rc)
		rc = app_org_get(cli->st, pos[0], &org);
	if (rc)
		return rc;
	rc = store_scope_get(cli->st, org.id, &scope);
	if (rc) {
		org_release(&org);
		return rc;
	}
	if (cli->json) {
		rc = cli_json(json_org_scope(&org, &scope));
	} else {
		size_t in[SCOPE__COUNT], out[SCOPE__COUNT];

		scope_count(&scope, in, out);
		cli_printf("%s — %s\n", org.slug, org.name);
		cli_printf("created:  %s\n", org.created_at);
		cli_printf("scope:    %s\n",
		           *scope.statement ? "statement recorded" : "no statement yet");
		for (int k = 0; k < SCOPE__COUNT; k++)
			cli_printf("  %-18s %zu in, %zu out\n",
			           scope_kind_heading((enum scope_kind)k), in[k], out[k]);
	}
	scope_release(&scope);
	org_release(&org);
	return rc;
}

static int run_rename(struct cli *cli, int argc, char **argv)
{
	const char *name = NULL;
	const struct opt opts[] = { { "name", OPT_STRING, &name }, { 0 } };
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (rc)
		return rc;
	if (!name)
		return cli_usage(cli, "missing --name NAME");
	rc = app_org_rename(cli->st, pos[0], name);
	if (!rc && !cli->json)
		cli_printf("Renamed %s to %s.\n", pos[0], name);
	else if (!rc)
		rc = cli_json(json_pack("{s:s, s:s}", "slug", pos[0], "name", name));
	return rc;
}

static int run_remove(struct cli *cli, int argc, char **argv)
{
	bool yes = false;
	const struct opt opts[] = { { "yes", OPT_FLAG, &yes }, { 0 } };
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (rc)
		return rc;
	if (!yes)
		return cli_usage(
		        cli, "removing '%s' deletes all its records; confirm with --yes",
		        pos[0]);
	rc = app_org_remove(cli->st, pos[0]);
	if (!rc && !cli->json)
		cli_printf("Removed organisation %s.\n", pos[0]);
	else if (!rc)
		rc = cli_json(json_pack("{s:s, s:b}", "slug", pos[0], "removed", 1));
	return rc;
}

static const struct cmd org_subs[] = {
	{ .name = "add",
	  .summary = "add an organisation",
	  .help = "isms org add SLUG --name NAME\n"
	          "\n"
	          "SLUG is a short id of lower-case letters, digits and '-' (e.g. "
	          "acme),\n"
	          "used with --org; NAME is the organisation's full name.",
	  .run = run_add,
	  .flags = CMD_STORE },
	{ .name = "list",
	  .summary = "list the organisations",
	  .help = "isms org list [--json]",
	  .run = run_list,
	  .flags = CMD_STORE },
	{ .name = "show",
	  .summary = "show one organisation and a summary of its scope",
	  .help = "isms org show SLUG [--json]",
	  .run = run_show,
	  .flags = CMD_STORE },
	{ .name = "rename",
	  .summary = "change an organisation's name",
	  .help = "isms org rename SLUG --name NAME",
	  .run = run_rename,
	  .flags = CMD_STORE },
	{ .name = "remove",
	  .summary = "delete an organisation and all of its records",
	  .help = "isms org remove SLUG --yes",
	  .run = run_remove,
	  .flags = CMD_STORE },
	{ 0 },
};

const struct cmd cmd_org = {
	.name = "org",
	.summary = "organisations (a consultant keeps one per client)",
	.help = "isms org SUB-COMMAND [ARGS...]",
	.subs = org_subs,
};
