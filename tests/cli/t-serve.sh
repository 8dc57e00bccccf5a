# isms serve: the HTTP server's own behaviour (addresses, routes it does not
# know, body limits, the access log, the graceful stop).  The API's routes
# have their own tests.

# serve_start [ARGS...]: start the server on a free loopback port of the
# store in $ISMS_DB; sets $srv_pid and $base ("http://127.0.0.1:PORT").
serve_start() {
	"$ISMS_BIN" serve --listen 127.0.0.1:0 "$@" 2>"$T_DIR/serve.log" &
	srv_pid=$!
	local i line
	for ((i = 0; i < 100; i++)); do
		line=$(grep -m1 -o 'http://[^/]*' "$T_DIR/serve.log" || true)
		[[ -n $line ]] && break
		kill -0 "$srv_pid" 2>/dev/null || die "the server exited: $(cat "$T_DIR/serve.log")"
		sleep 0.05
	done
	[[ -n $line ]] || die "the server did not start: $(cat "$T_DIR/serve.log")"
	base=$line
}

# serve_stop: SIGTERM, and the server must exit 0 saying it stopped.
serve_stop() {
	kill -TERM "$srv_pid"
	local rc=0
	wait "$srv_pid" || rc=$?
	[[ $rc -eq 0 ]] || die "the server exited $rc on SIGTERM: $(cat "$T_DIR/serve.log")"
	grep -q 'stopped (SIGTERM)' "$T_DIR/serve.log" || die "no stop line: $(cat "$T_DIR/serve.log")"
}

# http METHOD PATH [CURL ARGS...]: $code and $body of the answer.
http() {
	local method=$1 path=$2
	shift 2
	body=$(curl -s -o - -w '\n%{http_code}' -X "$method" "$@" "$base$path") ||
		die "curl failed on $method $path"
	code=${body##*$'\n'}
	body=${body%$'\n'*}
}

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
	snapshot
	serve_start
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
