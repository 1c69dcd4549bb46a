/**
 * UpgradeSnsControlledCanister (rs/sns/governance: validate_and_render_upgrade_sns_controlled_canister and
 * root's change_canister). Here governance acts as the SNS root: it is a controller of the dapp canisters and
 * runs stop → install_code (upgrade) → start itself, starting the canister again when the install fails.
 */
import { fromHex, sha256Hex } from './hex.ts';
import type { PrincipalText } from './types.ts';

/** CanisterInstallMode as the SNS Candid carries it (int32). */
export const INSTALL_MODE = { Install: 1, Reinstall: 2, Upgrade: 3 } as const;

/** A gzipped module fits the 2 MiB ingress message that carries the proposal; the replica's raw limit is larger. */
export const MAX_WASM_BYTES = 2 * 1024 * 1024;

export interface UpgradeAction {
  canister_id: PrincipalText;
  /** Present while the proposal is made; the stored proposal keeps only its hash (the bytes live in `wasms`). */
  new_canister_wasm?: Uint8Array;
  wasm_sha256: string;
  canister_upgrade_arg_hex?: string;
  mode: number;
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const GZIP_MAGIC = [0x1f, 0x8b, 0x08];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export function upgradeDefects(a: UpgradeAction, reserved: Set<PrincipalText>): string[] {
  const defects: string[] = [];
  const wasm = a.new_canister_wasm ?? new Uint8Array();
  if (reserved.has(a.canister_id)) defects.push(`Canister ${a.canister_id} is not a dapp canister of this SNS.`);
  if (!startsWith(wasm, WASM_MAGIC) && !startsWith(wasm, GZIP_MAGIC))
    defects.push('new_canister_wasm lacks the magic value in its header (neither wasm nor gzipped wasm).');
  if (wasm.length > MAX_WASM_BYTES)
    defects.push(`new_canister_wasm is ${wasm.length} bytes; at most ${MAX_WASM_BYTES} are accepted.`);
  if (a.mode !== INSTALL_MODE.Upgrade) defects.push(`Only mode Upgrade (${INSTALL_MODE.Upgrade}) is supported.`);
  return defects;
}

/** What voters read: the hash to compare with what the source at a commit builds to. */
export function renderUpgrade(a: UpgradeAction): string {
  const arg = a.canister_upgrade_arg_hex;
  const argLine =
    arg === undefined
      ? 'No upgrade argument.'
      : `Upgrade argument with ${arg.length / 2} bytes and SHA256 \`${sha256Hex(fromHex(arg))}\`.`;
  return [
    '# Proposal to upgrade dapp canister:',
    `## Canister id: ${a.canister_id}`,
    `## Canister wasm sha256: ${a.wasm_sha256}`,
    '## Mode: upgrade',
    `## ${argLine}`,
  ].join('\n\n');
}
