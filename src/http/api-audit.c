/*
 * api-audit.c - people and their competence, the audit programme, audits, fieldwork and
 * reports, and corrective actions over HTTP: the same app functions as the command line,
 * answering with the same JSON as its --json.
 *
 * Over the API the one acting is a signed-in user, so the auditor's own acts (recording
 * a result, closing the fieldwork, issuing the report) are checked against the person
 * the user is linked to (app_audit_actor_check): no auditor audits their own work,
 * whatever their role.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/error.h"
#include "http/http.h"
#include "view/audit.h"

/* How many references one owns or disown takes, as on the command line. */
#define REFS_MAX 100

/* ---- helpers ---- */

/* Routes that take no query parameters but a page's (limit, offset). */
static const char *const no_params[] = { NULL };

/* The error just set, again as E_USAGE: a malformed part of the request. */
static int as_usage(void)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s", error_message());
	return error_set(E_USAGE, "%s", msg);
}

/* A path's audit id ("A3", "3"); a malformed one names nothing there is. */
static int audit_param(struct http_ctx *c, int64_t *id)
{
	if (app_audit_id_parse(c->param[1], id))
		return error_set(E_NOTFOUND,
		                 "no audit '%s' (an audit is named by its id, like A3 "
		                 "or 3)",
		                 c->param[1]);
	return 0;
}

static int capa_param(struct http_ctx *c, int64_t *id)
{
	if (app_capa_id_parse(c->param[1], id))
		return error_set(E_NOTFOUND,
		                 "no corrective action '%s' (one is named by its id, "
		                 "like CAPA-3 or 3)",
		                 c->param[1]);
	return 0;
}

/* A yes-or-no query parameter; absent is false. */
static int query_flag(struct http_ctx *c, const char *name, bool *out)
{
	const char *s = http_query(c, name);

	*out = false;
	if (!s || !strcmp(s, "false") || !strcmp(s, "no"))
		return 0;
	if (!strcmp(s, "true") || !strcmp(s, "yes")) {
		*out = true;
		return 0;
	}
	return error_set(E_USAGE, "?%s= takes true or false, not '%s'", name, s);
}

/* ---- people ---- */

static int list_people(struct http_ctx *c)
{
	struct person_list l = { 0 };
	char today[11];
	int rc = http_query_check(c, no_params);

	if (!rc)
		rc = store_person_list(c->st, c->org.id, &l);

	store_today(today);
	if (!rc) {
		c->json = json_person_list(&l, today);
		rc = http_page(c, c->json);
	}
	person_list_release(&l);
	return rc;
}

/* A person with everything they are responsible for, as stored now. */
static int get_person(struct http_ctx *c)
{
	struct person p;
	struct responsibility_list resp;
	char today[11];
	int rc = http_query_check(c, no_params);

	if (rc)
		return rc;
	rc = app_person_get(c->st, &c->org, c->param[1], &p, &resp);

	store_today(today);
	if (!rc)
		c->json = json_person_detail(&p, &resp, today);
	responsibility_list_release(&resp);
	person_release(&p);
	return rc;
}

static int post_person(struct http_ctx *c)
{
	static const char *const fields[] = { "name", "email", NULL };
	json_t *body = NULL;
	const char *name = NULL, *email = NULL;
	struct person p = { 0 };
	char today[11];
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "name", true, &name);
	if (!rc)
		rc = http_field(body, "email", false, &email);
	if (!rc)
		rc = app_person_add(c->st, &c->org, name, email, &p);
	if (!rc) {
		store_today(today);
		c->json = json_person(&p, today);
		c->status = 201;
	}
	person_release(&p);
	json_decref(body);
	return rc;
}

static int patch_person(struct http_ctx *c)
{
	static const char *const fields[] = { "email", "user", NULL };
	json_t *body = NULL;
	const char *email = NULL, *user = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "email", false, &email);
	if (!rc)
		rc = http_field(body, "user", false, &user);
	if (!rc)
		rc = app_person_set(c->st, &c->org, c->param[1], email, user);
	json_decref(body);
	return rc;
}

