/*
 * cmd-audit.c - isms audit: the audit programme and its coverage, audit
 * plans, the team, the checklist, fieldwork, and the report.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "view/audit.h"

static int audit_id(struct cli *cli, const char *s, int64_t *id)
{
	int rc = app_audit_id_parse(s, id);

	return rc ? cli_usage(cli, "%s", error_message()) : 0;
}

/* ---- the programme ---- */

static int run_programme(struct cli *cli, int argc, char **argv)
{
	struct programme_update u = { 0 };
	const char *cycle_s = NULL;
	bool set = false;
	const struct opt opts[] = { { "cycle", OPT_STRING, &cycle_s },
		                    { "interval", OPT_STRING, &u.interval },
		                    { "size", OPT_STRING, &u.size_complexity },
		                    { "legal", OPT_STRING, &u.legal },
		                    { "change", OPT_STRING, &u.rate_of_change },
		                    { "risks", OPT_STRING, &u.risk_results },
		                    { "previous", OPT_STRING, &u.previous_results },
		                    { "set", OPT_FLAG, &set },
		                    { 0 } };
	struct audit_coverage cov;
	int cycle = 0, npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	if (!cycle_s)
		return cli_usage(cli,
		                 "name the cycle by its first year with --cycle YEAR");
	rc = app_cycle_parse(cycle_s, &cycle);
	if (!rc && (set || u.interval || u.size_complexity || u.legal ||
	            u.rate_of_change || u.risk_results || u.previous_results)) {
		struct audit_programme p;

		rc = app_programme_set(cli->st, &cli->org, cycle, &u, &p);
		if (!rc)
			audit_programme_release(&p);
	}
	if (!rc)
		rc = app_audit_coverage(cli->st, &cli->org, cycle, &cov);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_programme_audits(&cov.programme, &cov.audits));
	} else {
		const struct audit_programme *p = &cov.programme;

		cli_printf("Audit programme %d-%d%s\n", cycle, cycle + 2,
		           p->updated_at ? "" : " (not recorded yet: defaults shown)");
		cli_printf("  %-22severy %d months\n", "interval per area",
		           p->interval_months);
		cli_printf("  %-22s%s\n", "size and complexity",
		           p->size_complexity ? p->size_complexity : "-");
		cli_printf("  %-22s%s\n", "legal, contractual",
		           p->legal ? p->legal : "-");
		cli_printf("  %-22s%s\n", "rate of change",
		           p->rate_of_change ? p->rate_of_change : "-");
		cli_printf("  %-22s%s\n", "risk results",
		           p->risk_results ? p->risk_results : "-");
		cli_printf("  %-22s%s\n", "previous results",
		           p->previous_results ? p->previous_results : "-");
		for (size_t i = 0; i < cov.audits.n; i++) {
			const struct audit *a = &cov.audits.v[i];

			cli_printf("  A%-4lld %s .. %s  %-8s %s\n", (long long)a->id,
			           a->start_on, a->end_on, audit_status_name(a->status),
			           a->title);
		}
		if (!cov.audits.n)
			cli_printf("  No audits planned in this cycle yet: 'isms audit "
			           "new'.\n");
	}
	app_audit_coverage_release(&cov);
	return rc;
}

static int run_coverage(struct cli *cli, int argc, char **argv)
{
	const char *cycle_s = NULL;
	const struct opt opts[] = { { "cycle", OPT_STRING, &cycle_s }, { 0 } };
	struct audit_coverage cov;
	int cycle = 0, npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	if (!cycle_s)
		return cli_usage(cli,
		                 "name the cycle by its first year with --cycle YEAR");
	rc = app_cycle_parse(cycle_s, &cycle);
	if (!rc)
		rc = app_audit_coverage(cli->st, &cli->org, cycle, &cov);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_audit_coverage(cycle, &cov));
	} else {
		cli_printf("Cycle %d-%d: %zu of %zu requirements and applicable controls "
		           "covered by completed audits.\n",
		           cycle, cycle + 2, cov.total - cov.nuncovered, cov.total);
		for (int y = 0; y < 3; y++)
			cli_printf(
			        "  %d  %d completed, %d planned%s\n", cov.years[y].year,
			        cov.years[y].completed, cov.years[y].planned,
			        cov.years[y].completed + cov.years[y].planned
			                ? ""
			                : "  (no audit: at least one a year is needed)");
		if (cov.nuncovered) {
			cli_printf("Not yet covered:");
			for (size_t i = 0; i < cov.nuncovered; i++)
				cli_printf("%s%s", i % 10 ? " " : "\n  ",
				           cov.uncovered[i]);
			cli_printf("\n");
		}
	}
	app_audit_coverage_release(&cov);
	return rc;
}

