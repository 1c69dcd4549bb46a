/** ic0.stable64_*: size, grow, read and write of stable memory. */
import type { Ic0Functions, Ic0Host } from './host.ts';
import { Trap } from './trap.ts';

export function stableImports(host: Ic0Host): Ic0Functions {
  return {
    stable64_size: () => (host.message('stable64_size'), BigInt(host.stable.workingSize)),
    stable64_grow: (pages: bigint) => (host.message('stable64_grow'), host.stable.grow(pages)),
    stable64_write: (offset: bigint, src: bigint, size: bigint) => {
      host.message('stable64_write');
      const [off, len] = host.stable.bounds(offset, size);
      host.stable.write(off, host.heap.read(Number(src), len));
    },
    stable64_read: (dst: bigint, offset: bigint, size: bigint) => {
      host.message('stable64_read');
      const [off, len] = host.stable.bounds(offset, size);
      const d = Number(dst);
      const mem = host.heap.bytes();
      if (d < 0 || d + len > mem.length) throw new Trap('heap out of bounds');
      host.stable.read(off, len, mem, d);
    },
  };
}
