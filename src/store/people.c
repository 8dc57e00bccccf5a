/*
 * people.c - the people of an organisation in the store: their
 * competence records and responsibilities, and every responsibility the
 * store knows of, for the independence of auditors.
 *
 * Names are found case-insensitively (lower() on both sides), as
 * person_same() compares them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/xalloc.h"
#include "store/driver.h"

/* The id of a person by name; E_NOTFOUND naming them. */
static int person_id(struct store *st, int64_t org_id, const char *name, int64_t *id)
{
	int rc = db_int(st,
	                "SELECT id FROM person WHERE org_id = ? AND lower(name) = "
	                "lower(?) ORDER BY id LIMIT 1",
	                SQL_ARGS(ARG_INT(org_id), ARG_TEXT(name)), id);

	if (rc == 0)
		return error_set(E_NOTFOUND, "no person '%s' (see 'isms person list')",
		                 name);
	return rc < 0 ? rc : 0;
}

static struct person *person_by_id(struct person_list *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return &l->v[i];
	return NULL;
}

/* Filter of the queries below: every person (name "") or one by name. */
#define PERSON_WHERE "p.org_id = ? AND (? = '' OR lower(p.name) = lower(?))"
#define PERSON_ARGS(org_id, name) ARG_INT(org_id), ARG_TEXT(name), ARG_TEXT(name)

static void competence_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct person *p = person_by_id(ctx, st->ops->integer(rows, 0));
	struct competence *c;

	if (!p)
		return;
	ALLOC_GROW(p->competence, p->ncompetence + 1, p->alloc_competence);
	c = &p->competence[p->ncompetence++];
	memset(c, 0, sizeof(*c));
	c->id = st->ops->integer(rows, 1);
	competence_kind_parse(st->ops->text(rows, 2), &c->kind);
	c->title = db_strdup(st, rows, 3);
	c->obtained_on = db_strdup(st, rows, 4);
	c->expires_on = db_strdup(st, rows, 5);
	c->evidence = db_strdup(st, rows, 6);
	c->note = db_strdup(st, rows, 7);
}

static void owns_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct person *p = person_by_id(ctx, st->ops->integer(rows, 0));
	enum resp_role role = ROLE_OWNS;

	if (!p)
		return;
	resp_role_parse(st->ops->text(rows, 2), &role);
	responsibility_add(&p->owns, p->name, st->ops->text(rows, 1), role,
	                   "person record");
}

static void person_row(struct store *st, struct db_rows *rows, void *ctx)
{
	struct person_list *out = ctx;
	struct person *p;

	ALLOC_GROW(out->v, out->n + 1, out->alloc);
	p = &out->v[out->n++];
	memset(p, 0, sizeof(*p));
	p->id = st->ops->integer(rows, 0);
	p->name = db_strdup(st, rows, 1);
	p->email = db_strdup(st, rows, 2);
	p->created_at = db_strdup(st, rows, 3);
	p->user = db_strdup(st, rows, 4);
}

/* Every person of the organisation (name NULL) or the one named. */
static int people_load(struct store *st, int64_t org_id, const char *name,
                       struct person_list *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	name = name ? name : "";
	rc = db_each(st,
	             "SELECT p.id, p.name, p.email, p.created_at, u.name FROM person p "
	             "LEFT JOIN app_user u ON u.id = p.user_id "
	             "WHERE " PERSON_WHERE " ORDER BY lower(p.name), p.name, p.id",
	             SQL_ARGS(PERSON_ARGS(org_id, name)), person_row, out);
	if (!rc && out->n)
		rc = db_each(st,
		             "SELECT c.person_id, c.id, c.kind, c.title, c.obtained_on, "
		             "c.expires_on, e.sha256, c.note FROM competence c "
		             "JOIN person p ON p.id = c.person_id "
		             "LEFT JOIN evidence e ON e.id = c.evidence_id "
		             "WHERE " PERSON_WHERE " ORDER BY c.added_at, c.id",
		             SQL_ARGS(PERSON_ARGS(org_id, name)), competence_row, out);
	if (!rc && out->n)
		rc = db_each(st,
		             "SELECT r.person_id, r.ref, r.role FROM responsibility r "
		             "JOIN person p ON p.id = r.person_id "
		             "WHERE " PERSON_WHERE " ORDER BY r.ref, r.role",
		             SQL_ARGS(PERSON_ARGS(org_id, name)), owns_row, out);
	if (rc)
		person_list_release(out);
	return rc;
}

