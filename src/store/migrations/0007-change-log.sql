-- isms schema, version 7: the tamper-evident change log.
--
-- Every row written to a logged table leaves a change_log entry with its
-- image before and after (JSON text).  Triggers write the entries; the
-- program installs them for every table present after each migration
-- (changelog.c), so tables added later are covered too.  An entry starts
-- with no block; the transaction that wrote it, when it commits, gathers
-- its entries into the next change_block, whose SHA-256 covers the
-- previous block's, so that editing or removing any entry or block later
-- breaks the chain.  'isms verify' checks the chain and compares every
-- record with its latest logged image.

CREATE TABLE change_block (
	seq BIGINT PRIMARY KEY CHECK (seq >= 1),
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	entries INTEGER NOT NULL CHECK (entries >= 0),
	prev_sha256 TEXT NOT NULL CHECK (length(prev_sha256) = 64),
	sha256 TEXT NOT NULL CHECK (length(sha256) = 64)
);

CREATE TABLE change_log (
	id @PK@,
	-- NULL until the writing transaction commits: an entry that stays
	-- without a block was written by something other than isms.
	block BIGINT,
	tbl TEXT NOT NULL,
	op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
	before TEXT,
	after TEXT,
	CHECK ((op = 'insert') = (before IS NULL) AND (op = 'delete') = (after IS NULL))
);

-- A block's entries in order, and the entries still without one.
CREATE INDEX change_log_block ON change_log (block, id);
