/*
 * cmd-review.c - isms review: the management review (clause 9.3), its
 * inputs prepared from the data, decisions and actions, and the minutes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "view/audit.h"

/* The options of review new and review set. */
#define REVIEW_OPTS(u)                                                             \
	{ "title", OPT_STRING, &(u).title }, { "date", OPT_STRING, &(u).held_on }, \
	        { "chair", OPT_STRING, &(u).chair },                               \
	        { "attendees", OPT_STRING, &(u).attendees },                       \
	        { "notes", OPT_STRING, &(u).notes },                               \
	        { "changes", OPT_STRING, &(u).changes },                           \
	        { "monitoring", OPT_STRING, &(u).monitoring },                     \
	        { "objectives", OPT_STRING, &(u).objectives },                     \
	{                                                                          \
		"feedback", OPT_STRING, &(u).feedback                              \
	}

static json_int_t int_of(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *str_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void print_text(const char *label, const char *s)
{
	cli_printf("  %-22s%s\n", label, s ? s : "-");
}

/* A summary of each 9.3.2 input, in the order of the clause. */
static void print_inputs(const char *inputs)
{
	json_t *in = inputs ? json_loads(inputs, 0, NULL) : NULL;
	json_t *prev, *ch, *nc, *au, *ri, *lv, *imp;
	size_t i, open = 0;
	json_t *v;

	if (!json_is_object(in)) {
		cli_printf("\nInputs: none recorded.\n");
		json_decref(in);
		return;
	}
	prev = json_object_get(in, "previous_actions");
	ch = json_object_get(in, "changes");
	nc = json_object_get(in, "nonconformities");
	au = json_object_get(in, "audits");
	ri = json_object_get(in, "risks");
	lv = json_object_get(ri, "by_level");
	imp = json_object_get(in, "improvements");

	cli_printf("\nInputs (prepared on %s):\n",
	           str_of(in, "prepared_on") ? str_of(in, "prepared_on") : "-");
	json_array_foreach(prev, i, v)
	{
		const char *status = str_of(v, "status");

		open += !status || strcmp(status, "done");
	}
	cli_printf("  %-22s%zu from earlier reviews, %zu open\n", "previous actions",
	           json_array_size(prev), open);
	print_text("scope statement", str_of(ch, "scope_statement") ? "recorded" : NULL);
	cli_printf("  %-22s%zu\n", "interested parties",
	           json_array_size(json_object_get(ch, "interested_parties")));
	print_text("changes", str_of(ch, "note"));
	cli_printf("  %-22s%lld, %lld open, %lld overdue\n", "nonconformities",
	           (long long)int_of(nc, "total"), (long long)int_of(nc, "open"),
	           (long long)int_of(nc, "overdue"));
	print_text("monitoring", str_of(in, "monitoring"));
	cli_printf("  %-22s%zu completed since the last review\n", "audits",
	           json_array_size(au));
	json_array_foreach(au, i, v)
	{
		cli_printf("  %-22sA%lld %s: %s, %lld major, %lld minor, %s, %s\n", "",
		           (long long)int_of(v, "id"),
		           str_of(v, "title") ? str_of(v, "title") : "",
		           str_of(v, "status") ? str_of(v, "status") : "",
		           (long long)int_of(v, "major"), (long long)int_of(v, "minor"),
		           json_is_true(json_object_get(v, "conforms"))
		                   ? "conforms"
		                   : "does not conform",
		           json_is_true(json_object_get(v, "effective"))
		                   ? "effective"
		                   : "effectiveness not shown");
	}
	print_text("objectives", str_of(in, "objectives"));
	print_text("feedback", str_of(in, "feedback"));
	cli_printf("  %-22s%lld (low %lld, medium %lld, high %lld, critical %lld), "
	           "%lld above the criterion and not accepted\n",
	           "risks", (long long)int_of(ri, "total"), (long long)int_of(lv, "low"),
	           (long long)int_of(lv, "medium"), (long long)int_of(lv, "high"),
	           (long long)int_of(lv, "critical"),
	           (long long)int_of(ri, "unaccepted"));
	cli_printf("  %-22s%s%s; actions %lld open, %lld overdue\n", "treatment plan",
	           json_is_true(json_object_get(ri, "plan_approved")) ? "approved"
	                                                              : "not approved",
	           json_is_true(json_object_get(ri, "plan_changed")) ? ", changed since"
	                                                             : "",
	           (long long)int_of(ri, "actions_open"),
	           (long long)int_of(ri, "actions_overdue"));
	cli_printf("  %-22s%zu\n", "improvements", json_array_size(imp));
	json_decref(in);
}

static void print_output(const struct review_output *o)
{
	cli_printf("  %-4lld %s", (long long)o->id, o->text);
	if (o->action)
		cli_printf(" (owner %s%s%s) [%s]", o->owner ? o->owner : "-",
		           o->due_on ? ", due " : "", o->due_on ? o->due_on : "",
		           o->done ? "done" : "open");
	cli_printf("\n");
}

static void print_review(const struct review *r)
{
	size_t decisions = 0, actions = 0;

	cli_printf("MR%lld  %s [%s]\n", (long long)r->id, r->title,
	           r->final ? "final" : "draft");
	print_text("held on", r->held_on);
	print_text("chair", r->chair);
	print_text("attendees", r->attendees);
	if (r->notes)
		print_text("notes", r->notes);
	print_inputs(r->inputs);
	for (size_t i = 0; i < r->noutputs; i++) {
		decisions += !r->outputs[i].action;
		actions += r->outputs[i].action;
	}
	cli_printf("\nDecisions:%s\n", decisions ? "" : " none");
	for (size_t i = 0; i < r->noutputs; i++)
		if (!r->outputs[i].action)
			print_output(&r->outputs[i]);
	cli_printf("\nActions:%s\n", actions ? "" : " none");
	for (size_t i = 0; i < r->noutputs; i++)
		if (r->outputs[i].action)
			print_output(&r->outputs[i]);
}

static int print_one(struct cli *cli, const struct review *r, const char *done)
{
	if (cli->json)
		return cli_json(json_review(r));
	cli_printf("Management review %lld %s.\n", (long long)r->id, done);
	return 0;
}

static int run_new(struct cli *cli, int argc, char **argv)
{
	struct review_update u = { 0 };
	const struct opt opts[] = { REVIEW_OPTS(u), { 0 } };
	struct review r;
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (!rc)
		rc = app_review_new(cli->st, &cli->org, &u, &r);
	if (rc)
		return rc;
	rc = print_one(cli, &r, "prepared");
	review_release(&r);
	return rc;
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	struct review_update u = { 0 };
	const struct opt opts[] = { REVIEW_OPTS(u), { 0 } };
	struct review r;
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (!rc)
		rc = app_review_id_parse(pos[0], &id);
	if (!rc)
		rc = app_review_set(cli->st, &cli->org, id, &u, &r);
	if (rc)
		return rc;
	rc = print_one(cli, &r, "updated; its inputs were prepared again");
	review_release(&r);
	return rc;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	struct review_list l;
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (!rc)
		rc = store_review_list(cli->st, cli->org.id, &l);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_review_list(&l));
	} else if (!l.n) {
		cli_printf("No management review yet; prepare one with 'isms review new "
		           "--chair NAME --attendees \"NAME, NAME\"'.\n");
	} else {
		cli_printf("%-6s %-10s %-6s %-9s %-7s %s\n", "ID", "HELD ON", "STATUS",
		           "DECISIONS", "ACTIONS", "TITLE");
		for (size_t i = 0; i < l.n; i++) {
			const struct review *r = &l.v[i];
			size_t decisions = 0, actions = 0;
			char id[24];

			for (size_t k = 0; k < r->noutputs; k++) {
				decisions += !r->outputs[k].action;
				actions += r->outputs[k].action;
			}
			snprintf(id, sizeof(id), "MR%lld", (long long)r->id);
			cli_printf("%-6s %-10s %-6s %-9zu %-7zu %s\n", id, r->held_on,
			           r->final ? "final" : "draft", decisions, actions,
			           r->title);
		}
	}
	review_list_release(&l);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct review r;
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = app_review_id_parse(pos[0], &id);
	if (!rc)
		rc = store_review_get(cli->st, cli->org.id, id, &r);
	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_review(&r));
	else
		print_review(&r);
	review_release(&r);
	return rc;
}

