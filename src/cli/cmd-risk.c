/*
 * cmd-risk.c - isms risk: the risk method, the risk register, the owners'
 * acceptance, the treatment plan and the risk report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "view/soa.h"

static void print_list(const char *label, char *const *v, size_t n)
{
	cli_printf("  %-18s", label);
	for (size_t i = 0; i < n; i++)
		cli_printf("%s%s", i ? ", " : "", v[i]);
	cli_printf("%s\n", n ? "" : "-");
}

static void print_risk(const struct risk *r, const struct risk_method *m)
{
	cli_printf("R%lld  %s\n", (long long)r->id, r->title);
	print_list("assets", r->assets, r->nassets);
	cli_printf("  %-18s%s\n", "threat", r->threat);
	cli_printf("  %-18s%s\n", "vulnerability", r->vulnerability);
	if (r->consequence)
		cli_printf("  %-18s%s\n", "consequence", r->consequence);
	cli_printf("  %-18slikelihood %d, impact %d: %s\n", "inherent", r->likelihood,
	           r->impact, risk_level_name(r->inherent_level));
	cli_printf("  %-18s%s\n", "treatment", risk_treatment_name(r->treatment));
	print_list("controls", r->controls, r->ncontrols);
	if (r->other_controls)
		cli_printf("  %-18s%s\n", "other controls", r->other_controls);
	cli_printf("  %-18slikelihood %d, impact %d: %s%s\n", "residual",
	           r->residual_likelihood, r->residual_impact,
	           risk_level_name(r->residual_level),
	           risk_above_criteria(r, m) ? " (above the acceptance criterion)" : "");
	cli_printf("  %-18s%s\n", "owner", r->owner ? r->owner : "-");
	if (r->accepted_by)
		cli_printf("  %-18s%s on %s\n", "accepted by", r->accepted_by,
		           r->accepted_on);
	else
		cli_printf("  %-18snot accepted\n", "acceptance");
	cli_printf("  %-18s%s\n", "next review", r->review_on ? r->review_on : "-");
	for (size_t i = 0; i < r->nactions; i++) {
		const struct treatment_action *t = &r->actions[i];

		cli_printf("  action T%-9lld %s [%s]%s%s%s%s%s%s\n", (long long)t->id,
		           t->title, t->status, t->ref ? " " : "", t->ref ? t->ref : "",
		           t->owner ? ", owner " : "", t->owner ? t->owner : "",
		           t->due_on ? ", due " : "", t->due_on ? t->due_on : "");
	}
}

/* The options of risk add and risk set. */
#define RISK_OPTS(u)                                                               \
	{ "title", OPT_STRING, &(u).title }, { "asset", OPT_STRING, &(u).assets }, \
	        { "threat", OPT_STRING, &(u).threat },                             \
	        { "vulnerability", OPT_STRING, &(u).vulnerability },               \
	        { "consequence", OPT_STRING, &(u).consequence },                   \
	        { "likelihood", OPT_STRING, &(u).likelihood },                     \
	        { "impact", OPT_STRING, &(u).impact },                             \
	        { "treatment", OPT_STRING, &(u).treatment },                       \
	        { "controls", OPT_STRING, &(u).controls },                         \
	        { "other-controls", OPT_STRING, &(u).other_controls },             \
	        { "residual-likelihood", OPT_STRING, &(u).residual_likelihood },   \
	        { "residual-impact", OPT_STRING, &(u).residual_impact },           \
	        { "owner", OPT_STRING, &(u).owner },                               \
	{                                                                          \
		"review", OPT_STRING, &(u).review_on                               \
	}

static int print_one(struct cli *cli, const struct risk *r, const char *done)
{
	struct risk_method m;
	int rc = store_risk_method_get(cli->st, cli->org.id, &m);

	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_risk(r, &m));
	else if (done)
		cli_printf("%s R%lld: %s (inherent %s, residual %s).\n", done,
		           (long long)r->id, r->title, risk_level_name(r->inherent_level),
		           risk_level_name(r->residual_level));
	else
		print_risk(r, &m);
	risk_method_release(&m);
	return rc;
}