/* ---- the plan ---- */

#define PLAN_OPTS(u)                                                              \
	{ "title", OPT_STRING, &(u).title }, { "scope", OPT_STRING, &(u).scope }, \
	        { "start", OPT_STRING, &(u).start_on },                           \
	        { "end", OPT_STRING, &(u).end_on },                               \
	        { "objectives", OPT_STRING, &(u).objectives },                    \
	        { "criteria", OPT_STRING, &(u).criteria },                        \
	        { "sampling", OPT_STRING, &(u).sampling },                        \
	        { "auditees", OPT_STRING, &(u).auditees },                        \
	        { "classification", OPT_STRING, &(u).classification },            \
	{                                                                         \
		"distribution", OPT_STRING, &(u).distribution                     \
	}

static void print_plan(const struct audit *a)
{
	cli_printf("A%lld  %s  [%s%s%s]\n", (long long)a->id, a->title,
	           audit_status_name(a->status), a->closed_on ? " " : "",
	           a->closed_on ? a->closed_on : "");
	cli_printf("  %-14s%s .. %s\n", "fieldwork", a->start_on, a->end_on);
	cli_printf("  %-14s%s\n", "objectives", a->objectives);
	cli_printf("  %-14s%s\n", "criteria", a->criteria);
	cli_printf("  %-14s", "scope");
	for (size_t i = 0; i < a->nscope; i++)
		cli_printf("%s%s", i ? ", " : "", a->scope[i]);
	cli_printf("\n  %-14s", "team");
	for (size_t i = 0; i < a->nmembers; i++) {
		const struct audit_member *m = &a->members[i];

		cli_printf("%s%s%s%s%s", i ? ", " : "", m->name, m->lead ? " (lead)" : "",
		           m->override ? " [independence override]" : "",
		           m->lead && !m->competent ? " [no competence record]" : "");
	}
	cli_printf("%s\n", a->nmembers ? "" : "nobody assigned yet");
	cli_printf("  %-14s%s\n", "auditees", a->auditees ? a->auditees : "-");
	cli_printf("  %-14s%s\n", "sampling", a->sampling ? a->sampling : "-");
	for (size_t i = 0; i < a->ndocuments; i++)
		cli_printf("  %-14s%s%s%.12s\n", i ? "" : "documents",
		           a->documents[i].title, a->documents[i].evidence ? "  " : "",
		           a->documents[i].evidence ? a->documents[i].evidence : "");
	cli_printf("  %-14s%s, %s\n", "report", a->classification,
	           a->distribution ? a->distribution : "distribution not set");
	for (size_t i = 0; i < a->nreports; i++)
		cli_printf("  %-14sversion %d issued %s by %s\n", "",
		           a->reports[i].version, a->reports[i].issued_on,
		           a->reports[i].issued_by);
}

static int show_audit(struct cli *cli, const struct audit *a, const char *done,
                      bool tests)
{
	if (cli->json)
		return cli_json(json_audit(a, tests));
	if (done)
		cli_printf("%s audit A%lld: %s (%zu checklist lines).\n", done,
		           (long long)a->id, a->title, a->ntests);
	else
		print_plan(a);
	return 0;
}

