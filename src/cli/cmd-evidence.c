/*
 * cmd-evidence.c - isms evidence: files that show a requirement or control
 * is in place, stored by SHA-256 and linked to assessment items.
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
#include "core/xalloc.h"
#include "view/json.h"

static void print_evidence(const struct evidence *e, const char *today)
{
	cli_printf("%s\n", e->sha256);
	cli_printf("  title         %s\n", e->title);
	cli_printf("  kind          %s%s\n", evidence_kind_name(e->kind),
	           evidence_kind_is_paper(e->kind) ? " (shows intent on paper only)"
	                                           : "");
	cli_printf("  origin        %s\n", evidence_origin_name(e->origin));
	cli_printf("  file          %s, %lld bytes\n", e->filename, (long long)e->size);
	cli_printf("  collected     %s\n", e->collected_on);
	cli_printf("  valid until   %s%s\n",
	           e->valid_until ? e->valid_until : "no expiry",
	           evidence_expired(e, today) ? " (expired)" : "");
	cli_printf("  added         %s\n", e->added_at);
	if (e->nrefs) {
		cli_printf("  linked to    ");
		for (size_t i = 0; i < e->nrefs; i++)
			cli_printf(" %s", e->refs[i]);
		cli_printf("\n");
	}
}

static int run_add(struct cli *cli, int argc, char **argv)
{
	struct evidence_meta m = { 0 };
	const struct opt opts[] = { { "title", OPT_STRING, &m.title },
		                    { "kind", OPT_STRING, &m.kind },
		                    { "collected", OPT_STRING, &m.collected_on },
		                    { "valid-until", OPT_STRING, &m.valid_until },
		                    { "origin", OPT_STRING, &m.origin },
		                    { 0 } };
	struct evidence e;
	bool existed;
	char today[11], *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (rc)
		return rc;
	if (!m.kind)
		return cli_usage(cli, "say what the file is with --kind KIND");
	rc = app_evidence_add(cli->st, &cli->org, pos[0], &m, &e, &existed);
	if (rc)
		return rc;
	store_today(today);
	if (cli->json) {
		rc = cli_json(json_evidence_added(&e, today, existed));
	} else if (existed) {
		cli_printf("Already held as %s ('%s'): nothing added.\n", e.sha256,
		           e.title);
	} else {
		cli_printf("Added %s ('%s', %s, %lld bytes).\n", e.sha256, e.title,
		           evidence_kind_name(e.kind), (long long)e.size);
		cli_printf("Link it to an item: 'isms evidence link %.12s REF'.\n",
		           e.sha256);
	}
	evidence_release(&e);
	return rc;
}

/* The assessment whose links to show: --assessment ID, else the newest. */
static int links_of(struct cli *cli, const char *id, struct assessment *a, bool *have)
{
	int64_t n;
	int rc = cli_assessment_id(cli, id, &n);

	memset(a, 0, sizeof(*a));
	*have = false;
	return rc ? rc : app_evidence_links_of(cli->st, &cli->org, n, a, have);
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	const char *id = NULL;
	const struct opt opts[] = { { "assessment", OPT_STRING, &id }, { 0 } };
	struct assessment a = { 0 };
	struct evidence_list list;
	char today[11], *pos[1];
	bool have;
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 0, 0, &npos);
	if (!rc)
		rc = links_of(cli, id, &a, &have);
	if (!rc)
		rc = app_evidence_list(cli->st, &cli->org, have ? &a : NULL, false,
		                       &list);
	if (rc) {
		assessment_release(&a);
		return rc;
	}
	store_today(today);
	if (cli->json) {
		rc = cli_json(json_evidence_list(&list, today));
	} else if (!list.n) {
		cli_printf("No evidence held for %s yet: 'isms evidence add FILE --kind "
		           "KIND'.\n",
		           cli->org.slug);
	} else {
		cli_printf("%-12s  %-10s  %-10s  %-10s  %-5s  %s\n", "SHA256", "KIND",
		           "COLLECTED", "VALID", "LINKS", "TITLE");
		for (size_t i = 0; i < list.n; i++) {
			const struct evidence *e = &list.v[i];

			cli_printf("%.12s  %-10s  %-10s  %-10s  %5zu  %s%s\n", e->sha256,
			           evidence_kind_name(e->kind), e->collected_on,
			           e->valid_until ? e->valid_until : "-", e->nrefs,
			           e->title,
			           evidence_expired(e, today) ? "  (expired)" : "");
		}
	}
	evidence_list_release(&list);
	assessment_release(&a);
	return rc;
}

