/**
 * The llm canister (the IC LLM canister's drop-in): its model map, parameters and live figures, and a chat
 * sent through it as any canister would (v0_chat, answered only once a worker completed the job).
 */
import type { LlmMetrics, LlmParams } from '@gatehouse/clients';

import { llm } from '../api/gatehouse.api.ts';
import type { Ctx } from './context.ts';

export interface LlmOverview {
  id: string;
  params: LlmParams;
  metrics: LlmMetrics;
}

const NOT_DEPLOYED = 'This deployment has no llm canister (no llm id in /gatehouse-config.json).';

async function canister(ctx: Ctx) {
  const c = await llm(ctx.config, ctx.identity);
  if (!c) throw new Error(NOT_DEPLOYED);
  return c;
}

/** null when the deployment has no llm canister: the page says so instead of failing. */
export async function loadLlm(ctx: Ctx): Promise<LlmOverview | null> {
  const c = await llm(ctx.config, ctx.identity);
  if (!c) return null;
  const [params, metrics] = await Promise.all([c.getParams(), c.metrics()]);
  return { id: ctx.config.canisters.llm!, params, metrics };
}

/** The model names callers use (llama3.1:8b…), each served by the worker model the params map it to. */
export async function llmModels(ctx: Ctx): Promise<Array<{ name: string; workerModel: string }>> {
  const { models } = await (await canister(ctx)).getParams();
  return models.map((m) => ({ name: m.name, workerModel: m.worker_model }));
}

/** One v0_chat as the signed-in user; `heldMs` is how long the call stayed open, as this browser saw it. */
export async function llmChat(
  ctx: Ctx,
  o: { model: string; prompt: string },
): Promise<{ answer: string; heldMs: number }> {
  const c = await canister(ctx);
  const started = performance.now();
  const answer = await c.v0Chat({ model: o.model, messages: [{ role: { user: null }, content: o.prompt }] });
  return { answer, heldMs: Math.round(performance.now() - started) };
}
