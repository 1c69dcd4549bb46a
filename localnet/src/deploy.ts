/**
 * Deploys the project's canisters (dfx.json) to a LocalNet the way `dfx deploy` would: build, create,
 * install with init args (or upgrade when the wasm changed), and write the ids to `.env`
 * (CANISTER_ID_<NAME>=...) and a dfx-style canister_ids.json, and the dev identity's key beside the latter
 * (`.localnet/dev-identity.pem`, what the proposals CLI signs with on localnet when given no --identity).
 *
 * Governance: when dfx.json has `sns_governance` (our local SNS governance), it is deployed first, with
 * genesis neurons (default: one owned by `devNeuronIdentity()`) and the generic functions of the
 * clients/src/sns/generic-functions.ts manifest (option registerFunctions); its id is the governance
 * principal of the others. Without it, an EMPTY canister named "governance" reserves an id for that role.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { IDL } from '@dfinity/candid';
import { ADMIT_CONTRIBUTOR, FUNCTIONS, identityToPem, nervousSystemFunction } from '@gatehouse/clients';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Principal } from '@icp-sdk/core/principal';

import type { NervousSystemParameters } from '../../canisters/sns_governance/interface.ts';
import type { LocalNet } from './localnet.ts';
import { readBytes } from './read-into.ts';

export interface DeployOptions {
  /** Project root holding dfx.json (default: the current directory). */
  root?: string;
  /** Run `npx tsx scripts/build-canisters.ts` first (default true). */
  build?: boolean;
  /** Genesis node providers for the registry's init args. */
  nodeProviders?: Array<{ id: Principal; display_name: string }>;
  /** Where the ids go (defaults: <root>/.env and <root>/.localnet/canister_ids.json). */
  envFile?: string;
  idsFile?: string;
  /** Owners of the SNS governance genesis neurons (default: devNeuronIdentity()). */
  neuronOwners?: Principal[];
  /**
   * Genesis neurons with chosen stakes, dissolve delays and ages (instead of neuronOwners' equal ones), so
   * tests can hit voting thresholds exactly. Defaults per neuron: dissolve delay one year, age 0.
   */
  neurons?: GenesisNeuron[];
  /** The SNS governance's NervousSystemParameters (official Candid value; unset fields take the SNS defaults). */
  snsParameters?: NervousSystemParameters;
  /**
   * Register every generic function of the manifest in the local SNS governance's init (default
   * true), so a fresh `npm start` can take nominations at once. false: none, for proposing them with
   * `npm run proposals -- register-functions` as on mainnet.
   */
  registerFunctions?: boolean;
  /** Controllers of the deployed canisters (default: the network's default caller). */
  controllers?: Principal[];
  log?: (line: string) => void;
}

export interface GenesisNeuron {
  owner: Principal;
  stake_e8s: bigint;
  dissolve_delay_seconds?: bigint;
  age_seconds?: bigint;
}

/** The invitation's admit function id (init arg), from the generic-function manifest. */
export const ADMIT_FUNCTION_ID = ADMIT_CONTRIBUTOR.id;
const GOVERNANCE = 'governance';
const SNS_GOVERNANCE = 'sns_governance';

/** The local-only identity owning the default genesis neuron (deterministic, so tools can sign as it). */
export function devNeuronIdentity(): Ed25519KeyIdentity {
  return Ed25519KeyIdentity.generate(
    new Uint8Array(createHash('sha256').update('gatehouse localnet dev neuron owner').digest()),
  );
}

/** The dev identity's file name, beside canister_ids.json (`.localnet/dev-identity.pem` for `npm start`). */
export const DEV_IDENTITY_FILE = 'dev-identity.pem';

/** Writes the dev identity as a PKCS#8 PEM readable only by its owner; answers the path. */
export function writeDevIdentity(dir: string): string {
  const path = join(dir, DEV_IDENTITY_FILE);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, identityToPem(devNeuronIdentity()), { mode: 0o600 });
  chmodSync(path, 0o600); // writeFileSync's mode applies only when it creates the file
  return path;
}

interface ProjectCanister {
  name: string;
  wasm: string;
  /** dfx.json `dependencies`: installed before this one (ids are created in dfx.json order regardless). */
  dependencies: string[];
}

type Ids = Record<string, Principal>;

type InstallMode = 'install' | 'upgrade';
type ArgValue = (ids: Ids, o: DeployOptions, mode: InstallMode) => unknown;

/**
 * Gatehouse's canisters take `variant { Init; Upgrade }` (canisters/shared/idl.ts); a redeploy changes nothing
 * but what `upgrade` names.
 */
const lifecycle =
  (init: (ids: Ids, o: DeployOptions) => unknown, upgrade?: (ids: Ids) => unknown): ArgValue =>
  (ids, o, mode) =>
    mode === 'install' ? { Init: init(ids, o) } : { Upgrade: upgrade ? [upgrade(ids)] : [] };

