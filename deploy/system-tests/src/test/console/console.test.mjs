// The web console (served by the api-gateway at /console/) driven in Debian's Chromium as a newcomer would use it:
// sign in, register a demo user, place an order and watch it reach CONFIRMED live, make the payment provider
// decline every card and watch the next order be CANCELLED, export the user's data from every holder, see the dead
// letters listed, rebuild the orders read model and see both orders unchanged, then erase the user and see both
// orders stay, shown as an erased user's. The provider is put back as it was, whatever happens, because other system tests share the
// platform.
//
//   node console.test.mjs <baseUrl> <screenshotPath>     exit 0: it all worked; 1: it did not (what the page
//                                                        showed is printed, and the screenshot saved anyway)
//
// No browser is downloaded: playwright-core drives the machine's /usr/bin/chromium (CHROMIUM overrides).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [baseArgument, screenshotPath] = process.argv.slice(2);
if (!baseArgument || !screenshotPath) {
  console.error('usage: node console.test.mjs <baseUrl> <screenshotPath>');
  process.exit(2);
}
const base = baseArgument.replace(/\/+$/, '');
const PROVIDER = `${base}/api/v1/admin/payment-provider/behaviour`;
const SAGA_PATIENCE_MS = 60_000;
const FINAL = ['CONFIRMED', 'SHIPPED']; // SHIPPED comes after CONFIRMED: either proves the order was confirmed
// Without the background-networking flags Chromium keeps calling home, and this machine's closed network refuses.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Runs in the page before its own scripts: records CSP violations and every status the page announces for the
// order just placed, so that the test can tell the status changed on screen rather than after a reload.
function watchThePage() {
  window.__cspViolations = [];
  window.__announced = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || 'inline'}`);
  });
  new MutationObserver(() => {
    const status = document.getElementById('placed-status');
    const seen = status?.dataset.status && `${status.dataset.orderId} ${status.dataset.status}`;
    if (seen && window.__announced.at(-1) !== seen) {
      window.__announced.push(seen);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

const steps = [];
function step(what) {
  steps.push(what);
  console.log(`- ${what}`);
}

const profile = await mkdtemp(join(tmpdir(), 'console-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 800 },
});
const page = browser.pages()[0] ?? await browser.newPage();
page.setDefaultTimeout(30_000); // a platform just started answers its first requests slowly
// Uncaught errors fail the test; console errors (such as an error answer the page shows) are only reported.
const pageErrors = [];
const consoleErrors = [];
page.on('pageerror', (error) => pageErrors.push(error.message));
page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
let navigations = 0;
page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++);
await page.addInitScript(watchThePage);

let token = null;
let providerAtStart = null;
let failed = false;
try {
  step(`open ${base}/console/`);
  await page.goto(`${base}/console/`);
  await page.evaluate(() => { window.__sameDocument = true; });

  step('sign in with a development token');
  const signIn = page.getByRole('button', { name: 'Sign in with a development token' });
  if (!await signIn.isVisible()) {
    throw new Error('no sign-in button: this gateway mints no development tokens (shopflow.gateway.dev-tokens)');
  }
  await signIn.click();
  await page.locator('#session-who', { hasText: 'Signed in as console' }).waitFor();
  token = await page.evaluate(() => sessionStorage.getItem('shopflow.console.token'));

  step('read the provider behaviour, and see the page show the same');
  providerAtStart = await api('GET', PROVIDER);
  await page.locator(`#provider-now[data-decline-rate="${providerAtStart.declineRate}"]` +
    `[data-latency-ms="${providerAtStart.latencyMs}"][data-failure-rate="${providerAtStart.failureRate}"]`).waitFor();
  if (providerAtStart.declineRate !== 0 || providerAtStart.failureRate !== 0) {
    throw new Error(`the provider misbehaves already: ${JSON.stringify(providerAtStart)}`);
  }

  step('register a demo user');
  await page.getByRole('button', { name: 'Register a demo user' }).click();
  // A regular expression: a plain hasText string would match the hint's "registered" before the answer came.
  await page.locator('#user-credit', { hasText: /^Registered .*: credit/ }).waitFor();
  const user = await page.locator('#user-select').inputValue();
  if (!user) {
    throw new Error('the registered user is not selected');
  }

  const sku = await page.locator('#products input[data-sku]').evaluateAll((inputs) =>
    (inputs.find((i) => i.dataset.sku === 'BOOK-DDD' && Number(i.dataset.available) >= 2)
      ?? inputs.find((i) => Number(i.dataset.available) >= 2))?.dataset.sku);
  if (!sku) {
    throw new Error('no product with stock for two orders');
  }

  step(`place an order for 1 × ${sku}, and watch it reach ${FINAL.join(' or ')}`);
  const confirmed = await placeOrder(sku);
  await awaitStatus(confirmed, FINAL);
  const announced = await page.evaluate((id) => window.__announced.filter((seen) => seen.startsWith(id)), confirmed);
  if (new Set(announced).size < 2) {
    throw new Error(`the page showed no status change for ${confirmed}, only: ${announced.join(', ')}`);
  }
  console.log(`  announced: ${announced.map((seen) => seen.split(' ')[1]).join(' → ')}`);
  await page.locator('#placed-status', { hasText: /Confirmed|Shipped/ }).waitFor();

  step('open its history');
  await page.locator(`#orders tr[data-order-id="${confirmed}"] button`).click();
  await page.locator('#history-title', { hasText: confirmed.slice(0, 8) }).waitFor();
  await page.locator('#history-events tr', { hasText: 'OrderPlaced' }).waitFor();

  step('make the provider decline every card, through the page');
  await page.getByLabel('Card decline rate (0–1)').fill('1');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.locator('#provider-now[data-decline-rate="1"]').waitFor();

  step('place a second order, and watch it be CANCELLED because the card was declined');
  const declined = await placeOrder(sku);
  await awaitStatus(declined, ['CANCELLED']);
  const reason = await page.locator(`#orders tr[data-order-id="${declined}"] .reason`).innerText();
  if (!reason.includes('declined')) {
    throw new Error(`order ${declined} was cancelled for another reason: ${reason}`);
  }

  step('export the user\'s data, and see every holder of personal data answer');
  await page.getByRole('button', { name: 'Export their data' }).click();
  await page.locator('#user-export[data-not-answered="0"]').waitFor();
  const exportSummary = await page.locator('#user-export-summary').innerText();
  if (!/ from (\d+) of \1 services\.$/.test(exportSummary)) {
    throw new Error(`the export is incomplete: ${exportSummary}`);
  }

  step('see the dead letters of every consuming service listed, none of them unreachable');
  await page.locator('#dead-letters tr').first().waitFor();
  if (await page.locator('#dead-letters-error').isVisible()) {
    throw new Error(`the dead letters panel shows a problem: ${await page.locator('#dead-letters-error').innerText()}`);
  }

  step('rebuild the orders read model from the event store, follow it to the end, and see both orders unchanged');
  await page.getByRole('button', { name: 'Rebuild from the event store' }).click();
  await page.locator('#order-views-progress[data-state="FINISHED"]').waitFor();
  for (const [id, statuses] of [[confirmed, FINAL], [declined, ['CANCELLED']]]) {
    const status = await api('GET', `${base}/api/v1/orders/${id}`).then((order) => order.status);
    if (!statuses.includes(status)) {
      throw new Error(`order ${id} is ${status} after the rebuild`);
    }
  }

  step('erase the user, and see both orders stay as they were, shown as an erased user\'s');
  page.once('dialog', (dialog) => dialog.accept()); // the console asks to confirm an erasure
  await page.getByRole('button', { name: 'Erase this user' }).click();
  await page.locator('#user-credit', { hasText: 'was erased' }).waitFor();
  for (const [id, statuses] of [[confirmed, FINAL], [declined, ['CANCELLED']]]) {
    const row = page.locator(`#orders tr[data-order-id="${id}"]`);
    await row.locator('td', { hasText: 'erased user' }).waitFor();
    if (!statuses.includes(await row.getAttribute('data-status'))) {
      throw new Error(`order ${id} changed when its user was erased: ${await row.getAttribute('data-status')}`);
    }
  }
  await page.locator(`#orders tr[data-order-id="${confirmed}"] button`).click();
  // The history names the user as the gateway's order details do: erased, nothing personal.
  await page.locator('#history-summary', { hasText: /^erased user · / }).waitFor();

  step('check the page was never reloaded and broke no rule');
  if (!await page.evaluate(() => window.__sameDocument) || navigations !== 1) {
    throw new Error(`the page was reloaded or navigated (${navigations} navigations)`);
  }
  const violations = await page.evaluate(() => window.__cspViolations);
  if (violations.length > 0 || pageErrors.length > 0) {
    throw new Error(`the page broke its CSP or failed: ${[...violations, ...pageErrors].join('; ')}`);
  }
  console.log('PASSED');
} catch (error) {
  failed = true;
  console.log(`FAILED at "${steps.at(-1)}": ${error.message}`);
  console.log(await whatThePageShows().catch((e) => `(the page could not be read: ${e.message})`));
} finally {
  await restoreProvider();
  await page.screenshot({ path: screenshotPath, fullPage: true }).catch((e) => console.log(`no screenshot: ${e}`));
  await browser.close();
  await rm(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/** Fills in quantity 1 of `sku`, submits, and returns the accepted order's id. */
async function placeOrder(sku) {
  await page.locator(`#products input[data-sku="${sku}"]`).fill('1');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/orders'),
    page.getByRole('button', { name: 'Place order' }).click(),
  ]);
  const body = await response.text();
  if (response.status() !== 202) {
    throw new Error(`placing the order answered ${response.status()}: ${body}`);
  }
  const { id } = JSON.parse(body);
  console.log(`  order ${id}`);
  return id;
}

