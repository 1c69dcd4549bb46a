/** Model-dependent: function calling through real node-llama-cpp on the generated tiny model, in a real child. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelHost, type InferenceRequest, type InferenceResult, type ToolSpec } from '../src/inference/index.ts';
import { ensureTinyModel } from './tiny-model.ts';

const CITIES = ['Zug', 'Bern', 'Basel'];
const TOOLS: ToolSpec[] = [
  {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', enum: CITIES },
        unit: { enum: ['celsius', 'fahrenheit'] },
        note: { type: 'string', maxLength: 8 },
      },
      required: ['city', 'unit'],
    },
  },
  { name: 'get_time', description: 'The time now', parameters: { type: 'object', properties: {} } },
];
const REQUIRED: Record<string, string[]> = { get_weather: ['city', 'unit'], get_time: [] };

const ask = (over: Partial<InferenceRequest> = {}): InferenceRequest => ({
  messages: [{ role: 'user', content: 'Weather in Zug?' }],
  maxTokens: 8,
  ...over,
});

function expectOk(result: InferenceResult): asserts result is Extract<InferenceResult, { ok: true }> {
  if (!result.ok) throw new Error(`job failed: ${result.code}: ${result.reason}`);
}

describe('function calling on the tiny model', () => {
  let host: ModelHost;
  beforeAll(async () => {
    // Byte-level vocabulary: the tools' documentation takes hundreds of tokens, so a larger context than chat.
    host = new ModelHost({ modelPath: await ensureTinyModel(), threads: 1, contextSize: 2048, slots: 1 });
    await host.start();
  });
  afterAll(() => host?.close());

  // The tiny model's weights are random-ish: left to itself it never chooses to call a function, so only a
  // grammar that admits nothing but a call can show the call path end to end (tool_choice "required").
  it('a forced call names one of the tools and its arguments are a JSON object with the required keys', async () => {
    for (const seed of [1, 2, 3]) {
      const result = await host.run(
        ask({ tools: TOOLS, toolChoice: 'required', maxTokens: 160, temperature: 1, seed }),
      );
      expectOk(result);
      expect(result.text).toBe('');
      expect(result.toolCalls).toHaveLength(1);
      const [call] = result.toolCalls!;
      expect(call!.id).toMatch(/^call_[\w-]{12}$/);
      expect(Object.keys(REQUIRED)).toContain(call!.name);
      const args = JSON.parse(call!.arguments) as Record<string, unknown>;
      expect(typeof args === 'object' && args !== null && !Array.isArray(args)).toBe(true);
      for (const key of REQUIRED[call!.name]!) expect(args).toHaveProperty(key);
      if (call!.name === 'get_weather') {
        expect(CITIES).toContain(args.city);
        expect(['celsius', 'fahrenheit']).toContain(args.unit);
      }
    }
  });

  it('offered tools (not forced) reach the prompt through the chat wrapper, and the model may answer in text', async () => {
    const plain = await host.run(ask());
    const offered = await host.run(ask({ tools: TOOLS }));
    expectOk(plain);
    expectOk(offered);
    // The functions' documentation (names, descriptions, parameter schemas) is part of what the model read.
    expect(offered.tokensIn).toBeGreaterThan(plain.tokensIn + 100);
    for (const call of offered.toolCalls ?? []) expect(Object.keys(REQUIRED)).toContain(call.name);
  });

  it('renders earlier calls and their results into the history the model continues', async () => {
    const called = (result: string): InferenceRequest =>
      ask({
        tools: TOOLS,
        messages: [
          { role: 'user', content: 'Weather in Zug?' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'call_a', name: 'get_weather', arguments: '{"city":"Zug","unit":"celsius"}' }],
          },
          { role: 'tool', content: result, toolCallId: 'call_a' },
        ],
      });
    const short = await host.run(called('rain'));
    const long = await host.run(called('rain, 12 degrees, wind from the west at 30 km/h'));
    expectOk(short);
    expectOk(long);
    // 43 more characters of the tool's result: some 30 more tokens in the tiny vocabulary, none if it were dropped.
    expect(long.tokensIn - short.tokensIn).toBeGreaterThan(20);
  });

  it('refuses a forced call without tools as an invalid request', async () => {
    const result = await host.run(ask({ toolChoice: 'required' }));
    expect(result).toMatchObject({ ok: false, code: 'invalid-request', retryable: false });
  });
});
