/**
 * Entry point of the inference child process (forked by ModelHost). A GGML_ASSERT in llama.cpp aborts
 * this process only; the host sees the exit and fails/restarts.
 */
import { EngineLoadError, InferenceEngine } from './engine.ts';
import type { ToChild, ToParent } from './protocol.ts';
import { failure, msUntil, oneLine } from './types.ts';

const PROGRESS_INTERVAL_MS = 200;

function send(message: ToParent): void {
  process.send?.(message);
}

let engine: InferenceEngine | undefined;
const jobs = new Map<number, AbortController>();

async function handle(message: ToChild): Promise<void> {
  switch (message.t) {
    case 'init': {
      try {
        engine = await InferenceEngine.load(message.config, (fraction) => send({ t: 'load-progress', fraction }));
        send({ t: 'ready', info: engine.info });
      } catch (error) {
        const code = error instanceof EngineLoadError ? error.code : 'load-failed';
        send({ t: 'init-failed', code, message: oneLine(error instanceof Error ? error.message : String(error)) });
      }
      return;
    }
    case 'run': {
      const { id, request } = message;
      if (!engine) {
        send({ t: 'result', id, result: failure('internal', 'model not loaded', true) });
        return;
      }
      const controller = new AbortController();
      jobs.set(id, controller);
      const deadlineTimer =
        request.deadline === undefined
          ? undefined
          : setTimeout(() => controller.abort('deadline'), msUntil(request.deadline));
      let lastProgress = 0;
      try {
        const result = await engine.run(request, controller.signal, (tokensOut) => {
          const now = Date.now();
          if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
            // the first report goes out at once
            lastProgress = now;
            send({ t: 'progress', id, tokensOut });
          }
        });
        send({ t: 'result', id, result });
      } catch (error) {
        send({
          t: 'result',
          id,
          result: failure(
            'internal',
            `inference failed: ${error instanceof Error ? error.message : String(error)}`,
            true,
          ),
        });
      } finally {
        clearTimeout(deadlineTimer);
        jobs.delete(id);
      }
      return;
    }
    case 'cancel':
      jobs.get(message.id)?.abort(message.reason);
      return;
    case 'shutdown':
      for (const controller of jobs.values()) controller.abort('cancelled');
      await engine?.dispose().catch(() => undefined);
      process.exit(0);
  }
}

process.on('message', (message: ToChild) => void handle(message));
// The parent is gone (or closed the channel): nobody can use our results.
process.on('disconnect', () => process.exit(0));
