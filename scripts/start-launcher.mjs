/**
 * npm start's entry. Plain JS, so that node runs it without tsx's loader: it runs scripts/start.ts from its bundle
 * (program-bundle.ts: START) while no input of that bundle changed since it was built, which spares a restart tsx's
 * start-up and start.ts's module loading (~0.7 s of CPU before localnet is spawned); otherwise it runs start.ts from
 * its sources under tsx, and start.ts rebuilds the bundle for the next start. Either way `npm start` stays one
 * command on a fresh clone, and an edit to start.ts or anything it imports takes effect on the next start.
 */
import { join } from 'node:path';

import { runBundleOrSource } from './program-bundle-run.mjs';

await runBundleOrSource(
  join(import.meta.dirname, '../node_modules/.cache/gatehouse/start'),
  'start',
  join(import.meta.dirname, 'start.ts'),
);
