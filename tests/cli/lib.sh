# Helpers for the command-line tests (sourced by tests/cli/run).
#
# Each test runs in its own directory $T_DIR.  `run` executes the program
# and leaves $status, $out and $err behind; the assertions below read them.
#
# The whole suite runs once per backend: $T_BACKEND is "sqlite" (a file per
# store) or "postgresql" (a fresh database per store in the cluster of
# tests/pg-cluster, which sets ISMS_TEST_BACKEND).

export ISMS_NOW=2026-01-15T09:00:00Z
unset ISMS_ORG
db_count=0
T_BACKEND=${ISMS_TEST_BACKEND:-sqlite}

die() {
	printf 'assertion failed: %s\n' "$*" >&2
	[[ -n ${err:-} ]] && printf 'stderr: %s\n' "$err" >&2
	exit 1
}

# A new, empty store target in $ISMS_DB (not yet initialised): a file name
# for SQLite, a new empty database for PostgreSQL.
new_db() {
	db_count=$((db_count + 1))
	if [[ $T_BACKEND == postgresql ]]; then
		ISMS_DB=$(new_pg_db) || die "cannot create a test database"
		export ISMS_DB
	else
		export ISMS_DB="$T_DIR/store$db_count.db"
	fi
}

# A new empty PostgreSQL database; prints its URL.  Named after the test's
# place in the run and $db_count, so a failing test's databases are easy
# to find.
new_pg_db() {
	local name="isms_t${T_SEQ:-0}_$db_count"
	# The runner drops them when the test is over.
	echo "$name" >>"$T_DIR/.databases"
	"$ISMS_SRC/tests/pg-cluster" newdb "$name"
}

# A new SQLite file name in the test's directory, whatever the backend.
# Called as $(new_sqlite_path), so a marker file keeps the names apart.
new_sqlite_path() {
	local n=1
	while [[ -e $T_DIR/.file$n ]]; do
		n=$((n + 1))
	done
	: >"$T_DIR/.file$n"
	echo "$T_DIR/file$n.db"
}

