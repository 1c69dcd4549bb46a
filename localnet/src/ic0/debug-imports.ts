/** debug_print (works anywhere, also outside a message) and trap. */
import { text, type Ic0Functions, type Ic0Host } from './host.ts';
import { Trap } from './trap.ts';

const MAX_TRAP_MESSAGE_BYTES = 16 * 1024;

export function debugImports(host: Ic0Host): Ic0Functions {
  return {
    debug_print: (src: number, size: number) => {
      const line = text(host.heap.read(src, size));
      host.current?.logs.push(line);
    },
    trap: (src: number, size: number) => {
      const bytes = host.heap.read(src, Math.min(size, MAX_TRAP_MESSAGE_BYTES));
      throw new Trap(`Canister called \`ic0.trap\` with message: '${text(bytes)}'`);
    },
  };
}