static int run_new(struct cli *cli, int argc, char **argv)
{
	struct audit_update u = { 0 };
	const struct opt opts[] = { PLAN_OPTS(u), { 0 } };
	struct audit a;
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	rc = app_audit_new(cli->st, &cli->org, &u, &a);
	if (rc)
		return rc;
	if (cli->json) {
		/* As stored, with what the store filled in. */
		int64_t id = a.id;

		audit_release(&a);
		rc = app_audit_get(cli->st, &cli->org, id, &a);
		if (rc)
			return rc;
	}
	rc = show_audit(cli, &a, "Planned", false);
	audit_release(&a);
	return rc;
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	struct audit_update u = { 0 };
	const struct opt opts[] = { PLAN_OPTS(u), { 0 } };
	struct audit a;
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (!rc)
		rc = audit_id(cli, pos[0], &id);
	if (!rc)
		rc = app_audit_set(cli->st, &cli->org, id, &u, &a);
	if (rc)
		return rc;
	rc = show_audit(cli, &a, "Updated", false);
	audit_release(&a);
	return rc;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	struct audit_list l;
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (!rc)
		rc = store_audit_list(cli->st, cli->org.id, &l);
	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_audit_list(&l));
	else if (!l.n)
		cli_printf(
		        "No audits yet: 'isms audit new --title ... --scope ... --start "
		        "... --end ...'.\n");
	for (size_t i = 0; !cli->json && i < l.n; i++)
		cli_printf("A%-4lld %s .. %s  %-8s %s\n", (long long)l.v[i].id,
		           l.v[i].start_on, l.v[i].end_on,
		           audit_status_name(l.v[i].status), l.v[i].title);
	audit_list_release(&l);
	return rc;
}

static int load_one(struct cli *cli, int argc, char **argv, const struct opt *opts,
                    struct audit *a)
{
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (!rc)
		rc = audit_id(cli, pos[0], &id);
	return rc ? rc : app_audit_get(cli->st, &cli->org, id, a);
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct audit a;
	int rc = load_one(cli, argc, argv, NULL, &a);

	if (rc)
		return rc;
	rc = show_audit(cli, &a, NULL, true);
	audit_release(&a);
	return rc;
}

static void print_test(const struct audit_test *t)
{
	cli_printf("%-8s %-11s %s\n", t->ref, test_type_name(t->type),
	           t->result == RESULT_NONE ? "not tested"
	                                    : audit_result_name(t->result));
	cli_printf("  %s\n", t->title ? t->title : "");
	cli_printf("  step:      %s\n", t->step);
	cli_printf("  expected:  %s\n", t->expected);
	if (t->result == RESULT_NONE)
		return;
	cli_printf("  method:    %s", audit_method_name(t->method));
	if (t->sample_size >= 0)
		cli_printf(", sample %d of %s", t->sample_size,
		           t->population ? t->population : "the population");
	cli_printf("\n");
	if (t->nc != NC_NONE)
		cli_printf("  kind:      %s\n", nc_kind_name(t->nc));
	for (size_t i = 0; i < t->nevidence; i++)
		cli_printf("  evidence:  %s %s\n", t->evidence[i].sha256,
		           t->evidence[i].title);
	if (t->note)
		cli_printf("  note:      %s\n", t->note);
	if (t->capa_id)
		cli_printf("  action:    CAPA-%lld\n", (long long)t->capa_id);
}

static int run_checklist(struct cli *cli, int argc, char **argv)
{
	struct audit a;
	int rc = load_one(cli, argc, argv, NULL, &a);

	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_audit_checklist(&a));
	} else {
		cli_printf(
		        "Checklist of audit A%lld (%zu lines; compliance: does practice "
		        "follow the documented policy? substantive: is the control "
		        "effective?)\n\n",
		        (long long)a.id, a.ntests);
		for (size_t i = 0; i < a.ntests; i++)
			print_test(&a.tests[i]);
	}
	audit_release(&a);
	return rc;
}

/* ---- the team ---- */

