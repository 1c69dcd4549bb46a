/**
 * Runs inside the inference child: owns the llama.cpp binding and the model, and runs one job per
 * freshly created context (so jobs never see each other's KV cache; the host bounds how many run at once).
 */
import { stat } from 'node:fs/promises';
import {
  getLlama,
  LlamaChat,
  LlamaLogLevel,
  NoBinaryFoundError,
  readGgufFileInfo,
  resolveChatWrapper,
  type ChatHistoryItem,
  type ChatModelFunctions,
  type ChatWrapper,
  type Llama,
  type LlamaGrammar,
  type LlamaModel,
} from 'node-llama-cpp';
import { InvalidRequestError, toChatHistory, validateRequest } from './chat-history.ts';
import type { LoadErrorCode } from './protocol.ts';
import { forcedCallInstructions, forcedCallSchema, parseForcedCall, toChatModelFunctions, toolCall } from './tools.ts';
import {
  failure,
  oneLine,
  type EngineConfig,
  type InferenceRequest,
  type InferenceResult,
  type ModelInfo,
  type ToolCallOut,
} from './types.ts';

export class EngineLoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type AbortCause = 'deadline' | 'cancelled';

export class InferenceEngine {
  private constructor(
    private readonly llama: Llama,
    private readonly model: LlamaModel,
    private readonly chatWrapper: ChatWrapper,
    private readonly config: EngineConfig,
    readonly info: ModelInfo,
  ) {}

  static async load(config: EngineConfig, onLoadProgress?: (fraction: number) => void): Promise<InferenceEngine> {
    const started = Date.now();
    const { modelPath } = config;
    const sizeBytes = (await stat(modelPath).catch(() => null))?.size;
    if (sizeBytes === undefined) throw new EngineLoadError('not-found', `cannot open model ${modelPath}`);

    let ggufInfo;
    try {
      ggufInfo = await readGgufFileInfo(modelPath, {
        sourceType: 'filesystem',
        logWarnings: false,
        spliceSplitFiles: false,
      });
    } catch (error) {
      throw new EngineLoadError('invalid-gguf', `${modelPath} is not a readable GGUF: ${message(error)}`);
    }

    const recentErrors: string[] = [];
    let llama: Llama;
    try {
      llama = await getLlama({
        build: 'never',
        gpu: config.gpu,
        maxThreads: config.threads,
        logLevel: LlamaLogLevel.error,
        logger: (level, text) => {
          if (level !== LlamaLogLevel.error && level !== LlamaLogLevel.fatal) return;
          process.stderr.write(`${text}\n`);
          recentErrors.push(text.trim());
          if (recentErrors.length > 8) recentErrors.shift();
        },
      });
    } catch (error) {
      const reason =
        error instanceof NoBinaryFoundError
          ? 'no prebuilt llama.cpp binary for this platform (building from source is disabled)'
          : `cannot initialise llama.cpp: ${message(error)}`;
      throw new EngineLoadError('no-binary', reason);
    }

    let model: LlamaModel;
    try {
      model = await llama.loadModel({
        modelPath,
        gpuLayers: config.gpu === false ? 0 : 'auto',
        ...(onLoadProgress ? { onLoadProgress } : {}),
      });
    } catch (error) {
      await llama.dispose();
      // llama.cpp's own log says why ("gguf_init_from_reader: failed to read key-value pairs"); its exception does not.
      const clue =
        recentErrors.find((line) => line.startsWith('gguf_')) ??
        recentErrors.find((line) => line.startsWith('llama_model_load:'));
      const code = recentErrors.some((line) => line.startsWith('gguf_')) ? 'invalid-gguf' : 'load-failed';
      throw new EngineLoadError(code, `llama.cpp cannot load ${modelPath}: ${clue ?? message(error)}`);
    }

    const chatWrapper = resolveChatWrapper(model);
    const info: ModelInfo = {
      path: modelPath,
      architecture: String(ggufInfo.metadata.general?.architecture ?? 'unknown'),
      name: ggufInfo.metadata.general?.name,
      vocabSize: ggufInfo.metadata.tokenizer?.ggml?.tokens?.length ?? 0,
      trainContextSize: model.trainContextSize,
      chatWrapper: chatWrapper.wrapperName,
      sizeBytes,
      loadMs: Date.now() - started,
    };
    return new InferenceEngine(llama, model, chatWrapper, config, info);
  }