static int record_output(struct cli *cli, const char *rid, const char *text,
                         const char *owner, const char *due)
{
	struct review_output o;
	int64_t id;
	int rc = app_review_id_parse(rid, &id);

	if (!rc)
		rc = app_review_output(cli->st, &cli->org, id, text, owner, due, &o);
	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_review_output(id, &o));
	else
		cli_printf("Recorded %s %lld of management review %lld.\n",
		           o.action ? "action" : "decision", (long long)o.id,
		           (long long)id);
	free(o.text);
	free(o.owner);
	free(o.due_on);
	return rc;
}

static int run_decide(struct cli *cli, int argc, char **argv)
{
	char *pos[2];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 2, 2, &npos);

	return rc ? rc : record_output(cli, pos[0], pos[1], NULL, NULL);
}

static int run_action(struct cli *cli, int argc, char **argv)
{
	const char *owner = NULL, *due = NULL;
	const struct opt opts[] = { { "owner", OPT_STRING, &owner },
		                    { "due", OPT_STRING, &due },
		                    { 0 } };
	char *pos[2];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 2, 2, &npos);

	if (rc)
		return rc;
	if (!owner)
		return cli_usage(cli, "an action needs its owner (--owner NAME); a "
		                      "decision is recorded with 'isms review decide'");
	return record_output(cli, pos[0], pos[1], owner, due);
}

