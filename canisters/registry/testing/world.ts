import { MemoryStore } from '../../shared/domain/memory-store.ts';
import type { Result } from '../../shared/domain/result.ts';
import { ROLES, testPrincipal, type Role } from '../../shared/testing/roles.ts';
import { admitContributor, type AdmitContributor } from '../domain/admit.ts';
import { initRegistry, type RegistryInit } from '../domain/init.ts';
import type { RegistryStores } from '../domain/stores.ts';
import { acceptWorkerKey, offerWorkerKey } from '../domain/worker-keys.ts';

export const T0 = 1_700_000_000_000_000_000n;
export const LATER = T0 + 60_000_000_000n;

export function emptyStores(): RegistryStores {
  return {
    meta: new MemoryStore(),
    nodeProviders: new MemoryStore(),
    contributors: new MemoryStore(),
    workerKeys: new MemoryStore(),
    events: new MemoryStore(),
    outbox: new MemoryStore(),
  };
}

export function genesis(overrides: Partial<RegistryInit> = {}): RegistryInit {
  return {
    governance: ROLES.governance,
    invitation: ROLES.invitationCanister,
    queue: ROLES.queueCanister,
    node_providers: [{ id: ROLES.nodeProvider, display_name: 'Nora' }],
    params: undefined,
    ...overrides,
  };
}

export function admission(overrides: Partial<AdmitContributor> = {}): AdmitContributor {
  return {
    contributor: ROLES.contributor,
    display_name: 'Carol',
    sponsor: ROLES.nodeProvider,
    proposal_id: 7n,
    hardware: { gpu: 'RTX 4090', vram_gib: 24, ram_gib: 64, cpu_cores: 16, region: 'eu-west' },
    models: ['llama3.1-8b'],
    ...overrides,
  };
}

export function expectOk<T>(result: Result<T>): T {
  if ('Err' in result) throw new Error(`expected Ok, got ${JSON.stringify(result.Err)}`);
  return result.Ok;
}

/**
 * Every role of roles.ts holding its role: Nora (nodeProvider) is a genesis node provider, Carol
 * (contributor) was admitted on her nomination and bound `worker` as her one worker key.
 */
export function world(): RegistryStores {
  const stores = emptyStores();
  expectOk(initRegistry(stores, ROLES.controller, T0, genesis()));
  expectOk(admitContributor(stores, ROLES.invitationCanister, T0, admission()));
  expectOk(bindKey(stores, ROLES.contributor, T0, ROLES.worker));
  return stores;
}

/** Both steps of binding: the contributor offers, the key accepts. */
export function bindKey(stores: RegistryStores, contributor: string, now: bigint, key: string): Result<null> {
  const offered = offerWorkerKey(stores, contributor, now, key);
  return 'Err' in offered ? offered : acceptWorkerKey(stores, key, now, contributor);
}

/** A principal no role holds. */
export const freshKey = (n = 0): string => testPrincipal(500 + n);

/** Everything stored, for before/after comparisons. */
export function snapshot(stores: RegistryStores): Record<string, unknown> {
  return Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, store.entries()]));
}

export type Outcome =
  'Ok' | 'Unauthorized' | 'InvalidInput' | 'NotFound' | 'Conflict' | 'LimitExceeded' | 'Unavailable';

export function outcomeOf(result: Result<unknown>): Outcome {
  return 'Ok' in result ? 'Ok' : (Object.keys(result.Err)[0] as Outcome);
}

/** Expected outcome per role: `only` succeeds, every other role gets `others`. */
export function onlyRole(only: Role, others: Outcome = 'Unauthorized'): (role: Role) => Outcome {
  return (role) => (role === only ? 'Ok' : others);
}
