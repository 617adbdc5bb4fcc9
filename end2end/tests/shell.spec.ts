import { expect } from '@playwright/test';
import { isJs, ready, test } from './helpers';

const pages = [
  { link: 'Overview', path: '/', title: 'Overview' },
  { link: 'Network', path: '/network', title: 'Network' },
  { link: 'Compute', path: '/compute', title: 'Compute' },
  { link: 'Kubernetes', path: '/kubernetes', title: 'Kubernetes' },
  { link: 'Routes', path: '/routes', title: 'Routes' },
  { link: 'Changes', path: '/changes', title: 'Changes' },
  { link: 'Audit trail', path: '/audit', title: 'Audit trail' },
];

test('navigation reaches every page, each with its title', async ({ page }) => {
  await page.goto('/');
  await ready(page);
  await expect(page.getByTestId('device-name')).toHaveText('EDGE-01');
  for (const p of [...pages.slice(1), pages[0]]) {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: p.link }).click();
    await expect(page).toHaveURL(p.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.title);
    await expect(page).toHaveTitle(`${p.title} · edgenet`);
    await expect(page.getByRole('link', { name: p.link, exact: true })).toHaveAttribute('aria-current', 'page');
  }
});

test('an unknown address answers 404 with a page that leads back', async ({ page }) => {
  const res = await page.goto('/no/such/page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page).toHaveTitle('Page not found · edgenet');
  await page.getByRole('main').getByRole('link', { name: 'overview' }).click();
  await expect(page).toHaveURL('/');
});

test('the page is hydrated with JavaScript and fully rendered without', async ({ page }) => {
  await page.goto('/compute');
  await expect(page.getByRole('heading', { name: 'Compute' })).toBeVisible();
  await expect(page.getByLabel('Kubernetes node IPs start')).toBeVisible();
  if (isJs()) {
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  } else {
    await page.waitForTimeout(300);
    await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
  }
});

test('without the .wasm module the page does not hydrate', async ({ page }) => {
  test.skip(!isJs(), 'only meaningful with JavaScript');
  let blocked = 0;
  await page.route('**/*.wasm', (route) => {
    blocked++;
    return route.abort();
  });
  await page.goto('/compute');
  await page.waitForTimeout(1500);
  expect(blocked).toBeGreaterThan(0);
  await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
});

test('no console errors on any page', async ({ page }) => {
  test.skip(!isJs(), 'console errors come from the hydrated app');
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  for (const p of pages) {
    await page.goto(p.path);
    await ready(page);
  }
  // Client-side navigation too, which renders on the client only.
  for (const p of pages) {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: p.link }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.title);
  }
  expect(errors).toEqual([]);
});

test('moving between pages and posting a form keep the document (no reload)', async ({ page }) => {
  test.skip(!isJs(), 'in-page navigation needs JavaScript');
  const documents: string[] = [];
  page.on('request', (r) => r.resourceType() === 'document' && documents.push(r.url()));
  // The Compute page has islands: the module and the catalog load with it.
  await page.goto('/compute');
  await ready(page);
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const same = () => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
  const modules: string[] = [];
  page.on('request', (r) => /\.(wasm|js|json)$/.test(new URL(r.url()).pathname) && modules.push(r.url()));

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Compute' }).click();
  await expect(page).toHaveURL('/compute');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compute');
  await expect(page).toHaveTitle('Compute · edgenet');
  // The page's island is live again: an error beside its field before anything is sent.
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
  const posts: string[] = [];
  page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
  await page.getByLabel('Kubernetes node IPs start').fill('10.0.0.300');
  await page.getByLabel('Kubernetes node IPs start').blur();
  await expect(page.locator('#node-ips-error')).toContainText('"10.0.0.300" is not an IPv4 address');
  expect(posts).toEqual([]);
  // Focus moves to the new page's main region, not left in the menu.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Routes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Routes');
  await expect(page.locator('#main')).toBeFocused();

  // Back and forward through the history stay in the document too.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Compute');
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Routes');

  // A form post (which route?, a GET form) answers in place.
  await page.getByLabel('Destination address').fill('8.8.8.8');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page).toHaveURL(/lookup=8\.8\.8\.8/);

  expect(await same()).toBe(true);
  // One document load, the first; every other page came by fetch.
  expect(documents).toHaveLength(1);
  // The module and the catalog were loaded once, with the first page.
  expect(modules).toEqual([]);
});

test('without JavaScript the module is not fetched at all; with it, only on pages with islands', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => /\.(wasm|js|json)$/.test(new URL(r.url()).pathname) && fetched.push(new URL(r.url()).pathname));
  // The Overview and the Changes page have no islands: nothing to load.
  for (const path of ['/', '/changes', '/audit']) {
    await page.goto(path);
    await ready(page);
  }
  expect(fetched).toEqual([]);
  await page.goto('/compute');
  await ready(page);
  if (isJs()) {
    expect(fetched.filter((p) => p.endsWith('.wasm'))).toHaveLength(1);
    // Only the reader's language: one catalog.
    expect(fetched.filter((p) => p.endsWith('.json'))).toEqual([expect.stringMatching(/^\/i18n\/en\.[0-9a-f]+\.json$/)]);
  } else {
    await page.waitForTimeout(300);
    expect(fetched).toEqual([]);
  }
});