static int run_assign(struct cli *cli, int argc, char **argv)
{
	const char *justification = NULL;
	bool lead = false, no_competence = false;
	const struct opt opts[] = { { "lead", OPT_FLAG, &lead },
		                    { "override-justification", OPT_STRING,
		                      &justification },
		                    { 0 } };
	int64_t id;
	char *pos[2];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 2, 2, &npos);

	if (!rc)
		rc = audit_id(cli, pos[0], &id);
	if (!rc)
		rc = app_audit_assign(cli->st, &cli->org, id, pos[1], lead, justification,
		                      &no_competence);
	if (rc)
		return rc;
	if (no_competence) {
		fputs("isms: warning: the lead auditor ", stderr);
		cli_put(stderr, pos[1]);
		fputs(" has no current competence record (training, certification or "
		      "audit experience); the report will say so. Record it with 'isms "
		      "person competence'.\n",
		      stderr);
	}
	if (cli->json)
		return cli_json(json_audit_assigned(id, pos[1], lead, no_competence));
	cli_printf("Assigned %s to audit A%lld%s.\n", pos[1], (long long)id,
	           lead ? " as lead auditor" : "");
	return 0;
}

static int run_unassign(struct cli *cli, int argc, char **argv)
{
	int64_t id;
	char *pos[2];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 2, 2, &npos);

	if (!rc)
		rc = audit_id(cli, pos[0], &id);
	if (!rc)
		rc = app_audit_unassign(cli->st, &cli->org, id, pos[1]);
	if (!rc && !cli->json)
		cli_printf("Removed %s from audit A%lld.\n", pos[1], (long long)id);
	return rc;
}

static int run_doc(struct cli *cli, int argc, char **argv)
{
	const char *evidence = NULL;
	const struct opt opts[] = { { "evidence", OPT_STRING, &evidence }, { 0 } };
	int64_t id;
	char *pos[2];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 2, 2, &npos);

	if (!rc)
		rc = audit_id(cli, pos[0], &id);
	if (!rc)
		rc = app_audit_document(cli->st, &cli->org, id, pos[1], evidence);
	if (!rc && !cli->json)
		cli_printf("Audit A%lld reviews '%s'%s.\n", (long long)id, pos[1],
		           evidence ? " (evidence linked)" : "");
	return rc;
}

/* ---- fieldwork ---- */

static int run_result(struct cli *cli, int argc, char **argv)
{
	struct result_update u = { 0 };
	const struct opt opts[] = { { "result", OPT_STRING, &u.result },
		                    { "kind", OPT_STRING, &u.kind },
		                    { "method", OPT_STRING, &u.method },
		                    { "test", OPT_STRING, &u.test },
		                    { "population", OPT_STRING, &u.population },
		                    { "sample-size", OPT_STRING, &u.sample_size },
		                    { "sample", OPT_STRING, &u.sample_items },
		                    { "note", OPT_STRING, &u.note },
		                    { "evidence", OPT_STRING, &u.evidence },
		                    { 0 } };
	int64_t id, capa = 0;
	char *pos[2];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 2, 2, &npos);

	if (rc)
		return rc;
	if (!u.result)
		return cli_usage(cli, "give the --result: conforming, major, minor, "
		                      "observation or ofi");
	if (!u.method)
		return cli_usage(
		        cli, "say how it was tested with --method interview, "
		             "observation, inspection, reperformance or technical-test");
	rc = audit_id(cli, pos[0], &id);
	u.ref = pos[1];
	if (!rc)
		rc = app_audit_result(cli->st, &cli->org, id, &u, &capa);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_audit_result_recorded(id, pos[1], u.result, capa));
	cli_printf("Recorded %s for %s in audit A%lld.\n", u.result, pos[1],
	           (long long)id);
	if (capa)
		cli_printf("Corrective action CAPA-%lld is open for it: 'isms capa show "
		           "%lld'.\n",
		           (long long)capa, (long long)capa);
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
		rc = audit_id(cli, pos[0], &id);
	if (!rc)
		rc = app_audit_close(cli->st, &cli->org, id, date);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_pack("{s:I, s:s}", "audit", (json_int_t)id, "status",
		                          "closed"));
	cli_printf(
	        "Closed the fieldwork of audit A%lld; draft the report with 'isms audit "
	        "report %lld --format md' and issue it with 'isms audit issue %lld --by "
	        "NAME'.\n",
	        (long long)id, (long long)id, (long long)id);
	return 0;
}

/* ---- the report ---- */

