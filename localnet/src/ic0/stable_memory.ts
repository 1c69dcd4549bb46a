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

  write(offset: bigint, data: Uint8Array): void {
    this.spans(offset, BigInt(data.length), (page, within, done, n) => this.pageForWrite(page).set(data.subarray(done, done + n), within));
  }

  /** Reads `size` bytes at `offset` into `out` from `at` (pages never written read as zeros). */
  read(offset: bigint, size: bigint, out: Uint8Array, at: number): void {
    this.spans(offset, size, (page, within, done, n) => {
      const p = this.overlay.get(page) ?? this.committed.get(page);
      if (p) out.set(p.subarray(within, within + n), at + done);
      else out.fill(0, at + done, at + done + n);
    });
  }

  /** Traps unless [offset, offset + size) lies within the stable memory. */
  checkBounds(offset: bigint, size: bigint): void {
    if (offset < 0n || size < 0n || offset + size > BigInt(this.workingSize) * BigInt(PAGE)) throw new Trap('stable memory out of bounds');
  }

  /** Bounds-checks [offset, offset + size) and calls `fn` for each page-sized piece of it. */
  private spans(offset: bigint, size: bigint, fn: (page: number, within: number, done: number, n: number) => void): void {
    this.checkBounds(offset, size);
    const off = Number(offset);
    const len = Number(size);
    for (let done = 0; done < len; ) {
      const at = off + done;
      const within = at % PAGE;
      const n = Math.min(PAGE - within, len - done);
      fn(Math.floor(at / PAGE), within, done, n);
      done += n;
    }
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
