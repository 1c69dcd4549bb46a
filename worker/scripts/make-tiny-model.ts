/**
 * Writes a deterministic llama-architecture GGUF for tests, demos and benchmarks.
 *   npx tsx worker/scripts/make-tiny-model.ts --out test/fixtures/models/tiny-chat.gguf [--width 64 --layers 2
 *     --heads 4 --kv-heads 2 --ffn 128 --context 2048 --seed 1234 --f16]
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { writeModelFile } from '../src/model/model-file.ts';
import type { ModelShape } from '../src/model/hyperparameters.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    width: { type: 'string' },
    layers: { type: 'string' },
    heads: { type: 'string' },
    'kv-heads': { type: 'string' },
    ffn: { type: 'string' },
    context: { type: 'string' },
    seed: { type: 'string' },
    f16: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

const usage =
  'usage: make-tiny-model --out FILE [--width N --layers N --heads N --kv-heads N --ffn N --context N --seed N --f16]';
if (values.help || !values.out) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

function int(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) {
    console.error(`--${name} must be an integer, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const shape: Partial<ModelShape> = {
  width: int('width', values.width),
  layers: int('layers', values.layers),
  heads: int('heads', values.heads),
  kvHeads: int('kv-heads', values['kv-heads']),
  ffn: int('ffn', values.ffn),
  contextLength: int('context', values.context),
  seed: int('seed', values.seed),
  f16: values.f16,
};

try {
  const out = resolve(values.out);
  const size = await writeModelFile(out, shape);
  console.log(`wrote ${out} (${size} bytes)`);
} catch (error) {
  console.error(`make-tiny-model: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
