/**
 * What `npm start` gives (localnet's deploy with its defaults: the manifest's functions pre-registered, one
 * genesis neuron owned by the dev identity) used with the CLI's defaults (no --identity, no --neuron).
 * The single neuron holds all voting power, so its own proposals are decided and executed at once.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FUNCTIONS, identityFromPem, registryIdlFactory, type RegistryService } from '@gatehouse/clients';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { deployProject, devNeuronIdentity } from '../../localnet/src/deploy.ts';
import { LocalNetHttpServer } from '../../localnet/src/http/server.ts';
import { LocalNet } from '../../localnet/src/localnet.ts';
import { ensureProjectWasm } from '../../test/support/wasm.ts';
import { DEV_IDENTITY_FILE } from '../src/identity.ts';
import { runCli } from '../src/main.ts';
import { capture } from './support.ts';

describe('the CLI on a default localnet deployment (npm start)', () => {
  let net: LocalNet;
  let server: LocalNetHttpServer;
  let ids: Record<string, Principal>;
  let envFile: string;
  let dir: string;
  /** The CLI run in the deployed project's folder, as after `npm start`: no --identity, no ids. */
  const cli = async (argv: string[]) => {
    const { out, err, io } = capture();
    const code = await runCli([...argv, '--host', server.url], { ...io, cwd: dir });
    return { code, out, err };
  };

  beforeAll(async () => {
    ensureProjectWasm();
    dir = mkdtempSync(join(tmpdir(), 'proposals-start-'));
    envFile = join(dir, '.env');
    writeFileSync(envFile, "MY_SETTING='kept'\nCANISTER_ID_RETIRED='aaaaa-aa'\n");
    net = await LocalNet.start();
    server = await LocalNetHttpServer.start(net, { port: 0 });
    const dev = devNeuronIdentity().getPrincipal();
    ids = await deployProject(net, {
      root: join(import.meta.dirname, '../..'),
      build: false,
      envFile,
      idsFile: join(dir, '.localnet', 'canister_ids.json'),
      nodeProviders: [{ id: dev, display_name: 'Dev NP' }],
    });
    // The registry's install-time push of the node providers to the invitation runs in the next round.
    await net.tick();
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    await net?.close();
  });

  it('writes the ids into .env like dfx: its own lines replaced, stale canister ids dropped, other lines kept', () => {
    const lines = readFileSync(envFile, 'utf8').trim().split('\n');
    expect(lines).toContain("MY_SETTING='kept'");
    expect(lines.some((line) => line.startsWith('CANISTER_ID_RETIRED='))).toBe(false);
    expect(lines).toContain(`CANISTER_ID_REGISTRY='${ids.registry!.toText()}'`);
    expect(lines).toContain(`CANISTER_ID_SNS_GOVERNANCE='${ids.sns_governance!.toText()}'`);
  });

  it('writes the dev identity as a PEM only its owner may read, which the CLI signs with by default', () => {
    const pem = join(dir, DEV_IDENTITY_FILE);
    expect(statSync(pem).mode & 0o777).toBe(0o600);
    expect(identityFromPem(readFileSync(pem, 'utf8')).getPrincipal().toText()).toBe(
      devNeuronIdentity().getPrincipal().toText(),
    );
  });

  it('every manifest function is registered already', async () => {
    const r = await cli(['register-functions']);
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out).toEqual(FUNCTIONS.map((f) => `${f.id} ${f.name}: already registered`));
  });

  it('nominate as the dev identity: adopted and executed at once, the contributor is Active', async () => {
    const candidate = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(77)).getPrincipal();
    const r = await cli([
      'nominate',
      '--candidate',
      candidate.toText(),
      '--name',
      'Frank',
      '--motivation',
      'A spare GPU',
      '--cpu-cores',
      '8',
      '--ram-gib',
      '32',
      '--model',
      'tiny-chat',
    ]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      expect.stringMatching(/^nomination 1 created for /),
      'proposal 1 submitted: Admit contributor record {nomination_id=1}',
      'proposal 1 was adopted and executed at once: nomination 1 is admitted (nothing left to link)',
    ]);
    const who = await cli(['whoami']);
    expect(who.out[0]).toBe(`principal ${devNeuronIdentity().getPrincipal().toText()} (local, ${server.url})`);
    const registry = net.actor<RegistryService>(ids.registry!, registryIdlFactory);
    const [contributor] = await registry.get_contributor(candidate);
    expect(contributor?.status).toEqual({ Active: null });
  });
});
