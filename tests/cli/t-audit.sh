# The internal audit (9.2), people (5.3, 7.2) and corrective actions
# (10.2): independence, the generated checklist, fieldwork, the report and
# its immutability once issued, the cycle's coverage and verification
# before closing.  Ids always come from the program's own --json output.

with_org() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
}

# people NAME...: record each person.
people() {
	local p
	for p in "$@"; do
		ok person add "$p"
	done
}

# new_audit TITLE SCOPE [START [END [MORE ARGS]]]: plan an audit (by
# default with fieldwork already over: 2026-01-05 to 2026-01-09) and leave
# its id in $aid.
new_audit() {
	ok audit new --title "$1" --scope "$2" --start "${3:-2026-01-05}" \
		--end "${4:-2026-01-09}" "${@:5}" --json
	aid=$(jq -r .id <<<"$out")
	[[ $aid =~ ^[0-9]+$ ]] || die "audit new gave no id: $out"
}

# A lead auditor with a competence record, so no warning gets in the way.
competent_lead() {
	ok person add "$1"
	ok person competence "$1" --kind certification --title "ISO/IEC 27001 Lead Auditor"
}

# new_evidence KIND [MORE ARGS]: store a new file as evidence; its SHA-256
# in $sha.
new_evidence() {
	local f
	f="$T_DIR/ev-$1-$RANDOM$RANDOM.txt"
	echo "evidence ($1) $RANDOM$RANDOM$RANDOM" >"$f"
	ok evidence add "$f" --kind "$@" --json
	sha=$(jq -r .sha256 <<<"$out")
	[[ $sha =~ ^[0-9a-f]{64}$ ]] || die "evidence add gave no SHA-256: $out"
}

# nonconformity AUDIT REF [MORE ARGS]: record a minor nonconformity
# (substantive test) and leave its corrective action's id in $cid.
nonconformity() {
	ok audit result "$1" "$2" --result minor --kind not-functioning \
		--method reperformance --note "Leaver accounts still active" "${@:3}" --json
	cid=$(jq -r .capa <<<"$out")
	[[ $cid =~ ^[0-9]+$ ]] || die "a nonconformity opened no corrective action: $out"
}

# Every --json listing the audit commands give, for before/after checks.
listings() {
	local a
	{
		"$ISMS_BIN" person list --json
		"$ISMS_BIN" audit list --json
		"$ISMS_BIN" capa list --json
		for a in $("$ISMS_BIN" audit list --json | jq -r '.[].id'); do
			"$ISMS_BIN" audit show "$a" --json
			"$ISMS_BIN" audit checklist "$a" --json
		done
	} 2>&1
}

# refused STATUS PATTERN ARGS...: fails with STATUS and PATTERN, the store
# is byte-for-byte unchanged and so are the --json listings.
refused() {
	listings >"$T_DIR/.listings-before"
	fails_unchanged "$@"
	listings >"$T_DIR/.listings-after"
	cmp -s "$T_DIR/.listings-before" "$T_DIR/.listings-after" ||
		die "the listings changed after 'isms ${*:3}': $(diff "$T_DIR/.listings-before" "$T_DIR/.listings-after" | head -5)"
}

# section FILE HEADING: the text of a '## HEADING' section of a Markdown
# report.
section() {
	awk -v h="## $2" '$0 == h { on = 1; next } /^## / { on = 0 } on' "$1"
}

# section_has FILE HEADING TEXT: that section holds TEXT.  (Not a pipe
# into grep -q: with pipefail, the writer's SIGPIPE would fail it.)
section_has() {
	[[ $(section "$1" "$2") == *"$3"* ]]
}

# report_md AUDIT: the Markdown report in $T_DIR/report-AUDIT.md.
report_md() {
	ok audit report "$1" --format md -o "$T_DIR/report-$1.md"
	[[ -s $T_DIR/report-$1.md ]] || die "no report written for audit $1"
}

# ---------------------------------------------------------------------------
# Independence (rule 4)

t_independence_own_responsibility() {
	with_org
	people Alice Bob
	ok person owns Alice A.5.15
	ok person show Alice --json
	jq_eq '[.responsibilities[] | .ref + "/" + .role] | join(",")' "A.5.15/owns"
	new_audit "Access control" A.5.15,9.2
	refused 1 "independence" audit assign "$aid" Alice
	[[ $err == *Alice* && $err == *A.5.15* ]] || die "the refusal does not say who and what: $err"
	[[ $err == *--override-justification* ]] || die "the refusal does not say how to override"
	ok audit show "$aid" --json
	jq_eq '.team | length' 0
	# Recorded, the conflict is allowed and disclosed.
	ok audit assign "$aid" Alice --override-justification "Only trained auditor; Bob reviews her work"
	ok audit show "$aid" --json
	jq_eq '.team | length' 1
	jq_eq '.team[0].name' Alice
	jq_eq '.team[0].override' "Only trained auditor; Bob reviews her work"
	jq_eq '.team[0].conflict | contains("A.5.15")' true
	# Someone with nothing in scope needs no justification.
	ok audit assign "$aid" Bob --lead
	report_md "$aid"
	section "$T_DIR/report-$aid.md" "Audit limitations" >"$T_DIR/limits"
	grep -q "Only trained auditor; Bob reviews her work" "$T_DIR/limits" ||
		die "the limitations lack the justification: $(cat "$T_DIR/limits")"
	grep -q "Independence" "$T_DIR/limits" || die "the limitations do not name independence"
	# Owning a clause stands for its items: owning 9.2 conflicts with 9.2.2.
	people Carol
	ok person owns Carol 9.2
	refused 1 "independence" audit assign "$aid" Carol
	# A conflict outside the scope is none.
	new_audit "Logging" A.8.15
	ok audit assign "$aid" Alice
	ok audit assign "$aid" Carol
}