static int run_add(struct cli *cli, int argc, char **argv)
{
	struct risk_update u = { 0 };
	const struct opt opts[] = { RISK_OPTS(u), { 0 } };
	struct risk r;
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	rc = app_risk_add(cli->st, &cli->org, &u, &r);
	if (rc)
		return rc;
	rc = print_one(cli, &r, "Added");
	risk_release(&r);
	return rc;
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	struct risk_update u = { 0 };
	const struct opt opts[] = { RISK_OPTS(u), { 0 } };
	struct risk r;
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (!rc)
		rc = app_risk_id_parse(pos[0], &id);
	if (!rc)
		rc = app_risk_set(cli->st, &cli->org, id, &u, &r);
	if (rc)
		return rc;
	rc = print_one(cli, &r, "Updated");
	risk_release(&r);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct risk r;
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = app_risk_id_parse(pos[0], &id);
	if (!rc)
		rc = store_risk_get(cli->st, cli->org.id, id, &r);
	if (rc)
		return rc;
	rc = print_one(cli, &r, NULL);
	risk_release(&r);
	return rc;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	struct risk_method m;
	struct risk_list l;
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (!rc)
		rc = store_risk_method_get(cli->st, cli->org.id, &m);
	if (rc)
		return rc;
	rc = store_risk_list(cli->st, cli->org.id, &l);
	if (!rc && cli->json) {
		rc = cli_json(json_risk_list(&l, &m));
	} else if (!rc && !l.n) {
		cli_printf(
		        "No risks yet; add one with 'isms risk add --title TEXT --asset "
		        "NAME ...'.\n");
	} else if (!rc) {
		cli_printf("%-5s %-9s %-9s %-8s %-20s %s\n", "ID", "INHERENT", "RESIDUAL",
		           "TREAT", "OWNER", "TITLE");
		for (size_t i = 0; i < l.n; i++) {
			const struct risk *r = &l.v[i];
			char id[24];

			snprintf(id, sizeof(id), "R%lld", (long long)r->id);
			cli_printf("%-5s %-9s %-9s %-8s %-20s %s%s\n", id,
			           risk_level_name(r->inherent_level),
			           risk_level_name(r->residual_level),
			           risk_treatment_name(r->treatment),
			           r->owner ? r->owner : "-", r->title,
			           risk_above_criteria(r, &m) && !r->accepted_by
			                   ? "  [above criterion, not accepted]"
			                   : "");
		}
	}
	risk_list_release(&l);
	risk_method_release(&m);
	return rc;
}

static int run_remove(struct cli *cli, int argc, char **argv)
{
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = app_risk_id_parse(pos[0], &id);
	if (!rc)
		rc = app_risk_remove(cli->st, &cli->org, id);
	if (!rc && !cli->json)
		cli_printf("Removed risk R%lld and its treatment actions.\n",
		           (long long)id);
	return rc;
}

static int run_accept(struct cli *cli, int argc, char **argv)
{
	const char *by = NULL, *date = NULL;
	const struct opt opts[] = { { "by", OPT_STRING, &by },
		                    { "date", OPT_STRING, &date },
		                    { 0 } };
	struct risk r;
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (!rc)
		rc = app_risk_id_parse(pos[0], &id);
	if (!rc)
		rc = app_risk_accept(cli->st, &cli->org, id, by, date);
	if (!rc)
		rc = store_risk_get(cli->st, cli->org.id, id, &r);
	if (rc)
		return rc;
	if (cli->json)
		rc = print_one(cli, &r, NULL);
	else
		cli_printf("%s accepted the residual risk of R%lld (%s) on %s.\n",
		           r.accepted_by, (long long)r.id,
		           risk_level_name(r.residual_level), r.accepted_on);
	risk_release(&r);
	return rc;
}

/* ---- the method ---- */

static void print_method(const struct risk_method *m)
{
	cli_printf("Risk method, version %d%s%s%s%s\n", m->version,
	           m->changed_by ? " (changed by " : " (the default)",
	           m->changed_by ? m->changed_by : "", m->changed_by ? " on " : "",
	           m->changed_by ? m->changed_on : "");
	if (m->changed_by)
		cli_printf(")\n");
	cli_printf("\nLikelihood:\n");
	for (int i = 0; i < m->nlikelihood; i++)
		cli_printf("  %d  %s\n", i + 1, m->likelihood[i]);
	cli_printf("\nImpact:\n");
	for (int i = 0; i < m->nimpact; i++)
		cli_printf("  %d  %s\n", i + 1, m->impact[i]);
	cli_printf(
	        "\nLevels (rows: likelihood from the highest, columns: impact 1..%d):\n",
	        m->nimpact);
	for (int l = m->nlikelihood; l >= 1; l--) {
		cli_printf("  %2d ", l);
		for (int i = 1; i <= m->nimpact; i++)
			cli_printf(" %-8s", risk_level_name(risk_method_level(m, l, i)));
		cli_printf("\n");
	}
	cli_printf("\nAcceptance: a risk owner may accept residual risk up to %s.\n",
	           risk_level_name(m->accept_max));
	if (m->note)
		cli_printf("Note: %s\n", m->note);
}

