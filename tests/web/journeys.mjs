/*
 * journeys.mjs - the web application's acceptance tests: what people do
 * in a browser, one journey at a time (lib.mjs is the harness; each
 * journey starts signed out, in a browser of its own).
 */
import assert from 'node:assert/strict';

import {
	checkAccessibility,
	csrfToken,
	expectPath,
	expectText,
	isms,
	journey,
	note,
	screenshot,
	signIn,
	step,
	submit,
} from './lib.mjs';

async function hasSession(page) {
	const cookies = await page.context().cookies();
	return cookies.some((c) => c.name === 'isms_session' && c.value);
}

journey('sign in and out', async ({ page, users, org }) => {
	const maya = users.manager;

	step('a wrong password shows the error page and nothing else');
	assert.equal(await signIn(page, { ...maya, password: 'not the right password' }), 401);
	await expectText(page.getByRole('alert'), 'wrong user name or password');
	assert.equal(await page.locator('header .who').count(), 0, 'the top bar shows a user');
	assert.equal(await page.locator('nav.main').count(), 0, 'the page shows the sections');
	assert.equal(await page.locator('.flash').count(), 0, 'the page shows a message');
	assert.ok(!(await hasSession(page)), 'a wrong password gave a session');
	await page.getByRole('link', { name: 'Sign in' }).waitFor();

	step('the right password leads, by way of /, to the dashboard');
	assert.equal(await signIn(page, maya), 200);
	await expectPath(page, `/orgs/${org}`);
	await expectText(page.locator('.flash'), 'Signed in.');
	await expectText(page.locator('header.top'), `${maya.name} (${maya.role})`);
	await page.getByRole('heading', { name: 'Overall', exact: true }).waitFor();

	step('signing out returns to the sign-in page');
	await submit(page, 'Sign out');
	await expectPath(page, '/sign-in');
	await expectText(page.locator('.flash'), 'Signed out.');
	assert.equal(await page.locator('header .who').count(), 0, 'still signed in');

	step('a page asked for without a session asks to sign in, then shows it');
	await page.goto('/orgs');
	await expectPath(page, '/sign-in?next=%2Forgs');
	await signIn(page, maya);
	await expectPath(page, '/orgs');
	await expectText(page.getByRole('heading', { level: 1 }), 'Organisations');
});

journey('add an organisation', async ({ page, users, open }) => {
	const added = { slug: 'northwind', name: 'Northwind Traders Ltd' };

	step('an administrator adds one from the list of organisations');
	await signIn(page, users.admin);
	await page.goto('/orgs');
	await page.fill('#slug', added.slug);
	await page.fill('#name', added.name);
	assert.equal(await submit(page, 'Add'), 200);
	await expectPath(page, '/orgs');
	await expectText(page.locator('.flash'), 'Organisation added.');
	await page.locator('main').getByRole('link', { name: added.name, exact: true }).waitFor();

	step('the new organisation is in the switcher');
	await page.locator('details.switcher > summary').click();
	await page.locator('details.switcher').getByRole('link', { name: added.name, exact: true })
		.waitFor({ state: 'visible' });

	step('a viewer does not see the form');
	const viewer = await open();
	await signIn(viewer, users.viewer);
	await viewer.goto('/orgs');
	await expectText(viewer.getByRole('heading', { level: 1 }), 'Organisations');
	assert.equal(await viewer.getByRole('heading', { name: 'Add an organisation' }).count(), 0,
		'a viewer sees the form to add an organisation');
	assert.equal(await viewer.locator('#slug').count(), 0);

	step("a viewer's forged form, with the session's CSRF token, is refused");
	const before = isms('org', 'list', '--json');
	const answer = await viewer.evaluate(async (fields) => {
		// Sent as a browser sends a form, so that it is answered as one.
		const r = await fetch('/api/v1/orgs', {
			method: 'POST',
			headers: { Accept: 'text/html' },
			body: new URLSearchParams(fields),
			redirect: 'manual',
		});
		return { status: r.status, text: await r.text() };
	}, { _csrf: await csrfToken(viewer), _next: '/orgs', slug: 'forged', name: 'Forged Ltd' });
	assert.equal(answer.status, 403, `the forged form was answered ${answer.status}`);
	assert.match(answer.text, /class="problem"/);
	// Refused for the viewer's role: the token itself was good.
	assert.doesNotMatch(answer.text, /did not come from this site/);
	assert.equal(isms('org', 'list', '--json'), before, 'the organisations changed');
	await viewer.reload();
	assert.equal(await viewer.getByText('Forged Ltd').count(), 0);
	await screenshot(viewer, 'viewer');
});

