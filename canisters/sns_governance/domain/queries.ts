import { sha256 } from '@noble/hashes/sha2';

import { hasPermissionAny } from './neuron-access.ts';
import { decisionStatus, rewardStatus } from './decision.ts';
import type { GovernanceStores } from './stores.ts';
import type { Neuron, ProposalData, Topic } from './types.ts';

export const MAX_LIST_PROPOSAL_RESULTS = 100;
export const MAX_LIST_NEURONS_RESULTS = 100;
export const MAX_NUMBER_OF_BALLOTS_IN_LIST_PROPOSALS_RESPONSE = 100;

export interface ProposalFilter {
  limit: number;
  before_proposal?: bigint;
  exclude_type: bigint[];
  include_status: number[];
  include_reward_status: number[];
  /** undefined: no topic filter; otherwise the selected topics (a selector without topic selects untopiced proposals, none here). */
  include_topics?: Array<Topic | undefined>;
}

const clampLimit = (limit: number, max: number) => (limit === 0 || limit > max ? max : limit);

/**
 * Governance::list_proposals: newest first, before `before_proposal`, filtered by action type,
 * status, reward status and topic; each proposal limited as limited_for_list_proposals does
 * (only the caller's neurons' ballots, no payload rendering, generic payloads cleared).
 */
export function listProposals(
  stores: GovernanceStores,
  caller: string,
  filter: ProposalFilter,
  now: bigint,
): ProposalData[] {
  const mine = new Set(
    stores.neurons
      .entries()
      .filter(([, n]) => hasPermissionAny(n, caller))
      .map(([id]) => id),
  );
  const selected: ProposalData[] = [];
  const all = stores.proposals
    .entries()
    .map(([, p]) => p)
    .reverse();
  const limit = clampLimit(filter.limit, MAX_LIST_PROPOSAL_RESULTS);
  for (const p of all) {
    if (selected.length >= limit) break;
    if (filter.before_proposal !== undefined && p.id >= filter.before_proposal) continue;
    if (filter.exclude_type.includes(p.action)) continue;
    if (filter.include_status.length > 0 && !filter.include_status.includes(decisionStatus(p))) continue;
    if (filter.include_reward_status.length > 0 && !filter.include_reward_status.includes(rewardStatus(p, now)))
      continue;
    if (
      filter.include_topics !== undefined &&
      filter.include_topics.length > 0 &&
      !filter.include_topics.includes(p.topic)
    )
      continue;
    selected.push(limitedForList(p, mine));
  }
  return selected;
}

function limitedForList(p: ProposalData, mine: ReadonlySet<string>): ProposalData {
  const action = p.proposal.action;
  const { payload_text_rendering: _omitted, ...rest } = p;
  return {
    ...rest,
    ballots: p.ballots.filter(([id]) => mine.has(id)).slice(0, MAX_NUMBER_OF_BALLOTS_IN_LIST_PROPOSALS_RESPONSE),
    proposal:
      'ExecuteGenericNervousSystemFunction' in action
        ? {
            ...p.proposal,
            action: {
              ExecuteGenericNervousSystemFunction: { ...action.ExecuteGenericNervousSystemFunction, payload_hex: '' },
            },
          }
        : p.proposal,
  };
}

/** Governance::list_neurons: in neuron id order, after `start_page_at`, optionally only those a principal has permissions on. */
export function listNeurons(
  stores: GovernanceStores,
  limit: number,
  startPageAt?: string,
  ofPrincipal?: string,
): Neuron[] {
  const max = clampLimit(limit, MAX_LIST_NEURONS_RESULTS);
  return stores.neurons
    .entries()
    .filter(
      ([id, n]) =>
        (startPageAt === undefined || id > startPageAt) &&
        (ofPrincipal === undefined || hasPermissionAny(n, ofPrincipal)),
    )
    .slice(0, max)
    .map(([, n]) => n);
}

/** summarize_blob_field: payloads above 64 bytes are replaced by a description (limited_for_get_proposal). */
export function summarizeBlob(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= 64) return bytes;
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  const text =
    '⚠️ NOT THE ORIGINAL CONTENTS OF THIS FIELD ⚠️\n\nThe original value had the following properties:\n' +
    `- Length: ${bytes.length}\n- SHA256 Hash:                ${hex(sha256(bytes))}\n` +
    `- Leading  32 Bytes (in hex): ${hex(bytes.slice(0, 32))}\n- Trailing 32 Bytes (in hex): ${hex(bytes.slice(bytes.length - 32))}`;
  return new TextEncoder().encode(text);
}