is_pg_url() {
	[[ $1 == postgresql://* || $1 == postgres://* ]]
}

# A line for the summary of the run (figures worth seeing when all passes).
note() {
	echo "$*" >>"$T_DIR/.notes"
}

# Tests about one backend's own matters end early, counted as skipped, on
# the other.
sqlite_only() {
	if [[ $T_BACKEND != sqlite ]]; then
		: >"$T_DIR/.skipped"
		exit 0
	fi
}

pg_only() {
	if [[ $T_BACKEND != postgresql ]]; then
		: >"$T_DIR/.skipped"
		exit 0
	fi
}

# store_sql SQL [TARGET]: run raw SQL on a store (default $ISMS_DB) and
# print the rows, columns separated by '|', for tests that look at or
# tamper with the database behind the program's back.
store_sql() {
	local target=${2:-$ISMS_DB}
	if is_pg_url "$target"; then
		psql -X -q -At -v ON_ERROR_STOP=1 -d "$target" -c "$1"
	else
		sqlite3 "$target" "$1"
	fi
}

# A new store, initialised with the built-in catalogue.
fresh_store() {
	new_db
	ok init
}

run() {
	"$ISMS_BIN" "$@" >"$T_DIR/.out" 2>"$T_DIR/.err"
	status=$?
	out=$(cat "$T_DIR/.out")
	err=$(cat "$T_DIR/.err")
}

# Feed standard input to the program.
run_stdin() {
	local input=$1
	shift
	"$ISMS_BIN" "$@" <<<"$input" >"$T_DIR/.out" 2>"$T_DIR/.err"
	status=$?
	out=$(cat "$T_DIR/.out")
	err=$(cat "$T_DIR/.err")
}

ok() {
	run "$@"
	[[ $status -eq 0 ]] || die "expected success from: isms $* (status $status)"
}

# fails STATUS PATTERN ARGS...: the program must exit with STATUS and print
# exactly one line on stderr, containing PATTERN (a fixed string).
fails() {
	local want=$1 pattern=$2
	shift 2
	run "$@"
	[[ $status -eq $want ]] || die "expected status $want from: isms $* (got $status)"
	[[ $(printf '%s\n' "$err" | wc -l) -eq 1 && -n $err ]] ||
		die "expected one line on stderr from: isms $*"
	[[ $err == *"$pattern"* ]] || die "stderr of 'isms $*' lacks '$pattern'"
}

out_has() {
	[[ $out == *"$1"* ]] || die "output lacks '$1'; it was: $out"
}

out_lacks() {
	[[ $out != *"$1"* ]] || die "output should not contain '$1'"
}

# jq_eq FILTER EXPECTED: a jq filter over $out yields EXPECTED (raw).
jq_eq() {
	local got
	got=$(jq -r "$1" <<<"$out") || die "output is not JSON: $out"
	[[ $got == "$2" ]] || die "jq '$1' gave '$got', expected '$2'"
}

# store_dump [TARGET]: a store's whole schema and content (default
# $ISMS_DB), for unchanged-store checks and for comparing stores.  Rows are
# in key order, so two stores holding the same rows dump the same however
# the rows got there.
store_dump() {
	local target=${1:-$ISMS_DB} script
	if is_pg_url "$target"; then
		# Left out: sequence positions (a rolled-back INSERT still uses
		# up a number without changing what the store holds) and the
		# \restrict lines (a random key, new with every dump).
		pg_dump --inserts --no-owner --no-privileges -d "$target" |
			grep -v -e '^SELECT pg_catalog\.setval(' -e '^\\\(un\)\?restrict '
	else
		script=$(sqlite3 "$target" "SELECT '.mode insert ' || name || char(10) ||
			'SELECT * FROM \"' || name || '\" ORDER BY ' ||
			(SELECT group_concat(cid + 1, ', ') FROM pragma_table_info(m.name)) ||
			';' FROM sqlite_master m WHERE type = 'table' ORDER BY name") || return 1
		printf '.schema\n%s\n' "$script" | sqlite3 "$target"
	fi
}

snapshot() {
	store_dump >"$T_DIR/.snapshot"
}

unchanged() {
	store_dump >"$T_DIR/.now"
	cmp -s "$T_DIR/.snapshot" "$T_DIR/.now" ||
		die "the store changed: $(diff "$T_DIR/.snapshot" "$T_DIR/.now" | head -5)"
}

# fails_unchanged STATUS PATTERN ARGS...: fails as above and leaves the
# store exactly as it was.
fails_unchanged() {
	snapshot
	fails "$@"
	unchanged
}

# ---- the HTTP API (isms serve) ----

# serve_start [ARGS...]: start the server on a free loopback port of the
# store in $ISMS_DB; sets $srv_pid and $base ("http://127.0.0.1:PORT").
serve_start() {
	"$ISMS_BIN" serve --listen 127.0.0.1:0 "$@" 2>"$T_DIR/serve.log" &
	srv_pid=$!
	# A failing test must not leave its server running.
	trap 'kill -TERM "$srv_pid" 2>/dev/null || true' EXIT
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

# http METHOD PATH [CURL ARGS...]: $code and $body of the answer; its
# headers are in $T_DIR/headers (see header).
http() {
	local method=$1 path=$2
	shift 2
	body=$(curl -s -o - -D "$T_DIR/headers" -w '\n%{http_code}' -X "$method" "$@" "$base$path") ||
		die "curl failed on $method $path"
	code=${body##*$'\n'}
	body=${body%$'\n'*}
}

PW="a long enough password"

# add_user NAME ROLE [ORG]: a user with the password $PW.
add_user() {
	run_stdin "$PW" user add "$1" --role "$2" ${3:+--org "$3"}
	[[ $status -eq 0 ]] || die "user add $1: $err"
}

# sign_in NAME: a session in the cookie jar $T_DIR/jar.NAME; $csrf set.
sign_in() {
	http POST /api/v1/session -c "$T_DIR/jar.$1" -d "{\"username\":\"$1\",\"password\":\"$PW\"}"
	[[ $code == 201 ]] || die "sign-in of $1: $code $body"
	csrf=$(jq -r .csrf <<<"$body")
	signed_in=$1
	grep -q 'isms_session' "$T_DIR/jar.$1" || die "no session cookie"
}

# jq_body FILTER: the answer's body satisfies the filter.
jq_body() {
	jq -e "$1" <<<"$body" >/dev/null || die "body fails $1: $body"
}

# api METHOD PATH [CURL ARGS...]: as http, signed in with the session of
# the user last signed in with sign_in (cookie and CSRF token).
api() {
	local method=$1 path=$2
	shift 2
	http "$method" "$path" -b "$T_DIR/jar.$signed_in" -H "X-CSRF-Token: $csrf" "$@"
}

# expect CODE: the last answer had this status.
expect() {
	[[ $code == "$1" ]] || die "expected $1, got $code: $body"
}

# ---- the web application, as a browser meets it ----

# page NAME METHOD PATH [CURL ARGS...]: as http, as NAME's browser: its
# cookies kept in the jar across calls, asking for HTML.
page() {
	local who=$1
	shift
	http "$@" -b "$T_DIR/web.$who" -c "$T_DIR/web.$who" \
		-H "Accept: text/html,application/xhtml+xml,*/*;q=0.8"
}

# web_sign_in NAME: the sign-in form, as a person fills it in.
web_sign_in() {
	page "$1" POST /api/v1/session --data-urlencode "username=$1" \
		--data-urlencode "password=$PW" --data-urlencode "_next=/orgs" \
		--data-urlencode "_done=Signed in."
	expect 303
	[[ $(header Location) == /orgs ]] || die "signed in to $(header Location)"
}

# form_csrf NAME PATH: the CSRF token of the page's forms, in $csrf.
form_csrf() {
	page "$1" GET "$2"
	expect 200
	csrf=$(grep -o 'name="csrf-token" content="[^"]*"' <<<"$body" | sed 's/.*content="//; s/"$//')
	[[ -n $csrf ]] || die "no CSRF token on $2"
}

# header NAME: the value of a header of the last answer ("" if none).
header() {
	awk -v n="$(tr '[:upper:]' '[:lower:]' <<<"$1")" -F': ' \
		'{ k = tolower($1) } k == n { sub(/\r$/, "", $2); print $2; exit }' "$T_DIR/headers"
}
