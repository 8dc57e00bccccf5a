/*
 * cmd-gap.c - isms gap: gap assessments, their checklist, readiness score
 * and remediation roadmap.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "view/json.h"

#define ASSESSMENT_OPT(var)                      \
	{                                        \
		"assessment", OPT_STRING, &(var) \
	}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static int run_new(struct cli *cli, int argc, char **argv)
{
	const char *name = NULL, *date = NULL, *assessor = NULL;
	const struct opt opts[] = { { "name", OPT_STRING, &name },
		                    { "date", OPT_STRING, &date },
		                    { "assessor", OPT_STRING, &assessor },
		                    { 0 } };
	struct assessment a;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 0, 0, &npos);
	if (rc)
		return rc;
	if (!name)
		return cli_usage(cli, "give the assessment a name with --name NAME");
	rc = app_gap_new(cli->st, &cli->org, name, date, assessor, &a);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_assessment(&a));
	} else {
		cli_printf("Started gap assessment %lld '%s' of %s, dated %s.\n",
		           (long long)a.id, a.name, cli->org.slug, a.assessed_on);
		cli_printf("Every item is not-assessed until you record it: "
		           "'isms gap set REF --status STATUS'.\n");
	}
	assessment_release(&a);
	return rc;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	struct assessment_list list;
	json_t *arr;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 0, 0, &npos);
	if (!rc)
		rc = store_assessment_list(cli->st, cli->org.id, &list);
	if (rc)
		return rc;
	arr = cli->json ? json_array() : NULL;
	if (!cli->json && list.n)
		cli_printf("%-4s  %-10s  %7s  %8s  %-24s  %s\n", "ID", "DATE", "READY",
		           "COVERAGE", "NAME", "ASSESSOR");
	for (size_t i = 0; !rc && i < list.n; i++) {
		struct gap_row_list rows;
		struct gap_score sc;

		rc = app_gap_rows(cli->st, &list.v[i], &rows);
		if (!rc)
			rc = app_gap_score(cli->st, &cli->org, &rows, &sc);
		if (rc) {
			gap_row_list_release(&rows);
			break;
		}
		if (arr) {
			json_t *o = json_assessment_summary(&list.v[i], &sc);

			json_array_append_new(arr, o);
		} else {
			cli_printf("%-4lld  %-10s  %6.1f%%  %7.1f%%  %-24s  %s\n",
			           (long long)list.v[i].id, list.v[i].assessed_on,
			           sc.all.readiness, sc.all.coverage, list.v[i].name,
			           or_dash(list.v[i].assessor));
		}
		gap_score_release(&sc);
		gap_row_list_release(&rows);
	}
	if (!rc && arr) {
		rc = cli_json(arr);
		arr = NULL;
	}
	if (!rc && !cli->json && !list.n)
		cli_printf("No gap assessment of %s yet: 'isms gap new --name NAME'.\n",
		           cli->org.slug);
	json_decref(arr);
	assessment_list_release(&list);
	return rc;
}

/* "2", "1 paper", "0 (1 expired)": what backs an item. */
static void evidence_cell(const struct gap_row *r, char *out, size_t size)
{
	if (gap_evidence_paper_only(&r->ev))
		snprintf(out, size, "%d paper", r->ev.valid);
	else if (r->ev.expired)
		snprintf(out, size, "%d +%d exp", r->ev.valid, r->ev.expired);
	else
		snprintf(out, size, "%d", r->ev.valid);
}

static void print_heading(const struct cli *cli, const struct assessment *a)
{
	cli_printf("%s: gap assessment %lld '%s', %s%s%s\n\n", cli->org.slug,
	           (long long)a->id, a->name, a->assessed_on, *a->assessor ? ", by " : "",
	           a->assessor);
}

