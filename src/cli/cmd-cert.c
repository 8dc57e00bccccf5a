/*
 * cmd-cert.c - isms cert: the certification record (body, Stage 1 and
 * Stage 2, the certificate and its three-year cycle), where the
 * organisation stands on the way to certification, and whether it is
 * ready for a stage audit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "view/cert.h"

static void field(const char *label, const char *v)
{
	cli_printf("  %-18s%s\n", label, v && *v ? v : "-");
}

/* A date of the cycle: recorded, derived from the others, or none. */
static void cycle_field(const char *label, const char *v, bool derived)
{
	cli_printf("  %-18s%s%s\n", label, *v ? v : "-",
	           *v && derived ? " (derived)" : "");
}

static void print_cycle(const struct cert_cycle *cy)
{
	cycle_field("expires", cy->expires_on, cy->derived_expiry);
	cycle_field("surveillance 1", cy->surveillance1_on, cy->derived_s1);
	cycle_field("surveillance 2", cy->surveillance2_on, cy->derived_s2);
	cycle_field("recertification", cy->recertification_on, cy->derived_recert);
}

static void print_cert(const struct org *org, const struct certification *c,
                       const struct cert_cycle *cy)
{
	cli_printf("Certification of %s\n", org->name);
	field("body", c->body);
	field("certificate", c->number);
	field("go-live", c->golive_on);
	field("stage 1", c->stage1_on);
	field("stage 2", c->stage2_on);
	field("issued", c->issued_on);
	print_cycle(cy);
	if (!c->updated_at)
		cli_printf(
		        "\nNothing recorded yet; 'isms cert set' records the dates.\n");
	else if (*cy->base && (cy->derived_expiry || cy->derived_s1 || cy->derived_s2 ||
	                       cy->derived_recert))
		cli_printf("\nDerived dates follow from %s (%s); record the body's own "
		           "dates with 'isms cert set'.\n",
		           cy->base,
		           c->issued_on ? "the issue date" : "the Stage 2 date");
}

/* The record and its cycle, as text or JSON. */
static int show_cert(struct cli *cli, const struct certification *c)
{
	struct cert_cycle cy = { 0 };

	cert_cycle(c, &cy);
	if (cli->json)
		return cli_json(json_certification(c, &cy));
	print_cert(&cli->org, c, &cy);
	return 0;
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	struct cert_update u = { 0 };
	const struct opt opts[] = { { "body", OPT_STRING, &u.body },
		                    { "number", OPT_STRING, &u.number },
		                    { "stage1", OPT_STRING, &u.stage1 },
		                    { "stage2", OPT_STRING, &u.stage2 },
		                    { "golive", OPT_STRING, &u.golive },
		                    { "issued", OPT_STRING, &u.issued },
		                    { "expires", OPT_STRING, &u.expires },
		                    { "surveillance1", OPT_STRING, &u.surveillance1 },
		                    { "surveillance2", OPT_STRING, &u.surveillance2 },
		                    { "recertification", OPT_STRING, &u.recertification },
		                    { 0 } };
	struct certification c = { 0 };
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	rc = app_cert_set(cli->st, &cli->org, &u, &c);
	/* Asking for no change is a matter of the command line's options. */
	if (rc == -E_USAGE)
		rc = cli_usage(cli, "%s", error_message());
	if (!rc)
		rc = show_cert(cli, &c);
	certification_release(&c);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct certification c = { 0 };
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (!rc)
		rc = app_cert_get(cli->st, &cli->org, &c);
	if (!rc)
		rc = show_cert(cli, &c);
	certification_release(&c);
	return rc;
}

static void print_status(const struct cert_status *s)
{
	cli_printf("Step %d of %d: %s\n", (int)s->step + 1, (int)STEP__COUNT,
	           cert_step_title(s->step));
	if (s->why && *s->why)
		cli_printf("  %s\n", s->why);
	cli_printf("\nNext:\n");
	if (!s->nnext)
		cli_printf("  nothing planned\n");
	for (size_t i = 0; i < s->nnext; i++) {
		const struct cert_next *n = &s->next[i];

		cli_printf("  %-10s  %s%s\n", *n->due ? n->due : "no date", n->what,
		           n->overdue ? "  OVERDUE" : "");
	}
	cli_printf("\n%s\n", s->certified ? "Certified." : "Not certified.");
	if (*s->cycle.base) {
		cli_printf("Cycle (from %s):\n", s->cycle.base);
		print_cycle(&s->cycle);
	}
}

static int run_status(struct cli *cli, int argc, char **argv)
{
	struct cert_data d = { 0 };
	struct cert_status s = { 0 };
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	rc = app_cert_load(cli->st, &cli->org, &d);
	if (!rc) {
		cert_status(&d.facts, &s);
		if (cli->json)
			rc = cli_json(json_cert_status(&s, d.today));
		else
			print_status(&s);
		cert_status_release(&s);
	}
	app_cert_release(&d);
	return rc;
}

