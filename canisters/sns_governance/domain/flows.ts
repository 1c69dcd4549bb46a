import { ERROR_TYPE, govErr, type GovResult } from './errors.ts';
import { fromHex } from './hex.ts';
import { createProposal, prepareProposal } from './make-proposal.ts';
import { decideProposals, pendingCalls, recordExecution } from './process.ts';
import { registerVote } from './register-vote.ts';
import type { GovernanceStores } from './stores.ts';
import type { ProposalContent } from './types.ts';
import { renderExecute } from './validate.ts';

/** A validator's answer: its decoded `variant { Ok : text; Err : text }`, or why there is none. */
export type ValidatorAnswer = { Ok: string } | { Err: string } | { CallFailed: string } | { Undecodable: string };

/** What the flows need from the canister: storage, clock (seconds), own id, and the two kinds of call. */
export interface GovernanceEnv {
  stores: GovernanceStores;
  now: () => bigint;
  self: string;
  callValidator: (canister: string, method: string, payload: Uint8Array) => Promise<ValidatorAnswer>;
  /** Resolves undefined on any reply, or the reject/trap message. */
  callTarget: (canister: string, method: string, payload: Uint8Array) => Promise<string | undefined>;
  /** stop → install_code (upgrade) → start; undefined when the new module runs, else why the old one still does. */
  upgradeCanister: (canister: string, wasm: Uint8Array, arg: Uint8Array) => Promise<string | undefined>;
}

function validatorProblem(canister: string, method: string, answer: ValidatorAnswer): string | undefined {
  if ('Ok' in answer) return undefined;
  if ('Err' in answer) return `Canister method ${canister}.${method} returned an error: ${answer.Err}`;
  if ('CallFailed' in answer) return `Canister method call ${canister}.${method} failed: ${answer.CallFailed}`;
  return `Canister method ${canister}.${method} returned a reply that is not Result<String, String>: ${answer.Undecodable}`;
}

/**
 * Governance::make_proposal. For a generic execution the validator is called with the payload
 * bytes; Err, a reject/trap or an undecodable reply means InvalidProposal and no proposal. The
 * synchronous checks run again after the call, as state may have changed during it.
 */
export async function makeProposalFlow(
  env: GovernanceEnv,
  caller: string,
  neuronId: string,
  content: ProposalContent,
): Promise<GovResult<bigint>> {
  const first = prepareProposal(env.stores, env.self, caller, neuronId, content, env.now());
  if ('Err' in first) return first;
  let rendering: string;
  if ('validate' in first.Ok) {
    const { validate: f, payloadHex } = first.Ok;
    const answer = await env.callValidator(f.validator_canister_id, f.validator_method_name, fromHex(payloadHex));
    const problem = validatorProblem(f.validator_canister_id, f.validator_method_name, answer);
    if (problem !== undefined || !('Ok' in answer))
      return govErr(ERROR_TYPE.InvalidProposal, `1 defects in Proposal:\n${problem}`);
    rendering = renderExecute(f, payloadHex, answer.Ok);
  } else {
    rendering = first.Ok.rendering;
  }
  const again = prepareProposal(env.stores, env.self, caller, neuronId, content, env.now());
  if ('Err' in again) return again;
  const created = createProposal(env.stores, neuronId, content, again.Ok.topic, rendering, env.now());
  if ('Ok' in created) decideProposals(env.stores, env.now());
  return created;
}

export function registerVoteFlow(
  env: GovernanceEnv,
  caller: string,
  neuronId: string,
  proposalId: bigint | undefined,
  vote: number,
): GovResult<null> {
  const result = registerVote(env.stores, caller, neuronId, proposalId, vote, env.now());
  if ('Ok' in result) decideProposals(env.stores, env.now());
  return result;
}

const inFlight = new Set<bigint>();

/** Runs every adopted asynchronous action: a generic call (any reply → Executed, reject/trap → Failed) or an upgrade. */
export async function executePending(env: GovernanceEnv): Promise<void> {
  const calls = pendingCalls(env.stores, inFlight, env.now());
  await Promise.all(
    calls.map(async (call) => {
      inFlight.add(call.proposal_id);
      try {
        const rejection =
          'wasm' in call
            ? await env.upgradeCanister(call.canister, call.wasm, fromHex(call.arg_hex ?? '4449444c0000'))
            : await env.callTarget(call.canister, call.method, fromHex(call.payload_hex));
        recordExecution(env.stores, call.proposal_id, env.now(), rejection);
      } finally {
        inFlight.delete(call.proposal_id);
      }
    }),
  );
}

/** The periodic task: decide what can be decided, then execute. */
export async function processProposals(env: GovernanceEnv): Promise<void> {
  decideProposals(env.stores, env.now());
  await executePending(env);
}
