/**
 * A network kept in a directory: `openStateDir` resumes canisters (wasm, heap, stable memory, time,
 * controllers) and the signing keys saved there; `Autosave` writes them back after changes and on close.
 */
import { LocalNet, type LocalNetOptions } from './localnet.ts';
import { NetworkKeys, type KeySecrets } from './http/keys.ts';
import { loadSnapshot, saveSnapshot, type SavedMemories } from './snapshot.ts';
import { prepareWorkers } from './worker-pool.ts';

export async function openStateDir(
  dir: string,
  options: LocalNetOptions = {},
): Promise<{ net: LocalNet; keys: NetworkKeys; resumed: boolean }> {
  prepareWorkers(); // the canisters' workers need their code once the state is read
  const saved = loadSnapshot(dir);
  const secrets = saved?.extra.keys as KeySecrets | undefined;
  const keys = secrets ? NetworkKeys.fromSecrets(secrets) : NetworkKeys.generate();
  const net = await LocalNet.start({ ...options, restore: saved?.snapshot });
  if (!saved) await saveSnapshot(dir, await net.exportState(), { keys: keys.secrets });
  return { net, keys, resumed: saved !== undefined };
}

export class Autosave {
  private savedAt: number;
  private timer: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  /** What the last save wrote: a canister whose committed state is unchanged since is not written again. */
  private saved: SavedMemories = new Map();

  constructor(
    private readonly net: LocalNet,
    private readonly dir: string,
    private readonly keys: NetworkKeys,
    intervalMs = 2_000,
  ) {
    this.savedAt = net.changes;
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Saves if anything ran since the last save, writing only the canister memories that changed. */
  flush(force = false): Promise<void> {
    this.saving = this.saving.then(async () => {
      const changes = this.net.changes;
      if (!force && changes === this.savedAt) return;
      this.saved = await saveSnapshot(this.dir, await this.net.exportState(), { keys: this.keys.secrets }, this.saved);
      this.savedAt = changes;
    });
    return this.saving;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }
}
