import fs from 'node:fs';
import path from 'node:path';
import { test, expect, visit, ready, addTwoInStock, isHydrated } from './support/fixtures';
import { signInAsAdmin } from './support/admin';

// The admin pages are split into chunks of their own; the build lists them
// in a manifest next to the main bundle, which holds the storefront.
const pkg = path.resolve(__dirname, '..', '..', 'target', 'site', 'pkg');

function adminChunks(): Set<string> {
  const manifest: Record<string, string[]> = JSON.parse(
    fs.readFileSync(path.join(pkg, '__wasm_split_manifest.json'), 'utf8'),
  );
  return new Set(Object.values(manifest).flatMap((list) => list.map((c) => `${c}.wasm`)));
}

test('shoppers never download the admin code', async ({ page }) => {
  test.skip(!isHydrated(page), 'without JavaScript nothing is downloaded to run');
  const adminOnly = [...adminChunks()];
  expect(adminOnly.length, 'the admin pages have chunks of their own').toBeGreaterThan(10);

  const loaded = new Set<string>();
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (name.endsWith('.wasm')) loaded.add(name);
  });
  await visit(page, '/');
  await addTwoInStock(page);
  await page.getByRole('link', { name: 'Basket (2)' }).click();
  await ready(page);
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await ready(page);
  await page.waitForLoadState('networkidle');
  expect([...loaded], 'the storefront is one file').toEqual(['store.wasm']);

  // The admin's pages do load their own chunks.
  await signInAsAdmin(page);
  await visit(page, '/admin/offers');
  await page.waitForLoadState('networkidle');
  expect([...loaded].filter((c) => adminOnly.includes(c)).length).toBeGreaterThan(0);
});
