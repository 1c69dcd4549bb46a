import { msgCaller, trap } from 'azle';

import { governanceTrap } from './domain/guards.ts';
import type { GatehouseError } from './domain/result.ts';

/**
 * Wraps the result of a method SNS governance executes proposals on: traps when governance is the
 * caller and the result is an Err (so the proposal is marked Failed), replies it unchanged otherwise.
 */
export function governanceTarget<R extends { Ok: unknown } | { Err: GatehouseError }>(
  result: R,
  governance: string,
  action: string,
): R {
  const failure = governanceTrap(result, msgCaller().toText(), governance, action);
  if (failure !== undefined) trap(failure);
  return result;
}
