import { expect } from '@playwright/test';
import { baseline, isJs, ready, submit, test } from './helpers';

// Issue #18, items 7 and 8: how the islands' forms give feedback.

test('an error waits until its field is left, then follows the typing; submitting shows them all', async ({ page, request }) => {
  await baseline(request);
  await page.goto('/network');
  await ready(page);
  const card = page.getByTestId('port-Port5');
  const address = card.getByLabel('IP address');
  const addressError = card.locator('#port5-address-error');
  await card.getByLabel('Static').check();
  // Choosing Static does not flag the fields still to be filled in.
  await expect(card.locator('[aria-invalid=true]')).toHaveCount(0);
  await expect(addressError).toBeEmpty();
  if (isJs()) {
    // Half typed: nothing yet.
    await address.fill('10.');
    await expect(addressError).toBeEmpty();
    await expect(address).not.toHaveAttribute('aria-invalid', 'true');
    // Left: the error shows, tied to the field.
    await address.blur();
    await expect(addressError).toContainText('"10." is not an IPv4 address');
    await expect(address).toHaveAttribute('aria-invalid', 'true');
    // Corrected: it goes as the typing fixes it, without leaving the field.
    await address.focus();
    await address.fill('10.55.0.2');
    await expect(addressError).toBeEmpty();
    await address.fill('10.55.0.');
    await expect(addressError).toContainText('is not an IPv4 address');
  }
  // Submitting shows every field's error at once, the prefix's too.
  await address.fill('');
  await submit(page, 'Stage Port5');
  await expect(addressError).not.toBeEmpty();
  await expect(card.locator('#port5-prefix-error')).not.toBeEmpty();
  await expect(address).toBeFocused();
  await request.delete('/api/v1/config/staged');
});

test('a setting the port fixes cannot be typed into', async ({ page }) => {
  await page.goto('/network');
  await ready(page);
  const mtu = page.getByTestId('port-Port1').getByLabel('MTU');
  await expect(mtu).toHaveValue('1500');
  await expect(mtu).not.toBeEditable();
  await expect(page.getByTestId('port-Port1')).toContainText('Fixed on this port');
  // Other ports' MTU stays editable.
  await expect(page.getByTestId('port-Port3').getByLabel('MTU')).toBeEditable();
});
