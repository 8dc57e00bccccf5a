/*
 * journeys-security.mjs - stored text stays text: HTML and script typed
 * into every free-text field come back inert on every page, as the words
 * that were typed.  The harness also fails a journey on any script error
 * and on any script or style the Content-Security-Policy had to refuse.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expectText, isms, journey, signIn, step } from './lib.mjs';

/* What an attacker would type: a script, an event handler, quotes. */
const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"&\'';
const SLUG = 'hostile';

/* An organisation whose every free text holds the hostile text. */
function seed() {
	const h = HOSTILE;
	const file = join(mkdtempSync(join(tmpdir(), 'isms-hostile-')), 'policy.txt');

	writeFileSync(file, `Policy ${h}\n`);
	isms('org', 'add', SLUG, '--name', `Org ${h}`);
	const o = ['--org', SLUG];
	isms(...o, 'scope', 'statement', `Statement ${h}`);
	isms(...o, 'scope', 'add', 'process', `Process ${h}`, '--description', `Desc ${h}`);
	isms(...o, 'asset', 'add', `Asset ${h}`, '--type', 'information', '--owner',
		`Owner ${h}`, '--description', `Asset description ${h}`);
	isms(...o, 'gap', 'new', '--name', `Gap ${h}`, '--assessor', `Assessor ${h}`);
	isms(...o, 'gap', 'set', 'A.5.1', '--status', 'partial', '--owner', `Owner ${h}`,
		'--note', `Note ${h}`);
	isms(...o, 'gap', 'set', '4.1', '--status', 'nonconforming', '--note', `Finding ${h}`);
	isms(...o, 'evidence', 'add', file, '--kind', 'policy', '--title', `Evidence ${h}`);
	isms(...o, 'risk', 'add', '--title', `Risk ${h}`, '--asset', `Asset ${h}`, '--threat',
		`Threat ${h}`, '--vulnerability', `Weakness ${h}`, '--likelihood', '3',
		'--impact', '4', '--treatment', 'modify', '--controls', 'A.5.1', '--owner',
		`Risk owner ${h}`);
	isms(...o, 'audit', 'new', '--title', `Audit ${h}`, '--scope', 'A.5.1,4.1', '--start',
		'2026-02-02', '--end', '2026-02-03', '--objectives', `Objectives ${h}`,
		'--criteria', `Criteria ${h}`);
}

/* Every page of the organisation, and the ones outside it (audit ids are
 * the store's, so the audit's is looked up). */
const pages = (audit) => [
	'/orgs',
	`/orgs/${SLUG}`,
	`/orgs/${SLUG}/scope`,
	`/orgs/${SLUG}/gap`,
	`/orgs/${SLUG}/gap/A.5.1`,
	`/orgs/${SLUG}/roadmap`,
	`/orgs/${SLUG}/evidence`,
	`/orgs/${SLUG}/assets`,
	`/orgs/${SLUG}/risks`,
	`/orgs/${SLUG}/soa`,
	`/orgs/${SLUG}/audits`,
	`/orgs/${SLUG}/audits/${audit}`,
	`/orgs/${SLUG}/audits/${audit}/checklist`,
	`/orgs/${SLUG}/audits/${audit}/report`,
	`/orgs/${SLUG}/capa`,
	`/orgs/${SLUG}/reviews`,
	`/orgs/${SLUG}/calendar`,
	`/orgs/${SLUG}/log`,
	'/users',
];

journey('stored HTML and script stay inert on every page', async ({ page, users }) => {
	step('an organisation whose every free text is hostile');
	seed();
	const audit = JSON.parse(isms('--org', SLUG, '--json', 'audit', 'list'))[0].id;
	await signIn(page, users.admin);
	let shown = 0;

	for (const path of pages(audit)) {
		step(`${path} shows the text as text and runs none of it`);
		const response = await page.goto(path);
		assert.equal(response.status(), 200, `${path} answered ${response.status()}`);
		assert.equal(await page.evaluate(() => window.__pwned), undefined,
			`${path} ran the stored script`);
		assert.equal(await page.locator('main script, main img[src="x"]').count(), 0,
			`${path} holds stored markup as elements`);
		const text = await page.locator('body').innerText();
		if (text.includes(HOSTILE))
			shown++;
	}
	step('the hostile text is shown, as typed, where it belongs');
	assert.ok(shown >= 8, `the text was shown on only ${shown} pages`);
	await page.goto(`/orgs/${SLUG}/scope`);
	await expectText(page, `Statement ${HOSTILE}`);
});
