/**
 * StableBTreeMap memory ids of the llm canister. They must NEVER change or be reused:
 * an upgraded canister finds its state by these numbers.
 */
export const MEMORY = {
  config: 0,
  counters: 1,
} as const;
