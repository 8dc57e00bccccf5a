# isms serve: the HTTP server's own behaviour (addresses, routes it does not
# know, body limits, the access log, the graceful stop).  The API's routes
# have their own tests.

t_openapi_public_and_the_rest_closed() {
	fresh_store
	serve_start
	http GET /api/v1/openapi.json
	[[ $code == 200 ]] || die "openapi.json: $code"
	jq -e '.openapi == "3.1.0" and (.paths | length) > 0' <<<"$body" >/dev/null ||
		die "openapi.json is not the document: $body"
	http GET /api/v1/orgs
	[[ $code == 401 ]] || die "GET /api/v1/orgs without credentials: $code"
	jq -e '.error.code and .error.message' <<<"$body" >/dev/null || die "no error document: $body"
	serve_stop
}

t_unknown_routes_and_methods() {
	fresh_store
	serve_start
	http GET /api/v1/nothing-here
	[[ $code == 404 ]] || die "unknown path: $code"
	jq -e '.error.code == "not_found"' <<<"$body" >/dev/null || die "$body"
	http DELETE /api/v1/openapi.json
	[[ $code == 405 ]] || die "wrong method: $code"
	serve_stop
}

t_body_limit() {
	fresh_store
	serve_start
	snapshot
	head -c $((2 * 1024 * 1024)) /dev/zero >"$T_DIR/big"
	http POST /api/v1/orgs --data-binary "@$T_DIR/big" -H 'Content-Type: application/json'
	[[ $code == 413 ]] || die "a 2 MiB body: $code"
	jq -e '.error.message | test("larger than")' <<<"$body" >/dev/null || die "$body"
	serve_stop
	unchanged
}

t_access_log_and_graceful_stop() {
	fresh_store
	serve_start
	http GET /api/v1/openapi.json
	http GET /api/v1/orgs
	serve_stop
	# One JSON line per request with the fields an operator filters on.
	grep '^{' "$T_DIR/serve.log" >"$T_DIR/access.log"
	[[ $(wc -l <"$T_DIR/access.log") -eq 2 ]] || die "expected 2 log lines: $(cat "$T_DIR/serve.log")"
	jq -e -s 'map(.status) == [200, 401] and all(.time and .remote and (.ms >= 0) and .bytes >= 0)' \
		"$T_DIR/access.log" >/dev/null || die "access log: $(cat "$T_DIR/access.log")"
	# --quiet: no access log.
	serve_start --quiet
	http GET /api/v1/openapi.json
	serve_stop
	! grep -q '^{' "$T_DIR/serve.log" || die "--quiet still logged: $(cat "$T_DIR/serve.log")"
}

t_bad_addresses() {
	fresh_store
	fails 2 "has no port" serve --listen 127.0.0.1
	fails 2 "port must be a number up to 65535" serve --listen 127.0.0.1:70000
	fails 2 "--threads takes a number" serve --listen 127.0.0.1:0 --threads 0
	serve_start
	local port=${base##*:}
	fails 1 "Address already in use" serve --listen "127.0.0.1:$port"
	serve_stop
	new_db
	fails 1 "isms init" serve --listen 127.0.0.1:0
}

t_setup_token_makes_the_first_admin() {
	fresh_store
	serve_start
	local token
	token=$(grep -o 'isms_setup_[A-Za-z0-9_-]*' "$T_DIR/serve.log") ||
		die "no set-up token printed: $(cat "$T_DIR/serve.log")"
	http POST /api/v1/setup -d "{\"token\":\"isms_setup_wrong\",\"username\":\"root\",\"password\":\"$PW\"}"
	[[ $code == 401 ]] || die "a wrong set-up token: $code $body"
	http POST /api/v1/setup -d "{\"token\":\"$token\",\"username\":\"root\",\"password\":\"$PW\"}"
	[[ $code == 201 ]] || die "set-up: $code $body"
	jq_body '.role == "admin"'
	# Once only.
	http POST /api/v1/setup -d "{\"token\":\"$token\",\"username\":\"root2\",\"password\":\"$PW\"}"
	[[ $code == 401 ]] || die "the set-up token worked twice: $code $body"
	sign_in root
	serve_stop
	# With an administrator, no token is printed.
	serve_start
	! grep -q 'isms_setup_' "$T_DIR/serve.log" || die "a token was printed again"
	serve_stop
}

t_session_cookie_csrf_and_sign_out() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	add_user root admin
	serve_start
	http POST /api/v1/session -d '{"username":"root","password":"not the password"}'
	[[ $code == 401 ]] || die "wrong password: $code"
	http POST /api/v1/session -d '{"username":"nobody","password":"not the password"}'
	[[ $code == 401 ]] || die "unknown user: $code"
	http POST /api/v1/session -d '{"username":"root"'
	[[ $code == 400 ]] || die "malformed JSON: $code"
	http POST /api/v1/session -D "$T_DIR/headers" -c "$T_DIR/jar.root" \
		-d "{\"username\":\"root\",\"password\":\"$PW\"}"
	[[ $code == 201 ]] || die "sign-in: $code $body"
	grep -qi '^set-cookie: isms_session=.*HttpOnly.*SameSite=Strict' "$T_DIR/headers" ||
		die "cookie attributes: $(cat "$T_DIR/headers")"
	! grep -qi '^set-cookie:.*Secure' "$T_DIR/headers" || die "Secure without --secure-cookies"
	csrf=$(jq -r .csrf <<<"$body")
	http GET /api/v1/orgs -b "$T_DIR/jar.root"
	[[ $code == 200 ]] || die "orgs with the cookie: $code"
	jq_body 'map(.slug) == ["acme"]'
	http GET /api/v1/session -b "$T_DIR/jar.root"
	jq_body ".user.name == \"root\" and .csrf == \"$csrf\""
	# A change with the cookie but without its CSRF token is refused.
	http DELETE /api/v1/session -b "$T_DIR/jar.root"
	[[ $code == 403 ]] || die "no CSRF token: $code"
	http DELETE /api/v1/session -b "$T_DIR/jar.root" -H "X-CSRF-Token: wrong"
	[[ $code == 403 ]] || die "wrong CSRF token: $code"
	http DELETE /api/v1/session -b "$T_DIR/jar.root" -H "X-CSRF-Token: $csrf"
	[[ $code == 204 ]] || die "sign-out: $code $body"
	http GET /api/v1/orgs -b "$T_DIR/jar.root"
	[[ $code == 401 ]] || die "the cookie still works after sign-out: $code"
	serve_stop
}

