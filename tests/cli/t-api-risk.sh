# The HTTP API's assets, data flows, risks, risk method, treatment plan,
# risk report and Statement of Applicability: the same answers as the
# command line's --json, the same rules, and a refused request changes
# nothing.

O=/api/v1/orgs/acme

# sign_in_as NAME: sign in and keep the session's CSRF token for as.
sign_in_as() {
	sign_in "$1"
	printf -v "csrf_$1" %s "$csrf"
}

# as NAME: the following api calls are made by NAME (signed in before).
as() {
	local v="csrf_$1"
	signed_in=$1
	csrf=${!v}
}

# An organisation "acme" (the CLI's default here), an administrator "root"
# and a viewer "vic" of it signed in, the server running; root asks.
risk_setup() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	add_user root admin
	add_user vic viewer acme
	serve_start
	sign_in_as vic
	sign_in_as root
}

# Two assets, one in scope and one out.
with_assets() {
	ok asset add "Customer DB" --type information --owner Alice \
		--classification confidential --confidentiality 5 --integrity 4 --availability 3
	ok asset add "Payroll SaaS" --type service --owner Bob --in-scope no
}

# same_as_cli ARGS...: the last answer's body is what 'isms ARGS --json' prints.
same_as_cli() {
	ok "$@" --json
	[[ $(jq -S . <<<"$body") == "$(jq -S . <<<"$out")" ]] ||
		die "the API and 'isms $* --json' differ: $(diff <(jq -S . <<<"$body") <(jq -S . <<<"$out") | head -5)"
}

# fetch PATH FILE: GET PATH as the user signed in, the body kept in FILE.
fetch() {
	code=$(curl -s -o "$2" -D "$T_DIR/headers" -w '%{http_code}' \
		-b "$T_DIR/jar.$signed_in" "$base$1") || die "curl failed on $1"
	body=$(tr -d '\0' <"$2")
}

# upload PATH FILE: POST FILE's bytes as a CSV body.
upload() {
	api POST "$1" -H 'Content-Type: text/csv' --data-binary "@$2"
}

# A risk on the first asset; RISK is its JSON body.
RISK='{"title":"Database breach","asset":"Customer DB","threat":"External attacker",
	"vulnerability":"Unpatched server","likelihood":4,"impact":5,"treatment":"modify",
	"controls":"a.8.8,A.5.15","owner":"Alice","residual_likelihood":2,"residual_impact":3}'

t_api_assets() {
	risk_setup
	api POST $O/assets -d '{"name":"Customer DB","type":"information","owner":"Alice",
		"classification":"confidential","confidentiality":5,"integrity":"4",
		"availability":3,"in_scope":true}'
	expect 201
	jq_body '.name == "Customer DB" and .confidentiality == 5 and .in_scope == true'
	[[ -n $(header ETag) ]] || die "no ETag on the new asset"
	same_as_cli asset show "Customer DB"
	api POST $O/assets -d '{"name":"Payroll SaaS","type":"service","in_scope":"no"}'
	expect 201
	api GET $O/assets
	expect 200
	[[ $(header X-Total-Count) == 2 ]] || die "X-Total-Count: $(header X-Total-Count)"
	same_as_cli asset list
	api GET "$O/assets?limit=1&offset=1"
	jq_body 'map(.name) == ["Payroll SaaS"]'
	api GET "$O/assets/Customer%20DB"
	expect 200
	same_as_cli asset show "Customer DB"
	local etag
	etag=$(header ETag)
	# A change: an empty value clears, the answer is the asset as it is now.
	api PATCH "$O/assets/Customer%20DB" -H "If-Match: $etag" \
		-d '{"location":"EU region","owner":""}'
	expect 200
	jq_body '.location == "EU region" and .owner == null'
	same_as_cli asset show "Customer DB"
	# A second writer who read the first version is refused.
	snapshot
	api PATCH "$O/assets/Customer%20DB" -H "If-Match: $etag" -d '{"owner":"Mallory"}'
	expect 412
	api DELETE "$O/assets/Customer%20DB" -H "If-Match: $etag"
	expect 412
	unchanged
	api DELETE "$O/assets/Payroll%20SaaS"
	expect 204
	fails 1 "no asset" asset show "Payroll SaaS"
	api GET "$O/assets/Payroll%20SaaS"
	expect 404
	serve_stop
}

