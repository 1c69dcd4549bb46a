/**
 * LOCAL SNS governance — for local networks only, NEVER deployed to mainnet (see dfx.json): on
 * mainnet the DAO is governed by the real SNS governance canister deployed by SNS-W. The wasm of
 * the real one cannot be had on our machines, so this canister follows the real rules for the
 * subset Gatehouse uses behind the official Candid interface (interface.ts).
 */
import '../shared/install-utf8.ts';
import { canisterSelf, IDL, init, msgCaller, postUpgrade, time, trap } from 'azle';

import { query, update } from '../shared/candid-methods.ts';
import { StableStore } from '../shared/stable-store.ts';
import { callTarget, callValidator, upgradeCanister } from './calls.ts';
import { functionToCandid, NATIVE_FUNCTIONS } from './function.converters.ts';
import { initFromCandid, metadataToCandid, neuronIdHex, neuronToCandid, paramsToCandid } from './neuron.converters.ts';
import { proposalFromCandid, proposalToCandid } from './proposal.converters.ts';
import { filterFromCandid } from './filter.converters.ts';
import { ERROR_TYPE } from './domain/errors.ts';
import { makeProposalFlow, registerVoteFlow, type GovernanceEnv } from './domain/flows.ts';
import { initialize } from './domain/init.ts';
import { listNeurons, listProposals } from './domain/queries.ts';
import { configCell, proposalKey, type GovernanceStores } from './domain/stores.ts';
import type { GovernanceErrorValue } from './domain/types.ts';
import {
  localInitType,
  officialMethods,
  type GetNeuron,
  type GetProposal,
  type ListNeurons,
  type ListProposals,
  type LocalInit,
  type ManageNeuron,
  type ManageNeuronResponse,
} from './interface.ts';
import { MEMORY } from './memory.ts';
import { deadlineTimers } from './timers.ts';

const M = officialMethods(IDL);
const LocalInitType = localInitType(IDL);

const stores: GovernanceStores = {
  config: new StableStore(MEMORY.config),
  counters: new StableStore(MEMORY.counters),
  neurons: new StableStore(MEMORY.neurons),
  proposals: new StableStore(MEMORY.proposals),
  functions: new StableStore(MEMORY.functions),
  // Module bytes as they are: the default JSON would spell each byte as a number.
  wasms: new StableStore(MEMORY.wasms, { toBytes: (b: Uint8Array) => b, fromBytes: (b: Uint8Array) => b }),
};

const nowSeconds = () => time() / 1_000_000_000n;

const env = (): GovernanceEnv => ({
  stores,
  now: nowSeconds,
  self: canisterSelf().toText(),
  callValidator,
  callTarget,
  upgradeCanister,
});
const timers = deadlineTimers(stores, env, nowSeconds);

const errorResponse = (error: GovernanceErrorValue): ManageNeuronResponse => ({ command: [{ Error: error }] });

export default class {
  @init([LocalInitType])
  init(args: LocalInit): void {
    const input = initFromCandid(args);
    const result = 'Err' in input ? input : initialize(stores, canisterSelf().toText(), input.Ok, nowSeconds());
    if ('Err' in result) trap(`invalid init args: ${result.Err}`);
  }

  /** State lives in stable memory; upgrade args are only used when there is none. */
  @postUpgrade([LocalInitType])
  postUpgrade(args: LocalInit): void {
    if (stores.config.get('cell') === undefined) this.init(args);
    timers.afterChange();
  }

