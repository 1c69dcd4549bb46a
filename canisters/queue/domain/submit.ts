import { callerIs, callerIsSignedIn } from '../../shared/domain/guards.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import { invalidInput, limitExceeded, ok, type Result } from '../../shared/domain/result.ts';
import { checkCount, checkText } from '../../shared/domain/validate.ts';
import { currentParams } from './config.ts';
import { configCell } from './state.ts';
import type { Message, QueueStores } from './model.ts';
import type { QueueParams } from './params.ts';
import { checkToolCallId, checkToolCalls, checkTools, toolBytes, toolCallBytes, type Tool } from './tools.ts';
import { addPending, updateCounters } from './state.ts';
import { evictFinished } from './prune.ts';
import { enqueue } from './transitions.ts';

export interface SubmitArgs {
  model: string;
  messages: Message[];
  /** Functions the model may call; absent or empty: a plain chat job. */
  tools?: Tool[];
  max_tokens: number;
  temperature?: number;
  seed?: number;
}

export const MAX_TEMPERATURE = 2;

const utf8 = new TextEncoder();

/** What the model reads: message texts, the tool calls and ids in them, and the tool definitions. */
function promptBytesOf(args: SubmitArgs): number {
  const messageBytes = (m: Message) =>
    utf8.encode(m.content).length +
    utf8.encode(m.tool_call_id ?? '').length +
    (m.tool_calls ?? []).reduce((sum, call) => sum + toolCallBytes(call), 0);
  const messages = args.messages.reduce((sum, m) => sum + messageBytes(m), 0);
  return messages + (args.tools ?? []).reduce((sum, tool) => sum + toolBytes(tool), 0);
}

/** Tool fields sit on the turns they belong to: calls on Assistant turns, a call id on (every) Tool turn. */
function checkToolTurns(messages: Message[], params: QueueParams) {
  for (const [index, m] of messages.entries()) {
    const at = `messages[${index}]`;
    const isTool = 'Tool' in m.role;
    if (m.tool_calls !== undefined && !('Assistant' in m.role))
      return invalidInput(`${at}: only Assistant messages carry tool_calls`);
    if (m.tool_call_id !== undefined && !isTool) return invalidInput(`${at}: only Tool messages carry tool_call_id`);
    const error = isTool
      ? checkToolCallId(`${at}.tool_call_id`, m.tool_call_id ?? '')
      : checkToolCalls(`${at}.tool_calls`, m.tool_calls ?? [], params.max_tool_calls);
    if (error) return error;
  }
  return undefined;
}

function checkSubmit(stores: QueueStores, caller: PrincipalText, args: SubmitArgs) {
  const params = currentParams(stores);
  if (!params.models.includes(args.model)) return invalidInput(`model "${args.model.slice(0, 64)}" is not served here`);
  if (args.messages.length === 0) return invalidInput('messages must not be empty');
  const tooMany = checkCount('messages', args.messages.length, params.max_messages);
  if (tooMany) return tooMany;
  const promptBytes = promptBytesOf(args);
  if (promptBytes > params.max_prompt_bytes) {
    return limitExceeded(`prompt is ${promptBytes} bytes; the limit is ${params.max_prompt_bytes}`);
  }
  // After the size check: these parse JSON, which should only ever see bounded texts.
  const toolError = checkTools(args.tools ?? [], params.max_tools_per_job) ?? checkToolTurns(args.messages, params);
  if (toolError) return toolError;
  if (args.max_tokens < 1 || args.max_tokens > params.max_tokens) {
    return invalidInput(`max_tokens must be within 1..${params.max_tokens}`);
  }
  const t = args.temperature;
  if (t !== undefined && !(Number.isFinite(t) && t >= 0 && t <= MAX_TEMPERATURE)) {
    return invalidInput(`temperature must be within 0..${MAX_TEMPERATURE}`);
  }
  if (stores.ready.size() + stores.leases.size() >= params.max_queued_jobs) {
    return limitExceeded(`the queue holds ${params.max_queued_jobs} jobs, its limit; try again later`);
  }
  if ((stores.pending.get(caller) ?? 0) >= params.max_pending_per_caller) {
    return limitExceeded(`you have ${params.max_pending_per_caller} pending jobs; wait for some to finish`);
  }
  return checkText('model', args.model, 64);
}

export function submit(stores: QueueStores, caller: PrincipalText, now: bigint, args: SubmitArgs): Result<bigint> {
  return submitAs(stores, caller, undefined, now, args);
}

/**
 * submit on behalf of `submitter`, callable only by the configured llm canister: the job is the submitter's,
 * so the per-submitter pending cap, the round-robin lanes and get_job's view apply to the original caller,
 * not to the llm canister as one big submitter.
 */
export function submitFor(
  stores: QueueStores,
  caller: PrincipalText,
  now: bigint,
  submitter: PrincipalText,
  args: SubmitArgs,
): Result<bigint> {
  // Without a configured llm canister the empty text matches no caller.
  const denied = callerIs(caller, configCell(stores).get().llm ?? '', 'the llm canister');
  return denied ?? submitAs(stores, submitter, caller, now, args);
}

function submitAs(
  stores: QueueStores,
  caller: PrincipalText,
  via: PrincipalText | undefined,
  now: bigint,
  args: SubmitArgs,
): Result<bigint> {
  const error = callerIsSignedIn(caller, 'submit jobs') ?? checkSubmit(stores, caller, args);
  if (error) return error;
  const counters = updateCounters(stores, (c) => {
    c.next_job_id += 1n;
    c.submitted += 1n;
  });
  const id = counters.next_job_id - 1n;
  const job = {
    id,
    submitter: caller,
    model: args.model,
    messages: args.messages,
    tools: args.tools?.length ? args.tools : undefined,
    max_tokens: args.max_tokens,
    temperature: args.temperature,
    seed: args.seed,
    status: { Queued: null },
    attempts: 0,
    created_at: now,
    updated_at: now,
    via,
  };
  evictFinished(stores);
  enqueue(stores, job, now);
  addPending(stores, caller, 1);
  return ok(id);
}
