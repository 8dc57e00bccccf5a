/*
 * tmpl.c - the template engine (see tmpl.h for the language).
 *
 * A template compiles to a flat array of nodes.  A section's body is the
 * nodes after it up to its `end`, so rendering walks index ranges and the
 * close tags leave no node behind.  Text nodes point into the template's
 * own text: embedded templates live as long as the program, and text
 * given to tmpl_render_text outlives its one render.
 */
#include "view/tmpl.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "core/error.h"
#include "core/xalloc.h"

enum kind { K_TEXT, K_VAR, K_PCT, K_RAW, K_SECTION, K_INVERTED, K_PARTIAL };

struct node {
	enum kind kind;
	int line;
	const char *text; /* K_TEXT: into the template's text */
	size_t len;
	char *name;     /* the name as written */
	char *path;     /* its parts, each NUL-terminated; NULL for "." */
	size_t npath;   /* how many parts */
	size_t end;     /* K_SECTION, K_INVERTED: the node after the body */
	size_t partial; /* K_PARTIAL: index in web_templates */
};

struct tmpl {
	const char *name;
	struct node *nodes;
	size_t n, alloc;
};

/* ---- compiling ---- */

struct parser {
	struct tmpl *t;
	const char *s;
	size_t len;
	size_t counted;                  /* newlines counted in s[0, counted) */
	int line;                        /* the line at s[counted] */
	size_t open[TMPL_SECTION_DEPTH]; /* the open sections' nodes */
	size_t nopen;
};

#define NOT_FOUND ((size_t)-1)

static size_t find(const char *s, size_t from, size_t len, const char *pat)
{
	size_t plen = strlen(pat);

	for (size_t i = from; i + plen <= len; i++)
		if (s[i] == pat[0] && !memcmp(s + i + 1, pat + 1, plen - 1))
			return i;
	return NOT_FOUND;
}

static int line_at(struct parser *p, size_t pos)
{
	for (; p->counted < pos; p->counted++)
		if (p->s[p->counted] == '\n')
			p->line++;
	return p->line;
}

/* Names shown in messages are cut to 64 bytes. */
#define SHOWN(len) ((len) > 64 ? 64 : (int)(len))

