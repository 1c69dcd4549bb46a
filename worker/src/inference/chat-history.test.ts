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

describe('validateRequest', () => {
  it('accepts a well-formed request', () => {
    expect(() => validateRequest(request({ temperature: 0.7, seed: 42 }))).not.toThrow();
  });

  it.each([
    ['no messages', { messages: [] }, /non-empty/],
    ['unknown role', { messages: [{ role: 'tool', content: 'x' }] }, /role "tool"/],
    ['zero max_tokens', { maxTokens: 0 }, /max_tokens/],
    ['fractional max_tokens', { maxTokens: 1.5 }, /max_tokens/],
    ['negative temperature', { temperature: -1 }, /temperature/],
    ['negative seed', { seed: -3 }, /seed/],
  ])('rejects %s', (_name, over, message) => {
    expect(() => validateRequest(request(over as Partial<InferenceRequest>))).toThrow(InvalidRequestError);
    expect(() => validateRequest(request(over as Partial<InferenceRequest>))).toThrow(message);
  });
});
