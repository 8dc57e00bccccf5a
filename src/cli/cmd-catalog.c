/*
 * cmd-catalog.c - isms catalog: frameworks and their requirements and
 * controls.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "parse/catalog-yaml.h"
#include "view/json.h"

static void print_item_line(const struct catalog_item *it)
{
	if (it->section && !strcmp(it->title, "General"))
		cli_printf("  %-8s %s: %s\n", it->ref, it->section, it->title);
	else
		cli_printf("  %-8s %s\n", it->ref, it->title);
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	struct catalog_query q = { .framework = CATALOG_DEFAULT_FRAMEWORK };
	const struct opt opts[] = { { "framework", OPT_STRING, &q.framework },
		                    { "theme", OPT_STRING, &q.theme },
		                    { "clause", OPT_STRING, &q.clause },
		                    { "kind", OPT_STRING, &q.kind },
		                    { 0 } };
	struct catalog_item_list list;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 0, 0, &npos);
	if (rc)
		return rc;
	rc = app_catalog_query(cli->st, &q, &list);
	/* Filters that do not go together are a usage error, told as one. */
	if (rc == -E_USAGE)
		return cli_usage(cli, "%s", error_message());
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_catalog_item_list(&list));
	} else {
		const char *last_group = NULL, *last_fw = NULL;

		for (size_t i = 0; i < list.n; i++) {
			const struct catalog_item *it = &list.v[i];

			if (!last_fw || strcmp(last_fw, it->framework)) {
				cli_printf("%s%s\n", last_fw ? "\n" : "", it->framework);
				last_group = NULL;
			}
			if (!last_group || strcmp(last_group, it->group))
				cli_printf("\n%s %s\n",
				           !strcmp(it->group_kind, "clause") ? it->group
				                                             : "",
				           it->group_title);
			print_item_line(it);
			last_group = it->group;
			last_fw = it->framework;
		}
		cli_printf("\n%zu item%s\n", list.n, list.n == 1 ? "" : "s");
	}
	catalog_item_list_release(&list);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	const char *framework = CATALOG_DEFAULT_FRAMEWORK;
	const struct opt opts[] = { { "framework", OPT_STRING, &framework }, { 0 } };
	struct catalog_item it;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (!rc)
		rc = app_catalog_get(cli->st, framework, pos[0], &it);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_catalog_item(&it));
	} else {
		const char *last = NULL;

		cli_printf("%s  %s\n", it.ref, it.title);
		cli_printf("framework: %s\n", it.framework);
		cli_printf("kind:      %s\n", it.kind);
		cli_printf("%-10s %s\n",
		           !strcmp(it.group_kind, "theme") ? "theme:" : "clause:",
		           it.group_title);
		if (it.section)
			cli_printf("section:   %s\n", it.section);
		cli_printf("\n%s\n", it.description);
		for (size_t i = 0; i < it.nattrs; i++) {
			if (!last || strcmp(last, it.attrs[i].type))
				cli_printf("%s%s: %s", last ? "\n" : "\n",
				           it.attrs[i].type, it.attrs[i].value);
			else
				cli_printf(", %s", it.attrs[i].value);
			last = it.attrs[i].type;
		}
		if (it.nattrs)
			cli_printf("\n");
	}
	catalog_item_release(&it);
	return rc;
}

static int run_frameworks(struct cli *cli, int argc, char **argv)
{
	struct framework_list list;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 0, 0, &npos);
	if (!rc)
		rc = store_framework_list(cli->st, &list);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_framework_list(&list));
	} else if (list.n == 0) {
		cli_printf("No frameworks loaded; run 'isms init'.\n");
	} else {
		for (size_t i = 0; i < list.n; i++) {
			const struct framework *fw = &list.v[i];
			int64_t total = 0;

			for (size_t g = 0; g < fw->ngroups; g++)
				total += fw->groups[g].nitems;
			cli_printf("%-16s %s, %lld items\n", fw->code, fw->name,
			           (long long)total);
		}
	}
	framework_list_release(&list);
	return rc;
}

static int run_import(struct cli *cli, int argc, char **argv)
{
	char *pos[1], *buf = NULL, *code = NULL;
	bool changed = false;
	size_t len;
	int npos, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);
	if (!rc)
		rc = cli_read_file(pos[0], CATALOG_FILE_MAX, &buf, &len);
	if (!rc)
		rc = app_catalog_import(cli->st, pos[0], buf, len, &changed, &code);
	free(buf);
	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_catalog_import(code, changed));
	else
		cli_printf("Framework %s %s.\n", code,
		           changed ? "loaded" : "was already up to date");
	free(code);
	return rc;
}

static const struct cmd catalog_subs[] = {
	{ .name = "list",
	  .summary = "list requirements and controls",
	  .help = "isms catalog list [--framework ID|all] [--theme THEME | --clause N]\n"
	          "                  [--kind clause|control] [--json]\n"
	          "\n"
	          "THEME is organizational, people, physical or technological (or A.5 "
	          "..\n"
	          "A.8); N is a clause number 4..10.  The default framework is "
	          "iso27001-2022.",
	  .run = run_list,
	  .flags = CMD_STORE },
	{ .name = "show",
	  .summary = "show one requirement or control with its attributes",
	  .help = "isms catalog show REF [--framework ID] [--json]\n"
	          "\n"
	          "REF is e.g. A.5.1 or 9.2.2.",
	  .run = run_show,
	  .flags = CMD_STORE },
	{ .name = "frameworks",
	  .summary = "list the frameworks in the store",
	  .help = "isms catalog frameworks [--json]",
	  .run = run_frameworks,
	  .flags = CMD_STORE },
	{ .name = "import",
	  .summary = "load or update a framework from a catalogue file",
	  .help = "isms catalog import FILE\n"
	          "\n"
	          "FILE is a YAML catalogue in the format of docs/CATALOG.md ('-' reads\n"
	          "standard input).  Items already stored are never dropped.",
	  .run = run_import,
	  .flags = CMD_STORE },
	{ 0 },
};

const struct cmd cmd_catalog = {
	.name = "catalog",
	.summary = "the catalogue: ISO/IEC 27001:2022 clauses and Annex A controls",
	.help = "isms catalog SUB-COMMAND [ARGS...]",
	.subs = catalog_subs,
};
