/** Prometheus text exposition (version 0.0.4), shared by every canister serving /metrics. */
export type Sample = [labels: string, value: bigint | number];

export function family(name: string, type: 'gauge' | 'counter', help: string, samples: Sample[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
  return lines.join('\n');
}

export const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export interface HttpReply {
  status_code: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

/** GET /metrics answers `metrics()` as Prometheus text; anything else is a 404. */
export function serveMetrics(method: string, url: string, metrics: () => string): HttpReply {
  const path = url.split('?')[0];
  if (method.toUpperCase() === 'GET' && path === '/metrics') {
    return {
      status_code: 200,
      headers: [['content-type', 'text/plain; version=0.0.4; charset=utf-8']],
      body: new TextEncoder().encode(metrics()),
    };
  }
  return { status_code: 404, headers: [['content-type', 'text/plain']], body: new TextEncoder().encode('not found\n') };
}