/* One evidence item with its links in the shown assessment. */
static int get_one(struct cli *cli, const char *id, const char *sha, struct evidence *out)
{
	struct assessment a = { 0 };
	bool have;
	int rc = links_of(cli, id, &a, &have);

	memset(out, 0, sizeof(*out));
	if (!rc)
		rc = app_evidence_get(cli->st, &cli->org, sha, have ? &a : NULL, false,
		                      out);
	assessment_release(&a);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	const char *id = NULL;
	const struct opt opts[] = { { "assessment", OPT_STRING, &id }, { 0 } };
	struct evidence e;
	char today[11], *pos[1];
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (!rc)
		rc = get_one(cli, id, pos[0], &e);
	if (rc)
		return rc;
	store_today(today);
	if (cli->json)
		rc = cli_json(json_evidence(&e, today));
	else
		print_evidence(&e, today);
	evidence_release(&e);
	return rc;
}

static int link_common(struct cli *cli, int argc, char **argv, bool link)
{
	const char *id = NULL;
	const struct opt opts[] = { { "assessment", OPT_STRING, &id }, { 0 } };
	struct assessment a;
	struct evidence e;
	char today[11], *pos[2];
	bool have;
	int npos, rc;

	rc = cli_parse(cli, argc, argv, opts, pos, 2, 2, &npos);
	if (!rc)
		rc = links_of(cli, id, &a, &have);
	if (!rc && !have)
		rc = error_set(E_NOTFOUND,
		               "no gap assessment yet: start one with 'isms gap new "
		               "--name NAME'");
	if (rc)
		return rc;
	rc = app_evidence_link(cli->st, &cli->org, &a, pos[0], pos[1], link);
	if (!rc)
		rc = get_one(cli, id, pos[0], &e);
	if (!rc) {
		store_today(today);
		if (cli->json)
			rc = cli_json(json_evidence(&e, today));
		else
			cli_printf("%s %.12s ('%s') %s %s of assessment %lld.\n",
			           link ? "Linked" : "Unlinked", e.sha256, e.title,
			           link ? "to" : "from", pos[1], (long long)a.id);
		evidence_release(&e);
	}
	assessment_release(&a);
	return rc;
}

static int run_link(struct cli *cli, int argc, char **argv)
{
	return link_common(cli, argc, argv, true);
}

static int run_unlink(struct cli *cli, int argc, char **argv)
{
	return link_common(cli, argc, argv, false);
}

