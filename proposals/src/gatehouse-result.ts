import { CliError } from './errors.ts';

/** A Gatehouse `variant { Ok; Err : GatehouseError }` answer: the Ok value, or a one-line CliError. */
export function unwrap<T>(what: string, result: { Ok: T } | { Err: Record<string, string> }): T {
  if ('Ok' in result) return result.Ok;
  const [kind, message] = Object.entries(result.Err)[0] ?? ['Error', 'unknown'];
  throw new CliError(`${what} refused: ${kind}: ${message}`);
}
