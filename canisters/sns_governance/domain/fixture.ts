import type { GovernanceEnv, ValidatorAnswer } from './flows.ts';
import { initialize } from './init.ts';
import { memoryStores, neuronId } from './testing.ts';
import type { GenericFunction } from './types.ts';

export const SELF = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
export const USERS = {
  alice: 'user-alice',
  bob: 'user-bob',
  carol: 'user-carol',
  dave: 'user-dave',
  erin: 'user-erin',
} as const;
export const N = { a: neuronId(1), b: neuronId(2), c: neuronId(3), d: neuronId(4), e: neuronId(5) } as const;

const TOKEN = 100_000_000n;
const YEAR = 31_557_600n;
export const T0 = 1_800_000_000n;

export const admitFunction: GenericFunction = {
  id: 1001n,
  name: 'admit',
  target_canister_id: 'target-canister',
  target_method_name: 'admit',
  validator_canister_id: 'target-canister',
  validator_method_name: 'validate_admit',
  topic: 'ApplicationBusinessLogic',
};

/**
 * Three equal voters (a, b, c: 10 tokens, 1 year delay), d with less stake than the reject cost,
 * e with a dissolve delay below the 6-month minimum (not eligible to vote).
 */
export function fixture(options: { functions?: GenericFunction[] } = {}) {
  const stores = memoryStores();
  const clock = { now: T0 };
  const calls: Array<{
    kind: 'validate' | 'target' | 'upgrade';
    canister: string;
    method: string;
    payload: Uint8Array;
  }> = [];
  const answers = {
    validator: { Ok: 'rendered by the validator' } as ValidatorAnswer,
    target: undefined as string | undefined,
    upgrade: undefined as string | undefined,
  };
  const neuron = (id: string, owner: string, stake: bigint, delay: bigint) => ({
    id_hex: id,
    owner,
    stake_e8s: stake,
    dissolve_delay_seconds: delay,
    age_seconds: 0n,
  });
  const result = initialize(
    stores,
    SELF,
    {
      neurons: [
        neuron(N.a, USERS.alice, 10n * TOKEN, YEAR),
        neuron(N.b, USERS.bob, 10n * TOKEN, YEAR),
        neuron(N.c, USERS.carol, 10n * TOKEN, YEAR),
        neuron(N.d, USERS.dave, TOKEN / 2n, YEAR),
        neuron(N.e, USERS.erin, 10n * TOKEN, YEAR / 12n),
      ],
      params: {},
      functions: options.functions ?? [],
      metadata: { name: 'Gatehouse' },
      reserved_canisters: ['sns-root', 'sns-ledger'],
    },
    clock.now,
  );
  if ('Err' in result) throw new Error(result.Err);
  const env: GovernanceEnv = {
    stores,
    now: () => clock.now,
    self: SELF,
    callValidator: async (canister, method, payload) => {
      calls.push({ kind: 'validate', canister, method, payload });
      return answers.validator;
    },
    callTarget: async (canister, method, payload) => {
      calls.push({ kind: 'target', canister, method, payload });
      return answers.target;
    },
    upgradeCanister: async (canister, wasm) => {
      calls.push({ kind: 'upgrade', canister, method: 'install_code', payload: wasm });
      return answers.upgrade;
    },
  };
  return { stores, clock, calls, answers, env };
}

export const motion = (text = 'We should.') => ({
  title: 'A motion',
  summary: 'Why',
  url: '',
  action: { Motion: { motion_text: text } },
});
