/*
 * audit.c - people, the audit programme and its coverage, internal audits
 * from plan to issued report, and corrective actions.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "app/app.h"
#include "app/internal.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

/* How many scope tokens, references and evidence items one call takes. */
#define LIST_MAX 400

/* ---- people ---- */

int app_person_add(struct store *st, const struct org *org, const char *name,
                   const char *email, struct person *out)
{
	int rc = person_name_check(name);

	if (!rc && email)
		rc = person_email_check(email);
	return rc ? rc : store_person_add(st, org->id, name, email, out);
}

int app_person_set(struct store *st, const struct org *org, const char *name,
                   const char *email, const char *user)
{
	bool unlink = user && !strcmp(user, "none");
	struct person p = { 0 };
	struct user u = { 0 };
	int rc = 0;

	if (!email && !user)
		return error_set(E_USAGE, "nothing to change: give an e-mail address "
		                          "(\"\" clears it) or a user (none unlinks)");
	if (email && *email)
		rc = person_email_check(email);
	if (!rc)
		rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_person_get(st, org->id, name, &p);
	if (!rc && email)
		rc = store_person_set_email(st, org->id, p.name, *email ? email : NULL);
	if (!rc && user && !unlink)
		rc = store_user_get(st, user, &u);
	if (!rc && user)
		rc = store_person_set_user(st, org->id, p.name, unlink ? NULL : &u);
	user_release(&u);
	person_release(&p);
	return store_end(st, rc);
}

int app_person_remove(struct store *st, const struct org *org, const char *name)
{
	return store_person_remove(st, org->id, name);
}

int app_person_get(struct store *st, const struct org *org, const char *name,
                   struct person *out, struct responsibility_list *resp)
{
	struct responsibility_list all = { 0 };
	int rc = store_begin_read(st);

	memset(out, 0, sizeof(*out));
	memset(resp, 0, sizeof(*resp));
	if (rc)
		return rc;
	rc = store_person_get(st, org->id, name, out);
	if (!rc)
		rc = store_responsibilities(st, org->id, &all);
	for (size_t i = 0; !rc && i < all.n; i++)
		if (person_same(all.v[i].person, out->name))
			responsibility_add(resp, all.v[i].person, all.v[i].ref,
			                   all.v[i].role, all.v[i].source);
	responsibility_list_release(&all);
	rc = store_end(st, rc);
	if (rc) {
		person_release(out);
		responsibility_list_release(resp);
	}
	return rc;
}

void app_refs_free(char **refs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(refs[i]);
	free(refs);
}

static bool has_ref(char **refs, size_t n, const char *ref)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(refs[i], ref))
			return true;
	return false;
}

static void push_ref(char ***refs, size_t *n, size_t *alloc, const char *ref)
{
	if (has_ref(*refs, *n, ref))
		return;
	ALLOC_GROW(*refs, *n + 1, *alloc);
	(*refs)[(*n)++] = xstrdup(ref);
}

static bool is_control(const struct catalog_item *it)
{
	return it->kind && !strcmp(it->kind, "control");
}

static bool excluded(const struct soa_decision_list *d, const char *ref)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].ref, ref))
			return d->v[i].applicable == 0;
	return false;
}

/* Does the typed token stand for this item as a whole group or prefix? */
static bool token_covers(const char *token, const struct catalog_item *it)
{
	size_t len = strlen(token);

	if (!strcasecmp(token, "all"))
		return true;
	if (it->group && !strcasecmp(token, it->group))
		return true;
	return !strncasecmp(it->ref, token, len) && it->ref[len] == '.';
}

static int resolve_token(const char *token, const struct catalog_item_list *items,
                         const struct soa_decision_list *soa, char ***refs, size_t *n,
                         size_t *alloc)
{
	char *object = NULL;
	bool found = false;
	int rc = scope_object_parse(token, &object);

	if (rc < 0)
		return rc;
	if (rc > 0) {
		push_ref(refs, n, alloc, object);
		free(object);
		return 0;
	}
	for (size_t i = 0; i < items->n && !found; i++) {
		if (!strcasecmp(items->v[i].ref, token)) {
			push_ref(refs, n, alloc, items->v[i].ref);
			found = true;
		}
	}
	for (size_t i = 0; i < items->n && !found; i++) {
		const struct catalog_item *it = &items->v[i];

		if (!token_covers(token, it))
			continue;
		found = true;
		for (size_t j = i; j < items->n; j++)
			if (token_covers(token, &items->v[j]) &&
			    !(is_control(&items->v[j]) && excluded(soa, items->v[j].ref)))
				push_ref(refs, n, alloc, items->v[j].ref);
	}
	if (!found)
		return error_set(E_NOTFOUND,
		                 "'%s' is neither a catalogue reference (A.5.15, 9.2, "
		                 "A.8), 'all', nor a scope object (process:NAME, "
		                 "location:NAME, asset:NAME)",
		                 token);
	return 0;
}

/* The default framework's items and the SoA's decisions. */
static int load_catalogue(struct store *st, const struct org *org,
                          struct catalog_item_list *items, struct soa_decision_list *soa)
{
	struct catalog_filter f = { .framework = CATALOG_DEFAULT_FRAMEWORK };
	int rc = store_catalog_list(st, &f, items);

	memset(soa, 0, sizeof(*soa));
	if (!rc)
		rc = store_soa_decisions(st, org->id, soa);
	return rc;
}

/* Sort references into catalogue order; scope objects after, as given. */
static void catalogue_order(char **refs, size_t n, const struct catalog_item_list *items)
{
	size_t k = 0;

	for (size_t i = 0; i < items->n; i++) {
		for (size_t j = k; j < n; j++) {
			if (!strcmp(refs[j], items->v[i].ref)) {
				char *t = refs[k];

				refs[k++] = refs[j];
				refs[j] = t;
				break;
			}
		}
	}
}

/*
 * The whole ISMS holds its in-scope processes, locations and assets too:
 * whoever owns one of them does not audit the whole.
 */
