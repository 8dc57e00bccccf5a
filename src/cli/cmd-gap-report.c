/*
 * cmd-gap-report.c - isms gap report: the assessment as a document to hand
 * over (Markdown, HTML, CSV or JSON), on standard output or into a file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "view/report.h"

int gap_run_report(struct cli *cli, int argc, char **argv)
{
	const char *format = NULL, *out = NULL, *id = NULL;
	const struct opt opts[] = { { "format", OPT_STRING, &format },
		                    { "o", OPT_STRING, &out },
		                    { "output", OPT_STRING, &out },
		                    { "assessment", OPT_STRING, &id },
		                    { 0 } };
	struct gap_report_data d;
	struct gap_report view;
	struct strbuf doc = STRBUF_INIT;
	enum report_format f = REPORT_JSON;
	int64_t aid;
	char *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 0, 0, &npos);
	if (rc)
		return rc;
	/* --json alone asks for the JSON report. */
	if (!format && !cli->json)
		return cli_usage(cli, "choose the report's format with --format "
		                      "md|html|csv|json");
	if (format && report_format_parse(format, &f))
		return cli_usage(cli,
		                 "unknown format '%s' (expected md, html, csv or json)",
		                 format);
	if (out && !*out)
		return cli_usage(cli, "-o needs a file name ('-' for standard output)");
	rc = cli_assessment_id(cli, id, &aid);
	if (rc)
		return rc;
	rc = app_gap_report_load(cli->st, &cli->org, aid, &d);
	if (!rc) {
		view = (struct gap_report){ .org = &cli->org,
			                    .a = &d.assessment,
			                    .fw = d.framework,
			                    .scope = &d.scope,
			                    .rows = &d.rows,
			                    .score = &d.score,
			                    .roadmap = &d.roadmap,
			                    .evidence = &d.evidence,
			                    .today = d.today };
		rc = report_render(&view, f, &doc);
	}
	if (!rc)
		rc = cli_write_doc(out, &doc);
	if (!rc && out && strcmp(out, "-")) {
		if (cli->json) {
			rc = cli_json(json_pack("{s:s, s:s, s:I, s:I}", "file", out,
			                        "format", report_format_name(f), "bytes",
			                        (json_int_t)doc.len, "assessment",
			                        (json_int_t)d.assessment.id));
		} else {
			fputs("Wrote ", stderr);
			cli_put(stderr, out);
			fprintf(stderr, " (%zu bytes).\n", doc.len);
		}
	}
	strbuf_release(&doc);
	app_gap_report_release(&d);
	return rc;
}
