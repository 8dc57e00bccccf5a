# The organisations, their ISMS scope, the catalogue and the overview over
# HTTP: the same answers as the command line's --json, the same rules, and
# a refused request changes nothing.

# org_setup: the organisation acme, an administrator "root" signed in and
# the server running.
org_setup() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	add_user root admin
	serve_start
	sign_in root
}

# same_as_cli: the last answer's body is the JSON the last command printed.
same_as_cli() {
	diff <(jq -S . <<<"$out") <(jq -S . <<<"$body") >"$T_DIR/.diff" ||
		die "the API and the command line differ: $(head -20 "$T_DIR/.diff")"
}

# as USER: further requests with USER's session (signed in before).
as() {
	signed_in=$1
	csrf=$(jq -r .csrf <<<"$(curl -s -b "$T_DIR/jar.$1" "$base/api/v1/session")")
}

t_org_show_is_the_cli_record() {
	org_setup
	ok --org acme scope add process Payroll
	api GET /api/v1/orgs/acme
	expect 200
	ok org show acme --json
	same_as_cli
	jq_body '.scope.process.in == 1 and .scope.has_statement == false'
	local first second
	first=$(header ETag)
	# A new organisation answers as a GET does, so its ETag is usable.
	api POST /api/v1/orgs -d '{"slug":"beta","name":"Beta Ltd"}'
	expect 201
	ok org show beta --json
	same_as_cli
	second=$(header ETag)
	api PATCH /api/v1/orgs/beta -H "If-Match: $second" -d '{"name":"Beta Group"}'
	expect 200
	ok org show beta --json
	same_as_cli
	# Renamed, the record has a new ETag and the old one is refused.
	api PATCH /api/v1/orgs/acme -d '{"name":"Acme Group"}'
	expect 200
	[[ $(header ETag) != "$first" ]] || die "the ETag did not change on a rename"
	snapshot
	api PATCH /api/v1/orgs/acme -H "If-Match: $first" -d '{"name":"Acme Again"}'
	expect 412
	unchanged
	serve_stop
}

t_scope_show_and_statement() {
	org_setup
	ok --org acme scope add location "Leeds office"
	api GET /api/v1/orgs/acme/scope
	expect 200
	ok --org acme scope show --json
	same_as_cli
	local before
	before=$(header ETag)
	api PATCH /api/v1/orgs/acme/scope -d '{"statement":"Payroll services.\nRun from Leeds."}'
	expect 200
	ok --org acme scope show --json
	same_as_cli
	jq_body '.statement == "Payroll services.\nRun from Leeds."'
	jq_body '.updated_at == "2026-01-15T09:00:00Z"'
	[[ $(header ETag) != "$before" ]] || die "the scope's ETag did not change"
	snapshot
	api PATCH /api/v1/orgs/acme/scope -H "If-Match: $before" -d '{"statement":"Lost update"}'
	expect 412
	api PATCH /api/v1/orgs/acme/scope -d '{}'
	expect 400
	jq_body '.error.message | test("needs \"statement\"")'
	api PATCH /api/v1/orgs/acme/scope -d '{"statement":"x","file":"/etc/passwd"}'
	expect 400
	jq_body '.error.message | test("unknown member \"file\"")'
	api PATCH /api/v1/orgs/acme/scope -d '{"statement":"   "}'
	expect 422
	jq_body '.error.message | test("must not be empty")'
	api PATCH /api/v1/orgs/acme/scope -d '{"statement":["a"]}'
	expect 400
	api PATCH /api/v1/orgs/acme/scope -d '{"statement":"bell \u0007 here"}'
	expect 422
	api PATCH /api/v1/orgs/acme/scope -d '{"statement":"nul \u0000 here"}'
	expect 400
	jq -n '{statement: ("x" * 30000)}' >"$T_DIR/big.json"
	api PATCH /api/v1/orgs/acme/scope --data-binary "@$T_DIR/big.json"
	expect 422
	jq_body '.error.message | test("too long")'
	api PATCH /api/v1/orgs/nobody/scope -d '{"statement":"x"}'
	expect 404
	unchanged
	serve_stop
}

