/**
 * `npm start` as a newcomer meets it, on the real stack: the summary and the worker's own lines; a job carol
 * submits through clients/' QueueCanister is served by the demo worker and said so; Ctrl-C exits 0 and every
 * process it started is gone; a restart of the same state dir builds nothing, runs start.ts from its bundle (the
 * launcher's rule itself: scripts/program-bundle.test.ts), still has the job and dora's admission (read through
 * clients/), and its worker serves again.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { QueueCanister, RegistryCanister } from '@gatehouse/clients';
import { HttpAgent, type Identity } from '@icp-sdk/core/agent';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { DEV_PERSONAS, personaIdentity } from '../../localnet/src/http/identity-provider-keys.ts';
import { ensureWasm } from '../support/wasm.ts';
import { startStack, type Stack } from './dashboard/stack.ts';

const STATE = mkdtempSync('/tmp/start-e2e-');
const LOADS_THEN_SERVES =
  /start: \[[\d.]+ s\] worker: loading model tiny-chat \.\.\.[^\n]*\n(.*\n)*start: \[[\d.]+ s\] worker: serving tiny-chat \[/;
/** Bounds for a loaded 2-core box; each wait ends as soon as its condition holds. */
const START_MS = 600_000;
const WAIT_MS = 120_000;

let stack: Stack | undefined;

/** The live processes below `pid` (their pid and command line), read from /proc. */
function descendants(pid: number): Array<{ pid: number; cmd: string }> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    const stat = procStat(Number(entry));
    if (stat && stat.state !== 'Z') parents.set(Number(entry), stat.ppid);
  }
  const below = (p: number): boolean => {
    const parent = parents.get(p);
    return parent !== undefined && (parent === pid || below(parent));
  };
  return [...parents.keys()].filter(below).map((p) => ({ pid: p, cmd: cmdline(p) }));
}

function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    // Fields after the command name (in parentheses, which may hold spaces): state, ppid, ...
    const [state, ppid] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
    return { state: state!, ppid: Number(ppid) };
  } catch {
    return undefined; // gone meanwhile
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

const alive = (pid: number) => (procStat(pid)?.state ?? 'Z') !== 'Z';

async function clients(identity: Identity) {
  const agent = await HttpAgent.create({ host: stack!.network, identity, shouldFetchRootKey: true });
  const ids = JSON.parse(readFileSync(join(STATE, 'canister_ids.json'), 'utf8')) as Record<string, { local: string }>;
  const id = (name: string) => Principal.fromText(ids[name]!.local);
  return {
    queue: QueueCanister.create({ agent, canisterId: id('queue') }),
    registry: RegistryCanister.create({ agent, canisterId: id('registry') }),
  };
}

const waitForOutput = (line: RegExp) =>
  vi.waitFor(
    () => {
      const match = line.exec(stack!.output());
      if (!match) throw new Error(`npm start has not printed ${line} yet:\n${stack!.output().slice(-3000)}`);
      return match;
    },
    { timeout: WAIT_MS, interval: 100 },
  );

/** Ctrl-C: exit code 0 and, within a bound, none of the processes it had started left. */
async function stopAndCheck(): Promise<void> {
  const started = descendants(stack!.pid);
  for (const program of [/localnet/, /worker\/dist\/cli\.js start/, /worker\/dist\/child\.js/])
    expect(started.some((p) => program.test(p.cmd))).toBe(true);
  const code = await stack!.stop();
  stack = undefined;
  expect(code).toBe(0);
  await vi.waitFor(() => expect(started.filter((p) => alive(p.pid))).toEqual([]), { timeout: 10_000 });
}

describe('npm start (the whole stack) and its restart', { timeout: START_MS }, () => {
  let jobId = 0n;

  beforeAll(() => {
    // Under the suites' shared build lock, so npm start's own build finds every canister up to date.
    for (const name of ['sns_governance', 'registry', 'invitation', 'queue', 'llm'] as const) ensureWasm(name);
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(STATE, { recursive: true, force: true });
  });

  it('prints the summary and the worker lines, serves a submitted job, and Ctrl-C stops every process', async () => {
    stack = await startStack({ timeoutMs: START_MS, stateDir: STATE });
    const out = stack.output();
    expect(out).toMatch(/Gatehouse is up in [\d.]+ s \(Ctrl-C stops everything; state in \/tmp\/start-e2e-/);
    expect(out).toMatch(/phases: start-up [\d.]+ s \((bundle|sources, tsx)\) \| build check [\d.]+ s \|/);
    expect(out).toMatch(/Dashboard\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/Network\s+http:\/\/127\.0\.0\.1:\d+/);
    for (const p of DEV_PERSONAS) expect(out).toContain(`    ${p.name.padEnd(6)} ${p.role}`);
    expect(out).toMatch(/Try:\n\s+1\. Sign in as nora/);
    // A first start binds the worker's key after the summary; then the worker says it loads, then that it serves.
    await waitForOutput(LOADS_THEN_SERVES);

    const { queue } = await clients(personaIdentity('carol'));
    jobId = await queue.submit({
      model: 'tiny-chat',
      messages: [{ role: { User: null }, content: 'hello from the start test' }],
      max_tokens: 8,
    });
    const [, served] = await waitForOutput(
      /worker: served its first job \(job (\d+): completed, \d+ tokens in [\d.]+ s\)/,
    );
    expect(BigInt(served!)).toBe(jobId);
    await stopAndCheck();
  });

  it('a restart of the same state dir builds nothing, keeps the job and the admission, and serves again', async () => {
    expect(jobId).toBeGreaterThan(0n);
    stack = await startStack({ timeoutMs: START_MS, stateDir: STATE });
    expect(stack.output()).not.toMatch(/building/);
    // Nothing changed since the first start, which built npm start's own bundle: the launcher ran it, without tsx.
    expect(stack.output()).toMatch(/phases: start-up [\d.]+ s \(bundle\) \|/);
    const { queue, registry } = await clients(personaIdentity('carol'));
    expect((await queue.getJob({ jobId })).status).toHaveProperty('Completed');
    const dora = await registry.getContributor({ contributor: personaIdentity('dora').getPrincipal() });
    expect(dora?.status).toHaveProperty('Active');
    await waitForOutput(LOADS_THEN_SERVES);
    expect(stack.output()).not.toMatch(/building/);
    await stopAndCheck();
  });
});
