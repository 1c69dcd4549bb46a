import { describe, expect, it } from 'vitest';
import { parseJobsCommandLine, type JobsRequest } from './args.ts';

const parse = (...argv: string[]) => parseJobsCommandLine(argv) as JobsRequest;

describe('gatehouse-jobs command line', () => {
  it('submit: model, prompt, generation options, waiting by default', () => {
    const r = parse(
      'submit',
      '--model',
      'tiny-chat',
      '--max-tokens',
      '32',
      '--temperature',
      '0.7',
      '--seed',
      '9',
      'hi there',
    );
    expect(r).toMatchObject({ command: 'submit', model: 'tiny-chat', prompt: 'hi there', maxTokens: 32, wait: true });
    expect(r.temperature).toBe(0.7);
    expect(r.seed).toBe(9);
    expect(parse('submit', '--model', 'm', '--no-wait', 'x').wait).toBe(false);
  });

  it("submit --tool (repeatable): JSON objects as the queue's Tool, parameters kept as JSON text", () => {
    const weather = '{"name":"get_weather","description":"Weather now","parameters":{"type":"object"}}';
    const r = parse('submit', '--model', 'm', '--tool', weather, '--tool', '{"name":"now"}', 'weather?');
    expect(r.tools).toEqual([
      { name: 'get_weather', description: 'Weather now', parameters: '{"type":"object"}' },
      { name: 'now' },
    ]);
    expect(parse('submit', '--model', 'm', 'x').tools).toBeUndefined();
    const bad = (tool: string, message: RegExp) =>
      expect(() => parseJobsCommandLine(['submit', '--model', 'm', '--tool', tool, 'x'])).toThrow(message);
    bad('get_weather', /--tool must be JSON/);
    bad('["get_weather"]', /JSON object with a "name"/);
    bad('{"name":"f","parameters":"{}"}', /JSON Schema object/);
    bad('{"name":"f","description":7}', /"description" must be a string/);
  });

  it('shares the network and identity flags of the other CLIs', () => {
    const r = parse(
      'get',
      '--network',
      'ic',
      '--host',
      'https://h',
      '--identity',
      'me.pem',
      '--queue',
      'aaaaa-aa',
      '7',
    );
    expect(r.common).toMatchObject({
      network: 'ic',
      host: 'https://h',
      identity: 'me.pem',
      canisters: { queue: 'aaaaa-aa' },
    });
    expect(r.id).toBe(7n);
  });

  it('refuses mistakes with one line', () => {
    const bad = (argv: string[], message: RegExp) => expect(() => parseJobsCommandLine(argv)).toThrow(message);
    bad(['submit', 'hello'], /needs --model/);
    bad(['submit', '--model', 'm'], /exactly one prompt/);
    bad(['submit', '--model', 'm', 'a', 'b'], /exactly one prompt/);
    bad(['submit', '--model', 'm', '--temperature', 'hot', 'x'], /--temperature must be a number/);
    bad(['get'], /needs a job id/);
    bad(['get', '18446744073709551616'], /not a job id/);
    bad(['cancel', '-1'], /Unknown option|not a job id/);
    bad(['frobnicate'], /unknown command "frobnicate"/);
    bad(['list', '--network', 'mainnet'], /--network must be local or ic/);
    bad(['list', '--bogus'], /Unknown option '--bogus'/);
  });

  it('help with no command or --help', () => {
    expect(parseJobsCommandLine([])).toBe('help');
    expect(parseJobsCommandLine(['submit', '--help'])).toBe('help');
  });
});
