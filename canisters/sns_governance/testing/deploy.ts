/**
 * Test helpers: the Gatehouse canisters (test/support/deploy.ts) with THIS canister installed as
 * their SNS governance, and a few builders for its official Candid arguments.
 */
import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';

import { deployGatehouse, type Gatehouse, type GatehouseOptions } from '../../../test/support/deploy.ts';
import { ensureWasm } from '../../../test/support/wasm.ts';
import type { LocalNet } from '../../../localnet/src/index.ts';
import { idlFactory, initArgs, type LocalInit } from '../interface.ts';

export const TOKEN = 100_000_000n;
export const DAY_MS = 86_400_000;
const YEAR = 31_557_600n;

/** A 32-byte neuron id (= subaccount) filled with one byte. */
export const neuronId = (byte: number) => new Uint8Array(32).fill(byte);

export interface GenesisNeuron {
  id: Uint8Array;
  owner: Principal;
  stake_e8s?: bigint;
  dissolve_delay_seconds?: bigint;
  age_seconds?: bigint;
}

export function encodeGovernanceInit(neurons: GenesisNeuron[], extra: Partial<LocalInit<Principal>> = {}): Uint8Array {
  const init: LocalInit<Principal> = {
    neurons: neurons.map((n) => ({
      id: n.id,
      owner: n.owner,
      permissions: [],
      stake_e8s: n.stake_e8s ?? 10n * TOKEN,
      dissolve_delay_seconds: n.dissolve_delay_seconds ?? YEAR,
      age_seconds: n.age_seconds ?? 0n,
      voting_power_percentage_multiplier: [],
    })),
    parameters: [],
    functions: [],
    metadata: [{ name: ['Gatehouse (local)'], description: [], url: [], logo: [] }],
    reserved_canister_ids: [],
    ...extra,
  };
  return new Uint8Array(IDL.encode(initArgs(IDL), [init]));
}

/** Loosely typed like the other localnet suites' actors: arguments are built with the helpers below. */
export type GovernanceActor = Record<string, (...args: any[]) => Promise<any>>;

export interface GovernedGatehouse extends Gatehouse {
  governance(who: Principal): GovernanceActor;
  /** Upgrades governance to the same wasm (its init args are ignored when state exists). */
  upgradeGovernance(): Promise<void>;
}

/**
 * deployGatehouse creates governance as an empty canister; this installs the local SNS
 * governance wasm into it, so invitation/registry are wired to a real governance id.
 */
export async function deployGoverned(
  net: LocalNet,
  neurons: GenesisNeuron[],
  opts: GatehouseOptions & { functions?: (ids: Gatehouse['ids']) => LocalInit<Principal>['functions'] } = {},
): Promise<GovernedGatehouse> {
  const g = await deployGatehouse(net, opts);
  const wasm = ensureWasm('sns_governance');
  const init = encodeGovernanceInit(neurons, { functions: opts.functions?.(g.ids) ?? [] });
  await net.install(g.ids.governance, wasm, init, { caller: g.principals.controller });
  return {
    ...g,
    governance: (who) => net.actor<GovernanceActor>(g.ids.governance, idlFactory, { caller: who }),
    upgradeGovernance: () => net.upgrade(g.ids.governance, wasm, init, { caller: g.principals.controller }),
  };
}

type Opt<T> = [] | [T];
const none = <T>(): Opt<T> => [];

export const makeProposal = (neuron: Uint8Array, title: string, action: unknown) => ({
  subaccount: neuron,
  command: [{ MakeProposal: { title, summary: `${title}.`, url: '', action: [action] } }],
});

export const registerVote = (neuron: Uint8Array, proposalId: bigint, vote: 1 | 2) => ({
  subaccount: neuron,
  command: [{ RegisterVote: { vote, proposal: [{ id: proposalId }] } }],
});

export const genericFunction = (
  id: bigint,
  target: Principal,
  method: string,
  validator: string,
  topic = 'ApplicationBusinessLogic',
) => ({
  id,
  name: method,
  description: [`Calls ${method}`],
  function_type: [
    {
      GenericNervousSystemFunction: {
        target_canister_id: [target],
        target_method_name: [method],
        validator_canister_id: [target],
        validator_method_name: [validator],
        topic: [{ [topic]: null }],
      },
    },
  ],
});

export const listProposalsArgs = (limit = 10) => ({
  limit,
  before_proposal: none(),
  exclude_type: [],
  include_status: [],
  include_reward_status: [],
  include_topics: none(),
});
