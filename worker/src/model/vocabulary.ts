/**
 * SentencePiece-style ("llama" tokenizer) vocabulary: specials, the 256 byte-fallback tokens, then every
 * prefix of a small English word list ("▁" marks a leading space). Longer pieces score higher, so the
 * SPM merge loop in llama.cpp assembles whole words and falls back to bytes for anything else.
 */
export enum TokenType {
  Normal = 1,
  Unknown = 2,
  Control = 3,
  UserDefined = 4,
  Unused = 5,
  Byte = 6,
}

export interface Vocabulary {
  tokens: string[];
  scores: number[];
  types: TokenType[];
  unkId: number;
  bosId: number;
  eosId: number;
  /** ids the tiny model never predicts (zero output rows), so greedy generation runs to max_tokens */
  controlIds: number[];
}

export const SPACE = '\u2581';

export const ENGLISH_WORDS: readonly string[] = [
  'the',
  'a',
  'an',
  'is',
  'are',
  'was',
  'of',
  'and',
  'or',
  'to',
  'in',
  'on',
  'at',
  'for',
  'with',
  'it',
  'you',
  'i',
  'we',
  'they',
  'he',
  'she',
  'that',
  'this',
  'what',
  'how',
  'why',
  'who',
  'when',
  'where',
  'yes',
  'no',
  'not',
  'can',
  'will',
  'do',
  'have',
  'be',
  'say',
  'hello',
  'world',
  'good',
  'day',
  'time',
  'one',
  'two',
  'three',
  'tiny',
  'model',
  'test',
  'chat',
  'answer',
  'question',
  'please',
  'thank',
  'thanks',
  'help',
  'know',
  'think',
  'make',
  'like',
  'people',
  'work',
  'new',
  'first',
  'well',
  'way',
  'because',
  'about',
  'there',
  'some',
  'other',
  'than',
  'then',
  'now',
  'only',
  'come',
  'over',
  'also',
  'back',
  'after',
  'use',
  'our',
  'your',
  'my',
  'computer',
  'network',
  'internet',
  'token',
  'worker',
  'queue',
  'job',
  'system',
  'user',
  'assistant',
];

const SPECIALS: ReadonlyArray<readonly [string, TokenType]> = [
  ['<unk>', TokenType.Unknown],
  ['<s>', TokenType.Control],
  ['</s>', TokenType.Control],
  ['<|im_start|>', TokenType.Control],
  ['<|im_end|>', TokenType.Control],
];

const PUNCTUATION = ['.', ',', '?', '!', ':', "'", '-'];
/** role names follow "<|im_start|>" with no space, so they also appear unprefixed */
const BARE_WORDS = ['system', 'user', 'assistant'];

function byteToken(b: number): string {
  return `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;
}

export function buildVocabulary(words: readonly string[] = ENGLISH_WORDS): Vocabulary {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: TokenType[] = [];
  const seen = new Set<string>();
  const add = (piece: string, type: TokenType, score: number): void => {
    if (seen.has(piece)) return;
    seen.add(piece);
    tokens.push(piece);
    types.push(type);
    scores.push(score);
  };
  for (const [piece, type] of SPECIALS) add(piece, type, 0);
  for (let b = 0; b < 256; b++) add(byteToken(b), TokenType.Byte, 0);

  const pieces: string[] = [SPACE, ...PUNCTUATION];
  for (const w of [...words.map((w) => SPACE + w), ...BARE_WORDS]) {
    for (let n = 1; n <= w.length; n++) pieces.push(w.slice(0, n));
  }
  for (const piece of pieces) add(piece, TokenType.Normal, -100 + [...piece].length);

  return { tokens, scores, types, unkId: 0, bosId: 1, eosId: 2, controlIds: [0, 1, 2, 3, 4] };
}
