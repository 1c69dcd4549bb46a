import { principalProblem, type PrincipalText } from './principal.ts';
import { invalidInput, ok, type Result } from './result.ts';

/** What an upgrade may change (see lifecycleTypes in ../idl.ts for why). */
export interface UpgradeArgs {
  governance?: PrincipalText;
}

/**
 * The governance in force after an upgrade: the current one when the upgrade names none; Err when the named one
 * could never be SNS governance (anonymous, too long, or one of the Gatehouse canisters themselves).
 */
export function governanceAfterUpgrade(
  current: PrincipalText,
  args: UpgradeArgs | undefined,
  gatehouseCanisters: PrincipalText[],
): Result<PrincipalText> {
  const next = args?.governance;
  if (next === undefined) return ok(current);
  const problem = principalProblem(next);
  if (problem !== undefined) return invalidInput(`governance ${problem}`);
  if (gatehouseCanisters.includes(next)) return invalidInput(`governance ${next} is a Gatehouse canister`);
  return ok(next);
}
