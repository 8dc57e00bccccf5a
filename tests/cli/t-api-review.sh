# Management reviews, the certification record and the compliance
# calendar over HTTP: the same rules and the same JSON (and documents) as
# the command line, bad input refused with nothing changed, and roles that
# may only read refused a change.

HOSTILE='Café, "quoted"; <script>alert(1)</script> back\slash 日本語 ✓ 🔒'

# review_setup: organisation acme, an administrator "root" signed in, the
# server running.
review_setup() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	add_user root admin
	serve_start
	sign_in root
}

# as_user NAME: make NAME's session (signed in before) the one api uses.
as_user() {
	signed_in=$1
	csrf=$(curl -s -b "$T_DIR/jar.$1" "$base/api/v1/session" | jq -r .csrf)
}

# same_as_cli: the last answer's body is the JSON the last command printed,
# member for member and in the same order.
same_as_cli() {
	printf '%s' "$body" | jq . >"$T_DIR/.api.json" || die "the answer is no JSON: $body"
	printf '%s' "$out" | jq . >"$T_DIR/.cli.json" || die "the command printed no JSON: $out"
	cmp -s "$T_DIR/.cli.json" "$T_DIR/.api.json" ||
		die "the API and the command line differ: $(diff "$T_DIR/.cli.json" "$T_DIR/.api.json" | head -20)"
}

# download PATH FILE [CURL ARGS...]: the answer's bytes, exactly, in FILE;
# $code and the headers as http leaves them.
download() {
	local path=$1 file=$2
	shift 2
	code=$(curl -s -o "$file" -D "$T_DIR/headers" -w '%{http_code}' \
		-b "$T_DIR/jar.$signed_in" "$@" "$base$path") || die "curl failed on $path"
	body=""
}

R=/api/v1/orgs/acme/reviews

t_api_review_lifecycle_as_cli() {
	review_setup
	ok scope statement "The ISMS covers the payroll service."
	ok scope add interface "Payroll API" --party "PayCo Ltd"
	api POST $R -d '{"chair":"Jane Doe","attendees":" Jane Doe ,Bob Smith","date":"2026-01-20",
		"monitoring":"Phishing rate down to 3%","changes":"New payroll regulation"}'
	expect 201
	[[ -n $(header ETag) ]] || die "no ETag on the new review"
	ok review show MR1 --json
	same_as_cli
	jq_body '.inputs.changes.interested_parties | length == 1'

	api PATCH $R/MR1 -d '{"notes":"Budget agreed","title":"Q1 review"}'
	expect 200
	ok review show 1 --json
	same_as_cli
	jq_body '.title == "Q1 review" and .notes == "Budget agreed"'

	api POST $R/1/decisions -d '{"text":"Adopt SOC 2 as an objective"}'
	expect 201
	jq_body '. == {"review":1,"id":1,"kind":"decision","text":"Adopt SOC 2 as an objective",
		"owner":null,"due_on":null,"status":"open"}'
	api POST $R/1/actions -d '{"text":"Automate access reviews","owner":"Bob Smith","due":"2026-06-30"}'
	expect 201
	local api_action=$body
	ok review action 1 "Rotate keys" --owner "Carol" --json
	jq -e --argjson a "$api_action" '($a | keys) == keys and $a.kind == .kind and $a.review == .review' \
		<<<"$out" >/dev/null || die "an action differs in shape: $api_action vs $out"
	jq_body '.id == 2 and .owner == "Bob Smith" and .due_on == "2026-06-30" and .status == "open"'

	api GET $R
	expect 200
	ok review list --json
	same_as_cli

	# Done and final answer the review as it is now, and If-Match guards them.
	api GET $R/1
	local etag
	etag=$(header ETag)
	api POST $R/1/actions/2/done -H "If-Match: $etag"
	expect 200
	jq_body '.outputs[] | select(.id == 2) | .status == "done"'
	ok review show 1 --json
	same_as_cli
	snapshot
	api POST $R/1/final -H "If-Match: $etag"
	expect 412
	unchanged
	api POST $R/1/final
	expect 200
	jq_body '.final == true and .status == "final"'
	ok review show 1 --json
	same_as_cli

	# A final review no longer changes, but its actions may still be done.
	snapshot
	api PATCH $R/1 -d '{"notes":"Changed later"}'
	expect 409
	jq_body '.error.message | test("is final")'
	api POST $R/1/decisions -d '{"text":"Another"}'
	expect 409
	api POST $R/1/final
	expect 409
	jq_body '.error.message | test("already final")'
	unchanged
	api POST $R/1/actions/3/done
	expect 200
	serve_stop
}

