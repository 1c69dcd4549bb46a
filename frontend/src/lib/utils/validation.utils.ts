/**
 * The nomination form's rules, checked as the user types. They follow the invitation canister's nominate
 * (canisters/invitation/domain/nominate.ts): its parameters' byte and count limits (read from the canister;
 * its defaults until they arrive), model names of at most 128 bytes without control or bidi characters, no
 * model twice. It re-checks every one. A model the network does not serve yet is no error — the canister
 * accepts it — but the form says so: no worker takes its jobs until the queue lists it.
 */
import { Principal } from '@icp-sdk/core/principal';

export interface NominationInput {
  candidate: string;
  displayName: string;
  motivation: string;
  cpuCores: string;
  ramGib: string;
  gpu: string;
  vramGib: string;
  region: string;
  models: string;
}

/** What the network says about a nomination: the queue's served models and the invitation canister's limits. */
export interface NominationRules {
  served: readonly string[];
  maxModels: number;
  maxDisplayNameBytes: number;
  maxMotivationBytes: number;
}

/** The invitation canister's default parameters; the served list is unknown until the queue answers. */
export const DEFAULT_RULES: NominationRules = {
  served: [],
  maxModels: 16,
  maxDisplayNameBytes: 64,
  maxMotivationBytes: 2048,
};

/** Fixed in the invitation canister (MAX_MODEL_NAME_BYTES, MAX_HARDWARE_TEXT_BYTES). */
export const LIMITS = { modelName: 128, gpu: 64, region: 64 };

export type NominationErrors = Partial<Record<keyof NominationInput, string>>;

const bytes = (s: string) => new TextEncoder().encode(s).length;

export function principalError(text: string, self?: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'the candidate principal is required';
  let p: Principal;
  try {
    p = Principal.fromText(t);
  } catch {
    return 'not a principal: groups of 5 letters and digits separated by dashes, e.g. "2vxsx-fae"';
  }
  if (p.isAnonymous()) return 'the anonymous principal cannot be a contributor';
  if (self !== undefined && p.toText() === self) return 'you cannot nominate yourself';
  return undefined;
}

function wholeNumber(text: string, min: number, max: number, what: string): string | undefined {
  if (!/^\d+$/.test(text.trim())) return `${what}: a whole number`;
  const n = Number(text);
  if (n < min || n > max) return `${what}: between ${min} and ${max}`;
  return undefined;
}

export const modelList = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((m) => m.trim())
    .filter(Boolean);

// The canister's checkSafeText: C0/C1 controls, DEL, bidi marks, embeddings, overrides and isolates, line and
// paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

/** Why the canister would refuse these models, if it would. */
export function modelsError(text: string, rules: NominationRules = DEFAULT_RULES): string | undefined {
  const models = modelList(text);
  if (models.length === 0) return 'name at least one model the contributor will serve';
  if (models.length > rules.maxModels) return `at most ${rules.maxModels} models`;
  if (models.some((m) => bytes(m) > LIMITS.modelName)) return `model names of at most ${LIMITS.modelName} bytes`;
  if (models.some((m) => UNSAFE.test(m))) return 'model names must not hold control or bidi characters';
  const twice = models.find((m, i) => models.indexOf(m) !== i);
  if (twice !== undefined) return `"${twice}" is named twice`;
  return undefined;
}

/** The named models the network does not serve yet (none while the served list is unknown). */
export function unservedModels(text: string, rules: NominationRules): string[] {
  if (rules.served.length === 0) return [];
  return modelList(text).filter((m) => !rules.served.includes(m));
}

/** The canister's checkSafeText for one field, or undefined; newlines and tabs are allowed in multi-line text. */
function safeTextError(value: string, max: number, what: string, multiline = false): string | undefined {
  if (value.trim() === '') return `${what} is required`;
  if (bytes(value) > max) return `at most ${max} bytes`;
  const unsafe = [...value].some((c) => UNSAFE.test(c) && !(multiline && (c === '\n' || c === '\t')));
  return unsafe ? 'no control or bidi characters' : undefined;
}

export function validateNomination(
  v: NominationInput,
  self?: string,
  rules: NominationRules = DEFAULT_RULES,
): NominationErrors {
  const e: NominationErrors = {};
  const candidate = principalError(v.candidate, self);
  if (candidate) e.candidate = candidate;
  const name = safeTextError(v.displayName, rules.maxDisplayNameBytes, 'a display name');
  if (name) e.displayName = name;
  const motivation =
    v.motivation.trim() === ''
      ? 'say why this contributor should be admitted'
      : safeTextError(v.motivation, rules.maxMotivationBytes, 'a motivation', true);
  if (motivation) e.motivation = motivation;
  const cores = wholeNumber(v.cpuCores, 1, 1024, 'CPU cores');
  if (cores) e.cpuCores = cores;
  const ram = wholeNumber(v.ramGib, 1, 65_536, 'RAM (GiB)');
  if (ram) e.ramGib = ram;
  const vram = wholeNumber(v.vramGib, 0, 65_536, 'VRAM (GiB)');
  if (vram) e.vramGib = vram;
  // An empty GPU is sent as "none" (see nominations.services).
  const gpu = v.gpu.trim() === '' ? undefined : safeTextError(v.gpu, LIMITS.gpu, 'the GPU');
  if (gpu) e.gpu = gpu;
  const region = safeTextError(v.region, LIMITS.region, 'the region (e.g. eu-west)');
  if (region) e.region = region;
  const models = modelsError(v.models, rules);
  if (models) e.models = models;
  return e;
}
