import { IDL } from '@dfinity/candid';
import type { InvitationService, QueueService, RegistryService } from '@gatehouse/clients';
import { Principal } from '@icp-sdk/core/principal';

import { LocalNet } from '../../localnet/src/index.ts';
import { DEFAULT_PARAMS as INVITATION_DEFAULTS } from '../../canisters/invitation/domain/params.ts';
import * as invitationIdl from '../../canisters/invitation/interface.ts';
import * as llmIdl from '../../canisters/llm/interface.ts';
import { WELL_KNOWN_IDS } from '../../localnet/src/deploy.ts';
import { DEFAULT_PARAMS as QUEUE_DEFAULTS } from '../../canisters/queue/domain/params.ts';
import * as queueIdl from '../../canisters/queue/interface.ts';
import { DEFAULT_PARAMS as REGISTRY_DEFAULTS } from '../../canisters/registry/domain/params.ts';
import * as registryIdl from '../../canisters/registry/interface.ts';
import { ROLES } from '../../canisters/shared/testing/roles.ts';
import { ensureWasm, type CanisterName } from './wasm.ts';

const p = (text: string) => Principal.fromText(text);
const bytes = (types: IDL.Type[], value: unknown) => new Uint8Array(IDL.encode(types, [value]));

/** Init arguments, Candid-encoded with each canister's own interface.ts. */
export const encodeInit = {
  registry: (a: {
    governance: Principal;
    invitation: Principal;
    queue: Principal;
    nodeProviders: Array<{ id: Principal; display_name: string }>;
    params?: registryIdl.RegistryParams;
  }) =>
    bytes(registryIdl.initArgs(IDL), {
      Init: {
        governance: a.governance,
        invitation: a.invitation,
        queue: a.queue,
        node_providers: a.nodeProviders,
        params: a.params ? [a.params] : [],
      },
    }),
  invitation: (a: {
    governance: Principal;
    registry: Principal;
    admitFunctionId?: bigint;
    params?: invitationIdl.InvitationParams;
  }) =>
    bytes(invitationIdl.initArgs(IDL), {
      Init: {
        governance: a.governance,
        registry: a.registry,
        admit_function_id: a.admitFunctionId ?? 1001n,
        params: a.params ? [a.params] : [],
      },
    }),
  queue: (a: { governance: Principal; registry: Principal; params?: queueIdl.QueueParams; llm?: Principal }) =>
    bytes(queueIdl.initArgs(IDL), {
      Init: {
        governance: a.governance,
        registry: a.registry,
        params: a.params ? [a.params] : [],
        llm: a.llm ? [a.llm] : [],
      },
    }),
};

/** Upgrade arguments: none changes nothing; `governance` points the canister at another SNS governance. */
const upgrade =
  (types: IDL.Type[], others = {}) =>
  (governance?: Principal) =>
    bytes(types, { Upgrade: governance ? [{ governance: [governance], ...others }] : [] });
export const encodeUpgrade = {
  registry: upgrade(registryIdl.initArgs(IDL)),
  invitation: upgrade(invitationIdl.initArgs(IDL)),
  queue: upgrade(queueIdl.initArgs(IDL), { llm: [] }),
};

/** The caller roles every update method is checked against, in the order the role matrix prints them. */
export const ROLE_NAMES = [
  'anonymous',
  'stranger',
  'nodeProvider',
  'contributor',
  'worker',
  'governance',
  'invitation',
  'controller',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
export type Caller = RoleName | Principal;

export interface GatehouseOptions {
  registryParams?: Partial<registryIdl.RegistryParams>;
  invitationParams?: Partial<invitationIdl.InvitationParams>;
  queueParams?: Partial<queueIdl.QueueParams>;
  /** Also the llm canister, at the IC LLM canister's id (localnet/src/deploy.ts), named in the queue's init. */
  llm?: boolean;
}

export interface Gatehouse {
  net: LocalNet;
  /** SNS governance is an empty canister: tests call as it; its get_proposal is never answered. */
  ids: { governance: Principal; registry: Principal; invitation: Principal; queue: Principal; llm?: Principal };
  principals: Record<RoleName, Principal>;
  registry(who?: Caller): RegistryService;
  invitation(who?: Caller): InvitationService;
  queue(who?: Caller): QueueService;
  /** Upgrades a canister to the same wasm, as the controller, with no upgrade argument (nothing changes). */
  upgrade(name: CanisterName): Promise<void>;
}

export const startNet = () => LocalNet.start({ startTimeMs: Date.UTC(2026, 0, 1), messageTimeoutMs: 20_000 });

/**
 * Governance, registry, invitation and queue wired to each other; every canister is controlled by
 * the `controller` role. The genesis node provider comes from the registry's init args.
 */
export async function deployGatehouse(net: LocalNet, opts: GatehouseOptions = {}): Promise<Gatehouse> {
  const controller = p(ROLES.controller);
  const create = () => net.createCanister({ controllers: [controller] });
  const ids = {
    governance: await create(),
    registry: await create(),
    invitation: await create(),
    queue: await create(),
    llm: opts.llm
      ? await net.createCanister({ controllers: [controller], specifiedId: p(WELL_KNOWN_IDS.llm!) })
      : undefined,
  };
  const merged = <T>(defaults: T, partial?: Partial<T>) => (partial ? { ...defaults, ...partial } : undefined);
  const init: Record<CanisterName, Uint8Array> = {
    registry: encodeInit.registry({
      ...ids,
      nodeProviders: [{ id: p(ROLES.nodeProvider), display_name: 'Genesis NP' }],
      params: merged(REGISTRY_DEFAULTS, opts.registryParams),
    }),
    invitation: encodeInit.invitation({ ...ids, params: merged(INVITATION_DEFAULTS, opts.invitationParams) }),
    queue: encodeInit.queue({ ...ids, params: merged(QUEUE_DEFAULTS, opts.queueParams) }),
  };
  // The invitation first: the registry's init pushes it the node providers, and nominate needs them.
  const names: CanisterName[] = ['invitation', 'registry', 'queue'];
  const wasm = Object.fromEntries(names.map((name) => [name, ensureWasm(name)])) as Record<CanisterName, Uint8Array>;
  for (const name of names) await net.install(ids[name], wasm[name], init[name], { caller: controller });
  if (ids.llm) {
    const llmInit = { Init: { governance: ids.governance, queue: ids.queue, params: [] } };
    await net.install(ids.llm, ensureWasm('llm'), bytes(llmIdl.initArgs(IDL), llmInit), { caller: controller });
  }

  const principals: Record<RoleName, Principal> = {
    anonymous: Principal.anonymous(),
    stranger: p(ROLES.stranger),
    nodeProvider: p(ROLES.nodeProvider),
    contributor: p(ROLES.contributor),
    worker: p(ROLES.worker),
    governance: ids.governance,
    invitation: ids.invitation,
    controller,
  };
  const callerOf = (who: Caller) => (typeof who === 'string' ? principals[who] : who);
  const actor = <T>(id: Principal, factory: unknown, who: Caller) =>
    net.actor<T>(id, factory as never, { caller: callerOf(who) });
  return {
    net,
    ids,
    principals,
    registry: (who = 'stranger') => actor<RegistryService>(ids.registry, registryIdl.idlFactory, who),
    invitation: (who = 'stranger') => actor<InvitationService>(ids.invitation, invitationIdl.idlFactory, who),
    queue: (who = 'stranger') => actor<QueueService>(ids.queue, queueIdl.idlFactory, who),
    upgrade: (name) => net.upgrade(ids[name], wasm[name], encodeUpgrade[name](), { caller: controller }),
  };
}
