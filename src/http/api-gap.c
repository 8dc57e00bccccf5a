/*
 * api-gap.c - gap assessments, their items, scores, roadmap and reports, and evidence
 * over HTTP: the same app functions as the command line, answering with the same JSON as
 * its --json.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "core/error.h"
#include "core/hash.h"
#include "core/strbuf.h"
#include "http/http.h"
#include "view/json.h"
#include "view/report.h"

/* ---- helpers ---- */

/* "latest" (the newest, what the command line uses by default) or an id. */
static int assessment_id(const char *s, int64_t *out)
{
	char *end;
	long long n;

	*out = 0;
	if (!strcmp(s, "latest"))
		return 0;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (!isdigit((unsigned char)*s) || *end || errno || n <= 0)
		return error_set(E_USAGE,
		                 "'%s' is not an assessment: give its id (see GET "
		                 "/api/v1/orgs/{org}/assessments) or 'latest'",
		                 s);
	*out = (int64_t)n;
	return 0;
}

/* The assessment the path names ({id} after {org}). */
static int path_assessment(struct http_ctx *c, struct assessment *a)
{
	int64_t id;
	int rc = assessment_id(c->param[1], &id);

	memset(a, 0, sizeof(*a));
	return rc ? rc : store_assessment_get(c->st, c->org.id, id, a);
}

/*
 * A certification body's auditor never sees what a gap assessment produced:
 * it is never internal-audit evidence, so for them it does not exist.
 */
static bool audit_only(const struct http_ctx *c)
{
	return c->user.role == ROLE_EXTERNAL_AUDITOR;
}

/*
 * A file name safe to quote in a header: letters, digits, '.', '-' and '_', one
 * '_' for anything else (a character, however many bytes it takes), no leading
 * dot, at most 120 bytes.
 */
static void safe_name(struct strbuf *out, const char *name, const char *fallback)
{
	size_t start = out->len;

	for (const char *p = name ? name : ""; *p && out->len - start < 120; p++) {
		unsigned char ch = (unsigned char)*p;

		if ((out->len == start && ch == '.') || (ch & 0xc0) == 0x80)
			continue;
		strbuf_addch(out, isalnum(ch) || strchr(".-_", ch) ? (char)ch : '_');
	}
	if (out->len == start)
		strbuf_addstr(out, fallback);
}

/*
 * A download: its type and the name it is saved under, with the name as it is
 * (RFC 6266 filename*, percent-encoded) where the safe one had to differ.
 */
static void attachment(struct http_ctx *c, const char *type, const char *name)
{
	struct strbuf v = STRBUF_INIT;
	size_t start;

	c->content_type = type;
	strbuf_addstr(&v, "attachment; filename=\"");
	start = v.len;
	safe_name(&v, name, "download");
	if (name && *name && strcmp(v.buf + start, name) && strlen(name) <= 200) {
		strbuf_addstr(&v, "\"; filename*=UTF-8''");
		for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
			if (isalnum(*p) || strchr("-._~", *p))
				strbuf_addch(&v, (char)*p);
			else
				strbuf_addf(&v, "%%%02X", *p);
		}
	} else {
		strbuf_addch(&v, '"');
	}
	http_header(c, "Content-Disposition", v.buf);
	strbuf_release(&v);
}

/* ---- assessments ---- */

static int list_assessments(struct http_ctx *c)
{
	struct assessment_list list;
	json_t *arr;
	int rc = store_assessment_list(c->st, c->org.id, &list);

	if (rc)
		return rc;
	arr = json_array();
	for (size_t i = 0; !rc && i < list.n; i++) {
		struct gap_row_list rows;
		struct gap_score sc = { 0 };

		rc = app_gap_rows(c->st, &list.v[i], &rows);
		if (!rc)
			rc = app_gap_score(c->st, &c->org, &rows, &sc);
		if (!rc)
			json_array_append_new(arr,
			                      json_assessment_summary(&list.v[i], &sc));
		gap_score_release(&sc);
		gap_row_list_release(&rows);
	}
	assessment_list_release(&list);
	if (!rc) {
		c->json = arr;
		return http_page(c, c->json);
	}
	json_decref(arr);
	return rc;
}