static int print_history(struct cli *cli)
{
	struct risk_method_history h;
	int rc = store_risk_method_history(cli->st, cli->org.id, &h);

	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_risk_method_history(&h));
	else if (!h.n)
		cli_printf("The method was never changed: version 1 is the default.\n");
	for (size_t i = 0; !cli->json && i < h.n; i++) {
		const struct risk_method_change *c = &h.v[i];

		cli_printf("version %d  %s by %s: matrix %s, owners accept up to %s; "
		           "%lld risks re-evaluated, %lld changed level\n",
		           c->version, c->changed_on, c->changed_by, c->matrix,
		           risk_level_name(c->accept_max), (long long)c->risks_evaluated,
		           (long long)c->risks_changed);
		if (c->note)
			cli_printf("  %s\n", c->note);
	}
	risk_method_history_release(&h);
	return rc;
}

static int run_method(struct cli *cli, int argc, char **argv)
{
	struct method_update u = { 0 };
	bool history = false;
	const struct opt opts[] = { { "likelihood", OPT_STRING, &u.likelihood },
		                    { "impact", OPT_STRING, &u.impact },
		                    { "matrix", OPT_STRING, &u.matrix },
		                    { "accept", OPT_STRING, &u.accept },
		                    { "by", OPT_STRING, &u.by },
		                    { "note", OPT_STRING, &u.note },
		                    { "history", OPT_FLAG, &history },
		                    { 0 } };
	struct risk_method m;
	int64_t evaluated = 0, changed = 0;
	bool set;
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	set = u.likelihood || u.impact || u.matrix || u.accept || u.note;
	if (history && (set || u.by))
		return cli_usage(cli, "--history only shows; it takes no change");
	if (history)
		return print_history(cli);
	if (!set && u.by)
		return cli_usage(cli, "--by goes with a change (--likelihood, --impact, "
		                      "--matrix, --accept)");
	if (set)
		rc = app_risk_method_set(cli->st, &cli->org, &u, &m, &evaluated,
		                         &changed);
	else
		rc = store_risk_method_get(cli->st, cli->org.id, &m);
	if (rc)
		return rc;
	if (cli->json) {
		json_t *o = json_risk_method(&m);

		if (set)
			json_object_set_new(
			        o, "reevaluated",
			        json_pack("{s:I, s:I}", "risks", (json_int_t)evaluated,
			                  "changed_level", (json_int_t)changed));
		rc = cli_json(o);
	} else if (set) {
		cli_printf(
		        "Risk method is now version %d; %lld risk%s re-evaluated, %lld "
		        "changed level.\n",
		        m.version, (long long)evaluated, evaluated == 1 ? "" : "s",
		        (long long)changed);
	} else {
		print_method(&m);
	}
	risk_method_release(&m);
	return rc;
}

/* ---- the treatment plan ---- */

static int run_action(struct cli *cli, int argc, char **argv)
{
	struct treatment_update u = { 0 };
	const struct opt opts[] = { { "title", OPT_STRING, &u.title },
		                    { "control", OPT_STRING, &u.control },
		                    { "owner", OPT_STRING, &u.owner },
		                    { "due", OPT_STRING, &u.due_on },
		                    { "status", OPT_STRING, &u.status },
		                    { 0 } };
	struct treatment_action t;
	int64_t id;
	bool update;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (rc)
		return rc;
	/* T12 names an action to change; R3 (or 3) the risk to plan for. */
	update = pos[0][0] == 'T' || pos[0][0] == 't';
	if (update) {
		rc = app_treatment_id_parse(pos[0], &id);
		if (!rc)
			rc = app_treatment_set(cli->st, &cli->org, id, &u, &t);
	} else {
		rc = app_risk_id_parse(pos[0], &id);
		if (!rc)
			rc = app_treatment_add(cli->st, &cli->org, id, &u, &t);
	}
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_treatment_action(&t));
	} else {
		cli_printf("%s action T%lld of R%lld: %s [%s].\n",
		           update ? "Updated" : "Added", (long long)t.id,
		           (long long)t.risk_id, t.title, t.status);
	}
	treatment_action_release(&t);
	return rc;
}

