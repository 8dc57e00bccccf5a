# The worked example organisation (isms demo without options): loaded
# once through the ordinary operations, consistent with every rule, and
# dated around today (ISMS_NOW, 2026-01-15 in these tests).

demo_org() {
	fresh_store
	ok demo
	[[ -z $err ]] || die "unexpected output on stderr: $err"
}

blocks() {
	ok log --json --limit 0
	jq -r '.blocks | length' <<<"$out"
}

# Loading (once per test: it is the slow part on PostgreSQL) and what
# the organisation holds before its internal audit.
t_demo_org_loads() {
	local before
	fresh_store
	ok demo --json
	jq_eq .org demo
	jq_eq .loaded true
	jq_eq .name "Kittiwake Payments Ltd"
	jq_eq .counts.people 13
	jq_eq .counts.items 123
	jq_eq .counts.risks 20
	jq_eq .counts.capas 2
	jq_eq .counts.audits 3
	# Every record was logged, in one block, and reads back as logged.
	ok --org demo verify
	out_has "0 changed"
	out_has "0 damaged"
	# A second run says so and changes nothing, not even the change log.
	before=$(blocks)
	snapshot
	ok demo
	[[ $out == "The demo organisation is already loaded." ]] || die "second run said: $out"
	unchanged
	[[ $(blocks) == "$before" ]] || die "the second run wrote to the change log"
	ok demo --json
	jq_eq .loaded false
	unchanged

	ok org list --json
	jq_eq '[.[].slug] | join(",")' demo
	ok --org demo scope show --json
	jq_eq '.statement | startswith("The design, development, operation")' true
	jq_eq '[.items[] | select(.in_scope == false)] | length' 1
	jq_eq '[.items[] | select(.in_scope == false) | .exclusion_reason | length > 0] | all' true
	jq_eq '.interfaces | length' 6
	ok --org demo person list --json
	jq_eq length 13
	ok --org demo asset list --json
	jq_eq length 17
	ok --org demo flow list --json
	jq_eq length 9

	# The baseline: every item assessed under the rules, with a roadmap.
	ok --org demo gap score --json
	jq_eq .coverage 100
	jq_eq .verdict not-ready
	jq_eq '.counts["not-assessed"]' 0
	jq_eq .counts.conforming 82
	jq_eq .counts.partial 31
	jq_eq .counts.nonconforming 8
	jq_eq .counts.na 2
	jq_eq '[.flags[].code] | join(",")' paper-only
	jq_eq '.flags[0].refs | join(",")' 5.3,A.5.12,A.5.13,A.5.24,A.6.7,A.8.27
	ok --org demo gap items --json
	jq_eq length 123
	jq_eq '[.[] | select(.status == "conforming" and (.evidence.valid < 1 or .paper_only))] | length' 0
	jq_eq '[.[] | select(.status == "na" and .kind == "clause")] | length' 0
	jq_eq '[.[] | select(.status == "na" and (.justification | length) == 0)] | length' 0
	jq_eq '[.[] | select(.owner == null)] | length' 0
	ok --org demo gap roadmap --json
	jq_eq length 39
	jq_eq '.[0].ref' A.5.21
	jq_eq '.[0].placed_by_hand' true
	jq_eq '[.[] | select(.owner == null or .due_estimated)] | length' 0
	jq_eq '[.[].action_status] | unique | join(",")' done,in-progress,open
	ok --org demo evidence list --json
	jq_eq length 47
	jq_eq '[.[] | select(.origin == "gap-assessment")] | length' 1
	jq_eq '[.[] | select(.origin == "internal-audit")] | length' 7

	# Risks across the heat map, treated by Annex A controls; one waits
	# for its owner's acceptance.  The SoA agrees with them.
	ok --org demo risk list --json
	jq_eq length 20
	jq_eq '[.[].inherent_level] | unique | join(",")' critical,high,low,medium
	jq_eq '[.[] | select(.accepted_by == null) | .ref] | join(",")' R20
	jq_eq '[.[] | select(.treatment == "modify" and (.controls | length) == 0)] | length' 0
	ok --org demo risk plan --json
	jq_eq '.approved_by' "Helen Marsh"
	jq_eq .changed_since_approval false
	ok --org demo soa check
	out_has "aligned"
	ok --org demo soa versions --json
	jq_eq length 2
	ok --org demo soa show A.7.6 --json
	jq_eq .applicable false
	ok --org demo soa diff 1 2
	out_has "A.8.2"
}

# All or nothing: a load that fails half-way leaves the store as it was.
# An organisation called demo made by hand counts as loaded.
t_demo_org_own_demo() {
	fresh_store
	TMPDIR=$T_DIR/missing fails_unchanged 1 \
		"loading the demo organisation (the evidence): cannot create a temporary directory" demo
	ok org list --json
	jq_eq length 0
	ok org add demo --name "Our own demo"
	snapshot
	ok demo
	out_has "already loaded"
	unchanged
	ok org show demo --json
	jq_eq .name "Our own demo"
}

# The portfolio keeps its own names beside the worked example.
t_demo_org_beside_portfolio() {
	fresh_store
	ok demo --help
	out_has "isms [--db STORE] demo [--json]"
	out_has "demo --orgs N [--seed S]"
	out_has "Kittiwake Payments Ltd"
	out_has "demo-0001"
	ok demo --orgs 2
	ok demo
	[[ -z $err ]] || die "unexpected output on stderr: $err"
	out_has "Loaded the demo organisation 'demo' (Kittiwake Payments Ltd)"
	out_has "isms --org demo cert readiness --stage 1"
	ok gap score --all --json
	jq_eq '[.[].org] | join(",")' demo,demo-0001,demo-0002
	fails_unchanged 1 "already holds 2 demo organisations" demo --orgs 2
}