static int scope_objects(struct store *st, const struct org *org, char ***refs, size_t *n,
                         size_t *alloc)
{
	struct scope scope = { 0 };
	struct asset_list assets = { 0 };
	struct strbuf sb = STRBUF_INIT;
	int rc = store_scope_get(st, org->id, &scope);

	if (!rc)
		rc = store_asset_list(st, org->id, &assets);
	for (size_t i = 0; !rc && i < scope.nitems; i++) {
		const struct scope_item *it = &scope.items[i];

		if (!it->in_scope ||
		    (it->kind != SCOPE_PROCESS && it->kind != SCOPE_LOCATION))
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s:%s", scope_kind_name(it->kind), it->name);
		push_ref(refs, n, alloc, sb.buf);
	}
	for (size_t i = 0; !rc && i < assets.n; i++) {
		if (!assets.v[i].in_scope)
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "asset:%s", assets.v[i].name);
		push_ref(refs, n, alloc, sb.buf);
	}
	strbuf_release(&sb);
	scope_release(&scope);
	asset_list_release(&assets);
	return rc;
}

/* app_scope_resolve() over a catalogue and SoA decisions already loaded. */
static int resolve_tokens(struct store *st, const struct org *org,
                          const struct catalog_item_list *items,
                          const struct soa_decision_list *soa, const char *const *tokens,
                          size_t n, char ***refs, size_t *nrefs)
{
	size_t alloc = 0;
	int rc = 0;

	*refs = NULL;
	*nrefs = 0;
	if (!n)
		return error_set(E_INVALID, "the scope is empty; name what to audit");
	for (size_t i = 0; !rc && i < n; i++) {
		rc = resolve_token(tokens[i], items, soa, refs, nrefs, &alloc);
		if (!rc && !strcasecmp(tokens[i], "all"))
			rc = scope_objects(st, org, refs, nrefs, &alloc);
	}
	if (!rc)
		catalogue_order(*refs, *nrefs, items);
	if (rc) {
		app_refs_free(*refs, *nrefs);
		*refs = NULL;
		*nrefs = 0;
	}
	return rc;
}

int app_scope_resolve(struct store *st, const struct org *org, const char *const *tokens,
                      size_t n, char ***refs, size_t *nrefs)
{
	struct catalog_item_list items = { 0 };
	struct soa_decision_list soa = { 0 };
	int rc = load_catalogue(st, org, &items, &soa);

	*refs = NULL;
	*nrefs = 0;
	if (!rc)
		rc = resolve_tokens(st, org, &items, &soa, tokens, n, refs, nrefs);
	catalog_item_list_release(&items);
	soa_decision_list_release(&soa);
	return rc;
}

/* Split and resolve a comma-separated scope. */
static int resolve_list(struct store *st, const struct org *org,
                        const struct catalog_item_list *items,
                        const struct soa_decision_list *soa, const char *list,
                        char ***refs, size_t *nrefs)
{
	char **tokens = NULL;
	size_t n = 0, alloc = 0;
	int rc = app_split_list("scope", list, TEXT_NAME_MAX, &tokens, &n, &alloc);

	*refs = NULL;
	*nrefs = 0;
	if (!rc && n > LIST_MAX)
		rc = error_set(E_INVALID, "at most %d scope entries at once", LIST_MAX);
	if (!rc)
		rc = resolve_tokens(st, org, items, soa, (const char *const *)tokens, n,
		                    refs, nrefs);
	app_refs_free(tokens, n);
	return rc;
}

int app_person_owns(struct store *st, const struct org *org, const char *name,
                    const char *const *refs, size_t n, const char *role, bool add,
                    size_t *changed)
{
	enum resp_role r = ROLE_OWNS;
	struct person p = { 0 };
	char **canon = NULL;
	size_t ncanon = 0;
	int rc = role ? resp_role_parse(role, &r) : 0;

	*changed = 0;
	if (!rc && n > LIST_MAX)
		rc = error_set(E_INVALID, "at most %d references at once", LIST_MAX);
	if (!rc)
		rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_person_get(st, org->id, name, &p);
	if (!rc)
		rc = app_scope_resolve(st, org, refs, n, &canon, &ncanon);
	for (size_t i = 0; !rc && i < ncanon; i++) {
		bool did = false;

		rc = store_responsibility_set(st, p.id, canon[i], r, add, &did);
		*changed += did;
	}
	person_release(&p);
	app_refs_free(canon, ncanon);
	return store_end(st, rc);
}

/* Full digest of the organisation's evidence typed as a digest or prefix. */
static int evidence_of(struct store *st, const struct org *org, const char *sha,
                       struct evidence *out)
{
	int rc = evidence_sha_check(sha);

	memset(out, 0, sizeof(*out));
	return rc ? rc : store_evidence_get(st, org->id, sha, out);
}

static int evidence_digest(struct store *st, const struct org *org, const char *sha,
                           char **digest)
{
	struct evidence e;
	int rc;

	*digest = NULL;
	if (!sha || !*sha)
		return 0;
	rc = evidence_of(st, org, sha, &e);
	if (!rc)
		*digest = xstrdup(e.sha256);
	evidence_release(&e);
	return rc;
}

int app_competence_add(struct store *st, const struct org *org, const char *name,
                       const struct competence_update *u, struct competence *out)
{
	struct person p = { 0 };
	int rc;

	memset(out, 0, sizeof(*out));
	if (!u->kind)
		return error_set(E_USAGE, "say what it is with --kind training, "
		                          "certification or experience");
	rc = competence_kind_parse(u->kind, &out->kind);
	if (!rc && !u->title)
		rc = error_set(E_USAGE, "give the competence a --title");
	if (!rc)
		rc = app_take_text(&out->title, u->title, "title", TEXT_NAME_MAX,
		                   TEXT_REQUIRED);
	if (!rc)
		rc = app_take_date(&out->obtained_on, u->obtained_on, "--on");
	if (!rc)
		rc = app_take_date(&out->expires_on, u->expires_on, "--expires");
	if (!rc && out->obtained_on && out->expires_on &&
	    strcmp(out->expires_on, out->obtained_on) < 0)
		rc = error_set(E_INVALID,
		               "the competence expires (%s) before it was obtained (%s)",
		               out->expires_on, out->obtained_on);
	if (!rc)
		rc = app_take_text(&out->note, u->note, "note", TEXT_LONG_MAX,
		                   TEXT_MULTILINE);
	if (!rc)
		rc = store_begin(st);
	if (!rc) {
		rc = store_person_get(st, org->id, name, &p);
		if (!rc)
			rc = evidence_digest(st, org, u->evidence, &out->evidence);
		if (!rc)
			rc = store_competence_add(st, org->id, p.id, out);
		person_release(&p);
		rc = store_end(st, rc);
	}
	if (rc)
		competence_release(out);
	return rc;
}

