# The risk side's pages as a browser uses them: the asset inventory and
# its data flows, the risk register with its heat maps and filters, one
# risk with its controls and treatment actions, and the Statement of
# Applicability with its alignment problems, put right from the page.
# Every form posts to the API's routes; a refused one is a 4xx page that
# changes nothing.  A viewer reads every page and is offered no form but
# signing out.

# The worked example "demo", an ISMS manager and a viewer, the server running.
risk_web_setup() {
	fresh_store
	ok demo
	add_user maya isms-manager demo
	add_user vic viewer demo
	serve_start
}

# submit NAME PAGE ACTION [FIELD=VALUE...]: post a form of PAGE (whose
# CSRF token it takes) to ACTION, coming back to PAGE.
submit() {
	local who=$1 from=$2 action=$3 token
	shift 3
	page "$who" GET "$from"
	expect 200
	token=$(grep -o 'name="csrf-token" content="[^"]*"' <<<"$body" | sed 's/.*content="//; s/"$//')
	[[ -n $token ]] || die "no CSRF token on $from"
	local args=(--data-urlencode "_csrf=$token" --data-urlencode "_next=$from"
		--data-urlencode "_back=$from" --data-urlencode "_done=Done.")
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	page "$who" POST "$action" "${args[@]}"
}

# refused STATUS TEXT NAME PAGE ACTION [FIELD=VALUE...]: the form is
# answered with an error page of STATUS saying TEXT, and nothing changed.
refused() {
	local want=$1 text=$2
	shift 2
	snapshot
	submit "$@"
	expect "$want"
	has 'role="alert"'
	has "$text"
	unchanged
}

# has TEXT / lacks TEXT: the last page holds (or not) a fixed string.
has() {
	[[ $body == *"$1"* ]] || die "the page lacks '$1'"
}
lacks() {
	[[ $body != *"$1"* ]] || die "the page holds '$1'"
}

t_risk_pages_show_the_register_and_the_soa() {
	risk_web_setup
	web_sign_in maya
	page maya GET /orgs/demo/risks
	expect 200
	has '<h1>Risk register</h1>'
	has 'aria-labelledby="risks-inherent"'
	has 'aria-labelledby="risks-residual"'
	has '20 of 20 risks shown'
	has 'href="/orgs/demo/risks/R1"'
	# Filters narrow the list and the heat maps; a misspelt one is refused.
	page maya GET '/orgs/demo/risks?inherent=critical&treatment=modify'
	expect 200
	has '3 of 20 risks shown'
	has 'Inherent risk: 3 risks'
	page maya GET '/orgs/demo/risks?asset=Staff%20laptops'
	expect 200
	has '2 of 20 risks shown'
	page maya GET '/orgs/demo/risks?inherent=huge'
	expect 422
	has "unknown risk level &#39;huge&#39;"
	page maya GET '/orgs/demo/risks?level=high'
	expect 400
	page maya GET /orgs/demo/risks/R3
	expect 200
	has '<h1>R3 Compromise of an administrator account</h1>'
	has 'Save R3'
	page maya GET /orgs/demo/risks/R99
	expect 404
	page maya GET /orgs/demo/assets
	expect 200
	has 'Payment orchestration platform'
	has '17</span><span class="label">assets'
	page maya GET '/orgs/demo/assets?edit=Nobody'
	expect 404
	# The demo's SoA is aligned and approved; a filter, and a row to decide.
	page maya GET /orgs/demo/soa
	expect 200
	has '<h2 id="problems-h">Aligned</h2>'
	has '93 of 93 controls shown'
	has 'soa/export?format=xlsx'
	page maya GET '/orgs/demo/soa?applicable=no'
	expect 200
	has '2 of 93 controls shown'
	page maya GET '/orgs/demo/soa?edit=A.7.6'
	expect 200
	has 'Mark A.7.6 applicable'
	has 'Save the exclusion of A.7.6'
	page maya GET '/orgs/demo/soa?edit=A.99.1'
	expect 404
	page maya GET '/orgs/demo/soa?status=done'
	expect 422
	serve_stop
}