static int delete_person(struct http_ctx *c)
{
	int rc = app_person_remove(c->st, &c->org, c->param[1]);

	if (!rc)
		c->status = 204;
	return rc;
}

/* "refs": one reference, or an array of them. */
static int body_refs(json_t *body, const char **refs, size_t *n)
{
	json_t *v = json_object_get(body, "refs"), *e;
	size_t i;

	*n = 0;
	if (json_is_string(v)) {
		refs[(*n)++] = json_string_value(v);
		return 0;
	}
	if (!json_is_array(v) || !json_array_size(v))
		return error_set(E_USAGE, "the body needs \"refs\": the references, "
		                          "as an array of strings");
	if (json_array_size(v) > REFS_MAX)
		return error_set(E_USAGE, "at most %d references at once", REFS_MAX);
	json_array_foreach(v, i, e)
	{
		if (!json_is_string(e))
			return error_set(E_USAGE, "\"refs\" holds strings only");
		refs[(*n)++] = json_string_value(e);
	}
	return 0;
}

static int owns(struct http_ctx *c, bool add)
{
	static const char *const fields[] = { "refs", "role", NULL };
	json_t *body = NULL;
	const char *refs[REFS_MAX], *role = NULL;
	size_t n = 0, changed = 0;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = body_refs(body, refs, &n);
	if (!rc)
		rc = http_field(body, "role", false, &role);
	if (!rc)
		rc = app_person_owns(c->st, &c->org, c->param[1], refs, n, role, add,
		                     &changed);
	json_decref(body);
	return rc;
}

static int post_owns(struct http_ctx *c)
{
	return owns(c, true);
}

static int post_disown(struct http_ctx *c)
{
	return owns(c, false);
}

static int post_competence(struct http_ctx *c)
{
	static const char *const fields[] = { "kind",     "title", "on", "expires",
		                              "evidence", "note",  NULL };
	struct competence_update u = { 0 };
	struct competence comp = { 0 };
	json_t *body = NULL;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "kind", false, &u.kind);
	if (!rc)
		rc = http_field(body, "title", false, &u.title);
	if (!rc)
		rc = http_field(body, "on", false, &u.obtained_on);
	if (!rc)
		rc = http_field(body, "expires", false, &u.expires_on);
	if (!rc)
		rc = http_field(body, "evidence", false, &u.evidence);
	if (!rc)
		rc = http_field(body, "note", false, &u.note);
	if (!rc)
		rc = app_competence_add(c->st, &c->org, c->param[1], &u, &comp);
	if (!rc) {
		c->json = json_competence_recorded(c->param[1], &comp);
		c->status = 201;
	}
	competence_release(&comp);
	json_decref(body);
	return rc;
}

static int list_responsibilities(struct http_ctx *c)
{
	struct responsibility_list all = { 0 };
	int rc = http_query_check(c, no_params);

	if (!rc)
		rc = store_responsibilities(c->st, c->org.id, &all);

	if (!rc) {
		c->json = json_responsibility_list(&all);
		rc = http_page(c, c->json);
	}
	responsibility_list_release(&all);
	return rc;
}

/* ---- the programme ---- */

static int get_programme(struct http_ctx *c)
{
	struct audit_coverage cov;
	int cycle = 0;
	int rc = http_query_check(c, no_params);

	if (!rc)
		rc = app_cycle_parse(c->param[1], &cycle);

	if (rc)
		return rc;
	rc = app_audit_coverage(c->st, &c->org, cycle, &cov);
	if (!rc) {
		c->json = json_programme_audits(&cov.programme, &cov.audits);
		app_audit_coverage_release(&cov);
	}
	return rc;
}

