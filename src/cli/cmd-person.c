/*
 * cmd-person.c - isms person: the people of an organisation, their
 * competence and what they design, own or operate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "cli/cli.h"
#include "core/error.h"
#include "view/audit.h"

static void print_person(const struct person *p, const struct responsibility_list *resp,
                         const char *today)
{
	cli_printf("%s%s%s%s\n", p->name, p->email ? " <" : "", p->email ? p->email : "",
	           p->email ? ">" : "");
	if (p->user)
		cli_printf("  %-13s%s\n", "user", p->user);
	if (!p->ncompetence)
		cli_printf("  competence   none recorded\n");
	for (size_t i = 0; i < p->ncompetence; i++) {
		const struct competence *c = &p->competence[i];

		cli_printf("  %-13s%s (%s%s%s%s%s)%s\n", i ? "" : "competence", c->title,
		           competence_kind_name(c->kind), c->obtained_on ? ", " : "",
		           c->obtained_on ? c->obtained_on : "",
		           c->expires_on ? ", expires " : "",
		           c->expires_on ? c->expires_on : "",
		           competence_current(c, today) ? "" : " EXPIRED");
	}
	for (size_t i = 0; i < resp->n; i++) {
		const struct responsibility *r = &resp->v[i];

		cli_printf("  %-13s%s %s (%s)\n", i ? "" : "responsible",
		           resp_role_name(r->role), r->ref, r->source);
	}
}

static int run_add(struct cli *cli, int argc, char **argv)
{
	const char *email = NULL;
	const struct opt opts[] = { { "email", OPT_STRING, &email }, { 0 } };
	struct person p;
	char today[11], *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (rc)
		return rc;
	rc = app_person_add(cli->st, &cli->org, pos[0], email, &p);
	if (rc)
		return rc;
	store_today(today);
	if (cli->json)
		rc = cli_json(json_person(&p, today));
	else
		cli_printf("Added %s.\n", p.name);
	person_release(&p);
	return rc;
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	const char *email = NULL, *user = NULL;
	const struct opt opts[] = { { "email", OPT_STRING, &email },
		                    { "user", OPT_STRING, &user },
		                    { 0 } };
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (rc)
		return rc;
	if (!email && !user)
		return cli_usage(cli, "nothing to change: give --email ADDRESS (\"\" "
		                      "clears it) or --user LOGIN (none unlinks)");
	rc = app_person_set(cli->st, &cli->org, pos[0], email, user);
	if (!rc && !cli->json)
		cli_printf("Updated %s.\n", pos[0]);
	return rc ? rc : cli->json ? cli_json(json_pack("{s:s}", "updated", pos[0])) : 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	struct person_list l;
	char today[11];
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	rc = store_person_list(cli->st, cli->org.id, &l);
	if (rc)
		return rc;
	store_today(today);
	if (cli->json) {
		rc = cli_json(json_person_list(&l, today));
	} else if (!l.n) {
		cli_printf("No people recorded yet: 'isms person add NAME'.\n");
	} else {
		for (size_t i = 0; i < l.n; i++)
			cli_printf("%-30s %-32s %s%s%s\n", l.v[i].name,
			           l.v[i].email ? l.v[i].email : "-",
			           person_competent(&l.v[i], today)
			                   ? "competence recorded"
			                   : "no competence record",
			           l.v[i].user ? ", user " : "",
			           l.v[i].user ? l.v[i].user : "");
	}
	person_list_release(&l);
	return rc;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	struct person p;
	struct responsibility_list resp;
	char today[11], *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = app_person_get(cli->st, &cli->org, pos[0], &p, &resp);
	if (rc)
		return rc;
	store_today(today);
	if (cli->json) {
		rc = cli_json(json_person_detail(&p, &resp, today));
	} else {
		print_person(&p, &resp, today);
	}
	responsibility_list_release(&resp);
	person_release(&p);
	return rc;
}

static int run_remove(struct cli *cli, int argc, char **argv)
{
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = app_person_remove(cli->st, &cli->org, pos[0]);
	if (!rc && !cli->json)
		cli_printf("Removed %s.\n", pos[0]);
	return rc ? rc : cli->json ? cli_json(json_pack("{s:s}", "removed", pos[0])) : 0;
}

#define OWNS_MAX 100

static int owns(struct cli *cli, int argc, char **argv, bool add)
{
	const char *role = NULL;
	const struct opt opts[] = { { "role", OPT_STRING, &role }, { 0 } };
	char *pos[OWNS_MAX + 1];
	size_t changed = 0;
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 2, OWNS_MAX + 1, &npos);

	if (rc)
		return rc;
	rc = app_person_owns(cli->st, &cli->org, pos[0], (const char *const *)pos + 1,
	                     (size_t)npos - 1, role, add, &changed);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_pack("{s:s, s:I}", "person", pos[0],
		                          add ? "added" : "removed",
		                          (json_int_t)changed));
	cli_printf("%s %zu responsibilit%s of %s.\n", add ? "Recorded" : "Dropped",
	           changed, changed == 1 ? "y" : "ies", pos[0]);
	return 0;
}

static int run_owns(struct cli *cli, int argc, char **argv)
{
	return owns(cli, argc, argv, true);
}

static int run_disown(struct cli *cli, int argc, char **argv)
{
	return owns(cli, argc, argv, false);
}

static int run_competence(struct cli *cli, int argc, char **argv)
{
	struct competence_update u = { 0 };
	const struct opt opts[] = { { "kind", OPT_STRING, &u.kind },
		                    { "title", OPT_STRING, &u.title },
		                    { "on", OPT_STRING, &u.obtained_on },
		                    { "expires", OPT_STRING, &u.expires_on },
		                    { "evidence", OPT_STRING, &u.evidence },
		                    { "note", OPT_STRING, &u.note },
		                    { 0 } };
	struct competence c;
	char *pos[1];
	int npos, rc = cli_parse(cli, argc, argv, opts, pos, 1, 1, &npos);

	if (rc)
		return rc;
	rc = app_competence_add(cli->st, &cli->org, pos[0], &u, &c);
	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_competence_recorded(pos[0], &c));
	else
		cli_printf("Recorded %s '%s' for %s.\n", competence_kind_name(c.kind),
		           c.title, pos[0]);
	competence_release(&c);
	return rc;
}

static int run_responsibilities(struct cli *cli, int argc, char **argv)
{
	struct responsibility_list all = { 0 };
	int npos, rc = cli_parse(cli, argc, argv, NULL, NULL, 0, 0, &npos);

	if (!rc)
		rc = store_responsibilities(cli->st, cli->org.id, &all);
	if (rc)
		return rc;
	if (cli->json)
		rc = cli_json(json_responsibility_list(&all));
	else if (!all.n)
		cli_printf("No responsibilities recorded yet.\n");
	for (size_t i = 0; !cli->json && i < all.n; i++)
		cli_printf("%-24s %-9s %-30s %s\n", all.v[i].ref,
		           resp_role_name(all.v[i].role), all.v[i].person,
		           all.v[i].source);
	responsibility_list_release(&all);
	return rc;
}

static const struct cmd person_subs[] = {
	{ "add", "record a person", "isms person add NAME [--email ADDRESS] [--json]\n",
	  run_add, CMD_STORE | CMD_ORG, NULL },
	{ "set", "change a person's e-mail address or the user account linked to them",
	  "isms person set NAME [--email ADDRESS] [--user LOGIN|none]\n"
	  "\n"
	  "--user links the person to the user account they sign in with (a user\n"
	  "is at most one person of an organisation); 'none' unlinks.  Over the\n"
	  "API only a user linked to an auditor of the team records an audit's\n"
	  "results, closes it or issues its report, and never on their own work.\n",
	  run_set, CMD_STORE | CMD_ORG, NULL },
	{ "list", "list the people and whether their competence is recorded",
	  "isms person list [--json]\n", run_list, CMD_STORE | CMD_ORG, NULL },
	{ "show", "a person's competence and everything they are responsible for",
	  "isms person show NAME [--json]\n"
	  "\n"
	  "Responsibilities come from the person's record and from the owners\n"
	  "named in the newest gap assessment, risks, treatment actions and assets.\n",
	  run_show, CMD_STORE | CMD_ORG, NULL },
	{ "remove", "remove a person who is on no audit team",
	  "isms person remove NAME\n", run_remove, CMD_STORE | CMD_ORG, NULL },
	{ "owns", "record what a person designs, owns or operates",
	  "isms person owns NAME REF [REF...] [--role designs|owns|operates]\n"
	  "\n"
	  "REF is a catalogue reference (A.5.15, 9.2.2), a clause or theme standing\n"
	  "for its items (9.2, A.8), or a scope object: process:NAME,\n"
	  "location:NAME, asset:NAME.  The role defaults to owns.  Nobody is\n"
	  "assigned to audit what they design, own or operate.\n",
	  run_owns, CMD_STORE | CMD_ORG, NULL },
	{ "disown", "drop responsibilities recorded with 'person owns'",
	  "isms person disown NAME REF [REF...] [--role designs|owns|operates]\n",
	  run_disown, CMD_STORE | CMD_ORG, NULL },
	{ "competence", "record training, a certification or audit experience",
	  "isms person competence NAME --kind training|certification|experience\n"
	  "         --title TEXT [--on DATE] [--expires DATE] [--evidence SHA256]\n"
	  "         [--note TEXT] [--json]\n"
	  "\n"
	  "A lead auditor without a current competence record is warned about\n"
	  "when assigned, and the audit report says so.\n",
	  run_competence, CMD_STORE | CMD_ORG, NULL },
	{ "responsibilities", "who designs, owns or operates what, from every record",
	  "isms person responsibilities [--json]\n", run_responsibilities,
	  CMD_STORE | CMD_ORG, NULL },
	{ 0 },
};

const struct cmd cmd_person = {
	"person",
	"people, their competence and responsibilities (clauses 5.3, 7.2)",
	"isms person SUB-COMMAND ...\n",
	NULL,
	0,
	person_subs,
};