static int post_assessment(struct http_ctx *c)
{
	const char *name = NULL, *date = NULL, *assessor = NULL;
	const struct http_member f[] = { { "name", &name },
		                         { "date", &date },
		                         { "assessor", &assessor },
		                         { NULL, NULL } };
	struct assessment a = { 0 };
	json_t *body = NULL;
	int rc = http_body_take(c, f, false, &body);

	if (!rc && !name)
		rc = error_set(E_USAGE, "give the assessment a name with \"name\"");
	if (!rc)
		rc = app_gap_new(c->st, &c->org, name, date, assessor, &a);
	if (!rc) {
		c->json = json_assessment(&a);
		c->status = 201;
	}
	assessment_release(&a);
	json_decref(body);
	return rc;
}

/* One assessment with its headline figures, as in the list. */
static int get_assessment(struct http_ctx *c)
{
	struct assessment a;
	struct gap_row_list rows = { 0 };
	struct gap_score sc = { 0 };
	int rc = path_assessment(c, &a);

	if (!rc)
		rc = app_gap_rows(c->st, &a, &rows);
	if (!rc)
		rc = app_gap_score(c->st, &c->org, &rows, &sc);
	if (!rc)
		c->json = json_assessment_summary(&a, &sc);
	gap_score_release(&sc);
	gap_row_list_release(&rows);
	assessment_release(&a);
	return rc;
}

/* ---- the checklist ---- */

static int list_items(struct http_ctx *c)
{
	struct assessment a;
	struct gap_row_list rows = { 0 };
	int rc = path_assessment(c, &a);

	if (!rc)
		rc = app_gap_items(c->st, &a, http_query(c, "status"),
		                   http_query(c, "group"), &rows);
	if (!rc) {
		c->json = json_array();
		for (size_t i = 0; i < rows.n; i++)
			json_array_append_new(c->json, json_gap_row(&rows.v[i]));
		rc = http_page(c, c->json);
	}
	gap_row_list_release(&rows);
	assessment_release(&a);
	return rc;
}

/* One item as `gap show` gives it, loaded afresh. */
static int get_item(struct http_ctx *c)
{
	struct assessment a;
	struct gap_row_list rows = { 0 };
	struct evidence_list evs = { 0 };
	char today[11];
	int rc = path_assessment(c, &a);

	store_today(today);
	if (!rc)
		rc = app_gap_row(c->st, &a, c->param[2], &rows);
	if (!rc)
		rc = store_evidence_list(c->st, c->org.id, &a, &evs);
	if (!rc)
		c->json = json_gap_item(&rows.v[0], &a, &evs, today);
	evidence_list_release(&evs);
	gap_row_list_release(&rows);
	assessment_release(&a);
	return rc;
}

/* Record the finding: `gap set`. */
static int patch_item(struct http_ctx *c)
{
	const char *maturity = NULL;
	struct gap_update u = { .maturity = -1 };
	const struct http_member f[] = { { "status", &u.status },
		                         { "maturity", &maturity },
		                         { "owner", &u.owner },
		                         { "note", &u.notes },
		                         { "target", &u.target_date },
		                         { "justification", &u.justification },
		                         { NULL, NULL } };
	struct assessment a = { 0 };
	json_t *body = NULL;
	int rc = http_body_take(c, f, false, &body);

	if (!rc)
		rc = app_gap_maturity_parse(maturity, &u.maturity);
	if (!rc && !u.status && !maturity && !u.owner && !u.notes && !u.target_date &&
	    !u.justification)
		rc = error_set(E_USAGE,
		               "nothing to record: give \"status\", \"maturity\", "
		               "\"owner\", \"note\", \"target\" or \"justification\"");
	if (!rc)
		rc = path_assessment(c, &a);
	if (!rc)
		rc = app_gap_set(c->st, &a, c->param[2], &u);
	assessment_release(&a);
	json_decref(body);
	return rc;
}