/** Install (and upgrade) argument values per canister, given every canister's id. */
const INIT_VALUES: Record<string, ArgValue> = {
  registry: lifecycle((ids, o) => ({
    governance: ids.governance,
    invitation: ids.invitation,
    queue: ids.queue,
    node_providers: o.nodeProviders ?? [],
    params: [],
  })),
  invitation: lifecycle((ids) => ({
    governance: ids.governance,
    registry: ids.registry,
    admit_function_id: ADMIT_FUNCTION_ID,
    params: [],
  })),
  // A queue from before the llm canister existed learns its id on the next redeploy.
  queue: lifecycle(
    (ids) => ({ governance: ids.governance, registry: ids.registry, params: [], llm: ids.llm ? [ids.llm] : [] }),
    (ids) => ({ governance: [], llm: ids.llm ? [ids.llm] : [] }),
  ),
  llm: lifecycle((ids) => ({ governance: ids.governance, queue: ids.queue, params: [] })),
  sns_governance: (ids, o) => ({
    neurons: (
      o.neurons ??
      (o.neuronOwners ?? [devNeuronIdentity().getPrincipal()]).map((owner): GenesisNeuron => ({
        owner,
        stake_e8s: 1_000_000_000_000n,
      }))
    ).map((n, i) => ({
      id: new Uint8Array(createHash('sha256').update(`localnet genesis neuron ${i}`).digest()),
      owner: n.owner,
      permissions: [],
      stake_e8s: n.stake_e8s,
      dissolve_delay_seconds: n.dissolve_delay_seconds ?? 31_557_600n,
      age_seconds: n.age_seconds ?? 0n,
      voting_power_percentage_multiplier: [],
    })),
    parameters: o.snsParameters ? [o.snsParameters] : [],
    functions:
      o.registerFunctions === false
        ? []
        : FUNCTIONS.map((f) =>
            nervousSystemFunction(f, {
              registry: ids.registry!,
              invitation: ids.invitation!,
              queue: ids.queue!,
              llm: ids.llm!,
            }),
          ),
    metadata: [],
    reserved_canister_ids: [],
  }),
};

/**
 * Canisters created at a fixed id (provisional_create_canister_with_cycles' specified_id), as `dfx deps deploy`
 * does for a pulled canister: the llm canister at the IC LLM canister's id, where `@dfinity/llm`, `ic-llm` and
 * `mo:llm` send their calls.
 */
export const WELL_KNOWN_IDS: Record<string, string> = { llm: 'w36hm-eqaaa-aaaal-qr76a-cai' };

export function projectCanisters(root: string): ProjectCanister[] {
  const dfx = JSON.parse(readFileSync(join(root, 'dfx.json'), 'utf8')) as {
    canisters: Record<string, { wasm?: string; type?: string; dependencies?: string[] }>;
  };
  // The assets canister (the dashboard) ships with `dfx deploy --network ic`; locally npm start serves its build.
  return Object.entries(dfx.canisters)
    .filter(([, c]) => c.type !== 'assets')
    .map(([name, c]) => {
      if (!c.wasm) throw new Error(`dfx.json: canister "${name}" has no "wasm" path`);
      return { name, wasm: c.wasm, dependencies: c.dependencies ?? [] };
    });
}

function installOrder(canisters: ProjectCanister[]): ProjectCanister[] {
  const ordered: ProjectCanister[] = [];
  const visit = (c: ProjectCanister, path: string[]) => {
    if (ordered.includes(c)) return;
    if (path.includes(c.name)) throw new Error(`dfx.json: dependency cycle ${[...path, c.name].join(' -> ')}`);
    for (const name of c.dependencies) {
      const dependency = canisters.find((d) => d.name === name);
      if (dependency) visit(dependency, [...path, c.name]);
    }
    ordered.push(c);
  };
  for (const c of canisters) visit(c, []);
  return ordered;
}

/** Builds the canisters; rejects with a one-line message naming what failed. */
export function buildCanisters(root: string, log: (line: string) => void = () => undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const child = spawn(process.execPath, [tsx, 'scripts/build-canisters.ts', '--if-changed'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(line.trimEnd());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (e) => reject(new Error(`canister build failed: ${e.message}`)));
    child.on('exit', (code) => {
      if (code === 0) return resolve();
      const lines = output
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      const reason = lines.find((l) => /error|failed/i.test(l)) ?? lines.at(-1) ?? `exit code ${code}`;
      reject(new Error(`canister build failed (npx tsx scripts/build-canisters.ts, exit ${code}): ${reason}`));
    });
  });
}

function readIds(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { local?: string }>;
  return Object.fromEntries(Object.entries(json).flatMap(([name, v]) => (v.local ? [[name, v.local]] : [])));
}

