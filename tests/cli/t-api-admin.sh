# Users, their grants and API tokens, the change log and its verification
# over HTTP: the same rules and the same JSON as the command line, bad
# input refused with nothing changed, and only administrators (or, for
# their own tokens, anyone signed in) allowed.

# admin_setup: organisation acme, an administrator "root" signed in, the
# server running.
admin_setup() {
	fresh_store
	ok org add acme --name "Acme Ltd"
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

# bearer METHOD PATH SECRET [CURL ARGS...]: as http, with an API token.
bearer() {
	local method=$1 path=$2 secret=$3
	shift 3
	http "$method" "$path" -H "Authorization: Bearer $secret" "$@"
}

U=/api/v1/users
NEWPW="another long password"

t_api_users_as_cli() {
	admin_setup
	api POST $U -d "{\"name\":\"bob\",\"role\":\"auditor\",\"org\":\"acme\",\"password\":\"$PW\"}"
	expect 201
	jq_body '.name == "bob" and .role == "auditor" and .password == true and .orgs == ["acme"]'
	ok user list --json
	jq -e --argjson api "$body" '.[] | select(.name == "bob") == $api' <<<"$out" >/dev/null ||
		die "the new user differs from the list's: $body"
	sign_in bob
	as_user root
	api POST $U -d '{"name":"ci","role":"viewer","no_password":true}'
	expect 201
	jq_body '.password == false and .orgs == []'

	api GET $U
	expect 200
	ok user list --json
	same_as_cli
	api GET $U/BOB
	expect 200
	ok user show bob --json
	same_as_cli

	api PATCH $U/bob -d '{"role":"isms-manager"}'
	expect 200
	ok user show bob --json
	same_as_cli
	jq_body '.role == "isms-manager"'
	# Disabled, the user's sessions end; enabled, they sign in again.
	api PATCH $U/bob -d '{"disable":true}'
	expect 200
	jq_body '.disabled == true'
	as_user bob
	api GET /api/v1/orgs
	expect 401
	as_user root
	api PATCH $U/bob -d '{"enable":true}'
	expect 200
	jq_body '.disabled == false'
	sign_in bob

	# A new password: the old one no longer signs in.
	as_user root
	api PUT $U/bob/password -d "{\"password\":\"$NEWPW\"}"
	expect 200
	ok user show bob --json
	same_as_cli
	http POST /api/v1/session -d "{\"username\":\"bob\",\"password\":\"$PW\"}"
	expect 401
	http POST /api/v1/session -d "{\"username\":\"bob\",\"password\":\"$NEWPW\"}"
	expect 201

	ok org add beta --name "Beta Ltd"
	api PUT $U/ci/orgs/beta
	expect 200
	jq_body '.orgs == ["beta"]'
	ok user show ci --json
	same_as_cli
	api DELETE $U/ci/orgs/beta
	expect 200
	jq_body '.orgs == []'
	api DELETE $U/ci/orgs/beta
	expect 200

	api GET $U/ci
	local etag
	etag=$(header ETag)
	api DELETE $U/ci -H "If-Match: $etag"
	expect 204
	fails 1 "no user" user show ci
	api GET $U/ci
	expect 404
	serve_stop
}

t_api_users_bad_input_changes_nothing() {
	admin_setup
	add_user bob auditor acme
	snapshot
	api POST $U -d '{"name":"eve","role":"viewer","password":"short"}'
	expect 422
	jq_body '.error.message | test("too short")'
	api POST $U -d '{"name":"eve","role":"viewer","password":"aaaaaaaaaaaaaaaa"}'
	expect 422
	api POST $U -d '{"name":"eve","role":"viewer","password":123456789012345}'
	expect 400
	api POST $U -d "{\"name\":\"eve\",\"role\":\"viewer\",\"password\":\"$PW\",\"no_password\":true}"
	expect 400
	api POST $U -d '{"name":"eve","role":"viewer"}'
	expect 400
	jq_body '.error.message | test("password")'
	api POST $U -d "{\"name\":\"eve\",\"role\":\"boss\",\"password\":\"$PW\"}"
	expect 422
	jq_body '.error.message | test("unknown role")'
	api POST $U -d "{\"name\":\"eve <script>\",\"role\":\"viewer\",\"password\":\"$PW\"}"
	expect 422
	api POST $U -d "{\"name\":\"BOB\",\"role\":\"viewer\",\"password\":\"$PW\"}"
	expect 409
	api POST $U -d "{\"name\":\"eve\",\"role\":\"viewer\",\"org\":\"nosuch\",\"password\":\"$PW\"}"
	expect 404
	api POST $U -d "{\"name\":\"eve\",\"role\":\"viewer\",\"password\":\"$PW\",\"email\":\"e@x\"}"
	expect 400
	api POST $U -d '{"name":"eve","role":"viewer","no_password":"yes"}'
	expect 400
	api PATCH $U/bob -d '{}'
	expect 400
	jq_body '.error.message | test("nothing to change")'
	api PATCH $U/bob -d '{"disable":true,"enable":true}'
	expect 400
	api PATCH $U/bob -d '{"role":"boss"}'
	expect 422
	api PATCH $U/nobody -d '{"role":"viewer"}'
	expect 404
	# The last administrator stays one.
	api PATCH $U/root -d '{"role":"viewer"}'
	expect 409
	jq_body '.error.message | test("only enabled administrator")'
	api PATCH $U/root -d '{"disable":true}'
	expect 409
	api DELETE $U/root
	expect 409
	api PUT $U/bob/password -d '{"password":"short"}'
	expect 422
	api PUT $U/bob/password -d '{}'
	expect 400
	api PUT $U/nobody/password -d "{\"password\":\"$PW\"}"
	expect 404
	api PUT $U/bob/orgs/nosuch
	expect 404
	api PUT $U/bob/orgs/acme -d '{"role":"x"}'
	expect 400
	api GET "$U/bad%20name"
	expect 422
	unchanged
	serve_stop
}

t_api_users_only_administrators() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	add_user root admin
	add_user max isms-manager acme
	add_user ann auditor acme
	serve_start
	sign_in root
	api POST /api/v1/tokens -d '{"name":"root-token","user":"root"}'
	expect 201
	sign_in max
	sign_in ann
	snapshot
	for who in max ann; do
		as_user $who
		api GET $U
		expect 403
		api GET $U/root
		expect 403
		api POST $U -d "{\"name\":\"eve\",\"role\":\"admin\",\"password\":\"$PW\"}"
		expect 403
		api PATCH $U/$who -d '{"role":"admin"}'
		expect 403
		api PUT $U/root/password -d "{\"password\":\"$PW$PW\"}"
		expect 403
		api PUT $U/$who/orgs/acme
		expect 403
		api DELETE $U/root
		expect 403
		api GET /api/v1/tokens
		expect 403
		api POST /api/v1/tokens -d "{\"name\":\"x\",\"user\":\"root\"}"
		expect 403
		api DELETE /api/v1/tokens/1
		expect 403
	done
	unchanged
	serve_stop
}