static int run_items(struct cli *cli, int argc, char **argv)
{
	const char *id = NULL, *status = NULL, *group = NULL;
	const struct opt opts[] = { ASSESSMENT_OPT(id),
		                    { "status", OPT_STRING, &status },
		                    { "group", OPT_STRING, &group },
		                    { 0 } };
	struct assessment a;
	struct gap_row_list rows = { 0 };
	enum gap_status want;
	char *pos[1];
	json_t *arr = NULL;
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 0, 0, &npos);
	/* A mistyped status is said before anything is looked up. */
	if (!rc && status)
		rc = gap_status_parse(status, &want);
	if (rc)
		return rc;
	rc = cli_assessment(cli, id, &a);
	if (!rc)
		rc = app_gap_items(cli->st, &a, status, group, &rows);
	if (!rc && cli->json)
		arr = json_array();
	else if (!rc)
		print_heading(cli, &a);
	if (!rc && !cli->json)
		cli_printf("%-8s  %-13s  %3s  %-11s  %-16s  %s\n", "REF", "STATUS", "MAT",
		           "EVIDENCE", "OWNER", "TITLE");
	for (size_t i = 0; !rc && i < rows.n; i++) {
		const struct gap_row *r = &rows.v[i];
		char ev[32], mat[12] = "-";

		if (arr) {
			json_array_append_new(arr, json_gap_row(r));
			continue;
		}
		if (r->maturity >= 0)
			snprintf(mat, sizeof(mat), "%d", r->maturity);
		evidence_cell(r, ev, sizeof(ev));
		cli_printf("%-8s  %-13s  %3s  %-11s  %-16.16s  %s\n", r->ref,
		           gap_status_name(r->status), mat, ev, or_dash(r->owner),
		           r->title);
	}
	if (!rc && arr) {
		rc = cli_json(arr);
		arr = NULL;
	}
	json_decref(arr);
	gap_row_list_release(&rows);
	assessment_release(&a);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	const char *id = NULL;
	const struct opt opts[] = { ASSESSMENT_OPT(id), { 0 } };
	struct assessment a;
	struct gap_row_list rows = { 0 };
	struct evidence_list evs = { 0 };
	char today[11], *pos[1];
	int npos, rc;

	store_today(today);
	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (rc)
		return rc;
	rc = cli_assessment(cli, id, &a);
	if (!rc)
		rc = app_gap_row(cli->st, &a, pos[0], &rows);
	if (!rc)
		rc = store_evidence_list(cli->st, cli->org.id, &a, &evs);
	if (!rc && cli->json) {
		rc = cli_json(json_gap_item(&rows.v[0], &a, &evs, today));
	} else if (!rc) {
		const struct gap_row *r = &rows.v[0];
		bool any = false;

		print_heading(cli, &a);
		cli_printf("%s  %s\n", r->ref, r->title);
		cli_printf("  status         %s\n", gap_status_name(r->status));
		if (r->maturity >= 0)
			cli_printf("  maturity       %s\n",
			           gap_maturity_label(r->maturity));
		else
			cli_printf("  maturity       not rated\n");
		cli_printf("  owner          %s\n", or_dash(r->owner));
		cli_printf("  target date    %s\n", or_dash(r->target_date));
		if (r->justification)
			cli_printf("  justification  %s\n", r->justification);
		if (r->notes)
			cli_printf("  notes          %s\n", r->notes);
		cli_printf(
		        "  evidence       %d valid (%d policy/procedure), %d expired\n",
		        r->ev.valid, r->ev.valid_paper, r->ev.expired);
		for (size_t i = 0; i < evs.n; i++) {
			const struct evidence *e = &evs.v[i];

			for (size_t j = 0; j < e->nrefs; j++) {
				if (strcmp(e->refs[j], r->ref))
					continue;
				any = true;
				cli_printf("    %.12s  %-10s  %s%s\n", e->sha256,
				           evidence_kind_name(e->kind), e->title,
				           evidence_expired(e, today) ? "  (expired)"
				                                      : "");
			}
		}
		if (!any)
			cli_printf("    none linked: 'isms evidence link SHA256 %s'\n",
			           r->ref);
		if (r->updated_at)
			cli_printf("  recorded       %s\n", r->updated_at);
	}
	evidence_list_release(&evs);
	gap_row_list_release(&rows);
	assessment_release(&a);
	return rc;
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	const char *id = NULL, *maturity = NULL;
	struct gap_update u = { .maturity = -1 };
	const struct opt opts[] = { ASSESSMENT_OPT(id),
		                    { "status", OPT_STRING, &u.status },
		                    { "maturity", OPT_STRING, &maturity },
		                    { "owner", OPT_STRING, &u.owner },
		                    { "note", OPT_STRING, &u.notes },
		                    { "target", OPT_STRING, &u.target_date },
		                    { "justification", OPT_STRING, &u.justification },
		                    { 0 } };
	struct assessment a;
	struct gap_row_list rows;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (!rc)
		rc = app_gap_maturity_parse(maturity, &u.maturity);
	if (rc)
		return rc;
	if (!u.status && !maturity && !u.owner && !u.notes && !u.target_date &&
	    !u.justification)
		return cli_usage(cli,
		                 "nothing to record: give --status, --maturity, --owner, "
		                 "--note, --target or --justification");
	rc = cli_assessment(cli, id, &a);
	if (!rc)
		rc = app_gap_set(cli->st, &a, pos[0], &u);
	if (!rc)
		rc = app_gap_row(cli->st, &a, pos[0], &rows);
	if (!rc) {
		if (cli->json)
			rc = cli_json(json_gap_row(&rows.v[0]));
		else
			cli_printf("%s is %s.\n", rows.v[0].ref,
			           gap_status_name(rows.v[0].status));
		gap_row_list_release(&rows);
	}
	assessment_release(&a);
	return rc;
}

