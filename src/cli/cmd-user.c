/*
 * cmd-user.c - isms user: the users who may sign in, their roles and the
 * organisations granted to them.
 *
 * Users are global, not per organisation, so these commands open the
 * store but resolve no organisation.  Passwords never appear on the
 * command line, where other users of the machine could read them: they
 * come from standard input.
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "view/user.h"

/* A password, its line end and the NUL. */
#define PASSWORD_BUF (PASSWORD_MAX + 3)

/*
 * One line from fd into buf, without its line end; E_INVALID when it is
 * longer than a password may be.
 */
static int read_line(int fd, char *buf, size_t size, const char *from)
{
	size_t len = 0;

	while (len < size - 1) {
		ssize_t got = read(fd, buf + len, 1);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return error_set(E_IO, "cannot read the password: %s",
			                 strerror(errno));
		if (got == 0 || buf[len] == '\n')
			break;
		len++;
	}
	if (len == size - 1)
		return error_set(E_INVALID, "the password is too long: at most %d bytes",
		                 PASSWORD_MAX);
	buf[len] = '\0';
	if (len && buf[len - 1] == '\r')
		buf[--len] = '\0';
	if (!len)
		return error_set(E_INVALID, "no password %s", from);
	return 0;
}

/* Prompt on standard error and read a line from the terminal, not echoed. */
static int ask(const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	int rc;

	if (tcgetattr(STDIN_FILENO, &old))
		return error_set(E_IO, "cannot set up the terminal: %s", strerror(errno));
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	fputs(prompt, stderr);
	fflush(stderr);
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet))
		return error_set(E_IO, "cannot set up the terminal: %s", strerror(errno));
	rc = read_line(STDIN_FILENO, buf, size, "typed");
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return rc;
}

/*
 * The password: one line of standard input when it is not a terminal
 * (a pipe, a file), else typed twice at the terminal without echo.
 */
static int read_password(const char *name, char buf[PASSWORD_BUF])
{
	char again[PASSWORD_BUF];
	char prompt[128];
	int rc;

	if (!isatty(STDIN_FILENO))
		return read_line(STDIN_FILENO, buf, PASSWORD_BUF,
		                 "on standard input (give it as one line)");
	snprintf(prompt, sizeof(prompt), "Password for %s: ", name);
	rc = ask(prompt, buf, PASSWORD_BUF);
	if (!rc)
		rc = ask("The same again: ", again, sizeof(again));
	if (!rc && strcmp(buf, again))
		rc = error_set(E_USAGE, "the two passwords differ");
	sodium_memzero(again, sizeof(again));
	return rc;
}

static void print_user(const struct user *u, const struct org_list *orgs,
                       const struct api_token_list *tokens)
{
	cli_printf("%s\n", u->name);
	cli_printf("  role           %s\n", role_name(u->role));
	cli_printf("  status         %s\n", u->disabled ? "disabled" : "enabled");
	cli_printf("  password       %s\n",
	           u->password_hash ? "set" : "none (API tokens only)");
	if (u->role == ROLE_ADMIN) {
		cli_printf("  organisations  all (administrator)\n");
	} else if (!orgs->n) {
		cli_printf("  organisations  none yet: 'isms user grant %s --org SLUG'\n",
		           u->name);
	} else {
		cli_printf("  organisations  ");
		for (size_t i = 0; i < orgs->n; i++)
			cli_printf("%s%s", i ? ", " : "", orgs->v[i].slug);
		cli_printf("\n");
	}
	for (size_t i = 0; i < tokens->n; i++) {
		const struct api_token *t = &tokens->v[i];

		cli_printf("  %-15stoken %lld %s, %s%s\n", i ? "" : "API tokens",
		           (long long)t->id, t->name,
		           t->revoked_at ? "revoked " : "last used ",
		           t->revoked_at     ? t->revoked_at
		           : t->last_used_at ? t->last_used_at
		                             : "never");
	}
	cli_printf("  created        %s\n", u->created_at);
}

