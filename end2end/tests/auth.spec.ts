import { expect } from '@playwright/test';
import { PASSWORD, isJs, ready, test } from './helpers';

// A session of its own: signing out here must not sign out the other tests.
test.use({ storageState: { cookies: [], origins: [] } });

test('signing in leads back to the page asked for; signing out ends the session', async ({ page }) => {
  await page.goto('/routes?lookup=10.0.0.9');
  await expect(page).toHaveURL(/\/signin\?next=/);
  await page.getByLabel('Device password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/routes?lookup=10.0.0.9');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Routes');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/signin?signed_out=1');
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await page.goto('/compute');
  await expect(page).toHaveURL('/signin?next=%2Fcompute');
});

test('a wrong password is refused beside the field', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Device password').fill('Wrong-Pass-2');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Device password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#password-error')).toHaveText('Wrong password.');
  if (!isJs()) await expect(page.locator('body')).not.toHaveAttribute('data-hydrated', 'true');
});

test('the API refuses requests without a session', async ({ playwright, baseURL }) => {
  const anon = await playwright.request.newContext({ baseURL, ignoreHTTPSErrors: true });
  const res = await anon.get('/api/v1/config');
  expect(res.status()).toBe(401);
  expect((await res.json()).errors[0].field).toBe('session');
  await anon.dispose();
});

// #29: a new password that breaks a rule and a confirmation that differs are
// both marked at once, each beside its field, by the browser and by the server.
test('the password form marks every field with a problem at once', async ({ page }) => {
  await page.goto('/password');
  await page.getByLabel('Device password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/password');
  await ready(page);
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill('short1A');
  await page.getByLabel('New password again').fill('short1B');
  await page.getByRole('button', { name: 'Change password' }).click();
  if (!isJs()) await expect(page).toHaveURL('/password?error=too-short,mismatch');
  await expect(page.locator('#new-error')).toHaveText('Use at least 8 characters.');
  await expect(page.locator('#confirm-error')).toHaveText('The two new passwords differ.');
  await expect(page.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('New password again')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Current password')).not.toHaveAttribute('aria-invalid', 'true');
});
