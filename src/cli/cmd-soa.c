/*
 * cmd-soa.c - isms soa: the Statement of Applicability, its alignment
 * check, approved versions and exports.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "view/soa.h"

static struct soa_doc doc_of(struct cli *cli, const struct soa_data *d)
{
	return (struct soa_doc){ .org = &cli->org,
		                 .soa = &d->soa,
		                 .risks = &d->risks,
		                 .method = &d->method,
		                 .plan = &d->plan,
		                 .problems = &d->problems,
		                 .approved = d->approved.id ? &d->approved : NULL,
		                 .today = d->today };
}

static void print_row(const struct soa_row *r)
{
	cli_printf("%s  %s\n", r->ref, r->title);
	cli_printf("  %-16s%s\n", "applicable", r->applicable ? "yes" : "no");
	if (!r->applicable)
		cli_printf("  %-16s%s\n", "excluded because",
		           r->exclusion ? r->exclusion : "(no justification)");
	for (int k = 0; k < SOA_REASON__COUNT; k++)
		if (r->reason[k])
			cli_printf("  %-16s%s\n", soa_reason_name((enum soa_reason)k),
			           r->reason[k]);
	cli_printf("  %-16s%s%s%s%s\n", "status", soa_impl_name(r->status),
	           r->overridden ? " (override: " : "",
	           r->overridden && r->override_reason ? r->override_reason : "",
	           r->overridden ? ")" : "");
	if (r->overridden)
		cli_printf("  %-16s%s\n", "derived status", soa_impl_name(r->derived));
	cli_printf("  %-16s%s\n", "gap finding", gap_status_name(r->gap));
	cli_printf("  %-16s", "risks");
	for (size_t i = 0; i < r->nrisks; i++)
		cli_printf("%sR%lld", i ? ", " : "", (long long)r->risks[i]);
	cli_printf("%s\n", r->nrisks ? "" : "-");
	for (size_t i = 0; i < r->nevidence; i++)
		cli_printf("  %-16s%s\n", i ? "" : "evidence", r->evidence[i]);
}

static int set_many(struct cli *cli, char **refs, int n, const struct soa_update *u)
{
	int rc = app_soa_set_many(cli->st, &cli->org, (const char *const *)refs,
	                          (size_t)n, u);

	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_soa_updated((const char *const *)refs, (size_t)n));
	cli_printf("Updated %d controls.\n", n);
	return 0;
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	struct soa_update u = { 0 };
	const struct opt opts[] = { { "applicable", OPT_STRING, &u.applicable },
		                    { "justification", OPT_STRING, &u.justification },
		                    { "reason", OPT_STRING, &u.reason },
		                    { "status", OPT_STRING, &u.status },
		                    { "status-reason", OPT_STRING, &u.status_reason },
		                    { 0 } };
	struct soa_row r;
	char *pos[SOA_SET_MAX];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, SOA_SET_MAX, &npos);

	if (rc)
		return rc;
	if (npos > 1)
		return set_many(cli, pos, npos, &u);
	rc = app_soa_set(cli->st, &cli->org, pos[0], &u, &r);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_soa_row(&r));
	} else {
		cli_printf("%s: %s, %s.\n", r.ref,
		           r.applicable ? "applicable" : "not applicable",
		           soa_impl_name(r.status));
		if (!r.applicable && !r.exclusion)
			fprintf(stderr,
			        "isms: warning: %s is excluded without a justification; "
			        "'isms soa check' reports it until one is given\n",
			        r.ref);
	}
	soa_row_release(&r);
	return rc;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	struct soa_data d;
	struct soa_doc view;
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (!rc)
		rc = app_soa_load(cli->st, &cli->org, &d);
	if (rc)
		return rc;
	view = doc_of(cli, &d);
	if (cli->json) {
		rc = cli_json(json_soa(&view));
	} else {
		size_t applicable = 0, counts[SOA_IMPL__COUNT] = { 0 };

		cli_printf("%-8s %-4s %-16s %-6s %s\n", "REF", "APPL", "STATUS", "RISKS",
		           "TITLE");
		for (size_t i = 0; i < d.soa.n; i++) {
			const struct soa_row *r = &d.soa.v[i];

			cli_printf("%-8s %-4s %-16s %-6zu %s\n", r->ref,
			           r->applicable ? "yes" : "no",
			           r->applicable ? soa_impl_name(r->status) : "-",
			           r->nrisks, r->title);
			if (r->applicable) {
				applicable++;
				counts[r->status]++;
			}
		}
		cli_printf(
		        "\n%zu of %zu controls apply: %zu implemented, %zu partial, %zu "
		        "planned, %zu not-implemented.\n",
		        applicable, d.soa.n, counts[SOA_IMPLEMENTED], counts[SOA_PARTIAL],
		        counts[SOA_PLANNED], counts[SOA_NOT_IMPLEMENTED]);
		if (d.approved.id)
			cli_printf("Version %d approved by %s on %s.\n",
			           d.approved.version, d.approved.approved_by,
			           d.approved.approved_on);
		cli_printf("Alignment: %s (see 'isms soa check').\n",
		           d.problems.n ? "problems found" : "aligned");
	}
	app_soa_release(&d);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct soa_data d;
	const struct soa_row *r;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (rc)
		return rc;
	rc = app_soa_get(cli->st, &cli->org, pos[0], &d, &r);
	if (!rc && cli->json)
		rc = cli_json(json_soa_row(r));
	else if (!rc)
		print_row(r);
	app_soa_release(&d);
	return rc;
}

static int run_check(struct cli *cli, int argc, char **argv)
{
	struct soa_data d;
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (!rc)
		rc = app_soa_load(cli->st, &cli->org, &d);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_soa_problems(&d.problems));
	} else if (!d.problems.n) {
		cli_printf(
		        "The SoA is aligned with the risk assessment and approved as it "
		        "stands (version %d).\n",
		        d.approved.version);
	} else {
		for (size_t i = 0; i < d.problems.n; i++) {
			const struct soa_problem *p = &d.problems.v[i];

			cli_printf("%-26s %-8s %s\n", p->code, *p->ref ? p->ref : "-",
			           p->message);
		}
		cli_printf("\n%zu problem%s.\n", d.problems.n,
		           d.problems.n == 1 ? "" : "s");
	}
	if (!rc && d.problems.n)
		cli->exit_status = EXIT_PROBLEMS;
	app_soa_release(&d);
	return rc;
}

static int run_approve(struct cli *cli, int argc, char **argv)
{
	const char *by = NULL, *date = NULL;
	const struct opt opts[] = { { "by", OPT_STRING, &by },
		                    { "date", OPT_STRING, &date },
		                    { 0 } };
	int version = 0;
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (!rc)
		rc = app_soa_approve(cli->st, &cli->org, by, date, &version);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(
		        json_pack("{s:i, s:s}", "version", version, "approved_by", by));
	cli_printf("Approved the SoA as version %d.\n", version);
	return 0;
}

static int run_versions(struct cli *cli, int argc, char **argv)
{
	struct soa_version_list l;
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (!rc)
		rc = store_soa_version_list(cli->st, cli->org.id, &l);
	if (rc)
		return rc;
	if (cli->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, json_soa_version(&l.v[i]));
		rc = cli_json(a);
	} else if (!l.n) {
		cli_printf("No approved version yet: 'isms soa approve --by NAME'.\n");
	} else {
		for (size_t i = 0; i < l.n; i++)
			cli_printf("%-4d approved by %s on %s\n", l.v[i].version,
			           l.v[i].approved_by, l.v[i].approved_on);
	}
	soa_version_list_release(&l);
	return rc;
}

static int run_diff(struct cli *cli, int argc, char **argv)
{
	struct soa_version a, b;
	struct soa_diff d;
	int v1 = 0, v2 = 0;
	char *pos[2];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 2, &npos);

	if (!rc)
		rc = app_soa_version_parse(pos[0], &v1);
	if (!rc && npos == 2 && strcmp(pos[1], "current"))
		rc = app_soa_version_parse(pos[1], &v2);
	if (rc)
		return rc;
	rc = app_soa_diff(cli->st, &cli->org, v1, v2, &a, &b, &d);
	if (!rc && cli->json) {
		rc = cli_json(json_soa_diff(&d));
	} else if (!rc) {
		for (size_t i = 0; i < d.n; i++) {
			const struct soa_change *c = &d.v[i];
			struct strbuf what = STRBUF_INIT;

			soa_diff_describe(c->what, &what);
			cli_printf("%-8s %s", c->ref, what.buf);
			if (c->from && c->to && (c->what & SOA_DIFF_APPLICABLE))
				cli_printf("  (%s -> %s)",
				           c->from->applicable ? "yes" : "no",
				           c->to->applicable ? "yes" : "no");
			if (c->from && c->to && (c->what & SOA_DIFF_STATUS))
				cli_printf("  (%s -> %s)", soa_impl_name(c->from->status),
				           soa_impl_name(c->to->status));
			cli_printf("\n");
			strbuf_release(&what);
		}
		if (!d.n)
			cli_printf("No differences.\n");
	}
	soa_diff_release(&d);
	soa_version_release(&a);
	soa_version_release(&b);
	return rc;
}

/* Say the file the user named, not the temporary one, in the message. */
static int name_target(int rc, const char *tmp, const char *out)
{
	const char *msg = error_message(), *at = strstr(msg, tmp);
	struct strbuf m = STRBUF_INIT;

	if (!at)
		return rc;
	strbuf_add(&m, msg, (size_t)(at - msg));
	strbuf_addstr(&m, out);
	strbuf_addstr(&m, at + strlen(tmp));
	rc = error_set(error_code(), "%s", m.buf);
	strbuf_release(&m);
	return rc;
}

