/*
 * api-risk.c - assets, data flows, the risk method, risks, the treatment plan and the
 * Statement of Applicability over HTTP: the same app functions as the command line,
 * answering with the same JSON as its --json.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "http/http.h"
#include "view/soa.h"

/* ---- helpers ---- */

/* A download: the answer's type and the file name it is saved under. */
static void attachment(struct http_ctx *c, const char *type, const char *stem,
                       const char *ext)
{
	struct strbuf v = STRBUF_INIT;

	c->content_type = type;
	/* Slugs are lower-case letters, digits and hyphens: safe to quote. */
	strbuf_addf(&v, "attachment; filename=\"%s-%s.%s\"", stem, c->org.slug, ext);
	http_header(c, "Content-Disposition", v.buf);
	strbuf_release(&v);
}

/*
 * The CSV an import route was sent (streamed to a file as it came), at
 * most as large as the command line takes.
 */
static int read_csv(struct http_ctx *c, char **buf, size_t *len)
{
	struct strbuf sb;
	char chunk[65536];
	ssize_t n;
	int fd, rc = 0;

	*buf = NULL;
	*len = 0;
	if (c->upload_len > IMPORT_FILE_MAX)
		return error_set(E_INVALID, "the CSV is too large (more than %zu bytes)",
		                 IMPORT_FILE_MAX);
	fd = open(c->upload_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error_set(E_IO, "cannot read the request body: %s",
		                 strerror(errno));
	strbuf_init(&sb, IMPORT_FILE_MAX);
	while (!rc && (n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rc = error_set(E_IO, "cannot read the request body: %s",
			               strerror(errno));
		else if (strbuf_add(&sb, chunk, (size_t)n))
			rc = error_set(E_INVALID,
			               "the CSV is too large (more than %zu bytes)",
			               IMPORT_FILE_MAX);
	}
	close(fd);
	if (rc) {
		strbuf_release(&sb);
		return rc;
	}
	*buf = strbuf_detach(&sb, len);
	return 0;
}

typedef int (*import_fn)(struct store *st, const struct org *org, const char *name,
                         const char *buf, size_t len, size_t *count);

/* An import: every row or none, answered with how many were added. */
static int import_csv(struct http_ctx *c, import_fn import)
{
	char *buf = NULL;
	size_t len = 0, n = 0;
	int rc = read_csv(c, &buf, &len);

	/* Messages name a failing row as "body:LINE". */
	if (!rc)
		rc = import(c->st, &c->org, "body", buf, len, &n);
	free(buf);
	if (!rc)
		c->json = json_imported(n);
	return rc;
}

static struct soa_doc doc_of(const struct org *org, const struct soa_data *d)
{
	return (struct soa_doc){ .org = org,
		                 .soa = &d->soa,
		                 .risks = &d->risks,
		                 .method = &d->method,
		                 .plan = &d->plan,
		                 .problems = &d->problems,
		                 .approved = d->approved.id ? &d->approved : NULL,
		                 .today = d->today };
}

/* ---- assets ---- */

#define ASSET_FIELDS(u)                                                                 \
	{ "type", &(u).type }, { "owner", &(u).owner }, { "location", &(u).location },  \
	        { "classification", &(u).classification },                              \
	        { "description", &(u).description },                                    \
	        { "confidentiality", &(u).confidentiality },                            \
	        { "integrity", &(u).integrity }, { "availability", &(u).availability }, \
	{                                                                               \
		"in_scope", &(u).in_scope                                               \
	}

static int list_assets(struct http_ctx *c)
{
	struct asset_list l;
	int rc = store_asset_list(c->st, c->org.id, &l);

	if (rc)
		return rc;
	c->json = json_asset_list(&l);
	asset_list_release(&l);
	return http_page(c, c->json);
}

static int get_asset(struct http_ctx *c)
{
	struct asset a;
	int rc = store_asset_get(c->st, c->org.id, c->param[1], &a);

	if (rc)
		return rc;
	c->json = json_asset(&a);
	asset_release(&a);
	return 0;
}

static int post_asset(struct http_ctx *c)
{
	struct asset_update u = { 0 };
	const char *name = NULL;
	const struct http_member f[] = { { "name", &name },
		                         ASSET_FIELDS(u),
		                         { NULL, NULL } };
	json_t *body = NULL;
	struct asset a;
	int rc = http_body_take(c, f, false, &body);

	if (!rc)
		rc = http_field(body, "name", true, &name);
	if (!rc)
		rc = app_asset_add(c->st, &c->org, name, &u, &a);
	if (!rc) {
		c->json = json_asset(&a);
		c->status = 201;
		asset_release(&a);
	}
	json_decref(body);
	return rc;
}

static int patch_asset(struct http_ctx *c)
{
	struct asset_update u = { 0 };
	const struct http_member f[] = { ASSET_FIELDS(u), { NULL, NULL } };
	json_t *body = NULL;
	int rc = http_body_take(c, f, false, &body);

	if (!rc)
		rc = app_asset_set(c->st, &c->org, c->param[1], &u, NULL);
	json_decref(body);
	return rc;
}

static int delete_asset(struct http_ctx *c)
{
	int rc = app_asset_remove(c->st, &c->org, c->param[1]);

	if (!rc)
		c->status = 204;
	return rc;
}

static int import_assets(struct http_ctx *c)
{
	return import_csv(c, app_asset_import);
}

/* ---- data flows ---- */

/* One flow as JSON into c->json, by its id. */
static int answer_flow(struct http_ctx *c, int64_t id)
{
	struct data_flow_list l;
	int rc = store_flow_list(c->st, c->org.id, &l);

	if (rc)
		return rc;
	for (size_t i = 0; !c->json && i < l.n; i++)
		if (l.v[i].id == id)
			c->json = json_data_flow(&l.v[i]);
	data_flow_list_release(&l);
	if (!c->json)
		return error_set(E_NOTFOUND, "no data flow %lld (see 'isms flow list')",
		                 (long long)id);
	return 0;
}

static int list_flows(struct http_ctx *c)
{
	struct data_flow_list l;
	int rc = store_flow_list(c->st, c->org.id, &l);

	if (rc)
		return rc;
	c->json = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(c->json, json_data_flow(&l.v[i]));
	data_flow_list_release(&l);
	return http_page(c, c->json);
}

static int get_flow(struct http_ctx *c)
{
	int64_t id;
	int rc = app_positive_id("a data flow id", c->param[1], &id);

	return rc ? rc : answer_flow(c, id);
}

static int post_flow(struct http_ctx *c)
{
	const char *from = NULL, *to = NULL, *data = NULL, *channel = NULL;
	const struct http_member f[] = { { "from", &from },
		                         { "to", &to },
		                         { "data", &data },
		                         { "channel", &channel },
		                         { NULL, NULL } };
	json_t *body = NULL;
	int64_t id = 0;
	int rc = http_body_take(c, f, false, &body);

	if (!rc)
		rc = http_field(body, "from", true, &from);
	if (!rc)
		rc = http_field(body, "to", true, &to);
	if (!rc)
		rc = http_field(body, "data", true, &data);
	if (!rc)
		rc = app_flow_add(c->st, &c->org, from, to, data, channel, &id);
	if (!rc)
		rc = answer_flow(c, id);
	if (!rc)
		c->status = 201;
	json_decref(body);
	return rc;
}

static int delete_flow(struct http_ctx *c)
{
	int rc = app_flow_remove(c->st, &c->org, c->param[1]);

	if (!rc)
		c->status = 204;
	return rc;
}

/* ---- risks ---- */

#define RISK_FIELDS(u)                                                                  \
	{ "title", &(u).title }, { "asset", &(u).assets }, { "threat", &(u).threat },   \
	        { "vulnerability", &(u).vulnerability },                                \
	        { "consequence", &(u).consequence }, { "likelihood", &(u).likelihood }, \
	        { "impact", &(u).impact }, { "treatment", &(u).treatment },             \
	        { "controls", &(u).controls },                                          \
	        { "other_controls", &(u).other_controls },                              \
	        { "residual_likelihood", &(u).residual_likelihood },                    \
	        { "residual_impact", &(u).residual_impact }, { "owner", &(u).owner },   \
	{                                                                               \
		"review", &(u).review_on                                                \
	}

/* A risk as the command line shows it: judged by the method as it is now. */
static int answer_risk(struct http_ctx *c, const struct risk *r)
{
	struct risk_method m;
	int rc = store_risk_method_get(c->st, c->org.id, &m);

	if (rc)
		return rc;
	c->json = json_risk(r, &m);
	risk_method_release(&m);
	return 0;
}

static int list_risks(struct http_ctx *c)
{
	struct risk_method m;
	struct risk_list l;
	int rc = store_risk_method_get(c->st, c->org.id, &m);

	if (rc)
		return rc;
	rc = store_risk_list(c->st, c->org.id, &l);
	if (!rc) {
		c->json = json_risk_list(&l, &m);
		risk_list_release(&l);
		rc = http_page(c, c->json);
	}
	risk_method_release(&m);
	return rc;
}

static int get_risk(struct http_ctx *c)
{
	struct risk r;
	int64_t id;
	int rc = app_risk_id_parse(c->param[1], &id);

	if (!rc)
		rc = store_risk_get(c->st, c->org.id, id, &r);
	if (rc)
		return rc;
	rc = answer_risk(c, &r);
	risk_release(&r);
	return rc;
}

static int post_risk(struct http_ctx *c)
{
	struct risk_update u = { 0 };
	const struct http_member f[] = { RISK_FIELDS(u), { NULL, NULL } };
	json_t *body = NULL;
	struct risk r;
	int rc = http_body_take(c, f, false, &body);

	if (!rc)
		rc = app_risk_add(c->st, &c->org, &u, &r);
	if (!rc) {
		rc = answer_risk(c, &r);
		risk_release(&r);
	}
	if (!rc)
		c->status = 201;
	json_decref(body);
	return rc;
}

static int patch_risk(struct http_ctx *c)
{
	struct risk_update u = { 0 };
	const struct http_member f[] = { RISK_FIELDS(u), { NULL, NULL } };
	json_t *body = NULL;
	int64_t id;
	int rc = app_risk_id_parse(c->param[1], &id);

	if (!rc)
		rc = http_body_take(c, f, false, &body);
	if (!rc)
		rc = app_risk_set(c->st, &c->org, id, &u, NULL);
	json_decref(body);
	return rc;
}

static int delete_risk(struct http_ctx *c)
{
	int64_t id;
	int rc = app_risk_id_parse(c->param[1], &id);

	if (!rc)
		rc = app_risk_remove(c->st, &c->org, id);
	if (!rc)
		c->status = 204;
	return rc;
}

static int accept_risk(struct http_ctx *c)
{
	const char *by = NULL, *date = NULL;
	const struct http_member f[] = { { "by", &by },
		                         { "date", &date },
		                         { NULL, NULL } };
	json_t *body = NULL;
	int64_t id;
	int rc = app_risk_id_parse(c->param[1], &id);

	if (!rc)
		rc = http_body_take(c, f, false, &body);
	if (!rc)
		rc = app_risk_accept(c->st, &c->org, id, by, date);
	json_decref(body);
	return rc;
}

static int import_risks(struct http_ctx *c)
{
	return import_csv(c, app_risk_import);
}

/* ---- treatment actions ---- */

#define ACTION_FIELDS(u)                                                               \
	{ "title", &(u).title }, { "control", &(u).control }, { "owner", &(u).owner }, \
	        { "due", &(u).due_on },                                                \
	{                                                                              \
		"status", &(u).status                                                  \
	}

static int post_action(struct http_ctx *c)
{
	struct treatment_update u = { 0 };
	const struct http_member f[] = { ACTION_FIELDS(u), { NULL, NULL } };
	struct treatment_action t;
	json_t *body = NULL;
	int64_t id;
	int rc = app_risk_id_parse(c->param[1], &id);

	if (!rc)
		rc = http_body_take(c, f, false, &body);
	if (!rc)
		rc = app_treatment_add(c->st, &c->org, id, &u, &t);
	if (!rc) {
		c->json = json_treatment_action(&t);
		c->status = 201;
		treatment_action_release(&t);
	}
	json_decref(body);
	return rc;
}

static int get_action(struct http_ctx *c)
{
	struct treatment_action t;
	int64_t id;
	int rc = app_treatment_id_parse(c->param[1], &id);

	if (!rc)
		rc = store_treatment_action_get(c->st, c->org.id, id, &t);
	if (rc)
		return rc;
	c->json = json_treatment_action(&t);
	treatment_action_release(&t);
	return 0;
}

static int patch_action(struct http_ctx *c)
{
	struct treatment_update u = { 0 };
	const struct http_member f[] = { ACTION_FIELDS(u), { NULL, NULL } };
	json_t *body = NULL;
	int64_t id;
	int rc = app_treatment_id_parse(c->param[1], &id);

	if (!rc)
		rc = http_body_take(c, f, false, &body);
	if (!rc)
		rc = app_treatment_set(c->st, &c->org, id, &u, NULL);
	json_decref(body);
	return rc;
}

/* ---- the risk method ---- */

static int get_method(struct http_ctx *c)
{
	struct risk_method m;
	int rc = store_risk_method_get(c->st, c->org.id, &m);

	if (rc)
		return rc;
	c->json = json_risk_method(&m);
	risk_method_release(&m);
	return 0;
}

/*
 * The answer is the method as it is now; how many risks the change
 * re-evaluated, and how many changed level, is in its history.
 */
static int patch_method(struct http_ctx *c)
{
	struct method_update u = { 0 };
	const struct http_member f[] = { { "likelihood", &u.likelihood },
		                         { "impact", &u.impact },
		                         { "matrix", &u.matrix },
		                         { "accept", &u.accept },
		                         { "by", &u.by },
		                         { "note", &u.note },
		                         { NULL, NULL } };
	struct risk_method m = { 0 };
	int64_t evaluated = 0, changed = 0;
	json_t *body = NULL;
	int rc = http_body_take(c, f, false, &body);

	if (!rc)
		rc = app_risk_method_set(c->st, &c->org, &u, &m, &evaluated, &changed);
	risk_method_release(&m);
	json_decref(body);
	return rc;
}

static int method_history(struct http_ctx *c)
{
	struct risk_method_history h;
	int rc = store_risk_method_history(c->st, c->org.id, &h);

	if (rc)
		return rc;
	c->json = json_risk_method_history(&h);
	risk_method_history_release(&h);
	return http_page(c, c->json);
}

/* ---- the treatment plan and the risk report ---- */

static int get_plan(struct http_ctx *c)
{
	struct treatment_plan p;
	struct risk_list l;
	int rc = store_risk_list(c->st, c->org.id, &l);

	if (rc)
		return rc;
	rc = app_plan_get(c->st, &c->org, &l, &p);
	if (!rc) {
		c->json = json_treatment_plan_actions(&p, &l);
		treatment_plan_release(&p);
	}
	risk_list_release(&l);
	return rc;
}

static int approve_plan(struct http_ctx *c)
{
	const char *by = NULL, *date = NULL;
	const struct http_member f[] = { { "by", &by },
		                         { "date", &date },
		                         { NULL, NULL } };
	json_t *body = NULL;
	int rc = http_body_take(c, f, false, &body);

	if (!rc)
		rc = app_plan_approve(c->st, &c->org, by, date, NULL);
	json_decref(body);
	return rc;
}

/* ?format=html|md|json (json without it, as with --json). */
static int risk_report(struct http_ctx *c)
{
	static const char *const types[] = {
		[RISK_REPORT_MD] = "text/markdown; charset=utf-8",
		[RISK_REPORT_HTML] = "text/html; charset=utf-8",
		[RISK_REPORT_JSON] = "application/json; charset=utf-8",
	};
	static const char *const exts[] = {
		[RISK_REPORT_MD] = "md",
		[RISK_REPORT_HTML] = "html",
		[RISK_REPORT_JSON] = "json",
	};
	const char *format = http_query(c, "format");
	enum risk_report_format f = RISK_REPORT_JSON;
	struct soa_data d;
	struct soa_doc view;
	int rc;

	if (format && risk_report_format_parse(format, &f))
		return error_set(E_USAGE,
		                 "unknown format '%s' (expected html, md or json)",
		                 format);
	rc = app_soa_load(c->st, &c->org, &d);
	if (!rc) {
		view = doc_of(&c->org, &d);
		rc = risk_report_render(&view, f, &c->raw);
	}
	if (!rc && f == RISK_REPORT_JSON)
		c->content_type = types[f];
	else if (!rc)
		attachment(c, types[f], "risk-report", exts[f]);
	app_soa_release(&d);
	return rc;
}

/* ---- the Statement of Applicability ---- */

static int list_soa(struct http_ctx *c)
{
	struct soa_data d;
	struct soa_doc view;
	int rc = app_soa_load(c->st, &c->org, &d);

	if (!rc) {
		view = doc_of(&c->org, &d);
		c->json = json_soa(&view);
		rc = http_page(c, json_object_get(c->json, "controls"));
	}
	app_soa_release(&d);
	return rc;
}

static int get_soa_row(struct http_ctx *c)
{
	struct soa_data d;
	const struct soa_row *r;
	int rc = app_soa_get(c->st, &c->org, c->param[1], &d, &r);

	if (!rc)
		c->json = json_soa_row(r);
	app_soa_release(&d);
	return rc;
}

#define SOA_FIELDS(u)                                                               \
	{ "applicable", &(u).applicable }, { "justification", &(u).justification }, \
	        { "reason", &(u).reason }, { "status", &(u).status },               \
	{                                                                           \
		"status_reason", &(u).status_reason                                 \
	}

static int patch_soa_row(struct http_ctx *c)
{
	struct soa_update u = { 0 };
	const struct http_member f[] = { SOA_FIELDS(u), { NULL, NULL } };
	json_t *body = NULL;
	int rc = http_body_take(c, f, false, &body);

	if (!rc)
		rc = app_soa_set(c->st, &c->org, c->param[1], &u, NULL);
	json_decref(body);
	return rc;
}

/* The same change to several controls ("refs"), all or none. */
static int patch_soa(struct http_ctx *c)
{
	static const char *const allowed[] = { "refs",   "applicable", "justification",
		                               "reason", "status",     "status_reason",
		                               NULL };
	struct soa_update u = { 0 };
	const struct http_member f[] = { SOA_FIELDS(u), { NULL, NULL } };
	const char **refs = NULL;
	json_t *body = NULL, *list;
	size_t n = 0;
	int rc = http_body_fields(c, allowed, false, &body);

	for (size_t i = 0; !rc && f[i].key; i++)
		rc = http_field(body, f[i].key, false, f[i].out);
	list = rc ? NULL : json_object_get(body, "refs");
	if (!rc && !json_is_array(list))
		rc = error_set(E_USAGE, "the body needs \"refs\", an array of control "
		                        "references");
	if (!rc) {
		n = json_array_size(list);
		refs = xcalloc(n ? n : 1, sizeof(*refs));
	}
	for (size_t i = 0; !rc && i < n; i++) {
		refs[i] = json_string_value(json_array_get(list, i));
		if (!refs[i])
			rc = error_set(E_USAGE, "\"refs\" holds control references as "
			                        "strings");
	}
	if (!rc)
		rc = app_soa_set_many(c->st, &c->org, refs, n, &u);
	if (!rc)
		c->json = json_soa_updated(refs, n);
	free(refs);
	json_decref(body);
	return rc;
}

static int get_soa_problems(struct http_ctx *c)
{
	struct soa_data d;
	int rc = app_soa_load(c->st, &c->org, &d);

	if (!rc) {
		c->json = json_soa_problems(&d.problems);
		rc = http_page(c, c->json);
	}
	app_soa_release(&d);
	return rc;
}

static int list_soa_versions(struct http_ctx *c)
{
	struct soa_version_list l;
	int rc = store_soa_version_list(c->st, c->org.id, &l);

	if (rc)
		return rc;
	c->json = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(c->json, json_soa_version(&l.v[i]));
	soa_version_list_release(&l);
	return http_page(c, c->json);
}

/* Approve: the SoA as it stands becomes the next version. */
static int post_soa_version(struct http_ctx *c)
{
	const char *by = NULL, *date = NULL;
	const struct http_member f[] = { { "by", &by },
		                         { "date", &date },
		                         { NULL, NULL } };
	struct soa_version v;
	json_t *body = NULL;
	int version = 0;
	int rc = http_body_take(c, f, false, &body);

	if (!rc)
		rc = app_soa_approve(c->st, &c->org, by, date, &version);
	if (!rc)
		rc = store_soa_version_get(c->st, c->org.id, version, &v);
	if (!rc) {
		c->json = json_soa_version(&v);
		c->status = 201;
		soa_version_release(&v);
	}
	json_decref(body);
	return rc;
}

/* ?from=V1 [&to=V2|current]: what changed between two versions, or since one. */
static int get_soa_diff(struct http_ctx *c)
{
	const char *from = http_query(c, "from"), *to = http_query(c, "to");
	struct soa_version a, b;
	struct soa_diff d;
	int v1 = 0, v2 = 0;
	int rc = 0;

	if (!from)
		return error_set(E_USAGE, "?from= names the version to compare (and "
		                          "?to= another, or current)");
	rc = app_soa_version_parse(from, &v1);
	if (!rc && to && strcmp(to, "current"))
		rc = app_soa_version_parse(to, &v2);
	if (rc)
		return rc;
	rc = app_soa_diff(c->st, &c->org, v1, v2, &a, &b, &d);
	if (!rc) {
		c->json = json_soa_diff(&d);
		rc = http_page(c, c->json);
	}
	soa_diff_release(&d);
	soa_version_release(&a);
	soa_version_release(&b);
	return rc;
}

/*
 * The workbook is written to a file of a new private directory and sent
 * from it; both are gone from the directory before the answer leaves.
 */
static int send_xlsx(struct http_ctx *c, const struct soa_doc *view)
{
	const char *tmp = getenv("TMPDIR");
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT;
	struct stat sb;
	int fd = -1, rc = 0;

	strbuf_addf(&dir, "%s/isms-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir.buf)) {
		rc = error_set(E_IO, "cannot make the workbook: %s", strerror(errno));
		strbuf_release(&dir);
		return rc;
	}
	strbuf_addf(&path, "%s/soa.xlsx", dir.buf);
	/* Its own message would name the server's temporary file. */
	if (soa_render_xlsx(view, path.buf))
		rc = error_set(error_code(), "cannot make the workbook");
	if (!rc) {
		fd = open(path.buf, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &sb))
			rc = error_set(E_IO, "cannot read the workbook back: %s",
			               strerror(errno));
	}
	unlink(path.buf);
	rmdir(dir.buf);
	if (!rc) {
		c->fd = fd;
		c->fd_len = (uint64_t)sb.st_size;
		attachment(c,
		           "application/vnd.openxmlformats-officedocument."
		           "spreadsheetml.sheet",
		           "soa", "xlsx");
	} else if (fd >= 0) {
		close(fd);
	}
	strbuf_release(&path);
	strbuf_release(&dir);
	return rc;
}

/* ?format=xlsx|csv|json|md|html, as 'isms soa export'. */
static int get_soa_export(struct http_ctx *c)
{
	static const char *const types[] = {
		[SOA_CSV] = "text/csv; charset=utf-8",
		[SOA_JSON] = "application/json; charset=utf-8",
		[SOA_MD] = "text/markdown; charset=utf-8",
		[SOA_HTML] = "text/html; charset=utf-8",
	};
	const char *format = http_query(c, "format");
	enum soa_format f;
	struct soa_data d;
	struct soa_doc view;
	int rc;

	if (!format)
		return error_set(E_USAGE,
		                 "choose the format with ?format=xlsx|csv|json|md|html");
	if (soa_format_parse(format, &f))
		return error_set(E_USAGE,
		                 "unknown format '%s' (expected xlsx, csv, json, md or "
		                 "html)",
		                 format);
	rc = app_soa_load(c->st, &c->org, &d);
	if (rc) {
		app_soa_release(&d);
		return rc;
	}
	view = doc_of(&c->org, &d);
	if (f == SOA_XLSX) {
		rc = send_xlsx(c, &view);
	} else {
		rc = soa_render(&view, f, &c->raw);
		if (!rc && f == SOA_JSON)
			c->content_type = types[f];
		else if (!rc)
			attachment(c, types[f], "soa", soa_format_name(f));
	}
	app_soa_release(&d);
	return rc;
}

/*
 * Fixed paths come before the patterns that would take them for a name
 * ("/soa/versions" before "/soa/{ref}"): the first route to match answers.
 */
static const struct http_route routes[] = {
	/* assets and data flows */
	{ "GET", "/api/v1/orgs/{org}/assets", list_assets, ROUTE_ORG, AREA_ASSET,
	  ACCESS_READ, NULL },
	{ "POST", "/api/v1/orgs/{org}/assets", post_asset, ROUTE_ORG, AREA_ASSET,
	  ACCESS_WRITE, NULL },
	{ "POST", "/api/v1/orgs/{org}/assets/import", import_assets,
	  ROUTE_ORG | ROUTE_UPLOAD, AREA_ASSET, ACCESS_WRITE, NULL },
	{ "GET", "/api/v1/orgs/{org}/assets/{name}", get_asset, ROUTE_ORG, AREA_ASSET,
	  ACCESS_READ, NULL },
	{ "PATCH", "/api/v1/orgs/{org}/assets/{name}", patch_asset, ROUTE_ORG, AREA_ASSET,
	  ACCESS_WRITE, get_asset },
	{ "DELETE", "/api/v1/orgs/{org}/assets/{name}", delete_asset, ROUTE_ORG,
	  AREA_ASSET, ACCESS_WRITE, get_asset },
	{ "GET", "/api/v1/orgs/{org}/flows", list_flows, ROUTE_ORG, AREA_ASSET,
	  ACCESS_READ, NULL },
	{ "POST", "/api/v1/orgs/{org}/flows", post_flow, ROUTE_ORG, AREA_ASSET,
	  ACCESS_WRITE, NULL },
	{ "GET", "/api/v1/orgs/{org}/flows/{id}", get_flow, ROUTE_ORG, AREA_ASSET,
	  ACCESS_READ, NULL },
	{ "DELETE", "/api/v1/orgs/{org}/flows/{id}", delete_flow, ROUTE_ORG, AREA_ASSET,
	  ACCESS_WRITE, get_flow },
	/* risks and their treatment */
	{ "GET", "/api/v1/orgs/{org}/risks", list_risks, ROUTE_ORG, AREA_RISK,
	  ACCESS_READ, NULL },
	{ "POST", "/api/v1/orgs/{org}/risks", post_risk, ROUTE_ORG, AREA_RISK,
	  ACCESS_WRITE, NULL },
	{ "POST", "/api/v1/orgs/{org}/risks/import", import_risks,
	  ROUTE_ORG | ROUTE_UPLOAD, AREA_RISK, ACCESS_WRITE, NULL },
	{ "GET", "/api/v1/orgs/{org}/risks/{id}", get_risk, ROUTE_ORG, AREA_RISK,
	  ACCESS_READ, NULL },
	{ "PATCH", "/api/v1/orgs/{org}/risks/{id}", patch_risk, ROUTE_ORG, AREA_RISK,
	  ACCESS_WRITE, get_risk },
	{ "DELETE", "/api/v1/orgs/{org}/risks/{id}", delete_risk, ROUTE_ORG, AREA_RISK,
	  ACCESS_WRITE, get_risk },
	{ "POST", "/api/v1/orgs/{org}/risks/{id}/accept", accept_risk, ROUTE_ORG,
	  AREA_RISK, ACCESS_WRITE, get_risk },
	{ "POST", "/api/v1/orgs/{org}/risks/{id}/actions", post_action, ROUTE_ORG,
	  AREA_RISK, ACCESS_WRITE, NULL },
	{ "GET", "/api/v1/orgs/{org}/treatment-actions/{id}", get_action, ROUTE_ORG,
	  AREA_RISK, ACCESS_READ, NULL },
	{ "PATCH", "/api/v1/orgs/{org}/treatment-actions/{id}", patch_action, ROUTE_ORG,
	  AREA_RISK, ACCESS_WRITE, get_action },
	{ "GET", "/api/v1/orgs/{org}/risk-method", get_method, ROUTE_ORG, AREA_RISK,
	  ACCESS_READ, NULL },
	{ "PATCH", "/api/v1/orgs/{org}/risk-method", patch_method, ROUTE_ORG, AREA_RISK,
	  ACCESS_WRITE, get_method },
	{ "GET", "/api/v1/orgs/{org}/risk-method/history", method_history, ROUTE_ORG,
	  AREA_RISK, ACCESS_READ, NULL },
	{ "GET", "/api/v1/orgs/{org}/treatment-plan", get_plan, ROUTE_ORG, AREA_RISK,
	  ACCESS_READ, NULL },
	{ "POST", "/api/v1/orgs/{org}/treatment-plan/approve", approve_plan, ROUTE_ORG,
	  AREA_RISK, ACCESS_WRITE, get_plan },
	{ "GET", "/api/v1/orgs/{org}/risk-report", risk_report, ROUTE_ORG, AREA_RISK,
	  ACCESS_READ, NULL },
	/* the Statement of Applicability */
	{ "GET", "/api/v1/orgs/{org}/soa", list_soa, ROUTE_ORG, AREA_SOA, ACCESS_READ,
	  NULL },
	{ "PATCH", "/api/v1/orgs/{org}/soa", patch_soa, ROUTE_ORG, AREA_SOA, ACCESS_WRITE,
	  NULL },
	{ "GET", "/api/v1/orgs/{org}/soa/problems", get_soa_problems, ROUTE_ORG, AREA_SOA,
	  ACCESS_READ, NULL },
	{ "GET", "/api/v1/orgs/{org}/soa/versions", list_soa_versions, ROUTE_ORG,
	  AREA_SOA, ACCESS_READ, NULL },
	{ "POST", "/api/v1/orgs/{org}/soa/versions", post_soa_version, ROUTE_ORG,
	  AREA_SOA, ACCESS_WRITE, NULL },
	{ "GET", "/api/v1/orgs/{org}/soa/diff", get_soa_diff, ROUTE_ORG, AREA_SOA,
	  ACCESS_READ, NULL },
	{ "GET", "/api/v1/orgs/{org}/soa/export", get_soa_export, ROUTE_ORG, AREA_SOA,
	  ACCESS_READ, NULL },
	{ "GET", "/api/v1/orgs/{org}/soa/{ref}", get_soa_row, ROUTE_ORG, AREA_SOA,
	  ACCESS_READ, NULL },
	{ "PATCH", "/api/v1/orgs/{org}/soa/{ref}", patch_soa_row, ROUTE_ORG, AREA_SOA,
	  ACCESS_WRITE, get_soa_row },
};

HTTP_ROUTE_TABLE(http_api_risk, routes);
