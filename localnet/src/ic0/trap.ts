/** A trap raised by the System API, and how any error thrown out of the wasm reads as a trap message. */
import { Wasm } from '../wasm-api.ts';

export class Trap extends Error {}

export function describeTrap(error: unknown): string {
  if (error instanceof Trap) return error.message;
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'Canister trapped: stack overflow';
  if (error instanceof Wasm.RuntimeError) return `Canister trapped: ${(error as Error).message}`;
  return `Canister trapped: ${error instanceof Error ? error.message : String(error)}`;
}
