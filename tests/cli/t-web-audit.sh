# The internal audit's pages as a browser uses them: the programme and its
# coverage, an audit's plan and team (an auditor is refused on their own
# work, and the refusal is a page that changes nothing), the checklist an
# auditor fills in row by row, the report and its issue, the corrective-
# action board (no closing before a verification) and management reviews.
# A viewer reads every page and is offered no form but signing out.

# The worked example "demo", an administrator, a viewer, and an auditor
# linked to Ruth Lindgren (the demo's lead auditor), the server running.
audit_web_setup() {
	fresh_store
	ok demo
	add_user root admin
	add_user vic viewer demo
	add_user aud auditor demo
	ok --org demo person set "Ruth Lindgren" --user aud
	serve_start
}

# submit NAME PAGE ACTION [FIELD=VALUE...]: post the form of PAGE (whose
# CSRF token it takes) to ACTION, coming back to PAGE.
submit() {
	local who=$1 from=$2 action=$3
	shift 3
	form_csrf "$who" "$from"
	local args=(--data-urlencode "_csrf=$csrf" --data-urlencode "_next=$from"
		--data-urlencode "_back=$from" --data-urlencode "_done=Done.")
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	page "$who" POST "$action" "${args[@]}"
}

# has TEXT / lacks TEXT: the last page holds (or not) a fixed string.
has() {
	[[ $body == *"$1"* ]] || die "the page lacks '$1'"
}
lacks() {
	[[ $body != *"$1"* ]] || die "the page holds '$1'"
}

t_audit_pages_show_the_programme_and_the_audits() {
	audit_web_setup
	web_sign_in root
	page root GET /orgs/demo/audits
	expect 200
	has '<h1>Internal audits</h1>'
	has 'Audit programme 2025'
	has 'role="img"'
	has 'href="/orgs/demo/audits/1">A1</a>'
	has '<span class="badge issued">issued</span>'
	has 'action="/api/v1/orgs/demo/audits"'
	page root GET '/orgs/demo/audits?cycle=2028'
	expect 200
	has 'Audit programme 2028'
	page root GET '/orgs/demo/audits?cycle=next'
	expect 422
	has 'a cycle is named by its first year'
	page root GET /orgs/demo/audits/1
	expect 200
	has 'Ruth Lindgren'
	has 'Lead auditor'
	has '<span class="badge minor">minor nonconformity</span>'
	has 'href="/orgs/demo/capa#capa-1"'
	page root GET /orgs/demo/audits/1/report
	expect 200
	has '1. Introduction'
	has '2. Executive summary'
	has '3. Report guidance'
	has '4. Audit findings'
	has '5. Audit limitations'
	has 'Version 1, issued on'
	page root GET '/orgs/demo/audits/1/report?version=9'
	expect 404
	page root GET '/orgs/demo/audits/1/checklist?status=maybe'
	expect 400
	has 'takes untested or done'
	page root GET /orgs/demo/audits/99
	expect 404
	serve_stop
}

t_an_auditor_is_refused_on_their_own_work() {
	audit_web_setup
	web_sign_in root
	submit root /orgs/demo/audits /api/v1/orgs/demo/audits "title=Access control" \
		"scope=A.5.15,A.5.18,A.8.5" start=2026-01-05 end=2026-01-09
	expect 303
	[[ $(header Location) == /orgs/demo/audits ]] || die "sent to $(header Location)"
	page root GET /orgs/demo/audits/4
	expect 200
	has 'Access control'
	has '<div class="flash ok" role="status">Done.</div>'
	# Marcus Reid owns A.5.18 (its risk and the gap assessment's finding).
	snapshot
	submit root /orgs/demo/audits/4 /api/v1/orgs/demo/audits/4/team "name=Marcus Reid"
	expect 409
	has 'independence: Marcus Reid cannot audit their own work'
	has 'href="/orgs/demo/audits/4"'
	unchanged
	submit root /orgs/demo/audits/4 /api/v1/orgs/demo/audits/4/team "name=Oliver Chen"
	expect 303
	page root GET /orgs/demo/audits/4
	has 'Oliver Chen'
	has 'action="/api/v1/orgs/demo/audits/4/team/Oliver%20Chen?_method=DELETE"'
	serve_stop
}

