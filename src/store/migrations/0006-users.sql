-- isms schema, version 6: users, their roles and organisations, API
-- tokens, login sessions and the one-time set-up token.
--
-- No secret is stored as it is: passwords as Argon2id hashes, tokens and
-- session cookies as the SHA-256 of their value (they are long random
-- strings, so a fast hash is enough to make a stolen database useless for
-- signing in).  Times are ISO 8601 UTC text, which compares in time order.

-- "user" is a reserved word in SQL.
CREATE TABLE app_user (
	id @PK@,
	name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'isms-manager', 'auditor',
		'control-owner', 'viewer', 'external-auditor')),
	-- NULL: no password; the user works with API tokens only.
	password_hash TEXT,
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- Users sign in by name whatever its case, so no two may differ only in
-- case.
CREATE UNIQUE INDEX app_user_name_ci ON app_user (lower(name));

-- The organisations a user may see; an administrator sees all of them.
CREATE TABLE app_user_org (
	user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	org_id BIGINT NOT NULL REFERENCES org (id) ON DELETE CASCADE,
	PRIMARY KEY (user_id, org_id)
);

CREATE INDEX app_user_org_org ON app_user_org (org_id);

CREATE TABLE api_token (
	id @PK@,
	user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	token_sha256 TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	last_used_at TEXT,
	-- Revoked tokens stay, so that what was done with them stays
	-- explained.
	revoked_at TEXT
);

CREATE INDEX api_token_user ON api_token (user_id);

CREATE TABLE session (
	id @PK@,
	token_sha256 TEXT NOT NULL UNIQUE,
	-- The CSRF token goes to the browser in every form; alone it signs no
	-- one in.
	csrf TEXT NOT NULL,
	user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	created_at TEXT NOT NULL,
	-- The earlier of the idle and the absolute limit, moved on use.
	expires_at TEXT NOT NULL,
	last_seen_at TEXT NOT NULL
);

CREATE INDEX session_by_user ON session (user_id);
CREATE INDEX session_by_expiry ON session (expires_at);

-- The token that creates the first administrator, printed once when a
-- store without one is first served; a single row.
CREATE TABLE setup_token (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	token_sha256 TEXT NOT NULL,
	created_at TEXT NOT NULL,
	used_at TEXT
);