static int run_plan(struct cli *cli, int argc, char **argv)
{
	const char *by = NULL, *date = NULL;
	bool approve = false;
	const struct opt opts[] = { { "approve", OPT_FLAG, &approve },
		                    { "by", OPT_STRING, &by },
		                    { "date", OPT_STRING, &date },
		                    { 0 } };
	struct treatment_plan p;
	struct risk_list l;
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	if (!approve && (by || date))
		return cli_usage(cli, "--by and --date go with --approve");
	if (approve) {
		rc = app_plan_approve(cli->st, &cli->org, by, date, &p);
		if (rc)
			return rc;
		treatment_plan_release(&p);
	}
	rc = store_risk_list(cli->st, cli->org.id, &l);
	if (!rc)
		rc = app_plan_get(cli->st, &cli->org, &l, &p);
	if (rc) {
		risk_list_release(&l);
		return rc;
	}
	if (cli->json) {
		rc = cli_json(json_treatment_plan_actions(&p, &l));
	} else {
		for (size_t i = 0; i < l.n; i++) {
			const struct risk *r = &l.v[i];

			cli_printf("R%lld  %s  (%s, %s -> %s)\n", (long long)r->id,
			           r->title, risk_treatment_name(r->treatment),
			           risk_level_name(r->inherent_level),
			           risk_level_name(r->residual_level));
			for (size_t k = 0; k < r->nactions; k++) {
				const struct treatment_action *t = &r->actions[k];

				cli_printf("  T%-5lld %-11s %-8s %-10s %-16s %s\n",
				           (long long)t->id, t->status,
				           t->ref ? t->ref : "-",
				           t->due_on ? t->due_on : "-",
				           t->owner ? t->owner : "-", t->title);
			}
		}
		if (!l.n)
			cli_printf("The plan is empty: no risks yet.\n");
		if (p.approved_by)
			cli_printf("\nApproved by %s on %s%s.\n", p.approved_by,
			           p.approved_on,
			           p.changed ? "; changed since (approve again with "
			                       "'isms risk "
			                       "plan --approve --by NAME')"
			                     : "");
		else
			cli_printf("\nNot approved yet: 'isms risk plan --approve --by "
			           "NAME'.\n");
	}
	treatment_plan_release(&p);
	risk_list_release(&l);
	return rc;
}

/* ---- the report ---- */

static int run_report(struct cli *cli, int argc, char **argv)
{
	const char *format = NULL, *out = NULL;
	const struct opt opts[] = { { "format", OPT_STRING, &format },
		                    { "o", OPT_STRING, &out },
		                    { "output", OPT_STRING, &out },
		                    { 0 } };
	enum risk_report_format f = RISK_REPORT_JSON;
	struct strbuf doc = STRBUF_INIT;
	struct soa_data d;
	struct soa_doc view;
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	if (!format && !cli->json)
		return cli_usage(cli,
		                 "choose the report's format with --format html|md|json");
	if (format && risk_report_format_parse(format, &f))
		return cli_usage(cli, "unknown format '%s' (expected html, md or json)",
		                 format);
	if (out && !*out)
		return cli_usage(cli, "-o needs a file name ('-' for standard output)");
	rc = app_soa_load(cli->st, &cli->org, &d);
	if (!rc) {
		view = (struct soa_doc){ .org = &cli->org,
			                 .soa = &d.soa,
			                 .risks = &d.risks,
			                 .method = &d.method,
			                 .plan = &d.plan,
			                 .problems = &d.problems,
			                 .approved = d.approved.id ? &d.approved : NULL,
			                 .today = d.today };
		rc = risk_report_render(&view, f, &doc);
	}
	if (!rc)
		rc = cli_write_doc(out, &doc);
	if (!rc && out && strcmp(out, "-") && !cli->json) {
		fputs("Wrote ", stderr);
		cli_put(stderr, out);
		fprintf(stderr, " (%zu bytes).\n", doc.len);
	}
	strbuf_release(&doc);
	app_soa_release(&d);
	return rc;
}

static int run_import(struct cli *cli, int argc, char **argv)
{
	return cli_import(cli, argc, argv, app_risk_import, "risk");
}