t_scope_items_and_exclusions() {
	org_setup
	api POST /api/v1/orgs/acme/scope/items \
		-d '{"kind":"process","name":"Payroll","description":"Monthly payroll"}'
	expect 201
	jq_body '. == {"kind": "process", "name": "Payroll", "description": "Monthly payroll",
		"in_scope": true, "exclusion_reason": null}'
	local created
	created=$(header ETag)
	api GET /api/v1/orgs/acme/scope/items/process/Payroll
	expect 200
	[[ $(header ETag) == "$created" ]] || die "a new item's ETag is not its GET's"
	api POST /api/v1/orgs/acme/scope/items -d '{"kind":"location","name":"Paris office"}'
	expect 201
	api POST /api/v1/orgs/acme/scope/items -d '{"kind":"data-type","name":"Employee data"}'
	expect 201
	api POST '/api/v1/orgs/acme/scope/items/location/Paris%20office/exclude' \
		-d '{"reason":"Sales office only"}'
	expect 200
	jq_body '.in_scope == false and .exclusion_reason == "Sales office only"'
	local excluded
	excluded=$(header ETag)
	ok --org acme scope show --json
	jq_eq '.items[] | select(.name == "Paris office") | .exclusion_reason' "Sales office only"
	api POST '/api/v1/orgs/acme/scope/items/location/Paris%20office/include' \
		-H "If-Match: $excluded"
	expect 200
	jq_body '.in_scope == true and .exclusion_reason == null'
	api DELETE /api/v1/orgs/acme/scope/items/data-type/Employee%20data
	expect 204
	api GET /api/v1/orgs/acme/scope
	ok --org acme scope show --json
	same_as_cli
	jq_body '[.items[].name] == ["Payroll","Paris office"] and .summary.location.in == 1'
	# The same rules as the command line, and nothing changed by a refusal.
	snapshot
	api POST '/api/v1/orgs/acme/scope/items/location/Paris%20office/exclude' -d '{}'
	expect 422
	jq_body '.error.message | test("an exclusion needs a justification")'
	api POST '/api/v1/orgs/acme/scope/items/location/Paris%20office/exclude' -d '{"reason":" "}'
	expect 422
	api POST '/api/v1/orgs/acme/scope/items/location/Paris%20office/exclude' \
		-H "If-Match: $excluded" -d '{"reason":"Stale"}'
	expect 412
	api POST /api/v1/orgs/acme/scope/items/location/Nowhere/exclude -d '{"reason":"x"}'
	expect 404
	jq_body '.error.message == "no location '"'"'Nowhere'"'"' in the scope"'
	api POST /api/v1/orgs/acme/scope/items/planet/Mars/include
	expect 422
	api POST /api/v1/orgs/acme/scope/items/process/Payroll/include -d '{"why":"x"}'
	expect 400
	api POST /api/v1/orgs/acme/scope/items -d '{"kind":"process","name":"Payroll"}'
	expect 409
	api POST /api/v1/orgs/acme/scope/items -d '{"kind":"planet","name":"Mars"}'
	expect 422
	api POST /api/v1/orgs/acme/scope/items -d '{"kind":"interface","name":"Bureau"}'
	expect 422
	api POST /api/v1/orgs/acme/scope/items -d '{"kind":"process","name":"HR","party":"x"}'
	expect 400
	api POST /api/v1/orgs/acme/scope/items -d '{"kind":"process"}'
	expect 400
	api POST /api/v1/orgs/acme/scope/items -d '{"kind":"process","name":""}'
	expect 422
	api POST /api/v1/orgs/acme/scope/items -d '{"kind":"process","name":"Bell\u0007"}'
	expect 422
	api POST /api/v1/orgs/acme/scope/items -d '{"kind":"process","name":"x","description":7.5}'
	expect 400
	api DELETE /api/v1/orgs/acme/scope/items/process/Nothing
	expect 404
	api GET /api/v1/orgs/acme/scope/items/process/Nothing
	expect 404
	unchanged
	serve_stop
}

