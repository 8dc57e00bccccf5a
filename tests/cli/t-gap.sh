# Gap assessments: findings per item, the rules behind them, readiness,
# flags and the remediation roadmap.

with_assessment() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	ok gap new --name Baseline --assessor "J. Smith" --json
}

# evidence_for REF KIND: add a new file of that kind and link it to REF.
evidence_for() {
	local ref=$1 kind=$2 f
	f="$T_DIR/ev-$ref-$kind-$RANDOM.txt"
	echo "evidence for $ref ($kind) $RANDOM$RANDOM" >"$f"
	ok evidence add "$f" --kind "$kind" --json
	sha=$(jq -r .sha256 <<<"$out")
	ok evidence link "$sha" "$ref"
}

t_new_list_and_default() {
	with_assessment
	jq_eq .id 1
	jq_eq .record_type gap-assessment
	jq_eq .date 2026-01-15
	jq_eq .assessor "J. Smith"
	jq_eq .framework iso27001-2022
	ok gap new --name "Follow-up" --date 2026-06-01 --json
	jq_eq .id 2
	ok gap list --json
	jq_eq 'length' 2
	jq_eq '.[0].name' Baseline
	jq_eq '.[1].overall' 0
	jq_eq '.[1].verdict' not-ready
	# The newest is the default; --assessment picks another.
	ok gap set 4.1 --status partial
	ok gap items --json --assessment 1
	jq_eq '.[] | select(.ref == "4.1") | .status' not-assessed
	ok gap items --json
	jq_eq '.[] | select(.ref == "4.1") | .status' partial
	jq_eq 'length' 123
	ok gap items
	out_has "gap assessment 2 'Follow-up', 2026-06-01"
	ok gap list
	out_has "Follow-up"
}

t_new_errors() {
	with_assessment
	fails_unchanged 1 "an assessment named 'Baseline' already exists" gap new --name Baseline
	fails_unchanged 2 "give the assessment a name" gap new
	fails_unchanged 2 "is not a valid date" gap new --name X --date 2026-02-30
	fails_unchanged 2 "is not a valid date" gap new --name X --date 15/01/2026
	fails_unchanged 2 "assessment name must not be empty" gap new --name "  "
	fails_unchanged 1 "no assessment 7" gap items --assessment 7
	fails_unchanged 2 "--assessment takes an assessment id" gap items --assessment x
	# Another organisation has no assessment yet.
	ok org add beta --name Beta
	fails 1 "no gap assessment yet" --org beta gap items
}

t_set_and_show() {
	with_assessment
	ok gap set a.5.1 --status partial --maturity 2 --owner "CISO" \
		--note "Policy drafted, not approved" --target 2026-03-31 --json
	jq_eq .ref A.5.1
	jq_eq .status partial
	jq_eq .maturity 2
	jq_eq .owner CISO
	jq_eq .target_date 2026-03-31
	# Fields not given stay as they were; '' clears one.
	ok gap set A.5.1 --maturity 3 --json
	jq_eq .status partial
	jq_eq .owner CISO
	ok gap set A.5.1 --owner "" --json
	jq_eq .owner null
	jq_eq .notes "Policy drafted, not approved"
	ok gap show A.5.1
	out_has "maturity       3 defined"
	out_has "none linked"
	ok gap show A.5.1 --json
	jq_eq .assessment.record_type gap-assessment
	ok gap items --status partial --json
	jq_eq 'length' 1
	ok gap items --group organizational --json
	jq_eq 'length' 37
	ok gap items --group A.8 --json
	jq_eq 'length' 34
	ok gap items --group 9 --json
	jq_eq 'length' 6
}

