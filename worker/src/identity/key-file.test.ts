import { chmodSync, lstatSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeKeyFile } from './key-file.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'key-file-'));
const mode = (path: string) => lstatSync(path).mode & 0o777;

describe('writeKeyFile', () => {
  it('creates the key 0600 and refuses to replace it unless asked', () => {
    const path = join(dir(), 'sub', 'worker.pem');
    writeKeyFile(path, 'one', { replace: false });
    expect(mode(path)).toBe(0o600);
    expect(() => writeKeyFile(path, 'two', { replace: false })).toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('one');
  });

  it('leaves a replaced key 0600 even when the old file was world-readable, with no temporary left over', () => {
    const d = dir();
    const path = join(d, 'worker.pem');
    writeFileSync(path, 'old');
    chmodSync(path, 0o644);
    writeKeyFile(path, 'new', { replace: true });
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(mode(path)).toBe(0o600);
    expect(readdirSync(d)).toEqual(['worker.pem']);
  });

  it('refuses to write through a symlink, even with replace, and leaves its target untouched', () => {
    const d = dir();
    const target = join(d, 'elsewhere.txt');
    writeFileSync(target, 'precious');
    const link = join(d, 'worker.pem');
    symlinkSync(target, link);
    expect(() => writeKeyFile(link, 'key', { replace: true })).toThrow(/symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const dangling = join(d, 'dangling.pem');
    symlinkSync(join(d, 'nowhere.pem'), dangling);
    expect(() => writeKeyFile(dangling, 'key', { replace: false })).toThrow(/symbolic link/);
    expect(readdirSync(d).sort()).toEqual(['dangling.pem', 'elsewhere.txt', 'worker.pem']);
  });
});