t_independence_from_other_records() {
	with_org
	people Bob Carol Dave Erin
	# A gap assessment item's owner.
	ok gap new --name Baseline
	ok gap set 9.2.2 --status partial --owner Carol
	# A risk's owner, for the controls its treatment selects.
	ok asset add "Payroll DB" --type information --owner Erin
	ok risk add --title "Shared admin accounts" --asset "Payroll DB" --threat "Insider" \
		--vulnerability "Shared accounts" --likelihood 3 --impact 3 --treatment modify \
		--controls A.8.5 --owner Dave --json
	ok person show Dave --json
	jq_eq '[.responsibilities[] | select(.ref == "A.8.5")] | length' 1
	ok person show Carol --json
	jq_eq '[.responsibilities[] | select(.ref == "9.2.2")] | length' 1

	new_audit "Internal audit process" 9.2
	gap_audit=$aid
	refused 1 "independence" audit assign "$gap_audit" Carol
	[[ $err == *9.2.2* ]] || die "the refusal does not name 9.2.2: $err"

	new_audit "Authentication" A.8.5
	risk_audit=$aid
	refused 1 "independence" audit assign "$risk_audit" Dave
	[[ $err == *A.8.5* ]] || die "the refusal does not name A.8.5: $err"

	new_audit "Payroll database" "asset:Payroll DB"
	asset_audit=$aid
	ok audit show "$asset_audit" --json
	jq_eq '.scope | join(",")' "asset:Payroll DB"
	refused 1 "independence" audit assign "$asset_audit" Erin
	[[ $err == *"asset:Payroll DB"* ]] || die "the refusal does not name the asset: $err"

	# The independent auditor may audit all three.
	ok audit assign "$gap_audit" Bob --lead
	ok audit assign "$risk_audit" Bob --lead
	ok audit assign "$asset_audit" Bob --lead
	# And each conflict can be overridden with a reason.
	ok audit assign "$risk_audit" Dave --override-justification "Sole administrator"
	report_md "$risk_audit"
	section_has "$T_DIR/report-$risk_audit.md" "Audit limitations" "Sole administrator" ||
		die "the limitations lack the justification"
}

# 'all' is the whole ISMS: the assets inside the ISMS scope are in it, so
# their owners are not independent of it, no more than a control's owner.
t_independence_whole_isms_scope() {
	with_org
	people Alice Erin Bob
	ok person owns Alice A.5.15
	ok asset add "Payroll DB" --type information --owner Erin --in-scope yes
	new_audit "Whole ISMS" all
	ok audit show "$aid" --json
	jq_eq '.scope | length' 124
	refused 1 "independence" audit assign "$aid" Alice
	refused 1 "independence" audit assign "$aid" Erin
	ok audit assign "$aid" Bob --lead
}

t_independence_scope_change_refused() {
	with_org
	people Carol
	ok person owns Carol A.5.15
	new_audit "Logging" A.8.15
	ok audit assign "$aid" Carol
	refused 1 "independence" audit set "$aid" --scope A.5.15,A.8.15
	[[ $err == *Carol* ]] || die "the refusal does not name the auditor: $err"
	ok audit show "$aid" --json
	jq_eq '.scope | join(",")' A.8.15
	# A change with nothing of hers in it goes through.
	ok audit set "$aid" --scope A.8.15,A.8.16
	ok audit show "$aid" --json
	jq_eq '.scope | join(",")' A.8.15,A.8.16
	# Off the team, the scope may hold her work.
	ok audit unassign "$aid" Carol
	ok audit set "$aid" --scope A.5.15,A.8.15
	ok audit show "$aid" --json
	jq_eq '.scope | join(",")' A.5.15,A.8.15
}