t_fieldwork_is_recorded_row_by_row() {
	audit_web_setup
	ok --org demo audit new --title "Access control" --scope A.5.15,A.8.5 \
		--start 2026-01-05 --end 2026-01-09
	ok --org demo audit assign 4 "Ruth Lindgren" --lead
	web_sign_in aud
	local p=/orgs/demo/audits/4/checklist
	page aud GET $p
	expect 200
	has '<strong>0 of 4 tested</strong>'
	has 'action="/api/v1/orgs/demo/audits/4/results"'
	has 'name="_next" value="/orgs/demo/audits/4/checklist#t-1"'
	submit aud "$p#t-0" /api/v1/orgs/demo/audits/4/results ref=A.5.15 test=compliance \
		method=interview result=conforming "note=Policy followed"
	expect 303
	[[ $(header Location) == "$p#t-0" ]] || die "sent to $(header Location)"
	# A nonconformity needs its kind; the refusal changes nothing.
	snapshot
	submit aud $p /api/v1/orgs/demo/audits/4/results ref=A.5.15 test=substantive \
		method=reperformance result=major "note=No review for two quarters"
	expect 422
	has 'needs its kind'
	unchanged
	submit aud $p /api/v1/orgs/demo/audits/4/results ref=A.5.15 test=substantive \
		method=reperformance result=major kind=not-functioning \
		"note=No review for two quarters" sample_size=5 population=40
	expect 303
	page aud GET $p
	has '<strong>2 of 4 tested</strong>'
	has '<span class="badge major">major nonconformity</span>'
	page aud GET "$p?status=untested"
	has 'Showing 2 of 4 tests.'
	page aud GET /orgs/demo/audits/4
	has 'No review for two quarters'
	has 'href="/orgs/demo/capa#capa-3">CAPA-3</a>'
	# Closing, then issuing, from the audit's page.
	submit aud /orgs/demo/audits/4 /api/v1/orgs/demo/audits/4/close
	expect 303
	page aud GET /orgs/demo/audits/4
	has 'Issue report'
	submit aud /orgs/demo/audits/4/report /api/v1/orgs/demo/audits/4/issue \
		"by=Ruth Lindgren"
	expect 303
	page aud GET /orgs/demo/audits/4/report
	has '<span class="badge issued">issued</span>'
	page aud GET $p
	lacks 'action="/api/v1/orgs/demo/audits/4/results"'
	has 'its fieldwork no longer changes'
	serve_stop
}

t_a_corrective_action_closes_only_after_verification() {
	audit_web_setup
	web_sign_in root
	local p=/orgs/demo/capa
	page root GET $p
	expect 200
	has 'id="capa-2"'
	has 'Verified and closed'
	submit root $p "/api/v1/orgs/demo/capas/2?_method=PATCH" status=implemented \
		"correction=Account disabled" "root_cause=Manual leaver process" \
		"action=HR feed to the identity provider" "owner=Marcus Reid" due=2026-02-05
	expect 303
	page root GET $p
	has 'action="/api/v1/orgs/demo/capas/2/verify"'
	snapshot
	submit root $p /api/v1/orgs/demo/capas/2/close
	expect 409
	has 'cannot close before its effectiveness is verified'
	unchanged
	submit root $p /api/v1/orgs/demo/capas/2/verify "by=Ruth Lindgren" \
		"note=Ten leavers sampled: all disabled on their last day"
	expect 303
	submit root $p /api/v1/orgs/demo/capas/2/close
	expect 303
	ok --org demo capa show 2
	out_has closed
	serve_stop
}

t_a_management_review_from_the_pages() {
	audit_web_setup
	web_sign_in root
	submit root /orgs/demo/reviews /api/v1/orgs/demo/reviews "title=January review" \
		date=2026-01-14 "chair=Helen Marsh" "attendees=Daniel Okoro, Ruth Lindgren"
	expect 303
	page root GET /orgs/demo/reviews
	has 'href="/orgs/demo/reviews/2">MR2</a>'
	local r=/orgs/demo/reviews/2
	submit root $r /api/v1/orgs/demo/reviews/2/decisions "text=Keep the scope"
	expect 303
	submit root $r /api/v1/orgs/demo/reviews/2/actions "text=Automate access reviews"
	expect 400
	submit root $r /api/v1/orgs/demo/reviews/2/actions "text=Automate access reviews" \
		"owner=Marcus Reid" due=2026-03-31
	expect 303
	page root GET $r
	has 'Keep the scope'
	has 'Automate access reviews'
	has 'a) Actions from earlier reviews'
	local done
	done=$(grep -o 'action="/api/v1/orgs/demo/reviews/2/actions/[0-9]*/done"' <<<"$body" |
		sed 's/action="//; s/"$//')
	[[ -n $done ]] || die "no form to mark the action done"
	submit root $r "$done"
	expect 303
	submit root $r /api/v1/orgs/demo/reviews/2/final
	expect 303
	page root GET $r
	has '<span class="badge final">final</span>'
	lacks 'action="/api/v1/orgs/demo/reviews/2/decisions"'
	serve_stop
}

t_a_viewer_is_offered_no_form() {
	audit_web_setup
	web_sign_in vic
	local p n
	for p in audits audits/1 audits/2 audits/1/checklist audits/2/checklist \
		audits/1/report capa reviews reviews/1; do
		page vic GET "/orgs/demo/$p"
		expect 200
		n=$(grep -c 'method="post"' <<<"$body")
		[[ $n == 1 ]] || die "/orgs/demo/$p offers a viewer $n forms"
		lacks '<textarea'
	done
	snapshot
	submit vic /orgs/demo/capa /api/v1/orgs/demo/capas/2/close
	expect 403
	unchanged
	serve_stop
}
