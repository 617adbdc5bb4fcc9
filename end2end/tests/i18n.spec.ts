import { Page, expect } from '@playwright/test';
import { PAGES as pages, STATE_FILE, audit, baseline, isJs, putCompute, ready, revision, submit, test } from './helpers';


/**
 * English prose left on a Japanese page. Names stay in English on purpose
 * (Kubernetes, MetalLB, LoadBalancer, DHCP, port names), so this looks for
 * the small words and verbs every English sentence or button has.
 */
const english =
  /\b(the|and|with|from|this|your|Stage|Apply|Discard|Enter|Loading|Revision|Remove|address|addresses|staged|changes|Node IPs|Service IPs|Gateway|Primary DNS|Switch name|Pod network|Cluster DNS|Static|Addressing)\b/;

async function visibleText(page: Page): Promise<string> {
  // What a reader sees: closed <details> and hidden text are left out by innerText.
  return page.locator('body').innerText();
}

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP' });

  test('every page is in Japanese, and hydration changes none of its text', async ({ page, request, browser, baseURL }) => {
    await baseline(request, '10.60.0');
    await putCompute(request, {
      port: 'Port3',
      node_ips: { start: '10.60.0.10', end: '10.60.0.12' },
      service_ips: { start: '10.60.0.20', end: '10.60.0.29' },
    });
    // The page as the server renders it, for comparing with the hydrated one.
    const plain = await browser.newContext({
      baseURL,
      ignoreHTTPSErrors: true,
      javaScriptEnabled: false,
      storageState: STATE_FILE,
      locale: 'ja-JP',
    });
    const server = await plain.newPage();
    // A hydration mismatch (the browser rendering other text than the server) is logged as an error.
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    for (const path of pages) {
      await page.goto(path);
      await ready(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
      const text = await visibleText(page);
      expect(text.match(english), `${path}: English left in:\n${text}`).toBeNull();
      expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      if (isJs()) {
        await server.goto(path);
        expect(await visibleText(page), `${path}: the hydrated text differs from the server's`).toBe(
          await visibleText(server),
        );
      }
    }
    await plain.close();
    expect(problems).toEqual([]);
  });

  test('compute setup: errors in Japanese beside their fields, then stage and apply', async ({ page, request }) => {
    await baseline(request, '10.61.0');
    const before = await revision(request);
    await page.goto('/compute');
    await ready(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('コンピューティング');
    await page.getByLabel('Port3').check();
    await page.getByLabel('Kubernetes ノード IP (開始)').fill('10.61.0.5');
    await page.getByLabel('Kubernetes ノード IP (終了)').fill('10.61.0.5');
    await page.getByLabel('Kubernetes 外部サービス IP (開始)').fill('10.61.0.300');
    await page.getByLabel('外部仮想スイッチ名').fill('bad/name');
    await submit(page, '未適用の変更に追加');
    // Hydrated, the rules run in the browser (WebAssembly) and answer in Japanese too.
    await expect(page.locator('#node-ips-error')).toHaveText(
      'ノード IP 10.61.0.5-10.61.0.5: アドレスが 1 個しかありません。2 個必要です (マスター VM に 1 個、ワーカー VM ごとに 1 個。範囲にさらにアドレスがあれば、更新用の予備になります)。',
    );
    await expect(page.locator('#service-ips-error')).toContainText('「10.61.0.300」は IPv4 アドレスではありません');
    await expect(page.locator('#switch-name-error')).toContainText('文字「/」は使用できません');
    await expect(page.getByLabel('Kubernetes ノード IP (開始)')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('外部仮想スイッチ名')).toBeFocused();

    await page.getByLabel('外部仮想スイッチ名').fill('');
    await page.getByLabel('Kubernetes ノード IP (開始)').fill('10.61.0.10');
    await page.getByLabel('Kubernetes ノード IP (終了)').fill('10.61.0.12');
    await page.getByLabel('Kubernetes 外部サービス IP (開始)').fill('10.61.0.20');
    await page.getByLabel('Kubernetes 外部サービス IP (終了)').fill('10.61.0.29');
    await submit(page, '未適用の変更に追加');
    await expect(page.getByTestId('notice')).toContainText('未適用の変更に追加しました。');
    await expect(page.getByTestId('allocation')).toContainText('マスター VM10.61.0.10');
    await expect(page.getByTestId('allocation')).toContainText('ワーカー VM10.61.0.11');
    await expect(page.getByTestId('allocation')).toContainText('10 個中 10 個');

    await page.goto('/changes');
    await ready(page);
    await expect(page.getByTestId('diff')).toContainText('10.61.0.10-10.61.0.12');
    await submit(page, `リビジョン ${before + 1} として適用`);
    // The networks lock: asked first, in Japanese too.
    await expect(page.getByTestId('confirm')).toContainText('クラスター DNS アドレス 172.28.0.10 がロックされます');
    await submit(page, `はい、リビジョン ${before + 1} を適用してロックします`);
    await expect(page.getByTestId('notice')).toContainText(`リビジョン ${before + 1} を適用しました。`);
    await expect(page.getByTestId('revision')).toHaveText(`リビジョン ${before + 1}`);
  });

  test('routes: a Japanese error beside the field, then the route is added and explained', async ({ page, request }) => {
    await baseline(request, '10.62.0');
    await putCompute(request, {
      port: 'Port3',
      node_ips: { start: '10.62.0.10', end: '10.62.0.11' },
      service_ips: { start: '10.62.0.20', end: '10.62.0.29' },
    });
    await page.goto('/routes');
    await ready(page);
    await page.getByLabel('宛先プレフィックス').fill('192.168.30.0/24');
    await page.getByLabel('ネクストホップ').fill('10.62.1.1');
    await page.getByLabel('インターフェイス').selectOption('Port3');
    await page.getByLabel('メトリック').fill('fast');
    await submit(page, 'ルートを追加');
    await expect(page.locator('#route-next-hop-error')).toContainText('Port3 のサブネット 10.62.0.0/24 の範囲外です');
    await expect(page.locator('#route-metric-error')).toContainText('整数ではありません');

    await page.getByLabel('ネクストホップ').fill('10.62.0.1');
    await page.getByLabel('メトリック').fill('100');
    await submit(page, 'ルートを追加');
    await expect(page.getByTestId('notice')).toContainText('適用しました');
    // The page shows the applied route before it is asked about (as routes.spec.ts waits for the row).
    await expect(page.getByTestId('routes')).toContainText('192.168.30.0/24');
    await page.getByLabel('宛先アドレス').fill('192.168.30.9');
    if (!isJs()) await page.getByRole('button', { name: '確認', exact: true }).click();
    await expect(page.getByTestId('which-route')).toContainText('10.62.0.1 経由のカスタムルート 192.168.30.0/24');
  });

  test('Japanese pages pass axe-core too', async ({ page, request, browser, baseURL }) => {
    test.skip(!isJs(), 'axe-core runs as a script in the page');
    // Nine pages audited in one test: the English audit is split in two tests, this one is not.
    test.slow();
    await baseline(request, '10.63.0');
    for (const path of pages) {
      await page.goto(path);
      await ready(page);
      await audit(page, path);
    }
    const anon = await browser.newContext({ baseURL, ignoreHTTPSErrors: true, locale: 'ja-JP' });
    const p = await anon.newPage();
    await p.goto('/signin?error=wrong');
    await expect(p.getByRole('heading', { level: 1 })).toHaveText('サインイン');
    await audit(p, '/signin');
    await anon.close();
  });
});

test('the language switch is remembered, on every page and after signing out', async ({ page, browser, baseURL }) => {
  await page.goto('/compute');
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-current', 'true');

  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page).toHaveURL(/\/compute$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('コンピューティング');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'ルート', exact: true })).toBeVisible();

  // Remembered: another page, then a fresh visit.
  await page.getByRole('navigation').getByRole('link', { name: 'ルート', exact: true }).click();
  await expect(page).toHaveURL(/\/routes$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ルート');
  // Reached by the router in the browser (hydrated): the switch returns here, not to where the page was loaded.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/routes$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Routes');
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ルート');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('概要');
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'edgenet-lang')?.value).toBe('ja');

  // The sign-in page of a browser that chose Japanese is Japanese too.
  const anon = await browser.newContext({ baseURL, ignoreHTTPSErrors: true });
  await anon.addCookies(cookies.filter((c) => c.name === 'edgenet-lang'));
  const p = await anon.newPage();
  await p.goto('/signin');
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('サインイン');
  await expect(p.getByLabel('デバイスのパスワード')).toBeVisible();
  await anon.close();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
});