/* ---- the programme and its coverage ---- */

int app_cycle_parse(const char *s, int *cycle)
{
	long v;

	if (!app_parse_long(s, 1900, 9999, &v))
		return error_set(
		        E_INVALID,
		        "a cycle is named by its first year, like 2026, not '%s'",
		        s ? s : "");
	*cycle = (int)v;
	return 0;
}

int app_programme_set(struct store *st, const struct org *org, int cycle,
                      const struct programme_update *u, struct audit_programme *out)
{
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = store_programme_get(st, org->id, cycle, out);
	if (!rc && u->interval) {
		long v;

		if (!app_parse_long(u->interval, 1, 12, &v))
			rc = error_set(E_INVALID,
			               "--interval is the months between audits of an "
			               "area, 1 to 12 (every area at least once a year), "
			               "not '%s'",
			               u->interval);
		else
			out->interval_months = (int)v;
	}
	if (!rc)
		rc = app_take_text(&out->size_complexity, u->size_complexity,
		                   "size and complexity", TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&out->legal, u->legal,
		                   "legal and contractual requirements", TEXT_LONG_MAX,
		                   TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&out->rate_of_change, u->rate_of_change,
		                   "rate of change", TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&out->risk_results, u->risk_results, "risk results",
		                   TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&out->previous_results, u->previous_results,
		                   "previous audit results", TEXT_LONG_MAX,
		                   TEXT_MULTILINE);
	out->cycle = cycle;
	if (!rc)
		rc = store_programme_put(st, org->id, out);
	rc = store_end(st, rc);
	if (rc)
		audit_programme_release(out);
	return rc;
}

static bool audit_done(const struct audit *a)
{
	return a->status != AUDIT_PLANNED;
}

/* Mark every item a completed audit of the cycle recorded a result for. */
static int cycle_results(struct store *st, const struct org *org, int cycle,
                         struct audit_coverage *out, char ***tested, size_t *ntested,
                         size_t *alloc)
{
	struct audit_list all = { 0 };
	int rc = store_audit_list(st, org->id, &all);

	for (size_t i = 0; !rc && i < all.n; i++) {
		struct audit *a = &all.v[i];
		int year = date_year(audit_done(a) ? a->end_on : a->start_on);
		struct audit full;

		if (year < cycle || year > cycle + 2)
			continue;
		if (audit_done(a))
			out->years[year - cycle].completed++;
		else
			out->years[year - cycle].planned++;
		ALLOC_GROW(out->audits.v, out->audits.n + 1, out->audits.alloc);
		out->audits.v[out->audits.n++] = *a;
		memset(a, 0, sizeof(*a));
		if (!audit_done(&out->audits.v[out->audits.n - 1]))
			continue;
		rc = store_audit_get(st, org->id, out->audits.v[out->audits.n - 1].id,
		                     &full);
		for (size_t t = 0; !rc && t < full.ntests; t++)
			if (full.tests[t].result != RESULT_NONE)
				push_ref(tested, ntested, alloc, full.tests[t].ref);
		if (!rc)
			audit_release(&full);
	}
	audit_list_release(&all);
	return rc;
}

int app_audit_coverage(struct store *st, const struct org *org, int cycle,
                       struct audit_coverage *out)
{
	struct catalog_item_list items = { 0 };
	struct soa_decision_list soa = { 0 };
	char **tested = NULL;
	size_t ntested = 0, alloc = 0, ualloc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	for (int y = 0; y < 3; y++)
		out->years[y].year = cycle + y;
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = store_programme_get(st, org->id, cycle, &out->programme);
	if (!rc)
		rc = load_catalogue(st, org, &items, &soa);
	if (!rc)
		rc = cycle_results(st, org, cycle, out, &tested, &ntested, &alloc);
	for (size_t i = 0; !rc && i < items.n; i++) {
		const struct catalog_item *it = &items.v[i];

		if (is_control(it) && excluded(&soa, it->ref))
			continue;
		out->total++;
		if (!has_ref(tested, ntested, it->ref))
			push_ref(&out->uncovered, &out->nuncovered, &ualloc, it->ref);
	}
	rc = store_end(st, rc);
	catalog_item_list_release(&items);
	soa_decision_list_release(&soa);
	app_refs_free(tested, ntested);
	if (rc)
		app_audit_coverage_release(out);
	return rc;
}

void app_audit_coverage_release(struct audit_coverage *c)
{
	audit_programme_release(&c->programme);
	audit_list_release(&c->audits);
	app_refs_free(c->uncovered, c->nuncovered);
	memset(c, 0, sizeof(*c));
}

/* ---- audits: the plan ---- */

int app_audit_id_parse(const char *s, int64_t *out)
{
	if (s && (*s == 'A' || *s == 'a'))
		s++;
	if (app_positive_id("an audit id", s, out))
		return error_set(E_INVALID, "an audit is named by its id, like A3 or 3");
	return 0;
}

static const struct catalog_item *find_item(const struct catalog_item_list *items,
                                            const char *ref)
{
	for (size_t i = 0; i < items->n; i++)
		if (!strcmp(items->v[i].ref, ref))
			return &items->v[i];
	return NULL;
}

/* Checklist lines for every catalogue item of the scope not yet in a. */
static void add_tests(struct audit *a, const struct catalog_item_list *items)
{
	for (size_t i = 0; i < a->nscope; i++) {
		const struct catalog_item *it = find_item(items, a->scope[i]);
		bool have = false;

		for (size_t t = 0; t < a->ntests; t++)
			have = have || !strcmp(a->tests[t].ref, a->scope[i]);
		if (!it || have)
			continue;
		for (int type = 0; type < TEST__COUNT; type++) {
			struct audit_test *t;
			struct strbuf step, expected;

			ALLOC_GROW(a->tests, a->ntests + 1, a->alloc_tests);
			t = &a->tests[a->ntests++];
			memset(t, 0, sizeof(*t));
			strbuf_init(&step, 0);
			strbuf_init(&expected, 0);
			audit_checklist_text(it, (enum test_type)type, &step, &expected);
			t->ref = xstrdup(it->ref);
			t->type = (enum test_type)type;
			t->step = strbuf_detach(&step, NULL);
			t->expected = strbuf_detach(&expected, NULL);
			t->result = RESULT_NONE;
			t->method = METHOD_NONE;
			t->nc = NC_NONE;
			t->sample_size = -1;
		}
	}
}

