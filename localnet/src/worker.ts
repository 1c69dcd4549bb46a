/** A canister's execution thread: owns one Engine and executes the tasks the scheduler sends, in order. */
import { parentPort } from 'node:worker_threads';

import { Engine } from './engine.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { SnapshotGuard } from './snapshot-guard.ts';

let engine: Engine | undefined;
const port = parentPort!;

function send(message: FromWorker): void {
  port.postMessage(message);
}

port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'load') {
      engine = new Engine(message.module, message.canisterId, message.restore, new SnapshotGuard(message.guard));
      send({ type: 'loaded', snapshot: engine.checkpoint(), exports: engine.exportNames });
      return;
    }
    if (!engine) throw new Error('no module loaded');
    const result = engine.execute(message.task, message.exportStable === true);
    const committed = result.trap === undefined && message.task.commit;
    send({ type: 'result', seq: message.seq, result, ...(committed ? { snapshot: engine.checkpoint() } : {}) });
  } catch (error) {
    send({ type: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});

// Booted: the pool may hand this worker out (worker-pool.ts).
port.postMessage({ type: 'ready' });
