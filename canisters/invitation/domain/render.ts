import type { Nomination } from './types.ts';

export const isoTime = (nanos: bigint) => new Date(Number(nanos / 1_000_000n)).toISOString();

/** The proposal text token holders judge (the validator's Ok text): everything admit will act on. */
export function renderAdmission(nomination: Nomination): string {
  const { hardware: h } = nomination;
  return [
    `Admit nomination ${nomination.id}: "${nomination.display_name}" (${nomination.candidate}) as an Active contributor.`,
    `Nominated by node provider ${nomination.nominator}, who becomes the sponsor.`,
    `Hardware: GPU ${h.gpu} with ${h.vram_gib} GiB VRAM, ${h.ram_gib} GiB RAM, ${h.cpu_cores} CPU cores, region ${h.region}.`,
    `Models: ${nomination.models.join(', ')}.`,
    `Nomination expires at ${isoTime(nomination.expires_at)} unless a linked proposal is still being decided.`,
    `Motivation:`,
    nomination.motivation,
  ].join('\n');
}
