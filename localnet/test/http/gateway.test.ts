/**
 * The HTTP gateway: a Prometheus-style scrape of the queue's /metrics through `<id>.localhost` and `?canisterId=`,
 * parsed strictly; http_request_update when the canister asks to upgrade; errors for what no canister can answer.
 */
import { request } from 'node:http';

import { IDL } from '@dfinity/candid';
import type { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { submitArgs, okOf } from '../../../test/support/args.ts';
import { deployGatehouse, startNet, type Gatehouse } from '../../../test/support/deploy.ts';
import { LocalNetHttpServer } from '../../src/http/server.ts';
import { conformanceWasm } from '../fixture/build.ts';
import { parsePrometheus } from './prometheus.ts';

let g: Gatehouse;
let server: LocalNetHttpServer;
let conformance: Principal;

/** An HTTP request with any Host header (`<id>.localhost` need not resolve: the socket goes to 127.0.0.1). */
function get(
  path: string,
  host: string,
  method = 'GET',
  body = '',
): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { host } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  g = await deployGatehouse(await startNet());
  conformance = await g.net.createCanister();
  await g.net.install(conformance, conformanceWasm(), new Uint8Array(IDL.encode([IDL.Text], ['gateway'])));
  server = await LocalNetHttpServer.start(g.net, { port: 0, realTime: false });
  okOf(await g.queue('stranger').submit(submitArgs('scrape me')));
}, 240_000);

afterAll(async () => {
  await server?.close();
  await g?.net.close();
});

describe('HTTP gateway', () => {
  it('serves the queue /metrics at <id>.localhost as Prometheus text a strict parser reads', async () => {
    const r = await get('/metrics', `${g.ids.queue.toText()}.localhost:${server.port}`);
    expect(r.status).toBe(200);
    expect(r.type).toContain('text/plain; version=0.0.4');
    const families = parsePrometheus(r.body);
    expect(families.get('gatehouse_queue_jobs')?.type).toBe('gauge');
    const queued = families.get('gatehouse_queue_jobs')!.samples.find((s) => s.labels.status === 'queued');
    expect(queued?.value).toBe(1);
    expect(families.get('gatehouse_queue_jobs_submitted_total')?.samples[0]?.value).toBe(1);
  });

  it('serves the same at 127.0.0.1/…?canisterId=<id>', async () => {
    const r = await get(`/metrics?canisterId=${g.ids.queue.toText()}`, `127.0.0.1:${server.port}`);
    expect(r.status).toBe(200);
    expect(parsePrometheus(r.body).get('gatehouse_queue_jobs_submitted_total')?.samples[0]?.value).toBe(1);
  });

  it("passes the canister's own status through (404 for a path it does not serve)", async () => {
    const r = await get('/nothing-here', `${g.ids.queue.toText()}.localhost`);
    expect(r.status).toBe(404);
  });

  it('calls http_request_update as an update when http_request asks to upgrade, and its state commits', async () => {
    const host = `${conformance.toText()}.localhost:${server.port}`;
    expect((await get('/count', host)).body).toBe('GET /count hits=0');
    const posted = await get('/count', host, 'POST', 'payload');
    expect(posted.status).toBe(201);
    expect(posted.body).toBe('POST /count payload hits=1');
    expect((await get('/count', host)).body).toBe('GET /count hits=1');
  });

  it('answers 502 when the canister has no http_request, and leaves the API paths alone', async () => {
    const r = await get('/metrics', `${g.ids.registry.toText()}.localhost`);
    expect(r.status).toBe(502);
    expect(r.body).toMatch(/rejected the HTTP request/);
    const status = await get('/api/v2/status', `${g.ids.queue.toText()}.localhost`);
    expect(status.status).toBe(200);
    expect(status.type).toBe('application/cbor');
  });
});
