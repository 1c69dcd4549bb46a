/**
 * End-to-end support: localnet in-process behind its IC HTTP interface, the project deployed by localnet's
 * deploy code with genesis neurons of chosen stakes, and every call made by real agents over HTTP
 * (@icp-sdk/core HttpAgent + Actor, @dfinity/sns SnsGovernanceCanister), as the dashboard, CLI and worker do.
 *
 * Time: the HTTP server keeps the network on the wall clock, and agents stamp ingress_expiry from the wall
 * clock. To let days pass, `advanceClock` moves the test process's clock (Date only, via vitest) and the
 * network's time forward together, so agents keep working after the jump (see clock.test.ts for why
 * the agents' own syncTime cannot recover from a jump on localnet).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { SnsGovernanceCanister, SnsProposalDecisionStatus, SnsVote, type SnsGovernanceDid } from '@dfinity/sns';
import { Actor, HttpAgent } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { vi } from 'vitest';
import {
  encodePayload,
  executeAction,
  functionByKey,
  invitationIdlFactory,
  proposalIdOf,
  queueIdlFactory,
  registryIdlFactory,
  type InvitationService,
  type QueueService,
  type RegistryService,
} from '@gatehouse/clients';

import { officialMethods, type NervousSystemParameters } from '../../canisters/sns_governance/interface.ts';
import { deployProject } from '../../localnet/src/deploy.ts';
import { LocalNetHttpServer } from '../../localnet/src/http/server.ts';
import { LocalNet } from '../../localnet/src/localnet.ts';
import { ensureProjectWasm } from '../support/wasm.ts';

const projectRoot = join(import.meta.dirname, '../..');
export const TOKEN = 100_000_000n;
export const DAY_MS = 86_400_000;
const YEAR_S = 31_557_600n;

/**
 * Maximum dissolve delay (8 years) and age (4 years): every neuron's voting power is exactly 2.5 × its
 * stake, so shares of the total are the chosen stakes' shares, to the basis point.
 */
const MAX_BONUS = { dissolve_delay_seconds: 8n * YEAR_S, age_seconds: 4n * YEAR_S };

/**
 * Reject cost 0: a rejected proposal's fee would otherwise stay charged to its proposer and lower that
 * neuron's voting power in every later proposal, moving the exact thresholds. The rest: SNS defaults.
 */
function parameters(): NervousSystemParameters {
  const record = officialMethods(IDL).get_nervous_system_parameters!.ret as IDL.RecordClass;
  const none = Object.fromEntries(record._fields.map(([name]) => [name, []]));
  return { ...none, reject_cost_e8s: [0n] } as unknown as NervousSystemParameters;
}

export const identity = (name: string) =>
  Ed25519KeyIdentity.generate(new Uint8Array(createHash('sha256').update(`gatehouse e2e ${name}`).digest()));

export type Vote = 'yes' | 'no';
type Actors = { registry: RegistryService; invitation: InvitationService; queue: QueueService };
const FACTORIES = { registry: registryIdlFactory, invitation: invitationIdlFactory, queue: queueIdlFactory };

export interface E2eOptions {
  /** Neuron owner name → stake in tokens. */
  neurons: Record<string, bigint>;
  /** Names of the registry's genesis node providers. */
  nodeProviders: string[];
  /** Register the manifest's functions in governance's init (default false: tests propose them). */
  registerFunctions?: boolean;
}

export class E2e {
  private readonly agents = new Map<string, Promise<HttpAgent>>();
  private readonly neuronIds = new Map<string, Uint8Array>();

  private constructor(
    readonly net: LocalNet,
    readonly server: LocalNetHttpServer,
    readonly ids: Record<string, Principal>,
  ) {}

  static async start(o: E2eOptions): Promise<E2e> {
    ensureProjectWasm();
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
    const net = await LocalNet.start();
    const server = await LocalNetHttpServer.start(net, { port: 0 });
    const ids = await deployProject(net, {
      root: projectRoot,
      build: false,
      envFile: join(dir, '.env'),
      idsFile: join(dir, 'canister_ids.json'),
      neurons: Object.entries(o.neurons).map(([name, tokens]) => ({
        owner: identity(name).getPrincipal(),
        stake_e8s: tokens * TOKEN,
        ...MAX_BONUS,
      })),
      snsParameters: parameters(),
      nodeProviders: o.nodeProviders.map((name) => ({
        id: identity(name).getPrincipal(),
        display_name: `${name} (node provider)`,
      })),
      registerFunctions: o.registerFunctions ?? false,
    });
    return new E2e(net, server, ids);
  }

