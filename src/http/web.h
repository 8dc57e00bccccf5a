/*
 * web.h - the web application's side of the server: HTML forms posted to
 * the API's routes, messages carried to the next page, and pages rendered
 * from templates over the API's own answers.
 *
 * A page never has rules of its own.  It reads with http_call (the GET
 * routes of the API, for the same user, in the same transaction) and its
 * forms post to the API's routes: the server turns the form into the
 * route's JSON body, checks the form's CSRF token, runs the route, and
 * sends the browser on (303) with a message, or answers an error page.
 */
#ifndef ISMS_HTTP_WEB_H
#define ISMS_HTTP_WEB_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/strbuf.h"
#include "http/http.h"

/* The cookie that carries a message to the next page. */
#define WEB_FLASH_COOKIE "isms_flash"

/* A form posted by a browser (application/x-www-form-urlencoded). */
struct http_form {
	/* Control fields, which are not the route's: "_next" (where to go
	 * after), "_back" (the form's page), "_done" (what to say), "_csrf". */
	char next[HTTP_PATH_MAX];
	char back[HTTP_PATH_MAX];
	char done[256];
	char csrf[128];
	char *json; /* the other fields as the route's JSON body (owned) */
	size_t json_len;
};

/*
 * Parse a form body: every other field becomes a string member of the
 * route's JSON body (the last of a repeated name wins).  An empty field is
 * left out when keep_empty is false (a new record: not given) and kept
 * when true (a change: cleared).  E_USAGE for bad encoding or text that
 * is not UTF-8.  Paths in _next and _back are kept only when they are
 * this site's ("/..." but not "//...").
 */
int web_form_parse(const char *body, size_t len, bool keep_empty, struct http_form *f);
void web_form_release(struct http_form *f);

/* A message for the next page the browser shows (Set-Cookie). */
void web_flash(struct http_ctx *c, bool ok, const char *message);

/*
 * The HTML page of an error: its status, the message, and a way back
 * (NULL: the start page).  Owned by the caller.
 */
char *web_error_page(int status, const char *message, const char *back, size_t *len);

/*
 * The data every page has: the user, the session's CSRF token, the
 * organisation (for pages of one) and the ones the user may switch to,
 * the message carried from the last form, and which part of the
 * navigation is current.  Owned by the caller.
 */
json_t *web_model(struct http_ctx *c, const char *nav, const char *title);
/*
 * Render the template with the model (taken) as the answer: an HTML page.
 */
int web_render(struct http_ctx *c, const char *template_name, json_t *model);
/*
 * The path of the current organisation's API route "rest" into sb
 * (reset first): "/api/v1/orgs/SLUG" and rest, the slug escaped.
 */
void web_org_api(struct strbuf *sb, const struct http_ctx *c, const char *rest);
/* A query parameter that is given and not empty, or NULL. */
const char *web_given(struct http_ctx *c, const char *name);
/* A select's option {value, label, selected} onto arr. */
void web_choice_add(json_t *arr, const char *value, const char *label,
                    const char *selected);
/* "?name=value" or "&name=value" onto a path, when there is a value. */
void web_query_add(struct strbuf *sb, const char *name, const char *value);
/* An id attribute from a reference: ("item-", "A.5.1") gives "item-A-5-1". */
json_t *web_anchor(const char *prefix, const char *ref);
/* Send the browser to path (303). */
int web_redirect(struct http_ctx *c, const char *path);

#endif
