import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKeysConfig } from './keys-config.ts';
import { DEFAULT_IDENTITY, DEFAULT_NETWORK } from './options.ts';

const dir = mkdtempSync(join(tmpdir(), 'worker-keys-config-'));
writeFileSync(join(dir, '.env'), "DFX_NETWORK='local'\nCANISTER_ID_REGISTRY='bkyz2-fmaaa-aaaaa-qaaaq-cai'\n");
const WORKER = 'ggcew-w36hv-5g6ut-asu5n-yawtw-ucsb7-vmzdt-yfzo3-ck2vl-rpiq7-zae';

describe('parseKeysConfig', () => {
  it('bind: the registry id from .env, the worker key from the default identity file, the contributor key resolved', () => {
    const c = parseKeysConfig('bind', ['--contributor', 'c.pem'], {}, dir);
    expect(c).toEqual({
      action: 'bind',
      network: DEFAULT_NETWORK,
      registryId: 'bkyz2-fmaaa-aaaaa-qaaaq-cai',
      contributorPath: join(process.cwd(), 'c.pem'),
      worker: { identityPath: DEFAULT_IDENTITY },
    });
  });

  it('prefers options over environment over .env; --worker names the key directly', () => {
    const env = {
      GATEHOUSE_NETWORK: 'http://10.0.0.1:8080/',
      CANISTER_ID_REGISTRY: 'aaaaa-aa',
      GATEHOUSE_IDENTITY: '/keys/w.pem',
    };
    expect(parseKeysConfig('unbind', ['--contributor', '/c.pem'], env, dir)).toMatchObject({
      network: 'http://10.0.0.1:8080',
      registryId: 'aaaaa-aa',
      worker: { identityPath: '/keys/w.pem' },
    });
    const c = parseKeysConfig(
      'unbind',
      ['--contributor', '/c.pem', '--worker', WORKER, '--registry', 'rrkah-fqaaa-aaaaa-aaaaq-cai'],
      env,
      dir,
    );
    expect(c).toMatchObject({ action: 'unbind', registryId: 'rrkah-fqaaa-aaaaa-aaaaq-cai' });
    expect(c.action !== 'list' && 'principal' in c.worker && c.worker.principal.toText()).toBe(WORKER);
  });

  it('list takes --contributor FILE or --of PRINCIPAL', () => {
    expect(parseKeysConfig('list', ['--contributor', '/c.pem'], {}, dir)).toMatchObject({
      action: 'list',
      subject: { contributorPath: '/c.pem' },
    });
    const of = parseKeysConfig('list', ['--of', WORKER], {}, dir);
    expect(of.action === 'list' && 'principal' in of.subject && of.subject.principal.toText()).toBe(WORKER);
  });

  it('says what is wrong in one line', () => {
    const bad = (action: string | undefined, argv: string[], message: RegExp) =>
      expect(() => parseKeysConfig(action, argv, {}, dir)).toThrow(message);
    bad(undefined, [], /^missing keys action \(bind \| unbind \| list\)$/);
    bad('add', [], /^unknown keys action "add" \(bind \| unbind \| list\)$/);
    bad('bind', [], /^keys bind needs --contributor FILE/);
    bad('unbind', ['--identity', 'w.pem'], /^keys unbind needs --contributor FILE/);
    bad(
      'bind',
      ['--contributor', 'c.pem', '--worker', WORKER, '--identity', 'w.pem'],
      /^pass --worker PRINCIPAL or --identity FILE, not both$/,
    );
    bad(
      'bind',
      ['--contributor', 'c.pem', '--worker', 'not-a-principal'],
      /^--worker must be a principal .* got "not-a-principal"$/,
    );
    bad('bind', ['--contributor', 'c.pem', '--of', WORKER], /^--of is for keys list/);
    bad('bind', ['--contributor', 'c.pem', '--network', 'localhost:4943'], /^--network must be an http\(s\) URL/);
    bad('bind', ['--contributor', 'c.pem', '--bogus'], /Unknown option '--bogus'/);
    bad('list', [], /^keys list needs one of --contributor FILE or --of PRINCIPAL$/);
    bad('list', ['--contributor', 'c.pem', '--of', WORKER], /^keys list needs one of/);
    bad('list', ['--of', WORKER, '--worker', WORKER], /^--worker is for keys bind\/unbind/);
    expect(() => parseKeysConfig('bind', ['--contributor', 'c.pem'], {}, tmpdir())).toThrow(
      /^no registry canister id: pass --registry, or set CANISTER_ID_REGISTRY/,
    );
  });
});
