import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Actor } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { idlFactory as queueIdl } from '../../../canisters/queue/interface.ts';
import { LocalNetHttpServer } from '../../src/http/server.ts';
import { Autosave, openStateDir } from '../../src/state-dir.ts';
import { agentFor, deployed, ensureBuilt } from './harness.ts';

/** A network in a state directory keeps its canisters, their memories, controllers and keys across a restart. */
describe('restart with a state directory', () => {
  beforeAll(ensureBuilt);
  const dir = mkdtempSync(join(tmpdir(), 'localnet-state-'));
  const scratch = mkdtempSync(join(tmpdir(), 'localnet-ids-'));
  const alice = Ed25519KeyIdentity.generate();
  const submitArgs = {
    model: 'tiny-chat',
    messages: [{ role: { User: null }, content: 'persist me', tool_calls: [] as [], tool_call_id: [] as [] }],
    max_tokens: 16,
    tools: [] as [],
    temperature: [] as [],
    seed: [],
  };
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(() => cleanup?.());

  it('a job submitted before the restart is there after it, under the same root key and ids', async () => {
    const first = await openStateDir(dir);
    expect(first.resumed).toBe(false);
    const d = await deployed({ net: first.net, keys: first.keys, scratch });
    const autosave = new Autosave(first.net, dir, first.keys);
    const queue = (agent: Awaited<ReturnType<typeof agentFor>>, id: Principal) =>
      Actor.createActor(queueIdl as never, { agent, canisterId: id }) as Record<
        string,
        (...a: unknown[]) => Promise<any>
      >;
    const job = (await queue(await agentFor(d.server, alice), d.ids.queue!).submit(submitArgs)).Ok as bigint;
    const rootKey = d.server.keys.rootKey;
    const before = first.net.certifiedState(d.ids.queue!)!;
    const timeBefore = first.net.time;
    await autosave.stop();
    await d.close();

    const second = await openStateDir(dir);
    expect(second.resumed).toBe(true);
    const server = await LocalNetHttpServer.start(second.net, { port: 0, keys: second.keys });
    cleanup = async () => {
      await server.close();
      await second.net.close();
    };
    expect(server.keys.rootKey).toEqual(rootKey);
    expect(second.net.time >= timeBefore).toBe(true);
    const after = second.net.certifiedState(d.ids.queue!)!;
    expect(after.moduleHash).toEqual(before.moduleHash);
    expect(after.controllers.map(String)).toEqual(before.controllers.map(String));
    const got = (await queue(await agentFor(server, alice), d.ids.queue!).get_job(job)).Ok;
    expect(got.submitter.toText()).toBe(alice.getPrincipal().toText());
    expect(got.model).toBe('tiny-chat');
    // The restored canisters keep working: a new job gets the next id.
    const next = (await queue(await agentFor(server, alice), d.ids.queue!).submit(submitArgs)).Ok as bigint;
    expect(next).toBe(job + 1n);
  }, 240_000); // two networks, four canisters deployed: minutes on a loaded 2-core machine
});
