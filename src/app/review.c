/*
 * review.c - the management review (ISO/IEC 27001:2022 clause 9.3): its
 * 9.3.2 inputs prepared from the data on one snapshot, the decisions and
 * actions it records (9.3.3), and the agreed minutes, which no longer
 * change.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/internal.h"
#include "core/error.h"
#include "core/strbuf.h"
#include "core/text.h"
#include "core/xalloc.h"

int app_review_id_parse(const char *s, int64_t *out)
{
	if (s && (s[0] == 'M' || s[0] == 'm') && (s[1] == 'R' || s[1] == 'r'))
		s += 2;
	if (app_positive_id("a management review id", s, out))
		return error_set(E_INVALID,
		                 "a management review is named by its id, like MR3 or 3");
	return 0;
}

int app_review_output_id_parse(const char *s, int64_t *out)
{
	if (app_positive_id("an action's number", s, out))
		return error_set(
		        E_INVALID,
		        "an action is named by its number, as 'isms review show' "
		        "lists it, not '%s'",
		        s ? s : "");
	return 0;
}

/* ---- the inputs (9.3.2) ---- */

/* The inputs the data cannot give, as the review keeps them. */
struct input_texts {
	char *changes, *monitoring, *objectives, *feedback;
};

static void texts_release(struct input_texts *t)
{
	free(t->changes);
	free(t->monitoring);
	free(t->objectives);
	free(t->feedback);
	memset(t, 0, sizeof(*t));
}

static char *json_text(json_t *o, const char *key)
{
	return xstrdup_or_null(json_string_value(json_object_get(o, key)));
}

/* The texts as the review's stored inputs hold them. */
static int texts_load(const struct review *r, struct input_texts *t)
{
	json_t *root;

	memset(t, 0, sizeof(*t));
	if (!r->inputs || !*r->inputs)
		return 0;
	root = json_loads(r->inputs, 0, NULL);
	if (!json_is_object(root)) {
		json_decref(root);
		return error_set(E_SCHEMA,
		                 "the inputs of management review %lld are damaged",
		                 (long long)r->id);
	}
	t->changes = json_text(json_object_get(root, "changes"), "note");
	t->monitoring = json_text(root, "monitoring");
	t->objectives = json_text(root, "objectives");
	t->feedback = json_text(root, "feedback");
	json_decref(root);
	return 0;
}

/* NULL keeps a text, "" clears it. */
static int texts_take(struct input_texts *t, const struct review_update *u)
{
	int rc = app_take_text(&t->changes, u->changes, "changes", TEXT_LONG_MAX,
	                       TEXT_MULTILINE);

	if (!rc)
		rc = app_take_text(&t->monitoring, u->monitoring, "monitoring",
		                   TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&t->objectives, u->objectives, "objectives",
		                   TEXT_LONG_MAX, TEXT_MULTILINE);
	if (!rc)
		rc = app_take_text(&t->feedback, u->feedback, "feedback", TEXT_LONG_MAX,
		                   TEXT_MULTILINE);
	return rc;
}

/*
 * Does review o come before the review held on `held_on` with id `id`
 * (0: one not stored yet, which comes after every stored review of its
 * day)?  Reviews are ordered by date, then by id.
 */
static bool review_earlier(const struct review *o, const char *held_on, int64_t id)
{
	int c;

	if (id && o->id == id)
		return false;
	c = strcmp(o->held_on, held_on);
	return c < 0 || (c == 0 && (!id || o->id < id));
}

/* The facts the inputs are built from, loaded on one snapshot. */
struct review_facts {
	struct review_list reviews;
	struct scope scope;
	struct capa_list capas;
	struct audit_list audits;
	struct audit *completed; /* with tests: those since the last review */
	size_t ncompleted;
	struct risk_method method;
	struct risk_list risks;
	struct treatment_plan plan;
};

static void facts_release(struct review_facts *f)
{
	review_list_release(&f->reviews);
	scope_release(&f->scope);
	capa_list_release(&f->capas);
	audit_list_release(&f->audits);
	for (size_t i = 0; i < f->ncompleted; i++)
		audit_release(&f->completed[i]);
	free(f->completed);
	risk_method_release(&f->method);
	risk_list_release(&f->risks);
	treatment_plan_release(&f->plan);
	memset(f, 0, sizeof(*f));
}

