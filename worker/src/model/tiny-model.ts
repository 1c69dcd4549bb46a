/** Assembles a complete llama-architecture GGUF (metadata + vocabulary + weights) in memory. */
import { writeGguf, gguf, type GgufValue } from './gguf-writer.ts';
import { buildVocabulary, type Vocabulary } from './vocabulary.ts';
import { CHATML_TEMPLATE } from './chat-template.ts';
import { llamaTensors } from './weights.ts';
import { resolveShape, type ModelShape } from './hyperparameters.ts';

/**
 * The name says which chat format the template is: node-llama-cpp checks the known formats against a model's
 * Jinja template in the order its name suggests, so a name naming none renders about ten templates before ChatML
 * (0.7–1.6 s of every load under load, against 20–80 ms).
 */
export const TINY_MODEL_NAME = 'gatehouse-tiny-chat (ChatML)';

export type Metadata = Array<readonly [string, GgufValue]>;

export function buildTinyModel(
  options: Partial<ModelShape> = {},
  editMetadata: (metadata: Metadata) => Metadata = (m) => m,
): Uint8Array {
  const shape = resolveShape(options);
  const vocab = buildVocabulary();
  const metadata = editMetadata(tinyModelMetadata(shape, vocab));
  return writeGguf(metadata, llamaTensors(shape, vocab.tokens.length, vocab.controlIds));
}

export function tinyModelMetadata(shape: ModelShape, vocab: Vocabulary): Metadata {
  const headDim = shape.width / shape.heads;
  return [
    ['general.architecture', gguf.str('llama')],
    ['general.name', gguf.str(TINY_MODEL_NAME)],
    ['general.file_type', gguf.u32(shape.f16 ? 1 : 0)],
    ['llama.context_length', gguf.u32(shape.contextLength)],
    ['llama.embedding_length', gguf.u32(shape.width)],
    ['llama.block_count', gguf.u32(shape.layers)],
    ['llama.feed_forward_length', gguf.u32(shape.ffn)],
    ['llama.attention.head_count', gguf.u32(shape.heads)],
    ['llama.attention.head_count_kv', gguf.u32(shape.kvHeads)],
    ['llama.rope.dimension_count', gguf.u32(headDim)],
    ['llama.rope.freq_base', gguf.f32(10000)],
    ['llama.attention.layer_norm_rms_epsilon', gguf.f32(1e-5)],
    ['llama.vocab_size', gguf.u32(vocab.tokens.length)],
    ['tokenizer.ggml.model', gguf.str('llama')],
    ['tokenizer.ggml.tokens', gguf.strings(vocab.tokens)],
    ['tokenizer.ggml.scores', gguf.f32s(vocab.scores)],
    ['tokenizer.ggml.token_type', gguf.i32s(vocab.types)],
    ['tokenizer.ggml.bos_token_id', gguf.u32(vocab.bosId)],
    ['tokenizer.ggml.eos_token_id', gguf.u32(vocab.eosId)],
    ['tokenizer.ggml.unknown_token_id', gguf.u32(vocab.unkId)],
    ['tokenizer.ggml.add_bos_token', gguf.bool(true)],
    ['tokenizer.ggml.add_eos_token', gguf.bool(false)],
    ['tokenizer.chat_template', gguf.str(CHATML_TEMPLATE)],
  ];
}
