/*
 * lib.mjs - the browser tests' harness: headless Chromium driven by
 * playwright-core, a small runner of named journeys, and the helpers the
 * journeys share.
 *
 * tests/web/run makes a store and starts a server, then runs
 * `node tests/web/lib.mjs [PATTERN]`: tests/web/journeys.mjs is loaded,
 * then every other tests/web/journeys*.mjs in name order, and each
 * journey (whose name contains PATTERN) runs in the order it was
 * declared, in a fresh browser context (no cookies), within its time
 * limit (journey(name, fn, { timeout: ms }) changes it; 2 minutes
 * otherwise).  Journeys share the one store, so each uses the demo
 * organisation in ways that leave the others' expectations true.
 * A journey is one async function:
 *
 *	journey('name', async ({ page, ctx, users, base, org, open }) => {
 *		step('what the person does next');
 *		...
 *	});
 *
 *   page   a new page, in ctx, a fresh browser context whose base URL is
 *          the server: page.goto('/orgs') works
 *   users  { admin, manager, auditor, viewer }, each { name, password,
 *          role }: the users tests/web/run made
 *   base   the server's address, "http://127.0.0.1:PORT"
 *   org    the slug of the demo organisation every non-admin user may see
 *   open   async () => a page in another fresh context (a second person)
 *
 * step() names what the journey does next; a failure is reported with the
 * step it was at and the line of the journey, and leaves every page's HTML
 * and a screenshot.  When a journey passes, a screenshot of its page (or
 * of the page it returns) ends it.  An uncaught script error or a
 * Content-Security-Policy refusal on any page fails the journey too.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const env = process.env;
const here = dirname(fileURLToPath(import.meta.url));

export const base = env.ISMS_WEB_BASE;
export const org = env.ISMS_WEB_ORG;
export const users = JSON.parse(env.ISMS_WEB_USERS || '{}');
const artifacts = env.ISMS_WEB_ARTIFACTS || join(here, 'artifacts');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];
const STEP_TIMEOUT = 10_000;
const NAVIGATION_TIMEOUT = 15_000;
const JOURNEY_TIMEOUT = 120_000;

/* WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8');

const journeys = [];
/* The journey running: { name, prefix, step, problems }. */
let current = null;

/* ---- declaring journeys ---- */

export function journey(name, fn, { timeout = JOURNEY_TIMEOUT } = {}) {
	if (journeys.some((j) => j.name === name))
		throw new Error(`two journeys are named '${name}'`);
	journeys.push({ name, fn, timeout, index: journeys.length + 1 });
}

export function step(what) {
	current.step = what;
}

/* A figure worth seeing when all passes, printed under the journey. */
export function note(text) {
	console.log(`       ${text}`);
}

/* ---- helpers for journeys ---- */

/* The program under test, on the tests' store: its standard output. */
export function isms(...args) {
	return execFileSync(env.ISMS_BIN || 'isms', args, { encoding: 'utf8' });
}

/*
 * Sign in as user ({ name, password }) with the sign-in form: the one on
 * the page when it shows it (a page that asked for a session), else the
 * one at /sign-in.  Answers the HTTP status of the page it lands on.
 */
export async function signIn(page, user) {
	if (new URL(page.url()).pathname !== '/sign-in')
		await page.goto('/sign-in');
	await page.fill('#username', user.name);
	await page.fill('#password', user.password);
	return submit(page, 'Sign in');
}

/*
 * Click the submit button named `button` and wait for the page the form
 * leads to (after any redirect); answers that page's HTTP status.
 */