/** Writes the ids as `.env` lines (CANISTER_ID_<NAME>, other lines kept) and as a dfx-style canister_ids.json. */
export function writeIds(envFile: string, idsFile: string, ids: Ids): void {
  mkdirSync(dirname(idsFile), { recursive: true });
  writeFileSync(
    idsFile,
    JSON.stringify(Object.fromEntries(Object.entries(ids).map(([n, id]) => [n, { local: id.toText() }])), null, 2) +
      '\n',
  );
  const vars: Record<string, string> = { DFX_NETWORK: 'local' };
  for (const [name, id] of Object.entries(ids))
    vars[`CANISTER_ID_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`] = id.toText();
  const kept = existsSync(envFile)
    ? readFileSync(envFile, 'utf8')
        .split('\n')
        // Every CANISTER_ID_ line is ours: drop them all so ids of canisters no longer deployed do not linger.
        .filter((line) => {
          const key = line.split('=')[0]!.trim();
          return line.trim() !== '' && !key.startsWith('CANISTER_ID_') && !(key in vars);
        })
    : [];
  writeFileSync(envFile, [...kept, ...Object.entries(vars).map(([k, v]) => `${k}='${v}'`)].join('\n') + '\n');
}

async function initArgBytes(
  root: string,
  name: string,
  ids: Ids,
  o: DeployOptions,
  mode: InstallMode,
): Promise<Uint8Array> {
  const iface = join(root, 'canisters', name, 'interface.ts');
  if (!existsSync(iface)) return new Uint8Array(IDL.encode([], []));
  const mod = (await import(pathToFileURL(iface).href)) as { initArgs?: (idl: typeof IDL) => IDL.Type[] };
  if (!mod.initArgs) return new Uint8Array(IDL.encode([], []));
  const value = INIT_VALUES[name];
  if (!value)
    throw new Error(
      `deploy: canister "${name}" declares initArgs but localnet/src/deploy.ts has no init values for it`,
    );
  return new Uint8Array(IDL.encode(mod.initArgs(IDL), [value(ids, o, mode)]));
}

/** Deploys every canister of dfx.json (plus a governance placeholder without sns_governance); returns the ids by name, `governance` included. */
export async function deployProject(net: LocalNet, o: DeployOptions = {}): Promise<Ids> {
  const root = o.root ?? process.cwd();
  const log = o.log ?? (() => undefined);
  const envFile = o.envFile ?? join(root, '.env');
  const idsFile = o.idsFile ?? join(root, '.localnet', 'canister_ids.json');
  if (o.build ?? true) {
    log('building canisters (npx tsx scripts/build-canisters.ts) ...');
    await buildCanisters(root, log);
  }
  const canisters = projectCanisters(root);
  for (const c of canisters) {
    if (!existsSync(join(root, c.wasm)))
      throw new Error(`deploy: ${c.wasm} does not exist; build it with npx tsx scripts/build-canisters.ts`);
  }
  const known = readIds(idsFile);
  const ids: Ids = {};
  const hasSns = canisters.some((c) => c.name === SNS_GOVERNANCE);
  for (const name of [...(hasSns ? [] : [GOVERNANCE]), ...canisters.map((c) => c.name)]) {
    const previous = known[name] ? Principal.fromText(known[name]) : undefined;
    if (previous && net.certifiedState(previous)) ids[name] = previous;
    else {
      const fixed = WELL_KNOWN_IDS[name];
      ids[name] = await net.createCanister({
        ...(o.controllers ? { controllers: o.controllers } : {}),
        ...(fixed ? { specifiedId: Principal.fromText(fixed) } : {}),
      });
    }
  }
  const governance = hasSns ? ids[SNS_GOVERNANCE]! : ids[GOVERNANCE]!;
  if (!hasSns) log(`${GOVERNANCE}: ${governance.toText()} (empty placeholder for SNS governance)`);
  const initIds: Ids = { ...ids, governance };
  // As after an SNS launch the SNS controls the dapp canisters; here its governance acts as root (it runs
  // UpgradeSnsControlledCanister itself). The deployer stays a controller so a redeploy can still upgrade.
  for (const c of hasSns ? canisters.filter((c) => c.name !== SNS_GOVERNANCE) : []) {
    const controllers = net.certifiedState(ids[c.name]!)!.controllers;
    if (!controllers.some((p) => p.toText() === governance.toText()))
      await net.setControllers(ids[c.name]!, [...controllers, governance], { caller: controllers[0] });
  }
  // Governance first, then dfx.json order with each canister after its dependencies: every id is known before
  // any init runs, and an init that calls another canister (the registry's push to the invitation) finds it.
  const ordered = installOrder([
    ...canisters.filter((c) => c.name === SNS_GOVERNANCE),
    ...canisters.filter((c) => c.name !== SNS_GOVERNANCE),
  ]);
  for (const c of ordered) {
    const id = ids[c.name]!;
    const wasm = readBytes(join(root, c.wasm));
    const current = net.certifiedState(id)?.moduleHash;
    if (current && net.runsModule(id, wasm)) {
      log(`${c.name}: ${id.toText()} (unchanged)`);
      continue;
    }
    const mode = current ? 'upgrade' : 'install';
    const arg = await initArgBytes(root, c.name, initIds, o, mode);
    const started = performance.now();
    await net.install(id, wasm, arg, { mode });
    log(
      `${c.name}: ${id.toText()} (${current ? 'upgraded' : 'installed'} in ${Math.round(performance.now() - started)} ms)`,
    );
  }
  writeIds(envFile, idsFile, ids);
  writeDevIdentity(dirname(idsFile));
  return initIds;
}
