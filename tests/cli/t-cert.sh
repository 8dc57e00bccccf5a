# The certification lifecycle: the record and its cycle (cert set/show),
# the seven steps (cert status) and the gates before each stage audit
# (cert readiness).  Every gate is failed and passed; bad input is refused
# with one line, the right exit status and an unchanged store.
#
# The clock is pinned: today is 2026-12-01.  The ready organisation of
# ready_org has these dates:
#
#   2026-05-01  gap assessment "Baseline"
#   2026-06-01  the ISMS goes live (three months: 2026-09-01)
#   2026-10-16  internal audit A1 of the whole scope starts; closes 2026-10-19
#   2026-11-16  management review MR1, its minutes final
#   2026-12-01  today: risk acceptance, plan and SoA approvals
#   2027-01-15  Stage 1 (six weeks before: 2026-12-04)
#   2027-02-15  Stage 2

export ISMS_NOW=2026-12-01T10:00:00Z

# The controls left applicable; every other one is excluded with a reason.
APPLICABLE=(A.5.1 A.5.15 A.8.5)
ALL_GATES=scheduled,gap-assessment,operation,internal-audit,management-review,corrective-action,soa,risk-treatment,evidence
STAGE2_GATES=scheduled,operation,internal-audit,management-review,corrective-action,soa,risk-treatment,evidence

