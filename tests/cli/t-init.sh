# Creating, opening and migrating stores; refusing foreign ones.

t_init_creates_and_loads_catalogue() {
	new_db
	ok init
	out_has "Initialised"
	ok init --json
	jq_eq .schema_version 9
	jq_eq .migrations_applied 0
	jq_eq .frameworks_current 1
	jq_eq .frameworks_loaded 0
	jq_eq .backend "$T_BACKEND"
	[[ $(store_sql "SELECT value FROM isms_meta WHERE key='application'") == isms ]] ||
		die "no application mark"
	[[ $(store_sql "SELECT count(*) FROM schema_migration") == 9 ]] ||
		die "migration not recorded"
}

t_sqlite_store_uses_wal() {
	sqlite_only
	fresh_store
	[[ $(sqlite3 "$ISMS_DB" 'PRAGMA journal_mode') == wal ]] || die "not WAL"
}

t_init_is_idempotent() {
	fresh_store
	snapshot
	ok init
	out_has "ready"
	out_has "up to date"
	unchanged
}

t_missing_store_is_not_created_by_other_commands() {
	sqlite_only
	new_db
	fails 1 "no database at $ISMS_DB; create one with 'isms init'" org list
	[[ ! -e $ISMS_DB ]] || die "store created"
}

t_empty_store_is_not_initialised() {
	new_db
	[[ $T_BACKEND == sqlite ]] && : >"$ISMS_DB"
	snapshot
	fails 1 "is not initialised; run 'isms init' first" org list
	unchanged
}

t_foreign_file_is_refused() {
	sqlite_only
	new_db
	printf 'This is a spreadsheet, honest.\n%.0s' {1..200} >"$ISMS_DB"
	cp "$ISMS_DB" "$T_DIR/orig"
	fails 1 "is not an isms database (not an SQLite file)" org list
	fails 1 "is not an isms database (not an SQLite file)" init
	cmp -s "$ISMS_DB" "$T_DIR/orig" || die "foreign file modified"
}

t_foreign_database_is_refused() {
	new_db
	store_sql "CREATE TABLE invoices (id INTEGER, total REAL); INSERT INTO invoices VALUES (1, 9.5);"
	snapshot
	fails 1 "is not an isms database (it holds 1 tables of another application)" init
	unchanged
	fails 1 "is not an isms database" org list
	unchanged
}

t_database_of_other_application_with_meta_is_refused() {
	new_db
	store_sql "CREATE TABLE isms_meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO isms_meta VALUES ('application', 'other');"
	snapshot
	fails 1 "is not an isms database" org list
	fails 1 "is not an isms database" init
	unchanged
}

t_newer_schema_is_refused() {
	fresh_store
	store_sql "UPDATE isms_meta SET value = '999' WHERE key = 'schema_version'"
	snapshot
	fails 1 "has schema version 999, newer than this isms understands (9); upgrade isms" org list
	fails 1 "newer than this isms understands" init
	unchanged
}

t_damaged_schema_version_is_refused() {
	fresh_store
	store_sql "UPDATE isms_meta SET value = 'banana' WHERE key = 'schema_version'"
	snapshot
	fails 1 "has a damaged schema version 'banana'" org list
	unchanged
}

t_directory_is_not_a_database() {
	sqlite_only
	mkdir "$T_DIR/dir.db"
	fails 1 "is not a database file" --db "$T_DIR/dir.db" init
}

t_unwritable_location() {
	sqlite_only
	fails 1 "cannot open" --db "$T_DIR/no/such/dir/x.db" init
}

t_catalogue_upgrade_when_data_changes() {
	fresh_store
	# Simulate a store loaded by an older build with an older catalogue.
	store_sql "UPDATE framework SET source_sha256 = 'old'; UPDATE catalog_item SET title = 'stale' WHERE ref = 'A.5.1'"
	ok init --json
	jq_eq .frameworks_loaded 1
	ok catalog show A.5.1 --json
	jq_eq .title "Policies for information security"
}
