# isms db copy: a whole store into a new or empty one, across backends.
#
# On the PostgreSQL run the copies go SQLite -> PostgreSQL -> SQLite; on
# the SQLite run every store is a file.

write_extra_framework() {
	cat >"$1" <<'EOF2'
framework:
  id: demo-fw
  name: "Demo framework"
  version: "1"
attributes:
  - id: level
    title: "Level"
    values: [basic, advanced]
groups:
  - id: access
    kind: family
    title: "Access control"
items:
  - ref: "AC-1"
    kind: requirement
    group: access
    title: "Access policy"
    description: "Have one, with 'quotes' and ? marks."
    attributes:
      level: [basic]
  - ref: "AC-2"
    kind: requirement
    group: access
    title: "Account management"
    description: "Manage accounts."
    attributes:
      level: [basic, advanced]
EOF2
}

# A store with something in every table a user can fill, in $ISMS_DB.
fill_store() {
	ok init
	write_extra_framework "$T_DIR/fw.yaml"
	ok catalog import "$T_DIR/fw.yaml"
	ok org add acme --name "Acme Ltd"
	ok org add gone --name "Removed later"
	ok org add beta-2 --name "Béta GmbH: Robert'); DROP TABLE org;--"
	ok org remove gone --yes
	ok --org acme scope statement $'Payroll for UK clients.\nIt\'s "all" of it?'
	ok --org acme scope add process Payroll --description "Monthly payroll"
	ok --org acme scope add process Marketing
	ok --org acme scope exclude process Marketing --reason "Run by the parent company"
	ok --org acme scope add location "Leeds office"
	ok --org acme scope add technology "Microsoft 365"
	ok --org acme scope add data-type "Employee personal data"
	ok --org acme scope add interface "Payroll bureau" --party "PayCo Ltd" \
		--description "SFTP file exchange"
	ok --org acme scope add dependency "Cloud hosting" --party AWS
	ok --org beta-2 scope add location "Paris"
	ok --org beta-2 scope exclude location "Paris" --reason "Sales office only"
	# Assets, flows, the method, risks, the plan and the SoA with a version.
	ok --org acme asset add "HR system" --type software --owner Ann --confidentiality 4
	ok --org acme asset add "Bureau" --type service --in-scope no
	ok --org acme flow add --from "HR system" --to Bureau --data "payslips" --channel SFTP
	ok --org acme risk method --by CISO --accept low --note "Stricter"
	ok --org acme risk add --title "Payslips leak" --asset "HR system,Bureau" --threat "Insider" \
		--vulnerability "Shared account" --likelihood 3 --impact 4 --treatment modify \
		--controls A.5.15,A.8.5 --owner Ann --other-controls "Quarterly review"
	ok --org acme risk add --title "Bureau outage" --asset Bureau --threat "Outage" \
		--vulnerability "One supplier" --likelihood 2 --impact 3 --treatment retain --owner Ann
	ok --org acme risk accept R2 --by Ann
	ok --org acme risk action R1 --title "Named accounts" --control A.5.16 --owner IT --due 2026-03-01
	ok --org acme risk plan --approve --by "Managing Director"
	ok --org acme soa set A.7.1 A.7.2 --applicable no --justification "No premises"
	ok --org acme soa set A.5.31 --reason legal --justification "Employment law"
	ok --org acme soa set A.5.1 --status implemented --status-reason "Policy signed"
	# shellcheck disable=SC2046
	ok --org acme soa set $(seq -f 'A.5.%g' 2 37) $(seq -f 'A.6.%g' 1 8) \
		$(seq -f 'A.7.%g' 3 14) --status implemented --status-reason "Checked"
	# shellcheck disable=SC2046
	ok --org acme soa set $(seq -f 'A.8.%g' 1 34) --status implemented --status-reason "Checked"
	ok --org acme soa approve --by "Managing Director"
	# People, one linked to the user account they sign in with.
	add_user ann auditor acme
	ok --org acme person add "Ann Lee" --email ann@example.com
	ok --org acme person set "Ann Lee" --user ann
	ok --org acme person add Bob
}