int store_person_list(struct store *st, int64_t org_id, struct person_list *out)
{
	return people_load(st, org_id, NULL, out);
}

int store_person_get(struct store *st, int64_t org_id, const char *name,
                     struct person *out)
{
	struct person_list l;
	int rc;

	memset(out, 0, sizeof(*out));
	/* An empty name would select everyone. */
	if (!name || !*name)
		return error_set(E_NOTFOUND, "no person '' (see 'isms person list')");
	rc = people_load(st, org_id, name, &l);
	if (rc)
		return rc;
	if (!l.n) {
		rc = error_set(E_NOTFOUND, "no person '%s' (see 'isms person list')",
		               name);
	} else {
		/* Names that differ only in case: the first is the one. */
		*out = l.v[0];
		memset(&l.v[0], 0, sizeof(l.v[0]));
	}
	person_list_release(&l);
	return rc;
}

int store_person_add(struct store *st, int64_t org_id, const char *name,
                     const char *email, struct person *out)
{
	char now[32];
	int64_t id = 0;
	int rc;

	if (out)
		memset(out, 0, sizeof(*out));
	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st,
	            "SELECT id FROM person WHERE org_id = ? AND lower(name) = lower(?)",
	            SQL_ARGS(ARG_INT(org_id), ARG_TEXT(name)), &id);
	if (rc == 0)
		rc = db_int(st,
		            "INSERT INTO person (org_id, name, email, created_at) "
		            "VALUES (?, ?, ?, ?) RETURNING id",
		            SQL_ARGS(ARG_INT(org_id), ARG_TEXT(name), ARG_TEXT(email),
		                     ARG_TEXT(now)),
		            &id);
	else if (rc > 0)
		rc = -E_EXISTS;
	/* Found by the check, or by the unique key when another won a race. */
	if (rc == -E_EXISTS)
		rc = error_set(E_EXISTS, "a person named '%s' already exists", name);
	if (rc > 0 && out)
		rc = store_person_get(st, org_id, name, out);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_person_set_email(struct store *st, int64_t org_id, const char *name,
                           const char *email)
{
	int64_t id = 0;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = person_id(st, org_id, name, &id);
	if (!rc)
		rc = db_exec(st, "UPDATE person SET email = ? WHERE id = ?",
		             SQL_ARGS(ARG_TEXT(email), ARG_INT(id)));
	return store_end(st, rc);
}

/* The name of the person of the organisation linked to a user, other than `except`. */
static int linked_person(struct store *st, int64_t org_id, int64_t user_id,
                         int64_t except, char **name)
{
	struct db_rows *rows;
	int rc = st->ops->query(
	        st,
	        "SELECT name FROM person WHERE org_id = ? AND user_id = ? "
	        "AND id <> ? ORDER BY id LIMIT 1",
	        SQL_ARGS(ARG_INT(org_id), ARG_INT(user_id), ARG_INT(except)), &rows);

	*name = NULL;
	if (rc)
		return rc;
	rc = st->ops->next(rows);
	if (rc > 0)
		*name = db_strdup(st, rows, 0);
	st->ops->done(rows);
	return rc < 0 ? rc : 0;
}

