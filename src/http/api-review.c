/*
 * api-review.c - management reviews, the certification record and the compliance calendar
 * over HTTP: the same app functions as the command line, answering with the same JSON as
 * its --json.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/error.h"
#include "http/http.h"
#include "view/audit.h"
#include "view/cert.h"

/* A document as a download: its bytes, their type and a file name. */
static void download(struct http_ctx *c, const char *type, const char *filename)
{
	struct strbuf cd = STRBUF_INIT;

	c->content_type = type;
	strbuf_addf(&cd, "attachment; filename=\"%s\"", filename);
	http_header(c, "Content-Disposition", cd.buf);
	strbuf_release(&cd);
}

/* ---- management reviews ---- */

/* The review named by the path, as the store holds it now. */
static int load_review(struct http_ctx *c, struct review *r)
{
	int64_t id;
	int rc = app_review_id_parse(c->param[1], &id);

	memset(r, 0, sizeof(*r));
	return rc ? rc : store_review_get(c->st, c->org.id, id, r);
}

static int list_reviews(struct http_ctx *c)
{
	struct review_list l = { 0 };
	int rc = store_review_list(c->st, c->org.id, &l);

	if (!rc) {
		c->json = json_review_list(&l);
		rc = http_page(c, c->json);
	}
	review_list_release(&l);
	return rc;
}

static int get_review(struct http_ctx *c)
{
	struct review r;
	int rc = load_review(c, &r);

	if (!rc)
		c->json = json_review(&r);
	review_release(&r);
	return rc;
}

/* The body of 'review new' and 'review set': their options. */
static int review_body(struct http_ctx *c, json_t **body, struct review_update *u)
{
	static const char *const fields[] = { "title",      "date",       "chair",
		                              "attendees",  "notes",      "changes",
		                              "monitoring", "objectives", "feedback",
		                              NULL };
	int rc = http_body_fields(c, fields, false, body);

	if (!rc)
		rc = http_field(*body, "title", false, &u->title);
	if (!rc)
		rc = http_field(*body, "date", false, &u->held_on);
	if (!rc)
		rc = http_field(*body, "chair", false, &u->chair);
	if (!rc)
		rc = http_field(*body, "attendees", false, &u->attendees);
	if (!rc)
		rc = http_field(*body, "notes", false, &u->notes);
	if (!rc)
		rc = http_field(*body, "changes", false, &u->changes);
	if (!rc)
		rc = http_field(*body, "monitoring", false, &u->monitoring);
	if (!rc)
		rc = http_field(*body, "objectives", false, &u->objectives);
	if (!rc)
		rc = http_field(*body, "feedback", false, &u->feedback);
	return rc;
}

static int post_review(struct http_ctx *c)
{
	struct review_update u = { 0 };
	struct review r = { 0 };
	json_t *body = NULL;
	int rc = review_body(c, &body, &u);

	if (!rc)
		rc = app_review_new(c->st, &c->org, &u, &r);
	if (!rc) {
		c->json = json_review(&r);
		c->status = 201;
		review_release(&r);
	}
	json_decref(body);
	return rc;
}

/* Change a draft; its inputs are prepared again (answered by get_review). */
static int patch_review(struct http_ctx *c)
{
	struct review_update u = { 0 };
	json_t *body = NULL;
	int64_t id = 0;
	int rc = app_review_id_parse(c->param[1], &id);

	if (!rc)
		rc = review_body(c, &body, &u);
	if (!rc)
		rc = app_review_set(c->st, &c->org, id, &u, NULL);
	json_decref(body);
	return rc;
}

/* A decision (owner NULL) or an action of the review, answered as recorded. */
static int post_output(struct http_ctx *c, bool action)
{
	static const char *const decision_fields[] = { "text", NULL };
	static const char *const action_fields[] = { "text", "owner", "due", NULL };
	const char *text = NULL, *owner = NULL, *due = NULL;
	struct review_output o = { 0 };
	json_t *body = NULL;
	int64_t id = 0;
	int rc = app_review_id_parse(c->param[1], &id);

	if (!rc)
		rc = http_body_fields(c, action ? action_fields : decision_fields, false,
		                      &body);
	if (!rc)
		rc = http_field(body, "text", true, &text);
	if (!rc && action)
		rc = http_field(body, "owner", true, &owner);
	if (!rc && action)
		rc = http_field(body, "due", false, &due);
	if (!rc)
		rc = app_review_output(c->st, &c->org, id, text, owner, due, &o);
	if (!rc) {
		c->json = json_review_output(id, &o);
		c->status = 201;
		free(o.text);
		free(o.owner);
		free(o.due_on);
	}
	json_decref(body);
	return rc;
}

static int post_decision(struct http_ctx *c)
{
	return post_output(c, false);
}

static int post_action(struct http_ctx *c)
{
	return post_output(c, true);
}