t_api_review_minutes_same_bytes() {
	review_setup
	ok review new --chair "<b>Boss</b>" --attendees "Jane, Bob" --title "$HOSTILE" \
		--notes "<img src=x onerror=alert(2)>"
	ok review decide 1 "<script>alert(3)</script>"
	local f
	for f in md html json; do
		ok review minutes 1 --format $f -o "$T_DIR/cli.$f"
		download "$R/1/minutes?format=$f" "$T_DIR/api.$f"
		[[ $code == 200 ]] || die "minutes as $f: $code $(cat "$T_DIR/api.$f")"
		cmp -s "$T_DIR/cli.$f" "$T_DIR/api.$f" || die "the $f minutes differ from the command's"
		[[ $(header Content-Disposition) == "attachment; filename=\"acme-MR1-minutes.$f\"" ]] ||
			die "Content-Disposition: $(header Content-Disposition)"
	done
	[[ $(header Content-Type) == application/json* ]] || die "type: $(header Content-Type)"
	download "$R/1/minutes?format=html" "$T_DIR/api.html"
	[[ $(header Content-Type) == "text/html; charset=utf-8" ]] || die "type: $(header Content-Type)"
	grep -q '<script>' "$T_DIR/api.html" && die "the HTML minutes carry a script"
	download "$R/1/minutes?format=md" "$T_DIR/api.md"
	[[ $(header Content-Type) == "text/markdown; charset=utf-8" ]] || die "type: $(header Content-Type)"
	api GET "$R/1/minutes"
	expect 400
	jq_body '.error.message | test("format=md\\|html\\|json")'
	api GET "$R/1/minutes?format=pdf"
	expect 422
	api GET "$R/7/minutes?format=md"
	expect 404
	serve_stop
}

t_api_review_bad_input_changes_nothing() {
	review_setup
	ok review new --chair Jane --attendees "Jane, Bob"
	ok review decide 1 "A decision"
	snapshot
	api POST $R -d '{"attendees":"Jane"}'
	expect 400
	jq_body '.error.message | test("chair")'
	api POST $R -d '{"chair":"Jane"}'
	expect 400
	api POST $R -d '{"chair":"Jane","attendees":"Jane","date":"2026-02-30"}'
	expect 422
	jq_body '.error.message | test("not a valid date")'
	api POST $R -d '{"chair":"Jane","attendees":"Jane","date":"tomorrow"}'
	expect 422
	api POST $R -d '{"chair":"Jane","attendees":"Jane","colour":"red"}'
	expect 400
	jq_body '.error.message | test("unknown member \"colour\"")'
	api POST $R -d '{"chair":{"name":"Jane"},"attendees":"Jane"}'
	expect 400
	api POST $R -d '{"chair":"Jane","attendees":"Jane",'
	expect 400
	api POST $R -d '{"chair":"  ","attendees":"Jane"}'
	[[ $code == 400 || $code == 422 ]] || die "a blank chair: $code $body"
	printf '{"chair":"Jane","attendees":"Jane","notes":"bell\\u0007"}' >"$T_DIR/bell.json"
	api PATCH $R/1 --data-binary "@$T_DIR/bell.json"
	expect 422
	jq_body '.error.message | test("notes")'
	printf '{"notes":"Bad \xff text"}' >"$T_DIR/bad.json"
	api PATCH $R/1 --data-binary "@$T_DIR/bad.json"
	expect 400
	api GET $R/9
	expect 404
	jq_body '.error.message | test("no management review 9")'
	api GET $R/R1
	expect 422
	jq_body '.error.message | test("like MR3 or 3")'
	api PATCH $R/9 -d '{"notes":"x"}'
	expect 404
	api POST $R/9/decisions -d '{"text":"x"}'
	expect 404
	api POST $R/1/decisions -d '{}'
	expect 400
	api POST $R/1/decisions -d '{"text":"x","owner":"Bob"}'
	expect 400
	api POST $R/1/actions -d '{"text":"No owner"}'
	expect 400
	jq_body '.error.message | test("owner")'
	api POST $R/1/actions -d '{"text":"x","owner":"Bob","due":"2026-13-01"}'
	expect 422
	api POST $R/1/actions/1/done
	expect 422
	jq_body '.error.message | test("is a decision")'
	api POST $R/1/actions/5/done
	expect 404
	api POST $R/1/actions/x/done
	expect 422
	api POST $R/1/actions/1/done -d '{"now":true}'
	expect 400
	api POST $R/1/final -d '{"really":true}'
	expect 400
	unchanged
	serve_stop
}