# A name holding "/" or "%" is reached with its escapes ("%2F", "%25"),
# which stay inside their part of the path; a bad escape is refused.
t_api_asset_name_with_slash() {
	risk_setup
	api POST $O/assets -d '{"name":"db/primary 100%","type":"information"}'
	expect 201
	api GET "$O/assets/db%2Fprimary%20100%25"
	expect 200
	jq_body '.name == "db/primary 100%"'
	same_as_cli asset show "db/primary 100%"
	api PATCH "$O/assets/db%2fprimary%20100%25" -d '{"owner":"Alice"}'
	expect 200
	jq_body '.owner == "Alice"'
	snapshot
	api GET "$O/assets/db/primary"
	expect 404
	api GET "$O/assets/db%2"
	expect 400
	jq_body '.error.message == "the path has a bad percent-escape"'
	api DELETE "$O/assets/db%00"
	expect 400
	unchanged
	api DELETE "$O/assets/db%2Fprimary%20100%25"
	expect 204
	fails 1 "no asset" asset show "db/primary 100%"
	serve_stop
}

t_api_asset_bad_input() {
	risk_setup
	with_assets
	snapshot
	api POST $O/assets -d '{"name":"X","type":"site","colour":"red"}'
	expect 400
	jq_body '.error.message | test("unknown member \"colour\"")'
	api POST $O/assets -d '{"type":"site"}'
	expect 400
	jq_body '.error.message | test("needs \"name\"")'
	api POST $O/assets -d '{"name":"X"}'
	expect 400
	jq_body '.error.message | test("needs a type")'
	api POST $O/assets -d '{"name":"X","type":"laptop"}'
	expect 422
	jq_body '.error.message | test("unknown asset type .laptop.")'
	api POST $O/assets -d '{"name":"X","type":"site","confidentiality":7}'
	expect 422
	api POST $O/assets -d '{"name":"X","type":"site","classification":"secret"}'
	expect 422
	api POST $O/assets -d '{"name":"X","type":"site","in_scope":"maybe"}'
	expect 422
	api POST $O/assets -d '{"name":"X","type":"site","owner":["a"]}'
	expect 400
	api POST $O/assets -d '{"name":"Customer DB","type":"information"}'
	expect 409
	# Hostile text: control characters and a name too long are refused.
	api POST $O/assets -d '{"name":"Evil\u0007DB","type":"site"}'
	expect 422
	api POST $O/assets -d "{\"name\":\"$(head -c 5000 /dev/zero | tr '\0' x)\",\"type\":\"site\"}"
	expect 422
	api PATCH $O/assets/Nope -d '{"owner":"X"}'
	expect 404
	api PATCH "$O/assets/Customer%20DB" -d '{"integrity":"high"}'
	expect 422
	api PATCH "$O/assets/Customer%20DB" -d ''
	expect 400
	# A viewer reads but changes nothing.
	as vic
	api GET $O/assets
	expect 200
	api POST $O/assets -d '{"name":"X","type":"site"}'
	expect 403
	api PATCH "$O/assets/Customer%20DB" -d '{"owner":"Vic"}'
	expect 403
	api DELETE "$O/assets/Customer%20DB"
	expect 403
	unchanged
	serve_stop
}

t_api_flows() {
	risk_setup
	with_assets
	api POST $O/flows -d '{"from":"Customer DB","to":"Payroll SaaS","data":"salary data","channel":"SFTP"}'
	expect 201
	jq_body '.id == 1 and .crosses_scope == true and .channel == "SFTP" and .data_type == "salary data"'
	api GET $O/flows
	expect 200
	same_as_cli flow list
	api GET $O/flows/1
	expect 200
	jq_body '.from == "Customer DB" and .to == "Payroll SaaS"'
	# An asset a flow names cannot go.
	snapshot
	api DELETE "$O/assets/Payroll%20SaaS"
	expect 409
	jq_body '.error.message | test("data flow")'
	api POST $O/flows -d '{"from":"Nope","to":"Customer DB","data":"x"}'
	expect 404
	api POST $O/flows -d '{"from":"Customer DB","to":"Customer DB","data":"x"}'
	expect 422
	api POST $O/flows -d '{"from":"Customer DB","to":"Payroll SaaS"}'
	expect 400
	api POST $O/flows -d '{"from":"Customer DB","to":"Payroll SaaS","data":"x\ny"}'
	expect 422
	api GET $O/flows/9
	expect 404
	api DELETE $O/flows/9
	expect 404
	api DELETE $O/flows/abc
	expect 422
	as vic
	api POST $O/flows -d '{"from":"Customer DB","to":"Payroll SaaS","data":"x"}'
	expect 403
	api DELETE $O/flows/1
	expect 403
	unchanged
	as root
	api DELETE $O/flows/1
	expect 204
	ok flow list --json
	jq_eq length 0
	api DELETE "$O/assets/Payroll%20SaaS"
	expect 204
	serve_stop
}