t_lead_auditor_competence() {
	with_org
	people Bob
	new_audit "Access control" A.5.15
	ok audit assign "$aid" Bob --lead
	[[ $err == *warning* && $err == *competence* && $err == *Bob* ]] ||
		die "no warning about the lead auditor's competence: $err"
	ok audit show "$aid" --json
	jq_eq '.team[0].lead' true
	jq_eq '.team[0].competent' false
	report_md "$aid"
	grep -q "no competence record" "$T_DIR/report-$aid.md" ||
		die "the report does not say the lead auditor has no competence record"
	# With a certification, no warning and nothing in the report.
	people Carol
	ok person competence Carol --kind certification --title "ISO/IEC 27001 Lead Auditor" --json
	ok person show Carol --json
	jq_eq .competent true
	jq_eq '.competence[0].title' "ISO/IEC 27001 Lead Auditor"
	new_audit "Logging" A.8.15
	ok audit assign "$aid" Carol --lead
	[[ -z $err ]] || die "a competent lead auditor was warned about: $err"
	report_md "$aid"
	if grep -q "no competence record" "$T_DIR/report-$aid.md"; then
		die "the report says a certified lead auditor has no competence record"
	fi
	# An auditor who is not the lead is not warned about.
	people Dan
	ok audit assign "$aid" Dan
	[[ -z $err ]] || die "a team member who is not the lead was warned about: $err"
}

# ---------------------------------------------------------------------------
# Checklist (rule 5)

t_checklist_generated_from_scope() {
	with_org
	new_audit "Access and audit" A.5.15,9.2
	ok audit show "$aid" --json
	jq_eq '.scope | join(",")' 9.2.1,9.2.2,A.5.15
	ok audit checklist "$aid" --json
	jq_eq 'length' 6
	jq_eq '[.[].ref] | unique | join(",")' 9.2.1,9.2.2,A.5.15
	jq_eq '[group_by(.ref)[] | [.[].test] | sort | join("+")] | unique | join(",")' \
		compliance+substantive
	jq_eq 'all(.[]; (.step | type == "string" and length > 0) and (.expected | type == "string" and length > 0))' true
	jq_eq '[.[] | select(.result != null)] | length' 0
	# The two tests of an item ask for different things.
	jq_eq '[group_by(.ref)[] | select(.[0].step == .[1].step)] | length' 0
	# A theme stands for its 34 controls.
	new_audit "Technological controls" A.8
	ok catalog list --theme A.8 --json
	want=$(jq -r '[.[].ref] | sort | join(",")' <<<"$out")
	ok audit show "$aid" --json
	jq_eq '.scope | length' 34
	jq_eq '.scope | sort | join(",")' "$want"
	ok audit checklist "$aid" --json
	jq_eq 'length' 68
	jq_eq '[.[].ref] | unique | length' 34
	jq_eq '[.[] | select(.test == "substantive")] | length' 34
	jq_eq '[.[] | select(.test == "compliance")] | length' 34
}

t_close_needs_substantive_test() {
	with_org
	competent_lead Lena
	new_audit "Access and audit" A.5.15,9.2
	# Without a lead auditor it cannot close either.
	refused 1 "lead auditor" audit close "$aid"
	ok audit assign "$aid" Lena --lead
	ok audit result "$aid" A.5.15 --result conforming --method interview
	ok audit result "$aid" 9.2.1 --result conforming --method inspection
	ok audit checklist "$aid" --json
	jq_eq '[.[] | select(.result != null) | .test] | unique | join(",")' compliance
	refused 1 "substantive" audit close "$aid"
	ok audit show "$aid" --json
	jq_eq .status planned
	jq_eq .closed_on null
	ok audit result "$aid" A.5.15 --result conforming --method reperformance \
		--population "142 user accounts" --sample-size 25 --sample "u001-u025"
	ok audit checklist "$aid" --json
	jq_eq '.[] | select(.ref == "A.5.15" and .test == "substantive") | .method' reperformance
	jq_eq '.[] | select(.ref == "A.5.15" and .test == "substantive") | .sample_size' 25
	ok audit close "$aid"
	ok audit show "$aid" --json
	jq_eq .status closed
	jq_eq .closed_on 2026-01-15
	# Per area: effectiveness tested for the controls, not for clause 9.
	report_md "$aid"
	section "$T_DIR/report-$aid.md" "Audit findings" >"$T_DIR/findings"
	[[ $(grep -A2 "^### Organizational controls" "$T_DIR/findings") == *"Effectiveness tested: yes"* ]] ||
		die "the report does not say effectiveness was tested for Organizational controls: $(cat "$T_DIR/findings")"
	[[ $(grep -A2 "^### Performance evaluation" "$T_DIR/findings") == *"Effectiveness tested: no"* ]] ||
		die "the report does not say effectiveness was not tested for Performance evaluation"
	ok audit report "$aid" --format json
	jq_eq '[.findings[] | {key: .title, value: .effectiveness_tested}] | from_entries | [."Organizational controls", ."Performance evaluation"] | map(tostring) | join(",")' true,false
}

# ---------------------------------------------------------------------------
# Fieldwork (rule 6)

