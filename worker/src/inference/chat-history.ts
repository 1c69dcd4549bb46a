/** Validates a request and maps its messages onto node-llama-cpp's chat history (rendered by the model's template). */
import type { ChatHistoryItem } from 'node-llama-cpp';
import type { InferenceRequest } from './types.ts';

export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
}

export function validateRequest(request: InferenceRequest): void {
  const { messages, maxTokens, temperature, seed } = request;
  if (!Array.isArray(messages) || messages.length === 0)
    throw new InvalidRequestError('messages must be a non-empty array');
  for (const [i, m] of messages.entries()) {
    if (m.role !== 'system' && m.role !== 'user' && m.role !== 'assistant')
      throw new InvalidRequestError(`messages[${i}].role "${String(m.role)}" is not system, user or assistant`);
    if (typeof m.content !== 'string') throw new InvalidRequestError(`messages[${i}].content must be a string`);
  }
  if (!Number.isInteger(maxTokens) || maxTokens < 1)
    throw new InvalidRequestError(`max_tokens must be a positive integer, got ${maxTokens}`);
  if (temperature !== undefined && (!Number.isFinite(temperature) || temperature < 0))
    throw new InvalidRequestError(`temperature must be >= 0, got ${temperature}`);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0))
    throw new InvalidRequestError(`seed must be a non-negative integer, got ${seed}`);
}

/**
 * system → system, user → user, assistant → model. A trailing assistant message is a prefix the model
 * continues; otherwise an empty model turn is appended (the template's generation prompt).
 */
export function toChatHistory(request: InferenceRequest): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = request.messages.map((m): ChatHistoryItem => {
    switch (m.role) {
      case 'system':
        return { type: 'system', text: m.content };
      case 'user':
        return { type: 'user', text: m.content };
      case 'assistant':
        return { type: 'model', response: [m.content] };
    }
  });
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}
