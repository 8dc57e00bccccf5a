# The API's common rules, shown on organisations: changes whole or not at
# all, ETag and If-Match, pages of lists, unknown members and bad text
# refused with one clear error and nothing changed.

# api_setup: an administrator "root" signed in, the server running.
api_setup() {
	fresh_store
	add_user root admin
	serve_start
	sign_in root
}

t_orgs_add_rename_remove() {
	api_setup
	api POST /api/v1/orgs -d '{"slug":"acme","name":"Acme Ltd"}'
	expect 201
	jq_body '.slug == "acme" and .name == "Acme Ltd"'
	[[ -n $(header ETag) ]] || die "no ETag on the new record"
	ok org show acme
	api POST /api/v1/orgs -d '{"slug":"acme","name":"Again"}'
	expect 409
	api PATCH /api/v1/orgs/acme -d '{"name":"Acme Group"}'
	expect 200
	jq_body '.name == "Acme Group"'
	ok org show acme
	out_has "Acme Group"
	api DELETE /api/v1/orgs/acme
	expect 204
	fails 1 "no organisation" org show acme
	api GET /api/v1/orgs/acme
	expect 404
	serve_stop
}

t_if_match_stops_a_lost_update() {
	api_setup
	ok org add acme --name "Acme Ltd"
	api GET /api/v1/orgs/acme
	expect 200
	local first second
	first=$(header ETag)
	[[ $first == \"*\" ]] || die "ETag is not a quoted string: $first"
	# Unchanged, a GET with If-None-Match is answered 304.
	api GET /api/v1/orgs/acme -H "If-None-Match: $first"
	expect 304
	api PATCH /api/v1/orgs/acme -H "If-Match: $first" -d '{"name":"Acme One"}'
	expect 200
	second=$(header ETag)
	[[ -n $second && $second != "$first" ]] || die "the ETag did not change: $second"
	# A second writer who read the first version is refused.
	snapshot
	api PATCH /api/v1/orgs/acme -H "If-Match: $first" -d '{"name":"Acme Two"}'
	expect 412
	jq_body '.error.code == "precondition_failed" and (.error.message | test("changed since it was read"))'
	api DELETE /api/v1/orgs/acme -H "If-Match: $first"
	expect 412
	unchanged
	api GET /api/v1/orgs/acme
	jq_body '.name == "Acme One"'
	# If-Match where it means nothing is a mistake, said so.
	api GET /api/v1/orgs/acme -H "If-Match: $second"
	expect 400
	api DELETE /api/v1/orgs/acme -H "If-Match: $second"
	expect 204
	serve_stop
}

t_lists_come_a_page_at_a_time() {
	api_setup
	local s
	for s in a1 a2 a3 a4 a5; do ok org add "$s" --name "Org $s"; done
	api GET '/api/v1/orgs?limit=2'
	expect 200
	jq_body 'map(.slug) == ["a1","a2"]'
	[[ $(header X-Total-Count) == 5 ]] || die "X-Total-Count: $(header X-Total-Count)"
	[[ $(header Link) == *'offset=2'*'rel="next"'* ]] || die "Link: $(header Link)"
	api GET '/api/v1/orgs?limit=2&offset=4'
	jq_body 'map(.slug) == ["a5"]'
	[[ -z $(header Link) ]] || die "a Link after the last page: $(header Link)"
	api GET '/api/v1/orgs?offset=99'
	jq_body '. == []'
	api GET '/api/v1/orgs?limit=0'
	expect 400
	jq_body '.error.message | test("limit")'
	api GET '/api/v1/orgs?limit=ten'
	expect 400
	api GET '/api/v1/orgs?offset=-1'
	expect 400
	serve_stop
}

t_bad_bodies_change_nothing() {
	api_setup
	ok org add acme --name "Acme Ltd"
	snapshot
	api POST /api/v1/orgs -d '{"slug":"beta","name":"Beta","colour":"red"}'
	expect 400
	jq_body '.error.message | test("unknown member \"colour\"")'
	api POST /api/v1/orgs -d '{"slug":"beta"}'
	expect 400
	jq_body '.error.message | test("needs \"name\"")'
	api POST /api/v1/orgs -d '{"slug":"Not A Slug","name":"x"}'
	expect 422
	api POST /api/v1/orgs -d '{"slug":"beta","name":{"a":1}}'
	expect 400
	api POST /api/v1/orgs -d '["slug","beta"]'
	expect 400
	api POST /api/v1/orgs -d '{"slug":"beta",'
	expect 400
	api POST /api/v1/orgs -d '{"slug":"beta","slug":"gamma","name":"x"}'
	expect 400
	# Invalid UTF-8 in a body, a query and a path.
	printf '{"slug":"beta","name":"Bad \xff\xfe text"}' >"$T_DIR/bad.json"
	api POST /api/v1/orgs --data-binary "@$T_DIR/bad.json"
	expect 400
	api PATCH /api/v1/orgs/acme --data-binary "@$T_DIR/bad.json"
	expect 400
	api GET '/api/v1/orgs?x=%ff'
	expect 400
	jq_body '.error.message | test("UTF-8")'
	api GET '/api/v1/orgs/%ff%fe'
	[[ $code == 400 || $code == 403 || $code == 404 ]] || die "a path of bad text: $code"
	# A path too long to route.
	api GET "/api/v1/orgs/$(printf 'a%.0s' {1..3000})"
	expect 414
	jq_body '.error.message | test("path is longer than 2047 bytes")'
	# Too large, told before it is read.
	head -c $((2 * 1024 * 1024)) /dev/zero >"$T_DIR/big"
	api PATCH /api/v1/orgs/acme --data-binary "@$T_DIR/big"
	expect 413
	unchanged
	serve_stop
}

t_roles_and_grants_decide() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok org add beta --name "Beta Ltd"
	add_user vic viewer acme
	add_user max isms-manager acme
	serve_start
	sign_in max
	sign_in vic
	snapshot
	api GET /api/v1/orgs/acme
	expect 200
	api PATCH /api/v1/orgs/acme -d '{"name":"Viewed"}'
	expect 403
	signed_in=max
	csrf=$(jq -r .csrf <<<"$(curl -s -b "$T_DIR/jar.max" "$base/api/v1/session")")
	api GET /api/v1/orgs/beta
	expect 403
	api PATCH /api/v1/orgs/beta -d '{"name":"Not mine"}'
	expect 403
	# Organisations are made by administrators.
	api POST /api/v1/orgs -d '{"slug":"gamma","name":"Gamma"}'
	expect 403
	# Without a session or token: 401, whatever the route.
	http PATCH /api/v1/orgs/acme -d '{"name":"Anyone"}'
	expect 401
	unchanged
	serve_stop
}

# The server remembers answers while the store is unchanged; a change made
# anywhere (here by another process, the command line) is seen at once.
t_answers_follow_the_store() {
	api_setup
	ok org add acme --name "Acme Ltd"
	ok user add robot --role viewer --no-password --org acme
	ok token add t --user robot --json
	local secret first="" i
	secret=$(jq -r .secret <<<"$out")
	for i in 1 2 3; do
		api GET /api/v1/orgs/acme
		jq_body '.name == "Acme Ltd"'
		[[ -z $first || $(header ETag) == "$first" ]] || die "the ETag moved without a change"
		first=$(header ETag)
	done
	ok org rename acme --name "Acme Renamed"
	api GET /api/v1/orgs/acme
	jq_body '.name == "Acme Renamed"'
	[[ $(header ETag) != "$first" ]] || die "a stale ETag after a change"
	# Taking a grant or a token away takes effect on the next request.
	http GET /api/v1/orgs/acme -H "Authorization: Bearer $secret"
	expect 200
	ok user revoke robot --org acme
	http GET /api/v1/orgs/acme -H "Authorization: Bearer $secret"
	expect 403
	ok token list --json
	ok token revoke "$(jq -r '.[] | select(.name == "t") | .id' <<<"$out")"
	http GET /api/v1/orgs -H "Authorization: Bearer $secret"
	expect 401
	serve_stop
}

# A session ends after 8 hours without use (and 24 hours at most); an API
# token does not.  The clock is the server's: restarted later, it refuses.
t_sessions_expire() {
	fresh_store
	add_user root admin
	ok org add acme --name "Acme Ltd"
	ok token add ci --user root --json
	local secret
	secret=$(jq -r .secret <<<"$out")
	serve_start
	sign_in root
	api GET /api/v1/orgs/acme
	expect 200
	serve_stop
	# Seven hours on, still signed in; that use counts as activity.
	ISMS_NOW=2026-01-15T16:00:00Z serve_start
	api GET /api/v1/orgs/acme
	expect 200
	serve_stop
	# Nine hours after that, the session has ended.
	ISMS_NOW=2026-01-16T01:00:00Z serve_start
	api GET /api/v1/orgs/acme
	expect 401
	jq_body '.error.code == "unauthenticated"'
	http GET /api/v1/orgs/acme -H "Authorization: Bearer $secret"
	expect 200
	serve_stop
	# However active, 24 hours after signing in it ends.
	ISMS_NOW=2026-01-16T09:00:00Z serve_start
	sign_in root
	serve_stop
	local at
	for at in 2026-01-16T16:00:00Z 2026-01-16T23:00:00Z 2026-01-17T06:00:00Z; do
		ISMS_NOW=$at serve_start
		api GET /api/v1/orgs/acme
		expect 200
		serve_stop
	done
	ISMS_NOW=2026-01-17T09:00:01Z serve_start
	api GET /api/v1/orgs/acme
	expect 401
	serve_stop
}
