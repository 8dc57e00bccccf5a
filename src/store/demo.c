/*
 * demo.c - a sample portfolio in the store: organisations with their scope,
 * evidence and one complete gap assessment each.
 *
 * The records of each organisation are few and go in row by row.  The
 * findings and the evidence links, nearly all of the rows, are each one
 * INSERT ... SELECT over the catalogue for every demo organisation at once.
 * What an item is found to be comes from a hash of the organisation's
 * number, the item's position and the seed, in integer SQL that both
 * backends evaluate alike: every product stays below 2^62.
 */
#include <string.h>

#include "core/error.h"
#include "store/driver.h"

/* The modulus of the hash: the Mersenne prime 2^31 - 1. */
#define P "2147483647"

/*
 * The demo organisations (parameters: prefix length + 1, seed, prefix
 * length, prefix), each with x, its number mixed with the seed.
 */
#define DEMO_ORGS                                                            \
	"(SELECT id, (CAST(substr(slug, ?) AS BIGINT) * 69069 + ?) % " P " " \
	"AS x FROM org WHERE substr(slug, 1, ?) = ?)"

/*
 * Every item of each demo organisation's assessment with h, its hash, and
 * lift, how far ahead the organisation is (0-49).
 */
#define DEMO_HASHED                                                  \
	"SELECT aid, iid, grp, clause, lift, "                       \
	"((x * x) % " P " * 48271 + x) % " P " AS h FROM ("          \
	"SELECT a.id AS aid, i.id AS iid, g.code AS grp, "           \
	"CASE WHEN g.kind = 'clause' THEN 1 ELSE 0 END AS clause, "  \
	"(o.x * o.x) % " P " % 50 AS lift, "                         \
	"(o.x + i.position * 16807) % " P " AS x "                   \
	"FROM " DEMO_ORGS " o JOIN assessment a ON a.org_id = o.id " \
	"JOIN catalog_item i ON i.framework_id = a.framework_id "    \
	"JOIN catalog_group g ON g.id = i.group_id) b"

/*
 * The status: a few controls not applicable; the rest conforming, partial
 * or nonconforming, clauses a little ahead of controls.
 */
#define DEMO_STATUS                                                               \
	"SELECT aid, iid, grp, h, CASE "                                          \
	"WHEN clause = 0 AND h % 100 < 4 THEN 'na' "                              \
	"WHEN h % 100 < 35 + lift + 10 * clause THEN 'conforming' "               \
	"WHEN h % 100 < 35 + lift + 10 * clause + (65 - lift - 10 * clause) * 2 " \
	"/ 3 THEN 'partial' "                                                     \
	"ELSE 'nonconforming' END AS status FROM (" DEMO_HASHED ") c"

#define FINDINGS_SQL                                                               \
	"INSERT INTO assessment_item (assessment_id, item_id, status, maturity, "  \
	"owner, notes, target_date, justification, updated_at) "                   \
	"SELECT aid, iid, status, CASE status "                                    \
	"WHEN 'conforming' THEN 3 + h / 100 % 3 "                                  \
	"WHEN 'partial' THEN 1 + h / 100 % 3 "                                     \
	"WHEN 'nonconforming' THEN h / 100 % 2 END, "                              \
	"CASE grp WHEN 'people' THEN 'HR Manager' "                                \
	"WHEN 'physical' THEN 'Facilities Manager' "                               \
	"WHEN 'technological' THEN CASE h / 1000 % 3 WHEN 0 THEN 'IT Manager' "    \
	"WHEN 1 THEN 'Head of Engineering' ELSE 'Security Engineer' END "          \
	"WHEN 'organizational' THEN CASE h / 1000 % 3 WHEN 0 THEN 'CISO' "         \
	"WHEN 1 THEN 'Compliance Officer' ELSE 'ISMS Manager' END "                \
	"ELSE CASE h / 1000 % 2 WHEN 0 THEN 'ISMS Manager' ELSE 'CISO' END END, "  \
	"CASE status WHEN 'partial' THEN ? WHEN 'nonconforming' THEN ? END, "      \
	"CASE status WHEN 'partial' THEN ? WHEN 'nonconforming' THEN ? END, "      \
	"CASE WHEN status = 'na' THEN CASE grp WHEN 'physical' THEN ? ELSE ? END " \
	"END, ? FROM (" DEMO_STATUS ") d"

