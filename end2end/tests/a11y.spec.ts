import { Page, expect } from '@playwright/test';
import { PAGES as pages, audit, baseline, isJs, putCompute, putPort, ready, revision, test } from './helpers';


test('every page passes axe-core without serious or critical violations', async ({ page, request }) => {
  test.skip(!isJs(), 'axe-core runs as a script in the page; the HTML is the same without JavaScript');
  // Eight pages, each analysed whole: more than one flow's time.
  test.setTimeout(120_000);
  await baseline(request, '10.40.0');
  for (const path of pages) {
    await page.goto(path);
    await ready(page);
    await audit(page, path);
  }
});

test('every page passes with every disclosure open (the manifest previews too)', async ({ page, request }) => {
  test.skip(!isJs(), 'axe-core runs as a script in the page; the HTML is the same without JavaScript');
  test.setTimeout(120_000);
  // A closed <details> hides its content from axe: the dark manifest preview once
  // held light text on a light background that no audit saw (#18 item 14).
  await baseline(request, '10.42.0');
  await putCompute(request, {
    port: 'Port3',
    node_ips: { start: '10.42.0.10', end: '10.42.0.12' },
    service_ips: { start: '10.42.0.20', end: '10.42.0.29' },
  });
  for (const path of pages) {
    await page.goto(path);
    await ready(page);
    const opened = await page.evaluate(() => {
      const all = Array.from(document.querySelectorAll('details'));
      all.forEach((d) => (d.open = true));
      return all.length;
    });
    if (path === '/kubernetes') expect(opened).toBeGreaterThan(0);
    await audit(page, `${path} with every disclosure open`);
  }
  await baseline(request);
});

test('pages showing errors, staged changes and the sign-in page pass too', async ({ page, request, browser, baseURL }) => {
  test.skip(!isJs(), 'axe-core runs as a script in the page; the HTML is the same without JavaScript');
  await baseline(request, '10.41.0');
  await page.goto('/compute');
  await ready(page);
  await page.getByLabel('Port3').check();
  await page.getByLabel('Kubernetes node IPs start').fill('10.41.0.5');
  await page.getByRole('button', { name: 'Stage changes' }).click();
  await expect(page.getByLabel('Kubernetes node IPs start')).toHaveAttribute('aria-invalid', 'true');
  await audit(page, '/compute with errors');
  await page.getByLabel('Kubernetes node IPs start').fill('10.41.0.10-10.41.0.12');
  await page.getByLabel('Kubernetes external service IPs start').fill('10.41.0.20-10.41.0.29');
  await page.getByRole('button', { name: 'Stage changes' }).click();
  await expect(page.getByTestId('notice')).toContainText('Changes staged');
  await page.goto('/changes');
  await ready(page);
  await audit(page, '/changes with staged changes');
  expect((await request.delete('/api/v1/config/staged')).status()).toBe(204);

  const anon = await browser.newContext({ baseURL, ignoreHTTPSErrors: true });
  const p = await anon.newPage();
  await p.goto('/signin?error=wrong');
  await audit(p, '/signin with an error');
  await anon.close();
});

/** Presses Tab until `target` has the focus: proof that the keyboard reaches it. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('the Compute setup can be done with the keyboard alone', async ({ page, request }) => {
  await baseline(request, '10.42.0');
  const before = await revision(request);
  await page.goto('/compute');
  await ready(page);

  // Choose Port3: into the radio group, then arrows (as in any radio group).
  await tabTo(page, page.getByRole('radio').first());
  const port3 = page.getByLabel('Port3');
  for (let i = 0; i < 8 && !(await port3.isChecked()); i++) await page.keyboard.press('ArrowRight');
  await expect(port3).toBeChecked();

  await tabTo(page, page.getByLabel('Kubernetes node IPs start'));
  await page.keyboard.type('10.42.0.10-10.42.0.12');
  await tabTo(page, page.getByLabel('Kubernetes external service IPs start'));
  await page.keyboard.type('10.42.0.20-10.42.0.29');
  await tabTo(page, page.getByRole('button', { name: 'Stage changes' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toContainText('Changes staged');

  // Review and apply: the notice's link, then the apply button, by keyboard.
  await tabTo(page, page.getByRole('link', { name: 'Review and apply' }).first());
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/changes/);
  await ready(page);
  await tabTo(page, page.getByRole('button', { name: /Apply as revision/ }));
  await page.keyboard.press('Enter');
  // The lock is asked about first, with the answer in focus.
  await expect(page.getByRole('button', { name: /Yes, apply revision \d+ and lock them/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toContainText(`Revision ${before + 1} applied`);
  const compute = await (await request.get('/api/v1/compute')).json();
  expect(compute.port).toBe('Port3');
  expect(compute.node_ips).toEqual({ start: '10.42.0.10', end: '10.42.0.12' });
});

test('focus is visible on every control the keyboard reaches', async ({ page }) => {
  test.skip(!isJs(), 'styles are the same without JavaScript');
  await page.goto('/compute');
  await ready(page);
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'none';
      const s = getComputedStyle(el);
      return s.outlineStyle !== 'none' && s.outlineWidth !== '0px' ? 'outline' : s.boxShadow !== 'none' ? 'shadow' : 'none';
    });
    expect(outline, `focus ring on Tab stop ${i + 1}`).not.toBe('none');
  }
});
