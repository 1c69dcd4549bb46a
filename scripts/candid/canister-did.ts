/** A canister's `.did` text, printed from the `didSource` its `interface.ts` exports. */
import { IDL } from '@dfinity/candid';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { emitDid, orderRecordingIdl, type DidSource } from './emit-did.ts';
import { parseDid } from './parse-did.ts';

type Idl = typeof IDL;

export async function canisterDid(projectRoot: string, main: string): Promise<string> {
  const interfacePath = join(dirname(main), 'interface.ts');
  const module = (await import(pathToFileURL(join(projectRoot, interfacePath)).href)) as {
    didSource?: (idl: Idl) => DidSource;
  };
  if (!module.didSource) throw new Error(`${interfacePath} exports no didSource(IDL)`);
  const { IDL: recording, order } = orderRecordingIdl(IDL);
  const source = module.didSource(recording);
  // A file in a package, read as data: package "exports" maps do not list .did files.
  const shapes = source.namesFromDid
    ? parseDid(readFileSync(join(projectRoot, 'node_modules', source.namesFromDid), 'utf8')).types
    : undefined;
  const header = `// Generated from ${interfacePath} by scripts/build-canisters.ts; do not edit.\n`;
  return emitDid(IDL, source, { order, header, shapes });
}
