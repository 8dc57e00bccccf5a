/*
 * cmd-calendar.c - isms calendar: every dated activity of the ISMS in one
 * list (audits, reviews and their actions, corrective, remediation and
 * treatment actions, certification audits, expiries, periodic reviews),
 * and its export as an iCalendar file for any calendar program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "view/cert.h"

static void print_event(const struct cal_event *e, const char *today, bool mark)
{
	struct strbuf when = STRBUF_INIT, summary = STRBUF_INIT;

	strbuf_addstr(&when, e->date);
	if (*e->end)
		strbuf_addf(&when, "..%s", e->end);
	cal_summary(e, &summary);
	cli_printf("  %-22s  %s", when.buf, summary.buf);
	if (e->owner)
		cli_printf("  (%s)", e->owner);
	if (mark && cal_overdue(e, today))
		cli_printf("  OVERDUE");
	if (e->done)
		cli_printf("  [done]");
	cli_printf("\n");
	strbuf_release(&when);
	strbuf_release(&summary);
}

/* Overdue first, then the 30, 60 and 90-day windows ahead. */
static void print_windows(const struct cal_list *l, const char *today)
{
	static const struct {
		int window;
		const char *title;
	} groups[] = {
		{ -1, "Overdue" },        { 30, "Next 30 days" },
		{ 60, "31 to 60 days" },  { 90, "61 to 90 days" },
		{ 365, "After 90 days" }, { 0, "Done" },
	};
	bool first = true;

	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		bool heading = false;

		for (size_t i = 0; i < l->n; i++) {
			if (cal_window(&l->v[i], today) != groups[g].window)
				continue;
			if (!heading)
				cli_printf("%s%s:\n", first ? "" : "\n", groups[g].title);
			heading = true;
			first = false;
			print_event(&l->v[i], today, false);
		}
	}
}

static int run_export(struct cli *cli, int argc, char **argv)
{
	const char *out = NULL, *from = NULL, *to = NULL;
	const struct opt opts[] = { { "o", OPT_STRING, &out },
		                    { "output", OPT_STRING, &out },
		                    { "from", OPT_STRING, &from },
		                    { "to", OPT_STRING, &to },
		                    { 0 } };
	struct strbuf doc = STRBUF_INIT;
	struct cal_list l = { 0 };
	char today[11] = "", stamp[17];
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	if (out && !*out)
		return cli_usage(cli, "-o needs a file name");
	rc = app_calendar_export(cli->st, &cli->org, from, to, false, &l, today, stamp);
	if (!rc)
		rc = ical_calendar(&l, cli->org.slug, cli->org.name, ISMS_VERSION, today,
		                   stamp, &doc);
	if (!rc)
		rc = cli_write_doc(out, &doc);
	if (!rc && out && strcmp(out, "-")) {
		if (cli->json) {
			rc = cli_json(json_pack("{s:s, s:I, s:I}", "file", out, "events",
			                        (json_int_t)l.n, "bytes",
			                        (json_int_t)doc.len));
		} else {
			fprintf(stderr, "Wrote %zu event%s to ", l.n,
			        l.n == 1 ? "" : "s");
			cli_put(stderr, out);
			fputs(".\n", stderr);
		}
	}
	strbuf_release(&doc);
	cal_list_release(&l);
	return rc;
}

static int run_calendar(struct cli *cli, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *days_arg = NULL;
	const struct opt opts[] = { { "from", OPT_STRING, &from },
		                    { "to", OPT_STRING, &to },
		                    { "days", OPT_STRING, &days_arg },
		                    { 0 } };
	struct cal_list l = { 0 };
	char today[11] = "", until[11] = "";
	bool range;
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);
	if (rc)
		return rc;
	range = from || to;
	rc = app_calendar_window(cli->st, &cli->org, from, to, days_arg, false, &l, today,
	                         until);
	/* What --days may be is a matter of the command line's options. */
	if (rc == -E_USAGE)
		return cli_usage(cli, "%s", error_message());
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_calendar(&l, cli->org.slug, today, from,
		                            *until ? until : NULL));
	} else if (!l.n) {
		cli_printf("Nothing due.\n");
	} else if (!range) {
		print_windows(&l, today);
	} else {
		for (size_t i = 0; i < l.n; i++)
			print_event(&l.v[i], today, true);
	}
	cal_list_release(&l);
	return rc;
}

static const struct cmd subs[] = {
	{ "export", "the calendar as an iCalendar file with stable UIDs",
	  "isms calendar export [-o FILE.ics] [--from DATE] [--to DATE] [--json]\n"
	  "\n"
	  "Writes every event (or those touching the range) as one all-day\n"
	  "iCalendar event each, to standard output without -o or with -o -.\n"
	  "Each event keeps its UID from one export to the next, so importing a\n"
	  "newer file updates a calendar rather than filling it twice.  The file\n"
	  "is written whole or not at all.\n"
	  "\n"
	  "Examples:\n"
	  "  isms calendar export -o acme.ics\n"
	  "  isms calendar export --from 2027-01-01 --to 2027-12-31 -o 2027.ics\n",
	  run_export, CMD_STORE | CMD_ORG, NULL },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

const struct cmd cmd_calendar = {
	"calendar",
	"the compliance calendar: every dated activity; export to iCalendar",
	"isms calendar [--days N] [--json]\n"
	"       isms calendar --from DATE [--to DATE] [--json]\n"
	"       isms calendar export [-o FILE.ics] [--from DATE] [--to DATE]\n"
	"\n"
	"Lists internal audits and the next one due, management reviews and\n"
	"their actions, certification audits and the certificate's expiry,\n"
	"three months of operation, corrective, remediation and risk treatment\n"
	"actions, expiring evidence and competence records, risk reviews and\n"
	"the yearly SoA review.\n"
	"\n"
	"Without --from/--to: what is overdue, then the next --days days (default\n"
	"90) grouped by 30, 60 and 90 days.  With --from or --to (YYYY-MM-DD; a\n"
	"missing end is open): every event touching the range, overdue and done\n"
	"ones marked.\n"
	"\n"
	"Examples:\n"
	"  isms calendar --days 30\n"
	"  isms calendar --from 2026-01-01 --to 2026-12-31 --json\n"
	"  isms calendar export -o acme.ics\n",
	run_calendar,
	CMD_STORE | CMD_ORG,
	subs,
};
