import { APIRequestContext, expect } from '@playwright/test';
import { baseline, ready, submit, test } from './helpers';

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

  // Applied, the audit trail keeps them.
  await apply.click();
  await page.waitForLoadState('load');
  await expect(page.getByTestId('no-changes')).toBeVisible();
  await page.goto('/audit');
  await ready(page);
  await expect(page.getByTestId('audit-consequences').first()).toContainText('Applying locks the pod network');
  await baseline(request);
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
