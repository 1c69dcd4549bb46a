/**
 * The chaos run's workers: real `gatehouse-worker` processes, one key each, restarted with the same key after
 * a SIGKILL. Every process that ever ran for a key is kept, so the audit reads all of their logs.
 */
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';

import { writePem } from '../../../proposals/test/support.ts';
import { WorkerProcess } from '../../../worker/test/worker-process.ts';

export interface FleetOptions {
  dir: string;
  url: string;
  queue: Principal;
  modelPath: string;
  /** Derives each key, so that a replayed seed runs the same principals. */
  keySeed: (index: number) => Uint8Array;
}

export interface WorkerSlot {
  identity: Ed25519KeyIdentity;
  principal: Principal;
  pem: string;
  /** Every process started for this key, the running one last. */
  runs: WorkerProcess[];
}

export class Fleet {
  readonly slots: WorkerSlot[];
  /** A process that ended without being killed by the run: the run stops with its last words. */
  failure: Error | undefined;

  constructor(
    private readonly o: FleetOptions,
    size: number,
  ) {
    this.slots = Array.from({ length: size }, (_, index) => {
      const identity = Ed25519KeyIdentity.generate(o.keySeed(index));
      return {
        identity,
        principal: identity.getPrincipal(),
        pem: writePem(o.dir, `worker-${index}`, identity),
        runs: [],
      };
    });
  }

  running(index: number): WorkerProcess {
    const run = this.slots[index]!.runs.at(-1);
    if (!run) throw new Error(`worker ${index} was never started`);
    return run;
  }

  start(index: number): WorkerProcess {
    const { url, queue, modelPath } = this.o;
    const run = new WorkerProcess([
      ...['start', '--network', url, '--queue', queue.toText(), '--identity', this.slots[index]!.pem],
      ...['--model', `tiny-chat=${modelPath}`, '--threads', '1', '--concurrency', '2', '--metrics-port', 'off'],
      // Short backoffs: a refused or failed call (an upgrade, a lost lease) is retried soon after; a slower
      // idle poll, so that three idle workers' queries do not crowd localnet's one-message-at-a-time scheduler.
      ...['--poll-min-ms', '20', '--poll-max-ms', '300', '--idle-poll-ms', '250', '--heartbeat-ms', '10000'],
    ]);
    this.slots[index]!.runs.push(run);
    void run.exited.then(({ code, signal }) => {
      if (signal !== 'SIGKILL')
        this.failure ??= new Error(`worker ${index} exited (${code ?? signal}): ${run.stderr.slice(-5).join(' | ')}`);
    });
    return run;
  }

  /** SIGKILL, then a new process with the same key (its leases are left to expire). */
  async killAndRestart(index: number): Promise<void> {
    const run = this.running(index);
    run.kill('SIGKILL');
    const { signal } = await run.exited;
    if (signal !== 'SIGKILL') throw new Error(`worker ${index} ended with ${signal} instead of SIGKILL`);
    this.start(index);
  }

  /** Every `completed` line of every process, with the key that logged it. */
  completions(): Array<{ id: bigint; worker: string; killed: boolean }> {
    return this.slots.flatMap((slot) =>
      slot.runs.flatMap((run, i) =>
        run.jobs('completed').map((line) => ({
          id: BigInt(line.id as string),
          worker: slot.principal.toText(),
          killed: i < slot.runs.length - 1,
        })),
      ),
    );
  }

  async stopAll(): Promise<void> {
    const runs = this.slots.flatMap((slot) => slot.runs);
    for (const run of runs) {
      run.kill('SIGCONT');
      run.kill('SIGKILL');
    }
    await Promise.all(runs.map((run) => run.exited));
  }
}
