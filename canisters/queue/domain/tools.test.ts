import { describe, expect, it } from 'vitest';

import { ROLES } from '../../shared/testing/roles.ts';
import { complete } from './complete.ts';
import { currentParams } from './config.ts';
import type { Message } from './model.ts';
import { DEFAULT_PARAMS, validateParams } from './params.ts';
import { configCell } from './state.ts';
import { submit } from './submit.ts';
import { jobOf, job, mustLease, snapshot, T0, user, world } from './testing.ts';
import { checkJsonObject, MAX_JSON_DEPTH, type Tool, type ToolCall } from './tools.ts';

const weather: Tool = {
  name: 'get_weather',
  description: 'Current weather of a city',
  parameters: '{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}',
};
const call = (overrides: Partial<ToolCall> = {}): ToolCall => ({
  id: 'call_1',
  name: 'get_weather',
  arguments: '{"city":"Zug"}',
  ...overrides,
});
const assistantCalled = (calls: ToolCall[]): Message => ({ role: { Assistant: null }, content: '', tool_calls: calls });
const toolAnswer = (content: string, id?: string): Message => ({ role: { Tool: null }, content, tool_call_id: id });
const done = (job_id: bigint, token: bigint, tool_calls?: ToolCall[], output = '') => ({
  job_id,
  token,
  output,
  tokens_in: 5,
  tokens_out: 3,
  tool_calls,
});

describe('JSON texts of tools', () => {
  it.each([
    ['an object', '{"a":[1,{"b":"}]"}]}', true],
    ['an empty object', ' {} ', true],
    ['an array', '[1]', false],
    ['a string', '"x"', false],
    ['null', 'null', false],
    ['broken JSON', '{"a":', false],
    [`nesting of ${MAX_JSON_DEPTH} levels`, '{"a":'.repeat(MAX_JSON_DEPTH - 1) + '{}' + '}'.repeat(31), true],
    [`nesting of ${MAX_JSON_DEPTH + 1} levels`, '{"a":'.repeat(MAX_JSON_DEPTH) + '{}' + '}'.repeat(32), false],
    ['100 000 brackets (refused before parsing)', '['.repeat(100_000), false],
    ['brackets inside strings (not nesting)', `{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`, true],
  ])('%s', (_name, text, valid) => {
    expect(checkJsonObject('x', text) === undefined).toBe(valid);
  });
});

describe('submit with tools', () => {
  it('stores the tools and the tool turns, and the lease hands them to the worker', () => {
    const stores = world();
    const messages = [user('weather in Zug?'), assistantCalled([call()]), toolAnswer('sunny', 'call_1')];
    const id = submit(stores, ROLES.stranger, T0, job({ tools: [weather, { name: 'noop' }], messages }));
    expect(id).toEqual({ Ok: 1n });
    expect(jobOf(stores, 1n).tools).toEqual([weather, { name: 'noop' }]);
    const [lease] = mustLease(stores);
    expect(lease).toMatchObject({ job_id: 1n, tools: [weather, { name: 'noop' }], messages });
  });

  it('an empty tool list is a plain chat job', () => {
    const stores = world();
    submit(stores, ROLES.stranger, T0, job({ tools: [] }));
    expect(jobOf(stores, 1n).tools).toBeUndefined();
    expect(mustLease(stores)[0]?.tools).toBeUndefined();
  });

  const tooMany = Array.from({ length: 33 }, (_, i) => ({ name: `t${i}` }));
  const rejects: Array<[string, Parameters<typeof job>[0], string]> = [
    ['more tools than max_tools_per_job', { tools: tooMany }, 'LimitExceeded'],
    ['a tool name with a space', { tools: [{ name: 'get weather' }] }, 'InvalidInput'],
    ['a tool name starting with a digit', { tools: [{ name: '1tool' }] }, 'InvalidInput'],
    ['a tool name of 65 characters', { tools: [{ name: 'a'.repeat(65) }] }, 'InvalidInput'],
    ['an empty tool name', { tools: [{ name: '' }] }, 'InvalidInput'],
    ['two tools of one name', { tools: [weather, { name: 'get_weather' }] }, 'InvalidInput'],
    ['parameters that are not JSON', { tools: [{ name: 'f', parameters: '{type:object}' }] }, 'InvalidInput'],
    ['parameters that are a JSON array', { tools: [{ name: 'f', parameters: '[]' }] }, 'InvalidInput'],
    [
      'tool bytes over max_prompt_bytes together with the messages',
      { messages: [user('a'.repeat(10_000))], tools: [{ name: 'f', description: 'd'.repeat(240) }] },
      'LimitExceeded',
    ],
    ['a Tool turn without tool_call_id', { messages: [user('q'), toolAnswer('sunny')] }, 'InvalidInput'],
    ['a Tool turn with an empty tool_call_id', { messages: [toolAnswer('sunny', ' ')] }, 'InvalidInput'],
    ['a tool_call_id on a User turn', { messages: [{ ...user('q'), tool_call_id: 'c' }] }, 'InvalidInput'],
    ['tool_calls on a User turn', { messages: [{ ...user('q'), tool_calls: [call()] }] }, 'InvalidInput'],
    [
      'an assistant call with array arguments',
      { messages: [assistantCalled([call({ arguments: '[]' })])] },
      'InvalidInput',
    ],
    ['an assistant call without id', { messages: [assistantCalled([call({ id: '' })])] }, 'InvalidInput'],
  ];
  it.each(rejects)('rejects %s and stores nothing', (_name, overrides, kind) => {
    const stores = world();
    const before = snapshot(stores);
    expect(submit(stores, ROLES.stranger, T0, job(overrides))).toEqual({ Err: { [kind]: expect.any(String) } });
    expect(snapshot(stores)).toEqual(before);
  });

  it('max_tools_per_job 0 refuses every job with tools', () => {
    const stores = world({ max_tools_per_job: 0 });
    expect(submit(stores, ROLES.stranger, T0, job({ tools: [weather] }))).toEqual({
      Err: { LimitExceeded: expect.any(String) },
    });
    expect(submit(stores, ROLES.stranger, T0, job())).toEqual({ Ok: 1n });
  });
});

