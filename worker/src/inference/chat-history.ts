/** Validates a request and maps its messages onto node-llama-cpp's chat history (rendered by the model's template). */
import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelResponse } from 'node-llama-cpp';
import type { ChatMessage, InferenceRequest } from './types.ts';

export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
}

export function validateRequest(request: InferenceRequest): void {
  const { messages, maxTokens, temperature, seed, tools = [], toolChoice } = request;
  if (!Array.isArray(messages) || messages.length === 0)
    throw new InvalidRequestError('messages must be a non-empty array');
  for (const [i, m] of messages.entries()) {
    if (!['system', 'user', 'assistant', 'tool'].includes(m.role))
      throw new InvalidRequestError(`messages[${i}].role "${String(m.role)}" is not system, user, assistant or tool`);
    if (typeof m.content !== 'string') throw new InvalidRequestError(`messages[${i}].content must be a string`);
    if (m.role === 'tool' && typeof m.toolCallId !== 'string')
      throw new InvalidRequestError(`messages[${i}] is a tool message without toolCallId`);
    if (m.toolCalls !== undefined && m.role !== 'assistant')
      throw new InvalidRequestError(`messages[${i}]: only assistant messages carry toolCalls`);
  }
  if (new Set(tools.map((tool) => tool.name)).size !== tools.length)
    throw new InvalidRequestError('tool names must be distinct');
  if (toolChoice === 'required' && tools.length === 0)
    throw new InvalidRequestError('toolChoice "required" needs at least one tool');
  if (!Number.isInteger(maxTokens) || maxTokens < 1)
    throw new InvalidRequestError(`max_tokens must be a positive integer, got ${maxTokens}`);
  if (temperature !== undefined && (!Number.isFinite(temperature) || temperature < 0))
    throw new InvalidRequestError(`temperature must be >= 0, got ${temperature}`);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0))
    throw new InvalidRequestError(`seed must be a non-negative integer, got ${seed}`);
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/**
 * system → system, user → user, assistant → model; an assistant's tool calls become function calls in its
 * model turn, and a tool message becomes the result of the call it names (node-llama-cpp keeps a call and its
 * result together, and the chat wrapper renders both in the model's own function-call syntax). A tool message
 * naming no open call is shown as a user turn instead of being dropped. A trailing assistant message (or one
 * whose calls were just answered) is a prefix the model continues; otherwise an empty model turn is appended
 * (the template's generation prompt).
 */
export function toChatHistory(request: InferenceRequest): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const open = new Map<string, ChatModelFunctionCall>();
  const modelTurn = (m: ChatMessage): ChatModelResponse => {
    const calls = m.toolCalls ?? [];
    const response: ChatModelResponse['response'] = calls.length > 0 && m.content === '' ? [] : [m.content];
    for (const call of calls) {
      const item: ChatModelFunctionCall = {
        type: 'functionCall',
        name: call.name,
        params: parseArguments(call.arguments),
        result: null,
      };
      open.set(call.id, item);
      response.push(item);
    }
    return { type: 'model', response };
  };
  for (const m of request.messages) {
    if (m.role === 'system') history.push({ type: 'system', text: m.content });
    else if (m.role === 'user') history.push({ type: 'user', text: m.content });
    else if (m.role === 'assistant') history.push(modelTurn(m));
    else {
      const call = open.get(m.toolCallId ?? '');
      open.delete(m.toolCallId ?? '');
      if (call) call.result = m.content;
      else history.push({ type: 'user', text: `Result of tool call ${m.toolCallId}: ${m.content}` });
    }
  }
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}
