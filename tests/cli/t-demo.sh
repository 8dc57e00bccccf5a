# The sample portfolio: realistic organisations whose assessments follow
# every rule, the same for the same seed.

# scores: what `gap score --all` says of each organisation, for comparing.
scores() {
	ok gap score --all --json
	jq -c '[.[] | {org, name, overall, coverage, counts, verdict}]' <<<"$out"
}

t_demo_portfolio() {
	fresh_store
	ok demo --orgs 3 --json
	jq_eq .orgs 3
	jq_eq .evidence 36
	jq_eq .items 369
	jq_eq .links 3690
	ok gap score --all --json
	jq_eq length 3
	jq_eq '[.[].org] | join(",")' demo-0001,demo-0002,demo-0003
	jq_eq '[.[] | .overall, .coverage | type] | unique | join(",")' number
	jq_eq '[.[].coverage] | unique | join(",")' 100
	jq_eq '[.[] | .counts["not-assessed"]] | unique | join(",")' 0
	jq_eq '[.[] | select(.name | length > 0)] | length' 3
	ok org list --json
	jq_eq length 3
	ok --org demo-0002 scope show --json
	jq_eq '.statement | length > 20' true
	jq_eq '[.items[] | select(.in_scope == false and (.exclusion_reason | length > 0))] | length' 1
	ok gap score --all
	out_has "demo-0003"
	# Large portfolios say how far they are; three organisations do not.
	[[ -z $err ]] || die "unexpected progress output: $err"
}

t_demo_follows_the_rules() {
	fresh_store
	ok demo --orgs 3
	local org
	for org in demo-0001 demo-0002 demo-0003; do
		ok --org "$org" gap items --json
		jq_eq length 123
		# Conforming only with valid evidence that is not only on paper.
		jq_eq '[.[] | select(.status == "conforming" and (.evidence.valid < 1 or .paper_only))] | length' 0
		# Not applicable: controls only, always justified.
		jq_eq '[.[] | select(.status == "na" and .kind == "clause")] | length' 0
		jq_eq '[.[] | select(.status == "na" and (.justification | length) == 0)] | length' 0
		jq_eq '[.[] | select(.status != "na" and .justification != null)] | length' 0
		jq_eq '[.[] | select(.status != "na" and (.maturity == null or .owner == null))] | length' 0
		jq_eq '[.[] | .evidence.valid + .evidence.expired] | unique | join(",")' 10
		ok --org "$org" evidence list --json
		jq_eq length 12
		ok --org "$org" gap roadmap --json
	done
	# A plausible spread over the portfolio.
	local counts
	counts=$(store_sql "SELECT status, count(*) FROM assessment_item GROUP BY status ORDER BY status")
	[[ $counts == *conforming* && $counts == *partial* && $counts == *nonconforming* ]] ||
		die "statuses are not spread: $counts"
	# The content is stored and reads back whole.
	ok --org demo-0001 evidence list --json
	local sha
	sha=$(jq -r '.[0].sha256' <<<"$out")
	ok --org demo-0001 evidence show "$sha" --json
}

t_demo_same_seed_same_scores() {
	local first second other
	fresh_store
	ok demo --orgs 3 --seed 42
	first=$(scores)
	fresh_store
	ok demo --orgs 3 --seed 42
	second=$(scores)
	[[ $first == "$second" ]] || die "the same seed gave other scores: $first / $second"
	fresh_store
	ok demo --orgs 3 --seed 43
	other=$(scores)
	[[ $first != "$other" ]] || die "another seed gave the same scores"
}

t_demo_refused_twice() {
	fresh_store
	ok demo --orgs 3
	fails_unchanged 1 "already holds 3 demo organisations" demo --orgs 3
	fails_unchanged 1 "already holds 3 demo organisations" demo --orgs 1 --seed 7
	fails_unchanged 1 "already holds 3 demo organisations" demo --seed 7
	# Other organisations do not stand in the way.
	fresh_store
	ok org add acme --name "Acme Ltd"
	ok demo --orgs 2
	ok gap score --all --json
	jq_eq '[.[].org] | join(",")' acme,demo-0001,demo-0002
	jq_eq '.[0].overall' null
}

t_demo_bad_input() {
	fresh_store
	fails_unchanged 2 "--orgs takes a number from 1" demo --orgs 0
	fails_unchanged 2 "--orgs takes a whole number" demo --orgs x
	fails_unchanged 2 "--orgs takes a whole number" demo --orgs 100001
	fails_unchanged 2 "--seed takes a whole number" demo --seed -1
	fails_unchanged 2 "--seed takes a whole number" demo --seed 4294967296
	fails_unchanged 2 "unexpected argument" demo 3
}

# `gap score --all` reads a portfolio its own way; each organisation's
# entry must say exactly what `gap score` says of it alone, on any day
# (evidence expires as time passes).
t_portfolio_score_matches_single_scores() {
	local day org
	fresh_store
	ok demo --orgs 3
	ok org add manual --name "Manual Ltd"
	ok --org manual gap new --name First
	echo "policy" >"$T_DIR/p.txt"
	ok --org manual evidence add "$T_DIR/p.txt" --kind policy --valid-until 2026-03-01 --json
	ok --org manual evidence link "$(jq -r .sha256 <<<"$out")" A.5.1
	ok --org manual gap set A.5.1 --status conforming
	for day in 2026-01-15 2026-06-01 2028-01-01; do
		export ISMS_NOW=${day}T12:00:00Z
		ok gap score --all --json
		echo "$out" >"$T_DIR/all.json"
		for org in demo-0001 demo-0002 demo-0003 manual; do
			ok --org "$org" gap score --json
			diff <(jq -S . <<<"$out") \
				<(jq -S --arg o "$org" '.[] | select(.org == $o)' "$T_DIR/all.json") >/dev/null ||
				die "score --all differs from score for $org on $day"
		done
	done
}