t_scope_interfaces_and_dependencies() {
	org_setup
	api POST /api/v1/orgs/acme/scope/interfaces \
		-d '{"kind": "interface", "name": "Payroll bureau", "party": "PayCo Ltd",
		     "description": "SFTP file exchange"}'
	expect 201
	jq_body '. == {"kind": "interface", "name": "Payroll bureau", "party": "PayCo Ltd",
		"description": "SFTP file exchange"}'
	api POST /api/v1/orgs/acme/scope/interfaces \
		-d '{"kind":"dependency","name":"Cloud hosting","party":"AWS"}'
	expect 201
	api GET '/api/v1/orgs/acme/scope/interfaces/dependency/Cloud%20hosting'
	expect 200
	jq_body '.party == "AWS" and .description == ""'
	ok --org acme scope add dependency "Power"
	api GET /api/v1/orgs/acme/scope
	ok --org acme scope show --json
	same_as_cli
	jq_body '.summary.interfaces == 1 and .summary.dependencies == 2'
	api DELETE /api/v1/orgs/acme/scope/interfaces/dependency/Power
	expect 204
	ok --org acme scope show --json
	jq_eq '.interfaces | map(.name) | join(",")' "Payroll bureau,Cloud hosting"
	snapshot
	api POST /api/v1/orgs/acme/scope/interfaces \
		-d '{"kind":"dependency","name":"Cloud hosting"}'
	expect 409
	api POST /api/v1/orgs/acme/scope/interfaces -d '{"kind":"process","name":"Payroll"}'
	expect 422
	api POST /api/v1/orgs/acme/scope/interfaces \
		-d '{"kind":"interface","name":"X","reason":"y"}'
	expect 400
	api POST /api/v1/orgs/acme/scope/interfaces \
		-d '{"kind":"interface","name":"X","party":"\u001b[31m"}'
	expect 422
	api DELETE /api/v1/orgs/acme/scope/interfaces/dependency/Power
	expect 404
	api DELETE /api/v1/orgs/acme/scope/interfaces/interface/Cloud%20hosting
	expect 404
	api DELETE /api/v1/orgs/acme/scope/interfaces/pipe/Cloud%20hosting
	expect 422
	unchanged
	serve_stop
}

t_scope_roles_and_grants() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok org add beta --name "Beta Ltd"
	ok --org acme scope add process Payroll
	add_user vic viewer acme
	add_user eve external-auditor acme
	add_user max isms-manager acme
	serve_start
	sign_in vic
	sign_in eve
	sign_in max
	snapshot
	for who in vic eve; do
		as "$who"
		api GET /api/v1/orgs/acme/scope
		expect 200
		api GET /api/v1/orgs/acme
		expect 200
		api PATCH /api/v1/orgs/acme/scope -d '{"statement":"Mine now"}'
		expect 403
		api POST /api/v1/orgs/acme/scope/items -d '{"kind":"process","name":"HR"}'
		expect 403
		api POST /api/v1/orgs/acme/scope/items/process/Payroll/exclude -d '{"reason":"x"}'
		expect 403
		api DELETE /api/v1/orgs/acme/scope/items/process/Payroll
		expect 403
		api POST /api/v1/orgs/acme/scope/interfaces -d '{"kind":"interface","name":"X"}'
		expect 403
	done
	# An ISMS manager changes the scope of their organisations only.
	as max
	api GET /api/v1/orgs/beta/scope
	expect 403
	api PATCH /api/v1/orgs/beta/scope -d '{"statement":"Not mine"}'
	expect 403
	http PATCH /api/v1/orgs/acme/scope -d '{"statement":"Anyone"}'
	expect 401
	unchanged
	api PATCH /api/v1/orgs/acme/scope -d '{"statement":"Payroll."}'
	expect 200
	serve_stop
}

