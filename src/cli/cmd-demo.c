/*
 * cmd-demo.c - isms demo: load the worked example organisation for trying
 * the program out, or fill the store with a sample portfolio of
 * organisations for measuring it.
 */
#include <stdlib.h>
#include <time.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "view/audit.h"

/* Progress lines on stderr from this many organisations up. */
#define DEMO_PROGRESS_FROM 100

struct clock {
	struct timespec start;
};

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void print_progress(void *ctx, const char *phase, int64_t count)
{
	const struct clock *c = ctx;

	fprintf(stderr, "isms demo: %lld %s (%.1f s)\n", (long long)count, phase,
	        seconds_since(&c->start));
}

static int parse_number(struct cli *cli, const char *opt, const char *s,
                        unsigned long long max, unsigned long long *out)
{
	char *end;

	if (!s)
		return 0;
	*out = strtoull(s, &end, 10);
	if (!*s || *s == '-' || *end || *out > max)
		return error_set(E_USAGE,
		                 "%s: %s takes a whole number up to %llu, not '%s'",
		                 cli->path, opt, max, s);
	return 0;
}

/* The portfolio (--orgs N, --seed S): many organisations, for benchmarks. */
static int run_portfolio(struct cli *cli, const char *orgs, const char *seed)
{
	unsigned long long n = 3, s = 1;
	struct demo_options o = { 0 };
	struct demo_report r;
	struct clock c;
	double secs;
	int rc = parse_number(cli, "--orgs", orgs, DEMO_ORGS_MAX, &n);

	if (!rc)
		rc = parse_number(cli, "--seed", seed, UINT32_MAX, &s);
	if (rc)
		return rc;
	if (n < 1)
		return cli_usage(cli, "--orgs takes a number from 1 to %d",
		                 DEMO_ORGS_MAX);
	clock_gettime(CLOCK_MONOTONIC, &c.start);
	o.orgs = (int)n;
	o.seed = (uint32_t)s;
	if (n >= DEMO_PROGRESS_FROM) {
		o.progress = print_progress;
		o.ctx = &c;
	}
	rc = app_demo(cli->st, &o, &r);
	if (rc)
		return rc;
	secs = seconds_since(&c.start);
	if (cli->json)
		return cli_json(json_pack(
		        "{s:I, s:I, s:I, s:I, s:I, s:f}", "orgs", (json_int_t)r.orgs,
		        "evidence", (json_int_t)r.evidence, "items", (json_int_t)r.items,
		        "links", (json_int_t)r.links, "seed", (json_int_t)s, "seconds",
		        secs));
	cli_printf("Added %lld demo organisations (demo-0001 ...): %lld evidence items, "
	           "%lld assessed items, %lld evidence links in %.1f s.\n",
	           (long long)r.orgs, (long long)r.evidence, (long long)r.items,
	           (long long)r.links, secs);
	cli_printf("See them with 'isms overview' and 'isms gap score --all'.\n");
	return 0;
}

/* The report is rendered here, above the app layer, as 'audit issue' does. */
static int issue_report(struct store *st, const struct org *org, int64_t audit,
                        const char *by, const char *date)
{
	char issued_on[11];
	int version;

	return audit_report_issue(st, org, audit, by, date, NULL, &version, issued_on);
}

static json_t *json_demo_org(const struct demo_org_report *r)
{
	if (!r->loaded)
		return json_pack("{s:s, s:b}", "org", DEMO_ORG_SLUG, "loaded", 0);
	return json_pack(
	        "{s:s, s:s, s:b, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
	        "s:I, s:I, s:I, s:I}}",
	        "org", DEMO_ORG_SLUG, "name", r->name, "loaded", 1, "counts", "people",
	        (json_int_t)r->people, "evidence", (json_int_t)r->evidence, "items",
	        (json_int_t)r->items, "actions", (json_int_t)r->actions, "assets",
	        (json_int_t)r->assets, "flows", (json_int_t)r->flows, "risks",
	        (json_int_t)r->risks, "treatments", (json_int_t)r->treatments, "audits",
	        (json_int_t)r->audits, "results", (json_int_t)r->results, "capas",
	        (json_int_t)r->capas, "reviews", (json_int_t)r->reviews);
}

/* The worked example (no options): one organisation, loaded once. */
static int run_worked(struct cli *cli)
{
	const struct demo_org_options o = { .issue = issue_report };
	struct demo_org_report r;
	int rc = app_demo_org(cli->st, &o, &r);

	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_demo_org(&r));
	if (!r.loaded) {
		cli_printf("The demo organisation is already loaded.\n");
		return 0;
	}
	cli_printf("Loaded the demo organisation '%s' (%s): %lld people, %lld evidence "
	           "documents, a gap assessment of %lld items with %lld remediation "
	           "actions, %lld assets, %lld risks, an internal audit with its report "
	           "issued, %lld corrective actions, a management review and the "
	           "certification schedule.\n",
	           DEMO_ORG_SLUG, r.name, (long long)r.people, (long long)r.evidence,
	           (long long)r.items, (long long)r.actions, (long long)r.assets,
	           (long long)r.risks, (long long)r.capas);
	cli_printf("Try 'isms --org %s cert readiness --stage 1', 'isms --org %s "
	           "calendar' and 'isms --org %s gap score'.\n",
	           DEMO_ORG_SLUG, DEMO_ORG_SLUG, DEMO_ORG_SLUG);
	return 0;
}

static int run_demo(struct cli *cli, int argc, char **argv)
{
	const char *orgs = NULL, *seed = NULL;
	const struct opt opts[] = { { "orgs", OPT_STRING, &orgs },
		                    { "seed", OPT_STRING, &seed },
		                    { 0 } };
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 0, 0, &npos);

	if (rc)
		return rc;
	return orgs || seed ? run_portfolio(cli, orgs, seed) : run_worked(cli);
}

const struct cmd cmd_demo = {
	.name = "demo",
	.summary = "load a worked example organisation, or a sample portfolio",
	.help = "isms [--db STORE] demo [--json]\n"
	        "isms [--db STORE] demo --orgs N [--seed S] [--json]\n"
	        "\n"
	        "Without options, loads one fully worked example organisation, 'demo'\n"
	        "(Kittiwake Payments Ltd, a fictional payments company weeks before its\n"
	        "Stage 1 audit): scope, people and their competence, evidence, a\n"
	        "baseline gap assessment with its roadmap, assets and data flows,\n"
	        "risks and their treatment, an approved SoA, the audit programme with\n"
	        "a completed internal audit and its issued report, corrective actions,\n"
	        "a management review and the certification schedule, dated around\n"
	        "today.  Two Stage 1 readiness gates fail on purpose.  When 'demo'\n"
	        "exists already, nothing changes.\n"
	        "\n"
	        "With --orgs or --seed, adds N organisations (default 3) named\n"
	        "demo-0001 ..., each with a scope, a dozen evidence documents and one\n"
	        "complete gap assessment of every requirement and control, for\n"
	        "measuring.  The same seed (default 1) gives the same portfolio.\n"
	        "Refused when the store already holds such organisations.",
	.run = run_demo,
	.flags = CMD_STORE,
};