/* The review just before this one; NULL when it is the first. */
static const struct review *previous_review(const struct review_list *l,
                                            const char *held_on, int64_t id)
{
	const struct review *prev = NULL;

	for (size_t i = 0; i < l->n; i++) {
		const struct review *o = &l->v[i];

		if (!review_earlier(o, held_on, id))
			continue;
		if (!prev || strcmp(o->held_on, prev->held_on) > 0 ||
		    (!strcmp(o->held_on, prev->held_on) && o->id > prev->id))
			prev = o;
	}
	return prev;
}

static bool audit_completed_since(const struct audit *a, const struct review *prev)
{
	if (a->status != AUDIT_CLOSED && a->status != AUDIT_ISSUED)
		return false;
	if (!prev)
		return true;
	return a->closed_on && strcmp(a->closed_on, prev->held_on) > 0;
}

static int facts_load(struct store *st, const struct org *org, const char *held_on,
                      int64_t id, struct review_facts *f)
{
	const struct review *prev;
	int rc;

	memset(f, 0, sizeof(*f));
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = store_review_list(st, org->id, &f->reviews);
	if (!rc)
		rc = store_scope_get(st, org->id, &f->scope);
	if (!rc)
		rc = store_capa_list(st, org->id, &f->capas);
	if (!rc)
		rc = store_audit_list(st, org->id, &f->audits);
	prev = rc ? NULL : previous_review(&f->reviews, held_on, id);
	for (size_t i = 0; !rc && i < f->audits.n; i++) {
		struct audit a;

		if (!audit_completed_since(&f->audits.v[i], prev))
			continue;
		rc = store_audit_get(st, org->id, f->audits.v[i].id, &a);
		if (rc)
			break;
		f->completed = xreallocarray(f->completed, f->ncompleted + 1,
		                             sizeof(*f->completed));
		f->completed[f->ncompleted++] = a;
	}
	if (!rc)
		rc = store_risk_method_get(st, org->id, &f->method);
	if (!rc)
		rc = store_risk_list(st, org->id, &f->risks);
	if (!rc)
		rc = app_plan_get(st, org, &f->risks, &f->plan);
	return store_end(st, rc);
}

static json_t *previous_actions(const struct review_facts *f, const char *held_on,
                                int64_t id)
{
	json_t *a = json_array();

	for (size_t i = 0; i < f->reviews.n; i++) {
		const struct review *r = &f->reviews.v[i];

		if (!review_earlier(r, held_on, id))
			continue;
		for (size_t k = 0; k < r->noutputs; k++) {
			const struct review_output *o = &r->outputs[k];

			if (!o->action)
				continue;
			json_array_append_new(
			        a, json_pack("{s:I, s:s?, s:s?, s:s?, s:s}", "review",
			                     (json_int_t)r->id, "text", o->text, "owner",
			                     o->owner, "due_on", o->due_on, "status",
			                     o->done ? "done" : "open"));
		}
	}
	return a;
}

static json_t *changes(const struct review_facts *f, const struct input_texts *t)
{
	const char *statement = f->scope.statement;
	json_t *parties = json_array();

	for (size_t i = 0; i < f->scope.nifaces; i++) {
		const struct scope_iface *s = &f->scope.ifaces[i];

		json_array_append_new(
		        parties, json_pack("{s:s?, s:s?, s:s}", "name", s->name, "party",
		                           s->party, "kind", iface_kind_name(s->kind)));
	}
	return json_pack("{s:s?, s:o, s:s?}", "scope_statement",
	                 statement && *statement ? statement : NULL, "interested_parties",
	                 parties, "note", t->changes);
}

static json_t *nonconformities(const struct review_facts *f, const char *today)
{
	json_t *items = json_array();
	json_int_t open = 0, overdue = 0;

	for (size_t i = 0; i < f->capas.n; i++) {
		const struct capa *c = &f->capas.v[i];
		bool late = capa_overdue(c, today);

		open += c->status != CAPA_CLOSED;
		overdue += late;
		json_array_append_new(
		        items, json_pack("{s:I, s:s?, s:s, s:s, s:s?, s:b}", "id",
		                         (json_int_t)c->id, "ref", c->ref, "severity",
		                         audit_result_name(c->severity), "status",
		                         capa_status_name(c->status), "due_on", c->due_on,
		                         "overdue", late));
	}
	return json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)f->capas.n, "open",
	                 open, "overdue", overdue, "items", items);
}