static int run_export(struct cli *cli, int argc, char **argv)
{
	const char *format = NULL, *out = NULL;
	const struct opt opts[] = { { "format", OPT_STRING, &format },
		                    { "o", OPT_STRING, &out },
		                    { "output", OPT_STRING, &out },
		                    { 0 } };
	enum soa_format f = SOA_JSON;
	struct strbuf doc = STRBUF_INIT, tmp = STRBUF_INIT;
	struct soa_data d;
	struct soa_doc view;
	size_t bytes = 0;
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	if (!format)
		return cli_usage(cli,
		                 "choose the format with --format xlsx|csv|json|md|html");
	if (soa_format_parse(format, &f))
		return cli_usage(cli,
		                 "unknown format '%s' (expected xlsx, csv, json, md or "
		                 "html)",
		                 format);
	if (out && !*out)
		return cli_usage(cli, "-o needs a file name");
	if (f == SOA_XLSX && (!out || !strcmp(out, "-")))
		return cli_usage(cli,
		                 "an XLSX workbook goes into a file: add -o FILE.xlsx");
	rc = app_soa_load(cli->st, &cli->org, &d);
	if (rc)
		return rc;
	view = doc_of(cli, &d);
	if (f == SOA_XLSX) {
		/* Written beside the target and renamed: never half a workbook. */
		cli_tmp_path(out, &tmp);
		rc = soa_render_xlsx(&view, tmp.buf);
		if (rc)
			rc = name_target(rc, tmp.buf, out);
		else if (rename(tmp.buf, out))
			rc = error_set(E_IO, "cannot write '%s': %s", out,
			               strerror(errno));
		if (rc)
			unlink(tmp.buf);
	} else {
		rc = soa_render(&view, f, &doc);
		if (!rc)
			rc = cli_write_doc(out, &doc);
		bytes = doc.len;
	}
	if (!rc && out && strcmp(out, "-")) {
		if (cli->json) {
			rc = cli_json(json_pack("{s:s, s:s, s:I}", "file", out, "format",
			                        soa_format_name(f), "controls",
			                        (json_int_t)d.soa.n));
		} else {
			fputs("Wrote ", stderr);
			cli_put(stderr, out);
			if (bytes)
				fprintf(stderr, " (%zu controls, %zu bytes).\n", d.soa.n,
				        bytes);
			else
				fprintf(stderr, " (%zu controls).\n", d.soa.n);
		}
	}
	strbuf_release(&doc);
	strbuf_release(&tmp);
	app_soa_release(&d);
	return rc;
}

