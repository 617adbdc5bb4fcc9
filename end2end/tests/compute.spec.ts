import { expect } from '@playwright/test';
import { baseline, isJs, putCompute, putPort, ready, revision, submit, test } from './helpers';

test('configure a port, enable it for compute, enter ranges and apply', async ({ page, request }) => {
  await baseline(request);
  const before = await revision(request);

  await page.goto('/network');
  await ready(page);
  const card = page.getByTestId('port-Port3');
  await card.getByLabel('Static').check();
  await card.getByLabel('IP address').fill('10.30.0.2');
  await card.getByLabel('Prefix or subnet mask').fill('255.255.255.0');
  await card.getByLabel('Gateway (optional)').fill('10.30.0.1');
  await card.getByLabel('Primary DNS').fill('10.30.0.53');
  await submit(page, 'Stage Port3');
  await expect(page.getByTestId('notice')).toContainText('Changes staged');

  await page.goto('/compute');
  await ready(page);
  await page.getByLabel('Port3').check();
  await page.getByLabel('Kubernetes node IPs start').fill('10.30.0.10-10.30.0.12');
  await page.getByLabel('Kubernetes external service IPs start').fill('10.30.0.20');
  await page.getByLabel('Kubernetes external service IPs end').fill('10.30.0.29');
  if (isJs()) {
    // Hydrated, the summary follows the typing before anything is sent.
    await expect(page.getByTestId('allocation')).toContainText('10.30.0.11');
  }
  await submit(page, 'Stage changes');
  await expect(page.getByTestId('notice')).toContainText('Changes staged');
  await expect(page.getByTestId('allocation')).toContainText('Master VM10.30.0.10');
  await expect(page.getByTestId('allocation')).toContainText('Worker VM10.30.0.11');
  await expect(page.getByTestId('allocation')).toContainText('Update spare10.30.0.12');
  await expect(page.getByTestId('allocation')).toContainText('10 of 10');
  await expect(page.getByTestId('subnet-bar')).toContainText('Gateway 10.30.0.1');

  await page.goto('/changes');
  const diff = page.getByTestId('diff');
  await expect(diff).toContainText('Node IPs');
  await expect(diff).toContainText('10.30.0.10-10.30.0.12');
  await expect(diff).toContainText('10.30.0.2/24');
  await submit(page, `Apply as revision ${before + 1}`);
  // Applying compute locks the cluster networks: asked first (#29).
  await submit(page, `Yes, apply revision ${before + 1} and lock them`);
  await expect(page.getByTestId('notice')).toContainText(`Revision ${before + 1} applied`);
  await expect(page.getByTestId('revision')).toHaveText(`Revision ${before + 1}`);
  await expect(page.getByTestId('no-changes')).toBeVisible();

  const compute = await (await request.get('/api/v1/compute')).json();
  expect(compute).toMatchObject({
    enabled: true,
    port: 'Port3',
    switch_name: 'vSwitch-Port3',
    node_ips: { start: '10.30.0.10', end: '10.30.0.12' },
    service_ips: { start: '10.30.0.20', end: '10.30.0.29' },
  });
});

