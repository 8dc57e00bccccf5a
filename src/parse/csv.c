/*
 * csv.c - reading CSV with libcsv.
 *
 * libcsv reports fields and the ends of rows, but not where they are.  So
 * the input is fed to it one physical line at a time, which tells each
 * callback the line it happens on.  A field still open at the end of its
 * line is a quoted one that runs on over a line break: its start is kept
 * so that errors (an unterminated quote above all) name the line where it
 * begins, and each row is given the line of its first field.
 */
#include "parse/csv.h"

#include <csv.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

/*
 * The parser's buffer for one field also holds a closing quote and any
 * blanks after it; past this size the field is too long.
 */
#define FIELD_BUF_MAX (CSV_FIELD_MAX + 64)

struct ctx {
	const char *name;
	struct csv_table *t;
	struct csv_row row; /* the row being read */
	size_t alloc_fields;
	size_t line;       /* of the line being fed */
	size_t field_line; /* where the open field began; 0: on this line */
	int rc;            /* the first error */
};

static int bad(struct ctx *c, size_t line, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int bad(struct ctx *c, size_t line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (c->rc)
		return c->rc;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->rc = error_set(E_INVALID, "%s:%zu: %s", c->name, line, msg);
	return c->rc;
}

static void row_release(struct csv_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->fields[i]);
	free(r->fields);
	memset(r, 0, sizeof(*r));
}

static void on_field(void *data, size_t len, void *ctx)
{
	struct ctx *c = ctx;
	size_t line = c->field_line ? c->field_line : c->line;
	const char *d = data;
	size_t k = 0;
	char *f;

	c->field_line = 0;
	if (c->rc)
		return;
	if (!c->row.n)
		c->row.line = line;
	if (c->row.n == CSV_MAX_FIELDS) {
		bad(c, c->row.line, "more than %d fields in a row", CSV_MAX_FIELDS);
		return;
	}
	if (len > CSV_FIELD_MAX) {
		bad(c, line, "field %zu is longer than %d bytes", c->row.n + 1,
		    CSV_FIELD_MAX);
		return;
	}
	if (len && memchr(data, '\0', len)) {
		bad(c, line, "field %zu contains a NUL byte", c->row.n + 1);
		return;
	}
	if (len && !utf8_valid(data, len)) {
		bad(c, line, "field %zu is not valid UTF-8 (save the file as UTF-8)",
		    c->row.n + 1);
		return;
	}
	/* A line break inside a quoted field (CR LF or CR) is kept as LF. */
	f = xmalloc(len + 1);
	for (size_t i = 0; i < len; i++) {
		if (d[i] != '\r')
			f[k++] = d[i];
		else if (i + 1 == len || d[i + 1] != '\n')
			f[k++] = '\n';
	}
	f[k] = '\0';
	ALLOC_GROW(c->row.fields, c->row.n + 1, c->alloc_fields);
	c->row.fields[c->row.n++] = f;
}

static void on_row(int term, void *ctx)
{
	struct ctx *c = ctx;
	struct csv_table *t = c->t;

	if (c->rc)
		return;
	if (t->n == CSV_MAX_ROWS) {
		bad(c, c->row.line, "more than %d rows", CSV_MAX_ROWS);
		return;
	}
	if (t->n && c->row.n != t->rows[0].n) {
		bad(c, c->row.line,
		    "%zu fields, but the header (line %zu) has %zu (a comma or a line "
		    "break inside a field needs quotes)",
		    c->row.n, t->rows[0].line, t->rows[0].n);
		return;
	}
	ALLOC_GROW(t->rows, t->n + 1, t->alloc);
	t->rows[t->n++] = c->row;
	memset(&c->row, 0, sizeof(c->row));
	c->alloc_fields = 0;
}

/* Refusing to grow makes libcsv stop with CSV_ENOMEM: the field is too long. */
static void *bounded_realloc(void *p, size_t n)
{
	if (n > FIELD_BUF_MAX)
		return NULL;
	return xrealloc(p, n);
}

/* The length of the line at s, through its LF, CR LF or lone CR. */
static size_t line_len(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			return i + 1;
		if (s[i] == '\r')
			return i + 1 < len && s[i + 1] == '\n' ? i + 2 : i + 1;
	}
	return len;
}

static void parse_error(struct ctx *c, struct csv_parser *p)
{
	int e = csv_error(p);

	if (e == CSV_EPARSE && p->quoted)
		bad(c, c->line,
		    "text after the closing quote of a field (a quote inside a quoted "
		    "field is written twice: \"\")");
	else if (e == CSV_EPARSE)
		bad(c, c->line,
		    "a quote inside an unquoted field (quote the whole field and write "
		    "the quote twice: \"\")");
	else if (e == CSV_ENOMEM || e == CSV_ETOOBIG)
		bad(c, c->field_line ? c->field_line : c->line,
		    "field %zu is longer than %d bytes", c->row.n + 1, CSV_FIELD_MAX);
	else
		bad(c, c->line, "%s", csv_strerror(e));
}

