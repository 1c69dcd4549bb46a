/**
 * The certified state tree: a labeled tree built from plain data, pruned down to the paths a request
 * asks for. Hashing and lookup are @icp-sdk/core's (`reconstruct`, `lookup_path`); this only builds.
 */
import { NodeType, reconstruct, type HashTree } from '@icp-sdk/core/agent';

/** A state tree as data: a leaf (bytes) or labeled children. */
export type StateNode = Uint8Array | StateBranch;
export interface StateBranch {
  [label: string]: StateNode;
}

const utf8 = new TextEncoder();
/** Labels are binary; the branch maps store them as latin1 strings so that any byte sequence is a key. */
export const label = (bytes: Uint8Array | string): string =>
  typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('latin1');
const labelBytes = (key: string): Uint8Array => new Uint8Array(Buffer.from(key, 'latin1'));

function isLeaf(node: StateNode): node is Uint8Array {
  return node instanceof Uint8Array;
}

/** Sorted labels (byte order) as a balanced tree of forks. */
function forks(subtrees: HashTree[]): HashTree {
  if (subtrees.length === 0) return [NodeType.Empty];
  if (subtrees.length === 1) return subtrees[0]!;
  const mid = Math.ceil(subtrees.length / 2);
  return [NodeType.Fork, forks(subtrees.slice(0, mid)), forks(subtrees.slice(mid))];
}

function sortedKeys(branch: StateBranch): string[] {
  return Object.keys(branch).sort((a, b) => Buffer.compare(Buffer.from(a, 'latin1'), Buffer.from(b, 'latin1')));
}

/** The full hash tree of a node. */
export function fullTree(node: StateNode): HashTree {
  if (isLeaf(node)) return [NodeType.Leaf, node as never];
  return forks(sortedKeys(node).map((k) => [NodeType.Labeled, labelBytes(k) as never, fullTree(node[k]!)] as HashTree));
}

/** Path prefixes as a trie: `true` means "everything below". */
type Want = true | Map<string, Want>;

function wantOf(paths: Uint8Array[][]): Want {
  const root = new Map<string, Want>();
  for (const path of paths) {
    if (path.length === 0) return true;
    let level: Map<string, Want> = root;
    for (let i = 0; i < path.length; i++) {
      const key = label(path[i]!);
      const existing = level.get(key);
      if (existing === true) break;
      if (i === path.length - 1) {
        level.set(key, true);
        break;
      }
      const next = existing ?? new Map<string, Want>();
      level.set(key, next);
      level = next;
    }
  }
  return root;
}

/**
 * The tree with everything outside `paths` pruned. Labels along a requested path stay visible (with
 * their subtrees pruned), so a lookup of an absent label is provably absent.
 */
export async function prunedTree(node: StateNode, paths: Uint8Array[][]): Promise<HashTree> {
  return prune(node, wantOf(paths));
}

async function prune(node: StateNode, want: Want): Promise<HashTree> {
  if (want === true || isLeaf(node))
    return want === true ? fullTree(node) : [NodeType.Pruned, (await reconstruct(fullTree(node))) as never];
  const children: HashTree[] = [];
  for (const k of sortedKeys(node)) {
    const sub = want.get(k);
    const child = node[k]!;
    children.push([
      NodeType.Labeled,
      labelBytes(k) as never,
      sub === undefined ? [NodeType.Pruned, (await reconstruct(fullTree(child))) as never] : await prune(child, sub),
    ]);
  }
  return forks(children);
}

export { utf8 };
