/**
 * Parent-side handle on one model loaded in a child process. Jobs never reject: every run() resolves
 * with an InferenceResult. A child that dies fails its in-flight jobs (retryable) and is restarted with
 * bounded backoff; queued jobs wait for the restart.
 */
import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ModelLoadError } from './errors.ts';
import { checkGgufFile } from './gguf-check.ts';
import type { LoadErrorCode, ToChild, ToParent } from './protocol.ts';
import { RestartPolicy } from './restart-policy.ts';
import { forkInferenceChild } from './spawn-child.ts';
import {
  failure,
  msUntil,
  oneLine,
  type EngineConfig,
  type InferenceRequest,
  type InferenceResult,
  type ModelInfo,
} from './types.ts';

export interface ModelHostOptions {
  modelPath: string;
  /** CPU threads per job context (default 2) */
  threads?: number;
  /** tokens per job context (default 2048) */
  contextSize?: number;
  /** jobs run concurrently, each in its own context (default 1) */
  slots?: number;
  /** default false (CPU only) */
  gpu?: EngineConfig['gpu'];
  /** give up loading after this long (default 120 s) */
  loadTimeoutMs?: number;
  /** restarts allowed within restartWindowMs (default 5 per 10 min) */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** first restart delay, doubled per recent restart (default 250 ms, capped at 30 s) */
  restartBaseDelayMs?: number;
  restartMaxDelayMs?: number;
  /** a child that overruns a job's deadline or cancel by this long is killed (default 5 s) */
  abortGraceMs?: number;
  /** child stdout/stderr lines (llama.cpp errors, GGML_ASSERT) */
  onLog?: (line: string) => void;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** called with the number of tokens generated so far (throttled by the child) */
  onProgress?: (tokensOut: number) => void;
}

export type HostState = 'idle' | 'starting' | 'ready' | 'restarting' | 'failed' | 'closed';

export interface CrashInfo {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  reason: string;
  failedJobs: number;
}

interface Job {
  id: number;
  request: InferenceRequest;
  options: RunOptions;
  resolve: (result: InferenceResult) => void;
  dispatched: boolean;
  tokensOut: number;
  killedFor?: 'deadline' | 'cancelled';
  timers: NodeJS.Timeout[];
  cleanup: () => void;
}

interface Session {
  child: ChildProcess;
  logTail: string[];
  exited: Promise<void>;
}

const LOG_TAIL_LINES = 20;

export class ModelHost extends EventEmitter {
  private readonly config: EngineConfig;
  private readonly slots: number;
  private readonly policy: RestartPolicy;
  private readonly pending: Job[] = [];
  private readonly inFlight = new Map<number, Job>();
  private session: Session | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private restartCount = 0;
  private currentState: HostState = 'idle';
  private modelInfo: ModelInfo | undefined;

  constructor(private readonly options: ModelHostOptions) {
    super();
    this.config = {
      modelPath: options.modelPath,
      threads: options.threads ?? 2,
      contextSize: options.contextSize ?? 2048,
      gpu: options.gpu ?? false,
    };
    this.slots = options.slots ?? 1;
    this.policy = new RestartPolicy({
      maxRestarts: options.maxRestarts ?? 5,
      windowMs: options.restartWindowMs ?? 600_000,
      baseDelayMs: options.restartBaseDelayMs ?? 250,
      maxDelayMs: options.restartMaxDelayMs ?? 30_000,
    });
  }

  get state(): HostState {
    return this.currentState;
  }
  get info(): ModelInfo | undefined {
    return this.modelInfo;
  }
  /** pid of the current inference child, if one is running */
  get pid(): number | undefined {
    return this.session?.child.pid;
  }
  get restarts(): number {
    return this.restartCount;
  }
  get queuedJobs(): number {
    return this.pending.length;
  }
  get runningJobs(): number {
    return this.inFlight.size;
  }

  /**
   * Loads the model in a fresh child. Throws ModelLoadError (one-line message) if it cannot, code `closed` when
   * close() was called meanwhile (the load is abandoned, its child killed).
   */
  async start(): Promise<ModelInfo> {
    if (this.currentState !== 'idle') throw new Error(`ModelHost.start() called in state ${this.currentState}`);
    this.currentState = 'starting';
    const { modelPath } = this.config;
    // close() may come while a step is awaited (the state changes under this method's feet).
    const closed = () => this.state === 'closed';
    const abandoned = () => new ModelLoadError('closed', `closed while loading ${modelPath}`, modelPath);
    try {
      await checkGgufFile(modelPath);
      if (closed()) throw abandoned();
      const info = await this.spawn();
      if (closed()) throw abandoned();
      this.becomeReady(info);
      return info;
    } catch (error) {
      if (closed()) throw abandoned();
      this.currentState = 'failed';
      throw error;
    }
  }

