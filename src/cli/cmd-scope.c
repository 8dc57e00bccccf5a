/*
 * cmd-scope.c - isms scope: the ISMS scope of an organisation (clause 4.3).
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/text.h"
#include "view/json.h"

static bool is_iface_kind(const char *kind)
{
	return !strcmp(kind, "interface") || !strcmp(kind, "dependency");
}

/* Confirm a change: "Excluded location 'Lab'." or the JSON equivalent. */
static int done(struct cli *cli, int rc, const char *verb, const char *kind,
                const char *name)
{
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_pack("{s:s, s:s, s:s, s:s}", "org", cli->org.slug,
		                          "action", verb, "kind", kind, "name", name));
	cli_printf("%s %s '%s'.\n", verb, kind, name);
	return 0;
}

static void print_block(const char *indent, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		cli_printf("%s%.*s\n", indent, (int)n, p);
		p += n + (nl ? 1 : 0);
	}
}

static void print_scope(const struct org *org, const struct scope *sc)
{
	size_t nif = 0;

	cli_printf("ISMS scope of %s (%s)\n\n", org->name, org->slug);
	if (*sc->statement) {
		cli_printf("Statement (updated %s):\n", sc->updated_at);
		print_block("  ", sc->statement);
	} else {
		cli_printf("Statement: none yet (isms scope statement TEXT)\n");
	}
	for (int k = 0; k < SCOPE__COUNT; k++) {
		bool any = false;

		cli_printf("\n%s\n", scope_kind_heading((enum scope_kind)k));
		for (size_t i = 0; i < sc->nitems; i++) {
			const struct scope_item *it = &sc->items[i];

			if ((int)it->kind != k)
				continue;
			any = true;
			cli_printf("  [%s] %s", it->in_scope ? "in " : "out", it->name);
			if (*it->description)
				cli_printf(" - %s", it->description);
			cli_printf("\n");
			if (!it->in_scope)
				cli_printf("        excluded because: %s\n",
				           it->exclusion_reason);
		}
		if (!any)
			cli_printf("  (none)\n");
	}
	cli_printf("\nInterfaces and dependencies\n");
	for (size_t i = 0; i < sc->nifaces; i++) {
		const struct scope_iface *f = &sc->ifaces[i];

		nif++;
		cli_printf("  %-10s %s", iface_kind_name(f->kind), f->name);
		if (*f->party)
			cli_printf(" (with %s)", f->party);
		if (*f->description)
			cli_printf(" - %s", f->description);
		cli_printf("\n");
	}
	if (!nif)
		cli_printf("  (none)\n");
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct scope sc;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 0, 0, &npos);
	if (!rc)
		rc = store_scope_get(cli->st, cli->org.id, &sc);
	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_scope(&cli->org, &sc));
	else
		print_scope(&cli->org, &sc);
	scope_release(&sc);
	return rc;
}

static int run_statement(struct cli *cli, int argc, char **argv)
{
	const char *file = NULL;
	const struct opt opts[] = { { "file", OPT_STRING, &file }, { 0 } };
	char *pos[1], *buf = NULL;
	size_t len;
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 0, 1, &npos);
	if (rc)
		return rc;
	if ((npos == 1) == (file != NULL))
		return cli_usage(cli, "give the statement as TEXT or with --file FILE");
	if (file) {
		rc = cli_read_file(file, TEXT_LONG_MAX, &buf, &len);
		if (rc)
			return rc;
		if (strlen(buf) != len) {
			free(buf);
			return error_set(E_INVALID, "%s contains a NUL byte", file);
		}
	}
	rc = app_scope_set_statement(cli->st, &cli->org, buf ? buf : pos[0]);
	free(buf);
	return done(cli, rc, "Recorded", "scope statement of", cli->org.slug);
}

