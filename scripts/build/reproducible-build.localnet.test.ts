import { IDL } from '@dfinity/candid';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNet } from '../../localnet/src/index.ts';
import { encodeInit } from '../../test/support/deploy.ts';
import { ROLES } from '../../canisters/shared/testing/roles.ts';
import { projectRoot } from '../dfx-project.ts';
import { customSections } from './wasm-sections.ts';
import { Principal } from '@icp-sdk/core/principal';

/**
 * The same sources build to the same bytes in two folders (issue 15: anyone can check an upgrade proposal's
 * hash), and what a canister says when it traps names no folder of the machine that built it.
 */
const SOURCES = ['canisters', 'scripts', 'dfx.json', 'package.json', 'tsconfig.json'];

/** A copy of the project's sources in a fresh folder, sharing node_modules through a symlink. */
function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-repro-'));
  for (const path of SOURCES) {
    cpSync(join(projectRoot, path), join(dir, path), {
      recursive: true,
      filter: (source) => !source.includes('/.azle'),
    });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function buildQueue(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(dir, 'node_modules/.bin/tsx'),
      ['scripts/build-canisters.ts', '--only', 'queue', '--hashes'],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`build in ${dir} failed:\n${err}`))));
  });
}

describe('reproducible build', () => {
  const folders = [copyProject(), copyProject()];
  let hashes: string[] = [];
  let wasm: Uint8Array;

  beforeAll(async () => {
    hashes = await Promise.all(folders.map(buildQueue));
    wasm = new Uint8Array(readFileSync(join(folders[0]!, '.azle/queue/queue.wasm')));
  }, 240_000);
  afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('gives byte-identical wasm and gzip in two folders, and --hashes says so', () => {
    expect(hashes[0]).toMatch(
      /^[0-9a-f]{64} {2}\.azle\/queue\/queue\.wasm\n[0-9a-f]{64} {2}\.azle\/queue\/queue\.wasm\.gz\n$/,
    );
    expect(hashes[1]).toBe(hashes[0]);
    const [a, b] = folders.map((dir) => readFileSync(join(dir, '.azle/queue/queue.wasm.gz')));
    expect(Buffer.compare(a!, b!)).toBe(0);
    // gzip header: no modification time, no file name (FLG bit 3).
    expect([...a!.subarray(3, 8)]).toEqual([0, 0, 0, 0, 0]);
  });

  it('has no build folder inside the wasm', () => {
    const text = Buffer.from(wasm).toString('latin1');
    for (const dir of [...folders, projectRoot]) expect(text).not.toContain(dir);
    expect(text).toContain('.azle/queue/main.js');
  });

  it('embeds the metadata dfx.json declares', () => {
    const sections = customSections(wasm);
    const did = readFileSync(join(folders[0]!, 'canisters/queue/queue.did'), 'utf8');
    expect(new TextDecoder().decode(sections.get('icp:public candid:service'))).toBe(did);
    expect(new TextDecoder().decode(sections.get('icp:public cdk:name'))).toBe('azle');
  });

  it('traps on undecodable Candid with a message that names no build folder', async () => {
    const net = await LocalNet.start();
    try {
      const id = await net.createCanister();
      const p = (text: string) => Principal.fromText(text);
      await net.install(
        id,
        wasm,
        encodeInit.queue({ governance: p(ROLES.governance), registry: p(ROLES.registryCanister) }),
      );
      const result = await net.query(id, 'get_job', new Uint8Array(IDL.encode([IDL.Text], ['not a job id'])));
      expect('reject' in result).toBe(true);
      const message = 'reject' in result ? result.reject.message : '';
      expect(message).toContain('type mismatch: type on the wire text, expect type nat64');
      expect(message).toContain('(.azle/queue/main.js:');
      for (const dir of [...folders, projectRoot]) expect(message).not.toContain(dir);
    } finally {
      await net.close();
    }
  });
});
