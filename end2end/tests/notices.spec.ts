import { Page, expect } from '@playwright/test';
import { baseline, isJs, putCompute, ready, revision, submit, test } from './helpers';

// Issue #18, items 9, 10, 11 and 13 (the host-bits note), and the password
// page's focus: what the pages answer after an action, and where.

/** Fills a port's card with a static address on `net` (a /24 given as "10.x.y"). */
async function fillStatic(page: Page, port: string, net: string) {
  const card = page.getByTestId(`port-${port}`);
  await card.getByLabel('Static').check();
  await card.getByLabel('IP address').fill(`${net}.10`);
  await card.getByLabel('Prefix or subnet mask').fill('24');
  await card.getByLabel('Gateway').fill(`${net}.1`);
  await card.getByLabel('Primary DNS').fill(`${net}.53`);
}

test('a notice belongs to the page and the action that caused it', async ({ page, request }) => {
  await baseline(request);
  await page.goto('/network');
  await ready(page);
  await fillStatic(page, 'Port4', '10.60.0');
  await submit(page, 'Stage Port4');
  await expect(page.getByTestId('notice')).toContainText('Changes staged');

  // On the Changes page a notice does not offer a link to the Changes page.
  await page.goto('/changes?notice=staged&n=0');
  await expect(page.getByTestId('notice')).toContainText('Changes staged');
  await expect(page.getByTestId('notice').getByRole('link')).toHaveCount(0);
  // Elsewhere it does.
  await page.goto('/kubernetes?notice=staged&n=0');
  await expect(page.getByTestId('notice').getByRole('link', { name: 'Review and apply' })).toHaveAttribute('href', '/changes');

  await page.goto('/changes');
  await ready(page);
  const next = (await revision(request)) + 1;
  await submit(page, `Apply as revision ${next}`);
  await expect(page.getByTestId('notice')).toContainText(`Revision ${next} applied`);

  // The other pages do not repeat it.
  for (const name of ['Kubernetes', 'Routes']) {
    await page.getByRole('navigation').getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByTestId('notice')).toHaveCount(0);
    await expect(page.getByText(`Revision ${next} applied`)).toHaveCount(0);
  }

  if (isJs()) {
    // Coming back through the history, or reloading, does not show it again:
    // the notice left the address once it was shown.
    await page.goBack();
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1, name: 'Changes' })).toBeVisible();
    await expect(page).toHaveURL(/\/changes$/);
    await expect(page.getByTestId('notice')).toHaveCount(0);
    await page.reload();
    await ready(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Changes' })).toBeVisible();
    await expect(page.getByTestId('notice')).toHaveCount(0);
  }
});

test('staging nothing new says so; the header counts things; the answer is shown at the port', async ({ page, request }) => {
  await baseline(request);
  await page.goto('/network');
  await ready(page);
  const pill = page.getByTestId('staged-pill');
  const card5 = page.getByTestId('port-Port5');

  // The port as it is applied: nothing changed, nothing staged.
  await submit(page, 'Stage Port5');
  await expect(card5.getByTestId('notice')).toHaveText('Nothing changed: these values are already staged or applied, so nothing was staged.');
  await expect(page.getByTestId('notice')).toHaveCount(1);
  await expect(pill).toHaveCount(0);
  await expect(card5.getByTestId('staged-mark')).toHaveCount(0);
  expect((await (await request.get('/api/v1/config/staged')).json()).changes ?? []).toEqual([]);

  // A port made static: four fields, one staged port. The answer is in the
  // port's card (the last one, low on the page), in view.
  await fillStatic(page, 'Port5', '10.62.0');
  await submit(page, 'Stage Port5');
  const notice = card5.getByTestId('notice');
  await expect(notice).toContainText('Changes staged');
  await expect(notice).toBeInViewport();
  await expect(notice).toBeFocused();
  await expect(page.getByTestId('notice')).toHaveCount(1);
  await expect(card5.getByTestId('staged-mark')).toHaveText('Staged');
  await expect(page.getByTestId('port-Port4').getByTestId('staged-mark')).toHaveCount(0);
  await expect(pill).toHaveText('Staged: 1 port');

  // The same values again: nothing changed, the count stays.
  await submit(page, 'Stage Port5');
  await expect(card5.getByTestId('notice')).toContainText('Nothing changed');
  await expect(pill).toHaveText('Staged: 1 port');

  // A second port, then the Kubernetes networks: counted as things.
  await fillStatic(page, 'Port6', '10.63.0');
  await submit(page, 'Stage Port6');
  await expect(page.getByTestId('port-Port6').getByTestId('notice')).toContainText('Changes staged');
  await expect(pill).toHaveText('Staged: 2 ports');
  await page.goto('/kubernetes');
  await ready(page);
  await page.getByLabel('Pod network (Calico)').fill('172.29.0.0/16');
  await page.getByLabel('Service network', { exact: true }).fill('172.30.0.0/16');
  await submit(page, 'Stage changes');
  await expect(page.getByTestId('notice')).toContainText('Changes staged');
  await expect(pill).toHaveText('Staged: 2 ports, Kubernetes networks');
  await submit(page, 'Stage changes');
  await expect(page.getByTestId('notice')).toContainText('Nothing changed');
  await expect(pill).toHaveText('Staged: 2 ports, Kubernetes networks');

  // In Japanese too.
  await page.goto('/network');
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(pill).toHaveText('未適用の変更: ポート 2 個、Kubernetes ネットワーク');
  await expect(card5.getByTestId('staged-mark')).toHaveText('未適用の変更あり');
  await ready(page);
  await page.getByRole('button', { name: 'Port5 を未適用の変更に追加' }).click();
  await expect(card5.getByTestId('notice')).toContainText('変更はありません');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  expect((await request.delete('/api/v1/config/staged')).status()).toBe(204);
});

