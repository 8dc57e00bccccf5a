-- isms schema, version 3: assets and data flows, the risk method, risks
-- and their treatment plan, and the Statement of Applicability with its
-- approved versions.

CREATE TABLE asset (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	type TEXT NOT NULL CHECK (type IN ('information', 'software', 'hardware',
		'service', 'people', 'site')),
	owner TEXT,
	location TEXT,
	classification TEXT CHECK (classification IN ('public', 'internal',
		'confidential', 'restricted')),
	description TEXT,
	confidentiality INTEGER NOT NULL DEFAULT 0 CHECK (confidentiality BETWEEN 0 AND 5),
	integrity INTEGER NOT NULL DEFAULT 0 CHECK (integrity BETWEEN 0 AND 5),
	availability INTEGER NOT NULL DEFAULT 0 CHECK (availability BETWEEN 0 AND 5),
	in_scope INTEGER NOT NULL DEFAULT 1 CHECK (in_scope IN (0, 1)),
	updated_at TEXT NOT NULL,
	UNIQUE (org_id, name)
);

-- Whether a flow crosses the scope boundary follows from its two ends.
CREATE TABLE data_flow (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	from_asset BIGINT NOT NULL REFERENCES asset (id),
	to_asset BIGINT NOT NULL REFERENCES asset (id),
	data_type TEXT NOT NULL,
	channel TEXT,
	updated_at TEXT NOT NULL,
	CHECK (from_asset <> to_asset)
);

CREATE INDEX data_flow_org ON data_flow (org_id);

-- The organisation's risk method; without a row, the default applies.
-- Scales are labels joined by '|', the matrix rows of level digits (1 low
-- .. 4 critical) joined by '/'.
CREATE TABLE risk_method (
	org_id BIGINT PRIMARY KEY REFERENCES org (id) ON DELETE CASCADE,
	version INTEGER NOT NULL CHECK (version > 0),
	likelihood_scale TEXT NOT NULL,
	impact_scale TEXT NOT NULL,
	matrix TEXT NOT NULL,
	accept_max INTEGER NOT NULL CHECK (accept_max BETWEEN 1 AND 4),
	changed_by TEXT NOT NULL,
	changed_on TEXT NOT NULL,
	note TEXT
);

-- Every change of the method, with what it did to the risks.
CREATE TABLE risk_method_change (
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	version INTEGER NOT NULL,
	likelihood_scale TEXT NOT NULL,
	impact_scale TEXT NOT NULL,
	matrix TEXT NOT NULL,
	accept_max INTEGER NOT NULL,
	changed_by TEXT NOT NULL,
	changed_on TEXT NOT NULL,
	note TEXT,
	risks_evaluated INTEGER NOT NULL,
	risks_changed INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	PRIMARY KEY (org_id, version)
);

CREATE TABLE risk (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	threat TEXT NOT NULL,
	vulnerability TEXT NOT NULL,
	consequence TEXT,
	likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 10),
	impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 10),
	inherent_level INTEGER NOT NULL CHECK (inherent_level BETWEEN 1 AND 4),
	treatment TEXT NOT NULL CHECK (treatment IN ('modify', 'retain', 'avoid', 'share')),
	other_controls TEXT,
	residual_likelihood INTEGER NOT NULL CHECK (residual_likelihood BETWEEN 1 AND 10),
	residual_impact INTEGER NOT NULL CHECK (residual_impact BETWEEN 1 AND 10),
	residual_level INTEGER NOT NULL CHECK (residual_level BETWEEN 1 AND 4),
	owner TEXT,
	accepted_by TEXT,
	accepted_on TEXT,
	review_on TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK ((accepted_by IS NULL) = (accepted_on IS NULL)),
	UNIQUE (org_id, title)
);

CREATE TABLE risk_asset (
	risk_id BIGINT NOT NULL REFERENCES risk (id) ON DELETE CASCADE,
	asset_id BIGINT NOT NULL REFERENCES asset (id),
	PRIMARY KEY (risk_id, asset_id)
);

CREATE INDEX risk_asset_asset ON risk_asset (asset_id);

-- Annex A controls a risk's treatment selects, by reference: the
-- alignment check reports one the catalogue does not hold.
CREATE TABLE risk_control (
	risk_id BIGINT NOT NULL REFERENCES risk (id) ON DELETE CASCADE,
	ref TEXT NOT NULL,
	PRIMARY KEY (risk_id, ref)
);

-- The risk treatment plan: actions per risk.
CREATE TABLE treatment_action (
	id @PK@,
	risk_id BIGINT NOT NULL REFERENCES risk (id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	ref TEXT,
	owner TEXT,
	due_on TEXT,
	status TEXT NOT NULL DEFAULT 'open'
		CHECK (status IN ('open', 'in-progress', 'done')),
	updated_at TEXT NOT NULL
);

CREATE INDEX treatment_action_risk ON treatment_action (risk_id);

-- Approvals of the plan as a whole, with the digest of what was approved.
CREATE TABLE treatment_plan_approval (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	approved_by TEXT NOT NULL,
	approved_on TEXT NOT NULL,
	sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
	created_at TEXT NOT NULL
);

-- What people decided about a control in the SoA; a control without a
-- row applies, for the reasons its risks give.
CREATE TABLE soa_decision (
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	ref TEXT NOT NULL,
	applicable INTEGER CHECK (applicable IN (0, 1)),
	exclusion TEXT,
	reason_legal TEXT,
	reason_contractual TEXT,
	reason_business TEXT,
	reason_best_practice TEXT,
	status TEXT CHECK (status IN ('implemented', 'partial', 'planned',
		'not-implemented')),
	override_reason TEXT,
	updated_at TEXT NOT NULL,
	CHECK (status IS NULL OR (override_reason IS NOT NULL AND override_reason <> '')),
	PRIMARY KEY (org_id, ref)
);

-- An approved SoA, frozen row by row so that versions compare exactly.
CREATE TABLE soa_version (
	id @PK@,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	version INTEGER NOT NULL CHECK (version > 0),
	approved_by TEXT NOT NULL,
	approved_on TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (org_id, version)
);

CREATE TABLE soa_version_row (
	version_id BIGINT NOT NULL REFERENCES soa_version (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	ref TEXT NOT NULL,
	title TEXT NOT NULL,
	theme TEXT NOT NULL,
	applicable INTEGER NOT NULL CHECK (applicable IN (0, 1)),
	exclusion TEXT,
	reason_risk TEXT,
	reason_legal TEXT,
	reason_contractual TEXT,
	reason_business TEXT,
	reason_best_practice TEXT,
	status TEXT NOT NULL,
	derived_status TEXT NOT NULL,
	override_reason TEXT,
	gap_status TEXT NOT NULL,
	risks TEXT,
	evidence TEXT,
	PRIMARY KEY (version_id, ref)
);