t_api_tokens_as_cli() {
	admin_setup
	add_user ci viewer acme
	api POST /api/v1/tokens -d '{"name":"nightly-export","user":"ci"}'
	expect 201
	jq_body '.name == "nightly-export" and .user == "ci" and (.secret | startswith("isms_"))'
	local secret id
	secret=$(jq -r .secret <<<"$body")
	id=$(jq -r .id <<<"$body")
	bearer GET /api/v1/orgs/acme "$secret"
	expect 200
	ok token add other --user root
	api GET /api/v1/tokens
	expect 200
	ok token list --json
	same_as_cli
	jq_body 'map(has("secret")) | any | not'
	api GET "/api/v1/tokens?user=ci"
	ok token list --user ci --json
	same_as_cli
	jq_body 'length == 1'
	api DELETE /api/v1/tokens/$id
	expect 204
	bearer GET /api/v1/orgs/acme "$secret"
	expect 401
	ok token list --user ci --json
	jq_eq '.[0].revoked_at != null' true
	# Revoking again changes nothing.
	api DELETE /api/v1/tokens/$id
	expect 204

	snapshot
	api DELETE /api/v1/tokens/99
	expect 404
	api DELETE /api/v1/tokens/x
	expect 400
	api DELETE /api/v1/tokens/0
	expect 400
	api POST /api/v1/tokens -d '{"name":"x","user":"nobody"}'
	expect 404
	api POST /api/v1/tokens -d '{"name":"","user":"ci"}'
	expect 422
	api POST /api/v1/tokens -d '{"user":"ci"}'
	expect 400
	api POST /api/v1/tokens -d '{"name":"x","user":"ci","expires":"never"}'
	expect 400
	api GET "/api/v1/tokens?user=nobody"
	expect 404
	unchanged
	serve_stop
}

