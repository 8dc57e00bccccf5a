# Assets, data flows, the risk method, risks, acceptance and the
# treatment plan.

with_org() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
}

# Two assets, one in scope and one out, and a flow between them.
with_assets() {
	with_org
	ok asset add "Customer DB" --type information --owner Alice \
		--classification confidential --confidentiality 5 --integrity 4 --availability 3
	ok asset add "Payroll SaaS" --type service --owner Bob --in-scope no
}

# add_risk TITLE LIKELIHOOD IMPACT TREATMENT [MORE ARGS]: prints nothing,
# leaves the new risk's id in $rid.
add_risk() {
	local title=$1 l=$2 i=$3 t=$4
	shift 4
	ok risk add --title "$title" --asset "Customer DB" --threat "External attacker" \
		--vulnerability "Unpatched server" --likelihood "$l" --impact "$i" \
		--treatment "$t" "$@" --json
	rid=$(jq -r .ref <<<"$out")
}

t_assets_and_flows() {
	with_assets
	ok asset list --json
	jq_eq 'length' 2
	jq_eq '.[0].name' "Customer DB"
	jq_eq '.[0].confidentiality' 5
	jq_eq '.[0].classification' confidential
	jq_eq '.[1].in_scope' false
	ok asset set "Payroll SaaS" --location "EU region" --json
	jq_eq .location "EU region"
	jq_eq .owner Bob
	ok flow add --from "Customer DB" --to "Payroll SaaS" --data "salary data" --channel SFTP --json
	jq_eq .id 1
	ok asset add "Backup" --type hardware
	ok flow add --from "Customer DB" --to Backup --data "nightly dump"
	ok flow list --json
	jq_eq 'length' 2
	# One end out of scope: the flow crosses the boundary; both in: it does not.
	jq_eq '.[0].crosses_scope' true
	jq_eq '.[1].crosses_scope' false
	ok flow list
	out_has "crosses the scope boundary"
	# An asset that a flow names cannot go; once the flow is gone, it can.
	fails_unchanged 1 "data flow" asset remove Backup
	ok flow remove 2
	ok asset remove Backup
	ok asset list --json
	jq_eq 'length' 2
}

t_asset_bad_input() {
	with_assets
	fails_unchanged 2 "unknown asset type 'laptop'" asset add X --type laptop
	fails_unchanged 2 "needs a type" asset add X
	fails_unchanged 2 "confidentiality must be a number from 1 to 5" asset add X --type site --confidentiality 7
	fails_unchanged 2 "unknown classification 'secret'" asset add X --type site --classification secret
	fails_unchanged 2 "in-scope must be 'yes' or 'no'" asset add X --type site --in-scope maybe
	fails_unchanged 1 "already exists" asset add "Customer DB" --type information
	fails_unchanged 1 "no asset 'Nope'" asset set Nope --owner X
	fails_unchanged 1 "no asset 'Nope'" flow add --from Nope --to "Customer DB" --data x
	fails_unchanged 2 "two different assets" flow add --from "Customer DB" --to "Customer DB" --data x
	fails_unchanged 1 "no data flow 9" flow remove 9
	fails_unchanged 2 "positive number" flow remove abc
}

t_risk_levels_follow_the_method() {
	with_assets
	add_risk "Database breach" 4 5 modify --controls a.8.8,A.5.15 --owner Alice \
		--residual-likelihood 2 --residual-impact 3
	[[ $rid == R1 ]] || die "first risk should be R1, got $rid"
	jq_eq .inherent_level critical
	jq_eq .residual_level medium
	jq_eq '.controls | join(",")' "A.5.15,A.8.8"
	jq_eq '.assets | join(",")' "Customer DB"
	jq_eq .above_criteria false
	# Residual values default to the inherent ones.
	add_risk "Lost laptop" 3 2 retain --owner Alice
	jq_eq .residual_level medium
	jq_eq .residual_likelihood 3
	ok risk list --json
	jq_eq 'length' 2
	jq_eq '.[1].treatment' retain
	ok risk show R1
	out_has "likelihood 4, impact 5: critical"
	ok risk method --json
	jq_eq .version 1
	jq_eq '.likelihood | length' 5
	jq_eq '.matrix[3][4]' critical
	jq_eq .accept_max medium
}

