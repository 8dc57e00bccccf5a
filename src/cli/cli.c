#include "cli/cli.h"

#include "app/app.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "view/soa.h"

int cli_usage(struct cli *cli, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return error_set(E_USAGE, "%s: %s (see '%s --help')", cli->path, msg, cli->path);
}

static const struct opt *find_opt(const struct opt *opts, const char *name, size_t len)
{
	for (; opts && opts->name; opts++)
		if (strlen(opts->name) == len && !strncmp(opts->name, name, len))
			return opts;
	return NULL;
}

static const struct opt *find_short(const struct opt *opts, char c)
{
	for (; opts && opts->name; opts++)
		if (opts->name[0] == c && opts->name[1] == '\0')
			return opts;
	return NULL;
}

int cli_parse(struct cli *cli, int argc, char **argv, const struct opt *opts, char **pos,
              int min, int max, int *npos)
{
	bool only_pos = false;
	int n = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct opt *o;
		const char *eq;

		if (only_pos || a[0] != '-' || !strcmp(a, "-")) {
			if (n >= max)
				return cli_usage(cli, "unexpected argument '%s'", a);
			pos[n++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = true;
			continue;
		}
		if (strncmp(a, "--", 2)) {
			o = a[2] == '\0' ? find_short(opts, a[1]) : NULL;
			if (!o)
				return cli_usage(cli, "unknown option '%s'", a);
			eq = NULL;
		} else {
			eq = strchr(a + 2, '=');
			o = find_opt(opts, a + 2,
			             eq ? (size_t)(eq - a - 2) : strlen(a + 2));
		}
		if (!o)
			return cli_usage(cli, "unknown option '%.*s'",
			                 eq ? (int)(eq - a) : (int)strlen(a), a);
		if (o->type == OPT_FLAG) {
			if (eq)
				return cli_usage(cli, "option '--%s' takes no value",
				                 o->name);
			*(bool *)o->value = true;
			continue;
		}
		if (eq) {
			*(const char **)o->value = eq + 1;
		} else if (i + 1 < argc) {
			*(const char **)o->value = argv[++i];
		} else {
			return cli_usage(cli, "option '--%s' needs a value", o->name);
		}
	}
	if (n < min)
		return cli_usage(cli, "missing argument%s", min - n > 1 ? "s" : "");
	*npos = n;
	return 0;
}

int cli_json(json_t *doc)
{
	int rc;

	if (!doc)
		return error_set(E_INTERNAL, "could not build the JSON output");
	rc = json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (rc)
		return error_set(E_IO, "cannot write output");
	fputc('\n', stdout);
	return 0;
}

void cli_put(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			c = '?';
		fputc(c, f);
	}
}

void cli_printf(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	cli_put(stdout, sb.buf);
	strbuf_release(&sb);
}

int cli_read_file(const char *path, size_t max, char **buf, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char chunk[65536];
	struct stat st;
	size_t n;

	*buf = NULL;
	*len = 0;
	if (!f)
		return error_set(E_IO, "cannot read %s: %s", path, strerror(errno));
	if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return error_set(E_IO, "cannot read %s: it is a directory", path);
	}
	strbuf_init(&sb, max);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (strbuf_add(&sb, chunk, n)) {
			if (f != stdin)
				fclose(f);
			strbuf_release(&sb);
			return error_set(E_INVALID,
			                 "%s is too large (more than %zu bytes)", path,
			                 max);
		}
	}
	if (ferror(f)) {
		if (f != stdin)
			fclose(f);
		strbuf_release(&sb);
		return error_set(E_IO, "cannot read %s: %s", path, strerror(errno));
	}
	if (f != stdin)
		fclose(f);
	*buf = strbuf_detach(&sb, len);
	return 0;
}

int cli_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int cli_fd_sink(void *ctx, const void *data, size_t len)
{
	return cli_write_all(*(int *)ctx, data, len);
}

int cli_strbuf_sink(void *ctx, const void *data, size_t len)
{
	return strbuf_add(ctx, data, len);
}

int cli_assessment_id(struct cli *cli, const char *id, int64_t *out)
{
	char *end;
	long long n;

	*out = 0;
	if (!id)
		return 0;
	n = strtoll(id, &end, 10);
	if (!*id || *end || n <= 0)
		return error_set(
		        E_USAGE,
		        "%s: --assessment takes an assessment id (see 'isms gap list')",
		        cli->path);
	*out = (int64_t)n;
	return 0;
}

int cli_assessment(struct cli *cli, const char *id, struct assessment *out)
{
	int64_t n;
	int rc = cli_assessment_id(cli, id, &n);

	memset(out, 0, sizeof(*out));
	return rc ? rc : store_assessment_get(cli->st, cli->org.id, n, out);
}

/*
 * Write into a temporary file next to the target and rename it into place
 * only when complete, so a failure never leaves a half report behind.
 */
static int write_file(const char *path, const struct strbuf *doc)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd, rc = 0;

	cli_tmp_path(path, &tmp);
	fd = open(tmp.buf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		rc = error_set(E_IO, "cannot write '%s': %s", path, strerror(errno));
		strbuf_release(&tmp);
		return rc;
	}
	if (cli_write_all(fd, doc->buf, doc->len) || fsync(fd))
		rc = error_set(E_IO, "cannot write '%s': %s", path, strerror(errno));
	if (close(fd) && !rc)
		rc = error_set(E_IO, "cannot write '%s': %s", path, strerror(errno));
	if (!rc && rename(tmp.buf, path))
		rc = error_set(E_IO, "cannot write '%s': %s", path, strerror(errno));
	if (rc)
		unlink(tmp.buf);
	strbuf_release(&tmp);
	return rc;
}

static int write_stdout(const struct strbuf *doc)
{
	if (fwrite(doc->buf, 1, doc->len, stdout) != doc->len || fflush(stdout))
		return error_set(E_IO, "cannot write to standard output: %s",
		                 strerror(errno));
	return 0;
}

int cli_write_doc(const char *path, const struct strbuf *doc)
{
	return !path || !strcmp(path, "-") ? write_stdout(doc) : write_file(path, doc);
}

int cli_tmp_path(const char *path, struct strbuf *tmp)
{
	strbuf_reset(tmp);
	return strbuf_addf(tmp, "%s.isms-tmp-%ld", path, (long)getpid());
}

int cli_import(struct cli *cli, int argc, char **argv, cli_import_fn import,
               const char *noun)
{
	char *pos[1], *buf = NULL;
	size_t len, n = 0;
	int npos, rc = cli_parse(cli, argc, argv, NULL, pos, 1, 1, &npos);

	if (!rc)
		rc = cli_read_file(pos[0], IMPORT_FILE_MAX, &buf, &len);
	/* Messages name standard input so. */
	if (!rc)
		rc = import(cli->st, &cli->org, strcmp(pos[0], "-") ? pos[0] : "stdin",
		            buf, len, &n);
	free(buf);
	if (rc)
		return rc;
	if (cli->json)
		return cli_json(json_imported(n));
	cli_printf("Imported %zu %s%s.\n", n, noun, n == 1 ? "" : "s");
	return 0;
}
