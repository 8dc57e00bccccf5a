/*
 * cmd-demo.c - isms demo: fill the store with a sample portfolio of
 * organisations, for trying the program out and for measuring it.
 */
#include <stdlib.h>
#include <time.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"

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

static int run_demo(struct cli *cli, int argc, char **argv)
{
	const char *orgs = NULL, *seed = NULL;
	const struct opt opts[] = { { "orgs", OPT_STRING, &orgs },
		                    { "seed", OPT_STRING, &seed },
		                    { 0 } };
	unsigned long long n = 3, s = 1;
	struct demo_options o = { 0 };
	struct demo_report r;
	struct clock c;
	char *pos[1];
	double secs;
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 0, 0, &npos);
	if (!rc)
		rc = parse_number(cli, "--orgs", orgs, DEMO_ORGS_MAX, &n);
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

const struct cmd cmd_demo = {
	.name = "demo",
	.summary = "fill the store with a sample portfolio of organisations",
	.help = "isms [--db STORE] demo [--orgs N] [--seed S] [--json]\n"
	        "\n"
	        "Adds N organisations (default 3) named demo-0001 ..., each with a\n"
	        "scope, a dozen evidence documents and one complete gap assessment of\n"
	        "every requirement and control.  The same seed (default 1) gives the\n"
	        "same portfolio.  Refused when the store already holds demo\n"
	        "organisations.",
	.run = run_demo,
	.flags = CMD_STORE,
};
