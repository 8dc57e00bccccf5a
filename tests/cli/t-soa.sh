# The Statement of Applicability: decisions, the alignment check (every
# code triggered and cleared), approval, versions, diff and exports.

controls() {
	run catalog list --kind control --json
	jq -r '.[].ref' <<<"$out"
}

# An organisation whose SoA is aligned and approved as version 1: every
# control confirmed implemented by hand, one asset, no risks.
aligned_org() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	ok asset add "Customer DB" --type information --owner Alice
	mapfile -t all < <(controls)
	[[ ${#all[@]} -eq 93 ]] || die "expected 93 Annex A controls, got ${#all[@]}"
	ok soa set "${all[@]}" --status implemented --status-reason "Confirmed in the walkthrough"
	ok soa approve --by "Managing Director"
	check_clean
}

# soa check must report CODE for REF (exit 3).
check_has() {
	run soa check --json
	[[ $status -eq 3 ]] || die "expected soa check to exit 3, got $status: $out"
	jq -e --arg c "$1" --arg r "$2" \
		'any(.[]; .code == $c and (.ref // "") == $r)' <<<"$out" >/dev/null ||
		die "soa check lacks $1 for '$2': $out"
}

check_lacks() {
	run soa check --json
	jq -e --arg c "$1" 'all(.[]; .code != $c)' <<<"$out" >/dev/null ||
		die "soa check still reports $1: $out"
}

# Aligned, but approval is due again.
check_only_changed() {
	run soa check --json
	[[ $status -eq 3 ]] || die "expected exit 3, got $status"
	jq_eq '[.[].code] | unique | join(",")' changed-since-approval
}

check_clean() {
	run soa check --json
	[[ $status -eq 0 ]] || die "expected an aligned SoA (exit 0), got $status: $out"
	jq_eq 'length' 0
}

add_risk() {
	ok risk add --title "$1" --asset "Customer DB" --threat "Attacker" \
		--vulnerability "Weakness" --likelihood "$2" --impact "$3" --treatment "$4" \
		"${@:5}" --json
}

t_generated_for_all_controls() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	ok soa list --json
	jq_eq '.controls | length' 93
	jq_eq '.controls_applicable' 93
	jq_eq '.controls[0].ref' A.5.1
	jq_eq '.controls[0].status' not-implemented
	jq_eq '.approved' null
	jq_eq '.aligned' false
	run soa check --json
	[[ $status -eq 3 ]] || die "a new SoA is not aligned"
	jq_eq '[.[] | select(.code == "never-approved")] | length' 1
	jq_eq '[.[] | select(.code == "not-implemented-untreated")] | length' 93
	run soa check
	[[ $status -eq 3 ]] || die "text check must exit 3 too"
	out_has "never-approved"
}

t_status_from_gap_assessment_and_plan() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	ok asset add "Customer DB" --type information
	ok gap new --name Baseline
	echo "access review record" >"$T_DIR/review.txt"
	ok evidence add "$T_DIR/review.txt" --kind record --title "Q4 access review" --json
	sha=$(jq -r .sha256 <<<"$out")
	ok evidence link "$sha" A.5.18
	ok gap set A.5.18 --status conforming
	ok gap set A.5.15 --status partial
	ok gap set A.8.8 --status nonconforming
	ok soa show A.5.18 --json
	jq_eq .status implemented
	jq_eq .gap_status conforming
	jq_eq '.evidence[0] | startswith("Q4 access review")' true
	ok soa show A.5.15 --json
	jq_eq .status partial
	ok soa show A.8.8 --json
	jq_eq .status not-implemented
	# An owned remediation action makes it planned.
	ok gap action A.8.8 --owner "IT Ops" --due 2026-03-01
	ok soa show A.8.8 --json
	jq_eq .status planned
	# So does an open treatment action for a risk that selects it.
	ok risk add --title "Malware" --asset "Customer DB" --threat Malware --vulnerability "No EDR" \
		--likelihood 3 --impact 3 --treatment modify --controls A.8.7
	ok risk action R1 --title "Roll out EDR" --owner "IT Ops"
	ok soa show A.8.7 --json
	jq_eq .status planned
	jq_eq '.risks | join(",")' R1
	jq_eq '.inclusion[0].reason' risk-treatment
	# An override with a reason wins, and shows what it overrode.
	ok soa set A.8.7 --status implemented --status-reason "EDR live since December" --json
	jq_eq .status implemented
	jq_eq .derived_status planned
	ok soa set A.8.7 --status auto --json
	jq_eq .status planned
}