static int run_add(struct cli *cli, int argc, char **argv)
{
	const char *role = NULL, *org = NULL;
	bool no_password = false;
	const struct opt opts[] = { { "role", OPT_STRING, &role },
		                    { "org", OPT_STRING, &org },
		                    { "no-password", OPT_FLAG, &no_password },
		                    { 0 } };
	char password[PASSWORD_BUF] = { 0 };
	struct org_list orgs = { 0 };
	struct user u = { 0 };
	enum role r;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (rc)
		return rc;
	if (!role)
		return cli_usage(cli,
		                 "missing --role ROLE (admin, isms-manager, auditor, "
		                 "control-owner, viewer, external-auditor)");
	/* Refused before anyone is asked for a password. */
	rc = user_name_check(pos[0]);
	if (!rc)
		rc = role_parse(role, &r);
	if (!rc && !no_password)
		rc = read_password(pos[0], password);
	if (!rc)
		rc = app_user_add(cli->st, pos[0], role, no_password ? NULL : password,
		                  org, &u);
	sodium_memzero(password, sizeof(password));
	if (!rc)
		rc = store_user_orgs(cli->st, u.id, &orgs);
	if (!rc && cli->json) {
		rc = cli_json(json_user(&u, &orgs));
	} else if (!rc) {
		cli_printf("Added user %s (%s)", u.name, role_name(u.role));
		if (u.role == ROLE_ADMIN)
			cli_printf(", who sees every organisation");
		else if (org)
			cli_printf(", with access to %s", org);
		cli_printf(".\n");
	}
	org_list_release(&orgs);
	user_release(&u);
	return rc;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	struct user_orgs l = { 0 };
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (!rc)
		rc = app_user_list_orgs(cli->st, &l);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_user_list(&l.users, l.orgs));
		user_orgs_release(&l);
		return rc;
	}
	if (!l.users.n)
		cli_printf("No users yet: 'isms user add NAME --role admin'.\n");
	else
		cli_printf("%-24s %-17s %-9s %s\n", "NAME", "ROLE", "STATUS",
		           "ORGANISATIONS");
	for (size_t i = 0; i < l.users.n; i++) {
		const struct user *u = &l.users.v[i];
		const struct org_list *orgs = &l.orgs[i];

		cli_printf("%-24s %-17s %-9s ", u->name, role_name(u->role),
		           u->disabled ? "disabled" : "enabled");
		if (u->role == ROLE_ADMIN)
			cli_printf("all");
		else if (!orgs->n)
			cli_printf("-");
		for (size_t j = 0; u->role != ROLE_ADMIN && j < orgs->n; j++)
			cli_printf("%s%s", j ? "," : "", orgs->v[j].slug);
		cli_printf("\n");
	}
	user_orgs_release(&l);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct user u = { 0 };
	struct org_list orgs = { 0 };
	struct api_token_list tokens = { 0 };
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = app_user_get(cli->st, pos[0], &u, &orgs);
	if (!rc)
		rc = app_token_list(cli->st, u.name, &tokens);
	if (!rc && cli->json) {
		rc = cli_json(json_user_show(&u, &orgs, &tokens));
	} else if (!rc) {
		print_user(&u, &orgs, &tokens);
	}
	api_token_list_release(&tokens);
	org_list_release(&orgs);
	user_release(&u);
	return rc;
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	const char *role = NULL;
	bool disable = false, enable = false;
	const struct opt opts[] = { { "role", OPT_STRING, &role },
		                    { "disable", OPT_FLAG, &disable },
		                    { "enable", OPT_FLAG, &enable },
		                    { 0 } };
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (rc)
		return rc;
	rc = app_user_set_flags(cli->st, pos[0], role, disable, enable);
	/* Which options go together is a matter of the command line. */
	if (rc == -E_USAGE)
		return cli_usage(cli, "%s", error_message());
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_pack("{s:s}", "updated", pos[0]));
	cli_printf("Updated %s.\n", pos[0]);
	return 0;
}

static int run_password(struct cli *cli, int argc, char **argv)
{
	char password[PASSWORD_BUF] = { 0 };
	struct user u = { 0 };
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (rc)
		return rc;
	/* An unknown user is told before anyone types a password. */
	rc = app_user_get(cli->st, pos[0], &u, NULL);
	if (!rc)
		rc = read_password(u.name, password);
	if (!rc)
		rc = app_user_set_password(cli->st, u.name, password);
	sodium_memzero(password, sizeof(password));
	if (!rc && cli->json)
		rc = cli_json(json_pack("{s:s, s:b}", "user", u.name, "password", 1));
	else if (!rc)
		cli_printf("Password of %s changed; their sessions are ended.\n", u.name);
	user_release(&u);
	return rc;
}

