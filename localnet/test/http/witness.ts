/**
 * Reading a witness as the Rust agent (ic-certification) does: @icp-sdk/core's label comparison is not the byte
 * order (a label counts as greater when any one byte is), so its lookups say Unknown where a proof of absence is.
 */
import { NodeType, type HashTree } from '@icp-sdk/core/agent';

type Item = { label: Buffer; tree: HashTree } | 'pruned';

/** One level of a tree: its labeled nodes and pruned gaps, in order. */
function items(tree: HashTree): Item[] {
  if (tree[0] === NodeType.Fork) return [...items(tree[1]), ...items(tree[2])];
  if (tree[0] === NodeType.Labeled) return [{ label: Buffer.from(tree[1] as Uint8Array), tree: tree[2] }];
  if (tree[0] === NodeType.Pruned) return ['pruned'];
  return [];
}

export type Lookup = { found: HashTree } | 'absent' | 'unknown';

/** Looks `path` up with byte-order comparison: found, provably absent, or unknown (pruned where it would be). */
export function lookup(tree: HashTree, path: Array<Uint8Array | string>): Lookup {
  let at = tree;
  for (const part of path) {
    const want = Buffer.from(typeof part === 'string' ? new TextEncoder().encode(part) : part);
    const level = items(at);
    const hit = level.find((i): i is Exclude<Item, 'pruned'> => i !== 'pruned' && i.label.equals(want));
    if (hit) {
      at = hit.tree;
      continue;
    }
    const after = level.findIndex((i) => i !== 'pruned' && Buffer.compare(i.label, want) > 0);
    const before = after === -1 ? level.at(-1) : level[after - 1];
    return before === 'pruned' ? 'unknown' : 'absent';
  }
  return { found: at };
}

/** How many labels a level of the witness shows. */
export function visibleLabels(tree: HashTree, path: string[]): number {
  const at = lookup(tree, path);
  if (typeof at === 'string') throw new Error(`${path.join('/')} is ${at}`);
  return items(at.found).filter((i) => i !== 'pruned').length;
}
