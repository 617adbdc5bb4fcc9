import { defineConfig } from '@playwright/test';
import * as path from 'node:path';

const state = path.join(__dirname, '.auth', 'state.json');

// Every spec runs twice: hydrated (the WebAssembly app) and with JavaScript off
// (pure server rendering and plain form posts). They share one server, so they
// run one at a time.
const baseURL = process.env.EDGENET_URL ?? 'https://127.0.0.1:3000';

export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL,
    // The server's own self-signed certificate.
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--headless',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    // Signs in for the first time (changing the initial password) and keeps the session.
    { name: 'setup', testMatch: /.*\.setup\.ts/, use: { javaScriptEnabled: true } },
    {
      name: 'hydrated',
      dependencies: ['setup'],
      use: { javaScriptEnabled: true, storageState: state },
    },
    {
      name: 'no-js',
      dependencies: ['setup'],
      use: { javaScriptEnabled: false, storageState: state },
    },
  ],
});
