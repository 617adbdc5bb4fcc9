import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, Page, expect, test as base } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The test server's initial password (scripts/test.sh sets it) and the one the setup changes it to. */
export const INITIAL_PASSWORD = process.env.EDGENET_INITIAL_PASSWORD ?? 'Initial-Pass1';
export const PASSWORD = 'Edge-Pass-2026';
export const AUTH_DIR = path.join(__dirname, '..', '.auth');
export const STATE_FILE = path.join(AUTH_DIR, 'state.json');
export const CSRF_FILE = path.join(AUTH_DIR, 'csrf.txt');

/**
 * Tests run signed in (the setup's session): pages through the project's
 * storage state, the API through a request context that also sends the
 * session's CSRF token.
 */
export const test = base.extend({
  request: async ({ playwright, baseURL }, use) => {
    const ctx = await playwright.request.newContext({
      baseURL,
      ignoreHTTPSErrors: true,
      storageState: STATE_FILE,
      extraHTTPHeaders: { 'x-csrf-token': fs.readFileSync(CSRF_FILE, 'utf8').trim() },
    });
    await use(ctx);
    await ctx.dispose();
  },
});

/** Every page of the signed-in console (the sign-in page is checked apart). */
export const PAGES = ['/', '/network', '/compute', '/kubernetes', '/routes', '/changes', '/audit', '/password'];

export const isJs = () => test.info().project.name === 'hydrated';

export async function revision(request: APIRequestContext): Promise<number> {
  const res = await request.get('/api/v1/config');
  expect(res.ok()).toBeTruthy();
  return (await res.json()).revision;
}

async function put(request: APIRequestContext, path: string, body: object) {
  const res = await request.put(path, { data: { ...body, revision: await revision(request) } });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return res.json();
}

export const putPort = (request: APIRequestContext, name: string, body: object) =>
  put(request, `/api/v1/ports/${name}`, body);

export const putCompute = (request: APIRequestContext, body: object) => put(request, '/api/v1/compute', body);

/**
 * A known starting point, set through the API: the factory configuration
 * (nothing staged, compute off, cluster networks unlocked), then Port3 static
 * on `port3` (a /24 given as "10.x.y") when asked.
 */
export async function baseline(request: APIRequestContext, port3?: string) {
  const res = await request.post('/api/v1/config/factory-reset', { data: { revision: await revision(request) } });
  expect(res.status(), await res.text()).toBe(200);
  if (port3) {
    await putPort(request, 'Port3', {
      mode: 'static',
      address: `${port3}.2`,
      prefix: 24,
      gateway: `${port3}.1`,
      dns_primary: `${port3}.53`,
      mtu: 1500,
    });
  }
}

/** Wait until the page is interactive: hydrated with JS, loaded without. */
export async function ready(page: Page) {
  if (isJs()) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** Submits the form that holds `button` and waits for the page to settle. */
export async function submit(page: Page, name: string | RegExp) {
  await page.getByRole('button', { name }).click();
  await page.waitForLoadState('load');
}

/** axe-core with the WCAG 2.1 A and AA rules; serious and critical findings fail. */
export async function audit(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad).toEqual([]);
}
