/**
 * The llm canister's params by SNS proposal, through real agents over HTTP: localnet's deploy registers the
 * manifest functions (set-llm-params among them) and gives one genesis neuron all voting power, so a proposal is
 * adopted and executed as it is made. A payload the llm canister's validator refuses never becomes a proposal.
 */
import { join } from 'node:path';

import { HttpAgent } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { LlmCanister, type LlmParams } from '@gatehouse/clients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../src/main.ts';
import { capture, deployedProject, writePem } from './support.ts';

describe('proposals CLI: the llm canister params by proposal', () => {
  const alice = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(61));
  let project: Awaited<ReturnType<typeof deployedProject>>;
  let llm: LlmCanister;
  let pem: string;

  const cli = async (argv: string[]) => {
    const { out, err, io } = capture();
    const base = ['--host', project.server.url, '--env-file', join(project.dir, '.env'), '--identity', pem];
    const code = await runCli([...argv, ...base], io);
    return { code, out, err };
  };

  beforeAll(async () => {
    project = await deployedProject('proposals-llm-', { neuronOwners: [alice.getPrincipal()] });
    pem = writePem(project.dir, 'alice', alice);
    const agent = await HttpAgent.create({ host: project.server.url, identity: alice, shouldFetchRootKey: true });
    llm = LlmCanister.create({ agent, canisterId: project.ids.llm! });
  }, 300_000);
  afterAll(() => project?.close());

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