static int run_add(struct cli *cli, int argc, char **argv)
{
	const char *desc = "", *party = NULL;
	const struct opt opts[] = { { "description", OPT_STRING, &desc },
		                    { "party", OPT_STRING, &party },
		                    { 0 } };
	char *pos[2];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 2, 2, &npos);
	if (rc)
		return rc;
	if (is_iface_kind(pos[0])) {
		rc = app_scope_iface_add(cli->st, &cli->org, pos[0], pos[1],
		                         party ? party : "", desc);
	} else {
		if (party)
			return cli_usage(cli, "--party only applies to an interface or "
			                      "dependency");
		rc = app_scope_item_add(cli->st, &cli->org, pos[0], pos[1], desc);
	}
	return done(cli, rc, "Added", pos[0], pos[1]);
}

static int run_remove(struct cli *cli, int argc, char **argv)
{
	char *pos[2];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 2, 2, &npos);
	if (rc)
		return rc;
	if (is_iface_kind(pos[0]))
		rc = app_scope_iface_remove(cli->st, &cli->org, pos[0], pos[1]);
	else
		rc = app_scope_item_remove(cli->st, &cli->org, pos[0], pos[1]);
	return done(cli, rc, "Removed", pos[0], pos[1]);
}

static int run_exclude(struct cli *cli, int argc, char **argv)
{
	const char *reason = NULL;
	const struct opt opts[] = { { "reason", OPT_STRING, &reason }, { 0 } };
	char *pos[2];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 2, 2, &npos);
	if (rc)
		return rc;
	rc = app_scope_exclude(cli->st, &cli->org, pos[0], pos[1], reason);
	return done(cli, rc, "Excluded", pos[0], pos[1]);
}

static int run_include(struct cli *cli, int argc, char **argv)
{
	char *pos[2];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 2, 2, &npos);
	if (rc)
		return rc;
	rc = app_scope_include(cli->st, &cli->org, pos[0], pos[1]);
	return done(cli, rc, "Included", pos[0], pos[1]);
}

#define KINDS                                                                 \
	"KIND is process, location, technology or data-type; interface and\n" \
	"dependency record links with other parties (clause 4.3 c)."

static const struct cmd scope_subs[] = {
	{ .name = "show",
	  .summary = "show the scope statement, items, interfaces and dependencies",
	  .help = "isms [--org SLUG] scope show [--json]",
	  .run = run_show,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "statement",
	  .summary = "record the scope statement",
	  .help = "isms [--org SLUG] scope statement (TEXT | --file FILE)\n"
	          "\n"
	          "FILE may be '-' for standard input; the statement may span lines.",
	  .run = run_statement,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "add",
	  .summary = "add an item to the scope (in scope until excluded)",
	  .help = "isms [--org SLUG] scope add KIND NAME [--description TEXT]\n"
	          "isms [--org SLUG] scope add (interface|dependency) NAME "
	          "[--party PARTY] [--description TEXT]\n"
	          "\n" KINDS,
	  .run = run_add,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "exclude",
	  .summary = "mark an item out of scope, with the justification",
	  .help = "isms [--org SLUG] scope exclude KIND NAME --reason TEXT\n"
	          "\n"
	          "An exclusion without a justification is not accepted: auditors ask\n"
	          "for it.",
	  .run = run_exclude,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "include",
	  .summary = "bring an excluded item back into scope",
	  .help = "isms [--org SLUG] scope include KIND NAME",
	  .run = run_include,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "remove",
	  .summary = "delete an item, interface or dependency",
	  .help = "isms [--org SLUG] scope remove KIND NAME\n\n" KINDS,
	  .run = run_remove,
	  .flags = CMD_STORE | CMD_ORG },
	{ 0 },
};

const struct cmd cmd_scope = {
	.name = "scope",
	.summary = "the ISMS scope: statement, processes, locations, technologies, data",
	.help = "isms [--org SLUG] scope SUB-COMMAND [ARGS...]",
	.subs = scope_subs,
};
