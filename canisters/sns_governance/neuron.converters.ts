import { Principal } from '@icp-sdk/core/principal';

import { fromHex, toHex } from './domain/hex.ts';
import type { InitInput } from './domain/init.ts';
import type { Params } from './domain/params.ts';
import type { Metadata } from './domain/stores.ts';
import type { Neuron } from './domain/types.ts';
import { functionFromCandid } from './function.converters.ts';
import type { CandidNeuron, GetMetadataResponse, LocalInit, NervousSystemParameters } from './interface.ts';

export const neuronIdHex = (id: Uint8Array | number[]): string => toHex(Uint8Array.from(id));

export function neuronToCandid(n: Neuron): CandidNeuron {
  return {
    id: [{ id: fromHex(n.id) }],
    staked_maturity_e8s_equivalent: [],
    permissions: n.permissions.map((p) => ({
      principal: [Principal.fromText(p.principal)],
      permission_type: Int32Array.from(p.permission_type),
    })),
    maturity_e8s_equivalent: 0n,
    cached_neuron_stake_e8s: n.cached_neuron_stake_e8s,
    created_timestamp_seconds: n.created_timestamp_seconds,
    source_nns_neuron_id: [],
    auto_stake_maturity: [],
    aging_since_timestamp_seconds: n.aging_since_timestamp_seconds,
    dissolve_state: [{ DissolveDelaySeconds: n.dissolve_delay_seconds }],
    voting_power_percentage_multiplier: n.voting_power_percentage_multiplier,
    vesting_period_seconds: [],
    disburse_maturity_in_progress: [],
    followees: [],
    topic_followees: [],
    neuron_fees_e8s: n.neuron_fees_e8s,
  };
}

const PARAM_KEYS = [
  'reject_cost_e8s',
  'neuron_minimum_stake_e8s',
  'transaction_fee_e8s',
  'initial_voting_period_seconds',
  'wait_for_quiet_deadline_increase_seconds',
  'neuron_minimum_dissolve_delay_to_vote_seconds',
  'max_dissolve_delay_seconds',
  'max_neuron_age_for_age_bonus',
  'max_dissolve_delay_bonus_percentage',
  'max_age_bonus_percentage',
  'max_number_of_proposals_with_ballots',
] as const satisfies ReadonlyArray<keyof Params & keyof NervousSystemParameters>;

/** The parameters this canister uses; other official fields are ignored. */
export function paramsFromCandid(p: NervousSystemParameters | undefined): Partial<Params> {
  const out: Partial<Params> = {};
  for (const key of PARAM_KEYS) {
    const value = p?.[key][0];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The official record with the fields this canister has; the others stay unset (opt = none). */
export function paramsToCandid(p: Params): NervousSystemParameters {
  const none = <T>(): [] | [T] => [];
  return {
    default_followees: none(),
    max_followees_per_function: none(),
    neuron_claimer_permissions: none(),
    max_proposals_to_keep_per_action: none(),
    max_number_of_neurons: none(),
    neuron_grantable_permissions: none(),
    voting_rewards_parameters: none(),
    maturity_modulation_disabled: none(),
    max_number_of_principals_per_neuron: none(),
    automatically_advance_target_version: none(),
    custom_proposal_criticality: none(),
    ...Object.fromEntries(PARAM_KEYS.map((key) => [key, [p[key]]])),
  } as NervousSystemParameters;
}

export function metadataFromCandid(m: GetMetadataResponse | undefined): Metadata {
  const out: Metadata = {};
  for (const key of ['name', 'description', 'url', 'logo'] as const) {
    const value = m?.[key][0];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export const metadataToCandid = (m: Metadata): GetMetadataResponse => ({
  name: m.name === undefined ? [] : [m.name],
  description: m.description === undefined ? [] : [m.description],
  url: m.url === undefined ? [] : [m.url],
  logo: m.logo === undefined ? [] : [m.logo],
});

export function initFromCandid(init: LocalInit): { Ok: InitInput } | { Err: string } {
  const functions = [];
  for (const f of init.functions) {
    const converted = functionFromCandid(f);
    if ('Err' in converted) return converted;
    functions.push(converted.Ok);
  }
  return {
    Ok: {
      neurons: init.neurons.map((n) => ({
        id_hex: neuronIdHex(n.id),
        owner: n.owner.toText(),
        ...(n.permissions[0] === undefined ? {} : { permissions: Array.from(n.permissions[0]) }),
        stake_e8s: n.stake_e8s,
        dissolve_delay_seconds: n.dissolve_delay_seconds,
        age_seconds: n.age_seconds,
        ...(n.voting_power_percentage_multiplier[0] === undefined
          ? {}
          : { voting_power_percentage_multiplier: n.voting_power_percentage_multiplier[0] }),
      })),
      params: paramsFromCandid(init.parameters[0]),
      functions,
      metadata: metadataFromCandid(init.metadata[0]),
      reserved_canisters: init.reserved_canister_ids.map((p) => p.toText()),
    },
  };
}
