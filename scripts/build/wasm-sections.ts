/** Custom sections and gzip for a built wasm, both byte-for-byte deterministic. */
import { gzipSync } from 'node:zlib';

export interface CustomSection {
  name: string;
  content: Uint8Array;
}

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** The module with each section appended as a wasm custom section (id 0), in the given order. */
export function withCustomSections(wasm: Uint8Array, sections: CustomSection[]): Uint8Array {
  const parts: Uint8Array[] = [wasm];
  for (const { name, content } of sections) {
    const nameBytes = new TextEncoder().encode(name);
    const payload = [...leb128(nameBytes.length), ...nameBytes];
    parts.push(new Uint8Array([0, ...leb128(payload.length + content.length), ...payload]), content);
  }
  return Buffer.concat(parts);
}

/** The custom sections of a module, by name (for tests and tools that read them back). */
export function customSections(wasm: Uint8Array): Map<string, Uint8Array> {
  const sections = new Map<string, Uint8Array>();
  let at = 8;
  const uleb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if ((byte & 0x80) === 0) return value;
    }
  };
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = uleb();
    const end = at + size;
    if (id === 0) {
      const nameLength = uleb();
      const name = new TextDecoder().decode(wasm.subarray(at, at + nameLength));
      sections.set(name, wasm.slice(at + nameLength, end));
    }
    at = end;
  }
  return sections;
}

/** gzip with nothing of the build in its header: no file name, modification time 0 (zlib's default). */
export function gzipWasm(wasm: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(wasm, { level: 9 }));
}
