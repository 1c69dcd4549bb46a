/**
 * One connection to a network as one identity: the HttpAgent, SnsGovernanceCanister, the typed clients of
 * the Gatehouse canisters and the neuron to act with. Nothing connects until first used, so a dry run that
 * needs no reads sends nothing at all.
 */
import {
  fromHex,
  InvitationCanister,
  LlmCanister,
  QueueCanister,
  RegistryCanister,
  SnsGovernanceCanister,
  toHex,
  type GatehouseCanister,
  type SnsGovernanceDid,
} from '@gatehouse/clients';
import { HttpAgent, type Identity } from '@icp-sdk/core/agent';
import type { Principal } from '@icp-sdk/core/principal';

import { requireCanister, requireGovernance, type NetworkConfig } from './config.ts';
import { CliError } from './errors.ts';

const CLIENTS = {
  registry: RegistryCanister,
  invitation: InvitationCanister,
  queue: QueueCanister,
  llm: LlmCanister,
};
type Clients = { [K in GatehouseCanister]: ReturnType<(typeof CLIENTS)[K]['create']> };

export interface SessionOptions {
  config: NetworkConfig;
  /** The signing identity, or how to load it (read when first needed, so argument errors come first). */
  identity: Identity | (() => Identity);
  /** --neuron, hex; otherwise the identity's only neuron. */
  neuron?: string;
  dryRun?: boolean;
  out?: (line: string) => void;
}

export class Session {
  readonly config: NetworkConfig;
  private readonly loadIdentity: () => Identity;
  private loadedIdentity: Identity | undefined;
  readonly dryRun: boolean;
  readonly out: (line: string) => void;
  private readonly neuronHex: string | undefined;
  private agentPromise: Promise<HttpAgent> | undefined;
  private snsPromise: Promise<SnsGovernanceCanister> | undefined;
  private resolvedNeuron: Uint8Array | undefined;

  constructor(o: SessionOptions) {
    this.config = o.config;
    const { identity } = o;
    this.loadIdentity = typeof identity === 'function' ? identity : () => identity;
    this.dryRun = o.dryRun ?? false;
    this.out = o.out ?? ((line) => console.log(line));
    this.neuronHex = o.neuron;
  }

  get identity(): Identity {
    return (this.loadedIdentity ??= this.loadIdentity());
  }

  get principal(): Principal {
    return this.identity.getPrincipal();
  }

  get governanceId(): Principal {
    return requireGovernance(this.config);
  }

  canisterId(name: GatehouseCanister): Principal {
    return requireCanister(this.config, name);
  }

  agent(): Promise<HttpAgent> {
    this.agentPromise ??= HttpAgent.create({
      host: this.config.host,
      identity: this.identity,
      shouldFetchRootKey: this.config.fetchRootKey,
    });
    return this.agentPromise;
  }

  sns(): Promise<SnsGovernanceCanister> {
    const canisterId = this.governanceId;
    this.snsPromise ??= this.agent().then((agent) => SnsGovernanceCanister.create({ canisterId, agent }));
    return this.snsPromise;
  }

  async canister<K extends GatehouseCanister>(name: K): Promise<Clients[K]> {
    const canisterId = this.canisterId(name);
    return CLIENTS[name].create({ agent: await this.agent(), canisterId }) as Clients[K];
  }

  /** The neuron id (= subaccount) to act with: --neuron, else the identity's only neuron. */
  async neuron(): Promise<Uint8Array> {
    if (this.resolvedNeuron) return this.resolvedNeuron;
    if (this.neuronHex !== undefined) return (this.resolvedNeuron = fromHex(this.neuronHex));
    const neurons = await this.neuronsOf(this.principal);
    if (neurons.length === 0) {
      throw new CliError(
        `no neuron: ${this.principal.toText()} controls no neuron in SNS governance ${this.governanceId.toText()}; pass --neuron <id hex> or another --identity`,
      );
    }
    if (neurons.length > 1) {
      const ids = neurons.map((n) => toHex(n.id[0]!.id)).join(', ');
      throw new CliError(
        `${this.principal.toText()} controls ${neurons.length} neurons (${ids}); choose one with --neuron <id hex>`,
      );
    }
    return (this.resolvedNeuron = Uint8Array.from(neurons[0]!.id[0]!.id));
  }

  async neuronsOf(principal: Principal): Promise<SnsGovernanceDid.Neuron[]> {
    return (await this.sns()).listNeurons({ principal, limit: 100, certified: false });
  }
}