t_soa_set_bad_input() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	fails_unchanged 1 "no item 'A.99.1'" soa set A.99.1 --applicable no --justification x
	fails_unchanged 2 "9.3.1 is a clause" soa set 9.3.1 --applicable no --justification x
	fails_unchanged 2 "must be 'yes' or 'no'" soa set A.5.1 --applicable maybe
	fails_unchanged 2 "unknown reason 'whim'" soa set A.5.1 --reason whim --justification x
	fails_unchanged 2 "comes from the risks" soa set A.5.1 --reason risk-treatment --justification x
	fails_unchanged 2 "--reason needs --justification" soa set A.5.1 --reason legal
	fails_unchanged 2 "unknown implementation status 'done'" soa set A.5.1 --status done --status-reason x
	fails_unchanged 2 "needs --status-reason" soa set A.5.1 --status implemented
	fails_unchanged 2 "nothing to change" soa set A.5.1
	# Several references: one bad one and none changes.
	fails_unchanged 1 "no item 'A.99.9'" soa set A.5.1 A.5.2 A.99.9 --applicable no --justification x
	ok soa set A.7.1 A.7.2 --applicable no --justification "Fully remote company" --json
	jq_eq '.updated | length' 2
	ok soa show A.7.2 --json
	jq_eq .applicable false
	jq_eq .exclusion "Fully remote company"
	fails_unchanged 2 "a SoA version is a number like 3" soa diff x
	fails_unchanged 1 "no SoA version 4" soa diff 4
	fails_unchanged 2 "--by NAME" soa approve
}

t_check_excluded_but_selected() {
	aligned_org
	add_risk "Database breach" 3 3 modify --controls A.8.8
	ok soa set A.8.8 --applicable no --justification "Patching is the vendor's job"
	check_has excluded-but-selected A.8.8
	ok soa set A.8.8 --applicable yes
	check_lacks excluded-but-selected
	ok soa approve --by "Managing Director"
	check_clean
}

t_check_exclusion_unjustified() {
	aligned_org
	ok soa set A.7.4 --applicable no
	[[ $err == *"without a justification"* ]] || die "no warning for an unjustified exclusion"
	check_has exclusion-unjustified A.7.4
	fails_unchanged 1 "not aligned" soa approve --by "Managing Director"
	ok soa set A.7.4 --justification "No premises: every employee works from home"
	check_lacks exclusion-unjustified
	check_only_changed
	ok soa approve --by "Managing Director"
	check_clean
}

t_check_not_implemented_untreated() {
	aligned_org
	ok soa set A.5.23 --status auto
	check_has not-implemented-untreated A.5.23
	# A gap assessment finding it partial does not clear it; an owned action does.
	ok gap new --name Baseline
	ok gap set A.5.23 --status partial
	check_has not-implemented-untreated A.5.23
	ok gap action A.5.23 --owner "Procurement" --due 2026-04-01
	check_lacks not-implemented-untreated
	ok soa approve --by "Managing Director"
	check_clean
}

t_check_risk_untreated() {
	aligned_org
	add_risk "Ransomware" 5 5 modify
	check_has risk-untreated R1
	ok risk set R1 --controls A.8.7,A.8.13
	check_lacks risk-untreated
	ok soa approve --by "Managing Director"
	check_clean
}

t_check_retained_unaccepted() {
	aligned_org
	add_risk "Key supplier fails" 4 3 retain --owner "Alice"
	check_has retained-unaccepted R1
	# Within the criterion, retaining needs no acceptance.
	ok risk set R1 --residual-likelihood 1
	check_lacks retained-unaccepted
	ok risk set R1 --residual-likelihood 4
	check_has retained-unaccepted R1
	ok risk accept R1 --by Alice
	check_lacks retained-unaccepted
	check_clean
}

