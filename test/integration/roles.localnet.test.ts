/**
 * The caller-role matrix on the real wasm: every update method of registry, invitation and queue is
 * called as each of the eight roles with a valid-shaped argument. The table says what each role
 * gets; a call that does not succeed must leave every query of all three canisters unchanged.
 */
import { IDL } from '@dfinity/candid';
import type { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { invitationTypes } from '../../canisters/invitation/interface.ts';
import { queueTypes } from '../../canisters/queue/interface.ts';
import { registryTypes } from '../../canisters/registry/interface.ts';
import type { LocalNet } from '../../localnet/src/index.ts';
import { admitArgs, freshPrincipals, leaseArgs, nominateArgs, okOf, submitArgs } from '../support/args.ts';
import { deployGatehouse, ROLE_NAMES, startNet, type Gatehouse, type RoleName } from '../support/deploy.ts';
import { admitDirectly, seedMembers } from '../support/members.ts';
import { OUTCOMES, outcomeOf, type Outcome } from '../support/outcome.ts';
import { REACH, snapshot, type Snapshot } from '../support/snapshot.ts';

type CanisterName = 'registry' | 'invitation' | 'queue';

interface World {
  g: Gatehouse;
  fresh: () => Principal;
  /** A node provider added by governance, a suspended contributor and an open nomination, made in beforeAll. */
  spareProvider: Principal;
  suspended: Principal;
  openNomination: bigint;
}

interface Row {
  canister: CanisterName;
  method: string;
  /** Shown after the method when one method has several rows. */
  variant?: string;
  outcomes: Record<RoleName, Outcome>;
  /** Whether an Ok changes what the queries show (validators and no-op passes do not). */
  writes: boolean;
  /**
   * Builds the arguments (before the "before" snapshot). They are reused by the row's next roles
   * until a call succeeds and writes, which may have used them up (a withdrawn nomination, a completed lease).
   */
  args: (w: World) => Promise<unknown[]>;
}

/** `'U U ok U U U U U'`: one outcome code per role, in ROLE_NAMES order (see OUTCOMES). */
function parse(line: string): Record<RoleName, Outcome> {
  const codes = line.trim().split(/\s+/);
  if (codes.length !== ROLE_NAMES.length || codes.some((c) => !(c in OUTCOMES)))
    throw new Error(`bad outcome line "${line}"`);
  return Object.fromEntries(ROLE_NAMES.map((role, i) => [role, codes[i]])) as Record<RoleName, Outcome>;
}

const rows: Row[] = [];
function row(
  canister: CanisterName,
  method: string,
  outcomes: string,
  writes: boolean,
  args: Row['args'],
  variant?: string,
) {
  rows.push({ canister, method, variant, outcomes: parse(outcomes), writes, args });
}

const decision = (contributor: Principal) => ({ contributor, reason: 'role matrix' });
async function newContributor(w: World, suspended = false): Promise<Principal> {
  const who = w.fresh();
  await admitDirectly(w.g, who);
  if (suspended) okOf(await w.g.registry('governance').suspend_contributor(decision(who)));
  return who;
}
const nominated = async (w: World) => okOf(await w.g.invitation('nodeProvider').nominate(nominateArgs(w.fresh()))).id;
/** A job the stranger submitted and the worker leased: [job id, token]. */
async function leased(w: World): Promise<{ job_id: bigint; token: bigint }> {
  okOf(await w.g.queue('stranger').submit(submitArgs()));
  const [lease] = okOf(await w.g.queue('worker').lease(leaseArgs()));
  return { job_id: lease!.job_id, token: lease!.token };
}
const registryParams = async (w: World, bump: number) => {
  const params = await w.g.registry().get_params();
  return { expected: params, params: { ...params, max_reason_bytes: params.max_reason_bytes + bump } };
};
const invitationParams = async (w: World, bump: number) => {
  const params = await w.g.invitation().get_params();
  return { expected: params, params: { ...params, max_motivation_bytes: params.max_motivation_bytes + bump } };
};
const queueParams = async (w: World, bump: number) => {
  const params = await w.g.queue().get_params();
  return { ...params, max_reason_bytes: params.max_reason_bytes + bump };
};

// Codes: ok = Ok reply · U = Err Unauthorized · NF = Err NotFound · UA = Err Unavailable · R = rejected (trap) ·
// IR = refused by inspect_message (every canister filters ingress; the methods' own refusals are in each canister's
// domain tests).
// "valid" args are ones the authorised role can apply; "invalid" ones make governance's own call trap.
//                                                      anon stran  np   contr work gov  inv  ctrl
row('registry', 'admit_contributor', 'IR   IR    IR   IR    IR   IR   ok   IR', true, async (w) => [
  admitArgs(w.fresh(), w.g.principals.nodeProvider),
]);
row('registry', 'validate_add_node_provider', 'IR   ok    ok   ok    ok   ok   ok   ok', false, async (w) => [
  { id: w.fresh(), display_name: 'New NP' },
]);
row('registry', 'add_node_provider', 'IR   IR    IR   IR    IR   ok   IR   IR', true, async (w) => [
  { id: w.fresh(), display_name: 'New NP' },
]);
row(
  'registry',
  'add_node_provider',
  'IR   IR    IR   IR    IR   R    IR   IR',
  false,
  async (w) => [{ id: w.g.principals.nodeProvider, display_name: 'Again' }],
  'invalid',
);
row('registry', 'validate_remove_node_provider', 'IR   ok    ok   ok    ok   ok   ok   ok', false, async (w) => [
  { id: w.spareProvider, reason: 'retired' },
]);
row('registry', 'remove_node_provider', 'IR   IR    IR   IR    IR   ok   IR   IR', true, async (w) => {
  const id = w.fresh();
  okOf(await w.g.registry('governance').add_node_provider({ id, display_name: 'Short-lived NP' }));
  return [{ id, reason: 'retired' }];
});
row('registry', 'validate_suspend_contributor', 'IR   ok    ok   ok    ok   ok   ok   ok', false, async (w) => [
  decision(w.g.principals.contributor),
]);
row('registry', 'suspend_contributor', 'IR   IR    IR   IR    IR   ok   IR   IR', true, async (w) => [
  decision(await newContributor(w)),
]);
row(
  'registry',
  'suspend_contributor',
  'IR   IR    IR   IR    IR   R    IR   IR',
  false,
  async (w) => [decision(w.fresh())],
  'invalid',
);
row('registry', 'validate_reinstate_contributor', 'IR   ok    ok   ok    ok   ok   ok   ok', false, async (w) => [
  decision(w.suspended),
]);
row('registry', 'reinstate_contributor', 'IR   IR    IR   IR    IR   ok   IR   IR', true, async (w) => [
  decision(await newContributor(w, true)),
]);
row('registry', 'validate_remove_contributor', 'IR   ok    ok   ok    ok   ok   ok   ok', false, async (w) => [
  decision(w.g.principals.contributor),
]);
row('registry', 'remove_contributor', 'IR   IR    IR   IR    IR   ok   IR   IR', true, async (w) => [
  decision(await newContributor(w)),
]);
row('registry', 'validate_set_params', 'IR   ok    ok   ok    ok   ok   ok   ok', false, async (w) => [
  await registryParams(w, 1),
]);
row('registry', 'set_params', 'IR   IR    IR   IR    IR   ok   IR   IR', true, async (w) => [
  await registryParams(w, 1),
]);
row(
  'registry',
  'set_params',
  'IR   IR    IR   IR    IR   R    IR   IR',
  false,
  async (w) => {
    const { expected } = await registryParams(w, 0);
    return [{ expected, params: { ...expected, max_worker_keys: 0 } }];
  },
  'invalid',
);
row('registry', 'check_admission', 'IR   IR    IR   IR    IR   IR   ok   IR', false, async (w) => [
  admitArgs(w.fresh(), w.g.principals.nodeProvider),
]);
row('registry', 'offer_worker_key', 'IR   IR    IR   ok    IR   IR   IR   IR', true, async (w) => [w.fresh()]);
// The offer is to a fresh key, so no role can take it (the key's own accept is in flow.localnet.test.ts).
row('registry', 'accept_worker_key', 'IR   NF    NF   NF    NF   NF   NF   NF', false, async (w) => {
  okOf(await w.g.registry('contributor').offer_worker_key(w.fresh()));
  return [w.g.principals.contributor];
});
row('registry', 'unbind_worker_key', 'IR   IR    IR   ok    IR   IR   IR   IR', true, async (w) => {
  const key = w.fresh();
  okOf(await w.g.registry('contributor').offer_worker_key(key));
  return [key];
});

//                                                      anon stran  np   contr work gov  inv  ctrl
row('invitation', 'nominate', 'IR   IR    ok   IR    IR   IR   IR   IR', true, async (w) => [nominateArgs(w.fresh())]);
row('invitation', 'withdraw', 'IR   IR    ok   IR    IR   IR   IR   IR', true, async (w) => [await nominated(w)]);
// The nominator passes the guard; governance (an empty canister here) cannot answer get_proposal.
row('invitation', 'link_proposal', 'IR   IR    UA   IR    IR   IR   IR   IR', false, async (w) => [
  { nomination_id: await nominated(w), proposal_id: 1n },
]);
row('invitation', 'validate_admit', 'IR   ok    ok   ok    ok   ok   ok   ok', false, async (w) => [
  { nomination_id: w.openNomination },
]);
row('invitation', 'admit', 'IR   IR    IR   IR    IR   ok   IR   IR', true, async (w) => [
  { nomination_id: await nominated(w) },
]);
row(
  'invitation',
  'admit',
  'IR   IR    IR   IR    IR   R    IR   IR',
  false,
  async () => [{ nomination_id: 999_999n }],
  'invalid',
);
row('invitation', 'validate_set_params', 'IR   ok    ok   ok    ok   ok   ok   ok', false, async (w) => [
  await invitationParams(w, 1),
]);
row('invitation', 'set_params', 'IR   IR    IR   IR    IR   ok   IR   IR', true, async (w) => [
  await invitationParams(w, 1),
]);
row(
  'invitation',
  'set_params',
  'IR   IR    IR   IR    IR   R    IR   IR',
  false,
  async (w) => {
    const { expected } = await invitationParams(w, 0);
    return [{ expected, params: { ...expected, max_models: 0 } }];
  },
  'invalid',
);
// Only a nominator with an open nomination may trigger a run (a local check, no call for strangers).
row('invitation', 'reconcile', 'IR   IR    ok   IR    IR   IR   IR   IR', true, async () => []);
// Only the registry canister pushes the node-provider set (its delivery is in flow.localnet.test.ts).
row('invitation', 'apply_node_providers', 'IR   IR    IR   IR    IR   IR   IR   IR', false, async (w) => [
  { version: 1_000n, node_providers: [w.g.principals.nodeProvider] },
]);

//                                                      anon stran  np   contr work gov  inv  ctrl
row('queue', 'submit', 'IR   ok    ok   ok    ok   ok   ok   ok', true, async () => [submitArgs()]);
// Only the llm canister relays jobs (inter-canister: inspect_message lets no ingress in; see canisters/llm).
row('queue', 'submit_for', 'IR   IR    IR   IR    IR   IR   IR   IR', false, async (w) => [w.fresh(), submitArgs()]);
// Only the submitter may cancel; to anyone else the job does not exist.
row('queue', 'cancel', 'IR   ok    NF   NF    NF   NF   NF   NF', true, async (w) => [
  okOf(await w.g.queue('stranger').submit(submitArgs())),
]);
row('queue', 'lease', 'IR   IR    IR   IR    ok   IR   IR   IR', true, async (w) => {
  okOf(await w.g.queue('stranger').submit(submitArgs()));
  return [leaseArgs()];
});
row('queue', 'extend', 'IR   IR    IR   IR    ok   IR   IR   IR', true, async (w) => [
  { ...(await leased(w)), seconds: 300 },
]);
row('queue', 'complete', 'IR   IR    IR   IR    ok   IR   IR   IR', true, async (w) => [
  { ...(await leased(w)), output: 'done', tokens_in: 1, tokens_out: 1, tool_calls: [] as [] },
]);
// Completes the held job and leases the next queued one.
row('queue', 'complete_and_lease', 'IR   IR    IR   IR    ok   IR   IR   IR', true, async (w) => {
  const held = await leased(w);
  okOf(await w.g.queue('stranger').submit(submitArgs()));
  return [{ ...held, output: 'done', tokens_in: 1, tokens_out: 1, tool_calls: [] as [] }, leaseArgs()];
});
row('queue', 'fail', 'IR   IR    IR   IR    ok   IR   IR   IR', true, async (w) => [
  { ...(await leased(w)), reason: 'oom', retryable: false },
]);
row('queue', 'heartbeat', 'IR   IR    IR   IR    ok   IR   IR   IR', true, async () => [
  { models: ['tiny-chat'], version: '1.0.0', in_flight: 0 },
]);
// Only the registry canister pushes membership (its success is in flow.localnet.test.ts).
row('queue', 'apply_membership', 'IR   IR    IR   IR    IR   IR   IR   IR', false, async (w) => [
  {
    epoch: 1n,
    snapshot: [],
    skip: [],
    updates: [{ seq: 1_000n, worker: w.fresh(), contributor: w.g.principals.contributor, active: true }],
  },
]);
// No lease is due, so the pass changes nothing.
row('queue', 'expire_leases', 'IR   ok    ok   ok    ok   ok   ok   ok', false, async () => []);
row('queue', 'validate_set_params', 'ok   ok    ok   ok    ok   ok   ok   ok', false, async (w) => [
  await queueParams(w, 1),
]);
row('queue', 'set_params', 'IR   IR    IR   IR    IR   ok   IR   IR', true, async (w) => [await queueParams(w, 1)]);
row(
  'queue',
  'set_params',
  'IR   IR    IR   IR    IR   R    IR   IR',
  false,
  async (w) => [{ ...(await queueParams(w, 0)), max_attempts: 0 }],
  'invalid',
);

const SERVICES = {
  registry: registryTypes(IDL).service,
  invitation: invitationTypes(IDL).service,
  queue: queueTypes(IDL).service,
};

describe('every update method has a row', () => {
  it.each(Object.keys(SERVICES) as CanisterName[])('%s', (canister) => {
    const updates = (SERVICES[canister]._fields as Array<[string, IDL.FuncClass]>)
      .filter(([, func]) => !func.annotations.includes('query') && !func.annotations.includes('composite_query'))
      .map(([name]) => name)
      .sort();
    const covered = [...new Set(rows.filter((r) => r.canister === canister).map((r) => r.method))].sort();
    expect(covered).toEqual(updates);
  });
});

describe('caller-role matrix on localnet', () => {
  let net: LocalNet;
  const w = {} as World;

  beforeAll(async () => {
    net = await startNet();
    // Room for the many nominations, keys and leases the matrix creates.
    w.g = await deployGatehouse(net, {
      registryParams: { max_worker_keys: 64 },
      invitationParams: { max_open_per_provider: 100 },
      queueParams: { max_pending_per_caller: 1_000, max_leases_per_worker: 1_000 },
    });
    w.fresh = freshPrincipals();
    await seedMembers(w.g);
    w.spareProvider = w.fresh();
    okOf(await w.g.registry('governance').add_node_provider({ id: w.spareProvider, display_name: 'Spare NP' }));
    w.suspended = await newContributor(w, true);
    w.openNomination = await nominated(w);
  });
  afterAll(() => net?.close());

  /** Snapshots are reused while no message has run (net.changes counts executed messages, not queries). */
  let cached: { changes: number; canisters: string; snapshot: Snapshot } | undefined;
  async function observe(canisters: CanisterName[]): Promise<Snapshot> {
    const key = canisters.join();
    if (cached?.changes !== net.changes || cached.canisters !== key) {
      cached = { changes: net.changes, canisters: key, snapshot: await snapshot(w.g, canisters) };
    }
    return cached.snapshot;
  }

  describe.each(rows.map((r) => [`${r.canister}.${r.method}${r.variant ? ` (${r.variant})` : ''}`, r] as const))(
    '%s',
    (_name, r) => {
      let prepared: unknown[] | undefined;
      // Roles expected to succeed go last, so the others try the very arguments the winner will use.
      const order = [...ROLE_NAMES].sort((a, b) => Number(r.outcomes[a] === 'ok') - Number(r.outcomes[b] === 'ok'));
      it.each(order.map((role) => [role, r.outcomes[role]] as const))('as %s → %s', async (role, expected) => {
        const args = (prepared ??= await r.args(w));
        // Time moves a little before each call, so a write stamped with "now" shows in the snapshot.
        await net.advanceTime(1);
        const reach = REACH[r.canister];
        const before = await observe(reach);
        const actor = w.g[r.canister](role) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
        const outcome = await outcomeOf(actor[r.method]!(...args));
        const after = await observe(reach);
        expect(outcome).toBe(expected);
        if (outcome === 'ok' && r.writes) {
          prepared = undefined;
          expect(after).not.toEqual(before);
        } else {
          expect(after).toEqual(before);
        }
      });
    },
  );
});
