/** Test support: an in-memory invitation world with a fake registry and fake SNS governance. */
import { MemoryStore } from '../../shared/domain/memory-store.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { validatorWindow } from '../../shared/domain/rate-window.ts';
import { conflict, ok, type Result } from '../../shared/domain/result.ts';
import { candidateBlocker } from './roles.ts';
import { ALL_ROLES, ROLES, testPrincipal, type Role } from '../../shared/testing/roles.ts';
import type { admissionOf } from './admit.ts';
import { encodeAdmitPayload } from './admit-payload.ts';
import { initialize } from './init.ts';
import type { NominateInput } from './nominate.ts';
import type { InvitationParams } from './params.ts';
import type { InvitationEnv } from './ports.ts';
import type { ProposalView } from './proposal.ts';
import type { InvitationStores } from './stores.ts';
import type { MemberRole } from './types.ts';

export const ADMIT_FUNCTION_ID = 1001n;
export const T0 = 1_700_000_000_000_000_000n;
export const SECOND = 1_000_000_000n;

export { ALL_ROLES, ROLES, type Role };

/** Registry roles of the standard test principals; everyone else is None. */
export function standardRoles(): Map<PrincipalText, MemberRole> {
  return new Map<PrincipalText, MemberRole>([
    [ROLES.nodeProvider, { NodeProvider: null }],
    [OTHER_PROVIDER, { NodeProvider: null }],
    [ROLES.contributor, { Contributor: { Active: null } }],
    [ROLES.worker, { Worker: { contributor: ROLES.contributor, active: true } }],
  ]);
}

export const OTHER_PROVIDER = testPrincipal(50);
export const candidate = (n: number) => testPrincipal(100 + n);

export function memoryStores(): InvitationStores {
  return {
    config: new MemoryStore(),
    params: new MemoryStore(),
    meta: new MemoryStore(),
    nominations: new MemoryStore(),
    openIds: new MemoryStore(),
    openByCandidate: new MemoryStore(),
    openCountByProvider: new MemoryStore(),
    nodeProviders: new MemoryStore(),
  };
}

export interface World extends InvitationEnv {
  now: bigint;
  roles: Map<PrincipalText, MemberRole>;
  proposals: Map<bigint, ProposalView>;
  registryDown: boolean;
  governanceDown: boolean;
  admitAnswer: Result<unknown>;
  admissions: Array<ReturnType<typeof admissionOf>>;
  logs: string[];
  /** Runs while a registry/governance call is in flight (to simulate interleaved messages). */
  duringCall?: () => void;
}

export function world(params?: InvitationParams): World {
  const w: World = {
    stores: memoryStores(),
    now: T0,
    clock: () => w.now,
    roles: standardRoles(),
    proposals: new Map(),
    registryDown: false,
    governanceDown: false,
    admitAnswer: ok({}),
    admissions: [],
    logs: [],
    log: (message) => w.logs.push(message),
    validations: validatorWindow(),
    registry: {
      roleOf: async (principal) => {
        inFlight(w);
        if (w.registryDown) throw new Error('registry rejected: canister stopped');
        return w.roles.get(principal) ?? { None: null };
      },
      checkAdmission: async (admission) => {
        inFlight(w);
        if (w.registryDown) throw new Error('registry rejected: canister stopped');
        const blocker = candidateBlocker(w.roles.get(admission.contributor) ?? { None: null });
        if (blocker) return conflict(`${admission.contributor} ${blocker}`);
        if (!('NodeProvider' in (w.roles.get(admission.sponsor) ?? { None: null })))
          return conflict(`sponsor ${admission.sponsor} was removed as a node provider`);
        return ok(`Admit ${admission.contributor}`);
      },
      admitContributor: async (admission) => {
        inFlight(w);
        if (w.registryDown) throw new Error('registry rejected: canister stopped');
        w.admissions.push(admission);
        return w.admitAnswer;
      },
    },
    governance: {
      getProposal: async (id) => {
        inFlight(w);
        if (w.governanceDown) throw new Error('governance rejected');
        const view = w.proposals.get(id);
        return view === undefined ? { NotFound: `no proposal ${id}` } : { Found: view };
      },
    },
  };
  const init = initialize(
    w.stores,
    { governance: ROLES.governance, registry: ROLES.registryCanister, admit_function_id: ADMIT_FUNCTION_ID },
    params,
  );
  if ('Err' in init) throw new Error(JSON.stringify(init.Err));
  // As the registry's first push leaves it: the node providers among the standard roles.
  for (const [id, role] of w.roles) if ('NodeProvider' in role) w.stores.nodeProviders.set(id, null);
  return w;
}

