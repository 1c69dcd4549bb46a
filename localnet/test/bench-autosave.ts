/**
 * Bytes an autosave writes: `npx tsx localnet/test/bench-autosave.ts`. Four conformance canisters in a state
 * directory; after one update on one of them, how much does the next save write? (Counted from the files whose
 * inode or mtime changed, so the figure does not depend on the saver reporting it.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';

import { Autosave, openStateDir } from '../src/state-dir.ts';
import { idlFactory, type Conformance } from './conformance-idl.ts';
import { bytesWritten, listFiles } from './file-writes.ts';
import { conformanceWasm } from './fixture/build.ts';

const dir = mkdtempSync(join(tmpdir(), 'localnet-autosave-'));
const { net, keys } = await openStateDir(dir);
const wasm = conformanceWasm();
const arg = new Uint8Array(IDL.encode([IDL.Text], ['bench']));
const ids = [];
for (let i = 0; i < 4; i++) {
  const id = await net.createCanister();
  await net.install(id, wasm, arg);
  ids.push(id);
}
const autosave = new Autosave(net, dir, keys, 3_600_000);
await autosave.flush(true);
const mib = (n: number) => `${(n / 2 ** 20).toFixed(2)} MiB`;
for (let round = 0; round < 3; round++) {
  const before = listFiles(dir);
  await net.actor<Conformance>(ids[0]!, idlFactory).incr('k', 1n);
  const t = performance.now();
  await autosave.flush();
  const ms = performance.now() - t;
  console.log(
    `autosave after 1 update on 1 of 4 canisters: ${mib(bytesWritten(before, listFiles(dir)))} written in ${ms.toFixed(0)} ms`,
  );
}
await autosave.stop();
await net.close();
rmSync(dir, { recursive: true, force: true });