int store_person_set_user(struct store *st, int64_t org_id, const char *name,
                          const struct user *u)
{
	char *other = NULL;
	int64_t id = 0;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = person_id(st, org_id, name, &id);
	if (!rc && u)
		rc = linked_person(st, org_id, u->id, id, &other);
	if (!rc && other)
		rc = error_set(E_CONFLICT,
		               "user '%s' is already linked to '%s' in this "
		               "organisation; a user is one person (unlink them with "
		               "'isms person set %s --user none')",
		               u->name, other, other);
	if (!rc)
		rc = db_exec(st, "UPDATE person SET user_id = ? WHERE id = ?",
		             SQL_ARGS(ARG_ID(u ? u->id : 0), ARG_INT(id)));
	free(other);
	return store_end(st, rc);
}

int store_person_of_user(struct store *st, int64_t org_id, int64_t user_id,
                         struct person *out)
{
	char *name = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = linked_person(st, org_id, user_id, 0, &name);
	if (!rc && !name)
		rc = error_set(E_NOTFOUND, "no person of this organisation is linked to "
		                           "the user");
	if (!rc)
		rc = store_person_get(st, org_id, name, out);
	free(name);
	return store_end(st, rc);
}

int store_person_remove(struct store *st, int64_t org_id, const char *name)
{
	int64_t id = 0, audits = 0;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = person_id(st, org_id, name, &id);
	if (!rc)
		rc = db_int(st, "SELECT count(*) FROM audit_member WHERE person_id = ?",
		            SQL_ARGS(ARG_INT(id)), &audits);
	if (rc >= 0 && audits)
		rc = error_set(E_CONFLICT,
		               "'%s' is on the team of %lld audit%s; remove them "
		               "with 'isms audit unassign' first",
		               name, (long long)audits, audits == 1 ? "" : "s");
	if (rc >= 0)
		rc = db_exec(st, "DELETE FROM person WHERE id = ?",
		             SQL_ARGS(ARG_INT(id)));
	return store_end(st, rc < 0 ? rc : 0);
}

int store_competence_add(struct store *st, int64_t org_id, int64_t person_id,
                         struct competence *c)
{
	char now[32];
	int64_t ev = 0, n = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st, "SELECT count(*) FROM person WHERE org_id = ? AND id = ?",
	            SQL_ARGS(ARG_INT(org_id), ARG_INT(person_id)), &n);
	if (rc >= 0 && !n)
		rc = error_set(E_NOTFOUND, "no person %lld in this organisation",
		               (long long)person_id);
	if (rc >= 0 && c->evidence) {
		struct evidence e;

		rc = store_evidence_get(st, org_id, c->evidence, &e);
		ev = e.id;
		evidence_release(&e);
	}
	if (rc >= 0)
		rc = db_int(
		        st,
		        "INSERT INTO competence (person_id, kind, title, obtained_on, "
		        "expires_on, evidence_id, note, added_at) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
		        SQL_ARGS(ARG_INT(person_id),
		                 ARG_TEXT(competence_kind_name(c->kind)),
		                 ARG_TEXT(c->title), ARG_TEXT(c->obtained_on),
		                 ARG_TEXT(c->expires_on), ARG_ID(ev), ARG_TEXT(c->note),
		                 ARG_TEXT(now)),
		        &c->id);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_competence_remove(struct store *st, int64_t person_id, int64_t id)
{
	int64_t gone = 0;
	int rc = store_begin(st);

	if (rc)
		return rc;
	rc = db_int(st,
	            "DELETE FROM competence WHERE person_id = ? AND id = ? RETURNING id",
	            SQL_ARGS(ARG_INT(person_id), ARG_INT(id)), &gone);
	if (rc == 0)
		rc = error_set(E_NOTFOUND,
		               "no competence record %lld of this person (see 'isms "
		               "person show')",
		               (long long)id);
	return store_end(st, rc < 0 ? rc : 0);
}

int store_responsibility_set(struct store *st, int64_t person_id, const char *ref,
                             enum resp_role role, bool add, bool *changed)
{
	char now[32];
	int64_t got = 0;
	int rc;