static const struct cmd soa_subs[] = {
	{ "list", "every Annex A control: applicability and status",
	  "isms soa list [--json]\n", run_list, CMD_STORE | CMD_ORG, NULL },
	{ "show", "one control of the SoA", "isms soa show REF [--json]\n", run_show,
	  CMD_STORE | CMD_ORG, NULL },
	{ "set", "decide whether a control applies, and why",
	  "isms soa set REF [REF...] [--applicable yes|no] [--justification TEXT]\n"
	  "         [--reason legal|contractual|business|best-practice]\n"
	  "         [--status implemented|partial|planned|not-implemented|auto\n"
	  "          --status-reason TEXT] [--json]\n"
	  "\n"
	  "Every control applies unless excluded.  With --applicable no,\n"
	  "--justification is the reason for the exclusion (an exclusion without\n"
	  "one is reported by 'isms soa check').  For an applicable control,\n"
	  "--justification is the text of an inclusion reason given by --reason\n"
	  "(default business); risk treatment is never typed: it comes from the\n"
	  "risks whose treatment selects the control.  The implementation status\n"
	  "follows from the newest gap assessment and the treatment plan; --status\n"
	  "overrides it with a reason, --status auto drops the override.  Several\n"
	  "references (up to 100) change together, or not at all.\n",
	  run_set, CMD_STORE | CMD_ORG, NULL },
	{ "check", "check the SoA's alignment with the risk assessment",
	  "isms soa check [--json]\n"
	  "\n"
	  "Each problem has a stable code, the control (or risk) and a message:\n"
	  "  excluded-but-selected      a risk treatment selects an excluded control\n"
	  "  exclusion-unjustified      excluded without a justification\n"
	  "  not-implemented-untreated  applies, not (fully) implemented, no action\n"
	  "  risk-untreated             above the acceptance criterion, untreated\n"
	  "  retained-unaccepted        retained above the criterion, not accepted\n"
	  "  unknown-control            a treatment names a control not in Annex A\n"
	  "  changed-since-approval     differs from the last approved version\n"
	  "  never-approved             no version was ever approved\n"
	  "Exit status: 0 when aligned, 3 when problems were found.\n",
	  run_check, CMD_STORE | CMD_ORG, NULL },
	{ "approve", "freeze the SoA as a new approved version",
	  "isms soa approve --by NAME [--date DATE] [--json]\n"
	  "\n"
	  "Refused while 'isms soa check' finds problems other than the SoA\n"
	  "having changed since it was last approved.\n",
	  run_approve, CMD_STORE | CMD_ORG, NULL },
	{ "versions", "the approved versions", "isms soa versions [--json]\n",
	  run_versions, CMD_STORE | CMD_ORG, NULL },
	{ "diff", "compare two approved versions, or one with the SoA now",
	  "isms soa diff V1 [V2|current] [--json]\n", run_diff, CMD_STORE | CMD_ORG,
	  NULL },
	{ "export", "the SoA as XLSX, CSV, JSON, Markdown or HTML",
	  "isms soa export --format xlsx|csv|json|md|html [-o FILE] [--json]\n"
	  "\n"
	  "The XLSX workbook has the SoA (one row per control, frozen header,\n"
	  "filters) and the risk register.  Text formats go to standard output\n"
	  "without -o.\n",
	  run_export, CMD_STORE | CMD_ORG, NULL },
	{ 0 },
};

const struct cmd cmd_soa = {
	"soa",
	"the Statement of Applicability: decide, check, approve, export",
	"isms soa SUB-COMMAND ...\n",
	NULL,
	0,
	soa_subs,
};
