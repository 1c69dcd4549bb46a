/**
 * npm start's steps that act as the personas: dora's admission (nominated by nora, adopted by alice's and bob's
 * votes), the demo worker's key bound to her, the personas' keys written for the CLIs. start.ts imports this module
 * once localnet is spawned, not before: its packages (the agent, the SNS clients) take a few hundred ms of CPU to
 * load, which a restart would otherwise spend before localnet starts loading its state.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { identityFromPem, identityToPem, RegistryCanister } from '@gatehouse/clients';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { HttpAgent, type Identity } from '@icp-sdk/core/agent';

import { DEV_PERSONAS, personaIdentity } from '../localnet/src/http/identity-provider-keys.ts';
import { nominate } from '../proposals/src/commands/nominate.ts';
import { resolveConfig } from '../proposals/src/config.ts';
import { Session } from '../proposals/src/session.ts';

export interface StartContext {
  root: string;
  stateDir: string;
  /** the demo contributor: her persona, display name and the model her worker serves */
  demo: { persona: string; name: string; model: string };
  /** a progress line of npm start's */
  say: (line: string) => void;
  /** runs a node script to completion (start.ts's children, stopped with it) */
  run: (what: string, args: string[], env?: NodeJS.ProcessEnv) => Promise<string>;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function session(c: StartContext, host: string, identity: Identity): Session {
  const config = resolveConfig(
    { network: 'local', host, canisters: {}, envFile: join(c.stateDir, '.env') } as never,
    process.env,
    c.root,
  );
  return new Session({ config, identity, out: () => undefined });
}

/**
 * dora admitted (nominated by nora, proposal adopted by alice and bob), unless she already is; answers her
 * bound worker keys (the worker's key is bound when it is among them).
 */
export async function admitDemoContributor(c: StartContext, host: string): Promise<string[]> {
  const dora = personaIdentity(c.demo.persona).getPrincipal();
  const nora = session(c, host, personaIdentity('nora'));
  // The agent fetched the root key from this very network: a query signature checked against it proves nothing,
  // and checking it costs a certified read_state of the subnet's keys on the way to the summary (~1.7 s at load 9).
  const agent = await HttpAgent.create({
    host,
    identity: personaIdentity('nora'),
    shouldFetchRootKey: true,
    verifyQuerySignatures: false,
  });
  const registry = RegistryCanister.create({ agent, canisterId: nora.canisterId('registry') });
  const activeKeys = async () => {
    const contributor = await registry.getContributor({ contributor: dora });
    return contributor && 'Active' in contributor.status ? contributor.worker_keys.map((k) => k.toText()) : undefined;
  };
  const keys = await activeKeys();
  if (keys) return keys;
  c.say('admitting the demo contributor dora (nominate, propose, two votes) ...');
  const { proposalId } = await nominate(
    nora,
    {
      candidate: dora.toText(),
      name: c.demo.name,
      motivation: 'Runs the demo worker of the local network with the generated tiny model.',
      hardware: { gpu: 'none', vram_gib: 0, ram_gib: 8, cpu_cores: 2, region: 'local' },
      models: [c.demo.model],
    },
    {},
  );
  if (proposalId === undefined) throw new Error('the demo nomination made no proposal');
  for (const voter of ['alice', 'bob']) {
    const s = session(c, host, personaIdentity(voter));
    await (await s.sns()).registerVote({ neuronId: { id: await s.neuron() }, proposalId: { id: proposalId }, vote: 1 });
  }
  return waitFor('the demo contributor to be admitted', activeKeys, 60_000);
}

function pemFile(file: string, identity: Ed25519KeyIdentity): string {
  if (!existsSync(file)) writeFileSync(file, identityToPem(identity), { mode: 0o600 });
  return file;
}

export { DEV_PERSONAS };

/**
 * The personas' keys as PEM, so the proposals and worker CLIs can act as them (--identity), and their principals in
 * `o.file`, for the next start to give localnet before it loads this module. Throws when `o.used`, the principals
 * this start gave localnet, are not the keys' (a stale or edited file).
 */
export function writePersonaKeys(c: StartContext, o: { file: string; used: Record<string, string> }): void {
  mkdirSync(join(c.stateDir, 'personas'), { recursive: true });
  const principals: Record<string, string> = {};
  for (const p of DEV_PERSONAS) {
    const identity = personaIdentity(p.name);
    pemFile(join(c.stateDir, `personas/${p.name}.pem`), identity);
    principals[p.name] = identity.getPrincipal().toText();
  }
  const wrong = Object.keys(o.used).find((name) => o.used[name] !== principals[name]);
  if (wrong)
    throw new Error(
      `${o.file} says ${wrong} is ${o.used[wrong]}, but that persona's key is ${principals[wrong]}: delete the file and start again`,
    );
  writeFileSync(o.file, `${JSON.stringify(principals, null, 2)}\n`);
}

/** Binds the demo worker's key (`workerKey`) to dora (both signed steps) unless it is among her bound keys. */
export async function bindWorkerKey(
  c: StartContext,
  o: { env: NodeJS.ProcessEnv; boundKeys: string[]; workerCli: string; workerKey: string },
): Promise<void> {
  const worker = existsSync(o.workerKey)
    ? identityFromPem(readFileSync(o.workerKey, 'utf8'))
    : Ed25519KeyIdentity.generate();
  pemFile(o.workerKey, worker);
  if (o.boundKeys.includes(worker.getPrincipal().toText())) return;
  c.say('binding the demo worker key ...');
  const contributor = pemFile(join(c.stateDir, 'demo-contributor.pem'), personaIdentity(c.demo.persona));
  await c.run(
    'worker keys bind',
    [o.workerCli, 'keys', 'bind', '--contributor', contributor, '--identity', o.workerKey],
    o.env,
  );
}
