-- isms schema, version 2: gap assessments, evidence and remediation.
--
-- A gap assessment is a planning record.  record_type says so on every
-- row and can never say anything else: the internal audit keeps its own
-- tables and accepts nothing from these.

CREATE TABLE assessment (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	framework_id BIGINT NOT NULL REFERENCES framework (id),
	record_type TEXT NOT NULL DEFAULT 'gap-assessment'
		CHECK (record_type = 'gap-assessment'),
	name TEXT NOT NULL,
	assessed_on TEXT NOT NULL,
	assessor TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (org_id, name)
);

-- What was found for one catalogue item; an item without a row here is
-- not assessed.
CREATE TABLE assessment_item (
	assessment_id BIGINT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
	item_id BIGINT NOT NULL REFERENCES catalog_item (id),
	status TEXT NOT NULL
		CHECK (status IN ('conforming', 'partial', 'nonconforming', 'na', 'not-assessed')),
	maturity INTEGER CHECK (maturity BETWEEN 0 AND 5),
	owner TEXT,
	notes TEXT,
	target_date TEXT,
	justification TEXT,
	updated_at TEXT NOT NULL,
	CHECK (status <> 'na' OR (justification IS NOT NULL AND justification <> '')),
	PRIMARY KEY (assessment_id, item_id)
);

-- Content, once per SHA-256.  Where the bytes live is the driver's
-- matter: SQLite keeps them in files beside the database, PostgreSQL in
-- blob_chunk, so that every server sharing the database reaches them.
CREATE TABLE blob (
	sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
	size BIGINT NOT NULL CHECK (size >= 0),
	created_at TEXT NOT NULL
);

CREATE TABLE blob_chunk (
	sha256 TEXT NOT NULL,
	seq INTEGER NOT NULL,
	data @BYTES@ NOT NULL,
	PRIMARY KEY (sha256, seq)
);

-- A piece of evidence an organisation holds: content plus what it is.
CREATE TABLE evidence (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	sha256 TEXT NOT NULL REFERENCES blob (sha256),
	title TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('policy', 'procedure', 'record', 'log', 'config',
		'screenshot', 'interview', 'other')),
	filename TEXT NOT NULL,
	collected_on TEXT NOT NULL,
	valid_until TEXT,
	added_at TEXT NOT NULL,
	UNIQUE (org_id, sha256)
);

CREATE TABLE gap_evidence_link (
	assessment_id BIGINT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
	item_id BIGINT NOT NULL REFERENCES catalog_item (id),
	evidence_id BIGINT NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
	linked_at TEXT NOT NULL,
	PRIMARY KEY (assessment_id, item_id, evidence_id)
);

CREATE INDEX gap_evidence_link_evidence ON gap_evidence_link (evidence_id);

-- The remediation of a nonconforming or partial item.
CREATE TABLE remediation_action (
	assessment_id BIGINT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
	item_id BIGINT NOT NULL REFERENCES catalog_item (id),
	owner TEXT,
	due_on TEXT,
	effort TEXT CHECK (effort IN ('S', 'M', 'L', 'XL')),
	resources TEXT,
	status TEXT NOT NULL DEFAULT 'open'
		CHECK (status IN ('open', 'in-progress', 'done')),
	manual_rank INTEGER CHECK (manual_rank > 0),
	rank_reason TEXT,
	updated_at TEXT NOT NULL,
	CHECK (manual_rank IS NULL OR (rank_reason IS NOT NULL AND rank_reason <> '')),
	PRIMARY KEY (assessment_id, item_id)
);