/* ---- score, roadmap, comparison, report ---- */

static int get_score(struct http_ctx *c)
{
	struct assessment a;
	struct gap_row_list rows = { 0 };
	struct gap_score sc = { 0 };
	int rc = path_assessment(c, &a);

	if (!rc)
		rc = app_gap_rows(c->st, &a, &rows);
	if (!rc)
		rc = app_gap_score(c->st, &c->org, &rows, &sc);
	if (!rc)
		c->json = json_gap_score_entry(&c->org, &a, &sc);
	gap_score_release(&sc);
	gap_row_list_release(&rows);
	assessment_release(&a);
	return rc;
}

/* Every organisation's newest assessment scored, as `gap score --all`. */
struct score_walk {
	struct http_ctx *c;
	json_t *arr;
};

static int score_each(void *ctx, const struct org *org, const struct assessment *a,
                      const struct gap_row_list *rows)
{
	struct score_walk *w = ctx;
	struct gap_score sc = { 0 };
	int rc;

	/* Only the organisations whose assessments the caller may read. */
	if (w->c->user.role != ROLE_ADMIN &&
	    app_user_can(w->c->st, &w->c->user, org->id, AREA_GAP, ACCESS_READ)) {
		error_clear();
		return 0;
	}
	if (!a) {
		json_array_append_new(w->arr, json_gap_score_entry(org, NULL, NULL));
		return 0;
	}
	rc = app_gap_score(w->c->st, org, rows, &sc);
	if (!rc)
		json_array_append_new(w->arr, json_gap_score_entry(org, a, &sc));
	gap_score_release(&sc);
	return rc;
}

static int list_scores(struct http_ctx *c)
{
	struct score_walk w = { c, json_array() };
	char today[11];
	int rc;

	store_today(today);
	rc = store_gap_rows_newest(c->st, today, score_each, &w);
	if (rc) {
		json_decref(w.arr);
		return rc;
	}
	c->json = w.arr;
	return http_page(c, c->json);
}

static int get_roadmap(struct http_ctx *c)
{
	struct assessment a;
	struct gap_row_list rows = { 0 };
	struct roadmap rm = { 0 };
	int rc = path_assessment(c, &a);

	if (!rc)
		rc = app_gap_rows(c->st, &a, &rows);
	if (!rc) {
		gap_roadmap_build(rows.v, rows.n, a.assessed_on, &rm);
		c->json = json_roadmap(&rm);
		rc = http_page(c, c->json);
	}
	gap_roadmap_release(&rm);
	gap_row_list_release(&rows);
	assessment_release(&a);
	return rc;
}

/* One remediation action, loaded afresh. */
static int get_action(struct http_ctx *c)
{
	struct assessment a;
	struct gap_row_list rows = { 0 };
	struct roadmap rm = { 0 };
	const struct roadmap_entry *e;
	int rc = path_assessment(c, &a);

	if (!rc)
		rc = app_gap_action_get(c->st, &a, c->param[2], &rows, &rm, &e);
	if (!rc)
		c->json = json_roadmap_entry(e);
	gap_roadmap_release(&rm);
	gap_row_list_release(&rows);
	assessment_release(&a);
	return rc;
}

/* `gap action`: owner, due date, effort, resources, status. */
static int patch_action(struct http_ctx *c)
{
	struct action_update u = { 0 };
	const struct http_member f[] = {
		{ "owner", &u.owner },   { "due", &u.due_on },
		{ "effort", &u.effort }, { "resources", &u.resources },
		{ "status", &u.status }, { NULL, NULL }
	};
	struct assessment a = { 0 };
	json_t *body = NULL;
	int rc = http_body_take(c, f, false, &body);

	if (!rc && !u.owner && !u.due_on && !u.effort && !u.resources && !u.status)
		rc = error_set(E_USAGE, "nothing to change: give \"owner\", \"due\", "
		                        "\"effort\", \"resources\" or \"status\"");
	if (!rc)
		rc = path_assessment(c, &a);
	if (!rc)
		rc = app_gap_action(c->st, &a, c->param[2], &u);
	assessment_release(&a);
	json_decref(body);
	return rc;
}