t_fieldwork_methods_and_results() {
	with_org
	new_audit "Access control" A.5.15,A.8.5
	local m
	for m in interview observation inspection reperformance technical-test; do
		ok audit result "$aid" A.5.15 --result conforming --method "$m" --json
		jq_eq .ref A.5.15
		jq_eq .result conforming
		jq_eq .capa null
		ok audit checklist "$aid" --json
		case $m in
		interview | inspection) test=compliance ;;
		*) test=substantive ;;
		esac
		jq_eq ".[] | select(.ref == \"A.5.15\" and .test == \"$test\") | .method" "$m"
	done
	# --test picks the test whatever the method.
	ok audit result "$aid" A.8.5 --result conforming --method interview --test substantive
	ok audit checklist "$aid" --json
	jq_eq '.[] | select(.ref == "A.8.5" and .test == "substantive") | .method' interview
	jq_eq '.[] | select(.ref == "A.8.5" and .test == "compliance") | .result' null
	# Every result is accepted; only nonconformities open corrective actions.
	for r in observation ofi; do
		ok audit result "$aid" A.8.5 --result "$r" --method inspection --json
		jq_eq .result "$r"
		jq_eq .capa null
	done
	ok audit result "$aid" A.8.5 --result major --kind missing --method inspection --json
	jq_eq .result major
	[[ $(jq -r .capa <<<"$out") =~ ^[0-9]+$ ]] || die "a major nonconformity opened no corrective action"
	# Wrong input, each refused with nothing stored.
	refused 2 "unknown audit method 'guess'" audit result "$aid" A.5.15 --result conforming --method guess
	refused 2 "unknown audit result 'great'" audit result "$aid" A.5.15 --result great --method interview
	refused 2 "--kind" audit result "$aid" A.5.15 --result major --method interview
	refused 2 "--kind" audit result "$aid" A.5.15 --result minor --method reperformance
	refused 2 "only for nonconformities" audit result "$aid" A.5.15 --result conforming \
		--kind missing --method interview
	refused 2 "unknown test type" audit result "$aid" A.5.15 --result conforming \
		--method interview --test bogus
	refused 2 "not in the scope" audit result "$aid" A.5.1 --result conforming --method interview
	refused 1 "no audit" audit result 999999 A.5.15 --result conforming --method interview
}

t_fieldwork_evidence() {
	with_org
	new_audit "Access control" A.5.15,A.8.15
	# The gap assessor's interview notes are not audit evidence.
	new_evidence interview --origin gap-assessment --title "Gap interview notes"
	gap_sha=$sha
	refused 1 "gap assessment" audit result "$aid" A.5.15 --result conforming \
		--method inspection --evidence "$gap_sha"
	# Not even next to acceptable evidence.
	new_evidence log --title "Access log January"
	log_sha=$sha
	refused 1 "gap assessment" audit result "$aid" A.5.15 --result conforming \
		--method inspection --evidence "$log_sha,$gap_sha"
	# The organisation's own records are.
	ok audit result "$aid" A.8.15 --result conforming --method technical-test \
		--evidence "$log_sha" --note "Sampled 10 days of logs"
	ok audit checklist "$aid" --json
	jq_eq '.[] | select(.ref == "A.8.15" and .test == "substantive") | .evidence | length' 1
	jq_eq '.[] | select(.ref == "A.8.15" and .test == "substantive") | .evidence[0] | tostring | contains("'"$log_sha"'")' true
	report_md "$aid"
	section_has "$T_DIR/report-$aid.md" "Audit findings" "$log_sha" ||
		die "the findings lack the evidence's full SHA-256"
	# A nonconformity opens a corrective action.
	nonconformity "$aid" A.5.15 --evidence "$log_sha"
	ok capa list --json
	jq_eq 'length' 1
	jq_eq '.[0].id' "$cid"
	jq_eq '.[0].status' open
	jq_eq '.[0].ref' A.5.15
	jq_eq '.[0].audit' "$aid"
	jq_eq '.[0].severity' minor
	jq_eq '.[0].kind' not-functioning
	ok audit checklist "$aid" --json
	jq_eq '.[] | select(.ref == "A.5.15" and .test == "substantive") | .capa' "$cid"
	report_md "$aid"
	grep -q "CAPA-$cid" "$T_DIR/report-$aid.md" || die "the report does not name the corrective action"
}

# ---------------------------------------------------------------------------
# Corrective actions (rule 9)

t_capa_closes_only_after_verification() {
	with_org
	new_audit "Access control" A.5.15
	nonconformity "$aid" A.5.15
	ok capa show "$cid" --json
	jq_eq .status open
	jq_eq .verified_by null
	refused 1 "verif" capa close "$cid"
	refused 2 "capa verify" capa set "$cid" --status verified
	refused 2 "capa close" capa set "$cid" --status closed
	refused 2 "--by NAME" capa verify "$cid" --note "Checked"
	ok capa set "$cid" --correction "Disabled the 4 leaver accounts" \
		--root-cause "HR does not tell IT about leavers" \
		--action "Leaver workflow from HR to IT" --owner Bob --due 2026-03-31 \
		--status implemented --json
	ok capa show "$cid" --json
	jq_eq .status implemented
	jq_eq .root_cause "HR does not tell IT about leavers"
	# Implemented is not verified.
	refused 1 "verif" capa close "$cid"
	ok capa verify "$cid" --by Carol --note "Sampled 5 leavers since February: all disabled on the day"
	ok capa show "$cid" --json
	jq_eq .verified_by Carol
	jq_eq .verified_on 2026-01-15
	jq_eq .status verified
	ok capa close "$cid"
	ok capa show "$cid" --json
	jq_eq .status closed
	jq_eq .closed_on 2026-01-15
	ok capa list --open --json
	jq_eq 'length' 0
	refused 1 "no corrective action" capa close 999999
}

