import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ADMIT_CONTRIBUTOR, encodePayload, functionByKey, toHex } from '@gatehouse/clients';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { beforeAll, describe, expect, it } from 'vitest';

import { capture, closedPort, writePem } from '../test/support.ts';
import { DEV_IDENTITY_FILE } from './identity.ts';
import { runCli } from './main.ts';

const IDS = [
  '--governance',
  'bkyz2-fmaaa-aaaaa-qaaaq-cai',
  '--registry',
  'bd3sg-teaaa-aaaaa-qaaba-cai',
  '--invitation',
  'be2us-64aaa-aaaaa-qaabq-cai',
  '--queue',
  'br5f7-7uaaa-aaaaa-qaaca-cai',
];
const NEURON = 'ab'.repeat(32);
const CONTRIBUTOR = 'xkbqi-2qaaa-aaaah-qbpqq-cai';

describe('--dry-run (no replica: the host has no listener, so anything sent would fail)', () => {
  let offline: string[];
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'proposals-dry-'));
    const me = writePem(dir, 'me', Ed25519KeyIdentity.generate(new Uint8Array(32).fill(3)));
    offline = ['--host', `http://127.0.0.1:${await closedPort()}`, '--identity', me, ...IDS];
  });

  it('propose prints the exact manage_neuron argument, the payload hex and the decoded payload', async () => {
    const { out, err, io } = capture();
    const payload = JSON.stringify({ contributor: CONTRIBUTOR, reason: 'offline for a week' });
    const code = await runCli(
      ['propose', 'suspend-contributor', '--payload', payload, '--neuron', NEURON, '--dry-run', ...offline],
      io,
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const fn = functionByKey('suspend-contributor')!;
    const hex = toHex(
      encodePayload(fn, {
        contributor: (await import('@icp-sdk/core/principal')).Principal.fromText(CONTRIBUTOR),
        reason: 'offline for a week',
      }),
    );
    expect(out[0]).toBe('dry run: this proposal is NOT sent');
    expect(out[1]).toMatch(/^manage_neuron \(\d+ bytes of Candid\):$/);
    expect(out[2]).toContain('MakeProposal');
    expect(out[2]).toContain('ExecuteGenericNervousSystemFunction');
    expect(out[2]).toContain('function_id=1001');
    expect(out[2]).toContain('title="Suspend contributor"');
    expect(out[2]).toContain(`subaccount=vec {${Array(32).fill('171').join('; ')}}`);
    expect(out[2]).toContain(
      'summary="Suspends an active contributor: the queue stops leasing jobs to the contributor\'s workers at once.\\n\\nPayload: ',
    );
    expect(out[3]).toBe(
      'function: 1001 Suspend contributor (ApplicationBusinessLogic) -> registry.suspend_contributor, validator registry.validate_suspend_contributor',
    );
    expect(out[4]).toBe(`payload hex: ${hex}`);
    expect(out[5]).toBe(`payload: record {reason="offline for a week"; contributor=principal "${CONTRIBUTOR}"}`);
    expect(out).toHaveLength(6);
  });

  it('nominate prints the nominate call and the admit proposal without calling anything', async () => {
    const { out, err, io } = capture();
    const code = await runCli(
      [
        'nominate',
        '--candidate',
        CONTRIBUTOR,
        '--name',
        'Dave',
        '--motivation',
        'Two GPUs',
        '--cpu-cores',
        '8',
        '--ram-gib',
        '32',
        '--model',
        'tiny-chat',
        '--neuron',
        NEURON,
        '--dry-run',
        ...offline,
      ],
      io,
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toMatch(
      /^dry run: invitation.nominate would be called with .*"candidate":"xkbqi-2qaaa-aaaah-qbpqq-cai"/,
    );
    expect(out).toContain(`payload hex: ${toHex(encodePayload(ADMIT_CONTRIBUTOR, { nomination_id: 0n }))}`);
    expect(out).toContain('payload: record {nomination_id=0}');
    expect(out.join('\n')).toContain('title="Admit Dave as a Gatehouse contributor"');
  });

  it('vote --dry-run names the vote', async () => {
    const { out, io } = capture();
    expect(await runCli(['vote', '4', 'no', '--neuron', NEURON, '--dry-run', ...offline], io)).toBe(0);
    expect(out).toEqual([`dry run: would vote no on proposal 4 with neuron ${NEURON}`]);
  });

  it('refuses a file that is not an Ed25519 PEM in one line', async () => {
    writeFileSync(join(dir, 'bad.pem'), 'not a key');
    const { err, io } = capture();
    expect(await runCli(['vote', '1', 'yes', '--dry-run', ...offline, '--identity', join(dir, 'bad.pem')], io)).toBe(1);
    expect(err).toEqual([
      `proposals: ${join(dir, 'bad.pem')}: not a PEM private key (expected PKCS#8 Ed25519, "-----BEGIN PRIVATE KEY-----")`,
    ]);
  });

  it('on local without --identity, signs with the dev identity file localnet wrote, and says so when there is none', async () => {
    const project = mkdtempSync(join(tmpdir(), 'proposals-dev-'));
    const noIdentity = offline.filter((a, i) => a !== '--identity' && offline[i - 1] !== '--identity');
    const missing = capture();
    expect(await runCli(['whoami', ...noIdentity], { ...missing.io, cwd: project })).toBe(1);
    expect(missing.err[0]).toMatch(
      /^proposals: cannot read the localnet dev identity .*dev-identity\.pem: ENOENT; deploy first \(npm start\) or pass --identity <pem>$/,
    );
    const dev = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(9));
    mkdirSync(join(project, '.localnet'));
    writePem(join(project, '.localnet'), 'dev-identity', dev);
    expect(join(project, '.localnet', 'dev-identity.pem')).toBe(join(project, DEV_IDENTITY_FILE));
    const found = capture();
    expect(
      await runCli(['vote', '4', 'no', '--neuron', NEURON, '--dry-run', ...noIdentity], { ...found.io, cwd: project }),
    ).toBe(0);
    const whoami = capture();
    await runCli(['whoami', ...noIdentity], { ...whoami.io, cwd: project });
    expect(whoami.out[0]).toBe(`principal ${dev.getPrincipal().toText()} (local, ${noIdentity[1]})`);
  });
});

