/*
 * svg.h - charts as SVG, drawn once for the web pages and the HTML reports.
 *
 * Every function appends one complete, standalone <svg> element to out,
 * meant to sit inside an HTML page (it has no xmlns attribute; a file of
 * its own would need one).  What each element promises:
 *
 * - role="img" with a <title> whose id is the chart's id, named by
 *   aria-labelledby, and a <desc> (id "<id>-desc", named by
 *   aria-describedby) that states every value in words;
 * - every value is also written as text in the picture, so nothing is told
 *   by colour alone, and text keeps WCAG AA contrast (dark on light fills,
 *   white on dark ones);
 * - only presentation attributes (fill=, stroke=, font-size=): no style
 *   attribute, no <style>, no script, no event handler, no link, no
 *   <foreignObject>, nothing loaded from elsewhere, so a page whose
 *   Content-Security-Policy allows no inline style shows it whole;
 * - the size comes from the viewBox and the element takes its container's
 *   width (width="100%"); the container decides how large it shows.
 *
 * All text a caller passes (titles, labels, dates) is escaped; ids are cut
 * down to letters, digits, '-' and '_'.  Colours are chosen from the tones
 * below, never passed as strings.  Everything passed is borrowed for the
 * call only.
 *
 * Each returns 0, or the error of out reaching its cap, in which case out
 * is left as it was before the call.
 */
#ifndef ISMS_VIEW_SVG_H
#define ISMS_VIEW_SVG_H

#include <stddef.h>

#include "core/strbuf.h"

/* The palette, by meaning; each tone has a fill and the text colour that
 * reads on it. */
enum svg_tone {
	SVG_GREEN,  /* good: conforming, ready, low risk */
	SVG_AMBER,  /* partly: partial, medium risk */
	SVG_ORANGE, /* high risk, minor findings */
	SVG_RED,    /* bad: nonconforming, critical risk, major findings */
	SVG_BLUE,   /* neutral information */
	SVG_GREY,   /* set aside: not applicable */
	SVG_LIGHT,  /* nothing recorded: not assessed, no level */
};
#define SVG_TONES (SVG_LIGHT + 1)

/* "#rrggbb"; an unknown tone is SVG_LIGHT's. */
const char *svg_tone_fill(enum svg_tone t);
/* The text colour with at least 4.5:1 contrast on svg_tone_fill(t). */
const char *svg_tone_ink(enum svg_tone t);

/* ---- 1. Horizontal bars of percentages ---- */

struct svg_bar {
	const char *label;  /* e.g. "5 Leadership"; cut to fit, whole in the tooltip */
	double value;       /* 0..100, more is drawn as 100; negative: not assessed */
	const char *detail; /* optional, added to the tooltip and the description */
};

/* A dashed vertical line across the bars, e.g. a target of 80%. */
struct svg_mark {
	double at;         /* 0..100 */
	const char *label; /* optional, written under the line */
};

struct svg_bar_chart {
	const char *id, *title;
	const struct svg_bar *bars;
	size_t nbars;
	const struct svg_mark *marks; /* up to SVG_MARKS_MAX */
	size_t nmarks;
	/* Bars below amber_from are red, below green_from amber, else green;
	 * both 0 means the usual 50 and 80. */
	double amber_from, green_from;
};
#define SVG_MARKS_MAX 4
#define SVG_AMBER_FROM 50.0
#define SVG_GREEN_FROM 80.0

/* One bar per item in the order given, each labelled and its value written
 * beside it ("not assessed" for a negative value), on a 0-100% scale with
 * gridlines every 20%. */
int svg_bar_chart(struct strbuf *out, const struct svg_bar_chart *c);

/* ---- 2. A distribution of counts ---- */

struct svg_part {
	const char *label; /* e.g. "conforming", "major nonconformity" */
	size_t count;
	enum svg_tone tone;
};

struct svg_distribution {
	const char *id, *title;
	const struct svg_part *parts;
	size_t nparts;
};

/* One stacked bar of the parts in the order given (a part's count written
 * on it when it is wide enough) and a legend of every part with its count
 * and share, zero counts included. */
int svg_distribution(struct strbuf *out, const struct svg_distribution *d);

/* ---- 3. A heat map ---- */

#define SVG_HEAT_MAX 10

struct svg_axis {
	const char *title;         /* written along the axis: "Likelihood" */
	const char *name;          /* within a sentence: "likelihood" */
	int n;                     /* values 1..n, 1 <= n <= SVG_HEAT_MAX */
	const char *const *labels; /* n labels of 1..n; NULL or blank: none */
};

/* A level a cell may have, e.g. "critical" in red. */
struct svg_band {
	const char *name;
	enum svg_tone tone;
};

struct svg_heatmap {
	const char *id, *title;
	struct svg_axis rows; /* drawn highest value at the top */
	struct svg_axis cols; /* drawn lowest value at the left */
	/* Per cell at [(row - 1) * cols.n + (col - 1)]: how many items sit
	 * there, and the index into bands of its level (out of range: no
	 * level, drawn light). */
	const size_t *counts;
	const int *levels;
	const struct svg_band *bands;
	size_t nbands;
	const char *one, *many; /* what is counted: "risk", "risks" */
};

/* A grid of rows.n x cols.n cells coloured by level, each with its count
 * (written when not zero) and a tooltip, the axes' values and labels, and a
 * legend of the levels the grid uses.  Axis sizes outside 1..SVG_HEAT_MAX
 * are E_INVALID. */
int svg_heatmap(struct strbuf *out, const struct svg_heatmap *h);

/* ---- 4. A progress ring ---- */

struct svg_gauge {
	const char *id, *title;
	double value;        /* 0..100, more is drawn as 100; negative: not assessed */
	const char *caption; /* optional, under the percentage: "readiness" */
	double amber_from, green_from; /* as for bar charts */
};

/* A ring filled to the value with the percentage in its centre. */
int svg_gauge(struct strbuf *out, const struct svg_gauge *g);

/* ---- 5. A timeline of steps ---- */

enum svg_step_state { SVG_STEP_DONE, SVG_STEP_CURRENT, SVG_STEP_DUE, SVG_STEP_LATE };

struct svg_step {
	const char *label;
	const char *date; /* optional text: "2026-05-04", "by June" */
	enum svg_step_state state;
};

struct svg_timeline {
	const char *id, *title;
	const struct svg_step *steps;
	size_t nsteps;
};

/* The steps left to right on a line, each a marker with its label, date
 * and state written out ("done", "current", "due", "late"). */
int svg_timeline(struct strbuf *out, const struct svg_timeline *t);

/* The word svg_timeline writes for a state. */
const char *svg_step_state_name(enum svg_step_state s);

#endif
