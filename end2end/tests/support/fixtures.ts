import { test as base, expect, Page } from '@playwright/test';

/** True in the project that runs the hydrated (WASM) storefront. */
export function isHydrated(page: Page): boolean {
  return test.info().project.name === 'hydrated';
}

/**
 * Every test fails on console errors or uncaught exceptions, which is how
 * hydration mismatches and panics in the WASM app show up. In the hydrated project, each navigation
 * waits until the WASM app has taken over the page.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        // Answers like 400 or 409 to a rejected form are the store working;
        // the browser merely reports them. Anything else is a real error.
        const expectedRejection = /^Failed to load resource: .* status of 4\d\d /.test(msg.text());
        if (msg.type() === 'error' && !expectedRejection) errors.push(`${msg.text()} (on ${page.url()})`);
      });
      page.on('pageerror', (err) => errors.push(err.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** Waits for hydration when JavaScript runs; a no-op without it. */
export async function ready(page: Page) {
  if (isHydrated(page)) {
    await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
  }
}

export async function visit(page: Page, path: string) {
  await page.goto(path);
  await ready(page);
}

/** Opens the first product on the page whose card says "In stock"; returns its title. */
export async function openInStockProduct(page: Page): Promise<string> {
  const card = page.getByRole('listitem').filter({ hasText: 'In stock' }).first();
  const link = card.getByRole('link');
  const title = (await link.innerText()).trim();
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await ready(page);
  return title;
}

/** From a listing, adds two of the first in-stock product; returns its title. */
export async function addTwoInStock(page: Page): Promise<string> {
  const title = await openInStockProduct(page);
  await page.getByLabel('Quantity', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await expect(page.getByRole('link', { name: 'Basket (2)' })).toBeVisible();
  return title;
}

export { expect };
