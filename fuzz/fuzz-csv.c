/*
 * fuzz-csv.c - libFuzzer target for the CSV reader and the header of an
 * import.  Whatever parses must keep the reader's promises (bounded,
 * rectangular, valid UTF-8, lines in order), and writing the table back
 * as CSV and reading it again must give the same table.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/text.h"
#include "parse/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct csv_column cols[] = {
	{ "title", true },       { "assets", true },
	{ "likelihood", false }, { "residual_likelihood", false },
	{ "in_scope", false },
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

static void check(const struct csv_table *t)
{
	if (t->n > CSV_MAX_ROWS)
		abort();
	for (size_t r = 0; r < t->n; r++) {
		const struct csv_row *row = &t->rows[r];

		if (!row->n || row->n != t->rows[0].n || row->n > CSV_MAX_FIELDS)
			abort();
		if (row->line < 1 || (r && row->line <= t->rows[r - 1].line))
			abort();
		for (size_t f = 0; f < row->n; f++) {
			size_t len = strlen(row->fields[f]);

			if (len > CSV_FIELD_MAX || !utf8_valid(row->fields[f], len))
				abort();
		}
	}
}

/* The table as CSV again, every field quoted. */
static void write_csv(const struct csv_table *t, struct strbuf *sb)
{
	for (size_t r = 0; r < t->n; r++) {
		for (size_t f = 0; f < t->rows[r].n; f++) {
			const char *s = t->rows[r].fields[f];

			strbuf_addstr(sb, f ? ",\"" : "\"");
			for (; *s; s++) {
				if (*s == '"')
					strbuf_addch(sb, '"');
				strbuf_addch(sb, *s);
			}
			strbuf_addch(sb, '"');
		}
		strbuf_addch(sb, '\n');
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_table t, again;
	struct strbuf sb = STRBUF_INIT;
	int index[NCOLS];

	if (csv_table_parse("fuzz.csv", (const char *)data, size, &t) == 0) {
		check(&t);
		if (t.n &&
		    csv_header_map("fuzz.csv", &t.rows[0], cols, NCOLS, index) == 0) {
			for (size_t i = 0; i < NCOLS; i++)
				if (index[i] >= (int)t.rows[0].n ||
				    (cols[i].required && index[i] < 0))
					abort();
		}
		write_csv(&t, &sb);
		if (csv_table_parse("again.csv", sb.buf, sb.len, &again))
			abort();
		if (again.n != t.n)
			abort();
		for (size_t r = 0; r < t.n; r++)
			for (size_t f = 0; f < t.rows[r].n; f++)
				if (strcmp(t.rows[r].fields[f], again.rows[r].fields[f]))
					abort();
		csv_table_release(&again);
	}
	csv_table_release(&t);
	strbuf_release(&sb);
	return 0;
}
