/**
 * The dev identity provider's legacy protocol (authorize-ready / authorize-client / authorize-client-success),
 * as @dfinity/auth-client 3.x speaks it: a minimal page bundled with vite logs in as a persona and makes a
 * signed request with the delegation, which localnet verifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetHttpServer } from '../../../localnet/src/http/server.ts';
import { personaIdentity } from '../../../localnet/src/http/identity-provider-keys.ts';
import { LocalNet } from '../../../localnet/src/localnet.ts';
import { serveDashboard } from '../../../scripts/start-web.ts';
import { collectErrors, launch, tid } from './browser.ts';

let net: LocalNet;
let server: LocalNetHttpServer;
let browser: Browser;
let outDir: string;
let page: { url: string; server: { close: () => void } };

describe('legacy @dfinity/auth-client 3.x login through the dev identity provider', () => {
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'gatehouse-legacy-'));
    await build({
      root: join(import.meta.dirname, 'legacy-page'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, target: 'es2022' },
    });
    net = await LocalNet.start();
    server = await LocalNetHttpServer.start(net, { port: 0 });
    page = await serveDashboard({
      root: outDir,
      port: 0,
      config: {
        network: 'local',
        host: server.url,
        identityProvider: `${server.url}/identity-provider`,
        canisters: {},
      },
    });
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    page?.server.close();
    await server?.close();
    await net?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('logs in as a persona and the delegated identity is accepted by localnet', async () => {
    const context = await browser.newContext();
    const errors = collectErrors(context);
    const app = await context.newPage();
    await app.goto(`${page.url}/?host=${encodeURIComponent(server.url)}`);
    const popup = context.waitForEvent('page');
    await tid(app, 'legacy-login').click();
    const idp = await popup;
    await tid(idp, 'local-only').waitFor();
    await tid(idp, 'persona-carol').click();
    await expect
      .poll(() => tid(app, 'legacy-out').textContent(), { timeout: 30_000 })
      .toBe(`signed in as ${personaIdentity('carol').getPrincipal().toText()}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
