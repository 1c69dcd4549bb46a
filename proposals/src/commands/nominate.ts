/**
 * nominate: invitation.nominate as the node provider, the ExecuteGenericNervousSystemFunction proposal
 * of "admit contributor" with the nomination id as payload, then invitation.link_proposal (which checks
 * the proposal against governance). With --nomination the first step is skipped.
 */
import { Principal } from '@icp-sdk/core/principal';

import { ADMIT_CONTRIBUTOR } from '../../functions.ts';
import type { Nomination } from '../../../canisters/invitation/interface.ts';
import { encodePayload, payloadText } from '../../payload.ts';
import type { NominateOptions } from '../args.ts';
import { CliError } from '../errors.ts';
import { unwrap } from '../gatehouse-result.ts';
import { executeAction, type ProposalText } from '../proposal.ts';
import type { Session } from '../session.ts';
import { submitProposal } from '../submit.ts';

export interface NominateResult {
  nominationId: bigint | undefined;
  proposalId: bigint | undefined;
}

function nominateArgs(o: NominateOptions) {
  const missing: string[] = (['candidate', 'name', 'motivation'] as const).filter((k) => !o[k]);
  if (o.hardware.cpu_cores === 0) missing.push('cpu-cores');
  if (o.hardware.ram_gib === 0) missing.push('ram-gib');
  if (missing.length > 0)
    throw new CliError(
      `nominate needs ${missing.map((k) => `--${k}`).join(', ')} (or --nomination <id> to propose an existing nomination)`,
    );
  let candidate: Principal;
  try {
    candidate = Principal.fromText(o.candidate!);
  } catch {
    throw new CliError(`--candidate is not a principal: "${o.candidate}"`);
  }
  return { candidate, display_name: o.name!, motivation: o.motivation!, hardware: o.hardware, models: o.models };
}

interface Described {
  candidate: { toText(): string };
  display_name: string;
  motivation: string;
  models: string[];
}

function proposalText(nominationId: bigint, n: Described, o: Partial<ProposalText>): ProposalText {
  return {
    title: o.title ?? `Admit ${n.display_name} as a Gatehouse contributor`,
    summary:
      o.summary ??
      `Nomination ${nominationId}: admit ${n.display_name} (${n.candidate.toText()}) as a contributor running workers` +
        `${n.models.length ? ` for ${n.models.join(', ')}` : ''}.\n\nMotivation: ${n.motivation}`,
    url: o.url ?? '',
  };
}

export async function nominate(
  session: Session,
  o: NominateOptions,
  text: Partial<ProposalText> = {},
): Promise<NominateResult> {
  const invitation = () => session.actor('invitation');
  let nominationId = o.nomination;
  let described: Described;
  if (nominationId === undefined) {
    const args = nominateArgs(o);
    described = args;
    if (session.dryRun) {
      session.out(
        `dry run: invitation.nominate would be called with ${JSON.stringify({ ...args, candidate: args.candidate.toText() })}`,
      );
      session.out('dry run: the proposal below shows nomination id 0; the real one is assigned by nominate');
      nominationId = 0n;
    } else {
      const nomination = unwrap<Nomination>('invitation.nominate', await (await invitation()).nominate(args));
      nominationId = nomination.id;
      session.out(
        `nomination ${nominationId} created for ${args.candidate.toText()} (expires at ${new Date(Number(nomination.expires_at / 1_000_000n)).toISOString()})`,
      );
    }
  } else {
    const found = (await (await invitation()).get_nomination(nominationId)) as [] | [Nomination];
    if (!found[0]) throw new CliError(`nomination ${nominationId} does not exist in the invitation canister`);
    described = found[0];
  }

  const payloadValue = { nomination_id: nominationId };
  const payload = encodePayload(ADMIT_CONTRIBUTOR, payloadValue);
  let proposalId: bigint | undefined;
  try {
    proposalId = await submitProposal(
      session,
      proposalText(nominationId, described, text),
      executeAction(ADMIT_CONTRIBUTOR, payload),
    );
  } catch (error) {
    if (o.nomination === undefined && !session.dryRun)
      session.out(`nomination ${nominationId} stays open; retry the proposal with --nomination ${nominationId}`);
    throw error;
  }
  if (proposalId === undefined) return { nominationId: o.nomination, proposalId };
  session.out(
    `proposal ${proposalId} submitted: ${ADMIT_CONTRIBUTOR.name} ${payloadText(ADMIT_CONTRIBUTOR, payloadValue)}`,
  );
  const linked = (await (
    await invitation()
  ).link_proposal({ nomination_id: nominationId, proposal_id: proposalId })) as
    { Ok: Nomination } | { Err: Record<string, string> };
  if ('Err' in linked) {
    // A proposer whose neuron holds the majority (a fresh localnet's single genesis neuron) decides at
    // once: the proposal was executed before there was anything to link.
    const [now] = (await (await invitation()).get_nomination(nominationId)) as [] | [Nomination];
    if (!now || !('Admitted' in now.status)) unwrap('invitation.link_proposal', linked);
    session.out(
      `proposal ${proposalId} was adopted and executed at once: nomination ${nominationId} is admitted (nothing left to link)`,
    );
  } else {
    session.out(`nomination ${nominationId} linked to proposal ${proposalId}`);
  }
  return { nominationId, proposalId };
}
