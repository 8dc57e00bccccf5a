# Several processes using one store at the same time: nothing is lost,
# nothing lands twice, and a race ends in the same clean refusal as a
# plain duplicate.

WRITERS=8
WRITES=200
RACES=12

# Start a writer in the background: ISMS_BIN with the arguments, its exit
# status into $1.rc and its stderr into $1.err.
spawn() {
	local base=$1
	shift
	(
		"$ISMS_BIN" "$@" >/dev/null 2>"$base.err"
		echo $? >"$base.rc"
	) &
}

t_concurrent_writers_lose_nothing() {
	local i j start ms
	fresh_store
	ok org add acme --name Acme
	export ISMS_ORG=acme
	start=$(date +%s%N)
	for i in $(seq 1 $WRITERS); do
		(
			for j in $(seq 1 $WRITES); do
				"$ISMS_BIN" scope add process "P-$i-$j" >/dev/null \
					2>>"$T_DIR/errors.$i" || echo "P-$i-$j" >>"$T_DIR/failed"
			done
		) &
	done
	wait
	ms=$((($(date +%s%N) - start) / 1000000))
	[[ ! -s $T_DIR/failed ]] || die "writes failed: $(head -3 "$T_DIR/failed")"
	! cat "$T_DIR"/errors.* | grep . || die "a writer printed errors"
	for i in $(seq 1 $WRITERS); do
		for j in $(seq 1 $WRITES); do
			echo "P-$i-$j"
		done
	done | sort >"$T_DIR/want"
	ok scope show --json
	jq -r '.items[].name' <<<"$out" | sort >"$T_DIR/got"
	diff -q "$T_DIR/want" "$T_DIR/got" >/dev/null || die "writes lost or doubled"
	jq_eq '.items | length' $((WRITERS * WRITES))
	[[ $(store_sql "SELECT count(*), count(DISTINCT name) FROM scope_item") == \
		"$((WRITERS * WRITES))|$((WRITERS * WRITES))" ]] || die "rows lost or doubled"
	note "$((WRITERS * WRITES)) writes by $WRITERS processes in $ms ms," \
		"$((WRITERS * WRITES * 1000 / (ms > 0 ? ms : 1))) writes/s, none lost or doubled"
}

# Each writer tries the same names: one wins each, the others are told it
# already exists, exactly as after the fact.
t_concurrent_adds_of_the_same_records() {
	local i j wins=0 rc
	fresh_store
	ok org add acme --name Acme
	export ISMS_ORG=acme
	for i in $(seq 1 $WRITERS); do
		(
			for j in $(seq 1 $RACES); do
				"$ISMS_BIN" scope add process "Same-$j" >/dev/null 2>"$T_DIR/item.$i.$j.err"
				echo $? >"$T_DIR/item.$i.$j.rc"
				"$ISMS_BIN" scope add interface "Link-$j" >/dev/null 2>"$T_DIR/link.$i.$j.err"
				echo $? >"$T_DIR/link.$i.$j.rc"
				"$ISMS_BIN" org add "org-$j" --name "Org $j" >/dev/null 2>"$T_DIR/org.$i.$j.err"
				echo $? >"$T_DIR/org.$i.$j.rc"
			done
		) &
	done
	wait
	for j in $(seq 1 $RACES); do
		for what in "item:process 'Same-$j' is already in the scope list" \
			"link:interface 'Link-$j' is already recorded" \
			"org:organisation 'org-$j' already exists"; do
			wins=0
			for i in $(seq 1 $WRITERS); do
				rc=$(cat "$T_DIR/${what%%:*}.$i.$j.rc")
				err=$(cat "$T_DIR/${what%%:*}.$i.$j.err")
				if [[ $rc == 0 ]]; then
					wins=$((wins + 1))
					[[ -z $err ]] || die "a success printed: $err"
				else
					[[ $rc == 1 && $err == "isms: ${what#*:}" ]] ||
						die "writer $i, ${what%%:*} $j: status $rc: $err"
				fi
			done
			[[ $wins == 1 ]] || die "${what%%:*} $j added $wins times"
		done
	done
	[[ $(store_sql "SELECT count(*) FROM scope_item") == "$RACES" ]] || die "items doubled"
	[[ $(store_sql "SELECT count(*) FROM scope_interface") == "$RACES" ]] ||
		die "links doubled"
	[[ $(store_sql "SELECT count(*) FROM org") == $((RACES + 1)) ]] ||
		die "organisations doubled"
}

# Several processes opening a brand-new store at once: one creates the
# schema, the others wait for it and find it made.
t_concurrent_init_of_a_new_store() {
	local i
	new_db
	for i in $(seq 1 $WRITERS); do
		spawn "$T_DIR/init.$i" init
	done
	wait
	for i in $(seq 1 $WRITERS); do
		[[ $(cat "$T_DIR/init.$i.rc") == 0 ]] ||
			die "init $i failed: $(cat "$T_DIR/init.$i.err")"
		[[ ! -s $T_DIR/init.$i.err ]] || die "init $i printed: $(cat "$T_DIR/init.$i.err")"
	done
	[[ $(store_sql "SELECT count(*) FROM schema_migration") == 9 ]] || die "migrated twice"
	ok catalog frameworks --json
	jq_eq length 1
	jq_eq '.[0].items' 123
	ok catalog list --json
	jq_eq length 123
}
