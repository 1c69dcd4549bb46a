import { describe, expect, it } from 'vitest';
import { forcedCallSchema, parseForcedCall, toChatModelFunctions, toGrammarSchema } from './tools.ts';

const weather = {
  name: 'get_weather',
  description: 'Weather now',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string', pattern: '^[A-Z]', maxLength: 20 }, days: { type: 'integer', minimum: 1 } },
    required: ['city', 'missing'],
    $schema: 'https://json-schema.org/draft/2020-12/schema',
  },
};

describe('toGrammarSchema', () => {
  it('keeps what the grammar generator knows and drops the rest', () => {
    expect(toGrammarSchema(weather.parameters)).toEqual({
      type: 'object',
      properties: { city: { type: 'string', maxLength: 20 }, days: { type: 'integer' } },
      required: ['city'],
      additionalProperties: false,
    });
  });

  it('reads anyOf as oneOf, keeps enums and consts of JSON scalars, and widens what it cannot express', () => {
    expect(toGrammarSchema({ anyOf: [{ type: 'null' }, { const: 3 }] })).toEqual({
      oneOf: [{ type: 'null' }, { const: 3 }],
    });
    expect(toGrammarSchema({ enum: ['a', 1, { x: 1 }] })).toEqual({ enum: ['a', 1] });
    const any = toGrammarSchema({ allOf: [] });
    expect(any).toHaveProperty('oneOf');
    expect(toGrammarSchema({ type: 'object' })).toMatchObject({ additionalProperties: true });
    expect(toGrammarSchema('nonsense')).toEqual(any);
  });

  it('stops following a schema nested deeper than it bounds', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 40; i++) deep = { type: 'array', items: deep };
    let schema = toGrammarSchema(deep) as { items?: unknown };
    let depth = 0;
    while (schema.items) [schema, depth] = [schema.items as { items?: unknown }, depth + 1];
    expect(depth).toBeLessThan(20);
  });
});

describe('tool functions and forced calls', () => {
  it('documents each tool as a node-llama-cpp function (parameters default to an empty object)', () => {
    const functions = toChatModelFunctions([weather, { name: 'now' }]);
    expect(Object.keys(functions)).toEqual(['get_weather', 'now']);
    expect(functions.get_weather).toMatchObject({ description: 'Weather now', params: { type: 'object' } });
    expect(functions.now).toEqual({ params: { type: 'object', properties: {} } });
  });

  it('ties each tool name to its own arguments in the forced schema', () => {
    const schema = forcedCallSchema([weather, { name: 'now' }]) as unknown as { oneOf: Array<{ properties: unknown }> };
    expect(schema.oneOf.map((s) => s.properties)).toEqual([
      { name: { const: 'get_weather' }, arguments: toGrammarSchema(weather.parameters) },
      { name: { const: 'now' }, arguments: { type: 'object', properties: {} } },
    ]);
  });

  it('parses a forced call, with a fresh id, and nothing that is not one', () => {
    const call = parseForcedCall('{"name":"get_weather","arguments":{"city":"Zug"}}', [weather]);
    expect(call).toEqual({ id: expect.stringMatching(/^call_/), name: 'get_weather', arguments: '{"city":"Zug"}' });
    expect(parseForcedCall('{"name":"get_weather","arguments":{"city":"Zug"}}', [weather])!.id).not.toBe(call!.id);
    expect(parseForcedCall('{"name":"launch","arguments":{}}', [weather])).toBeUndefined();
    expect(parseForcedCall('{"name":"get_weather","arguments":{"ci', [weather])).toBeUndefined();
  });
});
