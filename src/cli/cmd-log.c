/*
 * cmd-log.c - isms log: the change log, newest first.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "view/log.h"

/* Entries shown of each block unless --entries says otherwise. */
#define LOG_ENTRIES_DEFAULT 20
#define LOG_LIMIT_DEFAULT 20

struct log_out {
	struct cli *cli;
	json_t *blocks;   /* --json: the document's array */
	json_t *entries;  /* --json: the current block's entries (borrowed) */
	int64_t expected; /* the current block's entries (of the filter) */
	int64_t shown;
	bool filtered;
};

static void block_end(struct log_out *o)
{
	if (!o->cli->json && o->shown < o->expected && !o->filtered)
		cli_printf("  ... and %" PRId64 " more (see --entries)\n",
		           o->expected - o->shown);
}

static int on_block(void *ctx, const struct store_log_block *b)
{
	struct log_out *o = ctx;

	block_end(o);
	o->expected = b->entries;
	o->shown = 0;
	if (o->cli->json) {
		json_t *block = json_log_block(b);

		o->entries = json_object_get(block, "changes");
		json_array_append_new(o->blocks, block);
		return 0;
	}
	cli_printf("block %" PRId64 "  %s  ", b->seq, b->at ? b->at : "");
	cli_put(stdout, b->actor ? b->actor : "");
	if (b->org) {
		cli_printf("  in ");
		cli_put(stdout, b->org);
	}
	cli_printf("  (%" PRId64 " change%s)\n", b->entries, b->entries == 1 ? "" : "s");
	return 0;
}

static json_t *image(const char *text)
{
	json_t *j = text ? json_loads(text, 0, NULL) : NULL;

	return j ? j : json_null();
}

/* A value for one line of text: strings quoted, others as JSON. */
static void put_value(json_t *v)
{
	char *s;

	if (!v) {
		cli_printf("(none)");
		return;
	}
	s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	cli_put(stdout, s ? s : "?");
	free(s);
}

/* An update: the columns whose values differ, before -> after. */
static void put_changes(const char *before, const char *after)
{
	json_t *b = image(before), *a = image(after), *v;
	const char *k;
	int n = 0;

	json_object_foreach(a, k, v)
	{
		json_t *old = json_object_get(b, k);

		if (old && json_equal(old, v))
			continue;
		cli_printf("%s%s: ", n++ ? "; " : ": ", k);
		put_value(old);
		cli_printf(" -> ");
		put_value(v);
	}
	json_decref(a);
	json_decref(b);
}

static int on_entry(void *ctx, const struct store_log_entry *e)
{
	struct log_out *o = ctx;

	o->shown++;
	if (o->cli->json) {
		json_array_append_new(o->entries, json_log_entry(e));
		return 0;
	}
	cli_printf("  %-6s ", e->op ? e->op : "");
	cli_put(stdout, e->table ? e->table : "");
	cli_printf(" ");
	cli_put(stdout, e->key ? e->key : "");
	if (e->op && !strcmp(e->op, "update"))
		put_changes(e->before, e->after);
	cli_printf("\n");
	return 0;
}

static int parse_count(struct cli *cli, const char *opt, const char *s, int64_t def,
                       int64_t *out)
{
	char *end;
	long long v;

	if (!s) {
		*out = def;
		return 0;
	}
	v = strtoll(s, &end, 10);
	if (!*s || *end || v < 0 || v > 1000000000)
		return cli_usage(cli, "%s takes a number (0 for all)", opt);
	*out = v;
	return 0;
}

static int run_log(struct cli *cli, int argc, char **argv)
{
	const char *since = NULL, *limit = NULL, *table = NULL, *entries = NULL,
	           *org = NULL;
	const struct opt opts[] = {
		{ "since", OPT_STRING, &since },     { "org", OPT_STRING, &org },
		{ "limit", OPT_STRING, &limit },     { "table", OPT_STRING, &table },
		{ "entries", OPT_STRING, &entries }, { 0 }
	};
	struct store_log_filter f = { 0 };
	struct log_out o = { 0 };
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (!rc)
		rc = parse_count(cli, "--limit", limit, LOG_LIMIT_DEFAULT, &f.limit);
	if (!rc)
		rc = parse_count(cli, "--entries", entries,
		                 cli->json ? 0 : LOG_ENTRIES_DEFAULT, &f.entries);
	if (!rc && org) {
		struct org one = { 0 };

		rc = app_org_get(cli->st, org, &one);
		f.org_id = one.id;
		if (!rc)
			org_release(&one);
	}
	if (rc)
		return rc;
	f.since = since;
	f.table = table;
	o.cli = cli;
	o.filtered = table != NULL;
	if (cli->json)
		o.blocks = json_array();
	rc = app_log(cli->st, &f, on_block, on_entry, &o);
	if (rc) {
		json_decref(o.blocks);
		return rc;
	}
	if (cli->json)
		return cli_json(json_pack("{s:o}", "blocks", o.blocks));
	block_end(&o);
	if (!o.expected && !o.shown)
		cli_printf("No changes logged%s.\n",
		           since || table || org ? " that match" : "");
	return 0;
}

const struct cmd cmd_log = {
	"log",
	"the change log: who changed what, when, newest first",
	"isms log [--since DATE] [--limit N] [--table T] [--org SLUG] [--entries N]\n"
	"         [--json]\n"
	"\n"
	"Every committed write is one block: when, by whom (the actor: the\n"
	"login name, $ISMS_ACTOR, or the signed-in user of the web server),\n"
	"and each record inserted, updated or deleted with its key; an update\n"
	"shows the columns it changed, before -> after.  --json gives the whole\n"
	"images before and after.\n"
	"\n"
	"  --since DATE   blocks from that day (YYYY-MM-DD) on\n"
	"  --limit N      the newest N blocks (default 20; 0 for all)\n"
	"  --table T      only blocks and changes touching table T\n"
	"  --org SLUG     only the blocks of that organisation (blocks of none,\n"
	"                 such as users and the catalogue, are left out)\n"
	"  --entries N    changes shown per block (default 20, --json all; 0 for all)\n"
	"\n"
	"Check the log with 'isms verify'.\n",
	run_log,
	CMD_STORE,
	NULL,
};
