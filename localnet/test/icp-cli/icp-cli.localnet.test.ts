/**
 * The official `icp` CLI (a client nobody here wrote: Rust ic-agent, its own signing and BLS verification) against
 * localnet over HTTP: every command that talks only to the network works as against a replica.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { initArgs as queueInitArgs } from '../../../canisters/queue/interface.ts';
import { ensureWasm, wasmPath } from '../../../test/support/wasm.ts';
import { LocalNetHttpServer } from '../../src/http/server.ts';
import { LocalNet } from '../../src/localnet.ts';
import { conformanceWasm } from '../fixture/build.ts';
import { withCustomSections } from '../fixture/custom-sections.ts';
import { Icp } from './icp.ts';

const projectRoot = join(import.meta.dirname, '../../..');
const LLM_CANISTER = Principal.fromText('w36hm-eqaaa-aaaal-qr76a-cai');

let net: LocalNet;
let server: LocalNetHttpServer;
let icp: Icp;
let owner: Principal;
let conformance: Principal;
let queue: Principal;

/** A PEM made by our worker CLI, imported into icp as `owner`. */
function workerIdentity(home: string): { pem: string; principal: Principal } {
  const pem = join(home, 'owner.pem');
  const r = spawnSync(
    process.execPath,
    [join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'worker/src/cli.ts', 'identity', 'new', '--identity', pem],
    { cwd: projectRoot, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`worker identity new failed: ${r.stderr}`);
  return { pem, principal: Principal.fromText(/principal: (\S+)/.exec(r.stdout)![1]!) };
}

beforeAll(async () => {
  ensureWasm('queue');
  net = await LocalNet.start();
  server = await LocalNetHttpServer.start(net, { port: 0 });
  icp = new Icp(server.url);
  const id = workerIdentity(icp.home);
  owner = id.principal;
  const imported = await icp.raw(['identity', 'import', '--storage', 'plaintext', '--from-pem', id.pem, 'owner']);
  expect(imported.code, imported.stderr).toBe(0);

  conformance = await net.createCanister({ controllers: [owner] });
  await net.install(conformance, conformanceWasm(), new Uint8Array(IDL.encode([IDL.Text], ['hello'])), {
    caller: owner,
  });
  // The build embeds dfx.json's metadata; this suite adds it itself so it does not depend on the build's version.
  const did = readFileSync(join(projectRoot, 'canisters/queue/queue.did'), 'utf8');
  const queueWasm = withCustomSections(new Uint8Array(readFileSync(wasmPath('queue'))), {
    'icp:public candid:service': did,
    'icp:private secret:note': 'controllers only',
  });
  queue = await net.createCanister({ controllers: [owner] });
  const arg = IDL.encode(queueInitArgs(IDL), [{ Init: { governance: owner, registry: owner, params: [], llm: [] } }]);
  await net.install(queue, queueWasm, new Uint8Array(arg), { caller: owner });
}, 300_000);

afterAll(async () => {
  await server?.close();
  await net?.close();
});

describe('icp CLI against localnet', () => {
  it('canister metadata: reads the public candid:service; a private section only as a controller', async () => {
    const did = await icp.ok(['canister', 'metadata', queue.toText(), 'candid:service']);
    expect(did).toContain('service');
    expect(did).toContain('get_params');
    const hidden = await icp.net(['canister', 'metadata', queue.toText(), 'secret:note']);
    expect(hidden.code).not.toBe(0);
    expect(await icp.ok(['canister', 'metadata', queue.toText(), 'secret:note'], 'owner')).toContain(
      'controllers only',
    );
    const missing = await icp.net(['canister', 'metadata', queue.toText(), 'no:such']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/not found/i);
  });

  it('canister call without --candid: Candid from metadata, replies with named fields', async () => {
    const out = await icp.ok(['canister', 'call', queue.toText(), 'get_params', '()', '--query']);
    expect(out).toMatch(/max_tokens\s*=/);
    expect(out).not.toMatch(/\d{3}_\d{3}_\d{3} =/); // no hashed field ids
  });

  it('signed update with a PEM identity made by the worker CLI: the canister sees that principal', async () => {
    const out = await icp.ok(['canister', 'call', conformance.toText(), 'whoami', '()'], 'owner');
    expect(out).toContain(owner.toText());
  });

  it('canister status: every field of the current interface decodes; non-controllers are refused', async () => {
    const status = JSON.parse(await icp.ok(['canister', 'status', conformance.toText(), '--json'], 'owner')) as {
      status: string;
      settings: { controllers: string[]; log_memory_limit: string; status_visibility: { type: string } };
      module_hash: string;
    };
    expect(status.status).toBe('Running');
    expect(status.settings.controllers).toEqual([owner.toText()]);
    expect(status.settings.status_visibility.type).toBe('Controllers');
    expect(status.module_hash).toMatch(/^0x[0-9a-f]{64}$/);
    const refused = await icp.net(['canister', 'status', conformance.toText()]);
    expect(refused.stdout).not.toContain('Status: Running'); // only the public state-tree facts, if anything
  });

  it('canister stop / start: calls are refused while stopped and served again after start', async () => {
    await icp.ok(['canister', 'stop', conformance.toText()], 'owner');
    expect(await icp.ok(['canister', 'status', conformance.toText()], 'owner')).toMatch(/Status: Stopped/);
    const refused = await icp.net(['canister', 'call', conformance.toText(), 'greeting', '()', '--query']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/stopped/i);
    await icp.ok(['canister', 'start', conformance.toText()], 'owner');
    expect(await icp.ok(['canister', 'call', conformance.toText(), 'greeting', '()', '--query'])).toContain('hello');
  });

  it('canister settings update: controllers added and removed, log visibility public', async () => {
    const other = Principal.fromText('aaaaa-aa');
    await icp.ok(['canister', 'settings', 'update', conformance.toText(), '--add-controller', other.toText()], 'owner');
    expect(net.info(conformance).controllers.sort()).toEqual([owner.toText(), other.toText()].sort());
    await icp.ok(
      ['canister', 'settings', 'update', conformance.toText(), '--remove-controller', other.toText()],
      'owner',
    );
    expect(net.info(conformance).controllers).toEqual([owner.toText()]);

    await icp.ok(['canister', 'call', conformance.toText(), 'say', '("for everyone")'], 'owner');
    expect((await icp.net(['canister', 'logs', conformance.toText()])).code).not.toBe(0);
    await icp.ok(['canister', 'settings', 'update', conformance.toText(), '--log-visibility', 'public'], 'owner');
    expect(await icp.ok(['canister', 'logs', conformance.toText()])).toContain('for everyone');
  });

  it('canister logs: debug prints and traps with indices and timestamps, filtered by index', async () => {
    await icp.ok(['canister', 'call', conformance.toText(), 'say', '("first line")'], 'owner');
    const trapped = await icp.net(['canister', 'call', conformance.toText(), 'incr_then_trap', '("k")'], 'owner');
    expect(trapped.code).not.toBe(0);
    const { log_records: records } = JSON.parse(
      await icp.ok(['canister', 'logs', conformance.toText(), '--json'], 'owner'),
    ) as { log_records: Array<{ index: number; timestamp: number; content: string }> };
    const first = records.find((r) => r.content.includes('first line'));
    const trap = records.find((r) => r.content.includes('deliberate trap after mutation'));
    expect(first).toBeDefined();
    expect(trap?.content).toMatch(/^\[TRAP\]/);
    expect(trap!.index).toBeGreaterThan(first!.index);
    expect(trap!.timestamp).toBeGreaterThanOrEqual(first!.timestamp);
    expect(first!.timestamp).toBeGreaterThan(1.7e18); // nanoseconds since the epoch
    const since = await icp.ok(
      ['canister', 'logs', conformance.toText(), '--since-index', String(trap!.index)],
      'owner',
    );
    expect(since).toContain('deliberate trap');
    expect(since).not.toContain('first line');
  });

  it('a well-known mainnet id exists locally (provisional_create_canister_with_cycles with specified_id)', async () => {
    const id = await net.createCanister({ specifiedId: LLM_CANISTER, controllers: [owner] });
    expect(id.toText()).toBe(LLM_CANISTER.toText());
    expect(await icp.ok(['canister', 'status', LLM_CANISTER.toText()], 'owner')).toMatch(/Status: Running/);
  });
});
