// Takes screenshots of the running app's pages: node screenshot.mjs [outdir] [path...]
// (LOCALE=ja-JP for the Japanese UI, JS=0 without JavaScript, FULL=0 for the viewport only)
import { chromium } from '@playwright/test';

const base = process.env.EDGENET_URL ?? 'https://127.0.0.1:3000';
const [outdir = 'screenshots', ...paths] = process.argv.slice(2);
const js = process.env.JS !== '0';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--headless', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, javaScriptEnabled: js, ignoreHTTPSErrors: true, locale: process.env.LOCALE ?? 'en-US' });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('page error:', e.message));
// Sign in first (EDGENET_PASSWORD), unless the shot is of the sign-in page itself.
if (process.env.EDGENET_PASSWORD) {
  await page.goto(base + '/signin');
  await page.getByLabel(/Device password|デバイスのパスワード/).fill(process.env.EDGENET_PASSWORD);
  await page.getByRole('button', { name: /^(Sign in|サインイン)$/ }).click();
  // With JavaScript the page is swapped in place (no load event): wait for the address.
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
}
for (const p of paths.length ? paths : ['/', '/network', '/compute', '/changes']) {
  await page.goto(base + p);
  await page.waitForTimeout(js ? 800 : 100);
  const name = p === '/' ? 'overview' : p.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-');
  await page.screenshot({ path: `${outdir}/${name}.png`, fullPage: process.env.FULL !== '0' });
  console.log(`${outdir}/${name}.png hydrated=${await page.evaluate(() => document.body.dataset.hydrated ?? 'no').catch(() => 'n/a')}`);
}
await browser.close();
