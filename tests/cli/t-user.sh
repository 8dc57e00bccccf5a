# Users, their roles and organisations, and API tokens: passwords on
# standard input, secrets shown once, and bad input that changes nothing.

PW="correct horse battery"

with_org() {
	fresh_store
	ok org add acme --name "Acme Ltd"
}

# ok_stdin INPUT ARGS...: success with INPUT on standard input.
ok_stdin() {
	local input=$1
	shift
	run_stdin "$input" "$@"
	[[ $status -eq 0 ]] || die "expected success from: isms $* (status $status)"
}

# fails_stdin_unchanged INPUT STATUS PATTERN ARGS...: fails_unchanged with
# INPUT on standard input.
fails_stdin_unchanged() {
	local input=$1 want=$2 pattern=$3
	shift 3
	snapshot
	run_stdin "$input" "$@"
	[[ $status -eq $want ]] || die "expected status $want from: isms $* (got $status)"
	[[ $(printf '%s\n' "$err" | wc -l) -eq 1 && -n $err ]] ||
		die "expected one line on stderr from: isms $*"
	[[ $err == *"$pattern"* ]] || die "stderr of 'isms $*' lacks '$pattern'"
	unchanged
}

t_user_add_with_password_on_stdin() {
	with_org
	ok_stdin "$PW" user add alice --role auditor --org acme
	out_has "Added user alice (auditor), with access to acme."
	ok_stdin "$PW" user add root --role admin
	out_has "Added user root (admin), who sees every organisation."
	ok user add ci --role viewer --no-password --json
	jq_eq .name ci
	jq_eq .password false
	jq_eq '.orgs | length' 0
	ok user list --json
	jq_eq 'length' 3
	jq_eq '[.[].name] | join(",")' "alice,ci,root"
	jq_eq '.[0] | [.role, (.orgs | join(",")), .password, .disabled] | join("|")' \
		"auditor|acme|true|false"
	jq_eq '.[2].orgs' all
	out_lacks argon2
	ok user list
	out_has "alice"
	out_has "auditor"
	out_lacks argon2
	# Argon2id; never the password itself.
	hash=$(store_sql "SELECT password_hash FROM app_user WHERE name = 'alice'")
	[[ $hash == '$argon2id$v=19$m=65536,t=2,p=1$'* ]] || die "not an Argon2id hash: $hash"
	store_dump | grep -qF "$PW" && die "the password is in the store"
	# A Windows line end is not part of the password.
	ok_stdin $'another long password\r' user add bob --role viewer
	ok user show alice --json
	jq_eq .created_at 2026-01-15T09:00:00Z
	jq_eq '.tokens | length' 0
	ok user show ALICE
	out_has "alice"
	out_has "organisations  acme"
}

t_user_bad_input_changes_nothing() {
	with_org
	ok_stdin "$PW" user add alice --role auditor --org acme
	fails_stdin_unchanged "$PW" 1 "a user named 'alice' already exists" \
		user add ALICE --role viewer
	fails_stdin_unchanged "$PW" 2 "unknown role 'boss'" user add bob --role boss
	fails_stdin_unchanged "short" 2 "the password is too short: at least 12" \
		user add bob --role viewer
	fails_stdin_unchanged "aaaaaaaaaaaaaaaa" 2 "one character repeated" \
		user add bob --role viewer
	fails_stdin_unchanged "" 2 "no password on standard input" user add bob --role viewer
	fails_stdin_unchanged "$(printf 'x%.0s' {1..1100})" 2 "the password is too long" \
		user add bob --role viewer
	fails_stdin_unchanged "$PW" 1 "no organisation 'nope'" \
		user add bob --role viewer --org nope
	fails_stdin_unchanged "$PW" 2 "may hold only letters, digits" \
		user add "bob smith" --role viewer
	fails_unchanged 2 "missing --role ROLE" user add bob
	fails_unchanged 1 "no user 'nobody'" user grant nobody --org acme
	fails_unchanged 2 "missing --org SLUG" user grant alice
	fails_unchanged 1 "no organisation 'nope'" user grant alice --org nope
	fails_unchanged 2 "nothing to change" user set alice
	fails_unchanged 2 "exclude each other" user set alice --disable --enable
	fails_unchanged 2 "unknown role 'root'" user set alice --role root
	fails_unchanged 1 "no user 'nobody'" user remove nobody
	fails_unchanged 1 "no user 'nobody'" user password nobody
	fails_stdin_unchanged "short" 2 "at least 12" user password alice
	fails_unchanged 1 "no user 'nobody'" token add nightly --user nobody
	fails_unchanged 2 "missing --user USER" token add nightly
	fails_unchanged 2 "token name" token add " " --user alice
	fails_unchanged 2 "'abc' is not a token id" token revoke abc
	fails_unchanged 1 "no API token 99" token revoke 99
}