static int fail(const struct parser *p, int line, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int fail(const struct parser *p, int line, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return error_set(E_INVALID, "template %s line %d: %s", p->t->name, line, what);
}

static struct node *add_node(struct tmpl *t, enum kind kind, int line)
{
	struct node *n;

	ALLOC_GROW(t->nodes, t->n + 1, t->alloc);
	n = &t->nodes[t->n++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->line = line;
	return n;
}

static void add_text(struct parser *p, size_t from, size_t to, int line)
{
	struct node *n;

	if (from >= to)
		return;
	n = add_node(p->t, K_TEXT, line);
	n->text = p->s + from;
	n->len = to - from;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void trim(const char **s, size_t *len)
{
	while (*len && blank(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && blank((*s)[*len - 1]))
		(*len)--;
}

/* The name of n: "." or dot-separated parts, each non-empty, no blanks. */
static int set_name(struct parser *p, struct node *n, const char *s, size_t len)
{
	if (!len)
		return fail(p, n->line, "empty name in a tag");
	n->name = xstrndup(s, len);
	if (len == 1 && s[0] == '.')
		return 0;
	for (size_t i = 0; i < len; i++)
		if (blank(s[i]) || s[i] == '{' || s[i] == '}' || !s[i])
			return fail(p, n->line, "bad name '%.*s': no blanks or braces",
			            SHOWN(len), s);
	if (s[0] == '.' || s[len - 1] == '.' || find(s, 0, len, "..") != NOT_FOUND)
		return fail(p, n->line, "bad name '%.*s': an empty part between dots",
		            SHOWN(len), s);
	n->path = xstrndup(s, len);
	n->npath = 1;
	for (size_t i = 0; i < len; i++) {
		if (n->path[i] == '.') {
			n->path[i] = '\0';
			n->npath++;
		}
	}
	return 0;
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t slen = strlen(suffix);

	return len >= slen && !memcmp(s + len - slen, suffix, slen);
}

/* Raw output only for markup our code built: a last part *_html, *_svg. */
static int check_raw(struct parser *p, struct node *n, const char *s, size_t len)
{
	const char *last = s;

	for (size_t i = 0; i < len; i++)
		if (s[i] == '.')
			last = s + i + 1;
	if (ends_with(last, len - (size_t)(last - s), "_html") ||
	    ends_with(last, len - (size_t)(last - s), "_svg"))
		return 0;
	return fail(p, n->line,
	            "raw output of '%.*s' needs a name ending in _html or _svg",
	            SHOWN(len), s);
}

static size_t template_index(const char *name, size_t len)
{
	for (size_t i = 0; i < web_templates_count; i++)
		if (strlen(web_templates[i].name) == len &&
		    !memcmp(web_templates[i].name, name, len))
			return i;
	return NOT_FOUND;
}

/* "{{> header}}" names header.html; "{{> header.html}}" too. */
static int set_partial(struct parser *p, struct node *n, const char *s, size_t len)
{
	char file[300];

	if (!len)
		return fail(p, n->line, "empty name in a tag");
	n->name = xstrndup(s, len);
	if (ends_with(s, len, ".html"))
		n->partial = template_index(s, len);
	else if (len + 5 < sizeof(file)) {
		snprintf(file, sizeof(file), "%.*s.html", (int)len, s);
		n->partial = template_index(file, len + 5);
	} else
		n->partial = NOT_FOUND;
	if (n->partial == NOT_FOUND)
		return fail(p, n->line, "unknown partial '%.*s': no such template",
		            SHOWN(len), s);
	return 0;
}

static int open_section(struct parser *p, enum kind kind, int line, const char *s,
                        size_t len)
{
	struct node *n;

	if (p->nopen == TMPL_SECTION_DEPTH)
		return fail(p, line, "sections nested more than %d deep",
		            TMPL_SECTION_DEPTH);
	n = add_node(p->t, kind, line);
	p->open[p->nopen++] = p->t->n - 1;
	return set_name(p, n, s, len);
}

static int close_section(struct parser *p, int line, const char *s, size_t len)
{
	struct node *open;

	if (!len)
		return fail(p, line, "empty name in a tag");
	if (!p->nopen)
		return fail(p, line, "'{{/%.*s}}' closes no open section", SHOWN(len), s);
	open = &p->t->nodes[p->open[p->nopen - 1]];
	if (strlen(open->name) != len || memcmp(open->name, s, len))
		return fail(p, line,
		            "'{{/%.*s}}' does not close '{{%c%.64s}}' opened on line %d",
		            SHOWN(len), s, open->kind == K_INVERTED ? '^' : '#',
		            open->name, open->line);
	open->end = p->t->n;
	p->nopen--;
	return 0;
}

/*
 * A section, close, comment or partial tag alone on its line (but for
 * blanks) takes the line with it: [*left, *right) becomes the span to
 * drop.  Text before `from` belongs to an earlier tag on the same line.
 */
static void standalone(struct parser *p, size_t from, size_t *left, size_t *right)
{
	size_t l = *left, r = *right;

	while (l > from && (p->s[l - 1] == ' ' || p->s[l - 1] == '\t'))
		l--;
	if (l > 0 && p->s[l - 1] != '\n')
		return;
	while (r < p->len && (p->s[r] == ' ' || p->s[r] == '\t'))
		r++;
	if (r + 1 < p->len && p->s[r] == '\r' && p->s[r + 1] == '\n')
		r += 2;
	else if (r < p->len && p->s[r] == '\n')
		r++;
	else if (r < p->len)
		return;
	*left = l;
	*right = r;
}

/* One tag: sigil is its kind (0 for a plain value), s[0, len) its name. */
static int tag(struct parser *p, char sigil, const char *s, size_t len, int line)
{
	switch (sigil) {
	case '!':
		return 0;
	case '#':
		return open_section(p, K_SECTION, line, s, len);
	case '^':
		return open_section(p, K_INVERTED, line, s, len);
	case '/':
		return close_section(p, line, s, len);
	case '>':
		return set_partial(p, add_node(p->t, K_PARTIAL, line), s, len);
	case '=':
		return fail(p, line, "set-delimiter tags are not supported");
	case '{':
	case '&': {
		struct node *n = add_node(p->t, K_RAW, line);
		int rc = set_name(p, n, s, len);

		return rc ? rc : check_raw(p, n, s, len);
	}
	case '%':
		return set_name(p, add_node(p->t, K_PCT, line), s, len);
	default:
		return set_name(p, add_node(p->t, K_VAR, line), s, len);
	}
}

/*
 * The tag opening at s[open], after the text from s[text]: the text's
 * node, then the tag's; *next is where the text after the tag starts.
 */
static int parse_tag(struct parser *p, size_t text, size_t open, size_t *next)
{
	int text_line = line_at(p, text), line = line_at(p, open);
	bool triple = open + 2 < p->len && p->s[open + 2] == '{';
	size_t body = open + (triple ? 3 : 2);
	size_t close = find(p->s, body, p->len, triple ? "}}}" : "}}");
	size_t left = open, len;
	const char *s = p->s + body;
	char sigil = triple ? '{' : 0;

	if (close == NOT_FOUND)
		return fail(p, line, "unclosed '%s'", triple ? "{{{" : "{{");
	*next = close + (triple ? 3 : 2);
	len = close - body;
	trim(&s, &len);
	if (!triple && len && s[0] && strchr("!#^/>=&%", s[0])) {
		sigil = s[0];
		s++;
		len--;
		trim(&s, &len);
	}
	if (sigil && strchr("!#^/>", sigil))
		standalone(p, text, &left, next);
	add_text(p, text, left, text_line);
	return tag(p, sigil, s, len, line);
}

static int parse(struct parser *p)
{
	size_t text = 0, open = find(p->s, 0, p->len, "{{");

	while (open != NOT_FOUND) {
		int rc = parse_tag(p, text, open, &text);

		if (rc)
			return rc;
		open = find(p->s, text, p->len, "{{");
	}
	add_text(p, text, p->len, line_at(p, text));
	if (p->nopen) {
		struct node *n = &p->t->nodes[p->open[p->nopen - 1]];

		return fail(p, n->line,
		            "section '%.64s' is never closed (add {{/%.64s}})", n->name,
		            n->name);
	}
	return 0;
}

static void tmpl_release(struct tmpl *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->nodes[i].name);
		free(t->nodes[i].path);
	}
	free(t->nodes);
	t->nodes = NULL;
	t->n = t->alloc = 0;
}

static int compile(struct tmpl *t, const char *name, const char *text, size_t len)
{
	struct parser p = { .t = t, .s = text, .len = len, .line = 1 };
	int rc;

	memset(t, 0, sizeof(*t));
	t->name = name;
	rc = parse(&p);
	if (rc)
		tmpl_release(t);
	return rc;
}

/* ---- the embedded templates, compiled once ---- */

struct cached {
	struct tmpl t;
	char *error; /* why it did not compile, or NULL */
};

static struct cached *cache;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

/* The compiled templates stay for the life of the program.  error_set()
 * keeps its message per thread, so a failure is kept here for whichever
 * thread asks later. */
static void compile_all(void)
{
	cache = xcalloc(web_templates_count, sizeof(*cache));
	for (size_t i = 0; i < web_templates_count; i++) {
		const struct embedded_file *f = &web_templates[i];

		if (compile(&cache[i].t, f->name, f->data, f->len)) {
			cache[i].error = xstrdup(error_message());
			error_clear();
		}
	}
}

static const struct cached *cached(size_t i)
{
	pthread_once(&cache_once, compile_all);
	return &cache[i];
}

int tmpl_check_all(void)
{
	for (size_t i = 0; i < web_templates_count; i++)
		if (cached(i)->error)
			return error_set(E_INVALID, "%s", cached(i)->error);
	return 0;
}

/* ---- rendering ---- */

#define STACK_MAX (1 + (TMPL_PARTIAL_DEPTH + 1) * TMPL_SECTION_DEPTH)

struct render {
	struct strbuf *out;
	json_t *stack[STACK_MAX]; /* the context, innermost last */
	size_t depth;
	int partials; /* partials being rendered */
	long steps;
};

static int escape_n(struct strbuf *out, const char *s, size_t len)
{
	size_t start = out->len, from = 0;
	int rc = 0;

	for (size_t i = 0; i < len && !rc; i++) {
		const char *e;

		switch (s[i]) {
		case '&':
			e = "&amp;";
			break;
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '"':
			e = "&quot;";
			break;
		case '\'':
			e = "&#39;";
			break;
		case '`':
			e = "&#96;";
			break;
		case '=':
			e = "&#61;";
			break;
		default:
			continue;
		}
		rc = strbuf_add(out, s + from, i - from);
		if (!rc)
			rc = strbuf_addstr(out, e);
		from = i + 1;
	}
	if (!rc)
		rc = strbuf_add(out, s + from, len - from);
	if (rc) {
		out->len = start;
		if (out->alloc)
			out->buf[start] = '\0';
	}
	return rc;
}

void tmpl_escape(struct strbuf *out, const char *s)
{
	escape_n(out, s, strlen(s));
}

/* Everything but A-Z a-z 0-9 - . _ ~ as %XX: one safe path segment. */
static int pct_encode(struct strbuf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf enc = STRBUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < len && !rc; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
		    c == '~')
			rc = strbuf_addch(&enc, c);
		else
			rc = strbuf_addf(&enc, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
	if (!rc)
		rc = escape_n(out, enc.buf, enc.len);
	strbuf_release(&enc);
	return rc;
}

/* v as text in s[0, *len): may point into v, or into num. */
static const char *value_text(json_t *v, char *num, size_t size, size_t *len)
{
	*len = 0;
	if (json_is_string(v)) {
		*len = json_string_length(v);
		return json_string_value(v);
	}
	if (json_is_integer(v))
		snprintf(num, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v)) {
		/* One decimal, dropped when it is zero: 72.46 is 72.5, 79.96 80. */
		snprintf(num, size, "%.1f", json_real_value(v));
		if (ends_with(num, strlen(num), ".0"))
			num[strlen(num) - 2] = '\0';
		if (!strcmp(num, "-0"))
			snprintf(num, size, "0");
	} else if (json_is_true(v))
		snprintf(num, size, "true");
	else
		return "";
	*len = strlen(num);
	return num;
}

static json_t *lookup(const struct render *r, const struct node *n)
{
	json_t *v = NULL;
	const char *part = n->path;

	if (!part)
		return r->stack[r->depth - 1];
	for (size_t i = r->depth; i-- > 0 && !v;)
		v = json_object_get(r->stack[i], part);
	for (size_t k = 1; k < n->npath && v; k++) {
		part += strlen(part) + 1;
		v = json_object_get(v, part);
	}
	return v;
}

static bool truthy(json_t *v)
{
	if (!v)
		return false;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
	case JSON_TRUE:
		return true;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0.0;
	default:
		return false;
	}
}