t_method_change_reevaluates_and_is_recorded() {
	with_assets
	add_risk "Database breach" 3 3 modify --controls A.8.8
	jq_eq .inherent_level high
	# A stricter matrix: 3 x 3 becomes critical.
	ok risk method --by "CISO" --note "Board asked for a stricter view" \
		--matrix 11122/12233/12444/23444/24444 --accept low --json
	jq_eq .version 2
	jq_eq .reevaluated.risks 1
	jq_eq .reevaluated.changed_level 1
	jq_eq .changed_by CISO
	ok risk show R1 --json
	jq_eq .inherent_level critical
	jq_eq .above_criteria true
	[[ $(store_sql "SELECT count(*) FROM risk_method_change") == 1 ]] ||
		die "the method change was not recorded"
	# A 3-level scale with the default rule: 3 x 3 becomes the top.
	ok risk method --by CISO --likelihood Low,Medium,High --impact Low,Medium,High --json
	jq_eq .version 3
	jq_eq '.matrix | length' 3
	ok risk show R1 --json
	jq_eq .inherent_level critical
	[[ $(store_sql "SELECT count(*) FROM risk_method_change") == 2 ]] ||
		die "the second method change was not recorded"
	ok risk method
	out_has "changed by CISO"
	ok risk method --history --json
	jq_eq 'length' 2
	jq_eq '.[0].version' 2
	jq_eq '.[0].note' "Board asked for a stricter view"
	jq_eq '.[0].risks_changed' 1
	jq_eq '.[1].likelihood' "Low|Medium|High"
	fails 2 "takes no change" risk method --history --accept low
}

t_method_bad_input() {
	with_assets
	add_risk "Database breach" 5 5 modify --controls A.8.8
	fails_unchanged 2 "--by NAME" risk method --accept high
	fails_unchanged 2 "at least 2 levels" risk method --by X --likelihood Only
	fails_unchanged 2 "empty label" risk method --by X --likelihood "Low,,High"
	fails_unchanged 2 "more than 10 levels" risk method --by X --impact 1,2,3,4,5,6,7,8,9,10,11
	fails_unchanged 2 "matrix row 1 has 4 levels" risk method --by X --matrix 1112/12233/12334/23344/23444
	fails_unchanged 2 "levels may only rise" risk method --by X --matrix 11121/12233/12334/23344/23444
	fails_unchanged 2 "found '9'" risk method --by X --matrix 11129/12233/12334/23344/23444
	fails_unchanged 2 "unknown risk level 'severe'" risk method --by X --accept severe
	# Shrinking the scales under a risk rated 5: refused, nothing changes.
	fails_unchanged 1 "beyond the new scales" risk method --by X --likelihood A,B,C
}

t_risk_bad_input() {
	with_assets
	fails_unchanged 2 "likelihood must be a whole number from 1 to 5" risk add --title T --asset "Customer DB" \
		--threat t --vulnerability v --likelihood 6 --impact 1 --treatment modify
	fails_unchanged 2 "impact must be a whole number from 1 to 5" risk add --title T --asset "Customer DB" \
		--threat t --vulnerability v --likelihood 1 --impact 0 --treatment modify
	fails_unchanged 2 "residual impact" risk add --title T --asset "Customer DB" \
		--threat t --vulnerability v --likelihood 1 --impact 1 --residual-impact x --treatment modify
	fails_unchanged 2 "unknown treatment 'transfer'" risk add --title T --asset "Customer DB" \
		--threat t --vulnerability v --likelihood 1 --impact 1 --treatment transfer
	fails_unchanged 1 "no control 'A.12.4.1'" risk add --title T --asset "Customer DB" \
		--threat t --vulnerability v --likelihood 1 --impact 1 --treatment modify --controls A.5.1,A.12.4.1
	fails_unchanged 2 "6.1.2 is a clause" risk add --title T --asset "Customer DB" \
		--threat t --vulnerability v --likelihood 1 --impact 1 --treatment modify --controls 6.1.2
	fails_unchanged 1 "no asset 'Mainframe'" risk add --title T --asset "Mainframe" \
		--threat t --vulnerability v --likelihood 1 --impact 1 --treatment modify
	fails_unchanged 2 "a risk needs --threat" risk add --title T --asset "Customer DB" \
		--vulnerability v --likelihood 1 --impact 1 --treatment modify
	fails_unchanged 2 "review date" risk add --title T --asset "Customer DB" \
		--threat t --vulnerability v --likelihood 1 --impact 1 --treatment modify --review 2026-02-30
	fails_unchanged 2 "title" risk add --title $'bad\x01title' --asset "Customer DB" \
		--threat t --vulnerability v --likelihood 1 --impact 1 --treatment modify
	add_risk "Database breach" 2 2 modify
	fails_unchanged 1 "already exists" risk add --title "Database breach" --asset "Customer DB" \
		--threat t --vulnerability v --likelihood 1 --impact 1 --treatment modify
	fails_unchanged 1 "no risk R999" risk show R999
	fails_unchanged 2 "like R3" risk show X9
	# (On PostgreSQL the failed adds above used up ids: name it by $rid.)
	fails_unchanged 2 "unknown treatment" risk set "$rid" --treatment mitigate
	fails_unchanged 1 "no asset 'Nope'" risk set "$rid" --asset Nope
	# An asset a risk names cannot be removed.
	fails_unchanged 1 "risk" asset remove "Customer DB"
}