#define ACTIONS_SQL                                                               \
	"INSERT INTO remediation_action (assessment_id, item_id, owner, due_on, " \
	"effort, status, updated_at) "                                            \
	"SELECT s.assessment_id, s.item_id, s.owner, s.target_date, "             \
	"CASE WHEN g.kind = 'clause' THEN 'M' WHEN i.position % 3 = 0 THEN 'S' "  \
	"WHEN i.position % 3 = 1 THEN 'M' ELSE 'L' END, "                         \
	"CASE WHEN s.maturity = 1 THEN 'in-progress' ELSE 'open' END, ? "         \
	"FROM " DEMO_ORGS " o JOIN assessment a ON a.org_id = o.id "              \
	"JOIN assessment_item s ON s.assessment_id = a.id "                       \
	"JOIN catalog_item i ON i.id = s.item_id "                                \
	"JOIN catalog_group g ON g.id = i.group_id WHERE s.status = 'nonconforming'"

/*
 * Each item links `links` of the organisation's `evidence` items: a window
 * over their order that moves with the item's position.
 */
#define LINKS_SQL                                                              \
	"INSERT INTO gap_evidence_link (assessment_id, item_id, evidence_id, " \
	"linked_at) SELECT a.id, i.id, e.id, ? "                               \
	"FROM " DEMO_ORGS " o JOIN assessment a ON a.org_id = o.id "           \
	"JOIN catalog_item i ON i.framework_id = a.framework_id "              \
	"JOIN (SELECT id, org_id, row_number() OVER (PARTITION BY org_id "     \
	"ORDER BY id) - 1 AS k FROM evidence) e ON e.org_id = o.id "           \
	"WHERE (e.k + i.position) % ? < ? ORDER BY a.id, i.id, e.id"

#define ORG_ARGS(f)                                                             \
	ARG_INT((int64_t)strlen((f)->prefix) + 1), ARG_INT((int64_t)(f)->seed), \
	        ARG_INT((int64_t)strlen((f)->prefix)), ARG_TEXT((f)->prefix)

int store_demo_count(struct store *st, const char *prefix, int64_t *out)
{
	int rc;

	*out = 0;
	rc = db_int(st, "SELECT count(*) FROM org WHERE substr(slug, 1, ?) = ?",
	            SQL_ARGS(ARG_INT((int64_t)strlen(prefix)), ARG_TEXT(prefix)), out);
	return rc < 0 ? rc : 0;
}

static int add_evidence(struct store *st, int64_t org_id, const struct evidence *e,
                        const char *now)
{
	return db_exec(st,
	               "INSERT INTO evidence (org_id, sha256, title, kind, filename, "
	               "collected_on, valid_until, added_at) VALUES (?, ?, ?, ?, ?, ?, "
	               "?, ?)",
	               SQL_ARGS(ARG_INT(org_id), ARG_TEXT(e->sha256), ARG_TEXT(e->title),
	                        ARG_TEXT(evidence_kind_name(e->kind)),
	                        ARG_TEXT(e->filename), ARG_TEXT(e->collected_on),
	                        ARG_TEXT(e->valid_until), ARG_TEXT(now)));
}

