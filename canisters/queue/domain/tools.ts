import { invalidInput, limitExceeded, type GatehouseError } from '../../shared/domain/result.ts';
import { checkSafeText } from '../../shared/domain/validate.ts';

/** A function the model may call; `parameters` is a JSON Schema object as text. */
export interface Tool {
  name: string;
  description?: string;
  parameters?: string;
}

/** A call the model made: the caller runs the tool and answers with a Tool message naming `id`. */
export interface ToolCall {
  id: string;
  name: string;
  /** A JSON object as text. */
  arguments: string;
}

type Failure = { Err: GatehouseError } | undefined;

/** The identifiers the chat-completion APIs accept as function names (OpenAI's rule), so any backend can take them. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
export const MAX_TOOL_CALL_ID_BYTES = 64;
/**
 * Nesting the JSON texts may have. A canister's JSON.parse recurses per level, and a few kilobytes of
 * brackets would otherwise exhaust its stack (a trap instead of a typed error).
 */
export const MAX_JSON_DEPTH = 32;

const utf8 = new TextEncoder();
const bytes = (text: string | undefined): number => (text === undefined ? 0 : utf8.encode(text).length);

export const toolBytes = (tool: Tool): number => bytes(tool.name) + bytes(tool.description) + bytes(tool.parameters);
export const toolCallBytes = (call: ToolCall): number => bytes(call.id) + bytes(call.name) + bytes(call.arguments);

/** Deepest bracket nesting outside strings; cheap and recursion-free, run before JSON.parse. */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ']') depth--;
  }
  return deepest;
}

/** Checks that `text` is a JSON object (not an array, string or number) of bounded nesting. */
export function checkJsonObject(field: string, text: string): Failure {
  if (jsonDepth(text) > MAX_JSON_DEPTH) return invalidInput(`${field} nests deeper than ${MAX_JSON_DEPTH} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalidInput(`${field} is not valid JSON`);
  }
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  return isObject ? undefined : invalidInput(`${field} must be a JSON object`);
}

function checkName(field: string, name: string): Failure {
  return IDENTIFIER.test(name)
    ? undefined
    : invalidInput(`${field} must be 1..64 characters of A-Z a-z 0-9 _ - and not start with a digit or -`);
}

/** A job's tools: at most `max`, distinct safe names, parameters a JSON object. Their bytes are counted by the caller. */
export function checkTools(tools: Tool[], max: number): Failure {
  if (tools.length > max) return limitExceeded(`tools has ${tools.length} entries; the limit is ${max}`);
  const seen = new Set<string>();
  for (const [index, tool] of tools.entries()) {
    const error =
      checkName(`tools[${index}].name`, tool.name) ??
      (tool.parameters === undefined ? undefined : checkJsonObject(`tools[${index}].parameters`, tool.parameters));
    if (error) return error;
    if (seen.has(tool.name)) return invalidInput(`tools: "${tool.name}" appears twice`);
    seen.add(tool.name);
  }
  return undefined;
}

/**
 * Tool calls (an assistant turn's, or a completion's): at most `max`, distinct non-empty ids, safe names,
 * arguments a JSON object; with `allowed`, every name must be one of those tools.
 */
export function checkToolCalls(field: string, calls: ToolCall[], max: number, allowed?: ReadonlySet<string>): Failure {
  if (calls.length > max) return limitExceeded(`${field} has ${calls.length} entries; the limit is ${max}`);
  const ids = new Set<string>();
  for (const [index, call] of calls.entries()) {
    const at = `${field}[${index}]`;
    const error =
      checkToolCallId(`${at}.id`, call.id) ??
      checkName(`${at}.name`, call.name) ??
      checkJsonObject(`${at}.arguments`, call.arguments);
    if (error) return error;
    if (allowed !== undefined && !allowed.has(call.name)) {
      return invalidInput(`${at}.name "${call.name}" is not one of the job's tools`);
    }
    if (ids.has(call.id)) return invalidInput(`${field}: id "${call.id}" appears twice`);
    ids.add(call.id);
  }
  return undefined;
}

/** A tool call's id (in a call, or in the Tool message answering it): non-empty, printable, bounded. */
export const checkToolCallId = (field: string, id: string): Failure => checkSafeText(field, id, MAX_TOOL_CALL_ID_BYTES);
