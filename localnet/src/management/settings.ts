/** update_settings, canister_status (every field of the current interface) and fetch_canister_logs. */
import { Principal } from '@icp-sdk/core/principal';

import { replyWith, toPrincipal } from '../candid.ts';
import { mayView, type Canister, type Visibility } from '../canister.ts';
import { RejectCode, rejectOf, type CallResult } from '../reject.ts';
import { MAX_CONTROLLERS, tooManyControllers, withSettings } from './create.ts';
import * as M from './idl.ts';

const WASM_PAGE = 65536;

export function updateSettings(c: Canister, s: any): CallResult {
  if (s.controllers?.[0]) {
    if (s.controllers[0].length > MAX_CONTROLLERS) return tooManyControllers();
    c.controllers = s.controllers[0].map(toPrincipal);
  }
  c.settings = withSettings(c.settings, s);
  c.version++;
  return replyWith();
}

const visibility = (v: Visibility) =>
  'allowed_viewers' in v ? { allowed_viewers: v.allowed_viewers.map((p) => Principal.fromText(p)) } : v;

export function canisterStatus(c: Canister): CallResult {
  const wasmMemory = BigInt(c.proc?.heapBytes ?? 0);
  const stableMemory = BigInt((c.proc?.stablePageCount ?? 0) * WASM_PAGE);
  const customSections = [...c.metadata].reduce((n, [name, s]) => n + name.length + s.content.length, 0);
  const memory_metrics = {
    wasm_memory_size: wasmMemory,
    stable_memory_size: stableMemory,
    global_memory_size: 0n,
    wasm_binary_size: BigInt(c.moduleSize),
    custom_sections_size: BigInt(customSections),
    canister_history_size: 0n,
    wasm_chunk_store_size: 0n,
    snapshots_size: 0n,
    log_memory_store_size: BigInt(c.logs.bytes),
  };
  return replyWith(
    [M.CanisterStatusResult],
    [
      {
        status: { [c.status]: null },
        ready_for_migration: false,
        version: c.version,
        settings: {
          ...c.settings,
          controllers: c.controllers,
          log_visibility: visibility(c.settings.log_visibility),
          snapshot_visibility: visibility(c.settings.snapshot_visibility),
          status_visibility: visibility(c.settings.status_visibility),
        },
        module_hash: c.moduleHash ? [c.moduleHash] : [],
        memory_size: Object.values(memory_metrics).reduce((a, b) => a + b, 0n),
        memory_metrics,
        cycles: c.balance,
        reserved_cycles: 0n,
        idle_cycles_burned_per_day: 0n,
        query_stats: {
          num_calls_total: 0n,
          num_instructions_total: 0n,
          request_payload_bytes_total: 0n,
          response_payload_bytes_total: 0n,
        },
      },
    ],
  );
}

export function fetchCanisterLogs(c: Canister, caller: Principal, filter: any): CallResult {
  if (!mayView(c, c.settings.log_visibility, caller)) {
    return rejectOf(
      RejectCode.CANISTER_REJECT,
      `Caller ${caller.toText()} is not allowed to query ic00 method fetch_canister_logs`,
      'IC0406',
    );
  }
  // Ranges are [start, end), as the replica reads them.
  const range = filter?.by_idx ?? filter?.by_timestamp_nanos;
  const key = filter?.by_idx ? 'idx' : 'timestamp_nanos';
  const records = range ? c.logs.records.filter((r) => r[key] >= range.start && r[key] < range.end) : c.logs.records;
  return replyWith([M.FetchCanisterLogsResult], [{ canister_log_records: records }]);
}