t_tokens_and_organisation_grants() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok org add beta --name "Beta Ltd"
	add_user ann auditor acme
	ok user add robot --role viewer --no-password
	ok user grant robot --org beta
	ok token add ci --user robot --json
	local secret
	secret=$(jq -r .secret <<<"$out")
	[[ $secret == isms_* ]] || die "no token secret: $out"
	serve_start
	sign_in ann
	http GET /api/v1/orgs -b "$T_DIR/jar.ann"
	jq_body 'map(.slug) == ["acme"]'
	http GET /api/v1/orgs/acme -b "$T_DIR/jar.ann"
	[[ $code == 200 ]] || die "own organisation: $code"
	http GET /api/v1/orgs/beta -b "$T_DIR/jar.ann"
	[[ $code == 403 ]] || die "another organisation: $code"
	# An unknown organisation looks the same as one not granted.
	http GET /api/v1/orgs/nowhere -b "$T_DIR/jar.ann"
	[[ $code == 403 ]] || die "an unknown organisation: $code $body"
	http GET /api/v1/orgs -H "Authorization: Bearer $secret"
	jq_body 'map(.slug) == ["beta"]'
	http GET /api/v1/orgs -H "Authorization: Bearer isms_not_a_real_token"
	[[ $code == 401 ]] || die "a wrong token: $code"
	http GET /api/v1/orgs -H "Authorization: Basic cm9vdDpyb290"
	[[ $code == 401 ]] || die "basic authentication: $code"
	ok token list --json
	ok token revoke "$(jq -r '.[0].id' <<<"$out")"
	http GET /api/v1/orgs -H "Authorization: Bearer $secret"
	[[ $code == 401 ]] || die "a revoked token: $code"
	serve_stop
}

t_sign_in_is_rate_limited() {
	fresh_store
	add_user root admin
	serve_start
	local i
	for ((i = 1; i <= 5; i++)); do
		http POST /api/v1/session -d '{"username":"root","password":"guessing again"}'
		[[ $code == 401 ]] || die "attempt $i: $code"
	done
	http POST /api/v1/session -d '{"username":"root","password":"guessing again"}'
	[[ $code == 429 ]] || die "the sixth failure: $code"
	jq_body '.error.code == "rate_limited"'
	# Even the right password waits out the window.
	http POST /api/v1/session -d "{\"username\":\"root\",\"password\":\"$PW\"}"
	[[ $code == 429 ]] || die "right password while limited: $code"
	serve_stop
}

# The served document is valid OpenAPI 3.1 with every $ref resolving, by an
# established validator (npm, installed by scripts/install-deps).
t_openapi_document_is_valid() {
	fresh_store
	serve_start
	curl -sf "$base/api/v1/openapi.json" -o "$T_DIR/openapi.json" || die "cannot fetch the document"
	serve_stop
	[[ -d $ISMS_SRC/node_modules/@seriousme/openapi-schema-validator ]] ||
		die "the OpenAPI validator is not installed: run scripts/install-deps"
	node "$ISMS_SRC/tests/api/validate-openapi.mjs" "$T_DIR/openapi.json" >"$T_DIR/valid" 2>&1 ||
		die "$(cat "$T_DIR/valid")"
	note "$(sed "s|$T_DIR/||" "$T_DIR/valid")"
}
