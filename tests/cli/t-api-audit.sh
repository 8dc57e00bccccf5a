# People, the audit programme, audits and their fieldwork and reports, and
# corrective actions over HTTP: the same rules and the same JSON as the
# command line, changes refused whole, and the auditor's own acts (results,
# closing, issuing) done only by a signed-in user linked to an independent
# auditor of the team.

O=/api/v1/orgs/acme
declare -A csrf_of

# acme with an administrator "root"; the server is started by each test
# once its users are there.
audit_api_setup() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	add_user root admin
}

# login NAME: sign in and remember the session's CSRF token.
login() {
	sign_in "$1"
	csrf_of[$1]=$csrf
}

# acting NAME: the next requests are NAME's (signed in with login).
acting() {
	signed_in=$1
	csrf=${csrf_of[$1]}
}

# matches_cli ARGS...: the last answer's body is what 'isms ARGS --json'
# prints.
matches_cli() {
	local api_json=$body
	ok "$@" --json
	[[ $(jq -S . <<<"$api_json") == "$(jq -S . <<<"$out")" ]] ||
		die "the API and 'isms $* --json' differ: $(diff <(jq -S . <<<"$api_json") <(jq -S . <<<"$out") | head -10)"
}

# refused_api CODE PATTERN METHOD PATH [CURL ARGS...]: answered CODE with
# PATTERN (a regular expression) in the message, the store unchanged.
refused_api() {
	local want=$1 pattern=$2
	shift 2
	snapshot
	api "$@"
	expect "$want"
	jq -e --arg p "$pattern" '.error.message | test($p)' <<<"$body" >/dev/null ||
		die "the message lacks /$pattern/: $body"
	unchanged
}

# same_doc: the last answer's body is the document 'ok' printed last.
same_doc() {
	[[ $(printf '%s' "$body") == "$out" ]] || die "the API's document differs from the command line's: $1"
}

# competent_lead NAME: a person with a lead auditor's certification.
competent_lead() {
	ok person add "$1"
	ok person competence "$1" --kind certification --title "ISO/IEC 27001 Lead Auditor"
}

# new_audit TITLE SCOPE [MORE ARGS]: planned through the CLI; id in $aid.
new_audit() {
	ok audit new --title "$1" --scope "$2" --start 2026-01-05 --end 2026-01-09 "${@:3}" --json
	aid=$(jq -r .id <<<"$out")
	[[ $aid =~ ^[0-9]+$ ]] || die "audit new gave no id: $out"
}

# ---------------------------------------------------------------------------
# People and their link to users

t_person_user_link_on_the_command_line() {
	audit_api_setup
	add_user ann auditor acme
	ok person add Ann
	ok person set Ann --user ann
	out_has "Updated Ann."
	ok person show Ann
	out_has "user         ann"
	ok person list
	out_has "user ann"
	ok person show Ann --json
	jq_eq .user ann
	ok person list --json
	jq_eq '.[0].user' ann
	fails_unchanged 1 "no user 'ghost'" person set Ann --user ghost
	ok person add Bob
	fails_unchanged 1 "user 'ann' is already linked to 'Ann'" person set Bob --user ann
	fails_unchanged 2 "nothing to change" person set Bob
	fails_unchanged 1 "no person 'Ghost'" person set Ghost --user ann
	# Unlinked, the user may be another person; names are matched in any case.
	ok person set Ann --user none
	ok person show Ann --json
	jq_eq .user null
	ok person set Bob --user ANN --email bob@example.com
	ok person show Bob --json
	jq_eq .user ann
	jq_eq .email bob@example.com
	# In another organisation the same user is a person of its own.
	ok org add beta --name "Beta Ltd"
	ok --org beta person add Ann
	ok --org beta person set Ann --user ann
	ok verify --json
	jq_eq .ok true
	# A removed user leaves the person, unlinked, and the log explains it.
	ok user remove ann
	ok person show Bob --json
	jq_eq .user null
	ok verify --json
	jq_eq .ok true
	ok log --limit 1
	out_has "update person id="
}

