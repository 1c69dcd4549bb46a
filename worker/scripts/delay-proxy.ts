/**
 * An HTTP proxy on 127.0.0.1 that holds every update call (`POST …/call`) for `delayMs` before passing it
 * on, as mainnet's 1–2 s finality would; queries and read_state pass at once (they are fast on mainnet too).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class DelayProxy {
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string, delayMs: number): Promise<DelayProxy> {
    const to = new URL(target);
    const server = createServer((req, res) => {
      const delay = req.method === 'POST' && /\/call$/.test(req.url ?? '') ? delayMs : 0;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        setTimeout(() => {
          const out = request(
            { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
            (reply) => {
              res.writeHead(reply.statusCode ?? 502, reply.headers);
              reply.pipe(res);
            },
          );
          out.on('error', () => res.writeHead(502).end());
          out.end(Buffer.concat(chunks));
        }, delay);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new DelayProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