t_check_unknown_control() {
	aligned_org
	# Free text naming a 2013 control number.
	add_risk "Missing logs" 2 2 modify --controls A.8.15 --other-controls "A.12.4.1 event logging"
	check_has unknown-control A.12.4.1
	ok risk set R1 --other-controls "Central log server"
	check_lacks unknown-control
	# A stored selection the catalogue does not hold (written behind the
	# program's back, as an old import would have left it).
	store_sql "INSERT INTO risk_control (risk_id, ref) VALUES (1, 'A.14.2.1')"
	check_has unknown-control A.14.2.1
	ok risk set R1 --controls A.8.15
	check_lacks unknown-control
	ok soa approve --by "Managing Director"
	check_clean
}

t_check_changed_since_approval_and_diff() {
	aligned_org
	ok soa set A.5.7 --reason legal --justification "Required by the NIS2 transposition"
	check_has changed-since-approval A.5.7
	ok soa diff 1 --json
	jq_eq 'length' 1
	jq_eq '.[0].ref' A.5.7
	jq_eq '.[0].changed | join(",")' justification
	ok soa approve --by "Managing Director" --date 2026-01-14
	check_clean
	fails_unchanged 1 "nothing changed since version 2" soa approve --by "Managing Director"
	ok soa versions --json
	jq_eq 'length' 2
	jq_eq '.[1].approved_on' 2026-01-14
	ok soa set A.8.1 --applicable no --justification "Company devices are not used"
	ok soa diff 1 2 --json
	jq_eq '.[0].ref' A.5.7
	ok soa diff 2 --json
	jq_eq '.[0].ref' A.8.1
	jq_eq '.[0].changed | join(",")' "applicable,justification"
	ok soa diff 2 current
	out_has "A.8.1"
	out_has "applicability"
}

t_never_approved() {
	aligned_org
	# A fresh organisation in the same store has no approved version.
	ok org add beta --name "Beta"
	export ISMS_ORG=beta
	check_has never-approved ""
	fails_unchanged 1 "no SoA version 1" soa diff 1
	export ISMS_ORG=acme
	check_clean
}

