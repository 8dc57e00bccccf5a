/*
 * cmd-asset.c - isms asset and isms flow: the asset inventory and the data
 * flows between assets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "view/soa.h"

static void print_asset(const struct asset *a)
{
	cli_printf("%s\n", a->name);
	cli_printf("  type            %s\n", asset_type_name(a->type));
	cli_printf("  in scope        %s\n", a->in_scope ? "yes" : "no");
	cli_printf("  owner           %s\n", a->owner ? a->owner : "-");
	cli_printf("  location        %s\n", a->location ? a->location : "-");
	cli_printf("  classification  %s\n", a->classification ? a->classification : "-");
	cli_printf("  C / I / A       %d / %d / %d%s\n", a->confidentiality, a->integrity,
	           a->availability,
	           a->confidentiality || a->integrity || a->availability ? ""
	                                                                 : " (unrated)");
	if (a->description)
		cli_printf("  description     %s\n", a->description);
	cli_printf("  risks           %d\n", a->nrisks);
}

/* The options of asset add and asset set. */
#define ASSET_OPTS(u)                                                           \
	{ "type", OPT_STRING, &(u).type }, { "owner", OPT_STRING, &(u).owner }, \
	        { "location", OPT_STRING, &(u).location },                      \
	        { "classification", OPT_STRING, &(u).classification },          \
	        { "description", OPT_STRING, &(u).description },                \
	        { "confidentiality", OPT_STRING, &(u).confidentiality },        \
	        { "integrity", OPT_STRING, &(u).integrity },                    \
	        { "availability", OPT_STRING, &(u).availability },              \
	{                                                                       \
		"in-scope", OPT_STRING, &(u).in_scope                           \
	}

static int asset_write(struct cli *cli, int argc, char **argv, bool create)
{
	struct asset_update u = { 0 };
	const struct opt opts[] = { ASSET_OPTS(u), { 0 } };
	struct asset a;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (rc)
		return rc;
	rc = create ? app_asset_add(cli->st, &cli->org, pos[0], &u, &a)
	            : app_asset_set(cli->st, &cli->org, pos[0], &u, &a);
	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_asset(&a));
	else
		cli_printf("%s asset '%s' (%s).\n", create ? "Added" : "Updated", a.name,
		           asset_type_name(a.type));
	asset_release(&a);
	return rc;
}

static int run_add(struct cli *cli, int argc, char **argv)
{
	return asset_write(cli, argc, argv, true);
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	return asset_write(cli, argc, argv, false);
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	struct asset_list l;
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	rc = store_asset_list(cli->st, cli->org.id, &l);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_asset_list(&l));
	} else if (!l.n) {
		cli_printf("No assets yet; add one with 'isms asset add NAME --type "
		           "TYPE'.\n");
	} else {
		cli_printf("%-30s %-12s %-8s %-5s %-20s %s\n", "NAME", "TYPE", "SCOPE",
		           "RISKS", "OWNER", "CLASSIFICATION");
		for (size_t i = 0; i < l.n; i++) {
			const struct asset *a = &l.v[i];

			cli_printf("%-30s %-12s %-8s %-5d %-20s %s\n", a->name,
			           asset_type_name(a->type), a->in_scope ? "in" : "out",
			           a->nrisks, a->owner ? a->owner : "-",
			           a->classification ? a->classification : "-");
		}
	}
	asset_list_release(&l);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct asset a;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = store_asset_get(cli->st, cli->org.id, pos[0], &a);
	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_asset(&a));
	else
		print_asset(&a);
	asset_release(&a);
	return rc;
}

static int run_remove(struct cli *cli, int argc, char **argv)
{
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = app_asset_remove(cli->st, &cli->org, pos[0]);
	if (!rc && !cli->json)
		cli_printf("Removed asset '%s'.\n", pos[0]);
	else if (!rc)
		rc = cli_json(json_pack("{s:s}", "removed", pos[0]));
	return rc;
}

static int run_import(struct cli *cli, int argc, char **argv)
{
	return cli_import(cli, argc, argv, app_asset_import, "asset");
}

