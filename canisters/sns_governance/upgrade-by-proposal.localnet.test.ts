/**
 * UpgradeSnsControlledCanister on localnet (issue 15): the local SNS governance, acting as the SNS root and a
 * controller of the queue, upgrades it by proposal with the reproducible .wasm.gz while a worker holds leases,
 * a module whose post_upgrade traps leaves the queue running its old module with the proposal Failed, and the
 * registry and invitation keep their state across upgrades by proposal.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNet } from '../../localnet/src/index.ts';
import { encodeInit, encodeUpgrade } from '../../test/support/deploy.ts';
import { ensureWasm } from '../../test/support/wasm.ts';
import { nominateArgs } from '../../test/support/args.ts';
import { seedMembers } from '../../test/support/members.ts';
import { testPrincipal } from '../shared/testing/roles.ts';
import { projectRoot } from '../../scripts/dfx-project.ts';
import { deployGoverned, makeProposal, neuronId, registerVote, type GovernedGatehouse } from './testing/deploy.ts';

/** An upgrade proposal carries a 1.1 MB module: one long message per proposal, minutes on a loaded box. */
const UPGRADE_TEST_MS = 240_000;

const p = (text: string) => Principal.fromText(text);
const HOLDER_1 = p(testPrincipal(311));
const HOLDER_2 = p(testPrincipal(312));
const HOLDER_3 = p(testPrincipal(313));
const [NEURON_1, NEURON_2, NEURON_3] = [neuronId(1), neuronId(2), neuronId(3)];
const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('upgrading a dapp canister by SNS proposal', () => {
  let net: LocalNet;
  let g: GovernedGatehouse;
  let upgradeArg: Uint8Array;
  const gov = (who = HOLDER_1) => g.governance(who);
  const proposal = async (id: bigint) => (await gov().get_proposal({ proposal_id: [{ id }] })).result[0].Proposal;
  const moduleHash = async () => {
    const status = (await net.canisterStatus(g.ids.queue, { caller: g.principals.controller })) as {
      module_hash: [Uint8Array] | [];
    };
    return Buffer.from(status.module_hash[0]!).toString('hex');
  };
  const gz = (name: string) => new Uint8Array(readFileSync(join(projectRoot, `.azle/${name}/${name}.wasm.gz`)));
  const propose = async (wasm: Uint8Array, canister = g.ids.queue, arg = upgradeArg) => {
    const action = {
      UpgradeSnsControlledCanister: {
        canister_id: [canister],
        new_canister_wasm: wasm,
        canister_upgrade_arg: [arg],
        mode: [3],
        chunked_canister_wasm: [],
      },
    };
    const made = (await gov(HOLDER_1).manage_neuron(makeProposal(NEURON_1, 'Upgrade the queue', action))).command[0];
    expect(made).toHaveProperty('MakeProposal');
    return made.MakeProposal.proposal_id[0].id as bigint;
  };
  const adopt = async (id: bigint) => {
    expect((await gov(HOLDER_2).manage_neuron(registerVote(NEURON_2, id, 1))).command[0]).toEqual({ RegisterVote: {} });
  };

  beforeAll(async () => {
    // A proposal carrying a 1.1 MB module is one long message (Candid, sha256 in the interpreter): the
    // watchdog that stands in for the instruction limit gets room for a loaded machine.
    net = await LocalNet.start({ startTimeMs: Date.UTC(2026, 0, 1), messageTimeoutMs: 120_000 });
    g = await deployGoverned(net, [
      { id: NEURON_1, owner: HOLDER_1 },
      { id: NEURON_2, owner: HOLDER_2 },
      { id: NEURON_3, owner: HOLDER_3 },
    ]);
    // As localnet's deploy does after an SNS launch: governance (acting as root) controls the dapp canister.
    for (const id of [g.ids.queue, g.ids.registry, g.ids.invitation]) {
      await net.setControllers(id, [g.principals.controller, g.ids.governance], { caller: g.principals.controller });
    }
    upgradeArg = encodeUpgrade.queue();
    // The worker key is bound through the registry, which pushes it to the queue (and keeps the two in step).
    await seedMembers(g);
  }, 240_000);
  afterAll(() => net?.close());

  it(
    'runs stop → install → start; leases taken before the upgrade complete exactly once after it',
    async () => {
      ensureWasm('queue');
      const queueGz = gz('queue');
      const submit = (content: string) =>
        g.queue('stranger').submit({
          model: 'tiny-chat',
          messages: [{ role: { User: null }, content, tool_calls: [] as [], tool_call_id: [] as [] }],
          max_tokens: 8,
          tools: [] as [],
          temperature: [] as [],
          seed: [],
        });
      const jobs = [(await submit('one')) as { Ok: bigint }, (await submit('two')) as { Ok: bigint }].map((r) => r.Ok);
      const leased = (await g.queue('worker').lease({ models: ['tiny-chat'], max_jobs: 4 })) as {
        Ok: Array<{ job_id: bigint; token: bigint }>;
      };
      expect(leased.Ok.map((l) => l.job_id)).toEqual(jobs);
      const before = await moduleHash();

      const id = await propose(queueGz);
      const made = await proposal(id);
      expect(made).toMatchObject({ action: 3n, topic: [{ DappCanisterManagement: null }] });
      expect(made.payload_text_rendering[0]).toContain(`## Canister wasm sha256: ${hex(queueGz)}`);
      await adopt(id);
      const done = await proposal(id);
      expect(done.failure_reason).toEqual([]);
      expect(done.executed_timestamp_seconds).toBeGreaterThan(0n);
      expect(await moduleHash()).toBe(hex(queueGz));
      expect(await moduleHash()).not.toBe(before);
      const status = (await net.canisterStatus(g.ids.queue, { caller: g.principals.controller })) as {
        status: Record<string, null>;
      };
      expect(Object.keys(status.status)).toEqual(['running']);

      for (const lease of leased.Ok) {
        const args = {
          job_id: lease.job_id,
          token: lease.token,
          output: 'done',
          tokens_in: 1,
          tokens_out: 1,
          tool_calls: [] as [],
        };
        expect(await g.queue('worker').complete(args)).toEqual({ Ok: null });
        expect(await g.queue('worker').complete(args)).toEqual({ Ok: null }); // idempotent, not a second completion
      }
      const metrics = (await g.queue('stranger').metrics()) as { completed: bigint; leased: bigint };
      expect(metrics).toMatchObject({ completed: 2n, leased: 0n });
    },
    UPGRADE_TEST_MS,
  );

  it(
    'a module whose post_upgrade traps leaves the old one running and the proposal Failed',
    async () => {
      const before = await moduleHash();
      ensureWasm('invitation');
      // The invitation's post_upgrade cannot decode the queue's install argument as its own: it traps at once.
      const queueInstall = encodeInit.queue({ governance: g.ids.governance, registry: g.ids.registry });
      const id = await propose(gz('invitation'), g.ids.queue, queueInstall);
      await adopt(id);
      const done = await proposal(id);
      expect(done.executed_timestamp_seconds).toBe(0n);
      expect(done.failed_timestamp_seconds).toBeGreaterThan(0n);
      expect(done.failure_reason[0].error_message).toMatch(/install_code failed/);
      expect(await moduleHash()).toBe(before);
      expect(await g.queue('stranger').metrics()).toMatchObject({ completed: 2n });
    },
    UPGRADE_TEST_MS,
  );

  it(
    'registry and invitation keep their state across upgrades by proposal',
    async () => {
      ensureWasm('registry');
      ensureWasm('invitation');
      const candidate = p(testPrincipal(321));
      const nominated = (await g.invitation('nodeProvider').nominate(nominateArgs(candidate, 'Kept Labs'))) as {
        Ok: { id: bigint };
      };
      const providers = await g.registry().list_node_providers({ offset: 0n, limit: 10n });
      const upgrades = [
        { id: g.ids.registry, wasm: gz('registry'), arg: encodeUpgrade.registry() },
        { id: g.ids.invitation, wasm: gz('invitation'), arg: encodeUpgrade.invitation() },
      ];
      for (const u of upgrades) {
        const proposalId = await propose(u.wasm, u.id, u.arg);
        await adopt(proposalId);
        expect((await proposal(proposalId)).executed_timestamp_seconds).toBeGreaterThan(0n);
        const status = (await net.canisterStatus(u.id, { caller: g.principals.controller })) as {
          module_hash: [Uint8Array];
        };
        expect(Buffer.from(status.module_hash[0]).toString('hex')).toBe(hex(u.wasm));
      }
      expect(await g.registry().list_node_providers({ offset: 0n, limit: 10n })).toEqual(providers);
      const kept = await g.invitation().get_nomination(nominated.Ok.id);
      expect(kept[0]).toMatchObject({ display_name: 'Kept Labs', status: { Open: null } });
    },
    UPGRADE_TEST_MS,
  );
});