  /** The caller is checked against the neuron's permissions (SubmitProposal / Vote) in the domain. */
  @update(M.manage_neuron!.args, M.manage_neuron!.ret)
  async manage_neuron(request: ManageNeuron): Promise<ManageNeuronResponse> {
    const caller = msgCaller().toText();
    const neuronId = neuronIdHex(request.subaccount);
    const command = request.command[0];
    if (!command)
      return errorResponse({ error_type: ERROR_TYPE.InvalidCommand, error_message: 'No command specified.' });
    if ('MakeProposal' in command) {
      const content = proposalFromCandid(command.MakeProposal);
      if ('Err' in content)
        return errorResponse({ error_type: ERROR_TYPE.InvalidProposal, error_message: content.Err });
      const result = await makeProposalFlow(env(), caller, neuronId, content.Ok);
      if ('Err' in result) return errorResponse(result.Err);
      timers.afterChange();
      return { command: [{ MakeProposal: { proposal_id: [{ id: result.Ok }] } }] };
    }
    if ('RegisterVote' in command) {
      const { proposal, vote } = command.RegisterVote;
      const result = registerVoteFlow(env(), caller, neuronId, proposal[0]?.id, vote);
      if ('Err' in result) return errorResponse(result.Err);
      timers.afterChange();
      return { command: [{ RegisterVote: {} }] };
    }
    return errorResponse({
      error_type: ERROR_TYPE.InvalidCommand,
      error_message: `Command ${Object.keys(command)[0]} is not supported by the local SNS governance (MakeProposal and RegisterVote are).`,
    });
  }

  @query(M.get_proposal!.args, M.get_proposal!.ret)
  get_proposal(request: GetProposal) {
    const id = request.proposal_id[0]?.id;
    const p = id === undefined ? undefined : stores.proposals.get(proposalKey(id));
    if (!p)
      return {
        result: [{ Error: { error_type: ERROR_TYPE.NotFound, error_message: `No proposal for given ProposalId.` } }],
      };
    return { result: [{ Proposal: proposalToCandid(p, true) }] };
  }

  @query(M.list_proposals!.args, M.list_proposals!.ret)
  list_proposals(request: ListProposals) {
    const proposals = listProposals(stores, msgCaller().toText(), filterFromCandid(request), nowSeconds());
    return {
      proposals: proposals.map((p) => proposalToCandid(p, false)),
      include_ballots_by_caller: [true],
      include_topic_filtering: [true],
    };
  }

  @query(M.list_neurons!.args, M.list_neurons!.ret)
  list_neurons(request: ListNeurons) {
    const start = request.start_page_at[0];
    const neurons = listNeurons(
      stores,
      request.limit,
      start && neuronIdHex(start.id),
      request.of_principal[0]?.toText(),
    );
    return { neurons: neurons.map(neuronToCandid) };
  }

  @query(M.get_neuron!.args, M.get_neuron!.ret)
  get_neuron(request: GetNeuron) {
    const id = request.neuron_id[0];
    const neuron = id && stores.neurons.get(neuronIdHex(id.id));
    if (!neuron)
      return {
        result: [{ Error: { error_type: ERROR_TYPE.NotFound, error_message: 'No neuron for given NeuronId.' } }],
      };
    return { result: [{ Neuron: neuronToCandid(neuron) }] };
  }

  @query(M.list_nervous_system_functions!.args, M.list_nervous_system_functions!.ret)
  list_nervous_system_functions() {
    const entries = stores.functions.entries().map(([, f]) => f);
    return {
      functions: [
        ...NATIVE_FUNCTIONS,
        ...entries.flatMap((f) => ('Generic' in f ? [functionToCandid(f.Generic)] : [])),
      ],
      reserved_ids: entries.flatMap((f) => ('Removed' in f ? [f.Removed] : [])),
    };
  }

  @query(M.get_nervous_system_parameters!.args, M.get_nervous_system_parameters!.ret)
  get_nervous_system_parameters(_: null) {
    return paramsToCandid(configCell(stores).get().params);
  }

  @query(M.get_metadata!.args, M.get_metadata!.ret)
  get_metadata(_: Record<string, never>) {
    return metadataToCandid(configCell(stores).get().metadata);
  }

  /** Always Normal: there is no swap here. */
  @query(M.get_mode!.args, M.get_mode!.ret)
  get_mode(_: Record<string, never>) {
    return { mode: [1] };
  }
}
