import { ModelHost, ModelLoadError } from '../inference/index.ts';
import type { ModelSpec } from '../config/start-config.ts';
import { ProgressBar } from './progress-bar.ts';

export interface LoadedModels {
  hosts: Map<string, ModelHost>;
  close(): Promise<void>;
}

/**
 * Starts one ModelHost per model, one after another (each takes memory and CPU while loading), with a
 * progress bar on a TTY. Throws ModelLoadError after closing the ones already started; `signal` abandons the
 * loading (the loading child killed, code `closed`).
 */
export async function loadModels(
  specs: ModelSpec[],
  o: {
    threads: number;
    contextSize: number;
    slots: number;
    onLog?: (line: string) => void;
    onLoaded?: (name: string, ms: number, bytes: number) => void;
    signal?: AbortSignal;
  },
): Promise<LoadedModels> {
  const hosts = new Map<string, ModelHost>();
  const close = async () => {
    await Promise.all([...hosts.values()].map((h) => h.close()));
  };
  for (const spec of specs) {
    if (o.signal?.aborted) {
      await close();
      throw new ModelLoadError('closed', `loading ${spec.name} abandoned`, spec.path);
    }
    const host = new ModelHost({
      modelPath: spec.path,
      threads: o.threads,
      contextSize: o.contextSize,
      slots: o.slots,
      ...(o.onLog ? { onLog: o.onLog } : {}),
    });
    const bar = new ProgressBar(`loading ${spec.name}`);
    host.on('load-progress', (fraction: number) => bar.update(fraction));
    const abandon = () => void host.close();
    o.signal?.addEventListener('abort', abandon, { once: true });
    try {
      const info = await host.start();
      bar.update(1);
      bar.done();
      o.onLoaded?.(spec.name, info.loadMs, info.sizeBytes);
    } catch (error) {
      bar.done();
      await host.close().catch(() => undefined);
      await close();
      throw error;
    } finally {
      o.signal?.removeEventListener('abort', abandon);
    }
    hosts.set(spec.name, host);
  }
  return { hosts, close };
}
