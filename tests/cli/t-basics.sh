# The program's surface: version, help, and usage errors.

t_version() {
	ok --version
	out_has "isms 0.1.0"
	ok --version --json
	jq_eq .version 0.1.0
}

t_help_lists_commands() {
	ok --help
	for c in init overview org scope catalog db; do
		out_has "  $c "
	done
	out_has "Exit status"
}

t_every_command_has_help() {
	for c in init overview "org add" "org list" "org show" "org rename" \
		"org remove" "scope show" "scope statement" "scope add" \
		"scope exclude" "scope include" "scope remove" "catalog list" \
		"catalog show" "catalog frameworks" "catalog import" "db info" \
		"db copy"; do
		# shellcheck disable=SC2086
		ok $c --help
		out_has "usage: isms"
	done
}

t_help_command_form() {
	ok help org add
	out_has "isms org add SLUG --name NAME"
	ok help
	out_has "Commands:"
}

t_no_command_is_usage_error() {
	run
	[[ $status -eq 2 ]] || die "status $status"
	[[ $err == *"usage: isms"* ]] || die "no usage on stderr"
}

t_unknown_command() {
	fails 2 "unknown command 'frobnicate'" frobnicate
}

t_unknown_global_option() {
	fails 2 "unknown global option '--frob'" --frob org list
}

t_unknown_sub_command() {
	fails 2 "isms org: unknown sub-command 'explode'" org explode
}

t_missing_sub_command_shows_help() {
	run org
	[[ $status -eq 2 ]] || die "status $status"
	out_has "Sub-commands:"
}

t_unknown_option_of_command() {
	fresh_store
	fails 2 "isms org list: unknown option '--colour'" org list --colour
}

t_option_without_value() {
	fresh_store
	fails 2 "option '--name' needs a value" org add acme --name
	fails 2 "option '--db' needs a value" --db
}

t_json_may_stand_anywhere() {
	fresh_store
	ok org add acme --name Acme
	ok --json org list
	jq_eq '.[0].slug' acme
	ok org --json list
	jq_eq '.[0].slug' acme
	ok org list --json
	jq_eq 'length' 1
}

t_db_from_option_env_and_default() {
	ok --db "$T_DIR/a.db" init
	[[ -f $T_DIR/a.db ]] || die "--db ignored"
	ISMS_DB="$T_DIR/b.db" ok init
	[[ -f $T_DIR/b.db ]] || die "ISMS_DB ignored"
	(unset ISMS_DB; cd "$T_DIR" && "$ISMS_BIN" init >/dev/null) || die "default failed"
	[[ -f $T_DIR/isms.db ]] || die "default ./isms.db not created"
	ok --db="$T_DIR/a.db" db info --json
	jq_eq .backend sqlite
	jq_eq .schema_version 9
}