test('each kind of error shows next to its field, keeping what was typed', async ({ page, request }) => {
  await baseline(request, '10.31.0');
  await page.goto('/compute');
  await ready(page);
  await page.getByLabel('Port3').check();
  await page.getByLabel('Kubernetes node IPs start').fill('10.31.0.5');
  await page.getByLabel('Kubernetes node IPs end').fill('10.31.0.5');
  await page.getByLabel('Kubernetes external service IPs start').fill('10.31.0.300');
  await page.getByLabel('External virtual switch name').fill('bad/name');
  await submit(page, 'Stage changes');

  await expect(page.locator('#node-ips-error')).toHaveText(
    'Node IPs 10.31.0.5-10.31.0.5: 1 address, 2 needed: one for the master VM and one for each worker VM (a further address, when the range has one, is the update spare)',
  );
  await expect(page.locator('#service-ips-error')).toContainText('"10.31.0.300" is not an IPv4 address');
  await expect(page.locator('#switch-name-error')).toContainText("the character '/' is not allowed");
  await expect(page.getByLabel('Kubernetes node IPs start')).toHaveValue('10.31.0.5');
  await expect(page.getByLabel('Kubernetes external service IPs start')).toHaveValue('10.31.0.300');
  await expect(page.getByLabel('Kubernetes node IPs start')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('External virtual switch name')).toBeFocused();

  // A switch named after a port would make its bridge that port (#28).
  await page.getByLabel('External virtual switch name').fill('Port1');
  await submit(page, 'Stage changes');
  await expect(page.locator('#switch-name-error')).toContainText(
    'Switch name "Port1": its bridge on the host would be Port1, which names a port',
  );

  // Ranges that collide with the port's own addresses and with each other.
  await page.getByLabel('External virtual switch name').fill('');
  await page.getByLabel('Kubernetes node IPs start').fill('10.31.0.1');
  await page.getByLabel('Kubernetes node IPs end').fill('10.31.0.3');
  await page.getByLabel('Kubernetes external service IPs start').fill('10.31.0.250');
  await page.getByLabel('Kubernetes external service IPs end').fill('10.31.0.255');
  await submit(page, 'Stage changes');
  await expect(page.locator('#node-ips-error')).toContainText(
    "include 10.31.0.1 (Port3's gateway), 10.31.0.2 (Port3's own address)",
  );
  await expect(page.locator('#service-ips-error')).toContainText('10.31.0.255, the broadcast address of 10.31.0.0/24');
  await expect(page.getByLabel('Kubernetes node IPs start')).toBeFocused();

  // A DHCP port cannot carry compute.
  await page.getByLabel('Port4').check();
  await submit(page, 'Stage changes');
  await expect(page.locator('#compute-port-error')).toContainText('Port4: uses DHCP');

  // Port errors sit next to the port's fields.
  await page.goto('/network');
  await ready(page);
  const card = page.getByTestId('port-Port5');
  await card.getByLabel('Static').check();
  await card.getByLabel('IP address').fill('10.55.0.2');
  await card.getByLabel('Prefix or subnet mask').fill('24');
  await card.getByLabel('Gateway (optional)').fill('10.56.0.1');
  await card.getByLabel('MTU').fill('9000');
  await submit(page, 'Stage Port5');
  await expect(card.locator('#port5-gateway-error')).toContainText('outside the port\'s subnet 10.55.0.0/24');
  await expect(card.locator('#port5-mtu-error')).toContainText('use 1400 to 1500');
  await expect(card.getByLabel('Gateway (optional)')).toHaveValue('10.56.0.1');
  await expect(card.getByLabel('Gateway (optional)')).toBeFocused();

  // Nothing invalid can be applied.
  expect((await request.delete('/api/v1/config/staged')).status()).toBe(204);
});

test('teaming several ports is refused by the API with a clear message', async ({ request }) => {
  await baseline(request, '10.32.0');
  const res = await request.put('/api/v1/compute', {
    data: {
      port: ['Port3', 'Port4'],
      node_ips: { start: '10.32.0.10', end: '10.32.0.11' },
      service_ips: { start: '10.32.0.20', end: '10.32.0.21' },
      revision: await revision(request),
    },
  });
  expect(res.status()).toBe(422);
  const body = await res.json();
  expect(body.errors[0].field).toBe('port');
  expect(body.errors[0].message).toContain('NIC teaming (several ports in one switch) is not supported');
});

test('an earlier revision can be restored', async ({ page, request }) => {
  await baseline(request);
  await putPort(request, 'Port6', { mode: 'static', address: '10.66.0.2', prefix: 24, mtu: 1500 });
  const good = await revision(request);
  await putPort(request, 'Port6', { mode: 'static', address: '10.66.0.2', prefix: 24, mtu: 1400 });

  await page.goto('/changes');
  await ready(page);
  await submit(page, `Restore revision ${good}`);
  await expect(page).toHaveURL(/\/changes/);
  await expect(page.getByTestId('notice')).toContainText(`Revision ${good} is staged for restore`);
  const diff = page.getByTestId('diff');
  await expect(diff).toContainText('MTU');
  await expect(diff.getByRole('row', { name: /MTU/ })).toContainText('1400');
  await expect(diff.getByRole('row', { name: /MTU/ })).toContainText('1500');
  const next = (await revision(request)) + 1;
  await submit(page, `Apply as revision ${next}`);
  await expect(page.getByTestId('notice')).toContainText(`Revision ${next} applied`);
  const port = await (await request.get('/api/v1/ports/Port6')).json();
  expect(port.mtu).toBe(1500);
  await expect(page.getByTestId('history')).toContainText('ui');
});

