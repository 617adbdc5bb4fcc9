import { APIRequestContext, Page, expect, test } from '@playwright/test';

export const isJs = () => test.info().project.name === 'hydrated';

export async function revision(request: APIRequestContext): Promise<number> {
  const res = await request.get('/api/v1/config');
  expect(res.ok()).toBeTruthy();
  return (await res.json()).revision;
}

async function put(request: APIRequestContext, path: string, body: object) {
  const res = await request.put(path, { data: { ...body, revision: await revision(request) } });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return res.json();
}

export const putPort = (request: APIRequestContext, name: string, body: object) =>
  put(request, `/api/v1/ports/${name}`, body);

export const putCompute = (request: APIRequestContext, body: object) => put(request, '/api/v1/compute', body);

/**
 * A known starting point, set through the API: the factory configuration
 * (nothing staged, compute off, cluster networks unlocked), then Port3 static
 * on `port3` (a /24 given as "10.x.y") when asked.
 */
export async function baseline(request: APIRequestContext, port3?: string) {
  const res = await request.post('/api/v1/config/factory-reset', { data: { revision: await revision(request) } });
  expect(res.status(), await res.text()).toBe(200);
  if (port3) {
    await putPort(request, 'Port3', {
      mode: 'static',
      address: `${port3}.2`,
      prefix: 24,
      gateway: `${port3}.1`,
      dns_primary: `${port3}.53`,
      mtu: 1500,
    });
  }
}

/** Wait until the page is interactive: hydrated with JS, loaded without. */
export async function ready(page: Page) {
  if (isJs()) await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}

/** Submits the form that holds `button` and waits for the page to settle. */
export async function submit(page: Page, name: string | RegExp) {
  await page.getByRole('button', { name }).click();
  await page.waitForLoadState('load');
}
