/*
 * journeys-risk.mjs - the risk side in a browser: an asset and a risk
 * added from the pages, the SoA's alignment problem they cause shown at
 * the top of the SoA and put right from there, what a viewer sees, and
 * the pages' accessibility.
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

/* The SoA row of a control, as the command line says it. */
function soaRow(org, ref) {
	return JSON.parse(isms('--org', org, 'soa', 'show', ref, '--json'));
}

/* What `soa check` says, whatever its exit status (3: problems). */
function soaCheck(org) {
	try {
		return isms('--org', org, 'soa', 'check');
	} catch (e) {
		return String(e.stdout);
	}
}

/* The id attribute the SoA page gives a control's row. */
function rowId(ref) {
	return `soa-${ref.replace(/[^A-Za-z0-9]/g, '-')}`;
}

journey('build a risk and see the SoA alignment problem appear and clear',
	async ({ page, users, org }) => {
		const asset = 'Test lab / bench';
		const title = 'Tampering with kit on the test bench';
		const excluded = JSON.parse(isms('--org', org, 'soa', 'list', '--json'))
			.controls.find((c) => !c.applicable);
		assert.ok(excluded, 'the demo organisation excludes no control');
		const ref = excluded.ref;
		const checkBefore = soaCheck(org);
		note(`${ref} is excluded: ${excluded.exclusion}`);
		// Deleting asks first (data-confirm); the person agrees.
		page.on('dialog', (dialog) => dialog.accept());

		step('the ISMS manager adds an asset whose name holds a slash');
		await signIn(page, users.manager);
		await page.goto(`/orgs/${org}/assets`);
		await page.fill('#a-name', asset);
		await page.selectOption('#a-type', 'site');
		await page.fill('#a-owner', 'Laura Pereira');
		await page.selectOption('#a-c', '3');
		assert.equal(await submit(page, 'Add asset'), 200);
		await expectPath(page, `/orgs/${org}/assets`);
		await expectText(page.locator('.flash'), 'Asset added.');
		await expectText(page.locator('table.ra-assets'), asset);

		step(`a risk to it, treated by ${ref}, is added from the register`);
		await page.goto(`/orgs/${org}/risks`);
		const mapBefore = await page.locator('#risks-inherent-desc').textContent();
		await page.fill('#r-title', title);
		await page.fill('#r-asset', asset);
		await page.fill('#r-threat', 'A visitor follows staff into the lab');
		await page.fill('#r-vulnerability', 'No badge reader on the lab door');
		await page.selectOption('#r-likelihood', '3');
		await page.selectOption('#r-impact', '4');
		await page.selectOption('#r-treatment', 'modify');
		await page.fill('#r-controls', ref);
		await page.fill('#r-owner', 'Laura Pereira');
		assert.equal(await submit(page, 'Add risk'), 200);
		await expectPath(page, `/orgs/${org}/risks`);
		await expectText(page.locator('.flash'), 'Risk added.');
		const row = page.locator('table.ra-risks tbody tr', { hasText: title });
		const risk = (await row.locator('td').first().innerText()).trim();
		await expectText(row, ref);
		assert.notEqual(await page.locator('#risks-inherent-desc').textContent(), mapBefore,
			'the heat map did not count the new risk');
		note(`added ${risk}`);

		step('the SoA shows the problem at the top, with what to do');
		await page.goto(`/orgs/${org}/soa`);
		const problem = page.locator('.ra-problems li.problem[data-code="excluded-but-selected"]',
			{ hasText: ref });
		await expectText(problem, `treatment of 1 risk selects it (${risk})`);
		await expectText(problem, 'mark it applicable');

		step(`the manager decides from the problem that ${ref} applies, saying why`);
		await problem.getByRole('link', { name: `Decide on ${ref}` }).click();
		await expectPath(page, `/orgs/${org}/soa?edit=${encodeURIComponent(ref)}`);
		await page.selectOption('#d-reason', 'business');
		await page.fill('#d-why', 'The test lab holds hardware that needs a secure area');
		assert.equal(await submit(page, `Mark ${ref} applicable`), 200);
		await expectPath(page, `/orgs/${org}/soa`);
		await expectText(page.locator('.flash'), `${ref} is applicable.`);

		step('the problem is gone and the row says the control applies');
		assert.equal(await page.locator('.ra-problems [data-code="excluded-but-selected"]').count(),
			0, 'the SoA still shows a control excluded but selected');
		const soaLine = page.locator(`#${rowId(ref)}`);
		await expectText(soaLine.locator('td').nth(2), 'yes');
		await expectText(soaLine, `business: The test lab holds hardware`);
		await expectText(soaLine, risk);
		const shown = soaRow(org, ref);
		assert.equal(shown.applicable, true);
		assert.ok(shown.risks.includes(risk), `${ref} does not list ${risk}`);

		step('the risk is deleted from its page, then the asset from the inventory');
		await page.goto(`/orgs/${org}/risks/${risk}`);
		assert.equal(await submit(page, `Delete ${risk}`), 200);
		await expectPath(page, `/orgs/${org}/risks`);
		await expectText(page.locator('.flash'), `${risk} deleted.`);
		await page.goto(`/orgs/${org}/assets`);
		await page.locator('table.ra-assets tr', { hasText: asset })
			.getByRole('link', { name: `Edit ${asset}` }).click();
		assert.equal(await submit(page, `Delete ${asset}`), 200);
		await expectText(page.locator('.flash'), `Asset “${asset}” deleted.`);
		assert.equal(await page.locator('table.ra-assets', { hasText: asset }).count(), 0);

		step(`${ref} is excluded again as it was, and the SoA is as before`);
		isms('--org', org, 'soa', 'set', ref, '--applicable', 'yes', '--reason', 'business',
			'--justification', '');
		isms('--org', org, 'soa', 'set', ref, '--applicable', 'no', '--justification',
			excluded.exclusion);
		assert.equal(soaCheck(org), checkBefore);
		await page.goto(`/orgs/${org}/soa`);
		return page;
	}, { timeout: 120_000 });

