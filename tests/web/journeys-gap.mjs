/*
 * journeys-gap.mjs - the gap assessment in a browser: recording findings
 * in the checklist and seeing readiness move, uploading evidence to an
 * item and getting the same bytes back, and the pages' accessibility.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

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

/* The overall readiness the page shows, as a number. */
async function readiness(page) {
	const kpi = page.locator('.kpi', { hasText: 'overall readiness' }).locator('.value');
	return parseFloat(await kpi.innerText());
}

/* The status chart's description: every count in words. */
async function statusChart(page) {
	return page.locator('#gap-statuses-desc').textContent();
}

/* What the command line says of an item of the newest assessment. */
function item(org, ref) {
	return JSON.parse(isms('--org', org, 'gap', 'show', ref, '--json'));
}

journey('record gap results and see the readiness chart change',
	async ({ page, users, org, open }) => {
		step('the compliance manager lists the nonconforming items');
		await signIn(page, users.manager);
		await page.goto(`/orgs/${org}/gap?status=nonconforming`);
		const row = page.locator('table.gap-items tbody tr').first();
		const ref = (await row.locator('td').first().innerText()).trim();
		const before = await readiness(page);
		const chartBefore = await statusChart(page);
		note(`recording ${ref}; readiness before: ${before}%`);

		step(`${ref} is recorded as partially conforming from its row`);
		await row.getByLabel(`Status of ${ref}`, { exact: true }).selectOption('partial');
		await row.getByLabel(`Maturity of ${ref}`, { exact: true }).selectOption('2');
		await row.getByLabel(`Owner of ${ref}`, { exact: true }).fill('Workshop owner');
		assert.equal(await submit(page, `Save ${ref}`), 200);
		await expectPath(page, `/orgs/${org}/gap?status=nonconforming`);
		await expectText(page.locator('.flash'), `${ref} recorded.`);

		step('the readiness and the status chart show it');
		const after = await readiness(page);
		assert.ok(after > before, `readiness went from ${before}% to ${after}%`);
		assert.notEqual(await statusChart(page), chartBefore, 'the status chart is the same');
		const anchor = `item-${ref.replace(/[^A-Za-z0-9]/g, '-')}`;
		assert.equal(await page.locator(`#${anchor}`).count(), 0,
			`${ref} is still listed among the nonconforming`);
		const shown = item(org, ref);
		assert.equal(shown.status, 'partial');
		assert.equal(shown.maturity, 2);
		assert.equal(shown.owner, 'Workshop owner');

		step(`on the page of ${ref}, a maturity of 9 is refused and nothing changes`);
		await page.goto(`/orgs/${org}/gap/${ref}`);
		// The select offers 0 to 5; a forged option shows what the server does.
		await page.locator('#maturity').evaluate((select) => select.add(new Option('9', '9')));
		await page.selectOption('#maturity', '9');
		assert.equal(await submit(page, 'Save the finding'), 422);
		await expectText(page.getByRole('alert'), 'maturity must be a whole number from 0 to 5');
		await page.getByRole('link', { name: 'Go back' }).waitFor();
		assert.deepEqual(item(org, ref), shown, `${ref} changed`);

		step('a viewer sees the new figures and nothing to change them with');
		const viewer = await open();
		await signIn(viewer, users.viewer);
		await viewer.goto(`/orgs/${org}/gap`);
		assert.equal(await readiness(viewer), after);
		assert.equal(await viewer.locator('table.gap-items select, table.gap-items input').count(),
			0, 'a viewer has edit controls');
		assert.equal(await viewer.getByRole('button', { name: /^Save/ }).count(), 0);
		return page;
	}, { timeout: 120_000 });

journey('upload evidence and download it back byte-identical',
	async ({ page, users, org }) => {
		const ref = 'A.5.1';
		const name = 'workshop-evidence.bin';
		const bytes = randomBytes(512 * 1024);
		const sha = createHash('sha256').update(bytes).digest('hex');
		const said = [];

		step(`the compliance manager opens ${ref} and drops a file on it`);
		await signIn(page, users.manager);
		await page.goto(`/orgs/${org}/gap/${ref}`);
		const form = page.locator('form.upload');
		await form.waitFor({ state: 'visible' });
		await page.setInputFiles('#up-file',
			{ name, mimeType: 'application/octet-stream', buffer: bytes });
		await page.fill('#up-title', 'Workshop evidence');
		await page.selectOption('#up-kind', 'record');
		// What the upload says as it goes, kept across the reload at its end.
		await page.exposeFunction('gapJourneySaid', (text) => said.push(text));
		await page.evaluate(() => {
			const status = document.querySelector('form.upload .upload-status');
			new MutationObserver(() => window.gapJourneySaid(status.textContent))
				.observe(status, { childList: true, characterData: true, subtree: true });
		});

		step('it uploads with its progress shown, is linked, and the page says so');
		const reloaded = page.waitForURL((url) => url.searchParams.get('uploaded') === sha,
			{ waitUntil: 'commit' });
		await page.getByRole('button', { name: `Upload and link to ${ref}` }).click();
		await reloaded;
		await page.waitForLoadState('load');
		await expectText(page.locator('.flash'), `“Workshop evidence” is stored and linked to ${ref}.`);
		await expectPath(page, `/orgs/${org}/gap/${ref}`);
		assert.ok(said.some((t) => /^Uploading workshop-evidence\.bin: \d+%$/.test(t)),
			`the upload did not show its progress: ${JSON.stringify(said)}`);
		assert.ok(item(org, ref).linked_evidence.some((e) => e.sha256 === sha),
			`${ref} is not linked to the file`);

		step('the file downloads byte for byte as it was sent');
		const row = page.locator('tr', { hasText: 'Workshop evidence' });
		await expectText(row, sha.slice(0, 12));
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			row.getByRole('link', { name: `Download ${name}` }).click(),
		]);
		const back = readFileSync(await download.path());
		assert.equal(back.length, bytes.length, 'the download has another length');
		assert.ok(back.equals(bytes), 'the download differs from the upload');
		return page;
	}, { timeout: 120_000 });

journey('gap assessment pages are accessible', async ({ page, users, org }) => {
	await signIn(page, users.manager);
	for (const path of [`/orgs/${org}/gap`, `/orgs/${org}/gap/A.5.1`,
		`/orgs/${org}/roadmap`, `/orgs/${org}/evidence`]) {
		step(`the page ${path}, with its forms`);
		await checkAccessibility(page, path);
	}
}, { timeout: 240_000 });
