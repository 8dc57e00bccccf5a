/*
 * org.h - organisations and their ISMS scope (clause 4.3).
 *
 * One store holds many organisations (a consultant's clients).  Each has a
 * scope statement, scope items (business processes, locations, technologies,
 * data types) that are in or out of scope, and the interfaces and
 * dependencies between its activities and those of other parties.
 *
 * Ownership: every char * in these structs is owned by the struct and freed
 * by its _release function.
 */
#ifndef ISMS_ORG_H
#define ISMS_ORG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct org {
	int64_t id;
	char *slug;
	char *name;
	char *created_at;
};

struct org_list {
	struct org *v;
	size_t n, alloc;
};

void org_release(struct org *org);
void org_list_release(struct org_list *list);
/* Check slug and name before the org is stored. */
int org_validate(const char *slug, const char *name);

enum scope_kind {
	SCOPE_PROCESS,
	SCOPE_LOCATION,
	SCOPE_TECHNOLOGY,
	SCOPE_DATA_TYPE,
	SCOPE__COUNT
};

/* "process", "location", "technology", "data-type" */
const char *scope_kind_name(enum scope_kind kind);
/* Plural heading for reports: "Business processes", ... */
const char *scope_kind_heading(enum scope_kind kind);
/* Accepts the names above and a plural "s" form; E_INVALID otherwise. */
int scope_kind_parse(const char *s, enum scope_kind *out);

struct scope_item {
	int64_t id;
	enum scope_kind kind;
	char *name;
	char *description;
	bool in_scope;
	char *exclusion_reason; /* NULL while in scope */
};

enum iface_kind { IFACE_INTERFACE, IFACE_DEPENDENCY, IFACE__COUNT };

const char *iface_kind_name(enum iface_kind kind);
int iface_kind_parse(const char *s, enum iface_kind *out);

/* An interface or dependency with another party (clause 4.3 c). */
struct scope_iface {
	int64_t id;
	enum iface_kind kind;
	char *name;
	char *party;
	char *description;
};

struct scope {
	char *statement;  /* "" when none has been written */
	char *updated_at; /* NULL when never set */
	struct scope_item *items;
	size_t nitems, alloc_items;
	struct scope_iface *ifaces;
	size_t nifaces, alloc_ifaces;
};

void scope_item_release(struct scope_item *item);
void scope_iface_release(struct scope_iface *iface);
void scope_release(struct scope *scope);

int scope_statement_validate(const char *statement);
int scope_item_validate(const char *name, const char *description);
/* An exclusion is only valid with a justification. */
int scope_exclusion_validate(const char *reason);
int scope_iface_validate(const char *name, const char *party, const char *description);

/* Counts for summaries: in[kind] and out[kind]. */
void scope_count(const struct scope *scope, size_t in[SCOPE__COUNT],
                 size_t out[SCOPE__COUNT]);

#endif
