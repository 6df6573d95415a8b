import { expect, visit, ready, isHydrated, addTwoInStock } from './fixtures';
import type { Page } from '@playwright/test';

export const money = (text: string) => Number(text.replace(/[^\d.-]/g, ''));

/** Adds two of the first in-stock product on the home page; returns its title. */
export async function addTwo(page: Page): Promise<string> {
  await visit(page, '/');
  return addTwoInStock(page);
}

export const BANK_TRANSFER = 'Bank transfer (pay in advance)';

/**
 * Fills the checkout for an address in Germany, checks the 19 % VAT and
 * chooses how to pay; returns the total.
 */
export async function checkOutToGermany(page: Page, email?: string, payment = BANK_TRANSFER) {
  await page.getByRole('link', { name: 'Basket (2)' }).click();
  await ready(page);
  await page.getByRole('link', { name: 'Go to checkout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await ready(page);
  const contact = page.getByRole('group', { name: 'Contact' });
  if (email) await contact.getByLabel('Email').fill(email);
  const shipping = page.getByRole('group', { name: 'Shipping address' });
  await shipping.getByLabel('Full name').fill('Erika Mustermann');
  await shipping.getByLabel('Street and number').fill('Heidestraße 17');
  await shipping.getByLabel('Postcode').fill('51147');
  await shipping.getByLabel('Town or city').fill('Köln');
  await shipping.getByLabel('Country').selectOption({ label: 'Germany' });
  const summary = page.getByRole('complementary', { name: 'Order summary' });
  const billing = page.getByRole('group', { name: 'Billing address' });
  const billToShipping = page.getByRole('checkbox', { name: 'Bill to the shipping address' });
  await expect(billToShipping).toBeChecked();
  if (isHydrated(page)) {
    // The billing address shows only while it differs from the shipping one.
    await expect(billing).toBeHidden();
    await billToShipping.uncheck();
    await expect(billing).toBeVisible();
    await billToShipping.check();
    await expect(billing).toBeHidden();
  } else {
    await expect(billing).toBeVisible();
  }
  if (isHydrated(page)) {
    // The totals follow the country without a reload.
    await page.evaluate(() => ((window as any).__noReload = true));
    await expect(summary.getByRole('row', { name: /VAT 19 %/ })).toBeVisible();
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  } else {
    await summary.getByRole('button', { name: 'Update totals' }).click();
    await expect(summary.getByRole('row', { name: /VAT 19 %/ })).toBeVisible();
    // The address typed so far survived the round trip.
    await expect(shipping.getByLabel('Street and number')).toHaveValue('Heidestraße 17');
  }
  await expect(page.getByRole('group', { name: 'Shipping method' }).getByRole('radio').first()).toBeChecked();
  await page.getByRole('group', { name: 'Payment' }).getByRole('radio', { name: payment }).check();

  // VAT is 19 % of goods and shipping, and everything adds up.
  const cell = async (name: RegExp) =>
    money(await summary.getByRole('row', { name }).getByRole('cell').last().innerText());
  const subtotal = await cell(/^Subtotal/);
  const shippingCost = await cell(/^Shipping:/);
  const vat = await cell(/^VAT 19 %/);
  const total = await cell(/^Total/);
  expect(Math.abs(vat - (subtotal + shippingCost) * 0.19)).toBeLessThanOrEqual(0.02);
  expect(total).toBeCloseTo(subtotal + shippingCost + vat, 2);
  return total;
}