/* Record the programme's factors; an empty body records it as it stands. */
static int patch_programme(struct http_ctx *c)
{
	static const char *const fields[] = { "interval", "size",     "legal", "change",
		                              "risks",    "previous", NULL };
	struct programme_update u = { 0 };
	struct audit_programme p;
	json_t *body = NULL;
	int cycle = 0;
	int rc = http_body_fields(c, fields, true, &body);

	if (!rc)
		rc = http_field(body, "interval", false, &u.interval);
	if (!rc)
		rc = http_field(body, "size", false, &u.size_complexity);
	if (!rc)
		rc = http_field(body, "legal", false, &u.legal);
	if (!rc)
		rc = http_field(body, "change", false, &u.rate_of_change);
	if (!rc)
		rc = http_field(body, "risks", false, &u.risk_results);
	if (!rc)
		rc = http_field(body, "previous", false, &u.previous_results);
	if (!rc)
		rc = app_cycle_parse(c->param[1], &cycle);
	if (!rc)
		rc = app_programme_set(c->st, &c->org, cycle, &u, &p);
	if (!rc)
		audit_programme_release(&p);
	json_decref(body);
	return rc;
}

static int get_coverage(struct http_ctx *c)
{
	struct audit_coverage cov;
	int cycle = 0;
	int rc = http_query_check(c, no_params);

	if (!rc)
		rc = app_cycle_parse(c->param[1], &cycle);

	if (rc)
		return rc;
	rc = app_audit_coverage(c->st, &c->org, cycle, &cov);
	if (!rc) {
		c->json = json_audit_coverage(cycle, &cov);
		app_audit_coverage_release(&cov);
	}
	return rc;
}

/* ---- audits ---- */

static const char *const plan_fields[] = { "title",        "scope",      "start",
	                                   "end",          "objectives", "criteria",
	                                   "sampling",     "auditees",   "classification",
	                                   "distribution", NULL };

static int plan_update(json_t *body, struct audit_update *u)
{
	int rc = http_field(body, "title", false, &u->title);

	if (!rc)
		rc = http_field(body, "scope", false, &u->scope);
	if (!rc)
		rc = http_field(body, "start", false, &u->start_on);
	if (!rc)
		rc = http_field(body, "end", false, &u->end_on);
	if (!rc)
		rc = http_field(body, "objectives", false, &u->objectives);
	if (!rc)
		rc = http_field(body, "criteria", false, &u->criteria);
	if (!rc)
		rc = http_field(body, "sampling", false, &u->sampling);
	if (!rc)
		rc = http_field(body, "auditees", false, &u->auditees);
	if (!rc)
		rc = http_field(body, "classification", false, &u->classification);
	if (!rc)
		rc = http_field(body, "distribution", false, &u->distribution);
	return rc;
}

static int list_audits(struct http_ctx *c)
{
	struct audit_list l = { 0 };
	int rc = http_query_check(c, no_params);

	if (!rc)
		rc = store_audit_list(c->st, c->org.id, &l);

	if (!rc) {
		c->json = json_audit_list(&l);
		rc = http_page(c, c->json);
	}
	audit_list_release(&l);
	return rc;
}

/* The plan, team, documents, reports and checklist, as stored now. */
static int get_audit(struct http_ctx *c)
{
	struct audit a;
	int64_t id = 0;
	int rc = http_query_check(c, no_params);

	if (!rc)
		rc = audit_param(c, &id);
	if (!rc)
		rc = app_audit_get(c->st, &c->org, id, &a);
	if (rc)
		return rc;
	c->json = json_audit(&a, true);
	audit_release(&a);
	return 0;
}

static int post_audit(struct http_ctx *c)
{
	struct audit_update u = { 0 };
	struct audit a = { 0 };
	json_t *body = NULL;
	int64_t id;
	int rc = http_body_fields(c, plan_fields, false, &body);

	if (!rc)
		rc = plan_update(body, &u);
	if (!rc)
		rc = app_audit_new(c->st, &c->org, &u, &a);
	if (!rc) {
		/* As stored, with what the store filled in. */
		id = a.id;
		audit_release(&a);
		rc = app_audit_get(c->st, &c->org, id, &a);
	}
	if (!rc) {
		c->json = json_audit(&a, false);
		c->status = 201;
		audit_release(&a);
	}
	json_decref(body);
	return rc;
}

