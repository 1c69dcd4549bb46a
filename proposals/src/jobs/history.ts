/**
 * The ids of jobs submitted from this machine, per network, queue and identity, so `list` can show them
 * (the queue answers get_job by id; it has no listing by submitter). Newest last, at most MAX_ENTRIES.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';

const MAX_ENTRIES = 500;

export interface HistoryEntry {
  scope: string;
  id: string;
  model: string;
  submitted_at: string;
}

export const historyPath = (env: Record<string, string | undefined>) =>
  resolve(env.GATEHOUSE_JOBS_HISTORY ?? resolve(homedir(), '.config/gatehouse/jobs-history.json'));

export class JobHistory {
  constructor(
    private readonly path: string,
    /** host, queue id and principal: ids mean nothing on another queue or to another submitter */
    private readonly scope: string,
  ) {}

  private read(): HistoryEntry[] {
    if (!existsSync(this.path)) return [];
    try {
      const entries = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
      return Array.isArray(entries) ? (entries as HistoryEntry[]) : [];
    } catch {
      return []; // a damaged history only loses the listing, never a job
    }
  }

  add(id: bigint, model: string, now = new Date()): void {
    const entries = [...this.read(), { scope: this.scope, id: id.toString(), model, submitted_at: now.toISOString() }];
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entries.slice(-MAX_ENTRIES)), { mode: 0o600 });
    renameSync(temporary, this.path);
  }

  /** This scope's ids, newest first. */
  ids(limit: number): bigint[] {
    return this.read()
      .filter((e) => e.scope === this.scope && /^\d+$/.test(e.id))
      .map((e) => BigInt(e.id))
      .reverse()
      .slice(0, limit);
  }
}
