// The browser half of `scripts/bench.sh`: against a running release server
// (HTTPS, self-signed), set the device up through the API, then measure the
// Compute page in headless Chromium: bytes over the wire on a cold load, the
// time from navigation to the hydration mark (set once the page's islands are
// hydrated), and moving from the Overview to the Compute page through the
// navigation with JavaScript on (no document reload; bytes and time). Prints
// one JSON object.
//
//   node bench.mjs https://127.0.0.1:3950 INITIAL_PASSWORD NEW_PASSWORD [runs]
import { chromium, request as pwRequest } from '@playwright/test';

const [base, initial, password, runsArg = '20'] = process.argv.slice(2);
const runs = Number(runsArg);

// Device set-up through the API: new password, Port3 static, compute enabled.
const api = await pwRequest.newContext({ baseURL: base, ignoreHTTPSErrors: true });
let res = await api.post('/api/v1/session', { data: { password: initial } });
if (!res.ok()) throw new Error(`sign-in: ${res.status()} ${await res.text()}`);
let token = (await res.json()).csrf_token;
res = await api.put('/api/v1/password', { data: { current: initial, new: password }, headers: { 'x-csrf-token': token } });
if (res.status() !== 204) throw new Error(`password: ${res.status()} ${await res.text()}`);
const put = async (path, body) => {
  const rev = (await (await api.get('/api/v1/config')).json()).revision;
  const r = await api.put(path, { data: { ...body, revision: rev }, headers: { 'x-csrf-token': token } });
  if (!r.ok()) throw new Error(`${path}: ${r.status()} ${await r.text()}`);
};
await put('/api/v1/ports/Port3', { mode: 'static', address: '10.0.0.2', prefix: 24, gateway: '10.0.0.1', dns_primary: '10.0.0.53' });
await put('/api/v1/compute', { port: 'Port3', node_ips: '10.0.0.10-10.0.0.12', service_ips: '10.0.0.20-10.0.0.40' });
const state = await api.storageState();
const cookie = state.cookies.find((c) => c.name.includes('edgenet'));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--headless', '--no-first-run', '--disable-background-networking'],
});

async function load(context, page) {
  const t = Date.now();
  await page.goto(`${base}/compute`);
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
  const mark = await page.evaluate(() => performance.getEntriesByName('edgenet-hydrated')[0]?.startTime ?? null);
  return { mark, wall: Date.now() - t };
}

// Cold load: a fresh browser context, empty cache. Sum what came over the wire.
const cold = [];
let wire = null;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, storageState: state });
  const page = await context.newPage();
  const responses = [];
  page.on('response', (r) => responses.push(r));
  const m = await load(context, page);
  cold.push(m.mark);
  if (i === 0) {
    const items = [];
    for (const r of responses) {
      const req = r.request();
      const sizes = await req.sizes();
      const url = new URL(r.url());
      items.push({
        path: url.pathname,
        type: req.resourceType(),
        status: r.status(),
        encoding: (await r.allHeaders())['content-encoding'] ?? 'identity',
        cache: (await r.allHeaders())['cache-control'] ?? '',
        body: sizes.responseBodySize,
        headers: sizes.responseHeadersSize,
      });
    }
    wire = items;
  }
  await context.close();
}

// Warm load: the same context again, with the hashed files in its cache.
const warm = [];
{
  const context = await browser.newContext({ ignoreHTTPSErrors: true, storageState: state });
  const page = await context.newPage();
  await load(context, page);
  for (let i = 0; i < runs; i++) warm.push((await load(context, page)).mark);
  await context.close();
}
// In-page navigation, warm: Overview → Compute through the sidebar link. The
// document must survive (a marker set on `window` before the click is still
// there), and the Compute form must be hydrated again.
const navigation = [];
let navBytes = null;
let reloaded = 0;
{
  const context = await browser.newContext({ ignoreHTTPSErrors: true, storageState: state });
  const page = await context.newPage();
  // One document for all the runs: the Compute page loads the module once.
  await load(context, page);
  await page.evaluate(() => {
    window.__benchDocument = true;
  });
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (let i = 0; i < runs; i++) {
    await nav.getByRole('link', { name: 'Overview' }).click();
    await page.waitForSelector('h1:text-is("Overview")');
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
    const responses = [];
    const listener = (r) => responses.push(r);
    page.on('response', listener);
    const t0 = await page.evaluate(() => performance.now());
    await nav.getByRole('link', { name: 'Compute' }).click();
    await page.waitForSelector('h1:text-is("Compute")');
    await page.waitForSelector('body[data-hydrated="true"] leptos-island', { timeout: 30_000 });
    const t1 = await page.evaluate(() => performance.now());
    if (!(await page.evaluate(() => window.__benchDocument === true))) reloaded++;
    navigation.push(t1 - t0);
    page.off('response', listener);
    if (navBytes === null) {
      navBytes = [];
      for (const r of responses.filter((r) => r.status() < 300)) {
        const sizes = await r.request().sizes();
        navBytes.push({
          path: new URL(r.url()).pathname,
          type: r.request().resourceType(),
          encoding: (await r.allHeaders())['content-encoding'] ?? 'identity',
          body: sizes.responseBodySize,
          headers: sizes.responseHeadersSize,
        });
      }
    }
  }
  await context.close();
}
await browser.close();
await api.dispose();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.round((s.length - 1) * p))];
  return { runs: s.length, min: s[0], median: at(0.5), p90: at(0.9), max: s[s.length - 1] };
};
console.log(JSON.stringify({
  cookie: `${cookie.name}=${cookie.value}`,
  wire,
  hydration_cold_ms: stats(cold),
  hydration_warm_ms: stats(warm),
  navigation_ms: stats(navigation),
  navigation_wire: navBytes,
  navigation_reloads: reloaded,
  chromium: (await import('node:child_process')).execSync('/usr/bin/chromium --version').toString().trim(),
}));
