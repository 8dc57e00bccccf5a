/*
 * json-cert.c - the JSON form of the certification record, its cycle,
 * the lifecycle status, the readiness gates and the compliance calendar.
 *
 * Keys are the struct fields in snake_case; a NULL or empty string (the
 * fixed date arrays hold "" for "no date") is null.  Each function
 * returns a new reference.
 */
#include "view/cert.h"

/* json_string() refuses invalid UTF-8; stored text is validated, but a
 * NULL here would silently drop a field, so fall back to null. */
static json_t *str_or_null(const char *s)
{
	json_t *j = s ? json_string(s) : NULL;

	return j ? j : json_null();
}

/* A date kept in a fixed array, or a title: "" means none. */
static json_t *nonempty_or_null(const char *d)
{
	return d && *d ? str_or_null(d) : json_null();
}

static json_t *json_step(enum cert_step s)
{
	json_t *o = json_object();

	json_object_set_new(o, "number", json_integer((json_int_t)s + 1));
	json_object_set_new(o, "name", json_string(cert_step_name(s)));
	json_object_set_new(o, "title", json_string(cert_step_title(s)));
	return o;
}

json_t *json_cert_cycle(const struct cert_cycle *cy)
{
	json_t *o = json_object(), *derived = json_array();

	json_object_set_new(o, "base", nonempty_or_null(cy->base));
	json_object_set_new(o, "expires_on", nonempty_or_null(cy->expires_on));
	json_object_set_new(o, "surveillance1_on",
	                    nonempty_or_null(cy->surveillance1_on));
	json_object_set_new(o, "surveillance2_on",
	                    nonempty_or_null(cy->surveillance2_on));
	json_object_set_new(o, "recertification_on",
	                    nonempty_or_null(cy->recertification_on));
	/* Only a date that exists can have been derived. */
	if (cy->derived_expiry && *cy->expires_on)
		json_array_append_new(derived, json_string("expires_on"));
	if (cy->derived_s1 && *cy->surveillance1_on)
		json_array_append_new(derived, json_string("surveillance1_on"));
	if (cy->derived_s2 && *cy->surveillance2_on)
		json_array_append_new(derived, json_string("surveillance2_on"));
	if (cy->derived_recert && *cy->recertification_on)
		json_array_append_new(derived, json_string("recertification_on"));
	json_object_set_new(o, "derived", derived);
	return o;
}

json_t *json_certification(const struct certification *c, const struct cert_cycle *cycle)
{
	json_t *o = json_object();

	json_object_set_new(o, "body", str_or_null(c->body));
	json_object_set_new(o, "number", str_or_null(c->number));
	json_object_set_new(o, "stage1_on", str_or_null(c->stage1_on));
	json_object_set_new(o, "stage2_on", str_or_null(c->stage2_on));
	json_object_set_new(o, "golive_on", str_or_null(c->golive_on));
	json_object_set_new(o, "issued_on", str_or_null(c->issued_on));
	json_object_set_new(o, "expires_on", str_or_null(c->expires_on));
	json_object_set_new(o, "surveillance1_on", str_or_null(c->surveillance1_on));
	json_object_set_new(o, "surveillance2_on", str_or_null(c->surveillance2_on));
	json_object_set_new(o, "recertification_on", str_or_null(c->recertification_on));
	json_object_set_new(o, "updated_at", str_or_null(c->updated_at));
	json_object_set_new(o, "cycle", cycle ? json_cert_cycle(cycle) : json_null());
	return o;
}

json_t *json_cert_status(const struct cert_status *s, const char *today)
{
	json_t *o = json_object(), *next = json_array();

	for (size_t i = 0; i < s->nnext; i++) {
		const struct cert_next *n = &s->next[i];
		json_t *j = json_object();

		json_object_set_new(j, "step", json_step(n->step));
		json_object_set_new(j, "what", str_or_null(n->what));
		json_object_set_new(j, "due", nonempty_or_null(n->due));
		json_object_set_new(j, "overdue", json_boolean(n->overdue));
		json_array_append_new(next, j);
	}
	json_object_set_new(o, "today", nonempty_or_null(today));
	json_object_set_new(o, "step", json_step(s->step));
	json_object_set_new(o, "why", str_or_null(s->why));
	json_object_set_new(o, "certified", json_boolean(s->certified));
	json_object_set_new(o, "next", next);
	json_object_set_new(o, "cycle", json_cert_cycle(&s->cycle));
	return o;
}

json_t *json_cert_readiness(const struct cert_readiness *r)
{
	json_t *o = json_object(), *gates = json_array();

	for (size_t i = 0; i < r->n; i++) {
		const struct cert_gate *g = &r->v[i];
		json_t *j = json_object();

		json_object_set_new(j, "name", str_or_null(g->name));
		json_object_set_new(j, "passed", json_boolean(g->passed));
		json_object_set_new(j, "reason", str_or_null(g->reason));
		json_object_set_new(j, "fix", str_or_null(g->fix));
		json_array_append_new(gates, j);
	}
	json_object_set_new(o, "stage", json_integer(r->stage));
	json_object_set_new(o, "on", nonempty_or_null(r->on));
	json_object_set_new(o, "judged_on", nonempty_or_null(r->judged_on));
	json_object_set_new(o, "ready", json_boolean(r->ready));
	json_object_set_new(o, "gates", gates);
	return o;
}

/* cal_window()'s answer as a name scripts can match on. */
static const char *window_name(int w)
{
	switch (w) {
	case -1:
		return "overdue";
	case 0:
		return "past";
	case 30:
		return "30";
	case 60:
		return "60";
	case 90:
		return "90";
	default:
		return "later";
	}
}

json_t *json_cal_event(const struct cal_event *e, const char *org_slug, const char *today)
{
	struct strbuf uid = STRBUF_INIT, summary = STRBUF_INIT;
	json_t *o = json_object();

	cal_uid(e, org_slug, &uid);
	cal_summary(e, &summary);
	json_object_set_new(o, "uid", str_or_null(uid.buf));
	json_object_set_new(o, "kind", json_string(cal_kind_name(e->kind)));
	json_object_set_new(o, "date", nonempty_or_null(e->date));
	json_object_set_new(o, "end", nonempty_or_null(e->end));
	json_object_set_new(o, "summary", str_or_null(summary.buf));
	json_object_set_new(o, "title", nonempty_or_null(e->title));
	json_object_set_new(o, "owner", str_or_null(e->owner));
	json_object_set_new(o, "done", json_boolean(e->done));
	json_object_set_new(o, "overdue", json_boolean(cal_overdue(e, today)));
	json_object_set_new(o, "window", json_string(window_name(cal_window(e, today))));
	strbuf_release(&uid);
	strbuf_release(&summary);
	return o;
}

json_t *json_calendar(const struct cal_list *l, const char *org_slug, const char *today,
                      const char *from, const char *to)
{
	json_t *o = json_object(), *events = json_array();

	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(events, json_cal_event(&l->v[i], org_slug, today));
	json_object_set_new(o, "today", nonempty_or_null(today));
	json_object_set_new(o, "from", nonempty_or_null(from));
	json_object_set_new(o, "to", nonempty_or_null(to));
	json_object_set_new(o, "events", events);
	return o;
}