  async run(
    request: InferenceRequest,
    signal: AbortSignal,
    onToken: (tokensOut: number) => void,
  ): Promise<InferenceResult> {
    const started = Date.now();
    try {
      validateRequest(request);
    } catch (error) {
      if (error instanceof InvalidRequestError) return failure('invalid-request', error.message, false);
      throw error;
    }
    const tools = request.tools ?? [];
    const forced = tools.length > 0 && request.toolChoice === 'required';
    const history = forced
      ? withSystemText(toChatHistory(request), forcedCallInstructions(tools))
      : toChatHistory(request);
    let calling: Calling;
    try {
      calling = forced
        ? { grammar: await this.llama.createGrammarForJsonSchema(forcedCallSchema(tools) as never) }
        : tools.length > 0
          ? { functions: toChatModelFunctions(tools), documentFunctionParams: true }
          : {};
    } catch (error) {
      return failure('invalid-request', `cannot build the tools' grammar: ${message(error)}`, false);
    }
    const context = await this.model.createContext({
      contextSize: this.config.contextSize,
      threads: this.config.threads,
      sequences: 1,
    });
    let chat: LlamaChat | undefined;
    try {
      chat = new LlamaChat({ contextSequence: context.getSequence(), chatWrapper: this.chatWrapper });
      return await this.generate(chat, request, history, calling, signal, started, onToken);
    } finally {
      chat?.dispose({ disposeSequence: true });
      await context.dispose();
    }
  }

  private async generate(
    chat: LlamaChat,
    request: InferenceRequest,
    history: ChatHistoryItem[],
    calling: Calling,
    signal: AbortSignal,
    started: number,
    onToken: (tokensOut: number) => void,
  ): Promise<InferenceResult> {
    const sequence = chat.sequence;
    let tokensOut = 0;
    // onToken holds back tokens (e.g. partial UTF-8 bytes); the meter counts every generated token.
    const usage = () => ({
      tokensIn: sequence.tokenMeter.usedInputTokens,
      tokensOut: Math.max(tokensOut, sequence.tokenMeter.usedOutputTokens),
      ms: Date.now() - started,
    });
    try {
      const promptTokens = this.chatWrapper
        .generateContextState({
          chatHistory: history,
          ...('functions' in calling ? { availableFunctions: calling.functions, documentFunctionParams: true } : {}),
        })
        .contextText.tokenize(this.model.tokenizer).length;
      if (promptTokens >= this.config.contextSize) {
        return failure(
          'prompt-too-long',
          `prompt is ${promptTokens} tokens, context size is ${this.config.contextSize}`,
          true,
        );
      }
      const temperature = request.temperature ?? 0;
      const response = await chat.generateResponse(history, {
        ...calling,
        maxTokens: request.maxTokens,
        temperature,
        ...(temperature > 0 && request.seed !== undefined ? { seed: request.seed } : {}),
        signal,
        stopOnAbortSignal: true,
        onToken: (tokens) => {
          tokensOut += tokens.length;
          onToken(tokensOut);
        },
      });
      if (signal.aborted || response.metadata.stopReason === 'abort') return abortFailure(signal, usage());
      const forcedCall = 'grammar' in calling ? parseForcedCall(response.response, request.tools ?? []) : undefined;
      const calls: ToolCallOut[] = forcedCall
        ? [forcedCall]
        : (response.functionCalls ?? []).map((call) => toolCall(call.functionName, call.params));
      return {
        ok: true,
        // A forced call's JSON is the call itself, not an answer to show.
        text: forcedCall ? '' : response.response,
        ...usage(),
        stopReason: response.metadata.stopReason === 'maxTokens' ? 'max-tokens' : 'eos',
        ...(calls.length > 0 ? { toolCalls: calls } : {}),
      };
    } catch (error) {
      if (signal.aborted) return abortFailure(signal, usage());
      return failure('internal', `inference failed: ${message(error)}`, true, usage());
    }
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
    await this.llama.dispose();
  }
}

/**
 * How the model may call the job's tools: node-llama-cpp's function calling (the chat wrapper documents the
 * functions and parses the model's calls), or a grammar that leaves it no choice but one call. node-llama-cpp
 * takes one or the other, never both.
 */
type Calling =
  { grammar: LlamaGrammar } | { functions: ChatModelFunctions; documentFunctionParams: true } | Record<string, never>;

/** The history with `text` added to its system message (a new first one when it has none). */
function withSystemText(history: ChatHistoryItem[], text: string): ChatHistoryItem[] {
  const [first, ...rest] = history;
  if (first?.type === 'system' && typeof first.text === 'string')
    return [{ type: 'system', text: `${first.text}\n\n${text}` }, ...rest];
  return [{ type: 'system', text }, ...history];
}

function abortFailure(
  signal: AbortSignal,
  partial: { tokensIn: number; tokensOut: number; ms: number },
): InferenceResult {
  const cause: AbortCause = signal.reason === 'cancelled' ? 'cancelled' : 'deadline';
  return cause === 'deadline'
    ? failure('deadline', `deadline exceeded after ${partial.tokensOut} tokens`, true, partial)
    : failure('cancelled', 'job cancelled', false, partial);
}

function message(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}