static int render_range(struct render *r, const struct tmpl *t, size_t from, size_t to);

static int step(struct render *r, const struct tmpl *t, const struct node *n)
{
	if (++r->steps <= TMPL_STEPS)
		return 0;
	return error_set(E_INVALID,
	                 "template %s line %d: rendering takes more than %ld steps",
	                 t->name, n->line, TMPL_STEPS);
}

/* The section at nodes[i] once, with v as the innermost context. */
static int render_with(struct render *r, const struct tmpl *t, size_t i, json_t *v)
{
	int rc = step(r, t, &t->nodes[i]);

	if (rc)
		return rc;
	if (r->depth == STACK_MAX)
		BUG("template context deeper than %d", STACK_MAX);
	r->stack[r->depth++] = v;
	rc = render_range(r, t, i + 1, t->nodes[i].end);
	r->depth--;
	return rc;
}

static int render_section(struct render *r, const struct tmpl *t, size_t i)
{
	const struct node *n = &t->nodes[i];
	json_t *v = lookup(r, n);
	int rc = 0;

	if (n->kind == K_INVERTED)
		return truthy(v) ? 0 : render_range(r, t, i + 1, n->end);
	if (!truthy(v))
		return 0;
	if (!json_is_array(v))
		return render_with(r, t, i, v);
	for (size_t k = 0; k < json_array_size(v) && !rc; k++)
		rc = render_with(r, t, i, json_array_get(v, k));
	return rc;
}

