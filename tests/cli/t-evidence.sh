# Evidence: files stored once by SHA-256, checked on every read, linked to
# the items of an assessment.

with_org() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
}

# tamper SHA: change the stored bytes of that content behind the program.
tamper() {
	local sha=$1
	if [[ $T_BACKEND == postgresql ]]; then
		store_sql "UPDATE blob_chunk SET data = convert_to('forged', 'UTF8')
			WHERE sha256 = '$sha' AND seq = (SELECT min(seq) FROM blob_chunk
			WHERE sha256 = '$sha')" >/dev/null
	else
		local f="$ISMS_DB.evidence/${sha:0:2}/$sha"
		[[ -f $f ]] || die "no stored file $f"
		chmod u+w "$f"
		printf 'forged' | dd of="$f" bs=1 seek=0 conv=notrunc status=none
	fi
}

t_add_is_content_addressed() {
	with_org
	printf 'Information security policy, v3\n' >"$T_DIR/policy.txt"
	want=$(sha256sum "$T_DIR/policy.txt" | cut -d' ' -f1)
	ok evidence add "$T_DIR/policy.txt" --kind policy --title "IS policy" \
		--valid-until 2027-01-31 --json
	jq_eq .sha256 "$want"
	jq_eq .size 32
	jq_eq .kind policy
	jq_eq .title "IS policy"
	jq_eq .filename policy.txt
	jq_eq .collected_on 2026-01-15
	jq_eq .valid_until 2027-01-31
	jq_eq .existed false
	# The same bytes under another name are the same evidence.
	cp "$T_DIR/policy.txt" "$T_DIR/copy.txt"
	ok evidence add "$T_DIR/copy.txt" --kind record --json
	jq_eq .sha256 "$want"
	jq_eq .existed true
	jq_eq .title "IS policy"
	ok evidence add "$T_DIR/copy.txt" --kind record
	out_has "Already held as $want"
	[[ $(store_sql "SELECT count(*) FROM blob") == 1 ]] || die "content stored twice"
	[[ $(store_sql "SELECT count(*) FROM evidence") == 1 ]] || die "evidence recorded twice"
	ok evidence list --json
	jq_eq 'length' 1
	ok evidence show "${want:0:8}" --json
	jq_eq .sha256 "$want"
	ok evidence list
	out_has "IS policy"
	# The title defaults to the file name.
	printf 'log line\n' >"$T_DIR/auth.log"
	ok evidence add "$T_DIR/auth.log" --kind log --json
	jq_eq .title auth.log
}

t_get_returns_the_same_bytes() {
	with_org
	head -c 3000000 /dev/urandom >"$T_DIR/big.bin"
	ok evidence add "$T_DIR/big.bin" --kind config --json
	sha=$(jq -r .sha256 <<<"$out")
	ok evidence get "$sha" -o "$T_DIR/back.bin"
	cmp -s "$T_DIR/big.bin" "$T_DIR/back.bin" || die "the content came back different"
	ok evidence get "${sha:0:10}" -o - >/dev/null
	"$ISMS_BIN" evidence get "$sha" -o - >"$T_DIR/stdout.bin" || die "get to stdout failed"
	cmp -s "$T_DIR/big.bin" "$T_DIR/stdout.bin" || die "stdout copy differs"
	# An empty file is evidence too (a blank export proves nothing, but
	# it is what was collected).
	: >"$T_DIR/empty"
	ok evidence add "$T_DIR/empty" --kind other --json
	jq_eq .sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
	ok evidence get e3b0c442 -o "$T_DIR/empty.out"
	[[ -f $T_DIR/empty.out && ! -s $T_DIR/empty.out ]] || die "empty file not written"
}

t_damaged_content_is_refused() {
	with_org
	printf 'Access review Q4: 212 accounts, 9 removed\n' >"$T_DIR/review.txt"
	ok evidence add "$T_DIR/review.txt" --kind record --json
	sha=$(jq -r .sha256 <<<"$out")
	tamper "$sha"
	fails 1 "is damaged" evidence get "$sha" -o "$T_DIR/out.txt"
	[[ ! -e $T_DIR/out.txt ]] || die "damaged content was written out"
	ls "$T_DIR" | grep -q isms-tmp && die "a temporary file was left behind"
	# Adding the genuine file again does not hide the damage: the stored
	# copy is what is read.
	fails 1 "is damaged" evidence get "$sha" -o -
}

