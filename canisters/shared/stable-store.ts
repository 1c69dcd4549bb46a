import { StableBTreeMap, stableJson, type Serializable } from 'azle';

import type { Store } from './domain/store.ts';

/** A domain Store backed by an azle StableBTreeMap at a fixed memory id (see each canister's memory.ts). */
export class StableStore<V> implements Store<V> {
  private readonly map: StableBTreeMap<string, V>;

  /** `values` replaces azle's JSON for the values (raw bytes, say); keys stay JSON. */
  constructor(memoryId: number, values: Serializable = stableJson) {
    this.map = new StableBTreeMap<string, V>(memoryId, stableJson, values);
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    this.map.insert(key, value);
  }

  delete(key: string): void {
    this.map.remove(key);
  }

  has(key: string): boolean {
    return this.map.containsKey(key);
  }

  size(): number {
    return Number(this.map.len());
  }

  entries(offset = 0, limit?: number): Array<[string, V]> {
    return this.map.items(offset, limit);
  }
}
