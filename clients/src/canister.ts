/**
 * What every Gatehouse canister client shares (after ic-js's `Canister`): an actor for queries and updates,
 * a second one that makes every query an update call for certified reads, and the canister id.
 */
import { Actor, type ActorConfig, type ActorSubclass, type Agent } from '@icp-sdk/core/agent';
import type { IDL } from '@icp-sdk/core/candid';
import type { Principal } from '@icp-sdk/core/principal';

export interface CanisterOptions {
  agent: Agent;
  canisterId: Principal;
  /** checks the BLS signature of every certificate the update calls return (default: the agent's own) */
  blsVerify?: ActorConfig['blsVerify'];
}

/** Reads default to uncertified queries; `certified: true` replicates the call (an update, slower, trusted). */
export interface QueryParams {
  certified?: boolean;
}

/** The same service with every query made an update call, so its reply is certified by the subnet. */
export function certifiedFactory(factory: IDL.InterfaceFactory): IDL.InterfaceFactory {
  return ({ IDL: idl }) => {
    const service = factory({ IDL: idl });
    return idl.Service(
      Object.fromEntries(
        service._fields.map(([name, func]) => [
          name,
          idl.Func(
            func.argTypes,
            func.retTypes,
            func.annotations.filter((a) => a !== 'query' && a !== 'composite_query'),
          ),
        ]),
      ),
    );
  };
}

export abstract class GatehouseCanisterClient<S> {
  protected constructor(
    readonly canisterId: Principal,
    protected readonly service: ActorSubclass<S>,
    protected readonly certifiedService: ActorSubclass<S>,
  ) {}

  protected static actors<S>(factory: IDL.InterfaceFactory, { agent, canisterId, blsVerify }: CanisterOptions) {
    const config = { agent, canisterId, ...(blsVerify ? { blsVerify } : {}) };
    return {
      service: Actor.createActor<S>(factory, config),
      certifiedService: Actor.createActor<S>(certifiedFactory(factory), config),
    };
  }

  protected caller({ certified = false }: QueryParams = {}): ActorSubclass<S> {
    return certified ? this.certifiedService : this.service;
  }

  /**
   * Any validate_* method by name with its payload value, for callers driven by the generic-function manifest
   * (validators are deterministic, change nothing and take any caller, so this update call is safe).
   */
  async validate(method: string, payload: unknown): Promise<Validation> {
    const call = (this.service as Record<string, unknown>)[method];
    if (!method.startsWith('validate_') || typeof call !== 'function')
      throw new Error(`${this.name} has no validator ${method}`);
    return toValidation(await (call as (arg: unknown) => Promise<{ Ok: string } | { Err: string }>)(payload));
  }

  /** The canister's name in error texts (`registry`, `invitation`, `queue`). */
  protected abstract readonly name: string;
}

/** A validate_* method's answer (`variant { Ok : text; Err : text }`): SNS governance shows `text` to voters. */
export interface Validation {
  valid: boolean;
  text: string;
}

export const toValidation = (answer: { Ok: string } | { Err: string }): Validation =>
  'Ok' in answer ? { valid: true, text: answer.Ok } : { valid: false, text: answer.Err };
