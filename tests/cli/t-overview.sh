# The overview `make run` shows.

t_overview_of_empty_store() {
	fresh_store
	ok overview
	out_has "Organisations (0)"
	out_has "none yet: isms org add SLUG --name NAME"
	out_has "ISO/IEC 27001:2022 (iso27001-2022): 123 assessable items"
	out_has "Management-system clauses: 30 requirements"
	out_has "Controls by theme: 93 controls"
	out_has "A.5   Organizational controls               37"
	out_has "A.8   Technological controls                34"
}

t_overview_with_organisations() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok --org acme scope statement "Payroll services for UK clients."
	ok --org acme scope add process Payroll
	ok --org acme scope add location Leeds
	ok --org acme scope add location Paris
	ok --org acme scope exclude location Paris --reason "sales office only"
	ok overview
	out_has "acme  Acme Ltd"
	out_has "scope: Payroll services for UK clients."
	out_has "Locations 1 in/1 out"
	ok overview --json
	jq_eq '.organisations[0].scope.location.out' 1
	jq_eq '.frameworks[0].items' 123
	jq_eq '.store.backend' "$T_BACKEND"
}
