# Organisations.

t_add_and_list() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	out_has "Added organisation acme (Acme Ltd)."
	ok org add beta-2 --name "Béta GmbH" --json
	jq_eq .slug beta-2
	jq_eq .name "Béta GmbH"
	jq_eq .created_at 2026-01-15T09:00:00Z
	ok org list --json
	jq_eq 'map(.slug) | join(",")' "acme,beta-2"
	jq_eq '.[1].name' "Béta GmbH"
	ok org list
	out_has "acme    Acme Ltd"
}

t_show() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok org show acme --json
	jq_eq .name "Acme Ltd"
	jq_eq .scope.process.in 0
	ok org show acme
	out_has "no statement yet"
}

t_duplicate_slug() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	fails_unchanged 1 "organisation 'acme' already exists" org add acme --name Other
}

t_bad_slugs() {
	fresh_store
	fails_unchanged 2 "unknown option '-acme'" org add -acme --name X
	for slug in "Acme" "ac me" "acme_1" "ac/me" "$(printf 'a%.0s' {1..64})"; do
		fails_unchanged 2 "organisation slug" org add "$slug" --name X
	done
	fails_unchanged 2 "organisation slug must not be empty" org add "" --name X
}

t_bad_names() {
	fresh_store
	fails_unchanged 2 "missing --name NAME" org add acme
	fails_unchanged 2 "organisation name must not be empty" org add acme --name "   "
	fails_unchanged 2 "organisation name contains a control character (byte 0x1b)" \
		org add acme --name $'Evil\e[31mRed'
	fails_unchanged 2 "organisation name is not valid UTF-8" org add acme --name $'Bad\xff'
	fails_unchanged 2 "organisation name is too long" org add acme --name "$(printf 'x%.0s' {1..201})"
	fails_unchanged 2 "organisation name contains a control character (byte 0x0a)" \
		org add acme --name $'Two\nLines'
}

t_wrong_arguments() {
	fresh_store
	fails 2 "isms org add: missing argument" org add --name X
	fails 2 "isms org add: unexpected argument 'extra'" org add acme extra --name X
	fails 2 "option '--yes' takes no value" org remove acme --yes=please
}

t_rename() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok org rename acme --name "Acme Group plc"
	ok org list --json
	jq_eq '.[0].name' "Acme Group plc"
	fails_unchanged 1 "no organisation 'nobody'" org rename nobody --name X
	fails_unchanged 2 "organisation name must not be empty" org rename acme --name ""
}

t_remove() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok --org acme scope add process Payroll
	fails_unchanged 2 "confirm with --yes" org remove acme
	ok org remove acme --yes
	ok org list --json
	jq_eq length 0
	[[ $(store_sql 'SELECT count(*) FROM scope_item') == 0 ]] || die "scope kept"
	fails_unchanged 1 "no organisation 'acme'" org remove acme --yes
}

t_hostile_text_is_stored_verbatim_and_output_safely() {
	fresh_store
	ok org add acme --name "Robert'); DROP TABLE org;-- <script>"
	ok org list --json
	jq_eq '.[0].name' "Robert'); DROP TABLE org;-- <script>"
	[[ $(store_sql 'SELECT count(*) FROM org') == 1 ]] || die "org table damaged"
}