describe('complete with tool calls', () => {
  const leasedWithTools = () => {
    const stores = world();
    submit(stores, ROLES.stranger, T0, job({ tools: [weather] }));
    const [lease] = mustLease(stores);
    return { stores, token: lease!.token };
  };

  it('stores the calls in the completion', () => {
    const { stores, token } = leasedWithTools();
    expect(complete(stores, ROLES.worker, T0, done(1n, token, [call()]))).toEqual({ Ok: null });
    expect(jobOf(stores, 1n).status).toEqual({
      Completed: expect.objectContaining({ output: '', tool_calls: [call()] }),
    });
  });

  it('a text answer of a job with tools has no calls', () => {
    const { stores, token } = leasedWithTools();
    expect(complete(stores, ROLES.worker, T0, done(1n, token, [], 'it is sunny'))).toEqual({ Ok: null });
    const status = jobOf(stores, 1n).status as { Completed: { tool_calls?: ToolCall[] } };
    expect(status.Completed.tool_calls).toBeUndefined();
  });

  const rejects: Array<[string, ToolCall[], string, string?]> = [
    ['a call of a tool the job did not offer', [call({ name: 'launch' })], 'InvalidInput'],
    ['arguments that are not a JSON object', [call({ arguments: '"Zug"' })], 'InvalidInput'],
    ['an empty id', [call({ id: '' })], 'InvalidInput'],
    ['two calls of one id', [call(), call()], 'InvalidInput'],
    ['more calls than max_tool_calls', Array.from({ length: 17 }, (_, i) => call({ id: `c${i}` })), 'LimitExceeded'],
    ['calls that with the output exceed max_output_bytes', [call()], 'LimitExceeded', 'o'.repeat(32_760)],
  ];
  it.each(rejects)('refuses %s and changes nothing', (_name, calls, kind, output) => {
    const { stores, token } = leasedWithTools();
    const before = snapshot(stores);
    expect(complete(stores, ROLES.worker, T0, done(1n, token, calls, output))).toEqual({
      Err: { [kind]: expect.any(String) },
    });
    expect(snapshot(stores)).toEqual(before);
  });

  it('refuses calls for a job that offered no tools', () => {
    const stores = world();
    submit(stores, ROLES.stranger, T0, job());
    const [lease] = mustLease(stores);
    expect(complete(stores, ROLES.worker, T0, done(1n, lease!.token, [call()]))).toEqual({
      Err: { InvalidInput: expect.stringContaining('not one of the job') },
    });
  });
});

describe('tool params', () => {
  it('params stored before the tool limits existed read as their defaults', () => {
    const stores = world();
    const { max_tools_per_job: _t, max_tool_calls: _c, ...old } = DEFAULT_PARAMS;
    configCell(stores).set({ ...configCell(stores).get(), params: old as typeof DEFAULT_PARAMS });
    expect(currentParams(stores)).toEqual(DEFAULT_PARAMS);
  });

  it('the framing of tools and calls counts toward the lease reply limit', () => {
    const big = { ...DEFAULT_PARAMS, max_jobs_per_lease: 2, max_prompt_bytes: 1_000_000 };
    expect('Ok' in validateParams({ ...big, max_tools_per_job: 0, max_tool_calls: 0 })).toBe(true);
    expect(validateParams({ ...big, max_messages: 256, max_tool_calls: 64 })).toEqual({
      Err: { InvalidInput: expect.stringMatching(/lease reply/) },
    });
  });
});
