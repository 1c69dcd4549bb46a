/**
 * The Candid interface of the LOCAL SNS governance canister. Its single source is the OFFICIAL
 * SNS governance Candid shipped in @icp-sdk/canisters (declarations/sns/governance.did, from
 * rs/sns/governance/canister/governance.did), as clients/ generates its declarations from it
 * (clients/src/declarations/sns-governance.did.ts, `npm run build:clients`): this canister exists so that
 * unmodified SNS clients (@dfinity/sns SnsGovernanceCanister, the dashboard) talk to it exactly as
 * to the real one, so its method types must BE the official ones, not a hand copy that could
 * drift. The factory is called with azle's IDL and each method's arg/ret types are taken from
 * the resulting ServiceClass for the decorators in index.ts. (The package's "exports" map does not expose
 * its own declarations/, hence the generated copy.)
 *
 * Only the init argument is ours (LocalInit): the official init type is the whole `Governance`
 * state record (ledger/root/swap ids, ~20 parameters, neuron internals such as maturity,
 * followees and disbursements, upgrade journal …) that only SNS-W fills in. Local networks need
 * genesis neurons described by owner, stake, dissolve delay and age, the nervous system
 * parameters (the official NervousSystemParameters type; unset fields take the real defaults),
 * optional pre-registered functions (the official NervousSystemFunction type) and metadata.
 */
import type { IDL as IdlNamespace } from '@dfinity/candid';

import { idlFactory as officialIdlFactory } from '../../clients/src/declarations/sns-governance.did.ts';
import { clientFactory, type Idl } from '../shared/idl.ts';

export type { Idl };

/** The official service, built with the given IDL namespace (azle's in the canister). */
export function officialService(IDL: Idl): IdlNamespace.ServiceClass {
  return (officialIdlFactory as unknown as (arg: { IDL: Idl }) => IdlNamespace.ServiceClass)({ IDL });
}

export interface MethodTypes {
  args: IdlNamespace.Type[];
  ret: IdlNamespace.Type;
}

/** Each official method's argument types and (single) return type, for azle's decorators. */
export function officialMethods(IDL: Idl): Record<string, MethodTypes> {
  const methods: Record<string, MethodTypes> = {};
  for (const [name, func] of officialService(IDL)._fields) {
    methods[name] = { args: func.argTypes, ret: func.retTypes[0] ?? IDL.Empty };
  }
  return methods;
}

function field(type: IdlNamespace.Type, name: string): IdlNamespace.Type {
  const found = (type as IdlNamespace.RecordClass)._fields.find(([key]) => key === name);
  if (!found) throw new Error(`official SNS governance Candid has no field ${name} in ${type.name}`);
  return found[1];
}

/** LocalInit, built from official types where one exists. */
export function localInitType(IDL: Idl): IdlNamespace.RecordClass {
  const m = officialMethods(IDL);
  const NervousSystemParameters = m.get_nervous_system_parameters!.ret;
  const NervousSystemFunction = (
    field(m.list_nervous_system_functions!.ret, 'functions') as IdlNamespace.VecClass<unknown>
  )._type;
  const Metadata = m.get_metadata!.ret;
  const LocalNeuron = IDL.Record({
    /** Neuron id = its 32-byte subaccount, as in ManageNeuron.subaccount. */
    id: IDL.Vec(IDL.Nat8),
    owner: IDL.Principal,
    /** NeuronPermissionType values granted to owner; default all. */
    permissions: IDL.Opt(IDL.Vec(IDL.Int32)),
    stake_e8s: IDL.Nat64,
    dissolve_delay_seconds: IDL.Nat64,
    age_seconds: IDL.Nat64,
    voting_power_percentage_multiplier: IDL.Opt(IDL.Nat64),
  });
  return IDL.Record({
    neurons: IDL.Vec(LocalNeuron),
    parameters: IDL.Opt(NervousSystemParameters),
    functions: IDL.Vec(NervousSystemFunction),
    metadata: IDL.Opt(Metadata),
    /** SNS root, ledger, swap (and any other) canisters generic functions may not target. */
    reserved_canister_ids: IDL.Vec(IDL.Principal),
  });
}

/** Clients use the official factory itself (@icp-sdk/core's IDL). */
export const idlFactory = clientFactory(officialService);

export const initArgs = (IDL: Idl) => [localInitType(IDL)];

/** The official methods index.ts serves (the Candid test compares this with what the wasm serves). */
const SERVED_METHODS = [
  'manage_neuron',
  'get_proposal',
  'list_proposals',
  'list_neurons',
  'get_neuron',
  'list_nervous_system_functions',
  'get_nervous_system_parameters',
  'get_metadata',
  'get_mode',
];

/** What scripts/candid/emit-did.ts prints as sns_governance.did: official types under their official names. */
export function didSource(IDL: Idl) {
  const LocalInit = localInitType(IDL);
  const served = officialService(IDL)._fields.filter(([name]) => SERVED_METHODS.includes(name));
  return {
    names: { LocalInit },
    service: IDL.Service(Object.fromEntries(served)),
    init: [LocalInit],
    namesFromDid: '@icp-sdk/canisters/declarations/sns/governance.did',
  };
}

type Opt<T> = [] | [T];

export interface LocalNeuronInit<P = { toText(): string }> {
  id: Uint8Array | number[];
  owner: P;
  permissions: Opt<number[] | Int32Array>;
  stake_e8s: bigint;
  dissolve_delay_seconds: bigint;
  age_seconds: bigint;
  voting_power_percentage_multiplier: Opt<bigint>;
}

export type {
  GetMetadataResponse,
  ListNervousSystemFunctionsResponse,
  ListNeurons,
  ListNeuronsResponse,
  ListProposals,
  ListProposalsResponse,
  ManageNeuron,
  ManageNeuronResponse,
  NervousSystemFunction,
  NervousSystemParameters,
  Neuron as CandidNeuron,
  ProposalData as CandidProposalData,
  GetProposal,
  GetProposalResponse,
  GetNeuron,
  GetNeuronResponse,
  Proposal as CandidProposal,
  Topic as CandidTopic,
  GovernanceError,
  _SERVICE as SnsGovernanceService,
} from '../../clients/src/declarations/sns-governance.did.ts';

import type {
  GetMetadataResponse,
  NervousSystemFunction,
  NervousSystemParameters,
} from '../../clients/src/declarations/sns-governance.did.ts';

export interface LocalInit<P = { toText(): string }> {
  neurons: Array<LocalNeuronInit<P>>;
  parameters: Opt<NervousSystemParameters>;
  functions: NervousSystemFunction[];
  metadata: Opt<GetMetadataResponse>;
  reserved_canister_ids: P[];
}
