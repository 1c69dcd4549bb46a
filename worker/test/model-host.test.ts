/** Model-dependent: runs the generated tiny model in a real inference child. */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { ModelHost, ModelLoadError, type InferenceRequest, type InferenceResult } from '../src/inference/index.ts';
import { ensureTinyModel } from './tiny-model.ts';
import { buildTinyModel, gguf } from '../src/model/index.ts';

const THREADS = 1; // the tiny model is fastest single-threaded; tests share 2 cores
const ask = (content: string, over: Partial<InferenceRequest> = {}): InferenceRequest => ({
  messages: [
    { role: 'system', content: 'You are a tiny model.' },
    { role: 'user', content },
  ],
  maxTokens: 24,
  ...over,
});
/** far more tokens than the job can produce before its deadline or kill */
const ENDLESS = 1_000_000;

function expectOk(result: InferenceResult): asserts result is Extract<InferenceResult, { ok: true }> {
  if (!result.ok) throw new Error(`job failed: ${result.code}: ${result.reason}`);
}

/** a progress callback that SIGKILLs the child at the first generated tokens (later reports may still be queued) */
function killOnce(pid: number): () => void {
  let killed = false;
  return () => {
    if (!killed) process.kill(pid, 'SIGKILL');
    killed = true;
  };
}

let modelPath: string;
beforeAll(async () => {
  modelPath = await ensureTinyModel();
});

