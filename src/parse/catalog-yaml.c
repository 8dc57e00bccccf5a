/*
 * catalog-yaml.c - reading framework catalogue files with libyaml.
 *
 * The file is loaded as a YAML document tree and walked along the fixed
 * shape of the format; the walk never follows a node deeper than that
 * shape, so aliases cannot make it loop or explode.
 */
#include "parse/catalog-yaml.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "core/error.h"
#include "core/hash.h"
#include "core/xalloc.h"

struct ctx {
	const char *name;
	yaml_document_t doc;
};

static int bad(struct ctx *c, const yaml_node_t *node, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int bad(struct ctx *c, const yaml_node_t *node, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (node)
		return error_set(E_INVALID, "%s:%zu: %s", c->name,
		                 (size_t)node->start_mark.line + 1, msg);
	return error_set(E_INVALID, "%s: %s", c->name, msg);
}

static yaml_node_t *node_at(struct ctx *c, int index)
{
	return yaml_document_get_node(&c->doc, index);
}

static const char *scalar(const yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

/* A scalar that must not hold NUL bytes (they would cut C strings short). */
static int get_string(struct ctx *c, yaml_node_t *n, const char *key, char **out)
{
	const char *s = scalar(n);

	if (!s)
		return bad(c, n, "'%s' must be a single text value", key);
	if (strlen(s) != n->data.scalar.length)
		return bad(c, n, "'%s' contains a NUL byte", key);
	*out = xstrdup(s);
	return 0;
}

typedef int (*field_fn)(struct ctx *c, const char *key, yaml_node_t *val, void *target);

/* Walk a mapping, handing each key/value pair to fn. */
static int each_pair(struct ctx *c, yaml_node_t *map, const char *what, field_fn fn,
                     void *target)
{
	yaml_node_pair_t *p;

	if (!map || map->type != YAML_MAPPING_NODE)
		return bad(c, map, "%s must be a mapping of keys to values", what);
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(c, p->key);
		const char *key = scalar(k);
		int rc;

		if (!key)
			return bad(c, k, "keys of %s must be plain text", what);
		rc = fn(c, key, node_at(c, p->value), target);
		if (rc)
			return rc;
	}
	return 0;
}

static int unknown_key(struct ctx *c, const char *key, yaml_node_t *val, const char *what)
{
	return bad(c, val, "unknown key '%s' in %s", key, what);
}

static int seq_check(struct ctx *c, yaml_node_t *n, const char *what, size_t max)
{
	size_t count;

	if (!n || n->type != YAML_SEQUENCE_NODE)
		return bad(c, n, "'%s' must be a list", what);
	count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	if (count > max)
		return bad(c, n, "'%s' has %zu entries; at most %zu are allowed", what,
		           count, max);
	return 0;
}

/* ---- framework: header ---- */

static int header_field(struct ctx *c, const char *key, yaml_node_t *val, void *t)
{
	struct framework *fw = t;
	char **slot = NULL;

	if (!strcmp(key, "id"))
		slot = &fw->code;
	else if (!strcmp(key, "name"))
		slot = &fw->name;
	else if (!strcmp(key, "version"))
		slot = &fw->version;
	else if (!strcmp(key, "publisher"))
		slot = &fw->publisher;
	else if (!strcmp(key, "description"))
		slot = &fw->description;
	else
		return unknown_key(c, key, val, "framework");
	if (*slot)
		return bad(c, val, "'%s' is given twice", key);
	return get_string(c, val, key, slot);
}

/* ---- attributes: vocabularies ---- */

static int attr_type_field(struct ctx *c, const char *key, yaml_node_t *val, void *t)
{
	struct attr_type *at = t;
	yaml_node_item_t *i;
	int rc;

	if (!strcmp(key, "id") && !at->code)
		return get_string(c, val, key, &at->code);
	if (!strcmp(key, "title") && !at->title)
		return get_string(c, val, key, &at->title);
	if (strcmp(key, "values"))
		return unknown_key(c, key, val, "an attribute");
	if (at->values)
		return bad(c, val, "'values' is given twice");
	rc = seq_check(c, val, "values", CATALOG_MAX_ATTR_VALUES);
	for (i = val->data.sequence.items.start; !rc && i < val->data.sequence.items.top;
	     i++) {
		ALLOC_GROW(at->values, at->nvalues + 1, at->alloc_values);
		rc = get_string(c, node_at(c, *i), "values", &at->values[at->nvalues]);
		if (!rc)
			at->nvalues++;
	}
	return rc;
}

static int parse_attr_types(struct ctx *c, yaml_node_t *seq, struct framework *fw)
{
	yaml_node_item_t *i;
	int rc = seq_check(c, seq, "attributes", CATALOG_MAX_ATTR_TYPES);

	for (i = seq ? seq->data.sequence.items.start : NULL;
	     !rc && i < seq->data.sequence.items.top; i++) {
		yaml_node_t *n = node_at(c, *i);
		struct attr_type *at;

		ALLOC_GROW(fw->attr_types, fw->nattr_types + 1, fw->alloc_attr_types);
		at = &fw->attr_types[fw->nattr_types++];
		memset(at, 0, sizeof(*at));
		rc = each_pair(c, n, "an attribute", attr_type_field, at);
		if (!rc && (!at->code || !at->title || !at->values))
			rc = bad(c, n, "an attribute needs 'id', 'title' and 'values'");
	}
	return rc;
}

/* ---- groups ---- */

static int group_field(struct ctx *c, const char *key, yaml_node_t *val, void *t)
{
	struct catalog_group *g = t;
	char **slot = NULL;

	if (!strcmp(key, "id"))
		slot = &g->code;
	else if (!strcmp(key, "kind"))
		slot = &g->kind;
	else if (!strcmp(key, "ref"))
		slot = &g->ref;
	else if (!strcmp(key, "title"))
		slot = &g->title;
	else
		return unknown_key(c, key, val, "a group");
	if (*slot)
		return bad(c, val, "'%s' is given twice", key);
	return get_string(c, val, key, slot);
}

static int parse_groups(struct ctx *c, yaml_node_t *seq, struct framework *fw)
{
	yaml_node_item_t *i;
	int rc = seq_check(c, seq, "groups", CATALOG_MAX_GROUPS);

	for (i = seq ? seq->data.sequence.items.start : NULL;
	     !rc && i < seq->data.sequence.items.top; i++) {
		yaml_node_t *n = node_at(c, *i);
		struct catalog_group *g;

		ALLOC_GROW(fw->groups, fw->ngroups + 1, fw->alloc_groups);
		g = &fw->groups[fw->ngroups++];
		memset(g, 0, sizeof(*g));
		rc = each_pair(c, n, "a group", group_field, g);
		if (!rc && (!g->code || !g->kind || !g->title))
			rc = bad(c, n, "a group needs 'id', 'kind' and 'title'");
	}
	return rc;
}

/* ---- items ---- */

static int item_attr_field(struct ctx *c, const char *key, yaml_node_t *val, void *t)
{
	struct catalog_item *it = t;
	yaml_node_item_t *i;
	int rc = seq_check(c, val, key, CATALOG_MAX_ATTR_VALUES);

	if (!rc && val->data.sequence.items.top == val->data.sequence.items.start)
		rc = bad(c, val, "attribute '%s' lists no values", key);
	for (i = rc ? NULL : val->data.sequence.items.start;
	     !rc && i < val->data.sequence.items.top; i++) {
		char *value = NULL;

		if (it->nattrs >=
		    (size_t)CATALOG_MAX_ATTR_TYPES * CATALOG_MAX_ATTR_VALUES)
			return bad(c, val, "too many attribute values");
		rc = get_string(c, node_at(c, *i), key, &value);
		if (rc)
			break;
		ALLOC_GROW(it->attrs, it->nattrs + 1, it->alloc_attrs);
		it->attrs[it->nattrs].type = xstrdup(key);
		it->attrs[it->nattrs].value = value;
		it->nattrs++;
	}
	return rc;
}

static int item_field(struct ctx *c, const char *key, yaml_node_t *val, void *t)
{
	struct catalog_item *it = t;
	char **slot = NULL;

	if (!strcmp(key, "attributes")) {
		if (it->attrs)
			return bad(c, val, "'attributes' is given twice");
		return each_pair(c, val, "attributes", item_attr_field, it);
	}
	if (!strcmp(key, "ref"))
		slot = &it->ref;
	else if (!strcmp(key, "kind"))
		slot = &it->kind;
	else if (!strcmp(key, "group"))
		slot = &it->group;
	else if (!strcmp(key, "section"))
		slot = &it->section;
	else if (!strcmp(key, "title"))
		slot = &it->title;
	else if (!strcmp(key, "description"))
		slot = &it->description;
	else
		return unknown_key(c, key, val, "an item");
	if (*slot)
		return bad(c, val, "'%s' is given twice", key);
	return get_string(c, val, key, slot);
}

static int parse_items(struct ctx *c, yaml_node_t *seq, struct framework *fw)
{
	yaml_node_item_t *i;
	int rc = seq_check(c, seq, "items", CATALOG_MAX_ITEMS);

	for (i = seq ? seq->data.sequence.items.start : NULL;
	     !rc && i < seq->data.sequence.items.top; i++) {
		yaml_node_t *n = node_at(c, *i);
		struct catalog_item *it;

		ALLOC_GROW(fw->items.v, fw->items.n + 1, fw->items.alloc);
		it = &fw->items.v[fw->items.n++];
		memset(it, 0, sizeof(*it));
		rc = each_pair(c, n, "an item", item_field, it);
		if (!rc && (!it->ref || !it->kind || !it->group || !it->title ||
		            !it->description))
			rc = bad(c, n,
			         "an item needs 'ref', 'kind', 'group', 'title' and "
			         "'description'");
	}
	return rc;
}

/* ---- top level ---- */

struct top {
	yaml_node_t *framework, *attributes, *groups, *items;
};

static int top_field(struct ctx *c, const char *key, yaml_node_t *val, void *t)
{
	struct top *top = t;
	yaml_node_t **slot;

	if (!strcmp(key, "framework"))
		slot = &top->framework;
	else if (!strcmp(key, "attributes"))
		slot = &top->attributes;
	else if (!strcmp(key, "groups"))
		slot = &top->groups;
	else if (!strcmp(key, "items"))
		slot = &top->items;
	else
		return unknown_key(c, key, val, "the file");
	if (*slot)
		return bad(c, val, "'%s' is given twice", key);
	*slot = val;
	return 0;
}

static int walk(struct ctx *c, struct framework *fw)
{
	yaml_node_t *root = yaml_document_get_root_node(&c->doc);
	struct top top = { 0 };
	int rc;

	if (!root)
		return bad(c, NULL, "the file is empty");
	rc = each_pair(c, root, "the file", top_field, &top);
	if (rc)
		return rc;
	if (!top.framework || !top.groups || !top.items)
		return bad(c, root, "the file needs 'framework', 'groups' and 'items'");
	rc = each_pair(c, top.framework, "framework", header_field, fw);
	if (!rc && (!fw->code || !fw->name || !fw->version))
		rc = bad(c, top.framework, "framework needs 'id', 'name' and 'version'");
	if (!rc && top.attributes)
		rc = parse_attr_types(c, top.attributes, fw);
	if (!rc)
		rc = parse_groups(c, top.groups, fw);
	if (!rc)
		rc = parse_items(c, top.items, fw);
	return rc;
}

int catalog_parse_yaml(const char *name, const char *buf, size_t len,
                       struct framework *out)
{
	struct ctx c = { .name = name };
	yaml_parser_t parser;
	int rc;

	memset(out, 0, sizeof(*out));
	if (len > CATALOG_FILE_MAX)
		return error_set(E_INVALID,
		                 "%s: file is too large (%zu bytes; at most %zu)", name,
		                 len, CATALOG_FILE_MAX);
	if (!yaml_parser_initialize(&parser))
		BUG("cannot initialise the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &c.doc)) {
		rc = error_set(E_INVALID, "%s:%zu:%zu: %s%s%s", name,
		               (size_t)parser.problem_mark.line + 1,
		               (size_t)parser.problem_mark.column + 1,
		               parser.problem ? parser.problem : "malformed YAML",
		               parser.context ? " " : "",
		               parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return rc;
	}
	rc = walk(&c, out);
	yaml_document_delete(&c.doc);
	yaml_parser_delete(&parser);
	if (!rc) {
		rc = framework_validate(out);
		if (rc)
			error_wrap("%s", name);
	}
	if (!rc)
		sha256_hex(buf, len, out->sha256);
	return rc;
}
