-- isms schema, version 8: people linked to the user accounts they sign in
-- with.
--
-- Over the API the one acting is a signed-in user, while the audit's
-- independence is a matter of people (what they design, own or operate,
-- who is on an audit's team).  The link says which person a user is in an
-- organisation: a person has at most one user, and a user is at most one
-- person of each organisation.  Removing the user leaves the person,
-- unlinked.
--
-- The new column comes last on both backends, so a copy between them
-- finds the same columns in the same order; the change log's triggers are
-- installed anew after the migration and log every person's new image.

ALTER TABLE person ADD COLUMN user_id BIGINT REFERENCES app_user (id) ON DELETE SET NULL;

-- Unlinked people (NULL) do not collide.
CREATE UNIQUE INDEX person_user ON person (org_id, user_id);
