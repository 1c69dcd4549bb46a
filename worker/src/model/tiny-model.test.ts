import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { buildTinyModel } from './tiny-model.ts';
import { writeModelFile } from './model-file.ts';
import { buildVocabulary, SPACE, TokenType } from './vocabulary.ts';
import { CHATML_TEMPLATE } from './chat-template.ts';
import { resolveShape } from './hyperparameters.ts';
import { toFloat16Bits } from './float16.ts';

describe('tiny model generator', () => {
  it('writes byte-identical files on every run, well under 1 MB', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tiny-model-'));
    try {
      await writeModelFile(join(dir, 'a.gguf'));
      await writeModelFile(join(dir, 'b.gguf'));
      const [a, b] = await Promise.all([readFile(join(dir, 'a.gguf')), readFile(join(dir, 'b.gguf'))]);
      expect(a.equals(b)).toBe(true);
      expect(a.length).toBeLessThan(1_000_000);
      expect(a.length).toBeGreaterThan(100_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('changes the weights, not the layout, with the seed', () => {
    const a = buildTinyModel({ seed: 1 });
    const b = buildTinyModel({ seed: 2 });
    expect(a.length).toBe(b.length);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('is parsed by node-llama-cpp as a llama model with the ChatML template', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tiny-model-'));
    try {
      const path = join(dir, 'tiny.gguf');
      const size = await writeModelFile(path);
      const info = await readGgufFileInfo(path, { sourceType: 'filesystem', logWarnings: false });
      const vocab = buildVocabulary();
      expect(info.version).toBe(3);
      expect(info.metadata.general.architecture).toBe('llama');
      expect(info.metadata.general.alignment).toBe(32);
      expect(info.metadata.tokenizer.ggml.model).toBe('llama');
      expect(info.metadata.tokenizer.ggml.tokens).toHaveLength(vocab.tokens.length);
      expect(info.metadata.tokenizer.chat_template).toBe(CHATML_TEMPLATE);
      const arch = info.architectureMetadata;
      expect(arch.embedding_length).toBe(64);
      expect(arch.block_count).toBe(2);
      expect(arch.attention?.head_count).toBe(4);
      expect(arch.attention?.head_count_kv).toBe(2);
      expect(arch.rope?.dimension_count).toBe(16);

      const tensors = info.tensorInfo!;
      expect(tensors).toHaveLength(3 + 9 * 2);
      expect(tensors.map((t) => t.name)).toContain('blk.1.ffn_down.weight');
      expect(tensors.find((t) => t.name === 'token_embd.weight')?.dimensions).toEqual([64, vocab.tokens.length]);
      expect(info.infoEndOffset! % 32).toBe(0);
      let expectedOffset = 0;
      for (const t of tensors) {
        expect(Number(t.offset)).toBe(expectedOffset);
        const bytes = t.dimensions.reduce<number>((a, d) => a * Number(d), 1) * 4;
        expectedOffset += Math.ceil(bytes / 32) * 32;
      }
      expect(info.infoEndOffset! + expectedOffset).toBe(size);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes F16 matrices at about half the size', () => {
    expect(buildTinyModel({ f16: true }).length).toBeLessThan(buildTinyModel().length * 0.6);
  });

  it('rejects shapes llama.cpp cannot run', () => {
    expect(() => resolveShape({ width: 60, heads: 8 })).toThrow(/divisible/);
    expect(() => resolveShape({ heads: 4, kvHeads: 3 })).toThrow(/divisible/);
    expect(() => resolveShape({ layers: 0 })).toThrow(/positive/);
    expect(resolveShape({ width: 512, layers: 8 })).toMatchObject({ heads: 32, kvHeads: 16, ffn: 1024 });
  });
});

describe('vocabulary', () => {
  const vocab = buildVocabulary();

  it('starts with the specials, ChatML markers as control tokens, then the 256 byte tokens', () => {
    expect(vocab.tokens.slice(0, 5)).toEqual(['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>']);
    expect(vocab.types.slice(3, 5)).toEqual([TokenType.Control, TokenType.Control]);
    expect(vocab.tokens[5]).toBe('<0x00>');
    expect(vocab.tokens[5 + 0x0a]).toBe('<0x0A>');
    expect(vocab.tokens[260]).toBe('<0xFF>');
    expect(vocab.types.slice(5, 261).every((t) => t === TokenType.Byte)).toBe(true);
  });

  it('holds every prefix of every word, once', () => {
    for (const piece of [`${SPACE}h`, `${SPACE}hel`, `${SPACE}hello`, `${SPACE}world`, 'assistant', 'sys']) {
      expect(vocab.tokens).toContain(piece);
    }
    expect(new Set(vocab.tokens).size).toBe(vocab.tokens.length);
    expect(vocab.scores).toHaveLength(vocab.tokens.length);
  });
});

describe('float16', () => {
  it('encodes common values exactly and rounds to nearest', () => {
    expect(toFloat16Bits(0)).toBe(0);
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(1e6)).toBe(0x7c00);
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001);
    expect(toFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie rounds to even
  });
});
