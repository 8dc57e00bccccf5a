/*
 * cmd-db.c - isms db: facts about the store itself, and copying it.
 */
#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"

static int run_info(struct cli *cli, int argc, char **argv)
{
	struct org_list orgs;
	struct framework_list fws;
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
	if (cli->json) {
		rc = cli_json(json_pack(
		        "{s:s, s:s, s:i, s:i, s:I, s:I}", "db", store_target(cli->st),
		        "backend", store_backend(cli->st), "schema_version", version,
		        "schema_latest", store_schema_latest(), "organisations",
		        (json_int_t)orgs.n, "frameworks", (json_int_t)fws.n));
	} else {
		cli_printf("database:       %s\n", store_target(cli->st));
		cli_printf("backend:        %s\n", store_backend(cli->st));
		cli_printf("schema:         %d (this isms knows up to %d)\n", version,
		           store_schema_latest());
		cli_printf("organisations:  %zu\n", orgs.n);
		cli_printf("frameworks:     %zu\n", fws.n);
	}
	org_list_release(&orgs);
	framework_list_release(&fws);
	return rc;
}

/*
 * Both stores are opened here rather than by the runner: there are two,
 * and neither is --db unless --from is left out.
 */
static int run_copy(struct cli *cli, int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	const struct opt opts[] = { { "from", OPT_STRING, &from },
		                    { "to", OPT_STRING, &to },
		                    { 0 } };
	struct store *src = NULL, *dst = NULL;
	char *pos[1];
	size_t rows = 0;
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 0, 0, &npos);
	if (rc)
		return rc;
	if (!to || !*to)
		return cli_usage(cli, "missing --to DST");
	if (!from || !*from)
		from = cli->db;
	/* The source first: when it cannot be read, nothing is created. */
	rc = store_open(&src, from, 0);
	if (!rc)
		rc = store_open(&dst, to, STORE_CREATE);
	if (!rc)
		rc = store_copy(src, dst, &rows);
	if (!rc) {
		if (cli->json)
			rc = cli_json(json_pack(
			        "{s:s, s:s, s:s, s:s, s:I}", "from", store_target(src),
			        "from_backend", store_backend(src), "to",
			        store_target(dst), "to_backend", store_backend(dst),
			        "rows", (json_int_t)rows));
		else
			cli_printf("Copied %s (%s) to %s (%s): %zu rows.\n",
			           store_target(src), store_backend(src),
			           store_target(dst), store_backend(dst), rows);
	}
	store_close(dst);
	store_close(src);
	return rc;
}

static const struct cmd db_subs[] = {
	{ .name = "info",
	  .summary = "show the backend, location and schema version of the store",
	  .help = "isms [--db PATH] db info [--json]",
	  .run = run_info,
	  .flags = CMD_STORE },
	{ .name = "copy",
	  .summary = "copy a whole store into a new or empty one (SQLite or PostgreSQL)",
	  .help = "isms db copy [--from SRC] --to DST\n"
	          "\n"
	          "Copies every record of SRC (default: the --db store) into\n"
	          "DST, ids and all, in one transaction: all of it lands or none.\n"
	          "Either may be an SQLite file or a postgresql:// URL.  DST is\n"
	          "created if it is a new file; it must hold no organisations, and\n"
	          "its catalogue is replaced by SRC's.  Both must have the same\n"
	          "schema version.",
	  .run = run_copy },
	{ 0 },
};

const struct cmd cmd_db = {
	.name = "db",
	.summary = "the store itself",
	.help = "isms db SUB-COMMAND",
	.subs = db_subs,
};