/*
 * The score of an organisation's assessment a from its rows, as JSON or as
 * a line of the --all table.  A NULL a (--all) is an organisation without
 * an assessment: it has no score yet.
 */
static int score_entry(struct cli *cli, const struct org *org, const struct assessment *a,
                       const struct gap_row_list *rows, json_t **json_out, bool print)
{
	struct gap_score sc = { 0 };
	int rc;

	if (!a) {
		if (json_out)
			*json_out = json_gap_score_entry(org, NULL, NULL);
		if (print)
			cli_printf("%-20s  %7s  %8s  %-15s  %s\n", org->slug, "-", "-",
			           "not-ready", "(no assessment)");
		return 0;
	}
	rc = app_gap_score(cli->st, org, rows, &sc);
	if (!rc && json_out)
		*json_out = json_gap_score_entry(org, a, &sc);
	if (!rc && print)
		cli_printf("%-20s  %6.1f%%  %7.1f%%  %-15s  %lld '%s' (%s)\n", org->slug,
		           sc.all.readiness, sc.all.coverage,
		           gap_verdict_name(sc.verdict), (long long)a->id, a->name,
		           a->assessed_on);
	gap_score_release(&sc);
	return rc;
}

/* One organisation's score of its newest assessment (or null keys). */
static int score_one(struct cli *cli, const struct org *org, const char *id,
                     json_t **json_out, bool print, bool all)
{
	struct assessment a;
	struct gap_row_list rows = { 0 };
	int rc;

	{
		struct org saved = cli->org;

		cli->org = *org;
		rc = cli_assessment(cli, id, &a);
		cli->org = saved;
	}
	if (rc == -E_NOTFOUND && all) {
		error_clear();
		return score_entry(cli, org, NULL, &rows, json_out, print);
	}
	if (!rc)
		rc = app_gap_rows(cli->st, &a, &rows);
	if (!rc)
		rc = score_entry(cli, org, &a, &rows, json_out, print);
	gap_row_list_release(&rows);
	assessment_release(&a);
	return rc;
}

static void print_tally_line(const char *label, const char *title,
                             const struct gap_tally *t)
{
	cli_printf("  %-6s %-34.34s %6.1f%%  %6.1f%%  %3zu %3zu %3zu %3zu %3zu\n", label,
	           title, t->readiness, t->coverage, t->counts[GAP_CONFORMING],
	           t->counts[GAP_PARTIAL], t->counts[GAP_NONCONFORMING],
	           t->counts[GAP_NA], t->counts[GAP_NOT_ASSESSED]);
}

/* A group of the framework, for the score's table. */
static const struct catalog_group *group_of(const struct framework *fw, const char *code)
{
	for (size_t i = 0; fw && i < fw->ngroups; i++)
		if (!strcmp(fw->groups[i].code, code))
			return &fw->groups[i];
	return NULL;
}

