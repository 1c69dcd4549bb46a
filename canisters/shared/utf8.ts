/**
 * UTF-8 text codecs for the canisters. azle installs a pure-JS TextEncoder/TextDecoder (@sinonjs/text-encoding)
 * that costs ~14 000 wasm instructions per byte; Candid (every text argument and reply, every field label),
 * azle's StableBTreeMap JSON and our stores go through it. These classes do UTF-8 with the engine's native
 * functions (~1 000 instructions per byte or less) and hand anything they do not cover to the codec they
 * replace (other encodings, streaming, malformed bytes), so every result, error and replacement character
 * stays the replaced codec's own.
 */

type Decoder = { decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string };
type DecoderClass = new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Decoder;
type EncoderClass = new () => { encode(input?: string): Uint8Array };

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
/** String.fromCharCode takes its code units as arguments: keep each call well inside any engine's limit. */
const CHUNK = 4096;

function bytesOf(input: ArrayBufferView | ArrayBuffer | undefined): Uint8Array {
  if (input === undefined) return new Uint8Array(0);
  if (input instanceof Uint8Array) return input;
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return new Uint8Array(input);
}

/**
 * The text of well-formed UTF-8 `bytes` from `start`, or undefined if they are malformed. The work is done by
 * the engine's native functions (a JS loop costs ~5 000 instructions per byte in azle's QuickJS): each byte
 * becomes one char, `escape` writes the non-ASCII ones as %XX, and decodeURIComponent decodes those as UTF-8,
 * refusing what the standard refuses (truncated, overlong, surrogate, past U+10FFFF) with a URIError.
 */
export function decodeWellFormed(bytes: Uint8Array, start: number): string | undefined {
  let chars = '';
  for (let i = start; i < bytes.length; i += CHUNK) {
    chars += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  try {
    return decodeURIComponent(escape(chars));
  } catch {
    return undefined;
  }
}

/**
 * 0 … CHUNK-1. Mapping them through charCodeAt on a chunk of a byte string reads its bytes in one native call
 * per chunk: a JS loop costs ~3 500 instructions per byte in azle's QuickJS-ng, this ~1 000.
 */
const INDICES = Uint16Array.from(Array(CHUNK).keys());

/**
 * UTF-8 of `text`; undefined if it holds a lone surrogate (the replaced encoder writes U+FFFD for it). The
 * engine does the UTF-8: encodeURIComponent writes each byte as %XX (a lone surrogate is a URIError) and
 * unescape makes each %XX one char, so the result's char codes are the bytes.
 */
export function encodeWellFormed(text: string): Uint8Array | undefined {
  let bytes: string;
  try {
    bytes = unescape(encodeURIComponent(text));
  } catch {
    return undefined;
  }
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const chunk = bytes.slice(i, i + CHUNK);
    out.set(INDICES.subarray(0, chunk.length).map(String.prototype.charCodeAt, chunk), i);
  }
  return out;
}

/** A TextDecoder class that decodes well-formed UTF-8 itself and defers everything else to `Base`. */
export function fastDecoder(Base: DecoderClass): DecoderClass {
  return class Utf8Decoder {
    private readonly utf8: boolean;
    private readonly ignoreBOM: boolean;
    private base: Decoder | undefined;

    constructor(
      private readonly label = 'utf-8',
      private readonly options: { fatal?: boolean; ignoreBOM?: boolean } = {},
    ) {
      this.utf8 = UTF8_LABELS.has(label.trim().toLowerCase());
      this.ignoreBOM = options.ignoreBOM === true;
      if (!this.utf8) this.base = new Base(label, options);
    }

    decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string {
      if (this.base === undefined && this.utf8 && options?.stream !== true) {
        const bytes = bytesOf(input);
        const bom = !this.ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        // Malformed bytes: the base's own replacement characters, or its error when fatal.
        return decodeWellFormed(bytes, bom ? 3 : 0) ?? new Base(this.label, this.options).decode(input);
      }
      // A stream keeps state across calls: once one starts, the base decoder owns it.
      this.base ??= new Base(this.label, this.options);
      return this.base.decode(input, options);
    }
  };
}

/** A TextEncoder class that encodes well-formed strings itself and defers lone surrogates to `Base`. */
export function fastEncoder(Base: EncoderClass): EncoderClass {
  return class Utf8Encoder {
    readonly encoding = 'utf-8';

    encode(input = ''): Uint8Array {
      return encodeWellFormed(input) ?? new Base().encode(input);
    }
  };
}

/** Replaces the global codecs (azle's) by the fast ones; every later `new TextDecoder()` gets them. */
export function installFastUtf8(): void {
  const g = globalThis as unknown as { TextDecoder: DecoderClass; TextEncoder: EncoderClass };
  g.TextDecoder = fastDecoder(g.TextDecoder);
  g.TextEncoder = fastEncoder(g.TextEncoder);
}
