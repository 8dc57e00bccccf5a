/*
 * web.c - forms, messages between pages, error pages, and the data and
 * rendering every page shares (see web.h).
 */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/access.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "http/web.h"
#include "view/tmpl.h"

/* ---- forms ---- */

static int hex_value(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = tolower(ch);
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Decode one form token ('+' is a space) into out; false when malformed. */
static bool form_decode(const char *s, size_t n, struct strbuf *out)
{
	strbuf_reset(out);
	for (size_t i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] == '+') {
			strbuf_addch(out, ' ');
			continue;
		}
		if (s[i] != '%') {
			strbuf_addch(out, s[i]);
			continue;
		}
		if (i + 2 >= n)
			return false;
		hi = hex_value((unsigned char)s[i + 1]);
		lo = hex_value((unsigned char)s[i + 2]);
		if (hi < 0 || lo < 0 || (hi | lo) == 0)
			return false;
		strbuf_addch(out, hi * 16 + lo);
		i += 2;
	}
	return utf8_valid(out->buf, out->len);
}

/* This site's path: kept; anything else (another site, a scheme) is not. */
static void keep_local_path(char *dst, size_t size, const char *path)
{
	dst[0] = '\0';
	if (path[0] == '/' && path[1] != '/' && path[1] != '\\' &&
	    !strpbrk(path, "\r\n") && strlen(path) < size)
		snprintf(dst, size, "%s", path);
}

static void control_field(struct http_form *f, const char *name, const char *value)
{
	if (!strcmp(name, "_next"))
		keep_local_path(f->next, sizeof(f->next), value);
	else if (!strcmp(name, "_back"))
		keep_local_path(f->back, sizeof(f->back), value);
	else if (!strcmp(name, "_done"))
		snprintf(f->done, sizeof(f->done), "%s", value);
	else if (!strcmp(name, "_csrf"))
		snprintf(f->csrf, sizeof(f->csrf), "%s", value);
}

int web_form_parse(const char *body, size_t len, bool keep_empty, struct http_form *f)
{
	struct strbuf name = STRBUF_INIT, value = STRBUF_INIT;
	json_t *fields = json_object();
	const char *p = body, *end = body + len;
	int rc = 0;

	while (!rc && p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));

		if (stop == p) {
			p = stop + 1;
			continue;
		}
		if (!form_decode(p, (size_t)((eq ? eq : stop) - p), &name) ||
		    !form_decode(eq ? eq + 1 : stop, eq ? (size_t)(stop - eq - 1) : 0,
		                 &value))
			rc = error_set(E_USAGE,
			               "the form is not valid: a field is badly encoded "
			               "or not UTF-8 text");
		else if (!name.len)
			rc = error_set(E_USAGE, "the form has a field without a name");
		else if (name.buf[0] == '_')
			control_field(f, name.buf, value.buf);
		else if (value.len || keep_empty)
			json_object_set_new(fields, name.buf, json_string(value.buf));
		p = stop + 1;
	}
	if (!rc) {
		f->json = json_dumps(fields, JSON_COMPACT);
		f->json_len = f->json ? strlen(f->json) : 0;
		if (!f->json)
			rc = error_set(E_INTERNAL, "out of memory");
	}
	json_decref(fields);
	strbuf_release(&name);
	strbuf_release(&value);
	return rc;
}

void web_form_release(struct http_form *f)
{
	/* It may hold a password. */
	if (f->json)
		sodium_memzero(f->json, f->json_len);
	sodium_memzero(f->csrf, sizeof(f->csrf));
	free(f->json);
	f->json = NULL;
}

/* ---- messages to the next page ---- */

void web_flash(struct http_ctx *c, bool ok, const char *message)
{
	struct strbuf sb = STRBUF_INIT, text = STRBUF_INIT;

	strbuf_addf(&text, "%s:%s", ok ? "ok" : "error", message);
	strbuf_addf(&sb, "%s=", WEB_FLASH_COOKIE);
	http_url_encode(&sb, text.buf);
	strbuf_addf(&sb, "; Path=/; HttpOnly; SameSite=Strict; Max-Age=60%s",
	            c->secure_cookies ? "; Secure" : "");
	http_header(c, "Set-Cookie", sb.buf);
	strbuf_release(&sb);
	strbuf_release(&text);
}