journey('dashboard', async ({ page, users, org }) => {
	const charts = [
		'Overall readiness',
		'Readiness by clause (4-10)',
		'Readiness by Annex A theme',
		'Requirements and controls by status',
	];

	step('a viewer signs in and sees the readiness charts');
	await signIn(page, users.viewer);
	await expectPath(page, `/orgs/${org}`);
	for (const heading of ['Overall', 'Status of every item', 'By clause', 'By Annex A theme'])
		await page.getByRole('heading', { name: heading, exact: true }).waitFor();
	const titles = await page.locator('svg[role="img"] > title').allTextContents();
	for (const title of charts)
		assert.ok(titles.includes(title),
			`no chart titled '${title}'; the charts are: ${titles.join('; ')}`);
	for (const chart of await page.locator('svg[role="img"]').all())
		assert.ok((await chart.boundingBox())?.height > 0, 'a chart is not drawn');

	step('the dashboard loads quickly');
	await page.reload();
	const timing = await page.evaluate(() => {
		const n = performance.getEntriesByType('navigation')[0];
		return {
			answer: n.responseEnd - n.requestStart,
			loaded: (n.loadEventEnd || n.domComplete) - n.startTime,
		};
	});
	note(`dashboard: answered in ${timing.answer.toFixed(0)} ms, ` +
		`loaded in ${timing.loaded.toFixed(0)} ms`);
});

journey('accessibility', async ({ page, users, org }) => {
	step('the sign-in page');
	await checkAccessibility(page, '/sign-in');

	await signIn(page, users.admin);
	step('the list of organisations, with the form to add one');
	await checkAccessibility(page, '/orgs');

	step('the dashboard');
	await checkAccessibility(page, `/orgs/${org}`);

	step('an error page');
	await checkAccessibility(page, '/orgs/no-such-organisation');
});

journey('security headers and forged forms', async ({ page, ctx, users, base, org }) => {
	const elsewhere = 'http://elsewhere.example';
	const headersOf = async (path) => (await page.request.get(base + path)).headers();

	step('every answer carries the security headers');
	await signIn(page, users.admin);
	for (const path of ['/sign-in', `/orgs/${org}`, '/orgs/no-such-organisation',
		'/static/app.css', '/api/v1/orgs']) {
		const h = await headersOf(path);
		const csp = h['content-security-policy'] ?? '';
		assert.ok(csp, `${path}: no Content-Security-Policy`);
		assert.ok(!csp.includes("'unsafe-inline'"), `${path}: the policy allows inline code`);
		assert.match(csp, /script-src 'self'/, `${path}: the policy lets in others' scripts`);
		assert.match(csp, /frame-ancestors 'none'/, `${path}: the page may be framed`);
		assert.equal(h['x-frame-options'], 'DENY', `${path}: X-Frame-Options`);
		assert.equal(h['x-content-type-options'], 'nosniff', `${path}: X-Content-Type-Options`);
	}

	step('a form posted from another site is refused and changes nothing');
	const before = isms('org', 'list', '--json');
	await ctx.route(`${elsewhere}/**`, (route) => route.fulfill({
		contentType: 'text/html',
		body: `<!doctype html><html lang="en"><title>Elsewhere</title>
			<form method="post" action="${base}/api/v1/orgs">
			<input type="hidden" name="slug" value="forged">
			<input type="hidden" name="name" value="Forged Ltd">
			<input type="hidden" name="_next" value="/orgs">
			<button type="submit">Claim your prize</button></form>`,
	}));
	await page.goto(`${elsewhere}/`);
	const status = await submit(page, 'Claim your prize');
	// The browser keeps the session's cookie from another site's form.
	assert.ok(status === 401 || status === 403, `the other site's form was answered ${status}`);
	await expectText(page.getByRole('alert'), /.+/);
	assert.equal(isms('org', 'list', '--json'), before, 'the organisations changed');

	step('with the session cookie but no _csrf field, the form is refused with 403');
	const forged = (headers) => page.request.post(`${base}/api/v1/orgs`, {
		form: { slug: 'forged', name: 'Forged Ltd', _next: '/orgs' },
		headers: { Origin: elsewhere, ...headers },
		maxRedirects: 0,
	});
	let r = await forged({ Accept: 'text/html' });
	assert.equal(r.status(), 403, `a form without _csrf was answered ${r.status()}`);
	assert.match(await r.text(), /class="problem"[^>]*>[^<]*did not come from this site/);
	assert.equal(isms('org', 'list', '--json'), before, 'the organisations changed');

	step('nor is it taken as an API call without the X-CSRF-Token header');
	r = await forged({ Accept: '*/*' });
	assert.equal(r.status(), 403, `an API call without its token was answered ${r.status()}`);
	assert.equal(isms('org', 'list', '--json'), before, 'the organisations changed');
});