static void print_score(const struct assessment *a, const struct gap_score *sc,
                        const struct framework *fw)
{
	const struct gap_tally *t = &sc->all;
	size_t assessed = t->total - t->counts[GAP_NOT_ASSESSED];

	cli_printf("Readiness  %.1f%%   (100 x (conforming + 0.5 x partial) / applicable "
	           "items)\n",
	           t->readiness);
	cli_printf("Coverage   %.1f%%   (%zu of %zu items assessed)\n", t->coverage,
	           assessed, t->total);
	cli_printf("Verdict    %s\n", gap_verdict_name(sc->verdict));
	for (size_t i = 0; i < sc->nreasons; i++)
		cli_printf("           - %s\n", sc->reasons[i]);
	for (int pass = 0; pass < 2; pass++) {
		cli_printf("\n  %-6s %-34s %7s  %7s  %3s %3s %3s %3s %3s\n",
		           pass ? "THEME" : "CLAUSE", "", "READY", "COVER", "C", "P",
		           "NC", "NA", "?");
		for (size_t i = 0; i < sc->ngroups; i++) {
			const struct gap_group_score *g = &sc->groups[i];
			const struct catalog_group *cg = group_of(fw, g->group);

			if (g->is_clause == (pass == 0))
				print_tally_line(cg && cg->ref ? cg->ref : g->group,
				                 cg ? cg->title : "", &g->tally);
		}
	}
	cli_printf("\n");
	print_tally_line("all", a->name, t);
	if (sc->nflags)
		cli_printf("\nFlags\n");
	for (size_t i = 0; i < sc->nflags; i++) {
		const struct gap_flag *f = &sc->flags[i];

		cli_printf("  %s: %s\n", f->code, f->message);
		if (f->nrefs) {
			cli_printf("    ");
			for (size_t j = 0; j < f->nrefs && j < 20; j++)
				cli_printf("%s%s", j ? ", " : "", f->refs[j]);
			if (f->nrefs > 20)
				cli_printf(" and %zu more", f->nrefs - 20);
			cli_printf("\n");
		}
	}
}

/*
 * --all: every organisation's entry as it is computed, the JSON array one
 * element at a time (printed as cli_json() prints a whole array), so that
 * memory stays flat however many organisations there are.
 */
struct score_walk {
	struct cli *cli;
	size_t n; /* JSON elements written */
};

static int stream_element(struct score_walk *w, json_t *o)
{
	char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	const char *p = text;

	json_decref(o);
	if (!text)
		return error_set(E_INTERNAL, "could not build the JSON output");
	fputs(w->n++ ? ",\n  " : "[\n  ", stdout);
	for (const char *nl; (nl = strchr(p, '\n')); p = nl + 1) {
		fwrite(p, 1, (size_t)(nl - p) + 1, stdout);
		fputs("  ", stdout);
	}
	fputs(p, stdout);
	free(text);
	return ferror(stdout) ? error_set(E_IO, "cannot write output") : 0;
}

static int score_each(void *ctx, const struct org *org, const struct assessment *a,
                      const struct gap_row_list *rows)
{
	struct score_walk *w = ctx;
	json_t *o = NULL;
	int rc = score_entry(w->cli, org, a, rows, w->cli->json ? &o : NULL,
	                     !w->cli->json);

	return !rc && o ? stream_element(w, o) : rc;
}

static int score_all(struct cli *cli)
{
	struct score_walk w = { cli, 0 };
	char today[11];
	int rc;

	store_today(today);
	if (!cli->json)
		cli_printf("%-20s  %7s  %8s  %-15s  %s\n", "ORG", "READY", "COVERAGE",
		           "VERDICT", "ASSESSMENT");
	rc = store_gap_rows_newest(cli->st, today, score_each, &w);
	if (!rc && cli->json)
		fputs(w.n ? "\n]\n" : "[]\n", stdout);
	if (!rc && cli->json && ferror(stdout))
		rc = error_set(E_IO, "cannot write output");
	return rc;
}