static const struct cmd risk_subs[] = {
	{ "add", "record a risk: assets, threat, vulnerability, rating and treatment",
	  "isms risk add --title TEXT --asset NAME[,NAME...] --threat TEXT\n"
	  "         --vulnerability TEXT --likelihood N --impact N\n"
	  "         --treatment modify|retain|avoid|share [--controls REF,REF...]\n"
	  "         [--other-controls TEXT] [--residual-likelihood N]\n"
	  "         [--residual-impact N] [--owner NAME] [--consequence TEXT]\n"
	  "         [--review DATE] [--json]\n"
	  "\n"
	  "Likelihood and impact are values on the organisation's scales (see\n"
	  "'isms risk method'); the levels follow from its matrix.  Residual\n"
	  "values default to the inherent ones.  --controls names the Annex A\n"
	  "controls the treatment selects; they become the SoA's reasons for\n"
	  "including them.  Prints the new risk (its id with --json).\n",
	  run_add, CMD_STORE | CMD_ORG, NULL },
	{ "set", "change a risk",
	  "isms risk set ID [the options of 'risk add'] [--json]\n"
	  "\n"
	  "Changing the residual values or the owner withdraws an earlier\n"
	  "acceptance.  --controls and --asset replace the whole list.\n",
	  run_set, CMD_STORE | CMD_ORG, NULL },
	{ "list", "the risk register", "isms risk list [--json]\n", run_list,
	  CMD_STORE | CMD_ORG, NULL },
	{ "show", "one risk with its treatment actions", "isms risk show ID [--json]\n",
	  run_show, CMD_STORE | CMD_ORG, NULL },
	{ "remove", "remove a risk and its actions", "isms risk remove ID\n", run_remove,
	  CMD_STORE | CMD_ORG, NULL },
	{ "accept", "the risk owner accepts the residual risk",
	  "isms risk accept ID --by NAME [--date DATE] [--json]\n"
	  "\n"
	  "Only the risk's owner may accept it.\n",
	  run_accept, CMD_STORE | CMD_ORG, NULL },
	{ "method", "show or change the risk method (scales, matrix, acceptance)",
	  "isms risk method [--history] [--json]\n"
	  "       isms risk method --by NAME [--likelihood L1,L2,...] [--impact "
	  "I1,I2,...]\n"
	  "         [--matrix ROWS] [--accept low|medium|high|critical] [--note TEXT]\n"
	  "\n"
	  "Without options, shows the method; --history lists every change.\n"
	  "--likelihood and --impact give\n"
	  "the labels of each scale, lowest first (2 to 10).  --matrix gives the\n"
	  "level of every pair as digits 1 (low) to 4 (critical), one row per\n"
	  "likelihood from 1, rows separated by '/': the default 5 x 5 is\n"
	  "11122/12233/12334/23344/23444 (level by likelihood x impact).  A new\n"
	  "scale without --matrix takes that rule.  --accept is the highest\n"
	  "residual level a risk owner may accept.  Every risk is re-evaluated\n"
	  "and the change recorded.\n",
	  run_method, CMD_STORE | CMD_ORG, NULL },
	{ "action", "add an action to the treatment plan, or change one",
	  "isms risk action RISK --title TEXT [--control REF] [--owner NAME]\n"
	  "         [--due DATE] [--status open|in-progress|done] [--json]\n"
	  "       isms risk action T<id> [--title ...] [--status ...] ...\n",
	  run_action, CMD_STORE | CMD_ORG, NULL },
	{ "plan", "the risk treatment plan, and its approval",
	  "isms risk plan [--approve --by NAME [--date DATE]] [--json]\n"
	  "\n"
	  "Approval records who approved the plan as it stands; a later change\n"
	  "of a risk's treatment, controls, residual values, owner or actions\n"
	  "shows as 'changed since approval'.\n",
	  run_plan, CMD_STORE | CMD_ORG, NULL },
	{ "report", "the risk report with heat maps and the treatment plan",
	  "isms risk report --format html|md|json [-o FILE]\n", run_report,
	  CMD_STORE | CMD_ORG, NULL },
	{ "import", "add risks from a CSV file (a risk register), all or none",
	  "isms risk import FILE.csv [--json]\n"
	  "\n"
	  "FILE.csv ('-' reads standard input) is UTF-8 CSV whose first row names\n"
	  "the columns: title, assets, threat, vulnerability, likelihood, impact\n"
	  "and treatment (required), consequence, controls, other_controls,\n"
	  "residual_likelihood, residual_impact, owner and review, with the values\n"
	  "of the options of 'risk add'.  assets and controls are comma-separated\n"
	  "lists in one cell; an empty cell is a value not given.  Every row is\n"
	  "added as by 'risk add' in one transaction: if any row is refused,\n"
	  "nothing is imported and the error names its line.  Column names\n"
	  "ignore case, and '-' or a space may stand for '_'.\n",
	  run_import, CMD_STORE | CMD_ORG, NULL },
	{ 0 },
};

const struct cmd cmd_risk = {
	"risk",
	"risk assessment and treatment (clauses 6.1.2, 6.1.3, 8.2, 8.3)",
	"isms risk SUB-COMMAND ...\n",
	NULL,
	0,
	risk_subs,
};
