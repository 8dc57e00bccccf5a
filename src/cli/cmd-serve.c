/*
 * cmd-serve.c - isms serve: the HTTP server and its JSON API (src/http/).
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/error.h"
#include "http/http.h"

/* Who may call a route: "public", "any user", or the roles. */
static void route_roles(const struct http_route *rt, struct strbuf *sb, json_t *list)
{
	if (rt->flags & (ROUTE_PUBLIC | ROUTE_ANY_USER)) {
		strbuf_addstr(sb, rt->flags & ROUTE_PUBLIC ? "public" : "any user");
		return;
	}
	for (int r = 0; r < ROLES_COUNT; r++) {
		if (!access_allows_in((enum role)r, rt->area, rt->access,
		                      rt->flags & ROUTE_ORG))
			continue;
		strbuf_addf(sb, "%s%s", sb->len ? "," : "", role_name((enum role)r));
		json_array_append_new(list, json_string(role_name((enum role)r)));
	}
}

/*
 * The route table with what each route reads or changes and which roles
 * may call it: the API's permissions, from the one matrix that decides.
 */
static int list_routes(bool as_json)
{
	json_t *doc = json_array();

	for (size_t i = 0; i < http_route_count(); i++) {
		const struct http_route *rt = http_route_at(i);
		struct strbuf sb = STRBUF_INIT;
		json_t *roles = json_array();

		route_roles(rt, &sb, roles);
		if (as_json)
			json_array_append_new(
			        doc,
			        json_pack("{s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:o}",
			                  "method", rt->method, "path", rt->pattern,
			                  "area", area_name(rt->area), "access",
			                  rt->access == ACCESS_READ ? "read" : "change",
			                  "public", !!(rt->flags & ROUTE_PUBLIC),
			                  "any_user", !!(rt->flags & ROUTE_ANY_USER),
			                  "org", !!(rt->flags & ROUTE_ORG), "roles",
			                  roles));
		else
			printf("%-7s %-60s %-9s %-6s %s\n", rt->method, rt->pattern,
			       area_name(rt->area),
			       rt->access == ACCESS_READ ? "read" : "change", sb.buf);
		if (!as_json)
			json_decref(roles);
		strbuf_release(&sb);
	}
	if (as_json)
		return cli_json(doc);
	json_decref(doc);
	return 0;
}

/* "1048576", "512K", "256M" or "2G" bytes. */
static int parse_size(struct cli *cli, const char *s, uint64_t *out)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (!*s || !isdigit((unsigned char)*s) || errno || n == 0)
		return cli_usage(cli,
		                 "--max-upload takes a size such as 1048576, 64M or 1G");
	switch (*end) {
	case 'K':
		n <<= 10;
		end++;
		break;
	case 'M':
		n <<= 20;
		end++;
		break;
	case 'G':
		n <<= 30;
		end++;
		break;
	default:
		break;
	}
	if (*end || n > ((unsigned long long)1 << 40))
		return cli_usage(cli,
		                 "--max-upload takes a size such as 1048576, 64M or 1G "
		                 "(at most 1T)");
	*out = n;
	return 0;
}

static int run_serve(struct cli *cli, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *threads_arg = NULL, *upload_arg = NULL;
	bool quiet = false, secure = false, routes = false;
	const struct opt opts[] = { { "listen", OPT_STRING, &listen },
		                    { "secure-cookies", OPT_FLAG, &secure },
		                    { "threads", OPT_STRING, &threads_arg },
		                    { "max-upload", OPT_STRING, &upload_arg },
		                    { "quiet", OPT_FLAG, &quiet },
		                    { "routes", OPT_FLAG, &routes },
		                    { 0 } };
	struct serve_options so = { 0 };
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
		return rc;
	if (routes)
		return list_routes(cli->json);
	if (upload_arg && (rc = parse_size(cli, upload_arg, &so.upload_max)))
		return rc;
	if (threads_arg) {
		char *end;
		long n = strtol(threads_arg, &end, 10);

		if (!*threads_arg || *end || n < 1 || n > 256)
			return cli_usage(cli, "--threads takes a number from 1 to 256");
		so.threads = (unsigned)n;
	}
	so.target = cli->db;
	so.listen = listen;
	so.quiet = quiet;
	so.secure_cookies = secure;
	return http_serve(&so);
}

const struct cmd cmd_serve = {
	"serve",
	"the HTTP server: the JSON API under /api/v1",
	"isms serve [--listen HOST:PORT] [--threads N] [--max-upload SIZE] [--quiet]\n"
	"           [--secure-cookies]\n"
	"isms serve --routes [--json]\n"
	"\n"
	"Serves the store given by --db (or ISMS_DB) until SIGTERM or Ctrl-C;\n"
	"then stops accepting connections and lets the requests in flight\n"
	"finish.  Each request is logged as one JSON line on standard error\n"
	"(--quiet: none).  --listen defaults to 127.0.0.1:8080; --threads to\n"
	"one per processor.  The API is described at /api/v1/openapi.json.\n"
	"An evidence upload may be up to --max-upload bytes (default 256M;\n"
	"suffixes K, M, G); other request bodies up to 1 MiB.  --routes lists\n"
	"every route, what it reads or changes and which roles may call it.\n"
	"\n"
	"Sign in with POST /api/v1/session {\"username\", \"password\"}: the\n"
	"answer sets an HttpOnly, SameSite=Strict session cookie (Secure with\n"
	"--secure-cookies, for a server behind HTTPS) and gives the CSRF token\n"
	"that each change made with the cookie sends as X-CSRF-Token.  Scripts\n"
	"send an API token instead ('isms token add'): Authorization: Bearer.\n"
	"While no administrator exists, the server prints a one-time set-up\n"
	"token for POST /api/v1/setup {\"token\", \"username\", \"password\"}.\n"
	"\n"
	"Examples:\n"
	"  isms serve --listen 127.0.0.1:8080\n"
	"  isms --db postgresql://isms@db/isms serve --listen [::1]:8443\n",
	run_serve,
	0,
	NULL,
};