# One completed audit by independent auditors, its report issued; two
# more planned; the nonconformity's corrective actions.
t_demo_org_audit() {
	demo_org
	ok --org demo audit list --json
	jq_eq '[.[] | "\(.id):\(.status)"] | join(",")' 1:issued,2:planned,3:planned
	ok --org demo audit show 1 --json
	jq_eq '[.team[] | "\(.name):\(.lead)"] | join(",")' "Ruth Lindgren:true,Oliver Chen:false"
	jq_eq '[.team[] | select(.conflict != null or .override != null)] | length' 0
	jq_eq .closed_on 2025-11-23
	jq_eq '.reports[0].issued_by' "Ruth Lindgren"
	# The auditors are responsible for nothing in the ISMS.
	local who
	for who in "Ruth Lindgren" "Oliver Chen"; do
		ok --org demo person show "$who" --json
		jq_eq '.responsibilities | length' 0
	done
	ok --org demo audit checklist 1 --json
	jq_eq '[.[] | select(.result == "minor")] | length' 2
	jq_eq '[.[] | select(.result == "observation")] | length' 2
	jq_eq '[.[] | select(.result == "ofi")] | length' 1
	jq_eq '[.[] | select(.result == "major")] | length' 0
	ok --org demo audit report 1 --format md
	out_has "Version 1, issued on 2025-11-26 by Ruth Lindgren"
	out_has "the ISMS is effectively implemented and maintained"
	ok --org demo audit coverage --cycle 2025 --json
	jq_eq .total 121
	jq_eq .covered 121
	ok --org demo capa list --json
	jq_eq '[.[] | "\(.id):\(.ref):\(.severity):\(.status)"] | join(",")' \
		"1:A.5.18:minor:closed,2:A.5.18:minor:in-progress"
	jq_eq '.[0].verified_by' "Ruth Lindgren"
	jq_eq '.[1].due_on' 2026-02-05
	# The issued audit no longer changes; the gap assessor's notes never
	# support an audit finding; an owner cannot audit their own work.
	fails_unchanged 1 "issued" --org demo audit result 1 9.2.1 --result conforming \
		--method interview
	ok --org demo evidence list --json
	local notes
	notes=$(jq -r '.[] | select(.origin == "gap-assessment") | .sha256' <<<"$out")
	fails_unchanged 1 "made during a gap assessment" --org demo audit result 2 9.2.1 \
		--result conforming --method interview --evidence "$notes"
	fails_unchanged 1 "independence" --org demo audit assign 2 "Sofia Brandt"

	# The management review, after the audit.
	ok --org demo review list --json
	jq_eq length 1
	jq_eq '.[0].held_on' 2025-12-11
	jq_eq '.[0].final' true
	ok --org demo review show 1
	out_has "A1 ISMS internal audit before certification (full scope)"
	out_has "[done]"
	ok --org demo review minutes 1 --format md
	out_has "Helen Marsh"
}

# Where certification stands: two gates fail on purpose, and fixing them
# is what a newcomer would do.
t_demo_org_cert() {
	demo_org
	ok --org demo cert show --json
	jq_eq .stage1_on 2026-02-08
	jq_eq .stage2_on 2026-03-22
	ok --org demo cert status --json
	jq_eq .step.name corrective-action
	run --org demo cert readiness --stage 1 --json
	[[ $status -eq 3 ]] || die "readiness exit $status, expected 3"
	jq_eq '[.gates[] | select(.passed) | .name] | join(",")' \
		scheduled,gap-assessment,operation,internal-audit,management-review,corrective-action,soa
	jq_eq '[.gates[] | select(.passed | not) | .name] | join(",")' risk-treatment,evidence
	ok --org demo calendar --days 90 --json
	jq_eq '.events | length > 20' true
	jq_eq '[.events[] | select(.overdue) | .kind] | join(",")' treatment
	jq_eq '[.events[] | select(.kind == "certification-audit") | .date] | join(",")' \
		2026-02-08,2026-03-22
	jq_eq '[.events[] | select(.kind == "capa") | .date] | join(",")' 2026-02-05
	jq_eq '[.events[] | select(.window == "30")] | length > 5' true
	ok --org demo calendar
	out_has "Overdue"

	# R20's owner accepts it; the penetration test is renewed.
	ok --org demo risk accept 20 --by "Sofia Brandt"
	echo "Retest of the payment API and merchant portal" >"$T_DIR/pentest.txt"
	ok --org demo evidence add "$T_DIR/pentest.txt" --kind record \
		--title "External penetration test report (renewed)" --valid-until 2027-01-31 --json
	local new old ref
	new=$(jq -r .sha256 <<<"$out")
	ok --org demo evidence list --json
	old=$(jq -r '.[] | select(.title == "External penetration test report") | .sha256' <<<"$out")
	for ref in A.8.26 A.8.29 A.8.34; do
		ok --org demo evidence link "$new" "$ref"
		ok --org demo evidence unlink "$old" "$ref"
	done
	ok --org demo cert readiness --stage 1
	out_has "Ready for Stage 1"
}

# The example holds on other days too: the gates come out the same.
t_demo_org_other_days() {
	local day days=(2028-02-29)
	if [[ $T_BACKEND == sqlite ]]; then
		days+=(2026-03-01 2027-12-31)
	fi
	for day in "${days[@]}"; do
		export ISMS_NOW=${day}T08:00:00Z
		demo_org
		run --org demo cert readiness --stage 1 --json
		[[ $status -eq 3 ]] || die "readiness on $day exit $status"
		jq_eq '[.gates[] | select(.passed | not) | .name] | join(",")' risk-treatment,evidence
		ok --org demo soa check
	done
}
