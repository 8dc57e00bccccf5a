/*
 * isms.c - the program's entry: global options, the command table, and
 * running one command.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/xalloc.h"

static const struct cmd *const commands[] = {
	&cmd_init, &cmd_overview, &cmd_org,   &cmd_scope, &cmd_catalog,
	&cmd_gap,  &cmd_evidence, &cmd_asset, &cmd_flow,  &cmd_risk,
	&cmd_soa,  &cmd_person,   &cmd_audit, &cmd_capa,  &cmd_review,
	&cmd_cert, &cmd_calendar, &cmd_user,  &cmd_token, &cmd_serve,
	&cmd_log,  &cmd_verify,   &cmd_db,    &cmd_demo,  NULL,
};

/* Kept reachable until exit: argv for "isms help COMMAND". */
static char **help_argv;

static const char general_help[] =
        "usage: isms [--db PATH|URL] [--org SLUG] [--json] COMMAND [ARGS...]\n"
        "\n"
        "ISO/IEC 27001:2022 gap assessment and internal audit.\n"
        "\n"
        "Global options (before the command):\n"
        "  --db STORE    the store: an SQLite file, or a PostgreSQL database as\n"
        "                postgresql://USER@HOST:PORT/DB (default $ISMS_DB, else\n"
        "                ./isms.db)\n"
        "  --org SLUG    the organisation to work on (default $ISMS_ORG, or the\n"
        "                only one in the store)\n"
        "  --json        print one JSON document instead of text (may stand anywhere)\n"
        "  --version     print the version and exit\n"
        "  --help        print this help and exit\n"
        "\n"
        "Commands:\n";

static const char exit_help[] =
        "\n"
        "Run 'isms COMMAND --help' for a command's own options.\n"
        "Exit status: 0 success, 1 runtime error (unknown record, conflict,\n"
        "store failure), 2 usage error (bad option or value), 3 a check found\n"
        "problems ('isms soa check', 'isms cert readiness', 'isms verify').\n";

static void print_general_help(FILE *f)
{
	fputs(general_help, f);
	for (const struct cmd *const *c = commands; *c; c++)
		fprintf(f, "  %-10s  %s\n", (*c)->name, (*c)->summary);
	fputs(exit_help, f);
}

static void print_cmd_help(const struct cmd *parent, const struct cmd *c)
{
	/* What it does first, then how to call it. */
	printf("isms %s%s%s: %s\n\n", parent ? parent->name : "", parent ? " " : "",
	       c->name, c->summary);
	printf("usage: %s\n", c->help);
	if (c->subs) {
		printf("\nSub-commands:\n");
		for (const struct cmd *s = c->subs; s->name; s++)
			printf("  %-10s  %s\n", s->name, s->summary);
		printf("\nRun 'isms %s SUB-COMMAND --help' for details.\n", c->name);
	}
}

static const struct cmd *find_cmd(const struct cmd *const *list, const struct cmd *subs,
                                  const char *name)
{
	if (list) {
		for (; *list; list++)
			if (!strcmp((*list)->name, name))
				return *list;
		return NULL;
	}
	for (; subs && subs->name; subs++)
		if (!strcmp(subs->name, name))
			return subs;
	return NULL;
}

static bool wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return false;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	}
	return false;
}

/* Remove every "--json" before a "--", and say whether there was one. */
static bool take_json(int *argc, char **argv)
{
	bool found = false;
	int out = 0;
	bool rest = false;

	for (int i = 0; i < *argc; i++) {
		if (!rest && !strcmp(argv[i], "--"))
			rest = true;
		if (!rest && !strcmp(argv[i], "--json")) {
			found = true;
			continue;
		}
		argv[out++] = argv[i];
	}
	*argc = out;
	argv[out] = NULL;
	return found;
}

int cli_org(struct cli *cli)
{
	struct org_list all;
	int rc;

	if (cli->org_slug) {
		rc = app_org_get(cli->st, cli->org_slug, &cli->org);
		if (!rc)
			store_set_log_org(cli->st, cli->org.id);
		return rc;
	}
	rc = store_org_list(cli->st, &all);
	if (rc)
		return rc;
	if (all.n == 1) {
		cli->org = all.v[0];
		memset(&all.v[0], 0, sizeof(all.v[0]));
		store_set_log_org(cli->st, cli->org.id);
	} else if (all.n == 0) {
		rc = error_set(E_NOTFOUND,
		               "no organisation yet; add one with 'isms org add SLUG "
		               "--name NAME'");
	} else {
		char known[256] = "";
		size_t used = 0;

		for (size_t i = 0; i < all.n && used < sizeof(known); i++)
			used += (size_t)snprintf(known + used, sizeof(known) - used,
			                         "%s%s", i ? ", " : "", all.v[i].slug);
		rc = error_set(E_USAGE,
		               "%s: choose an organisation with --org SLUG (known: %s)",
		               cli->path, known);
	}
	org_list_release(&all);
	return rc;
}

