# The ISMS scope of an organisation.

with_org() {
	fresh_store
	ok org add acme --name "Acme Ltd"
}

t_statement() {
	with_org
	ok scope statement "The ISMS covers the payroll service run from Leeds."
	ok scope show --json
	jq_eq .statement "The ISMS covers the payroll service run from Leeds."
	jq_eq .updated_at 2026-01-15T09:00:00Z
	printf 'Line one.\nLine two.\n' >"$T_DIR/stmt.txt"
	ok scope statement --file "$T_DIR/stmt.txt"
	ok scope show --json
	jq_eq '.statement | @json' '"Line one.\nLine two.\n"'
	run_stdin "From stdin." scope statement --file -
	[[ $status -eq 0 ]] || die "stdin statement failed"
	ok scope show
	out_has "From stdin."
}

t_statement_errors() {
	with_org
	fails_unchanged 2 "give the statement as TEXT or with --file FILE" scope statement
	fails_unchanged 2 "scope statement must not be empty" scope statement "  "
	fails_unchanged 1 "cannot read $T_DIR/none.txt" scope statement --file "$T_DIR/none.txt"
	head -c 30000 /dev/zero | tr '\0' 'x' >"$T_DIR/big.txt"
	fails_unchanged 2 "is too large" scope statement --file "$T_DIR/big.txt"
	printf 'a\0b' >"$T_DIR/nul.txt"
	fails_unchanged 2 "contains a NUL byte" scope statement --file "$T_DIR/nul.txt"
}

t_items_exclusions_and_links() {
	with_org
	ok scope add process Payroll --description "Monthly payroll"
	ok scope add process Marketing
	ok scope add location "Leeds office"
	ok scope add technology "Microsoft 365"
	ok scope add data-type "Employee personal data"
	ok scope add interface "Payroll bureau" --party "PayCo Ltd" --description "SFTP file exchange"
	ok scope add dependency "Cloud hosting" --party "AWS"
	ok scope exclude process Marketing --reason "Run by the parent company under its own ISMS"
	ok scope show --json
	jq_eq '.items | length' 5
	jq_eq '.items[] | select(.name == "Marketing") | .in_scope' false
	jq_eq '.items[] | select(.name == "Marketing") | .exclusion_reason' \
		"Run by the parent company under its own ISMS"
	jq_eq '.items[] | select(.name == "Payroll") | .in_scope' true
	jq_eq '.summary.process.in' 1
	jq_eq '.summary.process.out' 1
	jq_eq '.summary.interfaces' 1
	jq_eq '.summary.dependencies' 1
	jq_eq '.interfaces[] | select(.kind == "interface") | .party' "PayCo Ltd"
	ok scope show
	out_has "[out] Marketing"
	out_has "excluded because: Run by the parent company under its own ISMS"
	out_has "interface  Payroll bureau (with PayCo Ltd) - SFTP file exchange"
	ok scope include process Marketing
	ok scope show --json
	jq_eq '.items[] | select(.name == "Marketing") | .exclusion_reason' null
	ok scope remove process Marketing
	ok scope remove dependency "Cloud hosting"
	ok scope show --json
	jq_eq '.items | length' 4
	jq_eq '.interfaces | length' 1
}

t_exclusion_needs_a_reason() {
	with_org
	ok scope add location "Paris office"
	fails_unchanged 2 "an exclusion needs a justification (--reason TEXT)" \
		scope exclude location "Paris office"
	fails_unchanged 2 "an exclusion needs a justification" \
		scope exclude location "Paris office" --reason " "
}

t_item_errors() {
	with_org
	ok scope add process Payroll
	fails_unchanged 1 "process 'Payroll' is already in the scope list" scope add process Payroll
	fails_unchanged 2 "unknown scope item kind 'department'" scope add department Sales
	fails_unchanged 1 "no location 'Mars' in the scope" scope exclude location Mars --reason x
	fails_unchanged 1 "no process 'Nope' in the scope" scope remove process Nope
	fails_unchanged 1 "no dependency 'Nope' is recorded" scope remove dependency Nope
	fails_unchanged 2 "--party only applies to an interface or dependency" \
		scope add process HR --party X
	fails_unchanged 2 "scope item name must not be empty" scope add process ""
	fails_unchanged 2 "scope item name contains a control character" scope add process $'a\tb\x01'
	ok scope add interface Bureau
	fails_unchanged 1 "interface 'Bureau' is already recorded" scope add interface Bureau
}

t_org_selection() {
	fresh_store
	fails 1 "no organisation yet; add one with 'isms org add SLUG --name NAME'" scope show
	ok org add acme --name Acme
	ok scope show
	out_has "ISMS scope of Acme (acme)"
	ok org add beta --name Beta
	fails 2 "choose an organisation with --org SLUG (known: acme, beta)" scope show
	ok --org beta scope add process Sales
	ISMS_ORG=beta ok scope show --json
	jq_eq '.org' beta
	jq_eq '.items[0].name' Sales
	ok --org acme scope show --json
	jq_eq '.items | length' 0
	fails 1 "no organisation 'gamma'" --org gamma scope show
	fails 2 "organisation slug must be lower-case" --org GAMMA scope show
}

t_same_names_in_different_orgs() {
	fresh_store
	ok org add acme --name Acme
	ok org add beta --name Beta
	ok --org acme scope add process Payroll
	ok --org beta scope add process Payroll
	ok --org beta scope exclude process Payroll --reason "outsourced"
	ok --org acme scope show --json
	jq_eq '.items[0].in_scope' true
}
