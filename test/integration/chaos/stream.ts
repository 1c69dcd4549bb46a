/**
 * The legitimate submitter: submits its jobs over HTTP as fast as its per-submitter cap lets it, and follows
 * each job to a final status. `step` is one round of both; the run drives it from a bounded wait.
 */
import type { QueueService } from '@gatehouse/clients';

import { userMessage } from '../../support/args.ts';

/** Short prompts and two tokens: inference is a few milliseconds, the queue's handling is what is tested. */
export const jobArgs = (label: string) => ({
  model: 'tiny-chat',
  messages: [userMessage(label)],
  max_tokens: 2,
  tools: [] as [],
  temperature: [] as [],
  seed: [] as [],
});

export class LegitStream {
  readonly ids: bigint[] = [];
  /** Final statuses other than Completed, by job id (the audit expects none). */
  readonly unfinished = new Map<bigint, string>();
  /** Submissions the total cap refused while a flood filled the queue. */
  refusedByTotalCap = 0;
  completed = 0;
  /** Who completed each job and in how many attempts, read when it finished (the queue evicts old ones). */
  readonly completedBy = new Map<bigint, { worker: string; attempts: number }>();
  /** How many jobs it may submit for now: the run holds the last back until its schedule has run. */
  gate: number;
  /** The most jobs the queue held (queued + leased) at any step. */
  mostHeld = 0n;
  /**
   * The most other submitters' jobs completed between two of ours: with round-robin leasing it stays near one
   * job per other submitter with queued work; first-come-first-served would show the whole flood.
   */
  longestWait = 0n;
  private readonly pending = new Set<bigint>();
  private othersBefore = 0n;
  private finishedSeen = -1n;
  private steps = 0;

  /** `logged` names the jobs a worker logged as completed: the ones worth a get_job. */
  constructor(
    private readonly queue: QueueService,
    readonly total: number,
    private readonly cap: number,
    private readonly logged: () => Set<bigint>,
  ) {
    this.gate = total;
  }

  get done(): boolean {
    return this.completed + this.unfinished.size === this.total;
  }

  /**
   * Submits up to the cap at once, then reads the queue's metrics (one query). When some job finished since
   * the last step it reads the pending jobs a worker logged as completed, and every twentieth step all of
   * them (a killed worker may not have logged its last completion). localnet runs one message at a time, so
   * following jobs must not crowd out the workers' calls.
   */
  async step(): Promise<boolean> {
    const room = Math.min(this.cap - this.pending.size, Math.min(this.gate, this.total) - this.ids.length);
    const labels = Array.from({ length: room }, (_, i) => `legitimate job ${this.ids.length + i}`);
    for (const result of await Promise.all(labels.map((label) => this.queue.submit(jobArgs(label))))) {
      if ('Ok' in result) {
        this.ids.push(result.Ok);
        this.pending.add(result.Ok);
      } else if ('LimitExceeded' in result.Err && /the queue holds/.test(result.Err.LimitExceeded)) {
        this.refusedByTotalCap += 1;
      } else {
        throw new Error(`legitimate submit refused: ${JSON.stringify(result.Err)}`);
      }
    }
    const m = await this.queue.metrics();
    if (m.queued + m.leased > this.mostHeld) this.mostHeld = m.queued + m.leased;
    const finished = m.completed + m.failed + m.cancelled + m.expired;
    const changed = finished !== this.finishedSeen;
    this.finishedSeen = finished;
    const sweep = ++this.steps % 20 === 0;
    if (!changed && !sweep) return this.done;
    const before = this.completed;
    const logged = sweep ? undefined : this.logged();
    await Promise.all([...this.pending].filter((id) => logged?.has(id) ?? true).map((id) => this.follow(id)));
    if (this.completed > before) {
      // m.completed also counts our jobs finished since the last step: an overestimate by at most the cap.
      const others = m.completed - BigInt(before);
      if (others - this.othersBefore > this.longestWait) this.longestWait = others - this.othersBefore;
      this.othersBefore = others;
    }
    return this.done;
  }

  private async follow(id: bigint): Promise<void> {
    const job = await this.queue.get_job(id);
    if ('Err' in job) throw new Error(`get_job ${id}: ${JSON.stringify(job.Err)}`);
    const [status] = Object.keys(job.Ok.status);
    if (status === 'Queued' || status === 'Leased') return;
    this.pending.delete(id);
    if ('Completed' in job.Ok.status) {
      this.completed += 1;
      this.completedBy.set(id, { worker: job.Ok.status.Completed.worker.toText(), attempts: job.Ok.attempts });
    } else this.unfinished.set(id, status!);
  }
}
