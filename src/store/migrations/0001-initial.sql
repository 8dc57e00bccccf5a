-- isms schema, version 1: the store's identity, the catalogue, organisations
-- and their ISMS scope.
--
-- Written once for both backends.  @PK@ is replaced by each driver's
-- auto-numbered primary key type.  Times are ISO 8601 UTC text and booleans
-- are 0/1 integers, so both backends hold identical values.

CREATE TABLE isms_meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE schema_migration (
	version INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	applied_at TEXT NOT NULL
);

-- Catalogue: frameworks are data; nothing below names ISO 27001.
CREATE TABLE framework (
	id @PK@,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	version TEXT NOT NULL,
	publisher TEXT NOT NULL,
	description TEXT NOT NULL,
	source_sha256 TEXT NOT NULL,
	loaded_at TEXT NOT NULL
);

CREATE TABLE catalog_group (
	id @PK@,
	framework_id BIGINT NOT NULL REFERENCES framework (id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	kind TEXT NOT NULL,
	ref TEXT,
	title TEXT NOT NULL,
	position INTEGER NOT NULL,
	UNIQUE (framework_id, code)
);

CREATE TABLE catalog_item (
	id @PK@,
	framework_id BIGINT NOT NULL REFERENCES framework (id) ON DELETE CASCADE,
	group_id BIGINT NOT NULL REFERENCES catalog_group (id),
	ref TEXT NOT NULL,
	kind TEXT NOT NULL,
	section TEXT,
	title TEXT NOT NULL,
	description TEXT NOT NULL,
	position INTEGER NOT NULL,
	UNIQUE (framework_id, ref)
);

CREATE TABLE attribute_type (
	id @PK@,
	framework_id BIGINT NOT NULL REFERENCES framework (id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	title TEXT NOT NULL,
	position INTEGER NOT NULL,
	UNIQUE (framework_id, code)
);

CREATE TABLE attribute_value (
	id @PK@,
	attribute_type_id BIGINT NOT NULL REFERENCES attribute_type (id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	position INTEGER NOT NULL,
	UNIQUE (attribute_type_id, code)
);

CREATE TABLE item_attribute (
	item_id BIGINT NOT NULL REFERENCES catalog_item (id) ON DELETE CASCADE,
	value_id BIGINT NOT NULL REFERENCES attribute_value (id) ON DELETE CASCADE,
	PRIMARY KEY (item_id, value_id)
);

-- Mappings between items of different frameworks, so that one piece of
-- evidence can serve several.  Filled from mapping data files.
CREATE TABLE item_mapping (
	from_item_id BIGINT NOT NULL REFERENCES catalog_item (id) ON DELETE CASCADE,
	to_item_id BIGINT NOT NULL REFERENCES catalog_item (id) ON DELETE CASCADE,
	relation TEXT NOT NULL
		CHECK (relation IN ('equivalent', 'subset', 'superset', 'intersects', 'related')),
	PRIMARY KEY (from_item_id, to_item_id)
);

CREATE TABLE org (
	id @PK@,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	created_at TEXT NOT NULL
);

CREATE TABLE scope (
	org_id BIGINT PRIMARY KEY REFERENCES org (id) ON DELETE CASCADE,
	statement TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE scope_item (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	kind TEXT NOT NULL
		CHECK (kind IN ('process', 'location', 'technology', 'data-type')),
	name TEXT NOT NULL,
	description TEXT NOT NULL,
	in_scope INTEGER NOT NULL CHECK (in_scope IN (0, 1)),
	exclusion_reason TEXT,
	CHECK (in_scope = 1 OR (exclusion_reason IS NOT NULL AND exclusion_reason <> '')),
	UNIQUE (org_id, kind, name)
);

CREATE TABLE scope_interface (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('interface', 'dependency')),
	name TEXT NOT NULL,
	party TEXT NOT NULL,
	description TEXT NOT NULL,
	UNIQUE (org_id, kind, name)
);