t_assets_and_flows_from_the_forms() {
	risk_web_setup
	web_sign_in maya
	local api=/api/v1/orgs/demo
	# A name with a slash is one path segment, escaped.
	submit maya /orgs/demo/assets "$api/assets" "name=Lab / bench" type=site \
		owner="Laura Pereira" classification=internal confidentiality=3 integrity=0 \
		availability=2 in_scope=yes location= description=
	expect 303
	ok --org demo asset show "Lab / bench" --json
	jq_eq '[.type, .classification, .confidentiality, .location] | join(",")' 'site,internal,3,'
	page maya GET '/orgs/demo/assets?edit=Lab%20%2F%20bench'
	expect 200
	has "action=\"$api/assets/Lab%20%2F%20bench?_method=PATCH\""
	refused 422 'confidentiality must be a number from 1 to 5' maya /orgs/demo/assets \
		"$api/assets/Lab%20%2F%20bench?_method=PATCH" type=site confidentiality=9
	refused 422 "unknown asset type &#39;planet&#39;" maya /orgs/demo/assets "$api/assets" \
		name=Mars type=planet
	# Changing: an empty field clears it.
	submit maya /orgs/demo/assets "$api/assets/Lab%20%2F%20bench?_method=PATCH" \
		type=hardware owner= classification= confidentiality=4 integrity=4 \
		availability=4 in_scope=no location=Bristol description=
	expect 303
	ok --org demo asset show "Lab / bench" --json
	jq_eq '[.type, .owner, .classification, .in_scope, .location] | map(tostring) | join(",")' \
		'hardware,null,null,false,Bristol'
	submit maya /orgs/demo/assets "$api/flows" "from=Lab / bench" to="Staff laptops" \
		data="test results" channel=USB
	expect 303
	refused 404 "no asset &#39;Nowhere&#39;" maya /orgs/demo/assets "$api/flows" from=Nowhere \
		to="Staff laptops" data=x
	# An asset a flow names is not deleted; once the flow is gone, it is.
	refused 409 'remove those first' maya /orgs/demo/assets \
		"$api/assets/Lab%20%2F%20bench?_method=DELETE"
	ok --org demo flow list --json
	local flow
	flow=$(jq '.[] | select(.from == "Lab / bench") | .id' <<<"$out")
	submit maya /orgs/demo/assets "$api/flows/$flow?_method=DELETE"
	expect 303
	submit maya /orgs/demo/assets "$api/assets/Lab%20%2F%20bench?_method=DELETE"
	expect 303
	fails 1 "no asset" --org demo asset show "Lab / bench"
	serve_stop
}

t_a_risk_from_the_register_to_its_treatment() {
	risk_web_setup
	web_sign_in maya
	local api=/api/v1/orgs/demo
	submit maya /orgs/demo/risks "$api/risks" title="Bench tampering" \
		asset="Staff laptops, Backup storage" threat="A visitor" vulnerability="No lock" \
		consequence= likelihood=3 impact=4 treatment=modify controls="A.8.1" \
		other_controls= residual_likelihood= residual_impact= owner="Marcus Reid" review=
	expect 303
	[[ $(header Location) == /orgs/demo/risks ]] || die "went to $(header Location)"
	ok --org demo risk show R21 --json
	jq_eq '[.residual_likelihood, .residual_impact, (.assets | length), .controls[0]] | map(tostring) | join(",")' \
		'3,4,2,A.8.1'
	refused 422 'likelihood must be a whole number from 1 to 5' maya /orgs/demo/risks \
		"$api/risks" title=Bad asset="Staff laptops" threat=x vulnerability=y likelihood=9 \
		impact=2 treatment=modify
	refused 404 "no control &#39;A.14.2.1&#39;" maya /orgs/demo/risks "$api/risks" title=Bad \
		asset="Staff laptops" threat=x vulnerability=y likelihood=2 impact=2 \
		treatment=modify controls=A.14.2.1
	# Each control offered for linking carries the whole new list; each
	# linked one, the list without it.
	page maya GET /orgs/demo/risks/R21
	expect 200
	has '<option value="A.8.1,A.5.1">A.5.1 Policies for information security</option>'
	has 'Unlink A.8.1'
	submit maya /orgs/demo/risks/R21 "$api/risks/R21?_method=PATCH" controls="A.8.1,A.5.1"
	expect 303
	submit maya /orgs/demo/risks/R21 "$api/risks/R21?_method=PATCH" controls="A.5.1"
	expect 303
	ok --org demo risk show R21 --json
	jq_eq '.controls | join(",")' 'A.5.1'
	# The edit form sends every field; an emptied required one is refused.
	refused 422 'title must not be empty' maya /orgs/demo/risks/R21 \
		"$api/risks/R21?_method=PATCH" title= asset="Staff laptops" threat=x \
		vulnerability=y likelihood=3 impact=4 treatment=modify residual_likelihood=3 \
		residual_impact=4
	submit maya /orgs/demo/risks/R21 "$api/risks/R21/actions" title="Fit a lock" \
		control=A.7.3 owner="Laura Pereira" due=2026-03-31 status=open
	expect 303
	ok --org demo risk show R21 --json
	local t
	t=T$(jq '.actions[0].id' <<<"$out")
	page maya GET /orgs/demo/risks/R21
	has "Save $t"
	submit maya /orgs/demo/risks/R21 "$api/treatment-actions/$t?_method=PATCH" \
		title="Fit a lock" control= owner="Laura Pereira" due=2026-03-31 status=done
	expect 303
	refused 422 "unknown action status &#39;finished&#39;" maya /orgs/demo/risks/R21 \
		"$api/treatment-actions/$t?_method=PATCH" title="Fit a lock" status=finished
	ok --org demo risk show R21 --json
	jq_eq '.actions[0] | [.status, .control] | map(tostring) | join(",")' 'done,null'
	# Only the owner accepts.
	refused 409 'only the risk owner' maya /orgs/demo/risks/R21 "$api/risks/R21/accept" \
		by="Someone Else" date=
	submit maya /orgs/demo/risks/R21 "$api/risks/R21/accept" by="Marcus Reid" date=
	expect 303
	submit maya /orgs/demo/risks/R21 "$api/risks/R21?_method=DELETE"
	expect 303
	fails 1 "no risk R21" --org demo risk show R21
	serve_stop
}

