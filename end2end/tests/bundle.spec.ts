import fs from 'node:fs';
import path from 'node:path';
import { test, expect, visit, ready, addTwoInStock, isHydrated } from './support/fixtures';
import { signInAsAdmin } from './support/admin';
import type { Page } from '@playwright/test';

// Pages are rendered on the server. Only their interactive parts, the
// islands, run in the browser: each island's code is a set of chunks of
// its own (the split manifest lists them), loaded when a page shows it.
// A page without islands downloads no code; the admin's pages are
// server-rendered forms, so none of their code is in the module.
const pkg = path.resolve(__dirname, '..', '..', 'target', 'site', 'pkg');
const ISLANDS = ['BuyBox', 'LiveTotals', 'PrintButton', 'SearchResults'];

/** The islands the browser module can wake, by component name. */
function exportedIslands(): string[] {
  const js = fs.readFileSync(path.join(pkg, 'store.js'), 'utf8');
  return [...js.matchAll(/^export (?:async )?function (\w+)_\d+\(el\)/gm)].map((m) => m[1]).sort();
}

/** The chunk files an island's code needs, from the split manifest. */
function chunksOf(island: string): string[] {
  const manifest: Record<string, string[]> = JSON.parse(
    fs.readFileSync(path.join(pkg, '__wasm_split_manifest.json'), 'utf8'),
  );
  const snake = island.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  const entry = Object.entries(manifest).find(([key]) => key.startsWith(`${snake}_loader_`));
  expect(entry, `the manifest lists ${island}`).toBeDefined();
  return entry![1].map((c) => `${c}.wasm`);
}

/** The islands on the current page, by component name. */
async function islandsOnPage(page: Page): Promise<string[]> {
  return page
    .locator('leptos-island')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.component!.replace(/_\d+$/, '')));
}

test('each page downloads only the code of its own islands', async ({ page }) => {
  test.skip(!isHydrated(page), 'without JavaScript nothing is downloaded to run');
  expect(exportedIslands()).toEqual(ISLANDS);

  let loaded = new Set<string>();
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (name.endsWith('.wasm')) loaded.add(name);
  });
  const expectOnly = async (islands: string[]) => {
    await page.waitForLoadState('networkidle');
    expect(await islandsOnPage(page)).toEqual(islands);
    const allowed = new Set(['store.wasm', ...islands.flatMap(chunksOf)]);
    expect([...loaded].filter((c) => !allowed.has(c)), 'chunks of other islands').toEqual([]);
    if (islands.length > 0) expect(loaded.has(chunksOf(islands[0]).at(-1)!)).toBe(true);
    else expect([...loaded], 'a page without islands downloads no code').toEqual([]);
    loaded = new Set();
  };

  await visit(page, '/');
  await expectOnly([]);
  await addTwoInStock(page);
  await expectOnly(['BuyBox']);
  await page.getByRole('link', { name: 'Basket (2)' }).click();
  await ready(page);
  await expectOnly([]);
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await ready(page);
  await expectOnly(['LiveTotals']);
  await visit(page, '/search?q=oak');
  await expectOnly(['SearchResults']);

  await signInAsAdmin(page);
  await visit(page, '/admin/offers');
  await expectOnly([]);
});
