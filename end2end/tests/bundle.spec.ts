import fs from 'node:fs';
import path from 'node:path';
import { test, expect, visit, ready, addTwoInStock, isHydrated } from './support/fixtures';
import { signInAsAdmin } from './support/admin';

// The bundle is split into page chunks; which chunks each page needs is in
// the manifest the build writes next to them.
const pkg = path.resolve(__dirname, '..', '..', 'target', 'site', 'pkg');
const SHOPPER_PAGES = [
  'listing',
  'product',
  'search',
  'basket',
  'checkout',
  'account',
  'sign_in',
  'register',
  'order_history',
  'my_order',
  'linked_order',
];

function chunksOf(pages: (key: string) => boolean): Set<string> {
  const manifest: Record<string, string[]> = JSON.parse(
    fs.readFileSync(path.join(pkg, '__wasm_split_manifest.json'), 'utf8'),
  );
  const chunks = new Set<string>();
  for (const [key, list] of Object.entries(manifest)) {
    if (pages(key)) list.forEach((c) => chunks.add(`${c}.wasm`));
  }
  return chunks;
}

const isShopperPage = (key: string) =>
  SHOPPER_PAGES.some((page) => key.startsWith(`__${page}_route_view_`));

test('shoppers never download the admin code', async ({ page }) => {
  test.skip(!isHydrated(page), 'without JavaScript nothing is downloaded to run');
  const shopper = chunksOf(isShopperPage);
  const adminOnly = [...chunksOf((key) => !isShopperPage(key))].filter((c) => !shopper.has(c));
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
  expect(loaded.has('store.wasm')).toBe(true);
  expect(loaded.size, 'the pages came in chunks').toBeGreaterThan(1);
  expect([...loaded].filter((c) => adminOnly.includes(c))).toEqual([]);

  // The admin's pages do load their own chunks.
  await signInAsAdmin(page);
  await visit(page, '/admin/offers');
  await page.waitForLoadState('networkidle');
  expect([...loaded].filter((c) => adminOnly.includes(c)).length).toBeGreaterThan(0);
});