static int run_score(struct cli *cli, int argc, char **argv)
{
	const char *id = NULL;
	bool all = false;
	const struct opt opts[] = { ASSESSMENT_OPT(id),
		                    { "all", OPT_FLAG, &all },
		                    { 0 } };
	struct assessment a;
	struct gap_row_list rows = { 0 };
	struct gap_score sc = { 0 };
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 0, 0, &npos);
	if (rc)
		return rc;
	if (all && id)
		return cli_usage(cli,
		                 "--all scores each organisation's newest assessment; "
		                 "it does not take --assessment");
	if (all)
		return score_all(cli);
	rc = cli_org(cli);
	if (rc)
		return rc;
	if (cli->json) {
		json_t *o = NULL;

		rc = score_one(cli, &cli->org, id, &o, false, false);
		return rc ? rc : cli_json(o);
	}
	rc = cli_assessment(cli, id, &a);
	if (!rc)
		rc = app_gap_rows(cli->st, &a, &rows);
	if (!rc)
		rc = app_gap_score(cli->st, &cli->org, &rows, &sc);
	if (!rc) {
		struct framework_list fws = { 0 };
		const struct framework *fw = NULL;

		if (!store_framework_list(cli->st, &fws))
			for (size_t i = 0; i < fws.n; i++)
				if (!strcmp(fws.v[i].code, a.framework))
					fw = &fws.v[i];
		print_heading(cli, &a);
		print_score(&a, &sc, fw);
		framework_list_release(&fws);
	}
	gap_score_release(&sc);
	gap_row_list_release(&rows);
	assessment_release(&a);
	return rc;
}

static int run_roadmap(struct cli *cli, int argc, char **argv)
{
	const char *id = NULL;
	const struct opt opts[] = { ASSESSMENT_OPT(id), { 0 } };
	struct assessment a;
	struct gap_row_list rows = { 0 };
	struct roadmap rm = { 0 };
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 0, 0, &npos);
	if (!rc)
		rc = cli_assessment(cli, id, &a);
	if (rc)
		return rc;
	rc = app_gap_rows(cli->st, &a, &rows);
	if (!rc)
		gap_roadmap_build(rows.v, rows.n, a.assessed_on, &rm);
	if (!rc && cli->json) {
		rc = cli_json(json_roadmap(&rm));
	} else if (!rc) {
		const char *phase = "";

		print_heading(cli, &a);
		if (!rm.n)
			cli_printf("Nothing to remediate: no item is nonconforming or "
			           "partial.\n");
		for (size_t i = 0; i < rm.n; i++) {
			const struct roadmap_entry *e = &rm.v[i];

			if (strcmp(phase, e->phase)) {
				phase = e->phase;
				if (!strcmp(phase, "later"))
					cli_printf("%sAfter 90 days\n", i ? "\n" : "");
				else
					cli_printf("%sWithin %s days\n", i ? "\n" : "",
					           phase);
				cli_printf("  %3s  %-8s  %-13s  %-6s  %-11s  %-11s  "
				           "%-16s  %s\n",
				           "#", "REF", "STATUS", "EFFORT", "DUE",
				           "ACTION", "OWNER", "TITLE");
			}
			cli_printf(
			        "  %3d  %-8s  %-13s  %-6s  %s%c  %-11s  %-16.16s  %s%s\n",
			        e->priority, e->row->ref, gap_status_name(e->row->status),
			        gap_effort_name(e->effort), e->due,
			        e->due_estimated ? '*' : ' ', e->status,
			        or_dash(e->owner), e->row->title,
			        e->row->manual_rank > 0 ? "  (placed by hand)" : "");
		}
		if (rm.n)
			cli_printf("\nOrder: clauses before controls, nonconforming "
			           "before partial, "
			           "smaller effort first;\n* due date estimated from the "
			           "priority (30/60/90 days after the assessment).\n");
	}
	gap_roadmap_release(&rm);
	gap_row_list_release(&rows);
	assessment_release(&a);
	return rc;
}