t_api_review_roles() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok org add beta --name "Beta Ltd"
	export ISMS_ORG=acme
	ok review new --chair Jane --attendees "Jane, Bob"
	ok cert set --body "Cert Body Ltd" --stage1 2026-03-01
	add_user vic viewer acme
	add_user ext external-auditor acme
	add_user max isms-manager beta
	serve_start
	sign_in vic
	sign_in ext
	sign_in max
	snapshot
	as_user vic
	api GET $R/1
	expect 200
	api POST $R -d '{"chair":"Vic","attendees":"Vic"}'
	expect 403
	api PATCH $R/1 -d '{"notes":"Viewed"}'
	expect 403
	api POST $R/1/final
	expect 403
	api PATCH /api/v1/orgs/acme/cert -d '{"body":"Other"}'
	expect 403
	# The certification body's auditor reads reviews, the record and the calendar.
	as_user ext
	api GET $R
	expect 200
	api GET "/api/v1/orgs/acme/cert/readiness?stage=1"
	expect 200
	api GET /api/v1/orgs/acme/calendar
	expect 200
	api POST $R/1/decisions -d '{"text":"x"}'
	expect 403
	# A manager of another organisation sees nothing of this one.
	as_user max
	api GET $R
	expect 403
	api PATCH /api/v1/orgs/acme/cert -d '{"body":"Other"}'
	expect 403
	api GET /api/v1/orgs/acme/calendar.ics
	expect 403
	unchanged
	serve_stop
}

C=/api/v1/orgs/acme/cert

t_api_cert_as_cli() {
	review_setup
	api GET $C
	expect 200
	ok cert show --json
	same_as_cli
	api PATCH $C -d '{"body":"Example Certification Ltd","golive":"2026-01-05",
		"stage1":"2026-05-04","stage2":"2026-06-15","number":"IS 1"}'
	expect 200
	ok cert show --json
	same_as_cli
	jq_body '.cycle.expires_on == "2029-06-14" and (.cycle.derived | index("expires_on"))'
	# "none" clears; a field not given stays.
	local etag
	etag=$(header ETag)
	api PATCH $C -H "If-Match: $etag" -d '{"number":"none","issued":"2026-07-01"}'
	expect 200
	jq_body '.number == null and .issued_on == "2026-07-01" and .body == "Example Certification Ltd"'
	ok cert show --json
	same_as_cli
	snapshot
	api PATCH $C -H "If-Match: $etag" -d '{"number":"IS 2"}'
	expect 412
	unchanged

	api GET $C/status
	expect 200
	ok cert status --json
	same_as_cli

	# Not ready is an answer: 200 with ready false (the command exits 3).
	api GET "$C/readiness?stage=1"
	expect 200
	jq_body '.ready == false and .stage == 1'
	run cert readiness --stage 1 --json
	[[ $status -eq 3 ]] || die "cert readiness exit $status"
	same_as_cli
	api GET "$C/readiness?stage=Stage%202"
	expect 200
	run cert readiness --stage 2 --json
	same_as_cli
	serve_stop
}

