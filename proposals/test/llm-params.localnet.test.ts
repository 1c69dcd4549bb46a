/**
 * The llm canister's params by SNS proposal, through real agents over HTTP: localnet's deploy registers the
 * manifest functions (set-llm-params among them) and gives one genesis neuron all voting power, so a proposal is
 * adopted and executed as it is made. A payload the llm canister's validator refuses never becomes a proposal.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { HttpAgent } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { LlmCanister, type LlmParams } from '@gatehouse/clients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { deployProject } from '../../localnet/src/deploy.ts';
import { LocalNetHttpServer } from '../../localnet/src/http/server.ts';
import { LocalNet } from '../../localnet/src/localnet.ts';
import { ensureProjectWasm } from '../../test/support/wasm.ts';
import { runCli } from '../src/main.ts';
import { capture, writePem } from './support.ts';

const projectRoot = join(import.meta.dirname, '../..');

describe('proposals CLI: the llm canister params by proposal', () => {
  const alice = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(61));
  let net: LocalNet;
  let server: LocalNetHttpServer;
  let ids: Record<string, Principal>;
  let dir: string;
  let llm: LlmCanister;
  let pem: string;

  const cli = async (argv: string[]) => {
    const { out, err, io } = capture();
    const code = await runCli([...argv, '--host', server.url, '--env-file', join(dir, '.env'), '--identity', pem], io);
    return { code, out, err };
  };

  beforeAll(async () => {
    ensureProjectWasm();
    dir = mkdtempSync(join(tmpdir(), 'proposals-llm-'));
    pem = writePem(dir, 'alice', alice);
    net = await LocalNet.start();
    server = await LocalNetHttpServer.start(net, { port: 0 });
    ids = await deployProject(net, {
      root: projectRoot,
      build: false,
      envFile: join(dir, '.env'),
      idsFile: join(dir, 'canister_ids.json'),
      neuronOwners: [alice.getPrincipal()],
    });
    const agent = await HttpAgent.create({ host: server.url, identity: alice, shouldFetchRootKey: true });
    llm = LlmCanister.create({ agent, canisterId: ids.llm! });
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    await net?.close();
  });

  it('llm-params proposes the current params with the changes; adopted, the llm canister holds them', async () => {
    const before = await llm.getParams();
    const proposed = await cli([
      'llm-params',
      '--route',
      'llama3.1:8b=tiny-chat-q8',
      '--route',
      'gemma3:1b=tiny-chat',
      '--drop-route',
      'qwen3:32b',
      '--timeout-seconds',
      '60',
    ]);
    expect(proposed.err).toEqual([]);
    const id = /^proposal (\d+) submitted: Set llm parameters record \{/.exec(proposed.out.at(-1)!)?.[1];
    expect(id).toBeDefined();

    const after = await llm.getParams();
    expect(after).toEqual({
      ...before,
      models: [
        { name: 'llama3.1:8b', worker_model: 'tiny-chat-q8' },
        { name: 'llama4-scout', worker_model: 'tiny-chat' },
        { name: 'gemma3:1b', worker_model: 'tiny-chat' },
      ],
      timeout_seconds: 60,
    } satisfies LlmParams);
    const shown = await cli(['render', id!]);
    expect(shown.out.join('\n')).toContain('Set llm params to:');
    expect(shown.out.join('\n')).toContain('model gemma3:1b -> tiny-chat');
    expect(shown.out.join('\n')).toContain('status executed');
  });

  it('a payload the validator refuses is no proposal: stale expected params, params out of range', async () => {
    const current = await llm.getParams();
    const stale = { ...current, timeout_seconds: current.timeout_seconds + 1 };
    const payload = JSON.stringify({ expected: stale, params: { ...current, max_tokens: 1 } });
    const refused = await cli(['propose', 'set-llm-params', '--payload', payload]);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toContain('the params changed since this proposal was made');

    const outOfRange = await cli(['llm-params', '--timeout-seconds', '1']);
    expect(outOfRange.code).toBe(1);
    expect(outOfRange.err.join('\n')).toContain('timeout_seconds');

    const validator = await cli(['render', 'set-llm-params', '--payload', payload]);
    expect(validator.out.join('\n')).toContain('llm.validate_set_params: Err (governance would refuse this proposal)');
    expect(await llm.getParams()).toEqual(current);
  });
});