function inFlight(w: World) {
  const hook = w.duringCall;
  w.duringCall = undefined;
  hook?.();
}

export function nominateInput(
  candidatePrincipal: PrincipalText,
  overrides: Partial<NominateInput> = {},
): NominateInput {
  return {
    candidate: candidatePrincipal,
    display_name: 'Ada Lovelace Labs',
    motivation: 'Runs a GPU cluster in Zurich; has served LLM jobs for a year.',
    hardware: { gpu: 'RTX 4090', vram_gib: 24, ram_gib: 64, cpu_cores: 16, region: 'eu-central' },
    models: ['llama-3.1-8b-q4'],
    ...overrides,
  };
}

/** An undecided admit proposal for `nominationId`, as governance would return it. */
export function admitProposal(id: bigint, nominationId: bigint, overrides: Partial<ProposalView> = {}): ProposalView {
  return {
    id,
    generic: { function_id: ADMIT_FUNCTION_ID, payload: encodeAdmitPayload({ nomination_id: nominationId }) },
    decided_timestamp_seconds: 0n,
    executed_timestamp_seconds: 0n,
    failed_timestamp_seconds: 0n,
    failure_reason: undefined,
    tally: { yes: 0n, no: 0n, total: 1_000n },
    minimum_yes_proportion_of_total_bp: undefined,
    minimum_yes_proportion_of_exercised_bp: undefined,
    ...overrides,
  };
}

/** Every entry of every store, for "a rejected call changes nothing" assertions. */
export function snapshot(stores: InvitationStores): string {
  const all = Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, store.entries()]));
  return JSON.stringify(all, (_, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? [...v] : v));
}

export type Outcome =
  'Ok' | 'Unauthorized' | 'InvalidInput' | 'NotFound' | 'Conflict' | 'LimitExceeded' | 'Unavailable';

export const outcomeOf = (result: Result<unknown>): Outcome =>
  'Ok' in result ? 'Ok' : (Object.keys(result.Err)[0] as Outcome);

/**
 * Runs `call` once per role, each in a fresh world prepared by `setup`, and returns what each role
 * got. A role that did not get Ok must have left every store exactly as it was.
 */
export async function roleMatrix(
  setup: (w: World) => Promise<void> | void,
  call: (w: World, caller: PrincipalText) => Promise<Result<unknown>> | Result<unknown>,
): Promise<{ outcomes: Record<Role, Outcome>; unchangedOnReject: boolean }> {
  const outcomes = {} as Record<Role, Outcome>;
  let unchangedOnReject = true;
  for (const role of ALL_ROLES) {
    const w = world();
    await setup(w);
    const before = snapshot(w.stores);
    const outcome = outcomeOf(await call(w, ROLES[role]));
    outcomes[role] = outcome;
    if (outcome !== 'Ok' && snapshot(w.stores) !== before) unchangedOnReject = false;
  }
  return { outcomes, unchangedOnReject };
}

/** Expected outcomes: `allowed` roles get Ok, every other role gets `otherwise` (overridable per role). */
export function expectedMatrix(allowed: Role[], otherwise: Outcome, overrides: Partial<Record<Role, Outcome>> = {}) {
  return Object.fromEntries(
    ALL_ROLES.map((role) => [role, overrides[role] ?? (allowed.includes(role) ? 'Ok' : otherwise)]),
  ) as Record<Role, Outcome>;
}