t_api_cert_bad_input_changes_nothing() {
	review_setup
	ok cert set --stage1 2026-05-04
	snapshot
	api PATCH $C -d '{}'
	expect 400
	jq_body '.error.message | test("nothing to change")'
	api PATCH $C
	expect 400
	api PATCH $C -d '{"stage2":"2026-05-01"}'
	expect 422
	jq_body '.error.message | test("cannot come before")'
	api PATCH $C -d '{"stage2":"2026-02-30"}'
	expect 422
	api PATCH $C -d '{"issued":"soon"}'
	expect 422
	api PATCH $C -d '{"stage_1":"2026-05-04"}'
	expect 400
	jq_body '.error.message | test("unknown member \"stage_1\"")'
	api PATCH $C -d '{"body":["a"]}'
	expect 400
	printf '{"body":"Bell\\u0007Body"}' >"$T_DIR/bell.json"
	api PATCH $C --data-binary "@$T_DIR/bell.json"
	expect 422
	api GET "$C/readiness"
	expect 400
	jq_body '.error.message | test("stage")'
	api GET "$C/readiness?stage=3"
	expect 422
	api GET /api/v1/orgs/nosuch/cert
	expect 404
	unchanged
	serve_stop
}

# A calendar with an event in each window and one overdue.
calendar_data() {
	ok cert set --body "Cert Body Ltd" --golive 2025-10-01 --stage1 2026-02-01 \
		--stage2 2026-03-20
	ok review new --chair "Jane" --attendees "Jane, Bob" --date 2026-01-10 --title "$HOSTILE"
	ok review action 1 "Overdue action" --owner Bob --due 2026-01-12
	ok review action 1 "Later action" --owner Bob --due 2026-07-01
}

t_api_calendar_as_cli() {
	review_setup
	calendar_data
	api GET /api/v1/orgs/acme/calendar
	expect 200
	ok calendar --json
	same_as_cli
	jq_body '(.events | length) >= 3'
	api GET "/api/v1/orgs/acme/calendar?days=30"
	ok calendar --days 30 --json
	same_as_cli
	api GET "/api/v1/orgs/acme/calendar?days=3660"
	ok calendar --days 3660 --json
	same_as_cli
	api GET "/api/v1/orgs/acme/calendar?from=2026-01-01&to=2026-12-31"
	ok calendar --from 2026-01-01 --to 2026-12-31 --json
	same_as_cli
	api GET "/api/v1/orgs/acme/calendar?from=2026-03-01"
	ok calendar --from 2026-03-01 --json
	same_as_cli
	# The events come a page at a time.
	local total
	total=$(jq '.events | length' <<<"$out")
	api GET "/api/v1/orgs/acme/calendar?from=2026-03-01&limit=1&offset=1"
	jq_body '.events | length == 1'
	[[ $(header X-Total-Count) == "$total" ]] || die "X-Total-Count $(header X-Total-Count), expected $total"
	jq -e --argjson cli "$out" '.events[0] == $cli.events[1]' <<<"$body" >/dev/null ||
		die "the second page is not the second event"
	serve_stop
}

t_api_calendar_export_same_bytes() {
	review_setup
	calendar_data
	ok calendar export -o "$T_DIR/cli.ics"
	download /api/v1/orgs/acme/calendar.ics "$T_DIR/api.ics"
	[[ $code == 200 ]] || die "calendar.ics: $code"
	cmp -s "$T_DIR/cli.ics" "$T_DIR/api.ics" || die "the iCalendar files differ"
	[[ $(header Content-Type) == "text/calendar; charset=utf-8" ]] || die "type: $(header Content-Type)"
	[[ $(header Content-Disposition) == 'attachment; filename="acme.ics"' ]] ||
		die "Content-Disposition: $(header Content-Disposition)"
	download "/api/v1/orgs/acme/calendar?format=ics" "$T_DIR/api2.ics"
	cmp -s "$T_DIR/cli.ics" "$T_DIR/api2.ics" || die "?format=ics differs from the export"
	ok calendar export --from 2026-03-01 --to 2026-12-31 -o "$T_DIR/cli-range.ics"
	download "/api/v1/orgs/acme/calendar.ics?from=2026-03-01&to=2026-12-31" "$T_DIR/api-range.ics"
	cmp -s "$T_DIR/cli-range.ics" "$T_DIR/api-range.ics" || die "the ranged files differ"
	grep -q "Later action" "$T_DIR/api-range.ics" || die "the range lost its event"
	grep -q "Overdue action" "$T_DIR/api-range.ics" && die "the range kept an event outside it"
	serve_stop
}

