/**
 * The dashboard end to end on the `npm start` stack, in Debian's chromium: nora (node provider) signs in through
 * the dev identity provider and nominates erin; the proposal goes through her neuron; alice's vote (with nora's
 * 10 %: 45 %) is not enough; bob's adopts it; the registry shows erin; carol's playground job is completed by
 * the demo worker, and her chat through the llm canister (v0_chat, a held call) is answered by it, the llm
 * page's figures counting it; dora sees her own worker's figures. The ballots show each yes vote. Every page
 * is screenshotted at 1280 and 390 px, scrolls nowhere sideways, and logs no console error.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { personaIdentity } from '../../../localnet/src/http/identity-provider-keys.ts';
import { ensureWasm } from '../../support/wasm.ts';
import { collectErrors, launch, shoot, signIn, tid } from './browser.ts';
import { startStack, type Stack } from './stack.ts';

const ERIN = personaIdentity('erin').getPrincipal().toText();
const WAIT = { timeout: 60_000 };

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[][] = [];
let proposalId = '';
let aliceNeuron = '';

/** The signed-in persona's (first) neuron id on a proposal page, from the vote panel. */
async function ownNeuron(page: Page): Promise<string> {
  const id = await tid(page, 'vote-panel').locator('[data-tid^="neuron-"]').first().getAttribute('data-tid');
  return id!.replace('neuron-', '');
}

/** What scrolls sideways: the page itself, or a table in its scroll box (a column cut off at this width). */
function overflowing(page: Page): Promise<string[]> {
  return page
    .locator('html, .table-wrap')
    .evaluateAll((els) =>
      els
        .filter((e) => e.scrollWidth > e.clientWidth)
        .map((e) => `${e.className || e.tagName}: ${e.scrollWidth} > ${e.clientWidth}`),
    );
}

async function as(persona: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  errors.push(collectErrors(context));
  const page = await context.newPage();
  await page.goto(stack.dashboard);
  await tid(page, 'sign-in').waitFor(WAIT);
  if (persona !== 'anonymous') await signIn(page, persona);
  return page;
}

