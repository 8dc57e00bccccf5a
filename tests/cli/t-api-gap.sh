# Gap assessments and evidence over HTTP: the same rules and the same JSON
# as `isms gap` and `isms evidence`; evidence uploaded and downloaded byte
# for byte, checked against its SHA-256 both ways; a certification body's
# auditor never sees what a gap assessment produced.

ORG_PATH=/api/v1/orgs/acme

# gap_api [SERVE ARGS...]: organisation acme, an administrator "root" signed
# in, the server running.
gap_api() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	add_user root admin
	serve_start "$@"
	login root
}

# login NAME: sign in once and keep the session's CSRF token for `as`.
login() {
	sign_in "$1"
	printf '%s' "$csrf" >"$T_DIR/csrf.$1"
}

# as NAME: the next api calls are made by NAME (signed in with login).
as() {
	signed_in=$1
	csrf=$(cat "$T_DIR/csrf.$1")
}

# same_as_cli: the answer's body is the JSON the command line printed last.
same_as_cli() {
	local a b
	a=$(jq -S . <<<"$body") || die "the answer is not JSON: $body"
	b=$(jq -S . <<<"$out") || die "the command line printed no JSON: $out"
	[[ $a == "$b" ]] ||
		die "the API and the command line differ: $(diff <(echo "$b") <(echo "$a") | head -20)"
}

# upload QUERY FILE [CURL ARGS...]: POST the file's bytes as evidence of acme.
upload() {
	local query=$1 file=$2
	shift 2
	api POST "$ORG_PATH/evidence?$query" -H 'Content-Type: application/octet-stream' \
		--data-binary "@$file" "$@"
}

# fetch PATH FILE: GET the path's bytes into FILE as the signed-in user;
# $code, the headers in $T_DIR/headers, and $body (text, for messages).
fetch() {
	code=$(curl -s -o "$2" -D "$T_DIR/headers" -w '%{http_code}' \
		-b "$T_DIR/jar.$signed_in" "$base$1") || die "curl failed on GET $1"
	body=$(head -c 4000 "$2" | tr -d '\0')
}

sha_of() {
	sha256sum "$1" | cut -c1-64
}

# stored SHA: whether the store holds that content.
stored() {
	[[ $(store_sql "SELECT count(*) FROM blob WHERE sha256 = '$1'") != 0 ]] && return 0
	[[ $T_BACKEND == sqlite && -e "$ISMS_DB.evidence/${1:0:2}/$1" ]]
}

