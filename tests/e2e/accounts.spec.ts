import { expect, test, type Page } from '@playwright/test';
import { SiteServer } from './server';

const server = new SiteServer(3100 + (process.pid % 500));
const password = 'correct-horse-battery';

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => server.start());
test.afterAll(async () => {
  await server.stop();
  server.removeData();
});

async function signUp(page: Page, name: string, email: string) {
  await page.goto(`${server.url}/sign-up`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create your account' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function submitSignIn(page: Page, email: string, pass: string) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(pass);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signIn(page: Page, email: string) {
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
}

test('an anonymous visitor can browse, but the dashboard asks them to sign in', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('See exactly what your cluster would do');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learn' }).click();
  await expect(page.getByRole('heading', { name: 'The life of a Pod' })).toBeVisible();
  await page.goto(`${server.url}/dashboard`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdashboard$/);
});

test('the first account becomes admin and can open the admin page', async ({ page }) => {
  await signUp(page, 'Ada Admin', 'ada@example.com');
  await expect(page.getByTestId('signed-in-as')).toContainText('(admin)');
  await page.goto(`${server.url}/admin`);
  await expect(page.getByRole('heading', { name: 'People and roles' })).toBeVisible();
});

test('a learner signs up, sees the dashboard, signs out and back in', async ({ page }) => {
  await signUp(page, 'Lee Learner', 'lee@example.com');
  await expect(page.getByRole('heading', { name: 'Your dashboard' })).toBeVisible();
  await expect(page.getByTestId('no-attempts')).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toContainText('(learner)');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto(`${server.url}/dashboard`);
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, 'lee@example.com');
  await expect(page.getByText('Signed in as lee@example.com')).toBeVisible();
});

test('a wrong password is refused with a clear message and keeps what was typed', async ({ page }) => {
  await submitSignIn(page, 'lee@example.com', 'not-my-password');
  await expect(page.locator('form').getByRole('alert')).toContainText('do not match an account');
  await expect(page.getByLabel('Email')).toHaveValue('lee@example.com');
});

test('a learner cannot open the admin page', async ({ page }) => {
  await signIn(page, 'lee@example.com');
  const response = await page.goto(`${server.url}/admin`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: /don.t have access/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);
});

test('an admin makes a learner an instructor', async ({ page }) => {
  await signIn(page, 'ada@example.com');
  await page.goto(`${server.url}/admin`);
  await page.getByLabel('Role of lee@example.com').selectOption('instructor');
  const row = page.getByRole('row').filter({ hasText: 'lee@example.com' });
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row.getByRole('status')).toHaveText('Saved.');
});

test('accounts and roles survive a server restart', async ({ page }) => {
  await server.stop();
  await server.start();
  await signIn(page, 'lee@example.com');
  await expect(page.getByTestId('signed-in-as')).toContainText('(instructor)');
});