  async close(): Promise<void> {
    vi.useRealTimers();
    await this.server.close();
    await this.net.close();
  }

  principal(name: string): Principal {
    return identity(name).getPrincipal();
  }

  agent(name: string): Promise<HttpAgent> {
    let agent = this.agents.get(name);
    if (!agent)
      this.agents.set(
        name,
        (agent = HttpAgent.create({ host: this.server.url, identity: identity(name), shouldFetchRootKey: true })),
      );
    return agent;
  }

  async sns(name: string): Promise<SnsGovernanceCanister> {
    return SnsGovernanceCanister.create({ canisterId: this.ids.sns_governance!, agent: await this.agent(name) });
  }

  async actor<K extends keyof Actors>(name: string, canister: K): Promise<Actors[K]> {
    return Actor.createActor(FACTORIES[canister], {
      agent: await this.agent(name),
      canisterId: this.ids[canister]!,
    }) as unknown as Actors[K];
  }

  /** The neuron `name` owns, as governance lists it. */
  async neuron(name: string): Promise<Uint8Array> {
    const known = this.neuronIds.get(name);
    if (known) return known;
    const [neuron] = await (await this.sns(name)).listNeurons({ principal: this.principal(name), certified: false });
    if (!neuron?.id[0]) throw new Error(`${name} owns no neuron`);
    const id = Uint8Array.from(neuron.id[0].id);
    this.neuronIds.set(name, id);
    return id;
  }

  /** MakeProposal with `name`'s neuron (which votes yes at once); the id, or the governance error thrown. */
  async propose(name: string, title: string, action: SnsGovernanceDid.Action): Promise<bigint> {
    const sns = await this.sns(name);
    const response = await sns.manageNeuron({
      subaccount: await this.neuron(name),
      command: [{ MakeProposal: { title, summary: `${title}.`, url: '', action: [action] } }],
    });
    return proposalIdOf(response);
  }

  /** A proposal executing the manifest function `key` with the given payload value. */
  proposeCall(name: string, key: string, value: unknown, title = key): Promise<bigint> {
    const fn = functionByKey(key);
    if (!fn) throw new Error(`no function ${key} in the generic-function manifest`);
    return this.propose(name, title, executeAction(fn, encodePayload(fn, value)));
  }

  async vote(name: string, proposalId: bigint, vote: Vote): Promise<void> {
    await (
      await this.sns(name)
    ).registerVote({
      neuronId: { id: await this.neuron(name) },
      proposalId: { id: proposalId },
      vote: vote === 'yes' ? SnsVote.Yes : SnsVote.No,
    });
  }

  async proposal(proposalId: bigint): Promise<SnsGovernanceDid.ProposalData> {
    return (await this.sns('reader')).getProposal({ proposalId: { id: proposalId }, certified: true });
  }

  /** The decision status as governance itself classifies it (list_proposals' include_status filter). */
  async status(proposalId: bigint): Promise<keyof typeof STATUS> {
    const sns = await this.sns('reader');
    for (const [name, status] of Object.entries(STATUS) as Array<[keyof typeof STATUS, SnsProposalDecisionStatus]>) {
      const { proposals } = await sns.listProposals({
        includeStatus: [status],
        beforeProposal: { id: proposalId + 1n },
        limit: 1,
        certified: false,
      });
      if (proposals[0]?.id[0]?.id === proposalId) return name;
    }
    throw new Error(`proposal ${proposalId} has no decision status`);
  }

  async proposalCount(): Promise<number> {
    return (await (await this.sns('reader')).listProposals({ limit: 100, certified: false })).proposals.length;
  }

  /**
   * Lets `ms` pass for everyone: the process clock (Date only; timers stay real) and the network's time,
   * running every canister timer that falls due. Agents' ingress expiries follow the moved clock.
   */
  async advanceClock(ms: number): Promise<void> {
    if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(Math.max(Date.now(), Number(this.net.time / 1_000_000n)) + ms);
    await this.net.advanceTimeTo(Date.now());
  }

  /** The network's time in seconds. */
  get nowSeconds(): bigint {
    return this.net.time / 1_000_000_000n;
  }
}

const STATUS = {
  open: SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_OPEN,
  rejected: SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_REJECTED,
  adopted: SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_ADOPTED,
  executed: SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_EXECUTED,
  failed: SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_FAILED,
} as const;
