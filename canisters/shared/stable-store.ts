import { jsonReplacer, jsonReviver, StableBTreeMap, type Serializable } from 'azle';

import type { Store } from './domain/store.ts';
import { decodeWellFormed, encodeWellFormed } from './utf8.ts';

/**
 * azle's stableJson, byte for byte (its replacer and reviver), without its TextEncoder/TextDecoder: those cost
 * ~20 000 instructions per byte (utf8.ts) and were most of every method's cost (16 M to read the queue's config).
 * JSON.stringify escapes lone surrogates, so its text always encodes; what we wrote always decodes.
 */
const storedJson: Serializable = {
  toBytes: (value) => encodeWellFormed(JSON.stringify(value, jsonReplacer))!,
  fromBytes: (bytes) => {
    const text = decodeWellFormed(bytes, 0);
    if (text === undefined) throw new Error('stored JSON is not UTF-8');
    return JSON.parse(text, jsonReviver);
  },
};

/** A domain Store backed by an azle StableBTreeMap at a fixed memory id (see each canister's memory.ts). */
export class StableStore<V> implements Store<V> {
  private readonly map: StableBTreeMap<string, V>;

  /** `values` replaces the JSON for the values (raw bytes, say); keys stay JSON. */
  constructor(memoryId: number, values: Serializable = storedJson) {
    this.map = new StableBTreeMap<string, V>(memoryId, storedJson, values);
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