static json_t *audits(const struct review_facts *f)
{
	json_t *a = json_array();

	for (size_t i = 0; i < f->ncompleted; i++) {
		const struct audit *au = &f->completed[i];
		struct audit_summary s;

		audit_summarise(au, &s);
		json_array_append_new(
		        a,
		        json_pack("{s:I, s:s?, s:s?, s:s, s:i, s:i, s:i, s:i, s:i, "
		                  "s:i, s:b, s:b}",
		                  "id", (json_int_t)au->id, "title", au->title, "end_on",
		                  au->end_on, "status", audit_status_name(au->status),
		                  "tests", s.tests, "conforming", s.conforming, "major",
		                  s.major, "minor", s.minor, "observation", s.observation,
		                  "ofi", s.ofi, "conforms", s.conforms, "effective",
		                  s.effective));
		audit_summary_release(&s);
	}
	return a;
}

static json_t *improvements(const struct review_facts *f)
{
	json_t *a = json_array();

	for (size_t i = 0; i < f->ncompleted; i++) {
		const struct audit *au = &f->completed[i];

		for (size_t k = 0; k < au->ntests; k++) {
			const struct audit_test *t = &au->tests[k];

			if (t->result != RESULT_OFI && t->result != RESULT_OBSERVATION)
				continue;
			json_array_append_new(a, json_pack("{s:I, s:s?, s:s, s:s?}",
			                                   "audit", (json_int_t)au->id,
			                                   "ref", t->ref, "result",
			                                   audit_result_name(t->result),
			                                   "note", t->note));
		}
	}
	return a;
}

static json_t *risks(const struct review_facts *f, const char *today)
{
	json_int_t by_level[RISK_LEVEL_MAX + 1] = { 0 };
	json_int_t unaccepted = 0, open = 0, overdue = 0;
	json_t *levels = json_object();

	for (size_t i = 0; i < f->risks.n; i++) {
		const struct risk *r = &f->risks.v[i];

		if (r->residual_level >= RISK_LOW && r->residual_level <= RISK_LEVEL_MAX)
			by_level[r->residual_level]++;
		if (risk_above_criteria(r, &f->method) && !r->accepted_by)
			unaccepted++;
		for (size_t k = 0; k < r->nactions; k++) {
			const struct treatment_action *t = &r->actions[k];

			if (t->status && !strcmp(t->status, "done"))
				continue;
			open++;
			if (t->due_on && strcmp(t->due_on, today) < 0)
				overdue++;
		}
	}
	for (int l = RISK_LOW; l <= RISK_LEVEL_MAX; l++)
		json_object_set_new(levels, risk_level_name(l),
		                    json_integer(by_level[l]));
	return json_pack("{s:I, s:o, s:I, s:b, s:b, s:I, s:I}", "total",
	                 (json_int_t)f->risks.n, "by_level", levels, "unaccepted",
	                 unaccepted, "plan_approved", f->plan.approved_by != NULL,
	                 "plan_changed", f->plan.changed, "actions_open", open,
	                 "actions_overdue", overdue);
}

/*
 * Prepare the inputs of the review held on `held_on` (id 0: a new one)
 * from the data as it stands, with the texts given; *out is the JSON.
 */
static int inputs_prepare(struct store *st, const struct org *org, const char *held_on,
                          int64_t id, const struct input_texts *t, char **out)
{
	struct review_facts f;
	char today[11];
	json_t *doc;
	int rc;

	*out = NULL;
	store_today(today);
	rc = facts_load(st, org, held_on, id, &f);
	if (rc) {
		facts_release(&f);
		return rc;
	}
	doc = json_pack("{s:s, s:o, s:o, s:o, s:s?, s:o, s:s?, s:s?, s:o, s:o}",
	                "prepared_on", today, "previous_actions",
	                previous_actions(&f, held_on, id), "changes", changes(&f, t),
	                "nonconformities", nonconformities(&f, today), "monitoring",
	                t->monitoring, "audits", audits(&f), "objectives", t->objectives,
	                "feedback", t->feedback, "risks", risks(&f, today),
	                "improvements", improvements(&f));
	facts_release(&f);
	if (doc)
		*out = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(doc);
	if (!*out)
		return error_set(E_INTERNAL, "could not write the inputs of the review");
	return 0;
}

