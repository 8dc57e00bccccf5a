/*
 * soa-xlsx.c - the Statement of Applicability as an XLSX workbook: the SoA
 * on the first sheet, the risk register on the second.
 *
 * Row 1 of each sheet is the header and nothing sits above it, so tools
 * that read the workbook find the table where they expect it.  Every
 * stored text is written as a string cell, never as a formula, whatever
 * it starts with.
 */
#include "view/soa.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/error.h"
#include "core/xalloc.h"

/* The most characters a cell holds; longer text is cut rather than refused. */
#define CELL_MAX 32767

/* A workbook being written, with the first error met; later writes are
 * skipped so the first cause is the one reported. */
struct book {
	lxw_workbook *wb;
	lxw_format *head, *body, *num;
	lxw_error err;
};

/* A string too long for a cell, cut on a character boundary with an
 * ellipsis; NULL when s fits as it is. */
static char *cut_to_cell(const char *s)
{
	size_t n = strlen(s), keep = CELL_MAX - 3;
	char *out;

	if (n <= CELL_MAX)
		return NULL;
	while (keep && ((unsigned char)s[keep] & 0xc0) == 0x80)
		keep--;
	out = xmalloc(keep + 4);
	memcpy(out, s, keep);
	memcpy(out + keep, "\xe2\x80\xa6", 4);
	return out;
}

static void put_str(struct book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    const char *s)
{
	char *cut;

	if (b->err)
		return;
	if (!s)
		s = "";
	cut = cut_to_cell(s);
	b->err = worksheet_write_string(ws, row, col, cut ? cut : s, b->body);
	free(cut);
}

/* A value on the method's scale as a number; blank when off the scale. */
static void put_scale(struct book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                      int v, int n)
{
	if (b->err)
		return;
	if (v >= 1 && v <= n)
		b->err = worksheet_write_number(ws, row, col, v, b->num);
	else
		b->err = worksheet_write_blank(ws, row, col, b->num);
}

/* A header cell's text and its column's width in characters. */
struct column {
	const char *name;
	double width;
};

/* The header row, frozen, and an autofilter over the header and nrows rows. */
static void table(struct book *b, lxw_worksheet *ws, const struct column *cols,
                  size_t ncols, size_t nrows)
{
	for (size_t c = 0; c < ncols && !b->err; c++) {
		b->err = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		                              cols[c].width, NULL);
		if (!b->err)
			b->err = worksheet_write_string(ws, 0, (lxw_col_t)c, cols[c].name,
			                                b->head);
	}
	if (b->err)
		return;
	worksheet_freeze_panes(ws, 1, 0);
	b->err = worksheet_autofilter(ws, 0, 0, (lxw_row_t)nrows, (lxw_col_t)(ncols - 1));
}

static const struct column soa_cols[] = {
	{ "Reference", 11 },    { "Title", 40 },         { "Theme", 15 },
	{ "Applicable", 12 },   { "Justification", 60 }, { "Implementation status", 26 },
	{ "Linked risks", 16 }, { "Evidence", 48 },
};

#define NCOLS(a) (sizeof(a) / sizeof(*(a)))

/* The composed cells of a row, in the columns after Applicable. */
static int (*const row_cells[])(const struct soa_row *, struct strbuf *) = {
	soa_row_justification,
	soa_row_status_text,
	soa_row_risks_text,
	soa_row_evidence_text,
};

static int soa_sheet(struct book *b, lxw_worksheet *ws, const struct soa *s)
{
	struct strbuf text = STRBUF_INIT;
	int rc = 0;

	if (s->n >= LXW_ROW_MAX)
		return error_set(E_INVALID, "too many controls for a worksheet (%zu)",
		                 s->n);
	table(b, ws, soa_cols, NCOLS(soa_cols), s->n);
	for (size_t i = 0; i < s->n && !b->err && !rc; i++) {
		const struct soa_row *r = &s->v[i];
		lxw_row_t row = (lxw_row_t)(i + 1);

		put_str(b, ws, row, 0, r->ref);
		put_str(b, ws, row, 1, r->title);
		put_str(b, ws, row, 2, r->theme);
		put_str(b, ws, row, 3, r->applicable ? "Yes" : "No");
		for (size_t k = 0; k < NCOLS(row_cells) && !rc; k++) {
			strbuf_reset(&text);
			rc = row_cells[k](r, &text);
			put_str(b, ws, row, (lxw_col_t)(4 + k), text.buf);
		}
	}
	strbuf_release(&text);
	return rc;
}

static const struct column risk_cols[] = {
	{ "ID", 7 },
	{ "Title", 32 },
	{ "Assets", 24 },
	{ "Threat", 30 },
	{ "Vulnerability", 30 },
	{ "Consequence", 30 },
	{ "Likelihood", 11 },
	{ "Impact", 9 },
	{ "Inherent level", 13 },
	{ "Treatment", 11 },
	{ "Controls", 18 },
	{ "Other controls", 28 },
	{ "Residual likelihood", 11 },
	{ "Residual impact", 10 },
	{ "Residual level", 13 },
	{ "Owner", 18 },
	{ "Accepted by", 18 },
	{ "Accepted on", 12 },
	{ "Next review", 12 },
};

static int join(struct strbuf *sb, char *const *v, size_t n, const char *sep)
{
	int rc = 0;

	strbuf_reset(sb);
	for (size_t i = 0; i < n && !rc; i++) {
		if (i)
			rc = strbuf_addstr(sb, sep);
		if (!rc)
			rc = strbuf_addstr(sb, v[i]);
	}
	return rc;
}

