import { describe, expect, it } from 'vitest';

import { parseCommandLine, type ParsedCommand } from './args.ts';
import { parseDotEnv, resolveConfig } from './config.ts';
import { CliError } from './errors.ts';

const parse = (argv: string[]) => parseCommandLine(argv) as ParsedCommand;

describe('argument parsing', () => {
  it('defaults to localnet, no dry run, the limit 20', () => {
    const p = parse(['list']);
    expect(p.command).toBe('list');
    expect(p.common).toMatchObject({ network: 'local', dryRun: false, canisters: {} });
    expect(p.limit).toBe(20);
  });

  it('reads common, nominate and proposal options', () => {
    const p = parse([
      'nominate',
      '--network',
      'ic',
      '--identity',
      'me.pem',
      '--neuron',
      'ABCD',
      '--governance',
      'aaaaa-aa',
      '--invitation',
      'be2us-64aaa-aaaaa-qaabq-cai',
      '--candidate',
      '2vxsx-fae',
      '--name',
      'Dave',
      '--motivation',
      'GPUs',
      '--model',
      'a',
      '--model',
      'b',
      '--gpu',
      'RTX 4090',
      '--vram-gib',
      '24',
      '--ram-gib',
      '64',
      '--cpu-cores',
      '16',
      '--region',
      'eu',
      '--dry-run',
      '--title',
      'T',
      '--url',
      'https://x',
    ]);
    expect(p.common).toMatchObject({
      network: 'ic',
      identity: 'me.pem',
      neuron: 'abcd',
      governance: 'aaaaa-aa',
      dryRun: true,
      title: 'T',
      url: 'https://x',
    });
    expect(p.common.canisters.invitation).toBe('be2us-64aaa-aaaaa-qaabq-cai');
    expect(p.nominate).toEqual({
      candidate: '2vxsx-fae',
      name: 'Dave',
      motivation: 'GPUs',
      models: ['a', 'b'],
      nomination: undefined,
      hardware: { gpu: 'RTX 4090', vram_gib: 24, ram_gib: 64, cpu_cores: 16, region: 'eu' },
    });
    expect(parse(['nominate', '--nomination', '7']).nominate.nomination).toBe(7n);
  });

  it('reads the llm-params changes', () => {
    const argv = ['llm-params', '--llm', 'w36hm-eqaaa-aaaal-qr76a-cai', '--max-tokens', '512'];
    const p = parse([...argv, '--route', 'a=b', '--route', 'a=c', '--drop-route', 'd', '--drop-route', 'e']);
    expect(p.common.canisters.llm).toBe('w36hm-eqaaa-aaaal-qr76a-cai');
    expect(p.llmParams).toEqual({
      routes: [
        { name: 'a', worker_model: 'b' },
        { name: 'a', worker_model: 'c' },
      ],
      drop: ['d', 'e'],
      timeoutSeconds: undefined,
      maxTokens: 512,
    });
    expect(parse(['list']).llmParams).toEqual({ routes: [], drop: [] });
  });

  it('keeps positionals after the command', () => {
    expect(parse(['vote', '12', 'yes']).positionals).toEqual(['12', 'yes']);
    expect(parse(['propose', 'suspend-contributor', '--payload', '{}']).payload).toBe('{}');
  });

  it('--help and no command print the usage', () => {
    expect(parseCommandLine(['--help'])).toBe('help');
    expect(parseCommandLine([])).toBe('help');
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['list', '--network', 'mainnet'], /--network must be local or ic/],
    [['vote', '1', 'yes', '--neuron', 'xyz'], /--neuron must be the neuron id in hex/],
    [['list', '--limit', 'ten'], /--limit must be a non-negative integer/],
    [['nominate', '--ram-gib', '4294967296'], /--ram-gib must be a non-negative integer below 2\^32/],
    [['llm-params', '--route', 'llama3.1:8b'], /--route must be NAME=WORKER_MODEL/],
    [['llm-params', '--route', '=tiny-chat'], /--route must be NAME=WORKER_MODEL/],
    [['nominate', '--nomination', 'one'], /--nomination must be a nomination id/],
    [['list', '--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with one line', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(CliError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});

describe('network configuration', () => {
  it('parses .env lines the way localnet writes them', () => {
    expect(
      parseDotEnv('DFX_NETWORK=\'local\'\n# c\nCANISTER_ID_REGISTRY="bd3sg-teaaa-aaaaa-qaaba-cai"\nexport X=1\n'),
    ).toEqual({
      DFX_NETWORK: 'local',
      CANISTER_ID_REGISTRY: 'bd3sg-teaaa-aaaaa-qaaba-cai',
      X: '1',
    });
  });

  it('local: .env ids, flags win; ic: flags or the environment, governance only as a flag', () => {
    const env = {
      CANISTER_ID_REGISTRY: 'bd3sg-teaaa-aaaaa-qaaba-cai',
      CANISTER_ID_SNS_GOVERNANCE: 'bkyz2-fmaaa-aaaaa-qaaaq-cai',
      CANISTER_ID_LLM: 'w36hm-eqaaa-aaaal-qr76a-cai',
    };
    const local = resolveConfig(parse(['list', '--queue', 'br5f7-7uaaa-aaaaa-qaaca-cai']).common, env, '/nonexistent');
    expect(local.host).toBe('http://127.0.0.1:4943');
    expect(local.fetchRootKey).toBe(true);
    expect(local.governance?.toText()).toBe('bkyz2-fmaaa-aaaaa-qaaaq-cai');
    expect(local.canisters.registry?.toText()).toBe('bd3sg-teaaa-aaaaa-qaaba-cai');
    expect(local.canisters.queue?.toText()).toBe('br5f7-7uaaa-aaaaa-qaaca-cai');
    expect(local.canisters.llm?.toText()).toBe('w36hm-eqaaa-aaaal-qr76a-cai');
    const ic = resolveConfig(parse(['list', '--network', 'ic']).common, env, '/nonexistent');
    expect(ic).toMatchObject({ host: 'https://icp-api.io', fetchRootKey: false, governance: undefined });
    expect(ic.canisters.registry?.toText()).toBe('bd3sg-teaaa-aaaaa-qaaba-cai');
    expect(() => resolveConfig(parse(['list', '--registry', 'nope']).common, {}, '/nonexistent')).toThrow(
      '--registry is not a principal: "nope"',
    );
  });
});