t_user_grant_revoke() {
	with_org
	ok org add beta --name "Beta GmbH"
	ok_stdin "$PW" user add alice --role control-owner --org acme
	ok user grant alice --org beta
	out_has "alice may now see beta."
	ok user grant alice --org beta
	out_has "alice could already see beta."
	ok user show alice --json
	jq_eq '.orgs | join(",")' acme,beta
	ok user revoke alice --org acme --json
	jq_eq '[.user, .org, .granted, .changed] | join("|")' "alice|acme|false|true"
	ok user revoke alice --org acme
	out_has "alice had no access to acme."
	ok user list --json
	jq_eq '.[0].orgs | join(",")' beta
	# An organisation removed goes from every user.
	ok org remove beta --yes
	ok user show alice --json
	jq_eq '.orgs | length' 0
}

t_token_secret_shown_once() {
	with_org
	ok user add ci --role viewer --org acme --no-password
	ok token add nightly --user ci --json
	secret=$(jq -r .secret <<<"$out")
	[[ $secret == isms_* && ${#secret} -eq 48 ]] || die "unexpected secret: $secret"
	jq_eq .name nightly
	jq_eq .user ci
	jq_eq .last_used_at null
	# Never again: not listed, not shown, not stored.
	ok token list
	out_has nightly
	out_lacks "$secret"
	ok token list --json
	out_lacks "$secret"
	jq_eq '.[0] | has("secret")' false
	ok user show ci --json
	out_lacks "$secret"
	jq_eq '.tokens[0].name' nightly
	store_dump | grep -qF "$secret" && die "the secret is in the store"
	digest=$(printf '%s' "$secret" | sha256sum | cut -d' ' -f1)
	[[ $(store_sql "SELECT count(*) FROM api_token WHERE token_sha256 = '$digest'") == 1 ]] ||
		die "the store does not hold the token's SHA-256"
	# Text output shows it once too, with a warning.
	ok token add deploy --user ci
	out_has "API token 2 (deploy) for ci:"
	out_has "isms_"
	out_has "shown only this once"
	ok token revoke 1
	out_has "Revoked API token 1."
	ok token list --json --user ci
	jq_eq '.[0].revoked_at' 2026-01-15T09:00:00Z
	jq_eq '.[1].revoked_at' null
	ok token list
	out_has "revoked"
	# Revoking again keeps the first time.
	ISMS_NOW=2026-02-01T00:00:00Z ok token revoke 1
	ok token list --json
	jq_eq '.[0].revoked_at' 2026-01-15T09:00:00Z
}

t_user_set_password_remove() {
	with_org
	ok_stdin "$PW" user add root --role admin
	ok_stdin "$PW" user add alice --role auditor --org acme
	# The store always keeps an enabled administrator.
	fails_unchanged 1 "'root' is the only enabled administrator" user set root --disable
	fails_unchanged 1 "before giving another role to them" user set root --role viewer
	fails_unchanged 1 "before removing them" user remove root
	ok user set alice --role isms-manager
	out_has "Updated alice."
	ok user set alice --disable --json
	jq_eq .updated alice
	ok user show alice --json
	jq_eq '[.role, .disabled] | join("|")' "isms-manager|true"
	ok user set alice --enable
	ok user show alice
	out_has "enabled"
	before=$(store_sql "SELECT password_hash FROM app_user WHERE name = 'alice'")
	ok_stdin "a brand new password" user password alice
	out_has "Password of alice changed"
	after=$(store_sql "SELECT password_hash FROM app_user WHERE name = 'alice'")
	[[ $before != "$after" && $after == '$argon2id$'* ]] || die "the password did not change"
	ok token add t --user alice
	ok user remove alice
	out_has "Removed user alice"
	ok user list --json
	jq_eq '[.[].name] | join(",")' root
	ok token list --json
	jq_eq length 0
	# With another administrator, the first may go.
	ok user add root2 --role admin --no-password
	ok user remove root
}

t_user_help() {
	ok user --help
	out_has "grant"
	out_has "password"
	ok user add --help
	out_has "standard input"
	out_has "Examples:"
	ok token --help
	out_has "revoke"
	ok token add --help
	out_has "Authorization: Bearer TOKEN"
}