static int run_report(struct cli *cli, int argc, char **argv)
{
	const char *format = NULL, *out = NULL, *version_s = NULL;
	bool draft = false, issued = false;
	const struct opt opts[] = {
		{ "format", OPT_STRING, &format }, { "o", OPT_STRING, &out },
		{ "output", OPT_STRING, &out },    { "version", OPT_STRING, &version_s },
		{ "draft", OPT_FLAG, &draft },     { 0 }
	};
	enum audit_format f = AUDIT_JSON;
	struct strbuf doc = STRBUF_INIT;
	int64_t id;
	int64_t version = 0;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (rc)
		return rc;
	if (!format && !cli->json)
		return cli_usage(cli,
		                 "choose the report's format with --format md|html|json");
	if (format && audit_format_parse(format, &f))
		return cli_usage(cli, "%s", error_message());
	if (version_s &&
	    (app_positive_id("--version", version_s, &version) || version > INT_MAX))
		return cli_usage(cli, "--version takes a version number, not '%s'",
		                 version_s);
	if (out && !*out)
		return cli_usage(cli, "-o needs a file name ('-' for standard output)");
	rc = audit_id(cli, pos[0], &id);
	if (!rc)
		rc = audit_report_document(cli->st, &cli->org, id, f, (int)version, draft,
		                           &doc, &issued);
	if (!rc)
		rc = cli_write_doc(out, &doc);
	if (!rc && out && strcmp(out, "-")) {
		fputs("Wrote ", stderr);
		cli_put(stderr, out);
		fprintf(stderr, " (%s, %zu bytes).\n", issued ? "issued" : "draft",
		        doc.len);
	}
	strbuf_release(&doc);
	return rc;
}

static int run_issue(struct cli *cli, int argc, char **argv)
{
	const char *by = NULL, *date = NULL, *reason = NULL;
	const struct opt opts[] = { { "by", OPT_STRING, &by },
		                    { "date", OPT_STRING, &date },
		                    { "reason", OPT_STRING, &reason },
		                    { 0 } };
	char issued_on[11];
	int64_t id;
	int version = 0;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (rc)
		return rc;
	if (!by)
		return cli_usage(cli, "say who issues the report with --by NAME");
	rc = audit_id(cli, pos[0], &id);
	if (!rc)
		rc = audit_report_issue(cli->st, &cli->org, id, by, date, reason,
		                        &version, issued_on);
	if (!rc && cli->json)
		rc = cli_json(json_audit_issued(id, version, issued_on));
	else if (!rc)
		cli_printf("Issued version %d of audit A%lld's report; it no longer "
		           "changes.\n",
		           version, (long long)id);
	return rc;
}