/* ---- the review ---- */

#define REVIEW_TITLE_PREFIX "Management review "

static char *default_title(const char *held_on)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, REVIEW_TITLE_PREFIX "%s", held_on);
	return strbuf_detach(&sb, NULL);
}

/* "A, B" from a comma-separated list: each non-blank, each once. */
static int attendees_take(struct review *r, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	char **v = NULL;
	size_t n = 0, alloc = 0;
	int rc = app_split_list("attendee", s, TEXT_NAME_MAX, &v, &n, &alloc);

	if (!rc && !n)
		rc = error_set(E_INVALID, "a management review needs its attendees, "
		                          "separated by commas");
	for (size_t i = 0; !rc && i < n; i++)
		rc = strbuf_addf(&sb, "%s%s", i ? ", " : "", v[i]);
	if (!rc && sb.len > TEXT_LONG_MAX)
		rc = error_set(E_INVALID, "attendees is too long (%zu bytes; at most %d)",
		               sb.len, TEXT_LONG_MAX);
	if (!rc) {
		free(r->attendees);
		r->attendees = strbuf_detach(&sb, NULL);
	}
	strbuf_release(&sb);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return rc;
}

/* The fields of a review; NULL keeps one.  held_on is set before. */
static int review_apply(struct review *r, const struct review_update *u)
{
	char *old_default = r->held_on ? default_title(r->held_on) : NULL;
	int rc = 0;

	if (u->held_on) {
		rc = date_check("date", u->held_on);
		if (!rc) {
			free(r->held_on);
			r->held_on = xstrdup(u->held_on);
		}
	}
	if (!rc && u->title) {
		rc = text_check("title", u->title, TEXT_SHORT_MAX, TEXT_REQUIRED);
		if (!rc) {
			free(r->title);
			r->title = xstrdup(u->title);
		}
	} else if (!rc &&
	           (!r->title || (old_default && !strcmp(r->title, old_default)))) {
		/* A default title follows the date. */
		free(r->title);
		r->title = default_title(r->held_on);
	}
	if (!rc && u->chair) {
		rc = person_name_check(u->chair);
		if (rc)
			rc = error_wrap("chair");
		else {
			free(r->chair);
			r->chair = xstrdup(u->chair);
		}
	}
	if (!rc && u->attendees)
		rc = attendees_take(r, u->attendees);
	if (!rc)
		rc = app_take_text(&r->notes, u->notes, "notes", TEXT_LONG_MAX,
		                   TEXT_MULTILINE);
	free(old_default);
	return rc;
}

/* The review of this organisation, by id. */
static int review_get(struct store *st, const struct org *org, int64_t id,
                      struct review *out)
{
	int rc = store_review_get(st, org->id, id, out);

	if (rc == -E_NOTFOUND)
		rc = error_set(E_NOTFOUND,
		               "no management review %lld (see 'isms review list')",
		               (long long)id);
	return rc;
}

static int editable_check(const struct review *r)
{
	if (r->final)
		return error_set(E_CONFLICT,
		                 "management review %lld is final; its minutes no longer "
		                 "change",
		                 (long long)r->id);
	return 0;
}

int app_review_new(struct store *st, const struct org *org, const struct review_update *u,
                   struct review *out)
{
	struct review r = { 0 };
	struct input_texts t = { 0 };
	char today[11];
	int rc = 0;

	if (out)
		memset(out, 0, sizeof(*out));
	if (!u->chair)
		return error_set(E_USAGE, "a management review needs its chair (--chair "
		                          "NAME)");
	if (!u->attendees)
		return error_set(E_USAGE, "a management review needs its attendees "
		                          "(--attendees \"NAME, NAME\")");
	store_today(today);
	r.held_on = xstrdup(today);
	rc = review_apply(&r, u);
	if (!rc)
		rc = texts_take(&t, u);
	if (!rc)
		rc = store_begin(st);
	if (rc)
		goto out;
	rc = inputs_prepare(st, org, r.held_on, 0, &t, &r.inputs);
	if (!rc)
		rc = store_review_add(st, org->id, &r);
	rc = store_end(st, rc);
	if (!rc && out)
		rc = review_get(st, org, r.id, out);
out:
	texts_release(&t);
	review_release(&r);
	return rc;
}

