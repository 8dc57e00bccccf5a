/*
 * test-csv.c - the CSV reader: fields, lines, limits, malformed input,
 * and the header of an import.
 */
#include "unit.h"

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "parse/csv.h"

static void parse_ok(const char *text, struct csv_table *t)
{
	assert_ok(csv_table_parse("t.csv", text, strlen(text), t));
}

static void parse_fails(const char *text, size_t len, const char *part)
{
	struct csv_table t;

	assert_fails(csv_table_parse("t.csv", text, len, &t), E_INVALID, part);
	csv_table_release(&t);
}

#define FAILS(text, part) parse_fails(text, sizeof(text) - 1, part)

static void test_fields_and_lines(void **state)
{
	struct csv_table t;

	(void)state;
	parse_ok("title,assets,note\n"
	         "\"Data, stolen\",\"DB,Web\",\"say \"\"hi\"\"\"\n"
	         "\n"
	         "\"two\nlines\",  trimmed  ,\" kept \"\n"
	         "last,,\"\"",
	         &t);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.rows[0].line, 1);
	assert_int_equal(t.rows[0].n, 3);
	assert_string_equal(t.rows[0].fields[2], "note");
	assert_int_equal(t.rows[1].line, 2);
	assert_string_equal(t.rows[1].fields[0], "Data, stolen");
	assert_string_equal(t.rows[1].fields[1], "DB,Web");
	assert_string_equal(t.rows[1].fields[2], "say \"hi\"");
	/* The blank line 3 is skipped; the quoted line break spans 4 and 5. */
	assert_int_equal(t.rows[2].line, 4);
	assert_string_equal(t.rows[2].fields[0], "two\nlines");
	assert_string_equal(t.rows[2].fields[1], "trimmed");
	assert_string_equal(t.rows[2].fields[2], " kept ");
	assert_false(csv_row_blank(&t.rows[2]));
	assert_int_equal(t.rows[3].line, 6);
	assert_string_equal(t.rows[3].fields[0], "last");
	assert_string_equal(t.rows[3].fields[2], "");
	csv_table_release(&t);

	/* The last row, without a line end, starts on line 6. */
	parse_ok("a,b\n\"x\ny\",1\n\nlast,2", &t);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.rows[1].line, 2);
	assert_int_equal(t.rows[2].line, 5);
	assert_string_equal(t.rows[2].fields[0], "last");
	csv_table_release(&t);

	parse_ok(",,\n", &t);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.rows[0].n, 3);
	assert_true(csv_row_blank(&t.rows[0]));
	csv_table_release(&t);
}

static void test_bom_and_line_ends(void **state)
{
	struct csv_table t;

	(void)state;
	/* A byte order mark, CR LF line ends and a CR LF inside a field. */
	parse_ok("\xef\xbb\xbfname,type\r\n\"a\r\nb\",x\r\n\r\nc,\"y\rz\"\r\n", &t);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.rows[0].fields[0], "name");
	assert_string_equal(t.rows[1].fields[0], "a\nb");
	assert_int_equal(t.rows[2].line, 5);
	assert_string_equal(t.rows[2].fields[1], "y\nz");
	csv_table_release(&t);

	/* Lone CRs end lines too. */
	parse_ok("a\rb\r\rc", &t);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.rows[2].line, 4);
	assert_string_equal(t.rows[2].fields[0], "c");
	csv_table_release(&t);

	parse_ok("", &t);
	assert_int_equal(t.n, 0);
	csv_table_release(&t);
	parse_ok("\xef\xbb\xbf\n\n", &t);
	assert_int_equal(t.n, 0);
	csv_table_release(&t);

	/* Only the first byte order mark is one. */
	parse_ok("\xef\xbb\xbf\xef\xbb\xbfx\n", &t);
	assert_string_equal(t.rows[0].fields[0], "\xef\xbb\xbfx");
	csv_table_release(&t);
}

static void test_malformed(void **state)
{
	(void)state;
	FAILS("a,b\n1,2\n\"open,3\n4,5\n",
	      "t.csv:3: unterminated quoted field: its closing quote is missing");
	FAILS("a,b\n1,\"x", "t.csv:2: unterminated quoted field");
	FAILS("a,b\n1,x\"y\n", "t.csv:2: a quote inside an unquoted field");
	FAILS("a,b\n1,\"x\"y\n", "t.csv:2: text after the closing quote");
	FAILS("a,b\n\"multi\nline\",\"x\" \"\n", "t.csv:3: text after the closing quote");
	FAILS("a,b\n1,2\n1,2,3\n", "t.csv:3: 3 fields, but the header (line 1) has 2");
	FAILS("a,b,c\n1,2\n", "t.csv:2: 2 fields, but the header (line 1) has 3");
	FAILS("a,b\n1,\"caf\xe9\"\n", "t.csv:2: field 2 is not valid UTF-8");
	/* The field, not its row, names the line. */
	FAILS("a,b\n\n\"x\ny\",\"\xc0\xaf\"\n", "t.csv:4: field 2 is not valid UTF-8");
	FAILS("a,b\n1,\"x\0y\"\n", "t.csv:2: field 2 contains a NUL byte");
}

