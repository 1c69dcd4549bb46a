import type { LlmParams } from '@gatehouse/clients';
import { describe, expect, it } from 'vitest';

import { CliError } from '../errors.ts';
import { changedParams } from './llm-params.ts';

const current: LlmParams = {
  models: [
    { name: 'llama3.1:8b', worker_model: 'tiny-chat' },
    { name: 'qwen3:32b', worker_model: 'tiny-chat' },
  ],
  timeout_seconds: 300,
  max_tokens: 256,
  max_request_bytes: 65_536,
};

describe('llm-params changes', () => {
  it('replaces a route in place, appends a new one, drops one and keeps what is not named', () => {
    const params = changedParams(current, {
      routes: [
        { name: 'gemma3:1b', worker_model: 'tiny-chat' },
        { name: 'llama3.1:8b', worker_model: 'other' },
        { name: 'llama3.1:8b', worker_model: 'llama-3.1-8b-q4' },
      ],
      drop: ['qwen3:32b'],
      timeoutSeconds: 60,
    });
    expect(params).toEqual({
      ...current,
      models: [
        { name: 'llama3.1:8b', worker_model: 'llama-3.1-8b-q4' },
        { name: 'gemma3:1b', worker_model: 'tiny-chat' },
      ],
      timeout_seconds: 60,
    });
    expect(changedParams(current, { routes: [], drop: [], maxTokens: 512 })).toEqual({ ...current, max_tokens: 512 });
  });

  it('refuses a change of nothing and dropping a name the canister does not have', () => {
    expect(() => changedParams(current, { routes: [], drop: [] })).toThrow(CliError);
    expect(() => changedParams(current, { routes: [], drop: ['llama4-scout'] })).toThrow(
      '--drop-route llama4-scout: not a model of the llm canister (llama3.1:8b, qwen3:32b)',
    );
  });
});
