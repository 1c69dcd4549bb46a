/**
 * @dfinity/sns's SnsGovernanceCanister, unchanged, against this canister over localnet's IC HTTP
 * interface (HttpAgent with certificate verification), so the dashboard's client works locally.
 */
import { SnsGovernanceCanister, SnsProposalDecisionStatus, SnsVote } from '@dfinity/sns';
import { HttpAgent } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetHttpServer } from '../../localnet/src/http/server.ts';
import { LocalNet } from '../../localnet/src/index.ts';
import { ensureWasm } from '../../test/support/wasm.ts';
import { encodeGovernanceInit, neuronId } from './testing/deploy.ts';

const seed = (n: number) => new Uint8Array(32).fill(n);

describe('SnsGovernanceCanister (@dfinity/sns) against the local SNS governance over HTTP', () => {
  let net: LocalNet;
  let server: LocalNetHttpServer;
  let governanceId: Principal;
  const alice = Ed25519KeyIdentity.generate(seed(11));
  const bob = Ed25519KeyIdentity.generate(seed(12));
  const carol = Ed25519KeyIdentity.generate(seed(13));
  const client = async (identity: Ed25519KeyIdentity) =>
    SnsGovernanceCanister.create({
      canisterId: governanceId,
      agent: await HttpAgent.create({ host: server.url, identity, shouldFetchRootKey: true }),
    });

  beforeAll(async () => {
    net = await LocalNet.start(); // wall-clock time: the agent's ingress expiry must match the network's
    governanceId = await net.createCanister();
    const neurons = [alice, bob, carol].map((identity, i) => ({ id: neuronId(i + 1), owner: identity.getPrincipal() }));
    await net.install(governanceId, ensureWasm('sns_governance'), encodeGovernanceInit(neurons));
    server = await LocalNetHttpServer.start(net, { port: 0 });
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    await net?.close();
  });

  it('listNeurons (query and certified) returns the caller neurons', async () => {
    const sns = await client(alice);
    for (const certified of [false, true]) {
      const neurons = await sns.listNeurons({ principal: alice.getPrincipal(), certified });
      expect(neurons).toHaveLength(1);
      expect(Array.from(neurons[0]!.id[0]!.id)).toEqual(Array.from(neuronId(1)));
    }
  });

  it('manageNeuron makes a proposal; getProposal and listProposals read it; registerVote adopts it', async () => {
    const sns = await client(alice);
    const response = await sns.manageNeuron({
      subaccount: neuronId(1),
      command: [
        {
          MakeProposal: {
            title: 'Motion',
            summary: 'Local',
            url: '',
            action: [{ Motion: { motion_text: 'Serve more models.' } }],
          },
        },
      ],
    });
    const made = response.command[0];
    if (!made || !('MakeProposal' in made))
      throw new Error(`no proposal: ${JSON.stringify(made, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
    const proposalId = made.MakeProposal.proposal_id[0]!;

    const data = await sns.getProposal({ proposalId, certified: true });
    expect(data.proposal[0]?.title).toBe('Motion');
    expect(data.payload_text_rendering[0]).toContain('Serve more models.');
    const { proposals } = await sns.listProposals({
      certified: false,
      includeStatus: [SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_OPEN],
    });
    expect(proposals.map((p) => p.id[0]?.id)).toEqual([proposalId.id]);
    expect(proposals[0]!.ballots.map(([id]) => id)).toEqual([Buffer.from(neuronId(1)).toString('hex')]);

    await (await client(bob)).registerVote({ neuronId: { id: neuronId(2) }, proposalId, vote: SnsVote.Yes });
    const decided = await sns.getProposal({ proposalId, certified: false });
    expect(decided.decided_timestamp_seconds).toBeGreaterThan(0n);
    expect(decided.executed_timestamp_seconds).toBeGreaterThan(0n);
    const executed = await sns.listProposals({
      includeStatus: [SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_EXECUTED],
    });
    expect(executed.proposals).toHaveLength(1);
  });

  it('registerVote surfaces the governance Error (a neuron the caller does not control)', async () => {
    const sns = await client(carol);
    await expect(
      sns.registerVote({ neuronId: { id: neuronId(1) }, proposalId: { id: 1n }, vote: SnsVote.No }),
    ).rejects.toThrow(/not authorized/);
  });
});
