/**
 * An HTTP proxy on 127.0.0.1 in front of localnet for the worker bench. It counts every request by what it
 * asks (`call:<method>`, `query:<method>`, `read_state:<first path label>`, `status`) and the certificates it
 * passes back (a synchronous call's 200 reply and every read_state reply carry one, which the agent verifies:
 * a BLS signature check), and it holds every update call (`POST …/call`) for `delayMs` before passing it on,
 * as mainnet's 1–2 s finality would; queries and read_state pass at once (they are fast on mainnet too).
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cbor } from '@icp-sdk/core/agent';

export type CallCounts = Map<string, number>;

function kindOf(path: string, body: Buffer): string {
  const endpoint = /\/(call|query|read_state|status)$/.exec(path)?.[1] ?? 'other';
  if (endpoint === 'status' || endpoint === 'other') return endpoint;
  try {
    const content = (Cbor.decode(new Uint8Array(body)) as { content?: Record<string, unknown> }).content ?? {};
    if (endpoint !== 'read_state') return `${endpoint}:${String(content.method_name)}`;
    const first = (content.paths as Uint8Array[][] | undefined)?.[0]?.[0];
    return `read_state:${first ? Buffer.from(first).toString('latin1') : '?'}`;
  } catch {
    return `${endpoint}:?`;
  }
}

export class BenchProxy {
  /** requests by kind since the last take() */
  private counts: CallCounts = new Map();
  private certificates = 0;
  /** how long update calls are held (0: passed on at once) */
  delayMs = 0;
  private readonly server: Server;

  private constructor(private readonly to: URL) {
    this.server = createServer((req, res) => {
      const path = req.url ?? '';
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const kind = kindOf(path, body);
        this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
        const isCall = req.method === 'POST' && path.endsWith('/call');
        setTimeout(
          () => this.forward(req, res, body, isCall || path.endsWith('/read_state')),
          isCall ? this.delayMs : 0,
        );
      });
    });
  }

  static async start(target: string): Promise<BenchProxy> {
    const proxy = new BenchProxy(new URL(target));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private forward(req: IncomingMessage, res: ServerResponse, body: Buffer, certified: boolean): void {
    const { hostname: host, port } = this.to;
    const out = request({ host, port, path: req.url, method: req.method, headers: req.headers }, (reply) => {
      if (reply.statusCode === 200 && certified) this.certificates += 1;
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    out.end(body);
  }

  /** The counts and certificates since the last take(), and a fresh start. */
  take(): { counts: CallCounts; certificates: number } {
    const taken = { counts: this.counts, certificates: this.certificates };
    this.counts = new Map();
    this.certificates = 0;
    return taken;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
