/** Valid-shaped arguments and result helpers shared by the integration specs. */
import { Principal } from '@icp-sdk/core/principal';

import { testPrincipal } from '../../canisters/shared/testing/roles.ts';

export const HARDWARE = { gpu: 'RTX 4090', vram_gib: 24, ram_gib: 64, cpu_cores: 16, region: 'eu-central' };
export const MODEL = 'tiny-chat';

export const nominateArgs = (candidate: Principal, display_name = 'Ada Labs') => ({
  candidate,
  display_name,
  motivation: 'Serves LLM jobs.',
  hardware: HARDWARE,
  models: ['llama-3.1-8b-q4'],
});

export const admitArgs = (contributor: Principal, sponsor: Principal) => ({
  contributor,
  display_name: 'Carol',
  sponsor,
  proposal_id: 7n,
  hardware: HARDWARE,
  models: ['llama-3.1-8b-q4'],
});

/** A chat message as Candid takes it (no tool calls, not a tool's answer). */
export const userMessage = (content: string) => ({
  role: { User: null },
  content,
  tool_calls: [] as [],
  tool_call_id: [] as [],
});

export const submitArgs = (content = 'hi') => ({
  model: MODEL,
  messages: [userMessage(content)],
  tools: [] as [],
  max_tokens: 16,
  temperature: [] as [],
  seed: [] as [],
});

export const leaseArgs = (max_jobs = 1) => ({ models: [MODEL], max_jobs });

/** Principals no role holds; each call returns a new one. */
export function freshPrincipals(start = 1000): () => Principal {
  let next = start;
  return () => Principal.fromText(testPrincipal(next++));
}

const show = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

/** The Ok value of a Result, or a thrown error naming the Err (test setup must not fail silently). */
export function okOf<T>(result: { Ok: T } | { Err: unknown }): T {
  if ('Err' in result) throw new Error(`expected Ok, got Err ${show(result.Err)}`);
  return result.Ok;
}
