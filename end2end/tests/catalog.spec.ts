import { test, expect, visit, ready, isHydrated } from './support/fixtures';

test('search, filter, open a product, choose a variant, add it', async ({ page }) => {
  await visit(page, '/');
  await page.getByLabel('Search the store').fill('course');
  await page.getByRole('button', { name: 'Go' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();
  await ready(page);

  const search = page.getByLabel('Search products');
  await expect(search).toHaveValue('course');
  await search.fill('store engineering');
  if (!isHydrated(page)) await page.getByRole('button', { name: 'Search', exact: true }).click();
  // Hydrated, results follow the typing without a button press.
  await expect(page.getByRole('link', { name: 'Store engineering course' })).toBeVisible();

  await page.getByLabel('Category').selectOption({ label: '– Courses' });
  await page.getByLabel('In stock only').check();
  if (!isHydrated(page)) await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/category=courses/);
  await expect(page.getByText('1 product', { exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Store engineering course' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Store engineering course');
  await ready(page);
  await expect(page.getByText('$49.00', { exact: true })).toBeVisible();

  await page.getByRole('radio', { name: /seat: verified/ }).check();
  if (!isHydrated(page)) await page.getByRole('button', { name: 'Show this option' }).click();
  await expect(page.getByText('$199.00', { exact: true })).toBeVisible();
  await expect(page.getByRole('radio', { name: /seat: verified/ })).toBeChecked();

  await page.getByRole('button', { name: 'Add to basket' }).click();
  await expect(page.getByRole('link', { name: 'Basket (1)' })).toBeVisible();
  await page.getByRole('link', { name: 'Basket (1)' }).click();
  await ready(page);
  const row = page.getByRole('row').filter({ hasText: 'Store engineering course' });
  await expect(row).toContainText('seat: verified');
  await expect(row).toContainText('$199.00');
});

test('pick a specific serial-numbered unit', async ({ page }) => {
  // The two projects run at once against one store: each takes its own unit.
  const serial = isHydrated(page) ? 'CB400-1980-2093' : 'CB400-1979-1187';
  await visit(page, '/product/classic-400-motorcycle');
  await expect(page.getByRole('group', { name: 'Choose a unit' })).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(`Serial number ${serial}`) }).check();
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await expect(page.getByRole('link', { name: 'Basket (1)' })).toBeVisible();

  await page.getByRole('link', { name: 'Basket (1)' }).click();
  // Hydrated, the basket page's code may still be loading after the click.
  await expect(page.getByRole('heading', { level: 1, name: 'Your basket' })).toBeVisible();
  await ready(page);
  await expect(page.getByText(`Serial number ${serial}`)).toBeVisible();

  // Taken units are not offered to anyone else.
  await visit(page, '/product/classic-400-motorcycle');
  await expect(page.getByRole('radio', { name: new RegExp(serial) })).toHaveCount(0);

  // Giving it back puts it on offer again.
  await visit(page, '/basket');
  await page.getByRole('button', { name: new RegExp(`Remove .*${serial}`) }).click();
  await expect(page.getByText('Your basket is empty.')).toBeVisible();
  await visit(page, '/product/classic-400-motorcycle');
  await expect(page.getByRole('radio', { name: new RegExp(serial) })).toHaveCount(1);
});

test('switch the language to German and back', async ({ page }) => {
  await visit(page, '/product/pencil-30-pack');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pencil 30-pack');
  await page.getByRole('button', { name: 'Deutsch' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bleistift, 30er-Pack');
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');

  // The choice sticks while browsing; category names are translated too.
  await visit(page, '/category/motorcycles');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Motorräder');
  await expect(page.getByRole('link', { name: 'Classic 400 Motorrad (gebraucht)' })).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Motorcycles');
});