int store_demo_org(struct store *st, const struct demo_org *o)
{
	char now[32];
	int64_t org_id = 0, fw = 0;
	int rc;

	store_now(now);
	rc = store_begin(st);
	if (rc)
		return rc;
	rc = db_int(st, "SELECT id FROM framework WHERE code = ?",
	            SQL_ARGS(ARG_TEXT(o->framework)), &fw);
	if (rc == 0)
		rc = error_set(E_NOTFOUND, "no framework '%s' in the catalogue",
		               o->framework);
	if (rc > 0)
		rc = db_int(st,
		            "INSERT INTO org (slug, name, created_at) VALUES (?, ?, ?) "
		            "RETURNING id",
		            SQL_ARGS(ARG_TEXT(o->slug), ARG_TEXT(o->name), ARG_TEXT(now)),
		            &org_id);
	if (rc > 0)
		rc = db_exec(
		        st,
		        "INSERT INTO scope (org_id, statement, updated_at) "
		        "VALUES (?, ?, ?)",
		        SQL_ARGS(ARG_INT(org_id), ARG_TEXT(o->statement), ARG_TEXT(now)));
	for (size_t i = 0; rc >= 0 && i < o->nitems; i++) {
		const struct demo_scope_item *it = &o->items[i];

		rc = db_exec(st,
		             "INSERT INTO scope_item (org_id, kind, name, description, "
		             "in_scope, exclusion_reason) VALUES (?, ?, ?, ?, ?, ?)",
		             SQL_ARGS(ARG_INT(org_id),
		                      ARG_TEXT(scope_kind_name(it->kind)),
		                      ARG_TEXT(it->name), ARG_TEXT(it->description),
		                      ARG_BOOL(!it->reason), ARG_TEXT(it->reason)));
	}
	for (size_t i = 0; rc >= 0 && i < o->nifaces; i++) {
		const struct demo_iface *f = &o->ifaces[i];

		rc = db_exec(st,
		             "INSERT INTO scope_interface (org_id, kind, name, party, "
		             "description) VALUES (?, ?, ?, ?, ?)",
		             SQL_ARGS(ARG_INT(org_id), ARG_TEXT(iface_kind_name(f->kind)),
		                      ARG_TEXT(f->name), ARG_TEXT(f->party),
		                      ARG_TEXT(f->description)));
	}
	if (rc >= 0)
		rc = db_exec(
		        st,
		        "INSERT INTO assessment (org_id, framework_id, name, "
		        "assessed_on, assessor, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		        SQL_ARGS(ARG_INT(org_id), ARG_INT(fw), ARG_TEXT(o->assessment),
		                 ARG_TEXT(o->assessed_on), ARG_TEXT(o->assessor),
		                 ARG_TEXT(now)));
	for (size_t i = 0; rc >= 0 && i < o->nevidence; i++)
		rc = add_evidence(st, org_id, &o->evidence[i], now);
	return store_end(st, rc < 0 ? rc : 0);
}

/* Rows of the demo organisations' assessments in a table (parameters: ORG_ARGS). */
#define COUNT_SQL(table)                                                \
	"SELECT count(*) FROM " table " s JOIN assessment a ON a.id = " \
	"s.assessment_id JOIN " DEMO_ORGS " o ON o.id = a.org_id"

static int count_rows(struct store *st, const char *sql, const struct demo_fill *f,
                      int64_t *out)
{
	int rc = db_int(st, sql, SQL_ARGS(ORG_ARGS(f)), out);

	return rc < 0 ? rc : 0;
}

int store_demo_findings(struct store *st, const struct demo_fill *f, int64_t *rows)
{
	char now[32];
	int rc = store_begin(st);

	*rows = 0;
	if (rc)
		return rc;
	store_now(now);
	rc = db_exec(st, FINDINGS_SQL,
	             SQL_ARGS(ARG_TEXT(f->note[0]), ARG_TEXT(f->note[1]),
	                      ARG_TEXT(f->due[0]), ARG_TEXT(f->due[1]),
	                      ARG_TEXT(f->na_physical), ARG_TEXT(f->na_other),
	                      ARG_TEXT(now), ORG_ARGS(f)));
	if (!rc)
		rc = db_exec(st, ACTIONS_SQL, SQL_ARGS(ARG_TEXT(now), ORG_ARGS(f)));
	if (!rc)
		rc = count_rows(st, COUNT_SQL("assessment_item"), f, rows);
	return store_end(st, rc);
}

int store_demo_links(struct store *st, const struct demo_fill *f, int64_t *rows)
{
	char now[32];
	int rc = store_begin(st);

	*rows = 0;
	if (rc)
		return rc;
	store_now(now);
	rc = db_exec(st, LINKS_SQL,
	             SQL_ARGS(ARG_TEXT(now), ORG_ARGS(f), ARG_INT(f->evidence),
	                      ARG_INT(f->links)));
	if (!rc)
		rc = count_rows(st, COUNT_SQL("gap_evidence_link"), f, rows);
	return store_end(st, rc);
}
