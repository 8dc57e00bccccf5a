/*
 * journeys-audit.mjs - the internal audit in a browser: planning an
 * audit, the refusal of an auditor on their own work, fieldwork from the
 * checklist, closing and issuing the report; a corrective action closed
 * only after its verification; and the pages' accessibility.
 */
import assert from 'node:assert/strict';

import {
	checkAccessibility,
	expectPath,
	expectText,
	isms,
	journey,
	note,
	signIn,
	step,
	submit,
} from './lib.mjs';

/* A day `days` from today (UTC), as YYYY-MM-DD. */
function day(days) {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/* An audit as the command line shows it. */
function audit(org, id) {
	return JSON.parse(isms('--org', org, 'audit', 'show', String(id), '--json'));
}

function capa(org, id) {
	return JSON.parse(isms('--org', org, 'capa', 'show', String(id), '--json'));
}

/* Forms that ask first (closing, issuing) are answered yes. */
function acceptQuestions(page) {
	page.on('dialog', (dialog) => dialog.accept());
}

journey('run an internal audit from plan to issued report, including the refusal ' +
	'when an auditor is assigned to audit their own control',
async ({ page, users, org, open }) => {
	const title = 'Journey: access control audit';
	// The auditor acts as Ruth Lindgren, the demo's lead auditor: over the
	// web, fieldwork is recorded by a user linked to a member of the team.
	isms('--org', org, 'person', 'set', 'Ruth Lindgren', '--user', users.auditor.name);
	acceptQuestions(page);

	step('the auditor plans an audit of two controls');
	await signIn(page, users.auditor);
	await page.goto(`/orgs/${org}/audits`);
	await page.getByRole('heading', { name: /^Audit programme \d{4}/ }).waitFor();
	await page.fill('#a-title', title);
	await page.fill('#a-scope', 'A.5.15,A.8.5');
	await page.fill('#a-start', day(-7));
	await page.fill('#a-end', day(-3));
	assert.equal(await submit(page, 'Plan the audit'), 200);
	await expectText(page.locator('.flash'), 'Audit planned.');
	const link = page.getByRole('link', { name: title, exact: true });
	const href = await link.getAttribute('href');
	const id = Number(href.split('/').pop());
	note(`planned A${id}`);

	step('Marcus Reid, who owns A.5.15, is refused on its team and nothing changes');
	await link.click();
	await page.selectOption('#t-name', 'Marcus Reid');
	assert.equal(await submit(page, 'Add to the team'), 409);
	await expectText(page.getByRole('alert'),
		'independence: Marcus Reid cannot audit their own work');
	assert.deepEqual(audit(org, id).team, [], 'the team changed');
	await page.getByRole('link', { name: 'Go back' }).click();
	await expectPath(page, `/orgs/${org}/audits/${id}`);

	step('Oliver Chen joins the team from the form');
	await page.selectOption('#t-name', 'Oliver Chen');
	assert.equal(await submit(page, 'Add to the team'), 200);
	await expectText(page.locator('.flash'), 'Auditor added to the team.');
	await expectText(page.locator('table', { hasText: 'Oliver Chen' }), 'Auditor');
	// The form's "Lead auditor" box is sent as "yes", which the team route
	// does not take yet; the lead is assigned as the command line does.
	isms('--org', org, 'audit', 'assign', String(id), 'Ruth Lindgren', '--lead');

	step('the auditor records a conforming compliance test from its row');
	await page.getByRole('link', { name: 'Checklist and fieldwork' }).click();
	await expectText(page.locator('.au-progress'), '0 of 4 tested');
	const field = (what, test) => page.getByLabel(`${what} for A.5.15, ${test} test`,
		{ exact: true });
	await field('Method', 'compliance').selectOption('interview');
	await field('Result', 'compliance').selectOption('conforming');
	await field('Notes', 'compliance').fill('The access control policy is followed for joiners');
	assert.equal(await submit(page, 'Save A.5.15, compliance test'), 200);
	await expectText(page.locator('.flash'), 'A.5.15 (compliance test) recorded.');
	await expectText(page.locator('.au-progress'), '1 of 4 tested');
	// The page comes back at the next row, ready for the keyboard.
	assert.equal(await page.evaluate(() => document.activeElement?.id), 'm-1');

	step('a minor nonconformity on the substantive test opens a corrective action');
	await field('Method', 'substantive').selectOption('reperformance');
	await field('Sample size', 'substantive').fill('10');
	await field('Population', 'substantive').fill('64 leavers');
	await field('Result', 'substantive').selectOption('minor');
	await field('Kind of nonconformity', 'substantive').selectOption('not-functioning');
	await field('Notes', 'substantive').fill('One of ten leavers kept access for a week');
	// Ctrl+Enter in the notes saves the row.
	await field('Notes', 'substantive').press('Control+Enter');
	await page.waitForURL(/#t-2$/);
	await expectText(page.locator('.flash'), 'A.5.15 (substantive test) recorded.');
	await expectText(page.locator('.au-progress'), '2 of 4 tested');
	const recorded = audit(org, id).checklist.find((t) => t.ref === 'A.5.15' &&
		t.test === 'substantive');
	assert.equal(recorded.result, 'minor');
	assert.ok(recorded.capa, 'no corrective action was opened');

	step('the audit page lists the finding with its corrective action');
	await page.getByRole('link', { name: 'Plan and team' }).click();
	const finding = page.locator('tr', { hasText: 'One of ten leavers' });
	await expectText(finding, 'minor nonconformity');
	await expectText(finding, `CAPA-${recorded.capa}`);

	step('the fieldwork closes and the report is issued');
	assert.equal(await submit(page, 'Close fieldwork'), 200);
	await expectText(page.locator('.flash'), `Fieldwork of A${id} closed.`);
	await page.fill('#i-by', 'Ruth Lindgren');
	assert.equal(await submit(page, 'Issue report'), 200);
	await expectPath(page, `/orgs/${org}/audits/${id}/report`);
	await expectText(page.locator('.flash'), `Report of A${id} issued.`);
	await expectText(page.locator('h1'), 'issued');
	for (const section of ['1. Introduction', '2. Executive summary', '3. Report guidance',
		'4. Audit findings', '5. Audit limitations'])
		await page.getByRole('heading', { name: section, exact: true }).waitFor();
	assert.equal(audit(org, id).status, 'issued');

	step('a viewer reads the issued audit and is offered nothing to change');
	const viewer = await open();
	await signIn(viewer, users.viewer);
	await viewer.goto(`/orgs/${org}/audits/${id}/checklist`);
	await expectText(viewer.locator('.au-progress'), '2 of 4 tested');
	assert.equal(await viewer.locator('table.au-checklist select, table.au-checklist textarea')
		.count(), 0, 'a viewer has edit controls');
	return page;
}, { timeout: 180_000 });

journey('close a corrective action after verification', async ({ page, users, org }) => {
	const id = 2;
	acceptQuestions(page);

	step('the ISMS manager records the action as implemented');
	await signIn(page, users.manager);
	await page.goto(`/orgs/${org}/capa`);
	const card = page.locator(`#capa-${id}`);
	await card.getByText(`Update CAPA-${id}`).click();
	await card.getByLabel('Status').selectOption('implemented');
	await card.getByLabel('Root cause').fill('Leavers are removed by hand from a ticket');
	await card.getByLabel(/^Corrective action/).fill('The HR system feeds the identity provider');
	assert.equal(await submit(page, `Save CAPA-${id}`), 200);
	await expectText(page.locator('.flash'), `CAPA-${id} saved.`);
	await page.locator(`section[aria-labelledby="col-implemented"] #capa-${id}`).waitFor();

	step('closing it before its verification is refused and changes nothing');
	const before = capa(org, id);
	assert.equal(await submit(page, `Close CAPA-${id}`), 409);
	await expectText(page.getByRole('alert'), 'cannot close before its effectiveness is verified');
	assert.deepEqual(capa(org, id), before, 'the corrective action changed');
	await page.getByRole('link', { name: 'Go back' }).click();

	step('its effectiveness is verified, then it closes');
	await page.locator(`#capa-${id}`).getByText(`Verify the effectiveness of CAPA-${id}`).click();
	await page.fill(`#vb-${id}`, 'Ruth Lindgren');
	await page.fill(`#vn-${id}`, 'Ten leavers sampled: every account disabled on the last day');
	assert.equal(await submit(page, `Record the verification of CAPA-${id}`), 200);
	await expectText(page.locator('.flash'), `Verification of CAPA-${id} recorded.`);
	assert.equal(await submit(page, `Close CAPA-${id}`), 200);
	await expectText(page.locator('.flash'), `CAPA-${id} closed.`);
	await expectText(page.locator(`section[aria-labelledby="col-done"] #capa-${id}`), 'closed');
	const closed = capa(org, id);
	assert.equal(closed.status, 'closed');
	assert.equal(closed.verified_by, 'Ruth Lindgren');
	return page;
});

journey('audit, corrective action and review pages are accessible',
	async ({ page, users, org }) => {
		await signIn(page, users.manager);
		for (const path of [`/orgs/${org}/audits`, `/orgs/${org}/audits/1`,
			`/orgs/${org}/audits/2/checklist?group=5`, `/orgs/${org}/audits/1/report`,
			`/orgs/${org}/capa`, `/orgs/${org}/reviews`, `/orgs/${org}/reviews/1`]) {
			step(`the page ${path}, with its forms`);
			await checkAccessibility(page, path);
		}
	}, { timeout: 300_000 });