t_catalog_frameworks_and_items() {
	org_setup
	api GET /api/v1/frameworks
	expect 200
	ok catalog frameworks --json
	same_as_cli
	[[ $(header X-Total-Count) == 1 ]] || die "X-Total-Count: $(header X-Total-Count)"
	api GET '/api/v1/frameworks/iso27001-2022/items?limit=1000'
	expect 200
	ok catalog list --json
	same_as_cli
	[[ $(header X-Total-Count) == 123 ]] || die "X-Total-Count: $(header X-Total-Count)"
	api GET /api/v1/frameworks/iso27001-2022/items
	jq_body 'length == 100'
	[[ $(header Link) == *'offset=100'* ]] || die "Link: $(header Link)"
	api GET '/api/v1/frameworks/iso27001-2022/items?theme=people'
	ok catalog list --theme people --json
	same_as_cli
	api GET '/api/v1/frameworks/iso27001-2022/items?clause=9'
	ok catalog list --clause 9 --json
	same_as_cli
	jq_body 'map(.ref) | join(" ") == "9.1 9.2.1 9.2.2 9.3.1 9.3.2 9.3.3"'
	api GET '/api/v1/frameworks/iso27001-2022/items?theme=A.8&kind=control&limit=5&offset=30'
	jq_body 'map(.ref) == ["A.8.31","A.8.32","A.8.33","A.8.34"]'
	[[ $(header X-Total-Count) == 34 ]] || die "X-Total-Count: $(header X-Total-Count)"
	api GET '/api/v1/frameworks/all/items?kind=clause'
	ok catalog list --framework all --kind clause --json
	same_as_cli
	api GET /api/v1/frameworks/iso27001-2022/items/A.5.1
	expect 200
	ok catalog show A.5.1 --json
	same_as_cli
	[[ -n $(header ETag) ]] || die "no ETag on a catalogue item"
	api GET /api/v1/frameworks/iso27001-2022/items/9.2.2
	expect 200
	ok catalog show 9.2.2 --json
	same_as_cli
	api GET '/api/v1/frameworks/iso27001-2022/items/Clause%209.2.2'
	expect 200
	same_as_cli
	api GET /api/v1/frameworks/iso27001-2022/items/a.8.28
	jq_body '.ref == "A.8.28" and .title == "Secure coding"'
	# Unknown references and filters are told as the command line tells them.
	api GET /api/v1/frameworks/iso27001-2022/items/A.9.1
	expect 404
	jq_body '.error.message | test("no item '"'"'A.9.1'"'"' in iso27001-2022")'
	api GET /api/v1/frameworks/nist-csf/items/A.5.1
	expect 404
	api GET /api/v1/frameworks/nist-csf/items
	expect 404
	jq_body '.error.message | test("unknown framework '"'"'nist-csf'"'"'")'
	api GET '/api/v1/frameworks/iso27001-2022/items?theme=legal'
	expect 422
	api GET '/api/v1/frameworks/iso27001-2022/items?kind=policy'
	expect 422
	api GET '/api/v1/frameworks/iso27001-2022/items?theme=people&clause=5'
	expect 400
	jq_body '.error.message | test("not both")'
	api GET '/api/v1/frameworks/all/items?clause=5'
	expect 400
	api GET "/api/v1/frameworks/iso27001-2022/items/$(printf 'A%.0s' {1..200})"
	expect 422
	# Reading the catalogue is for every role, in no organisation.
	add_user vic viewer acme
	sign_in vic
	api GET /api/v1/frameworks/iso27001-2022/items/A.5.1
	expect 200
	serve_stop
}

write_framework() {
	cat >"$1" <<'EOF2'
framework:
  id: demo-fw
  name: "Demo framework"
  version: "1"
groups:
  - id: access
    kind: family
    title: "Access control"
items:
  - ref: "AC-1"
    kind: requirement
    group: access
    title: "Access policy"
    description: "Have one."
  - ref: "AC-2"
    kind: requirement
    group: access
    title: "Account management"
    description: "Manage accounts."
EOF2
}

# post_yaml FILE: import a catalogue file over HTTP.
post_yaml() {
	api POST /api/v1/frameworks -H 'Content-Type: application/yaml' --data-binary "@$1"
}

