import { APIRequestContext, expect } from '@playwright/test';
import { baseline, isJs, ready, revision, test } from './helpers';

// Issue #28: a risky apply runs on trial; every page shows the banner with
// the deadline (a live countdown with JavaScript), Keep these settings and
// Revert now, in both languages. The suite's server applies without trials
// by default (EDGENET_TRIAL_SECONDS=0 in scripts/test.sh), so each test
// starts its own through the API's per-apply trial_seconds, against this
// dry-run device, where the trial still runs and reverts the stored revision.

/** Port4 static with MTU 1450, on trial for `seconds`; returns the API's trial. */
async function startTrial(request: APIRequestContext, seconds: number) {
  const res = await request.put(`/api/v1/ports/Port4?trial_seconds=${seconds}`, {
    data: { mode: 'static', address: '10.64.0.2', prefix: 24, mtu: 1450, revision: await revision(request) },
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  expect(body.trial, JSON.stringify(body)).toBeTruthy();
  return body.trial as { revision: number; replaced: number; deadline: number };
}

async function runningTrial(request: APIRequestContext) {
  const res = await request.get('/api/v1/config/trial');
  expect(res.ok()).toBeTruthy();
  return (await res.json()).trial;
}

test.beforeEach(async ({ request }) => {
  await baseline(request);
});

// A failed test must not leave the shared server on trial (it would refuse every later change).
test.afterEach(async ({ request }) => {
  if (await runningTrial(request)) await request.post('/api/v1/config/trial/revert');
});

test('every page shows the trial with its deadline, and Keep ends it', async ({ page, request }) => {
  const trial = await startTrial(request, 300);
  for (const path of ['/', '/network', '/compute', '/routes', '/changes']) {
    await page.goto(path);
    const banner = page.getByTestId('trial-banner');
    await expect(banner, path).toBeVisible();
    await expect(banner.getByRole('heading', { name: 'These settings are on trial' })).toBeVisible();
    const d = new Date(trial.deadline * 1000);
    const hhmmss = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
    await expect(banner.getByTestId('trial-deadline')).toHaveText(
      `Revision ${trial.revision} goes back to revision ${trial.replaced} at ${hhmmss} UTC unless you keep it.`,
    );
    await expect(banner).toContainText("Port4's addressing changes");
    await expect(banner).toContainText("Port4's MTU changes");
  }
  await page.goto('/network');
  await ready(page);
  const countdown = page.getByTestId('trial-countdown');
  if (isJs()) {
    // Live: it counts down, by whole seconds.
    await expect(countdown).toHaveText(/^\d+ s left$/);
    const first = Number((await countdown.textContent())!.split(' ')[0]);
    expect(first).toBeGreaterThan(290);
    expect(first).toBeLessThanOrEqual(300);
    await expect.poll(async () => Number((await countdown.textContent())!.split(' ')[0]), { timeout: 4000 }).toBeLessThan(first);
  } else {
    // Without JavaScript the deadline is the whole story: no stale countdown.
    await expect(countdown).toHaveText('');
  }
  // Other changes wait for the trial (Port3 can hold the default gateway: a real change).
  const refused = await request.put('/api/v1/default-gateway', { data: { port: 'Port3', revision: await revision(request) } });
  expect(refused.status(), await refused.text()).toBe(409);
  expect((await refused.json()).errors[0].field).toBe('trial');
  await page.getByTestId('trial-keep').click();
  await page.waitForLoadState('load');
  await expect(page).toHaveURL(/\/network/);
  await expect(page.getByTestId('notice')).toContainText('The settings are kept');
  await expect(page.getByTestId('trial-banner')).toHaveCount(0);
  expect(await runningTrial(request)).toBeNull();
  // The kept revision stays.
  const port = await (await request.get('/api/v1/ports/Port4')).json();
  expect(port.mtu).toBe(1450);
  // The audit trail says who kept it.
  await page.goto('/audit');
  await expect(page.locator('[data-event="trial-kept"]').first()).toContainText('Settings on trial kept');
});

test('Revert now restores the replaced revision, and the history says so', async ({ page, request }) => {
  const trial = await startTrial(request, 300);
  await page.goto('/compute');
  await ready(page);
  await page.getByTestId('trial-revert').click();
  await page.waitForLoadState('load');
  await expect(page).toHaveURL(/\/compute/);
  const next = trial.revision + 1;
  await expect(page.getByTestId('notice')).toContainText(`Reverted: revision ${next} restores revision ${trial.replaced}.`);
  await expect(page.getByTestId('trial-banner')).toHaveCount(0);
  const port = await (await request.get('/api/v1/ports/Port4')).json();
  expect(port.mode).toBe('dhcp');
  expect(port.mtu).toBe(1500);
  await page.goto('/changes');
  await expect(page.getByText(`restored from revision ${trial.replaced} · reverted on request`).first()).toBeVisible();
});

test('unconfirmed, the trial reverts by itself at the deadline', async ({ page, request }) => {
  const trial = await startTrial(request, 3);
  await page.goto('/routes');
  await expect(page.getByTestId('trial-banner')).toBeVisible();
  await expect.poll(async () => revision(request), { timeout: 6000 }).toBe(trial.revision + 1);
  expect(await runningTrial(request)).toBeNull();
  await page.goto('/changes');
  await expect(page.getByTestId('trial-banner')).toHaveCount(0);
  await expect(page.getByText('reverted: not confirmed within 3 s').first()).toBeVisible();
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('the banner and its buttons read in Japanese', async ({ page, request }) => {
    await startTrial(request, 300);
    await page.goto('/network');
    await ready(page);
    const banner = page.getByTestId('trial-banner');
    await expect(banner.getByRole('heading', { name: 'この設定は試行中です' })).toBeVisible();
    await expect(banner).toContainText('Port4 の MTU が変わります');
    await expect(banner.getByTestId('trial-keep')).toHaveText('この設定を確定');
    await expect(banner.getByTestId('trial-revert')).toHaveText('今すぐ元に戻す');
    if (isJs()) await expect(banner.getByTestId('trial-countdown')).toHaveText(/^残り \d+ 秒$/);
    await banner.getByTestId('trial-revert').click();
    await page.waitForLoadState('load');
    await expect(page.getByTestId('notice')).toContainText('元に戻しました');
    await expect(page.getByTestId('trial-banner')).toHaveCount(0);
  });
});
