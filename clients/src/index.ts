/**
 * @gatehouse/clients: typed clients of the Gatehouse canisters and the SNS governance helpers. Browser- and
 * Node-safe (no node: imports): the worker, the proposals CLI and the dashboard all talk to the canisters
 * through it.
 */
export * from './canister.ts';
export * from './errors.ts';
export * from './invitation/invitation.canister.ts';
export * from './invitation/invitation.types.ts';
export * from './llm/llm.canister.ts';
export * from './queue/queue.canister.ts';
export * from './queue/queue.types.ts';
export * from './registry/registry.canister.ts';
export * from './registry/registry.types.ts';
export * from './sns/generic-functions.ts';
export * from './sns/governance.ts';
export * from './sns/payload.ts';
export * from './sns/proposal.ts';
export * from './sns/upgrade-arg.ts';
export * from './utils/hex.ts';
export * from './utils/opt.ts';
export * from './utils/paging.ts';
export * from './utils/pem.ts';
export * from './utils/principal.ts';
export * from './utils/sanitize.ts';