/* Drop checklist lines whose item left the scope; refused once tested. */
static int drop_tests(struct audit *a)
{
	size_t k = 0;

	for (size_t i = 0; i < a->ntests; i++) {
		struct audit_test *t = &a->tests[i];
		bool keep = false;

		for (size_t s = 0; s < a->nscope; s++)
			keep = keep || !strcmp(a->scope[s], t->ref);
		if (!keep && t->result != RESULT_NONE) {
			int rc = error_set(E_CONFLICT,
			                   "%s has a recorded result in audit %lld; it "
			                   "cannot leave the scope",
			                   t->ref, (long long)a->id);

			for (; i < a->ntests; i++)
				a->tests[k++] = a->tests[i];
			a->ntests = k;
			return rc;
		}
		if (keep)
			a->tests[k++] = *t;
		else
			audit_test_release(t);
	}
	a->ntests = k;
	return 0;
}

static int apply_plan(struct store *st, const struct org *org, struct audit *a,
                      const struct audit_update *u)
{
	int rc = app_take_text(&a->title, u->title, "audit title", TEXT_NAME_MAX,
	                       TEXT_REQUIRED);

	if (!rc)
		rc = app_take_text(&a->objectives, u->objectives, "objectives",
		                   TEXT_LONG_MAX, TEXT_MULTILINE | TEXT_REQUIRED);
	if (!rc)
		rc = app_take_text(&a->criteria, u->criteria, "criteria", TEXT_LONG_MAX,
		                   TEXT_MULTILINE | TEXT_REQUIRED);
	if (!rc)
		rc = app_take_text(&a->sampling, u->sampling, "sampling approach",
		                   TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&a->auditees, u->auditees, "auditees", TEXT_SHORT_MAX,
		                   0);
	if (!rc)
		rc = app_take_text(&a->classification, u->classification,
		                   "classification", TEXT_NAME_MAX, TEXT_REQUIRED);
	if (!rc)
		rc = app_take_text(&a->distribution, u->distribution, "distribution",
		                   TEXT_SHORT_MAX, 0);
	if (!rc)
		rc = app_take_date(&a->start_on, u->start_on, "--start");
	if (!rc)
		rc = app_take_date(&a->end_on, u->end_on, "--end");
	if (!rc)
		rc = audit_plan_check(a->title, a->start_on, a->end_on);
	if (!rc && !a->objectives)
		rc = error_set(E_INVALID, "the audit needs its objectives");
	if (!rc && !a->criteria)
		rc = error_set(E_INVALID, "the audit needs its criteria");
	if (!rc && !a->classification)
		rc = error_set(E_INVALID, "the report needs a classification");
	if (!rc && u->scope) {
		struct catalog_item_list items = { 0 };
		struct soa_decision_list soa = { 0 };

		app_refs_free(a->scope, a->nscope);
		a->scope = NULL;
		a->nscope = a->alloc_scope = 0;
		rc = load_catalogue(st, org, &items, &soa);
		if (!rc)
			rc = resolve_list(st, org, &items, &soa, u->scope, &a->scope,
			                  &a->nscope);
		a->alloc_scope = a->nscope;
		if (!rc)
			rc = drop_tests(a);
		if (!rc)
			add_tests(a, &items);
		catalog_item_list_release(&items);
		soa_decision_list_release(&soa);
	}
	return rc;
}

#define OBJECTIVES_DEFAULT                                                           \
	"Determine whether the ISMS within this audit's scope conforms to the "      \
	"organisation's own requirements and to ISO/IEC 27001:2022 (clause "         \
	"9.2.1 a), and whether it is effectively implemented and maintained (9.2.1 " \
	"b)."

int app_audit_new(struct store *st, const struct org *org, const struct audit_update *u,
                  struct audit *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (!u->title || !u->scope || !u->start_on || !u->end_on)
		return error_set(E_USAGE,
		                 "an audit needs --title, --scope, --start and --end");
	out->objectives = xstrdup(OBJECTIVES_DEFAULT);
	out->criteria = xstrdup(AUDIT_CRITERIA_DEFAULT);
	out->classification = xstrdup("Confidential");
	out->status = AUDIT_PLANNED;
	for (size_t i = 0; i < audit_default_ndocuments; i++) {
		ALLOC_GROW(out->documents, out->ndocuments + 1, out->alloc_documents);
		out->documents[out->ndocuments] = (struct audit_document){
			.seq = (int)i + 1, .title = xstrdup(audit_default_documents[i])
		};
		out->ndocuments++;
	}
	rc = store_begin(st);
	if (!rc) {
		rc = apply_plan(st, org, out, u);
		if (!rc)
			rc = store_audit_add(st, org->id, out);
		rc = store_end(st, rc);
	}
	if (rc)
		audit_release(out);
	return rc;
}

/* The members' competence as of today. */
static int mark_competence(struct store *st, const struct org *org, struct audit *a)
{
	char today[11];

	store_today(today);
	for (size_t i = 0; i < a->nmembers; i++) {
		struct person p;
		int rc = store_person_get(st, org->id, a->members[i].name, &p);

		if (rc)
			return rc;
		a->members[i].competent = person_competent(&p, today);
		person_release(&p);
	}
	return 0;
}

int app_audit_get(struct store *st, const struct org *org, int64_t id, struct audit *out)
{
	int rc = store_begin_read(st);

	if (rc)
		return rc;
	rc = store_audit_get(st, org->id, id, out);
	if (!rc) {
		rc = mark_competence(st, org, out);
		if (rc)
			audit_release(out);
	}
	return store_end(st, rc);
}