static int show_action(struct cli *cli, const struct assessment *a, const char *ref)
{
	struct gap_row_list rows;
	struct roadmap rm;
	const struct roadmap_entry *e;
	int rc = app_gap_action_get(cli->st, a, ref, &rows, &rm, &e);

	if (!rc && cli->json)
		rc = cli_json(json_roadmap_entry(e));
	else if (!rc)
		cli_printf("%s: priority %d, due %s%s, effort %s, %s, owner %s.\n",
		           e->row->ref, e->priority, e->due,
		           e->due_estimated ? " (estimated)" : "",
		           gap_effort_name(e->effort), e->status, or_dash(e->owner));
	gap_roadmap_release(&rm);
	gap_row_list_release(&rows);
	return rc;
}

static int run_action(struct cli *cli, int argc, char **argv)
{
	const char *id = NULL;
	struct action_update u = { 0 };
	const struct opt opts[] = { ASSESSMENT_OPT(id),
		                    { "owner", OPT_STRING, &u.owner },
		                    { "due", OPT_STRING, &u.due_on },
		                    { "effort", OPT_STRING, &u.effort },
		                    { "resources", OPT_STRING, &u.resources },
		                    { "status", OPT_STRING, &u.status },
		                    { 0 } };
	struct assessment a;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (rc)
		return rc;
	if (!u.owner && !u.due_on && !u.effort && !u.resources && !u.status)
		return cli_usage(cli, "nothing to change: give --owner, --due, --effort, "
		                      "--resources or --status");
	rc = cli_assessment(cli, id, &a);
	if (!rc)
		rc = app_gap_action(cli->st, &a, pos[0], &u);
	if (!rc)
		rc = show_action(cli, &a, pos[0]);
	assessment_release(&a);
	return rc;
}

static int run_move(struct cli *cli, int argc, char **argv)
{
	const char *id = NULL, *to = NULL, *reason = NULL;
	bool automatic = false;
	const struct opt opts[] = { ASSESSMENT_OPT(id),
		                    { "to", OPT_STRING, &to },
		                    { "reason", OPT_STRING, &reason },
		                    { "auto", OPT_FLAG, &automatic },
		                    { 0 } };
	struct assessment a;
	char *pos[1];
	int npos, rank = 0, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (rc)
		return rc;
	if (!to == !automatic)
		return cli_usage(cli,
		                 "give --to POSITION --reason TEXT, or --auto to return "
		                 "to the computed order");
	if (to && (rc = app_gap_position_parse(to, &rank)))
		return rc;
	rc = cli_assessment(cli, id, &a);
	if (!rc)
		rc = app_gap_move(cli->st, &a, pos[0], rank, reason);
	if (!rc)
		rc = show_action(cli, &a, pos[0]);
	assessment_release(&a);
	return rc;
}

/* An assessment id as `gap diff` takes it: digits, never the default. */
static int diff_id(struct cli *cli, const char *id, int64_t *out)
{
	if (!id || !*id || strspn(id, "0123456789") != strlen(id))
		return error_set(E_USAGE,
		                 "%s: '%s' is not an assessment id (see 'isms gap list')",
		                 cli->path, id ? id : "");
	return cli_assessment_id(cli, id, out);
}

