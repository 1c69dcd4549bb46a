import { DEFAULT_PARAMS, checkParams, type Params } from './params.ts';
import { functionKey, type Config, type GovernanceStores, type Metadata } from './stores.ts';
import type { GenericFunction, Neuron, PrincipalText } from './types.ts';
import { functionDefects, reservedTargets } from './validate.ts';

/** A neuron as the local init record describes it (see interface.ts LocalInit). */
export interface InitNeuron {
  id_hex: string;
  owner: PrincipalText;
  permissions?: number[];
  stake_e8s: bigint;
  dissolve_delay_seconds: bigint;
  age_seconds: bigint;
  voting_power_percentage_multiplier?: bigint;
}

export interface InitInput {
  neurons: InitNeuron[];
  params: Partial<Params>;
  functions: GenericFunction[];
  metadata: Metadata;
  reserved_canisters: PrincipalText[];
}

/** All NeuronPermissionType values (1..=10): the default for a genesis neuron's owner. */
export const ALL_PERMISSIONS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export function initialize(
  stores: GovernanceStores,
  self: PrincipalText,
  input: InitInput,
  now: bigint,
): { Ok: null } | { Err: string } {
  if (stores.config.get('cell') !== undefined) return { Err: 'already initialized' };
  const params: Params = { ...DEFAULT_PARAMS, ...input.params };
  const paramProblem = checkParams(params);
  if (paramProblem) return { Err: paramProblem };
  if (input.neurons.length === 0) return { Err: 'at least one neuron is needed' };

  const neurons: Neuron[] = [];
  const seen = new Set<string>();
  for (const n of input.neurons) {
    if (n.id_hex.length !== 64) return { Err: `neuron id ${n.id_hex} must be 32 bytes (a subaccount)` };
    if (seen.has(n.id_hex)) return { Err: `duplicate neuron id ${n.id_hex}` };
    if (n.owner === '2vxsx-fae') return { Err: `neuron ${n.id_hex} is owned by the anonymous principal` };
    if (n.dissolve_delay_seconds > params.max_dissolve_delay_seconds)
      return { Err: `neuron ${n.id_hex} has a dissolve delay above max_dissolve_delay_seconds` };
    if (n.age_seconds > now) return { Err: `neuron ${n.id_hex} is older than the epoch` };
    seen.add(n.id_hex);
    neurons.push({
      id: n.id_hex,
      permissions: [{ principal: n.owner, permission_type: n.permissions ?? ALL_PERMISSIONS }],
      cached_neuron_stake_e8s: n.stake_e8s,
      neuron_fees_e8s: 0n,
      dissolve_delay_seconds: n.dissolve_delay_seconds,
      aging_since_timestamp_seconds: now - n.age_seconds,
      created_timestamp_seconds: now - n.age_seconds,
      voting_power_percentage_multiplier: n.voting_power_percentage_multiplier ?? 100n,
    });
  }

  const reserved = reservedTargets(self, input.reserved_canisters);
  const ids = new Set<bigint>();
  for (const f of input.functions) {
    const defects = functionDefects(f);
    if (defects.length > 0) return { Err: `function ${f.id}: ${defects.join('; ')}` };
    if (ids.has(f.id)) return { Err: `duplicate function id ${f.id}` };
    if (reserved.has(f.target_canister_id) || reserved.has(f.validator_canister_id))
      return { Err: `function ${f.id} targets a reserved canister` };
    ids.add(f.id);
  }

  const config: Config = {
    params,
    metadata: input.metadata,
    reserved_canisters: input.reserved_canisters,
    genesis_timestamp_seconds: now,
  };
  stores.config.set('cell', config);
  for (const n of neurons) stores.neurons.set(n.id, n);
  for (const f of input.functions) stores.functions.set(functionKey(f.id), { Generic: f });
  return { Ok: null };
}