t_api_calendar_bad_input() {
	review_setup
	calendar_data
	snapshot
	api GET "/api/v1/orgs/acme/calendar?days=abc"
	expect 400
	jq_body '.error.message | test("--days takes a number of days")'
	api GET "/api/v1/orgs/acme/calendar?days="
	expect 400
	api GET "/api/v1/orgs/acme/calendar?days=0"
	expect 422
	jq_body '.error.message | test("1 to 3660 days ahead, not 0")'
	api GET "/api/v1/orgs/acme/calendar?days=3661"
	expect 422
	api GET "/api/v1/orgs/acme/calendar?days=30&from=2026-01-01"
	expect 400
	jq_body '.error.message | test("counts from today")'
	api GET "/api/v1/orgs/acme/calendar?from=2026-02-30"
	expect 422
	api GET "/api/v1/orgs/acme/calendar?from=2026-02-01&to=2026-01-01"
	expect 422
	jq_body '.error.message | test("before --from")'
	api GET "/api/v1/orgs/acme/calendar?format=pdf"
	expect 400
	api GET "/api/v1/orgs/acme/calendar.ics?to=2026-02-29"
	expect 422
	api GET "/api/v1/orgs/acme/calendar.ics?days=30"
	expect 400
	api GET "/api/v1/orgs/acme/calendar?limit=0"
	expect 400
	unchanged
	serve_stop
}

# A certification body's auditor sees the calendar without what a gap
# assessment holds: its remediation actions and the evidence it produced.
t_api_calendar_external_auditor_sees_no_gap_assessment() {
	review_setup
	calendar_data
	add_user ext external-auditor acme
	ok gap new --name Baseline --date 2026-01-02
	ok gap set A.8.8 --status nonconforming
	ok gap action A.8.8 --owner "IT Ops" --due 2026-03-01
	echo "consultant's notes" >"$T_DIR/notes.txt"
	ok evidence add "$T_DIR/notes.txt" --kind record --title "Gap workshop notes" \
		--valid-until 2026-03-10 --origin gap-assessment --json
	local gap_sha
	gap_sha=$(jq -r .sha256 <<<"$out")
	ok evidence link "$gap_sha" A.8.8
	echo "pentest report" >"$T_DIR/pentest.txt"
	ok evidence add "$T_DIR/pentest.txt" --kind record --title "Pentest report" \
		--valid-until 2026-03-12 --json
	local org_sha
	org_sha=$(jq -r .sha256 <<<"$out")
	ok calendar --days 3660 --json
	jq -e '[.events[] | select(.kind == "roadmap")] | length == 1' <<<"$out" >/dev/null ||
		die "the calendar lacks the remediation action: $out"
	jq -e --arg g "$gap_sha" '[.events[] | select(.uid | contains($g))] | length == 1' \
		<<<"$out" >/dev/null || die "the calendar lacks the gap evidence: $out"
	api GET "/api/v1/orgs/acme/calendar?days=3660"
	same_as_cli
	download /api/v1/orgs/acme/calendar.ics "$T_DIR/all.ics"
	grep -q "Gap workshop" "$T_DIR/all.ics" || die "the export lacks the gap evidence"
	grep -q "A.8.8" "$T_DIR/all.ics" || die "the export lacks the remediation action"
	sign_in ext
	snapshot
	api GET "/api/v1/orgs/acme/calendar?days=3660"
	expect 200
	jq -e --arg g "$gap_sha" --arg o "$org_sha" '
		([.events[] | select(.kind == "roadmap")] == []) and
		([.events[] | select(.uid | contains($g))] == []) and
		([.events[] | select(.uid | contains($o))] | length == 1) and
		([.events[] | select(.kind == "review-action")] | length == 2)' <<<"$body" >/dev/null ||
		die "the external auditor's calendar: $body"
	download /api/v1/orgs/acme/calendar.ics "$T_DIR/ext.ics"
	[[ $code == 200 ]] || die "calendar.ics: $code"
	grep -q "$gap_sha\|A.8.8\|Gap workshop" "$T_DIR/ext.ics" && die "the export shows the gap assessment"
	grep -q "Pentest report" "$T_DIR/ext.ics" || die "the export lost the organisation's evidence"
	unchanged
	serve_stop
}
