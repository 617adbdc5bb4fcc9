import { expect } from '@playwright/test';
import { baseline, isJs, putCompute, putPort, ready, submit, test } from './helpers';

// Mistakes from the field (issue #14), in the browser: refused beside the
// field they concern (as you type with JavaScript, after posting without),
// accepted routes with a note, and "which route?" listing the routes that lost.

test('routes that collide with the VMs own routes are refused beside the field', async ({ page, request }) => {
  await baseline(request, '10.20.0');
  await putCompute(request, {
    port: 'Port3',
    node_ips: { start: '10.20.0.20', end: '10.20.0.22' },
    service_ips: { start: '10.20.0.100', end: '10.20.0.120' },
  });
  await putPort(request, 'Port4', { mode: 'static', address: '10.40.0.10', prefix: 24, mtu: 1500 });
  await page.goto('/routes');
  await ready(page);

  // More specific than the internal switch's own subnet.
  let requests = 0;
  page.on('request', (r) => { if (r.method() === 'POST') requests += 1; });
  await page.getByLabel('Destination prefix').fill('172.31.255.0/25');
  await page.getByLabel('Next hop').fill('10.20.0.254');
  await page.getByLabel('Interface').selectOption('Port3');
  if (isJs()) {
    // The shared rules run in the browser: the error is there before anything is sent.
    await expect(page.locator('#route-destination-error')).toContainText('the internal virtual switch that the VMs reach directly on eth0');
    expect(requests).toBe(0);
  }
  await submit(page, 'Add route');
  await expect(page.locator('#route-destination-error')).toContainText('their default gateway 172.31.255.1 is there');
  await expect(page.getByLabel('Destination prefix')).toHaveValue('172.31.255.0/25');

  // A default route that ties with the VMs' own.
  await page.getByLabel('Destination prefix').fill('0.0.0.0/0');
  await page.getByLabel('Next hop').fill('10.20.0.1');
  await page.getByLabel('Metric').fill('0');
  await submit(page, 'Add route');
  await expect(page.locator('#route-metric-error')).toContainText("the VMs' own default route via 172.31.255.1 has metric 0 too");
  await expect(page.locator('#route-destination-error')).toBeEmpty();

  // As a backup it is accepted, and says so.
  await page.getByLabel('Metric').fill('300');
  if (isJs()) await expect(page.getByTestId('route-notes')).toContainText('A backup default route');
  await submit(page, 'Add route');
  await expect(page.getByTestId('notice')).toContainText('applied');
  const row = page.getByTestId('routes').getByRole('row', { name: /0\.0\.0\.0\/0/ });
  // This server is a dry run: the state says that nothing was sent, never "Installed" (#29).
  await expect(row.getByTestId('route-status')).toHaveAttribute('data-kernel', 'dry-run');
  await expect(row.getByTestId('route-status')).toContainText('Not sent');
  await expect(row.getByTestId('route-status')).not.toContainText('Installed');
  await expect(row.getByTestId('route-status')).toContainText('(0 against 300)');

  // The same destination and metric as a route that exists: refused on the metric, with a free one.
  await page.goto('/routes');
  await ready(page);
  await page.getByLabel('Destination prefix').fill('0.0.0.0/0');
  await page.getByLabel('Next hop').fill('10.40.0.254');
  await page.getByLabel('Interface').selectOption('Port4');
  await page.getByLabel('Metric').fill('300');
  await submit(page, 'Add route');
  await expect(page.locator('#route-metric-error')).toContainText('Linux holds one route per destination and metric');
  await expect(page.locator('#route-metric-error')).toContainText('such as 301');

  // Which route? Every route that matched, and why the custom one lost.
  await page.getByLabel('Destination address').fill('8.8.8.8');
  if (!isJs()) await page.getByRole('button', { name: 'Look up' }).click();
  const answer = page.getByTestId('which-route');
  await expect(answer).toContainText('default route via the internal virtual switch');
  await expect(answer).not.toContainText('no custom route matches');
  await expect(page.getByTestId('route-candidates')).toContainText(
    'loses on metric (300 against 0): the custom route 0.0.0.0/0 via 10.20.0.1 on Port3 (metric 300)',
  );
  await page.getByLabel('Destination address').fill('172.27.1.5');
  if (!isJs()) await page.getByRole('button', { name: 'Look up' }).click();
  await expect(answer).toContainText('the pod network 172.27.0.0/16, which Calico routes inside the cluster');
  await expect(answer).toContainText('handled inside the cluster');
});

