import { invalidInput, limitExceeded, ok, type Result } from '../../shared/domain/result.ts';
import type { LlmParams } from './params.ts';

/**
 * The LLM canister's published request and response values (Candid shapes: `opt T` is [] | [T]) and their
 * translation to and from queue jobs. Pure: the held call itself lives in hold.ts, the azle glue in index.ts.
 */
export type Opt<T> = [] | [T];

export interface ChatMessageV0 {
  role: { user: null } | { assistant: null } | { system: null };
  content: string;
}
export interface ChatRequestV0 {
  model: string;
  messages: ChatMessageV0[];
}

export interface ToolCallArgument {
  name: string;
  value: string;
}
export interface ToolCallV1 {
  id: string;
  function: { name: string; arguments: ToolCallArgument[] };
}
export interface AssistantMessage {
  content: Opt<string>;
  tool_calls: ToolCallV1[];
}
export type ChatMessageV1 =
  | { user: { content: string } }
  | { system: { content: string } }
  | { assistant: AssistantMessage }
  | { tool: { content: string; tool_call_id: string } };

/** A property of a tool's parameters: the published `.did` (ic-llm) and `@dfinity/llm` both name it. */
export interface ToolProperty {
  name: string;
  type: string;
  description: Opt<string>;
  enum: Opt<string[]>;
}
/** The published `.did`: `variant { function : record { name; description; parameters : opt parameters } }`. */
export interface PublishedTool {
  function: {
    name: string;
    description: Opt<string>;
    parameters: Opt<{ type: string; properties: Opt<ToolProperty[]>; required: Opt<string[]> }>;
  };
}
/** What `@dfinity/llm` 1.1.1 sends instead: a record with a flat parameter list. */
export interface LibraryTool {
  name: string;
  description: Opt<string>;
  parameters: Opt<Array<ToolProperty & { required: Opt<boolean> }>>;
}

export interface ChatRequestV1<Tool = PublishedTool> {
  model: string;
  messages: ChatMessageV1[];
  tools: Opt<Tool[]>;
}

/** The queue's job shape for what the worker receives (the queue's Tool: parameters as JSON Schema text). */
export interface JobTool {
  name: string;
  description?: string;
  parameters?: string;
}
export interface JobToolCall {
  id: string;
  name: string;
  arguments: string;
}
export type JobRole = { System: null } | { User: null } | { Assistant: null } | { Tool: null };
export interface JobMessage {
  role: JobRole;
  content: string;
  tool_calls?: JobToolCall[];
  tool_call_id?: string;
}
export interface Job {
  model: string;
  messages: JobMessage[];
  max_tokens: number;
  tools?: JobTool[];
}

const first = <T>(opt: Opt<T>): T | undefined => opt[0];

function workerModel(params: LlmParams, model: string): Result<string> {
  const route = params.models.find((m) => m.name === model);
  if (route) return ok(route.worker_model);
  const served = params.models.map((m) => m.name).join(', ');
  return invalidInput(`model "${model.slice(0, 64)}" is not served here; served: ${served}`);
}

function job(params: LlmParams, model: string, messages: JobMessage[], tools?: JobTool[]): Result<Job> {
  const routed = workerModel(params, model);
  if ('Err' in routed) return routed;
  if (messages.length === 0) return invalidInput('messages must not be empty');
  return ok({ model: routed.Ok, messages, max_tokens: params.max_tokens, ...(tools ? { tools } : {}) });
}

export function jobFromV0(params: LlmParams, request: ChatRequestV0): Result<Job> {
  const role = (r: ChatMessageV0['role']): JobRole =>
    'user' in r ? { User: null } : 'assistant' in r ? { Assistant: null } : { System: null };
  return job(
    params,
    request.model,
    request.messages.map((m) => ({ role: role(m.role), content: m.content })),
  );
}

/** A tool call's arguments as a JSON object text (what the worker's function calling reads and writes). */
function argumentsJson(args: ToolCallArgument[]): string {
  const parsed = (value: string): unknown => {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  };
  return JSON.stringify(Object.fromEntries(args.map((a) => [a.name, parsed(a.value)])));
}

function messageV1(m: ChatMessageV1): JobMessage {
  if ('user' in m) return { role: { User: null }, content: m.user.content };
  if ('system' in m) return { role: { System: null }, content: m.system.content };
  if ('tool' in m) return { role: { Tool: null }, content: m.tool.content, tool_call_id: m.tool.tool_call_id };
  const calls = m.assistant.tool_calls.map((c) => ({
    id: c.id,
    name: c.function.name,
    arguments: argumentsJson(c.function.arguments),
  }));
  return {
    role: { Assistant: null },
    content: first(m.assistant.content) ?? '',
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
  };
}

interface SchemaProperty {
  type: string;
  description?: string;
  enum?: string[];
}

function schema(properties: ToolProperty[], required: string[]): string {
  const props: Record<string, SchemaProperty> = {};
  for (const p of properties) {
    const description = first(p.description);
    const values = first(p.enum);
    props[p.name] = { type: p.type, ...(description ? { description } : {}), ...(values ? { enum: values } : {}) };
  }
  return JSON.stringify({ type: 'object', properties: props, ...(required.length > 0 ? { required } : {}) });
}

export function toolFromPublished({ function: f }: PublishedTool): JobTool {
  const params = first(f.parameters);
  const description = first(f.description);
  return {
    name: f.name,
    ...(description ? { description } : {}),
    ...(params ? { parameters: schema(first(params.properties) ?? [], first(params.required) ?? []) } : {}),
  };
}

export function toolFromLibrary(tool: LibraryTool): JobTool {
  const params = first(tool.parameters);
  const description = first(tool.description);
  const required = (params ?? []).filter((p) => first(p.required) === true).map((p) => p.name);
  return {
    name: tool.name,
    ...(description ? { description } : {}),
    ...(params ? { parameters: schema(params, required) } : {}),
  };
}

/** Tools per request: as many as a worker's grammar reasonably takes. */
export const MAX_TOOLS = 32;

export function jobFromV1(params: LlmParams, request: ChatRequestV1<JobTool>): Result<Job> {
  const tools = first(request.tools);
  if (tools && tools.length > MAX_TOOLS) return limitExceeded(`${tools.length} tools; the limit is ${MAX_TOOLS}`);
  return job(params, request.model, request.messages.map(messageV1), tools && tools.length > 0 ? tools : undefined);
}

/** A worker's tool call arguments (a JSON object text) as the API's name/value list; values not text stay JSON. */
export function toolCallToV1(call: JobToolCall): ToolCallV1 {
  let parsed: unknown;
  try {
    parsed = JSON.parse(call.arguments);
  } catch {
    parsed = undefined;
  }
  const entries = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.entries(parsed) : [];
  return {
    id: call.id,
    function: {
      name: call.name,
      arguments: entries.map(([name, value]) => ({
        name,
        value: typeof value === 'string' ? value : JSON.stringify(value),
      })),
    },
  };
}

export function assistantReply(output: string, toolCalls: JobToolCall[] = []): AssistantMessage {
  return { content: toolCalls.length > 0 && output === '' ? [] : [output], tool_calls: toolCalls.map(toolCallToV1) };
}