static int run_diff(struct cli *cli, int argc, char **argv)
{
	struct gap_side from = { 0 }, to = { 0 };
	size_t counts[CHANGE__COUNT] = { 0 };
	int64_t from_id = 0, to_id = 0;
	char *pos[2];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, NULL, pos, 2, 2, &npos);
	if (rc)
		return rc;
	rc = diff_id(cli, pos[0], &from_id);
	if (!rc)
		rc = diff_id(cli, pos[1], &to_id);
	if (!rc)
		rc = app_gap_diff_load(cli->st, &cli->org, from_id, to_id, &from, &to);
	if (!rc && cli->json) {
		const struct gap_diff_side f = { &from.a, &from.rows, &from.score },
		                           t = { &to.a, &to.rows, &to.score };

		rc = cli_json(json_gap_diff(&f, &t));
	} else if (!rc) {
		static const char *const headings[CHANGE__COUNT] = {
			"",
			"Improved",
			"Regressed",
			"Newly assessed",
			"No longer assessed",
			"Applicability changed",
		};

		for (size_t i = 0; i < to.rows.n; i++)
			counts[gap_change_of(from.rows.v[i].status,
			                     to.rows.v[i].status)]++;
		cli_printf("%s: '%s' (%lld, %s) -> '%s' (%lld, %s)\n\n", cli->org.slug,
		           from.a.name, (long long)from.a.id, from.a.assessed_on,
		           to.a.name, (long long)to.a.id, to.a.assessed_on);
		cli_printf("Readiness  %5.1f%% -> %5.1f%%  (%+.1f)\n",
		           from.score.all.readiness, to.score.all.readiness,
		           json_percent_delta(from.score.all.readiness,
		                              to.score.all.readiness));
		cli_printf("Coverage   %5.1f%% -> %5.1f%%  (%+.1f)\n",
		           from.score.all.coverage, to.score.all.coverage,
		           json_percent_delta(from.score.all.coverage,
		                              to.score.all.coverage));
		cli_printf("Verdict    %s -> %s\n", gap_verdict_name(from.score.verdict),
		           gap_verdict_name(to.score.verdict));
		for (int c = 1; c < CHANGE__COUNT; c++) {
			if (!counts[c])
				continue;
			cli_printf("\n%s (%zu)\n", headings[c], counts[c]);
			for (size_t i = 0; i < to.rows.n; i++) {
				const struct gap_row *a = &from.rows.v[i],
				                     *b = &to.rows.v[i];

				if ((int)gap_change_of(a->status, b->status) == c)
					cli_printf("  %-8s  %-13s -> %-13s  %s\n", b->ref,
					           gap_status_name(a->status),
					           gap_status_name(b->status), b->title);
			}
		}
		cli_printf("\nUnchanged: %zu item%s.\n", counts[CHANGE_SAME],
		           counts[CHANGE_SAME] == 1 ? "" : "s");
	}
	app_gap_side_release(&to);
	app_gap_side_release(&from);
	return rc;
}

#define STATUSES                                                                    \
	"STATUS is conforming (implemented, operating, evidenced), partial (some\n" \
	"elements in place), nonconforming (missing or inadequate), na (not\n"      \
	"applicable: Annex A controls only, with --justification) or not-assessed."