test('the cluster DNS address cannot be the API server address', async ({ page, request }) => {
  await baseline(request, '10.21.0');
  await page.goto('/kubernetes');
  await ready(page);
  await page.getByLabel('Cluster DNS address (optional)').fill('172.28.0.1');
  await submit(page, 'Stage changes');
  await expect(page.locator('#dns-ip-error')).toContainText('which the API server always takes for the "kubernetes" Service');
  await expect(page.locator('#dns-ip-error')).toContainText('Use 172.28.0.10');
  await page.getByLabel('Cluster DNS address (optional)').fill('172.28.9.53');
  await submit(page, 'Stage changes');
  await expect(page.getByText('outside 172.28.0.1-172.28.1.0, the part of the service network that Kubernetes keeps for fixed ClusterIPs')).toBeVisible();
});

// #27 item 3: a next hop must be a router, not an address the cluster holds.
test('a next hop that a VM or MetalLB holds is refused beside the field, naming the holder', async ({ page, request }) => {
  await baseline(request, '10.20.0');
  await putCompute(request, {
    port: 'Port3',
    node_ips: { start: '10.20.0.20', end: '10.20.0.22' },
    service_ips: { start: '10.20.0.100', end: '10.20.0.120' },
  });
  await page.goto('/routes');
  await ready(page);
  for (const [hop, words] of [
    ['10.20.0.20', "is the master VM's node IP, not a router"],
    ['10.20.0.21', "is the worker VM's node IP, not a router"],
    ['10.20.0.22', 'is the update spare of the node IPs 10.20.0.20-10.20.0.22'],
    ['10.20.0.105', "is in MetalLB's service IP pool 10.20.0.100-10.20.0.120"],
  ]) {
    await page.getByLabel('Destination prefix').fill('192.168.50.0/24');
    await page.getByLabel('Next hop').fill(hop);
    await page.getByLabel('Interface').selectOption('Port3');
    await page.getByLabel('Metric').fill('100');
    await submit(page, 'Add route');
    await expect(page.locator('#route-next-hop-error')).toContainText(words);
    await expect(page.getByLabel('Next hop')).toHaveValue(hop);
  }
  await expect(page.getByTestId('no-routes')).toBeVisible();
});

// #27 item 2: the VMs' DNS server (the compute port's) must be one the cluster can reach.
test("the compute port's DNS server cannot be the cluster DNS address", async ({ page, request }) => {
  await baseline(request, '10.20.0');
  await putCompute(request, {
    port: 'Port3',
    node_ips: { start: '10.20.0.20', end: '10.20.0.22' },
    service_ips: { start: '10.20.0.100', end: '10.20.0.120' },
  });
  await page.goto('/network');
  await ready(page);
  const card = page.getByTestId('port-Port3');
  await card.getByLabel('Primary DNS').fill('172.28.0.10');
  await submit(page, 'Stage Port3');
  const again = page.getByTestId('port-Port3');
  await expect(again.locator('#port3-dns1-error')).toContainText('is the cluster DNS address, where CoreDNS answers');
  await expect(again.locator('#port3-dns1-error')).toContainText('loop plugin');
  await expect(again.getByLabel('Primary DNS')).toHaveValue('172.28.0.10');
  expect((await (await request.get('/api/v1/config/staged')).json()).staged).toBe(false);
  // A server beyond the gateway, outside the cluster networks, is staged.
  await again.getByLabel('Primary DNS').fill('8.8.8.8');
  await submit(page, 'Stage Port3');
  await expect(page.getByTestId('port-Port3').getByTestId('not-staged')).toHaveCount(0);
  expect((await (await request.get('/api/v1/config/staged')).json()).staged).toBe(true);
  await request.delete('/api/v1/config/staged');
});

// #27 item 4: the special-purpose blocks, one rule for every field.
test('a route to loopback and a multicast pod network are refused beside the field, naming the block and its RFC', async ({ page, request }) => {
  await baseline(request, '10.20.0');
  await page.goto('/routes');
  await ready(page);
  await page.getByLabel('Destination prefix').fill('127.0.0.0/8');
  await page.getByLabel('Next hop').fill('10.20.0.254');
  await page.getByLabel('Interface').selectOption('Port3');
  await page.getByLabel('Metric').fill('100');
  await submit(page, 'Add route');
  await expect(page.locator('#route-destination-error')).toContainText(
    'lies in 127.0.0.0/8, loopback (RFC 1122 3.2.1.3), which the kernel\'s local table answers on the host itself',
  );
  await expect(page.getByLabel('Destination prefix')).toHaveValue('127.0.0.0/8');
  await expect(page.getByTestId('no-routes')).toBeVisible();

  await page.goto('/kubernetes');
  await ready(page);
  await page.getByLabel('Pod network (Calico)').fill('224.0.0.0/16');
  await submit(page, 'Stage changes');
  await expect(page.locator('#pod-cidr-error')).toContainText('overlaps 224.0.0.0/4, multicast (RFC 5771)');
  await expect(page.getByLabel('Pod network (Calico)')).toHaveValue('224.0.0.0/16');
  expect((await (await request.get('/api/v1/config/staged')).json()).staged).toBe(false);
});
