# The management review (9.3): inputs prepared from the data, decisions
# and actions, final minutes that no longer change, and bad input.

with_org() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
}

# Are the internal audit commands there (they come with the audit work)?
have_audits() {
	run audit --help
	[[ $status -eq 0 ]]
}

# An organisation with a scope, an interested party and a risk above the
# acceptance criterion with an overdue treatment action.
with_data() {
	with_org
	ok scope statement "The ISMS covers the payroll service run from Leeds."
	ok scope add interface "Payroll API" --party "PayCo Ltd"
	ok scope add dependency "Hosting" --party "CloudCo"
	ok asset add "Customer DB" --type information --owner Alice
	ok risk add --title "Database breach" --asset "Customer DB" --threat "Attacker" \
		--vulnerability "Unpatched server" --likelihood 5 --impact 5 \
		--treatment modify --controls A.8.8 --owner Alice
	ok risk add --title "Lost laptop" --asset "Customer DB" --threat "Theft" \
		--vulnerability "No encryption" --likelihood 1 --impact 2 --treatment retain
	ok risk action R1 --title "Patch the server" --owner "IT Ops" --due 2026-01-01
}

# A closed audit (A1) with an OFI, an observation and a minor nonconformity,
# closed on DATE (default 2026-01-10).
closed_audit() {
	ok person add "Ann Auditor"
	ok audit new --title "Access control audit" --scope A.5.15,A.5.18 \
		--start 2026-01-05 --end 2026-01-09 --json
	ok audit assign 1 "Ann Auditor" --lead
	ok audit result 1 A.5.15 --result ofi --method interview \
		--note "Automate the quarterly access reviews"
	ok audit result 1 A.5.15 --result minor --kind not-functioning \
		--method observation --note "A leaver's account was still active"
	ok audit result 1 A.5.18 --result observation --method reperformance \
		--note "Rights reviewed late once"
	ok audit close 1 --date "${1:-2026-01-10}"
}

# new_review [OPTIONS]: prepares a review, leaves its id in $mr.
new_review() {
	ok review new --chair "Jane Doe" --attendees "Jane Doe, Bob Smith" "$@" --json
	mr=$(jq -r .id <<<"$out")
}

