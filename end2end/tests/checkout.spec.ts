import { test, expect, ready, visit } from './support/fixtures';
import { addTwo, checkOutToGermany, money } from './support/checkout';
import type { Page } from '@playwright/test';

async function placeAndCheckOrderPage(page: Page, title: string, total: number): Promise<string> {
  await page.getByRole('button', { name: 'Place order' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /^Order \d{4}-\d{5}$/ });
  await expect(heading).toBeVisible();
  await ready(page);
  await expect(page.getByRole('status').filter({ hasText: 'Thank you! Your order' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('awaiting payment');
  await expect(page.getByRole('row', { name: new RegExp(title) })).toBeVisible();
  await expect(page.getByRole('row', { name: /VAT 19 %/ })).toBeVisible();
  expect(money(await page.getByTestId('grand-total').innerText())).toBeCloseTo(total, 2);
  return (await heading.innerText()).replace('Order ', '');
}

async function reorder(page: Page, title: string) {
  await page.getByRole('button', { name: 'Order again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your basket' })).toBeVisible();
  await ready(page);
  await expect(page.getByRole('status').filter({ hasText: '2 items were added to your basket.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: title })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to checkout' })).toBeVisible();
}

test('register, check out to Germany, see the order in the history, order again', async ({ page }, info) => {
  const email = `shopper-${info.project.name}-${Date.now()}@example.com`;
  await visit(page, '/account/register');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(page.getByText('Welcome! Your account is ready.')).toBeVisible();
  await ready(page);

  const title = await addTwo(page);
  const total = await checkOutToGermany(page);
  const number = await placeAndCheckOrderPage(page, title, total);

  await visit(page, '/account');
  await page.getByRole('link', { name: 'Your orders' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your orders' })).toBeVisible();
  await ready(page);
  await page.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();
  await ready(page);
  await reorder(page, title);
});

test('check out without an account, keep the order link, order again', async ({ page }) => {
  const title = await addTwo(page);
  const total = await checkOutToGermany(page, 'guest@example.com');
  const number = await placeAndCheckOrderPage(page, title, total);
  expect(new URL(page.url()).pathname).toMatch(/^\/orders\/[0-9a-f]{48}$/);

  // The basket waits for the payment and says so.
  await visit(page, '/basket');
  await expect(page.getByText(`This basket is waiting for payment of order ${number}`)).toBeVisible();
  await page.getByRole('link', { name: 'View, pay or cancel the order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();
  await ready(page);
  await reorder(page, title);
});

test('a refused checkout marks the fields and keeps what was typed', async ({ page }) => {
  await addTwo(page);
  await visit(page, '/checkout');
  const shipping = page.getByRole('group', { name: 'Shipping address' });
  await shipping.getByLabel('Full name').fill('Erika Mustermann');
  await page.getByRole('group', { name: 'Contact' }).getByLabel('Email').fill('not an email');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please correct the marked fields' })).toBeVisible();
  await expect(page.getByText('Please enter an email address like name@example.com.')).toBeVisible();
  await expect(page.getByText('Please enter the street and number.')).toBeVisible();
  await expect(page.getByText('Please choose a country from the list.').first()).toBeVisible();
  await expect(shipping.getByLabel('Full name')).toHaveValue('Erika Mustermann');
  await expect(page.getByRole('group', { name: 'Contact' }).getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
});
