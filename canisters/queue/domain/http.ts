import type { QueueStores } from './model.ts';
import { metricsText } from './metrics.ts';

export interface HttpReply {
  status_code: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

export function serveHttp(stores: QueueStores, method: string, url: string): HttpReply {
  const path = url.split('?')[0];
  if (method.toUpperCase() === 'GET' && path === '/metrics') {
    return {
      status_code: 200,
      headers: [['content-type', 'text/plain; version=0.0.4; charset=utf-8']],
      body: new TextEncoder().encode(metricsText(stores)),
    };
  }
  return { status_code: 404, headers: [['content-type', 'text/plain']], body: new TextEncoder().encode('not found\n') };
}