t_api_people() {
	audit_api_setup
	add_user ann auditor acme
	add_user vic viewer acme
	serve_start
	login vic
	login root
	api POST $O/people -d '{"name":"Ann Lee","email":"ann@example.com"}'
	expect 201
	jq_body '.name == "Ann Lee" and .email == "ann@example.com" and .user == null'
	local created=$body
	ok person list --json
	[[ $(jq -S '.[0]' <<<"$out") == "$(jq -S . <<<"$created")" ]] ||
		die "the new person differs from 'person list': $created"
	api GET $O/people
	expect 200
	[[ $(header X-Total-Count) == 1 ]] || die "X-Total-Count: $(header X-Total-Count)"
	matches_cli person list
	api GET "$O/people/Ann%20Lee"
	expect 200
	matches_cli person show "Ann Lee"
	# Linked to a user, whatever the case of the names.
	api PATCH "$O/people/ann%20lee" -d '{"user":"ANN"}'
	expect 200
	jq_body '.name == "Ann Lee" and .user == "ann"'
	matches_cli person show "Ann Lee"
	ok person list
	out_has "user ann"
	# What a person owns and their competence.
	ok person add Bob
	api POST $O/people/Bob/owns -d '{"refs":["A.5.15","process:Payroll"]}'
	expect 200
	jq_body '[.responsibilities[] | .ref + "/" + .role] | sort == ["A.5.15/owns","process:Payroll/owns"]'
	matches_cli person show Bob
	api POST $O/people/Bob/owns -d '{"refs":"A.8","role":"operates"}'
	expect 200
	jq_body '[.responsibilities[] | select(.role == "operates")] | length == 34'
	api POST $O/people/Bob/disown -d '{"refs":["A.8"],"role":"operates"}'
	expect 200
	jq_body '.responsibilities | length == 2'
	api POST $O/people/Bob/competence -d '{"kind":"certification","title":"ISO/IEC 27001 Lead Auditor","on":"2025-06-01","expires":"2028-06-01"}'
	expect 201
	jq_body '.person == "Bob" and .kind == "certification" and .title == "ISO/IEC 27001 Lead Auditor" and (.id | type) == "number"'
	api GET $O/people/Bob
	jq_body '.competent and (.competence[0].obtained_on == "2025-06-01")'
	matches_cli person show Bob
	api GET $O/responsibilities
	expect 200
	matches_cli person responsibilities
	# Bad input changes nothing.
	refused_api 409 "already linked to 'Ann Lee'" PATCH $O/people/Bob -d '{"user":"ann"}'
	refused_api 404 "no user 'ghost'" PATCH $O/people/Bob -d '{"user":"ghost"}'
	refused_api 400 "nothing to change" PATCH $O/people/Bob -d '{}'
	refused_api 422 "not an e-mail address" PATCH $O/people/Bob -d '{"email":"bob at example"}'
	refused_api 400 'unknown member "colour"' PATCH $O/people/Bob -d '{"colour":"red"}'
	refused_api 400 "must be a string" PATCH $O/people/Bob -d '{"user":["ann"]}'
	refused_api 404 "no person 'Ghost'" PATCH $O/people/Ghost -d '{"email":"g@example.com"}'
	refused_api 409 "already exists" POST $O/people -d '{"name":"bob"}'
	refused_api 400 'needs "name"' POST $O/people -d '{"email":"x@example.com"}'
	refused_api 422 "name" POST $O/people -d '{"name":"Eve\u0007\u001b[2J"}'
	refused_api 422 "name" POST $O/people -d '{"name":"   "}'
	refused_api 404 "A.99.1" POST $O/people/Bob/owns -d '{"refs":["A.99.1"]}'
	refused_api 422 "designs, owns or operates" POST $O/people/Bob/owns -d '{"refs":["A.5.1"],"role":"sleeps"}'
	refused_api 400 "refs" POST $O/people/Bob/owns -d '{"refs":[]}'
	refused_api 400 "strings" POST $O/people/Bob/owns -d '{"refs":[1]}'
	refused_api 404 "no person 'Ghost'" POST $O/people/Ghost/owns -d '{"refs":["A.5.1"]}'
	refused_api 422 "training, certification or experience" POST $O/people/Bob/competence -d '{"kind":"diploma","title":"X"}'
	refused_api 422 "on" POST $O/people/Bob/competence -d '{"kind":"training","title":"X","on":"2025-02-30"}'
	refused_api 422 "expires" POST $O/people/Bob/competence -d '{"kind":"training","title":"X","on":"2025-06-01","expires":"2025-01-01"}'
	refused_api 400 "kind" POST $O/people/Bob/competence -d '{"title":"X"}'
	# A viewer reads and changes nothing.
	acting vic
	api GET $O/people/Bob
	expect 200
	refused_api 403 "" POST $O/people -d '{"name":"Zed"}'
	refused_api 403 "" PATCH $O/people/Bob -d '{"user":"vic"}'
	refused_api 403 "" DELETE $O/people/Bob
	refused_api 403 "" POST $O/people/Bob/owns -d '{"refs":["A.5.1"]}'
	refused_api 403 "" POST $O/people/Bob/competence -d '{"kind":"training","title":"X"}'
	acting root
	# If-Match: a change to what was read, or none.
	api GET $O/people/Bob
	local etag
	etag=$(header ETag)
	api PATCH $O/people/Bob -H "If-Match: $etag" -d '{"email":"bob@example.com"}'
	expect 200
	refused_api 412 "changed since it was read" PATCH $O/people/Bob -H "If-Match: $etag" -d '{"email":"b@example.com"}'
	# Unlinked, and removed; a member of a team stays.
	api PATCH "$O/people/Ann%20Lee" -d '{"user":"none"}'
	expect 200
	jq_body '.user == null'
	new_audit "Payroll" A.5.1
	ok audit assign "$aid" Bob
	refused_api 409 "team" DELETE $O/people/Bob
	api DELETE "$O/people/Ann%20Lee"
	expect 204
	api GET "$O/people/Ann%20Lee"
	expect 404
	serve_stop
}

