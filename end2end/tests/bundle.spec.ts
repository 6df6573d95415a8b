import fs from 'node:fs';
import path from 'node:path';
import { test, expect, visit, ready, addTwoInStock, isHydrated } from './support/fixtures';
import { signInAsAdmin } from './support/admin';

// Pages are split into chunks of their own; the build lists each page's
// chunks in a manifest next to the main bundle, which holds the frame, the
// catalog, basket and checkout. These storefront pages load on first use;
// every other split page is the admin's.
const pkg = path.resolve(__dirname, '..', '..', 'target', 'site', 'pkg');
const SHOPPER_PAGES = [
  'account',
  'sign_in',
  'register',
  'order_history',
  'my_order',
  'linked_order',
];

function chunks(): { shopper: Set<string>; adminOnly: Set<string> } {
  const manifest: Record<string, string[]> = JSON.parse(
    fs.readFileSync(path.join(pkg, '__wasm_split_manifest.json'), 'utf8'),
  );
  const isShopper = (key: string) =>
    SHOPPER_PAGES.some((page) => key.startsWith(`__${page}_page_route_view_`));
  const files = (keep: (key: string) => boolean) =>
    new Set(
      Object.entries(manifest)
        .filter(([key]) => keep(key))
        .flatMap(([, list]) => list.map((c) => `${c}.wasm`)),
    );
  const shopper = files(isShopper);
  const adminOnly = new Set([...files((key) => !isShopper(key))].filter((c) => !shopper.has(c)));
  return { shopper, adminOnly };
}

test('shoppers never download the admin code', async ({ page }) => {
  test.skip(!isHydrated(page), 'without JavaScript nothing is downloaded to run');
  const { shopper, adminOnly } = chunks();
  expect(adminOnly.size, 'the admin pages have chunks of their own').toBeGreaterThan(10);
  expect(shopper.size, 'account and order pages have chunks of their own').toBeGreaterThan(0);

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
  expect([...loaded], 'the shopping path is the main bundle alone').toEqual(['store.wasm']);

  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const later = [...loaded].filter((c) => c !== 'store.wasm');
  expect(later.length, 'the sign-in page loads its chunks').toBeGreaterThan(0);
  expect(later.filter((c) => !shopper.has(c)), 'only storefront chunks').toEqual([]);

  // The admin's pages do load their own chunks.
  await signInAsAdmin(page);
  await visit(page, '/admin/offers');
  await page.waitForLoadState('networkidle');
  expect([...loaded].filter((c) => adminOnly.has(c)).length).toBeGreaterThan(0);
});