describe('ModelHost with the tiny model', () => {
  let host: ModelHost;
  beforeAll(async () => {
    host = new ModelHost({ modelPath, threads: THREADS, contextSize: 256, slots: 2 });
    await host.start();
  });
  afterAll(() => host?.close());

  it('loads the model in a child and reports what it loaded', () => {
    expect(host.state).toBe('ready');
    expect(host.pid).not.toBe(process.pid);
    expect(host.info).toMatchObject({
      architecture: 'llama',
      name: 'gatehouse-tiny-chat (ChatML)',
      chatWrapper: 'ChatML',
      trainContextSize: 2048,
    });
    expect(host.info!.vocabSize).toBeGreaterThan(261);
  });

  it('is deterministic at temperature 0 and reports tokens and time', async () => {
    const [a, b] = await Promise.all([host.run(ask('hello world')), host.run(ask('hello world'))]);
    const c = await host.run(ask('hello world'));
    expectOk(a);
    expectOk(b);
    expectOk(c);
    expect(a.text.length).toBeGreaterThan(0);
    expect(b.text).toBe(a.text);
    expect(c.text).toBe(a.text);
    // BOS + the ChatML rendering of a system and a user message
    expect(a.tokensIn).toBeGreaterThan(10);
    expect(a.tokensOut).toBeGreaterThan(0);
    expect(a.ms).toBeGreaterThanOrEqual(0);
  });

  it('follows the seed when sampling', async () => {
    const sampled = (seed: number) => host.run(ask('what is the time', { temperature: 1, seed, maxTokens: 16 }));
    const [a, b] = [await sampled(7), await sampled(7)];
    expectOk(a);
    expectOk(b);
    expect(b.text).toBe(a.text);
  });

  it('honours max_tokens', async () => {
    for (const maxTokens of [1, 5, 40]) {
      const result = await host.run(ask('tell me about the network', { maxTokens }));
      expectOk(result);
      expect(result.tokensOut).toBeLessThanOrEqual(maxTokens);
      expect(result.tokensOut).toBe(maxTokens); // counted by the sequence's token meter, not by emitted text
      // the tiny model never predicts <|im_end|> or </s>, so it always runs to the limit
      expect(result.stopReason).toBe('max-tokens');
    }
  });

  it('aborts a long generation at its deadline', async () => {
    const started = Date.now();
    const result = await host.run(ask('go on forever', { maxTokens: ENDLESS, deadline: started + 1_500 }));
    expect(result).toMatchObject({ ok: false, code: 'deadline', retryable: true });
    expect(result.tokensOut).toBeGreaterThan(0);
    expect(result.tokensOut).toBeLessThan(ENDLESS);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('cancels a job when the caller aborts, then serves the next one', async () => {
    const controller = new AbortController();
    const result = await host.run(ask('go on forever', { maxTokens: ENDLESS }), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(result).toMatchObject({ ok: false, code: 'cancelled', retryable: false });
    expectOk(await host.run(ask('hello')));
  });

  it('rejects bad requests without retry', async () => {
    expect(await host.run(ask('x', { maxTokens: 0 }))).toMatchObject({
      ok: false,
      code: 'invalid-request',
      retryable: false,
    });
    const huge = 'hello world '.repeat(400);
    expect(await host.run(ask(huge))).toMatchObject({ ok: false, code: 'prompt-too-long' });
  });
});

describe('ModelHost crash recovery', () => {
  it('fails the in-flight job as retryable when the child dies, restarts it, and serves the next job', async () => {
    const host = new ModelHost({ modelPath, threads: THREADS, contextSize: 256, restartBaseDelayMs: 10 });
    try {
      await host.start();
      const firstPid = host.pid!;
      const crashed = once(host, 'crash');
      const result = await host.run(ask('go on forever', { maxTokens: ENDLESS }), { onProgress: killOnce(firstPid) });
      expect(result).toMatchObject({ ok: false, code: 'crashed', retryable: true });
      expect(result.ok === false && result.reason).toMatch(/SIGKILL/);
      const [crash] = await crashed;
      expect(crash).toMatchObject({ signal: 'SIGKILL', failedJobs: 1 });

      const next = await host.run(ask('hello world')); // queued until the restarted child is ready
      expectOk(next);
      expect(host.restarts).toBe(1);
      expect(host.pid).not.toBe(firstPid);
    } finally {
      await host.close();
    }
  });

  it('gives up after the restart budget and fails queued jobs instead of hanging', async () => {
    const host = new ModelHost({ modelPath, threads: THREADS, contextSize: 256, maxRestarts: 0 });
    try {
      await host.start();
      const failed = once(host, 'failed');
      const result = await host.run(ask('go on forever', { maxTokens: ENDLESS }), { onProgress: killOnce(host.pid!) });
      expect(result).toMatchObject({ ok: false, code: 'crashed', retryable: true });
      await failed;
      expect(host.state).toBe('failed');
      expect(await host.run(ask('hello'))).toMatchObject({ ok: false, code: 'unavailable', retryable: true });
    } finally {
      await host.close();
    }
  });

  it('close() while the model loads abandons the load: the child is gone and start() rejects with code closed', async () => {
    const host = new ModelHost({ modelPath, threads: THREADS, contextSize: 256 });
    const starting = host.start();
    starting.catch(() => undefined); // asserted below
    // The child is forked once the file's header is checked; it needs far longer to load llama.cpp and the model.
    const pid = await vi.waitFor(() => host.pid ?? Promise.reject(new Error('not forked yet')), { timeout: 30_000 });
    await host.close();
    await expect(starting).rejects.toMatchObject({ name: 'ModelLoadError', code: 'closed' });
    expect(host.state).toBe('closed');
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});

describe('ModelHost with a bad model file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bad-gguf-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function loadError(path: string): Promise<ModelLoadError> {
    const host = new ModelHost({ modelPath: path, threads: THREADS });
    try {
      await host.start();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelLoadError);
      const loadError = error as ModelLoadError;
      expect(loadError.message).not.toMatch(/\n/);
      expect(loadError.message).toContain(path);
      expect(host.state).toBe('failed');
      expect(await host.run(ask('hello'))).toMatchObject({ ok: false, code: 'unavailable' });
      return loadError;
    } finally {
      await host.close();
    }
    throw new Error(`${path} loaded`);
  }

  it('reports a missing file', async () => {
    expect((await loadError(join(dir, 'missing.gguf'))).code).toBe('not-found');
  });

  it('reports a file that is not GGUF', async () => {
    const path = join(dir, 'not.gguf');
    await writeFile(path, 'this is not a model, just some text\n');
    const error = await loadError(path);
    expect(error.code).toBe('invalid-gguf');
    expect(error.message).toMatch(/bad magic/);
  });

  it('reports a GGUF cut off inside its metadata', async () => {
    const path = join(dir, 'cut-metadata.gguf');
    await writeFile(path, (await readFile(modelPath)).subarray(0, 3_000));
    const error = await loadError(path);
    expect(error.code).toBe('invalid-gguf');
    expect(error.message).toMatch(/gguf_init_from_reader/);
  });

  it('reports a GGUF that makes llama.cpp abort (GGML_ASSERT) without taking the host down', async () => {
    const path = join(dir, 'zero-heads.gguf');
    await writeFile(
      path,
      buildTinyModel({}, (metadata) =>
        metadata.map(([key, value]) => [key, key === 'llama.attention.head_count' ? gguf.u32(0) : value] as const),
      ),
    );
    const error = await loadError(path);
    expect(error.code).toBe('crashed');
    expect(error.message).toMatch(/SIGABRT.*GGML_ASSERT/);
  });

  it('reports a GGUF whose tensor data is cut off', async () => {
    const bytes = await readFile(modelPath);
    const { infoEndOffset } = await readGgufFileInfo(modelPath, { sourceType: 'filesystem', logWarnings: false });
    const path = join(dir, 'cut-data.gguf');
    await writeFile(path, bytes.subarray(0, infoEndOffset! + 1_000));
    const error = await loadError(path);
    expect(error.code).toBe('load-failed');
    expect(error.message).toMatch(/not within the file bounds/);
  });
});
