/**
 * npm run bench -w frontend [-- --url http://127.0.0.1:8080]: the dashboard's first-load JS (gzip, what the
 * landing page needs before it renders) against the 250 KB budget, and the time from navigation to the first
 * proposals list render in chromium (cold context, median of 5) against a baseline measured in the same run:
 * loading a static file from the same server. Without --url it starts the npm start stack on free ports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import { launch } from '../../test/e2e/dashboard/browser.ts';
import { startStack } from '../../test/e2e/dashboard/stack.ts';

const BUDGET_KB = 250;
const RUNS = 5;
const dist = join(import.meta.dirname, '../dist');

function firstLoadJs(): { files: string[]; gzipBytes: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gzipBytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0);
  return { files, gzipBytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { values } = parseArgs({ options: { url: { type: 'string' } } });
const js = firstLoadJs();
console.log(
  `first-load JS: ${(js.gzipBytes / 1024).toFixed(1)} KB gzip in ${js.files.length} files (budget ${BUDGET_KB} KB, ratio ${(js.gzipBytes / 1024 / BUDGET_KB).toFixed(2)})`,
);

const stack = values.url ? undefined : await startStack({ timeoutMs: 600_000 });
const url = values.url ?? stack!.dashboard;
const browser = await launch();
const render: number[] = [];
const baseline: number[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let t = performance.now();
    await page.goto(`${url}/gatehouse-config.json`);
    baseline.push(performance.now() - t);
    t = performance.now();
    await page.goto(`${url}/#/proposals`);
    await page.locator('[data-tid="proposal-list"], [data-tid="empty"]').first().waitFor({ timeout: 60_000 });
    render.push(performance.now() - t);
    await context.close();
  }
} finally {
  await browser.close();
  await stack?.stop();
}
console.log(
  `first proposals render: median ${median(render).toFixed(0)} ms over ${RUNS} cold loads; baseline (static file, same server) ${median(baseline).toFixed(0)} ms; ratio ${(median(render) / median(baseline)).toFixed(1)}`,
);
