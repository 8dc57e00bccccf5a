/*
 * cli.h - the command line's shared parts: the command table, option
 * parsing, and output.
 *
 * Each command group lives in one file (cmd-org.c, cmd-scope.c ...) and
 * exports one `struct cmd`; isms.c collects them in one table.  A command's
 * flags say what it needs before it runs (an open store, an organisation),
 * so the runner sets those up once, and each command only does its job.
 */
#ifndef ISMS_CLI_H
#define ISMS_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/org.h"
#include "store/store.h"

enum {
	CMD_STORE = 1 << 0,  /* open the store (it must exist) */
	CMD_CREATE = 1 << 1, /* open the store, creating it if missing */
	CMD_ORG = 1 << 2,    /* resolve the organisation (--org, ISMS_ORG) */
};

/*
 * The exit status of a check that ran and found problems (soa check, cert
 * readiness): documented, so that scripts can tell it from a failure.
 */
#define EXIT_PROBLEMS 3

struct cli {
	const char *db;       /* --db, ISMS_DB, or ./isms.db */
	const char *org_slug; /* --org or ISMS_ORG, may be NULL */
	bool json;            /* --json anywhere on the line */
	struct store *st;
	struct org org;   /* with CMD_ORG */
	const char *path; /* "isms org add", for messages */
	/* Exit status of a command that succeeded but reports a finding. */
	int exit_status;
};

struct cmd {
	const char *name;
	const char *summary;
	/* Usage lines and option descriptions, printed by --help. */
	const char *help;
	int (*run)(struct cli *cli, int argc, char **argv);
	unsigned flags;
	const struct cmd *subs; /* sub-commands, ended by a { NULL } entry */
};

extern const struct cmd cmd_init, cmd_org, cmd_scope, cmd_catalog, cmd_overview, cmd_db,
        cmd_gap, cmd_evidence, cmd_demo, cmd_asset, cmd_flow, cmd_risk, cmd_soa,
        cmd_person, cmd_audit, cmd_capa, cmd_review, cmd_cert, cmd_calendar, cmd_serve,
        cmd_user, cmd_token;

/* The change log (cmd-log.c) and its check (cmd-verify.c). */
extern const struct cmd cmd_log, cmd_verify;

/* isms gap report (cmd-gap-report.c), a sub-command of cmd_gap. */
int gap_run_report(struct cli *cli, int argc, char **argv);

/*
 * Resolve the organisation into cli->org: --org, else ISMS_ORG, else the
 * only one in the store.  Commands flagged CMD_ORG get this before they
 * run; others call it when they need it.
 */
int cli_org(struct cli *cli);

/* --assessment ID parsed: 0 when id is NULL (the newest); E_USAGE otherwise. */
int cli_assessment_id(struct cli *cli, const char *id, int64_t *out);
/* The organisation's assessment by --assessment ID, else its newest. */
int cli_assessment(struct cli *cli, const char *id, struct assessment *out);

/* ---- options ---- */

enum opt_type { OPT_STRING, OPT_FLAG };

struct opt {
	const char *name; /* long name without "--" */
	enum opt_type type;
	void *value; /* const char ** or bool * */
};

/*
 * Parse argv[1..] (argv[0] is the command's name) into the options and the
 * positional arguments; `--name VALUE`, `--name=VALUE`, `-o VALUE`
 * for an option whose name is one letter, and `--` are understood.  Exactly
 * `min`..`max` positionals are accepted.  Errors are E_USAGE with a message naming the
 * command.
 */
int cli_parse(struct cli *cli, int argc, char **argv, const struct opt *opts, char **pos,
              int min, int max, int *npos);

/* Report a usage error for the current command. */
int cli_usage(struct cli *cli, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* ---- output ---- */

/* Print one JSON document on stdout and drop the reference. */
int cli_json(json_t *doc);

/*
 * Print text for a terminal: control characters other than newline and
 * tab are shown as '?', so stored text cannot drive the terminal.
 */
void cli_put(FILE *f, const char *s);
void cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Write all of buf to fd; -1 with errno set when that fails. */
int cli_write_all(int fd, const void *buf, size_t len);
/* A content sink (store_blob_read) writing to the int fd at ctx. */
int cli_fd_sink(void *ctx, const void *data, size_t len);
/* A content sink appending to the struct strbuf at ctx. */
int cli_strbuf_sink(void *ctx, const void *data, size_t len);

struct strbuf;
/*
 * Write a document to standard output (path NULL or "-") or into a file,
 * through a temporary file renamed into place only when complete, so a
 * failure never leaves half a document behind.
 */
int cli_write_doc(const char *path, const struct strbuf *doc);
/* The temporary name beside path that cli_write_doc uses. */
int cli_tmp_path(const char *path, struct strbuf *tmp);

/* An import of the app layer (app_asset_import, app_risk_import). */
typedef int (*cli_import_fn)(struct store *st, const struct org *org, const char *name,
                             const char *buf, size_t len, size_t *count);
/* `isms X import FILE|-`: read the file, import it whole, say how many. */
int cli_import(struct cli *cli, int argc, char **argv, cli_import_fn import,
               const char *noun);

/* Read a whole file (or "-" for standard input) of at most max bytes. */
int cli_read_file(const char *path, size_t max, char **buf, size_t *len);

#endif
