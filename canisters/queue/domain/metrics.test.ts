import { describe, expect, it } from 'vitest';

import { ROLES, testPrincipal } from '../../shared/testing/roles.ts';
import { cancel } from './jobs.ts';
import { complete } from './complete.ts';
import { serveHttp } from './http.ts';
import { metrics, metricsText } from './metrics.ts';
import { LIMITS } from './limits.ts';
import { mustLease, mustSubmit, setActive, T0, world } from './testing.ts';

interface Family {
  type: string;
  help: string;
  samples: Map<string, number>;
}

/** A strict reader of the text exposition format: every sample must belong to a declared family. */
function parsePrometheus(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.trimEnd().split('\n')) {
    const meta = /^# (HELP|TYPE) ([a-z_]+) (.+)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      const family = families.get(name) ?? { type: '', help: '', samples: new Map() };
      if (kind === 'HELP') family.help = rest;
      else family.type = rest;
      families.set(name, family);
      continue;
    }
    const sample = /^([a-z_]+)(\{[a-z_]+="(?:[^"\\]|\\.)*"\})? (-?\d+(?:\.\d+)?)$/.exec(line);
    expect(sample, `malformed line: ${line}`).not.toBeNull();
    const [, name, labels = '', value] = sample as unknown as [string, string, string | undefined, string];
    const family = families.get(name);
    expect(family?.type, `sample before # TYPE: ${line}`).toMatch(/^(gauge|counter)$/);
    family!.samples.set(labels, Number(value));
  }
  return families;
}

describe('metrics', () => {
  it('counts jobs by status, submissions and active workers', () => {
    const stores = world();
    const [a, b] = [mustSubmit(stores), mustSubmit(stores), mustSubmit(stores)];
    const [lease] = mustLease(stores);
    complete(stores, ROLES.worker, T0, { job_id: a!, token: lease!.token, output: '', tokens_in: 1, tokens_out: 1 });
    cancel(stores, ROLES.stranger, T0, b!);
    expect(metrics(stores)).toMatchObject({
      queued: 1n,
      leased: 0n,
      completed: 1n,
      cancelled: 1n,
      failed: 0n,
      jobs_submitted: 3n,
      workers_active: 1n,
    });
  });

  it('renders Prometheus text that parses, with per-worker labels', () => {
    const stores = world();
    setActive(stores, testPrincipal(90), false);
    const id = mustSubmit(stores);
    mustSubmit(stores);
    const [lease] = mustLease(stores);
    complete(stores, ROLES.worker, T0 + 250_000_000n, {
      job_id: id,
      token: lease!.token,
      output: 'x',
      tokens_in: 1,
      tokens_out: 1,
    });
    const families = parsePrometheus(metricsText(stores));
    const jobs = families.get('gatehouse_queue_jobs')!;
    expect(jobs.type).toBe('gauge');
    expect(jobs.samples.get('{status="queued"}')).toBe(1);
    expect(jobs.samples.get('{status="completed"}')).toBe(1);
    expect(families.get('gatehouse_queue_jobs_submitted_total')?.samples.get('')).toBe(2);
    expect(families.get('gatehouse_queue_jobs_submitted_total')?.type).toBe('counter');
    const w = `{worker="${ROLES.worker}"}`;
    expect(families.get('gatehouse_queue_worker_completed_total')?.samples.get(w)).toBe(1);
    expect(families.get('gatehouse_queue_worker_latency_ms_total')?.samples.get(w)).toBe(250);
    expect(families.get('gatehouse_queue_worker_active')?.samples.get(`{worker="${testPrincipal(90)}"}`)).toBe(0);
    for (const family of families.values()) expect(family.help.length).toBeGreaterThan(0);
  });

  it(`labels at most ${LIMITS.metricsWorkers} workers`, () => {
    const stores = world();
    for (let i = 0; i < LIMITS.metricsWorkers + 5; i++) setActive(stores, testPrincipal(300 + i), true);
    const families = parsePrometheus(metricsText(stores));
    expect(families.get('gatehouse_queue_worker_completed_total')?.samples.size).toBe(LIMITS.metricsWorkers);
    expect(families.get('gatehouse_queue_workers_active')?.samples.get('')).toBe(LIMITS.metricsWorkers + 6);
  });

  it('serves GET /metrics and 404 for anything else', () => {
    const stores = world();
    const ok = serveHttp(stores, 'GET', '/metrics?x=1');
    expect(ok.status_code).toBe(200);
    expect(ok.headers).toContainEqual(['content-type', 'text/plain; version=0.0.4; charset=utf-8']);
    expect(new TextDecoder().decode(ok.body)).toBe(metricsText(stores));
    expect(serveHttp(stores, 'GET', '/').status_code).toBe(404);
    expect(serveHttp(stores, 'POST', '/metrics').status_code).toBe(404);
  });
});