# The issue's whole path: assets, risks, treatment, an aligned and
# approved SoA, exported, using the gap assessment for what is in place.
t_assets_to_approved_soa() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	ok asset add "Customer DB" --type information --owner "Alice" --classification confidential
	ok asset add "Web shop" --type software --owner "Bob"
	ok flow add --from "Web shop" --to "Customer DB" --data "orders" --channel TLS
	ok risk add --title "Customer data stolen" --asset "Customer DB,Web shop" \
		--threat "External attacker" --vulnerability "Unpatched web server" \
		--likelihood 4 --impact 5 --treatment modify --controls A.8.8,A.8.9 \
		--residual-likelihood 2 --residual-impact 3 --owner Alice --json
	ok risk add --title "Hosting provider outage" --asset "Web shop" \
		--threat "Provider failure" --vulnerability "Single region" \
		--likelihood 3 --impact 4 --treatment retain --owner Bob --json
	ok risk accept R2 --by Bob
	ok risk action R1 --title "Patch within 14 days" --control A.8.8 --owner "IT Ops" --due 2026-03-31
	ok risk action R1 --title "Harden the web server baseline" --control A.8.9 --owner "IT Ops" --due 2026-04-30
	ok risk plan --approve --by "Managing Director"
	# What is in place, from the gap assessment, with evidence.
	ok gap new --name Baseline
	echo "ISMS operating records" >"$T_DIR/records.txt"
	ok evidence add "$T_DIR/records.txt" --kind record --title "Operating records" --json
	sha=$(jq -r .sha256 <<<"$out")
	mapfile -t all < <(controls)
	for ref in "${all[@]}"; do
		case $ref in
		A.7.*) continue ;;
		A.8.8 | A.8.9) ok gap set "$ref" --status nonconforming ;;
		*)
			ok evidence link "$sha" "$ref"
			ok gap set "$ref" --status conforming
			;;
		esac
	done
	mapfile -t physical < <(printf '%s\n' "${all[@]}" | grep '^A\.7\.')
	ok soa set "${physical[@]}" --applicable no \
		--justification "No premises: staff work remotely; hosting is the provider's (see supplier controls)"
	ok soa set A.5.31 --reason legal --justification "GDPR and national consumer law"
	run soa check
	[[ $status -eq 3 ]] || die "not approved yet, so not aligned"
	ok soa approve --by "Managing Director"
	check_clean
	ok soa show A.8.8 --json
	jq_eq .status planned
	jq_eq '.risks | join(",")' R1
	ok soa list --json
	jq_eq .controls_applicable 79
	jq_eq .approved.version 1
	# Exports: XLSX read back with a real spreadsheet reader (Debian's
	# python3-openpyxl, hence the system interpreter).
	ok soa export --format xlsx -o "$T_DIR/soa.xlsx"
	/usr/bin/python3 - "$T_DIR/soa.xlsx" <<-'EOF' || die "the XLSX export does not read back"
		import sys
		from openpyxl import load_workbook
		wb = load_workbook(sys.argv[1])
		ws = wb.worksheets[0]
		header = [c.value for c in ws[1]]
		want = ["Reference", "Title", "Theme", "Applicable", "Justification",
		        "Implementation status", "Linked risks", "Evidence"]
		assert header == want, header
		rows = list(ws.iter_rows(min_row=2, values_only=True))
		assert len(rows) == 93, len(rows)
		byref = {r[0]: r for r in rows}
		assert byref["A.8.8"][3] == "Yes" and "R1" in byref["A.8.8"][6], byref["A.8.8"]
		assert byref["A.7.1"][3] == "No" and "No premises" in byref["A.7.1"][4]
		assert ws.freeze_panes == "A2", ws.freeze_panes
		assert ws.auto_filter.ref, "no filter"
		risks = wb.worksheets[1]
		assert risks.max_row == 3, risks.max_row
		assert risks.cell(row=1, column=1).value == "ID"
	EOF
	ok soa export --format csv -o "$T_DIR/soa.csv"
	[[ $(wc -l <"$T_DIR/soa.csv") -eq 94 ]] || die "CSV should hold a header and 93 rows"
	ok soa export --format json
	jq_eq '.controls | length' 93
	jq_eq .aligned true
	ok soa export --format md
	out_has "A.8.8"
	ok soa export --format html -o "$T_DIR/soa.html"
	grep -q "A.5.31" "$T_DIR/soa.html" || die "HTML export lacks controls"
	fails 2 "unknown format 'pdf'" soa export --format pdf -o x
	fails 2 "add -o FILE.xlsx" soa export --format xlsx
	fails 1 "cannot write '$T_DIR/none/soa.xlsx'" soa export --format xlsx -o "$T_DIR/none/soa.xlsx"
	# The store keeps both approvals apart from the work that follows.
	ok soa set A.5.31 --reason contractual --justification "Customer contracts"
	check_only_changed
}

t_exports_escape_hostile_text() {
	aligned_org
	ok soa set A.5.1 --reason business --justification '=HYPERLINK("http://x","y")'
	ok soa set A.5.2 --reason business --justification '<img src=x onerror=alert(1)>'
	ok soa export --format xlsx -o "$T_DIR/soa.xlsx"
	/usr/bin/python3 - "$T_DIR/soa.xlsx" <<-'EOF' || die "a justification became a formula"
		import sys
		from openpyxl import load_workbook
		ws = load_workbook(sys.argv[1]).worksheets[0]
		cell = [r for r in ws.iter_rows(min_row=2) if r[0].value == "A.5.1"][0][4]
		assert cell.data_type == "s", cell.data_type
		assert "HYPERLINK" in cell.value
	EOF
	ok soa export --format html -o "$T_DIR/soa.html"
	if grep -q "<img src=x" "$T_DIR/soa.html"; then die "HTML export does not escape"; fi
}