# ---------------------------------------------------------------------------
# The programme, plans and the team

t_api_audit_plan_and_team() {
	audit_api_setup
	add_user vic viewer acme
	add_user xena external-auditor acme
	competent_lead Lena
	ok person add Olga
	ok person owns Olga A.5.15
	serve_start
	login vic
	login xena
	login root
	api GET $O/audit-programmes/2026
	expect 200
	jq_body '.cycle == 2026 and .updated_at == null'
	matches_cli audit programme --cycle 2026
	api PATCH $O/audit-programmes/2026 -d '{"interval":6,"size":"40 staff, one office","legal":"GDPR"}'
	expect 200
	jq_body '.interval_months == 6 and .factors.size_complexity == "40 staff, one office"'
	matches_cli audit programme --cycle 2026
	refused_api 422 "interval" PATCH $O/audit-programmes/2026 -d '{"interval":13}'
	refused_api 422 "first year" PATCH $O/audit-programmes/26x -d '{}'
	refused_api 400 "unknown member" PATCH $O/audit-programmes/2026 -d '{"cycle":2027}'
	api GET $O/audit-programmes/abc
	expect 422
	# An audit planned, as the command line would show it.
	api POST $O/audits -d '{"title":"Access control","scope":"A.5.15,A.8.5,9.2.1","start":"2026-01-05","end":"2026-01-09"}'
	expect 201
	local aid
	aid=$(jq -r .id <<<"$body")
	local created=$body
	ok audit show "$aid" --json
	[[ $(jq -S 'del(.checklist)' <<<"$out") == "$(jq -S . <<<"$created")" ]] ||
		die "the new audit differs from 'audit show': $created"
	api GET "$O/audits/$aid"
	expect 200
	matches_cli audit show "$aid"
	api GET "$O/audits/A$aid"
	expect 200
	api GET $O/audits
	matches_cli audit list
	api GET "$O/audits/$aid/checklist"
	expect 200
	[[ $(header X-Total-Count) == 6 ]] || die "X-Total-Count: $(header X-Total-Count)"
	matches_cli audit checklist "$aid"
	api GET "$O/audits/$aid/checklist?limit=2&offset=1"
	jq_body 'length == 2 and .[0].test == "substantive"'
	api GET "$O/audits/$aid/checklist?test=substantive"
	expect 400
	api PATCH "$O/audits/$aid" -d '{"sampling":"Ten leavers of the year","end":"2026-01-10"}'
	expect 200
	jq_body '.sampling == "Ten leavers of the year" and .end_on == "2026-01-10" and (.checklist | length) == 6'
	matches_cli audit show "$aid"
	api GET $O/audit-programmes/2026/coverage
	expect 200
	matches_cli audit coverage --cycle 2026
	# Bad plans change nothing.
	refused_api 400 "needs --title" POST $O/audits -d '{"scope":"A.5.15","start":"2026-01-05","end":"2026-01-09"}'
	refused_api 422 "start" POST $O/audits -d '{"title":"T","scope":"A.5.15","start":"2026-02-30","end":"2026-03-09"}'
	refused_api 422 "before it starts" POST $O/audits -d '{"title":"T","scope":"A.5.15","start":"2026-03-09","end":"2026-03-02"}'
	refused_api 404 "A.99" POST $O/audits -d '{"title":"T","scope":"A.99","start":"2026-03-02","end":"2026-03-09"}'
	refused_api 422 "title" POST $O/audits -d '{"title":"Bad\u0007title","scope":"A.5.15","start":"2026-03-02","end":"2026-03-09"}'
	refused_api 400 "unknown member" POST $O/audits -d '{"title":"T","scope":"A.5.15","start":"2026-03-02","end":"2026-03-09","lead":"Lena"}'
	refused_api 422 "title" PATCH "$O/audits/$aid" -d '{"title":""}'
	refused_api 404 "no audit" PATCH $O/audits/999 -d '{"title":"X"}'
	refused_api 404 "no audit 'xyz'" GET $O/audits/xyz
	# The team: independence as on the command line.
	refused_api 409 "independence: Olga cannot audit their own work" POST "$O/audits/$aid/team" -d '{"name":"Olga"}'
	refused_api 404 "no person 'Ghost'" POST "$O/audits/$aid/team" -d '{"name":"Ghost"}'
	refused_api 400 "true or false" POST "$O/audits/$aid/team" -d '{"name":"Lena","lead":"yes"}'
	api POST "$O/audits/$aid/team" -d '{"name":"Lena","lead":true}'
	expect 201
	jq_body ". == {\"audit\":$aid,\"assigned\":\"Lena\",\"lead\":true,\"competence_warning\":false}"
	api POST "$O/audits/$aid/team" -d '{"name":"Olga","override_justification":"Only trained auditor; Lena reviews her work"}'
	expect 201
	api GET "$O/audits/$aid"
	jq_body '(.team | map(.name)) == ["Lena","Olga"] and (.team[1].conflict | contains("A.5.15"))'
	matches_cli audit show "$aid"
	# A scope that puts a member's own work in it without a justification.
	ok person add Rob
	ok audit assign "$aid" Rob
	ok person owns Rob A.8.12
	refused_api 409 "independence" PATCH "$O/audits/$aid" -d '{"scope":"A.5.15,A.8.5,A.8.12,9.2.1"}'
	api DELETE "$O/audits/$aid/team/Rob"
	expect 204
	refused_api 404 "no person 'Ghost'" DELETE "$O/audits/$aid/team/Ghost"
	api POST "$O/audits/$aid/documents" -d '{"title":"Leaver procedure"}'
	expect 200
	jq_body '.documents | map(.title) | index("Leaver procedure") != null'
	refused_api 422 "document title" POST "$O/audits/$aid/documents" -d '{"title":""}'
	refused_api 404 "" POST "$O/audits/$aid/documents" -d '{"title":"X","evidence":"abcdef12"}'
	# Readers read; they change nothing.
	acting xena
	api GET "$O/audits/$aid"
	expect 200
	api GET $O/audit-programmes/2026
	expect 200
	acting vic
	refused_api 403 "" POST $O/audits -d '{"title":"T","scope":"A.5.15","start":"2026-03-02","end":"2026-03-09"}'
	refused_api 403 "" PATCH "$O/audits/$aid" -d '{"title":"Mine"}'
	refused_api 403 "" POST "$O/audits/$aid/team" -d '{"name":"Lena"}'
	refused_api 403 "" DELETE "$O/audits/$aid/team/Lena"
	refused_api 403 "" PATCH $O/audit-programmes/2026 -d '{"interval":3}'
	refused_api 403 "" POST "$O/audits/$aid/documents" -d '{"title":"Mine"}'
	serve_stop
}

