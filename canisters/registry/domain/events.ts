import { idKey } from '../../shared/domain/keys.ts';
import type { RegistryStores } from './stores.ts';
import type { RegistryEvent } from './types.ts';

/** Appends to the event log. The log is never pruned, so its size gives the next seq (1-based). */
export function appendEvent(stores: RegistryStores, event: Omit<RegistryEvent, 'seq'>): RegistryEvent {
  const seq = BigInt(stores.events.size()) + 1n;
  const stored = { seq, ...event };
  stores.events.set(idKey(seq), stored);
  return stored;
}