static int patch_audit(struct http_ctx *c)
{
	struct audit_update u = { 0 };
	struct audit a;
	json_t *body = NULL;
	int64_t id = 0;
	int rc = audit_param(c, &id);

	if (!rc)
		rc = http_body_fields(c, plan_fields, false, &body);
	if (!rc)
		rc = plan_update(body, &u);
	if (!rc)
		rc = app_audit_set(c->st, &c->org, id, &u, &a);
	if (!rc)
		audit_release(&a);
	json_decref(body);
	return rc;
}

static int get_checklist(struct http_ctx *c)
{
	struct audit a;
	int64_t id = 0;
	int rc = http_query_check(c, no_params);

	if (!rc)
		rc = audit_param(c, &id);
	if (!rc)
		rc = app_audit_get(c->st, &c->org, id, &a);
	if (rc)
		return rc;
	c->json = json_audit_checklist(&a);
	audit_release(&a);
	return http_page(c, c->json);
}

/* Put an auditor on the team: independence is enforced as on the command line. */
static int post_member(struct http_ctx *c)
{
	static const char *const fields[] = { "name", "lead", "override_justification",
		                              NULL };
	json_t *body = NULL;
	const char *name = NULL, *justification = NULL;
	bool lead = false, no_competence = false;
	int64_t id = 0;
	int rc = audit_param(c, &id);

	if (!rc)
		rc = http_body_fields(c, fields, false, &body);
	if (!rc)
		rc = http_field(body, "name", true, &name);
	if (!rc)
		rc = http_field_bool(c, body, "lead", &lead);
	if (!rc)
		rc = http_field(body, "override_justification", false, &justification);
	if (!rc)
		rc = app_audit_assign(c->st, &c->org, id, name, lead, justification,
		                      &no_competence);
	if (!rc) {
		c->json = json_audit_assigned(id, name, lead, no_competence);
		c->status = 201;
	}
	json_decref(body);
	return rc;
}

static int delete_member(struct http_ctx *c)
{
	int64_t id = 0;
	int rc = audit_param(c, &id);

	if (!rc)
		rc = app_audit_unassign(c->st, &c->org, id, c->param[2]);
	if (!rc)
		c->status = 204;
	return rc;
}

static int post_document(struct http_ctx *c)
{
	static const char *const fields[] = { "title", "evidence", NULL };
	json_t *body = NULL;
	const char *title = NULL, *evidence = NULL;
	int64_t id = 0;
	int rc = audit_param(c, &id);

	if (!rc)
		rc = http_body_fields(c, fields, false, &body);
	if (!rc)
		rc = http_field(body, "title", true, &title);
	if (!rc)
		rc = http_field(body, "evidence", false, &evidence);
	if (!rc)
		rc = app_audit_document(c->st, &c->org, id, title, evidence);
	json_decref(body);
	return rc;
}

/*
 * Fieldwork: recorded by an auditor of the team, linked to the signed-in
 * user, on an item that is not their own work.
 */
static int post_result(struct http_ctx *c)
{
	static const char *const fields[] = { "ref",         "result", "kind",
		                              "method",      "test",   "population",
		                              "sample_size", "sample", "note",
		                              "evidence",    NULL };
	struct result_update u = { 0 };
	json_t *body = NULL;
	int64_t id = 0, capa = 0;
	int rc = audit_param(c, &id);

	if (!rc)
		rc = http_body_fields(c, fields, false, &body);
	if (!rc)
		rc = http_field(body, "ref", true, &u.ref);
	if (!rc)
		rc = http_field(body, "result", true, &u.result);
	if (!rc)
		rc = http_field(body, "method", true, &u.method);
	if (!rc)
		rc = http_field(body, "kind", false, &u.kind);
	if (!rc)
		rc = http_field(body, "test", false, &u.test);
	if (!rc)
		rc = http_field(body, "population", false, &u.population);
	if (!rc)
		rc = http_field(body, "sample_size", false, &u.sample_size);
	if (!rc)
		rc = http_field(body, "sample", false, &u.sample_items);
	if (!rc)
		rc = http_field(body, "note", false, &u.note);
	if (!rc)
		rc = http_field(body, "evidence", false, &u.evidence);
	if (!rc)
		rc = app_audit_actor_check(c->st, &c->org, id, &c->user, u.ref,
		                           "record a result");
	if (!rc)
		rc = app_audit_result(c->st, &c->org, id, &u, &capa);
	if (!rc) {
		c->json = json_audit_result_recorded(id, u.ref, u.result, capa);
		c->status = 201;
	}
	json_decref(body);
	return rc;
}

