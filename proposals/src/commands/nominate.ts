/**
 * nominate: invitation.nominate as the node provider, the ExecuteGenericNervousSystemFunction proposal
 * of "admit contributor" with the nomination id as payload, then invitation.link_proposal (which checks
 * the proposal against governance). With --nomination the first step is skipped.
 */
import {
  ADMIT_CONTRIBUTOR,
  encodePayload,
  executeAction,
  GatehouseCanisterError,
  InvalidPrincipalError,
  parsePrincipal,
  payloadText,
  sanitize,
  type NominateArgs,
  type ProposalText,
} from '@gatehouse/clients';
import type { Principal } from '@icp-sdk/core/principal';

import type { NominateOptions } from '../args.ts';
import { CliError } from '../errors.ts';
import type { Session } from '../session.ts';
import { submitProposal } from '../submit.ts';

export interface NominateResult {
  nominationId: bigint | undefined;
  proposalId: bigint | undefined;
}

function nominateArgs(o: NominateOptions): NominateArgs {
  const missing: string[] = (['candidate', 'name', 'motivation'] as const).filter((k) => !o[k]);
  if (o.hardware.cpu_cores === 0) missing.push('cpu-cores');
  if (o.hardware.ram_gib === 0) missing.push('ram-gib');
  if (missing.length > 0)
    throw new CliError(
      `nominate needs ${missing.map((k) => `--${k}`).join(', ')} (or --nomination <id> to propose an existing nomination)`,
    );
  let candidate: Principal;
  try {
    candidate = parsePrincipal(o.candidate!, '--candidate');
  } catch (error) {
    if (error instanceof InvalidPrincipalError) throw new CliError(error.message);
    throw error;
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
  // The nomination's texts are the nominator's: governance and voters see them, so no escape sequences.
  const name = sanitize(n.display_name);
  return {
    title: o.title ?? `Admit ${name} as a Gatehouse contributor`,
    summary:
      o.summary ??
      `Nomination ${nominationId}: admit ${name} (${n.candidate.toText()}) as a contributor running workers` +
        `${n.models.length ? ` for ${sanitize(n.models.join(', '))}` : ''}.\n\nMotivation: ${sanitize(n.motivation, { multiline: true })}`,
    url: o.url ?? '',
  };
}

export async function nominate(
  session: Session,
  o: NominateOptions,
  text: Partial<ProposalText> = {},
): Promise<NominateResult> {
  const invitation = () => session.canister('invitation');
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
      const nomination = await (await invitation()).nominate(args);
      nominationId = nomination.id;
      session.out(
        `nomination ${nominationId} created for ${args.candidate.toText()} (expires at ${new Date(Number(nomination.expires_at / 1_000_000n)).toISOString()})`,
      );
    }
  } else {
    const found = await (await invitation()).getNomination({ nominationId });
    if (!found) throw new CliError(`nomination ${nominationId} does not exist in the invitation canister`);
    described = found;
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
  try {
    await (await invitation()).linkProposal({ nomination_id: nominationId, proposal_id: proposalId });
    session.out(`nomination ${nominationId} linked to proposal ${proposalId}`);
  } catch (error) {
    // A proposer whose neuron holds the majority (a fresh localnet's single genesis neuron) decides at
    // once: the proposal was executed before there was anything to link.
    if (!(error instanceof GatehouseCanisterError)) throw error;
    const now = await (await invitation()).getNomination({ nominationId });
    if (!now || !('Admitted' in now.status)) throw error;
    session.out(
      `proposal ${proposalId} was adopted and executed at once: nomination ${nominationId} is admitted (nothing left to link)`,
    );
  }
  return { nominationId, proposalId };
}
