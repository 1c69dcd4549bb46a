/**
 * StableBTreeMap memory ids of the registry canister. They must NEVER change or be reused:
 * an upgrade reopens each map by its id, so renumbering would read one map's data as another's.
 */
export const MEMORY = {
  meta: 0,
  nodeProviders: 1,
  contributors: 2,
  workerKeys: 3,
  events: 4,
  outbox: 5,
} as const;