static int post_close(struct http_ctx *c)
{
	static const char *const fields[] = { "date", NULL };
	json_t *body = NULL;
	const char *date = NULL;
	int64_t id = 0;
	int rc = audit_param(c, &id);

	if (!rc)
		rc = http_body_fields(c, fields, true, &body);
	if (!rc)
		rc = http_field(body, "date", false, &date);
	if (!rc)
		rc = app_audit_actor_check(c->st, &c->org, id, &c->user, NULL,
		                           "close the fieldwork");
	if (!rc)
		rc = app_audit_close(c->st, &c->org, id, date);
	json_decref(body);
	return rc;
}

static const char *const report_types[AUDIT__FORMATS] = {
	[AUDIT_MD] = "text/markdown; charset=utf-8",
	[AUDIT_HTML] = "text/html; charset=utf-8",
	[AUDIT_JSON] = "application/json; charset=utf-8",
};

/* The report: the issued document once issued (?version=, ?draft=), else the draft. */
static int get_report(struct http_ctx *c)
{
	static const char *const params[] = { "format", "version", "draft", NULL };
	const char *format = http_query(c, "format"),
	           *version_s = http_query(c, "version");
	enum audit_format f = AUDIT_JSON;
	int64_t id = 0, version = 0;
	bool draft = false, issued = false;
	char name[128];
	int rc = http_query_check(c, params);

	if (!rc)
		rc = audit_param(c, &id);

	if (!rc && format && audit_format_parse(format, &f))
		rc = as_usage();
	if (!rc && version_s &&
	    (app_positive_id("?version=", version_s, &version) || version > INT_MAX))
		rc = error_set(E_USAGE, "?version= takes a version number, not '%s'",
		               version_s);
	if (!rc)
		rc = query_flag(c, "draft", &draft);
	if (!rc)
		rc = audit_report_document(c->st, &c->org, id, f, (int)version, draft,
		                           &c->raw, &issued);
	if (rc)
		return rc;
	c->content_type = report_types[f];
	if (f != AUDIT_JSON) {
		snprintf(name, sizeof(name),
		         "attachment; filename=\"audit-A%lld-report%s.%s\"",
		         (long long)id, issued ? "" : "-draft", audit_format_name(f));
		http_header(c, "Content-Disposition", name);
	}
	return 0;
}

static int post_issue(struct http_ctx *c)
{
	static const char *const fields[] = { "by", "date", "reason", NULL };
	json_t *body = NULL;
	const char *by = NULL, *date = NULL, *reason = NULL;
	char issued_on[11];
	int64_t id = 0;
	int version = 0;
	int rc = audit_param(c, &id);

	if (!rc)
		rc = http_body_fields(c, fields, false, &body);
	if (!rc)
		rc = http_field(body, "by", true, &by);
	if (!rc)
		rc = http_field(body, "date", false, &date);
	if (!rc)
		rc = http_field(body, "reason", false, &reason);
	if (!rc)
		rc = app_audit_actor_check(c->st, &c->org, id, &c->user, NULL,
		                           "issue the report");
	if (!rc)
		rc = audit_report_issue(c->st, &c->org, id, by, date, reason, &version,
		                        issued_on);
	if (!rc) {
		c->json = json_audit_issued(id, version, issued_on);
		c->status = 201;
	}
	json_decref(body);
	return rc;
}

/* ---- corrective actions ---- */

