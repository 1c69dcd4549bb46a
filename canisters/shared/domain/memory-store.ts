import type { Store } from './store.ts';

/**
 * In-memory Store for unit tests. Values are cloned on the way in and out so a test sees the
 * same copy semantics as serialized stable storage: mutating a returned object changes nothing.
 */
export class MemoryStore<V> implements Store<V> {
  private readonly map = new Map<string, V>();

  get(key: string): V | undefined {
    const value = this.map.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  set(key: string, value: V): void {
    this.map.set(key, structuredClone(value));
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  size(): number {
    return this.map.size;
  }

  entries(offset = 0, limit = Number.MAX_SAFE_INTEGER): Array<[string, V]> {
    return [...this.map.keys()]
      .sort(compareUtf8)
      .slice(offset, offset + limit)
      .map((key) => [key, structuredClone(this.map.get(key) as V)]);
  }
}

const encoder = new TextEncoder();

/** Byte-wise comparison, the order StableBTreeMap keeps its serialized keys in. */
function compareUtf8(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}