t_catalog_import() {
	org_setup
	add_user max isms-manager acme
	add_user vic viewer acme
	sign_in vic
	sign_in max
	write_framework "$T_DIR/fw.yaml"
	# Only an administrator changes the catalogue: it is no one organisation's.
	snapshot
	post_yaml "$T_DIR/fw.yaml"
	expect 403
	as vic
	post_yaml "$T_DIR/fw.yaml"
	expect 403
	unchanged
	as root
	post_yaml "$T_DIR/fw.yaml"
	expect 201
	jq_body '. == {"framework":"demo-fw","changed":true}'
	post_yaml "$T_DIR/fw.yaml"
	expect 200
	ok catalog import "$T_DIR/fw.yaml" --json
	same_as_cli
	api GET /api/v1/frameworks/demo-fw/items
	ok catalog list --framework demo-fw --json
	same_as_cli
	jq_body 'map(.ref) == ["AC-1","AC-2"]'
	api GET /api/v1/frameworks/demo-fw/items/AC-2
	ok catalog show AC-2 --framework demo-fw --json
	same_as_cli
	# Bad files are refused with the command line's reasons, nothing stored.
	snapshot
	head -n 14 "$T_DIR/fw.yaml" >"$T_DIR/fewer.yaml"
	api POST /api/v1/frameworks --data-binary "@$T_DIR/fewer.yaml"
	expect 409
	jq_body '.error.message | test("drops item AC-2")'
	printf 'framework: [unclosed\n' >"$T_DIR/bad1.yaml"
	api POST /api/v1/frameworks --data-binary "@$T_DIR/bad1.yaml"
	expect 422
	sed 's/kind: requirement/kind: wish/' "$T_DIR/fw.yaml" >"$T_DIR/bad2.yaml"
	api POST /api/v1/frameworks --data-binary "@$T_DIR/bad2.yaml"
	expect 422
	jq_body '.error.message | test("kind '"'"'wish'"'"' is not one of")'
	printf 'framework:\n  id: x\n  name: "\\u0007bell"\n  version: "1"\ngroups: []\nitems: []\n' \
		>"$T_DIR/bad3.yaml"
	api POST /api/v1/frameworks --data-binary "@$T_DIR/bad3.yaml"
	expect 422
	jq_body '.error.message | test("control character")'
	api POST /api/v1/frameworks
	expect 422
	jq_body '.error.message | test("empty")'
	printf 'framework:\n  id: x\xff\xfe\n' >"$T_DIR/bad4.yaml"
	api POST /api/v1/frameworks --data-binary "@$T_DIR/bad4.yaml"
	expect 422
	jq_body '.error.message | test("UTF-8")'
	unchanged
	serve_stop
}

t_overview_by_grant() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok org add beta --name "Beta Ltd"
	ok --org acme scope statement "Payroll services for UK clients."
	ok --org acme scope add location Paris
	ok --org acme scope exclude location Paris --reason "sales office only"
	add_user root admin
	add_user vic viewer acme
	add_user nobody auditor
	serve_start
	sign_in root
	sign_in vic
	sign_in nobody
	snapshot
	as root
	api GET /api/v1/overview
	expect 200
	ok overview --json
	same_as_cli
	jq_body '.organisations | map(.slug) == ["acme","beta"]'
	# Others see the organisations granted to them, the catalogue all the same.
	as vic
	api GET /api/v1/overview
	expect 200
	ok overview --json
	# ... and not where the database lives.
	jq -S '.organisations |= map(select(.slug == "acme")) | .store.db = null' <<<"$out" >"$T_DIR/want"
	diff "$T_DIR/want" <(jq -S . <<<"$body") || die "the viewer's overview differs"
	jq_body '.organisations[0].scope.location.out == 1'
	as nobody
	api GET /api/v1/overview
	expect 200
	jq_body '.organisations == [] and (.frameworks | length) == 1'
	api GET /api/v1/orgs
	jq_body '. == []'
	http GET /api/v1/overview
	expect 401
	unchanged
	serve_stop
}
