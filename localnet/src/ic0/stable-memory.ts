/**
 * Stable memory as sparse 64 KiB pages. Committed pages are never written in place: a message's first write
 * to a page copies it into a working overlay, which becomes committed only if the message commits.
 */
import type { Checkpoint } from '../protocol.ts';
import { Trap } from './trap.ts';

export const PAGE = 65536;
const MAX_STABLE_PAGES = 500 * 16384; // 500 GiB, the replica's limit

export class StableMemory {
  private readonly committed = new Map<number, Uint8Array>();
  private readonly overlay = new Map<number, Uint8Array>();
  private size = 0;
  /** The size as the running message sees it (grown, not yet committed). */
  workingSize = 0;

  constructor(restore?: Partial<Pick<Checkpoint, 'stablePages' | 'stableSize'>>) {
    for (const [i, sab] of restore?.stablePages ?? []) this.committed.set(i, new Uint8Array(sab));
    this.size = this.workingSize = restore?.stableSize ?? 0;
  }

  get committedSize(): number {
    return this.size;
  }

  /** ic0.stable64_grow: the old size in pages, or -1 past the limit. */
  grow(pages: bigint): bigint {
    const old = this.workingSize;
    if (pages < 0n || BigInt(old) + pages > BigInt(MAX_STABLE_PAGES)) return -1n;
    this.workingSize = old + Number(pages);
    return BigInt(old);
  }

  /** Traps unless [offset, offset + size) lies within the stable memory; returns both as numbers. */
  bounds(offset: bigint, size: bigint): [number, number] {
    if (offset < 0n || size < 0n || offset + size > BigInt(this.workingSize) * BigInt(PAGE))
      throw new Trap('stable memory out of bounds');
    return [Number(offset), Number(size)];
  }

  /** Writes `data` at `offset`, which `bounds` has checked. */
  write(offset: number, data: Uint8Array): void {
    spans(offset, data.length, (page, within, done, n) =>
      this.pageForWrite(page).set(data.subarray(done, done + n), within),
    );
  }

  /** Reads `size` bytes at `offset` (checked by `bounds`) into `out` from `at`; pages never written read as zeros. */
  read(offset: number, size: number, out: Uint8Array, at: number): void {
    spans(offset, size, (page, within, done, n) => {
      const p = this.overlay.get(page) ?? this.committed.get(page);
      if (p) out.set(p.subarray(within, within + n), at + done);
      else out.fill(0, at + done, at + done + n);
    });
  }

  private pageForWrite(i: number): Uint8Array {
    let p = this.overlay.get(i);
    if (!p) {
      p = new Uint8Array(new SharedArrayBuffer(PAGE));
      const old = this.committed.get(i);
      if (old) p.set(old);
      this.overlay.set(i, p);
    }
    return p;
  }

  /** Every page as the running message left it (for pre_upgrade, whose changes are not committed). */
  image(): Map<number, SharedArrayBuffer> {
    const out = new Map<number, SharedArrayBuffer>();
    for (const [i, p] of this.committed) out.set(i, p.buffer as SharedArrayBuffer);
    for (const [i, p] of this.overlay) out.set(i, p.buffer as SharedArrayBuffer);
    return out;
  }

  /** Makes the message's writes and growth committed; returns the pages it wrote. */
  commit(): Array<[number, SharedArrayBuffer]> {
    const written: Array<[number, SharedArrayBuffer]> = [];
    for (const [i, p] of this.overlay) {
      this.committed.set(i, p);
      written.push([i, p.buffer as SharedArrayBuffer]);
    }
    this.overlay.clear();
    this.size = this.workingSize;
    return written;
  }

  rollback(): void {
    this.overlay.clear();
    this.workingSize = this.size;
  }
}

/** Calls `fn` for each page-sized piece of [offset, offset + size). */
function spans(
  offset: number,
  size: number,
  fn: (page: number, within: number, done: number, n: number) => void,
): void {
  for (let done = 0; done < size;) {
    const at = offset + done;
    const within = at % PAGE;
    const n = Math.min(PAGE - within, size - done);
    fn(Math.floor(at / PAGE), within, done, n);
    done += n;
  }
}
