import { canMakeDecision, isAccepted } from './decision.ts';
import { ERROR_TYPE } from './errors.ts';
import { functionKey, genericFunction, proposalKey, type GovernanceStores } from './stores.ts';
import type { GovernanceErrorValue, ProposalData } from './types.ts';

/** What an adopted proposal still has to do asynchronously: call a generic function's target, or upgrade. */
export type PendingCall =
  | { proposal_id: bigint; canister: string; method: string; payload_hex: string }
  | { proposal_id: bigint; canister: string; wasm: Uint8Array; arg_hex?: string };

/** Actions executed by a call that may take long, after adoption. */
const isAsync = (a: ProposalData['proposal']['action']) =>
  'ExecuteGenericNervousSystemFunction' in a || 'UpgradeSnsControlledCanister' in a;

/**
 * Governance::process_proposals: decides every open proposal that can be decided (early majority
 * or deadline passed). Adoption refunds the proposer's reject cost and executes native actions at
 * once; an adopted generic execution stays Adopted until its call answers (see pendingCalls).
 * Rejection keeps the reject cost. Returns the ids decided.
 */
export function decideProposals(stores: GovernanceStores, now: bigint): bigint[] {
  const decidedIds: bigint[] = [];
  for (const [key, p] of stores.proposals.entries()) {
    if (!canMakeDecision(p, now)) continue;
    decidedIds.push(p.id);
    const decided: ProposalData = { ...p, decided_timestamp_seconds: now };
    if (!isAccepted(p.latest_tally, p)) {
      stores.proposals.set(key, decided);
      stores.wasms.delete(key);
      continue;
    }
    refund(stores, p);
    const result = executeNative(stores, decided);
    if (result === 'call') stores.proposals.set(key, decided);
    else
      stores.proposals.set(
        key,
        result === undefined ? { ...decided, executed_timestamp_seconds: now } : failed(decided, now, result),
      );
  }
  return decidedIds;
}

/** True when an adopted generic execution still waits for its call. */
export function hasPendingCalls(stores: GovernanceStores): boolean {
  return stores.proposals.entries().some(([, p]) => {
    const waiting =
      p.decided_timestamp_seconds > 0n && p.executed_timestamp_seconds === 0n && p.failed_timestamp_seconds === 0n;
    return waiting && isAsync(p.proposal.action) && isAccepted(p.latest_tally, p);
  });
}

/** Adopted generic executions without a result yet, except those whose call is in flight. */
export function pendingCalls(stores: GovernanceStores, inFlight: ReadonlySet<bigint>, now: bigint): PendingCall[] {
  const calls: PendingCall[] = [];
  for (const [key, p] of stores.proposals.entries()) {
    const action = p.proposal.action;
    if (!isAsync(action) || inFlight.has(p.id)) continue;
    if (p.decided_timestamp_seconds === 0n || p.executed_timestamp_seconds > 0n || p.failed_timestamp_seconds > 0n)
      continue;
    if (!isAccepted(p.latest_tally, p)) continue;
    if ('UpgradeSnsControlledCanister' in action) {
      const wasm = stores.wasms.get(key);
      const { canister_id, canister_upgrade_arg_hex } = action.UpgradeSnsControlledCanister;
      if (wasm) calls.push({ proposal_id: p.id, canister: canister_id, wasm, arg_hex: canister_upgrade_arg_hex });
      else stores.proposals.set(key, failed(p, now, 'The proposal has no wasm module any more.'));
      continue;
    }
    if (!('ExecuteGenericNervousSystemFunction' in action)) continue;
    const { function_id, payload_hex } = action.ExecuteGenericNervousSystemFunction;
    const f = genericFunction(stores, function_id);
    if (!f) {
      stores.proposals.set(key, failed(p, now, `There is no NervousSystemFunction with id: ${function_id}`));
      continue;
    }
    calls.push({ proposal_id: p.id, canister: f.target_canister_id, method: f.target_method_name, payload_hex });
  }
  return calls;
}

function refund(stores: GovernanceStores, p: ProposalData): void {
  const proposer = stores.neurons.get(p.proposer);
  if (!proposer) return;
  const fees = proposer.neuron_fees_e8s > p.reject_cost_e8s ? proposer.neuron_fees_e8s - p.reject_cost_e8s : 0n;
  stores.neurons.set(p.proposer, { ...proposer, neuron_fees_e8s: fees });
}

/** Executes a native action; undefined = done, a string = failure reason, 'call' = generic call needed. */
function executeNative(stores: GovernanceStores, p: ProposalData): string | undefined | 'call' {
  const action = p.proposal.action;
  if ('Motion' in action) return undefined;
  if ('AddGenericNervousSystemFunction' in action) {
    const f = action.AddGenericNervousSystemFunction;
    if (stores.functions.has(functionKey(f.id)))
      return `Failed to add NervousSystemFunction. There is/was already a NervousSystemFunction with id: ${f.id}`;
    stores.functions.set(functionKey(f.id), { Generic: f });
    return undefined;
  }
  if ('RemoveGenericNervousSystemFunction' in action) {
    const id = action.RemoveGenericNervousSystemFunction;
    if (!genericFunction(stores, id))
      return `Failed to remove NervousSystemFunction. There is no NervousSystemFunction with id: ${id}`;
    stores.functions.set(functionKey(id), { Removed: id });
    return undefined;
  }
  return 'call';
}

function failed(
  p: ProposalData,
  now: bigint,
  message: string,
  error_type: number = ERROR_TYPE.PreconditionFailed,
): ProposalData {
  const failure_reason: GovernanceErrorValue = { error_type, error_message: message };
  return { ...p, failed_timestamp_seconds: now, failure_reason };
}

/** Governance::set_proposal_execution_status: any reply of the target is success; a reject is failure. */
export function recordExecution(stores: GovernanceStores, proposalId: bigint, now: bigint, rejection?: string): void {
  const key = proposalKey(proposalId);
  stores.wasms.delete(key);
  const p = stores.proposals.get(key);
  if (!p || p.executed_timestamp_seconds > 0n || p.failed_timestamp_seconds > 0n) return;
  stores.proposals.set(
    key,
    rejection === undefined
      ? { ...p, executed_timestamp_seconds: now }
      : failed(p, now, `Canister method call failed: ${rejection}`, ERROR_TYPE.External),
  );
}

/** The earliest deadline of a proposal still open: when the processing timer must fire next. */
export function nextDeadline(stores: GovernanceStores): bigint | undefined {
  let next: bigint | undefined;
  for (const [, p] of stores.proposals.entries()) {
    if (p.decided_timestamp_seconds > 0n) continue;
    if (next === undefined || p.current_deadline_timestamp_seconds < next) next = p.current_deadline_timestamp_seconds;
  }
  return next;
}
