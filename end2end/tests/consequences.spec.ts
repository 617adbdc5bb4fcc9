import { APIRequestContext, expect } from '@playwright/test';
import { baseline, putPort, ready, revision, submit, test } from './helpers';

/** Stages a configuration file for review (what the Changes page's upload does). */
async function stageFile(request: APIRequestContext, toml: string) {
  const res = await request.post('/api/v1/config/import', {
    headers: { 'content-type': 'application/toml' },
    data: toml,
  });
  expect(res.status(), await res.text()).toBe(200);
  expect((await res.json()).staged).toBe(true);
}

const port3 = 'format = 1\ndefault_gateway = "Port3"\n\n[ports.Port3]\nmode = "static"\naddress = "10.20.0.10"\nprefix = 24\ngateway = "10.20.0.1"\nmtu = 1500\n';
const compute = `${port3}\n[compute]\nenabled = true\nport = "Port3"\nnode_ips = "10.20.0.20-10.20.0.21"\nservice_ips = "10.20.0.40-10.20.0.49"\n`;

test('the Changes review says where the default gateway goes, and warns of the lock before Apply', async ({ page, request }) => {
  await baseline(request);
  await stageFile(request, port3);
  await page.goto('/changes');
  await ready(page);
  await expect(page.getByTestId('consequences')).toContainText(
    "The default gateway and the VMs' NAT (the internal virtual switch's way out) move from Port2 to Port3.",
  );
  await expect(page.getByTestId('consequence-lasting')).toHaveCount(0);

  await stageFile(request, compute);
  await page.goto('/changes');
  await ready(page);
  const lock = page.getByTestId('consequence-lasting');
  await expect(lock).toContainText('Applying locks the pod network 172.27.0.0/16, the service network 172.28.0.0/16');
  await expect(page.getByTestId('consequences')).toContainText('The node IPs hold no update spare');
  // The warning comes before the button that applies.
  const apply = page.getByRole('button', { name: /Apply as revision/ });
  const [w, b] = [await lock.boundingBox(), await apply.boundingBox()];
  expect(w!.y).toBeLessThan(b!.y);

  // An apply that locks asks first, naming what it locks (#29); Cancel keeps everything staged.
  await apply.click();
  await page.waitForLoadState('load');
  const confirm = page.getByTestId('confirm');
  await expect(confirm).toContainText('and lock the cluster networks?');
  await expect(confirm).toContainText('the pod network 172.27.0.0/16, the service network 172.28.0.0/16 and the cluster DNS address 172.28.0.10');
  await confirm.getByRole('link', { name: 'Cancel' }).click();
  await expect(page.getByTestId('confirm')).toHaveCount(0);
  await expect(page.getByTestId('diff')).toBeVisible();
  expect((await (await request.get('/api/v1/kubernetes')).json()).locked).toBe(false);

  // Applied, the audit trail keeps them.
  await page.getByRole('button', { name: /Apply as revision/ }).click();
  await page.getByRole('button', { name: /Yes, apply revision \d+ and lock them/ }).click();
  await page.waitForLoadState('load');
  await expect(page.getByTestId('no-changes')).toBeVisible();
  expect((await (await request.get('/api/v1/kubernetes')).json()).locked).toBe(true);
  await page.goto('/audit');
  await ready(page);
  await expect(page.getByTestId('audit-consequences').first()).toContainText('Applying locks the pod network');
  await baseline(request);
});

