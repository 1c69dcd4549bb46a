import { describe, expect, it } from 'vitest';

import { assistantReply, jobFromV0, jobFromV1, MAX_TOOLS, toolFromLibrary, toolFromPublished } from './chat.ts';
import { DEFAULT_PARAMS } from './params.ts';

describe('chat requests to queue jobs', () => {
  it('routes the library model names to the worker model and maps v0 roles', () => {
    const job = jobFromV0(DEFAULT_PARAMS, {
      model: 'qwen3:32b',
      messages: [
        { role: { system: null }, content: 's' },
        { role: { user: null }, content: 'u' },
        { role: { assistant: null }, content: 'a' },
      ],
    });
    expect(job).toEqual({
      Ok: {
        model: 'tiny-chat',
        max_tokens: DEFAULT_PARAMS.max_tokens,
        messages: [
          { role: { System: null }, content: 's' },
          { role: { User: null }, content: 'u' },
          { role: { Assistant: null }, content: 'a' },
        ],
      },
    });
  });

  it('refuses unknown models and empty conversations', () => {
    expect(jobFromV0(DEFAULT_PARAMS, { model: 'gpt-9', messages: [] })).toEqual({
      Err: { InvalidInput: expect.stringContaining('served: llama3.1:8b, qwen3:32b, llama4-scout') },
    });
    expect(jobFromV0(DEFAULT_PARAMS, { model: 'llama3.1:8b', messages: [] })).toEqual({
      Err: { InvalidInput: 'messages must not be empty' },
    });
  });

  it('carries v1 assistant tool calls (arguments as a JSON object) and tool results', () => {
    const job = jobFromV1(DEFAULT_PARAMS, {
      model: 'llama3.1:8b',
      messages: [
        { user: { content: 'weather?' } },
        {
          assistant: {
            content: [],
            tool_calls: [
              {
                id: 'c1',
                function: {
                  name: 'weather',
                  arguments: [
                    { name: 'city', value: 'Cairo' },
                    { name: 'days', value: '3' },
                  ],
                },
              },
            ],
          },
        },
        { tool: { content: 'sunny', tool_call_id: 'c1' } },
      ],
      tools: [],
    });
    expect('Ok' in job && job.Ok.messages).toEqual([
      { role: { User: null }, content: 'weather?' },
      {
        role: { Assistant: null },
        content: '',
        tool_calls: [{ id: 'c1', name: 'weather', arguments: '{"city":"Cairo","days":3}' }],
      },
      { role: { Tool: null }, content: 'sunny', tool_call_id: 'c1' },
    ]);
    expect('Ok' in job && job.Ok.tools).toBeUndefined();
  });

  it('turns both tool shapes into one JSON Schema', () => {
    const expected = {
      name: 'weather',
      description: 'Weather of a city',
      parameters: JSON.stringify({
        type: 'object',
        properties: { city: { type: 'string', description: 'the city' }, unit: { type: 'string', enum: ['C', 'F'] } },
        required: ['city'],
      }),
    };
    const published = toolFromPublished({
      function: {
        name: 'weather',
        description: ['Weather of a city'],
        parameters: [
          {
            type: 'object',
            properties: [
              [
                { name: 'city', type: 'string', description: ['the city'], enum: [] },
                { name: 'unit', type: 'string', description: [], enum: [['C', 'F']] },
              ],
            ],
            required: [['city']],
          },
        ],
      },
    });
    const library = toolFromLibrary({
      name: 'weather',
      description: ['Weather of a city'],
      parameters: [
        [
          { name: 'city', type: 'string', description: ['the city'], enum: [], required: [true] },
          { name: 'unit', type: 'string', description: [], enum: [['C', 'F']], required: [] },
        ],
      ],
    });
    expect(published).toEqual(expected);
    expect(library).toEqual(expected);
    expect(toolFromPublished({ function: { name: 'now', description: [], parameters: [] } })).toEqual({ name: 'now' });
  });

  it('bounds the number of tools', () => {
    const tools = Array.from({ length: MAX_TOOLS + 1 }, (_, i) => ({ name: `t${i}` }));
    const job = jobFromV1(DEFAULT_PARAMS, {
      model: 'llama3.1:8b',
      messages: [{ user: { content: 'x' } }],
      tools: [tools],
    });
    expect(job).toEqual({ Err: { LimitExceeded: expect.any(String) } });
  });

  it('answers a worker’s tool calls as name/value arguments; text values stay text, others JSON', () => {
    expect(
      assistantReply('', [{ id: 'c1', name: 'weather', arguments: '{"city":"Cairo","days":3,"x":{"a":1}}' }]),
    ).toEqual({
      content: [],
      tool_calls: [
        {
          id: 'c1',
          function: {
            name: 'weather',
            arguments: [
              { name: 'city', value: 'Cairo' },
              { name: 'days', value: '3' },
              { name: 'x', value: '{"a":1}' },
            ],
          },
        },
      ],
    });
    expect(assistantReply('hi')).toEqual({ content: ['hi'], tool_calls: [] });
    expect(
      assistantReply('', [{ id: 'c', name: 'f', arguments: 'not json' }]).tool_calls[0]!.function.arguments,
    ).toEqual([]);
  });
});