# Every bad input of `gap set`: one line, the right status, nothing kept.
t_set_bad_input() {
	with_assessment
	ok gap set A.5.1 --status partial
	fails_unchanged 1 "no item 'A.99.1'" gap set A.99.1 --status partial
	fails_unchanged 2 "unknown status 'done'" gap set A.5.1 --status done
	fails_unchanged 2 "cannot be not applicable" gap set 4.1 --status na --justification "No"
	fails_unchanged 2 "'na' needs a justification" gap set A.7.1 --status na
	fails_unchanged 2 "'na' needs a justification" gap set A.7.1 --status na --justification " "
	fails_unchanged 2 "maturity must be a whole number from 0 to 5" gap set A.5.1 --maturity 6
	fails_unchanged 2 "maturity must be a whole number from 0 to 5" gap set A.5.1 --maturity -1
	fails_unchanged 2 "maturity must be a whole number from 0 to 5" gap set A.5.1 --maturity two
	fails_unchanged 2 "target date '2026-13-01' is not a valid date" gap set A.5.1 --target 2026-13-01
	fails_unchanged 2 "a justification is only for 'na'" gap set A.5.1 --justification "x"
	fails_unchanged 2 "nothing to record" gap set A.5.1
	fails_unchanged 2 "not valid UTF-8" gap set A.5.1 --note $'\xff\xfe'
	fails_unchanged 2 "owner contains a control character (byte 0x1b)" gap set A.5.1 --owner $'a\033[31m'
}

t_na_needs_justification_and_is_controls_only() {
	with_assessment
	ok gap set A.7.1 --status na --justification "Fully remote company: no offices" --json
	jq_eq .status na
	jq_eq .justification "Fully remote company: no offices"
	# Leaving na drops its justification.
	ok gap set A.7.1 --status nonconforming --json
	jq_eq .justification null
}

t_conforming_needs_unexpired_evidence() {
	with_assessment
	fails_unchanged 1 "A.5.15 cannot be conforming without evidence" \
		gap set A.5.15 --status conforming
	# Expired evidence does not count.
	echo "old access review" >"$T_DIR/old.txt"
	ok evidence add "$T_DIR/old.txt" --kind record --collected 2025-01-01 \
		--valid-until 2025-12-31 --json
	ok evidence link "$(jq -r .sha256 <<<"$out")" A.5.15
	fails_unchanged 1 "A.5.15 cannot be conforming without evidence" \
		gap set A.5.15 --status conforming
	evidence_for A.5.15 record
	ok gap set A.5.15 --status conforming --json
	jq_eq .status conforming
	jq_eq .evidence.valid 1
	jq_eq .evidence.expired 1
	# Its last valid evidence cannot be unlinked while it is conforming.
	fails_unchanged 1 "A.5.15 is conforming and this is its only valid evidence" \
		evidence unlink "$sha" A.5.15
}

t_score_formula() {
	with_assessment
	ok scope statement "All of Acme."
	evidence_for 4.1 record
	ok gap set 4.1 --status conforming
	ok gap set 4.2 --status partial
	ok gap set 4.3 --status nonconforming
	ok gap set A.7.1 --status na --justification "Remote only"
	ok gap score --json
	# 100 x (1 + 0.5) / (123 - 1) = 1.229...
	jq_eq .overall 1.2
	# 4 of 123 assessed
	jq_eq .coverage 3.3
	# clause 4: 100 x 1.5 / 4
	jq_eq '.by_clause["4"]' 37.5
	jq_eq '.by_clause["5"]' 0
	jq_eq '.by_theme.physical' 0
	jq_eq '.by_theme | keys | sort | join(",")' organizational,people,physical,technological
	jq_eq '.by_clause | keys | length' 7
	jq_eq .counts.conforming 1
	jq_eq .counts.partial 1
	jq_eq .counts.nonconforming 1
	jq_eq .counts.na 1
	jq_eq '.counts["not-assessed"]' 119
	jq_eq .verdict not-ready
	jq_eq '[.flags[].code] | join(",")' clauses-unassessed
	jq_eq '.flags[0].refs | length' 27
	jq_eq '.reasons[0]' "27 management-system requirements (clauses 4-10) are not assessed"
	ok gap score
	out_has "Readiness  1.2%"
	out_has "Verdict    not-ready"
	out_has "Context of the organization"
}

