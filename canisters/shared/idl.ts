import type { IDL as IdlNamespace } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import type { IDL as ClientIdl } from '@icp-sdk/core/candid';

/**
 * The Candid IDL namespace an interface factory is given. Canisters pass azle's (`@dfinity/candid`),
 * clients pass `@icp-sdk/core/candid`'s. Both have the same runtime surface, but TypeScript sees two
 * unrelated class families, so factories are typed against azle's and `clientFactory` makes the one
 * cast a client needs.
 */
export type Idl = typeof IdlNamespace;

/** A service factory in the `({ IDL }) => service` form `@icp-sdk/core`'s Actor expects. */
export function clientFactory(service: (IDL: Idl) => IdlNamespace.ServiceClass): ClientIdl.InterfaceFactory {
  return (({ IDL }: { IDL: Idl }) => service(IDL)) as unknown as ClientIdl.InterfaceFactory;
}

/** Candid types every Gatehouse canister shares: the error variant, paging and validator answers. */
export function sharedTypes(IDL: Idl) {
  const GatehouseError = IDL.Variant({
    Unauthorized: IDL.Text,
    InvalidInput: IDL.Text,
    NotFound: IDL.Text,
    Conflict: IDL.Text,
    LimitExceeded: IDL.Text,
    Unavailable: IDL.Text,
  });
  const result = (ok: IdlNamespace.Type) => IDL.Variant({ Ok: ok, Err: GatehouseError });
  return {
    GatehouseError,
    result,
    UnitResult: result(IDL.Null),
    PageRequest: IDL.Record({ offset: IDL.Nat64, limit: IDL.Nat64 }),
    ValidationResult: IDL.Variant({ Ok: IDL.Text, Err: IDL.Text }),
    /** A listing's reply: a page, or InvalidInput for a request out of range (see domain/paging.ts). */
    page: (item: IdlNamespace.Type) => result(IDL.Record({ items: IDL.Vec(item), total: IDL.Nat64 })),
  };
}

/**
 * The install and upgrade argument, in the form the IC's ledger canisters use: `Init` at install, `Upgrade` at
 * upgrade (post_upgrade also accepts no argument at all, as an SNS upgrade proposal may carry none).
 */
export function lifecycleTypes(
  IDL: Idl,
  InitArgs: IdlNamespace.Type,
  upgradeFields: Record<string, IdlNamespace.Type> = {},
) {
  /**
   * An upgrade may point the canister at another SNS governance: on mainnet the canisters are installed before
   * the SNS that will govern them exists. Only a controller can upgrade, and a controller can already replace
   * the code, so this gives nobody a power they did not have.
   */
  const UpgradeArgs = IDL.Record({ governance: IDL.Opt(IDL.Principal), ...upgradeFields });
  return { UpgradeArgs, LifecycleArgs: IDL.Variant({ Init: InitArgs, Upgrade: IDL.Opt(UpgradeArgs) }) };
}

/** The TS mirror of a canister's LifecycleArgs (opt T is [] | [T]); every upgrade field is an opt principal. */
export type LifecycleArgs<InitArgs> = { Init: InitArgs } | { Upgrade: [] | [Record<string, [] | [Principal]>] };
