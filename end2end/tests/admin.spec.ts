import { test, expect, ready, visit, isHydrated } from './support/fixtures';
import { checkOutToGermany, money } from './support/checkout';
import type { Page } from '@playwright/test';
import { signInAsAdmin } from './support/admin';

// A 4×4 PNG, so the upload is a real picture.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4YaMBRwzEcQDxwxLBXOwG1wAAAABJRU5ErkJggg==',
  'base64',
);

async function createProduct(page: Page, name: string, sku: string) {
  await visit(page, '/admin/products/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New product' })).toBeVisible();
  await page.getByLabel('SKU', { exact: true }).fill(sku);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Weight (grams)').fill('200');
  await page.getByRole('group', { name: /^Categories/ }).getByRole('checkbox').first().check();
  // Plenty of stock: other tests running beside this one buy the newest
  // products on the home page, which this one is.
  for (const [n, size, price, stock] of [
    ['1', 'S', 'USD 12.50', '500'],
    ['2', 'M', 'USD 13.75', '400'],
  ]) {
    await page.getByLabel(`Variant ${n} SKU`).fill(`${sku}-${size}`);
    await page.getByLabel(`Variant ${n} option`).fill('Size');
    await page.getByLabel(`Variant ${n} value`).fill(size);
    await page.getByLabel(`Variant ${n} prices`).fill(price);
    await page.getByLabel(`Variant ${n} stock`, { exact: true }).fill(stock);
  }
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `${name} was saved.` })).toBeVisible();
  await ready(page);

  await page.getByLabel('Picture (PNG or JPEG, up to 10 MB)').setInputFiles({
    name: 'front.png',
    mimeType: 'image/png',
    buffer: PNG,
  });
  await page.getByLabel('Alt text', { exact: true }).fill(`${name}, front`);
  await page.getByRole('button', { name: 'Upload picture' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The picture was added.' })).toBeVisible();
  await expect(page.getByRole('img', { name: `${name}, front` })).toBeVisible();
  await expect(page.getByText('Primary picture')).toBeVisible();
  await ready(page);
}

test('an admin creates a product, a shopper buys it by bank transfer, the admin takes the payment and ships', async ({ page, browser }, info) => {
  test.setTimeout(90_000);
  const suffix = `${info.project.name}-${Date.now()}`;
  const name = `Admin tee ${suffix}`;
  const sku = `ADM-${suffix}`.toUpperCase();
  await signInAsAdmin(page);
  await createProduct(page, name, sku);

  // Ten damaged shirts leave the stock, with the reason recorded.
  await page.getByRole('link', { name: 'Stock and reservations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Stock of ${name}` })).toBeVisible();
  await ready(page);
  await page.getByLabel(`Change ${sku}-S by`).fill('-10');
  await page.getByLabel(`Reason for ${sku}-S`).fill('damaged in transit');
  await page.getByRole('button', { name: `Adjust ${sku}-S` }).click();
  await expect(page.getByTestId(`on-hand-${sku}-S`)).toHaveText('490');
  await expect(page.getByRole('row').filter({ hasText: 'damaged in transit' })).toBeVisible();
  await ready(page);

  // The shopper, in a browser of their own.
  const shopperContext = await browser.newContext({
    javaScriptEnabled: info.project.name === 'hydrated',
    baseURL: info.project.use.baseURL,
  });
  const shopper = await shopperContext.newPage();
  await visit(shopper, `/product/${name.toLowerCase().replace(/ /g, '-')}`);
  await expect(shopper.getByRole('heading', { level: 1, name })).toBeVisible();
  await shopper.getByLabel('Quantity', { exact: true }).fill('2');
  await shopper.getByRole('button', { name: 'Add to basket' }).click();
  await expect(shopper.getByRole('link', { name: 'Basket (2)' })).toBeVisible();
  const total = await checkOutToGermany(shopper, `buyer-${suffix}@example.com`);
  await shopper.getByRole('button', { name: 'Place order' }).click();
  const heading = shopper.getByRole('heading', { level: 1, name: /^Order \d{4}-\d{5}$/ });
  await expect(heading).toBeVisible();
  await ready(shopper);
  const number = (await heading.innerText()).replace('Order ', '');
  const orderUrl = shopper.url();

  // A part of the money arrives: "Mark as paid" is not offered.
  await visit(page, `/admin/orders/${number}`);
  await expect(page.getByRole('heading', { level: 1, name: `Order ${number}` })).toBeVisible();
  const part = (Math.floor(total * 100 / 3) / 100).toFixed(2);
  await page.getByLabel('Amount received').fill(part);
  // Bank references are unique in the store: one transfer is recorded once.
  await page.getByLabel('Bank reference').fill(`PART-${suffix}`);
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByTestId('paid')).toHaveText(new RegExp(part.replace('.', '\\.')));
  await ready(page);
  await expect(page.getByRole('button', { name: 'Mark as paid' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ship' })).toHaveCount(0);

  // The rest arrives: the amount field offers what is still due.
  const due = money(await page.getByTestId('due').innerText());
  expect(due).toBeCloseTo(total - Number(part), 2);
  await expect(page.getByLabel('Amount received')).toHaveValue(due.toFixed(2));
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByRole('button', { name: 'Mark as paid' })).toBeVisible();
  await ready(page);
  await page.getByRole('button', { name: 'Mark as paid' }).click();
  await expect(page.getByRole('button', { name: 'Ship' })).toBeVisible();
  await ready(page);
  await expect(page.getByRole('button', { name: 'Record payment' })).toHaveCount(0);
  await page.getByLabel('Carrier').fill('DHL');
  await page.getByLabel('Tracking number').fill('00340434161094042557');
  await page.getByRole('button', { name: 'Ship' }).click();
  await expect(page.getByTestId('tracking')).toHaveText('DHL 00340434161094042557');
  await expect(page.locator('.order-status .badge')).toHaveText('shipped');
  await ready(page);

  // The customer lost the confirmation: it is sent again.
  await page.getByRole('button', { name: 'Send the order confirmation email again' }).click();
  await expect(page.getByRole('status').filter({ hasText: /email is on its way again/ })).toBeVisible();
  await ready(page);

  // The shopper sees it shipped.
  await shopper.goto(orderUrl);
  await expect(shopper.getByTestId('order-status')).toHaveText('shipped');
  await expect(shopper.getByText('DHL 00340434161094042557')).toBeVisible();
  await shopperContext.close();

  // The invoice, ready to print.
  await page.getByRole('link', { name: 'Invoice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Invoice ${number}` })).toBeVisible();
  await ready(page);
  await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
  expect(money(await page.getByTestId('invoice-total').innerText())).toBeCloseTo(total, 2);
  if (isHydrated(page)) {
    await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  } else {
    await expect(page.getByText("Print this page with your browser's print command.")).toBeVisible();
  }
});

test('customers are kept out of the admin', async ({ page }, info) => {
  await visit(page, '/account/register');
  await page.getByLabel('Email').fill(`customer-${info.project.name}-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  const response = await page.goto('/admin/orders');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('alert')).toHaveText('This part of the store is for its staff.');
});

test('staff look up a customer', async ({ page, browser }, info) => {
  const email = `regular-${info.project.name}-${Date.now()}@example.com`;
  const customerContext = await browser.newContext({ baseURL: info.project.use.baseURL });
  const customer = await customerContext.newPage();
  await customer.goto('/account/register');
  await customer.getByLabel('Email').fill(email);
  await customer.getByLabel('Password').fill('correct horse battery');
  await customer.getByRole('button', { name: 'Create account' }).click();
  await expect(customer.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await customerContext.close();

  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await ready(page);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('1 customers')).toBeVisible();
  await page.getByRole('link', { name: email }).click();
  await expect(page.getByRole('heading', { level: 1, name: email })).toBeVisible();
  await ready(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Billing records' })).toBeVisible();
});

test('an admin adds a category below another', async ({ page }, info) => {
  const slug = `gifts-${info.project.name}-${Date.now()}`;
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Categories' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Categories and catalogs' })).toBeVisible();
  await ready(page);
  const form = page.getByRole('region', { name: 'New category' });
  await form.getByLabel('Name of new category', { exact: true }).fill(`Gifts ${slug}`);
  await form.getByLabel('German name of new category').fill(`Geschenke ${slug}`);
  await form.getByLabel('Web address of new category', { exact: true }).fill(slug);
  // Below the last category and last among its siblings, so the categories
  // other tests click by position stay where they are.
  const parent = form.getByLabel('Parent of new category', { exact: true });
  await parent.selectOption({ index: (await parent.getByRole('option').count()) - 1 });
  await form.getByLabel('Position of new category', { exact: true }).fill('9999');
  await form.getByRole('button', { name: 'Add category' }).click();
  await expect(page.getByText(`/category/${slug} · 0 products`)).toBeVisible();
  await ready(page);
  await expect(page.getByLabel(`German name of Gifts ${slug}`)).toHaveValue(`Geschenke ${slug}`);
  await expect(page.getByLabel(`Parent of Gifts ${slug}`, { exact: true })).not.toHaveValue('');
});

test('an admin edits tax rates and shipping methods and sees payment providers without their secrets', async ({ page }, info) => {
  const tag = `${info.project.name}-${Date.now()}`;
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await ready(page);
  const providers = page.getByRole('region', { name: 'Payment providers' });
  await expect(providers.getByRole('row', { name: /Bank transfer/ })).toContainText('Offered at checkout');
  await expect(providers.getByRole('button', { name: /Disable Bank transfer/i })).toBeVisible();
  await expect(providers).not.toContainText('testpay-');
  // Saving the store settings unchanged keeps the store as it is.
  await expect(page.getByLabel('Basket reservations last (minutes)')).toHaveValue(/\d+/);
  await page.getByRole('button', { name: 'Save store settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The store settings were saved.' })).toBeVisible();
  await ready(page);

  // A tax rate of a country no other test ships to, added and removed.
  await page.getByRole('link', { name: 'Tax rates' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tax rates' })).toBeVisible();
  await ready(page);
  const taxClass = `e2e-${tag}`;
  await page.getByLabel('Country code').fill('JP');
  await page.getByLabel('Tax class').fill(taxClass);
  await page.getByLabel('Rate (%)').fill('10');
  await page.getByRole('button', { name: 'Save tax rate' }).click();
  const remove = page.getByRole('button', { name: `Remove JP ${taxClass}` });
  await expect(remove).toBeVisible();
  await ready(page);
  await expect(page.getByRole('row').filter({ has: remove })).toContainText('10 %');
  await remove.click();
  await expect(remove).toHaveCount(0);
  await ready(page);

  // A shipping method for Japan only, so no other test's checkout sees it.
  await visit(page, '/admin/settings/shipping');
  await expect(page.getByRole('heading', { level: 1, name: 'Shipping methods' })).toBeVisible();
  const fresh = page.getByRole('group', { name: 'New shipping method' });
  await fresh.getByLabel('Code', { exact: true }).fill(`jp-${tag}`);
  await fresh.getByLabel('Name', { exact: true }).fill(`Japan ${tag}`);
  await fresh.getByLabel('Priced').selectOption('weight');
  await fresh.getByLabel('Weight bands (grams: price; …)').fill('1000: 20; 5000: 45.50');
  await fresh.getByLabel('Countries (codes, empty for everywhere)').fill('JP');
  await fresh.getByRole('button', { name: 'Add shipping method' }).click();
  const saved = page.getByRole('group', { name: `Japan ${tag}` });
  await expect(saved).toBeVisible();
  await ready(page);
  await expect(saved.getByLabel('Weight bands (grams: price; …)')).toHaveValue('1000: 20.00; 5000: 45.50');
  // A malformed band is refused with a message, and nothing changes.
  await saved.getByLabel('Weight bands (grams: price; …)').fill('5000: 1; 1000: 2');
  await saved.getByRole('button', { name: `Save Japan ${tag}` }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Weight bands' })).toBeVisible();
});

test('stock clerks add serial units and sell one by hand', async ({ page }, info) => {
  const suffix = `${info.project.name}-${Date.now()}`.toUpperCase();
  const sku = `UNIT-${suffix}`;
  await signInAsAdmin(page);
  await visit(page, '/admin/products/new');
  await page.getByLabel('SKU', { exact: true }).fill(sku);
  await page.getByLabel('Name', { exact: true }).fill(`Guitar ${suffix}`);
  await page.getByRole('group', { name: /^Categories/ }).getByRole('checkbox').first().check();
  // Kept off the shop, so no other test buys its only unit.
  await page.getByRole('checkbox', { name: 'Active' }).uncheck();
  await page.getByLabel('Variant 1 SKU').fill(`${sku}-1`);
  await page.getByLabel('Variant 1 prices').fill('USD 1200');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit Guitar ${suffix}` })).toBeVisible();
  await ready(page);
  await page.getByRole('link', { name: 'Stock and reservations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Stock of Guitar ${suffix}` })).toBeVisible();
  await ready(page);

  for (const serial of ['SN-A', 'SN-B']) {
    await page.getByLabel('Serial number', { exact: true }).fill(serial);
    await page.getByLabel("Own price (empty for the variant's)").fill(serial === 'SN-A' ? '1350' : '');
    await page.getByLabel('Notes', { exact: true }).fill('set up');
    await page.getByRole('button', { name: 'Add unit' }).click();
    await expect(page.getByRole('button', { name: `Save unit ${serial}` })).toBeVisible();
    await ready(page);
  }
  await expect(page.getByTestId(`on-hand-${sku}-1`)).toHaveText('2');
  await expect(page.getByLabel('Own price of SN-A')).toHaveValue('1350.00');
  // A second SN-A is refused.
  await page.getByLabel('Serial number', { exact: true }).fill('SN-A');
  await page.getByRole('button', { name: 'Add unit' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'already has a unit with serial number SN-A' })).toBeVisible();
  await ready(page);

  await page.getByLabel('Status of SN-B').selectOption('sold');
  await page.getByRole('button', { name: 'Save unit SN-B' }).click();
  await expect(page.getByTestId(`on-hand-${sku}-1`)).toHaveText('1');
  await expect(page.getByRole('row').filter({ hasText: 'unit SN-B sold by hand' })).toBeVisible();
});