# ---------------------------------------------------------------------------
# Fieldwork, closing and the report: only by an independent auditor

t_api_results_need_an_independent_auditor() {
	audit_api_setup
	competent_lead Lena
	ok person add Olga
	ok person add Rob
	ok person add Paul
	ok person owns Olga A.5.15
	new_audit "Access control" A.5.15,A.8.5,9.2.1
	ok audit assign "$aid" Lena --lead
	ok audit assign "$aid" Olga --override-justification "Only trained auditor; Lena reviews her work"
	ok audit assign "$aid" Rob
	# Responsible for A.8.5 after joining the team.
	ok person owns Rob A.8.5 --role operates
	add_user lena auditor acme
	add_user olga isms-manager acme
	add_user rob auditor acme
	add_user paul admin
	add_user ursula auditor acme
	add_user vic viewer acme
	ok person set Lena --user lena
	ok person set Olga --user olga
	ok person set Rob --user root
	ok person set Paul --user paul
	serve_start
	local u
	for u in lena olga root paul ursula vic; do login "$u"; done
	# An auditor of the team records results on what is not theirs.
	acting lena
	api POST "$O/audits/$aid/results" -d '{"ref":"a.5.15","result":"conforming","method":"inspection","note":"Policy approved"}'
	expect 201
	jq_body ". == {\"audit\":$aid,\"ref\":\"a.5.15\",\"result\":\"conforming\",\"capa\":null}"
	api POST "$O/audits/$aid/results" -d '{"ref":"A.5.15","result":"minor","kind":"not-functioning","method":"reperformance","population":"Leavers of 2025","sample_size":10,"note":"Two leaver accounts still active"}'
	expect 201
	local cid
	cid=$(jq -r .capa <<<"$body")
	[[ $cid =~ ^[0-9]+$ ]] || die "a nonconformity opened no corrective action: $body"
	ok audit checklist "$aid" --json
	jq_eq '[.[] | select(.ref == "A.5.15") | .result] | join(",")' conforming,minor
	jq_eq '[.[] | select(.ref == "A.5.15" and .test == "substantive") | .sample_size] | .[0]' 10
	ok capa show "$cid" --json
	jq_eq .ref A.5.15
	# Everyone else is refused, saying why, and nothing changes.
	acting olga
	refused_api 403 "independence: Olga \\(user 'olga'\\) cannot record a result for A.5.15: that is auditing their own work \\(owns A.5.15 \\(person record\\)\\)" \
		POST "$O/audits/$aid/results" -d '{"ref":"A.5.15","result":"conforming","method":"interview"}'
	acting root
	refused_api 403 "auditing their own work \\(operates A.8.5" \
		POST "$O/audits/$aid/results" -d '{"ref":"A.8.5","result":"conforming","method":"technical-test"}'
	acting paul
	refused_api 403 "Paul \\(user 'paul'\\) is not on the team of audit $aid" \
		POST "$O/audits/$aid/results" -d '{"ref":"A.8.5","result":"conforming","method":"technical-test"}'
	acting ursula
	refused_api 403 "user 'ursula' is not linked to a person" \
		POST "$O/audits/$aid/results" -d '{"ref":"A.8.5","result":"conforming","method":"technical-test"}'
	acting vic
	refused_api 403 "" POST "$O/audits/$aid/results" -d '{"ref":"A.8.5","result":"conforming","method":"technical-test"}'
	# What is not hers, Olga records.
	acting olga
	api POST "$O/audits/$aid/results" -d '{"ref":"A.8.5","result":"observation","method":"technical-test"}'
	expect 201
	# Bad fieldwork changes nothing.
	acting lena
	refused_api 400 'needs "method"' POST "$O/audits/$aid/results" -d '{"ref":"9.2.1","result":"conforming"}'
	refused_api 422 "needs its kind" POST "$O/audits/$aid/results" -d '{"ref":"9.2.1","result":"major","method":"interview"}'
	refused_api 422 "not in the scope" POST "$O/audits/$aid/results" -d '{"ref":"A.5.1","result":"conforming","method":"interview"}'
	refused_api 404 "" POST "$O/audits/$aid/results" -d '{"ref":"A.99.9","result":"conforming","method":"interview"}'
	refused_api 422 "audit method" POST "$O/audits/$aid/results" -d '{"ref":"9.2.1","result":"conforming","method":"guess"}'
	refused_api 422 "sample-size" POST "$O/audits/$aid/results" -d '{"ref":"9.2.1","result":"conforming","method":"interview","sample_size":-1}'
	refused_api 404 "" POST "$O/audits/$aid/results" -d '{"ref":"9.2.1","result":"conforming","method":"interview","evidence":"abcdef12"}'
	refused_api 404 "no audit" POST "$O/audits/999/results" -d '{"ref":"9.2.1","result":"conforming","method":"interview"}'
	# Closing the fieldwork is the team's.
	acting ursula
	refused_api 403 "not linked" POST "$O/audits/$aid/close" -d '{}'
	acting paul
	refused_api 403 "not on the team" POST "$O/audits/$aid/close"
	acting vic
	refused_api 403 "" POST "$O/audits/$aid/close"
	refused_api 403 "" POST "$O/audits/$aid/issue" -d '{"by":"Vic"}'
	acting lena
	refused_api 422 "date" POST "$O/audits/$aid/close" -d '{"date":"2026-13-01"}'
	api POST "$O/audits/$aid/close"
	expect 200
	jq_body '.status == "closed" and .closed_on == "2026-01-15"'
	matches_cli audit show "$aid"
	# The report: a draft until issued, as the command line writes it.
	acting vic
	api GET "$O/audits/$aid/report?format=md"
	expect 200
	[[ $(header Content-Type) == text/markdown* ]] || die "Content-Type: $(header Content-Type)"
	[[ $(header Content-Disposition) == "attachment; filename=\"audit-A$aid-report-draft.md\"" ]] ||
		die "Content-Disposition: $(header Content-Disposition)"
	ok audit report "$aid" --format md
	same_doc "the Markdown draft"
	api GET "$O/audits/$aid/report"
	expect 200
	jq_body '.audit.status == "closed"'
	ok audit report "$aid" --json
	same_doc "the JSON draft"
	api GET "$O/audits/$aid/report?format=pdf"
	expect 400
	api GET "$O/audits/$aid/report?version=0"
	expect 400
	api GET "$O/audits/$aid/report?version=1"
	expect 404
	api GET "$O/audits/$aid/report?draft=maybe"
	expect 400
	api GET "$O/audits/$aid/report?formt=md"
	expect 400
	jq_body '.error.message | test("formt")'
	# Issued by an auditor of the team only.
	acting ursula
	refused_api 403 "not linked" POST "$O/audits/$aid/issue" -d '{"by":"Ursula"}'
	acting lena
	refused_api 400 'needs "by"' POST "$O/audits/$aid/issue" -d '{}'
	refused_api 422 "" POST "$O/audits/$aid/issue" -d '{"by":"Lena","date":"2026-02-30"}'
	api POST "$O/audits/$aid/issue" -d '{"by":"Lena"}'
	expect 201
	jq_body ". == {\"audit\":$aid,\"version\":1,\"issued_on\":\"2026-01-15\"}"
	api GET "$O/audits/$aid/report?format=html"
	expect 200
	[[ $(header Content-Disposition) == "attachment; filename=\"audit-A$aid-report.html\"" ]] ||
		die "Content-Disposition: $(header Content-Disposition)"
	ok audit report "$aid" --format html
	same_doc "the issued HTML report"
	api GET "$O/audits/$aid/report?format=json&version=1"
	jq_body '.version == 1 and .issued_by == "Lena"'
	api GET "$O/audits/$aid/report?format=md&draft=true"
	ok audit report "$aid" --format md --draft
	same_doc "the draft after issue"
	api GET "$O/audits/$aid/report?version=2"
	expect 404
	# An issued audit never changes.
	refused_api 409 "issued" POST "$O/audits/$aid/results" -d '{"ref":"9.2.1","result":"conforming","method":"interview"}'
	refused_api 409 "issued" PATCH "$O/audits/$aid" -d '{"title":"Renamed"}'
	refused_api 409 "issued" POST "$O/audits/$aid/issue" -d '{"by":"Lena"}'
	serve_stop
}

