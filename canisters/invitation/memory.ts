/**
 * StableBTreeMap memory ids of the invitation canister. They must NEVER change or be reused:
 * an upgrade reopens each map by its id, so renumbering would read one map's data as another's.
 */
export const MEMORY = {
  config: 0,
  params: 1,
  meta: 2,
  nominations: 3,
  openIds: 4,
  openByCandidate: 5,
  openCountByProvider: 6,
  nodeProviders: 7,
} as const;
