import { expect, test as setup } from '@playwright/test';
import * as fs from 'node:fs';
import { AUTH_DIR, CSRF_FILE, INITIAL_PASSWORD, PASSWORD, STATE_FILE } from './helpers';

// The first sign-in of a new device: the initial password works once, must be
// changed, and the rules for the new one are checked beside the field. The
// session this ends with is the one every other test uses.
setup('first sign-in forces a new password', async ({ page }) => {
  await page.goto('/compute');
  await expect(page).toHaveURL('/signin?next=%2Fcompute');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Device password').fill('Not-the-password1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const field = page.getByLabel('Device password');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#password-error')).toHaveText('Wrong password.');

  await field.fill(INITIAL_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/password?first=1');
  await expect(page.getByRole('heading', { name: 'Choose a new device password' })).toBeVisible();
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');

  // Every other page waits until the password is changed.
  await page.goto('/routes');
  await expect(page).toHaveURL('/password?first=1');
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');

  // The rules are checked in the browser, by the same code as on the server.
  await page.getByLabel('Current password').fill(INITIAL_PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill('alllowercase');
  await page.getByLabel('New password again').fill('alllowercase');
  await page.getByRole('button', { name: 'Change password' }).click();
  const newField = page.getByLabel('New password', { exact: true });
  await expect(newField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#new-error')).toContainText('Mix at least 3 of');
  await expect(newField).toBeFocused();
  await expect(page).toHaveURL('/password?first=1');

  // The server says the same for what only it can check: the current password.
  await page.getByLabel('Current password').fill('Wrong-Current-1');
  await newField.fill(PASSWORD);
  await page.getByLabel('New password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL('/password?error=wrong-current');
  await expect(page.locator('#current-error')).toHaveText('The current password is wrong.');

  await page.getByLabel('Current password').fill(INITIAL_PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('New password again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  // The notice comes in the address; with JavaScript it is dropped from it once shown.
  await expect(page.getByTestId('notice')).toContainText('Password changed');
  await expect(page).toHaveURL('/');

  fs.mkdirSync(AUTH_DIR, { recursive: true });
  await page.context().storageState({ path: STATE_FILE });
  const session = await (await page.request.get('/api/v1/session')).json();
  fs.writeFileSync(CSRF_FILE, session.csrf_token);
});
