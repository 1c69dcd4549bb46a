import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { identityToPem, type Contributor } from '@gatehouse/clients';
import { describe, expect, it } from 'vitest';
import { CommandError, ConfigError } from '../config/errors.ts';
import { QueueError } from '../queue/errors.ts';
import type { RegistryClient } from '../registry/client.ts';
import { keysCommand, keysFailure } from './keys-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'worker-keys-'));
const key = (name: string) => {
  const identity = Ed25519KeyIdentity.generate();
  const path = join(dir, `${name}.pem`);
  writeFileSync(path, identityToPem(identity));
  return { path, principal: identity.getPrincipal(), text: identity.getPrincipal().toText() };
};
const contributor = key('contributor');
const worker = key('worker');
const NET = 'http://127.0.0.1:4943';
const BASE = ['--registry', 'aaaaa-aa', '--network', NET];

/** An in-memory registry with the canister's bind rules that matter here; records who signed. */
function fakeRegistry(o: { active?: boolean; fail?: QueueError } = {}) {
  const keys: Principal[] = [];
  const record = (): Contributor =>
    ({
      id: contributor.principal,
      display_name: 'Carol',
      sponsor: contributor.principal,
      proposal_id: 2n,
      status: o.active === false ? { Suspended: null } : { Active: null },
      hardware: { gpu: 'none', vram_gib: 0, ram_gib: 8, cpu_cores: 4, region: 'eu' },
      models: ['tiny-chat'],
      worker_keys: [...keys],
      admitted_at: 0n,
      updated_at: 0n,
    }) satisfies Contributor;
  const signers: string[] = [];
  const offers: string[] = [];
  let signer = '';
  const client: RegistryClient = {
    async offerWorkerKey(k) {
      if (o.fail) throw o.fail;
      if (o.active === false) throw new QueueError('unauthorized', 'only Active contributors may offer worker keys');
      if (signer !== contributor.text) throw new QueueError('unauthorized', 'only the contributor offers');
      offers.push(k.toText());
    },
    async acceptWorkerKey(c) {
      if (c.toText() !== contributor.text || !offers.includes(signer))
        throw new QueueError('not-found', `contributor ${c.toText()} has no open offer for ${signer}`);
      keys.push(worker.principal);
    },
    async unbindWorkerKey(k) {
      const i = keys.findIndex((x) => x.toText() === k.toText());
      if (i < 0) throw new QueueError('not-found', `${k.toText()} is not one of your worker keys`);
      keys.splice(i, 1);
    },
    contributor: async (id) => (id.toText() === contributor.text ? record() : undefined),
    roleOf: async (id) =>
      (keys.some((k) => k.toText() === id.toText())
        ? { Worker: { contributor: contributor.principal, active: true } }
        : { None: null }) as never,
    params: async () => ({ max_worker_keys: 8 }) as never,
  };
  const connect = async (c: { identity: { getPrincipal(): Principal } }) => {
    signer = c.identity.getPrincipal().toText();
    signers.push(signer);
    return client;
  };
  return { keys, signers, connect };
}

const run = async (argv: string[], registry = fakeRegistry()) => {
  const out: string[] = [];
  const code = await keysCommand(argv, {}, dir, (l) => out.push(l), registry.connect);
  return { code, out };
};