t_api_asset_import() {
	risk_setup
	printf '\xef\xbb\xbfName,TYPE,owner,In-Scope\r\n"Customer DB",information,"Smith, Alice",yes\r\n' >"$T_DIR/assets.csv"
	printf ',,,\r\nWeb shop,software,Bob,no\r\n' >>"$T_DIR/assets.csv"
	upload $O/assets/import "$T_DIR/assets.csv"
	expect 200
	jq_body '. == {"imported":2}'
	ok asset show "Customer DB" --json
	jq_eq .owner "Smith, Alice"
	ok asset show "Web shop" --json
	jq_eq .in_scope false
	# The same file through the command line, into a new organisation, gives
	# the same answer and the same assets.
	ok org add beta --name Beta
	ISMS_ORG=beta ok asset import "$T_DIR/assets.csv" --json
	[[ $(jq -S . <<<"$out") == "$(jq -S . <<<"$body")" ]] || die "CLI import said $out"
	ISMS_ORG=beta ok asset list --json
	local beta=$out
	ok asset list --json
	[[ $(jq -S 'map(del(.id, .updated_at))' <<<"$beta") == "$(jq -S 'map(del(.id, .updated_at))' <<<"$out")" ]] ||
		die "the two imports differ"
	# One bad row: nothing is imported and its line is named.
	printf 'name,type\nBackup,hardware\nLaptop,laptop\n' >"$T_DIR/bad.csv"
	printf 'name,colour\nX,red\n' >"$T_DIR/badcol.csv"
	printf 'name,type\n"Bad \xff",site\n' >"$T_DIR/badutf.csv"
	: >"$T_DIR/empty.csv"
	snapshot
	upload $O/assets/import "$T_DIR/bad.csv"
	expect 422
	jq_body '.error.message | test("^body:3: ")'
	upload $O/assets/import "$T_DIR/badcol.csv"
	expect 422
	upload $O/assets/import "$T_DIR/badutf.csv"
	expect 422
	upload $O/assets/import "$T_DIR/empty.csv"
	[[ $code == 400 || $code == 422 ]] || die "an empty CSV: $code $body"
	# The whole file or none: a duplicate of an existing asset undoes the rest.
	printf 'name,type\nBackup,hardware\nWeb shop,software\n' >"$T_DIR/dup.csv"
	upload $O/assets/import "$T_DIR/dup.csv"
	expect 409
	as vic
	upload $O/assets/import "$T_DIR/assets.csv"
	expect 403
	unchanged
	serve_stop
}

t_api_risks() {
	risk_setup
	with_assets
	api POST $O/risks -d "$RISK"
	expect 201
	jq_body '.ref == "R1" and .inherent_level == "critical" and .residual_level == "medium"'
	jq_body '.controls == ["A.5.15","A.8.8"] and .assets == ["Customer DB"]'
	same_as_cli risk show R1
	ok risk add --title "Supplier outage" --asset "Payroll SaaS" --threat Outage \
		--vulnerability "Single supplier" --likelihood 3 --impact 4 --treatment retain \
		--owner "Alice Smith"
	api GET $O/risks
	expect 200
	[[ $(header X-Total-Count) == 2 ]] || die "X-Total-Count: $(header X-Total-Count)"
	same_as_cli risk list
	api GET $O/risks/r2
	expect 200
	same_as_cli risk show R2
	local etag
	etag=$(header ETag)
	api PATCH $O/risks/2 -H "If-Match: $etag" -d '{"residual_likelihood":"2","review":"2026-06-30"}'
	expect 200
	jq_body '.residual_likelihood == 2 and .residual_level == "high" and .review_on == "2026-06-30"'
	same_as_cli risk show R2
	snapshot
	api PATCH $O/risks/2 -H "If-Match: $etag" -d '{"title":"Lost update"}'
	expect 412
	unchanged
	# Acceptance: by the owner only, withdrawn when the residual risk changes.
	api POST $O/risks/R2/accept -d '{"by":"Bob"}'
	expect 409
	jq_body '.error.message | test("only the risk owner \\(Alice Smith\\) may accept risk R2, not Bob")'
	api POST $O/risks/R2/accept -d '{}'
	expect 400
	api POST $O/risks/R2/accept -d '{"by":"Alice Smith","date":"2026-13-01"}'
	expect 422
	unchanged
	api POST $O/risks/R2/accept -d '{"by":"alice smith"}'
	expect 200
	jq_body '.accepted_by == "Alice Smith" and .accepted_on == "2026-01-15"'
	same_as_cli risk show R2
	api PATCH $O/risks/R2 -d '{"owner":"Carol"}'
	expect 200
	jq_body '.accepted_by == null'
	api DELETE $O/risks/R2
	expect 204
	api GET $O/risks/R2
	expect 404
	ok risk list --json
	jq_eq length 1
	serve_stop
}

