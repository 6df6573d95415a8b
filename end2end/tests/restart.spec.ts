import { test, expect, ready, addTwoInStock } from './support/fixtures';
import { OwnServer } from './support/own-server';

test('the basket survives a server restart', async ({ page }) => {
  const port = test.info().project.name === 'hydrated' ? 3101 : 3102;
  const server = OwnServer.fresh(port, `restart-${test.info().project.name}`);
  await server.start();
  try {
    await page.goto(`${server.url}/`);
    await ready(page);
    const title = await addTwoInStock(page);
    // Let the page finish loading its preloaded chunks before the restart.
    await page.waitForLoadState('networkidle');

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
