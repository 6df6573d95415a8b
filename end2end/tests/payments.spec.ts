import { test, expect, ready } from './support/fixtures';
import { addTwo, checkOutToGermany, money } from './support/checkout';
import type { Page } from '@playwright/test';

const TESTPAY = 'Card (testpay)';

/** Checks out with testpay and lands on its page; returns the total. */
async function checkOutWithTestpay(page: Page): Promise<number> {
  await addTwo(page);
  const total = await checkOutToGermany(page, 'card@example.com', TESTPAY);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'testpay' })).toBeVisible();
  // testpay shows what is to be paid.
  await expect(page.getByText(total.toFixed(2), { exact: false }).first()).toBeVisible();
  return total;
}

async function orderPage(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: /^Order \d{4}-\d{5}$/ })).toBeVisible();
  await ready(page);
}

test('pay on testpay: the order is paid', async ({ page }) => {
  const total = await checkOutWithTestpay(page);
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await orderPage(page);
  await expect(page.getByTestId('order-status')).toHaveText('paid');
  expect(money(await page.getByTestId('grand-total').innerText())).toBeCloseTo(total, 2);
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
});

test('a declined card can be tried again, then paid', async ({ page }) => {
  await checkOutWithTestpay(page);
  await page.getByRole('button', { name: 'Decline' }).click();
  await orderPage(page);
  await expect(page.getByRole('status').filter({ hasText: 'Your payment was declined' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('awaiting payment');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'testpay' })).toBeVisible();
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await orderPage(page);
  await expect(page.getByTestId('order-status')).toHaveText('paid');
});

test('a late confirmation shows processing, then paid without a manual reload', async ({ page }) => {
  await checkOutWithTestpay(page);
  await page.getByRole('button', { name: 'Pay, notify late' }).click();
  await orderPage(page);
  await expect(page.getByRole('status').filter({ hasText: 'Payment processing' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('awaiting payment');
  // testpay confirms a few seconds later; the page follows by itself
  // (hydrated: it asks again; without JavaScript: it refreshes).
  await expect(page.getByTestId('order-status')).toHaveText('paid', { timeout: 15_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Payment processing' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
});
