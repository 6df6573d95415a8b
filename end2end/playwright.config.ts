import { defineConfig } from '@playwright/test';
import path from 'node:path';

// The store under test: the debug build with a fresh SQLite database seeded
// with the demo catalog. scripts/test builds it and clears the database.
const root = path.resolve(__dirname, '..');
export const BASE_URL = 'http://127.0.0.1:3100';

const chromium = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    launchOptions: chromium,
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'hydrated', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: `${root}/target/debug/server`,
    cwd: root,
    url: `${BASE_URL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      DATABASE_URL: `sqlite:${root}/target/e2e/store.db`,
      STORE_BIND: '127.0.0.1:3100',
      STORE_SEED_CATALOG: `${root}/server/seed/catalog-2000.csv`,
      STORE_SEED_PRODUCTS: `${root}/server/seed/featured.toml`,
      STORE_MEDIA_DIR: `${root}/target/e2e/media`,
      STORE_FILES_DIR: `${root}/target/e2e/files`,
      STORE_OUTBOX_DIR: `${root}/target/e2e/outbox`,
      LEPTOS_SITE_ROOT: `${root}/target/site`,
      STORE_DEMO_ADMIN: 'admin@ferrostore.test:ferrostore-admin',
      RUST_LOG: 'warn',
    },
  },
});
