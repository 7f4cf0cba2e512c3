/**
 * The public catalogue page (issue 11) in a real Chromium: reachable without signing in, from the sign-in page
 * too, and its GraphQL requests carry no token — the gateway answers them as an anonymous caller.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from '../src/accessibility.ts';
import { launchBrowser, newContext, screenshot, signIn } from '../src/browser.ts';
import { startPlatform, type Platform } from '../src/platform.ts';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform({ web: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** A new tab that records the GraphQL requests it sends. */
async function tab(): Promise<{ page: Page; graphql: Request[] }> {
  const page = await (await newContext(browser)).newPage();
  const graphql: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql') graphql.push(request);
  });
  return { page, graphql };
}

describe('«Кружки и секции» without signing in', () => {
  it('lists programmes and filters them by municipality, sending no token', async () => {
    const { page, graphql } = await tab();
    await page.goto(new URL('/catalogue', platform.webUrl).href);
    await page.getByRole('heading', { level: 1, name: 'Кружки и секции' }).waitFor();
    const items = page.locator('.public-list li');
    await items.first().waitFor();
    expect(await items.count()).toBeGreaterThan(0);
    await expect(page.getByRole('heading', { name: 'Вход в систему' }).count()).resolves.toBe(0);
    await screenshot(page, 'catalogue-public');

    const select = page.getByLabel('Муниципалитет');
    const options = await select.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(1);
    await select.selectOption({ label: options[1]! });
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('.public-list li')].every((li) => li.textContent?.includes(name)),
      options[1]!,
    );

    expect(graphql.length).toBeGreaterThan(0);
    expect(graphql.map((request) => request.headers()['authorization'] ?? null)).toEqual(graphql.map(() => null));
    await expect(accessibilityViolations(page)).resolves.toEqual([]);
    await page.context().close();
  });

  it('is linked from the sign-in page', async () => {
    const { page } = await tab();
    await page.goto(platform.webUrl);
    await page.getByRole('link', { name: 'Кружки и секции' }).click();
    await page.waitForURL((url) => url.pathname === '/catalogue');
    await page.getByRole('heading', { level: 1, name: 'Кружки и секции' }).waitFor();
    await page.context().close();
  });

  it('sends no token from a signed-in tab either, and leaves the session alone', async () => {
    const { page, graphql } = await tab();
    await signIn(page, platform.webUrl, 'guardian');
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    graphql.length = 0;
    await page.goto(new URL('/catalogue', platform.webUrl).href);
    await page.locator('.public-list li').first().waitFor();
    expect(graphql.every((request) => request.headers()['authorization'] === undefined)).toBe(true);
    await page.goto(platform.webUrl);
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    await page.context().close();
  });
});
