/** Shape of a generated llama model; defaults give the ~0.6 MB test model. */
export interface ModelShape {
  /** embedding_length */
  width: number;
  /** block_count */
  layers: number;
  heads: number;
  kvHeads: number;
  /** feed_forward_length */
  ffn: number;
  contextLength: number;
  /** store matrices as F16 instead of F32 (norms stay F32) */
  f16: boolean;
  seed: number;
}

export const DEFAULT_SHAPE: ModelShape = {
  width: 64,
  layers: 2,
  heads: 4,
  kvHeads: 2,
  ffn: 128,
  contextLength: 2048,
  f16: false,
  seed: 1234,
};

/** Fills in derived defaults (heads scale with width, ffn = 2×width) and checks llama's constraints. */
export function resolveShape(given: Partial<ModelShape> = {}): ModelShape {
  const partial = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<ModelShape>;
  const width = partial.width ?? DEFAULT_SHAPE.width;
  const heads = partial.heads ?? Math.max(1, Math.round(width / 16));
  const shape: ModelShape = {
    ...DEFAULT_SHAPE,
    heads,
    kvHeads: heads % 2 === 0 ? heads / 2 : heads,
    ffn: width * 2,
    ...partial,
    width,
  };
  const positive = ['width', 'layers', 'heads', 'kvHeads', 'ffn', 'contextLength'] as const;
  for (const k of positive) {
    if (!Number.isInteger(shape[k]) || shape[k] < 1)
      throw new RangeError(`${k} must be a positive integer, got ${shape[k]}`);
  }
  if (shape.width % shape.heads !== 0)
    throw new RangeError(`width ${shape.width} is not divisible by heads ${shape.heads}`);
  if (shape.heads % shape.kvHeads !== 0)
    throw new RangeError(`heads ${shape.heads} is not divisible by kvHeads ${shape.kvHeads}`);
  if ((shape.width / shape.heads) % 2 !== 0) throw new RangeError('head dimension must be even (RoPE)');
  return shape;
}
