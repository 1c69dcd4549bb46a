import { isOk } from '../../shared/domain/result.ts';
import type { Job, QueueStores } from './model.ts';
import { DEFAULT_PARAMS, MAX_BYTES_PER_TOKEN, PARAM_RANGES, validateParams, type QueueParams } from './params.ts';
import { pushQueued } from './ready.ts';
import { configCell, countersCell, finishedKey, initialCounters, isPending } from './state.ts';

/**
 * The stable layout this code reads and writes, kept in the config cell:
 * - 0 (absent): before the per-model index. Queued jobs sit in `ready` only, finished jobs in no index,
 *   the counters have no `expired`, the params lack max_queued_jobs, queued_ttl_seconds and
 *   retention_seconds. State written by the first code with the index carries no number either.
 * - 1: the per-model, per-submitter index (lanes, queuedLinks, modelQueues), the finished index, the
 *   `expired` counter, the params as params.ts ranges them now.
 */
export const LAYOUT_VERSION = 1;

/** Jobs read per page while rebuilding (the store is walked once, in id order). */
const PAGE = 500;

export interface Migration {
  from: number;
  to: number;
  /** Jobs put back into the queued index, and finished jobs given a place in the finished index. */
  queued: number;
  finished: number;
  /** Params that had to change to be valid under today's ranges, as "name old -> new". */
  params: string[];
}

/**
 * post_upgrade: brings state written by an older layout to this one; a no-op at the current one. The
 * indexes over `jobs` are rebuilt from the jobs themselves, so state from before the index and state from
 * code that had it without a number both come out consistent. One pass over the jobs: before layout 1
 * nothing was ever deleted, so this is bounded by the jobs ever submitted (the install limit of 300 B
 * instructions covers well over 10^5 of them).
 */
export function migrateLayout(stores: QueueStores): Migration {
  const config = configCell(stores).get();
  const from = config.layout ?? 0;
  if (from >= LAYOUT_VERSION) return { from, to: from, queued: 0, finished: 0, params: [] };
  const { params, changes } = repairParams(config.params);
  countersCell(stores).set({ ...initialCounters(), ...countersCell(stores).get() });
  for (const store of [stores.ready, stores.lanes, stores.queuedLinks, stores.modelQueues, stores.finished])
    for (let page = store.entries(0, PAGE); page.length > 0; page = store.entries(0, PAGE))
      for (const [key] of page) store.delete(key);
  let queued = 0;
  let finished = 0;
  for (let offset = 0, page: Array<[string, Job]>; (page = stores.jobs.entries(offset, PAGE)).length > 0;) {
    offset += page.length;
    for (const [, job] of page) {
      if ('Queued' in job.status) {
        pushQueued(stores, job, false);
        queued += 1;
      } else if (!isPending(job)) {
        stores.finished.set(finishedKey(job.updated_at, job.id), job.id);
        finished += 1;
      }
    }
  }
  configCell(stores).set({ ...configCell(stores).get(), params, layout: LAYOUT_VERSION });
  return { from, to: LAYOUT_VERSION, queued, finished, params: changes };
}

/**
 * Params of an older layout, made valid under today's ranges: missing ones take their default, others are
 * clamped into range, max_tokens shrinks to what max_output_bytes holds; if still invalid, the defaults
 * (with the old models) — a queue that serves beats one that traps on every read of its params.
 */
export function repairParams(old: Partial<QueueParams>): { params: QueueParams; changes: string[] } {
  const params: QueueParams = { ...DEFAULT_PARAMS, ...old };
  for (const [name, [min, max]] of Object.entries(PARAM_RANGES) as Array<[keyof typeof PARAM_RANGES, [number, number]]>)
    params[name] = Math.min(max, Math.max(min, Number(params[name])));
  params.max_tokens = Math.min(params.max_tokens, Math.floor(params.max_output_bytes / MAX_BYTES_PER_TOKEN));
  const valid = isOk(validateParams(params)) ? params : { ...DEFAULT_PARAMS, models: params.models };
  const changes = (Object.keys(valid) as Array<keyof QueueParams>)
    .filter((name) => JSON.stringify(valid[name]) !== JSON.stringify(old[name]))
    .map((name) => `${name} ${JSON.stringify(old[name]) ?? 'absent'} -> ${JSON.stringify(valid[name])}`);
  return { params: valid, changes };
}
