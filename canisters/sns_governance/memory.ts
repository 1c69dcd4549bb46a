/**
 * StableBTreeMap memory ids of the local SNS governance canister. They must NEVER change or be
 * reused: an upgrade reopens each map by its id, so renumbering would read one map's data as another's.
 */
export const MEMORY = {
  config: 0,
  counters: 1,
  neurons: 2,
  proposals: 3,
  functions: 4,
  wasms: 5,
} as const;