static const struct cmd gap_subs[] = {
	{ .name = "new",
	  .summary = "start a gap assessment (it becomes the default)",
	  .help = "isms [--org SLUG] gap new --name NAME [--date YYYY-MM-DD] "
	          "[--assessor NAME] [--json]\n"
	          "\n"
	          "A gap assessment is a planning record: its findings and evidence\n"
	          "links never count as internal-audit evidence.  The date defaults to\n"
	          "today.  The newest assessment is what the other gap commands use\n"
	          "unless --assessment ID picks another.",
	  .run = run_new,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "list",
	  .summary = "list the organisation's assessments with their readiness",
	  .help = "isms [--org SLUG] gap list [--json]",
	  .run = run_list,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "items",
	  .summary = "the checklist: every requirement and control with its status",
	  .help = "isms [--org SLUG] gap items [--assessment ID] [--status STATUS] "
	          "[--group GROUP] [--json]\n"
	          "\n"
	          "GROUP is a clause (4 .. 10) or a theme (organizational, people,\n"
	          "physical, technological, or A.5 .. A.8).  EVIDENCE counts valid\n"
	          "linked evidence; 'paper' means policies and procedures only.",
	  .run = run_items,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "show",
	  .summary = "one item: status, maturity, owner, notes and its evidence",
	  .help = "isms [--org SLUG] gap show REF [--assessment ID] [--json]",
	  .run = run_show,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "set",
	  .summary = "record the finding for an item",
	  .help = "isms [--org SLUG] gap set REF [--status STATUS] [--maturity 0-5]\n"
	          "        [--owner NAME] [--note TEXT] [--target YYYY-MM-DD]\n"
	          "        [--justification TEXT] [--assessment ID] [--json]\n"
	          "\n" STATUSES "\n"
	          "\n"
	          "conforming needs at least one linked, unexpired evidence item.\n"
	          "Maturity: 0 non-existent, 1 initial (ad hoc), 2 repeatable,\n"
	          "3 defined, 4 managed (measured), 5 optimised.  An empty value ('')\n"
	          "clears a field.",
	  .run = run_set,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "score",
	  .summary = "readiness by clause and theme, flags and the verdict",
	  .help = "isms [--org SLUG] gap score [--assessment ID] [--json]\n"
	          "isms gap score --all [--json]\n"
	          "\n"
	          "Readiness = 100 x (conforming + 0.5 x partial) / (items not na);\n"
	          "not-assessed counts as 0 and shows as coverage.  Verdict: not-ready\n"
	          "when a clause 4-10 requirement is nonconforming or unassessed or\n"
	          "readiness is below 60%; ready when readiness is 90% or more, every\n"
	          "requirement conforms, every control is assessed and none is\n"
	          "nonconforming, and nothing is flagged; ready-with-gaps otherwise.\n"
	          "--all scores every "
	          "organisation's newest assessment.",
	  .run = run_score,
	  .flags = CMD_STORE },
	{ .name = "roadmap",
	  .summary = "the remediation actions in priority order, by 30/60/90-day phase",
	  .help = "isms [--org SLUG] gap roadmap [--assessment ID] [--json]\n"
	          "\n"
	          "Every nonconforming and partial item is an action.  Priority:\n"
	          "actions placed by hand keep their place; the rest follow clauses\n"
	          "4-10 before Annex A controls, nonconforming before partial, higher\n"
	          "linked risk first, smaller effort first, then catalogue order.",
	  .run = run_roadmap,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "diff",
	  .summary = "compare two assessments: improved, regressed, newly assessed",
	  .help = "isms [--org SLUG] gap diff FROM-ID TO-ID [--json]\n"
	          "\n"
	          "Statuses rank nonconforming < partial < conforming; items that\n"
	          "became or stopped being na, or were not assessed in one of the\n"
	          "two, are listed apart.  Readiness and coverage changes are shown\n"
	          "overall and per clause and theme (--json).",
	  .run = run_diff,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "action",
	  .summary = "update a remediation action: owner, due date, effort, status",
	  .help = "isms [--org SLUG] gap action REF [--owner NAME] [--due YYYY-MM-DD]\n"
	          "        [--effort S|M|L|XL] [--resources TEXT]\n"
	          "        [--status open|in-progress|done] [--assessment ID] [--json]",
	  .run = run_action,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "move",
	  .summary = "place an action at a position by hand, with the reason",
	  .help = "isms [--org SLUG] gap move REF --to POSITION --reason TEXT [--json]\n"
	          "isms [--org SLUG] gap move REF --auto [--json]\n"
	          "\n"
	          "The reason is kept with the action and shown in reports; --auto\n"
	          "returns the action to the computed order.",
	  .run = run_move,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "report",
	  .summary = "the assessment as a report: Markdown, HTML, CSV or JSON",
	  .help = "isms [--org SLUG] gap report --format md|html|csv|json [-o FILE]\n"
	          "        [--assessment ID] [--json]\n"
	          "\n"
	          "The record, scope, method, readiness by clause and theme, flags,\n"
	          "deficiencies, roadmap and evidence index of an assessment (default\n"
	          "the newest).\n"
	          "  md    GitHub-flavoured Markdown with tables\n"
	          "  html  one self-contained, printable file with charts; no scripts\n"
	          "        and nothing loaded from elsewhere\n"
	          "  csv   one row per catalogue item, for spreadsheets (RFC 4180)\n"
	          "  json  one document: org, assessment, scope, score, items,\n"
	          "        roadmap, evidence\n"
	          "\n"
	          "Without -o (or with -o -) the report goes to standard output.  With\n"
	          "-o FILE it is written next to FILE and renamed into place when\n"
	          "complete, so a failure never leaves half a file; --json then prints\n"
	          "what was written.  --json without --format gives the JSON report.",
	  .run = gap_run_report,
	  .flags = CMD_STORE | CMD_ORG },
	{ 0 },
};

const struct cmd cmd_gap = {
	.name = "gap",
	.summary = "gap assessments: checklist, readiness score, remediation roadmap",
	.help = "isms [--org SLUG] gap SUB-COMMAND [ARGS...]",
	.subs = gap_subs,
};