journey('the viewer sees the risk register and its heat maps but cannot change them',
	async ({ page, users, org }) => {
		step('the risk register shows both heat maps and every risk');
		await signIn(page, users.viewer);
		await page.goto(`/orgs/${org}/risks`);
		for (const id of ['risks-inherent', 'risks-residual'])
			await page.locator(`svg[aria-labelledby="${id}"]`).waitFor();
		// A chart's description is for assistive technology: not drawn.
		assert.match(await page.locator('#risks-inherent-desc').textContent(), /risks? /);
		const rows = await page.locator('table.ra-risks tbody tr').count();
		assert.ok(rows > 0, 'the register lists no risk');
		note(`${rows} risks listed`);

		step('a filter narrows the list and the heat maps');
		await page.selectOption('#f-inherent', 'critical');
		assert.equal(await submit(page, 'Show risks'), 200);
		assert.equal(new URL(page.url()).searchParams.get('inherent'), 'critical');
		const critical = await page.locator('table.ra-risks tbody tr').count();
		assert.ok(critical < rows, 'the filter kept every risk');
		for (const badge of await page.locator('table.ra-risks tbody tr td:nth-child(5)').allInnerTexts())
			assert.equal(badge.trim(), 'critical');

		step('no page of the risk side offers the viewer a change');
		const first = await page.locator('table.ra-risks tbody tr td a').first().innerText();
		for (const path of [`/orgs/${org}/risks`, `/orgs/${org}/risks/${first}`,
			`/orgs/${org}/assets`, `/orgs/${org}/soa`, `/orgs/${org}/soa?edit=A.5.1`]) {
			await page.goto(path);
			assert.equal(await page.locator('main form[method="post"]').count(), 0,
				`${path} offers a form that changes something`);
			assert.equal(await page.locator('main textarea').count(), 0,
				`${path} offers a text to change`);
			assert.equal(await page.getByRole('link', { name: /^(Edit|Decide)\b/ }).count(), 0,
				`${path} offers an edit link`);
		}
		await page.goto(`/orgs/${org}/risks`);
		return page;
	}, { timeout: 120_000 });

journey('risk pages are accessible', async ({ page, users, org }) => {
	await signIn(page, users.manager);
	for (const path of [`/orgs/${org}/assets`, `/orgs/${org}/risks`, `/orgs/${org}/risks/R1`,
		`/orgs/${org}/soa`, `/orgs/${org}/soa?edit=A.5.3`]) {
		step(`the page ${path}, with its forms`);
		await checkAccessibility(page, path);
	}
}, { timeout: 240_000 });