/* The conflicts of a person with a scope, as text; 0 when none. */
static int conflicts_of(struct store *st, const struct org *org, const char *name,
                        const struct audit *a, struct strbuf *out, size_t *n)
{
	struct responsibility_list resp = { 0 };
	int rc = store_responsibilities(st, org->id, &resp);

	*n = 0;
	if (!rc)
		*n = audit_conflicts(name, (const char *const *)a->scope, a->nscope,
		                     &resp, out);
	responsibility_list_release(&resp);
	return rc;
}

/*
 * Members assigned without a conflict whose responsibilities now fall in
 * the scope: their conflict is filled in, with no override.
 */
static int unrecorded_conflicts(struct store *st, const struct org *org, struct audit *a)
{
	struct responsibility_list resp = { 0 };
	int rc = store_responsibilities(st, org->id, &resp);

	for (size_t i = 0; !rc && i < a->nmembers; i++) {
		struct audit_member *m = &a->members[i];
		struct strbuf sb = STRBUF_INIT;

		if (!m->conflict &&
		    audit_conflicts(m->name, (const char *const *)a->scope, a->nscope,
		                    &resp, &sb))
			m->conflict = strbuf_detach(&sb, NULL);
		strbuf_release(&sb);
	}
	responsibility_list_release(&resp);
	return rc;
}

/* A new scope may not put a member's own work in scope unjustified. */
static int recheck_team(struct store *st, const struct org *org, struct audit *a)
{
	int rc = unrecorded_conflicts(st, org, a);

	for (size_t i = 0; !rc && i < a->nmembers; i++)
		if (a->members[i].conflict && !a->members[i].override)
			rc = error_set(E_CONFLICT,
			               "independence: this scope would have %s audit "
			               "their own work (%s); remove them from the team "
			               "first or keep the scope",
			               a->members[i].name, a->members[i].conflict);
	return rc;
}

int app_audit_set(struct store *st, const struct org *org, int64_t id,
                  const struct audit_update *u, struct audit *out)
{
	int rc = store_begin(st);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	rc = store_audit_get(st, org->id, id, out);
	if (!rc)
		rc = audit_editable_check(out, "change the plan");
	if (!rc)
		rc = apply_plan(st, org, out, u);
	if (!rc && u->scope)
		rc = recheck_team(st, org, out);
	if (!rc)
		rc = store_audit_update(st, org->id, out);
	rc = store_end(st, rc);
	if (rc)
		audit_release(out);
	return rc;
}

int app_audit_assign(struct store *st, const struct org *org, int64_t id,
                     const char *name, bool lead, const char *justification,
                     bool *no_competence)
{
	struct audit a = { 0 };
	struct person p = { 0 };
	struct strbuf conflicts;
	struct audit_member m = { 0 };
	char today[11];
	size_t n = 0;
	int rc = justification ? text_check("justification", justification, TEXT_LONG_MAX,
	                                    TEXT_REQUIRED | TEXT_MULTILINE)
	                       : 0;

	*no_competence = false;
	store_today(today);
	strbuf_init(&conflicts, 0);
	if (!rc)
		rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_audit_get(st, org->id, id, &a);
	if (!rc)
		rc = audit_editable_check(&a, "change the audit team");
	if (!rc)
		rc = store_person_get(st, org->id, name, &p);
	if (!rc)
		rc = conflicts_of(st, org, p.name, &a, &conflicts, &n);
	if (!rc && n && !justification)
		rc = error_set(E_CONFLICT,
		               "independence: %s cannot audit their own work; audit "
		               "%lld's scope holds what they are responsible for: %s.  "
		               "Assign someone "
		               "else, or record why it cannot be avoided with "
		               "--override-justification TEXT (the report will "
		               "show it)",
		               p.name, (long long)id, conflicts.buf);
	if (!rc) {
		m.person_id = p.id;
		m.name = p.name;
		m.lead = lead;
		m.conflict = n ? conflicts.buf : NULL;
		m.override = n ? (char *)justification : NULL;
		rc = store_audit_member_put(st, id, &m);
	}
	if (!rc && lead)
		*no_competence = !person_competent(&p, today);
	person_release(&p);
	audit_release(&a);
	strbuf_release(&conflicts);
	return store_end(st, rc);
}

int app_audit_unassign(struct store *st, const struct org *org, int64_t id,
                       const char *name)
{
	struct audit a = { 0 };
	struct person p = { 0 };
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = store_audit_get(st, org->id, id, &a);
	if (!rc)
		rc = audit_editable_check(&a, "change the audit team");
	if (!rc)
		rc = store_person_get(st, org->id, name, &p);
	if (!rc)
		rc = store_audit_member_remove(st, id, p.id);
	person_release(&p);
	audit_release(&a);
	return store_end(st, rc);
}

int app_audit_document(struct store *st, const struct org *org, int64_t id,
                       const char *title, const char *evidence)
{
	struct audit a = { 0 };
	struct audit_document *d = NULL;
	char *digest = NULL;
	int rc = text_check("document title", title, TEXT_NAME_MAX, TEXT_REQUIRED);

	if (!rc)
		rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_audit_get(st, org->id, id, &a);
	if (!rc)
		rc = audit_editable_check(&a, "change the documents");
	if (!rc)
		rc = evidence_digest(st, org, evidence, &digest);
	for (size_t i = 0; !rc && i < a.ndocuments && !d; i++)
		if (!strcasecmp(a.documents[i].title, title))
			d = &a.documents[i];
	if (!rc && !d) {
		ALLOC_GROW(a.documents, a.ndocuments + 1, a.alloc_documents);
		d = &a.documents[a.ndocuments++];
		*d = (struct audit_document){ .seq = (int)a.ndocuments,
			                      .title = xstrdup(title) };
	}
	if (!rc && digest) {
		free(d->evidence);
		d->evidence = digest;
		digest = NULL;
	}
	if (!rc)
		rc = store_audit_update(st, org->id, &a);
	free(digest);
	audit_release(&a);
	return store_end(st, rc);
}

/* ---- fieldwork ---- */

static struct audit_test *find_test(struct audit *a, const char *ref, enum test_type type)
{
	for (size_t i = 0; i < a->ntests; i++)
		if (!strcmp(a->tests[i].ref, ref) && a->tests[i].type == type)
			return &a->tests[i];
	return NULL;
}

