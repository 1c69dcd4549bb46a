/**
 * StableBTreeMap memory ids of the queue canister. They must NEVER change or be reused:
 * an upgraded canister finds its state by these numbers.
 */
export const MEMORY = {
  config: 0,
  counters: 1,
  jobs: 2,
  ready: 3,
  leases: 4,
  pending: 5,
  workers: 6,
  lanes: 7,
  queuedLinks: 8,
  modelQueues: 9,
  finished: 10,
  workerOrder: 11,
} as const;