# Everything the program shows of the store $1, as JSON, in one file $2.
describe_store() {
	local db=$1 slug
	{
		ISMS_DB=$db ok org list --json
		echo "$out"
		for slug in $(jq -r '.[].slug' <<<"$out"); do
			ISMS_DB=$db ok --org "$slug" scope show --json
			echo "$out"
			ISMS_DB=$db ok org show "$slug" --json
			echo "$out"
			local what
			for what in "asset list" "flow list" "risk list" "risk method" \
				"risk method --history" "risk plan" "soa list" "soa versions" \
				"person list"; do
				# shellcheck disable=SC2086
				ISMS_DB=$db ok --org "$slug" $what --json
				echo "$out"
			done
		done
		ISMS_DB=$db ok catalog list --framework all --json
		echo "$out"
		ISMS_DB=$db ok catalog frameworks --json
		echo "$out"
		ISMS_DB=$db ok db info --json
		jq 'del(.db, .backend)' <<<"$out"
	} >"$2"
}

t_copy_round_trip_keeps_everything() {
	local a b mid
	a=$(new_sqlite_path)
	ISMS_DB=$a fill_store
	new_db
	mid=$ISMS_DB
	ok db copy --from "$a" --to "$mid"
	out_has "Copied $a (sqlite) to $mid ($T_BACKEND)"
	b=$(new_sqlite_path)
	ok db copy --from "$mid" --to "$b" --json
	jq_eq .from_backend "$T_BACKEND"
	jq_eq .to_backend sqlite
	describe_store "$a" "$T_DIR/a.json"
	describe_store "$mid" "$T_DIR/mid.json"
	describe_store "$b" "$T_DIR/b.json"
	grep -q '"Béta GmbH' "$T_DIR/a.json" || die "the description lacks data"
	grep -q '"Payslips leak"' "$T_DIR/a.json" || die "the description lacks risks"
	grep -q '"user": "ann"' "$T_DIR/a.json" || die "the description lacks the person's user"
	ISMS_DB=$mid ok verify --json
	jq_eq .ok true
	diff "$T_DIR/a.json" "$T_DIR/mid.json" || die "the copy differs from the original"
	diff "$T_DIR/a.json" "$T_DIR/b.json" || die "the copy back differs from the original"
	store_dump "$a" >"$T_DIR/a.dump"
	store_dump "$b" >"$T_DIR/b.dump"
	diff "$T_DIR/a.dump" "$T_DIR/b.dump" || die "the SQLite files differ"
	# Ids and the next ids came along: new records fit in after them.
	[[ $(store_sql "SELECT id FROM org WHERE slug = 'beta-2'" "$mid") == 3 ]] ||
		die "ids not kept"
	ISMS_DB=$mid ok org add delta --name Delta
	[[ $(store_sql "SELECT id FROM org WHERE slug = 'delta'" "$mid") == 4 ]] ||
		die "the next id does not follow the copied ones"
	ISMS_DB=$mid ok --org acme scope add process Sales
	ISMS_DB=$mid ok --org acme scope add interface Bank
	write_extra_framework "$T_DIR/fw2.yaml"
	sed -i 's/demo-fw/demo-two/' "$T_DIR/fw2.yaml"
	ISMS_DB=$mid ok catalog import "$T_DIR/fw2.yaml"
}

t_copy_into_initialised_store() {
	local a
	a=$(new_sqlite_path)
	ISMS_DB=$a fill_store
	# 'isms init' loaded the catalogue there; the copy replaces it.
	fresh_store
	ok db copy --from "$a" --to "$ISMS_DB"
	describe_store "$a" "$T_DIR/a.json"
	describe_store "$ISMS_DB" "$T_DIR/copy.json"
	diff "$T_DIR/a.json" "$T_DIR/copy.json" || die "the copy differs"
}

t_copy_from_the_db_option() {
	local a
	a=$(new_sqlite_path)
	ISMS_DB=$a fill_store
	new_db
	ok --db "$a" db copy --to "$ISMS_DB"
	ok org list --json
	jq_eq 'map(.slug) | join(",")' "acme,beta-2"
}