/* `gap move`: a position by hand with its reason, or back to the computed order. */
static int post_move(struct http_ctx *c)
{
	static const char *const fields[] = { "to", "reason", "auto", NULL };
	const char *to = NULL, *reason = NULL;
	bool automatic = false;
	struct assessment a = { 0 };
	json_t *body = NULL;
	int rank = 0;
	int rc = http_body_fields(c, fields, false, &body);

	if (!rc)
		rc = http_field(body, "to", false, &to);
	if (!rc)
		rc = http_field(body, "reason", false, &reason);
	if (!rc)
		rc = http_field_bool(c, body, "auto", &automatic);
	if (!rc && !to == !automatic)
		rc = error_set(E_USAGE, "give \"to\" (a position) with \"reason\", or "
		                        "\"auto\": true to return to the computed order");
	if (!rc && to)
		rc = app_gap_position_parse(to, &rank);
	if (!rc)
		rc = path_assessment(c, &a);
	if (!rc)
		rc = app_gap_move(c->st, &a, c->param[2], rank, reason);
	assessment_release(&a);
	json_decref(body);
	return rc;
}

static int get_diff(struct http_ctx *c)
{
	struct gap_side from = { 0 }, to = { 0 };
	int64_t from_id, to_id;
	int rc = assessment_id(c->param[1], &from_id);

	if (!rc)
		rc = assessment_id(c->param[2], &to_id);
	if (!rc)
		rc = app_gap_diff_load(c->st, &c->org, from_id, to_id, &from, &to);
	if (!rc) {
		const struct gap_diff_side f = { &from.a, &from.rows, &from.score },
		                           t = { &to.a, &to.rows, &to.score };

		c->json = json_gap_diff(&f, &t);
	}
	app_gap_side_release(&to);
	app_gap_side_release(&from);
	return rc;
}

static const char *const report_types[] = {
	[REPORT_MD] = "text/markdown; charset=utf-8",
	[REPORT_HTML] = "text/html; charset=utf-8",
	[REPORT_CSV] = "text/csv; charset=utf-8",
	[REPORT_JSON] = "application/json; charset=utf-8",
};

/* The report of `gap report`: ?format=md|html|csv|json (default json). */
static int get_report(struct http_ctx *c)
{
	const char *format = http_query(c, "format");
	enum report_format f = REPORT_JSON;
	struct gap_report_data d;
	struct gap_report view;
	struct strbuf name = STRBUF_INIT;
	int64_t id;
	int rc;

	if (format && report_format_parse(format, &f))
		return error_set(E_USAGE,
		                 "unknown format '%s' (expected md, html, csv or json)",
		                 format);
	rc = assessment_id(c->param[1], &id);
	if (rc)
		return rc;
	rc = app_gap_report_load(c->st, &c->org, id, &d);
	if (!rc) {
		view = (struct gap_report){ .org = &c->org,
			                    .a = &d.assessment,
			                    .fw = d.framework,
			                    .scope = &d.scope,
			                    .rows = &d.rows,
			                    .score = &d.score,
			                    .roadmap = &d.roadmap,
			                    .evidence = &d.evidence,
			                    .today = d.today };
		rc = report_render(&view, f, &c->raw);
	}
	if (!rc) {
		strbuf_addf(&name, "%s-gap-assessment-%lld.%s", c->org.slug,
		            (long long)d.assessment.id, report_format_name(f));
		attachment(c, report_types[f], name.buf);
		/* The HTML report runs nothing and loads nothing: say so to the
		 * browser, so that stored text can never become a script. */
		if (f == REPORT_HTML)
			http_header(c, "Content-Security-Policy",
			            "default-src 'none'; style-src 'unsafe-inline'; "
			            "img-src data:");
	}
	strbuf_release(&name);
	app_gap_report_release(&d);
	return rc;
}

