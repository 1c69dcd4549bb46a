/** llama tensor set (names and ggml shapes as llama.cpp expects) filled with small seeded random values. */
import { createPrng } from './prng.ts';
import { toFloat16Bits } from './float16.ts';
import { GgmlType, type GgufTensor } from './gguf-writer.ts';
import type { ModelShape } from './hyperparameters.ts';

interface TensorSpec {
  name: string;
  dims: [number] | [number, number];
  kind: 'norm' | 'matrix';
}

export function llamaTensorSpecs(shape: ModelShape, vocabSize: number): TensorSpec[] {
  const { width, ffn } = shape;
  const kvWidth = (width / shape.heads) * shape.kvHeads;
  const specs: TensorSpec[] = [{ name: 'token_embd.weight', dims: [width, vocabSize], kind: 'matrix' }];
  for (let i = 0; i < shape.layers; i++) {
    const b = `blk.${i}.`;
    specs.push(
      { name: `${b}attn_norm.weight`, dims: [width], kind: 'norm' },
      { name: `${b}attn_q.weight`, dims: [width, width], kind: 'matrix' },
      { name: `${b}attn_k.weight`, dims: [width, kvWidth], kind: 'matrix' },
      { name: `${b}attn_v.weight`, dims: [width, kvWidth], kind: 'matrix' },
      { name: `${b}attn_output.weight`, dims: [width, width], kind: 'matrix' },
      { name: `${b}ffn_norm.weight`, dims: [width], kind: 'norm' },
      { name: `${b}ffn_gate.weight`, dims: [width, ffn], kind: 'matrix' },
      { name: `${b}ffn_up.weight`, dims: [width, ffn], kind: 'matrix' },
      { name: `${b}ffn_down.weight`, dims: [ffn, width], kind: 'matrix' },
    );
  }
  specs.push(
    { name: 'output_norm.weight', dims: [width], kind: 'norm' },
    { name: 'output.weight', dims: [width, vocabSize], kind: 'matrix' },
  );
  return specs;
}

function encode(values: Float32Array, type: GgmlType): Uint8Array {
  if (type === GgmlType.F32) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setUint16(i * 2, toFloat16Bits(values[i]!), true);
  return out;
}

/**
 * Norms are 1; matrices are uniform in ±1/sqrt(fan_in). Rows of output.weight for `silentTokenIds` are zero,
 * giving those tokens logit 0 while the best random logit is positive: greedy decoding never emits them.
 */
export function llamaTensors(shape: ModelShape, vocabSize: number, silentTokenIds: readonly number[]): GgufTensor[] {
  const next = createPrng(shape.seed);
  return llamaTensorSpecs(shape, vocabSize).map((spec) => {
    const count = spec.dims.reduce((a, b) => a * b, 1);
    const values = new Float32Array(count);
    if (spec.kind === 'norm') values.fill(1);
    else {
      const scale = 1 / Math.sqrt(spec.dims[0]);
      for (let i = 0; i < count; i++) values[i] = (next() * 2 - 1) * scale;
    }
    if (spec.name === 'output.weight') {
      for (const id of silentTokenIds) values.fill(0, id * spec.dims[0], (id + 1) * spec.dims[0]);
    }
    const type = spec.kind === 'matrix' && shape.f16 ? GgmlType.F16 : GgmlType.F32;
    return { name: spec.name, dims: spec.dims, type, data: encode(values, type) };
  });
}
