import { test, expect, visit, ready, isHydrated, openInStockProduct } from './support/fixtures';

test('browse, add two, change the quantity, remove, empty', async ({ page }) => {
  await visit(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'All products' })).toBeVisible();
  await expect(page.getByText('Page 1 of 84')).toBeVisible();

  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page.getByText('Page 2 of 84')).toBeVisible();

  const categories = page.getByRole('navigation', { name: 'Categories' });
  const category = categories.getByRole('link').nth(3);
  const categoryName = (await category.innerText()).trim();
  await category.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(categoryName);
  await ready(page);

  const title = await openInStockProduct(page);
  await expect(page.getByText(/^\$[\d,]+\.\d\d$/).first()).toBeVisible();

  if (isHydrated(page)) {
    // The add must not reload the page: a marker set now survives it.
    await page.evaluate(() => ((window as any).__noReload = true));
  }
  await page.getByLabel('Quantity', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await expect(page.getByRole('link', { name: 'Basket (2)' })).toBeVisible();
  if (isHydrated(page)) {
    await expect(page.getByRole('status')).toHaveText(`Added 2 × ${title} to your basket.`);
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  }

  await page.getByRole('link', { name: 'Basket (2)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your basket' })).toBeVisible();
  await ready(page);
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(page.getByText('Subtotal (2 items)')).toBeVisible();

  await page.getByLabel(`Quantity of ${title}`).fill('3');
  await page.getByRole('button', { name: `Update quantity of ${title}` }).click();
  await expect(page.getByText('Subtotal (3 items)')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Basket (3)' })).toBeVisible();

  await page.getByRole('button', { name: `Remove ${title}` }).click();
  await expect(page.getByText('Your basket is empty.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Basket (0)' })).toBeVisible();
});

test('bad quantities show an error and change nothing', async ({ page }) => {
  await visit(page, '/');
  const title = await openInStockProduct(page);
  const quantity = page.getByLabel('Quantity', { exact: true });
  const add = page.getByRole('button', { name: 'Add to basket' });

  await quantity.fill('0');
  await add.click();
  await expect(page.getByRole('alert')).toHaveText('The quantity must be between 1 and 999.');

  await page.getByLabel('Quantity', { exact: true }).fill('1000');
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await expect(page.getByRole('alert')).toHaveText('The quantity must be between 1 and 999.');

  // More than the stock (the demo catalog holds at most 500 of anything).
  await page.getByLabel('Quantity', { exact: true }).fill('999');
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await expect(page.getByRole('alert')).toContainText('not enough stock');
  await expect(page.getByRole('alert')).toContainText(title);

  await expect(page.getByRole('link', { name: 'Basket (0)' })).toBeVisible();
});

test('sold-out products cannot be added', async ({ page }) => {
  // A product the demo catalog has none of.
  await visit(page, '/product/classic-wool-journal-1035');
  await expect(page.getByText('Sold out', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add to basket' })).toBeDisabled();
});

test('unknown pages get a 404 page', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to the shop' })).toBeVisible();
});