static int list_capas(struct http_ctx *c)
{
	static const char *const params[] = { "overdue", "open", NULL };
	struct capa_list l = { 0 };
	bool overdue = false, open_only = false;
	char today[11];
	int rc = http_query_check(c, params);

	if (!rc)
		rc = query_flag(c, "overdue", &overdue);

	if (!rc)
		rc = query_flag(c, "open", &open_only);
	if (!rc)
		rc = app_capa_list(c->st, &c->org, overdue, open_only, &l);
	if (rc)
		return rc;
	store_today(today);
	c->json = json_capa_list(&l, today);
	capa_list_release(&l);
	return http_page(c, c->json);
}

static int get_capa(struct http_ctx *c)
{
	struct capa cp;
	char today[11];
	int64_t id = 0;
	int rc = http_query_check(c, no_params);

	if (!rc)
		rc = capa_param(c, &id);
	if (!rc)
		rc = store_capa_get(c->st, c->org.id, id, &cp);
	if (rc)
		return rc;
	store_today(today);
	c->json = json_capa(&cp, today);
	capa_release(&cp);
	return 0;
}

static int patch_capa(struct http_ctx *c)
{
	static const char *const fields[] = { "correction", "root_cause", "action",
		                              "owner",      "due",        "status",
		                              NULL };
	struct capa_update u = { 0 };
	struct capa cp;
	json_t *body = NULL;
	int64_t id = 0;
	int rc = capa_param(c, &id);

	if (!rc)
		rc = http_body_fields(c, fields, false, &body);
	if (!rc)
		rc = http_field(body, "correction", false, &u.correction);
	if (!rc)
		rc = http_field(body, "root_cause", false, &u.root_cause);
	if (!rc)
		rc = http_field(body, "action", false, &u.action);
	if (!rc)
		rc = http_field(body, "owner", false, &u.owner);
	if (!rc)
		rc = http_field(body, "due", false, &u.due_on);
	if (!rc)
		rc = http_field(body, "status", false, &u.status);
	if (!rc)
		rc = app_capa_set(c->st, &c->org, id, &u, &cp);
	if (!rc)
		capa_release(&cp);
	json_decref(body);
	return rc;
}

static int post_capa_verify(struct http_ctx *c)
{
	static const char *const fields[] = { "by", "note", "date", "evidence", NULL };
	json_t *body = NULL;
	const char *by = NULL, *note = NULL, *date = NULL, *evidence = NULL;
	int64_t id = 0;
	int rc = capa_param(c, &id);

	if (!rc)
		rc = http_body_fields(c, fields, false, &body);
	if (!rc)
		rc = http_field(body, "by", false, &by);
	if (!rc)
		rc = http_field(body, "note", false, &note);
	if (!rc)
		rc = http_field(body, "date", false, &date);
	if (!rc)
		rc = http_field(body, "evidence", false, &evidence);
	if (!rc)
		rc = app_capa_verify(c->st, &c->org, id, by, note, date, evidence);
	json_decref(body);
	return rc;
}

static int post_capa_close(struct http_ctx *c)
{
	static const char *const fields[] = { "date", NULL };
	json_t *body = NULL;
	const char *date = NULL;
	int64_t id = 0;
	int rc = capa_param(c, &id);

	if (!rc)
		rc = http_body_fields(c, fields, true, &body);
	if (!rc)
		rc = http_field(body, "date", false, &date);
	if (!rc)
		rc = app_capa_close(c->st, &c->org, id, date);
	json_decref(body);
	return rc;
}

#define ORG "/api/v1/orgs/{org}"