/* ---- evidence ---- */

/*
 * The assessment whose links evidence shows: ?assessment=ID|latest, else the
 * newest if there is one.  Links belong to gap assessments: one who may not
 * read those sees none, and is refused when asking for them.
 */
static int evidence_links(struct http_ctx *c, struct assessment *a, bool *have)
{
	const char *q = http_query(c, "assessment");
	int64_t id = 0;
	int rc;

	memset(a, 0, sizeof(*a));
	*have = false;
	rc = app_user_can(c->st, &c->user, c->org.id, AREA_GAP, ACCESS_READ);
	if (rc) {
		if (q)
			return rc;
		error_clear();
		return 0;
	}
	if (q && (rc = assessment_id(q, &id)))
		return rc;
	return app_evidence_links_of(c->st, &c->org, id, a, have);
}

static int list_evidence(struct http_ctx *c)
{
	struct assessment a;
	struct evidence_list list = { 0 };
	char today[11];
	bool have;
	int rc = evidence_links(c, &a, &have);

	store_today(today);
	if (!rc)
		rc = app_evidence_list(c->st, &c->org, have ? &a : NULL, audit_only(c),
		                       &list);
	if (!rc) {
		c->json = json_evidence_list(&list, today);
		rc = http_page(c, c->json);
	}
	evidence_list_release(&list);
	assessment_release(&a);
	return rc;
}

static int get_evidence(struct http_ctx *c)
{
	struct assessment a;
	struct evidence e = { 0 };
	char today[11];
	bool have;
	int rc = evidence_links(c, &a, &have);

	store_today(today);
	if (!rc)
		rc = app_evidence_get(c->st, &c->org, c->param[1], have ? &a : NULL,
		                      audit_only(c), &e);
	if (!rc)
		c->json = json_evidence(&e, today);
	evidence_release(&e);
	assessment_release(&a);
	return rc;
}

/*
 * `evidence add`: the body is the file (already checked against the digest the
 * client sent), the rest comes as query parameters named like the options.
 */
static int post_evidence(struct http_ctx *c)
{
	static const char *const params[] = { "title",     "kind",   "collected_on",
		                              "collected", "origin", "valid_until",
		                              "filename",  NULL };
	struct evidence_meta m = { 0 };
	const char *collected = http_query(c, "collected");
	struct strbuf name = STRBUF_INIT, where = STRBUF_INIT;
	struct evidence e = { 0 };
	char today[11];
	bool existed = false;
	int rc = http_query_check(c, params);

	if (rc)
		return rc;
	m.title = http_query(c, "title");
	m.kind = http_query(c, "kind");
	m.collected_on = http_query(c, "collected_on");
	m.valid_until = http_query(c, "valid_until");
	m.origin = http_query(c, "origin");
	m.filename = http_query(c, "filename");
	if (collected && m.collected_on && strcmp(collected, m.collected_on))
		return error_set(E_USAGE,
		                 "give the collection date once, as ?collected_on=");
	if (!m.collected_on)
		m.collected_on = collected;
	if (!m.kind)
		return error_set(E_USAGE, "say what the file is with ?kind=KIND");
	/* Without a name, the content's digest names it. */
	if (!m.filename) {
		strbuf_addf(&name, "evidence-%.12s", c->upload_sha256);
		m.filename = name.buf;
	}
	rc = app_evidence_add(c->st, &c->org, c->upload_path, &m, &e, &existed);
	if (!rc) {
		store_today(today);
		c->json = json_evidence_added(&e, today, existed);
		c->status = existed ? 200 : 201;
		strbuf_addf(&where, "/api/v1/orgs/%s/evidence/%s", c->org.slug, e.sha256);
		http_header(c, "Location", where.buf);
	}
	evidence_release(&e);
	strbuf_release(&where);
	strbuf_release(&name);
	return rc;
}