t_capa_overdue() {
	with_org
	new_audit "Access and logging" A.5.15,A.8.15
	nonconformity "$aid" A.5.15
	late=$cid
	nonconformity "$aid" A.8.15
	later=$cid
	ok capa set "$late" --due 2026-01-10 --owner Bob
	ok capa set "$later" --due 2026-02-01 --owner Bob
	ok capa list --overdue --json
	jq_eq '[.[].id] | join(",")' "$late"
	ok capa list --json
	jq_eq 'length' 2
	jq_eq ".[] | select(.id == $late) | .overdue" true
	jq_eq ".[] | select(.id == $later) | .overdue" false
	# Closed, it is no longer overdue.
	ok capa verify "$late" --by Carol --note "Checked"
	ok capa close "$late"
	ok capa list --overdue --json
	jq_eq 'length' 0
	ok capa list --open --json
	jq_eq '[.[].id] | join(",")' "$later"
}

t_capa_shown_in_later_audit() {
	with_org
	competent_lead Lena
	new_audit "Access control 2026" A.5.15
	first=$aid
	ok audit assign "$first" Lena --lead
	nonconformity "$first" A.5.15
	ok audit close "$first"
	new_audit "Access control follow-up" A.5.15,A.8.15 2026-01-12 2026-01-14
	second=$aid
	report_md "$second"
	section "$T_DIR/report-$second.md" "Audit findings" >"$T_DIR/findings"
	grep -q "Previous corrective action" "$T_DIR/findings" ||
		die "the later audit's report does not show the previous corrective action"
	[[ $(grep "CAPA-$cid" "$T_DIR/findings") == *"open"* ]] ||
		die "the later report lacks CAPA-$cid's status"
	ok audit report "$second" --format json
	jq_eq '[.findings[].previous_corrective_actions // [] | .[]] | length' 1
	jq_eq '[.findings[].previous_corrective_actions // [] | .[]][0].id' "$cid"
	jq_eq '[.findings[].previous_corrective_actions // [] | .[]][0].status' open
	# Its status follows the action.
	ok capa verify "$cid" --by Carol --note "Checked"
	ok capa close "$cid"
	ok audit report "$second" --format json
	jq_eq '[.findings[].previous_corrective_actions // [] | .[]][0].status' closed
	# The audit that raised it does not list it as a previous one.
	ok audit report "$first" --format json
	jq_eq '[.findings[].previous_corrective_actions // [] | .[]] | length' 0
}

# ---------------------------------------------------------------------------
# Reports

t_report_sections_and_formats() {
	with_org
	competent_lead Lena
	new_audit "Access control" A.5.15,9.2
	ok audit assign "$aid" Lena --lead
	ok audit result "$aid" A.5.15 --result observation --method interview \
		--note "<script>alert(1)</script>"
	report_md "$aid"
	grep '^## ' "$T_DIR/report-$aid.md" >"$T_DIR/headings"
	printf '%s\n' "## Introduction" "## Executive summary" "## Report guidance" \
		"## Audit findings" "## Audit limitations" >"$T_DIR/want"
	cmp -s "$T_DIR/headings" "$T_DIR/want" ||
		die "the report's sections are not the five in order: $(cat "$T_DIR/headings")"
	section_has "$T_DIR/report-$aid.md" "Introduction" "A.5.15" ||
		die "the introduction does not give the scope"
	# Written to stdout, the same document.
	ok audit report "$aid" --format md
	[[ $out == "$(cat "$T_DIR/report-$aid.md")" ]] || die "-o and stdout differ"
	# HTML escapes what people typed.
	ok audit report "$aid" --format html -o "$T_DIR/report.html"
	grep -q "alert(1)" "$T_DIR/report.html" || die "the HTML report lacks the note"
	if grep -q "<script>" "$T_DIR/report.html"; then
		die "the HTML report does not escape a note"
	fi
	grep -q "&lt;script&gt;" "$T_DIR/report.html" || die "the HTML report lost the note's text"
	ok audit report "$aid" --format json
	jq_eq '[has("introduction", "executive_summary", "report_guidance", "findings", "limitations")] | all' true
	jq_eq '.findings | type' array
	jq_eq '[.findings[].tests[] | select(.ref == "A.5.15" and .result == "observation") | .note][0]' \
		"<script>alert(1)</script>"
	refused 2 "pdf" audit report "$aid" --format pdf
	refused 1 "no audit" audit report 999999 --format md
	refused 1 "no audit" audit show 999999
	refused 1 "no audit" audit checklist 999999
	refused 1 "no audit" audit close 999999
	refused 1 "no audit" audit assign 999999 Lena
}