test('a save whose part changed since the page was loaded is refused, naming it, with what was typed kept', async ({ browser, request }) => {
  await baseline(request, '10.33.0');
  const js = isJs();
  const ctx = await browser.newContext({ javaScriptEnabled: js });
  const [a, b] = [await ctx.newPage(), await ctx.newPage()];
  for (const p of [a, b]) {
    await p.goto('/compute');
    if (js) await expect(p.locator('body')).toHaveAttribute('data-hydrated', 'true');
  }
  // Tab A stages and applies.
  await a.getByLabel('Port3').check();
  await a.getByLabel('Kubernetes node IPs start').fill('10.33.0.10-10.33.0.11');
  await a.getByLabel('Kubernetes external service IPs start').fill('10.33.0.20-10.33.0.25');
  await a.getByRole('button', { name: 'Stage changes' }).click();
  await expect(a.getByTestId('notice')).toContainText('Changes staged');
  await a.goto('/changes');
  const applied = (await revision(request)) + 1;
  await a.getByRole('button', { name: `Apply as revision ${applied}` }).click();
  await a.getByRole('button', { name: `Yes, apply revision ${applied} and lock them` }).click();
  await expect(a.getByTestId('notice')).toContainText(`Revision ${applied} applied`);

  // Tab B still shows the old revision and tries to save its own compute settings.
  await b.getByLabel('Port3').check();
  await b.getByLabel('Kubernetes node IPs start').fill('10.33.0.40-10.33.0.41');
  await b.getByLabel('Kubernetes external service IPs start').fill('10.33.0.50');
  await b.getByRole('button', { name: 'Stage changes' }).click();
  const notice = b.getByTestId('notice');
  await expect(notice).toContainText(`Not staged: Compute changed in revision ${applied} (applied through ui from 127.0.0.1) since this page was loaded`);
  // What was typed is kept; reloading shows the values in force.
  await expect(b.getByLabel('Kubernetes node IPs start')).toHaveValue('10.33.0.40-10.33.0.41');
  await expect(b.getByLabel('Kubernetes external service IPs start')).toHaveValue('10.33.0.50');
  await notice.getByRole('link', { name: 'Reload the page' }).click();
  await expect(b.getByLabel('Kubernetes node IPs start')).toHaveValue('10.33.0.10');
  const compute = await (await request.get('/api/v1/compute')).json();
  expect(compute.node_ips.start).toBe('10.33.0.10');
  await ctx.close();
});

// #29: a change elsewhere (a route, which applies at once) does not refuse a
// form loaded before it: the form is staged on the newest revision.
test('a form loaded before an unrelated revision is staged on top of it', async ({ browser, request }) => {
  await baseline(request, '10.20.0');
  await putCompute(request, { port: 'Port3', node_ips: '10.20.0.20-10.20.0.22', service_ips: '10.20.0.100-10.20.0.120' });
  const js = isJs();
  const ctx = await browser.newContext({ javaScriptEnabled: js });
  const [a, b] = [await ctx.newPage(), await ctx.newPage()];
  await b.goto('/compute');
  if (js) await expect(b.locator('body')).toHaveAttribute('data-hydrated', 'true');

  // Tab A adds a route: a new revision.
  await a.goto('/routes');
  if (js) await expect(a.locator('body')).toHaveAttribute('data-hydrated', 'true');
  await a.getByLabel('Destination prefix').fill('192.168.20.0/24');
  await a.getByLabel('Next hop').fill('10.20.0.1');
  await a.getByLabel('Interface').selectOption('Port3');
  await a.getByRole('button', { name: 'Add route' }).click();
  await expect(a.getByTestId('notice')).toContainText('applied');

  // Tab B changes the service IPs' end and stages: accepted, on the newest revision.
  await b.getByLabel('Kubernetes external service IPs end').fill('10.20.0.125');
  await b.getByRole('button', { name: 'Stage changes' }).click();
  await expect(b.getByTestId('notice')).toContainText('Changes staged');
  await expect(b.getByLabel('Kubernetes external service IPs end')).toHaveValue('10.20.0.125');
  const staged = await (await request.get('/api/v1/config/staged')).json();
  expect(JSON.stringify(staged)).toContain('10.20.0.125');
  const routes = await (await request.get('/api/v1/routes')).json();
  expect(routes.routes).toHaveLength(1);
  await request.delete('/api/v1/config/staged');
  await ctx.close();
});

// #29: examples come from the subnet the field belongs to, once it is known:
// the placeholders, the node-IP help and the "required" errors.
test("the ranges' examples come from the compute port's subnet", async ({ page, request }) => {
  await baseline(request, '10.20.0');
  await page.goto('/compute');
  await ready(page);
  await page.getByLabel('Port3').check();
  await submit(page, 'Stage changes');
  await expect(page.locator('#node-ips-error')).toContainText('such as 10.20.0.20 and 10.20.0.22');
  await expect(page.locator('#service-ips-error')).toContainText('such as 10.20.0.100 and 10.20.0.120');
  await expect(page.locator('#node-ips-start')).toHaveAttribute('placeholder', 'Start, e.g. 10.20.0.20');
  await expect(page.locator('#service-ips-start')).toHaveAttribute('placeholder', 'Start, e.g. 10.20.0.100');
  await expect(page.locator('#node-ips-hint')).toContainText('such as 10.20.0.20-10.20.0.22');
  // The help and the rule agree: two addresses are enough, the third is the spare.
  await expect(page.locator('#node-ips-hint')).toContainText('Two are enough for the cluster');
  await expect(page.locator('#node-ips-hint')).not.toContainText('192.168.');
});
