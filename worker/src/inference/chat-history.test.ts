import { describe, it, expect } from 'vitest';
import { ChatMLChatWrapper, JinjaTemplateChatWrapper } from 'node-llama-cpp';
import { CHATML_TEMPLATE } from '../model/chat-template.ts';
import { InvalidRequestError, toChatHistory, validateRequest } from './chat-history.ts';
import type { InferenceRequest } from './types.ts';

const request = (over: Partial<InferenceRequest> = {}): InferenceRequest => ({
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'hi' },
    { role: 'assistant', content: 'hello' },
    { role: 'user', content: 'how are you?' },
  ],
  maxTokens: 16,
  ...over,
});

describe('toChatHistory', () => {
  it('maps system/user/assistant and opens a model turn after the last user message', () => {
    expect(toChatHistory(request())).toEqual([
      { type: 'system', text: 'You are terse.' },
      { type: 'user', text: 'hi' },
      { type: 'model', response: ['hello'] },
      { type: 'user', text: 'how are you?' },
      { type: 'model', response: [] },
    ]);
  });

  it('lets the model continue a trailing assistant message', () => {
    const history = toChatHistory(
      request({
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: 'The answer is' },
        ],
      }),
    );
    expect(history.at(-1)).toEqual({ type: 'model', response: ['The answer is'] });
    expect(history).toHaveLength(2);
  });

  it('renders exactly as the GGUF ChatML Jinja template does', () => {
    const chatHistory = toChatHistory(request());
    const jinja = new JinjaTemplateChatWrapper({ template: CHATML_TEMPLATE });
    const chatml = new ChatMLChatWrapper();
    const expected =
      '<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n' +
      '<|im_start|>assistant\nhello<|im_end|>\n<|im_start|>user\nhow are you?<|im_end|>\n<|im_start|>assistant\n';
    expect(jinja.generateContextState({ chatHistory }).contextText.toString()).toBe(expected);
    // the ChatML wrapper node-llama-cpp resolves from that template adds the BOS token (the GGUF sets add_bos_token)
    expect(chatml.generateContextState({ chatHistory }).contextText.toString()).toBe(`BOS${expected}`);
  });
});

describe('toChatHistory with tools', () => {
  const call = { id: 'call_a', name: 'get_weather', arguments: '{"city":"Zug"}' };

  it("puts an assistant's calls in its model turn and each tool result on its call, then continues that turn", () => {
    const history = toChatHistory(
      request({
        messages: [
          { role: 'user', content: 'weather?' },
          { role: 'assistant', content: '', toolCalls: [call, { ...call, id: 'call_b', arguments: 'not json' }] },
          { role: 'tool', content: 'rain', toolCallId: 'call_a' },
          { role: 'tool', content: 'sun', toolCallId: 'call_b' },
        ],
      }),
    );
    expect(history).toEqual([
      { type: 'user', text: 'weather?' },
      {
        type: 'model',
        response: [
          { type: 'functionCall', name: 'get_weather', params: { city: 'Zug' }, result: 'rain' },
          { type: 'functionCall', name: 'get_weather', params: {}, result: 'sun' },
        ],
      },
    ]);
  });

  it('shows a tool result naming no open call as a user turn, and opens a new model turn after it', () => {
    const history = toChatHistory(
      request({
        messages: [
          { role: 'user', content: 'q' },
          { role: 'tool', content: 'orphan', toolCallId: 'call_x' },
        ],
      }),
    );
    expect(history).toEqual([
      { type: 'user', text: 'q' },
      { type: 'user', text: 'Result of tool call call_x: orphan' },
      { type: 'model', response: [] },
    ]);
  });

  it('keeps the text of an assistant turn that also called a tool', () => {
    const history = toChatHistory(
      request({
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: 'Let me look.', toolCalls: [call] },
        ],
      }),
    );
    expect(history.at(-1)).toEqual({
      type: 'model',
      response: ['Let me look.', { type: 'functionCall', name: 'get_weather', params: { city: 'Zug' }, result: null }],
    });
  });
});

describe('validateRequest', () => {
  it('accepts a well-formed request', () => {
    expect(() => validateRequest(request({ temperature: 0.7, seed: 42 }))).not.toThrow();
  });

  it.each([
    ['no messages', { messages: [] }, /non-empty/],
    ['unknown role', { messages: [{ role: 'function', content: 'x' }] }, /role "function"/],
    ['a tool message without toolCallId', { messages: [{ role: 'tool', content: 'x' }] }, /toolCallId/],
    [
      'toolCalls on a user message',
      { messages: [{ role: 'user', content: 'x', toolCalls: [{ id: 'a', name: 'f', arguments: '{}' }] }] },
      /only assistant/,
    ],
    ['two tools of one name', { tools: [{ name: 'f' }, { name: 'f' }] }, /distinct/],
    ['a forced call without tools', { toolChoice: 'required' }, /at least one tool/],
    ['zero max_tokens', { maxTokens: 0 }, /max_tokens/],
    ['fractional max_tokens', { maxTokens: 1.5 }, /max_tokens/],
    ['negative temperature', { temperature: -1 }, /temperature/],
    ['negative seed', { seed: -3 }, /seed/],
  ])('rejects %s', (_name, over, message) => {
    expect(() => validateRequest(request(over as Partial<InferenceRequest>))).toThrow(InvalidRequestError);
    expect(() => validateRequest(request(over as Partial<InferenceRequest>))).toThrow(message);
  });
});
