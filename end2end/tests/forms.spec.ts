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

// Issue #18, items 5 and 6: every field's error at once, and one behaviour
// for a form with errors, with JavaScript and without: it is not staged, it
// stays as typed with each error beside its field, and it says so beside its
// button.
test('a form with errors shows them all and is not staged, in both modes', async ({ page, request }) => {
  await baseline(request);
  await page.goto('/network');
  await ready(page);
  const card = page.getByTestId('port-Port3');
  await card.getByLabel('Static').check();
  await card.getByLabel('IP address').fill('10.20.0.256');
  await card.getByLabel('Prefix or subnet mask').fill('24');
  await card.getByLabel('MTU').fill('9000');
  await submit(page, 'Stage Port3');

  const again = page.getByTestId('port-Port3');
  // Both errors at once: the address's syntax did not hide the MTU's range.
  await expect(again.locator('#port3-address-error')).toContainText('10.20.0.256');
  await expect(again.locator('#port3-mtu-error')).toContainText('1400 to 1500');
  await expect(again.getByTestId('not-staged')).toHaveText('Not staged: 2 problems, shown beside the fields.');
  // As typed, the first field in error focused.
  await expect(again.getByLabel('IP address')).toHaveValue('10.20.0.256');
  await expect(again.getByLabel('MTU')).toHaveValue('9000');
  await expect(again.getByLabel('IP address')).toBeFocused();
  // Nothing staged: no notice of it, no count in the header, nothing in the API.
  await expect(page.getByTestId('notice')).toHaveCount(0);
  const staged = await (await request.get('/api/v1/config/staged')).json();
  expect(staged.staged).toBe(false);

  // Corrected, it is staged.
  await again.getByLabel('IP address').fill('10.20.0.10');
  await again.getByLabel('MTU').fill('1500');
  await submit(page, 'Stage Port3');
  await expect(page.getByTestId('port-Port3').getByTestId('not-staged')).toHaveCount(0);
  expect((await (await request.get('/api/v1/config/staged')).json()).staged).toBe(true);
  await request.delete('/api/v1/config/staged');
});