# ---------------------------------------------------------------------------
# Corrective actions

t_api_capa() {
	audit_api_setup
	competent_lead Lena
	new_audit "Access control" A.5.15,9.2.1
	ok audit assign "$aid" Lena --lead
	ok audit result "$aid" A.5.15 --result minor --kind not-functioning --method reperformance \
		--note "Leaver accounts still active" --json
	local cid
	cid=$(jq -r .capa <<<"$out")
	add_user vic viewer acme
	add_user carl control-owner acme
	serve_start
	login vic
	login carl
	login root
	api GET $O/capas
	expect 200
	matches_cli capa list
	api GET "$O/capas?open=true"
	matches_cli capa list --open
	api GET "$O/capas?overdue=true"
	jq_body '. == []'
	matches_cli capa list --overdue
	api GET "$O/capas/$cid"
	expect 200
	matches_cli capa show "$cid"
	api GET "$O/capas/CAPA-$cid"
	expect 200
	api PATCH "$O/capas/$cid" -d '{"correction":"Accounts disabled","root_cause":"HR did not tell IT","action":"Automated deprovisioning","owner":"IT","due":"2026-01-10","status":"in-progress"}'
	expect 200
	jq_body '.status == "in-progress" and .owner == "IT" and .overdue'
	matches_cli capa show "$cid"
	api GET "$O/capas?overdue=true"
	jq_body "map(.id) == [$cid]"
	matches_cli capa list --overdue
	# Bad changes change nothing.
	refused_api 400 "capa verify" PATCH "$O/capas/$cid" -d '{"status":"verified"}'
	refused_api 422 "status" PATCH "$O/capas/$cid" -d '{"status":"done"}'
	refused_api 422 "due" PATCH "$O/capas/$cid" -d '{"due":"2026-02-30"}'
	refused_api 400 "unknown member" PATCH "$O/capas/$cid" -d '{"colour":"red"}'
	refused_api 404 "" PATCH $O/capas/999 -d '{"owner":"IT"}'
	refused_api 404 "no corrective action 'x'" GET $O/capas/x
	refused_api 400 "true or false" GET "$O/capas?open=maybe"
	refused_api 400 "overdu" GET "$O/capas?overdu=true"
	refused_api 409 "verified" POST "$O/capas/$cid/close" -d '{}'
	refused_api 400 "--by" POST "$O/capas/$cid/verify" -d '{"note":"Fine"}'
	refused_api 400 "--note" POST "$O/capas/$cid/verify" -d '{"by":"Lena"}'
	refused_api 422 "before it was opened" POST "$O/capas/$cid/verify" -d '{"by":"Lena","note":"Fine","date":"2025-01-01"}'
	# A viewer reads; a control owner keeps their action current.
	acting vic
	refused_api 403 "" PATCH "$O/capas/$cid" -d '{"owner":"Me"}'
	refused_api 403 "" POST "$O/capas/$cid/verify" -d '{"by":"Vic","note":"Fine"}'
	refused_api 403 "" POST "$O/capas/$cid/close"
	acting carl
	api PATCH "$O/capas/$cid" -d '{"status":"implemented"}'
	expect 200
	jq_body '.status == "implemented"'
	# Verified, then closed; If-Match keeps two writers apart.
	acting root
	api GET "$O/capas/$cid"
	local etag
	etag=$(header ETag)
	api POST "$O/capas/$cid/verify" -H "If-Match: $etag" -d '{"by":"Lena","note":"A fresh sample of leavers was clean"}'
	expect 200
	jq_body '.status == "verified" and .verified_by == "Lena" and .verified_on == "2026-01-15"'
	refused_api 412 "changed since it was read" POST "$O/capas/$cid/close" -H "If-Match: $etag"
	refused_api 422 "date" POST "$O/capas/$cid/close" -d '{"date":"soon"}'
	api POST "$O/capas/$cid/close"
	expect 200
	jq_body '.status == "closed" and .closed_on == "2026-01-15"'
	matches_cli capa show "$cid"
	refused_api 409 "closed" PATCH "$O/capas/$cid" -d '{"owner":"Someone"}'
	serve_stop
}
