/**
 * After `net.advanceTime(days)` an HttpAgent's wall-clock ingress_expiry is behind the network. Its recovery,
 * `syncTime`, reads `/time` with an ANONYMOUS read_state from a helper agent that has no time offset either.
 * The replica answers such a request whatever its expiry (rs/validator/src/ingress_validation.rs checks expiry
 * only for non-anonymous senders of queries and read_states), and so must localnet — otherwise the agent
 * (@icp-sdk/core 5.4) retries syncTime from inside its helper forever. The guarded fetch below turns an expiry
 * refusal into a thrown error, so a regression fails fast instead of hanging.
 */
import { AnonymousIdentity, HttpAgent } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { SnsGovernanceCanister } from '@dfinity/sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { neuronId, encodeGovernanceInit } from '../../canisters/sns_governance/testing/deploy.ts';
import { LocalNetHttpServer } from '../../localnet/src/http/server.ts';
import { LocalNet } from '../../localnet/src/localnet.ts';
import { ensureWasm } from '../support/wasm.ts';

const DAY_MS = 86_400_000;

describe('agents after the network clock jumped a day ahead (no process clock change)', () => {
  let net: LocalNet;
  let server: LocalNetHttpServer;
  let governance: Principal;
  const alice = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(61));
  const refusals: string[] = [];
  /** fetch that turns localnet's expiry refusal into a thrown error (ending the agent's retry recursion). */
  const guarded: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (response.status === 400) {
      const text = await response.clone().text();
      if (text.includes('Invalid request expiry')) {
        refusals.push(`${String(input)}: ${text}`);
        throw new Error(`localnet refused: ${text}`);
      }
    }
    return response;
  };
  const agent = (identity = alice) =>
    HttpAgent.create({ host: server.url, identity, shouldFetchRootKey: true, fetch: guarded, retryTimes: 0 });

  beforeAll(async () => {
    net = await LocalNet.start();
    governance = await net.createCanister();
    await net.install(
      governance,
      ensureWasm('sns_governance'),
      encodeGovernanceInit([{ id: neuronId(1), owner: alice.getPrincipal() }]),
    );
    server = await LocalNetHttpServer.start(net, { port: 0 });
    await net.advanceTime(DAY_MS);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await net?.close();
  });

  it('answers an anonymous read_state of /time whose ingress_expiry follows the (day-behind) client clock', async () => {
    refusals.length = 0;
    const anonymous = await agent(new AnonymousIdentity() as unknown as Ed25519KeyIdentity);
    await expect(
      anonymous.readState(governance, { paths: [[new TextEncoder().encode('time')]] }),
    ).resolves.toBeDefined();
    expect(refusals).toEqual([]);
  });

  it('still refuses a signed call whose ingress_expiry is a day behind the network', async () => {
    refusals.length = 0;
    const signed = await agent();
    const sns = SnsGovernanceCanister.create({ canisterId: governance, agent: signed });
    await expect(sns.listNeurons({ principal: alice.getPrincipal(), certified: true })).rejects.toThrow();
    expect(refusals.length).toBeGreaterThan(0);
  });

  it('HttpAgent.syncTime recovers from the jump, as against a replica; then signed calls work', async () => {
    const signed = await agent();
    await signed.syncTime(governance);
    expect(signed.getTimeDiffMsecs()).toBeGreaterThan(DAY_MS - 60_000);
    const sns = SnsGovernanceCanister.create({ canisterId: governance, agent: signed });
    expect(await sns.listNeurons({ principal: alice.getPrincipal(), certified: true })).toHaveLength(1);
  });
});