t_a_soa_problem_shown_and_solved_from_the_page() {
	risk_web_setup
	web_sign_in maya
	local api=/api/v1/orgs/demo
	ok --org demo risk add --title "Tailgating" --asset "Bristol head office" \
		--threat "A visitor follows staff" --vulnerability "No badge reader" \
		--likelihood 3 --impact 3 --treatment modify --controls A.7.6
	page maya GET /orgs/demo/soa
	expect 200
	has '<h2 id="problems-h">Problems to solve before approval</h2>'
	has 'data-code="excluded-but-selected"'
	has 'selects it (R21)'
	has 'href="/orgs/demo/soa?edit&#61;A.7.6#soa-A-7-6">Decide on A.7.6</a>'
	has '<tr id="soa-A-7-6" class=" ra-flagged">'
	# Approval is refused while the problem stands.
	refused 409 'the SoA is not aligned' maya /orgs/demo/soa "$api/soa/versions" \
		by="Helen Marsh" date=
	refused 422 "unknown reason &#39;whim&#39;" maya '/orgs/demo/soa?edit=A.7.6' \
		"$api/soa/A.7.6?_method=PATCH" applicable=yes reason=whim justification=x
	submit maya '/orgs/demo/soa?edit=A.7.6' "$api/soa/A.7.6?_method=PATCH" applicable=yes \
		reason=business justification="The lab holds test hardware"
	expect 303
	page maya GET /orgs/demo/soa
	lacks 'data-code="excluded-but-selected"'
	has '<strong>business:</strong> The lab holds test hardware'
	# An override needs its reason; "auto" drops it.
	refused 422 'status reason must not be empty' maya '/orgs/demo/soa?edit=A.7.6' \
		"$api/soa/A.7.6?_method=PATCH" status=planned status_reason=
	submit maya '/orgs/demo/soa?edit=A.7.6' "$api/soa/A.7.6?_method=PATCH" status=planned \
		status_reason="Badge readers ordered"
	expect 303
	page maya GET '/orgs/demo/soa?edit=A.7.6'
	has 'Use the derived status'
	submit maya /orgs/demo/soa "$api/soa/A.7.6?_method=PATCH" status=auto
	expect 303
	ok --org demo soa show A.7.6 --json
	jq_eq '[.applicable, .override_reason] | map(tostring) | join(",")' 'true,null'
	serve_stop
}

t_a_viewer_is_offered_no_form_on_the_risk_pages() {
	risk_web_setup
	web_sign_in vic
	local p n
	for p in assets 'assets?edit=Staff%20laptops' risks risks/R1 soa 'soa?edit=A.5.1'; do
		page vic GET "/orgs/demo/$p"
		expect 200
		n=$(grep -c 'method="post"' <<<"$body")
		[[ $n == 1 ]] || die "/orgs/demo/$p offers a viewer $n forms"
		lacks '<textarea'
		lacks '>Decide<'
	done
	page vic GET /orgs/demo/risks
	has 'aria-labelledby="risks-inherent"'
	refused 403 'may not change risk' vic /orgs/demo/risks "/api/v1/orgs/demo/risks/R1?_method=PATCH" \
		title=Changed
	serve_stop
}
