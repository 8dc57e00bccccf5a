/*
 * cmd-token.c - isms token: API tokens for automation.
 *
 * A token acts as its user (Authorization: Bearer TOKEN).  Its secret is
 * printed once, when it is made; the store keeps only its SHA-256, so a
 * lost token is revoked and replaced, never shown again.
 */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "view/user.h"

static int run_add(struct cli *cli, int argc, char **argv)
{
	const char *user = NULL;
	const struct opt opts[] = { { "user", OPT_STRING, &user }, { 0 } };
	char secret[APP_SECRET_MAX] = { 0 };
	struct api_token t = { 0 };
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (rc)
		return rc;
	if (!user)
		return cli_usage(cli, "missing --user USER (the user the token acts as)");
	rc = app_token_add(cli->st, user, pos[0], &t, secret);
	if (!rc && cli->json) {
		rc = cli_json(json_api_token_secret(&t, secret));
	} else if (!rc) {
		cli_printf("API token %lld (%s) for %s:\n%s\n", (long long)t.id, t.name,
		           t.user_name, secret);
		cli_printf(
		        "It is shown only this once: keep it where secrets are kept.\n");
	}
	sodium_memzero(secret, sizeof(secret));
	api_token_release(&t);
	return rc;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	const char *user = NULL;
	const struct opt opts[] = { { "user", OPT_STRING, &user }, { 0 } };
	struct api_token_list l = { 0 };
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (!rc)
		rc = app_token_list(cli->st, user, &l);
	if (rc)
		return rc;
	if (cli->json) {
		rc = cli_json(json_api_token_list(&l));
	} else if (!l.n) {
		cli_printf("No API tokens yet: 'isms token add NAME --user USER'.\n");
	} else {
		cli_printf("%-5s %-24s %-24s %-21s %s\n", "ID", "NAME", "USER", "CREATED",
		           "LAST USED");
		for (size_t i = 0; i < l.n; i++) {
			const struct api_token *t = &l.v[i];

			cli_printf("%-5lld %-24s %-24s %-21s %s%s\n", (long long)t->id,
			           t->name, t->user_name, t->created_at,
			           t->last_used_at ? t->last_used_at : "never",
			           t->revoked_at ? ", revoked" : "");
		}
	}
	api_token_list_release(&l);
	return rc;
}

static int run_revoke(struct cli *cli, int argc, char **argv)
{
	char *pos[1];
	int64_t id;
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (rc)
		return rc;
	if (app_token_id_parse(pos[0], &id))
		return cli_usage(cli, "%s", error_message());
	rc = app_token_revoke(cli->st, id);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(
		        json_pack("{s:I, s:b}", "id", (json_int_t)id, "revoked", 1));
	cli_printf("Revoked API token %lld.\n", (long long)id);
	return 0;
}

static const struct cmd token_subs[] = {
	{ "add", "make an API token for a user (its secret is shown once)",
	  "isms token add NAME --user USER [--json]\n"
	  "\n"
	  "NAME says what the token is for.  The token acts as USER, with their\n"
	  "role and organisations; send it as 'Authorization: Bearer TOKEN'.\n"
	  "\n"
	  "Example:\n"
	  "  isms token add nightly-export --user ci --json\n",
	  run_add, CMD_STORE, NULL },
	{ "list", "list the API tokens (never their secrets)",
	  "isms token list [--user USER] [--json]\n", run_list, CMD_STORE, NULL },
	{ "revoke", "revoke an API token for good",
	  "isms token revoke ID\n"
	  "\n"
	  "Example:\n"
	  "  isms token revoke 3\n",
	  run_revoke, CMD_STORE, NULL },
	{ 0 },
};

const struct cmd cmd_token = {
	"token",    "API tokens for automation", "isms token SUB-COMMAND ...\n", NULL, 0,
	token_subs,
};
