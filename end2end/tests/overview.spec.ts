import { expect } from '@playwright/test';
import { baseline, putCompute, ready, test } from './helpers';

test('the overview draws what is not configured yet, with links', async ({ page, request }) => {
  await baseline(request);
  await page.goto('/');
  await ready(page);
  const diagram = page.getByTestId('diagram');
  await expect(diagram.locator('svg')).toBeVisible();
  await expect(diagram).toContainText('Internal virtual switch');
  await expect(diagram).toContainText('NAT via Port2');
  await expect(diagram).toContainText('Not configured');
  await expect(diagram.getByRole('link', { name: 'Enable compute →' })).toHaveAttribute('href', '/compute');
  await expect(diagram).toContainText('172.27.0.0/16');
  await expect(page.getByTestId('steps').locator('li').first()).toContainText('Network');
  await expect(page.getByTestId('steps')).toContainText('Not enabled');
  // Nothing applied yet: the Apply step is one still to do, not done (#29).
  const apply = page.getByTestId('steps').locator('li').last();
  await expect(apply).toContainText('Apply (to do)');
  await expect(apply).toContainText('Nothing applied yet: this is the factory configuration.');
  await expect(apply).not.toHaveClass(/done/);
  await expect(page.getByTestId('steps').locator('li.done')).toHaveCount(0);
  // This device has no host namespace: the card says nothing was looked at,
  // not that the host matches (#28).
  const host = page.getByTestId('host-card');
  await expect(host.getByRole('heading')).toHaveText('Device host');
  await expect(host.getByTestId('host-state')).toContainText('Nothing on the host was looked at.');
  await expect(host).not.toContainText('holds revision');
});

test('the overview draws ports, switches, both VMs and the cluster networks', async ({ page, request }) => {
  await baseline(request, '10.42.0');
  await putCompute(request, {
    port: 'Port3',
    switch_name: 'vSwitch-Compute',
    node_ips: { start: '10.42.0.10', end: '10.42.0.12' },
    service_ips: { start: '10.42.0.100', end: '10.42.0.109' },
  });
  await page.goto('/');
  await ready(page);
  const diagram = page.getByTestId('diagram');
  for (const text of [
    '10.42.0.2/24',
    'vSwitch-Compute on Port3',
    'Master VM',
    'Worker VM',
    '172.31.255.2',
    '172.31.255.3',
    '10.42.0.10',
    '10.42.0.11',
    '10.42.0.100-10.42.0.109',
    '10 free for LoadBalancer services',
    '172.28.0.10',
    // Port3's gateway does not take the default gateway from Port2 unless chosen (#18 item 1).
    'NAT via Port2',
  ]) {
    await expect(diagram).toContainText(text);
  }
  await expect(diagram.getByRole('link', { name: 'Enable compute →' })).toHaveCount(0);
  // The text alternative says the same.
  await expect(page.locator('#diagram-desc')).toContainText('Master VM: 172.31.255.2 on the internal switch, 10.42.0.10 on the external switch.');
  await expect(page.getByRole('group', { name: /How the device's Kubernetes cluster reaches the network/ })).toBeVisible();
});