int app_review_set(struct store *st, const struct org *org, int64_t id,
                   const struct review_update *u, struct review *out)
{
	struct review r;
	struct input_texts t = { 0 };
	int rc;

	if (out)
		memset(out, 0, sizeof(*out));
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = review_get(st, org, id, &r);
	if (rc)
		return store_end(st, rc);
	rc = editable_check(&r);
	if (!rc)
		rc = texts_load(&r, &t);
	if (!rc)
		rc = review_apply(&r, u);
	if (!rc)
		rc = texts_take(&t, u);
	if (!rc) {
		free(r.inputs);
		r.inputs = NULL;
		rc = inputs_prepare(st, org, r.held_on, r.id, &t, &r.inputs);
	}
	if (!rc)
		rc = store_review_update(st, org->id, &r);
	rc = store_end(st, rc);
	if (!rc && out)
		rc = review_get(st, org, id, out);
	texts_release(&t);
	review_release(&r);
	return rc;
}

int app_review_output(struct store *st, const struct org *org, int64_t id,
                      const char *text, const char *owner, const char *due_on,
                      struct review_output *out)
{
	struct review_output o = { 0 };
	struct review r;
	int rc;

	if (out)
		memset(out, 0, sizeof(*out));
	if (!text)
		return error_set(E_USAGE, "a decision or action needs its text");
	rc = text_check("text", text, TEXT_LONG_MAX, TEXT_REQUIRED | TEXT_MULTILINE);
	if (!rc && owner && person_name_check(owner))
		rc = error_wrap("owner");
	if (!rc && due_on && !owner)
		rc = error_set(E_USAGE, "a due date goes with an action, which needs its "
		                        "owner (--owner NAME)");
	if (!rc && due_on)
		rc = date_check("due date", due_on);
	if (rc)
		return rc;
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = review_get(st, org, id, &r);
	if (rc)
		return store_end(st, rc);
	rc = editable_check(&r);
	if (!rc) {
		o.action = owner != NULL;
		o.text = xstrdup(text);
		o.owner = xstrdup_or_null(owner);
		o.due_on = xstrdup_or_null(due_on);
		rc = store_review_output_put(st, r.id, &o);
	}
	review_release(&r);
	rc = store_end(st, rc);
	if (!rc && out) {
		*out = o;
	} else {
		free(o.text);
		free(o.owner);
		free(o.due_on);
	}
	return rc;
}

int app_review_action_done(struct store *st, const struct org *org, int64_t id,
                           int64_t output_id)
{
	struct review_output *o = NULL;
	struct review r;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = review_get(st, org, id, &r);
	if (rc)
		return store_end(st, rc);
	for (size_t i = 0; i < r.noutputs; i++)
		if (r.outputs[i].id == output_id)
			o = &r.outputs[i];
	if (!o)
		rc = error_set(E_NOTFOUND,
		               "management review %lld has no decision or action %lld "
		               "(see 'isms review show %lld')",
		               (long long)id, (long long)output_id, (long long)id);
	else if (!o->action)
		rc = error_set(E_INVALID,
		               "%lld of management review %lld is a decision, not an "
		               "action; only actions are done",
		               (long long)output_id, (long long)id);
	/* Also on a final review: the next review tracks its actions. */
	else if (!o->done) {
		o->done = true;
		rc = store_review_output_put(st, r.id, o);
	}
	review_release(&r);
	return store_end(st, rc);
}

int app_review_finalise(struct store *st, const struct org *org, int64_t id)
{
	struct review r;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = review_get(st, org, id, &r);
	if (rc)
		return store_end(st, rc);
	if (r.final) {
		rc = error_set(E_CONFLICT, "management review %lld is already final",
		               (long long)id);
	} else {
		r.final = true;
		rc = store_review_update(st, org->id, &r);
	}
	review_release(&r);
	return store_end(st, rc);
}