static const struct http_route routes[] = {
	/* people */
	{ "GET", ORG "/people", list_people, ROUTE_ORG, AREA_PERSON, ACCESS_READ, NULL },
	{ "POST", ORG "/people", post_person, ROUTE_ORG, AREA_PERSON, ACCESS_WRITE,
	  NULL },
	{ "GET", ORG "/people/{name}", get_person, ROUTE_ORG, AREA_PERSON, ACCESS_READ,
	  NULL },
	{ "PATCH", ORG "/people/{name}", patch_person, ROUTE_ORG, AREA_PERSON,
	  ACCESS_WRITE, get_person },
	{ "DELETE", ORG "/people/{name}", delete_person, ROUTE_ORG, AREA_PERSON,
	  ACCESS_WRITE, get_person },
	{ "POST", ORG "/people/{name}/owns", post_owns, ROUTE_ORG, AREA_PERSON,
	  ACCESS_WRITE, get_person },
	{ "POST", ORG "/people/{name}/disown", post_disown, ROUTE_ORG, AREA_PERSON,
	  ACCESS_WRITE, get_person },
	{ "POST", ORG "/people/{name}/competence", post_competence, ROUTE_ORG,
	  AREA_PERSON, ACCESS_WRITE, NULL },
	{ "GET", ORG "/responsibilities", list_responsibilities, ROUTE_ORG, AREA_PERSON,
	  ACCESS_READ, NULL },
	/* the programme */
	{ "GET", ORG "/audit-programmes/{cycle}", get_programme, ROUTE_ORG, AREA_AUDIT,
	  ACCESS_READ, NULL },
	{ "PATCH", ORG "/audit-programmes/{cycle}", patch_programme, ROUTE_ORG,
	  AREA_AUDIT, ACCESS_WRITE, get_programme },
	{ "GET", ORG "/audit-programmes/{cycle}/coverage", get_coverage, ROUTE_ORG,
	  AREA_AUDIT, ACCESS_READ, NULL },
	/* audits */
	{ "GET", ORG "/audits", list_audits, ROUTE_ORG, AREA_AUDIT, ACCESS_READ, NULL },
	{ "POST", ORG "/audits", post_audit, ROUTE_ORG, AREA_AUDIT, ACCESS_WRITE, NULL },
	{ "GET", ORG "/audits/{id}", get_audit, ROUTE_ORG, AREA_AUDIT, ACCESS_READ,
	  NULL },
	{ "PATCH", ORG "/audits/{id}", patch_audit, ROUTE_ORG, AREA_AUDIT, ACCESS_WRITE,
	  get_audit },
	{ "GET", ORG "/audits/{id}/checklist", get_checklist, ROUTE_ORG, AREA_AUDIT,
	  ACCESS_READ, NULL },
	{ "POST", ORG "/audits/{id}/team", post_member, ROUTE_ORG, AREA_AUDIT,
	  ACCESS_WRITE, NULL },
	{ "DELETE", ORG "/audits/{id}/team/{name}", delete_member, ROUTE_ORG, AREA_AUDIT,
	  ACCESS_WRITE, get_audit },
	{ "POST", ORG "/audits/{id}/documents", post_document, ROUTE_ORG, AREA_AUDIT,
	  ACCESS_WRITE, get_audit },
	{ "POST", ORG "/audits/{id}/results", post_result, ROUTE_ORG, AREA_AUDIT,
	  ACCESS_WRITE, NULL },
	{ "POST", ORG "/audits/{id}/close", post_close, ROUTE_ORG, AREA_AUDIT,
	  ACCESS_WRITE, get_audit },
	{ "GET", ORG "/audits/{id}/report", get_report, ROUTE_ORG, AREA_AUDIT,
	  ACCESS_READ, NULL },
	{ "POST", ORG "/audits/{id}/issue", post_issue, ROUTE_ORG, AREA_AUDIT,
	  ACCESS_WRITE, NULL },
	/* corrective actions */
	{ "GET", ORG "/capas", list_capas, ROUTE_ORG, AREA_CAPA, ACCESS_READ, NULL },
	{ "GET", ORG "/capas/{id}", get_capa, ROUTE_ORG, AREA_CAPA, ACCESS_READ, NULL },
	{ "PATCH", ORG "/capas/{id}", patch_capa, ROUTE_ORG, AREA_CAPA, ACCESS_WRITE,
	  get_capa },
	{ "POST", ORG "/capas/{id}/verify", post_capa_verify, ROUTE_ORG, AREA_CAPA,
	  ACCESS_WRITE, get_capa },
	{ "POST", ORG "/capas/{id}/close", post_capa_close, ROUTE_ORG, AREA_CAPA,
	  ACCESS_WRITE, get_capa },
};

HTTP_ROUTE_TABLE(http_api_audit, routes);
