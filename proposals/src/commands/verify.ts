/**
 * verify <proposal-id>: rebuilds the proposal's canister from this checkout and says whether the module hash
 * the proposal shows voters (its payload_text_rendering, as the SNS renders UpgradeSnsControlledCanister) is
 * what this source builds to, and what the upgrade argument does (the rendering shows only its hash). Exit
 * code 1 when the hashes differ.
 */
import { describeUpgradeArg } from '@gatehouse/clients';

import { CliError } from '../errors.ts';
import type { Session } from '../session.ts';
import { proposalId } from './render.ts';
import { buildModule, gatehouseCanister } from './upgrade.ts';

export function proposedUpgrade(rendering: string): { canister: string; sha256: string } {
  const canister = /## Canister id: (\S+)/.exec(rendering)?.[1];
  const sha256 = /## Canister wasm sha256: ([0-9a-f]{64})/.exec(rendering)?.[1];
  if (!canister || !sha256) throw new CliError('the proposal is not an UpgradeSnsControlledCanister proposal');
  return { canister, sha256 };
}

export async function verify(session: Session, root: string, idText: string | undefined): Promise<void> {
  const id = proposalId(idText);
  const p = await (await session.sns()).getProposal({ proposalId: { id }, certified: true });
  const proposed = proposedUpgrade(p.payload_text_rendering[0] ?? '');
  const name = Object.entries(session.config.canisters).find(([, c]) => c?.toText() === proposed.canister)?.[0];
  if (!name)
    throw new CliError(`proposal ${id} upgrades ${proposed.canister}, which is none of this project's canisters`);
  const built = buildModule(root, gatehouseCanister(name));
  session.out(`proposal ${id} upgrades ${name} (${proposed.canister}) to ${proposed.sha256}`);
  session.out(`this checkout builds ${built.path} to ${built.sha256}`);
  const action = p.proposal[0]?.action[0];
  const arg = action && 'UpgradeSnsControlledCanister' in action ? action.UpgradeSnsControlledCanister : undefined;
  session.out(`upgrade argument: ${describeUpgradeArg(gatehouseCanister(name), arg?.canister_upgrade_arg[0])}`);
  if (built.sha256 !== proposed.sha256) throw new CliError(`proposal ${id}: the hashes differ`);
  session.out(`proposal ${id}: match`);
}
