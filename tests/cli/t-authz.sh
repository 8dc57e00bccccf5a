# The authorisation matrix: every route the server registers, called
# without credentials, then by each of the six roles in an organisation
# granted to them and in one that is not.  The expected answer comes from
# the route table (isms serve --routes: what each route reads or changes
# and which roles the access matrix lets do that); a role without the
# right gets 403, one with it gets past the check, and nothing changes.
#
# Changes are sent with an If-Match no record has: past the access check
# they are refused (412, 400 where a route takes no If-Match, or the
# record's own 404 or 422) before anything is written, so that the whole
# matrix runs on one store.

ROLES=(admin isms-manager auditor control-owner viewer external-auditor)

# A path with its placeholders filled: {org} by $1, anything else by a
# value no record has.
fill_path() {
	local p=${2//\{org\}/$1}
	sed -E 's/\{[a-z_]+\}/x1/g' <<<"$p"
}

t_every_route_every_role() {
	fresh_store
	ok org add own --name "Own Ltd"
	ok org add other --name "Other Ltd"
	declare -A token
	local r
	for r in "${ROLES[@]}"; do
		if [[ $r == admin ]]; then
			ok user add "u-$r" --role "$r" --no-password
		else
			ok user add "u-$r" --role "$r" --no-password --org own
		fi
		ok token add matrix --user "u-$r" --json
		token[$r]=$(jq -r .secret <<<"$out")
	done
	ok serve --routes --json
	local routes=$out
	[[ $(jq length <<<"$routes") -gt 5 ]] || die "too few routes: $routes"
	serve_start --quiet
	# A token's first use is recorded; after that nothing should change.
	for r in "${ROLES[@]}"; do
		http GET /api/v1/orgs -H "Authorization: Bearer ${token[$r]}"
		expect 200
	done
	snapshot
	local checked=0 line method pattern public any org roles path o allowed
	while IFS=$'\t' read -r method pattern public any org roles; do
		[[ $public == true ]] && continue
		path=$(fill_path own "$pattern")
		http "$method" "$path"
		[[ $code == 401 ]] || die "$method $path without credentials: $code $body"
		for r in "${ROLES[@]}"; do
			for o in own other; do
				[[ $org == false && $o == other ]] && continue
				path=$(fill_path "$o" "$pattern")
				allowed=false
				if [[ $any == true ]]; then
					allowed=true
				elif [[ ",$roles," == *",$r,"* ]]; then
					[[ $org == false || $o == own || $r == admin ]] && allowed=true
				fi
				if [[ $method == GET ]]; then
					http GET "$path" -H "Authorization: Bearer ${token[$r]}"
				else
					http "$method" "$path" -H "Authorization: Bearer ${token[$r]}" \
						-H 'If-Match: "matrix"'
				fi
				if [[ $allowed == true ]]; then
					[[ $code != 401 && $code != 403 ]] ||
						die "$r may $method $path but got $code: $body"
					[[ $method == GET || $code != 2* ]] ||
						die "$r $method $path: a change went through: $code $body"
				else
					[[ $code == 403 ]] || die "$r may not $method $path but got $code: $body"
					jq -e '.error.code == "forbidden"' <<<"$body" >/dev/null ||
						die "$r $method $path: $body"
				fi
				checked=$((checked + 1))
			done
		done
	done < <(jq -r '.[] | [.method, .path, .public, .any_user, .org, (.roles | join(","))] | @tsv' <<<"$routes")
	serve_stop
	unchanged
	note "$checked route, role and organisation combinations checked"
}