describe('keys command', () => {
  it('bind offers as the contributor and accepts as the --identity key, prints one line; unbind reverses it', async () => {
    const registry = fakeRegistry();
    expect(
      await run(['bind', '--contributor', contributor.path, '--identity', worker.path, ...BASE], registry),
    ).toEqual({
      code: 0,
      out: [`bound ${worker.text} to contributor ${contributor.text} (1 of 8 keys)`],
    });
    expect(registry.signers).toEqual([contributor.text, worker.text]);
    expect(registry.keys.map((k) => k.toText())).toEqual([worker.text]);
    expect((await run(['list', '--of', worker.text, ...BASE], registry)).out).toEqual([
      `worker key ${worker.text}: bound to contributor ${contributor.text} (active)`,
      `contributor ${contributor.text} "Carol": Active, 1 of 8 worker keys`,
      `  ${worker.text}`,
    ]);
    expect(
      await run(['unbind', '--contributor', contributor.path, '--worker', worker.text, ...BASE], registry),
    ).toEqual({
      code: 0,
      out: [`unbound ${worker.text} from contributor ${contributor.text} (0 of 8 keys)`],
    });
    expect(registry.keys).toEqual([]);
  });

  it('ends with one line and a non-zero exit for refusals and unreachable networks', async () => {
    const refused = run(
      ['bind', '--contributor', contributor.path, '--identity', worker.path, ...BASE],
      fakeRegistry({ active: false }),
    );
    await expect(refused).rejects.toThrow(
      new CommandError(
        `cannot bind ${worker.text} to contributor ${contributor.text}: Unauthorized: only Active contributors may offer worker keys (is the nomination adopted? \`keys list --of ${contributor.text}\` shows the status)`,
      ),
    );
    await expect(refused.catch((e: CommandError) => e.exitCode)).resolves.toBe(1);
    await expect(run(['unbind', '--contributor', contributor.path, '--worker', worker.text, ...BASE])).rejects.toThrow(
      `cannot unbind ${worker.text} from contributor ${contributor.text}: NotFound: ${worker.text} is not one of your worker keys`,
    );
    await expect(run(['list', '--of', worker.text, ...BASE])).rejects.toThrow(
      `${worker.text} is not a contributor (registry role: None)`,
    );
    const down = run(
      ['bind', '--contributor', contributor.path, '--identity', worker.path, ...BASE],
      fakeRegistry({ fail: new QueueError('network', 'fetch failed: connect ECONNREFUSED 127.0.0.1:4943') }),
    );
    await expect(down).rejects.toThrow(
      new ConfigError(`cannot reach the network at ${NET}: fetch failed: connect ECONNREFUSED 127.0.0.1:4943`),
    );
    await expect(run(['bind', '--contributor', contributor.path, '--worker', worker.text, ...BASE])).rejects.toThrow(
      "keys bind needs the worker key's own signature to accept: pass --identity FILE, not --worker",
    );
    await expect(run(['bind', '--contributor', join(dir, 'missing.pem'), ...BASE])).rejects.toThrow(
      /^identity file not found: .*missing\.pem/,
    );
  });

  it('keysFailure names the variant and adds a hint where one helps', () => {
    const names = { action: 'bind' as const, worker: worker.text, contributor: contributor.text, network: NET };
    const line = (e: unknown, o = names) => keysFailure(e, o).message;
    expect(line(new QueueError('conflict', `${worker.text} is already one of your worker keys`))).toBe(
      `cannot bind ${worker.text} to contributor ${contributor.text}: Conflict: ${worker.text} is already one of your worker keys`,
    );
    expect(line(new QueueError('limit-exceeded', 'you already have 8 worker keys'))).toBe(
      `cannot bind ${worker.text} to contributor ${contributor.text}: LimitExceeded: you already have 8 worker keys (unbind a key you no longer use first: keys unbind)`,
    );
    expect(
      line(new QueueError('invalid-input', 'a contributor cannot bind its own principal as a worker key'), {
        ...names,
        worker: contributor.text,
      }),
    ).toMatch(
      /InvalidInput: a contributor cannot bind its own principal as a worker key \(pass the worker's own key, e\.g\. --identity worker\.pem\)$/,
    );
    expect(keysFailure(new QueueError('conflict', 'x'), names).exitCode).toBe(1);
    expect(keysFailure(new QueueError('network', 'timeout'), names)).toBeInstanceOf(ConfigError);
  });

  it('prints its help', async () => {
    expect((await run(['--help'])).out.join('\n')).toMatch(
      /keys bind[\s\S]*--contributor[\s\S]*--registry .*CANISTER_ID_REGISTRY/,
    );
  });
});