t_issued_report_never_changes() {
	with_org
	people Bob Zoe
	new_audit "Access control" A.5.15,9.2
	ok audit assign "$aid" Bob --lead
	ok audit result "$aid" A.5.15 --result conforming --method reperformance
	refused 1 "close" audit issue "$aid" --by Bob
	ok audit close "$aid"
	ok audit issue "$aid" --by Bob --json
	jq_eq .version 1
	jq_eq .issued_on 2026-01-15
	ok audit show "$aid" --json
	jq_eq .status issued
	local f
	for f in md html json; do
		ok audit report "$aid" --format "$f" -o "$T_DIR/a.$f"
		ok audit report "$aid" --format "$f" -o "$T_DIR/b.$f"
		cmp -s "$T_DIR/a.$f" "$T_DIR/b.$f" || die "the issued $f report changed between two runs"
		ok audit report "$aid" --format "$f" --version 1 -o "$T_DIR/c.$f"
		cmp -s "$T_DIR/a.$f" "$T_DIR/c.$f" || die "the issued $f report is not version 1"
	done
	jq -e '.version == 1 and .issued_by == "Bob"' "$T_DIR/a.json" >/dev/null ||
		die "the issued JSON report does not say version 1 by Bob"
	# Nothing about the audit changes any more.
	refused 1 "issued" audit result "$aid" A.5.15 --result minor --kind missing --method reperformance
	refused 1 "issued" audit result "$aid" 9.2.1 --result conforming --method interview
	refused 1 "issued" audit set "$aid" --title "Renamed"
	refused 1 "issued" audit set "$aid" --scope A.5.15
	refused 1 "issued" audit set "$aid" --end 2026-01-10
	refused 1 "issued" audit assign "$aid" Zoe
	refused 1 "issued" audit unassign "$aid" Bob
	refused 1 "issued" audit doc "$aid" "Late document"
	refused 1 "issued" audit issue "$aid" --by Bob
	# Not even when what it was rendered from changes.
	ok person competence Bob --kind training --title "Lead auditor course"
	ok audit report "$aid" --format md -o "$T_DIR/d.md"
	cmp -s "$T_DIR/a.md" "$T_DIR/d.md" || die "the issued report changed after a competence record"
	grep -q "no competence record" "$T_DIR/d.md" || die "the issued report lost what it said"
	refused 1 "no issued version 2" audit report "$aid" --format md --version 2
}

t_new_audit_bad_input() {
	with_org
	ok audit list --json
	jq_eq 'length' 0
	refused 2 "before it starts" audit new --title X --scope A.5.1 --start 2026-03-05 --end 2026-03-01
	[[ $err == *2026-03-05* && $err == *2026-03-01* ]] || die "the refusal does not give the dates: $err"
	refused 2 "date" audit new --title X --scope A.5.1 --start 2026-02-30 --end 2026-03-01
	refused 1 "A.99.1" audit new --title X --scope A.99.1 --start 2026-03-01 --end 2026-03-05
	ok audit list --json
	jq_eq 'length' 0
	new_audit "Access control" A.5.15
	refused 2 "before it starts" audit set "$aid" --start 2026-01-20
	ok audit show "$aid" --json
	jq_eq .start_on 2026-01-05
	ok audit list --json
	jq_eq 'length' 1
}

# ---------------------------------------------------------------------------
# Coverage of the cycle

t_coverage_of_the_cycle() {
	with_org
	competent_lead Lena
	ok catalog list --json
	total=$(jq 'length' <<<"$out")
	clauses=$(jq '[.[] | select(.kind == "clause")] | length' <<<"$out")
	controls=$(jq '[.[] | select(.kind == "control")] | length' <<<"$out")
	[[ $controls -eq 93 && $total -eq $((clauses + 93)) ]] || die "unexpected catalogue: $total items"
	ok audit coverage --cycle 2026 --json
	jq_eq 'type' object
	jq_eq '.uncovered | length' "$total"
	jq_eq '.uncovered | length' 123
	# A closed audit with results covers those items.
	new_audit "Access and audit" A.5.15,9.2
	ok audit assign "$aid" Lena --lead
	ok audit result "$aid" A.5.15 --result conforming --method reperformance
	ok audit result "$aid" 9.2.1 --result conforming --method interview
	ok audit close "$aid"
	# A planned one, results or not, does not.
	new_audit "Authentication" A.8.5,A.8.15 2026-01-12 2026-01-14
	ok audit assign "$aid" Lena --lead
	ok audit result "$aid" A.8.5 --result conforming --method technical-test
	ok audit coverage --cycle 2026 --json
	jq_eq '.uncovered | length' 121
	jq_eq '[.uncovered[] | select(. == "A.5.15" or . == "9.2.1")] | length' 0
	jq_eq '[.uncovered[] | select(. == "A.8.5" or . == "A.8.15")] | length' 2
	jq_eq '.uncovered | index("A.7.4") != null' true
	# At least one audit a year: this year has its completed audit.
	jq_eq '[.years[] | "\(.year):\(.audited)"] | join(",")' "2026:true,2027:false,2028:false"
	# An excluded control needs no audit.
	ok soa set A.7.4 --applicable no --justification "No premises"
	ok audit coverage --cycle 2026 --json
	jq_eq '.uncovered | index("A.7.4")' null
	jq_eq '.uncovered | length' 120
	# Audits outside the cycle's three years do not count.
	ok audit coverage --cycle 2029 --json
	jq_eq '.uncovered | length' 122
	ok audit coverage --cycle 2026
	out_has "A.8.5"
	refused 2 "abc" audit coverage --cycle abc
	refused 2 "--cycle" audit coverage
}