static int run_done(struct cli *cli, int argc, char **argv)
{
	int64_t id = 0, out = 0;
	char *pos[2];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 2, 2, &npos);

	if (!rc)
		rc = app_review_id_parse(pos[0], &id);
	if (!rc)
		rc = app_review_output_id_parse(pos[1], &out);
	if (!rc)
		rc = app_review_action_done(cli->st, &cli->org, id, out);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_pack("{s:I, s:I, s:s}", "review", (json_int_t)id,
		                          "id", (json_int_t)out, "status", "done"));
	cli_printf("Action %lld of management review %lld is done.\n", (long long)out,
	           (long long)id);
	return 0;
}

static int run_final(struct cli *cli, int argc, char **argv)
{
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = app_review_id_parse(pos[0], &id);
	if (!rc)
		rc = app_review_finalise(cli->st, &cli->org, id);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(
		        json_pack("{s:I, s:s}", "id", (json_int_t)id, "status", "final"));
	cli_printf("Management review %lld is final; its minutes no longer change.\n",
	           (long long)id);
	return 0;
}

static int run_minutes(struct cli *cli, int argc, char **argv)
{
	const char *format = NULL, *out = NULL;
	const struct opt opts[] = { { "format", OPT_STRING, &format },
		                    { "o", OPT_STRING, &out },
		                    { "output", OPT_STRING, &out },
		                    { 0 } };
	struct strbuf doc = STRBUF_INIT;
	enum audit_format f;
	struct review_doc view;
	struct review r;
	char today[11];
	int64_t id;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (rc)
		return rc;
	if (!format)
		return cli_usage(cli, "choose the format with --format md|html|json");
	if (audit_format_parse(format, &f))
		return cli_usage(cli, "unknown format '%s' (expected md, html or json)",
		                 format);
	if (out && !*out)
		return cli_usage(cli, "-o needs a file name");
	rc = app_review_id_parse(pos[0], &id);
	if (!rc)
		rc = store_review_get(cli->st, cli->org.id, id, &r);
	if (rc)
		return rc;
	store_today(today);
	view = (struct review_doc){ .org = &cli->org, .review = &r, .today = today };
	rc = review_minutes_render(&view, f, &doc);
	if (!rc)
		rc = cli_write_doc(out, &doc);
	if (!rc && out && strcmp(out, "-")) {
		if (cli->json) {
			rc = cli_json(json_pack("{s:s, s:s, s:I}", "file", out, "format",
			                        audit_format_name(f), "bytes",
			                        (json_int_t)doc.len));
		} else {
			fputs("Wrote ", stderr);
			cli_put(stderr, out);
			fprintf(stderr, " (%zu bytes).\n", doc.len);
		}
	}
	strbuf_release(&doc);
	review_release(&r);
	return rc;
}

