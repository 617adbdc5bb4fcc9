import { expect } from '@playwright/test';
import { baseline, putCompute, putPort, ready, submit, test } from './helpers';

// "Check addresses on the network" on the Compute page, hydrated and with
// JavaScript off (a plain form post either way).
//
// No test double: with EDGENET_ROUTE_NAMESPACE set, the e2e server probes real
// network namespaces that scripts/e2e-netns.sh makes before it starts (a LAN
// with the gateway 10.77.0.1 and DNS 10.77.0.53, and a squatter with MAC
// 02:00:00:00:5a:01 on 10.77.0.11 and 10.77.0.21); this machine runs as
// root and can make them. Without the variable, the server runs as a dry run,
// and the spec checks that every result says it cannot look at the wire.
const onWire = !!process.env.EDGENET_ROUTE_NAMESPACE;
const SQUATTER = '02:00:00:00:5a:01';

async function stageRanges(page, nodes: string, services: string) {
  await page.goto('/compute');
  await ready(page);
  await page.getByLabel('Port3').check();
  await page.getByLabel('Kubernetes node IPs start').fill(nodes);
  await page.getByLabel('Kubernetes external service IPs start').fill(services);
  await page.getByLabel('Kubernetes external service IPs end').fill('');
  await submit(page, 'Stage changes');
  await expect(page.getByTestId('notice')).toContainText('Changes staged');
}

test('check the staged ranges on the network, then see the result on the review', async ({ page, request }) => {
  test.slow();
  await baseline(request, '10.77.0');
  await stageRanges(page, '10.77.0.10-10.77.0.11', '10.77.0.20-10.77.0.29');

  const card = page.getByTestId('probe');
  await expect(card.getByRole('heading', { name: 'Check addresses on the network' })).toBeVisible();
  await card.getByRole('button', { name: 'Check addresses on the network' }).click();
  await expect(page).toHaveURL(/\/compute\?probe=done/);
  await ready(page);
  const result = page.getByTestId('probe-result');
  // 2 node IPs + 10 service IPs + the port's address + gateway + DNS.
  await expect(result.getByTestId('probe-summary')).toContainText(onWire ? 'Checked 15 addresses' : '15 addresses not checked');

  if (onWire) {
    await expect(result).toHaveAttribute('data-wire', 'checked');
    await expect(page.getByTestId('wire-note')).toHaveCount(0);
    const nodes = result.getByTestId('probe-node-ips');
    await expect(nodes.getByRole('heading')).toHaveText('Node IPs 10.77.0.10-10.77.0.11');
    await expect(nodes.getByTestId('probe-in-use')).toHaveText(
      `10.77.0.11 is already in use on the network, by the device with MAC address ${SQUATTER}`,
    );
    const services = result.getByTestId('probe-service-ips');
    await expect(services.getByTestId('probe-in-use')).toHaveCount(1);
    await expect(services.getByTestId('probe-in-use')).toHaveAttribute('data-address', '10.77.0.21');
    await expect(services.getByTestId('probe-in-use')).toHaveAttribute('data-mac', SQUATTER);
    await expect(result.getByTestId('probe-port-address').getByTestId('probe-none')).toBeVisible();
    await expect(result.getByTestId('probe-summary')).toContainText('2 in use by another device');
    const neighbours = result.getByTestId('probe-neighbours');
    await expect(neighbours.locator('li[data-address="10.77.0.1"]')).toHaveAttribute('data-state', 'up');
    await expect(neighbours.locator('li[data-address="10.77.0.1"]')).toContainText('Gateway 10.77.0.1 answers');
    await expect(neighbours.locator('li[data-address="10.77.0.53"]')).toHaveAttribute('data-state', 'up');
  } else {
    await expect(result).toHaveAttribute('data-wire', 'dry-run');
    await expect(page.getByTestId('wire-note')).toContainText('Dry run: no route-namespace is configured');
    await expect(result.getByTestId('probe-in-use')).toHaveCount(0);
    await expect(result.getByTestId('probe-neighbours').locator('li[data-state="unchecked"]')).toHaveCount(2);
  }

  // The Changes review shows the same result before Apply.
  await page.goto('/changes');
  await ready(page);
  const review = page.getByTestId('probe');
  await expect(review.getByTestId('probe-summary')).toContainText(onWire ? 'Checked 15 addresses' : '15 addresses not checked');
  await expect(review.getByTestId('probe-in-use')).toHaveCount(onWire ? 2 : 0);
  await expect(review.getByTestId('probe-not-run')).toHaveCount(0);

  // Other ranges: the stored result is not theirs.
  await stageRanges(page, '10.77.0.12-10.77.0.13', '10.77.0.30');
  await expect(page.getByTestId('probe-result')).toHaveCount(0);
  await page.goto('/changes');
  await expect(page.getByTestId('probe-not-run')).toContainText('have not been checked on the network yet');
  await page.getByTestId('probe').getByRole('button', { name: 'Check addresses on the network' }).click();
  await expect(page).toHaveURL(/\/compute\?probe=done/);
  await expect(page.getByTestId('probe-summary')).toContainText(
    onWire ? 'none in use by another device' : '6 addresses not checked',
  );
});

test('more than 1,024 addresses are refused, saying why', async ({ page, request }) => {
  // A /21: a service range of 1,025 addresses is valid, and too many to probe.
  await baseline(request);
  await putPort(request, 'Port3', {
    mode: 'static',
    address: '10.77.0.2',
    prefix: 21,
    gateway: '10.77.0.1',
    dns_primary: '10.77.0.53',
    mtu: 1500,
  });
  await stageRanges(page, '10.77.0.10-10.77.0.11', '10.77.1.0-10.77.5.0');
  await page.getByTestId('probe').getByRole('button', { name: 'Check addresses on the network' }).click();
  await expect(page).toHaveURL(/probe-error=/);
  const refusal = page.getByTestId('probe-error');
  await expect(refusal).toContainText('The check asks about at most');
  await expect(refusal).toContainText('Check a smaller range.');
  await expect(page.getByTestId('probe-result')).toHaveCount(0);
});

// #29: a route's state in "In the VMs" is what the VMs' kernel said, or says
// that no kernel was asked (a dry run).
test("a route's state comes from the kernel, or says it was not sent", async ({ page, request }) => {
  await baseline(request, '10.77.0');
  await putCompute(request, {
    port: 'Port3',
    node_ips: { start: '10.77.0.40', end: '10.77.0.41' },
    service_ips: { start: '10.77.0.60', end: '10.77.0.69' },
  });
  const res = await request.post('/api/v1/routes', {
    data: { destination: '192.168.77.0/24', next_hop: '10.77.0.1', interface: 'Port3', metric: 100 },
  });
  expect(res.status(), await res.text()).toBe(201);
  const want = onWire ? 'installed' : 'dry-run';
  // The kernel is programmed after the apply answers: read the page until the reconcile has ended.
  await expect(async () => {
    await page.goto('/routes');
    const status = page.getByTestId('routes').getByRole('row', { name: /192\.168\.77\.0\/24/ }).getByTestId('route-status');
    await expect(status).toHaveAttribute('data-kernel', want, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  const status = page.getByTestId('routes').getByRole('row', { name: /192\.168\.77\.0\/24/ }).getByTestId('route-status');
  if (onWire) {
    await expect(status).toContainText('Installed');
  } else {
    await expect(status).toContainText('Not sent');
    await expect(status).toContainText('Dry run: no route-namespace is configured');
  }
  const list = await (await request.get('/api/v1/routes')).json();
  expect(list.routes[0].kernel).toBe(want);
});
