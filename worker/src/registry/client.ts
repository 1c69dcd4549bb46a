import { RegistryCanister, type Contributor, type RegistryParams, type Role } from '@gatehouse/clients';
import type { Principal } from '@icp-sdk/core/principal';
import { canisterOptions, send, type CanisterConnection } from '../agent/canister.ts';

/** What `keys` needs of the registry; errors are QueueError (the shared canister/agent error). */
export interface RegistryClient {
  /** Signed by the contributor: offers the key; nothing is bound until the key accepts. */
  offerWorkerKey(key: Principal): Promise<void>;
  /** Signed by the worker key itself: accepts the contributor's offer, which binds it. */
  acceptWorkerKey(contributor: Principal): Promise<void>;
  unbindWorkerKey(key: Principal): Promise<void>;
  contributor(id: Principal): Promise<Contributor | undefined>;
  roleOf(id: Principal): Promise<Role>;
  params(): Promise<RegistryParams>;
}

/** The registry over an HttpAgent signed by the caller's identity (the contributor, or the key accepting). */
export class AgentRegistryClient implements RegistryClient {
  private constructor(private readonly registry: RegistryCanister) {}

  static async connect(c: CanisterConnection): Promise<AgentRegistryClient> {
    return new AgentRegistryClient(RegistryCanister.create(await canisterOptions(c)));
  }

  offerWorkerKey(key: Principal): Promise<void> {
    return send(() => this.registry.offerWorkerKey({ key }));
  }
  acceptWorkerKey(contributor: Principal): Promise<void> {
    return send(() => this.registry.acceptWorkerKey({ contributor }));
  }
  unbindWorkerKey(key: Principal): Promise<void> {
    return send(() => this.registry.unbindWorkerKey({ key }));
  }
  contributor(id: Principal): Promise<Contributor | undefined> {
    return send(() => this.registry.getContributor({ contributor: id }));
  }
  roleOf(id: Principal): Promise<Role> {
    return send(() => this.registry.roleOf({ principal: id }));
  }
  params(): Promise<RegistryParams> {
    return send(() => this.registry.getParams());
  }
}
