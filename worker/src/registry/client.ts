import type { Principal } from '@icp-sdk/core/principal';
import { idlFactory } from '../../../canisters/registry/interface.ts';
import type { Contributor, RegistryParams, Result, Role } from '../../../canisters/registry/interface.ts';
import { connectActor, send, sendResult, type CanisterConnection } from '../agent/canister.ts';

interface RegistryActor {
  bind_worker_key(key: Principal): Promise<Result<null>>;
  unbind_worker_key(key: Principal): Promise<Result<null>>;
  get_contributor(id: Principal): Promise<[] | [Contributor]>;
  role_of(id: Principal): Promise<Role>;
  get_params(): Promise<RegistryParams>;
}

/** What `keys` needs of the registry; errors are QueueError (the shared canister/agent error). */
export interface RegistryClient {
  bindWorkerKey(key: Principal): Promise<void>;
  unbindWorkerKey(key: Principal): Promise<void>;
  contributor(id: Principal): Promise<Contributor | undefined>;
  roleOf(id: Principal): Promise<Role>;
  params(): Promise<RegistryParams>;
}

/** The registry over an HttpAgent signed by the caller's identity (the contributor, for binds). */
export class AgentRegistryClient implements RegistryClient {
  private constructor(private readonly actor: RegistryActor) {}

  static async connect(c: CanisterConnection): Promise<AgentRegistryClient> {
    return new AgentRegistryClient(await connectActor<RegistryActor>(idlFactory, c));
  }

  async bindWorkerKey(key: Principal): Promise<void> {
    await sendResult(() => this.actor.bind_worker_key(key));
  }
  async unbindWorkerKey(key: Principal): Promise<void> {
    await sendResult(() => this.actor.unbind_worker_key(key));
  }
  async contributor(id: Principal): Promise<Contributor | undefined> {
    return (await send(() => this.actor.get_contributor(id)))[0];
  }
  roleOf(id: Principal): Promise<Role> {
    return send(() => this.actor.role_of(id));
  }
  params(): Promise<RegistryParams> {
    return send(() => this.actor.get_params());
  }
}