t_acceptance_only_by_the_owner() {
	with_assets
	add_risk "Supplier outage" 3 4 retain --owner "Alice Smith"
	jq_eq .residual_level high
	fails_unchanged 1 "only the risk owner (Alice Smith) may accept risk R1, not Bob" \
		risk accept R1 --by Bob
	fails_unchanged 2 "--by NAME" risk accept R1
	fails_unchanged 2 "acceptance date" risk accept R1 --by "Alice Smith" --date 2026-13-01
	# Names compare without regard to case; the owner's spelling is kept.
	ok risk accept R1 --by "alice smith" --json
	jq_eq .accepted_by "Alice Smith"
	jq_eq .accepted_on 2026-01-15
	# Re-rating the residual risk withdraws the acceptance.
	ok risk set R1 --residual-likelihood 2 --json
	jq_eq .accepted_by null
	ok risk accept R1 --by "Alice Smith" --date 2026-01-10
	# So does a new owner; the old one may no longer accept.
	ok risk set R1 --owner Carol --json
	jq_eq .accepted_by null
	fails_unchanged 1 "only the risk owner (Carol)" risk accept R1 --by "Alice Smith"
	# Without an owner, nobody may accept.
	ok risk set R1 --owner ""
	fails_unchanged 1 "has no owner" risk accept R1 --by Carol
}

t_treatment_plan_and_its_approval() {
	with_assets
	add_risk "Database breach" 4 5 modify --controls A.8.8 --owner Alice
	ok risk action R1 --title "Monthly patch cycle" --control a.8.8 --owner "IT Ops" --due 2026-03-01 --json
	jq_eq .id 1
	jq_eq .control A.8.8
	jq_eq .status open
	fails_unchanged 2 "due date" risk action R1 --title X --due 2026-02-31
	fails_unchanged 1 "no control 'A.99'" risk action R1 --title X --control A.99
	fails_unchanged 2 "needs --title" risk action R1 --owner X
	fails_unchanged 1 "no risk R7" risk action R7 --title X
	fails_unchanged 1 "no treatment action 9" risk action T9 --status done
	fails_unchanged 2 "like T12" risk action Tx --status done
	ok risk plan --json
	jq_eq .approved false
	jq_eq '.actions | length' 1
	fails_unchanged 2 "--by NAME" risk plan --approve
	ok risk plan --approve --by "Managing Director" --date 2026-01-14 --json
	jq_eq .approved true
	jq_eq .approved_by "Managing Director"
	jq_eq .changed_since_approval false
	# Progress is not a change of plan ...
	ok risk action T1 --status in-progress
	ok risk plan --json
	jq_eq .changed_since_approval false
	jq_eq '.actions[0].status' in-progress
	# ... a new due date is.
	ok risk action T1 --due 2026-04-01
	ok risk plan --json
	jq_eq .changed_since_approval true
	ok risk plan
	out_has "changed since"
	ok risk remove R1
	ok risk plan --json
	jq_eq '.actions | length' 0
}

t_roadmap_priority_uses_risk_levels() {
	with_assets
	ok gap new --name Baseline
	# Two nonconforming controls; catalogue order would put A.5.1 first.
	ok gap set A.5.1 --status nonconforming
	ok gap set A.8.8 --status nonconforming
	ok gap roadmap --json
	jq_eq '.[0].ref' A.5.1
	jq_eq '.[0].risk_level' null
	# A critical risk selects A.8.8: it moves ahead.
	add_risk "Database breach" 5 5 modify --controls A.8.8
	ok gap roadmap --json
	jq_eq '.[0].ref' A.8.8
	jq_eq '.[0].risk_level' critical
	jq_eq '.[1].ref' A.5.1
}

t_risk_report() {
	with_assets
	add_risk "Database breach" 4 5 modify --controls A.8.8 --owner Alice \
		--residual-likelihood 2 --residual-impact 3
	add_risk '<script>alert(1)</script>' 1 1 retain
	ok risk action R1 --title "Patch monthly" --owner "IT Ops"
	ok risk report --format json
	jq_eq '.heatmap.inherent[3][4]' 1
	jq_eq '.heatmap.residual[1][2]' 1
	jq_eq '.heatmap.inherent[0][0]' 1
	jq_eq '.risks | length' 2
	ok risk report --format html -o "$T_DIR/risk.html"
	grep -q "<svg" "$T_DIR/risk.html" || die "no heat map in the HTML report"
	grep -q "Patch monthly" "$T_DIR/risk.html" || die "no treatment plan in the HTML report"
	if grep -q "<script>alert" "$T_DIR/risk.html"; then die "HTML report does not escape"; fi
	ok risk report --format md
	out_has "Database breach"
	fails 2 "unknown format 'pdf'" risk report --format pdf
}