t_links() {
	with_org
	ok gap new --name Baseline
	printf 'Asset inventory export\n' >"$T_DIR/assets.csv"
	ok evidence add "$T_DIR/assets.csv" --kind record --json
	sha=$(jq -r .sha256 <<<"$out")
	ok evidence link "$sha" a.5.9 --json
	jq_eq '.linked_to | join(",")' A.5.9
	ok evidence link "${sha:0:12}" A.5.10
	out_has "Linked ${sha:0:12} ('assets.csv') to A.5.10 of assessment 1"
	# Linking twice is harmless.
	ok evidence link "$sha" A.5.9
	ok evidence show "$sha" --json
	jq_eq '.linked_to | join(",")' A.5.9,A.5.10
	ok gap show A.5.9 --json
	jq_eq '.linked_evidence[0].sha256' "$sha"
	jq_eq .evidence.valid 1
	ok evidence unlink "$sha" A.5.10 --json
	jq_eq '.linked_to | join(",")' A.5.9
	# Links belong to an assessment: a new one starts without them.
	ok gap new --name Second
	ok evidence show "$sha" --json
	jq_eq '.linked_to | length' 0
	ok evidence show "$sha" --assessment 1 --json
	jq_eq '.linked_to | join(",")' A.5.9
}

t_bad_input() {
	with_org
	ok gap new --name Baseline
	printf 'x\n' >"$T_DIR/x.txt"
	fails_unchanged 1 "cannot read evidence file '$T_DIR/none.txt'" \
		evidence add "$T_DIR/none.txt" --kind record
	fails_unchanged 1 "not a regular file" evidence add "$T_DIR" --kind record
	fails_unchanged 2 "unknown evidence kind 'memo'" evidence add "$T_DIR/x.txt" --kind memo
	fails_unchanged 2 "say what the file is with --kind KIND" evidence add "$T_DIR/x.txt"
	fails_unchanged 2 "valid-until date '31.12.2026' is not a valid date" \
		evidence add "$T_DIR/x.txt" --kind record --valid-until 31.12.2026
	fails_unchanged 2 "collection date '2026-1-5' is not a valid date" \
		evidence add "$T_DIR/x.txt" --kind record --collected 2026-1-5
	fails_unchanged 2 "valid-until date 2025-01-01 is before the collection date 2026-01-15" \
		evidence add "$T_DIR/x.txt" --kind record --valid-until 2025-01-01
	fails_unchanged 2 "evidence title must not be empty" \
		evidence add "$T_DIR/x.txt" --kind record --title " "
	if [[ $(id -u) -ne 0 ]]; then
		cp "$T_DIR/x.txt" "$T_DIR/secret.txt"
		chmod 000 "$T_DIR/secret.txt"
		fails_unchanged 1 "Permission denied" evidence add "$T_DIR/secret.txt" --kind record
	fi
	ok evidence add "$T_DIR/x.txt" --kind record --json
	sha=$(jq -r .sha256 <<<"$out")
	fails_unchanged 2 "is not a SHA-256 digest or a prefix of 8 or more" evidence show abc
	fails_unchanged 2 "is not a SHA-256 digest" evidence link "'; DROP TABLE evidence; --" A.5.1
	fails_unchanged 1 "no evidence 0000000000" evidence link 0000000000 A.5.1
	fails_unchanged 1 "no item 'A.5.99'" evidence link "$sha" A.5.99
	fails_unchanged 2 "say where to write it with -o FILE" evidence get "$sha"
	fails 1 "cannot write '$T_DIR/no/such/dir/out'" evidence get "$sha" -o "$T_DIR/no/such/dir/out"
	# Evidence belongs to its organisation.
	ok org add beta --name Beta
	ok --org beta gap new --name B
	fails 1 "no evidence $sha" --org beta evidence link "$sha" A.5.1
}

t_unlink_needs_no_assessment_to_list() {
	with_org
	printf 'y\n' >"$T_DIR/y.txt"
	ok evidence add "$T_DIR/y.txt" --kind other
	ok evidence list --json
	jq_eq 'length' 1
	jq_eq '.[0].linked_to | length' 0
	fails_unchanged 1 "no gap assessment yet" evidence link "$(sha256sum "$T_DIR/y.txt" | cut -c1-64)" A.5.1
}
