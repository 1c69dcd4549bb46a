import { MemoryStore } from '../../shared/domain/memory_store.ts';
import type { QueueStores } from './model.ts';

/** Fresh in-memory stores, for unit tests. */
export function memoryStores(): QueueStores {
  return {
    config: new MemoryStore(),
    counters: new MemoryStore(),
    jobs: new MemoryStore(),
    ready: new MemoryStore(),
    leases: new MemoryStore(),
    pending: new MemoryStore(),
    workers: new MemoryStore(),
  };
}

/** Every entry of every store, to assert that a rejected call changed nothing. */
export function snapshot(stores: QueueStores): Record<string, unknown> {
  return Object.fromEntries(Object.entries(stores).map(([name, store]) => [name, store.entries()]));
}
