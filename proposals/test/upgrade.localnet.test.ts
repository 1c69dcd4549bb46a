/**
 * `upgrade <canister>` and `verify <proposal-id>` through real agents over HTTP against the project as
 * localnet's deploy leaves it (the local SNS governance, acting as root, controls the dapp canisters): the
 * queue and the llm canister are upgraded by proposal to what this checkout builds, and verify says whether a
 * proposal's hash is it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../src/main.ts';
import { capture, deployedProject, writePem } from './support.ts';

const projectRoot = join(import.meta.dirname, '../..');

/** An upgrade proposal carries a 1.1 MB module: one long message per proposal (and a build here), minutes on a loaded box. */
const UPGRADE_TEST_MS = 240_000;
const identity = (n: number) => Ed25519KeyIdentity.generate(new Uint8Array(32).fill(n));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('proposals CLI: upgrade and verify', () => {
  const alice = identity(51);
  const bob = identity(52);
  let project: Awaited<ReturnType<typeof deployedProject>>;
  let ids: Record<string, Principal>;
  const pems: Record<string, string> = {};

  const cli = async (who: string, argv: string[]) => {
    const { out, err, io } = capture();
    const base = ['--host', project.server.url, '--env-file', join(project.dir, '.env'), '--identity', pems[who]!];
    const code = await runCli([...argv, ...base], io);
    return { code, out, err };
  };
  const moduleHash = async (name: string) => {
    const status = (await project.net.canisterStatus(ids[name]!)) as { module_hash: [Uint8Array] };
    return Buffer.from(status.module_hash[0]).toString('hex');
  };

  beforeAll(async () => {
    project = await deployedProject(
      'proposals-upgrade-',
      { neuronOwners: [alice, bob].map((i) => i.getPrincipal()), registerFunctions: false },
      // Proposals carrying a 1.1 MB module are long messages: room for the watchdog on a loaded machine.
      { messageTimeoutMs: 120_000 },
    );
    ids = project.ids;
    for (const [name, id] of Object.entries({ alice, bob })) pems[name] = writePem(project.dir, name, id);
  }, 300_000);
  afterAll(() => project?.close());

  it('deploy hands the dapp canisters to the SNS: governance is a controller', () => {
    for (const name of ['registry', 'invitation', 'queue', 'llm']) {
      expect(project.net.certifiedState(ids[name]!)!.controllers.map((c) => c.toText())).toContain(
        ids.sns_governance!.toText(),
      );
    }
  });

  it.each(['queue', 'llm'])(
    'upgrade %s builds, prints the hash and proposes; once adopted the canister runs that module; verify says match',
    async (name) => {
      const governance = ids.sns_governance!.toText();
      const proposed = await cli('alice', ['upgrade', name, '--set-governance', governance]);
      expect(proposed.err).toEqual([]);
      expect(proposed.code).toBe(0);
      const path = `.azle/${name}/${name}.wasm.gz`;
      const gz = new Uint8Array(readFileSync(join(projectRoot, path)));
      expect(proposed.out[0]).toBe(`${sha256(gz)}  ${path}`);
      const id = new RegExp(`^proposal (\\d+): upgrade ${name} to [0-9a-f]{64}$`).exec(proposed.out.at(-1)!)?.[1];
      expect(id).toBeDefined();

      expect((await cli('bob', ['vote', id!, 'yes'])).code).toBe(0);
      expect(await moduleHash(name)).toBe(sha256(gz));

      const verified = await cli('bob', ['verify', id!]);
      expect(verified.err).toEqual([]);
      expect(verified.out).toContain(`proposal ${id}: match`);
      expect(verified.out).toContain(`upgrade argument: Upgrade, governance becomes ${governance}`);
    },
    UPGRADE_TEST_MS,
  );

  it(
    'verify fails on a proposal whose module is not what this checkout builds',
    async () => {
      const other = new Uint8Array(readFileSync(join(projectRoot, '.azle/invitation/invitation.wasm.gz')));
      const { code, out } = await cli('alice', ['upgrade', 'queue', '--dry-run']);
      expect(code).toBe(0);
      expect(out.join('\n')).toContain('UpgradeSnsControlledCanister');
      // A proposal carrying another module, made as a neuron holder could make it with any client.
      const { SnsGovernanceCanister } = await import('@dfinity/sns');
      const { HttpAgent } = await import('@icp-sdk/core/agent');
      const agent = await HttpAgent.create({ host: project.server.url, identity: alice, shouldFetchRootKey: true });
      const sns = SnsGovernanceCanister.create({ agent, canisterId: ids.sns_governance! });
      const [neuron] = await sns.listNeurons({ principal: alice.getPrincipal() });
      const response = await sns.manageNeuron({
        subaccount: neuron!.id[0]!.id,
        command: [
          {
            MakeProposal: {
              title: 'Upgrade the queue to something else',
              summary: '',
              url: '',
              action: [
                {
                  UpgradeSnsControlledCanister: {
                    canister_id: [ids.queue!],
                    new_canister_wasm: other,
                    canister_upgrade_arg: [],
                    mode: [3],
                    chunked_canister_wasm: [],
                  },
                },
              ],
            },
          },
        ],
      });
      const made = response.command[0] as { MakeProposal: { proposal_id: [{ id: bigint }] } };
      const verified = await cli('bob', ['verify', String(made.MakeProposal.proposal_id[0].id)]);
      expect(verified.code).toBe(1);
      expect(verified.err.join('\n')).toContain('the hashes differ');
      expect(verified.out.join('\n')).toContain(sha256(other));
    },
    UPGRADE_TEST_MS,
  );
});
