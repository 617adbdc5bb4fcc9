import { expect } from '@playwright/test';
import { baseline, putCompute, ready, revision, submit, test } from './helpers';

test('pod and service networks: errors, warnings, staging and apply', async ({ page, request }) => {
  await baseline(request, '10.40.0');
  await page.goto('/kubernetes');
  await ready(page);
  await expect(page.getByLabel('Pod network (Calico)')).toHaveValue('172.27.0.0/16');
  await expect(page.getByLabel('Service network', { exact: true })).toHaveValue('172.28.0.0/16');

  await page.getByLabel('Pod network (Calico)').fill('10.40.0.0/16');
  await page.getByLabel('Service network', { exact: true }).fill('172.28.0.0/29');
  await submit(page, 'Stage changes');
  await expect(page.locator('#pod-cidr-error')).toContainText("overlaps Port3's subnet 10.40.0.0/24");
  await expect(page.locator('#service-cidr-error')).toContainText('at least 10 addresses');
  await expect(page.getByLabel('Pod network (Calico)')).toBeFocused();
  await expect(page.getByLabel('Service network', { exact: true })).toHaveValue('172.28.0.0/29');

  await page.getByLabel('Pod network (Calico)').fill('172.29.7.0/16');
  await page.getByLabel('Service network', { exact: true }).fill('172.17.0.0/16');
  await submit(page, 'Stage changes');
  await expect(page.getByTestId('notice')).toContainText('Changes staged');
  await expect(page.getByText('172.29.7.0/16 has host bits set; it is read as 172.29.0.0/16')).toBeVisible();
  await expect(page.getByText("overlaps Docker's default bridge 172.17.0.0/16")).toBeVisible();

  await page.goto('/changes');
  const next = (await revision(request)) + 1;
  await expect(page.getByTestId('diff')).toContainText('172.29.0.0/16');
  await submit(page, `Apply as revision ${next}`);
  await expect(page.getByTestId('notice')).toContainText(`Revision ${next} applied`);
  const k = await (await request.get('/api/v1/kubernetes')).json();
  expect(k).toMatchObject({ pod_cidr: '172.29.0.0/16', service_cidr: '172.17.0.0/16', dns_ip: '172.17.0.10' });
});

test('manifests: preview and download; networks lock once compute is applied', async ({ page, request }) => {
  await baseline(request, '10.41.0');
  await page.goto('/kubernetes');
  await expect(page.getByTestId('manifest-metallb-pool')).toContainText('Not available yet');

  await putCompute(request, {
    port: 'Port3',
    node_ips: { start: '10.41.0.10', end: '10.41.0.12' },
    service_ips: { start: '10.41.0.100', end: '10.41.0.120' },
    skip_edge_addresses: true,
  });
  await page.goto('/kubernetes');
  await ready(page);
  await expect(page.getByTestId('locked')).toContainText('Locked since revision');
  await expect(page.getByLabel('Pod network (Calico)')).toBeDisabled();
  // A locked field looks locked and shows the value in force (#29), the DNS address too.
  await expect(page.getByLabel('Pod network (Calico)')).toHaveCSS('border-top-style', 'dashed');
  await expect(page.getByLabel('Pod network (Calico)')).toHaveCSS('background-color', 'rgb(233, 237, 242)');
  await expect(page.getByLabel('Cluster DNS address', { exact: true })).toHaveValue('172.28.0.10');
  await expect(page.getByLabel('Cluster DNS address', { exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Stage changes' })).toHaveCount(0);

  const metallb = page.getByTestId('manifest-metallb-pool');
  await metallb.getByText('Preview').click();
  await expect(metallb.locator('pre')).toContainText('- 10.41.0.100-10.41.0.120');
  await expect(metallb.locator('pre')).toContainText('avoidBuggyIPs: true');
  const master = page.getByTestId('manifest-node-master');
  await master.getByText('Preview').click();
  await expect(master.locator('pre')).toContainText('- 10.41.0.10/24');
  // Each node is pinned to its node IP (#27): the master advertises it, the worker's kubelet registers its own.
  const init = page.getByTestId('manifest-kubeadm-networking');
  await init.getByText('Preview').click();
  await expect(init.locator('pre')).toContainText('advertiseAddress: 10.41.0.10');
  const join = page.getByTestId('manifest-kubeadm-join');
  await join.getByText('Preview').click();
  await expect(join.locator('pre')).toContainText('kind: JoinConfiguration');
  await expect(join.locator('pre')).toContainText('value: "10.41.0.11"');
  const joinFile = await (await request.get('/api/v1/manifests/kubeadm-join')).text();
  expect(joinFile).toContain('value: "10.41.0.11"');

  const [download] = await Promise.all([page.waitForEvent('download'), metallb.getByRole('link', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe('metallb-pool.yaml');
  const path = await download.path();
  const text = require('fs').readFileSync(path, 'utf8');
  expect(text).toContain('kind: L2Advertisement');
  expect(text).toContain('- 10.41.0.100-10.41.0.120');

  const raw = await request.get('/api/v1/manifests/calico-ippool');
  expect(raw.headers()['content-type']).toContain('text/plain');
  expect(await raw.text()).toContain('blockSize: 26');

  // "Raw" shows the text in the browser, at an address with the file's extension (#18 item 14).
  await page.goto('/kubernetes');
  const rawLink = page.getByTestId('manifest-calico-ippool').getByRole('link', { name: 'Raw' });
  await expect(rawLink).toHaveAttribute('href', '/api/v1/manifests/calico-ippool.yaml');
  const shown = await page.request.get('/api/v1/manifests/calico-ippool.yaml');
  expect(shown.headers()['content-type']).toBe('text/plain; charset=utf-8');
  expect(shown.headers()['content-disposition']).toBe('inline; filename="calico-ippool.yaml"');
  await rawLink.click();
  await expect(page.locator('body')).toContainText('blockSize: 26');
  expect(page.url()).toMatch(/calico-ippool\.yaml$/);
});
