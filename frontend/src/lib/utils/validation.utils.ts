/**
 * The nomination form's rules, checked as the user types; the limits mirror the invitation canister's
 * defaults (it re-checks every one and answers a typed error when its parameters are stricter).
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

export const LIMITS = { displayName: 64, motivation: 1024, models: 8, modelName: 64, gpu: 64, region: 32 };

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

export function validateNomination(v: NominationInput, self?: string): NominationErrors {
  const e: NominationErrors = {};
  const candidate = principalError(v.candidate, self);
  if (candidate) e.candidate = candidate;
  if (v.displayName.trim() === '') e.displayName = 'a display name is required';
  else if (bytes(v.displayName) > LIMITS.displayName) e.displayName = `at most ${LIMITS.displayName} bytes`;
  if (v.motivation.trim() === '') e.motivation = 'say why this contributor should be admitted';
  else if (bytes(v.motivation) > LIMITS.motivation) e.motivation = `at most ${LIMITS.motivation} bytes`;
  const cores = wholeNumber(v.cpuCores, 1, 1024, 'CPU cores');
  if (cores) e.cpuCores = cores;
  const ram = wholeNumber(v.ramGib, 1, 65_536, 'RAM (GiB)');
  if (ram) e.ramGib = ram;
  const vram = wholeNumber(v.vramGib, 0, 65_536, 'VRAM (GiB)');
  if (vram) e.vramGib = vram;
  if (bytes(v.gpu) > LIMITS.gpu) e.gpu = `at most ${LIMITS.gpu} bytes`;
  if (bytes(v.region) > LIMITS.region) e.region = `at most ${LIMITS.region} bytes`;
  const models = modelList(v.models);
  if (models.length === 0) e.models = 'name at least one model the contributor will serve';
  else if (models.length > LIMITS.models) e.models = `at most ${LIMITS.models} models`;
  else if (models.some((m) => bytes(m) > LIMITS.modelName))
    e.models = `model names of at most ${LIMITS.modelName} bytes`;
  return e;
}