/* The message the last form left, if any; the cookie is cleared. */
static json_t *flash_take(struct http_ctx *c)
{
	const char *raw = http_cookie(c, WEB_FLASH_COOKIE);
	struct strbuf text = STRBUF_INIT;
	json_t *out = NULL;
	const char *colon;

	if (!raw || !*raw)
		return NULL;
	http_header(c, "Set-Cookie",
	            WEB_FLASH_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	if (form_decode(raw, strlen(raw), &text) && (colon = strchr(text.buf, ':')))
		out = json_pack("{s:b, s:s}", "ok", !strncmp(text.buf, "ok:", 3), "text",
		                colon + 1);
	strbuf_release(&text);
	return out;
}

/* ---- pages ---- */

static const char *status_title(int status)
{
	switch (status) {
	case 400:
		return "The request could not be used";
	case 401:
		return "Please sign in";
	case 403:
		return "Not allowed";
	case 404:
		return "Not found";
	case 409:
		return "Not possible now";
	case 412:
		return "Changed by someone else";
	case 413:
		return "Too large";
	case 422:
		return "Please correct this";
	case 429:
		return "Too many attempts";
	default:
		return status >= 500 ? "Something went wrong" : "Could not do that";
	}
}

char *web_error_page(int status, const char *message, const char *back, size_t *len)
{
	struct strbuf out = STRBUF_INIT;
	json_t *model =
	        json_pack("{s:s, s:i, s:s, s:s, s:b}", "title", status_title(status),
	                  "status", status, "message", message ? message : "", "back",
	                  back && *back ? back : "/", "signin", status == 401);

	if (tmpl_render("error.html", model, &out)) {
		/* A page that cannot be rendered still says what went wrong. */
		strbuf_reset(&out);
		strbuf_addstr(&out, "<!doctype html><title>Error</title><p>");
		tmpl_escape(&out, message ? message : "");
		strbuf_addstr(&out, "</p>");
	}
	json_decref(model);
	return strbuf_detach(&out, len);
}

/* What the user's role may read and change, area by area, for templates
 * to leave out what a role cannot do (the server refuses it anyway). */
static json_t *abilities(const struct user *u, bool in_org)
{
	json_t *can = json_object();

	for (int a = 0; a < AREAS_COUNT; a++)
		json_object_set_new(can, area_name((enum area)a),
		                    json_pack("{s:b, s:b}", "read",
		                              access_allows_in(u->role, (enum area)a,
		                                               ACCESS_READ, in_org),
		                              "write",
		                              access_allows_in(u->role, (enum area)a,
		                                               ACCESS_WRITE, in_org)));
	return can;
}

json_t *web_model(struct http_ctx *c, const char *nav, const char *title)
{
	json_t *m = json_object(), *orgs = NULL, *flash = flash_take(c);

	json_object_set_new(m, "title", json_string(title));
	json_object_set_new(m, "nav", json_pack("{s:b}", nav, 1));
	if (flash)
		json_object_set_new(m, "flash", flash);
	if (!c->user.name)
		return m;
	json_object_set_new(m, "user",
	                    json_pack("{s:s, s:s}", "name", c->user.name, "role",
	                              role_name(c->user.role)));
	json_object_set_new(m, "admin", json_boolean(c->user.role == ROLE_ADMIN));
	if (c->by_cookie && c->session.csrf)
		json_object_set_new(m, "csrf", json_string(c->session.csrf));
	json_object_set_new(m, "can", abilities(&c->user, c->org.id != 0));
	if (c->org.id)
		json_object_set_new(m, "org",
		                    json_pack("{s:s, s:s}", "slug", c->org.slug, "name",
		                              c->org.name));
	if (!http_call(c, "/api/v1/orgs?limit=1000", &orgs) && orgs) {
		for (size_t i = 0; i < json_array_size(orgs); i++) {
			json_t *o = json_array_get(orgs, i);
			const char *slug = json_string_value(json_object_get(o, "slug"));

			if (c->org.id && slug && !strcmp(slug, c->org.slug))
				json_object_set_new(o, "current", json_true());
		}
		json_object_set_new(m, "has_orgs", json_boolean(json_array_size(orgs)));
		json_object_set_new(m, "orgs", orgs);
	} else {
		json_decref(orgs);
		error_clear();
	}
	return m;
}

int web_render(struct http_ctx *c, const char *template_name, json_t *model)
{
	int rc = tmpl_render(template_name, model, &c->raw);

	json_decref(model);
	if (rc)
		return rc;
	c->content_type = "text/html; charset=utf-8";
	return 0;
}

void web_org_api(struct strbuf *sb, const struct http_ctx *c, const char *rest)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, "/api/v1/orgs/");
	http_url_encode(sb, c->org.slug);
	strbuf_addstr(sb, rest);
}

const char *web_given(struct http_ctx *c, const char *name)
{
	const char *v = http_query(c, name);

	return v && *v ? v : NULL;
}

void web_choice_add(json_t *arr, const char *value, const char *label,
                    const char *selected)
{
	json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", value, "label",
	                                     label, "selected",
	                                     selected && !strcmp(selected, value)));
}

void web_query_add(struct strbuf *sb, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	strbuf_addch(sb, strchr(sb->buf, '?') ? '&' : '?');
	strbuf_addf(sb, "%s=", name);
	http_url_encode(sb, value);
}

json_t *web_anchor(const char *prefix, const char *ref)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *out;

	strbuf_addstr(&sb, prefix);
	for (const char *p = ref ? ref : ""; *p; p++)
		strbuf_addch(&sb, isalnum((unsigned char)*p) ? *p : '-');
	out = json_stringn(sb.buf, sb.len);
	strbuf_release(&sb);
	return out;
}

int web_redirect(struct http_ctx *c, const char *path)
{
	http_header(c, "Location", path);
	c->status = 303;
	c->content_type = "text/plain";
	return 0;
}
