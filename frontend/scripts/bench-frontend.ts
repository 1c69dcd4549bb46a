/**
 * npm run bench -w frontend [-- --url http://127.0.0.1:8080] [--compare DIR] [--runs N]: the dashboard's first-load
 * JS (gzip, what the landing page needs before it renders) against the 250 KB budget, and the time from navigation
 * to the first proposals list render in chromium (cold context, median of N) against baselines measured in the
 * same run: loading a static file from the same server and, with --compare, another build of the dashboard (e.g.
 * main's `vite build --outDir DIR`) served beside this one against the same network, the two loaded in turn so
 * both see the same machine load. Without --url it starts the npm start stack on free ports.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import { serveDashboard } from '../../scripts/start-web.ts';
import { launch } from '../../test/e2e/dashboard/browser.ts';
import { startStack } from '../../test/e2e/dashboard/stack.ts';

const BUDGET_KB = 250;
const dist = join(import.meta.dirname, '../dist');

function firstLoadJs(): { files: string[]; gzipBytes: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gzipBytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0);
  return { files, gzipBytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const { values } = parseArgs({
  options: { url: { type: 'string' }, compare: { type: 'string' }, runs: { type: 'string', default: '5' } },
});
const runs = Number(values.runs);
const js = firstLoadJs();
console.log(
  `first-load JS: ${(js.gzipBytes / 1024).toFixed(1)} KB gzip in ${js.files.length} files (budget ${BUDGET_KB} KB, ratio ${(js.gzipBytes / 1024 / BUDGET_KB).toFixed(2)})`,
);

const stack = values.url ? undefined : await startStack({ timeoutMs: 600_000 });
const url = values.url ?? stack!.dashboard;
const other = values.compare
  ? await serveDashboard({
      root: resolve(values.compare),
      port: 0,
      config: await (await fetch(`${url}/gatehouse-config.json`)).json(),
    })
  : undefined;
const browser = await launch();
const render: number[] = [];
const compared: number[] = [];
const baseline: number[] = [];

/** Cold context: no cached assets, no IndexedDB (the agent's subnet keys), as a first-time visitor. */
async function firstRender(base: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t = performance.now();
  await page.goto(`${base}/#/proposals`);
  await page.locator('[data-tid="proposal-list"], [data-tid="empty"]').first().waitFor({ timeout: 60_000 });
  const ms = performance.now() - t;
  await context.close();
  return ms;
}

console.log(`load average before: ${load()}`);
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const t = performance.now();
    await page.goto(`${url}/gatehouse-config.json`);
    baseline.push(performance.now() - t);
    await context.close();
    // Alternate which build goes first: neither always meets the machine right after the other's load.
    if (other && i % 2 === 1) compared.push(await firstRender(other.url));
    render.push(await firstRender(url));
    if (other && i % 2 === 0) compared.push(await firstRender(other.url));
  }
} finally {
  await browser.close();
  other?.server.close();
  await stack?.stop();
}
console.log(`load average after: ${load()}`);
console.log(
  `first proposals render: median ${median(render).toFixed(0)} ms over ${runs} cold loads; baseline (static file, same server) ${median(baseline).toFixed(0)} ms; ratio ${(median(render) / median(baseline)).toFixed(1)}`,
);
if (other)
  console.log(
    `compared with ${values.compare}: median ${median(compared).toFixed(0)} ms; this build / that one ${(median(render) / median(compared)).toFixed(2)}`,
  );
