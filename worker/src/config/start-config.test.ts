import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK, parseStartConfig } from './start-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'worker-config-'));
const model = join(dir, 'm.gguf');
writeFileSync(model, 'x');
writeFileSync(join(dir, '.env'), "DFX_NETWORK='local'\nCANISTER_ID_QUEUE='br5f7-7uaaa-aaaaa-qaaca-cai'\n");

describe('parseStartConfig', () => {
  it('takes defaults, the queue id from .env, and models from --model', () => {
    const c = parseStartConfig(['--model', `tiny=${model}`], {}, dir);
    expect(c).toMatchObject({
      network: DEFAULT_NETWORK,
      queueId: 'br5f7-7uaaa-aaaaa-qaaca-cai',
      models: [{ name: 'tiny', path: model }],
      threads: 1,
      concurrency: 1,
      metricsPort: 9464,
      networkWaitMs: 0,
    });
  });

  it('prefers options over environment over defaults', () => {
    const env = {
      GATEHOUSE_NETWORK: 'http://10.0.0.1:8080',
      GATEHOUSE_THREADS: '4',
      GATEHOUSE_MODELS: `a=${model},b=${model}`,
      CANISTER_ID_QUEUE: 'aaaaa-aa',
    };
    const c = parseStartConfig(['--threads', '2', '--metrics-port', 'off'], env, dir);
    expect(c).toMatchObject({
      network: 'http://10.0.0.1:8080',
      threads: 2,
      queueId: 'aaaaa-aa',
      metricsPort: undefined,
    });
    expect(c.models.map((m) => m.name)).toEqual(['a', 'b']);
  });

  it('says what is wrong in one line', () => {
    const bad = (argv: string[], message: RegExp) => expect(() => parseStartConfig(argv, {}, dir)).toThrow(message);
    bad([], /no model/);
    bad(['--model', 'tiny=/nope.gguf'], /model file not found: \/nope.gguf/);
    bad(['--model', 'noequals'], /name=path.gguf/);
    bad(['--model', `a=${model}`, '--model', `a=${model}`], /given twice/);
    bad(['--model', `a=${model}`, '--threads', 'two'], /--threads must be an integer/);
    bad(['--model', `a=${model}`, '--bogus'], /Unknown option '--bogus'/);
    bad(['--model', `a=${model}`, '--poll-min-ms', '900', '--poll-max-ms', '100'], /at least --poll-min-ms/);
    bad(['--model', `a=${model}`, '--network-wait-ms', '600001'], /--network-wait-ms must be an integer in 0..600000/);
    expect(() => parseStartConfig(['--model', `a=${model}`], {}, tmpdir())).toThrow(/no queue canister id/);
  });
});
