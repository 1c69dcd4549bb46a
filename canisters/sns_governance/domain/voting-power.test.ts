import { describe, expect, it } from 'vitest';

import { DEFAULT_PARAMS } from './params.ts';
import type { Neuron } from './types.ts';
import { votingPower } from './voting-power.ts';

const YEAR = 31_557_600n;
const NOW = 10n * YEAR;
const neuron = (o: Partial<Neuron>): Neuron => ({
  id: '00'.repeat(32),
  permissions: [],
  cached_neuron_stake_e8s: 1_000n,
  neuron_fees_e8s: 0n,
  dissolve_delay_seconds: 0n,
  aging_since_timestamp_seconds: NOW,
  created_timestamp_seconds: NOW,
  voting_power_percentage_multiplier: 100n,
  ...o,
});

describe('voting power (neuron.rs voting_power; defaults: +100 % at 8 years delay, +25 % at 4 years age)', () => {
  it.each([
    ['no delay, no age: the stake', neuron({}), 1_000n],
    ['max dissolve delay doubles it', neuron({ dissolve_delay_seconds: 8n * YEAR }), 2_000n],
    ['delay above the max counts as the max', neuron({ dissolve_delay_seconds: 20n * YEAR }), 2_000n],
    [
      'max delay and max age',
      neuron({ dissolve_delay_seconds: 8n * YEAR, aging_since_timestamp_seconds: NOW - 4n * YEAR }),
      2_500n,
    ],
    [
      'half delay, half age (integer division)',
      neuron({ dissolve_delay_seconds: 4n * YEAR, aging_since_timestamp_seconds: NOW - 2n * YEAR }),
      1_687n,
    ],
    ['fees are not voting stake', neuron({ neuron_fees_e8s: 400n }), 600n],
    [
      'voting power multiplier 50 %',
      neuron({ dissolve_delay_seconds: 8n * YEAR, voting_power_percentage_multiplier: 50n }),
      1_000n,
    ],
  ] as const)('%s', (_case, n, expected) => {
    expect(votingPower(n, NOW, DEFAULT_PARAMS)).toBe(expected);
  });
});
