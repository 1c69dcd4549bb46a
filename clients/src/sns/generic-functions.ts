/**
 * The generic nervous system functions Gatehouse registers with its SNS: one entry per governance-only
 * method (target) and its validate_* twin (validator). The payload type is the target method's argument
 * type in the generated declarations of the owning canister's .did (the one Candid source).
 *
 * Ids are STABLE: a registered id is what proposals, the invitation canister (admit_function_id) and the
 * dashboard refer to. Never renumber or reuse an id; append new functions at the next free id.
 *   1000 admit contributor      (kept: the first function localnet ever registered)
 *   1001..1003 contributor status changes, 1004..1005 node providers, 1006..1008 parameters,
 *   1009 the llm canister's parameters.
 *
 * Topics (the official SNS Topic variant, declarations/sns/governance.did):
 * - CriticalDappOperations (critical: 67 % of votes cast, 20 % of all voting power, >= 5 days) for what is
 *   irreversible or changes who is trusted or how every canister behaves: removing a contributor, adding or
 *   removing a node provider (node providers may invite others), and every parameter change.
 * - ApplicationBusinessLogic (normal: > 50 % / 3 %) for the day-to-day membership decisions of the app:
 *   admitting a nominated contributor, suspending one (must be fast: it stops the contributor's workers at
 *   once) and reinstating one (undoes a suspension). DappCanisterManagement is for canister upgrades and
 *   controllers, which these calls are not.
 */
import { IDL } from '@icp-sdk/core/candid';

import { idlFactory as invitationIdl } from '../declarations/invitation.did.ts';
import { idlFactory as llmIdl } from '../declarations/llm.did.ts';
import { idlFactory as queueIdl } from '../declarations/queue.did.ts';
import { idlFactory as registryIdl } from '../declarations/registry.did.ts';

/** The canisters a function may target, named as in dfx.json (CANISTER_ID_<NAME>). */
export type GatehouseCanister = 'registry' | 'invitation' | 'queue' | 'llm';

export type SnsTopic =
  | 'DaoCommunitySettings'
  | 'SnsFrameworkManagement'
  | 'DappCanisterManagement'
  | 'ApplicationBusinessLogic'
  | 'Governance'
  | 'TreasuryAssetManagement'
  | 'CriticalDappOperations';

export interface MethodRef {
  canister: GatehouseCanister;
  method: string;
}

export interface GenericFunctionSpec {
  id: bigint;
  /** The CLI's name for it (`npm run proposals -- propose <key>`). */
  key: string;
  name: string;
  description: string;
  topic: SnsTopic;
  target: MethodRef;
  validator: MethodRef;
  /** The single argument of target and validator, built with @icp-sdk/core's IDL. */
  payload: IDL.Type;
}

export const SERVICES: Record<GatehouseCanister, IDL.ServiceClass> = {
  registry: registryIdl({ IDL }),
  invitation: invitationIdl({ IDL }),
  queue: queueIdl({ IDL }),
  llm: llmIdl({ IDL }),
};

/** The one argument of a canister method, as the canister's Candid declares it. */
function argumentOf({ canister, method }: MethodRef): IDL.Type {
  const func = SERVICES[canister]._fields.find(([name]) => name === method)?.[1];
  if (func?.argTypes.length !== 1) throw new Error(`${canister}.${method} is not a method of one argument`);
  return func.argTypes[0]!;
}

type Governed = Pick<GenericFunctionSpec, 'target' | 'validator' | 'payload'>;

function governed(canister: GatehouseCanister, method: string): Governed {
  const target = { canister, method };
  return { target, validator: { canister, method: `validate_${method}` }, payload: argumentOf(target) };
}

export const FUNCTIONS: readonly GenericFunctionSpec[] = [
  {
    id: 1000n,
    key: 'admit-contributor',
    name: 'Admit contributor',
    description:
      'Admits the contributor of an open nomination into the registry (invitation.admit; rendered by invitation.validate_admit).',
    topic: 'ApplicationBusinessLogic',
    ...governed('invitation', 'admit'),
  },
  {
    id: 1001n,
    key: 'suspend-contributor',
    name: 'Suspend contributor',
    description: "Suspends an active contributor: the queue stops leasing jobs to the contributor's workers at once.",
    topic: 'ApplicationBusinessLogic',
    ...governed('registry', 'suspend_contributor'),
  },
  {
    id: 1002n,
    key: 'reinstate-contributor',
    name: 'Reinstate contributor',
    description: 'Reinstates a suspended contributor; their bound worker keys serve jobs again.',
    topic: 'ApplicationBusinessLogic',
    ...governed('registry', 'reinstate_contributor'),
  },
  {
    id: 1003n,
    key: 'remove-contributor',
    name: 'Remove contributor',
    description:
      'Removes a contributor and unbinds their worker keys; coming back takes a new nomination and admission.',
    topic: 'CriticalDappOperations',
    ...governed('registry', 'remove_contributor'),
  },
  {
    id: 1004n,
    key: 'add-node-provider',
    name: 'Add node provider',
    description: 'Adds a trusted node provider, who may then nominate contributors.',
    topic: 'CriticalDappOperations',
    ...governed('registry', 'add_node_provider'),
  },
  {
    id: 1005n,
    key: 'remove-node-provider',
    name: 'Remove node provider',
    description: 'Removes a node provider from the trusted set; contributors they sponsored stay.',
    topic: 'CriticalDappOperations',
    ...governed('registry', 'remove_node_provider'),
  },
  {
    id: 1006n,
    key: 'set-registry-params',
    name: 'Set registry parameters',
    description:
      'Replaces the registry parameters (limits on contributors, node providers, worker keys, models and texts); the payload carries the params it replaces, so a proposal made from params since changed fails.',
    topic: 'CriticalDappOperations',
    ...governed('registry', 'set_params'),
  },
  {
    id: 1007n,
    key: 'set-invitation-params',
    name: 'Set invitation parameters',
    description:
      'Replaces the invitation parameters (nomination quota, TTL, text limits, reconcile interval); the payload carries the params it replaces.',
    topic: 'CriticalDappOperations',
    ...governed('invitation', 'set_params'),
  },
  {
    id: 1008n,
    key: 'set-queue-params',
    name: 'Set queue parameters',
    description: 'Replaces the queue parameters (model allowlist, job and lease limits, attempts).',
    topic: 'CriticalDappOperations',
    ...governed('queue', 'set_params'),
  },
  {
    id: 1009n,
    key: 'set-llm-params',
    name: 'Set llm parameters',
    description:
      'Replaces the llm canister parameters (which worker model serves each LLM model name, the held-call timeout, job and request limits); the payload carries the params it replaces.',
    topic: 'CriticalDappOperations',
    ...governed('llm', 'set_params'),
  },
];

export const ADMIT_CONTRIBUTOR = FUNCTIONS[0]!;

export function functionByKey(key: string): GenericFunctionSpec | undefined {
  return FUNCTIONS.find((f) => f.key === key);
}

export function functionById(id: bigint): GenericFunctionSpec | undefined {
  return FUNCTIONS.find((f) => f.id === id);
}
