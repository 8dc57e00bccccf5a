-- isms schema, version 4: people and their competence and
-- responsibilities, the internal audit (programme, plans, checklists,
-- fieldwork and issued reports), corrective actions and management
-- reviews.
--
-- The audit keeps its own records.  Evidence says where it came from, and
-- what a gap assessment produced never counts as audit evidence.

ALTER TABLE evidence ADD COLUMN origin TEXT NOT NULL DEFAULT 'organisation'
	CHECK (origin IN ('organisation', 'gap-assessment', 'internal-audit'));

CREATE TABLE person (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	email TEXT,
	created_at TEXT NOT NULL,
	UNIQUE (org_id, name)
);

-- People are found by name whatever its case, so no two may differ only
-- in case.
CREATE UNIQUE INDEX person_name_ci ON person (org_id, lower(name));

-- Training, certifications (ISO/IEC 27001 Lead Auditor ...) and audit
-- experience.
CREATE TABLE competence (
	id @PK@,
	person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('training', 'certification', 'experience')),
	title TEXT NOT NULL,
	obtained_on TEXT,
	expires_on TEXT,
	evidence_id BIGINT REFERENCES evidence (id),
	note TEXT,
	added_at TEXT NOT NULL,
	CHECK (expires_on IS NULL OR obtained_on IS NULL OR expires_on >= obtained_on)
);

CREATE INDEX competence_person ON competence (person_id);

-- What a person designs, owns or operates: a catalogue reference
-- ("A.5.15", "9.2.2") or "process:NAME", "location:NAME", "asset:NAME".
CREATE TABLE responsibility (
	person_id BIGINT NOT NULL REFERENCES person (id) ON DELETE CASCADE,
	ref TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('designs', 'owns', 'operates')),
	added_at TEXT NOT NULL,
	PRIMARY KEY (person_id, ref, role)
);

-- The audit programme of one three-year certification cycle, starting in
-- the year `cycle`, and the factors it was planned on.
CREATE TABLE audit_programme (
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	cycle INTEGER NOT NULL CHECK (cycle BETWEEN 1900 AND 9999),
	interval_months INTEGER NOT NULL DEFAULT 12 CHECK (interval_months BETWEEN 1 AND 12),
	size_complexity TEXT,
	legal TEXT,
	rate_of_change TEXT,
	risk_results TEXT,
	previous_results TEXT,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (org_id, cycle)
);

-- One internal audit: its plan, then its fieldwork, then its report.
-- planned: being planned or in fieldwork; closed: fieldwork over, the
-- report may be drafted; issued: a report version was issued and nothing
-- of the audit changes any more.
CREATE TABLE audit (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	objectives TEXT NOT NULL,
	criteria TEXT NOT NULL,
	sampling TEXT,
	auditees TEXT,
	start_on TEXT NOT NULL,
	end_on TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'planned'
		CHECK (status IN ('planned', 'closed', 'issued')),
	closed_on TEXT,
	classification TEXT NOT NULL DEFAULT 'Confidential',
	distribution TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (end_on >= start_on),
	CHECK (status = 'planned' OR closed_on IS NOT NULL)
);

CREATE INDEX audit_org ON audit (org_id, start_on);

-- What the audit covers: canonical catalogue references, and processes,
-- locations and assets as "process:NAME" ...
CREATE TABLE audit_scope (
	audit_id BIGINT NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
	ref TEXT NOT NULL,
	PRIMARY KEY (audit_id, ref)
);

-- The audit team.  An auditor responsible for something in the scope is
-- only on the team with a recorded justification; `conflict` says what
-- the conflict was.
CREATE TABLE audit_member (
	audit_id BIGINT NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
	person_id BIGINT NOT NULL REFERENCES person (id),
	lead INTEGER NOT NULL DEFAULT 0 CHECK (lead IN (0, 1)),
	conflict TEXT,
	override TEXT,
	assigned_at TEXT NOT NULL,
	CHECK (conflict IS NULL OR (override IS NOT NULL AND override <> '')),
	PRIMARY KEY (audit_id, person_id)
);

-- The documents the audit reviews, optionally linked to stored evidence.
CREATE TABLE audit_document (
	audit_id BIGINT NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	title TEXT NOT NULL,
	evidence_id BIGINT REFERENCES evidence (id),
	PRIMARY KEY (audit_id, seq)
);