t_api_own_tokens() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	add_user root admin
	add_user vic viewer acme
	add_user ext external-auditor acme
	ok token add roots --user root
	serve_start
	sign_in vic
	api POST /api/v1/session/tokens -d '{"name":"laptop"}'
	expect 201
	jq_body '.user == "vic" and .name == "laptop" and (.secret | startswith("isms_"))'
	local secret id
	secret=$(jq -r .secret <<<"$body")
	id=$(jq -r .id <<<"$body")
	api GET /api/v1/session/tokens
	expect 200
	ok token list --user vic --json
	same_as_cli
	# The token acts as its user (and is now seen used), and lists the same.
	bearer GET /api/v1/session/tokens "$secret"
	expect 200
	ok token list --user vic --json
	same_as_cli
	jq_body '.[0].last_used_at == "2026-01-15T09:00:00Z"'
	bearer GET /api/v1/orgs/acme "$secret"
	expect 200

	# Another's token is not one's own to revoke, nor to see.
	sign_in ext
	snapshot
	api DELETE /api/v1/session/tokens/$id
	expect 404
	api DELETE /api/v1/session/tokens/1
	expect 404
	api DELETE /api/v1/session/tokens/abc
	expect 400
	api GET /api/v1/tokens
	expect 403
	api POST /api/v1/session/tokens -d '{"name":"x","user":"root"}'
	expect 400
	api POST /api/v1/session/tokens -d '{}'
	expect 400
	api GET /api/v1/session/tokens
	jq_body '. == []'
	unchanged

	as_user vic
	api DELETE /api/v1/session/tokens/$id
	expect 204
	bearer GET /api/v1/session/tokens "$secret"
	expect 401
	ok token list --user vic --json
	jq_eq '.[0].revoked_at != null' true
	serve_stop
}

