/** update_settings and canister_status. */
import { replyWith, toPrincipal } from '../candid.ts';
import type { Canister } from '../canister.ts';
import type { CallResult } from '../reject.ts';
import { MAX_CONTROLLERS, tooManyControllers, withSettings } from './create.ts';
import * as M from './idl.ts';

export function updateSettings(c: Canister, s: any): CallResult {
  if (s.controllers?.[0]) {
    if (s.controllers[0].length > MAX_CONTROLLERS) return tooManyControllers();
    c.controllers = s.controllers[0].map(toPrincipal);
  }
  c.settings = withSettings(c.settings, s);
  c.version++;
  return replyWith();
}

export function canisterStatus(c: Canister): CallResult {
  return replyWith(
    [M.CanisterStatusResult],
    [
      {
        status: { [c.status]: null },
        settings: {
          ...c.settings,
          controllers: c.controllers,
          log_visibility: { controllers: null },
          wasm_memory_threshold: 0n,
        },
        module_hash: c.moduleHash ? [c.moduleHash] : [],
        memory_size: BigInt((c.proc?.heapBytes ?? 0) + (c.proc?.stablePageCount ?? 0) * 65536),
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
