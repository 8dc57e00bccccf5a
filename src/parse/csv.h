/*
 * csv.h - comma-separated values (spreadsheet exports) into a table of
 * text fields.
 *
 * Parsing is strict (libcsv's strict mode): a quote inside an unquoted
 * field, text after a closing quote and an unterminated quoted field are
 * errors, and so is a row whose number of fields differs from the first
 * row's, since that is how a stray line break or comma shows.  Every field
 * must be valid UTF-8 without NUL bytes.  A UTF-8 byte order mark at the
 * start is skipped; lines end with LF, CR LF or CR; blank lines are
 * skipped; spaces around unquoted fields are dropped; a line break
 * inside a quoted field (CR LF or CR) becomes LF.  Sizes and counts are
 * bounded.  Errors are E_INVALID and name the source and the line:
 * "risks.csv:7: ...".
 */
#ifndef ISMS_CSV_H
#define ISMS_CSV_H

#include <stdbool.h>
#include <stddef.h>

#define CSV_FILE_MAX ((size_t)16 << 20)
#define CSV_MAX_ROWS 10000  /* the header included */
#define CSV_MAX_FIELDS 64   /* per row */
#define CSV_FIELD_MAX 20000 /* bytes per field */

struct csv_row {
	size_t line; /* where the row starts, 1-based */
	size_t n;
	char **fields; /* NUL-terminated */
};

struct csv_table {
	struct csv_row *rows;
	size_t n, alloc;
};

/*
 * Parse `len` bytes into *out (which the caller releases with
 * csv_table_release(), also on failure).  `name` labels error messages.
 */
int csv_table_parse(const char *name, const char *buf, size_t len, struct csv_table *out);
void csv_table_release(struct csv_table *t);

/* A column a header row may name, and whether it must. */
struct csv_column {
	const char *name;
	bool required;
};

/*
 * Find each of the `ncols` columns in a header row: index[i] receives the
 * field number of cols[i], or -1 when the header does not name it.  Names
 * match case-insensitively, without surrounding blanks, and '-' or a space
 * matches '_'.  A name that is not one of cols, a column named twice, a
 * column without a name and a required column that is missing are errors.
 */
int csv_header_map(const char *name, const struct csv_row *header,
                   const struct csv_column *cols, size_t ncols, int *index);

/* True when every field of the row is blank. */
bool csv_row_blank(const struct csv_row *row);

#endif
