import { describe, expect, it } from 'vitest';

import { DEFAULT_PARAMS } from './params.ts';
import { initialize, type InitInput } from './init.ts';
import { configCell } from './stores.ts';
import { memoryStores, neuronId } from './testing.ts';

const NOW = 1_800_000_000n;
const neuron = {
  id_hex: neuronId(1),
  owner: 'owner-1',
  stake_e8s: 10n,
  dissolve_delay_seconds: 100n,
  age_seconds: 50n,
};
const input = (o: Partial<InitInput> = {}): InitInput => ({
  neurons: [neuron],
  params: {},
  functions: [],
  metadata: {},
  reserved_canisters: [],
  ...o,
});
const fn = {
  id: 1000n,
  name: 'f',
  target_canister_id: 't',
  target_method_name: 'm',
  validator_canister_id: 't',
  validator_method_name: 'v',
  topic: 'Governance' as const,
};

describe('init', () => {
  it('stores neurons with all permissions for the owner, age as aging_since, default parameters', () => {
    const stores = memoryStores();
    expect(initialize(stores, 'self', input({ params: { reject_cost_e8s: 5n } }), NOW)).toEqual({ Ok: null });
    expect(stores.neurons.get(neuronId(1))).toMatchObject({
      permissions: [{ principal: 'owner-1', permission_type: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }],
      aging_since_timestamp_seconds: NOW - 50n,
      neuron_fees_e8s: 0n,
      voting_power_percentage_multiplier: 100n,
    });
    expect(configCell(stores).get().params).toEqual({ ...DEFAULT_PARAMS, reject_cost_e8s: 5n });
  });

  it.each([
    ['no neurons', input({ neurons: [] }), 'at least one neuron'],
    ['a short neuron id', input({ neurons: [{ ...neuron, id_hex: 'ab' }] }), 'must be 32 bytes'],
    ['duplicate neuron ids', input({ neurons: [neuron, neuron] }), 'duplicate neuron id'],
    ['an anonymous owner', input({ neurons: [{ ...neuron, owner: '2vxsx-fae' }] }), 'anonymous'],
    [
      'a voting period below 1 day',
      input({ params: { initial_voting_period_seconds: 3_600n } }),
      'initial_voting_period_seconds',
    ],
    [
      'wait-for-quiet above half the period',
      input({ params: { wait_for_quiet_deadline_increase_seconds: 3n * 86_400n } }),
      'at most half',
    ],
    ['a function id below 1000', input({ functions: [{ ...fn, id: 999n }] }), 'ids starting at 1000'],
    [
      'a function targeting this canister',
      input({ functions: [{ ...fn, target_canister_id: 'self' }] }),
      'reserved canister',
    ],
    ['duplicate function ids', input({ functions: [fn, fn] }), 'duplicate function id'],
  ])('refuses %s and stores nothing', (_case, bad, message) => {
    const stores = memoryStores();
    const result = initialize(stores, 'self', bad, NOW);
    expect('Err' in result && result.Err).toContain(message);
    expect(stores.neurons.size() + stores.config.size() + stores.functions.size()).toBe(0);
  });
});