/* The actions of a final review too: the next review reports them. */
static int post_action_done(struct http_ctx *c)
{
	static const char *const fields[] = { NULL };
	json_t *body = NULL;
	int64_t id = 0, out = 0;
	int rc = http_body_fields(c, fields, true, &body);

	if (!rc)
		rc = app_review_id_parse(c->param[1], &id);
	if (!rc)
		rc = app_review_output_id_parse(c->param[2], &out);
	if (!rc)
		rc = app_review_action_done(c->st, &c->org, id, out);
	json_decref(body);
	return rc;
}

/* Agree the minutes: the review no longer changes. */
static int post_final(struct http_ctx *c)
{
	static const char *const fields[] = { NULL };
	json_t *body = NULL;
	int64_t id = 0;
	int rc = http_body_fields(c, fields, true, &body);

	if (!rc)
		rc = app_review_id_parse(c->param[1], &id);
	if (!rc)
		rc = app_review_finalise(c->st, &c->org, id);
	json_decref(body);
	return rc;
}

/* The minutes as 'isms review minutes' writes them, as a download. */
static int get_minutes(struct http_ctx *c)
{
	static const char *const types[AUDIT__FORMATS] = {
		[AUDIT_MD] = "text/markdown; charset=utf-8",
		[AUDIT_HTML] = "text/html; charset=utf-8",
		[AUDIT_JSON] = "application/json; charset=utf-8",
	};
	const char *format = http_query(c, "format");
	struct review_doc view;
	struct review r = { 0 };
	enum audit_format f;
	char today[11], name[128];
	int rc;

	if (!format)
		return error_set(E_USAGE, "choose the format with ?format=md|html|json");
	rc = audit_format_parse(format, &f);
	if (!rc)
		rc = load_review(c, &r);
	if (rc)
		return rc;
	store_today(today);
	view = (struct review_doc){ .org = &c->org, .review = &r, .today = today };
	rc = review_minutes_render(&view, f, &c->raw);
	if (!rc) {
		snprintf(name, sizeof(name), "%s-MR%lld-minutes.%s", c->org.slug,
		         (long long)r.id, audit_format_name(f));
		download(c, types[f], name);
	}
	review_release(&r);
	return rc;
}

/* ---- certification ---- */

/* The record as stored now, with the cycle it implies. */
static int get_cert(struct http_ctx *c)
{
	struct certification cert = { 0 };
	struct cert_cycle cy = { 0 };
	int rc = app_cert_get(c->st, &c->org, &cert);

	if (!rc) {
		cert_cycle(&cert, &cy);
		c->json = json_certification(&cert, &cy);
	}
	certification_release(&cert);
	return rc;
}

/* 'cert set': a member not given stays as it was, "none" clears it. */
static int patch_cert(struct http_ctx *c)
{
	static const char *const fields[] = {
		"body",          "number",          "stage1",  "stage2",
		"golive",        "issued",          "expires", "surveillance1",
		"surveillance2", "recertification", NULL,
	};
	struct cert_update u = { 0 };
	const char **value[] = { &u.body,           &u.number,        &u.stage1,
		                 &u.stage2,         &u.golive,        &u.issued,
		                 &u.expires,        &u.surveillance1, &u.surveillance2,
		                 &u.recertification };
	struct certification cert = { 0 };
	json_t *body = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	for (size_t i = 0; !rc && fields[i]; i++)
		rc = http_field(body, fields[i], false, value[i]);
	if (!rc)
		rc = app_cert_set(c->st, &c->org, &u, &cert);
	certification_release(&cert);
	json_decref(body);
	return rc;
}

/* Which of the seven steps to certification the ISMS is at. */
static int get_cert_status(struct http_ctx *c)
{
	struct cert_data d = { 0 };
	struct cert_status s = { 0 };
	int rc = app_cert_load(c->st, &c->org, &d);

	if (!rc) {
		cert_status(&d.facts, &s);
		c->json = json_cert_status(&s, d.today);
		cert_status_release(&s);
	}
	app_cert_release(&d);
	return rc;
}

/* The gates before a stage: not being ready is an answer, not an error. */
static int get_cert_readiness(struct http_ctx *c)
{
	const char *stage_arg = http_query(c, "stage");
	struct cert_data d = { 0 };
	struct cert_readiness r = { 0 };
	int stage = 0, rc;

	if (!stage_arg)
		return error_set(E_USAGE, "choose the stage with ?stage=1|2");
	rc = app_cert_stage_parse(stage_arg, &stage);
	if (rc)
		return rc;
	rc = app_cert_load(c->st, &c->org, &d);
	if (!rc)
		rc = cert_readiness(&d.facts, stage, &r);
	if (!rc)
		c->json = json_cert_readiness(&r);
	cert_readiness_release(&r);
	app_cert_release(&d);
	return rc;
}

/* ---- the calendar ---- */

