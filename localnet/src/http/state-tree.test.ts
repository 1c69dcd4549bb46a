/**
 * The hashed state tree against @icp-sdk/core's own hashing and lookup: a witness reconstructs to the root the
 * round signed, finds what was asked, proves absent labels absent, and stays small in a large request set.
 */
import { flatten_forks, lookup_path, LookupPathStatus, reconstruct } from '@icp-sdk/core/agent';
import { describe, expect, it } from 'vitest';

import { lookup, visibleLabels } from '../../test/http/witness.ts';
import { branch, full, label, LabeledSet, leaf, witness } from './state-tree.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const id = (i: number) => new Uint8Array(Buffer.from(`${i.toString(16).padStart(8, '0')}`.repeat(8), 'hex'));

function state(n: number) {
  const set = new LabeledSet();
  for (let i = 0; i < n; i += 2) set.set(label(id(i)), branch({ status: leaf(utf8('replied')), reply: leaf(id(i)) }));
  return branch({
    time: leaf(new Uint8Array([1])),
    request_status: set.node(),
    canister: branch({ a: branch({ certified_data: leaf(utf8('x')) }) }),
  });
}

describe('state tree', () => {
  it('hashes as the agent reconstructs it', async () => {
    const root = state(50);
    expect(Buffer.from(await reconstruct(full(root)))).toEqual(Buffer.from(root.hash));
  });

  it('prunes to the asked paths: the value found, every other request only as hashes', async () => {
    const root = state(2000);
    const tree = witness(root, [[utf8('time')], [utf8('request_status'), id(1000)]]);
    expect(Buffer.from(await reconstruct(tree))).toEqual(Buffer.from(root.hash));
    const found = lookup_path(['request_status', id(1000), 'reply'], tree);
    expect(found.status).toBe(LookupPathStatus.Found);
    expect(lookup_path(['time'], tree).status).toBe(LookupPathStatus.Found);
    // 1000 requests in the set; the witness shows only the asked one (pruned hashes beside it).
    expect(visibleLabels(tree, ['request_status'])).toBe(1);
  });

  it('proves an absent request absent, between, before and after the present ones', async () => {
    const root = state(2000);
    for (const missing of [id(1001), new Uint8Array([0]), new Uint8Array(32).fill(0xff)]) {
      const tree = witness(root, [[utf8('request_status'), missing]]);
      expect(Buffer.from(await reconstruct(tree))).toEqual(Buffer.from(root.hash));
      expect(lookup(tree, ['request_status', missing])).toBe('absent');
      expect(visibleLabels(tree, ['request_status'])).toBeLessThanOrEqual(2);
    }
    const empty = branch({ time: leaf(new Uint8Array([1])), request_status: new LabeledSet().node() });
    const tree = witness(empty, [[utf8('request_status'), id(3)]]);
    expect(lookup(tree, ['request_status', id(3)])).toBe('absent');
    // Pruned where the label would be: not a proof either way.
    const some = witness(root, [[utf8('request_status'), id(0)]]);
    expect(lookup(some, ['request_status', id(1001)])).toBe('unknown');
  });

  it('keeps a request set consistent as labels come and go', async () => {
    const set = new LabeledSet();
    for (let i = 0; i < 300; i++) set.set(label(id(i)), leaf(id(i)));
    for (let i = 0; i < 300; i += 3) set.delete(label(id(i)));
    set.set(label(id(7)), leaf(utf8('changed')));
    const node = set.node();
    const labels = flatten_forks(full(node)).map((t) => Buffer.from(t[1] as Uint8Array).toString('hex'));
    expect(labels).toEqual([...labels].sort());
    expect(labels).toHaveLength(200);
    const fresh = new LabeledSet();
    for (let i = 0; i < 300; i++) if (i % 3 !== 0) fresh.set(label(id(i)), leaf(i === 7 ? utf8('changed') : id(i)));
    expect(Buffer.from(node.hash)).toEqual(Buffer.from(fresh.node().hash));
    expect(set.size).toBe(200);
  });
});
