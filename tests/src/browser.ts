/**
 * Browser tests drive Debian's Chromium with playwright-core (no downloaded browser: the machine has no
 * internet). `.ci/run` installs it with `apt-get install -y chromium`; CHROMIUM_PATH overrides the path.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../screenshots/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // The machine's network is closed: without these, Chromium's background connections fail noisily.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface Viewport {
  width: number;
  height: number;
}
export const DESKTOP: Viewport = { width: 1280, height: 860 };
export const PHONE: Viewport = { width: 390, height: 844 };

export async function newContext(browser: Browser, viewport: Viewport = DESKTOP): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
}

/** Opens the web client, goes through the dev ESIA login page as `login`, and waits to be back. */
export async function signIn(page: Page, webUrl: string, login: string, path = '/'): Promise<void> {
  await page.goto(new URL(path, webUrl).href);
  await page.getByRole('button', { name: 'Войти через Госуслуги' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await page
    .locator('li', { has: page.locator(`input[name="login"][value="${login}"]`) })
    .getByRole('button', { name: 'Войти' })
    .click();
  await page.waitForURL((url) => url.origin === new URL(webUrl).origin && url.pathname !== '/auth/callback');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS_DIR}${name}.png`, fullPage: true });
}