-- The checklist and its fieldwork: per catalogue item of the scope, a
-- compliance test (does practice follow the documented policy?) and a
-- substantive test (is the control effective?).
CREATE TABLE audit_test (
	audit_id BIGINT NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
	ref TEXT NOT NULL,
	test_type TEXT NOT NULL CHECK (test_type IN ('compliance', 'substantive')),
	step TEXT NOT NULL,
	expected TEXT NOT NULL,
	method TEXT CHECK (method IN ('interview', 'observation', 'inspection',
		'reperformance', 'technical-test')),
	population TEXT,
	sample_size INTEGER CHECK (sample_size >= 0),
	sample_items TEXT,
	result TEXT CHECK (result IN ('conforming', 'major', 'minor', 'observation', 'ofi')),
	nc_kind TEXT CHECK (nc_kind IN ('missing', 'not-functioning')),
	note TEXT,
	recorded_at TEXT,
	CHECK (result IS NULL OR method IS NOT NULL),
	CHECK (nc_kind IS NULL OR result IN ('major', 'minor')),
	CHECK (result NOT IN ('major', 'minor') OR nc_kind IS NOT NULL),
	PRIMARY KEY (audit_id, ref, test_type)
);

CREATE TABLE audit_test_evidence (
	audit_id BIGINT NOT NULL,
	ref TEXT NOT NULL,
	test_type TEXT NOT NULL,
	evidence_id BIGINT NOT NULL REFERENCES evidence (id),
	PRIMARY KEY (audit_id, ref, test_type, evidence_id),
	FOREIGN KEY (audit_id, ref, test_type)
		REFERENCES audit_test (audit_id, ref, test_type) ON DELETE CASCADE
);

-- Issued report versions: the documents themselves are stored content,
-- named by their SHA-256, and never change.
CREATE TABLE audit_report (
	audit_id BIGINT NOT NULL REFERENCES audit (id) ON DELETE CASCADE,
	version INTEGER NOT NULL CHECK (version > 0),
	issued_by TEXT NOT NULL,
	issued_on TEXT NOT NULL,
	reason TEXT,
	md_sha256 TEXT NOT NULL REFERENCES blob (sha256),
	html_sha256 TEXT NOT NULL REFERENCES blob (sha256),
	json_sha256 TEXT NOT NULL REFERENCES blob (sha256),
	PRIMARY KEY (audit_id, version)
);

-- A corrective action (clause 10.2), opened by every nonconformity.
CREATE TABLE capa (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	audit_id BIGINT NOT NULL REFERENCES audit (id),
	ref TEXT NOT NULL,
	test_type TEXT NOT NULL,
	severity TEXT NOT NULL CHECK (severity IN ('major', 'minor')),
	nc_kind TEXT NOT NULL CHECK (nc_kind IN ('missing', 'not-functioning')),
	description TEXT,
	correction TEXT,
	root_cause TEXT,
	action TEXT,
	owner TEXT,
	due_on TEXT,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in-progress',
		'implemented', 'verified', 'closed')),
	verified_by TEXT,
	verified_on TEXT,
	verification_note TEXT,
	verification_evidence_id BIGINT REFERENCES evidence (id),
	closed_on TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (status NOT IN ('verified', 'closed')
		OR (verified_by IS NOT NULL AND verified_on IS NOT NULL)),
	CHECK (status <> 'closed' OR closed_on IS NOT NULL),
	UNIQUE (audit_id, ref, test_type)
);

CREATE INDEX capa_org ON capa (org_id, ref);

-- A management review (clause 9.3).  `inputs` is the JSON of the inputs
-- as the data stood when the review was prepared (9.3.2), kept as the
-- meeting saw them.
CREATE TABLE review (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	held_on TEXT NOT NULL,
	chair TEXT NOT NULL,
	attendees TEXT NOT NULL,
	inputs TEXT NOT NULL,
	notes TEXT,
	status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE INDEX review_org ON review (org_id, held_on);

-- What a review decided (9.3.3): decisions, and actions with an owner.
CREATE TABLE review_output (
	id @PK@,
	review_id BIGINT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('decision', 'action')),
	text TEXT NOT NULL,
	owner TEXT,
	due_on TEXT,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
	CHECK (kind = 'decision' OR owner IS NOT NULL)
);

CREATE INDEX review_output_review ON review_output (review_id);