t_api_log_as_cli() {
	admin_setup
	ok org rename acme --name "Acme Group"
	ISMS_ORG=acme ok scope add process Payroll --description "Monthly payroll"
	api GET /api/v1/log
	expect 200
	ok log --json --limit 0
	same_as_cli
	api GET "/api/v1/log?table=org"
	ok log --table org --json --limit 0
	same_as_cli
	jq_body '.blocks[0].changes[0].before.name == "Acme Ltd" and .blocks[0].changes[0].after.name == "Acme Group"'
	api GET "/api/v1/log?since=2026-01-15&table=scope_item"
	ok log --since 2026-01-15 --table scope_item --json --limit 0
	same_as_cli
	api GET "/api/v1/log?since=2999-01-01"
	jq_body '. == {"blocks":[]}'
	# A page at a time, newest first; the pages are the command's blocks.
	local total
	ok log --json --limit 0
	total=$(jq '.blocks | length' <<<"$out")
	api GET "/api/v1/log?limit=2&offset=1"
	expect 200
	[[ $(header X-Total-Count) == "$total" ]] || die "X-Total-Count $(header X-Total-Count), expected $total"
	[[ $(header Link) == *'offset=3'*'rel="next"'* ]] || die "Link: $(header Link)"
	printf '%s' "$out" >"$T_DIR/log.json"
	jq -e --slurpfile cli "$T_DIR/log.json" '.blocks == $cli[0].blocks[1:3]' <<<"$body" >/dev/null ||
		die "the page is not the command's blocks 2 and 3"
	api GET "/api/v1/log?offset=$total"
	jq_body '.blocks == []'

	snapshot
	api GET "/api/v1/log?since=yesterday"
	expect 422
	jq_body '.error.message | test("--since takes a date")'
	api GET "/api/v1/log?since=2026-02-30"
	expect 422
	api GET "/api/v1/log?limit=0"
	expect 400
	api GET "/api/v1/log?changes=0"
	expect 400
	api GET "/api/v1/log?colour=red"
	expect 400
	unchanged
	# A block's first changes only; its count stays whole.
	api GET "/api/v1/log?changes=1"
	expect 200
	jq_body '[.blocks[] | (.changes | length) <= 1] | all'
	jq_body '[.blocks[] | .entries] | max > 1'
	serve_stop
}

t_api_verify_as_cli() {
	admin_setup
	ok org rename acme --name "Acme Group"
	api GET /api/v1/verify
	expect 200
	ok verify --json
	same_as_cli
	jq_body '.ok == true and .problems == []'
	# A change behind the program's back is found, and answered 200.
	store_sql "UPDATE org SET name = 'Evil Corp' WHERE slug = 'acme'"
	api GET /api/v1/verify
	expect 200
	jq_body '.ok == false and .problems_total > 0'
	jq_body '[.problems[] | select(.kind == "unchained")][0] | .table == "org" and .key == "id=1"'
	run verify --json
	[[ $status -eq 3 ]] || die "verify exit $status, expected 3"
	same_as_cli
	serve_stop
}

t_api_log_and_verify_administrators_only() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	add_user root admin
	add_user max isms-manager acme
	add_user ann auditor acme
	add_user ext external-auditor acme
	add_user vic viewer acme
	serve_start
	for who in max ann ext vic; do sign_in $who; done
	snapshot
	# The log and verify cover every organisation, so only administrators
	# read them, whatever a role may do within its own organisations.
	for who in max ann ext vic; do
		as_user $who
		api GET /api/v1/log
		expect 403
		api GET /api/v1/verify
		expect 403
	done
	http GET /api/v1/log
	expect 401
	unchanged
	serve_stop
}

# The ISMS manager and auditors read their organisation's part of the log
# (9.2 audits the whole ISMS); no one else's, and not users' or the
# catalogue's.
t_api_org_log() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok org add beta --name "Beta plc"
	ISMS_ORG=beta ok scope add location Lab
	add_user root admin
	add_user max isms-manager acme
	add_user ann auditor acme
	add_user vic viewer acme
	serve_start
	for who in max ann vic; do sign_in $who; done
	as_user max
	api POST /api/v1/orgs/acme/assets -d '{"name":"db/primary","type":"information"}'
	expect 201
	for who in max ann; do
		as_user $who
		api GET /api/v1/orgs/acme/log
		expect 200
		ok log --org acme --json --limit 0
		same_as_cli
		jq_body '[.blocks[].org] | unique == ["acme"]'
		jq_body '.blocks[0].actor == "user:max" and .blocks[0].changes[0].after.name == "db/primary"'
		jq_body '[.blocks[].changes[].table] | index("scope_item") == null'
		api GET /api/v1/orgs/beta/log
		expect 403
	done
	as_user vic
	api GET /api/v1/orgs/acme/log
	expect 403
	http GET /api/v1/orgs/acme/log
	expect 401
	serve_stop
}