#define REVIEW_OPTS_HELP                                                                \
	"[--notes TEXT] [--changes TEXT]\n"                                             \
	"         [--monitoring TEXT] [--objectives TEXT] [--feedback TEXT] [--json]\n" \
	"\n"                                                                            \
	"The 9.3.2 inputs are prepared from the data when the review is\n"              \
	"prepared or changed: the status of actions from earlier reviews, the\n"        \
	"scope statement and interested parties, nonconformities and\n"                 \
	"corrective actions, audits completed since the last review, risks\n"           \
	"and the treatment plan, and opportunities for improvement.  What the\n"        \
	"data cannot give is typed: --changes (external and internal issues),\n"        \
	"--monitoring (measurement results), --objectives (their fulfilment)\n"         \
	"and --feedback (from interested parties).  --date is the day the\n"            \
	"review is held (YYYY-MM-DD, default today); the title defaults to\n"           \
	"\"Management review DATE\".\n"

static const struct cmd review_subs[] = {
	{ "new", "prepare a management review with its inputs",
	  "isms review new --chair NAME --attendees \"NAME, NAME\" [--title TEXT]\n"
	  "         [--date DATE] " REVIEW_OPTS_HELP,
	  run_new, CMD_STORE | CMD_ORG, NULL },
	{ "set", "change a draft review; its inputs are prepared again",
	  "isms review set ID [--title TEXT] [--date DATE] [--chair NAME]\n"
	  "         [--attendees \"NAME, NAME\"] " REVIEW_OPTS_HELP
	  "\nAn empty text clears it; a final review no longer changes.\n",
	  run_set, CMD_STORE | CMD_ORG, NULL },
	{ "list", "every management review", "isms review list [--json]\n", run_list,
	  CMD_STORE | CMD_ORG, NULL },
	{ "show", "one review: its inputs, decisions and actions",
	  "isms review show ID [--json]\n"
	  "\n"
	  "ID is the review's number, as MR3 or 3.\n",
	  run_show, CMD_STORE | CMD_ORG, NULL },
	{ "decide", "record a decision of a review",
	  "isms review decide ID TEXT [--json]\n", run_decide, CMD_STORE | CMD_ORG,
	  NULL },
	{ "action", "record an action, with its owner",
	  "isms review action ID TEXT --owner NAME [--due DATE] [--json]\n"
	  "\n"
	  "Prints the action's number, which 'isms review done' takes.\n",
	  run_action, CMD_STORE | CMD_ORG, NULL },
	{ "done", "mark an action done",
	  "isms review done ID ACTION [--json]\n"
	  "\n"
	  "Also for the actions of a final review: the next review reports\n"
	  "their status.\n",
	  run_done, CMD_STORE | CMD_ORG, NULL },
	{ "final", "agree the minutes: the review no longer changes",
	  "isms review final ID [--json]\n", run_final, CMD_STORE | CMD_ORG, NULL },
	{ "minutes", "the minutes as Markdown, HTML or JSON",
	  "isms review minutes ID --format md|html|json [-o FILE] [--json]\n"
	  "\n"
	  "The minutes go to standard output without -o.\n",
	  run_minutes, CMD_STORE | CMD_ORG, NULL },
	{ 0 },
};

const struct cmd cmd_review = {
	"review",
	"management reviews (9.3): inputs, decisions, actions, minutes",
	"isms review SUB-COMMAND ...\n",
	NULL,
	0,
	review_subs,
};
