/*
 * json-log.c - the JSON form of the change log and of what verify found.
 */
#include "view/log.h"

json_t *json_log_block(const struct store_log_block *b)
{
	return json_pack(
	        "{s:I, s:s, s:s, s:o, s:I, s:s, s:[]}", "block", (json_int_t)b->seq, "at",
	        b->at ? b->at : "", "actor", b->actor ? b->actor : "", "org",
	        b->org ? json_string(b->org) : json_null(), "entries",
	        (json_int_t)b->entries, "sha256", b->sha256 ? b->sha256 : "", "changes");
}

/* A logged image as the object it holds; null when none or unreadable. */
static json_t *image(const char *text)
{
	json_t *j = text ? json_loads(text, 0, NULL) : NULL;

	return j ? j : json_null();
}

json_t *json_log_entry(const struct store_log_entry *e)
{
	json_t *j = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)e->id, "table",
	                      e->table ? e->table : "", "op", e->op ? e->op : "", "key",
	                      e->key ? e->key : "");

	json_object_set_new(j, "before", image(e->before));
	json_object_set_new(j, "after", image(e->after));
	return j;
}

static json_t *problem_json(const struct verify_problem *p)
{
	json_t *o = json_pack("{s:s, s:s}", "kind", p->kind, "message", p->message);

	json_object_set_new(o, "table", p->table ? json_string(p->table) : json_null());
	json_object_set_new(o, "key", p->key ? json_string(p->key) : json_null());
	json_object_set_new(o, "block", p->block ? json_integer(p->block) : json_null());
	return o;
}

json_t *json_verify_report(const struct verify_report *r)
{
	json_t *problems = json_array();

	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(problems, problem_json(&r->v[i]));
	return json_pack(
	        "{s:b, s:I, s:I, s:I, s:I, s:s, s:I, s:o}", "ok", r->nproblems == 0,
	        "blocks", (json_int_t)r->counts.blocks, "entries",
	        (json_int_t)r->counts.entries, "records", (json_int_t)r->counts.records,
	        "blobs", (json_int_t)r->counts.blobs, "head", r->counts.head,
	        "problems_total", (json_int_t)r->nproblems, "problems", problems);
}
