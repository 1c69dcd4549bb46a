import { serveMetrics, type HttpReply } from '../../shared/domain/prometheus.ts';
import type { QueueStores } from './model.ts';
import { metricsText } from './metrics.ts';

export function serveHttp(stores: QueueStores, method: string, url: string): HttpReply {
  return serveMetrics(method, url, () => metricsText(stores));
}
