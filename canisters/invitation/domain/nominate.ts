import { callerIsSignedIn } from '../../shared/domain/guards.ts';
import { principalProblem, type PrincipalText } from '../../shared/domain/principal.ts';
import {
  conflict,
  invalidInput,
  limitExceeded,
  ok,
  unauthorized,
  type GatehouseError,
  type Result,
} from '../../shared/domain/result.ts';
import { checkCount, checkSafeText, firstError } from '../../shared/domain/validate.ts';
import { MAX_HARDWARE_TEXT_BYTES, MAX_MODEL_NAME_BYTES, type InvitationParams } from './params.ts';
import { candidateBlocker, isNodeProvider } from './roles.ts';
import { findNomination, insertOpen, metaCell, openCount, paramsCell, type InvitationStores } from './stores.ts';
import type { HardwareProfile, MemberRole, Nomination } from './types.ts';

export interface NominateInput {
  candidate: PrincipalText;
  display_name: string;
  motivation: string;
  hardware: HardwareProfile;
  models: string[];
}

const NANOS_PER_SECOND = 1_000_000_000n;

/** Checks that need no registry answer, so index.ts can refuse before spending calls. */
export function precheckNominate(
  stores: InvitationStores,
  caller: PrincipalText,
  input: NominateInput,
): { Err: GatehouseError } | undefined {
  const denied = callerIsSignedIn(caller, 'nominate');
  if (denied) return denied;
  return firstError(checkCandidatePrincipal(caller, input.candidate), checkInput(paramsCell(stores).get(), input));
}

export function nominate(
  stores: InvitationStores,
  now: bigint,
  caller: PrincipalText,
  callerRole: MemberRole,
  candidateRole: MemberRole,
  input: NominateInput,
): Result<Nomination> {
  const early = precheckNominate(stores, caller, input);
  if (early) return early;
  if (!isNodeProvider(callerRole)) return unauthorized('only node providers can nominate');
  const blocker = candidateBlocker(candidateRole);
  if (blocker) return conflict(`candidate ${input.candidate} ${blocker}`);
  const open = stores.openByCandidate.get(input.candidate);
  if (open !== undefined) return conflict(`candidate ${input.candidate} already has open nomination ${open}`);
  const params = paramsCell(stores).get();
  const count = openCount(stores, caller);
  if (count >= params.max_open_per_provider) {
    return limitExceeded(`you have ${count} open nominations; the limit is ${params.max_open_per_provider}`);
  }

  const meta = metaCell(stores);
  const m = meta.get();
  const id = m.next_id;
  meta.set({ ...m, next_id: id + 1n });
  const nomination: Nomination = {
    id,
    candidate: input.candidate,
    nominator: caller,
    display_name: input.display_name.trim(),
    motivation: input.motivation,
    hardware: input.hardware,
    models: input.models,
    created_at: now,
    expires_at: now + params.nomination_ttl_seconds * NANOS_PER_SECOND,
    status: 'Open',
    proposal_id: undefined,
    updated_at: now,
    status_reason: undefined,
  };
  insertOpen(stores, nomination);
  return ok(findNomination(stores, id) as Nomination);
}

function checkCandidatePrincipal(caller: PrincipalText, candidate: PrincipalText) {
  const problem = principalProblem(candidate);
  if (problem) return invalidInput(`the candidate ${problem}`);
  if (candidate === caller) return invalidInput('you cannot nominate yourself');
  return undefined;
}

function checkInput(params: InvitationParams, input: NominateInput) {
  const { hardware, models } = input;
  return firstError(
    checkSafeText('display_name', input.display_name, params.max_display_name_bytes),
    checkSafeText('motivation', input.motivation, params.max_motivation_bytes, { multiline: true }),
    checkSafeText('hardware.gpu', hardware.gpu, MAX_HARDWARE_TEXT_BYTES),
    checkSafeText('hardware.region', hardware.region, MAX_HARDWARE_TEXT_BYTES),
    hardware.cpu_cores === 0 ? invalidInput('hardware.cpu_cores must be at least 1') : undefined,
    hardware.ram_gib === 0 ? invalidInput('hardware.ram_gib must be at least 1') : undefined,
    models.length === 0 ? invalidInput('models must name at least one model') : undefined,
    checkCount('models', models.length, params.max_models),
    ...models.slice(0, params.max_models).map((model, i) => checkSafeText(`models[${i}]`, model, MAX_MODEL_NAME_BYTES)),
    new Set(models).size !== models.length ? invalidInput('models must not repeat') : undefined,
  );
}
