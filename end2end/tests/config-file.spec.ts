import { expect } from '@playwright/test';
import * as fs from 'node:fs';
import { baseline, ready, revision, submit, test } from './helpers';

/** Puts `text` into the upload field as a file and sends the form. */
async function upload(page: import('@playwright/test').Page, text: string) {
  await page.getByLabel('File to stage').setInputFiles({
    name: 'edge.toml',
    mimeType: 'application/toml',
    buffer: Buffer.from(text, 'utf8'),
  });
  await submit(page, 'Read and stage the file');
}

test('download the configuration, upload a changed file, review the diff, apply', async ({ page, request }) => {
  await baseline(request, '10.60.0');
  const applied = await revision(request);
  await page.goto('/changes');
  await ready(page);

  // Download the applied revision.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-applied').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^edgenet-.+-r${applied}\\.toml$`));
  const file = fs.readFileSync(await download.path(), 'utf8');
  expect(file).toContain('format = 1');
  const port4 = '[ports.Port4]\nmode = "dhcp"\nmtu = 1500\n';
  expect(file).toContain(port4);

  // A file with a mistake is refused beside the upload field, and nothing is staged.
  await upload(page, file.replace(port4, '[ports.Port4]\nmode = "static"\nadress = "10.61.0.2"\n'));
  await expect(page.getByTestId('notice')).toContainText('The file was refused');
  await expect(page.getByTestId('upload-errors')).toContainText('ports.Port4.adress: unknown key');
  await expect(page.getByLabel('File to stage')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('no-changes')).toBeVisible();

  // The changed file is staged and shown as the usual diff.
  const changed = file.replace(port4, '[ports.Port4]\nmode = "static"\naddress = "10.61.0.2"\nprefix = 24\nmtu = 1450\n');
  await upload(page, changed);
  await expect(page.getByTestId('notice')).toContainText('The file was read: 3 changes staged');
  const diff = page.getByTestId('diff');
  await expect(diff.getByRole('row', { name: /Port4 IP address/ })).toContainText('10.61.0.2/24');
  await expect(diff.getByRole('row', { name: /Port4 MTU/ })).toContainText('1450');
  expect(await revision(request)).toBe(applied);

  // Apply it.
  await submit(page, `Apply as revision ${applied + 1}`);
  await expect(page.getByTestId('notice')).toContainText(`Revision ${applied + 1} applied.`);
  const port = await (await request.get('/api/v1/ports/Port4')).json();
  expect(port.address).toBe('10.61.0.2');
  expect(port.mtu).toBe(1450);

  // The same file again changes nothing and makes no revision.
  await upload(page, changed);
  await expect(page.getByTestId('notice')).toContainText('The file changes nothing');
  expect(await revision(request)).toBe(applied + 1);

  // Each revision of the history downloads too.
  const [old] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: `Download revision ${applied} as a file` }).click(),
  ]);
  expect(old.suggestedFilename()).toMatch(new RegExp(`-r${applied}\\.toml$`));
  expect(fs.readFileSync(await old.path(), 'utf8')).toContain(port4);
});

// #29: the reference the page and the downloaded file point to is served by
// the device itself, and says when it is not in the reader's language.
test('the file format reference the page and the file name is served by the device', async ({ page, request }) => {
  const file = await (await request.get('/api/v1/config/export')).text();
  const named = file.match(/Format: (\/docs\/[a-z-]+) on the device/);
  expect(named, file.split('\n').slice(0, 3).join('\n')).not.toBeNull();
  await page.goto('/changes');
  await ready(page);
  const link = page.getByTestId('file-reference');
  await expect(link).toHaveAttribute('href', named![1]);
  await link.click();
  await expect(page).toHaveURL(named![1]);
  const doc = page.getByTestId('doc');
  await expect(doc.getByRole('heading', { level: 1 })).toHaveText('The configuration file');
  await expect(doc.locator('table').first()).toBeVisible();
  await expect(page.getByTestId('doc-language')).toHaveCount(0);
  const res = await request.get(named![1]);
  expect(res.status()).toBe(200);
});

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });
  test('the reference says it is in English only', async ({ page }) => {
    await page.goto('/docs/config-file');
    await expect(page.getByTestId('doc-language')).toHaveText('この資料は英語版のみです。');
    await expect(page.getByTestId('doc')).toHaveAttribute('lang', 'en');
  });
});
