import { test, expect, visit, ready } from './support/fixtures';
import { readFile } from 'node:fs/promises';

const EBOOK = 'Running a shop on Rust (e-book)';

test('a paid e-book downloads from its order page', async ({ page }) => {
  await visit(page, '/product/running-a-shop-on-rust-ebook');
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await page.getByRole('link', { name: 'Basket (1)' }).click();
  await ready(page);
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await ready(page);
  // Nothing ships: the checkout asks for a billing address only.
  await expect(page.getByRole('group', { name: 'Shipping address' })).toHaveCount(0);
  await page.getByRole('group', { name: 'Contact' }).getByLabel('Email').fill('reader@example.com');
  const billing = page.getByRole('group', { name: 'Billing address' });
  await billing.getByLabel('Full name').fill('Erika Mustermann');
  await billing.getByLabel('Street and number').fill('Heidestraße 17');
  await billing.getByLabel('Postcode').fill('51147');
  await billing.getByLabel('Town or city').fill('Köln');
  await billing.getByLabel('Country').selectOption({ label: 'Germany' });
  await page.getByRole('group', { name: 'Payment' }).getByRole('radio', { name: 'Card (testpay)' }).check();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'testpay' })).toBeVisible();
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Order \d{4}-\d{5}$/ })).toBeVisible();
  await ready(page);

  // Delivery runs in the background; the link shows once it has.
  const link = page.getByRole('link', { name: `Download ${EBOOK}` });
  await expect(async () => {
    await page.reload();
    await ready(page);
    await expect(link).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('order-status')).toHaveText('fulfilled');
  await expect(page.getByText('5 downloads left', { exact: false })).toBeVisible();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/download\/[0-9a-f]{48}$/);

  const downloading = page.waitForEvent('download');
  await link.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Running a shop on Rust (sample).pdf');
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

  await page.reload();
  await ready(page);
  await expect(page.getByText('4 downloads left', { exact: false })).toBeVisible();
});
