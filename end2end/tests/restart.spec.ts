import { test, expect, ready } from './support/fixtures';
import { OwnServer } from './support/own-server';

test('the basket survives a server restart', async ({ page }) => {
  const port = test.info().project.name === 'hydrated' ? 3101 : 3102;
  const server = OwnServer.fresh(port, `restart-${test.info().project.name}`);
  await server.start();
  try {
    await page.goto(`${server.url}/`);
    await ready(page);
    const link = page.getByRole('listitem').filter({ hasText: 'In stock' }).first().getByRole('link');
    const title = (await link.innerText()).trim();
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await ready(page);
    await page.getByLabel('Quantity', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Add to basket' }).click();
    await expect(page.getByRole('link', { name: 'Basket (2)' })).toBeVisible();

    await server.stop();
    await server.start();

    await page.goto(`${server.url}/basket`);
    await ready(page);
    await expect(page.getByRole('row').filter({ hasText: title })).toBeVisible();
    await expect(page.getByText('Subtotal (2 items)')).toBeVisible();
  } finally {
    await server.stop();
  }
});
