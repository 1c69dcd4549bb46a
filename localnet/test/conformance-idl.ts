/** Candid interface of the conformance canister, in the `({ IDL }) => IDL.Service` form the project uses. */
import type { IDL as IdlNamespace } from '@dfinity/candid';

export const idlFactory = ({ IDL }: { IDL: typeof IdlNamespace }) =>
  IDL.Service({
    get: IDL.Func([IDL.Text], [IDL.Nat64], ['query']),
    greeting: IDL.Func([], [IDL.Text], ['query']),
    heap: IDL.Func([], [IDL.Nat64], ['query']),
    incr: IDL.Func([IDL.Text, IDL.Nat64], [IDL.Nat64], []),
    incr_then_trap: IDL.Func([IDL.Text], [IDL.Nat64], []),
    mutating_query: IDL.Func([IDL.Text], [IDL.Nat64], ['query']),
    now: IDL.Func([], [IDL.Nat64], ['query']),
    random: IDL.Func([], [IDL.Text], []),
    refused_by_inspect: IDL.Func([], [IDL.Nat64], []),
    reject_me: IDL.Func([], [IDL.Text], []),
    remote_incr: IDL.Func([IDL.Principal, IDL.Text, IDL.Nat64], [IDL.Nat64], []),
    remote_trap: IDL.Func([IDL.Principal, IDL.Text], [IDL.Text], []),
    schedule: IDL.Func([IDL.Nat32, IDL.Text], [IDL.Nat64], []),
    say: IDL.Func([IDL.Text], [], []),
    set_meta: IDL.Func([IDL.Text], [], []),
    spin: IDL.Func([], [IDL.Nat64], []),
    timer_fired: IDL.Func([], [IDL.Nat64], ['query']),
    whoami: IDL.Func([], [IDL.Principal], []),
    work: IDL.Func([IDL.Nat32], [IDL.Nat64], ['query']),
  });

export interface Conformance {
  get(key: string): Promise<bigint>;
  greeting(): Promise<string>;
  heap(): Promise<bigint>;
  incr(key: string, by: bigint): Promise<bigint>;
  incr_then_trap(key: string): Promise<bigint>;
  mutating_query(key: string): Promise<bigint>;
  now(): Promise<bigint>;
  random(): Promise<string>;
  refused_by_inspect(): Promise<bigint>;
  reject_me(): Promise<string>;
  remote_incr(target: unknown, key: string, by: bigint): Promise<bigint>;
  remote_trap(target: unknown, key: string): Promise<string>;
  schedule(delaySeconds: number, key: string): Promise<bigint>;
  say(line: string): Promise<void>;
  set_meta(value: string): Promise<void>;
  spin(): Promise<bigint>;
  timer_fired(): Promise<bigint>;
  whoami(): Promise<{ toText(): string }>;
  work(n: number): Promise<bigint>;
}