  run(request: InferenceRequest, options: RunOptions = {}): Promise<InferenceResult> {
    if (this.currentState === 'closed' || this.currentState === 'failed' || this.currentState === 'idle') {
      return Promise.resolve(failure('unavailable', `model host is ${this.currentState}`, true));
    }
    if (options.signal?.aborted) return Promise.resolve(failure('cancelled', 'job cancelled before it started', false));
    if (request.deadline !== undefined && request.deadline <= Date.now()) {
      return Promise.resolve(failure('deadline', 'deadline passed before the job started', true));
    }
    return new Promise<InferenceResult>((resolve) => {
      const job: Job = {
        id: this.nextId++,
        request,
        options,
        dispatched: false,
        tokensOut: 0,
        timers: [],
        resolve: () => undefined,
        cleanup: () => undefined,
      };
      const onAbort = (): void => this.abortJob(job, 'cancelled');
      options.signal?.addEventListener('abort', onAbort, { once: true });
      if (request.deadline !== undefined) {
        job.timers.push(setTimeout(() => this.abortJob(job, 'deadline'), msUntil(request.deadline)));
      }
      job.cleanup = () => {
        options.signal?.removeEventListener('abort', onAbort);
        for (const t of job.timers) clearTimeout(t);
      };
      job.resolve = (result) => {
        job.cleanup();
        resolve(result);
      };
      this.pending.push(job);
      this.dispatch();
    });
  }

  /**
   * Stops the child. Queued and running jobs resolve as failed (retryable). A child still loading its first model
   * is killed at once: it has nothing to finish, and a large model could take minutes.
   */
  async close(): Promise<void> {
    if (this.currentState === 'closed') return;
    const loading = this.currentState === 'starting';
    this.currentState = 'closed';
    clearTimeout(this.restartTimer);
    this.failAll(failure('unavailable', 'model host closed', true));
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    if (loading) session.child.kill('SIGKILL');
    else this.sendTo(session, { t: 'shutdown' });
    const killer = setTimeout(() => session.child.kill('SIGKILL'), 5_000);
    await session.exited;
    clearTimeout(killer);
  }

  private becomeReady(info: ModelInfo): void {
    this.modelInfo = info;
    this.currentState = 'ready';
    this.emit('ready', info);
    this.dispatch();
  }

  private dispatch(): void {
    const session = this.session;
    if (this.currentState !== 'ready' || !session) return;
    while (this.inFlight.size < this.slots && this.pending.length > 0) {
      const job = this.pending.shift()!;
      job.dispatched = true;
      this.inFlight.set(job.id, job);
      this.sendTo(session, { t: 'run', id: job.id, request: job.request });
    }
  }

  private abortJob(job: Job, cause: 'deadline' | 'cancelled'): void {
    const queued = this.pending.indexOf(job);
    if (queued >= 0) {
      this.pending.splice(queued, 1);
      job.resolve(
        cause === 'deadline'
          ? failure('deadline', 'deadline passed while the job was queued', true)
          : failure('cancelled', 'job cancelled while queued', false),
      );
      return;
    }
    const session = this.session;
    if (!job.dispatched || !this.inFlight.has(job.id) || !session) return;
    this.sendTo(session, { t: 'cancel', id: job.id, reason: cause });
    // The child checks the signal between tokens; one stuck in native code is killed.
    job.timers.push(
      setTimeout(() => {
        if (this.inFlight.get(job.id) !== job || this.session !== session) return;
        job.killedFor = cause;
        this.log(`job ${job.id} did not stop within the grace period; killing the inference process`);
        session.child.kill('SIGKILL');
      }, this.options.abortGraceMs ?? 5_000),
    );
  }

