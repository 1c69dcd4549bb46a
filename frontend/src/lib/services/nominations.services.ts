/**
 * A node provider's nomination end to end: invitation.nominate → the admission proposal made with the user's
 * neuron → invitation.link_proposal. Each step is reported; a nomination whose proposal could not be made
 * stays open and can be proposed again from its card.
 */
import { ADMIT_CONTRIBUTOR, encodePayload, type Nomination } from '@gatehouse/clients';
import { Principal } from '@icp-sdk/core/principal';

import { getProposal, makeProposal } from '../api/governance.api.ts';
import { invitation } from '../api/gatehouse.api.ts';
import { modelList, type NominationInput, type NominationRules } from '../utils/validation.utils.ts';
import { newestFirstWindow } from '../utils/paging.utils.ts';
import { pipeline, type NominationStatus, type PipelineView } from '../utils/pipeline.utils.ts';
import { statusOf, toHex } from '../utils/proposal.utils.ts';
import type { Ctx } from './context.ts';
import { models } from './jobs.services.ts';
import { myNeurons } from './proposals.services.ts';

const SUBMIT_PROPOSAL_PERMISSION = 3;

export type NominationStep = 'nominating' | 'proposing' | 'linking' | 'done';

/** The form's rules from the network: the models the queue serves and the invitation canister's limits. */
export async function loadNominationRules(ctx: Ctx): Promise<NominationRules> {
  const [served, params] = await Promise.all([
    models(ctx),
    invitation(ctx.config, ctx.identity).then((c) => c.getParams()),
  ]);
  return {
    served,
    maxModels: params.max_models,
    maxDisplayNameBytes: params.max_display_name_bytes,
    maxMotivationBytes: params.max_motivation_bytes,
  };
}

export const statusName = (n: Nomination) => Object.keys(n.status)[0] as NominationStatus;

/** The user's neuron that may submit proposals, the largest if several. */
async function proposingNeuron(ctx: Ctx): Promise<Uint8Array> {
  const me = ctx.identity.getPrincipal().toText();
  const neurons = (await myNeurons(ctx)).filter((n) =>
    n.permissions.some(
      (p) => p.principal[0]?.toText() === me && p.permission_type.includes(SUBMIT_PROPOSAL_PERMISSION),
    ),
  );
  neurons.sort((a, b) => (b.cached_neuron_stake_e8s > a.cached_neuron_stake_e8s ? 1 : -1));
  const id = neurons[0]?.id[0]?.id;
  if (!id) throw new Error('You have no neuron that may submit proposals; a proposal needs one.');
  return Uint8Array.from(id);
}

export async function propose(ctx: Ctx, n: Nomination): Promise<bigint> {
  const neuronId = await proposingNeuron(ctx);
  return makeProposal(ctx.config, ctx.identity, {
    neuronId,
    fn: ADMIT_CONTRIBUTOR,
    payload: encodePayload(ADMIT_CONTRIBUTOR, { nomination_id: n.id }),
    text: {
      title: `Admit ${n.display_name} as a Gatehouse contributor`,
      summary:
        `Nomination ${n.id}: admit **${n.display_name}** (\`${n.candidate.toText()}\`) as a contributor running ` +
        `workers for ${n.models.join(', ')}.\n\nMotivation: ${n.motivation}`,
      url: '',
    },
  });
}

/** link_proposal; an Err because the proposal was decided and executed at once is not a failure. */
async function link(ctx: Ctx, n: Nomination, proposalId: bigint): Promise<void> {
  const inv = await invitation(ctx.config, ctx.identity);
  try {
    await inv.linkProposal({ nomination_id: n.id, proposal_id: proposalId });
  } catch (error) {
    const now = await inv.getNomination({ nominationId: n.id });
    if (!now || statusName(now) !== 'Admitted') throw error;
  }
}

export async function nominateAndPropose(
  ctx: Ctx,
  input: NominationInput,
  step: (s: NominationStep) => void,
): Promise<{ nomination: Nomination; proposalId: bigint }> {
  step('nominating');
  const nomination = await (
    await invitation(ctx.config, ctx.identity)
  ).nominate({
    candidate: Principal.fromText(input.candidate.trim()),
    display_name: input.displayName.trim(),
    motivation: input.motivation.trim(),
    hardware: {
      cpu_cores: Number(input.cpuCores),
      ram_gib: Number(input.ramGib),
      gpu: input.gpu.trim() || 'none',
      vram_gib: Number(input.vramGib),
      region: input.region.trim(),
    },
    models: modelList(input.models),
  });
  const proposalId = await proposeExisting(ctx, nomination, step);
  return { nomination, proposalId };
}

export async function proposeExisting(
  ctx: Ctx,
  nomination: Nomination,
  step: (s: NominationStep) => void,
): Promise<bigint> {
  step('proposing');
  const proposalId = await propose(ctx, nomination);
  step('linking');
  await link(ctx, nomination, proposalId);
  step('done');
  return proposalId;
}

export async function withdraw(ctx: Ctx, nominationId: bigint): Promise<void> {
  await (await invitation(ctx.config, ctx.identity)).withdraw({ nominationId });
}

export interface NominationRow {
  nomination: Nomination;
  pipeline: PipelineView;
}

export const NOMINATIONS_PAGE = 20n;

/** A nomination with its pipeline: governance is asked about its proposal while the nomination is open. */
async function rowOf(ctx: Ctx, nomination: Nomination): Promise<NominationRow> {
  const status = statusName(nomination);
  const proposal =
    status === 'Open' && nomination.proposal_id !== undefined
      ? statusOf(await getProposal(ctx.config, ctx.identity, nomination.proposal_id))
      : undefined;
  return { nomination, pipeline: pipeline({ status, proposalId: nomination.proposal_id }, proposal) };
}

/** One nomination by id (an admission proposal links to it); undefined when there is none. */
export async function loadNomination(ctx: Ctx, id: bigint): Promise<NominationRow | undefined> {
  const nomination = await (await invitation(ctx.config, ctx.identity)).getNomination({ nominationId: id });
  return nomination && rowOf(ctx, nomination);
}

/**
 * Page `page` of the nominations, newest first (a node provider finds the one just made at the top), each
 * with its pipeline. The canister pages oldest first: one read when every nomination fits a page, else a
 * second read of the newest-first window once the total is known.
 */
export async function loadNominations(ctx: Ctx, page: bigint): Promise<{ rows: NominationRow[]; total: bigint }> {
  const inv = await invitation(ctx.config, ctx.identity);
  let { items, total } = await inv.listNominations({ page: { offset: 0n, limit: NOMINATIONS_PAGE } });
  if (page > 0n || total > NOMINATIONS_PAGE) {
    const window = newestFirstWindow(total, page, NOMINATIONS_PAGE);
    // limit 0 would mean "the canister's maximum": a page past the end is simply empty.
    ({ items, total } = window.limit === 0n ? { items: [], total } : await inv.listNominations({ page: window }));
  }
  const rows = await Promise.all(items.reverse().map((nomination) => rowOf(ctx, nomination)));
  return { rows, total };
}

export { toHex };
