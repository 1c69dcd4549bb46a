/**
 * Candid types of the management canister methods localnet implements, field for field as the CURRENT interface
 * (the ic.did that the replica's ic-management-canister-types crate is tested against: status_visibility,
 * log_memory_limit, minimum_incoming_canister_call_cycles, memory_metrics.log_memory_store_size, the logs filter).
 * Clients built against an older interface still decode the replies (Candid ignores record fields a reader does
 * not know) and their arguments still decode here (the newer fields are all `opt`). @icp-sdk/canisters 3.6 ships an
 * older copy, which the `icp` CLI 1.5 cannot decode, so it is not used.
 */
import { IDL } from '@dfinity/candid';

const Visibility = IDL.Variant({ controllers: IDL.Null, public: IDL.Null, allowed_viewers: IDL.Vec(IDL.Principal) });
const EnvironmentVariable = IDL.Record({ name: IDL.Text, value: IDL.Text });

export const CanisterSettings = IDL.Record({
  controllers: IDL.Opt(IDL.Vec(IDL.Principal)),
  compute_allocation: IDL.Opt(IDL.Nat),
  memory_allocation: IDL.Opt(IDL.Nat),
  freezing_threshold: IDL.Opt(IDL.Nat),
  reserved_cycles_limit: IDL.Opt(IDL.Nat),
  minimum_incoming_canister_call_cycles: IDL.Opt(IDL.Nat),
  log_visibility: IDL.Opt(Visibility),
  log_memory_limit: IDL.Opt(IDL.Nat),
  snapshot_visibility: IDL.Opt(Visibility),
  status_visibility: IDL.Opt(Visibility),
  wasm_memory_limit: IDL.Opt(IDL.Nat),
  wasm_memory_threshold: IDL.Opt(IDL.Nat),
  environment_variables: IDL.Opt(IDL.Vec(EnvironmentVariable)),
});

const DefiniteCanisterSettings = IDL.Record({
  controllers: IDL.Vec(IDL.Principal),
  compute_allocation: IDL.Nat,
  memory_allocation: IDL.Nat,
  freezing_threshold: IDL.Nat,
  reserved_cycles_limit: IDL.Nat,
  minimum_incoming_canister_call_cycles: IDL.Nat,
  log_visibility: Visibility,
  log_memory_limit: IDL.Nat,
  snapshot_visibility: Visibility,
  status_visibility: Visibility,
  wasm_memory_limit: IDL.Nat,
  wasm_memory_threshold: IDL.Nat,
  environment_variables: IDL.Vec(EnvironmentVariable),
});

export const CanisterIdRecord = IDL.Record({ canister_id: IDL.Principal });

const InstallMode = IDL.Variant({
  install: IDL.Null,
  reinstall: IDL.Null,
  upgrade: IDL.Opt(
    IDL.Record({
      skip_pre_upgrade: IDL.Opt(IDL.Bool),
      wasm_memory_persistence: IDL.Opt(IDL.Variant({ keep: IDL.Null, replace: IDL.Null })),
    }),
  ),
});

const Range = IDL.Record({ start: IDL.Nat64, end: IDL.Nat64 });

export const ManagementArgs: Record<string, IDL.Type> = {
  create_canister: IDL.Record({ settings: IDL.Opt(CanisterSettings), sender_canister_version: IDL.Opt(IDL.Nat64) }),
  provisional_create_canister_with_cycles: IDL.Record({
    amount: IDL.Opt(IDL.Nat),
    settings: IDL.Opt(CanisterSettings),
    specified_id: IDL.Opt(IDL.Principal),
    sender_canister_version: IDL.Opt(IDL.Nat64),
  }),
  install_code: IDL.Record({
    mode: InstallMode,
    canister_id: IDL.Principal,
    wasm_module: IDL.Vec(IDL.Nat8),
    arg: IDL.Vec(IDL.Nat8),
    sender_canister_version: IDL.Opt(IDL.Nat64),
  }),
  uninstall_code: IDL.Record({ canister_id: IDL.Principal, sender_canister_version: IDL.Opt(IDL.Nat64) }),
  update_settings: IDL.Record({
    canister_id: IDL.Principal,
    settings: CanisterSettings,
    sender_canister_version: IDL.Opt(IDL.Nat64),
  }),
  canister_status: CanisterIdRecord,
  start_canister: CanisterIdRecord,
  stop_canister: CanisterIdRecord,
  delete_canister: CanisterIdRecord,
  deposit_cycles: CanisterIdRecord,
  provisional_top_up_canister: IDL.Record({ canister_id: IDL.Principal, amount: IDL.Nat }),
  fetch_canister_logs: IDL.Record({
    canister_id: IDL.Principal,
    filter: IDL.Opt(IDL.Variant({ by_idx: Range, by_timestamp_nanos: Range })),
  }),
};

/** Methods the interface marks `query` that localnet answers to query calls too. */
export const QUERY_METHODS = new Set(['canister_status', 'fetch_canister_logs']);

export const CreateCanisterResult = IDL.Record({ canister_id: IDL.Principal });
export const RawRandResult = IDL.Vec(IDL.Nat8);

export const CanisterStatusResult = IDL.Record({
  status: IDL.Variant({ running: IDL.Null, stopping: IDL.Null, stopped: IDL.Null }),
  ready_for_migration: IDL.Bool,
  version: IDL.Nat64,
  settings: DefiniteCanisterSettings,
  module_hash: IDL.Opt(IDL.Vec(IDL.Nat8)),
  memory_size: IDL.Nat,
  memory_metrics: IDL.Record({
    wasm_memory_size: IDL.Nat,
    stable_memory_size: IDL.Nat,
    global_memory_size: IDL.Nat,
    wasm_binary_size: IDL.Nat,
    custom_sections_size: IDL.Nat,
    canister_history_size: IDL.Nat,
    wasm_chunk_store_size: IDL.Nat,
    snapshots_size: IDL.Nat,
    log_memory_store_size: IDL.Nat,
  }),
  cycles: IDL.Nat,
  reserved_cycles: IDL.Nat,
  idle_cycles_burned_per_day: IDL.Nat,
  query_stats: IDL.Record({
    num_calls_total: IDL.Nat,
    num_instructions_total: IDL.Nat,
    request_payload_bytes_total: IDL.Nat,
    response_payload_bytes_total: IDL.Nat,
  }),
});

export const FetchCanisterLogsResult = IDL.Record({
  canister_log_records: IDL.Vec(IDL.Record({ idx: IDL.Nat64, timestamp_nanos: IDL.Nat64, content: IDL.Vec(IDL.Nat8) })),
});