  private onChildMessage(session: Session, message: ToParent): void {
    if (this.session !== session) return;
    if (message.t === 'progress') {
      const job = this.inFlight.get(message.id);
      if (job) {
        job.tokensOut = message.tokensOut;
        try {
          job.options.onProgress?.(message.tokensOut);
        } catch (error) {
          this.log(`onProgress callback threw: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } else if (message.t === 'result') {
      const job = this.inFlight.get(message.id);
      if (!job) return;
      this.inFlight.delete(message.id);
      job.resolve(message.result);
      this.dispatch();
    }
  }

  /** Forks a child and waits for it to load the model. */
  private spawn(): Promise<ModelInfo> {
    const { modelPath } = this.config;
    const child = forkInferenceChild();
    const logTail: string[] = [];
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const session: Session = { child, logTail, exited };
    this.session = session;
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        logTail.push(line);
        if (logTail.length > LOG_TAIL_LINES) logTail.shift();
        this.log(line);
      });
    }

    return new Promise<ModelInfo>((resolve, reject) => {
      let loading = true;
      const fail = (code: LoadErrorCode, message: string): void => {
        if (!loading) return;
        loading = false;
        clearTimeout(timer);
        if (this.session === session) this.session = undefined;
        child.kill('SIGKILL');
        reject(new ModelLoadError(code, oneLine(message), modelPath));
      };
      const timer = setTimeout(
        () => fail('timeout', `loading ${modelPath} took longer than ${this.options.loadTimeoutMs ?? 120_000} ms`),
        this.options.loadTimeoutMs ?? 120_000,
      );

      child.on('message', (message: ToParent) => {
        if (loading) {
          if (message.t === 'ready') {
            loading = false;
            clearTimeout(timer);
            resolve(message.info);
          } else if (message.t === 'init-failed') {
            fail(message.code, message.message);
          } else if (message.t === 'load-progress') {
            this.emit('load-progress', message.fraction);
          }
          return;
        }
        this.onChildMessage(session, message);
      });
      child.on('error', (error) => fail('crashed', `cannot start the inference process: ${error.message}`));
      child.on('exit', (exitCode, signal) => {
        // stdout/stderr may still hold the last lines (e.g. GGML_ASSERT): read them before reporting.
        void streamsClosed(child).then(() => {
          const reason = describeExit(exitCode, signal, logTail);
          if (loading) fail('crashed', `inference process died while loading ${modelPath}: ${reason}`);
          else this.onCrash(session, { exitCode, signal, reason });
        });
      });
      this.sendTo(session, { t: 'init', config: this.config });
    });
  }

  private onCrash(
    session: Session,
    exit: { exitCode: number | null; signal: NodeJS.Signals | null; reason: string },
  ): void {
    if (this.session !== session) return; // closed or already replaced
    this.session = undefined;
    const jobs = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const job of jobs) {
      if (job.killedFor === 'deadline')
        job.resolve(
          failure(
            'deadline',
            `deadline exceeded; the inference process was killed after ${job.tokensOut} tokens`,
            true,
            { tokensOut: job.tokensOut },
          ),
        );
      else if (job.killedFor === 'cancelled')
        job.resolve(
          failure('cancelled', 'job cancelled; the inference process was killed', false, { tokensOut: job.tokensOut }),
        );
      else
        job.resolve(failure('crashed', `inference process died: ${exit.reason}`, true, { tokensOut: job.tokensOut }));
    }
    const crash: CrashInfo = { ...exit, failedJobs: jobs.length };
    this.emit('crash', crash);
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.currentState === 'closed') return;
    const delay = this.policy.next(Date.now());
    if (delay === null) {
      this.currentState = 'failed';
      this.failAll(failure('unavailable', 'inference process keeps dying; restart budget exhausted', true));
      this.emit('failed', new ModelLoadError('crashed', 'restart budget exhausted', this.config.modelPath));
      return;
    }
    this.currentState = 'restarting';
    this.emit('restarting', { attempt: this.policy.recentAttempts, delayMs: delay });
    this.restartTimer = setTimeout(() => {
      this.spawn().then(
        (info) => {
          if (this.currentState !== 'restarting') return;
          this.restartCount++;
          this.becomeReady(info);
        },
        (error: unknown) => {
          this.log(`restart failed: ${error instanceof Error ? error.message : String(error)}`);
          this.scheduleRestart();
        },
      );
    }, delay);
  }

  private failAll(result: InferenceResult): void {
    const jobs = [...this.pending, ...this.inFlight.values()];
    this.pending.length = 0;
    this.inFlight.clear();
    for (const job of jobs) job.resolve(result);
  }

  private log(line: string): void {
    this.options.onLog?.(line);
    this.emit('log', line);
  }

  private sendTo(session: Session, message: ToChild): void {
    if (!session.child.connected) return;
    session.child.send(message, (error) => {
      if (error) this.log(`cannot reach the inference process: ${error.message}`);
    });
  }
}

/** Resolves once the child's output is drained, or after a second (a grandchild may hold the pipes open). */
function streamsClosed(child: ChildProcess): Promise<void> {
  const streams = [child.stdout, child.stderr].filter((s) => s !== null && !s.closed);
  const drained = Promise.all(streams.map((s) => new Promise<void>((resolve) => s!.once('close', () => resolve()))));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 1_000);
  });
  return Promise.race([drained, timeout]).then(() => clearTimeout(timer));
}

function describeExit(exitCode: number | null, signal: NodeJS.Signals | null, logTail: string[]): string {
  const how = signal ? `signal ${signal}` : `exit code ${exitCode}`;
  const clue = [...logTail].reverse().find((line) => /GGML_ASSERT|error|abort|fatal/i.test(line));
  return clue ? `${how}: ${oneLine(clue, 200)}` : how;
}
