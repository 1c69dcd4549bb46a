export { buildTinyModel, tinyModelMetadata, TINY_MODEL_NAME, type Metadata } from './tiny-model.ts';
export { resolveShape, DEFAULT_SHAPE, type ModelShape } from './hyperparameters.ts';
export { buildVocabulary, type Vocabulary } from './vocabulary.ts';
export { CHATML_TEMPLATE } from './chat-template.ts';
export { writeGguf, gguf, GgmlType, GgufType, type GgufTensor, type GgufValue } from './gguf-writer.ts';
export { writeModelFile, ensureModelFile } from './model-file.ts';
