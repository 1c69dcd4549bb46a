/**
 * Key-value storage as the domain sees it. In a canister it is backed by a StableBTreeMap
 * (see ../stable-store.ts); in unit tests by MemoryStore. Keys are strings and iterate in
 * ascending order, like the StableBTreeMap's byte order for the keys we use (see keys.ts).
 */
export interface Store<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  delete(key: string): void;
  has(key: string): boolean;
  size(): number;
  /** Entries in ascending key order, skipping `offset`, at most `limit` of them. */
  entries(offset?: number, limit?: number): Array<[string, V]>;
}

/** A single stored value (configuration, counters) kept under one fixed key of a Store. */
export class Cell<V> {
  constructor(
    private readonly store: Store<V>,
    private readonly initial: () => V,
    private readonly key = 'cell',
  ) {}

  get(): V {
    return this.store.get(this.key) ?? this.initial();
  }

  set(value: V): void {
    this.store.set(this.key, value);
  }
}
