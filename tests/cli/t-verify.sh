# The change log and 'isms verify': every write logged and chained, and
# every change made behind the program's back found.

export ISMS_ACTOR="test:alice"

# A store with a few records written through the program.
logged_store() {
	fresh_store
	fill_logged
}

fill_logged() {
	ok init
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	ok scope add process Payroll --description "Monthly payroll"
	ok org rename acme --name "Acme Group"
}

# drop_triggers TABLE: the change log's triggers of a table gone.
drop_triggers() {
	if [[ $T_BACKEND == postgresql ]]; then
		store_sql "DROP TRIGGER isms_change_log ON $1"
	else
		store_sql "DROP TRIGGER isms_log_$1_insert; DROP TRIGGER isms_log_$1_update;
			DROP TRIGGER isms_log_$1_delete"
	fi
}

# tamper SHA: change the stored bytes of that content behind the program.
tamper_blob() {
	local sha=$1
	if [[ $T_BACKEND == postgresql ]]; then
		store_sql "UPDATE blob_chunk SET data = convert_to('forged', 'UTF8')
			WHERE sha256 = '$sha' AND seq = 0" >/dev/null
	else
		local f="$ISMS_DB.evidence/${sha:0:2}/$sha"
		chmod u+w "$f"
		printf 'forged' | dd of="$f" bs=1 seek=0 conv=notrunc status=none
	fi
}

t_clean_store_verifies() {
	logged_store
	ok verify
	out_has "chain: "
	out_has "blocks, intact; records: "
	# One of a thing is not plural.
	ok --db "$T_DIR/one.db" init
	ok --db "$T_DIR/one.db" verify
	out_has "chain: 1 block, intact"
	out_has "0 changed; evidence: 0 blobs, 0 damaged"
	ok verify --json
	jq_eq .ok true
	jq_eq '.problems | length' 0
	[[ $(jq .blocks <<<"$out") -ge 4 ]] || die "too few blocks"
}

t_log_shows_actor_and_update() {
	logged_store
	ok log
	out_has "test:alice"
	out_has 'update org id=1: name: "Acme Ltd" -> "Acme Group"'
	out_has "insert scope_item id=1"
	ok log --table org --limit 1 --json
	jq_eq '.blocks | length' 1
	jq_eq '.blocks[0].actor' test:alice
	jq_eq '.blocks[0].changes[0].op' update
	jq_eq '.blocks[0].changes[0].before.name' "Acme Ltd"
	jq_eq '.blocks[0].changes[0].after.name' "Acme Group"
	ok log --since 2999-01-01
	out_has "No changes logged that match."
	fails 2 "--since takes a date" log --since yesterday
	fails 2 "--limit takes a number" log --limit x
}

t_direct_update_is_found() {
	logged_store
	store_sql "UPDATE org SET name = 'Evil Corp' WHERE slug = 'acme'"
	run verify
	[[ $status -eq 3 ]] || die "verify exit $status, expected 3"
	out_has "unchained: org id=1"
	run verify --json
	jq_eq '[.problems[] | select(.kind == "unchained")][0].table' org
	jq_eq '[.problems[] | select(.kind == "unchained")][0].key' "id=1"
}

t_change_without_triggers_is_found() {
	logged_store
	drop_triggers org
	store_sql "UPDATE org SET name = 'Evil Corp' WHERE slug = 'acme'"
	run verify
	[[ $status -eq 3 ]] || die "verify exit $status, expected 3"
	out_has "changed: org id=1 differs from its last logged image"
	out_has "1 changed"
}

t_deleted_and_inserted_rows_are_found() {
	logged_store
	drop_triggers scope_item
	drop_triggers org
	store_sql "DELETE FROM scope_item WHERE name = 'Payroll'"
	store_sql "INSERT INTO org (slug, name, created_at) VALUES ('ghost', 'Ghost', 'x')"
	run verify --json
	[[ $status -eq 3 ]] || die "verify exit $status, expected 3"
	jq_eq '[.problems[] | select(.kind == "missing")][0].table' scope_item
	jq_eq '[.problems[] | select(.kind == "missing")][0].key' "id=1"
	jq_eq '[.problems[] | select(.kind == "unlogged")][0].table' org
	jq_eq '[.problems[] | select(.kind == "unlogged")][0].key' "id=2"
}

