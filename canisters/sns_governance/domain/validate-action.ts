import { configCell, functionKey, genericFunction, type GovernanceStores } from './stores.ts';
import type { GenericFunction, ProposalContent, Topic } from './types.ts';
import { renderUpgrade, upgradeDefects } from './upgrade.ts';
import {
  contentDefects,
  renderAdd,
  renderMotion,
  renderRemove,
  reservedTargets,
  validateAddFunction,
  PROPOSAL_MOTION_TEXT_BYTES_MAX,
} from './validate.ts';

/** What submission needs after the synchronous checks: either a rendering, or a validator to ask. */
export type Prepared =
  { rendering: string; topic: Topic } | { validate: GenericFunction; payloadHex: string; topic: Topic };

/** validate_and_render_action for the supported actions, plus the content checks; all defects are collected. */
export function validateAction(
  stores: GovernanceStores,
  self: string,
  content: ProposalContent,
): { defects: string[]; prepared?: Prepared } {
  const config = configCell(stores).get();
  const defects = contentDefects(content);
  const action = content.action;
  let prepared: Prepared | undefined;
  if ('Motion' in action) {
    const n = new TextEncoder().encode(action.Motion.motion_text).length;
    if (n > PROPOSAL_MOTION_TEXT_BYTES_MAX)
      defects.push(
        `The maximum length for motion.motion_text is ${PROPOSAL_MOTION_TEXT_BYTES_MAX}. Provided length: ${n}.`,
      );
    else prepared = { rendering: renderMotion(action.Motion.motion_text), topic: 'Governance' };
  } else if ('AddGenericNervousSystemFunction' in action) {
    const f = action.AddGenericNervousSystemFunction;
    const reserved = reservedTargets(self, config.reserved_canisters);
    const problem = validateAddFunction(
      f,
      (id) => stores.functions.get(functionKey(id)),
      stores.functions.size(),
      reserved,
    );
    if (problem) defects.push(problem);
    else prepared = { rendering: renderAdd(f), topic: 'CriticalDappOperations' };
  } else if ('UpgradeSnsControlledCanister' in action) {
    const upgrade = action.UpgradeSnsControlledCanister;
    const problems = upgradeDefects(upgrade, reservedTargets(self, config.reserved_canisters));
    if (problems.length > 0) defects.push(...problems);
    else prepared = { rendering: renderUpgrade(upgrade), topic: 'DappCanisterManagement' };
  } else if ('RemoveGenericNervousSystemFunction' in action) {
    const f = genericFunction(stores, action.RemoveGenericNervousSystemFunction);
    if (!f) defects.push(`NervousSystemFunction: ${action.RemoveGenericNervousSystemFunction} doesn't exist`);
    else prepared = { rendering: renderRemove(f), topic: 'CriticalDappOperations' };
  } else {
    const { function_id, payload_hex } = action.ExecuteGenericNervousSystemFunction;
    const f = genericFunction(stores, function_id);
    if (!f) defects.push(`There is no NervousSystemFunction with id: ${function_id}`);
    else prepared = { validate: f, payloadHex: payload_hex, topic: f.topic };
  }
  return prepared ? { defects, prepared } : { defects };
}
