/*
 * cmd-capa.c - isms capa: corrective actions (clause 10.2), opened by
 * every nonconformity an audit records, closed only after their
 * effectiveness was verified.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "view/audit.h"

static int capa_id(struct cli *cli, const char *s, int64_t *id)
{
	int rc = app_capa_id_parse(s, id);

	return rc ? cli_usage(cli, "%s", error_message()) : 0;
}

static void field(const char *label, const char *v)
{
	cli_printf("  %-14s%s\n", label, v ? v : "-");
}

static void print_capa(const struct capa *c, const char *today)
{
	cli_printf("CAPA-%lld  %s %s nonconformity (%s) of %s, audit A%lld\n",
	           (long long)c->id, audit_result_name(c->severity),
	           test_type_name(c->type), nc_kind_name(c->nc), c->ref,
	           (long long)c->audit_id);
	cli_printf("  %-14s%s%s\n", "status", capa_status_name(c->status),
	           capa_overdue(c, today) ? " (OVERDUE)" : "");
	field("finding", c->description);
	field("correction", c->correction);
	field("root cause", c->root_cause);
	field("action", c->action);
	field("owner", c->owner);
	field("due", c->due_on);
	if (c->verified_by) {
		cli_printf("  %-14s%s on %s\n", "verified by", c->verified_by,
		           c->verified_on);
		field("verification", c->verification_note);
		if (c->verification_evidence)
			field("evidence", c->verification_evidence);
	}
	if (c->closed_on)
		field("closed", c->closed_on);
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	bool overdue = false, open_only = false;
	const struct opt opts[] = { { "overdue", OPT_FLAG, &overdue },
		                    { "open", OPT_FLAG, &open_only },
		                    { 0 } };
	struct capa_list l;
	char today[11];
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (!rc)
		rc = app_capa_list(cli->st, &cli->org, overdue, open_only, &l);
	if (rc)
		return rc;
	store_today(today);
	if (cli->json) {
		rc = cli_json(json_capa_list(&l, today));
	} else if (!l.n) {
		cli_printf("%s\n", overdue ? "No overdue corrective actions."
		                           : "No corrective actions.");
	}
	for (size_t i = 0; !cli->json && i < l.n; i++) {
		const struct capa *c = &l.v[i];

		cli_printf("CAPA-%-4lld %-8s %-5s %-12s %-10s %s%s\n", (long long)c->id,
		           c->ref, audit_result_name(c->severity),
		           capa_status_name(c->status),
		           c->due_on ? c->due_on : "no due date",
		           c->owner ? c->owner : "no owner",
		           capa_overdue(c, today) ? "  OVERDUE" : "");
	}
	capa_list_release(&l);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct capa c;
	int64_t id;
	char today[11], *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = capa_id(cli, pos[0], &id);
	if (!rc)
		rc = store_capa_get(cli->st, cli->org.id, id, &c);
	if (rc)
		return rc;
	store_today(today);
	if (cli->json)
		rc = cli_json(json_capa(&c, today));
	else
		print_capa(&c, today);
	capa_release(&c);
	return rc;
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	struct capa_update u = { 0 };
	const struct opt opts[] = { { "correction", OPT_STRING, &u.correction },
		                    { "root-cause", OPT_STRING, &u.root_cause },
		                    { "action", OPT_STRING, &u.action },
		                    { "owner", OPT_STRING, &u.owner },
		                    { "due", OPT_STRING, &u.due_on },
		                    { "status", OPT_STRING, &u.status },
		                    { 0 } };
	struct capa c;
	int64_t id;
	char today[11], *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (!rc)
		rc = capa_id(cli, pos[0], &id);
	if (!rc)
		rc = app_capa_set(cli->st, &cli->org, id, &u, &c);
	if (rc)
		return rc;
	store_today(today);
	if (cli->json)
		rc = cli_json(json_capa(&c, today));
	else
		cli_printf("Updated CAPA-%lld (%s).\n", (long long)c.id,
		           capa_status_name(c.status));
	capa_release(&c);
	return rc;
}

static int run_verify(struct cli *cli, int argc, char **argv)
{
	const char *by = NULL, *note = NULL, *date = NULL, *evidence = NULL;
	const struct opt opts[] = { { "by", OPT_STRING, &by },
		                    { "note", OPT_STRING, &note },
		                    { "date", OPT_STRING, &date },
		                    { "evidence", OPT_STRING, &evidence },
		                    { 0 } };
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (!rc)
		rc = capa_id(cli, pos[0], &id);
	if (!rc)
		rc = app_capa_verify(cli->st, &cli->org, id, by, note, date, evidence);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_pack("{s:I, s:s}", "id", (json_int_t)id, "status",
		                          "verified"));
	cli_printf(
	        "Recorded the verification of CAPA-%lld; close it with 'isms capa close "
	        "%lld'.\n",
	        (long long)id, (long long)id);
	return 0;
}

static int run_close(struct cli *cli, int argc, char **argv)
{
	const char *date = NULL;
	const struct opt opts[] = { { "date", OPT_STRING, &date }, { 0 } };
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (!rc)
		rc = capa_id(cli, pos[0], &id);
	if (!rc)
		rc = app_capa_close(cli->st, &cli->org, id, date);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_pack("{s:I, s:s}", "id", (json_int_t)id, "status",
		                          "closed"));
	cli_printf("Closed CAPA-%lld.\n", (long long)id);
	return 0;
}

static const struct cmd capa_subs[] = {
	{ "list", "corrective actions, with their status",
	  "isms capa list [--overdue] [--open] [--json]\n"
	  "\n"
	  "--overdue: open or in progress past the due date; --open: not closed.\n",
	  run_list, CMD_STORE | CMD_ORG, NULL },
	{ "show", "one corrective action", "isms capa show ID [--json]\n", run_show,
	  CMD_STORE | CMD_ORG, NULL },
	{ "set", "record the correction, root cause, action, owner, due date, status",
	  "isms capa set ID [--correction TEXT] [--root-cause TEXT] [--action TEXT]\n"
	  "         [--owner NAME] [--due DATE] [--status open|in-progress|implemented]\n"
	  "         [--json]\n"
	  "\n"
	  "The correction is the immediate reaction; the action removes the root\n"
	  "cause so the nonconformity does not recur.\n",
	  run_set, CMD_STORE | CMD_ORG, NULL },
	{ "verify", "record that the action was effective: who, when, on what evidence",
	  "isms capa verify ID --by NAME --note TEXT [--date DATE] [--evidence SHA256]\n",
	  run_verify, CMD_STORE | CMD_ORG, NULL },
	{ "close", "close a verified corrective action",
	  "isms capa close ID [--date DATE]\n"
	  "\n"
	  "Refused until 'capa verify' has recorded the effectiveness check.\n",
	  run_close, CMD_STORE | CMD_ORG, NULL },
	{ 0 },
};

const struct cmd cmd_capa = {
	"capa",
	"corrective actions: correction, root cause, verification (10.2)",
	"isms capa SUB-COMMAND ...\n",
	NULL,
	0,
	capa_subs,
};