t_api_risk_bad_input() {
	risk_setup
	with_assets
	api POST $O/risks -d "$RISK"
	expect 201
	snapshot
	api POST $O/risks -d '{"asset":"Customer DB","threat":"x","vulnerability":"y","likelihood":1,"impact":1,"treatment":"modify"}'
	expect 400
	jq_body '.error.message | test("needs --title")'
	api POST $O/risks -d "$(jq -c '.title = "Other" | .likelihood = 9' <<<"$RISK")"
	expect 422
	api POST $O/risks -d "$(jq -c '.title = "Other" | .asset = "Nope"' <<<"$RISK")"
	expect 404
	api POST $O/risks -d "$(jq -c '.title = "Other" | .controls = "A.99"' <<<"$RISK")"
	expect 404
	api POST $O/risks -d "$(jq -c '.title = "Other" | .controls = "5.1"' <<<"$RISK")"
	expect 422
	api POST $O/risks -d "$(jq -c '.title = "Other" | .treatment = "ignore"' <<<"$RISK")"
	expect 422
	api POST $O/risks -d "$(jq -c '.title = "Other" | .review = "2026-02-30"' <<<"$RISK")"
	expect 422
	api POST $O/risks -d "$(jq -c '.title = "Other\u001b[31m"' <<<"$RISK")"
	expect 422
	api POST $O/risks -d "$(jq -c '.title = "Other" | .assets = "Customer DB"' <<<"$RISK")"
	expect 400
	api POST $O/risks -d "$RISK"
	expect 409
	api GET $O/risks/R99
	expect 404
	api GET $O/risks/X1
	expect 422
	api PATCH $O/risks/R99 -d '{"owner":"X"}'
	expect 404
	api PATCH $O/risks/R1 -d '{"asset":""}'
	expect 422
	api PATCH $O/risks/R1 -d '{"impact":0}'
	expect 422
	api DELETE $O/risks/R99
	expect 404
	api POST $O/risks/R99/accept -d '{"by":"Alice"}'
	expect 404
	as vic
	api GET $O/risks/R1
	expect 200
	api POST $O/risks -d "$(jq -c '.title = "Other"' <<<"$RISK")"
	expect 403
	api PATCH $O/risks/R1 -d '{"owner":"Vic"}'
	expect 403
	api POST $O/risks/R1/accept -d '{"by":"Alice"}'
	expect 403
	api DELETE $O/risks/R1
	expect 403
	unchanged
	# Another organisation's risks and actions are not reached through this one.
	ok org add beta --name "Beta Ltd"
	ISMS_ORG=beta ok asset add "Beta DB" --type information
	ISMS_ORG=beta ok risk add --title "Beta breach" --asset "Beta DB" --threat x \
		--vulnerability y --likelihood 1 --impact 1 --treatment modify --json
	local other
	other=$(jq -r .id <<<"$out")
	ISMS_ORG=beta ok risk action "R$other" --title "Beta action" --json
	local action
	action=$(jq -r .id <<<"$out")
	snapshot
	as root
	api GET "$O/risks/R$other"
	expect 404
	api PATCH "$O/risks/R$other" -d '{"owner":"X"}'
	expect 404
	api DELETE "$O/risks/R$other"
	expect 404
	api PATCH "$O/treatment-actions/T$action" -d '{"status":"done"}'
	expect 404
	as vic
	api GET /api/v1/orgs/beta/risks
	expect 403
	unchanged
	serve_stop
}

t_api_risk_method() {
	risk_setup
	with_assets
	api POST $O/risks -d "$RISK"
	expect 201
	api GET $O/risk-method
	expect 200
	same_as_cli risk method
	jq_body '.version == 1 and .changed_by == null'
	local etag
	etag=$(header ETag)
	api GET $O/risk-method/history
	expect 200
	jq_body '. == []'
	# A new scale re-evaluates every risk and is recorded.
	api PATCH $O/risk-method -H "If-Match: $etag" \
		-d '{"likelihood":"Low,Medium,High","impact":"Minor,Major,Severe","by":"Managing Director","note":"Three by three"}'
	[[ $code == 409 ]] || die "a scale the risks lie beyond: $code $body"
	api PATCH $O/risk-method -H "If-Match: $etag" \
		-d '{"accept":"high","by":"Managing Director","note":"Agreed"}'
	expect 200
	jq_body '.version == 2 and .accept_max == "high" and .changed_by == "Managing Director"'
	same_as_cli risk method
	api GET $O/risk-method/history
	expect 200
	jq_body 'length == 1 and .[0].risks_evaluated == 1 and .[0].version == 2'
	same_as_cli risk method --history
	snapshot
	api PATCH $O/risk-method -H "If-Match: $etag" -d '{"accept":"low","by":"X"}'
	expect 412
	api PATCH $O/risk-method -d '{"accept":"low"}'
	expect 400
	jq_body '.error.message | test("--by NAME")'
	api PATCH $O/risk-method -d '{"by":"Managing Director"}'
	expect 400
	jq_body '.error.message | test("nothing to change")'
	api PATCH $O/risk-method -d '{"accept":"extreme","by":"X"}'
	expect 422
	api PATCH $O/risk-method -d '{"matrix":"12/34","by":"X"}'
	expect 422
	api PATCH $O/risk-method -d '{"likelihood":"Only","by":"X"}'
	expect 422
	api PATCH $O/risk-method -d '{"history":true}'
	expect 400
	as vic
	api GET $O/risk-method/history
	expect 200
	api PATCH $O/risk-method -d '{"accept":"low","by":"Vic"}'
	expect 403
	unchanged
	serve_stop
}

t_api_treatment_plan() {
	risk_setup
	with_assets
	api POST $O/risks -d "$RISK"
	expect 201
	api POST $O/risks/R1/actions -d '{"title":"Monthly patch cycle","control":"a.8.8","owner":"IT Ops","due":"2026-03-01"}'
	expect 201
	jq_body '.id == 1 and .control == "A.8.8" and .status == "open" and .risk == "R1"'
	api GET $O/treatment-actions/T1
	expect 200
	jq_body '.title == "Monthly patch cycle" and .due_on == "2026-03-01"'
	api GET $O/treatment-plan
	expect 200
	same_as_cli risk plan
	jq_body '.approved == false and (.actions | length) == 1'
	snapshot
	api POST $O/risks/R1/actions -d '{"title":"X","due":"2026-02-31"}'
	expect 422
	api POST $O/risks/R1/actions -d '{"title":"X","control":"A.99"}'
	expect 404
	api POST $O/risks/R1/actions -d '{"owner":"X"}'
	expect 400
	jq_body '.error.message | test("needs --title")'
	api POST $O/risks/R7/actions -d '{"title":"X"}'
	expect 404
	api PATCH $O/treatment-actions/T9 -d '{"status":"done"}'
	expect 404
	api PATCH $O/treatment-actions/Tx -d '{"status":"done"}'
	expect 422
	jq_body '.error.message | test("like T12")'
	api PATCH $O/treatment-actions/T1 -d '{"status":"finished"}'
	expect 422
	api POST $O/treatment-plan/approve -d '{}'
	expect 400
	jq_body '.error.message | test("--by NAME")'
	api POST $O/treatment-plan/approve -d '{"by":"Managing Director","date":"yesterday"}'
	expect 422
	as vic
	api GET $O/treatment-plan
	expect 200
	api POST $O/risks/R1/actions -d '{"title":"X"}'
	expect 403
	api PATCH $O/treatment-actions/T1 -d '{"status":"done"}'
	expect 403
	api POST $O/treatment-plan/approve -d '{"by":"Vic"}'
	expect 403
	unchanged
	as root
	api POST $O/treatment-plan/approve -d '{"by":"Managing Director","date":"2026-01-14"}'
	expect 200
	jq_body '.approved == true and .approved_by == "Managing Director" and .changed_since_approval == false'
	same_as_cli risk plan
	# Progress is not a change of plan; a new due date is.
	api PATCH $O/treatment-actions/1 -d '{"status":"in-progress"}'
	expect 200
	jq_body '.status == "in-progress"'
	api GET $O/treatment-plan
	jq_body '.changed_since_approval == false'
	local etag
	etag=$(header ETag)
	api PATCH $O/treatment-actions/T1 -d '{"due":"2026-04-01"}'
	expect 200
	api GET $O/treatment-plan
	jq_body '.changed_since_approval == true'
	api POST $O/treatment-plan/approve -H "If-Match: $etag" -d '{"by":"Managing Director"}'
	expect 412
	serve_stop
}

t_api_risk_report() {
	risk_setup
	with_assets
	api POST $O/risks -d "$RISK"
	expect 201
	ok risk report --format md -o "$T_DIR/cli.md"
	fetch "$O/risk-report?format=md" "$T_DIR/api.md"
	expect 200
	cmp -s "$T_DIR/cli.md" "$T_DIR/api.md" || die "the Markdown reports differ"
	[[ $(header Content-Type) == text/markdown* ]] || die "Content-Type: $(header Content-Type)"
	[[ $(header Content-Disposition) == 'attachment; filename="risk-report-acme.md"' ]] ||
		die "Content-Disposition: $(header Content-Disposition)"
	ok risk report --format html -o "$T_DIR/cli.html"
	fetch "$O/risk-report?format=html" "$T_DIR/api.html"
	expect 200
	cmp -s "$T_DIR/cli.html" "$T_DIR/api.html" || die "the HTML reports differ"
	ok risk report --format json -o "$T_DIR/cli.json"
	fetch "$O/risk-report" "$T_DIR/api.json"
	expect 200
	cmp -s "$T_DIR/cli.json" "$T_DIR/api.json" || die "the JSON reports differ"
	[[ $(header Content-Type) == application/json* ]] || die "Content-Type: $(header Content-Type)"
	api GET "$O/risk-report?format=pdf"
	expect 400
	jq_body '.error.message | test("unknown format")'
	as vic
	fetch "$O/risk-report?format=md" "$T_DIR/vic.md"
	expect 200
	serve_stop
}

t_api_risk_import() {
	risk_setup
	with_assets
	printf 'title,assets,threat,vulnerability,likelihood,impact,treatment,controls,owner\n' >"$T_DIR/risks.csv"
	printf '"Database breach","Customer DB",Attacker,Unpatched,4,5,modify,"A.8.8,A.5.15",Alice\n' >>"$T_DIR/risks.csv"
	printf 'Supplier outage,"Payroll SaaS,Customer DB",Outage,Single supplier,3,4,retain,,Bob\n' >>"$T_DIR/risks.csv"
	upload $O/risks/import "$T_DIR/risks.csv"
	expect 200
	jq_body '. == {"imported":2}'
	ok risk show R2 --json
	jq_eq '.assets | join(",")' "Customer DB,Payroll SaaS"
	ok risk show R1 --json
	jq_eq '.controls | join(",")' "A.5.15,A.8.8"
	printf 'title,assets,threat,vulnerability,likelihood,impact,treatment\nA,Customer DB,t,v,1,1,modify\nB,Nope,t,v,1,1,modify\n' >"$T_DIR/bad.csv"
	printf 'title,assets\nA,Customer DB\n' >"$T_DIR/short.csv"
	snapshot
	upload $O/risks/import "$T_DIR/bad.csv"
	[[ $code == 404 || $code == 422 ]] || die "a row naming no asset: $code $body"
	jq_body '.error.message | test("^body:3: ")'
	upload $O/risks/import "$T_DIR/short.csv"
	expect 422
	upload $O/risks/import "$T_DIR/risks.csv"
	expect 409
	as vic
	upload $O/risks/import "$T_DIR/risks.csv"
	expect 403
	unchanged
	serve_stop
}

# The references of every Annex A control, in a JSON array.
all_controls() {
	ok catalog list --kind control --json
	jq -c 'map(.ref)' <<<"$out"
}

t_api_soa() {
	risk_setup
	add_user carl control-owner acme
	sign_in_as carl
	as root
	with_assets
	api GET $O/soa
	expect 200
	[[ $(header X-Total-Count) == 93 ]] || die "X-Total-Count: $(header X-Total-Count)"
	same_as_cli soa list
	api GET "$O/soa?limit=2&offset=1"
	jq_body '(.controls | map(.ref)) == ["A.5.2","A.5.3"] and .controls_total == 93'
	api GET $O/soa/a.5.1
	expect 200
	same_as_cli soa show A.5.1
	local etag
	etag=$(header ETag)
	api PATCH $O/soa/A.5.1 -H "If-Match: $etag" -d '{"reason":"legal","justification":"Required by law"}'
	expect 200
	jq_body '.inclusion == [{"reason":"legal","text":"Required by law"}]'
	same_as_cli soa show A.5.1
	api PATCH $O/soa/A.8.25 -d '{"applicable":false,"justification":"No software is developed in-house"}'
	expect 200
	jq_body '.applicable == false and .exclusion == "No software is developed in-house"'
	same_as_cli soa show A.8.25
	# Several at once: all or none.
	api PATCH $O/soa -d '{"refs":["A.5.2","a.5.3"],"status":"implemented","status_reason":"Walkthrough"}'
	expect 200
	jq_body '. == {"updated":["A.5.2","a.5.3"]}'
	ok soa show A.5.3 --json
	jq_eq .status implemented
	snapshot
	api PATCH $O/soa/A.5.1 -H "If-Match: $etag" -d '{"reason":"business","justification":"x"}'
	expect 412
	api PATCH $O/soa -d '{"refs":["A.5.4","A.99"],"status":"implemented","status_reason":"x"}'
	expect 404
	api PATCH $O/soa -d '{"refs":[],"status":"implemented","status_reason":"x"}'
	expect 400
	api PATCH $O/soa -d "{\"refs\":$(jq -c '. + .' <<<"$(all_controls)" | jq -c '.[:101]'),\"applicable\":\"yes\"}"
	expect 400
	api PATCH $O/soa -d '{"refs":"A.5.4","applicable":"yes"}'
	expect 400
	api PATCH $O/soa -d '{"refs":[5],"applicable":"yes"}'
	expect 400
	api PATCH $O/soa/A.5.4 -d '{}'
	expect 400
	jq_body '.error.message | test("nothing to change")'
	api PATCH $O/soa/A.5.4 -d '{"applicable":"maybe"}'
	expect 422
	api PATCH $O/soa/A.5.4 -d '{"status":"implemented"}'
	expect 400
	api PATCH $O/soa/A.5.4 -d '{"reason":"whim","justification":"x"}'
	expect 422
	api PATCH $O/soa/A.5.4 -d '{"applicable":"no","justification":"<script>alert(1)</script>\u0000"}'
	[[ $code == 400 || $code == 422 ]] || die "a NUL in a justification: $code $body"
	api PATCH $O/soa/9.3.1 -d '{"applicable":"no"}'
	expect 422
	api GET $O/soa/9.3.1
	expect 422
	jq_body '.error.message | test("clause")'
	api GET $O/soa/A.99
	expect 404
	# Neither a viewer nor a control owner decides the SoA.
	as vic
	api PATCH $O/soa/A.5.4 -d '{"applicable":"no","justification":"x"}'
	expect 403
	as carl
	api GET $O/soa/A.5.4
	expect 200
	api PATCH $O/soa/A.5.4 -d '{"applicable":"no","justification":"x"}'
	expect 403
	api PATCH $O/soa -d '{"refs":["A.5.4"],"applicable":"no","justification":"x"}'
	expect 403
	api POST $O/soa/versions -d '{"by":"Carl"}'
	expect 403
	unchanged
	serve_stop
}

t_api_soa_check_approve_diff() {
	risk_setup
	with_assets
	api GET $O/soa/problems
	expect 200
	run soa check --json
	[[ $(jq -S . <<<"$body") == "$(jq -S . <<<"$out")" ]] || die "soa check and the API differ"
	jq_body 'any(.[]; .code == "never-approved")'
	# Problems other than approval block it.
	snapshot
	api POST $O/soa/versions -d '{"by":"Managing Director"}'
	expect 409
	jq_body '.error.message | test("not aligned")'
	unchanged
	api PATCH $O/soa -d "{\"refs\":$(all_controls),\"status\":\"implemented\",\"status_reason\":\"Confirmed in the walkthrough\"}"
	expect 200
	jq_body '.updated | length == 93'
	api GET $O/soa/problems
	jq_body 'map(.code) == ["never-approved"]'
	snapshot
	api POST $O/soa/versions -d '{}'
	expect 400
	api POST $O/soa/versions -d '{"by":"Managing Director","date":"2026-02-30"}'
	expect 422
	api POST $O/soa/versions -d '{"by":"Managing Director","when":"now"}'
	expect 400
	as vic
	api POST $O/soa/versions -d '{"by":"Vic"}'
	expect 403
	unchanged
	as root
	api POST $O/soa/versions -d '{"by":"Managing Director","date":"2026-01-14"}'
	expect 201
	jq_body '.version == 1 and .approved_by == "Managing Director" and .approved_on == "2026-01-14"'
	api GET $O/soa/problems
	jq_body '. == []'
	api POST $O/soa/versions -d '{"by":"Managing Director"}'
	expect 409
	jq_body '.error.message | test("nothing changed since version 1")'
	api PATCH $O/soa/A.5.7 -d '{"reason":"legal","justification":"Required by the NIS2 transposition"}'
	expect 200
	api POST $O/soa/versions -d '{"by":"Managing Director"}'
	expect 201
	jq_body '.version == 2 and .approved_on == "2026-01-15"'
	api GET $O/soa/versions
	expect 200
	same_as_cli soa versions
	api PATCH $O/soa/A.8.1 -d '{"applicable":"no","justification":"Company devices are not used"}'
	expect 200
	api GET "$O/soa/diff?from=1&to=2"
	expect 200
	same_as_cli soa diff 1 2
	jq_body 'map(.ref) == ["A.5.7"]'
	api GET "$O/soa/diff?from=v2"
	expect 200
	same_as_cli soa diff 2
	api GET "$O/soa/diff?from=2&to=current"
	jq_body 'map(.ref) == ["A.8.1"] and (.[0].changed | join(",")) == "applicable,justification"'
	api GET "$O/soa/diff"
	expect 400
	api GET "$O/soa/diff?from=abc"
	expect 422
	api GET "$O/soa/diff?from=1&to=0"
	expect 422
	api GET "$O/soa/diff?from=9"
	expect 404
	serve_stop
}

t_api_soa_export() {
	# The server's temporary files go where the test can see them.
	export TMPDIR=$T_DIR/tmp
	mkdir -p "$TMPDIR"
	risk_setup
	with_assets
	ok risk add --title "Database breach" --asset "Customer DB" --threat "=HYPERLINK(\"x\")" \
		--vulnerability "<b>Unpatched</b>" --likelihood 4 --impact 5 --treatment modify --controls A.8.8
	ok soa set A.8.25 --applicable no --justification 'No "in-house" code, <none>; =1+1'
	local f
	for f in csv md html json; do
		ok soa export --format $f -o "$T_DIR/cli.$f"
		fetch "$O/soa/export?format=$f" "$T_DIR/api.$f"
		expect 200
		cmp -s "$T_DIR/cli.$f" "$T_DIR/api.$f" || die "the $f exports differ"
	done
	[[ $(header Content-Type) == application/json* ]] || die "Content-Type: $(header Content-Type)"
	fetch "$O/soa/export?format=csv" "$T_DIR/api.csv"
	[[ $(header Content-Type) == text/csv* ]] || die "Content-Type: $(header Content-Type)"
	[[ $(header Content-Disposition) == 'attachment; filename="soa-acme.csv"' ]] ||
		die "Content-Disposition: $(header Content-Disposition)"
	fetch "$O/soa/export?format=xlsx" "$T_DIR/api.xlsx"
	expect 200
	[[ $(header Content-Type) == application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ]] ||
		die "Content-Type: $(header Content-Type)"
	[[ $(header Content-Disposition) == 'attachment; filename="soa-acme.xlsx"' ]] ||
		die "Content-Disposition: $(header Content-Disposition)"
	[[ $(header Content-Length) == "$(stat -c %s "$T_DIR/api.xlsx")" ]] || die "Content-Length"
	python3 - "$T_DIR/api.xlsx" <<-'EOF' || die "the workbook is not a valid zip"
		import sys, zipfile
		z = zipfile.ZipFile(sys.argv[1])
		assert z.testzip() is None
		names = z.namelist()
		assert "xl/workbook.xml" in names, names
		assert sum(n.startswith("xl/worksheets/") for n in names) == 2, names
		s = z.read("xl/sharedStrings.xml").decode()
		assert "A.8.25" in s and "in-house" in s, s[:200]
	EOF
	# The workbook's sheets hold what the command line's does.
	ok soa export --format xlsx -o "$T_DIR/cli.xlsx"
	python3 - "$T_DIR/cli.xlsx" "$T_DIR/api.xlsx" <<-'EOF' || die "the workbooks differ"
		import sys, zipfile
		a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
		for n in a.namelist():
		    if n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml":
		        assert a.read(n) == b.read(n), n
	EOF
	# Nothing of it is left behind on the server.
	[[ -z $(ls -A "$TMPDIR") ]] || die "left behind: $(ls -A "$TMPDIR")"
	api GET "$O/soa/export"
	expect 400
	jq_body '.error.message | test("choose the format")'
	api GET "$O/soa/export?format=pdf"
	expect 400
	as vic
	fetch "$O/soa/export?format=xlsx" "$T_DIR/vic.xlsx"
	expect 200
	serve_stop
}