static const struct cmd audit_subs[] = {
	{ "programme", "the audit programme of a three-year cycle, and its factors",
	  "isms audit programme --cycle YEAR [--interval MONTHS] [--size TEXT]\n"
	  "         [--legal TEXT] [--change TEXT] [--risks TEXT] [--previous TEXT] "
	  "[--json]\n"
	  "\n"
	  "The cycle is the certificate's three years from YEAR.  With options,\n"
	  "records the factors the programme was planned on (size and complexity,\n"
	  "legal and contractual requirements, rate of change, risk results,\n"
	  "previous audit results) and how often each area is audited; then\n"
	  "shows the programme with the cycle's audits.\n",
	  run_programme, CMD_STORE | CMD_ORG, NULL },
	{ "coverage", "what the cycle's completed audits have not covered yet",
	  "isms audit coverage --cycle YEAR [--json]\n"
	  "\n"
	  "Every clause requirement and applicable Annex A control must be\n"
	  "covered by a completed audit within the three years, with at least\n"
	  "one audit each year.  Lists what is not covered yet.\n",
	  run_coverage, CMD_STORE | CMD_ORG, NULL },
	{ "new", "plan an audit; its checklist is generated from the scope",
	  "isms audit new --title TEXT --scope REF,REF... --start DATE --end DATE\n"
	  "         [--objectives TEXT] [--criteria TEXT] [--sampling TEXT]\n"
	  "         [--auditees NAME,NAME...] [--classification TEXT]\n"
	  "         [--distribution TEXT] [--json]\n"
	  "\n"
	  "--scope takes catalogue references (A.5.15), clauses and themes\n"
	  "standing for their items (9.2, A.8, people), 'all' for the whole ISMS,\n"
	  "and process:NAME, location:NAME, asset:NAME.  Each catalogue item gets\n"
	  "a compliance test (does practice follow the documented policy?) and a\n"
	  "substantive test (is the control effective?).\n",
	  run_new, CMD_STORE | CMD_ORG, NULL },
	{ "set", "change an audit's plan",
	  "isms audit set ID [the options of 'audit new']\n", run_set,
	  CMD_STORE | CMD_ORG, NULL },
	{ "list", "list the audits", "isms audit list [--json]\n", run_list,
	  CMD_STORE | CMD_ORG, NULL },
	{ "show", "an audit's plan, team and checklist", "isms audit show ID [--json]\n",
	  run_show, CMD_STORE | CMD_ORG, NULL },
	{ "checklist", "the checklist: test steps, evidence expected, results",
	  "isms audit checklist ID [--json]\n", run_checklist, CMD_STORE | CMD_ORG,
	  NULL },
	{ "assign", "put an auditor on the team; independence is enforced",
	  "isms audit assign ID NAME [--lead] [--override-justification TEXT]\n"
	  "\n"
	  "Refused when the audit's scope holds anything NAME designs, owns or\n"
	  "operates, unless a justification is recorded (the report's limitations\n"
	  "show it).  A lead auditor without a competence record is warned about.\n",
	  run_assign, CMD_STORE | CMD_ORG, NULL },
	{ "unassign", "take an auditor off the team", "isms audit unassign ID NAME\n",
	  run_unassign, CMD_STORE | CMD_ORG, NULL },
	{ "doc", "add a document to review, or link one to evidence",
	  "isms audit doc ID TITLE [--evidence SHA256]\n", run_doc, CMD_STORE | CMD_ORG,
	  NULL },
	{ "result", "record fieldwork for a checklist item",
	  "isms audit result ID REF --result conforming|major|minor|observation|ofi\n"
	  "         --method "
	  "interview|observation|inspection|reperformance|technical-test\n"
	  "         [--kind missing|not-functioning] [--test compliance|substantive]\n"
	  "         [--population TEXT] [--sample-size N] [--sample ITEMS]\n"
	  "         [--evidence SHA256[,SHA256...]] [--note TEXT] [--json]\n"
	  "\n"
	  "Results may be recorded until the report is issued.  Without --test,\n"
	  "interview and inspection record the compliance test,\n"
	  "the other methods the substantive one.  A major or minor\n"
	  "nonconformity needs --kind and opens a corrective action.  Evidence\n"
	  "made during a gap assessment is refused.\n"
	  "\n"
	  "major: a required clause or control is absent or has broken down, or\n"
	  "  many minor nonconformities in one area; minor: an isolated lapse;\n"
	  "  observation: could become a nonconformity; ofi: an opportunity for\n"
	  "  improvement.\n",
	  run_result, CMD_STORE | CMD_ORG, NULL },
	{ "close", "end the fieldwork (needs a lead auditor and a substantive test)",
	  "isms audit close ID [--date DATE]\n", run_close, CMD_STORE | CMD_ORG, NULL },
	{ "report", "the audit report (a draft until issued)",
	  "isms audit report ID --format md|html|json [-o FILE] [--version N] [--draft]\n"
	  "\n"
	  "Sections: Introduction, Executive summary, Report guidance, Audit\n"
	  "findings, Audit limitations.  Once issued, the issued document is\n"
	  "given back exactly as issued (--version N for an earlier one).\n",
	  run_report, CMD_STORE | CMD_ORG, NULL },
	{ "issue", "issue the report: stored, versioned, never changed",
	  "isms audit issue ID --by NAME [--date DATE] [--reason TEXT] [--json]\n",
	  run_issue, CMD_STORE | CMD_ORG, NULL },
	{ 0 },
};

const struct cmd cmd_audit = {
	"audit",
	"internal audit: programme, plans, independence, fieldwork, reports (9.2)",
	"isms audit SUB-COMMAND ...\n",
	NULL,
	0,
	audit_subs,
};
