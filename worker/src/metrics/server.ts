import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Serves GET /metrics on 127.0.0.1:<port> (0 picks a free port). */
export class MetricsServer {
  private constructor(private readonly server: Server) {}

  static start(port: number, render: () => string): Promise<MetricsServer> {
    const server = createServer((req, res) => {
      if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(render());
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found; try /metrics\n');
      }
    });
    return new Promise((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            error.code === 'EADDRINUSE' ? `metrics port ${port} is already in use` : `metrics server: ${error.message}`,
          ),
        ),
      );
      server.listen(port, '127.0.0.1', () => resolve(new MetricsServer(server)));
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