# build_ready_org TARGET [OPTIONS]: initialise the store TARGET (a new
# SQLite file or an empty PostgreSQL database) and build in it, through the
# command line only, organisation acme, ready for Stage 1 and Stage 2.
# Options leave one step out to start from a failing gate:
#   --no-gap            no gap assessment
#   --untested REF      no audit result for REF
#   --major REF         a major nonconformity on REF (opens CAPA-1)
#   --open-audit        audit A1 is not closed
#   --draft-review      review MR1 stays a draft
#   --no-soa-approval   the SoA is never approved
#   --no-plan-approval  the risk treatment plan is never approved
# Leaves ISMS_DB on TARGET, the audit's id in $aid and the review's in $rid.
build_ready_org() {
	local target=$1 gap=yes untested="" major="" close=yes final=yes soa_ok=yes plan_ok=yes
	local -a excluded refs
	shift
	while (($#)); do
		case $1 in
		--no-gap) gap=no ;;
		--untested) untested=$2 && shift ;;
		--major) major=$2 && shift ;;
		--open-audit) close=no ;;
		--draft-review) final=no ;;
		--no-soa-approval) soa_ok=no ;;
		--no-plan-approval) plan_ok=no ;;
		*) die "build_ready_org: unknown option $1" ;;
		esac
		shift
	done
	export ISMS_DB=$target
	ok init
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	ok cert set --body "Example Certification Ltd" --golive 2026-06-01 \
		--stage1 2027-01-15 --stage2 2027-02-15
	[[ $gap == yes ]] && ok gap new --name Baseline --assessor "J. Smith" --date 2026-05-01

	# The SoA: three controls apply and are in place, the rest are
	# excluded with a justification.
	ok asset add "Customer DB" --type information --owner Alice
	ok catalog list --kind control --json
	mapfile -t excluded < <(jq -r --arg keep "${APPLICABLE[*]}" \
		'($keep | split(" ")) as $k | .[].ref | select(. as $r | $k | index($r) | not)' <<<"$out")
	[[ ${#excluded[@]} -eq 90 ]] || die "expected 90 controls to exclude, got ${#excluded[@]}"
	ok soa set "${excluded[@]}" --applicable no \
		--justification "Outside the pilot scope: one database behind a SaaS product"
	ok soa set "${APPLICABLE[@]}" --status implemented --status-reason "Confirmed in the walkthrough"

	# One risk, treated by two applicable controls, accepted by its owner.
	ok risk add --title "Customer data stolen" --asset "Customer DB" --threat "External attacker" \
		--vulnerability "Weak passwords" --likelihood 3 --impact 4 --treatment modify \
		--controls A.5.15,A.8.5 --residual-likelihood 2 --residual-impact 2 --owner Alice
	ok risk accept R1 --by Alice
	[[ $plan_ok == yes ]] && ok risk plan --approve --by "Managing Director"
	[[ $soa_ok == yes ]] && ok soa approve --by "Managing Director"

	# An independent, competent lead auditor audits the whole scope.
	ok person add "Dana Auditor"
	ok person competence "Dana Auditor" --kind certification --title "ISO/IEC 27001 Lead Auditor"
	ok audit new --title "Whole ISMS" --scope all --start 2026-10-16 --end 2026-10-19 --json
	aid=$(jq -r .id <<<"$out")
	[[ $aid =~ ^[0-9]+$ ]] || die "audit new gave no id: $out"
	ok audit assign "$aid" "Dana Auditor" --lead
	ok audit checklist "$aid" --json
	mapfile -t refs < <(jq -r '[.[].ref] | unique | .[]' <<<"$out")
	[[ ${#refs[@]} -eq 33 ]] || die "expected 30 requirements and 3 controls, got ${#refs[@]}"
	local ref
	for ref in "${refs[@]}"; do
		if [[ $ref == "$untested" ]]; then
			continue
		elif [[ $ref == "$major" ]]; then
			ok audit result "$aid" "$ref" --result major --kind not-functioning \
				--method reperformance --note "Shared administrator accounts"
		elif [[ $ref == A.* ]]; then
			ok audit result "$aid" "$ref" --result conforming --method reperformance
		else
			ok audit result "$aid" "$ref" --result conforming --method inspection
		fi
	done
	[[ $close == yes ]] && ok audit close "$aid" --date 2026-10-19

	ok review new --chair "Managing Director" --attendees "Managing Director, Dana Auditor" \
		--date 2026-11-16 --json
	rid=$(jq -r .id <<<"$out")
	[[ $rid =~ ^[0-9]+$ ]] || die "review new gave no id: $out"
	[[ $final == yes ]] && ok review final "$rid"
	return 0
}

# ready_org [OPTIONS]: the organisation of build_ready_org in a new store
# of the backend under test.  Building takes some 50 commands (3 s on
# SQLite, 5 s on PostgreSQL), so each variant is built once per run, in an
# SQLite file beside the run's tests, and each test gets its own copy by
# 'isms db copy' (70 ms).  t_ready_for_both_stages builds it on the backend
# under test and checks the copy judges the same.
ready_org() {
	local key cache
	key=$(printf '%s' "${*:-ready}" | tr -c 'A-Za-z0-9.-' '_')
	cache="$T_ROOT/cert-fixture-$key.db"
	if [[ ! -s $cache.ids ]]; then
		rm -rf "$cache" "$cache"-* "$cache.evidence"
		build_ready_org "$cache" "$@"
		echo "$aid $rid" >"$cache.ids"
	fi
	new_db
	ok db copy --from "$cache" --to "$ISMS_DB"
	export ISMS_ORG=acme
	read -r aid rid <"$cache.ids"
}

# readiness STAGE: the gates as JSON in $out, the exit status in $status.
readiness() {
	run --org acme cert readiness --stage "$1" --json
	[[ $status -eq 0 || $status -eq 3 ]] || die "cert readiness --stage $1 exited $status"
	local ready
	ready=$(jq -r .ready <<<"$out") || die "cert readiness --stage $1 --json gave no JSON: $out"
	[[ $ready == true && $status -eq 0 || $ready == false && $status -eq 3 ]] ||
		die "ready is '$ready' but the exit status is $status"
}

# is_ready STAGE: every gate passes, exit 0.
is_ready() {
	readiness "$1"
	[[ $status -eq 0 ]] ||
		die "not ready for Stage $1: $(jq -c '[.gates[] | select(.passed | not)]' <<<"$out")"
	jq_eq .ready true
	jq_eq "[.gates[] | select(.passed | not)] | length" 0
	jq_eq .stage "$1"
}

# fails_gates STAGE GATE[,GATE...]: exactly these gates fail, exit 3.
fails_gates() {
	readiness "$1"
	[[ $status -eq 3 ]] || die "expected Stage $1 readiness to exit 3, got $status"
	jq_eq .ready false
	jq_eq '[.gates[] | select(.passed | not) | .name] | join(",")' "$2"
}

# gate_has GATE FIELD TEXT: the gate is judged and its reason or fix
# holds TEXT.
gate_has() {
	local got
	jq -e --arg g "$1" 'any(.gates[]; .name == $g)' <<<"$out" >/dev/null ||
		die "no gate $1 in: $out"
	got=$(jq -r --arg g "$1" --arg f "$2" '.gates[] | select(.name == $g) | .[$f] // ""' <<<"$out")
	[[ $got == *"$3"* ]] || die "gate $1's $2 lacks '$3': $got"
}

# status_step NAME NUMBER: cert status --json stands at that step.
status_step() {
	ok cert status --json
	jq_eq .step.name "$1"
	jq_eq .step.number "$2"
}

# new_evidence TITLE VALID-UNTIL: a new evidence file collected on
# 2026-05-01; its SHA-256 in $sha.
new_evidence() {
	local f="$T_DIR/ev-$RANDOM$RANDOM.txt"
	echo "$1 $RANDOM$RANDOM" >"$f"
	ok evidence add "$f" --kind record --title "$1" --collected 2026-05-01 \
		--valid-until "$2" --json
	sha=$(jq -r .sha256 <<<"$out")
	[[ $sha =~ ^[0-9a-f]{64}$ ]] || die "evidence add gave no SHA-256: $out"
}

# cert_refused STATUS PATTERN ARGS...: refused with one line, STATUS and
# PATTERN; the store and 'cert show --json' are exactly as they were.
cert_refused() {
	"$ISMS_BIN" cert show --json >"$T_DIR/.cert-before" 2>&1
	fails_unchanged "$@"
	"$ISMS_BIN" cert show --json >"$T_DIR/.cert-after" 2>&1
	cmp -s "$T_DIR/.cert-before" "$T_DIR/.cert-after" ||
		die "cert show changed after 'isms ${*:3}': $(diff "$T_DIR/.cert-before" "$T_DIR/.cert-after" | head -5)"
}

# ---------------------------------------------------------------------------
# The ready organisation

t_ready_for_both_stages() {
	local t0=$SECONDS
	new_db
	build_ready_org "$ISMS_DB"
	note "building the ready organisation took $((SECONDS - t0)) s"
	built=$ISMS_DB
	# A copy of the one built once per run judges the same.
	ready_org
	copied=$ISMS_DB
	local cmd args
	for cmd in "cert readiness --stage 1" "cert readiness --stage 2" "cert status" "cert show"; do
		read -ra args <<<"$cmd"
		"$ISMS_BIN" --db "$built" "${args[@]}" --json >"$T_DIR/built.json" || [[ $? -eq 3 ]]
		"$ISMS_BIN" --db "$copied" "${args[@]}" --json >"$T_DIR/copied.json" || [[ $? -eq 3 ]]
		cmp -s "$T_DIR/built.json" "$T_DIR/copied.json" ||
			die "'$cmd' differs on the copied store: $(diff "$T_DIR/built.json" "$T_DIR/copied.json" | head -5)"
	done
	export ISMS_DB=$built
	snapshot
	is_ready 1
	jq_eq '[.gates[].name] | join(",")' "$ALL_GATES"
	jq_eq .on 2027-01-15
	jq_eq .judged_on 2027-01-15
	jq_eq 'all(.gates[]; (.reason | type == "string" and length > 0) and .fix == null)' true
	jq_eq '.gates | map(keys) | add | unique | join(",")' fix,name,passed,reason
	gate_has internal-audit reason "A$aid tested all 33"
	gate_has management-review reason "MR$rid was held on 2026-11-16"
	is_ready 2
	jq_eq '[.gates[].name] | join(",")' "$STAGE2_GATES"
	jq_eq .on 2027-02-15
	# Text: a PASS line per gate and the verdict.
	run cert readiness --stage 1
	[[ $status -eq 0 ]] || die "text readiness exited $status"
	[[ $(grep -c '^PASS ' <<<"$out") -eq 9 ]] || die "expected 9 PASS lines: $out"
	out_has "PASS scheduled: Stage 1 is on 2027-01-15 with Example Certification Ltd"
	[[ $(tail -n 1 <<<"$out") == "Ready for Stage 1" ]] || die "last line: $(tail -n 1 <<<"$out")"
	# "stage 2" and "Stage-2" name the stage too.
	run cert readiness --stage "stage 2" --json
	[[ $status -eq 0 ]] || die "--stage 'stage 2' exited $status"
	jq_eq .stage 2
	run cert readiness --stage Stage-1 --json
	jq_eq .stage 1
	# Judging changes nothing.
	unchanged
}

# ---------------------------------------------------------------------------
# One gate at a time: failed, then passed

t_gate_scheduled() {
	ready_org
	ok cert set --stage1 none
	fails_gates 1 scheduled
	gate_has scheduled reason "no Stage 1 date is recorded"
	gate_has scheduled reason "as of today (2026-12-01)"
	gate_has scheduled fix "isms cert set --stage1 DATE"
	jq_eq .on null
	jq_eq .judged_on 2026-12-01
	# Stage 2 cannot be scheduled without a Stage 1 before it.
	fails_gates 2 scheduled
	gate_has scheduled reason "Stage 2 is on 2027-02-15 but no Stage 1 is recorded before it"
	gate_has scheduled fix "--stage1"
	run cert readiness --stage 1
	[[ $status -eq 3 ]] || die "text readiness must exit 3 too, got $status"
	out_has "FAIL scheduled: no Stage 1 date is recorded"
	out_has "fix: isms cert set --stage1 DATE"
	[[ $(tail -n 1 <<<"$out") == "Not ready for Stage 1: 1 of 9 gates failed" ]] ||
		die "last line: $(tail -n 1 <<<"$out")"
	ok cert set --stage1 2027-01-15
	is_ready 1
	is_ready 2
	# Without a Stage 2 date, Stage 2 is not scheduled; Stage 1 still is.
	ok cert set --stage2 none
	fails_gates 2 scheduled
	gate_has scheduled reason "no Stage 2 date is recorded"
	gate_has scheduled fix "isms cert set --stage2 DATE"
	is_ready 1
	ok cert set --stage2 2027-02-15
	is_ready 2
	gate_has scheduled reason "Stage 2 is on 2027-02-15"
}

t_gate_gap_assessment() {
	ready_org --no-gap
	fails_gates 1 gap-assessment
	gate_has gap-assessment reason "no gap assessment has been made"
	gate_has gap-assessment fix "isms gap new"
	# Stage 2 has no such gate: ready.
	is_ready 2
	jq_eq '[.gates[] | select(.name == "gap-assessment")] | length' 0
	jq_eq '[.gates[].name] | join(",")' "$STAGE2_GATES"
	status_step gap-assessment 1
	jq_eq .certified false
	jq_eq '.why | contains("no gap assessment")' true
	jq_eq '[.next[] | select(.step.name == "gap-assessment")] | length' 1
	run cert status
	[[ $status -eq 0 ]] || die "cert status exited $status"
	[[ $(head -n 1 <<<"$out") == "Step 1 of 7: Gap assessment" ]] || die "first line: $(head -n 1 <<<"$out")"
	ok gap new --name Baseline --assessor "J. Smith" --date 2026-05-01
	is_ready 1
	gate_has gap-assessment reason '"Baseline" of 2026-05-01'
	status_step certification 6
}

t_gate_operation() {
	ready_org
	# Live on 2026-10-16: three months only on 2027-01-16, after Stage 1.
	ok cert set --golive 2026-10-16
	fails_gates 1 operation
	gate_has operation reason "in operation since 2026-10-16"
	gate_has operation reason "reached only on 2027-01-16, after 2027-01-15"
	gate_has operation fix "hold Stage 1 on or after 2027-01-16"
	# By Stage 2 it has been three months.
	is_ready 2
	gate_has operation reason "reached on 2027-01-16, by 2027-02-15"
	# Exactly three months is enough.
	ok cert set --golive 2026-10-15
	is_ready 1
	gate_has operation reason "reached on 2027-01-15, by 2027-01-15"
	# Without a go-live date, operation cannot be shown.
	ok cert set --golive none
	fails_gates 1 operation
	gate_has operation reason "no go-live date is recorded"
	gate_has operation fix "isms cert set --golive DATE"
	status_step implement 2
	# An audit started before go-live is not of the operating ISMS.
	ok cert set --golive 2026-10-17
	fails_gates 1 operation,internal-audit,management-review
	gate_has internal-audit reason "no internal audit of the operating ISMS closed between 2026-01-15 and 2026-12-04"
	ok cert set --golive 2026-06-01
	is_ready 1
	status_step certification 6
}

t_gate_internal_audit_six_weeks_and_a_year() {
	ready_org
	# A1 closed on 2026-10-19: exactly six weeks (42 days) before
	# 2026-11-30 is in time, a day less is not.
	ok cert set --stage1 2026-11-30
	is_ready 1
	gate_has internal-audit reason "42 days before Stage 1 (2026-11-30)"
	ok cert set --stage1 2026-11-29
	fails_gates 1 internal-audit
	gate_has internal-audit reason "audit A$aid closed on 2026-10-19, less than six weeks (42 days) before Stage 1 (2026-11-29)"
	gate_has internal-audit reason "it had to close by 2026-10-18"
	gate_has internal-audit fix "hold Stage 1 on or after 2026-11-30"
	# Stage 2 is judged on the Stage 1 audit's timing as well.
	fails_gates 2 internal-audit
	# More than a year before Stage 1 is too old.
	ok cert set --stage1 2027-10-20 --stage2 2027-11-20
	fails_gates 1 internal-audit
	gate_has internal-audit reason "no internal audit of the operating ISMS closed between 2026-10-20 and 2027-09-08"
	ok cert set --stage1 2027-10-19
	is_ready 1
	ok cert set --stage1 2027-01-15 --stage2 2027-02-15
	is_ready 1
	is_ready 2
}

t_gate_internal_audit_whole_scope() {
	ready_org --untested 9.3.3
	fails_gates 1 internal-audit
	gate_has internal-audit reason "left 1 of 33 clause requirements and applicable controls untested: 9.3.3"
	gate_has internal-audit reason "A$aid"
	fails_gates 2 internal-audit
	status_step internal-audit 3
	# A second audit tests what the first left out.
	ok audit new --title "Management review follow-up" --scope 9.3.3 \
		--start 2026-10-19 --end 2026-10-19 --json
	second=$(jq -r .id <<<"$out")
	ok audit assign "$second" "Dana Auditor" --lead
	ok audit result "$second" 9.3.3 --result conforming --method reperformance
	ok audit close "$second" --date 2026-10-19
	is_ready 1
	gate_has internal-audit reason "A$aid, A$second tested all 33"
	# The scope grows: a control made applicable is untested again.
	ok soa set A.5.2 --applicable yes --status implemented --status-reason "Roles defined in November"
	ok soa approve --by "Managing Director"
	fails_gates 1 internal-audit
	gate_has internal-audit reason "left 1 of 34 clause requirements and applicable controls untested: A.5.2"
	ok audit new --title "Roles" --scope A.5.2 --start 2026-10-19 --end 2026-10-19 --json
	third=$(jq -r .id <<<"$out")
	ok audit assign "$third" "Dana Auditor" --lead
	ok audit result "$third" A.5.2 --result conforming --method reperformance
	ok audit close "$third" --date 2026-10-19
	is_ready 1
	gate_has internal-audit reason "tested all 34"
	is_ready 2
}

t_gate_internal_audit_none_completed() {
	ready_org --open-audit
	# Planned with every result recorded, but not closed: not completed.
	fails_gates 1 internal-audit,management-review
	gate_has internal-audit reason "no internal audit of the operating ISMS closed between 2026-01-15 and 2026-12-04"
	gate_has internal-audit fix "--scope all"
	gate_has management-review reason "no internal audit has been completed"
	fails_gates 2 internal-audit,management-review
	status_step internal-audit 3
	ok audit close "$aid" --date 2026-10-19
	is_ready 1
	is_ready 2
}

t_gate_management_review() {
	ready_org --draft-review
	fails_gates 1 management-review
	gate_has management-review reason "review MR$rid was held on 2026-11-16 but its minutes are still a draft"
	gate_has management-review fix "isms review final $rid"
	fails_gates 2 management-review
	status_step management-review 4
	# Held before the audit closed, it cannot have considered it.
	ok review set "$rid" --date 2026-10-10
	fails_gates 1 management-review
	gate_has management-review reason "no management review was held between audit A$aid's close on 2026-10-19 and 2027-01-15"
	# Planned after today, it has not taken place yet.
	ok review set "$rid" --date 2026-12-20
	fails_gates 1 management-review
	gate_has management-review reason "MR$rid is planned for 2026-12-20 and has not taken place yet"
	ok review set "$rid" --date 2026-11-16
	ok review final "$rid"
	is_ready 1
	gate_has management-review reason "review MR$rid was held on 2026-11-16, after audit A$aid closed on 2026-10-19"
	is_ready 2
}

t_gate_corrective_action() {
	ready_org --major A.8.5
	ok capa list --json
	jq_eq 'length' 1
	cid=$(jq -r '.[0].id' <<<"$out")
	jq_eq '.[0].severity' major
	# Open, and in progress: both stages fail.
	fails_gates 1 corrective-action
	gate_has corrective-action reason "1 of 1 major nonconformities has no implemented corrective action: CAPA-$cid (A.8.5) is open"
	gate_has corrective-action fix "isms capa set $cid --status implemented"
	fails_gates 2 corrective-action
	gate_has corrective-action reason "has no verified corrective action"
	status_step corrective-action 5
	ok capa set "$cid" --correction "Shared accounts disabled" --owner Alice --due 2026-12-15 \
		--status in-progress
	fails_gates 1 corrective-action
	gate_has corrective-action reason "CAPA-$cid (A.8.5) is in-progress"
	fails_gates 2 corrective-action
	# Implemented is enough for Stage 1, not for Stage 2.
	ok capa set "$cid" --status implemented
	is_ready 1
	gate_has corrective-action reason "every one of 1 major nonconformities has its corrective action implemented"
	fails_gates 2 corrective-action
	gate_has corrective-action reason "CAPA-$cid (A.8.5) is implemented"
	gate_has corrective-action fix "isms capa verify $cid --by NAME --note TEXT"
	# Verified, Stage 2 is ready too.
	ok capa verify "$cid" --by "Dana Auditor" --note "25 admin accounts re-tested: all personal"
	is_ready 2
	gate_has corrective-action reason "has its corrective action verified"
	is_ready 1
}

t_gate_soa_never_approved() {
	ready_org --no-soa-approval
	fails_gates 1 soa
	gate_has soa reason "never been approved"
	gate_has soa fix "isms soa approve --by NAME"
	fails_gates 2 soa
	ok soa approve --by "Managing Director"
	is_ready 1
	gate_has soa reason "version 1 was approved on 2026-12-01 and the alignment check is clean"
	is_ready 2
}

t_gate_soa_changed_since_approval() {
	ready_org
	ok soa set A.5.1 --reason legal --justification "Required by the NIS2 transposition"
	fails_gates 1 soa
	gate_has soa reason "the alignment check finds 1 problem (first: changed-since-approval: A.5.1"
	gate_has soa fix "isms soa check"
	fails_gates 2 soa
	ok soa approve --by "Managing Director"
	is_ready 1
	gate_has soa reason "version 2 was approved"
	# A blocking problem, even approved as it is, fails the gate too.
	ok soa set A.7.4 --justification ""
	run soa check --json
	[[ $status -eq 3 ]] || die "expected soa check to find problems"
	fails_gates 1 soa
	gate_has soa reason "exclusion-unjustified"
	ok soa set A.7.4 --justification "Outside the pilot scope: one database behind a SaaS product"
	is_ready 1
}

t_gate_risk_treatment_plan_not_approved() {
	ready_org --no-plan-approval
	fails_gates 1 risk-treatment
	gate_has risk-treatment reason "the risk treatment plan has never been approved"
	gate_has risk-treatment fix "isms risk plan --approve --by NAME"
	fails_gates 2 risk-treatment
	ok risk plan --approve --by "Managing Director"
	is_ready 1
	gate_has risk-treatment reason "all 1 residual risks are accepted by their owners"
	is_ready 2
}

t_gate_risk_treatment_not_accepted() {
	ready_org
	# A new risk changes the approved plan.
	ok risk add --title "Hosting provider fails" --asset "Customer DB" --threat "Insolvency" \
		--vulnerability "Single provider" --likelihood 2 --impact 2 --treatment retain --owner Bob
	fails_gates 1 risk-treatment
	gate_has risk-treatment reason "the risk treatment plan changed after its approval"
	ok risk plan --approve --by "Managing Director"
	# Approved as it stands, but R2's owner has not accepted it.
	fails_gates 1 risk-treatment
	gate_has risk-treatment reason "1 of 2 residual risks are not accepted by their owners: R2"
	gate_has risk-treatment fix "--by OWNER"
	fails_gates 2 risk-treatment
	ok risk accept R2 --by Bob
	is_ready 1
	gate_has risk-treatment reason "all 2 residual risks are accepted"
	is_ready 2
}

t_gate_evidence() {
	ready_org
	# Expired before today, on an applicable control.
	new_evidence "Penetration test 2026" 2026-11-15
	old=$sha
	ok evidence link "$old" A.5.15
	fails_gates 1 evidence
	gate_has evidence reason '"Penetration test 2026" on A.5.15 expired on 2026-11-15'
	gate_has evidence reason "no longer valid on 2027-01-15"
	gate_has evidence fix "isms evidence add FILE --valid-until DATE"
	fails_gates 2 evidence
	# The same on an excluded control does not count.
	ok evidence unlink "$old" A.5.15
	ok evidence link "$old" A.7.4
	is_ready 1
	# Valid today, but expiring before Stage 1.
	new_evidence "Access review Q4" 2027-01-01
	soon=$sha
	ok evidence link "$soon" A.8.5
	fails_gates 1 evidence
	gate_has evidence reason '"Access review Q4" on A.8.5 expires on 2027-01-01'
	ok evidence unlink "$soon" A.8.5
	# Valid until Stage 1's day is enough for Stage 1, not for Stage 2.
	new_evidence "Access review Q1" 2027-01-15
	ok evidence link "$sha" A.8.5
	is_ready 1
	gate_has evidence reason "expires before 2027-01-15"
	fails_gates 2 evidence
	gate_has evidence reason '"Access review Q1" on A.8.5 expires on 2027-01-15'
	gate_has evidence reason "no longer valid on 2027-02-15"
	ok evidence unlink "$sha" A.8.5
	# Valid beyond both stages.
	new_evidence "Access review 2027" 2027-06-30
	ok evidence link "$sha" A.8.5
	is_ready 1
	is_ready 2
}

# Each organisation is judged on its own records only.
t_organisations_apart() {
	ready_org
	ok org add beta --name "Beta Ltd"
	ok --org beta cert set --golive 2026-06-01 --stage1 2027-01-15
	run --org beta cert readiness --stage 1 --json
	[[ $status -eq 3 ]] || die "beta has nothing but dates, yet readiness exited $status"
	jq_eq '[.gates[] | select(.passed | not) | .name] | join(",")' \
		gap-assessment,internal-audit,management-review,soa,risk-treatment
	gate_has risk-treatment reason "no risk is recorded"
	gate_has soa reason "never been approved"
	gate_has scheduled reason "Stage 1 is on 2027-01-15"
	run --org beta cert status --json
	jq_eq .step.name gap-assessment
	is_ready 1
}

# ---------------------------------------------------------------------------
# cert status: where the organisation stands

t_status_steps() {
	ready_org
	status_step certification 6
	jq_eq .today 2026-12-01
	jq_eq .certified false
	jq_eq '.why | contains("Stage 1 is on 2027-01-15")' true
	jq_eq '[.next[] | select(.step.name == "certification") | .due] | join(",")' 2027-01-15,2027-02-15
	jq_eq '[.next[] | select(.overdue)] | length' 0
	jq_eq .cycle.base 2027-02-15
	run cert status
	[[ $status -eq 0 ]] || die "cert status exited $status"
	[[ $(head -n 1 <<<"$out") == "Step 6 of 7: Stage 1 and Stage 2 audits" ]] ||
		die "first line: $(head -n 1 <<<"$out")"
	out_has "2027-01-15  Stage 1 audit by Example Certification Ltd"
	out_has "Not certified."
	# Certified in November: maintenance, with the surveillance audits
	# 12 and 24 months on.
	ok cert set --stage1 2026-10-26 --stage2 2026-11-09 --issued 2026-11-23 --number IS-123456
	status_step maintain 7
	jq_eq .certified true
	jq_eq '.why | contains("since 2026-11-23 (certificate IS-123456), valid until 2029-11-22")' true
	jq_eq '.next[] | select(.what == "first surveillance audit") | .due' 2027-11-23
	jq_eq '.next[] | select(.what == "second surveillance audit") | .due' 2028-11-23
	jq_eq '.next[] | select(.what == "recertification audit") | .due' 2029-08-22
	jq_eq '.next[] | select(.what == "the certificate expires") | .due' 2029-11-22
	jq_eq '[.next[].step.name] | unique | join(",")' maintain
	jq_eq .cycle.base 2026-11-23
	jq_eq '.cycle.derived | join(",")' expires_on,surveillance1_on,surveillance2_on,recertification_on
	run cert status
	[[ $(head -n 1 <<<"$out") == "Step 7 of 7: Surveillance, recertification and yearly audits" ]] ||
		die "first line: $(head -n 1 <<<"$out")"
	out_has "Certified."
	out_has "2027-11-23  first surveillance audit"
	# A certificate issued tomorrow is not held yet.
	ok cert set --issued 2026-12-02
	ok cert status --json
	jq_eq .certified false
	jq_eq '.step.name != "maintain"' true
}

# Once a certificate has been issued, its Stage 1 and Stage 2 audits have
# taken place (the issue cannot come before Stage 2): they are not steps
# still to come, let alone overdue ones.  (Fails with the cert status of
# this writing, which lists them as OVERDUE next steps.)
t_status_stage_audits_done_once_issued() {
	ready_org
	# Issued in 2023 and expired on 2026-05-31: recertification is due.
	ok cert set --stage1 2023-04-01 --stage2 2023-05-01 --issued 2023-06-01
	ok cert status --json
	jq_eq .certified false
	jq_eq .step.name certification
	jq_eq '.why | contains("the certificate expired on 2026-05-31")' true
	jq_eq '.next[] | select(.what == "recertification audit") | .overdue' true
	jq_eq '[.next[] | select(.overdue and (.what | test("^Stage [12] audit"))) | .due] | join(",")' ""
	# Issued tomorrow, after Stage 1 and Stage 2 last month.
	ok cert set --stage1 2026-10-26 --stage2 2026-11-09 --issued 2026-12-02
	ok cert status --json
	jq_eq .certified false
	jq_eq '[.next[] | select(.overdue and (.what | test("^Stage [12] audit"))) | .due] | join(",")' ""
}

# ---------------------------------------------------------------------------
# The record: set, show, cycle, bad input

t_cert_set_show_and_cycle() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	ok cert show --json
	jq_eq .stage1_on null
	jq_eq .updated_at null
	run cert show
	out_has "Nothing recorded yet"
	# Nothing recorded: not ready, scheduled fails.
	readiness 1
	[[ $status -eq 3 ]] || die "an empty record is not ready"
	gate_has scheduled reason "no Stage 1 date is recorded"
	ok cert set --body "Example Certification Ltd" --golive 2026-06-01 \
		--stage1 2027-01-15 --stage2 2027-02-15 --json
	jq_eq .stage2_on 2027-02-15
	jq_eq .cycle.base 2027-02-15
	jq_eq .cycle.expires_on 2030-02-14
	jq_eq .cycle.surveillance1_on 2028-02-15
	jq_eq .cycle.surveillance2_on 2029-02-15
	jq_eq .cycle.recertification_on 2029-11-14
	jq_eq '.cycle.derived | length' 4
	run cert show
	out_has "expires           2030-02-14 (derived)"
	# The body's own dates win over derived ones.
	ok cert set --issued 2027-03-01 --expires 2030-02-28 --surveillance1 2028-02-01 --json
	jq_eq .cycle.base 2027-03-01
	jq_eq .cycle.expires_on 2030-02-28
	jq_eq .cycle.surveillance1_on 2028-02-01
	jq_eq .cycle.surveillance2_on 2029-03-01
	jq_eq '.cycle.derived | join(",")' surveillance2_on,recertification_on
	# "none" clears one field and leaves the others.
	ok cert set --expires none --surveillance1 NONE --body none --json
	jq_eq .expires_on null
	jq_eq .surveillance1_on null
	jq_eq .body null
	jq_eq .issued_on 2027-03-01
	jq_eq .stage1_on 2027-01-15
	jq_eq .cycle.expires_on 2030-02-28
	jq_eq '.cycle.derived | length' 4
	ok cert show --json
	jq_eq .expires_on null
	jq_eq .golive_on 2026-06-01
}

t_cert_bad_input() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	ok cert set --body "Example Certification Ltd" --golive 2026-06-01 \
		--stage1 2027-01-15 --stage2 2027-02-15
	cert_refused 2 "Stage 2 (2027-01-01) cannot come before Stage 1 (2027-01-15)" \
		cert set --stage2 2027-01-01
	cert_refused 2 "Stage 2 (2027-02-15) cannot come before Stage 1 (2027-03-01)" \
		cert set --stage1 2027-03-01
	cert_refused 2 "the certificate's issue (2027-02-01) cannot come before Stage 2 (2027-02-15)" \
		cert set --issued 2027-02-01
	cert_refused 2 "the certificate cannot expire (2027-02-01) before it is issued (2027-03-01)" \
		cert set --issued 2027-03-01 --expires 2027-02-01
	cert_refused 2 "cannot expire (2027-03-01) before it is issued (2027-03-01)" \
		cert set --issued 2027-03-01 --expires 2027-03-01
	# Three years less a day, as the derived expiry.
	cert_refused 2 "valid for at most 3 years: issued 2027-03-01, it expires by 2030-02-28, not 2030-03-01" \
		cert set --issued 2027-03-01 --expires 2030-03-01
	cert_refused 2 "the Stage 1 date '2027-02-30' is not a valid date" cert set --stage1 2027-02-30
	cert_refused 2 "the go-live date" cert set --golive 01/06/2026
	cert_refused 2 "the expiry date" cert set --expires 2030-13-01
	cert_refused 2 "the first surveillance audit (2027-01-01) cannot come before Stage 2" \
		cert set --surveillance1 2027-01-01
	cert_refused 2 "nothing to change" cert set
	cert_refused 2 "unknown stage \"3\"" cert readiness --stage 3
	cert_refused 2 "unknown stage \"0\"" cert readiness --stage 0 --json
	cert_refused 2 "unknown stage \"\"" cert readiness --stage ""
	cert_refused 2 "choose the stage with --stage 1|2" cert readiness
	cert_refused 2 "choose the stage with --stage 1|2" cert readiness --json
	# One bad value and nothing is stored, not even the good ones or a
	# "none".
	cert_refused 2 "the expiry date" cert set --stage2 none --body "Other Body" --expires 2030-02-30
	cert_refused 2 "Stage 2 (2027-02-15) cannot come before Stage 1 (2027-03-01)" \
		cert set --stage1 2027-03-01 --golive none
	ok cert show --json
	jq_eq .stage2_on 2027-02-15
	jq_eq .body "Example Certification Ltd"
	jq_eq .golive_on 2026-06-01
	# "none" clears, and the record still checks: clearing Stage 2 lets
	# Stage 1 move later.
	ok cert set --stage2 none --stage1 2027-03-01 --json
	jq_eq .stage2_on null
	jq_eq .stage1_on 2027-03-01
	jq_eq .cycle.base null
}