static int risk_sheet(struct book *b, lxw_worksheet *ws, const struct risk_list *l,
                      const struct risk_method *m)
{
	struct strbuf text = STRBUF_INIT;
	int nl = m ? m->nlikelihood : RISK_SCALE_MAX;
	int ni = m ? m->nimpact : RISK_SCALE_MAX;
	size_t n = l ? l->n : 0;
	int rc = 0;

	if (n >= LXW_ROW_MAX)
		return error_set(E_INVALID, "too many risks for a worksheet (%zu)", n);
	table(b, ws, risk_cols, NCOLS(risk_cols), n);
	for (size_t i = 0; i < n && !b->err && !rc; i++) {
		const struct risk *r = &l->v[i];
		lxw_row_t row = (lxw_row_t)(i + 1);

		strbuf_reset(&text);
		rc = strbuf_addf(&text, "R%lld", (long long)r->id);
		put_str(b, ws, row, 0, text.buf);
		put_str(b, ws, row, 1, r->title);
		if (!rc)
			rc = join(&text, r->assets, r->nassets, "\n");
		put_str(b, ws, row, 2, text.buf);
		put_str(b, ws, row, 3, r->threat);
		put_str(b, ws, row, 4, r->vulnerability);
		put_str(b, ws, row, 5, r->consequence);
		put_scale(b, ws, row, 6, r->likelihood, nl);
		put_scale(b, ws, row, 7, r->impact, ni);
		put_str(b, ws, row, 8,
		        r->inherent_level ? risk_level_name(r->inherent_level) : "");
		put_str(b, ws, row, 9, risk_treatment_name(r->treatment));
		if (!rc)
			rc = join(&text, r->controls, r->ncontrols, ", ");
		put_str(b, ws, row, 10, text.buf);
		put_str(b, ws, row, 11, r->other_controls);
		put_scale(b, ws, row, 12, r->residual_likelihood, nl);
		put_scale(b, ws, row, 13, r->residual_impact, ni);
		put_str(b, ws, row, 14,
		        r->residual_level ? risk_level_name(r->residual_level) : "");
		put_str(b, ws, row, 15, r->owner);
		put_str(b, ws, row, 16, r->accepted_by);
		put_str(b, ws, row, 17, r->accepted_on);
		put_str(b, ws, row, 18, r->review_on);
	}
	strbuf_release(&text);
	return rc;
}

static int properties(struct book *b, const struct soa_doc *d)
{
	struct strbuf title = STRBUF_INIT, org = STRBUF_INIT;
	lxw_doc_properties p = { 0 };
	int rc;

	rc = strbuf_addf(&title, "Statement of Applicability \xe2\x80\x94 %s",
	                 d->org->name);
	if (!rc)
		rc = strbuf_addstr(&org, d->org->name);
	if (!rc && !b->err) {
		/* libxlsxwriter copies the strings. */
		p.title = title.buf;
		p.company = org.buf;
		b->err = workbook_set_properties(b->wb, &p);
	}
	strbuf_release(&title);
	strbuf_release(&org);
	return rc;
}

static lxw_format *new_format(struct book *b, bool head)
{
	lxw_format *f = workbook_add_format(b->wb);

	if (!f) {
		b->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return NULL;
	}
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(f);
	if (head) {
		format_set_bold(f);
		format_set_bg_color(f, 0xF3F5F7);
		format_set_bottom(f, LXW_BORDER_THIN);
	}
	return f;
}

/*
 * Open the file once before the library does: a bad path then fails with
 * the system's reason in our one message, rather than with a line the
 * library prints on stderr.  Appending leaves an existing file as it is.
 */
static int check_writable(const char *path, bool *created)
{
	FILE *fp;

	*created = access(path, F_OK) != 0;
	fp = fopen(path, "ab");
	if (!fp)
		return error_set(E_IO, "cannot write '%s': %s", path, strerror(errno));
	fclose(fp);
	return 0;
}

static int fail(const char *path, bool created, int rc, lxw_error err)
{
	if (created)
		unlink(path); /* leave no empty or partial file of ours behind */
	return rc ? rc
	          : error_set(E_IO, "cannot write '%s': %s", path, lxw_strerror(err));
}

int soa_render_xlsx(const struct soa_doc *d, const char *path)
{
	struct book b = { 0 };
	lxw_worksheet *soa_ws = NULL, *risk_ws = NULL;
	bool created;
	int rc = check_writable(path, &created);

	if (rc)
		return rc;
	b.wb = workbook_new(path);
	if (!b.wb)
		return fail(path, created, 0, LXW_ERROR_MEMORY_MALLOC_FAILED);
	b.head = new_format(&b, true);
	b.body = new_format(&b, false);
	if (b.body) {
		b.num = new_format(&b, false);
		if (b.num)
			format_set_align(b.num, LXW_ALIGN_LEFT);
	}
	if (!b.err) {
		soa_ws = workbook_add_worksheet(b.wb, "Statement of Applicability");
		risk_ws = workbook_add_worksheet(b.wb, "Risk register");
		if (!soa_ws || !risk_ws)
			b.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
	}
	if (!b.err)
		rc = soa_sheet(&b, soa_ws, d->soa);
	if (!b.err && !rc)
		rc = risk_sheet(&b, risk_ws, d->risks, d->method);
	if (!b.err && !rc)
		rc = properties(&b, d);
	if (b.err || rc) {
		/* The library writes the file only on close: nothing is half
		 * written yet. */
		lxw_workbook_free(b.wb);
		return fail(path, created, rc, b.err);
	}
	b.err = workbook_close(b.wb);
	return b.err ? fail(path, created, 0, b.err) : 0;
}
