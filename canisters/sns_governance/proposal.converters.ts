import { Principal } from '@icp-sdk/core/principal';
import { fromHex, sha256Hex, toHex } from './domain/hex.ts';
import { summarizeBlob } from './domain/queries.ts';
import type { Action, ProposalContent, ProposalData } from './domain/types.ts';
import { INSTALL_MODE } from './domain/upgrade.ts';
import { functionFromCandid, functionToCandid, topicToCandid } from './function.converters.ts';
import type { CandidProposal, CandidProposalData } from './interface.ts';

/** The proposal of a MakeProposal command in domain form, or why this local SNS cannot take it. */
export function proposalFromCandid(p: CandidProposal): { Ok: ProposalContent } | { Err: string } {
  const action = p.action[0];
  if (!action) return { Err: 'No action was specified.' };
  let domain: Action;
  if ('Motion' in action) domain = { Motion: { motion_text: action.Motion.motion_text } };
  else if ('RemoveGenericNervousSystemFunction' in action)
    domain = { RemoveGenericNervousSystemFunction: action.RemoveGenericNervousSystemFunction };
  else if ('ExecuteGenericNervousSystemFunction' in action) {
    const e = action.ExecuteGenericNervousSystemFunction;
    domain = {
      ExecuteGenericNervousSystemFunction: {
        function_id: e.function_id,
        payload_hex: toHex(Uint8Array.from(e.payload)),
      },
    };
  } else if ('UpgradeSnsControlledCanister' in action) {
    const u = action.UpgradeSnsControlledCanister;
    const canister = u.canister_id[0];
    if (!canister) return { Err: 'UpgradeSnsControlledCanister lacks canister_id.' };
    if (u.chunked_canister_wasm.length > 0)
      return { Err: 'UpgradeSnsControlledCanister with chunked_canister_wasm is not supported by the local SNS.' };
    const wasm = Uint8Array.from(u.new_canister_wasm);
    const arg = u.canister_upgrade_arg[0];
    domain = {
      UpgradeSnsControlledCanister: {
        canister_id: canister.toText(),
        new_canister_wasm: wasm,
        wasm_sha256: sha256Hex(wasm),
        ...(arg === undefined ? {} : { canister_upgrade_arg_hex: toHex(Uint8Array.from(arg)) }),
        mode: u.mode[0] ?? INSTALL_MODE.Upgrade,
      },
    };
  } else if ('AddGenericNervousSystemFunction' in action) {
    const f = functionFromCandid(action.AddGenericNervousSystemFunction);
    if ('Err' in f) return f;
    domain = { AddGenericNervousSystemFunction: f.Ok };
  } else {
    return {
      Err: `Proposal action ${Object.keys(action)[0]} is not supported by the local SNS governance (Motion, UpgradeSnsControlledCanister, Add/Remove/ExecuteGenericNervousSystemFunction are).`,
    };
  }
  return { Ok: { title: p.title, summary: p.summary, url: p.url, action: domain } };
}

function actionToCandid(a: Action, summarize: boolean): NonNullable<CandidProposal['action'][0]> {
  if ('Motion' in a) return { Motion: a.Motion };
  if ('UpgradeSnsControlledCanister' in a) {
    // The module is not kept with the proposal (its hash is in payload_text_rendering), as list_proposals omits it.
    const u = a.UpgradeSnsControlledCanister;
    return {
      UpgradeSnsControlledCanister: {
        new_canister_wasm: new Uint8Array(),
        mode: [u.mode],
        canister_id: [Principal.fromText(u.canister_id)],
        chunked_canister_wasm: [],
        canister_upgrade_arg: u.canister_upgrade_arg_hex === undefined ? [] : [fromHex(u.canister_upgrade_arg_hex)],
      },
    };
  }
  if ('RemoveGenericNervousSystemFunction' in a)
    return { RemoveGenericNervousSystemFunction: a.RemoveGenericNervousSystemFunction };
  if ('AddGenericNervousSystemFunction' in a)
    return { AddGenericNervousSystemFunction: functionToCandid(a.AddGenericNervousSystemFunction) };
  const payload = fromHex(a.ExecuteGenericNervousSystemFunction.payload_hex);
  return {
    ExecuteGenericNervousSystemFunction: {
      function_id: a.ExecuteGenericNervousSystemFunction.function_id,
      payload: summarize ? summarizeBlob(payload) : payload,
    },
  };
}

const pct = (bp: bigint) => [{ basis_points: [bp] as [bigint] }] as [{ basis_points: [bigint] }];

/** ProposalData in the official shape. `summarize` applies limited_for_get_proposal to payloads. */
export function proposalToCandid(p: ProposalData, summarize: boolean): CandidProposalData {
  const content = p.proposal;
  return {
    id: [{ id: p.id }],
    payload_text_rendering: p.payload_text_rendering === undefined ? [] : [p.payload_text_rendering],
    topic: [topicToCandid(p.topic)],
    action: p.action,
    failure_reason: p.failure_reason ? [p.failure_reason] : [],
    action_auxiliary: [],
    ballots: p.ballots.map(([id, b]) => [id, { ...b }]),
    minimum_yes_proportion_of_total: pct(p.minimum_yes_proportion_of_total_bp),
    reward_event_round: 0n,
    failed_timestamp_seconds: p.failed_timestamp_seconds,
    reward_event_end_timestamp_seconds: [],
    proposal_creation_timestamp_seconds: p.proposal_creation_timestamp_seconds,
    initial_voting_period_seconds: p.initial_voting_period_seconds,
    reject_cost_e8s: p.reject_cost_e8s,
    latest_tally: [p.latest_tally],
    wait_for_quiet_deadline_increase_seconds: p.wait_for_quiet_deadline_increase_seconds,
    decided_timestamp_seconds: p.decided_timestamp_seconds,
    proposal: [
      {
        title: content.title,
        summary: content.summary,
        url: content.url,
        action: [actionToCandid(content.action, summarize)],
      },
    ],
    proposer: [{ id: fromHex(p.proposer) }],
    wait_for_quiet_state: [{ current_deadline_timestamp_seconds: p.current_deadline_timestamp_seconds }],
    minimum_yes_proportion_of_exercised: pct(p.minimum_yes_proportion_of_exercised_bp),
    is_eligible_for_rewards: false,
    executed_timestamp_seconds: p.executed_timestamp_seconds,
  };
}