# damage SHA: change the stored bytes of that content behind the program.
damage() {
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

# evidence_file NAME TEXT: a small file in the test's directory; its SHA-256
# in $sha.
evidence_file() {
	printf '%s\n' "$2" >"$T_DIR/$1"
	sha=$(sha_of "$T_DIR/$1")
}

t_assessments_start_and_list() {
	gap_api
	add_user vic viewer acme
	login vic
	as root
	api POST $ORG_PATH/assessments -d '{"name":"Baseline","date":"2026-01-10","assessor":"J. Smith"}'
	expect 201
	jq_body '.id == 1 and .name == "Baseline" and .date == "2026-01-10" and .record_type == "gap-assessment"'
	[[ -n $(header ETag) ]] || die "no ETag on the new assessment"
	ok gap new --name Second --json
	api GET $ORG_PATH/assessments
	expect 200
	ok gap list --json
	same_as_cli
	[[ $(header X-Total-Count) == 2 ]] || die "X-Total-Count: $(header X-Total-Count)"
	# "latest" is the newest, as the command line's default.
	api GET $ORG_PATH/assessments/latest
	expect 200
	jq_body '.id == 2 and .verdict == "not-ready" and .overall == 0'
	api GET $ORG_PATH/assessments/1
	jq_body '.name == "Baseline" and .assessor == "J. Smith"'
	# Bad input changes nothing.
	snapshot
	api POST $ORG_PATH/assessments -d '{"date":"2026-01-10"}'
	expect 400
	jq_body '.error.message | test("name")'
	api POST $ORG_PATH/assessments -d '{"name":"Third","framework":"x"}'
	expect 400
	jq_body '.error.message | test("unknown member \"framework\"")'
	api POST $ORG_PATH/assessments -d '{"name":"Third","date":"2026-02-30"}'
	expect 422
	api POST $ORG_PATH/assessments -d '{"name":"Bell \u0007 ringing"}'
	expect 422
	api POST $ORG_PATH/assessments -d '{"name":["Third"]}'
	expect 400
	api GET $ORG_PATH/assessments/99
	expect 404
	api GET $ORG_PATH/assessments/first
	expect 400
	api GET $ORG_PATH/assessments/0
	expect 400
	as vic
	api GET $ORG_PATH/assessments
	expect 200
	api POST $ORG_PATH/assessments -d '{"name":"Viewed"}'
	expect 403
	unchanged
	serve_stop
}

t_checklist_and_findings() {
	gap_api
	add_user vic viewer acme
	add_user otto control-owner acme
	login vic
	login otto
	as root
	ok gap new --name Baseline
	ok gap set A.5.2 --status partial --owner "IT lead"
	ok gap set 5.1 --status nonconforming
	# The whole checklist, a page at a time.
	api GET "$ORG_PATH/assessments/latest/items?limit=1000"
	expect 200
	ok gap items --json
	same_as_cli
	api GET "$ORG_PATH/assessments/1/items"
	[[ $(header X-Total-Count) == $(jq length <<<"$out") ]] || die "X-Total-Count: $(header X-Total-Count)"
	jq_body 'length == 100'
	# The command line's filters.
	api GET "$ORG_PATH/assessments/1/items?status=partial&group=A.5"
	ok gap items --status partial --group A.5 --json
	same_as_cli
	jq_body 'map(.ref) == ["A.5.2"]'
	api GET "$ORG_PATH/assessments/1/items?group=organizational&limit=1000"
	ok gap items --group organizational --json
	same_as_cli
	api GET "$ORG_PATH/assessments/1/items?status=great"
	expect 422
	api GET "$ORG_PATH/assessments/1/items?group=A.99"
	[[ $code == 404 || $code == 422 ]] || die "an unknown group: $code $body"
	# One item, as `gap show`.
	api GET $ORG_PATH/assessments/latest/items/a.5.2
	expect 200
	ok gap show A.5.2 --json
	same_as_cli
	# Record a finding as `gap set` does; the answer is the item as now.
	api PATCH $ORG_PATH/assessments/1/items/A.5.3 \
		-d '{"status":"partial","maturity":2,"owner":"CISO","note":"Duties split <b>in part</b>","target":"2026-03-31"}'
	expect 200
	ok gap show A.5.3 --json
	same_as_cli
	jq_body '.maturity == 2 and .notes == "Duties split <b>in part</b>" and .target_date == "2026-03-31"'
	api PATCH $ORG_PATH/assessments/1/items/A.5.3 -d '{"target":"","maturity":"3"}'
	expect 200
	jq_body '.target_date == null and .maturity == 3'
	api PATCH $ORG_PATH/assessments/1/items/A.7.4 -d '{"status":"na","justification":"No premises of our own"}'
	expect 200
	ok gap show A.7.4 --json
	same_as_cli
	# The rules, each refused with nothing changed.
	snapshot
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{"status":"conforming"}'
	expect 409
	jq_body '.error.message | test("evidence")'
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{"status":"na"}'
	expect 422
	api PATCH $ORG_PATH/assessments/1/items/4.1 -d '{"status":"na","justification":"Clauses always apply"}'
	expect 422
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{"status":"partial","justification":"Only for na"}'
	expect 422
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{"maturity":9}'
	expect 422
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{"maturity":"high"}'
	expect 422
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{"status":"partial","target":"2026-31-12"}'
	expect 422
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{"status":"partial","owner":"Eve\u001b[31m"}'
	expect 422
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{"status":"done"}'
	expect 422
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{}'
	expect 400
	jq_body '.error.message | test("nothing to record")'
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{"notes":"misspelt"}'
	expect 400
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{"status":{"is":"partial"}}'
	expect 400
	api PATCH $ORG_PATH/assessments/1/items/A.99.1 -d '{"status":"partial"}'
	expect 404
	api PATCH $ORG_PATH/assessments/7/items/A.5.4 -d '{"status":"partial"}'
	expect 404
	api GET $ORG_PATH/assessments/1/items/Z.1
	expect 404
	as vic
	api GET $ORG_PATH/assessments/1/items/A.5.3
	expect 200
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -d '{"status":"partial"}'
	expect 403
	unchanged
	# A control owner records findings; If-Match stops a lost update.
	as otto
	api GET $ORG_PATH/assessments/1/items/A.5.4
	local etag
	etag=$(header ETag)
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -H "If-Match: $etag" -d '{"status":"partial"}'
	expect 200
	snapshot
	api PATCH $ORG_PATH/assessments/1/items/A.5.4 -H "If-Match: $etag" -d '{"status":"nonconforming"}'
	expect 412
	unchanged
	ok gap show A.5.4 --json
	jq_eq .status partial
	serve_stop
}

t_score_roadmap_and_actions() {
	gap_api
	add_user vic viewer acme
	login vic
	as root
	ok org add beta --name "Beta Ltd"
	ok gap new --name Baseline
	ok gap set 5.1 --status nonconforming
	ok gap set A.5.2 --status partial
	ok gap set A.8.8 --status nonconforming
	api GET $ORG_PATH/assessments/latest/score
	expect 200
	ok gap score --json
	same_as_cli
	api GET $ORG_PATH/assessments/1/roadmap
	expect 200
	ok gap roadmap --json
	same_as_cli
	# Every organisation's newest assessment, as `gap score --all`.
	api GET /api/v1/gap-scores
	expect 200
	ok gap score --all --json
	same_as_cli
	jq_body 'map(.org) == ["acme","beta"] and .[1].assessment == null'
	# One action; changing it as `gap action` does.
	api GET $ORG_PATH/assessments/1/actions/a.8.8
	expect 200
	jq_body '.ref == "A.8.8" and .action_status == "open"'
	api PATCH $ORG_PATH/assessments/1/actions/A.8.8 \
		-d '{"owner":"Ops","due":"2026-02-20","effort":"S","resources":"2 days","status":"in-progress"}'
	expect 200
	ok gap roadmap --json
	out=$(jq '.[] | select(.ref == "A.8.8")' <<<"$out")
	same_as_cli
	jq_body '.owner == "Ops" and .due == "2026-02-20" and .effort == "S" and .action_status == "in-progress"'
	# Placed by hand, with the reason; then back to the computed order.
	api POST $ORG_PATH/assessments/1/actions/A.8.8/move -d '{"to":1,"reason":"Patching first: the audit samples it"}'
	expect 200
	jq_body '.priority == 1 and .placed_by_hand and .rank_reason == "Patching first: the audit samples it"'
	ok gap roadmap --json
	jq_eq '.[0].ref' A.8.8
	snapshot
	api PATCH $ORG_PATH/assessments/1/actions/A.8.8 -d '{"effort":"XXL"}'
	expect 422
	api PATCH $ORG_PATH/assessments/1/actions/A.8.8 -d '{"status":"finished"}'
	expect 422
	api PATCH $ORG_PATH/assessments/1/actions/A.8.8 -d '{"due":"soon"}'
	expect 422
	api PATCH $ORG_PATH/assessments/1/actions/A.8.8 -d '{}'
	expect 400
	api PATCH $ORG_PATH/assessments/1/actions/A.5.1 -d '{"owner":"Nobody"}'
	expect 409
	api GET $ORG_PATH/assessments/1/actions/A.5.1
	expect 404
	api POST $ORG_PATH/assessments/1/actions/A.5.2/move -d '{"to":1}'
	expect 422
	jq_body '.error.message | test("reason")'
	api POST $ORG_PATH/assessments/1/actions/A.5.2/move -d '{"to":0,"reason":"x"}'
	expect 422
	api POST $ORG_PATH/assessments/1/actions/A.5.2/move -d '{"to":2,"reason":"x","auto":true}'
	expect 400
	api POST $ORG_PATH/assessments/1/actions/A.5.2/move -d '{"auto":"yes"}'
	expect 400
	api POST $ORG_PATH/assessments/1/actions/A.5.1/move -d '{"to":1,"reason":"x"}'
	expect 409
	as vic
	api GET $ORG_PATH/assessments/1/roadmap
	expect 200
	api PATCH $ORG_PATH/assessments/1/actions/A.8.8 -d '{"owner":"Vic"}'
	expect 403
	api POST $ORG_PATH/assessments/1/actions/A.8.8/move -d '{"auto":true}'
	expect 403
	api GET /api/v1/gap-scores
	expect 403
	unchanged
	as root
	api POST $ORG_PATH/assessments/1/actions/A.8.8/move -d '{"auto":true}'
	expect 200
	jq_body '.placed_by_hand == false and .rank_reason == null'
	serve_stop
}

t_diff_and_reports() {
	gap_api
	ok gap new --name Baseline --date 2025-06-01
	ok gap set A.5.2 --status partial
	ok gap set 5.1 --status nonconforming
	ok gap new --name Follow-up
	ok gap set A.5.2 --status nonconforming
	ok gap set 5.1 --status partial
	ok gap set A.7.4 --status na --justification "No premises"
	api GET $ORG_PATH/assessments/1/diff/2
	expect 200
	ok gap diff 1 2 --json
	same_as_cli
	jq_body '(.improved | map(.ref)) == ["5.1"] and (.regressed | map(.ref)) == ["A.5.2"]'
	api GET $ORG_PATH/assessments/1/diff/latest
	same_as_cli
	api GET $ORG_PATH/assessments/1/diff/9
	expect 404
	api GET $ORG_PATH/assessments/1/diff/two
	expect 400
	# Each format is what `gap report` writes, as a download.
	local f type
	for f in md html csv json; do
		ok gap report --format $f --assessment 1 -o "$T_DIR/cli.$f"
		fetch "$ORG_PATH/assessments/1/report?format=$f" "$T_DIR/api.$f"
		expect 200
		cmp -s "$T_DIR/cli.$f" "$T_DIR/api.$f" || die "the $f report differs from the command line's"
		[[ $(header Content-Disposition) == "attachment; filename=\"acme-gap-assessment-1.$f\"" ]] ||
			die "Content-Disposition: $(header Content-Disposition)"
	done
	fetch "$ORG_PATH/assessments/latest/report?format=html" "$T_DIR/api.html"
	type=$(header Content-Type)
	[[ $type == text/html* ]] || die "Content-Type: $type"
	[[ $(header Content-Security-Policy) == *"default-src 'none'"* ]] || die "no CSP on the HTML report"
	fetch "$ORG_PATH/assessments/latest/report" "$T_DIR/api.default"
	ok gap report --json
	jq -e '.assessment.id == 2' "$T_DIR/api.default" >/dev/null || die "the default report is not the newest's JSON"
	api GET "$ORG_PATH/assessments/1/report?format=pdf"
	expect 400
	jq_body '.error.message | test("md, html, csv or json")'
	api GET "$ORG_PATH/assessments/5/report?format=md"
	expect 404
	serve_stop
}

t_evidence_upload_and_download() {
	gap_api
	evidence_file policy.txt "Information security policy, v3"
	upload "kind=policy&title=IS%20policy&filename=policy.txt&valid_until=2027-01-31&collected_on=2026-01-02" \
		"$T_DIR/policy.txt" -H "X-Content-SHA256: $sha"
	expect 201
	jq_body ".sha256 == \"$sha\" and .existed == false and .size == 32 and .filename == \"policy.txt\""
	[[ $(header Location) == "$ORG_PATH/evidence/$sha" ]] || die "Location: $(header Location)"
	ok evidence show "$sha" --json
	out=$(jq '. + {existed: false}' <<<"$out")
	same_as_cli
	# The same content again is the evidence already held.
	cp "$T_DIR/policy.txt" "$T_DIR/copy.txt"
	upload "kind=record" "$T_DIR/copy.txt"
	expect 200
	jq_body '.existed == true and .title == "IS policy"'
	[[ $(store_sql "SELECT count(*) FROM evidence") == 1 ]] || die "recorded twice"
	# Content-Digest (RFC 9530) is checked as X-Content-SHA256 is.
	evidence_file log.txt "auth log"
	upload "kind=log&filename=auth.log" "$T_DIR/log.txt" \
		-H "Content-Digest: sha-256=:$(openssl dgst -sha256 -binary "$T_DIR/log.txt" | base64):"
	expect 201
	jq_body '.title == "auth.log" and .kind == "log"'
	# Without a name, the digest names it.
	evidence_file noname "nameless"
	upload "kind=other&collected=2026-01-03" "$T_DIR/noname"
	expect 201
	jq_body ".filename == \"evidence-${sha:0:12}\" and .title == .filename and .collected_on == \"2026-01-03\""
	# Downloads are the same bytes: text, a few MiB, NUL bytes, nothing.
	head -c $((3 * 1024 * 1024 + 17)) /dev/urandom >"$T_DIR/big.bin"
	printf 'a\0b\0\0c' >"$T_DIR/nul.bin"
	head -c 70000 /dev/zero >>"$T_DIR/nul.bin"
	: >"$T_DIR/empty.bin"
	local f s
	for f in policy.txt big.bin nul.bin empty.bin; do
		s=$(sha_of "$T_DIR/$f")
		upload "kind=config&filename=$f" "$T_DIR/$f" -H "X-Content-SHA256: $s"
		[[ $code == 201 || $code == 200 ]] || die "upload of $f: $code $body"
		jq_body ".sha256 == \"$s\""
		fetch "$ORG_PATH/evidence/$s/content" "$T_DIR/back.$f"
		expect 200
		cmp "$T_DIR/$f" "$T_DIR/back.$f" || die "$f came back different"
		[[ $(header X-Content-SHA256) == "$s" ]] || die "X-Content-SHA256: $(header X-Content-SHA256)"
		[[ $(header Content-Type) == application/octet-stream ]] || die "Content-Type: $(header Content-Type)"
		[[ $(header Content-Length) == $(stat -c %s "$T_DIR/$f") ]] || die "Content-Length: $(header Content-Length)"
	done
	# By prefix, as the command line takes it; the name is made safe to quote.
	printf 'quoted\n' >"$T_DIR/q.txt"
	s=$(sha_of "$T_DIR/q.txt")
	upload "kind=other&filename=%22r%C3%A9sum%C3%A9%22%3B%20x%0D.txt" "$T_DIR/q.txt"
	expect 422
	upload "kind=other&filename=%22r%C3%A9sum%C3%A9%22%3B%20x.txt" "$T_DIR/q.txt"
	expect 201
	fetch "$ORG_PATH/evidence/${s:0:10}/content" "$T_DIR/back.q"
	expect 200
	cmp -s "$T_DIR/q.txt" "$T_DIR/back.q" || die "q.txt came back different"
	[[ $(header Content-Disposition) == "attachment; filename=\"_r_sum____x.txt\"; filename*=UTF-8''%22r%C3%A9sum%C3%A9%22%3B%20x.txt" ]] ||
		die "Content-Disposition: $(header Content-Disposition)"
	fetch "$ORG_PATH/evidence/0123456789abcdef/content" "$T_DIR/none"
	expect 404
	serve_stop
}

t_evidence_uploads_refused() {
	gap_api --max-upload 64K
	add_user vic viewer acme
	login vic
	as root
	evidence_file policy.txt "Information security policy, v3"
	local wrong
	wrong=$(printf 'something else\n' | sha256sum | cut -c1-64)
	snapshot
	# Changed on the way: refused, and nothing kept.
	upload "kind=policy" "$T_DIR/policy.txt" -H "X-Content-SHA256: $wrong"
	expect 422
	jq_body ".error.message | test(\"$sha\")"
	upload "kind=policy" "$T_DIR/policy.txt" -H "X-Content-SHA256: ${sha:0:20}"
	expect 400
	upload "kind=policy" "$T_DIR/policy.txt" -H "Content-Digest: sha-256=:$(printf x | openssl dgst -sha256 -binary | base64):"
	expect 422
	# Metadata as the command line checks it.
	upload "kind=poster" "$T_DIR/policy.txt"
	expect 422
	upload "" "$T_DIR/policy.txt"
	expect 400
	jq_body '.error.message | test("kind")'
	upload "kind=policy&origin=consultant" "$T_DIR/policy.txt"
	expect 422
	upload "kind=policy&collected_on=2026-02-31" "$T_DIR/policy.txt"
	expect 422
	upload "kind=policy&valid_until=tomorrow" "$T_DIR/policy.txt"
	expect 422
	# A misspelt parameter is refused, never ignored.
	upload "kind=policy&valid_untill=2027-01-01" "$T_DIR/policy.txt"
	expect 400
	jq_body '.error.message | test("unknown query parameter .valid_untill.")'
	upload "kind=policy&collected=2026-01-02&collected_on=2026-01-03" "$T_DIR/policy.txt"
	expect 400
	upload "kind=policy&collected_on=2026-01-10&valid_until=2026-01-01" "$T_DIR/policy.txt"
	expect 422
	upload "kind=policy&filename=..%2Fetc%2Fpasswd" "$T_DIR/policy.txt"
	expect 422
	upload "kind=policy&title=%1B%5B2J" "$T_DIR/policy.txt"
	expect 422
	# Larger than the server takes: told before it is read, or when the
	# stream passes the limit.
	head -c $((64 * 1024 + 1)) /dev/urandom >"$T_DIR/big.bin"
	upload "kind=log" "$T_DIR/big.bin"
	expect 413
	upload "kind=log" "$T_DIR/big.bin" -H 'Transfer-Encoding: chunked'
	expect 413
	as vic
	upload "kind=policy" "$T_DIR/policy.txt"
	expect 403
	unchanged
	stored "$sha" && die "refused content was stored"
	stored "$(sha_of "$T_DIR/big.bin")" && die "an oversized upload was stored"
	# Exactly at the limit is taken.
	as root
	head -c $((64 * 1024)) /dev/urandom >"$T_DIR/limit.bin"
	upload "kind=log" "$T_DIR/limit.bin"
	expect 201
	stored "$(sha_of "$T_DIR/limit.bin")" || die "the upload was not stored"
	serve_stop
}

t_evidence_list_show_and_links() {
	gap_api
	add_user vic viewer acme
	add_user aud auditor acme
	add_user otto control-owner acme
	login vic
	login aud
	login otto
	as root
	ok gap new --name Baseline
	evidence_file assets.csv "Asset inventory export"
	ok evidence add "$T_DIR/assets.csv" --kind record
	local first=$sha
	evidence_file review.txt "Access review Q4"
	ok evidence add "$T_DIR/review.txt" --kind record --valid-until 2026-06-30
	ok evidence link "$first" A.5.9
	api GET $ORG_PATH/evidence
	expect 200
	ok evidence list --json
	same_as_cli
	api GET "$ORG_PATH/evidence/${first:0:8}"
	expect 200
	ok evidence show "$first" --json
	same_as_cli
	jq_body '.linked_to == ["A.5.9"]'
	# Link as `evidence link`: the answer is the evidence with its links.
	api PUT "$ORG_PATH/assessments/latest/items/a.5.10/evidence/${first:0:12}"
	expect 200
	ok evidence show "$first" --json
	same_as_cli
	jq_body '.linked_to == ["A.5.9","A.5.10"]'
	api PUT "$ORG_PATH/assessments/1/items/A.5.10/evidence/$first"
	expect 200
	ok gap set A.5.9 --status conforming
	# Another assessment's links, as --assessment shows them.
	ok gap new --name Second
	api GET $ORG_PATH/evidence
	jq_body 'all(.[]; .linked_to == [])'
	api GET "$ORG_PATH/evidence?assessment=1"
	ok evidence list --assessment 1 --json
	same_as_cli
	api GET "$ORG_PATH/evidence/$first?assessment=1"
	ok evidence show "$first" --assessment 1 --json
	same_as_cli
	# The rules: nothing changes when one is broken.
	snapshot
	api DELETE "$ORG_PATH/assessments/1/items/A.5.9/evidence/$first"
	expect 409
	jq_body '.error.message | test("only valid evidence")'
	api PUT "$ORG_PATH/assessments/1/items/A.99.9/evidence/$first"
	expect 404
	api PUT "$ORG_PATH/assessments/1/items/A.5.9/evidence/abcdef0123456789"
	expect 404
	api PUT "$ORG_PATH/assessments/1/items/A.5.9/evidence/not-hex!"
	expect 422
	api PUT "$ORG_PATH/assessments/1/items/A.5.9/evidence/$first" -d '{"x":1}'
	expect 400
	api PUT "$ORG_PATH/assessments/8/items/A.5.9/evidence/$first"
	expect 404
	api GET "$ORG_PATH/evidence?assessment=8"
	expect 404
	api GET "$ORG_PATH/evidence?assessment=one"
	expect 400
	api GET "$ORG_PATH/evidence/12345"
	expect 422
	# A viewer reads; an internal auditor may not change a gap assessment's
	# links (it may only read those); a control owner may.
	as vic
	api GET "$ORG_PATH/evidence?assessment=1"
	expect 200
	api PUT "$ORG_PATH/assessments/1/items/A.5.11/evidence/$first"
	expect 403
	as aud
	api PUT "$ORG_PATH/assessments/1/items/A.5.11/evidence/$first"
	expect 403
	unchanged
	as otto
	api DELETE "$ORG_PATH/assessments/1/items/A.5.10/evidence/$first"
	expect 200
	ok evidence show "$first" --assessment 1 --json
	same_as_cli
	jq_body '.linked_to == ["A.5.9"]'
	# If-Match: the ETag of the evidence as GET ...?assessment= gives it.
	api GET "$ORG_PATH/evidence/$first?assessment=1"
	local etag
	etag=$(header ETag)
	api PUT "$ORG_PATH/assessments/1/items/A.5.10/evidence/$first" -H "If-Match: $etag"
	expect 200
	snapshot
	api DELETE "$ORG_PATH/assessments/1/items/A.5.10/evidence/$first" -H "If-Match: $etag"
	expect 412
	unchanged
	serve_stop
}

t_certification_auditor_never_sees_gap_material() {
	gap_api
	add_user cb external-auditor acme
	login cb
	as root
	ok gap new --name Baseline
	evidence_file records.txt "Joiner-mover-leaver records"
	ok evidence add "$T_DIR/records.txt" --kind record
	local own=$sha
	evidence_file notes.txt "Assessor's interview notes"
	ok evidence add "$T_DIR/notes.txt" --kind interview --origin gap-assessment
	local notes=$sha
	ok evidence link "$own" A.5.18
	ok evidence link "$notes" A.5.18
	api GET $ORG_PATH/evidence
	jq_body 'length == 2'
	as cb
	snapshot
	api GET $ORG_PATH/evidence
	expect 200
	jq_body "map(.sha256) == [\"$own\"]"
	[[ $(header X-Total-Count) == 1 ]] || die "X-Total-Count: $(header X-Total-Count)"
	# Links belong to gap assessments, which this role may not read.
	jq_body '.[0].linked_to == []'
	api GET "$ORG_PATH/evidence?assessment=1"
	expect 403
	api GET "$ORG_PATH/evidence/$own"
	expect 200
	api GET "$ORG_PATH/evidence/$notes"
	expect 404
	api GET "$ORG_PATH/evidence/${notes:0:8}"
	expect 404
	local notfound
	notfound=$(jq -r .error.message <<<"$body")
	api GET "$ORG_PATH/evidence/${own:0:2}00000000"
	[[ $(jq -r .error.message <<<"$body") == "no evidence ${own:0:2}00000000 "* ]] ||
		die "a missing item is told differently: $body"
	[[ $notfound == "no evidence ${notes:0:8} (see 'isms evidence list')" ]] ||
		die "hidden evidence is told apart from missing evidence: $notfound"
	fetch "$ORG_PATH/evidence/$notes/content" "$T_DIR/out"
	expect 404
	grep -q "interview notes" "$T_DIR/out" && die "the notes were sent"
	fetch "$ORG_PATH/evidence/$own/content" "$T_DIR/out"
	expect 200
	cmp -s "$T_DIR/records.txt" "$T_DIR/out" || die "own records came back different"
	# Nor anything of the gap assessment itself, nor any change.
	api GET $ORG_PATH/assessments/1/items/A.5.18
	expect 403
	api GET $ORG_PATH/assessments
	expect 403
	upload "kind=record" "$T_DIR/records.txt"
	expect 403
	api DELETE "$ORG_PATH/assessments/1/items/A.5.18/evidence/$own"
	expect 403
	unchanged
	serve_stop
}

t_damaged_content_is_never_sent() {
	gap_api
	head -c 200000 /dev/urandom >"$T_DIR/config.bin"
	local sha
	sha=$(sha_of "$T_DIR/config.bin")
	upload "kind=config&filename=config.bin" "$T_DIR/config.bin"
	expect 201
	damage "$sha"
	fetch "$ORG_PATH/evidence/$sha/content" "$T_DIR/out"
	[[ $code == 500 ]] || die "expected 500, got $code"
	jq -e '.error.code == "internal" and (.error.message | test("damaged"))' "$T_DIR/out" >/dev/null ||
		die "not told the content is damaged: $body"
	[[ -z $(header X-Content-SHA256) && -z $(header Content-Disposition) ]] ||
		die "a damaged file was offered as a download"
	[[ $(stat -c %s "$T_DIR/out") -lt 1000 ]] || die "damaged bytes were sent"
	# The record itself is still there to read.
	api GET "$ORG_PATH/evidence/$sha"
	expect 200
	serve_stop
}
