/**
 * Debian's chromium through playwright-core (no browser download), with page helpers shared by the specs:
 * sign in through the dev identity provider's window, wait on a data-tid, collect console errors, screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const SCREENSHOTS = join(import.meta.dirname, '../../../.e2e-screenshots');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export const tid = (page: Page, id: string) => page.locator(`[data-tid="${id}"]`);

/** Console errors and uncaught page errors of every page in the context. */
export function collectErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => m.type() === 'error' && errors.push(`${page.url()}: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return errors;
}

/**
 * Clicks the app's sign-in button, picks the persona in the identity provider's window, waits for the app.
 * One more attempt when the window closed before the persona was picked: the signer closes it when the
 * window's heartbeat stops for 2 s (@icp-sdk/signer's disconnectTimeout), which a loaded 2-core box's
 * renderer can stall for; a person would click Sign in again. A second closed window fails the test.
 */
export async function signIn(page: Page, persona: string, attempts = 2): Promise<void> {
  const popup = page.context().waitForEvent('page');
  await tid(page, 'sign-in').click();
  const idp = await popup;
  try {
    await tid(idp, `persona-${persona}`).click();
  } catch (error) {
    if (!idp.isClosed() || attempts <= 1) throw error;
    await tid(page, 'sign-in').waitFor({ state: 'visible' });
    await expect.poll(() => tid(page, 'sign-in').isEnabled(), { timeout: 30_000 }).toBe(true);
    return signIn(page, persona, attempts - 1);
  }
  await tid(page, 'signed-in-as').waitFor({ timeout: 30_000 });
}

export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