static const struct cmd asset_subs[] = {
	{ "add", "add an asset to the inventory",
	  "isms asset add NAME --type TYPE [--owner NAME] [--location TEXT]\n"
	  "         [--classification public|internal|confidential|restricted]\n"
	  "         [--confidentiality N] [--integrity N] [--availability N]\n"
	  "         [--in-scope yes|no] [--description TEXT] [--json]\n"
	  "\n"
	  "  --type   information, software, hardware, service, people or site\n"
	  "  --confidentiality, --integrity, --availability\n"
	  "           the asset's value for each, 1 (low) to 5 (high); 0 unrated\n"
	  "  --in-scope  whether the asset lies inside the ISMS scope (default yes)\n",
	  run_add, CMD_STORE | CMD_ORG, NULL },
	{ "set", "change an asset",
	  "isms asset set NAME [the options of 'asset add'] [--json]\n"
	  "\n"
	  "An empty value (--owner '') clears an optional field.\n",
	  run_set, CMD_STORE | CMD_ORG, NULL },
	{ "list", "list the inventory", "isms asset list [--json]\n", run_list,
	  CMD_STORE | CMD_ORG, NULL },
	{ "show", "show one asset", "isms asset show NAME [--json]\n", run_show,
	  CMD_STORE | CMD_ORG, NULL },
	{ "remove", "remove an asset no risk or data flow names",
	  "isms asset remove NAME\n", run_remove, CMD_STORE | CMD_ORG, NULL },
	{ "import", "add assets from a CSV file, all or none",
	  "isms asset import FILE.csv [--json]\n"
	  "\n"
	  "FILE.csv ('-' reads standard input) is UTF-8 CSV whose first row names\n"
	  "the columns: name and type (required), owner, location, classification,\n"
	  "description, confidentiality, integrity, availability and in_scope, with\n"
	  "the values of the options of 'asset add'.  An empty cell is a value not\n"
	  "given.  Every row is added as by 'asset add' in one transaction: if any\n"
	  "row is refused, nothing is imported and the error names its line.\n"
	  "Column names ignore case, and '-' or a space may stand for '_'.\n",
	  run_import, CMD_STORE | CMD_ORG, NULL },
	{ 0 },
};

const struct cmd cmd_asset = {
	"asset",
	"the asset inventory: information, software, hardware, services ...",
	"isms asset SUB-COMMAND ...\n",
	NULL,
	0,
	asset_subs,
};

/* ---- data flows ---- */

static int run_flow_add(struct cli *cli, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *data = NULL, *channel = NULL;
	const struct opt opts[] = { { "from", OPT_STRING, &from },
		                    { "to", OPT_STRING, &to },
		                    { "data", OPT_STRING, &data },
		                    { "channel", OPT_STRING, &channel },
		                    { 0 } };
	int64_t id = 0;
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	if (!from || !to || !data)
		return cli_usage(cli,
		                 "a data flow needs --from ASSET, --to ASSET and --data "
		                 "TYPE");
	rc = app_flow_add(cli->st, &cli->org, from, to, data, channel, &id);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_pack("{s:I}", "id", (json_int_t)id));
	cli_printf("Added data flow %lld: %s -> %s (%s).\n", (long long)id, from, to,
	           data);
	return 0;
}

static int run_flow_list(struct cli *cli, int argc, char **argv)
{
	struct data_flow_list l;
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (!rc)
		rc = store_flow_list(cli->st, cli->org.id, &l);
	if (rc)
		return rc;
	if (cli->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, json_data_flow(&l.v[i]));
		rc = cli_json(a);
	} else if (!l.n) {
		cli_printf(
		        "No data flows yet; add one with 'isms flow add --from A --to B "
		        "--data TYPE'.\n");
	} else {
		for (size_t i = 0; i < l.n; i++) {
			const struct data_flow *f = &l.v[i];

			cli_printf(
			        "%-4lld %s -> %s: %s%s%s%s\n", (long long)f->id, f->from,
			        f->to, f->data_type, f->channel ? " via " : "",
			        f->channel ? f->channel : "",
			        f->crosses_scope ? "  [crosses the scope boundary]" : "");
		}
	}
	data_flow_list_release(&l);
	return rc;
}

static int run_flow_remove(struct cli *cli, int argc, char **argv)
{
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = app_flow_remove(cli->st, &cli->org, pos[0]);
	if (!rc && !cli->json)
		cli_printf("Removed data flow %s.\n", pos[0]);
	return rc;
}

static const struct cmd flow_subs[] = {
	{ "add", "record data flowing from one asset to another",
	  "isms flow add --from ASSET --to ASSET --data TYPE [--channel TEXT] [--json]\n"
	  "\n"
	  "A flow whose two assets lie on different sides of the scope boundary\n"
	  "is shown as crossing it.\n",
	  run_flow_add, CMD_STORE | CMD_ORG, NULL },
	{ "list", "list the data flows", "isms flow list [--json]\n", run_flow_list,
	  CMD_STORE | CMD_ORG, NULL },
	{ "remove", "remove a data flow", "isms flow remove ID\n", run_flow_remove,
	  CMD_STORE | CMD_ORG, NULL },
	{ 0 },
};

const struct cmd cmd_flow = {
	"flow",
	"data flows between assets, and which cross the scope boundary",
	"isms flow SUB-COMMAND ...\n",
	NULL,
	0,
	flow_subs,
};