t_paper_only_and_scope_flags() {
	with_assessment
	evidence_for A.5.1 policy
	ok gap set A.5.1 --status conforming
	evidence_for A.5.2 procedure
	evidence_for A.5.2 log
	ok gap set A.5.2 --status conforming
	ok gap score --json
	jq_eq '.flags[] | select(.code == "paper-only") | .refs | join(",")' A.5.1
	jq_eq '.flags[] | select(.code == "no-scope-statement") | .code' no-scope-statement
	ok gap items --json
	jq_eq '.[] | select(.ref == "A.5.1") | .paper_only' true
	jq_eq '.[] | select(.ref == "A.5.2") | .paper_only' false
	# A scope item out of scope with a blank reason (as an import could
	# leave it) is flagged.
	ok scope add location Lab
	store_sql "UPDATE scope_item SET in_scope = 0, exclusion_reason = ' ' WHERE name = 'Lab'" >/dev/null
	ok scope statement "Everything."
	ok gap score --json
	jq_eq '[.flags[].code] | sort | join(",")' clauses-unassessed,paper-only,unjustified-exclusions
}

t_expired_since_flagged() {
	with_assessment
	echo "pen test" >"$T_DIR/pt.txt"
	ok evidence add "$T_DIR/pt.txt" --kind record --valid-until 2026-06-30 --json
	ok evidence link "$(jq -r .sha256 <<<"$out")" A.8.8
	ok gap set A.8.8 --status conforming
	ok gap score --json
	jq_eq '[.flags[].code] | index("conforming-without-evidence")' null
	export ISMS_NOW=2026-07-01T00:00:00Z
	ok gap score --json
	jq_eq '.flags[] | select(.code == "conforming-without-evidence") | .refs | join(",")' A.8.8
}

t_ready_verdict() {
	with_assessment
	ok scope statement "All of Acme."
	local f="$T_DIR/all.txt" ref
	echo "the ISMS manual and its records" >"$f"
	ok evidence add "$f" --kind record --json
	sha=$(jq -r .sha256 <<<"$out")
	ok catalog list --json
	for ref in $(jq -r '.[].ref' <<<"$out"); do
		ok evidence link "$sha" "$ref"
		ok gap set "$ref" --status conforming
	done
	ok gap set A.8.1 --status partial
	ok gap score --json
	jq_eq .overall 99.6
	jq_eq .coverage 100
	jq_eq .verdict ready
	ok gap set 6.1.2 --status partial
	ok gap score --json
	jq_eq .verdict ready-with-gaps
	jq_eq '.reasons[0]' "1 management-system requirement is only partially met"
	ok gap set 6.1.2 --status nonconforming
	ok gap score --json
	jq_eq .verdict not-ready
}

t_roadmap_order_and_updates() {
	with_assessment
	ok gap set A.8.1 --status partial
	ok gap set A.5.1 --status nonconforming
	ok gap set 9.2.1 --status partial
	ok gap set 6.1.2 --status nonconforming
	ok gap set A.5.2 --status nonconforming
	ok gap roadmap --json
	# Clauses first, nonconforming before partial, then catalogue order.
	jq_eq '[.[].ref] | join(",")' 6.1.2,9.2.1,A.5.1,A.5.2,A.8.1
	jq_eq '[.[].priority] | join(",")' 1,2,3,4,5
	jq_eq '.[0].status' nonconforming
	jq_eq '.[0].effort' L
	jq_eq '.[0].due' 2026-02-14
	jq_eq '.[0].due_estimated' true
	jq_eq '.[0].phase' 30
	jq_eq '.[4].due' 2026-04-15
	jq_eq '.[4].phase' 90
	# Effort breaks ties: the smaller first.
	ok gap action A.5.2 --effort S --owner "IT lead" --due 2026-02-28 --json
	jq_eq .priority 3
	jq_eq .owner "IT lead"
	jq_eq .due 2026-02-28
	jq_eq .due_estimated false
	ok gap roadmap --json
	jq_eq '[.[].ref] | join(",")' 6.1.2,9.2.1,A.5.2,A.5.1,A.8.1
	# Placed by hand, with the reason kept.
	ok gap move A.8.1 --to 1 --reason "Auditor visit in February" --json
	jq_eq .priority 1
	ok gap roadmap --json
	jq_eq '[.[].ref] | join(",")' A.8.1,6.1.2,9.2.1,A.5.2,A.5.1
	jq_eq '.[0].placed_by_hand' true
	jq_eq '.[0].rank_reason' "Auditor visit in February"
	ok gap roadmap
	out_has "placed by hand"
	out_has "Within 30 days"
	ok gap move A.8.1 --auto
	ok gap roadmap --json
	jq_eq '[.[].ref] | join(",")' 6.1.2,9.2.1,A.5.2,A.5.1,A.8.1
	ok gap action 6.1.2 --status in-progress --json
	jq_eq .action_status in-progress
	# A conforming item leaves the roadmap.
	evidence_for 9.2.1 record
	ok gap set 9.2.1 --status conforming
	ok gap roadmap --json
	jq_eq 'length' 4
}