static int render_partial(struct render *r, const struct tmpl *t, const struct node *n)
{
	const struct cached *c = cached(n->partial);
	int rc;

	if (c->error)
		return error_set(E_INVALID, "%s", c->error);
	if (r->partials == TMPL_PARTIAL_DEPTH)
		return error_set(E_INVALID,
		                 "template %s line %d: partials nested more than %d deep "
		                 "(does '%s' include itself?)",
		                 t->name, n->line, TMPL_PARTIAL_DEPTH, n->name);
	r->partials++;
	rc = render_range(r, &c->t, 0, c->t.n);
	r->partials--;
	return rc;
}

static int render_value(struct render *r, const struct node *n)
{
	char num[512];
	size_t len;
	const char *s = value_text(lookup(r, n), num, sizeof(num), &len);

	if (n->kind == K_RAW)
		return strbuf_add(r->out, s, len);
	if (n->kind == K_PCT)
		return pct_encode(r->out, s, len);
	return escape_n(r->out, s, len);
}

static int render_range(struct render *r, const struct tmpl *t, size_t from, size_t to)
{
	size_t i = from;
	int rc = 0;

	while (i < to && !rc) {
		const struct node *n = &t->nodes[i];

		rc = step(r, t, n);
		if (rc)
			break;
		switch (n->kind) {
		case K_TEXT:
			rc = strbuf_add(r->out, n->text, n->len);
			break;
		case K_SECTION:
		case K_INVERTED:
			rc = render_section(r, t, i);
			i = n->end;
			continue;
		case K_PARTIAL:
			rc = render_partial(r, t, n);
			break;
		default:
			rc = render_value(r, n);
			break;
		}
		i++;
	}
	return rc;
}

static int render(const struct tmpl *t, json_t *ctx, struct strbuf *out)
{
	struct render *r = xcalloc(1, sizeof(*r));
	size_t start = out->len;
	int rc;

	r->out = out;
	r->stack[r->depth++] = ctx;
	rc = render_range(r, t, 0, t->n);
	free(r);
	if (rc) {
		out->len = start;
		if (out->alloc)
			out->buf[start] = '\0';
	}
	return rc;
}

int tmpl_render(const char *name, json_t *ctx, struct strbuf *out)
{
	size_t i = template_index(name, strlen(name));
	const struct cached *c;

	if (i == NOT_FOUND)
		return error_set(E_INTERNAL, "no template '%s' in the program", name);
	c = cached(i);
	if (c->error)
		return error_set(E_INVALID, "%s", c->error);
	return render(&c->t, ctx, out);
}

int tmpl_render_text(const char *text, json_t *ctx, struct strbuf *out)
{
	struct tmpl t;
	int rc = compile(&t, "text", text, strlen(text));

	if (rc)
		return rc;
	rc = render(&t, ctx, out);
	tmpl_release(&t);
	return rc;
}
