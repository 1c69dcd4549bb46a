/**
 * upgrade <canister> [--set-governance P | --arg-hex HEX]: builds the canister from this checkout (reproducibly: the same commit
 * gives the same bytes anywhere), prints the module's sha256 and proposes UpgradeSnsControlledCanister with the
 * gzipped module (the proposal travels in one ingress message of at most 2 MiB).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { encodeUpgradeArg, type GatehouseCanister, type ProposalText, type SnsGovernanceDid } from '@gatehouse/clients';
import { Principal } from '@icp-sdk/core/principal';

import { CliError } from '../errors.ts';
import type { Session } from '../session.ts';
import { submitProposal } from '../submit.ts';

const CANISTERS: readonly GatehouseCanister[] = ['registry', 'invitation', 'queue', 'llm'];
/** CanisterInstallMode.Upgrade in the SNS Candid. */
const MODE_UPGRADE = 3;

export function gatehouseCanister(name: string | undefined): GatehouseCanister {
  if (!CANISTERS.includes(name as GatehouseCanister))
    throw new CliError(`expected a canister (${CANISTERS.join(', ')}), got "${name ?? ''}"`);
  return name as GatehouseCanister;
}

export interface BuiltModule {
  path: string;
  bytes: Uint8Array;
  sha256: string;
}

/** Runs the project's build for one canister (skipped when its inputs are unchanged) and reads its .wasm.gz. */
export function buildModule(root: string, name: GatehouseCanister): BuiltModule {
  const built = spawnSync(
    join(root, 'node_modules/.bin/tsx'),
    ['scripts/build-canisters.ts', '--only', name, '--if-changed'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (built.status !== 0) throw new CliError(`building ${name} failed: ${built.stderr.trim().split('\n').at(-1)}`);
  const dfx = JSON.parse(readFileSync(join(root, 'dfx.json'), 'utf8')) as {
    canisters: Record<string, { wasm: string }>;
  };
  const path = `${dfx.canisters[name]!.wasm}.gz`;
  const bytes = new Uint8Array(readFileSync(join(root, path)));
  return { path, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** How the upgrade argument is given on the command line (at most one of the two). */
export interface UpgradeArgOptions {
  argHex?: string;
  setGovernance?: string;
}

/** The upgrade argument's bytes, or undefined for none (post_upgrade then changes nothing). */
export function upgradeArgBytes(name: GatehouseCanister, o: UpgradeArgOptions): Uint8Array | undefined {
  if (o.setGovernance !== undefined) {
    let governance: Principal;
    try {
      governance = Principal.fromText(o.setGovernance);
    } catch {
      throw new CliError(`--set-governance must be a principal, got "${o.setGovernance}"`);
    }
    return encodeUpgradeArg(name, { governance });
  }
  if (o.argHex === undefined) return undefined;
  if (!/^([0-9a-f]{2})*$/i.test(o.argHex))
    throw new CliError(`--arg-hex must be hex (the Candid-encoded upgrade argument), got "${o.argHex}"`);
  return Uint8Array.from(Buffer.from(o.argHex, 'hex'));
}

export function upgradeAction(
  canister: SnsGovernanceDid.UpgradeSnsControlledCanister['canister_id'][0] & object,
  wasm: Uint8Array,
  arg: Uint8Array | undefined,
): SnsGovernanceDid.Action {
  return {
    UpgradeSnsControlledCanister: {
      canister_id: [canister],
      new_canister_wasm: wasm,
      canister_upgrade_arg: arg === undefined ? [] : [arg],
      mode: [MODE_UPGRADE],
      chunked_canister_wasm: [],
    },
  };
}

export async function upgrade(
  session: Session,
  root: string,
  nameText: string | undefined,
  argOptions: UpgradeArgOptions,
  text: Partial<ProposalText>,
): Promise<bigint | undefined> {
  const name = gatehouseCanister(nameText);
  const arg = upgradeArgBytes(name, argOptions);
  const id = session.config.canisters[name];
  if (!id) throw new CliError(`no canister id for ${name}: pass --${name} ID or deploy first`);
  const built = buildModule(root, name);
  session.out(`${built.sha256}  ${built.path}`);
  const proposal = await submitProposal(
    session,
    {
      title: text.title ?? `Upgrade ${name}`,
      summary:
        text.summary ??
        `Upgrade ${name} (${id.toText()}) to the module with sha256 ${built.sha256}` +
          (argOptions.setGovernance === undefined
            ? '.'
            : `, obeying SNS governance ${argOptions.setGovernance} from then on.`),
      url: text.url ?? '',
    },
    upgradeAction(id, built.bytes, arg),
  );
  if (proposal !== undefined) session.out(`proposal ${proposal}: upgrade ${name} to ${built.sha256}`);
  return proposal;
}
