/*
 * tmpl.h - HTML templates for the web pages: a small Mustache subset over
 * jansson values, escaped by default.
 *
 * Templates are the files of web/templates/, embedded in the program
 * (core/embed.h); each is compiled once, on first use, and then only
 * rendered, so rendering is thread-safe and never parses.
 *
 *   {{name}} {{a.b}} {{.}}  the value, HTML-escaped (& < > " ' ` =)
 *   {{%name}}               the value as one URL path segment (%XX)
 *   {{{x_html}}} {{&x_svg}} raw, only for names ending in _html or _svg:
 *                           markup our own code built and escaped
 *   {{#name}}..{{/name}}    once per array element, once for an object or
 *                           another true value (pushed); never when falsy
 *   {{^name}}..{{/name}}    once when falsy: missing, null, false, "", 0, []
 *   {{! comment }}          nothing
 *   {{> part}}              the embedded template part.html, same context
 *
 * A name's first part is looked up from the innermost section's value
 * outwards, the rest descends from there.  Strings print as they are,
 * integers in decimal, reals with at most one decimal (72.5, 80), true as
 * "true"; false, null, missing values, arrays and objects print nothing.
 * A line holding only a section, close, comment or partial tag and blanks
 * prints nothing of its own.
 *
 * Limits: sections nest at most TMPL_SECTION_DEPTH deep, partials
 * TMPL_PARTIAL_DEPTH deep (a partial including itself ends there with an
 * error), and one render takes at most TMPL_STEPS steps, so no data makes
 * it run unbounded; output is bounded by the strbuf's cap.
 */
#ifndef ISMS_VIEW_TMPL_H
#define ISMS_VIEW_TMPL_H

#include <jansson.h>

#include "core/strbuf.h"

#define TMPL_SECTION_DEPTH 32
#define TMPL_PARTIAL_DEPTH 16
#define TMPL_STEPS (1L << 23)

/*
 * Render the embedded template NAME ("dashboard.html") with ctx as the
 * data (borrowed; NULL is an empty context), appending to out.  0, or a
 * negative error with out unchanged in length: E_INTERNAL for a name no
 * template has (a bug in the caller), E_INVALID for a template that does
 * not compile or a render that fails (its name and line in the message),
 * or the strbuf's error at its cap.  Thread-safe.
 */
int tmpl_render(const char *name, json_t *ctx, struct strbuf *out);

/* The same for template text given directly (tests; errors name it
 * "text"); its partials still come from the embedded set. */
int tmpl_render_text(const char *text, json_t *ctx, struct strbuf *out);

/* Compile every embedded template now: 0, or the first error (name and
 * line).  The server calls it at start so a broken template stops it. */
int tmpl_check_all(void);

/* HTML-escape s onto out (the engine's own escaping, for other callers);
 * at the strbuf's cap, out is left as it was. */
void tmpl_escape(struct strbuf *out, const char *s);

#endif
