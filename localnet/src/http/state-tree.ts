/**
 * The certified state tree with every node's hash computed once, when the node is made: a round's tree shares
 * the unchanged subtrees of the previous round's, so certifying a round costs hashes only along what changed.
 * `witness` prunes a tree to the paths a request asks for as the replica does: the requested subtrees, the
 * labels beside an absent one (so its absence is provable), and every other subtree as its hash.
 */
import { createHash } from 'node:crypto';

import { NodeType, type HashTree } from '@icp-sdk/core/agent';

/** Labels as latin1 strings: one char per byte, so `<` on them is the byte order the tree is sorted by. */
export type Label = string;

export type Node =
  | { readonly kind: 'empty'; readonly hash: Uint8Array }
  | { readonly kind: 'leaf'; readonly value: Uint8Array; readonly hash: Uint8Array }
  | { readonly kind: 'labeled'; readonly label: Label; readonly child: Node; readonly hash: Uint8Array }
  | {
      readonly kind: 'fork';
      readonly left: Node;
      readonly right: Node;
      /** The smallest and largest label directly under this run of forks. */
      readonly min: Label;
      readonly max: Label;
      readonly hash: Uint8Array;
    };

export const label = (bytes: Uint8Array | string): Label =>
  typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('latin1');
const labelBytes = (l: Label): Uint8Array => new Uint8Array(Buffer.from(l, 'latin1'));

function domainHash(domain: string, ...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256')
    .update(Buffer.from([domain.length]))
    .update(domain);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

export const EMPTY: Node = { kind: 'empty', hash: domainHash('ic-hashtree-empty') };

export function leaf(value: Uint8Array): Node {
  return { kind: 'leaf', value, hash: domainHash('ic-hashtree-leaf', value) };
}

export function labeled(l: Label, child: Node): Node {
  return { kind: 'labeled', label: l, child, hash: domainHash('ic-hashtree-labeled', labelBytes(l), child.hash) };
}

const minOf = (n: Node): Label => (n.kind === 'fork' ? n.min : (n as { label: Label }).label);
const maxOf = (n: Node): Label => (n.kind === 'fork' ? n.max : (n as { label: Label }).label);

/** Labeled nodes (or runs of them), already in label order, as a balanced tree of forks. */
export function forks(nodes: readonly Node[]): Node {
  if (nodes.length === 0) return EMPTY;
  if (nodes.length === 1) return nodes[0]!;
  const mid = Math.ceil(nodes.length / 2);
  const left = forks(nodes.slice(0, mid));
  const right = forks(nodes.slice(mid));
  return {
    kind: 'fork',
    left,
    right,
    min: minOf(left),
    max: maxOf(right),
    hash: domainHash('ic-hashtree-fork', left.hash, right.hash),
  };
}

export const byLabel = (a: Label, b: Label): number => (a < b ? -1 : a > b ? 1 : 0);

/** A branch from its children by label (any order). */
export function branch(children: Record<Label, Node | undefined>): Node {
  const keys = Object.keys(children)
    .filter((k) => children[k] !== undefined)
    .sort(byLabel);
  return forks(keys.map((k) => labeled(k, children[k]!)));
}

/** Path prefixes as a trie: `true` means "everything below". */
type Want = true | Map<Label, Want>;

function wantOf(paths: Uint8Array[][]): Want {
  const root = new Map<Label, Want>();
  for (const path of paths) {
    if (path.length === 0) return true;
    let level = root;
    for (let i = 0; i < path.length; i++) {
      const key = label(path[i]!);
      const existing = level.get(key);
      if (existing === true) break;
      if (i === path.length - 1) {
        level.set(key, true);
        break;
      }
      const next = existing ?? new Map<Label, Want>();
      level.set(key, next);
      level = next;
    }
  }
  return root;
}

/** The tree pruned to `paths` (a witness for each: the value, or a proof that it is absent). */
export function witness(root: Node, paths: Uint8Array[][]): HashTree {
  return witnessOf(root, wantOf(paths));
}

function witnessOf(node: Node, want: Want): HashTree {
  if (want === true) return full(node);
  const keys = [...want.keys()].sort(byLabel);
  return level(node, keys, want, false, false);
}

const pruned = (n: Node): HashTree => [NodeType.Pruned, n.hash as never];

/**
 * One level of labels (forks down to labeled nodes): descends only where a wanted label is or would be;
 * `showMin`/`showMax` keep the smallest/largest label visible because a wanted label lies just outside.
 */
function level(node: Node, keys: Label[], want: Map<Label, Want>, showMin: boolean, showMax: boolean): HashTree {
  if (keys.length === 0 && !showMin && !showMax) return pruned(node);
  switch (node.kind) {
    case 'empty':
      return [NodeType.Empty];
    case 'leaf':
      return [NodeType.Leaf, node.value as never];
    case 'labeled': {
      const sub = keys.includes(node.label) ? want.get(node.label) : undefined;
      return [
        NodeType.Labeled,
        labelBytes(node.label) as never,
        sub === undefined ? pruned(node.child) : witnessOf(node.child, sub),
      ];
    }
    case 'fork': {
      const leftMax = maxOf(node.left);
      const rightMin = minOf(node.right);
      const inGap = keys.some((k) => k > leftMax && k < rightMin);
      return [
        NodeType.Fork,
        level(
          node.left,
          keys.filter((k) => k <= leftMax),
          want,
          showMin,
          inGap,
        ),
        level(
          node.right,
          keys.filter((k) => k >= rightMin),
          want,
          inGap,
          showMax,
        ),
      ];
    }
  }
}

/** The whole subtree. */
export function full(node: Node): HashTree {
  switch (node.kind) {
    case 'empty':
      return [NodeType.Empty];
    case 'leaf':
      return [NodeType.Leaf, node.value as never];
    case 'labeled':
      return [NodeType.Labeled, labelBytes(node.label) as never, full(node.child)];
    case 'fork':
      return [NodeType.Fork, full(node.left), full(node.right)];
  }
}

/**
 * A large labeled set that changes a little per round (request statuses): labels bucketed by their first byte,
 * and a bucket's forks rebuilt only when one of its labels changed.
 */
export class LabeledSet {
  private readonly buckets = new Map<number, Map<Label, Node>>();
  private readonly trees = new Map<number, Node>();

  get size(): number {
    let n = 0;
    for (const b of this.buckets.values()) n += b.size;
    return n;
  }

  set(l: Label, child: Node): void {
    const b = l.charCodeAt(0) || 0;
    let bucket = this.buckets.get(b);
    if (!bucket) this.buckets.set(b, (bucket = new Map()));
    bucket.set(l, labeled(l, child));
    this.trees.delete(b);
  }

  delete(l: Label): void {
    const b = l.charCodeAt(0) || 0;
    const bucket = this.buckets.get(b);
    if (!bucket?.delete(l)) return;
    if (bucket.size === 0) this.buckets.delete(b);
    this.trees.delete(b);
  }

  node(): Node {
    const ids = [...this.buckets.keys()].sort((x, y) => x - y);
    return forks(
      ids.map((b) => {
        let tree = this.trees.get(b);
        if (!tree) {
          const bucket = this.buckets.get(b)!;
          tree = forks([...bucket.keys()].sort(byLabel).map((l) => bucket.get(l)!));
          this.trees.set(b, tree);
        }
        return tree;
      }),
    );
  }
}