/* The canonical reference of a checklist item of the audit. */
static int scope_ref(struct store *st, const struct audit *a, const char *typed,
                     const char **ref)
{
	struct catalog_item it;
	int rc = app_catalog_get(st, CATALOG_DEFAULT_FRAMEWORK, typed, &it);

	*ref = NULL;
	if (rc)
		return rc;
	for (size_t i = 0; i < a->ntests && !*ref; i++)
		if (!strcmp(a->tests[i].ref, it.ref))
			*ref = a->tests[i].ref;
	if (!*ref)
		rc = error_set(E_INVALID,
		               "%s is not in the scope of audit %lld; audit it in "
		               "another audit or widen this one's scope with 'isms "
		               "audit set %lld --scope ...'",
		               it.ref, (long long)a->id, (long long)a->id);
	catalog_item_release(&it);
	return rc;
}

static int sample_size(const char *s, int *out)
{
	long v;

	*out = -1;
	if (!s)
		return 0;
	if (!app_parse_long(s, 0, 1000000, &v))
		return error_set(
		        E_INVALID,
		        "--sample-size is a number of items, 0 or more, not '%s'", s);
	*out = (int)v;
	return 0;
}

/* Resolve and check each evidence digest: never a gap assessment's. */
static int result_evidence(struct store *st, const struct org *org, const char *list,
                           int64_t **ids, size_t *n)
{
	char **shas = NULL;
	size_t nshas = 0, alloc = 0;
	int rc = list ? app_split_list("evidence", list, 64, &shas, &nshas, &alloc) : 0;

	*ids = NULL;
	*n = 0;
	if (!rc && nshas > LIST_MAX)
		rc = error_set(E_INVALID, "at most %d evidence items at once", LIST_MAX);
	if (!rc && nshas)
		*ids = xcalloc(nshas, sizeof(**ids));
	for (size_t i = 0; !rc && i < nshas; i++) {
		struct evidence e;
		struct audit_evidence ae = { 0 };

		rc = evidence_of(st, org, shas[i], &e);
		if (!rc) {
			memcpy(ae.sha256, e.sha256, sizeof(ae.sha256));
			ae.title = e.title;
			ae.origin = e.origin;
			rc = audit_evidence_check(&ae);
			(*ids)[(*n)++] = e.id;
		}
		evidence_release(&e);
	}
	app_refs_free(shas, nshas);
	return rc;
}

static int apply_result(struct audit_test *t, enum audit_method method,
                        const struct result_update *u)
{
	int rc = audit_result_parse(u->result, &t->result);

	t->method = method;
	t->nc = NC_NONE;
	if (!rc && u->kind)
		rc = nc_kind_parse(u->kind, &t->nc);
	if (!rc)
		rc = audit_result_check(t->ref, t->result, t->nc);
	if (!rc)
		rc = sample_size(u->sample_size, &t->sample_size);
	if (!rc)
		rc = app_take_text(&t->population, u->population, "population",
		                   TEXT_SHORT_MAX, 0);
	if (!rc)
		rc = app_take_text(&t->sample_items, u->sample_items, "sample items",
		                   TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&t->note, u->note, "note", TEXT_LONG_MAX,
		                   TEXT_MULTILINE);
	return rc;
}

int app_audit_result(struct store *st, const struct org *org, int64_t id,
                     const struct result_update *u, int64_t *capa_id)
{
	struct audit a = { 0 };
	enum audit_method method = METHOD_NONE;
	enum test_type type;
	struct audit_test *t = NULL;
	const char *ref = NULL;
	int64_t *ids = NULL;
	size_t nids = 0;
	int rc;

	*capa_id = 0;
	if (!u->ref || !u->result || !u->method)
		return error_set(E_USAGE,
		                 "a result needs the item, --result and --method");
	rc = audit_method_parse(u->method, &method);
	type = audit_method_default_test(method);
	if (!rc && u->test)
		rc = test_type_parse(u->test, &type);
	if (!rc)
		rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_audit_get(st, org->id, id, &a);
	if (!rc)
		rc = audit_editable_check(&a, "record a result");
	if (!rc)
		rc = scope_ref(st, &a, u->ref, &ref);
	if (!rc) {
		t = find_test(&a, ref, type);
		rc = t ? apply_result(t, method, u)
		       : error_set(E_INTERNAL, "audit %lld lacks the %s test of %s",
		                   (long long)id, test_type_name(type), ref);
	}
	if (!rc)
		rc = result_evidence(st, org, u->evidence, &ids, &nids);
	if (!rc)
		rc = store_audit_test_record(st, org->id, id, t, ids, nids, capa_id);
	free(ids);
	audit_release(&a);
	return store_end(st, rc);
}

int app_audit_close(struct store *st, const struct org *org, int64_t id, const char *date)
{
	struct audit a = { 0 };
	char today[11];
	int rc = date ? date_check("--date", date) : 0;

	store_today(today);
	if (!rc)
		rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_audit_get(st, org->id, id, &a);
	if (!rc)
		rc = audit_editable_check(&a, "close the audit");
	if (!rc && a.status != AUDIT_PLANNED)
		rc = error_set(E_CONFLICT, "audit %lld is already closed (on %s)",
		               (long long)id, a.closed_on);
	if (!rc)
		rc = audit_close_check(&a);
	if (!rc && strcmp(date ? date : today, a.start_on) < 0)
		rc = error_set(
		        E_INVALID,
		        "audit %lld cannot close (%s) before its fieldwork starts (%s)",
		        (long long)id, date ? date : today, a.start_on);
	if (!rc) {
		a.status = AUDIT_CLOSED;
		free(a.closed_on);
		a.closed_on = xstrdup(date ? date : today);
		rc = store_audit_update(st, org->id, &a);
	}
	audit_release(&a);
	return store_end(st, rc);
}

