/**
 * Generation throughput of a (generated or given) model through ModelHost.
 *   npx tsx worker/scripts/bench-inference.ts [--model FILE | --width 512 --layers 8] [--threads 2] [--tokens 256] [--runs 3]
 */
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureModelFile } from '../src/model/model-file.ts';
import { ModelHost } from '../src/inference/index.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    width: { type: 'string', default: '64' },
    layers: { type: 'string', default: '2' },
    threads: { type: 'string', default: '2' },
    tokens: { type: 'string', default: '256' },
    runs: { type: 'string', default: '3' },
    context: { type: 'string', default: '1024' },
  },
});
const width = Number(values.width);
const layers = Number(values.layers);
const modelPath =
  values.model ??
  (await ensureModelFile(join(tmpdir(), `gatehouse-bench-w${width}-l${layers}.gguf`), { width, layers }));

const host = new ModelHost({ modelPath, threads: Number(values.threads), contextSize: Number(values.context) });
const info = await host.start();
console.log(
  `model ${modelPath}: ${(info.sizeBytes / 1e6).toFixed(2)} MB, vocab ${info.vocabSize}, loaded in ${info.loadMs} ms, threads ${values.threads}`,
);
const rates: number[] = [];
for (let i = 0; i < Number(values.runs); i++) {
  const result = await host.run({
    messages: [{ role: 'user', content: 'tell me about the network' }],
    maxTokens: Number(values.tokens),
  });
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);
  const rate = (result.tokensOut / result.ms) * 1000;
  rates.push(rate);
  console.log(
    `run ${i + 1}: ${result.tokensIn} in, ${result.tokensOut} out, ${result.ms} ms, ${rate.toFixed(1)} tokens/s`,
  );
}
rates.sort((a, b) => a - b);
console.log(
  `median ${rates[Math.floor(rates.length / 2)]!.toFixed(1)} tokens/s (end to end: context, prompt and generation)`,
);
await host.close();