describe('one-line errors', () => {
  it.each([
    [
      ['propose', 'launch-rockets', '--payload', '{}', '--neuron', NEURON, '--dry-run', ...IDS],
      /^proposals: unknown function "launch-rockets"; known: admit-contributor \(1000\), /,
    ],
    [
      [
        'propose',
        'suspend-contributor',
        '--payload',
        '{"contributor":"nope","reason":""}',
        '--neuron',
        NEURON,
        '--dry-run',
        ...IDS,
      ],
      /^proposals: --payload does not fit suspend-contributor: \.contributor: not a principal: "nope"$/,
    ],
    [
      ['propose', 'add-node-provider', '--payload', '{"id":"aaaaa-aa"}', '--neuron', NEURON, '--dry-run', ...IDS],
      /^proposals: --payload does not fit add-node-provider: \.display_name: missing$/,
    ],
    [['vote', '1', 'maybe', '--neuron', NEURON, ...IDS], /^proposals: vote must be yes or no, got "maybe"$/],
    [
      ['nominate', '--candidate', CONTRIBUTOR, '--name', 'D', '--neuron', NEURON, '--dry-run', ...IDS],
      /^proposals: nominate needs --motivation, --cpu-cores, --ram-gib \(or --nomination <id> to propose an existing nomination\)$/,
    ],
    [['list', '--network', 'ic'], /^proposals: --governance <SNS governance canister id> is required on --network ic$/],
    [
      ['vote', '1', 'yes', '--network', 'ic', '--governance', 'aaaaa-aa'],
      /^proposals: --identity <pem> is required on --network ic/,
    ],
  ])('%j', async (argv, message) => {
    const { err, io } = capture();
    expect(await runCli(argv, io)).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
  });

  it('network down', async () => {
    const port = await closedPort();
    const { err, io } = capture();
    expect(await runCli(['list', '--host', `http://127.0.0.1:${port}`, ...IDS], io)).toBe(1);
    expect(err).toEqual([
      `proposals: network down: cannot reach http://127.0.0.1:${port} (ECONNREFUSED); is it running? (local: npm start)`,
    ]);
  });
});