int csv_table_parse(const char *name, const char *buf, size_t len, struct csv_table *out)
{
	struct csv_parser p;
	struct ctx c = { .name = name, .t = out, .line = 1 };
	size_t pos = 0;

	memset(out, 0, sizeof(*out));
	if (len > CSV_FILE_MAX)
		return error_set(E_INVALID, "%s: larger than %zu bytes", name,
		                 CSV_FILE_MAX);
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		pos = 3;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI))
		BUG("csv_init failed");
	csv_set_realloc_func(&p, bounded_realloc);
	csv_set_free_func(&p, free);
	csv_set_blk_size(&p, 1024);
	while (pos < len && !c.rc) {
		size_t n = line_len(buf + pos, len - pos);

		if (csv_parse(&p, buf + pos, n, on_field, on_row, &c) != n) {
			parse_error(&c, &p);
			break;
		}
		/* Only a quoted field outlives its line. */
		if (p.quoted && !c.field_line)
			c.field_line = c.line;
		pos += n;
		if (buf[pos - 1] == '\n' || buf[pos - 1] == '\r')
			c.line++;
	}
	if (!c.rc && csv_fini(&p, on_field, on_row, &c))
		bad(&c, c.field_line ? c.field_line : c.line,
		    "unterminated quoted field: its closing quote is missing");
	row_release(&c.row);
	csv_free(&p);
	return c.rc;
}

void csv_table_release(struct csv_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		row_release(&t->rows[i]);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

bool csv_row_blank(const struct csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (!text_blank(row->fields[i]))
			return false;
	return true;
}

/* ---- the header ---- */

static bool blank_char(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* One character of a column name as compared: lower case, '-' and ' ' as '_'. */
static int name_char(char ch)
{
	if (ch == '-' || ch == ' ')
		return '_';
	return tolower((unsigned char)ch);
}

static bool name_eq(const char *s, size_t len, const char *col)
{
	size_t i;

	for (i = 0; i < len && col[i]; i++)
		if (name_char(s[i]) != name_char(col[i]))
			return false;
	return i == len && !col[i];
}

/* A column name fit for a one-line message: short, controls shown as '?'. */
static void shown_name(struct strbuf *sb, const char *s, size_t len)
{
	size_t max = len > 60 ? 60 : len;

	for (size_t i = 0; i < max; i++)
		strbuf_addch(sb, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i]);
	if (max < len)
		strbuf_addstr(sb, "...");
}

int csv_header_map(const char *name, const struct csv_row *header,
                   const struct csv_column *cols, size_t ncols, int *index)
{
	struct strbuf sb = STRBUF_INIT;
	size_t nmissing = 0;
	int rc = 0;

	for (size_t i = 0; i < ncols; i++)
		index[i] = -1;
	for (size_t f = 0; !rc && f < header->n; f++) {
		const char *s = header->fields[f];
		size_t len = strlen(s), i;

		while (len && blank_char(*s))
			s++, len--;
		while (len && blank_char(s[len - 1]))
			len--;
		if (!len) {
			rc = error_set(E_INVALID,
			               "%s:%zu: column %zu of the header has no name",
			               name, header->line, f + 1);
			break;
		}
		for (i = 0; i < ncols && !name_eq(s, len, cols[i].name); i++)
			;
		if (i == ncols) {
			shown_name(&sb, s, len);
			strbuf_addstr(&sb, "' (the columns are ");
			for (size_t k = 0; k < ncols; k++)
				strbuf_addf(&sb, "%s%s", k ? ", " : "", cols[k].name);
			rc = error_set(E_INVALID, "%s:%zu: unknown column '%s)", name,
			               header->line, sb.buf);
		} else if (index[i] >= 0) {
			rc = error_set(
			        E_INVALID,
			        "%s:%zu: column '%s' appears twice (columns %d and %zu)",
			        name, header->line, cols[i].name, index[i] + 1, f + 1);
		} else {
			index[i] = (int)f;
		}
	}
	for (size_t i = 0; !rc && i < ncols; i++) {
		if (!cols[i].required || index[i] >= 0)
			continue;
		strbuf_addf(&sb, "%s'%s'", nmissing++ ? ", " : "", cols[i].name);
	}
	if (!rc && nmissing)
		rc = error_set(E_INVALID, "%s:%zu: missing required column%s %s", name,
		               header->line, nmissing > 1 ? "s" : "", sb.buf);
	strbuf_release(&sb);
	return rc;
}