static int grant(struct cli *cli, int argc, char **argv, bool add)
{
	const char *org = NULL;
	const struct opt opts[] = { { "org", OPT_STRING, &org }, { 0 } };
	bool changed = false;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (rc)
		return rc;
	if (!org)
		return cli_usage(cli, "missing --org SLUG");
	rc = app_user_grant(cli->st, pos[0], org, add, &changed);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_pack("{s:s, s:s, s:b, s:b}", "user", pos[0], "org",
		                          org, "granted", add, "changed", changed));
	if (add)
		cli_printf(changed ? "%s may now see %s.\n"
		                   : "%s could already see %s.\n",
		           pos[0], org);
	else
		cli_printf(changed ? "%s may no longer see %s.\n"
		                   : "%s had no access to %s.\n",
		           pos[0], org);
	return 0;
}

static int run_grant(struct cli *cli, int argc, char **argv)
{
	return grant(cli, argc, argv, true);
}

static int run_revoke(struct cli *cli, int argc, char **argv)
{
	return grant(cli, argc, argv, false);
}

static int run_remove(struct cli *cli, int argc, char **argv)
{
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = app_user_remove(cli->st, pos[0]);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_pack("{s:s}", "removed", pos[0]));
	cli_printf("Removed user %s, their API tokens and sessions.\n", pos[0]);
	return 0;
}

static const struct cmd user_subs[] = {
	{ "add", "add a user who may sign in",
	  "isms user add NAME --role ROLE [--org SLUG] [--no-password] [--json]\n"
	  "\n"
	  "NAME: 1-64 letters, digits and . _ - @, unique whatever its case.\n"
	  "ROLE: admin, isms-manager, auditor, control-owner, viewer or\n"
	  "external-auditor (see README, \"Users and access\").  --org grants one\n"
	  "organisation now (more with 'isms user grant'); administrators see all.\n"
	  "\n"
	  "The password is read from standard input when it is not a terminal\n"
	  "(one line), else asked for twice without echo.  At least 12\n"
	  "characters; no other rules.  --no-password: API tokens only.\n"
	  "\n"
	  "Examples:\n"
	  "  isms user add alice --role admin\n"
	  "  printf '%s\\n' \"$PASSWORD\" | isms user add bob --role auditor --org acme\n"
	  "  isms user add ci --role viewer --org acme --no-password\n",
	  run_add, CMD_STORE, NULL },
	{ "list", "list the users, their roles and organisations",
	  "isms user list [--json]\n", run_list, CMD_STORE, NULL },
	{ "show", "a user's role, organisations and API tokens",
	  "isms user show NAME [--json]\n", run_show, CMD_STORE, NULL },
	{ "set", "change a user's role, or disable or enable them",
	  "isms user set NAME [--role ROLE] [--disable|--enable]\n"
	  "\n"
	  "A disabled user can neither sign in nor use their API tokens, and\n"
	  "their sessions end.  The last enabled administrator cannot be\n"
	  "disabled or given another role.\n"
	  "\n"
	  "Example:\n"
	  "  isms user set bob --role isms-manager\n",
	  run_set, CMD_STORE, NULL },
	{ "password", "set a user's password (from standard input)",
	  "isms user password NAME\n"
	  "\n"
	  "Read as for 'isms user add'.  The user's sessions end.\n"
	  "\n"
	  "Example:\n"
	  "  isms user password alice < new-password.txt\n",
	  run_password, CMD_STORE, NULL },
	{ "grant", "let a user see an organisation",
	  "isms user grant NAME --org SLUG [--json]\n"
	  "\n"
	  "Example:\n"
	  "  isms user grant bob --org acme\n",
	  run_grant, CMD_STORE, NULL },
	{ "revoke", "take an organisation away from a user",
	  "isms user revoke NAME --org SLUG [--json]\n", run_revoke, CMD_STORE, NULL },
	{ "remove", "remove a user with their API tokens and sessions",
	  "isms user remove NAME\n"
	  "\n"
	  "The last enabled administrator cannot be removed.\n",
	  run_remove, CMD_STORE, NULL },
	{ 0 },
};

const struct cmd cmd_user = {
	"user",
	"users, their roles and the organisations they may see",
	"isms user SUB-COMMAND ...\n",
	NULL,
	0,
	user_subs,
};