test('a refused route is not spoken of as staged; a missing prefix length is marked on its box', async ({ page, request }) => {
  await baseline(request, '10.64.0');
  await page.goto('/routes');
  await ready(page);
  const destination = page.getByLabel('Destination prefix');
  const prefix = page.getByLabel('Prefix length');

  await destination.fill('192.168.40.0');
  await page.getByLabel('Next hop').fill('10.64.0.1');
  await page.getByLabel('Interface').selectOption('Port3');
  await submit(page, 'Add route');
  await expect(page.locator('#route-prefix-error')).toContainText('Prefix length: required');
  await expect(prefix).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#route-destination-error')).toBeEmpty();
  await expect(destination).not.toHaveAttribute('aria-invalid', 'true');
  await expect(prefix).toBeFocused();
  if (!isJs()) {
    // Without JavaScript the server answers: in a route's words.
    await expect(page.getByTestId('notice')).toHaveText('Route not added: 1 problem, shown beside its field.');
  }
  await expect(page.getByText('Not applied')).toHaveCount(0);
  await expect(page.getByText('staged changes')).toHaveCount(0);

  // What only the server can know (a route added meanwhile from elsewhere)
  // is refused in the same words, with JavaScript too.
  const res = await request.post('/api/v1/routes', {
    data: { destination: '192.168.50.0/24', next_hop: '10.64.0.1', interface: 'Port3' },
  });
  expect(res.status(), await res.text()).toBe(201);
  await destination.fill('192.168.50.0/24');
  await prefix.fill('');
  await submit(page, 'Add route');
  await expect(page.getByTestId('notice')).toHaveText('Route not added: 1 problem, shown beside its field.');
  await expect(page.locator('#route-destination-error')).toContainText('Port3 already has a route to it');
  await expect(destination).toHaveValue('192.168.50.0/24');
});

test('a destination with host bits set is added as its network, and the answer says so', async ({ page, request }) => {
  await baseline(request, '10.65.0');
  await page.goto('/routes');
  await ready(page);
  await page.getByLabel('Destination prefix').fill('192.168.40.7/24');
  await page.getByLabel('Next hop').fill('10.65.0.1');
  await page.getByLabel('Interface').selectOption('Port3');
  const next = (await revision(request)) + 1;
  await submit(page, 'Add route');
  await expect(page.getByTestId('notice')).toHaveText(
    `Route 192.168.40.0/24 added and applied as revision ${next}. 192.168.40.7/24 had host bits set, so it was saved as its network, 192.168.40.0/24.`,
  );
  await expect(page.getByTestId('routes').getByRole('row', { name: /192\.168\.40\.0\/24/ })).toBeVisible();

  // Without host bits, the answer names the route only.
  await page.getByLabel('Destination prefix').fill('192.168.41.0/24');
  await page.getByLabel('Next hop').fill('10.65.0.1');
  await page.getByLabel('Interface').selectOption('Port3');
  await submit(page, 'Add route');
  await expect(page.getByTestId('notice')).toHaveText(`Route 192.168.41.0/24 added and applied as revision ${next + 1}.`);

  // Removing one names it too.
  await page.getByRole('link', { name: 'Remove the route to 192.168.40.0/24' }).click();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByTestId('notice')).toHaveText(`Route 192.168.40.0/24 removed; applied as revision ${next + 2}.`);
});

test('the password page starts in its first field', async ({ page }) => {
  await page.goto('/password');
  await ready(page);
  await expect(page.getByLabel('Current password')).toBeFocused();
  if (isJs()) {
    // Reached from the header within the document, too.
    await page.goto('/');
    await ready(page);
    await page.getByRole('link', { name: 'Change password' }).click();
    await expect(page).toHaveURL('/password');
    await expect(page.getByLabel('Current password')).toBeFocused();
  }
});

// #29: a port staged with problems on other pages lists each problem with a
// link to where it is fixed (here the node IPs, the service IPs and a route's
// next hop, all left outside the port's new subnet).
test('problems a staged port causes elsewhere are listed with links to their pages', async ({ page, request }) => {
  await baseline(request, '10.20.0');
  await putCompute(request, { port: 'Port3', node_ips: '10.20.0.20-10.20.0.22', service_ips: '10.20.0.100-10.20.0.120' });
  const route = await request.post('/api/v1/routes', {
    data: { destination: '192.168.30.0/24', next_hop: '10.20.0.1', interface: 'Port3', metric: 100 },
  });
  expect(route.status(), await route.text()).toBe(201);

  await page.goto('/network');
  await ready(page);
  const card = page.getByTestId('port-Port3');
  await card.getByLabel('IP address').fill('10.21.0.10');
  await card.getByLabel('Gateway').fill('10.21.0.1');
  await card.getByLabel('Primary DNS').fill('10.21.0.53');
  await submit(page, 'Stage Port3');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('problems; fix them before applying');
  const list = notice.getByTestId('notice-problems');
  await expect(list.getByRole('link', { name: /^Compute: .*Node IPs/i })).toHaveAttribute('href', '/compute');
  await expect(list.getByRole('link', { name: /^Compute: .*Service IPs/i })).toHaveAttribute('href', '/compute');
  await expect(list.getByRole('link', { name: /^Routes: .*192\.168\.30\.0\/24/ })).toHaveAttribute('href', '/routes');
  await list.getByRole('link', { name: /^Routes:/ }).click();
  await expect(page).toHaveURL('/routes');
  await request.delete('/api/v1/config/staged');
});