export async function submit(page, button) {
	const answer = page.waitForResponse(
		(r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame() &&
			(r.status() < 300 || r.status() >= 400),
		{ timeout: NAVIGATION_TIMEOUT });
	const loaded = page.waitForEvent('load', { timeout: NAVIGATION_TIMEOUT });
	// Either may be left waiting when the click fails.
	answer.catch(() => {});
	loaded.catch(() => {});
	await page.getByRole('button', { name: button, exact: true }).click();
	const [response] = await Promise.all([answer, loaded]);
	return response.status();
}

/*
 * Wait until `where` (a page, or a locator: all the elements it matches)
 * shows `expected`, a string it contains or a RegExp it matches.
 */
export async function expectText(where, expected, { timeout = STEP_TIMEOUT } = {}) {
	const locator = typeof where.locator === 'function' && typeof where.goto === 'function'
		? where.locator('body') : where;
	const deadline = Date.now() + timeout;
	let shown = '';

	for (;;) {
		shown = (await locator.allInnerTexts()).join('\n');
		if (typeof expected === 'string' ? shown.includes(expected) : expected.test(shown))
			return shown;
		if (Date.now() > deadline)
			break;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const what = String(locator).replace(/^locator\('body'\)$/, 'the page');
	throw new Error(`${what} does not show ${JSON.stringify(String(expected))}; ` +
		(shown ? `it shows ${JSON.stringify(shown.slice(0, 400))}` : 'it shows nothing'));
}

/* Wait until the page is at `path` (with its query, if it has one). */
export async function expectPath(page, path, { timeout = STEP_TIMEOUT } = {}) {
	try {
		await page.waitForURL((url) => url.pathname + url.search === path, { timeout });
	} catch {
		const url = new URL(page.url());
		throw new Error(`the page is at ${url.pathname + url.search}, not at ${path}`);
	}
}

/* The CSRF token of the page's session (its <meta name="csrf-token">). */
export async function csrfToken(page) {
	const token = await page.locator('meta[name="csrf-token"]').getAttribute('content',
		{ timeout: STEP_TIMEOUT });
	if (!token)
		throw new Error('the page has no CSRF token');
	return token;
}

/* A full-page PNG in the artefacts, named after the journey and `name`. */
export async function screenshot(page, name) {
	const file = join(artifacts, `${current.prefix}${name ? '-' + slug(name) : ''}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/*
 * Run axe-core's WCAG 2 A and AA rules on the page at `path`, seen with
 * the session of `page`; fail on any serious or critical violation, naming
 * each rule and where it failed.  Lesser ones are printed.  axe is
 * injected as a script, which the pages' Content-Security-Policy rightly
 * forbids: the check has a context of its own that ignores it.
 */
export async function checkAccessibility(page, path) {
	const ctx = await page.context().browser().newContext({
		...contextOptions(),
		bypassCSP: true,
		storageState: await page.context().storageState(),
	});
	try {
		const p = await ctx.newPage();
		await p.goto(path);
		await p.addScriptTag({ content: axeSource });
		const violations = await p.evaluate(async (tags) => {
			const result = await window.axe.run(document, {
				runOnly: { type: 'tag', values: tags },
				resultTypes: ['violations'],
			});
			return result.violations.map((v) => ({
				id: v.id,
				impact: v.impact,
				help: v.help,
				targets: v.nodes.map((n) => n.target.join(' ')),
			}));
		}, AXE_TAGS);
		const grave = violations.filter((v) => ['serious', 'critical'].includes(v.impact));
		const lesser = violations.filter((v) => !grave.includes(v));
		if (lesser.length)
			note(`accessibility of ${path}: ` +
				lesser.map((v) => `${v.id} (${v.impact}, ${v.targets.length}x)`).join(', '));
		if (grave.length)
			throw new Error(`accessibility of ${path}:\n` + grave.map((v) =>
				`  ${v.id} (${v.impact}): ${v.help}; at ${v.targets.slice(0, 5).join(', ')}` +
				(v.targets.length > 5 ? ` and ${v.targets.length - 5} more` : '')).join('\n'));
		return violations;
	} finally {
		await ctx.close();
	}
}

/* ---- the runner ---- */

function slug(text) {
	return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function contextOptions() {
	return {
		baseURL: base,
		viewport: { width: 1280, height: 900 },
		locale: 'en-GB',
		timezoneId: 'UTC',
	};
}

/* Script errors and refusals by the Content-Security-Policy are faults. */
function watch(page) {
	page.on('pageerror', (e) => current?.problems.push(`script error on ${page.url()}: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
			current?.problems.push(`refused on ${page.url()}: ${m.text()}`);
	});
}

/* Where in a journeys file the error was raised, if there. */
function journeyLine(error) {
	const at = String(error?.stack || '').split('\n').find((l) => /\/journeys[^/]*\.mjs:\d+/.test(l));
	const m = at && at.match(/\/(journeys[^/]*\.mjs:\d+)/);
	return m ? m[1] : null;
}

/* Playwright's messages carry a long call log: its first lines say what
 * was waited for, which is enough. */
function shortMessage(error) {
	const lines = String(error?.message ?? error).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
	const log = lines.findIndex((l) => /^\s*Call log:/.test(l));
	const kept = log < 0 ? lines : [...lines.slice(0, log), ...lines.slice(log + 1, log + 3)];
	return kept.slice(0, 14).map((l) => l.trimEnd()).join('\n').trimEnd();
}

async function keepFailure(opened) {
	for (const [i, { page }] of opened.entries()) {
		const name = `${current.prefix}-failure${i ? '-' + (i + 1) : ''}`;
		try {
			writeFileSync(join(artifacts, `${name}.html`), await page.content());
			await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
		} catch {
			// A page that closed or hung leaves what it could.
		}
	}
}

async function runJourney(browser, j) {
	const opened = [];
	const open = async () => {
		const ctx = await browser.newContext(contextOptions());
		ctx.setDefaultTimeout(STEP_TIMEOUT);
		ctx.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
		const page = await ctx.newPage();
		watch(page);
		opened.push({ ctx, page });
		return page;
	};
	const started = Date.now();
	const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
	let timer;

	current = {
		name: j.name,
		prefix: `${String(j.index).padStart(2, '0')}-${slug(j.name)}`,
		step: '(before the first step)',
		problems: [],
	};
	try {
		const page = await open();
		const work = j.fn({ page, ctx: page.context(), users, base, org, open });
		// Past the time limit, its failure is no longer news.
		work.catch(() => {});
		const limit = new Promise((resolve, reject) => {
			timer = setTimeout(() => reject(new Error(
				`the journey took longer than ${j.timeout / 1000} s`)), j.timeout);
		});
		const last = await Promise.race([work, limit]);
		if (current.problems.length)
			throw new Error(current.problems.join('\n'));
		await screenshot(typeof last?.screenshot === 'function' ? last : page);
		console.log(`ok   ${j.index} ${j.name} (${seconds()} s)`);
		return true;
	} catch (e) {
		console.log(`FAIL ${j.index} ${j.name} (${seconds()} s)`);
		console.log(`       at step: ${current.step}`);
		const line = journeyLine(e);
		if (line)
			console.log(`       in ${line}`);
		console.log(shortMessage(e).replace(/^/gm, '       '));
		await keepFailure(opened);
		return false;
	} finally {
		clearTimeout(timer);
		for (const { ctx } of opened)
			await ctx.close().catch(() => {});
	}
}

async function main() {
	const pattern = process.argv[2] ?? '';
	// journeys.mjs, the basics, first; then the other files by name.
	const files = readdirSync(here).filter((f) => /^journeys.*\.mjs$/.test(f))
		.sort((a, b) => (b === 'journeys.mjs') - (a === 'journeys.mjs') || a.localeCompare(b));
	for (const file of files)
		await import(pathToFileURL(join(here, file)).href);
	const chosen = journeys.filter((j) => j.name.includes(pattern));
	if (!chosen.length)
		throw new Error(`no journey's name contains '${pattern}'`);
	if (!base || !org)
		throw new Error('ISMS_WEB_BASE and ISMS_WEB_ORG are not set (run tests/web/run)');
	mkdirSync(artifacts, { recursive: true });

	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		timeout: 60_000,
	});
	let passed = 0;
	let failed = 0;
	try {
		for (const j of chosen) {
			if (await runJourney(browser, j))
				passed++;
			else
				failed++;
		}
	} finally {
		await browser.close();
	}
	if (env.ISMS_WEB_COUNTS)
		writeFileSync(env.ISMS_WEB_COUNTS, `${passed} ${failed}\n`);
	process.exitCode = failed ? 1 : 0;
}

/* Run as the program, not when a journeys file imports it (the journeys
 * are imported once this module has finished loading). */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().catch((e) => {
		console.log(`web tests: ${shortMessage(e)}`);
		process.exitCode = 1;
	});
}
