# The web application's plumbing, as a browser meets it: pages that send
# you to sign in, forms that post to the API's routes with their CSRF
# token and come back with a message, errors as pages with their 4xx
# status, stored text that stays text, and the security headers.  The
# journeys through the pages run in a real browser (tests/web).

# An organisation "acme", an administrator "root" and a viewer "vic", the
# server running.
web_setup() {
	fresh_store
	ok org add acme --name "Acme Ltd"
	export ISMS_ORG=acme
	add_user root admin
	add_user vic viewer acme
	serve_start
}

t_pages_need_a_session() {
	web_setup
	http GET /orgs/acme/scope
	expect 303
	[[ $(header Location) == "/sign-in?next=%2Forgs%2Facme%2Fscope" ]] ||
		die "Location: $(header Location)"
	http GET /sign-in
	expect 200
	[[ $(header Content-Type) == "text/html; charset=utf-8" ]] || die "type $(header Content-Type)"
	[[ $body == *'<form method="post" action="/api/v1/session"'* ]] || die "no sign-in form"
	# The page after signing in is the one asked for; another site's is not.
	http GET '/sign-in?next=%2Forgs%2Facme'
	[[ $body == *'name="_next" value="/orgs/acme"'* ]] || die "next lost"
	http GET '/sign-in?next=//evil.example/x'
	[[ $body == *'name="_next" value="/"'* ]] || die "another site kept as next"
	# The API still answers 401 with JSON, not a page; and a script's
	# form-encoded body (not a browser's navigation) is the API's too.
	http GET /api/v1/orgs
	expect 401
	jq_body '.error.code == "unauthenticated"'
	http POST /api/v1/session -d '{"username":"root","password":"wrong password here"}'
	expect 401
	jq_body '.error.code == "unauthenticated"'
	serve_stop
}

t_sign_in_form_and_messages() {
	web_setup
	page root POST /api/v1/session --data-urlencode username=root \
		--data-urlencode "password=wrong password here"
	expect 401
	[[ $(header Content-Type) == "text/html; charset=utf-8" ]] || die "not a page"
	[[ $body == *'role="alert"'* ]] || die "no message on the page"
	web_sign_in root
	page root GET /orgs
	expect 200
	[[ $body == *'<div class="flash ok" role="status">Signed in.</div>'* ]] || die "no message"
	[[ $(header Set-Cookie) == isms_flash=\;* ]] || die "message not cleared: $(header Set-Cookie)"
	# Shown once.
	page root GET /orgs
	[[ $body != *'Signed in.'* ]] || die "message shown twice"
	[[ $body == *'href="/orgs/acme"'* ]] || die "no link to the organisation"
	page root GET /
	expect 303
	[[ $(header Location) == /orgs/acme ]] || die "start: $(header Location)"
	serve_stop
}

t_forms_post_to_the_api_with_their_token() {
	web_setup
	web_sign_in root
	form_csrf root /orgs/acme/scope
	page root POST "/api/v1/orgs/acme/scope?_method=PATCH" --data-urlencode "_csrf=$csrf" \
		--data-urlencode "_next=/orgs/acme/scope" --data-urlencode "_done=Saved the statement." \
		--data-urlencode "statement=Payroll <script>alert(1)</script> & HR"
	expect 303
	[[ $(header Location) == /orgs/acme/scope ]] || die "went to $(header Location)"
	ok scope show --json
	jq_eq .statement "Payroll <script>alert(1)</script> & HR"
	page root GET /orgs/acme/scope
	[[ $body == *'Saved the statement.'* ]] || die "no message"
	[[ $body == *'Payroll &lt;script&gt;alert(1)&lt;/script&gt; &amp; HR'* ]] || die "text not escaped"
	[[ $body != *'<script>alert'* ]] || die "stored script came out as markup"
	# An empty field of a new record is not given: the item has none.
	page root POST /api/v1/orgs/acme/scope/items --data-urlencode "_csrf=$csrf" \
		--data-urlencode kind=process --data-urlencode "name=Payroll/HR" \
		--data-urlencode description=
	expect 303
	ok scope show --json
	jq_eq '.items[0].name' "Payroll/HR"
	jq_eq '.items[0].description' ""
	# The one a form may not reach: another site's page.
	page root POST /api/v1/orgs/acme/scope/items --data-urlencode "_csrf=$csrf" \
		--data-urlencode kind=process --data-urlencode name=Sales \
		--data-urlencode "_next=https://evil.example/"
	expect 303
	[[ $(header Location) == / ]] || die "sent to $(header Location)"
	serve_stop
}

