/*
 * svg.c - the charts of svg.h.
 *
 * Each chart writes its frame (open_chart: the <svg> element, its <title>
 * and its <desc>), then its drawing.  The description is composed as plain
 * text first and escaped once, like every other caller-given string; the
 * program's own markup is written as is.  Coordinates are whole units of
 * the viewBox except where shares of a bar need a decimal.
 */
#include "view/svg.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "view/doc.h"

/* Body text and secondary text (5.9:1 on white), gridlines, empty tracks. */
#define INK "#1f2328"
#define INK_MUTED "#57606a"
#define LINE "#d0d7de"
#define TRACK "#f3f5f7"

static const struct {
	const char *fill, *ink;
} tones[SVG_TONES] = {
	[SVG_GREEN] = { "#2e7d32", "#ffffff" }, [SVG_AMBER] = { "#f9a825", INK },
	[SVG_ORANGE] = { "#ef6c00", INK },      [SVG_RED] = { "#c62828", "#ffffff" },
	[SVG_BLUE] = { "#0969da", "#ffffff" },  [SVG_GREY] = { "#90a4ae", INK },
	[SVG_LIGHT] = { "#e6e6e6", INK },
};

static enum svg_tone tone_ok(enum svg_tone t)
{
	return (unsigned)t < SVG_TONES ? t : SVG_LIGHT;
}

const char *svg_tone_fill(enum svg_tone t)
{
	return tones[tone_ok(t)].fill;
}

const char *svg_tone_ink(enum svg_tone t)
{
	return tones[tone_ok(t)].ink;
}

/* ---- shared pieces ---- */

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static bool blank(const char *s)
{
	return !s || !*s;
}