static void print_readiness(const struct cert_readiness *r)
{
	size_t failed = 0;

	for (size_t i = 0; i < r->n; i++) {
		const struct cert_gate *g = &r->v[i];

		cli_printf("%s %s: %s\n", g->passed ? "PASS" : "FAIL", g->name,
		           g->reason ? g->reason : "");
		if (!g->passed && g->fix)
			cli_printf("     fix: %s\n", g->fix);
		failed += !g->passed;
	}
	if (r->ready)
		cli_printf("Ready for Stage %d\n", r->stage);
	else
		cli_printf("Not ready for Stage %d: %zu of %zu gates failed\n", r->stage,
		           failed, r->n);
}

static int run_readiness(struct cli *cli, int argc, char **argv)
{
	const char *stage_arg = NULL;
	const struct opt opts[] = { { "stage", OPT_STRING, &stage_arg }, { 0 } };
	struct cert_data d = { 0 };
	struct cert_readiness r = { 0 };
	int stage = 0;
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	if (!stage_arg)
		return cli_usage(cli, "choose the stage with --stage 1|2");
	if (app_cert_stage_parse(stage_arg, &stage))
		return cli_usage(cli, "%s", error_message());
	rc = app_cert_load(cli->st, &cli->org, &d);
	if (!rc)
		rc = cert_readiness(&d.facts, stage, &r);
	if (!rc) {
		if (cli->json)
			rc = cli_json(json_cert_readiness(&r));
		else
			print_readiness(&r);
	}
	/* Not ready is an answer, not a failure: exit 3 as 'soa check' does. */
	if (!rc && !r.ready)
		cli->exit_status = EXIT_PROBLEMS;
	cert_readiness_release(&r);
	app_cert_release(&d);
	return rc;
}

static const struct cmd cert_subs[] = {
	{ "set", "record the certification body, the stage audits and the certificate",
	  "isms cert set [--body NAME] [--number TEXT] [--golive DATE]\n"
	  "         [--stage1 DATE] [--stage2 DATE] [--issued DATE] [--expires DATE]\n"
	  "         [--surveillance1 DATE] [--surveillance2 DATE]\n"
	  "         [--recertification DATE] [--json]\n"
	  "\n"
	  "Dates are YYYY-MM-DD; \"none\" clears a field, and a field not given\n"
	  "stays as it was.  --golive is the day the ISMS went into operation;\n"
	  "Stage 1 reviews the documentation, Stage 2 the implementation and its\n"
	  "effectiveness.  The certificate is valid for three years at most: the\n"
	  "expiry, the surveillance audits (12 and 24 months on) and the\n"
	  "recertification audit (3 months before expiry) are derived from the\n"
	  "issue date, or the Stage 2 date before issue, unless recorded.  The\n"
	  "whole record is checked (Stage 2 not before Stage 1, expiry after issue\n"
	  "...) before anything is written.\n"
	  "\n"
	  "Examples:\n"
	  "  isms cert set --body \"Example Certification Ltd\" --golive 2026-01-05 \\\n"
	  "      --stage1 2026-05-04 --stage2 2026-06-15\n"
	  "  isms cert set --issued 2026-07-01 --number IS-123456\n"
	  "  isms cert set --stage2 none\n",
	  run_set, CMD_STORE | CMD_ORG, NULL },
	{ "show", "the certification record and its three-year cycle",
	  "isms cert show [--json]\n"
	  "\n"
	  "Dates of the cycle that were derived rather than recorded are marked\n"
	  "\"(derived)\".\n",
	  run_show, CMD_STORE | CMD_ORG, NULL },
	{ "status", "which of the seven steps to certification the ISMS is at",
	  "isms cert status [--json]\n"
	  "\n"
	  "The steps: 1 gap assessment, 2 implement and operate, 3 internal audit,\n"
	  "4 management review, 5 corrective action, 6 certification (Stage 1 and\n"
	  "Stage 2), 7 maintain (surveillance, recertification, yearly audits).\n"
	  "Prints the step with the reason, what comes next and by when (overdue\n"
	  "marked), and the certification cycle.\n",
	  run_status, CMD_STORE | CMD_ORG, NULL },
	{ "readiness", "whether the ISMS is ready for the Stage 1 or Stage 2 audit",
	  "isms cert readiness --stage 1|2 [--json]\n"
	  "\n"
	  "Judges the gates before the stage, on the stage's date when recorded,\n"
	  "else today: scheduled, gap-assessment (Stage 1), operation,\n"
	  "internal-audit, management-review, corrective-action, soa,\n"
	  "risk-treatment, evidence.  Each prints as PASS or FAIL with the\n"
	  "reason, and what to do about a failure.\n"
	  "\n"
	  "Exit status: 0 ready, 3 not ready (also with --json).\n"
	  "\n"
	  "Example:\n"
	  "  isms cert readiness --stage 1 --json | jq -r '.gates[] | "
	  "select(.passed | not) | .name'\n",
	  run_readiness, CMD_STORE | CMD_ORG, NULL },
	{ 0 },
};

const struct cmd cmd_cert = {
	"cert",
	"certification: Stage 1 and 2, the certificate's cycle, readiness",
	"isms cert SUB-COMMAND ...\n",
	NULL,
	0,
	cert_subs,
};
