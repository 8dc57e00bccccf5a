# Connecting to PostgreSQL: every failure is one line on stderr and exit
# status 1, and a password never shows.  The first tests need no server
# (nothing listens on port 1); the pg_only ones use the test cluster.

t_refused_port() {
	fails 1 "cannot connect to postgresql://alice@127.0.0.1:1/isms: connection to server at \"127.0.0.1\", port 1 failed: Connection refused" \
		--db "postgresql://alice:s3cret@127.0.0.1:1/isms" org list
	[[ $err != *s3cret* ]] || die "password shown"
	[[ -z $out ]] || die "output on failure"
	ISMS_DB="postgres://alice:s3cret@127.0.0.1:1/isms" fails 1 \
		"cannot connect to postgres://alice@127.0.0.1:1/isms: " init
	[[ $err != *s3cret* ]] || die "password shown"
}

t_malformed_urls() {
	fails 1 "cannot connect to postgresql://[bad: " --db "postgresql://[bad" init
	fails 1 "cannot connect to postgresql://u@h/db: invalid percent-encoded token: \"***\"" \
		--db "postgresql://u:p%zz@h/db" org list
	fails 1 'invalid URI query parameter: "colour"' \
		--db "postgresql://u:s3cret@127.0.0.1:1/db?colour=blue" org list
	[[ $err != *s3cret* ]] || die "password shown"
	fails 1 'invalid integer value "port" for connection option "port"' \
		--db "postgresql://u:s3cret@127.0.0.1:port/db" db info
	[[ $err != *s3cret* ]] || die "password shown"
}

t_password_parameter_is_hidden() {
	fails 1 "cannot connect to postgresql://127.0.0.1:1/isms?sslmode=disable: " \
		--db "postgresql://127.0.0.1:1/isms?password=s3cret&sslmode=disable" org list
	[[ $err != *s3cret* ]] || die "password shown"
	fails 1 "cannot connect to postgresql://127.0.0.1:1/isms: " \
		--db "postgresql://127.0.0.1:1/isms?pass%77ord=s3cret" org list
	[[ $err != *s3cret* ]] || die "password shown"
}

t_missing_database() {
	pg_only
	fails 1 "cannot connect to $ISMS_PG_URL/isms_nowhere: connection to server at \"127.0.0.1\", port $ISMS_PG_PORT failed: FATAL: database \"isms_nowhere\" does not exist" \
		--db "$ISMS_PG_URL/isms_nowhere" init
}

t_wrong_password() {
	pg_only
	local url="postgresql://isms_pw:wrong-password@127.0.0.1:$ISMS_PG_PORT/postgres"
	fails 1 "cannot connect to postgresql://isms_pw@127.0.0.1:$ISMS_PG_PORT/postgres: " \
		--db "$url" init
	out_lacks "wrong-password"
	[[ $err == *'password authentication failed for user "isms_pw"'* ]] || die "reason not given"
	[[ $err != *wrong-password* ]] || die "password shown"
	fails 1 "no password supplied" \
		--db "postgresql://isms_pw@127.0.0.1:$ISMS_PG_PORT/postgres" init
}

t_password_never_shown() {
	pg_only
	new_db
	local name=${ISMS_DB##*/} url shown
	url="postgresql://isms_pw:right-password@127.0.0.1:$ISMS_PG_PORT/$name?connect_timeout=5"
	shown="postgresql://isms_pw@127.0.0.1:$ISMS_PG_PORT/$name?connect_timeout=5"
	fails 1 "$shown is not initialised; run 'isms init' first" --db "$url" org list
	ok --db "$url" init
	out_has "Initialised $shown (postgresql, schema 9)."
	ok --db "$url" db info --json
	jq_eq .db "$shown"
	jq_eq .backend postgresql
	ok --db "$url" overview --json
	jq_eq .store.db "$shown"
	ok --db "$url" overview
	out_lacks right-password
	fails 1 "no organisation 'x'" --db "$url" org show x
	[[ $err != *right-password* ]] || die "password shown"
}

t_url_forms() {
	pg_only
	fresh_store
	ok org add acme --name Acme
	ISMS_DB="postgres://${ISMS_DB#postgresql://}" ok org list --json
	jq_eq '.[0].slug' acme
	ok --db "$ISMS_DB" db info --json
	jq_eq .backend postgresql
}

t_foreign_tables_in_another_schema_do_not_count() {
	pg_only
	new_db
	# Only the tables of the schema isms works in are looked at.
	store_sql "CREATE SCHEMA other; CREATE TABLE other.invoices (id INTEGER)"
	ok init
	ok org add acme --name Acme
}
