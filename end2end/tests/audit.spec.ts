import { expect, request as playwrightRequest } from '@playwright/test';
import { PASSWORD, baseline, putPort, ready, revision, submit, test } from './helpers';

/** Signs in through the API from a context of its own (not the tests' session): once wrong, once right, then out. */
async function signInWrongThenRightThenOut(baseURL: string) {
  const ctx = await playwrightRequest.newContext({ baseURL, ignoreHTTPSErrors: true });
  const wrong = await ctx.post('/api/v1/session', { data: { password: 'Not-The-Pass-1' } });
  expect(wrong.status()).toBe(401);
  const right = await ctx.post('/api/v1/session', { data: { password: PASSWORD } });
  expect(right.status()).toBe(200);
  const token = (await right.json()).csrf_token;
  const out = await ctx.delete('/api/v1/session', { headers: { 'x-csrf-token': token } });
  expect(out.status()).toBe(204);
  await ctx.dispose();
}

test('the audit trail shows sign-ins, failures and sign-outs with their address, and marks a restore', async ({ page, request, baseURL }) => {
  await baseline(request, '10.70.0');
  await signInWrongThenRightThenOut(baseURL!);
  await putPort(request, 'Port3', { mode: 'static', address: '10.70.0.3', prefix: 24, mtu: 1500 });
  const target = (await revision(request)) - 1;

  // Restore the revision before the last one from the Changes page, and apply it.
  await page.goto('/changes');
  await ready(page);
  await submit(page, `Restore revision ${target}`);
  await expect(page.getByTestId('diff')).toContainText('10.70.0.2/24');
  await submit(page, /Apply as revision/);
  await expect(page.getByTestId('history')).toContainText(`restored from revision ${target}`);

  await page.goto('/audit');
  await ready(page);
  const trail = page.getByTestId('audit');
  await expect(trail.getByTestId('audit-restored').first()).toHaveText(`Restored from revision ${target}.`);
  const events = trail.getByTestId('audit-event');
  await expect(events.filter({ hasText: 'Failed sign-in: wrong password' }).first()).toContainText('from 127.0.0.1');
  await expect(events.filter({ hasText: 'Signed out' }).first()).toContainText('api');
  await expect(events.filter({ hasText: 'Signed in' }).first()).toBeVisible();
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('the security events read in Japanese', async ({ page, baseURL }) => {
    await signInWrongThenRightThenOut(baseURL!);
    await page.goto('/audit');
    await ready(page);
    const events = page.getByTestId('audit').getByTestId('audit-event');
    await expect(events.filter({ hasText: 'サインイン失敗: パスワードが違います' }).first()).toContainText('127.0.0.1 から');
    await expect(events.filter({ hasText: 'サインアウト' }).first()).toBeVisible();
  });
});