static int run(struct cli *cli, const struct cmd *c, int argc, char **argv)
{
	int rc = 0;

	if (c->flags & (CMD_STORE | CMD_CREATE))
		rc = store_open(&cli->st, cli->db,
		                (c->flags & CMD_CREATE) ? STORE_CREATE : 0);
	if (!rc && (c->flags & CMD_ORG))
		rc = cli_org(cli);
	if (!rc)
		rc = c->run(cli, argc, argv);
	org_release(&cli->org);
	store_close(cli->st);
	cli->st = NULL;
	return rc;
}

/* The error as one line: a quoted value may hold line breaks. */
static int fail(int rc)
{
	char *msg = xstrdup(error_message());

	(void)rc;
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	fputs("isms: ", stderr);
	cli_put(stderr, msg);
	fputc('\n', stderr);
	free(msg);
	return error_exit_status(error_code());
}

static int global_opt(const char *arg, const char *name, int *i, int argc, char **argv,
                      const char **out)
{
	size_t n = strlen(name);

	if (strncmp(arg, name, n))
		return 0;
	if (arg[n] == '=') {
		*out = arg + n + 1;
		return 1;
	}
	if (arg[n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*out = argv[++*i];
	return 1;
}

int main(int argc, char **argv)
{
	static char path[128];
	struct cli cli = { 0 };
	const struct cmd *c, *sub;
	int i, rc;

	cli.json = take_json(&argc, argv);
	cli.db = getenv("ISMS_DB");
	if (!cli.db || !*cli.db)
		cli.db = "isms.db";
	cli.org_slug = getenv("ISMS_ORG");
	if (cli.org_slug && !*cli.org_slug)
		cli.org_slug = NULL;
	cli.path = "isms";

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		int got;

		if (!strcmp(a, "--version")) {
			if (cli.json)
				return cli_json(json_pack("{s:s, s:i}", "version",
				                          ISMS_VERSION, "schema",
				                          store_schema_latest()))
				               ? 1
				               : 0;
			printf("isms %s (schema %d)\n", ISMS_VERSION,
			       store_schema_latest());
			return 0;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			print_general_help(stdout);
			return 0;
		}
		if ((got = global_opt(a, "--db", &i, argc, argv, &cli.db)) ||
		    (got = global_opt(a, "--org", &i, argc, argv, &cli.org_slug))) {
			if (got < 0)
				return fail(error_set(E_USAGE,
				                      "option '%s' needs a value", a));
			continue;
		}
		return fail(error_set(E_USAGE,
		                      "unknown global option '%s' (see 'isms "
		                      "--help')",
		                      a));
	}
	if (i >= argc) {
		print_general_help(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help")) {
		if (i + 1 >= argc) {
			print_general_help(stdout);
			return 0;
		}
		/* "isms help org add" is "isms org add --help" */
		help_argv = xcalloc((size_t)argc + 2, sizeof(*help_argv));
		memcpy(help_argv, argv, sizeof(*argv) * (size_t)argc);
		help_argv[argc++] = "--help";
		argv = help_argv;
		i++;
	}
	c = find_cmd(commands, NULL, argv[i]);
	if (!c)
		return fail(error_set(E_USAGE, "unknown command '%s' (see 'isms --help')",
		                      argv[i]));
	snprintf(path, sizeof(path), "isms %s", c->name);
	cli.path = path;
	argc -= i;
	argv += i;
	sub = c;
	/* A command with sub-commands may also run itself when none is named
	 * ('isms calendar --days 30' beside 'isms calendar export'). */
	if (c->subs &&
	    !(c->run && argc >= 2 && argv[1][0] == '-' && !wants_help(2, argv)) &&
	    !(c->run && argc < 2)) {
		if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
			if (argc < 2) {
				print_cmd_help(NULL, c);
				return EXIT_USAGE;
			}
			print_cmd_help(NULL, c);
			return 0;
		}
		sub = find_cmd(NULL, c->subs, argv[1]);
		if (!sub)
			return fail(error_set(E_USAGE,
			                      "%s: unknown sub-command '%s' (see '%s "
			                      "--help')",
			                      path, argv[1], path));
		snprintf(path, sizeof(path), "isms %s %s", c->name, sub->name);
		argc--;
		argv++;
	}
	if (wants_help(argc, argv)) {
		print_cmd_help(sub == c ? NULL : c, sub);
		return 0;
	}
	rc = run(&cli, sub, argc, argv);
	return rc ? fail(rc) : cli.exit_status;
}
