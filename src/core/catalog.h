/*
 * catalog.h - frameworks and their catalogue items.
 *
 * A framework (ISO/IEC 27001:2022, later others) is data: groups (clauses,
 * themes, families), items (assessable requirements and controls) and
 * attribute vocabularies (e.g. the ISO/IEC 27002 control attributes).  New
 * frameworks arrive as data files, never as code.
 *
 * Ownership: every pointer in these structs is owned by the struct and is
 * freed by framework_release() / catalog_item_release().
 */
#ifndef ISMS_CATALOG_H
#define ISMS_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#define CATALOG_DEFAULT_FRAMEWORK "iso27001-2022"

/* Bounds applied to framework files, which may come from outside. */
#define CATALOG_MAX_ITEMS 5000
#define CATALOG_MAX_GROUPS 200
#define CATALOG_MAX_ATTR_TYPES 32
#define CATALOG_MAX_ATTR_VALUES 64
#define CATALOG_REF_MAX 32

struct attr_type {
	char *code;
	char *title;
	char **values;
	size_t nvalues, alloc_values;
};

struct catalog_group {
	char *code; /* "4", "organizational" */
	char *kind; /* "clause", "theme", "family", "category" */
	char *ref;  /* "A.5" or NULL */
	char *title;
	int64_t nitems; /* filled by the store; 0 in parsed files */
};

/* One attribute value of an item: type code and value code. */
struct item_attr {
	char *type;
	char *value;
};

struct catalog_item {
	int64_t id;
	char *framework;   /* framework code */
	char *ref;         /* "A.5.1", "9.2.2" */
	char *kind;        /* "clause", "control", "requirement" */
	char *group;       /* group code */
	char *group_kind;  /* kind of its group */
	char *group_title; /* title of its group */
	char *section;     /* parent heading, or NULL */
	char *title;
	char *description;
	struct item_attr *attrs;
	size_t nattrs, alloc_attrs;
};

struct catalog_item_list {
	struct catalog_item *v;
	size_t n, alloc;
};

struct framework {
	int64_t id;
	char *code; /* "iso27001-2022" */
	char *name;
	char *version;
	char *publisher;
	char *description;
	char sha256[65]; /* hex digest of the source file */
	struct attr_type *attr_types;
	size_t nattr_types, alloc_attr_types;
	struct catalog_group *groups;
	size_t ngroups, alloc_groups;
	struct catalog_item_list items;
};

struct framework_list {
	struct framework *v;
	size_t n, alloc;
};

/* Filter for listings; NULL fields match everything. */
struct catalog_filter {
	const char *framework;
	const char *group; /* group code, e.g. "organizational" or "9" */
	const char *kind;  /* "clause" or "control" */
	const char *ref;   /* exactly one item */
};

void catalog_item_release(struct catalog_item *item);
void catalog_item_list_release(struct catalog_item_list *list);
void framework_release(struct framework *fw);
void framework_list_release(struct framework_list *list);

/*
 * Check a parsed framework is complete and consistent: codes well formed,
 * refs unique, every item in a known group, every attribute value in its
 * vocabulary.  The error names the offending item.
 */
int framework_validate(const struct framework *fw);

/* Known kinds; the store holds text so new kinds are data. */
int catalog_item_kind_valid(const char *kind);
int catalog_group_kind_valid(const char *kind);

/* Find a group / item by code / ref, or NULL. */
const struct catalog_group *framework_group(const struct framework *fw, const char *code);
const struct catalog_item *framework_item(const struct framework *fw, const char *ref);

/*
 * Normalise a user-typed reference: trims blanks, upper-cases a leading
 * "a" and drops a "Clause " prefix, so "a.5.1" finds "A.5.1".  Returns a new
 * string.
 */
char *catalog_ref_normalise(const char *ref);

#endif
