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