# ---------------------------------------------------------------------------
# People

t_people() {
	with_org
	ok person add Bob --email bob@example.com --json
	jq_eq .name Bob
	jq_eq .email bob@example.com
	ok person list --json
	before=$(jq 'length' <<<"$out")
	refused 1 "already exists" person add Bob
	refused 1 "already exists" person add bob
	refused 1 "already exists" person add BOB
	refused 2 "not an e-mail address" person add Eve --email not-an-email
	refused 2 "not an e-mail address" person set Bob --email "bob at example"
	ok person list --json
	jq_eq 'length' "$before"
	ok person show Bob --json
	jq_eq .email bob@example.com
	# Responsibilities: only references that exist, for people who exist.
	people Fay
	refused 1 "A.99.1" person owns Fay A.99.1
	refused 1 "Payroll" person owns Fay Payroll
	refused 1 "no person 'Ghost'" person owns Ghost A.5.1
	refused 2 "designs" person owns Fay A.5.1 --role sleeps
	ok person owns Fay process:Payroll
	ok person owns Fay A.8.5 --role operates
	ok person show Fay --json
	jq_eq '[.responsibilities[] | .ref + "/" + .role] | sort | join(",")' "A.8.5/operates,process:Payroll/owns"
	# A process in an audit's scope is hers.
	new_audit "Payroll" process:Payroll,A.5.1
	ok audit show "$aid" --json
	jq_eq '.scope | index("process:Payroll") != null' true
	refused 1 "independence" audit assign "$aid" Fay
	[[ $err == *process:Payroll* ]] || die "the refusal does not name the process: $err"
	ok audit assign "$aid" Bob --lead
	# A team member stays on the record.
	refused 1 "team" person remove Bob
	# Disowned, she may audit it.
	ok person disown Fay process:Payroll
	ok audit assign "$aid" Fay
	people Gus
	ok person remove Gus
	ok person list --json
	jq_eq '[.[].name] | index("Gus")' null
}

# ---------------------------------------------------------------------------
# The whole path: programme, audits, independent team, checklist,
# fieldwork with evidence, close, issued report, management review input,
# and a corrective action closed only after verification.