t_review_inputs_prefilled() {
	with_data
	audits=no
	if have_audits; then
		audits=yes
		closed_audit
	fi
	ok review new --chair "Jane Doe" --attendees " Jane Doe ,Bob Smith,Carol" \
		--changes "New payroll regulation" --monitoring "Phishing rate down to 3%" \
		--objectives "4 of 5 objectives met" --feedback "Customers ask for SOC 2"
	out_has "Management review 1 prepared."
	ok review show MR1 --json
	jq_eq .id 1
	jq_eq .title "Management review 2026-01-15"
	jq_eq .held_on 2026-01-15
	jq_eq .chair "Jane Doe"
	jq_eq '.attendees | join("|")' "Jane Doe|Bob Smith|Carol"
	jq_eq .status draft
	jq_eq '.inputs | keys | join(",")' \
		audits,changes,feedback,improvements,monitoring,nonconformities,objectives,prepared_on,previous_actions,risks
	jq_eq .inputs.prepared_on 2026-01-15
	jq_eq '.inputs.previous_actions | length' 0
	jq_eq .inputs.changes.scope_statement "The ISMS covers the payroll service run from Leeds."
	jq_eq .inputs.changes.note "New payroll regulation"
	jq_eq '.inputs.changes.interested_parties | length' 2
	jq_eq '.inputs.changes.interested_parties[] | select(.name == "Payroll API") | .party + "/" + .kind' \
		"PayCo Ltd/interface"
	jq_eq '.inputs.changes.interested_parties[] | select(.name == "Hosting") | .kind' dependency
	jq_eq .inputs.monitoring "Phishing rate down to 3%"
	jq_eq .inputs.objectives "4 of 5 objectives met"
	jq_eq .inputs.feedback "Customers ask for SOC 2"
	jq_eq .inputs.risks.total 2
	jq_eq .inputs.risks.by_level.critical 1
	jq_eq .inputs.risks.by_level.low 1
	jq_eq .inputs.risks.by_level.medium 0
	jq_eq .inputs.risks.by_level.high 0
	jq_eq .inputs.risks.unaccepted 1
	jq_eq .inputs.risks.plan_approved false
	jq_eq .inputs.risks.plan_changed false
	jq_eq .inputs.risks.actions_open 1
	jq_eq .inputs.risks.actions_overdue 1
	if [[ $audits == yes ]]; then
		jq_eq '.inputs.audits | length' 1
		jq_eq '.inputs.audits[0] | [.id, .title, .end_on, .status] | join("|")' \
			"1|Access control audit|2026-01-09|closed"
		jq_eq '.inputs.audits[0] | [.tests, .minor, .major, .observation, .ofi] | join(",")' \
			4,1,0,1,1
		jq_eq .inputs.audits[0].conforms false
		jq_eq '.inputs.nonconformities | [.total, .open, .overdue] | join(",")' 1,1,0
		jq_eq '.inputs.nonconformities.items[0] | [.id, .ref, .severity, .status] | join(",")' \
			1,A.5.15,minor,open
		jq_eq .inputs.nonconformities.items[0].overdue false
		jq_eq '.inputs.improvements | length' 2
		jq_eq '[.inputs.improvements[].note] | sort | join("|")' \
			"Automate the quarterly access reviews|Rights reviewed late once"
		jq_eq '.inputs.improvements[0].audit' 1
	else
		note "no audit commands yet: the audit inputs were not exercised"
		jq_eq '.inputs.audits | length' 0
		jq_eq .inputs.nonconformities.total 0
	fi
	# The plan's approval shows; so does a change after it.
	ok risk plan --approve --by "Managing Director"
	ok review set 1
	ok review show 1 --json
	jq_eq .inputs.risks.plan_approved true
	jq_eq .inputs.risks.plan_changed false
	ok risk action R1 --title "Encrypt backups" --owner "IT Ops"
	ok review set 1
	ok review show 1 --json
	jq_eq .inputs.risks.plan_changed true
	jq_eq .inputs.risks.actions_open 2
	# The typed inputs are kept when not given again.
	jq_eq .inputs.monitoring "Phishing rate down to 3%"
	jq_eq .inputs.changes.note "New payroll regulation"
	# The text form summarises each input.
	ok review show 1
	out_has "MR1  Management review 2026-01-15 [draft]"
	out_has "Jane Doe, Bob Smith, Carol"
	out_has "previous actions"
	out_has "interested parties    2"
	out_has "Phishing rate down to 3%"
	out_has "2 (low 1, medium 0, high 0, critical 1)"
	out_has "Decisions: none"
}

t_review_set_fields() {
	with_org
	new_review --changes "Old text" --feedback "Good"
	ok review set MR1 --date 2026-02-03 --chair "John Roe" --attendees "John Roe" \
		--notes $'Line one\nLine two' --changes "" --json
	# A default title follows the date; a given one stays.
	jq_eq .title "Management review 2026-02-03"
	jq_eq .held_on 2026-02-03
	jq_eq .chair "John Roe"
	jq_eq '.attendees | length' 1
	jq_eq .notes $'Line one\nLine two'
	jq_eq .inputs.changes.note null
	jq_eq .inputs.feedback Good
	ok review set 1 --title "Q1 review" --date 2026-02-04 --json
	jq_eq .title "Q1 review"
	ok review set 1 --date 2026-02-05 --json
	jq_eq .title "Q1 review"
	ok review list --json
	jq_eq 'length' 1
	jq_eq '.[0].held_on' 2026-02-05
	ok review list
	out_has "MR1"
	out_has "Q1 review"
}