t_roadmap_bad_input() {
	with_assessment
	ok gap set A.5.1 --status nonconforming
	fails_unchanged 2 "moving an action by hand needs a reason" gap move A.5.1 --to 1
	fails_unchanged 2 "give --to POSITION --reason TEXT, or --auto" gap move A.5.1
	fails_unchanged 2 "position must be a whole number" gap move A.5.1 --to 0 --reason x
	fails_unchanged 1 "A.5.2 is not-assessed: only nonconforming and partial" \
		gap action A.5.2 --owner x
	fails_unchanged 2 "unknown effort 'huge'" gap action A.5.1 --effort huge
	fails_unchanged 2 "unknown action status 'finished'" gap action A.5.1 --status finished
	fails_unchanged 2 "due date '2026-02-31' is not a valid date" gap action A.5.1 --due 2026-02-31
	fails_unchanged 2 "nothing to change" gap action A.5.1
	fails_unchanged 1 "no item 'Z.1'" gap action Z.1 --owner x
}

t_score_all() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok org add beta --name "Beta GmbH"
	ok --org acme gap new --name Baseline
	ok --org acme gap set 4.1 --status partial
	ok gap score --all --json
	jq_eq 'length' 2
	jq_eq '.[0].org' acme
	jq_eq '.[0].assessment.name' Baseline
	jq_eq '.[0].overall' 0.4
	jq_eq '.[1].org' beta
	jq_eq '.[1].overall' null
	jq_eq '.[1].verdict' not-ready
	ok gap score --all
	out_has "acme"
	out_has "(no assessment)"
	fails 2 "choose an organisation with --org SLUG" gap score
	fails 2 "does not take --assessment" gap score --all --assessment 1
}

# Gap-assessment records can only ever be marked as such.
t_record_type_is_fixed() {
	with_assessment
	snapshot
	! store_sql "UPDATE assessment SET record_type = 'internal-audit'" >/dev/null 2>&1 ||
		die "the store accepted another record type"
	unchanged
}

t_diff() {
	with_assessment
	ok gap set A.5.1 --status partial
	evidence_for A.5.2 record
	ok gap set A.5.2 --status conforming
	ok gap set A.5.3 --status partial
	ok gap set A.7.1 --status nonconforming
	ok gap set 4.1 --status partial
	ok gap new --name "Follow-up" --date 2026-07-01
	ok evidence link "$sha" A.5.1
	ok gap set A.5.1 --status conforming
	ok gap set A.5.2 --status partial
	ok gap set A.5.3 --status partial
	ok gap set A.7.1 --status na --justification "Offices closed"
	ok gap set A.8.1 --status nonconforming
	ok gap diff 1 2 --json
	jq_eq '[.improved[].ref] | join(",")' A.5.1
	jq_eq '.improved[0].from' partial
	jq_eq '.improved[0].to' conforming
	jq_eq '[.regressed[].ref] | join(",")' A.5.2
	jq_eq '[.new[].ref] | join(",")' A.8.1
	jq_eq '[.dropped[].ref] | join(",")' 4.1
	jq_eq '[.applicability[].ref] | join(",")' A.7.1
	jq_eq .unchanged 118
	jq_eq .from.name Baseline
	jq_eq .to.name Follow-up
	jq_eq '.by_clause["4"].from' 12.5
	jq_eq '.by_clause["4"].to' 0
	jq_eq '.by_clause["4"].delta' -12.5
	ok gap diff 1 2
	out_has "Improved (1)"
	out_has "Regressed (1)"
	out_has "A.5.2     conforming    -> partial"
	fails 1 "no assessment 9" gap diff 1 9
	fails 2 "'x' is not an assessment id" gap diff x 2
	fails 2 "missing argument" gap diff 1
}