t_refused_forms_change_nothing() {
	web_setup
	web_sign_in root
	form_csrf root /orgs/acme/scope
	snapshot
	# No token, a wrong one, a value out of its domain, bad encoding, a
	# method a form cannot name.
	page root POST /api/v1/orgs/acme/scope/items --data-urlencode kind=process \
		--data-urlencode name=Sales
	expect 403
	[[ $body == *'this form has expired or did not come from this site'* ]] || die "$body"
	page root POST /api/v1/orgs/acme/scope/items --data-urlencode "_csrf=x$csrf" \
		--data-urlencode kind=process --data-urlencode name=Sales
	expect 403
	page root POST /api/v1/orgs/acme/scope/items --data-urlencode "_csrf=$csrf" \
		--data-urlencode kind=planet --data-urlencode name=Mars \
		--data-urlencode "_back=/orgs/acme/scope"
	expect 422
	[[ $body == *"unknown scope item kind &#39;planet&#39;"* ]] || die "$body"
	[[ $body == *'href="/orgs/acme/scope"'* ]] || die "no way back"
	page root POST /api/v1/orgs/acme/scope/items -d "_csrf=$csrf&kind=process&name=%ff%fe"
	expect 400
	[[ $body == *'not UTF-8'* ]] || die "$body"
	page root POST /api/v1/orgs/acme/scope/items -d "_csrf=$csrf&kind=process&name=a%2"
	expect 400
	page root POST "/api/v1/orgs/acme/scope/items?_method=TRACE" -d "_csrf=$csrf"
	expect 400
	[[ $body == *'_method takes PUT, PATCH or DELETE'* ]] || die "$body"
	unchanged
	# A viewer's form is refused by the route's own rule.
	web_sign_in vic
	form_csrf vic /orgs/acme/scope
	[[ $body != *'action="/api/v1/orgs/acme/scope/items"'* ]] || die "a viewer is offered the form"
	snapshot
	page vic POST /api/v1/orgs/acme/scope/items --data-urlencode "_csrf=$csrf" \
		--data-urlencode kind=process --data-urlencode name=Sales
	expect 403
	unchanged
	serve_stop
}

t_pages_answer_errors_as_pages() {
	web_setup
	web_sign_in vic
	page vic GET /orgs/acme/calendar?days=x
	expect 400
	[[ $body == *'--days takes a number'* ]] || die "$body"
	page vic GET '/orgs/acme/scope?colour=red'
	expect 400
	[[ $body == *"unknown query parameter &#39;colour&#39;"* ]] || die "$body"
	page vic GET /orgs/nowhere/scope
	expect 403
	page vic GET /users
	expect 403
	[[ $(header Content-Type) == "text/html; charset=utf-8" ]] || die "not a page"
	page vic GET /orgs/acme/nothing-here
	expect 404
	serve_stop
}

t_security_headers_and_static_files() {
	web_setup
	http GET /sign-in
	local csp
	csp=$(header Content-Security-Policy)
	[[ $csp == *"script-src 'self'"* && $csp == *"frame-ancestors 'none'"* ]] || die "CSP: $csp"
	[[ $csp != *unsafe-inline* ]] || die "CSP allows inline code: $csp"
	[[ $(header X-Content-Type-Options) == nosniff ]] || die "no nosniff"
	[[ $(header X-Frame-Options) == DENY ]] || die "framable"
	[[ $body != *'<script>'* && $body != *' style="'* ]] || die "inline script or style on a page"
	http GET /static/app.css
	expect 200
	[[ $(header Content-Type) == "text/css; charset=utf-8" ]] || die "css type $(header Content-Type)"
	http GET /static/app.js
	[[ $(header Content-Type) == "text/javascript; charset=utf-8" ]] || die "js type"
	http GET /static/nothing.js
	expect 404
	http GET /static/..%2Fisms.db
	expect 404
	serve_stop
}