t_review_decisions_and_actions() {
	with_org
	new_review --date 2026-01-10
	ok review decide MR1 "The scope stays as it is" --json
	jq_eq .kind decision
	jq_eq .owner null
	dec=$(jq -r .id <<<"$out")
	ok review action 1 "Automate access reviews" --owner "Bob Smith" --due 2026-03-31 --json
	jq_eq .kind action
	jq_eq .owner "Bob Smith"
	jq_eq .due_on 2026-03-31
	jq_eq .status open
	act=$(jq -r .id <<<"$out")
	ok review action 1 "Budget for SOC 2" --owner "Jane Doe"
	out_has "Recorded action"
	act2=$(grep -o '[0-9]\+' <<<"$out" | head -1)
	[[ $act2 -gt $act ]] || die "expected the action's number in: $out"
	ok review show 1 --json
	jq_eq '.outputs | length' 3
	jq_eq '[.outputs[] | select(.kind == "decision")] | length' 1
	jq_eq '[.outputs[] | select(.kind == "action")] | length' 2
	ok review show 1
	out_has "Decisions:"
	out_has "$dec    The scope stays as it is"
	out_has "Automate access reviews (owner Bob Smith, due 2026-03-31) [open]"
	ok review done MR1 "$act"
	out_has "is done"
	# Again: nothing more to do.
	ok review done 1 "$act"
	ok review show 1 --json
	jq_eq ".outputs[] | select(.id == $act) | .status" done
	# The next review reports the status of the earlier one's actions.
	new_review --date 2026-04-01
	[[ $mr == 2 ]] || die "expected review 2, got $mr"
	ok review show 2 --json
	jq_eq '.inputs.previous_actions | length' 2
	jq_eq '.inputs.previous_actions[0] | [.review, .text, .owner, .due_on, .status] | join("|")' \
		"1|Automate access reviews|Bob Smith|2026-03-31|done"
	jq_eq '.inputs.previous_actions[1] | [.status, (.due_on == null)] | join("|")' "open|true"
	# A review held before it does not see its actions.
	new_review --date 2026-01-05
	ok review show "$mr" --json
	jq_eq '.inputs.previous_actions | length' 0
}

t_review_audits_since_last_review() {
	have_audits || {
		: >"$T_DIR/.skipped"
		return 0
	}
	with_org
	closed_audit 2026-01-10
	new_review --date 2026-01-12
	ok review show 1 --json
	jq_eq '.inputs.audits | length' 1
	# The next review only sees audits completed since this one.
	new_review --date 2026-04-01
	ok review show 2 --json
	jq_eq '.inputs.audits | length' 0
	jq_eq '.inputs.improvements | length' 0
	# Still, the nonconformity stays until its action closes.
	jq_eq .inputs.nonconformities.open 1
}

t_review_minutes() {
	with_data
	have_audits && closed_audit
	new_review --changes "New regulation" --monitoring "KPIs on track" \
		--objectives "Met" --feedback "None negative" --notes "Quorum present"
	ok review decide 1 "Extend the scope to Manchester"
	ok review action 1 "Update the risk assessment" --owner "Bob Smith" --due 2026-06-30
	ok review minutes MR1 --format md
	for h in "Status of actions from previous management reviews" \
		"Changes in external and internal issues and interested parties" \
		"Nonconformities and corrective actions" \
		"Monitoring and measurement results" \
		"Audit results" \
		"Fulfilment of information security objectives" \
		"Feedback from interested parties" \
		"Risk assessment results and status of the risk treatment plan" \
		"Opportunities for continual improvement" \
		"Decisions" "Actions"; do
		out_has "$h"
	done
	out_has "Jane Doe, Bob Smith"
	out_has "Extend the scope to Manchester"
	out_has "Update the risk assessment"
	out_has "KPIs on track"
	out_has "Payroll API"
	ok review minutes 1 --format html -o "$T_DIR/minutes.html"
	[[ -s $T_DIR/minutes.html ]] || die "no HTML minutes written"
	grep -q "Opportunities for continual improvement" "$T_DIR/minutes.html" ||
		die "HTML minutes lack the improvements heading"
	ok review minutes 1 --format json
	jq_eq .review.id 1
	jq_eq '.review.outputs | length' 2
	fails 2 "--format md|html|json" review minutes 1
	fails 2 "unknown format 'pdf'" review minutes 1 --format pdf
	fails 1 "no management review 7" review minutes 7 --format md
}