static void test_limits(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct csv_table t;
	char *big;

	(void)state;
	/* A field of the largest size passes, quoted or not; one byte more fails. */
	strbuf_addstr(&sb, "a,b\n1,");
	for (int i = 0; i < CSV_FIELD_MAX; i++)
		strbuf_addch(&sb, 'x');
	assert_ok(csv_table_parse("t.csv", sb.buf, sb.len, &t));
	assert_int_equal(strlen(t.rows[1].fields[1]), CSV_FIELD_MAX);
	csv_table_release(&t);
	strbuf_addch(&sb, 'x');
	parse_fails(sb.buf, sb.len, "t.csv:2: field 2 is longer than 20000 bytes");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "a\n\"");
	for (int i = 0; i < CSV_FIELD_MAX; i++)
		strbuf_addstr(&sb, i % 100 ? "y" : "\n");
	strbuf_addstr(&sb, "\"\n");
	assert_ok(csv_table_parse("t.csv", sb.buf, sb.len, &t));
	csv_table_release(&t);
	/* A runaway quoted field stops at the limit, not at the end of memory. */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "a\n\"");
	for (int i = 0; i < 3 * CSV_FIELD_MAX; i++)
		strbuf_addch(&sb, 'z');
	parse_fails(sb.buf, sb.len, "t.csv:2: field 1 is longer than 20000 bytes");

	strbuf_reset(&sb);
	for (int i = 0; i <= CSV_MAX_FIELDS; i++)
		strbuf_addstr(&sb, i ? ",f" : "f");
	parse_fails(sb.buf, sb.len, "t.csv:1: more than 64 fields in a row");

	strbuf_reset(&sb);
	for (int i = 0; i < CSV_MAX_ROWS; i++)
		strbuf_addstr(&sb, "r\n");
	assert_ok(csv_table_parse("t.csv", sb.buf, sb.len, &t));
	assert_int_equal(t.n, CSV_MAX_ROWS);
	csv_table_release(&t);
	strbuf_addstr(&sb, "r\n");
	parse_fails(sb.buf, sb.len, "t.csv:10001: more than 10000 rows");
	strbuf_release(&sb);

	big = xmalloc(CSV_FILE_MAX + 1);
	memset(big, '\n', CSV_FILE_MAX + 1);
	parse_fails(big, CSV_FILE_MAX + 1, "t.csv: larger than");
	free(big);
}

static const struct csv_column cols[] = {
	{ "title", true },
	{ "assets", true },
	{ "residual_likelihood", false },
	{ "owner", false },
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

static void header_fails(const char *text, const char *part)
{
	struct csv_table t;
	int index[NCOLS];

	parse_ok(text, &t);
	assert_fails(csv_header_map("h.csv", &t.rows[0], cols, NCOLS, index), E_INVALID,
	             part);
	csv_table_release(&t);
}

static void test_header(void **state)
{
	struct csv_table t;
	int index[NCOLS];

	(void)state;
	parse_ok(" Assets ,\"TITLE \",Residual-Likelihood\n", &t);
	assert_ok(csv_header_map("h.csv", &t.rows[0], cols, NCOLS, index));
	assert_int_equal(index[0], 1);
	assert_int_equal(index[1], 0);
	assert_int_equal(index[2], 2);
	assert_int_equal(index[3], -1);
	csv_table_release(&t);
	parse_ok("residual likelihood,title,assets\n", &t);
	assert_ok(csv_header_map("h.csv", &t.rows[0], cols, NCOLS, index));
	assert_int_equal(index[2], 0);
	csv_table_release(&t);

	header_fails("title,assets,colour\n",
	             "h.csv:1: unknown column 'colour' (the columns are title, assets, "
	             "residual_likelihood, owner)");
	header_fails("title,assets,\"a\nb\"\n", "unknown column 'a?b'");
	header_fails("title,assets,Title\n",
	             "h.csv:1: column 'title' appears twice (columns 1 and 3)");
	header_fails("title,owner\n", "h.csv:1: missing required column 'assets'");
	header_fails("owner\n", "h.csv:1: missing required columns 'title', 'assets'");
	header_fails("title,,assets\n", "h.csv:1: column 2 of the header has no name");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_lines),
		cmocka_unit_test(test_bom_and_line_ends),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
