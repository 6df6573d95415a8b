import { expect, ready } from './fixtures';
import type { Page } from '@playwright/test';

// The demo admin, created on start by STORE_DEMO_ADMIN.
const ADMIN_EMAIL = 'admin@ferrostore.test';
const ADMIN_PASSWORD = 'ferrostore-admin';

export async function signInAsAdmin(page: Page) {
  await page.goto('/admin');
  // Anonymous visitors are sent to sign in, and come back afterwards.
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await ready(page);
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await ready(page);
}
