/**
 * The dashboard's static server for npm start: the production build (frontend/dist) plus
 * /gatehouse-config.json, the deployment's host and canister ids, so nothing is baked into the bundle.
 * Unknown paths without a file extension answer index.html (the dashboard routes in the URL hash, but a
 * reload on a stray path should still land in the app).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export interface DashboardConfig {
  network: 'local' | 'ic';
  host: string;
  identityProvider: string;
  canisters: Record<string, string>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export async function serveDashboard(o: {
  root: string;
  port: number;
  config: DashboardConfig;
}): Promise<{ url: string; server: Server }> {
  const config = JSON.stringify(o.config);
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path === '/gatehouse-config.json')
        return res.writeHead(200, { 'Content-Type': TYPES['.json']!, 'Cache-Control': 'no-store' }).end(config);
      const file = normalize(join(o.root, path === '/' || !extname(path) ? 'index.html' : path));
      if (!file.startsWith(o.root + sep)) return res.writeHead(403).end();
      try {
        const body = await readFile(file);
        const immutable = file.includes(`${sep}assets${sep}`);
        res
          .writeHead(200, {
            'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
            'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          })
          .end(body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${path}`);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${o.port} is in use; pick another with --web-port` : e.message)),
    );
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
