// cargo-leptos starts the tests without waiting for the server: wait here
// until it answers, and fail with a clear message if it never does.
export default async function globalSetup(): Promise<void> {
  const url = process.env.EDGENET_URL ?? 'http://127.0.0.1:3000';
  const deadline = Date.now() + 120_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`edgenet did not answer at ${url} within 120 s (last: ${last})`);
}