/* A certification body's auditor never sees a gap assessment's part of it. */
static bool audit_only(const struct http_ctx *c)
{
	return c->user.role == ROLE_EXTERNAL_AUDITOR;
}

/*
 * The calendar as 'isms calendar export' writes it, for a calendar
 * program: every event, or those touching ?from= and ?to=.
 */
static int calendar_ics(struct http_ctx *c)
{
	struct cal_list l = { 0 };
	char today[11], stamp[17], name[128];
	int rc;

	if (http_query(c, "days"))
		return error_set(E_USAGE, "the iCalendar export takes ?from= and ?to=, "
		                          "not ?days=");
	rc = app_calendar_export(c->st, &c->org, http_query(c, "from"),
	                         http_query(c, "to"), audit_only(c), &l, today, stamp);
	if (!rc)
		rc = ical_calendar(&l, c->org.slug, c->org.name, ISMS_VERSION, today,
		                   stamp, &c->raw);
	if (!rc) {
		snprintf(name, sizeof(name), "%s.ics", c->org.slug);
		download(c, "text/calendar; charset=utf-8", name);
	}
	cal_list_release(&l);
	return rc;
}

/* Overdue and the next ?days= days, or what touches ?from= and ?to=. */
static int get_calendar(struct http_ctx *c)
{
	const char *format = http_query(c, "format");
	const char *from = http_query(c, "from"), *to = http_query(c, "to");
	struct cal_list l = { 0 };
	char today[11], until[11];
	int rc;

	if (format && !strcmp(format, "ics"))
		return calendar_ics(c);
	if (format && strcmp(format, "json"))
		return error_set(E_USAGE,
		                 "unknown calendar format '%s' (expected json or ics)",
		                 format);
	rc = app_calendar_window(c->st, &c->org, from, to, http_query(c, "days"),
	                         audit_only(c), &l, today, until);
	if (!rc) {
		c->json = json_calendar(&l, c->org.slug, today, from, until);
		rc = http_page(c, json_object_get(c->json, "events"));
	}
	cal_list_release(&l);
	return rc;
}

static const struct http_route routes[] = {
	{ "GET", "/api/v1/orgs/{org}/reviews", list_reviews, ROUTE_ORG, AREA_REVIEW,
	  ACCESS_READ, NULL },
	{ "POST", "/api/v1/orgs/{org}/reviews", post_review, ROUTE_ORG, AREA_REVIEW,
	  ACCESS_WRITE, NULL },
	{ "GET", "/api/v1/orgs/{org}/reviews/{id}", get_review, ROUTE_ORG, AREA_REVIEW,
	  ACCESS_READ, NULL },
	{ "PATCH", "/api/v1/orgs/{org}/reviews/{id}", patch_review, ROUTE_ORG,
	  AREA_REVIEW, ACCESS_WRITE, get_review },
	{ "POST", "/api/v1/orgs/{org}/reviews/{id}/decisions", post_decision, ROUTE_ORG,
	  AREA_REVIEW, ACCESS_WRITE, NULL },
	{ "POST", "/api/v1/orgs/{org}/reviews/{id}/actions", post_action, ROUTE_ORG,
	  AREA_REVIEW, ACCESS_WRITE, NULL },
	{ "POST", "/api/v1/orgs/{org}/reviews/{id}/actions/{action}/done",
	  post_action_done, ROUTE_ORG, AREA_REVIEW, ACCESS_WRITE, get_review },
	{ "POST", "/api/v1/orgs/{org}/reviews/{id}/final", post_final, ROUTE_ORG,
	  AREA_REVIEW, ACCESS_WRITE, get_review },
	{ "GET", "/api/v1/orgs/{org}/reviews/{id}/minutes", get_minutes, ROUTE_ORG,
	  AREA_REVIEW, ACCESS_READ, NULL },
	{ "GET", "/api/v1/orgs/{org}/cert", get_cert, ROUTE_ORG, AREA_CERT, ACCESS_READ,
	  NULL },
	{ "PATCH", "/api/v1/orgs/{org}/cert", patch_cert, ROUTE_ORG, AREA_CERT,
	  ACCESS_WRITE, get_cert },
	{ "GET", "/api/v1/orgs/{org}/cert/status", get_cert_status, ROUTE_ORG, AREA_CERT,
	  ACCESS_READ, NULL },
	{ "GET", "/api/v1/orgs/{org}/cert/readiness", get_cert_readiness, ROUTE_ORG,
	  AREA_CERT, ACCESS_READ, NULL },
	{ "GET", "/api/v1/orgs/{org}/calendar", get_calendar, ROUTE_ORG, AREA_CALENDAR,
	  ACCESS_READ, NULL },
	{ "GET", "/api/v1/orgs/{org}/calendar.ics", calendar_ics, ROUTE_ORG,
	  AREA_CALENDAR, ACCESS_READ, NULL },
};

HTTP_ROUTE_TABLE(http_api_review, routes);
