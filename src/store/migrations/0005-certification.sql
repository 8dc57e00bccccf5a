-- isms schema, version 5: the certification record.
--
-- One row per organisation: who certifies it, the Stage 1 and Stage 2
-- audits, when the ISMS went into operation, the certificate and its
-- three-year cycle.  Every date is YYYY-MM-DD or NULL (not recorded); a
-- cycle date left NULL is derived from the certificate by the program, so
-- only what people recorded is stored.  The compliance calendar has no
-- table: its events are read from the records that carry the dates.

CREATE TABLE certification (
	org_id BIGINT PRIMARY KEY REFERENCES org (id) ON DELETE CASCADE,
	body TEXT,
	number TEXT,
	stage1_on TEXT,
	stage2_on TEXT,
	golive_on TEXT,
	issued_on TEXT,
	expires_on TEXT,
	surveillance1_on TEXT,
	surveillance2_on TEXT,
	recertification_on TEXT,
	updated_at TEXT NOT NULL,
	-- The program checks the whole record before writing it; these only
	-- keep the plainest disorder out should anything else write here.
	-- ISO dates compare as text on both backends.
	CHECK (stage1_on IS NULL OR stage2_on IS NULL OR stage2_on >= stage1_on),
	CHECK (issued_on IS NULL OR expires_on IS NULL OR expires_on > issued_on)
);