	store_now(now);
	*changed = false;
	rc = store_begin(st);
	if (rc)
		return rc;
	if (add)
		rc = db_int(
		        st,
		        "INSERT INTO responsibility (person_id, ref, role, added_at) "
		        "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING person_id",
		        SQL_ARGS(ARG_INT(person_id), ARG_TEXT(ref),
		                 ARG_TEXT(resp_role_name(role)), ARG_TEXT(now)),
		        &got);
	else
		rc = db_int(st,
		            "DELETE FROM responsibility WHERE person_id = ? AND ref = ? "
		            "AND role = ? RETURNING person_id",
		            SQL_ARGS(ARG_INT(person_id), ARG_TEXT(ref),
		                     ARG_TEXT(resp_role_name(role))),
		            &got);
	*changed = rc > 0;
	return store_end(st, rc < 0 ? rc : 0);
}

/*
 * Every source of responsibilities in one statement: person, ref, role,
 * source.  The newest gap assessment is the one store_assessment_get()
 * gives for id 0.  Blank owners are no one.
 */
#define NEWEST_ASSESSMENT                                    \
	"(SELECT n.id FROM assessment n WHERE n.org_id = ? " \
	"ORDER BY n.assessed_on DESC, n.id DESC LIMIT 1) "

static const char responsibilities_sql[] =
        "SELECT p.name AS person, r.ref AS ref, r.role AS role, "
        "'person record' AS source FROM responsibility r "
        "JOIN person p ON p.id = r.person_id WHERE p.org_id = ? "
        "UNION ALL "
        "SELECT ai.owner, i.ref, 'owns', 'gap assessment' FROM assessment_item ai "
        "JOIN catalog_item i ON i.id = ai.item_id "
        "WHERE ai.assessment_id = " NEWEST_ASSESSMENT
        "AND ai.owner IS NOT NULL AND trim(ai.owner) <> '' "
        "UNION ALL "
        "SELECT ra.owner, i.ref, 'operates', 'remediation action' "
        "FROM remediation_action ra JOIN catalog_item i ON i.id = ra.item_id "
        "WHERE ra.assessment_id = " NEWEST_ASSESSMENT
        "AND ra.owner IS NOT NULL AND trim(ra.owner) <> '' "
        "UNION ALL "
        "SELECT k.owner, rc.ref, 'owns', 'risk R' || CAST(k.id AS TEXT) "
        "FROM risk k JOIN risk_control rc ON rc.risk_id = k.id "
        "WHERE k.org_id = ? AND k.owner IS NOT NULL AND trim(k.owner) <> '' "
        "UNION ALL "
        "SELECT t.owner, t.ref, 'operates', 'treatment action ' || "
        "CAST(t.id AS TEXT) FROM treatment_action t "
        "JOIN risk k ON k.id = t.risk_id WHERE k.org_id = ? "
        "AND t.owner IS NOT NULL AND trim(t.owner) <> '' "
        "AND t.ref IS NOT NULL AND trim(t.ref) <> '' "
        "UNION ALL "
        "SELECT a.owner, 'asset:' || a.name, 'owns', 'asset' FROM asset a "
        "WHERE a.org_id = ? AND a.owner IS NOT NULL AND trim(a.owner) <> '' "
        "ORDER BY ref, person, role, source";

static void responsibility_row(struct store *st, struct db_rows *rows, void *ctx)
{
	enum resp_role role = ROLE_OWNS;

	resp_role_parse(st->ops->text(rows, 2), &role);
	responsibility_add(ctx, st->ops->text(rows, 0), st->ops->text(rows, 1), role,
	                   st->ops->text(rows, 3));
}

int store_responsibilities(struct store *st, int64_t org_id,
                           struct responsibility_list *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_begin_read(st);
	if (rc)
		return rc;
	rc = db_each(st, responsibilities_sql,
	             SQL_ARGS(ARG_INT(org_id), ARG_INT(org_id), ARG_INT(org_id),
	                      ARG_INT(org_id), ARG_INT(org_id), ARG_INT(org_id)),
	             responsibility_row, out);
	if (rc)
		responsibility_list_release(out);
	return store_end(st, rc);
}
