-- isms schema, version 9: which organisation a change log block is about.
--
-- The change log is one chain for the whole store, but the people who
-- read it (an organisation's ISMS manager and internal auditors) may see
-- only their own organisations.  A block records the organisation its
-- changes belong to, when they belong to exactly one: the organisation
-- named in the images of its entries, else the one the writer was acting
-- in.  Blocks of no organisation (users, the catalogue) or of several are
-- NULL and shown to administrators only.  The value is part of the
-- block's SHA-256 when set, so moving a block to another organisation is
-- detected like any other change.  No foreign key: the log outlives the
-- organisations it tells of.

ALTER TABLE change_block ADD COLUMN org_id BIGINT;

CREATE INDEX change_block_org ON change_block (org_id, seq);