static int run_get(struct cli *cli, int argc, char **argv)
{
	const char *out = NULL;
	const struct opt opts[] = { { "o", OPT_STRING, &out },
		                    { "output", OPT_STRING, &out },
		                    { 0 } };
	struct evidence e;
	struct strbuf tmp = STRBUF_INIT;
	char *pos[1];
	int npos, rc, fd;

	rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);
	if (rc)
		return rc;
	if (!out)
		return cli_usage(cli,
		                 "say where to write it with -o FILE ('-' for standard "
		                 "output)");
	rc = store_evidence_get(cli->st, cli->org.id, pos[0], &e);
	if (rc)
		return rc;
	if (!strcmp(out, "-")) {
		fd = STDOUT_FILENO;
		fflush(stdout);
		rc = store_blob_read(cli->st, e.sha256, cli_fd_sink, &fd);
		if (rc == -E_IO ||
		    (rc && error_code() != E_SCHEMA && error_code() != E_NOTFOUND))
			rc = error_set(E_IO, "cannot write to standard output: %s",
			               strerror(errno));
		evidence_release(&e);
		return rc;
	}
	/* Verified in full before it takes the name: never a half file. */
	strbuf_addf(&tmp, "%s.isms-tmp-%ld", out, (long)getpid());
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc = error_set(E_IO, "cannot write '%s': %s", out, strerror(errno));
	} else {
		rc = store_blob_read(cli->st, e.sha256, cli_fd_sink, &fd);
		if (rc && error_code() != E_SCHEMA && error_code() != E_NOTFOUND)
			rc = error_set(E_IO, "cannot write '%s': %s", out,
			               strerror(errno));
		if (close(fd) && !rc)
			rc = error_set(E_IO, "cannot write '%s': %s", out,
			               strerror(errno));
		if (!rc && rename(tmp.buf, out))
			rc = error_set(E_IO, "cannot write '%s': %s", out,
			               strerror(errno));
		if (rc)
			unlink(tmp.buf);
	}
	if (!rc && !cli->json)
		fprintf(stderr, "Wrote %s (%lld bytes, SHA-256 verified).\n", out,
		        (long long)e.size);
	strbuf_release(&tmp);
	evidence_release(&e);
	return rc;
}

#define KINDS                                                                        \
	"KIND is policy, procedure, record, log, config, screenshot, interview or\n" \
	"other.  Evidence of policies and procedures alone shows intent on paper:\n" \
	"items backed only by those are flagged paper-only."

static const struct cmd evidence_subs[] = {
	{ .name = "add",
	  .summary = "store a file as evidence (by SHA-256; the same content once)",
	  .help = "isms [--org SLUG] evidence add FILE --kind KIND [--title TEXT]\n"
	          "        [--collected YYYY-MM-DD] [--valid-until YYYY-MM-DD]\n"
	          "        [--origin organisation|gap-assessment|internal-audit] "
	          "[--json]\n"
	          "\n" KINDS "\n"
	          "\n"
	          "The title defaults to the file name, the collection date to today;\n"
	          "without --valid-until the evidence does not expire.\n"
	          "\n"
	          "--origin says where the material came from: the organisation's own\n"
	          "records (the default), a gap assessment (the assessor's notes,\n"
	          "interview records and reports, which never count as internal-audit\n"
	          "evidence), or an internal audit.",
	  .run = run_add,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "list",
	  .summary = "list the evidence held, with its links in an assessment",
	  .help = "isms [--org SLUG] evidence list [--assessment ID] [--json]",
	  .run = run_list,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "show",
	  .summary = "one evidence item",
	  .help = "isms [--org SLUG] evidence show SHA256 [--assessment ID] [--json]\n"
	          "\n"
	          "SHA256 may be shortened to its first 8 or more digits.",
	  .run = run_show,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "link",
	  .summary = "link evidence to an item of an assessment",
	  .help = "isms [--org SLUG] evidence link SHA256 REF [--assessment ID] [--json]",
	  .run = run_link,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "unlink",
	  .summary = "remove a link (not the last valid evidence of a conforming item)",
	  .help = "isms [--org SLUG] evidence unlink SHA256 REF [--assessment ID] "
	          "[--json]",
	  .run = run_unlink,
	  .flags = CMD_STORE | CMD_ORG },
	{ .name = "get",
	  .summary = "write the stored file out, verifying its SHA-256",
	  .help = "isms [--org SLUG] evidence get SHA256 -o FILE\n"
	          "\n"
	          "The content is checked against its digest as it is read; damaged\n"
	          "content is refused and nothing is written.  FILE '-' is standard\n"
	          "output.",
	  .run = run_get,
	  .flags = CMD_STORE | CMD_ORG },
	{ 0 },
};

const struct cmd cmd_evidence = {
	.name = "evidence",
	.summary = "evidence files: stored by SHA-256, linked to assessment items",
	.help = "isms [--org SLUG] evidence SUB-COMMAND [ARGS...]",
	.subs = evidence_subs,
};
