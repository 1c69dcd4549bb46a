import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildTinyModel } from '../src/model/tiny-model.ts';

const script = fileURLToPath(new URL('./make-tiny-model.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', tsx, script, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('make-tiny-model CLI', () => {
  it('writes the same bytes as the pure builder for the given shape', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'make-tiny-'));
    try {
      const out = join(dir, 'nested', 'm.gguf');
      const result = await cli(['--out', out, '--width', '32', '--layers', '1', '--seed', '9', '--f16']);
      expect(result).toMatchObject({ code: 0 });
      expect(result.stdout).toMatch(/wrote .*m\.gguf \(\d+ bytes\)/);
      const expected = buildTinyModel({ width: 32, layers: 1, seed: 9, f16: true });
      expect((await readFile(out)).equals(Buffer.from(expected))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('explains bad arguments in one line', async () => {
    expect(await cli([])).toMatchObject({ code: 2, stderr: expect.stringMatching(/usage: make-tiny-model/) });
    const bad = await cli(['--out', join(tmpdir(), 'never.gguf'), '--width', '60', '--heads', '8']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^make-tiny-model: width 60 is not divisible by heads 8$/);
  });
});
