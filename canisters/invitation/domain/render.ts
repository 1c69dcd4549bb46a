import { escapeMarkdown, quoteMarkdown } from '../../shared/domain/markdown.ts';
import type { Nomination } from './types.ts';

export const isoTime = (nanos: bigint) => new Date(Number(nanos / 1_000_000n)).toISOString();

/**
 * The proposal text token holders judge (the validator's Ok text, shown as markdown): everything admit
 * will act on. Caller-supplied text is escaped and the motivation quoted, so none of it can forge a line.
 */
export function renderAdmission(nomination: Nomination): string {
  const { hardware: h } = nomination;
  const e = escapeMarkdown;
  return [
    `Admit nomination ${nomination.id}: "${e(nomination.display_name)}" (${nomination.candidate}) as an Active contributor.`,
    `Nominated by node provider ${nomination.nominator}, who becomes the sponsor.`,
    `Hardware: GPU ${e(h.gpu)} with ${h.vram_gib} GiB VRAM, ${h.ram_gib} GiB RAM, ${h.cpu_cores} CPU cores, region ${e(h.region)}.`,
    `Models: ${nomination.models.map(e).join(', ')}.`,
    `Nomination expires at ${isoTime(nomination.expires_at)} unless a linked proposal is still being decided.`,
    `Motivation:`,
    quoteMarkdown(nomination.motivation),
  ].join('\n');
}