int app_audit_actor_check(struct store *st, const struct org *org, int64_t id,
                          const struct user *u, const char *ref, const char *does)
{
	struct audit a = { 0 };
	struct person p = { 0 };
	struct catalog_item it = { 0 };
	struct responsibility_list resp = { 0 };
	struct strbuf conflicts = STRBUF_INIT;
	bool member = false;
	int rc = store_begin_read(st);

	if (rc)
		return rc;
	rc = store_audit_get(st, org->id, id, &a);
	if (!rc) {
		rc = store_person_of_user(st, org->id, u->id, &p);
		if (rc == -E_NOTFOUND)
			rc = error_set(E_FORBIDDEN,
			               "user '%s' is not linked to a person of this "
			               "organisation, so cannot %s in audit %lld: only "
			               "its auditors may, known by the link ('isms "
			               "person set NAME --user %s')",
			               u->name, does, (long long)id, u->name);
	}
	for (size_t i = 0; !rc && i < a.nmembers; i++)
		member = member || a.members[i].person_id == p.id;
	if (!rc && !member)
		rc = error_set(E_FORBIDDEN,
		               "%s (user '%s') is not on the team of audit %lld; "
		               "only its auditors may %s",
		               p.name, u->name, (long long)id, does);
	if (!rc && ref)
		rc = app_catalog_get(st, CATALOG_DEFAULT_FRAMEWORK, ref, &it);
	if (!rc && ref)
		rc = store_responsibilities(st, org->id, &resp);
	if (!rc && ref) {
		const char *tested = it.ref;

		if (audit_conflicts(p.name, &tested, 1, &resp, &conflicts))
			rc = error_set(E_FORBIDDEN,
			               "independence: %s (user '%s') cannot %s for %s: "
			               "that is auditing their own work (%s); another "
			               "auditor of the team records it",
			               p.name, u->name, does, it.ref, conflicts.buf);
	}
	strbuf_release(&conflicts);
	responsibility_list_release(&resp);
	if (ref)
		catalog_item_release(&it);
	person_release(&p);
	audit_release(&a);
	return store_end(st, rc);
}

/* ---- the report ---- */

/* Corrective actions of earlier audits on items of a's scope. */
static int previous_capas(struct store *st, const struct org *org, const struct audit *a,
                          struct capa_list *out)
{
	struct capa_list all = { 0 };
	int rc = store_capa_list(st, org->id, &all);

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; !rc && i < all.n; i++) {
		struct capa *c = &all.v[i];

		if (c->audit_id == a->id || !has_ref(a->scope, a->nscope, c->ref))
			continue;
		ALLOC_GROW(out->v, out->n + 1, out->alloc);
		out->v[out->n++] = *c;
		memset(c, 0, sizeof(*c));
	}
	capa_list_release(&all);
	return rc;
}

/* The ISMS items (requirements, applicable controls) outside a's scope. */
static int outside_scope(struct store *st, const struct org *org, const struct audit *a,
                         char ***out, size_t *n)
{
	struct catalog_item_list items = { 0 };
	struct soa_decision_list soa = { 0 };
	size_t alloc = 0;
	int rc = load_catalogue(st, org, &items, &soa);

	for (size_t i = 0; !rc && i < items.n; i++) {
		const struct catalog_item *it = &items.v[i];

		if ((is_control(it) && excluded(&soa, it->ref)) ||
		    has_ref(a->scope, a->nscope, it->ref))
			continue;
		push_ref(out, n, &alloc, it->ref);
	}
	catalog_item_list_release(&items);
	soa_decision_list_release(&soa);
	return rc;
}

int app_audit_report_load(struct store *st, const struct org *org, int64_t id,
                          struct audit_report_data *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	store_today(out->today);
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = store_audit_get(st, org->id, id, &out->audit);
	if (!rc)
		rc = mark_competence(st, org, &out->audit);
	if (!rc && out->audit.status != AUDIT_ISSUED)
		rc = unrecorded_conflicts(st, org, &out->audit);
	if (!rc)
		rc = previous_capas(st, org, &out->audit, &out->previous);
	if (!rc)
		rc = store_scope_get(st, org->id, &out->scope);
	if (!rc)
		rc = outside_scope(st, org, &out->audit, &out->outside, &out->noutside);
	if (!rc)
		audit_summarise(&out->audit, &out->summary);
	return store_end(st, rc);
}

void app_audit_report_release(struct audit_report_data *d)
{
	audit_release(&d->audit);
	audit_summary_release(&d->summary);
	capa_list_release(&d->previous);
	scope_release(&d->scope);
	app_refs_free(d->outside, d->noutside);
	memset(d, 0, sizeof(*d));
}

static int strbuf_sink(void *ctx, const void *data, size_t len)
{
	return strbuf_add(ctx, data, len);
}

int app_audit_report_issued(struct store *st, const struct audit *a, int version,
                            int which, struct strbuf *out)
{
	const struct audit_report_version *v = NULL;
	const char *sha;

	for (size_t i = 0; i < a->nreports; i++)
		if (!version || a->reports[i].version == version)
			v = &a->reports[i];
	if (!v)
		return error_set(E_NOTFOUND, "audit A%lld has no issued version %d",
		                 (long long)a->id, version);
	sha = which == 0 ? v->md : which == 1 ? v->html : v->json;
	return store_blob_read(st, sha, strbuf_sink, out);
}

/* Store a document as content, by way of an unnamed temporary file. */
static int put_doc(struct store *st, const struct strbuf *doc, char sha256[65])
{
	FILE *f = tmpfile();
	int64_t size = 0;
	int rc = 0;

	if (!f)
		return error_set(E_IO, "cannot create a temporary file for the report");
	if (doc->len && fwrite(doc->buf, 1, doc->len, f) != doc->len)
		rc = error_set(E_IO, "cannot write the report to a temporary file");
	if (!rc && (fflush(f) || lseek(fileno(f), 0, SEEK_SET) < 0))
		rc = error_set(E_IO, "cannot rewind the report's temporary file");
	if (!rc)
		rc = store_blob_put(st, fileno(f), sha256, &size, NULL);
	fclose(f);
	return rc;
}

