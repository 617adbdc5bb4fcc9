import { expect } from '@playwright/test';
import { baseline, isJs, putCompute, ready, submit, test } from './helpers';

test('add a route, see errors beside fields, ask which route, remove with confirmation', async ({ page, request }) => {
  await baseline(request, '10.50.0');
  await putCompute(request, {
    port: 'Port3',
    node_ips: { start: '10.50.0.10', end: '10.50.0.11' },
    service_ips: { start: '10.50.0.20', end: '10.50.0.29' },
  });
  await page.goto('/routes');
  await ready(page);
  await expect(page.getByTestId('no-routes')).toBeVisible();

  // Invalid input: errors next to the fields, values kept.
  await page.getByLabel('Destination prefix').fill('192.168.20.0/24');
  await page.getByLabel('Next hop').fill('10.50.1.1');
  await page.getByLabel('Interface').selectOption('Port3');
  await page.getByLabel('Metric').fill('fast');
  await submit(page, 'Add route');
  await expect(page.locator('#route-next-hop-error')).toContainText("outside Port3's subnet 10.50.0.0/24");
  await expect(page.locator('#route-metric-error')).toContainText('not a whole number');
  await expect(page.getByLabel('Next hop')).toHaveValue('10.50.1.1');
  await expect(page.getByLabel('Destination prefix')).toHaveValue('192.168.20.0/24');

  await page.getByLabel('Next hop').fill('10.50.0.1');
  await page.getByLabel('Metric').fill('100');
  await submit(page, 'Add route');
  await expect(page.getByTestId('notice')).toContainText('applied');
  const table = page.getByTestId('routes');
  await expect(table.getByRole('row', { name: /192\.168\.20\.0\/24/ })).toContainText('10.50.0.1');

  // Which route?
  await page.getByLabel('Destination address').fill('192.168.20.9');
  if (!isJs()) await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByTestId('which-route')).toContainText('the custom route 192.168.20.0/24 via 10.50.0.1 on Port3');
  await page.getByLabel('Destination address').fill('8.8.8.8');
  if (!isJs()) await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByTestId('which-route')).toContainText('default route via the internal virtual switch');

  // The node manifests carry the route.
  const master = await (await request.get('/api/v1/manifests/node-master')).text();
  expect(master).toContain('- to: 192.168.20.0/24');

  // Remove, with a confirmation step.
  await page.getByRole('link', { name: 'Remove the route to 192.168.20.0/24' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Remove the route to 192.168.20.0/24?' })).toBeVisible();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByTestId('no-routes')).toBeVisible();
  const list = await (await request.get('/api/v1/routes')).json();
  expect(list.routes).toEqual([]);
});

test('routes can be added before compute is configured', async ({ page, request }) => {
  await baseline(request, '10.51.0');
  await page.goto('/routes');
  await ready(page);
  await page.getByLabel('Destination prefix').fill('172.20.0.0');
  await page.getByLabel('Prefix length').fill('16');
  await page.getByLabel('Next hop').fill('10.51.0.1');
  await page.getByLabel('Interface').selectOption('Port3');
  await submit(page, 'Add route');
  await expect(page.getByTestId('routes')).toContainText('172.20.0.0/16');
});

// #29: the next hop's example is a router of the chosen interface's subnet.
test("the next hop's placeholder comes from the interface's subnet", async ({ page, request }) => {
  await baseline(request, '10.20.0');
  await page.goto('/routes');
  await ready(page);
  await page.getByLabel('Destination prefix').fill('192.168.20.0/24');
  await page.getByLabel('Interface').selectOption('Port3');
  await submit(page, 'Add route');
  await expect(page.locator('#route-next-hop-error')).toBeVisible();
  await expect(page.getByLabel('Next hop')).toHaveAttribute('placeholder', '10.20.0.1');
});
