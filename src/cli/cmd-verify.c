/*
 * cmd-verify.c - isms verify: is the store what its change log says, and
 * is every evidence file what its digest says?
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "view/log.h"

static int run_verify(struct cli *cli, int argc, char **argv)
{
	struct verify_report r;
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);
	size_t changed = 0, damaged = 0, chain = 0;

	if (rc)
		return rc;
	rc = app_verify(cli->st, &r);
	if (rc)
		return rc;
	for (size_t i = 0; i < r.n; i++) {
		const char *k = r.v[i].kind;

		if (!strcmp(k, "blob"))
			damaged++;
		else if (!strcmp(k, "chain"))
			chain++;
		else
			changed++;
	}
	if (cli->json) {
		rc = cli_json(json_verify_report(&r));
	} else {
		for (size_t i = 0; i < r.n; i++) {
			cli_printf("%s: ", r.v[i].kind);
			cli_put(stdout, r.v[i].message);
			cli_printf("\n");
		}
		if (r.nproblems > r.n)
			cli_printf("... and %zu more problems\n", r.nproblems - r.n);
		cli_printf("chain: %" PRId64 " block%s, %s; records: %" PRId64
		           " checked, %zu changed; evidence: %" PRId64
		           " blob%s, %zu damaged\n",
		           r.counts.blocks, r.counts.blocks == 1 ? "" : "s",
		           chain ? "BROKEN" : "intact", r.counts.records, changed,
		           r.counts.blobs, r.counts.blobs == 1 ? "" : "s", damaged);
		if (*r.counts.head)
			cli_printf("head: %s\n", r.counts.head);
	}
	if (!rc && r.nproblems)
		cli->exit_status = EXIT_PROBLEMS;
	verify_report_release(&r);
	return rc;
}

const struct cmd cmd_verify = {
	"verify",
	"check the change log's chain, every record and every evidence file",
	"isms verify [--json]\n"
	"\n"
	"Every write isms makes is in the change log, in blocks chained by\n"
	"SHA-256.  verify recomputes the chain, compares every record with its\n"
	"latest logged image, and hashes every evidence file again.  It names\n"
	"each problem: a block that no longer matches (log entries edited or\n"
	"removed), entries written by another program (unchained), records\n"
	"changed, added or deleted outside isms, damaged evidence.\n"
	"\n"
	"The last line gives the newest block's SHA-256 (head): kept somewhere\n"
	"else, it shows later whether the whole log was rewritten.\n"
	"\n"
	"Exit status 0 when all is intact, 3 when problems were found.\n",
	run_verify,
	CMD_STORE,
	NULL,
};