int app_audit_issue(struct store *st, const struct org *org, int64_t id, int version,
                    const char *by, const char *date, const char *reason,
                    const struct strbuf docs[3])
{
	struct audit a = { 0 };
	struct audit_report_version v = { 0 };
	char today[11];
	int rc = app_signoff_check(by, date, "issues the report", "--date");

	store_today(today);
	if (!rc && reason)
		rc = text_check("reason", reason, TEXT_SHORT_MAX, TEXT_REQUIRED);
	if (!rc)
		rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_audit_get(st, org->id, id, &a);
	if (!rc)
		rc = audit_editable_check(&a, "issue it again");
	if (!rc && a.status == AUDIT_PLANNED)
		rc = error_set(E_CONFLICT,
		               "audit %lld is still in fieldwork; close it with 'isms "
		               "audit close %lld' before issuing its report",
		               (long long)id, (long long)id);
	if (!rc && (int)a.nreports + 1 != version)
		rc = error_set(E_CONFLICT,
		               "audit %lld's report changed while it was issued",
		               (long long)id);
	if (!rc)
		rc = put_doc(st, &docs[0], v.md);
	if (!rc)
		rc = put_doc(st, &docs[1], v.html);
	if (!rc)
		rc = put_doc(st, &docs[2], v.json);
	if (!rc) {
		v.issued_by = (char *)by;
		v.issued_on = (char *)(date ? date : today);
		v.reason = (char *)reason;
		rc = store_audit_report_add(st, id, &v);
	}
	audit_release(&a);
	return store_end(st, rc);
}

/* ---- corrective actions ---- */

int app_capa_id_parse(const char *s, int64_t *out)
{
	if (s && !strncasecmp(s, "CAPA-", 5))
		s += 5;
	if (app_positive_id("a corrective action id", s, out))
		return error_set(
		        E_INVALID,
		        "a corrective action is named by its id, like CAPA-3 or 3");
	return 0;
}

int app_capa_set(struct store *st, const struct org *org, int64_t id,
                 const struct capa_update *u, struct capa *out)
{
	enum capa_status to = CAPA_OPEN;
	int rc = store_begin(st);

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	rc = store_capa_get(st, org->id, id, out);
	to = out->status;
	if (!rc && u->status) {
		rc = capa_status_parse(u->status, &to);
		if (!rc && to >= CAPA_VERIFIED)
			rc = error_set(E_USAGE,
			               "--status takes open, in-progress or implemented; "
			               "'isms capa verify' records the verification and "
			               "'isms capa close' closes it");
	}
	if (!rc && to != out->status)
		rc = capa_transition_check(out, to);
	if (!rc && out->status == CAPA_CLOSED)
		rc = capa_transition_check(out, out->status);
	if (!rc)
		rc = app_take_text(&out->correction, u->correction, "correction",
		                   TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&out->root_cause, u->root_cause, "root cause",
		                   TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&out->action, u->action, "action", TEXT_LONG_MAX,
		                   TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&out->owner, u->owner, "owner", TEXT_NAME_MAX, 0);
	if (!rc)
		rc = app_take_date(&out->due_on, u->due_on, "--due");
	if (!rc) {
		out->status = to;
		rc = store_capa_update(st, org->id, out);
	}
	rc = store_end(st, rc);
	if (rc)
		capa_release(out);
	return rc;
}

int app_capa_list(struct store *st, const struct org *org, bool overdue, bool open_only,
                  struct capa_list *out)
{
	char today[11];
	size_t k = 0;
	int rc = store_capa_list(st, org->id, out);

	if (rc)
		return rc;
	store_today(today);
	for (size_t i = 0; i < out->n; i++) {
		if ((overdue && !capa_overdue(&out->v[i], today)) ||
		    (open_only && out->v[i].status == CAPA_CLOSED))
			capa_release(&out->v[i]);
		else
			out->v[k++] = out->v[i];
	}
	out->n = k;
	return 0;
}

int app_capa_verify(struct store *st, const struct org *org, int64_t id, const char *by,
                    const char *note, const char *date, const char *evidence)
{
	struct capa c = { 0 };
	char today[11];
	int rc = app_signoff_check(by, date, "verified the action's effectiveness",
	                           "--date");

	store_today(today);
	if (!rc && !note)
		rc = error_set(E_USAGE,
		               "say what the verification found with --note TEXT");
	if (!rc)
		rc = text_check("note", note, TEXT_LONG_MAX,
		                TEXT_REQUIRED | TEXT_MULTILINE);
	if (!rc)
		rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_capa_get(st, org->id, id, &c);
	if (!rc && c.status == CAPA_CLOSED)
		rc = capa_transition_check(&c, CAPA_CLOSED);
	if (!rc && strncmp(date ? date : today, c.created_at, 10) < 0)
		rc = error_set(E_INVALID,
		               "corrective action %lld cannot be verified (%s) before it "
		               "was opened (%.10s)",
		               (long long)id, date ? date : today, c.created_at);
	if (!rc) {
		free(c.verified_by);
		free(c.verified_on);
		free(c.verification_note);
		c.verified_by = xstrdup(by);
		c.verified_on = xstrdup(date ? date : today);
		c.verification_note = xstrdup(note);
		free(c.verification_evidence);
		rc = evidence_digest(st, org, evidence, &c.verification_evidence);
	}
	if (!rc)
		rc = capa_transition_check(&c, CAPA_VERIFIED);
	if (!rc) {
		c.status = CAPA_VERIFIED;
		rc = store_capa_update(st, org->id, &c);
	}
	capa_release(&c);
	return store_end(st, rc);
}

int app_capa_close(struct store *st, const struct org *org, int64_t id, const char *date)
{
	struct capa c = { 0 };
	char today[11];
	int rc = date ? date_check("--date", date) : 0;

	store_today(today);
	if (!rc)
		rc = store_begin(st);
	if (rc)
		return rc;
	rc = store_capa_get(st, org->id, id, &c);
	if (!rc)
		rc = capa_transition_check(&c, CAPA_CLOSED);
	if (!rc && c.verified_on && strcmp(date ? date : today, c.verified_on) < 0)
		rc = error_set(E_INVALID,
		               "corrective action %lld cannot close (%s) before it was "
		               "verified (%s)",
		               (long long)id, date ? date : today, c.verified_on);
	if (!rc) {
		c.status = CAPA_CLOSED;
		free(c.closed_on);
		c.closed_on = xstrdup(date ? date : today);
		rc = store_capa_update(st, org->id, &c);
	}
	capa_release(&c);
	return store_end(st, rc);
}