# Each block says which organisation its changes are, so that an
# organisation's people can read their part of the log.
t_log_blocks_name_their_organisation() {
	logged_store
	ok org add beta --name "Beta plc"
	ISMS_ORG=beta ok scope add location Lab
	ok catalog list --json
	ok log --json --limit 0
	jq_eq '[.blocks[] | select(.org == "acme")] | length' 3
	jq_eq '[.blocks[] | select(.org == "beta")] | length' 2
	# The catalogue loaded by init is of no organisation.
	jq_eq '.blocks[-1].org' null
	ok log --org acme --json --limit 0
	jq_eq '[.blocks[].org] | unique == ["acme"]' true
	jq_eq '[.blocks[].changes[].table] | sort == ["org","org","scope_item"]' true
	ok log --org beta
	out_has "in beta"
	out_has "insert scope_item id=2"
	out_lacks "Payroll"
	fails 1 "no organisation 'gamma'" log --org gamma
	ok verify
	# Moving a block to another organisation breaks the chain.
	store_sql "UPDATE change_block SET org_id = 2 WHERE org_id = 1"
	run verify
	[[ $status -eq 3 ]] || die "verify exit $status, expected 3"
	out_has "does not match its SHA-256"
}

t_edited_log_entry_breaks_the_chain() {
	logged_store
	store_sql "UPDATE change_log SET after = replace(after, 'Acme Group', 'Acme Inc')
		WHERE op = 'update' AND tbl = 'org'"
	run verify
	[[ $status -eq 3 ]] || die "verify exit $status, expected 3"
	out_has "does not match its SHA-256"
	out_has "chain: "
	out_has "blocks, BROKEN"
}

t_deleted_log_entry_breaks_the_chain() {
	logged_store
	store_sql "DELETE FROM change_log WHERE tbl = 'scope_item'"
	run verify
	[[ $status -eq 3 ]] || die "verify exit $status, expected 3"
	out_has "entries were removed or added"
	out_has "unlogged: scope_item id=1 is in the store but not in the change log"
}

t_deleted_block_breaks_the_chain() {
	logged_store
	store_sql "DELETE FROM change_block WHERE seq = 2"
	run verify
	[[ $status -eq 3 ]] || die "verify exit $status, expected 3"
	out_has "blocks were removed or added"
}

t_altered_evidence_is_found() {
	local sha
	logged_store
	printf 'Information security policy, v3\n' >"$T_DIR/policy.txt"
	ok evidence add "$T_DIR/policy.txt" --kind policy --title "IS policy" --json
	sha=$(jq -r .sha256 <<<"$out")
	ok verify
	out_has "evidence: 1 blob, 0 damaged"
	tamper_blob "$sha"
	run verify --json
	[[ $status -eq 3 ]] || die "verify exit $status, expected 3"
	jq_eq '.problems[0].kind' blob
	jq_eq '.problems[0].key' "$sha"
	run verify
	out_has "$sha"
}

t_copy_carries_the_log_and_verifies() {
	local a
	a=$(new_sqlite_path)
	(export ISMS_DB=$a && fill_logged)
	ISMS_DB=$a ok log --json --limit 0
	blocks=$(jq '.blocks | length' <<<"$out")
	new_db
	ok db copy --from "$a" --to "$ISMS_DB"
	ok verify
	out_has "0 changed"
	ok log --json --limit 0
	jq_eq '.blocks | length' "$blocks"
	# The copy's log goes on from the copied chain.
	ok --org acme org rename acme --name "Acme Again"
	ok verify
	ok log --limit 1
	out_has 'name: "Acme Group" -> "Acme Again"'
}