// #29: discarding staged work, by Discard or by a restore, asks first and
// says what would be lost; with nothing staged, a restore needs no question.
test('discard and restore over staged work ask first, naming what is lost', async ({ page, request }) => {
  await baseline(request);
  await putPort(request, 'Port6', { mode: 'static', address: '10.66.0.2', prefix: 24, mtu: 1500 });
  const good = await revision(request);
  await putPort(request, 'Port6', { mode: 'static', address: '10.66.0.2', prefix: 24, mtu: 1400 });
  await stageFile(request, 'format = 1\n\n[ports.Port4]\nmode = "static"\naddress = "10.44.0.2"\nprefix = 24\nmtu = 1500\n');

  await page.goto('/changes');
  await ready(page);
  await submit(page, `Restore revision ${good}`);
  const confirm = page.getByTestId('confirm');
  await expect(confirm).toContainText(`Restoring revision ${good} replaces what is staged`);
  await expect(confirm.getByTestId('confirm-lost')).toContainText('Port4');
  await expect(confirm.getByTestId('confirm-lost')).toContainText('10.44.0.2/24');
  await confirm.getByRole('link', { name: 'No, keep the staged changes' }).click();
  await expect(page.getByTestId('diff')).toContainText('10.44.0.2/24');

  await submit(page, 'Discard staged changes');
  await expect(page.getByTestId('confirm')).toContainText('Discard the');
  await expect(page.getByTestId('confirm-lost')).toContainText('10.44.0.2/24');
  await page.getByRole('link', { name: 'No, keep the staged changes' }).click();
  await expect(page.getByTestId('diff')).toContainText('10.44.0.2/24');
  await submit(page, 'Discard staged changes');
  await submit(page, 'Yes, discard them');
  await expect(page.getByTestId('no-changes')).toBeVisible();

  // Nothing staged: nothing to lose, no question.
  await submit(page, `Restore revision ${good}`);
  await expect(page.getByTestId('confirm')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toContainText(`Revision ${good} is staged for restore`);
  await request.delete('/api/v1/config/staged');
});

// #18 item 1: the default gateway is the administrator's choice; a gateway
// on another port moves nothing, and the Gateway field says where it is.
test('a gateway on another port moves nothing until the default gateway is chosen there', async ({ page, request }) => {
  await baseline(request);
  await page.goto('/network');
  await ready(page);
  const port3 = page.getByTestId('port-Port3');
  await port3.getByLabel('Static').check();
  await port3.getByLabel('IP address').fill('10.20.0.10');
  await port3.getByLabel('Prefix or subnet mask').fill('24');
  await port3.getByLabel('Gateway').fill('10.20.0.1');
  await submit(page, 'Stage Port3');
  // Staged: Port2 keeps it, and both ports' cards say so.
  await expect(page.getByTestId('port-Port3').getByTestId('gateway-note')).toHaveText(
    `Port2 holds the default gateway and the VMs' NAT; this gateway is not the default route. To move it to Port3, choose Port3 under "Default gateway and the VMs' NAT" above.`,
  );
  await expect(page.getByTestId('port-Port2').getByTestId('gateway-note')).toHaveText("This port holds the default gateway and the VMs' NAT.");
  let staged = await (await request.get('/api/v1/config/staged')).json();
  expect(staged.consequences).toEqual([]);

  // Chosen: it moves, and the field, the review and the API say so.
  const choice = page.getByTestId('default-gateway');
  await expect(choice.getByRole('radio', { name: /Port2/ })).toBeChecked();
  await choice.getByRole('radio', { name: /Port3/ }).check();
  await submit(page, 'Stage default gateway');
  await expect(page.getByTestId('default-gateway').getByRole('radio', { name: /Port3/ })).toBeChecked();
  await expect(page.getByTestId('port-Port3').getByTestId('gateway-note')).toHaveText(
    "Applying moves the default gateway and the VMs' NAT to this port, from Port2.",
  );
  staged = await (await request.get('/api/v1/config/staged')).json();
  expect(staged.consequences.map((c: { code: string }) => c.code)).toEqual(['consequence-gateway-moves']);
  await page.goto('/changes');
  await ready(page);
  await expect(page.getByTestId('consequences')).toContainText('move from Port2 to Port3');
  await expect(page.getByRole('cell', { name: 'Default gateway', exact: true })).toBeVisible();
  await request.delete('/api/v1/config/staged');
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('the consequences read in Japanese', async ({ page, request }) => {
    await baseline(request);
    await stageFile(request, port3);
    await page.goto('/changes');
    await ready(page);
    await expect(page.getByTestId('consequences')).toContainText('デフォルトゲートウェイと VM の NAT (内部仮想スイッチの出口) が Port2 から Port3 に移ります。');
    await request.delete('/api/v1/config/staged');
  });
});