t_internal_audit_end_to_end() {
	with_org
	competent_lead Lena
	people Ivan Olga Paul
	ok person competence Ivan --kind training --title "ISO/IEC 27001 Internal Auditor" --on 2025-06-01
	ok person owns Olga A.5.15
	ok person owns Paul A.8.15 --role operates
	ok audit programme --cycle 2026 --size "40 staff, one office, SaaS product" \
		--legal "GDPR" --change "New identity provider in 2026" \
		--risks "Access control risks rated high" --previous "First cycle" --json
	jq_eq .cycle 2026
	jq_eq '.years | join(",")' 2026,2027,2028
	jq_eq .factors.size_complexity "40 staff, one office, SaaS product"
	jq_eq '.audits | length' 0

	# Two audits, each with an independent team.
	new_audit "Access control" A.5.15,9.2 2026-01-05 2026-01-09 \
		--objectives "Access control conforms and is effective" --sampling "Random sample of 25 accounts" \
		--auditees Olga
	a1=$aid
	new_audit "Logging and monitoring" A.8.15,A.8.16 2026-01-12 2026-01-14 --auditees Paul
	a2=$aid
	[[ $a1 != "$a2" ]] || die "two audits with one id"
	refused 1 "independence" audit assign "$a1" Olga
	refused 1 "independence" audit assign "$a2" Paul
	ok audit assign "$a1" Lena --lead
	[[ -z $err ]] || die "unexpected warning: $err"
	ok audit assign "$a1" Ivan
	ok audit assign "$a2" Ivan --lead
	[[ -z $err ]] || die "unexpected warning: $err"
	ok audit assign "$a2" Lena
	ok audit programme --cycle 2026 --json
	jq_eq '[.audits[].id] | sort | map(tostring) | join(",")' "$(printf '%s\n' "$a1" "$a2" | sort -n | paste -sd,)"

	ok audit checklist "$a1" --json
	jq_eq 'length' 6
	ok audit checklist "$a2" --json
	jq_eq 'length' 4

	# Fieldwork with the organisation's own records as evidence.
	new_evidence policy --title "Access control policy v3"
	policy=$sha
	new_evidence record --title "Quarterly access review Q4"
	review=$sha
	new_evidence log --title "SIEM export January"
	siem=$sha
	new_evidence interview --origin internal-audit --title "Auditor's interview notes"
	notes=$sha
	ok audit doc "$a1" "Access control policy" --evidence "$policy"
	ok audit result "$a1" A.5.15 --result conforming --method interview --evidence "$policy,$notes"
	ok audit result "$a1" A.5.15 --result conforming --method reperformance \
		--population "142 accounts" --sample-size 25 --sample "a001-a025" --evidence "$review"
	ok audit result "$a1" 9.2.1 --result conforming --method inspection --evidence "$review"
	ok audit result "$a1" 9.2.2 --result ofi --method inspection --note "Record the programme's factors"
	ok audit result "$a2" A.8.15 --result conforming --method technical-test --evidence "$siem"
	nonconformity "$a2" A.8.16 --evidence "$siem"
	capa=$cid

	ok audit close "$a1"
	ok audit close "$a2"
	ok audit issue "$a1" --by Lena --json
	jq_eq .version 1
	ok audit issue "$a2" --by Ivan
	ok audit list --json
	jq_eq '[.[].status] | unique | join(",")' issued

	report_md "$a1"
	grep '^## ' "$T_DIR/report-$a1.md" | tr '\n' '|' >"$T_DIR/headings"
	[[ $(cat "$T_DIR/headings") == "## Introduction|## Executive summary|## Report guidance|## Audit findings|## Audit limitations|" ]] ||
		die "unexpected report sections: $(cat "$T_DIR/headings")"
	section_has "$T_DIR/report-$a1.md" "Audit findings" "$review" ||
		die "the findings lack the evidence's SHA-256"
	section_has "$T_DIR/report-$a1.md" "Introduction" "Lena" || die "the introduction lacks the team"
	report_md "$a2"
	grep -q "CAPA-$capa" "$T_DIR/report-$a2.md" || die "the report lacks the corrective action"

	ok audit coverage --cycle 2026 --json
	jq_eq '[.uncovered[] | select(. == "A.5.15" or . == "9.2.1" or . == "9.2.2" or . == "A.8.15" or . == "A.8.16")] | length' 0
	jq_eq '.uncovered | length' 118

	# The management review sees the completed audits.
	if "$ISMS_BIN" review --help >/dev/null 2>&1; then
		ok review new --chair "Managing Director" --attendees "Managing Director, Lena" --json
		rv=$(jq -r .id <<<"$out")
		ok review show "$rv" --json
		jq_eq "[.inputs.audits[].id] | index($a1) != null" true
		jq_eq "[.inputs.audits[].id] | index($a2) != null" true
		jq_eq ".inputs.nonconformities.open" 1
	fi

	# The corrective action closes only once verified.
	ok capa set "$capa" --correction "Alerting rule restored" --root-cause "Rule deleted in a migration" \
		--action "Alert rules under change control" --owner Paul --due 2026-02-28 --status implemented
	refused 1 "verif" capa close "$capa"
	ok capa verify "$capa" --by Lena --note "Alerts fired for 3 test events" --evidence "$siem"
	ok capa close "$capa"
	ok capa show "$capa" --json
	jq_eq .status closed
	jq_eq .verified_by Lena
	ok capa list --open --json
	jq_eq 'length' 0
}

# ---------------------------------------------------------------------------
# Bad values everywhere else: one clear line, the right exit, nothing stored

t_bad_values_refused() {
	with_org
	people Ann
	refused 2 "training, certification or experience" person competence Ann --kind diploma --title X
	refused 2 "expires" person competence Ann --kind training --title X --on 2025-06-01 --expires 2025-01-01
	refused 2 "--on" person competence Ann --kind training --title X --on 2025-02-30
	refused 2 "1 to 12" audit programme --cycle 2026 --interval 13
	refused 2 "1 to 12" audit programme --cycle 2026 --interval x
	refused 2 "first year" audit programme --cycle 99
	new_audit "Access control" A.5.15
	refused 2 "sample-size" audit result "$aid" A.5.15 --result conforming --method inspection --sample-size -3
	refused 2 "sample-size" audit result "$aid" A.5.15 --result conforming --method inspection --sample-size many
	refused 2 "compliance or substantive" audit result "$aid" A.5.15 --result conforming --method inspection --test both
	refused 2 "named by its id" audit show A-x
	refused 2 "--start" audit set "$aid" --start 2026-13-01
	refused 2 "before it starts" audit set "$aid" --end 2026-01-01
	competent_lead Lea
	ok audit assign "$aid" Lea --lead
	ok audit result "$aid" A.5.15 --result conforming --method reperformance
	refused 2 "before its fieldwork starts" audit close "$aid" --date 2026-01-01
	nonconformity "$aid" A.5.15 --test compliance
	refused 2 "--due" capa set "$cid" --due 2026-02-31
	refused 2 "open, in-progress" capa set "$cid" --status done
	refused 2 "--note" capa verify "$cid" --by Lea
	refused 2 "before it was opened" capa verify "$cid" --by Lea --note "Checked" --date 2025-12-01
	ok capa verify "$cid" --by Lea --note "Checked"
	refused 2 "before it was verified" capa close "$cid" --date 2026-01-10
	refused 2 "corrective action" capa show CAPA-x
}