/* The content, read from the store into a file and hashed on the way. */
struct staging {
	int fd;
	struct sha256_ctx *hash;
	uint64_t len;
};

static int stage(void *ctx, const void *data, size_t len)
{
	struct staging *s = ctx;
	const char *p = data;

	sha256_update(s->hash, data, len);
	s->len += len;
	while (len) {
		ssize_t n = write(s->fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return error_set(E_IO, "cannot stage the download: %s",
			                 n < 0 ? strerror(errno) : "nothing written");
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* A file nobody else can open: unnamed, as the app's documents are staged. */
static int staging_file(int *fd)
{
	FILE *f = tmpfile();

	*fd = f ? dup(fileno(f)) : -1;
	if (f)
		fclose(f);
	if (*fd < 0)
		return error_set(E_IO, "cannot stage the download: %s", strerror(errno));
	fcntl(*fd, F_SETFD, FD_CLOEXEC);
	return 0;
}

/*
 * The file itself, sent only once it has been read whole and found to be what
 * was stored: damaged content is an error, never a download.
 */
static int get_evidence_content(struct http_ctx *c)
{
	struct evidence e;
	struct staging s = { -1, NULL, 0 };
	char got[SHA256_HEX_LEN + 1] = "";
	int rc = app_evidence_get(c->st, &c->org, c->param[1], NULL, audit_only(c), &e);

	if (rc)
		return rc;
	rc = staging_file(&s.fd);
	if (!rc) {
		s.hash = sha256_new();
		rc = store_blob_read(c->st, e.sha256, stage, &s);
		sha256_final_hex(s.hash, got);
		if (rc && error_code() != E_IO && error_code() != E_STORE) {
			char why[512];

			snprintf(why, sizeof(why), "%s", error_message());
			rc = error_set(E_INTERNAL,
			               "the stored content of evidence %s is damaged "
			               "(%s): nothing was sent",
			               e.sha256, why);
		} else if (!rc && (strcmp(got, e.sha256) || s.len != (uint64_t)e.size))
			rc = error_set(E_INTERNAL,
			               "the stored content of evidence %s is damaged: it "
			               "reads back as %s; nothing was sent",
			               e.sha256, got);
	}
	if (!rc && lseek(s.fd, 0, SEEK_SET) != 0)
		rc = error_set(E_IO, "cannot stage the download: %s", strerror(errno));
	if (!rc) {
		c->fd = s.fd;
		c->fd_len = s.len;
		s.fd = -1;
		attachment(c, "application/octet-stream", e.filename);
		http_header(c, "X-Content-SHA256", e.sha256);
	}
	if (s.fd >= 0)
		close(s.fd);
	evidence_release(&e);
	return rc;
}

/* The evidence as a link or unlink leaves it: its links in {id}. */
static int get_linked(struct http_ctx *c)
{
	struct assessment a;
	struct evidence e = { 0 };
	char today[11];
	int rc = path_assessment(c, &a);

	store_today(today);
	if (!rc)
		rc = app_evidence_get(c->st, &c->org, c->param[3], &a, audit_only(c), &e);
	if (!rc)
		c->json = json_evidence(&e, today);
	evidence_release(&e);
	assessment_release(&a);
	return rc;
}

/*
 * `evidence link` and `unlink`.  A link is part of the gap assessment (it
 * decides what an item may claim), so it also takes the right to change those.
 */
static int change_link(struct http_ctx *c, bool link)
{
	struct assessment a = { 0 };
	int rc = app_user_can(c->st, &c->user, c->org.id, AREA_GAP, ACCESS_WRITE);

	/* The path says it all: a body would be a mistake, not a detail. */
	if (!rc && c->body_len)
		rc = error_set(
		        E_USAGE, "%s %s takes no body", c->method,
		        "/api/v1/orgs/{org}/assessments/{id}/items/{ref}/evidence/{sha}");
	if (!rc)
		rc = path_assessment(c, &a);
	if (!rc)
		rc = app_evidence_link(c->st, &c->org, &a, c->param[3], c->param[2],
		                       link);
	assessment_release(&a);
	return rc;
}

static int put_link(struct http_ctx *c)
{
	return change_link(c, true);
}

static int delete_link(struct http_ctx *c)
{
	return change_link(c, false);
}

#define ORG "/api/v1/orgs/{org}"
#define ASSESSMENT ORG "/assessments/{id}"

static const struct http_route routes[] = {
	{ "GET", ORG "/assessments", list_assessments, ROUTE_ORG, AREA_GAP, ACCESS_READ,
	  NULL },
	{ "POST", ORG "/assessments", post_assessment, ROUTE_ORG, AREA_GAP, ACCESS_WRITE,
	  NULL },
	{ "GET", ASSESSMENT, get_assessment, ROUTE_ORG, AREA_GAP, ACCESS_READ, NULL },
	{ "GET", ASSESSMENT "/items", list_items, ROUTE_ORG, AREA_GAP, ACCESS_READ,
	  NULL },
	{ "GET", ASSESSMENT "/items/{ref}", get_item, ROUTE_ORG, AREA_GAP, ACCESS_READ,
	  NULL },
	{ "PATCH", ASSESSMENT "/items/{ref}", patch_item, ROUTE_ORG, AREA_GAP,
	  ACCESS_WRITE, get_item },
	{ "GET", ASSESSMENT "/score", get_score, ROUTE_ORG, AREA_GAP, ACCESS_READ, NULL },
	{ "GET", ASSESSMENT "/roadmap", get_roadmap, ROUTE_ORG, AREA_GAP, ACCESS_READ,
	  NULL },
	{ "GET", ASSESSMENT "/actions/{ref}", get_action, ROUTE_ORG, AREA_GAP,
	  ACCESS_READ, NULL },
	{ "PATCH", ASSESSMENT "/actions/{ref}", patch_action, ROUTE_ORG, AREA_GAP,
	  ACCESS_WRITE, get_action },
	{ "POST", ASSESSMENT "/actions/{ref}/move", post_move, ROUTE_ORG, AREA_GAP,
	  ACCESS_WRITE, get_action },
	{ "GET", ASSESSMENT "/diff/{other}", get_diff, ROUTE_ORG, AREA_GAP, ACCESS_READ,
	  NULL },
	{ "GET", ASSESSMENT "/report", get_report, ROUTE_ORG, AREA_GAP, ACCESS_READ,
	  NULL },
	{ "GET", "/api/v1/gap-scores", list_scores, 0, AREA_GAP, ACCESS_READ, NULL },
	{ "GET", ORG "/evidence", list_evidence, ROUTE_ORG, AREA_EVIDENCE, ACCESS_READ,
	  NULL },
	{ "POST", ORG "/evidence", post_evidence, ROUTE_ORG | ROUTE_UPLOAD, AREA_EVIDENCE,
	  ACCESS_WRITE, NULL },
	{ "GET", ORG "/evidence/{sha}", get_evidence, ROUTE_ORG, AREA_EVIDENCE,
	  ACCESS_READ, NULL },
	{ "GET", ORG "/evidence/{sha}/content", get_evidence_content, ROUTE_ORG,
	  AREA_EVIDENCE, ACCESS_READ, NULL },
	{ "PUT", ASSESSMENT "/items/{ref}/evidence/{sha}", put_link, ROUTE_ORG,
	  AREA_EVIDENCE, ACCESS_WRITE, get_linked },
	{ "DELETE", ASSESSMENT "/items/{ref}/evidence/{sha}", delete_link, ROUTE_ORG,
	  AREA_EVIDENCE, ACCESS_WRITE, get_linked },
};

HTTP_ROUTE_TABLE(http_api_gap, routes);
