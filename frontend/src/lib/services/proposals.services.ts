/**
 * Proposals for the list and the detail page: filters mapped to the SNS query, our functions recognised,
 * the payload decoded, the admission's nomination fetched, the user's neurons read for eligibility.
 */
import { FUNCTIONS, SnsProposalDecisionStatus, type Nomination } from '@gatehouse/clients';

import { getProposal, listFunctions, listNeurons, listProposals, parameters } from '../api/governance.api.ts';
import type { Neuron, ProposalData } from '../api/governance.api.ts';
import { invitation } from '../api/gatehouse.api.ts';
import { eligibilityOf, type BallotFacts, type Eligibility, type NeuronFacts } from '../utils/eligibility.utils.ts';
import { readPayload, type PayloadReading } from '../utils/payload.utils.ts';
import { genericPayload, proposalId, statusOf, toHex } from '../utils/proposal.utils.ts';
import type { Ctx } from './context.ts';

export type StatusFilter = 'all' | 'open' | 'adopted' | 'rejected' | 'failed';

export interface ProposalFilters {
  status: StatusFilter;
  oursOnly: boolean;
  needsMyVote: boolean;
}

export const PAGE_SIZE = 20;

const STATUS_QUERY: Record<StatusFilter, SnsProposalDecisionStatus[]> = {
  all: [],
  open: [SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_OPEN],
  adopted: [
    SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_ADOPTED,
    SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_EXECUTED,
  ],
  rejected: [SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_REJECTED],
  failed: [SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_FAILED],
};

const OURS = new Set(FUNCTIONS.map((f) => f.id));
let otherFunctionIds: Promise<bigint[]> | undefined;
/** otherFunctionIds once answered. */
let knownOtherIds: bigint[] | undefined;

/** Every registered function id that is not one of ours (native actions included), to exclude server-side. */
function notOurs(ctx: Ctx): Promise<bigint[]> {
  otherFunctionIds ??= listFunctions(ctx.config, ctx.identity).then(
    (fns) => (knownOtherIds = fns.map((f) => f.id).filter((id) => !OURS.has(id))),
  );
  otherFunctionIds.catch(() => (otherFunctionIds = undefined));
  return otherFunctionIds;
}

export const isOurs = (p: ProposalData): boolean => OURS.has(p.action);

export function neuronFacts(n: Neuron, principal: string, nowSeconds: bigint): NeuronFacts {
  const dissolve = n.dissolve_state[0];
  const delay =
    dissolve === undefined
      ? 0n
      : 'DissolveDelaySeconds' in dissolve
        ? dissolve.DissolveDelaySeconds
        : dissolve.WhenDissolvedTimestampSeconds > nowSeconds
          ? dissolve.WhenDissolvedTimestampSeconds - nowSeconds
          : 0n;
  return {
    idHex: toHex(n.id[0]?.id ?? []),
    createdSeconds: n.created_timestamp_seconds,
    dissolveDelaySeconds: delay,
    permissions: n.permissions
      .filter((p) => p.principal[0]?.toText() === principal)
      .flatMap((p) => [...p.permission_type]),
    votingPower: n.cached_neuron_stake_e8s,
  };
}

export function ballotsOf(p: ProposalData): Map<string, BallotFacts> {
  return new Map(p.ballots.map(([id, b]) => [id, { vote: b.vote, votingPower: b.voting_power }]));
}

export async function myNeurons(ctx: Ctx): Promise<Neuron[]> {
  if (!ctx.signedIn) return [];
  return listNeurons(ctx.config, ctx.identity);
}

export interface ProposalsPage {
  items: ProposalData[];
  /** Pass as `before` for the next page; undefined when this was the last. */
  next?: bigint;
}

/**
 * Server pages one page of the list reads at most. "Needs my vote" keeps loading older open proposals until it
 * has a page's worth or reaches the end; past this bound it offers to look further rather than reading on.
 */
export const MAX_SCANNED_PAGES = 5;

/**
 * A page of the list. "Gatehouse functions only" picks our proposals here and, once the SNS's function list is
 * known, has governance leave the others out too: the first page does not wait for that list (one query round
 * trip less before the first render), later pages use it. The user's neurons are read beside the first page.
 */
export async function loadProposals(ctx: Ctx, f: ProposalFilters, before?: bigint): Promise<ProposalsPage> {
  const status = f.needsMyVote ? STATUS_QUERY.open : STATUS_QUERY[f.status];
  const others = f.oursOnly ? notOurs(ctx).catch(() => undefined) : undefined;
  const neurons = f.needsMyVote ? myNeurons(ctx) : Promise.resolve([]);
  const keep = (p: ProposalData, mine: Set<string>) =>
    (!f.oursOnly || isOurs(p)) && (!f.needsMyVote || p.ballots.some(([id, b]) => mine.has(id) && b.vote === 0));
  const items: ProposalData[] = [];
  let next = before;
  for (let scanned = 0; scanned < MAX_SCANNED_PAGES; scanned++) {
    const excludeType = scanned === 0 ? knownOtherIds : await others;
    const [page, mine] = await Promise.all([
      listProposals(ctx.config, ctx.identity, { limit: PAGE_SIZE, before: next, status, excludeType }),
      neurons.then((ns) => new Set(ns.map((n) => toHex(n.id[0]?.id ?? [])))),
    ]);
    items.push(...page.filter((p) => keep(p, mine)));
    const last = page.at(-1);
    next = page.length === PAGE_SIZE && last ? proposalId(last) : undefined;
    // Only "needs my vote" waits for a page's worth: the others show what they have (more on "Load more").
    if (next === undefined || items.length >= PAGE_SIZE || (!f.needsMyVote && items.length > 0)) break;
  }
  return { items, next };
}

export interface ProposalDetail {
  proposal: ProposalData;
  payload: PayloadReading | undefined;
  /** The nomination an admission proposal admits. */
  nomination?: Nomination;
  eligibility: Eligibility[];
}

export async function loadProposal(ctx: Ctx, id: bigint): Promise<ProposalDetail> {
  const [proposal, neurons, params] = await Promise.all([
    getProposal(ctx.config, ctx.identity, id),
    myNeurons(ctx),
    parameters(ctx.config, ctx.identity),
  ]);
  const call = genericPayload(proposal);
  const payload = call ? readPayload(call.functionId, call.payload) : undefined;
  let nomination: Nomination | undefined;
  if (payload?.kind === 'ours' && payload.decoded.fn.key === 'admit-contributor') {
    const nominationId = (payload.decoded.value as { nomination_id: bigint }).nomination_id;
    nomination = await (await invitation(ctx.config, ctx.identity)).getNomination({ nominationId });
  }
  const now = BigInt(Math.floor(Date.now() / 1000));
  const principal = ctx.identity.getPrincipal().toText();
  const eligibility = eligibilityOf(
    neurons.map((n) => neuronFacts(n, principal, now)),
    ballotsOf(proposal),
    {
      createdSeconds: proposal.proposal_creation_timestamp_seconds,
      minDissolveDelaySeconds: params.neuron_minimum_dissolve_delay_to_vote_seconds[0] ?? 0n,
    },
  );
  return { proposal, payload, nomination, eligibility };
}

export { statusOf };