/* Characters, not bytes, of UTF-8 text: for estimating widths. */
static size_t text_chars(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* An id as an attribute value and a reference target: letters, digits,
 * '-' and '_' only, since aria-labelledby splits on spaces. */
static void put_id(struct doc_out *o, const char *id, const char *suffix)
{
	char c[2] = { 0, 0 };

	if (blank(id))
		id = "chart";
	for (; *id; id++) {
		bool ok = (*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z') ||
		          (*id >= '0' && *id <= '9') || *id == '-' || *id == '_';

		c[0] = ok ? *id : '_';
		doc_put(o, c);
	}
	if (suffix)
		doc_put(o, suffix);
}

/* Text cut to about max characters; callers put the whole in a tooltip or
 * the description. */
static void put_cut(struct doc_out *o, const char *s, size_t max)
{
	char *cut = doc_short_label(s ? s : "", max);

	doc_html(o, cut);
	free(cut);
}

/*
 * A percentage as the charts treat it: negative (or not a number) means
 * not assessed and comes back as -1; more than 100 is 100.
 */
static double pct_clamp(double v)
{
	if (!(v >= 0))
		return -1;
	return v > 100 ? 100 : v;
}

static enum svg_tone pct_tone(double v, double amber_from, double green_from)
{
	if (amber_from == 0 && green_from == 0) {
		amber_from = SVG_AMBER_FROM;
		green_from = SVG_GREEN_FROM;
	}
	if (v >= green_from)
		return SVG_GREEN;
	return v >= amber_from ? SVG_AMBER : SVG_RED;
}

/* "72.5%", or "not assessed". */
static void pct_text(struct strbuf *sb, double v)
{
	if (v < 0)
		strbuf_addstr(sb, "not assessed");
	else
		strbuf_addf(sb, "%.1f%%", v);
}

/*
 * The frame: <svg> with its size, the title, and the description (plain
 * text, escaped here).  Every chart is closed by close_chart.
 */
static void open_chart(struct doc_out *o, const char *id, const char *title, int width,
                       int height, const char *desc)
{
	doc_putf(o,
	         "<svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" "
	         "font-family=\"system-ui, sans-serif\" aria-labelledby=\"",
	         width, height);
	put_id(o, id, NULL);
	doc_put(o, "\" aria-describedby=\"");
	put_id(o, id, "-desc");
	doc_put(o, "\"><title id=\"");
	put_id(o, id, NULL);
	doc_put(o, "\">");
	doc_html(o, title);
	doc_put(o, "</title>\n<desc id=\"");
	put_id(o, id, "-desc");
	doc_put(o, "\">");
	doc_html(o, desc);
	doc_put(o, "</desc>\n");
}

/* Close the element; on failure, take back everything the call wrote. */
static int close_chart(struct doc_out *o, size_t start, struct strbuf *desc)
{
	doc_put(o, "</svg>\n");
	strbuf_release(desc);
	if (o->rc && o->sb->len > start) {
		o->sb->len = start;
		o->sb->buf[start] = '\0';
	}
	return o->rc;
}

/* A square legend key; drawn as a path so that rectangles stay the data. */
static void put_key(struct doc_out *o, int x, int y, enum svg_tone t)
{
	doc_putf(o,
	         "<path d=\"M%d %dh14v14h-14z\" fill=\"%s\" stroke=\"" INK_MUTED "\"/>",
	         x, y, svg_tone_fill(t));
}

/* ---- 1. Horizontal bars of percentages ---- */

#define BAR_LABEL_W 270
#define BAR_W 380
#define BAR_VALUE_W 70
#define BAR_ROW_H 26
#define BAR_TOP 26
#define BAR_LABEL_MAX 40

static void bars_desc(struct strbuf *d, const struct svg_bar_chart *c, double amber,
                      double green)
{
	for (size_t i = 0; i < c->nbars; i++) {
		const struct svg_bar *b = &c->bars[i];

		strbuf_addf(d, "%s%s: ", i ? "; " : "", b->label ? b->label : "");
		pct_text(d, pct_clamp(b->value));
		if (!blank(b->detail))
			strbuf_addf(d, " (%s)", b->detail);
	}
	strbuf_addstr(d, c->nbars ? "." : "No data to show.");
	for (size_t i = 0; i < c->nmarks; i++) {
		const struct svg_mark *m = &c->marks[i];

		strbuf_addf(d, "%s%.0f%%", i ? ", " : " Dashed lines at ",
		            pct_clamp(m->at) < 0 ? 0 : pct_clamp(m->at));
		if (!blank(m->label))
			strbuf_addf(d, " (%s)", m->label);
	}
	strbuf_addf(d,
	            "%s Bars are red below %.0f%%, amber below %.0f%% and green from "
	            "%.0f%%.",
	            c->nmarks ? "." : "", amber, green, green);
}

static void bars_grid(struct doc_out *o, int height)
{
	for (int p = 0; p <= 100; p += 20) {
		int x = BAR_LABEL_W + BAR_W * p / 100;

		doc_putf(o,
		         "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" LINE
		         "\"/><text x=\"%d\" y=\"%d\" font-size=\"10\" "
		         "text-anchor=\"middle\" fill=\"" INK_MUTED "\">%d%%</text>\n",
		         x, BAR_TOP - 4, x, height - 4, x, BAR_TOP - 10, p);
	}
}

static void bars_row(struct doc_out *o, const struct svg_bar_chart *c, size_t i,
                     struct strbuf *tip)
{
	const struct svg_bar *b = &c->bars[i];
	double v = pct_clamp(b->value);
	int y = BAR_TOP + (int)i * BAR_ROW_H;

	strbuf_reset(tip);
	strbuf_addf(tip, "%s: ", b->label ? b->label : "");
	pct_text(tip, v);
	if (!blank(b->detail))
		strbuf_addf(tip, "; %s", b->detail);
	doc_put(o, "<g><title>");
	doc_html(o, tip->buf);
	doc_putf(o, "</title><text x=\"0\" y=\"%d\" font-size=\"12\" fill=\"" INK "\">",
	         y + 17);
	put_cut(o, b->label, BAR_LABEL_MAX);
	doc_putf(o,
	         "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" "
	         "fill=\"" TRACK "\" stroke=\"" LINE "\"%s/>",
	         BAR_LABEL_W, y + 5, BAR_W, v < 0 ? " stroke-dasharray=\"4 3\"" : "");
	if (v < 0) {
		doc_putf(o,
		         "<text x=\"%d\" y=\"%d\" font-size=\"11\" font-style=\"italic\" "
		         "fill=\"" INK_MUTED "\">not assessed</text></g>\n",
		         BAR_LABEL_W + 6, y + 17);
		return;
	}
	if ((int)(BAR_W * v / 100.0 + 0.5) > 0)
		doc_putf(o,
		         "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" "
		         "fill=\"%s\"/>",
		         BAR_LABEL_W, y + 5, (int)(BAR_W * v / 100.0 + 0.5),
		         svg_tone_fill(pct_tone(v, c->amber_from, c->green_from)));
	doc_putf(o,
	         "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-weight=\"600\" "
	         "fill=\"" INK "\">%.1f%%</text></g>\n",
	         BAR_LABEL_W + BAR_W + 8, y + 17, v);
}

static void bars_marks(struct doc_out *o, const struct svg_bar_chart *c, int rows_end)
{
	for (size_t i = 0; i < c->nmarks; i++) {
		const struct svg_mark *m = &c->marks[i];
		double at = pct_clamp(m->at) < 0 ? 0 : pct_clamp(m->at);
		int x = BAR_LABEL_W + (int)(BAR_W * at / 100.0 + 0.5);

		doc_putf(o,
		         "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		         "stroke=\"" INK_MUTED
		         "\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n",
		         x, BAR_TOP - 2, x, rows_end);
		if (blank(m->label))
			continue;
		doc_putf(
		        o,
		        "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" "
		        "fill=\"" INK_MUTED "\">",
		        x, rows_end + 12);
		put_cut(o, m->label, 24);
		doc_put(o, "</text>\n");
	}
}

int svg_bar_chart(struct strbuf *out, const struct svg_bar_chart *c)
{
	struct doc_out o = { out, 0 };
	struct strbuf desc = STRBUF_INIT, tip = STRBUF_INIT;
	size_t start = out->len, rows = c->nbars ? c->nbars : 1;
	double amber = c->amber_from, green = c->green_from;
	bool mark_labels = false;
	int rows_end, height;

	if (c->nmarks > SVG_MARKS_MAX)
		return error_set(E_INVALID, "a bar chart takes at most %d marks, not %zu",
		                 SVG_MARKS_MAX, c->nmarks);
	if (amber == 0 && green == 0) {
		amber = SVG_AMBER_FROM;
		green = SVG_GREEN_FROM;
	}
	for (size_t i = 0; i < c->nmarks; i++)
		mark_labels |= !blank(c->marks[i].label);
	rows_end = BAR_TOP + (int)rows * BAR_ROW_H + 4;
	height = rows_end + (mark_labels ? 18 : 4);
	bars_desc(&desc, c, amber, green);
	open_chart(&o, c->id, c->title, BAR_LABEL_W + BAR_W + BAR_VALUE_W, height,
	           desc.buf);
	bars_grid(&o, rows_end);
	for (size_t i = 0; i < c->nbars; i++)
		bars_row(&o, c, i, &tip);
	if (!c->nbars)
		doc_putf(&o,
		         "<text x=\"0\" y=\"%d\" font-size=\"12\" fill=\"" INK_MUTED
		         "\">No data to show.</text>\n",
		         BAR_TOP + 17);
	bars_marks(&o, c, rows_end);
	strbuf_release(&tip);
	return close_chart(&o, start, &desc);
}

/* ---- 2. A distribution of counts ---- */

#define DIST_W 720
#define DIST_BAR_H 30
#define DIST_LEGEND_TOP 48
#define DIST_LEGEND_ROW 22

static double share(size_t count, size_t total)
{
	return total ? 100.0 * (double)count / (double)total : 0;
}

/* Digits of a count, for whether it fits on its part of the bar. */
static int digits(size_t n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

int svg_distribution(struct strbuf *out, const struct svg_distribution *d)
{
	struct doc_out o = { out, 0 };
	struct strbuf desc = STRBUF_INIT;
	size_t start = out->len, total = 0;
	int height = DIST_LEGEND_TOP + (int)d->nparts * DIST_LEGEND_ROW + 4;
	double x = 0;

	for (size_t i = 0; i < d->nparts; i++)
		total += d->parts[i].count;
	strbuf_addf(&desc, "%zu in all", total);
	for (size_t i = 0; i < d->nparts; i++) {
		const struct svg_part *p = &d->parts[i];

		strbuf_addf(&desc, "%s%s: %zu (%.1f%%)", i ? "; " : ": ",
		            p->label ? p->label : "", p->count, share(p->count, total));
	}
	strbuf_addch(&desc, '.');
	open_chart(&o, d->id, d->title, DIST_W, height, desc.buf);
	doc_putf(&o,
	         "<rect x=\"0\" y=\"8\" width=\"%d\" height=\"%d\" fill=\"none\" "
	         "stroke=\"" INK_MUTED "\"/>\n",
	         DIST_W, DIST_BAR_H);
	if (!total)
		doc_putf(
		        &o,
		        "<text x=\"%d\" y=\"28\" font-size=\"12\" text-anchor=\"middle\" "
		        "fill=\"" INK_MUTED "\">nothing recorded</text>\n",
		        DIST_W / 2);
	for (size_t i = 0; i < d->nparts; i++) {
		const struct svg_part *p = &d->parts[i];
		double w = DIST_W * share(p->count, total) / 100.0;
		int ly = DIST_LEGEND_TOP + (int)i * DIST_LEGEND_ROW;

		if (p->count) {
			doc_putf(&o,
			         "<rect x=\"%.1f\" y=\"8\" width=\"%.1f\" height=\"%d\" "
			         "fill=\"%s\" stroke=\"#ffffff\"><title>",
			         x, w, DIST_BAR_H, svg_tone_fill(p->tone));
			doc_html(&o, p->label);
			doc_putf(&o, ": %zu</title></rect>\n", p->count);
			if (w >= 10 + 7 * digits(p->count))
				doc_putf(
				        &o,
				        "<text x=\"%.1f\" y=\"28\" font-size=\"12\" "
				        "text-anchor=\"middle\" fill=\"%s\">%zu</text>\n",
				        x + w / 2, svg_tone_ink(p->tone), p->count);
		}
		x += w;
		put_key(&o, 0, ly, p->tone);
		doc_putf(&o, "<text x=\"22\" y=\"%d\" font-size=\"12\" fill=\"" INK "\">",
		         ly + 12);
		doc_html(&o, p->label);
		doc_putf(&o, ": %zu (%.1f%%)</text>\n", p->count, share(p->count, total));
	}
	return close_chart(&o, start, &desc);
}

/* ---- 3. A heat map ---- */

#define HM_AXIS 24   /* room for the rotated row title */
#define HM_LABEL 150 /* row values and labels */
#define HM_CELL_W 76
#define HM_CELL_H 46
#define HM_TOP 8
#define HM_BOTTOM 58 /* column values, labels and title */
#define HM_LEGEND 26

static const char *axis_label(const struct svg_axis *a, int v)
{
	return a->labels && !blank(a->labels[v - 1]) ? a->labels[v - 1] : NULL;
}

/* "likelihood 4 (Likely)", with the axis's title or its name. */
static void axis_value(struct strbuf *sb, const struct svg_axis *a, bool title, int v)
{
	const char *label = axis_label(a, v);
	const char *word = title ? a->title : a->name;

	strbuf_addf(sb, "%s %d", word ? word : "", v);
	if (label)
		strbuf_addf(sb, " (%s)", label);
}

static size_t heat_count(const struct svg_heatmap *h, int r, int c)
{
	return h->counts ? h->counts[(r - 1) * h->cols.n + (c - 1)] : 0;
}

/* The band of a cell, or NULL when it has none. */
static const struct svg_band *heat_band(const struct svg_heatmap *h, int r, int c)
{
	int lv = h->levels ? h->levels[(r - 1) * h->cols.n + (c - 1)] : -1;

	return lv >= 0 && (size_t)lv < h->nbands ? &h->bands[lv] : NULL;
}

static const char *band_name(const struct svg_band *b)
{
	return b && !blank(b->name) ? b->name : "no level";
}

static enum svg_tone band_tone(const struct svg_band *b)
{
	return b ? b->tone : SVG_LIGHT;
}

/* The description: how many are placed and where, cell by cell. */
static void heat_desc(struct strbuf *d, const struct svg_heatmap *h)
{
	size_t total = 0, cells = 0;
	bool first = true;

	for (int r = 1; r <= h->rows.n; r++)
		for (int c = 1; c <= h->cols.n; c++) {
			total += heat_count(h, r, c);
			cells += heat_count(h, r, c) > 0;
		}
	if (!total) {
		strbuf_addf(d, "No %s in any cell.", h->many ? h->many : "items");
		return;
	}
	strbuf_addf(d, "%zu %s in %zu cell%s", total, plural(total, h->one, h->many),
	            cells, cells == 1 ? "" : "s");
	for (int r = h->rows.n; r >= 1; r--)
		for (int c = 1; c <= h->cols.n; c++) {
			size_t n = heat_count(h, r, c);

			if (!n)
				continue;
			strbuf_addstr(d, first ? ": " : "; ");
			first = false;
			axis_value(d, &h->rows, false, r);
			strbuf_addstr(d, " and ");
			axis_value(d, &h->cols, false, c);
			strbuf_addf(d, ": %zu, %s", n, band_name(heat_band(h, r, c)));
		}
	strbuf_addch(d, '.');
}

/* An axis value's label as text: cut to fit, the whole as a tooltip. */
static void heat_axis_label(struct doc_out *o, const char *label, size_t max)
{
	if (!label)
		return;
	if (text_chars(label) > max) {
		doc_put(o, "<title>");
		doc_html(o, label);
		doc_put(o, "</title>");
	}
	put_cut(o, label, max);
}

static void heat_cell(struct doc_out *o, const struct svg_heatmap *h, int r, int c,
                      struct strbuf *tip)
{
	const struct svg_band *b = heat_band(h, r, c);
	size_t n = heat_count(h, r, c);
	int x = HM_AXIS + HM_LABEL + (c - 1) * HM_CELL_W;
	int y = HM_TOP + (h->rows.n - r) * HM_CELL_H;

	strbuf_reset(tip);
	axis_value(tip, &h->rows, true, r);
	strbuf_addstr(tip, ", ");
	axis_value(tip, &h->cols, false, c);
	strbuf_addf(tip, ": %s; %zu %s", band_name(b), n, plural(n, h->one, h->many));
	doc_put(o, "<g class=\"cell\"><title>");
	doc_html(o, tip->buf);
	doc_putf(o,
	         "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
	         "stroke=\"#ffffff\" stroke-width=\"2\"/>",
	         x, y, HM_CELL_W, HM_CELL_H, svg_tone_fill(band_tone(b)));
	if (n)
		doc_putf(o,
		         "<text x=\"%d\" y=\"%d\" font-size=\"16\" font-weight=\"700\" "
		         "text-anchor=\"middle\" fill=\"%s\">%zu</text>",
		         x + HM_CELL_W / 2, y + HM_CELL_H / 2 + 6,
		         svg_tone_ink(band_tone(b)), n);
	doc_put(o, "</g>\n");
}

static void heat_axes(struct doc_out *o, const struct svg_heatmap *h)
{
	int gx = HM_AXIS + HM_LABEL, gh = h->rows.n * HM_CELL_H;

	doc_putf(o,
	         "<text x=\"14\" y=\"%d\" font-size=\"12\" font-weight=\"600\" "
	         "text-anchor=\"middle\" fill=\"" INK
	         "\" transform=\"rotate(-90 14 %d)\">",
	         HM_TOP + gh / 2, HM_TOP + gh / 2);
	doc_html(o, h->rows.title);
	doc_put(o, "</text>\n");
	for (int r = h->rows.n; r >= 1; r--) {
		int y = HM_TOP + (h->rows.n - r) * HM_CELL_H + HM_CELL_H / 2 + 4;

		doc_putf(o,
		         "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" "
		         "fill=\"" INK "\">%d ",
		         gx - 8, y, r);
		heat_axis_label(o, axis_label(&h->rows, r), 18);
		doc_put(o, "</text>\n");
	}
	for (int c = 1; c <= h->cols.n; c++) {
		int x = gx + (c - 1) * HM_CELL_W + HM_CELL_W / 2;

		doc_putf(
		        o,
		        "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
		        "fill=\"" INK "\">%d</text><text x=\"%d\" y=\"%d\" "
		        "font-size=\"11\" text-anchor=\"middle\" fill=\"" INK_MUTED "\">",
		        x, HM_TOP + gh + 16, c, x, HM_TOP + gh + 30);
		heat_axis_label(o, axis_label(&h->cols, c), 11);
		doc_put(o, "</text>\n");
	}
	doc_putf(o,
	         "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-weight=\"600\" "
	         "text-anchor=\"middle\" fill=\"" INK "\">",
	         gx + h->cols.n * HM_CELL_W / 2, HM_TOP + gh + 50);
	doc_html(o, h->cols.title);
	doc_put(o, "</text>\n");
}

/* The levels the grid uses, in the bands' order, left to right. */
static void heat_legend(struct doc_out *o, const struct svg_heatmap *h, int y)
{
	int x = HM_AXIS + HM_LABEL;
	bool none = false;

	for (size_t k = 0; k <= h->nbands; k++) {
		const struct svg_band *b = k < h->nbands ? &h->bands[k] : NULL;
		bool used = false;

		for (int r = 1; r <= h->rows.n && !used; r++)
			for (int c = 1; c <= h->cols.n && !used; c++)
				used = heat_band(h, r, c) == b;
		if (!used || (!b && none))
			continue;
		none |= !b;
		put_key(o, x, y, band_tone(b));
		doc_putf(o, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"" INK "\">",
		         x + 20, y + 12);
		put_cut(o, band_name(b), 16);
		doc_put(o, "</text>\n");
		x += 20 + 7 * (int)text_chars(band_name(b)) + 18;
	}
}

int svg_heatmap(struct strbuf *out, const struct svg_heatmap *h)
{
	struct doc_out o = { out, 0 };
	struct strbuf desc = STRBUF_INIT, tip = STRBUF_INIT;
	size_t start = out->len;
	int width, gh;

	if (h->rows.n < 1 || h->rows.n > SVG_HEAT_MAX || h->cols.n < 1 ||
	    h->cols.n > SVG_HEAT_MAX)
		return error_set(
		        E_INVALID,
		        "a heat map has 1 to %d values on each axis, not %d by %d",
		        SVG_HEAT_MAX, h->rows.n, h->cols.n);
	gh = h->rows.n * HM_CELL_H;
	width = HM_AXIS + HM_LABEL + h->cols.n * HM_CELL_W + 8;
	heat_desc(&desc, h);
	open_chart(&o, h->id, h->title, width, HM_TOP + gh + HM_BOTTOM + HM_LEGEND,
	           desc.buf);
	for (int r = h->rows.n; r >= 1; r--)
		for (int c = 1; c <= h->cols.n; c++)
			heat_cell(&o, h, r, c, &tip);
	heat_axes(&o, h);
	heat_legend(&o, h, HM_TOP + gh + HM_BOTTOM + 4);
	strbuf_release(&tip);
	return close_chart(&o, start, &desc);
}

/* ---- 4. A progress ring ---- */

#define RING_SIZE 160
#define RING_R 62
#define RING_STROKE 16
#define RING_CIRCUMFERENCE 389.56 /* 2 x pi x RING_R */

int svg_gauge(struct strbuf *out, const struct svg_gauge *g)
{
	struct doc_out o = { out, 0 };
	struct strbuf desc = STRBUF_INIT;
	size_t start = out->len;
	double v = pct_clamp(g->value);
	int mid = RING_SIZE / 2, text_y = blank(g->caption) ? mid + 9 : mid + 3;

	if (!blank(g->caption))
		strbuf_addf(&desc, "%s: ", g->caption);
	pct_text(&desc, v);
	strbuf_addch(&desc, '.');
	open_chart(&o, g->id, g->title, RING_SIZE, RING_SIZE, desc.buf);
	doc_putf(&o,
	         "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"none\" stroke=\"#e6e6e6\" "
	         "stroke-width=\"%d\"/>\n",
	         mid, mid, RING_R, RING_STROKE);
	if (v > 0)
		doc_putf(&o,
		         "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"none\" "
		         "stroke=\"%s\" "
		         "stroke-width=\"%d\" stroke-dasharray=\"%.2f %.2f\" "
		         "transform=\"rotate(-90 %d %d)\"/>\n",
		         mid, mid, RING_R,
		         svg_tone_fill(pct_tone(v, g->amber_from, g->green_from)),
		         RING_STROKE, RING_CIRCUMFERENCE * v / 100.0, RING_CIRCUMFERENCE,
		         mid, mid);
	if (v < 0)
		doc_putf(&o,
		         "<text x=\"%d\" y=\"%d\" font-size=\"14\" font-style=\"italic\" "
		         "text-anchor=\"middle\" fill=\"" INK_MUTED
		         "\">not assessed</text>\n",
		         mid, text_y - 4);
	else
		doc_putf(&o,
		         "<text x=\"%d\" y=\"%d\" font-size=\"26\" font-weight=\"700\" "
		         "text-anchor=\"middle\" fill=\"" INK "\">%.1f%%</text>\n",
		         mid, text_y, v);
	if (!blank(g->caption)) {
		doc_putf(
		        &o,
		        "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
		        "fill=\"" INK_MUTED "\">",
		        mid, text_y + 20);
		put_cut(&o, g->caption, 14);
		doc_put(&o, "</text>\n");
	}
	return close_chart(&o, start, &desc);
}

/* ---- 5. A timeline of steps ---- */

#define STEP_W 130
#define STEP_Y 24 /* the markers' centre */
#define STEP_R 11
#define STEP_H 100
#define STEP_LABEL_MAX 17

static const struct {
	const char *name, *ink;
} step_states[] = {
	[SVG_STEP_DONE] = { "done", "#1b5e20" },
	[SVG_STEP_CURRENT] = { "current", "#0550ae" },
	[SVG_STEP_DUE] = { "due", INK_MUTED },
	[SVG_STEP_LATE] = { "late", "#b71c1c" },
};

static enum svg_step_state step_state(enum svg_step_state s)
{
	return (unsigned)s <= SVG_STEP_LATE ? s : SVG_STEP_DUE;
}

const char *svg_step_state_name(enum svg_step_state s)
{
	return step_states[step_state(s)].name;
}

/* The marker: a tick when done, a ring when current, an open circle when
 * due, an exclamation mark when late; the state is written below too. */
static void step_marker(struct doc_out *o, int cx, enum svg_step_state s)
{
	switch (s) {
	case SVG_STEP_DONE:
		doc_putf(
		        o,
		        "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"%s\"/><path d=\"M%d "
		        "%dl4 4l7 -8\" fill=\"none\" stroke=\"#ffffff\" "
		        "stroke-width=\"2.5\"/>",
		        cx, STEP_Y, STEP_R, svg_tone_fill(SVG_GREEN), cx - 6, STEP_Y);
		break;
	case SVG_STEP_CURRENT:
		doc_putf(o,
		         "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"#ffffff\" "
		         "stroke=\"%s\" "
		         "stroke-width=\"4\"/><circle cx=\"%d\" cy=\"%d\" r=\"4\" "
		         "fill=\"%s\"/>",
		         cx, STEP_Y, STEP_R - 1, svg_tone_fill(SVG_BLUE), cx, STEP_Y,
		         svg_tone_fill(SVG_BLUE));
		break;
	case SVG_STEP_LATE:
		doc_putf(o,
		         "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"%s\"/><text "
		         "x=\"%d\" "
		         "y=\"%d\" font-size=\"15\" font-weight=\"700\" "
		         "text-anchor=\"middle\" fill=\"#ffffff\">!</text>",
		         cx, STEP_Y, STEP_R, svg_tone_fill(SVG_RED), cx, STEP_Y + 5);
		break;
	default:
		doc_putf(o,
		         "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"#ffffff\" "
		         "stroke=\"#8c959f\" stroke-width=\"2\"/>",
		         cx, STEP_Y, STEP_R - 1);
		break;
	}
}

static void step_draw(struct doc_out *o, const struct svg_step *st, size_t i,
                      struct strbuf *tip)
{
	enum svg_step_state s = step_state(st->state);
	int cx = (int)i * STEP_W + STEP_W / 2;

	strbuf_reset(tip);
	strbuf_addstr(tip, st->label ? st->label : "");
	if (!blank(st->date))
		strbuf_addf(tip, " (%s)", st->date);
	strbuf_addf(tip, ": %s", step_states[s].name);
	doc_put(o, "<g><title>");
	doc_html(o, tip->buf);
	doc_put(o, "</title>");
	step_marker(o, cx, s);
	doc_putf(o,
	         "<text x=\"%d\" y=\"%d\" font-size=\"12\" font-weight=\"%d\" "
	         "text-anchor=\"middle\" fill=\"" INK "\">",
	         cx, STEP_Y + 32, s == SVG_STEP_CURRENT ? 700 : 400);
	put_cut(o, st->label, STEP_LABEL_MAX);
	doc_putf(o,
	         "</text><text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
	         "fill=\"" INK_MUTED "\">",
	         cx, STEP_Y + 48);
	put_cut(o, blank(st->date) ? "no date" : st->date, STEP_LABEL_MAX);
	doc_putf(o,
	         "</text><text x=\"%d\" y=\"%d\" font-size=\"11\" font-weight=\"600\" "
	         "text-anchor=\"middle\" fill=\"%s\">%s</text></g>\n",
	         cx, STEP_Y + 64, step_states[s].ink, step_states[s].name);
}

int svg_timeline(struct strbuf *out, const struct svg_timeline *t)
{
	struct doc_out o = { out, 0 };
	struct strbuf desc = STRBUF_INIT, tip = STRBUF_INIT;
	size_t start = out->len, n = t->nsteps, reached = 0;
	int width = (int)(n ? n : 1) * STEP_W;

	strbuf_addf(&desc, "%zu step%s", n, n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		const struct svg_step *st = &t->steps[i];

		strbuf_addf(&desc, "%s%s", i ? "; " : ": ", st->label ? st->label : "");
		if (!blank(st->date))
			strbuf_addf(&desc, " (%s)", st->date);
		strbuf_addf(&desc, ": %s", svg_step_state_name(st->state));
	}
	strbuf_addch(&desc, '.');
	open_chart(&o, t->id, t->title, width, STEP_H, desc.buf);
	/* The line between markers: solid up to the last step reached. */
	for (size_t i = 0; i < n; i++) {
		enum svg_step_state s = step_state(t->steps[i].state);

		if (s == SVG_STEP_DONE || s == SVG_STEP_CURRENT)
			reached = i + 1;
	}
	for (size_t i = 1; i < n; i++)
		doc_putf(&o,
		         "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
		         "stroke-width=\"3\"%s/>\n",
		         (int)(i - 1) * STEP_W + STEP_W / 2 + STEP_R, STEP_Y,
		         (int)i * STEP_W + STEP_W / 2 - STEP_R, STEP_Y,
		         i < reached ? svg_tone_fill(SVG_GREEN) : "#8c959f",
		         i < reached ? "" : " stroke-dasharray=\"5 4\"");
	for (size_t i = 0; i < n; i++)
		step_draw(&o, &t->steps[i], i, &tip);
	if (!n)
		doc_putf(
		        &o,
		        "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
		        "fill=\"" INK_MUTED "\">No steps.</text>\n",
		        STEP_W / 2, STEP_Y + 4);
	strbuf_release(&tip);
	return close_chart(&o, start, &desc);
}