/** Waits until the orders table shows order `id` in one of `statuses`. */
async function awaitStatus(id, statuses) {
  const row = statuses.map((status) => `#orders tr[data-order-id="${id}"][data-status="${status}"]`).join(', ');
  await page.locator(row).first().waitFor({ timeout: SAGA_PATIENCE_MS }).catch(async () => {
    const shown = await page.locator(`#orders tr[data-order-id="${id}"]`).getAttribute('data-status', { timeout: 1000 })
      .catch(() => 'not in the table');
    throw new Error(`order ${id} not shown ${statuses.join(' or ')} within ${SAGA_PATIENCE_MS / 1000} s: ${shown}`);
  });
}

/** Puts the provider back as it was at the start: through the page if it can, else through the API. */
async function restoreProvider() {
  if (!providerAtStart) {
    return;
  }
  try {
    await page.getByLabel('Transient failure rate (0–1)').fill(String(providerAtStart.failureRate), { timeout: 5000 });
    await page.getByLabel('Card decline rate (0–1)').fill(String(providerAtStart.declineRate), { timeout: 5000 });
    await page.getByLabel('Latency (ms)').fill(String(providerAtStart.latencyMs), { timeout: 5000 });
    await page.getByRole('button', { name: 'Apply' }).click({ timeout: 5000 });
    await page.locator(`#provider-now[data-decline-rate="${providerAtStart.declineRate}"]`).waitFor({ timeout: 5000 });
  } catch {
    // The page is in no state to do it; the API is.
  }
  try {
    await api('PUT', PROVIDER, providerAtStart);
    step(`the provider is back to ${JSON.stringify(providerAtStart)}`);
  } catch (error) {
    failed = true;
    console.log(`COULD NOT RESTORE the provider to ${JSON.stringify(providerAtStart)}: ${error.message}`);
  }
}

/** A call to the gateway with the page's token (minting one if the page has none). */
async function api(method, url, body) {
  token ??= (await (await fetch(`${base}/dev/tokens`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ subject: 'console-test', permissions: ['admin:platform'] }),
  })).json()).token;
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/** The page's status texts, for a failure report. */
async function whatThePageShows() {
  const shown = await page.evaluate(() => {
    const text = (selector) => [...document.querySelectorAll(selector)]
      .filter((element) => !element.hidden).map((element) => element.innerText.trim()).join(' | ');
    return [
      `signed in: ${text('#session-who')}`,
      `alerts: ${text('[role="alert"]') || 'none'}`,
      `latest order: ${text('#placed-status') || 'none'}`,
      `statuses announced: ${window.__announced?.join(', ')}`,
      `orders stream: ${text('#orders-live')}; services stream: ${text('#services-live')}`,
      `provider: ${text('#provider-now')}`,
      `orders table:\n${text('#orders-table')}`,
      `CSP violations: ${window.__cspViolations?.join('; ') || 'none'}`,
    ].join('\n');
  });
  return `${shown}\nscript errors: ${pageErrors.join('; ') || 'none'}\n` +
    `console errors: ${consoleErrors.join('; ') || 'none'}`;
}