t_copy_into_non_empty_store_is_refused() {
	local a
	a=$(new_sqlite_path)
	ISMS_DB=$a fill_store
	fresh_store
	ok org add zeta --name Zeta
	fails_unchanged 1 "is not empty: it already holds organisations; copy into a new or empty store" \
		db copy --from "$a" --to "$ISMS_DB"
	[[ $err == *"$ISMS_DB"* ]] || die "the message does not name the store"
	ok org list --json
	jq_eq 'map(.slug) | join(",")' zeta
}

t_copy_onto_itself_is_refused() {
	fresh_store
	ok org add acme --name Acme
	fails_unchanged 2 "cannot copy $ISMS_DB onto itself" db copy --to "$ISMS_DB"
}

t_copy_needs_a_destination() {
	fresh_store
	fails_unchanged 2 "isms db copy: missing --to DST" db copy
	fails_unchanged 2 "isms db copy: unexpected argument 'x'" db copy --to y x
}

t_copy_from_missing_or_unreachable_source() {
	local dst
	dst=$(new_sqlite_path)
	fails 1 "no database at $T_DIR/none.db; create one with 'isms init'" \
		db copy --from "$T_DIR/none.db" --to "$dst"
	[[ ! -e $dst ]] || die "destination created"
	fails 1 "cannot connect to postgresql://alice@127.0.0.1:1/isms: " \
		db copy --from "postgresql://alice:s3cret@127.0.0.1:1/isms" --to "$dst"
	[[ $err != *s3cret* ]] || die "password shown"
	[[ ! -e $dst ]] || die "destination created"
	fails 1 "cannot connect to postgresql://[bad: " db copy --from "postgresql://[bad" --to "$dst"
	[[ ! -e $dst ]] || die "destination created"
	# A destination that exists stays as it was.
	fresh_store
	ok org add acme --name Acme
	fails_unchanged 1 "cannot connect to postgresql://127.0.0.1:1/isms: " \
		db copy --from "postgresql://127.0.0.1:1/isms" --to "$ISMS_DB"
}

t_copy_to_unreachable_destination() {
	fresh_store
	ok org add acme --name Acme
	# The source is only read: it stays as it was whatever happens.
	fails_unchanged 1 "cannot connect to postgresql://bob@127.0.0.1:1/isms: " \
		db copy --to "postgresql://bob:pw@127.0.0.1:1/isms"
	[[ $err != *:pw@* ]] || die "password shown"
	fails_unchanged 1 "cannot connect to postgresql://[bad: " db copy --to "postgresql://[bad"
	fails_unchanged 1 "cannot connect to postgres://127.0.0.1:1/isms?application_name=x: " \
		db copy --to "postgres://127.0.0.1:1/isms?password=pw&application_name=x"
}

t_copy_to_missing_database() {
	pg_only
	fresh_store
	ok org add acme --name Acme
	fails_unchanged 1 'database "isms_no_such_db" does not exist' \
		db copy --to "$ISMS_PG_URL/isms_no_such_db"
}

t_copy_refuses_a_table_it_does_not_know() {
	local dst
	fresh_store
	ok org add acme --name Acme
	store_sql "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"
	dst=$(new_sqlite_path)
	fails 1 "holds a table 'notes' that isms cannot copy" db copy --to "$dst"
	ISMS_DB=$dst ok org list --json
	jq_eq length 0
}

t_copy_refuses_a_different_table() {
	local a
	a=$(new_sqlite_path)
	ISMS_DB=$a fill_store
	fresh_store
	store_sql "ALTER TABLE org ADD COLUMN extra TEXT"
	fails_unchanged 1 "table org differs between" db copy --from "$a" --to "$ISMS_DB"
}

t_copy_refuses_another_schema_version() {
	local a
	a=$(new_sqlite_path)
	ISMS_DB=$a fill_store
	fresh_store
	store_sql "UPDATE isms_meta SET value = '999' WHERE key = 'schema_version'"
	fails_unchanged 1 "has schema version 999, newer than this isms understands" \
		db copy --from "$a" --to "$ISMS_DB"
	# The same the other way round: the source is left alone as well.
	fails_unchanged 1 "has schema version 999, newer than this isms understands" \
		db copy --to "$(new_sqlite_path)"
}
