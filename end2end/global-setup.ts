import * as https from 'node:https';
import * as http from 'node:http';

// cargo-leptos starts the tests without waiting for the server: wait here
// until it answers, and fail with a clear message if it never does.
function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    // The server's certificate is self-signed: readiness does not need to trust it.
    const req = get(url, { rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
}

export default async function globalSetup(): Promise<void> {
  const url = process.env.EDGENET_URL ?? 'https://127.0.0.1:3000';
  const deadline = Date.now() + 120_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const s = await status(`${url}/healthz`);
      if (s === 200) return;
      last = `HTTP ${s}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`edgenet did not answer at ${url} within 120 s (last: ${last})`);
}