t_review_final_refuses_changes() {
	with_org
	new_review --notes "Draft notes"
	ok review decide 1 "Approve the policy"
	ok review action 1 "Publish the policy" --owner "Bob Smith" --json
	act=$(jq -r .id <<<"$out")
	ok review final MR1
	out_has "is final"
	ok review show 1 --json
	jq_eq .status final
	jq_eq .final true
	before=$out
	fails_unchanged 1 "management review 1 is final; its minutes no longer change" \
		review set 1 --notes "Changed afterwards"
	fails_unchanged 1 "is final" review set 1 --monitoring "More"
	fails_unchanged 1 "is final" review decide 1 "Another decision"
	fails_unchanged 1 "is final" review action 1 "Another action" --owner X
	fails_unchanged 1 "already final" review final 1
	ok review show 1 --json
	[[ $out == "$before" ]] || die "a final review changed: $out"
	ok review minutes 1 --format md
	out_has "final (minutes agreed)"
	# Its actions are still tracked: marking one done is allowed.
	ok review done 1 "$act"
	ok review show 1 --json
	jq_eq ".outputs[] | select(.id == $act) | .status" done
}

t_review_bad_input() {
	with_org
	fails_unchanged 1 "no management review 9" review show 9
	fails_unchanged 1 "no management review 9" review show MR9
	fails_unchanged 2 "like MR3 or 3" review show R1
	fails_unchanged 2 "like MR3 or 3" review show 0
	fails_unchanged 2 "not a valid date" review new --chair Jane --attendees Jane --date 2026-02-30
	fails_unchanged 2 "not a valid date" review new --chair Jane --attendees Jane --date tomorrow
	fails_unchanged 2 "needs its chair" review new --attendees Jane
	fails_unchanged 2 "chair" review new --chair "  " --attendees Jane
	fails_unchanged 2 "needs its attendees" review new --chair Jane
	fails_unchanged 2 "attendee must not be empty" review new --chair Jane --attendees "Jane,,Bob"
	fails_unchanged 2 "attendees" review new --chair Jane --attendees ""
	fails_unchanged 2 "title must not be empty" review new --chair Jane --attendees Jane --title " "
	fails_unchanged 2 "unknown option '--owner'" review new --chair Jane --attendees Jane --owner X
	ok review list
	out_has "No management review yet"
	new_review
	fails_unchanged 1 "no management review 9" review set 9 --notes x
	fails_unchanged 2 "not a valid date" review set 1 --date 2026-13-01
	fails_unchanged 2 "title must not be empty" review set 1 --title ""
	fails_unchanged 2 "needs its owner (--owner NAME)" review action 1 "Do it"
	fails_unchanged 2 "owner" review action 1 "Do it" --owner " "
	fails_unchanged 2 "due date 'soon' is not a valid date" review action 1 "Do it" --owner Bob --due soon
	fails_unchanged 2 "text must not be empty" review decide 1 " "
	fails_unchanged 1 "no management review 4" review decide 4 "Something"
	fails_unchanged 2 "missing argument" review decide 1
	ok review decide 1 "A decision" --json
	dec=$(jq -r .id <<<"$out")
	fails_unchanged 2 "is a decision" review done 1 "$dec"
	fails_unchanged 1 "has no decision or action 99" review done 1 99
	fails_unchanged 2 "an action is named by its number" review done 1 x
	fails_unchanged 1 "no management review 5" review done 5 "$dec"
	fails_unchanged 1 "no management review 5" review final 5
	# Another organisation's review is not found.
	ok org add other --name "Other Ltd"
	fails_unchanged 1 "no management review 1" --org other review show 1
	fails_unchanged 1 "no management review 1" --org other review done 1 "$dec"
}

t_review_hostile_text_escaped() {
	with_org
	new_review --title "<script>alert(1)</script>" --notes "<img src=x onerror=alert(2)>" \
		--chair "<b>Boss</b>" --feedback "a & b <i>c</i>"
	ok review decide 1 "<script>alert(3)</script>"
	ok review action 1 "Fix <iframe>" --owner "<u>Owner</u>"
	ok review minutes 1 --format html
	out_lacks "<script>"
	out_lacks "<img"
	out_lacks "<b>Boss"
	out_lacks "<iframe>"
	out_lacks "<u>Owner"
	out_lacks "<i>c</i>"
	out_has "&lt;script&gt;"
	out_has "&lt;img src=x onerror=alert(2)&gt;"
	out_has "a &amp; b"
	# Stored as typed.
	ok review show 1 --json
	jq_eq .title "<script>alert(1)</script>"
	jq_eq .inputs.feedback "a & b <i>c</i>"
	# Control characters never reach the store.
	fails_unchanged 2 "notes" review set 1 --notes $'bell\a'
}