// Generous per-test bounds: a loaded 2-core CI box signs in, votes and infers slowly; every wait has its own bound.
describe('dashboard e2e (npm start stack, chromium)', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    // Under the suites' shared build lock, so npm start's own build finds every canister up to date.
    for (const name of ['sns_governance', 'registry', 'invitation', 'queue', 'llm'] as const) ensureWasm(name);
    stack = await startStack({ timeoutMs: 600_000 });
    browser = await launch();
  }, 660_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    if (stack) expect(await stack.stop()).toBe(0);
  }, 60_000);

  it('node provider nora nominates erin and proposes her admission with her neuron', async () => {
    const page = await as('nora');
    await page.goto(`${stack.dashboard}/#/nominations`);
    await tid(page, 'nomination-form').waitFor(WAIT);
    // Live validation: a bad principal is explained before submitting.
    await tid(page, 'nominate-candidate').fill('not-a-principal');
    await expect.poll(() => page.locator('#nominate-candidate-help').textContent()).toMatch(/not a principal/);
    await tid(page, 'nominate-candidate').fill(ERIN);
    await tid(page, 'nominate-displayName').fill('Erin');
    await tid(page, 'nominate-region').fill('eu-west');
    await tid(page, 'nominate-motivation').fill('Runs **tiny-chat** on a spare box.');
    // The models the network serves are offered; a name it does not serve is named as it is typed.
    const served = tid(page, 'served-models').getByRole('button', { name: 'tiny-chat' });
    await served.waitFor(WAIT);
    expect(await served.getAttribute('aria-pressed')).toBe('true');
    await tid(page, 'nominate-models').fill('tiny-caht');
    await expect.poll(() => page.locator('#nominate-models-help').textContent()).toMatch(/^not served .*: tiny-caht\./);
    await served.click();
    expect(await tid(page, 'nominate-models').inputValue()).toBe('tiny-caht, tiny-chat');
    await tid(page, 'nominate-models').fill('tiny-chat');
    await tid(page, 'nominate-submit').click();
    const result = await tid(page, 'nominate-result').textContent(WAIT);
    const m = /Nomination (\d+) is proposal (\d+)/.exec(result ?? '');
    expect(m, result ?? '').not.toBeNull();
    proposalId = m![2]!;
    // The new nomination tops the newest-first list, its pipeline past Proposed, while token holders vote.
    const card = tid(page, `nomination-${m![1]}`);
    await card.waitFor(WAIT);
    expect(await tid(page, 'nomination-list').locator('> li').first().getAttribute('data-tid')).toBe(
      `nomination-${m![1]}`,
    );
    expect(await card.locator('.pipeline li.done').allTextContents()).toEqual(['Nominated', 'Proposed']);
    expect(await card.textContent()).toContain(`Token holders are voting on proposal ${proposalId}.`);
    await shoot(page, 'nominations-1280');
  });

  it('one token holder is not enough: alice votes yes, the proposal stays open', async () => {
    const page = await as('alice');
    // The list's card says when the open proposal closes and how long is left.
    await tid(page, `proposal-${proposalId}`).waitFor(WAIT);
    expect(await tid(page, `proposal-${proposalId}`).textContent()).toMatch(/Closes .+ \(.+ left\)/);
    await page.goto(`${stack.dashboard}/#/proposals/${proposalId}`);
    await tid(page, 'admission-card').waitFor(WAIT);
    expect(await tid(page, 'admission-card').textContent()).toContain('Erin');
    // The motivation's markdown is formatted in the card; the validator's escaped copy reads as plain characters.
    expect(await tid(page, 'motivation').locator('strong').textContent()).toBe('tiny-chat');
    const rendering = tid(page, 'validator-rendering');
    expect(await rendering.locator('h1').count()).toBe(0);
    expect(await rendering.locator('blockquote').textContent()).toContain('Runs **tiny-chat** on a spare box.');
    expect(await tid(page, 'payload-sha256').locator('code').getAttribute('title')).toMatch(/^[0-9a-f]{64}$/);
    expect(await tid(page, 'topic').textContent()).toMatch(/^Application business logic/);
    aliceNeuron = await ownNeuron(page);
    await tid(page, 'vote-yes').click();
    await page.getByText('voted yes').waitFor(WAIT);
    await expect.poll(() => tid(page, 'tally-needs').textContent(), WAIT).toMatch(/more yes/);
    // The ballots: nora's (the proposer votes yes) and alice's own, marked hers.
    await expect.poll(() => tid(page, 'ballots-yes').textContent(), WAIT).toMatch(/^Yes 2 neurons/);
    expect(await tid(page, `ballot-${aliceNeuron}`).textContent()).toMatch(/yours.*yes/);
    // One neuron id format: the vote panel shortens it as the ballots do.
    expect(await tid(page, `neuron-${aliceNeuron}`).locator('code').textContent()).toBe(
      await tid(page, `ballot-${aliceNeuron}`).locator('code').textContent(),
    );
    expect(await tid(page, 'proposal-detail').textContent()).toContain('Open');
    await shoot(page, 'proposal-open-1280');
  });

  it('bob votes yes and the proposal is adopted; the registry lists erin', async () => {
    const page = await as('bob');
    await page.goto(`${stack.dashboard}/#/proposals/${proposalId}`);
    await tid(page, 'vote-yes').click(WAIT);
    await expect
      .poll(async () => (await tid(page, 'proposal-detail').textContent()) ?? '', WAIT)
      .toMatch(/Executed|Adopted/);
    const bobNeuron = await ownNeuron(page);
    await expect.poll(() => tid(page, 'ballots-yes').textContent(), WAIT).toMatch(/^Yes 3 neurons/);
    expect(await tid(page, `ballot-${bobNeuron}`).textContent()).toMatch(/yours.*yes/);
    expect(await tid(page, `ballot-${aliceNeuron}`).textContent()).toMatch(/yes/);
    await shoot(page, 'proposal-adopted-1280');
    await page.goto(`${stack.dashboard}/#/registry`);
    await tid(page, `contributor-${ERIN}`).waitFor(WAIT);
    await shoot(page, 'registry-1280');
  });

  it("carol's playground job is completed by the demo worker", async () => {
    const page = await as('carol');
    await page.goto(`${stack.dashboard}/#/playground`);
    await tid(page, 'job-prompt').fill('Say hello');
    await tid(page, 'job-submit').click();
    await tid(page, 'job-output').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-tid^="job-"] .badge').first().textContent()).toBe('Completed');
    await shoot(page, 'playground-1280');
    await page.goto(`${stack.dashboard}/#/workers`);
    await page.locator('[data-tid^="worker-"]').first().waitFor(WAIT);
    expect(await overflowing(page)).toEqual([]);
    await shoot(page, 'workers-1280');
  });

  it("carol's chat through the llm canister is answered by the worker, and the llm page counts it", async () => {
    const page = await as('carol');
    await page.goto(`${stack.dashboard}/#/llm`);
    await tid(page, 'llm-models').waitFor(WAIT);
    expect(await tid(page, 'llm-models').textContent()).toMatch(/llama3\.1:8b\s*tiny-chat/);
    expect(await tid(page, 'llm-id').locator('code').getAttribute('title')).toBe('w36hm-eqaaa-aaaal-qr76a-cai');
    await page.goto(`${stack.dashboard}/#/playground?via=llm`);
    await tid(page, 'llm-prompt').fill('Say hello');
    await tid(page, 'llm-submit').click();
    await tid(page, 'llm-answer').waitFor({ timeout: 120_000 });
    expect(await tid(page, 'llm-answer-held').textContent()).toMatch(/held open [\d.]+ m?s/);
    await shoot(page, 'playground-llm-1280');
    await page.goto(`${stack.dashboard}/#/llm`);
    await expect.poll(() => tid(page, 'llm-replied').textContent(), WAIT).toBe('1');
    expect(await tid(page, 'llm-chats').textContent()).toBe('1 v0 · 0 v1');
    expect(await tid(page, 'llm-held-time').textContent()).toMatch(/mean/);
    await shoot(page, 'llm-1280');
  });

  it("dora, the demo contributor, sees her status, her worker key and her worker's figures", async () => {
    const page = await as('dora');
    await page.goto(`${stack.dashboard}/#/workers`);
    await tid(page, 'you-workers').waitFor(WAIT);
    expect(await tid(page, 'you-status').textContent()).toContain('Active');
    const key = await tid(page, 'you-keys').locator('code').first().getAttribute('title');
    const row = tid(page, 'you-workers').locator(`[data-tid="worker-${key}"]`);
    expect(Number(await row.locator('[data-tid="completed"]').textContent())).toBeGreaterThanOrEqual(1);
    await shoot(page, 'workers-you-1280');
  });

  it('every page renders at 390 px and 1280 px without console errors', async () => {
    for (const width of [390, 1280]) {
      const page = await as('anonymous', width);
      for (const [route, ready] of [
        ['proposals', 'proposal-list'],
        [`proposals/${proposalId}`, 'proposal-detail'],
        ['nominations', 'nomination-list'],
        ['registry', 'contributors'],
        ['workers', 'workers'],
        ['llm', 'llm-figures'],
        ['playground', 'job-form'],
      ] as const) {
        await page.goto(`${stack.dashboard}/#/${route}`);
        await tid(page, ready).waitFor(WAIT);
        expect(await overflowing(page), `${route} at ${width} px`).toEqual([]);
        await shoot(page, `${route.replace('/', '-')}-${width}-anonymous`);
      }
    }
    expect(errors.flat()).toEqual([]);
  });
});
