import { test, expect, ready, visit } from './support/fixtures';
import { addTwo, checkOutToGermany, money } from './support/checkout';
import { signInAsAdmin } from './support/admin';
import { BASE_URL } from '../playwright.config';
import type { Browser } from '@playwright/test';

/** Creates a voucher offer and one code for it through the admin's API. */
async function voucher(browser: Browser, name: string, code: string, fields: Record<string, string>) {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const admin = await context.newPage();
  await signInAsAdmin(admin);
  const headers = { origin: BASE_URL, accept: 'application/json' };
  const saved = await admin.request.post('/api/admin/offers/save', {
    headers,
    form: {
      'form[name]': name,
      'form[kind]': 'voucher',
      'form[range]': 'all',
      'form[condition_kind]': 'count',
      'form[condition_value]': '1',
      'form[benefit_kind]': 'percent',
      'form[active]': 'on',
      ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [`form[${k}]`, v])),
    },
  });
  expect(saved.status()).toBe(200);
  const offer = String(await saved.json());
  const added = await admin.request.post('/api/admin/offers/codes', {
    headers,
    form: { 'form[offer]': offer, 'form[code]': code },
  });
  expect(added.status()).toBe(200);
  await context.close();
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test('a shopper is told why a code fails, applies a good one and sees the discount on the order', async ({ page, browser }, info) => {
  test.setTimeout(60_000);
  const tag = `${info.project.name}-${Date.now()}`.toUpperCase();
  const expired = `OLD-${tag}`;
  const good = `TEN-${tag}`;
  await voucher(browser, `Old ${tag}`, expired, { benefit_value: '10', ends_on: day(-3) });
  await voucher(browser, `Ten percent ${tag}`, good, { benefit_value: '10' });

  const title = await addTwo(page);
  const before = await checkOutToGermany(page, 'vouchers@example.com');
  const group = page.getByRole('group', { name: 'Voucher' });
  await group.getByLabel('Voucher code').fill(expired.toLowerCase());
  await group.getByRole('button', { name: 'Apply voucher' }).click();
  await expect(page.getByText('This voucher code has expired.')).toBeVisible();
  await ready(page);

  await group.getByLabel('Voucher code').fill(good.toLowerCase());
  await group.getByRole('button', { name: 'Apply voucher' }).click();
  await expect(group.getByRole('status')).toContainText(`Voucher ${good} applied: you save`);
  await ready(page);
  const summary = page.getByRole('complementary', { name: 'Order summary' });
  const discountRow = summary.getByRole('row', { name: new RegExp(`Ten percent ${tag} \\(voucher ${good}\\)`) });
  await expect(discountRow).toBeVisible();
  const discount = -money(await discountRow.getByRole('cell').last().innerText());
  expect(discount).toBeGreaterThan(0);
  const after = money(await page.getByTestId('grand-total').innerText());
  // 10 % off the goods, then 19 % VAT on what is left.
  expect(after).toBeLessThan(before);
  expect(Math.abs(before - after - discount * 1.19)).toBeLessThanOrEqual(0.02);

  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Order \d{4}-\d{5}$/ })).toBeVisible();
  await ready(page);
  await expect(page.getByRole('row', { name: new RegExp(title) })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`Ten percent ${tag} \\(voucher ${good}\\)`) })).toBeVisible();
  expect(money(await page.getByTestId('grand-total').innerText())).toBeCloseTo(after, 2);
});

test('an admin creates a Garden sale and the Garden listing shows it', async ({ page }, info) => {
  test.setTimeout(60_000);
  // Only baskets with dozens of Garden items qualify, so shoppers in the
  // tests running beside this one pay full price; each run has its own count.
  const count = info.project.name === 'hydrated' ? '50' : '60';
  const name = `Garden sale ${info.project.name}-${Date.now()}`;
  await signInAsAdmin(page);
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Offers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Offers' })).toBeVisible();
  await ready(page);
  await page.getByRole('link', { name: 'New offer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New offer' })).toBeVisible();
  await ready(page);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Products it covers').selectOption({ label: 'Category: Garden' });
  await page.getByLabel('Condition', { exact: true }).selectOption({ label: 'Number of items from the products' });
  await page.getByLabel('Number of items, or amount').fill(count);
  await page.getByLabel('Benefit', { exact: true }).selectOption({ label: 'Percentage off the products' });
  // A bad value is refused with a message next to the field.
  await page.getByLabel('Percentage, amount, or N').fill('120');
  await page.getByRole('button', { name: 'Save offer' }).click();
  await expect(page.getByText('Enter a percentage above 0 and up to 100').first()).toBeVisible();
  await ready(page);
  await page.getByLabel('Percentage, amount, or N').fill('20');
  await page.getByRole('button', { name: 'Save offer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
  await ready(page);

  const headline = `20 % off in Garden when you buy ${count} or more`;
  await visit(page, '/category/garden');
  await expect(page.getByText(headline).first()).toBeVisible();

  // Switched off, the listing no longer shows it.
  await visit(page, '/admin/offers');
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
  await ready(page);
  await page.getByRole('button', { name: 'Switch off' }).click();
  await expect(page.getByRole('button', { name: 'Switch on' })).toBeVisible();
  await visit(page, '/category/garden');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(headline)).toHaveCount(0);
});
