/*
 * cmd-serve.c - isms serve: the HTTP server and its JSON API (src/http/).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/error.h"
#include "http/http.h"

static int run_serve(struct cli *cli, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *threads_arg = NULL;
	bool quiet = false, secure = false;
	const struct opt opts[] = { { "listen", OPT_STRING, &listen },
		                    { "secure-cookies", OPT_FLAG, &secure },
		                    { "threads", OPT_STRING, &threads_arg },
		                    { "quiet", OPT_FLAG, &quiet },
		                    { 0 } };
	struct serve_options so = { 0 };
	int npos, rc = cli_parse(cli, argc, argv, opts, NULL, 0, 0, &npos);

	if (rc)
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
	"isms serve [--listen HOST:PORT] [--threads N] [--quiet] [--secure-cookies]\n"
	"\n"
	"Serves the store given by --db (or ISMS_DB) until SIGTERM or Ctrl-C;\n"
	"then stops accepting connections and lets the requests in flight\n"
	"finish.  Each request is logged as one JSON line on standard error\n"
	"(--quiet: none).  --listen defaults to 127.0.0.1:8080; --threads to\n"
	"one per processor.  The API is described at /api/v1/openapi.json.\n"
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
