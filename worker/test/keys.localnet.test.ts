/**
 * `gatehouse-worker keys` over HTTP against the real registry and queue wasm on localnet: the contributor
 * binds a worker key, the queue then lets that key lease; unbinding takes it away; a non-contributor is refused.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityToPem } from '@gatehouse/clients';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import type { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetHttpServer } from '../../localnet/src/http/server.ts';
import { CallRejectedError, LocalNet } from '../../localnet/src/index.ts';
import { deployGatehouse, type Gatehouse } from '../../test/support/deploy.ts';
import { admitArgs, leaseArgs, okOf } from '../../test/support/args.ts';
import { WorkerProcess, waitFor } from './worker-process.ts';

let g: Gatehouse;
let server: LocalNetHttpServer;
const dir = mkdtempSync(join(tmpdir(), 'worker-keys-'));

function key(name: string): { path: string; principal: Principal; text: string } {
  const identity = Ed25519KeyIdentity.generate();
  const path = join(dir, `${name}.pem`);
  writeFileSync(path, identityToPem(identity));
  return { path, principal: identity.getPrincipal(), text: identity.getPrincipal().toText() };
}

const contributor = key('contributor');
const worker = key('worker');
const stranger = key('stranger');

const keys = async (...args: string[]) => {
  const w = new WorkerProcess(['keys', ...args, '--network', server.url, '--registry', g.ids.registry.toText()]);
  const { code } = await w.exited;
  return { code, out: w.lines.map((l) => (l.event === 'text' ? l.text : JSON.stringify(l))), err: w.stderr };
};
const leaseAs = (who: Principal) => g.queue(who).lease(leaseArgs());
/** A principal the registry never announced is dropped by the queue's inspect_message before the method runs. */
const leaseOrRefusal = (who: Principal) =>
  leaseAs(who).catch((error: unknown) => {
    if (error instanceof CallRejectedError) return { Refused: error.reject.message };
    throw error;
  });

beforeAll(async () => {
  const net = await LocalNet.start({ startTimeMs: Date.now() });
  g = await deployGatehouse(net);
  server = await LocalNetHttpServer.start(net, { port: 0 });
  // What the invitation canister does when governance adopts the contributor's nomination.
  okOf(await g.registry('invitation').admit_contributor(admitArgs(contributor.principal, g.principals.nodeProvider)));
});

afterAll(async () => {
  await server?.close();
  await g?.net.close();
});

describe('gatehouse-worker keys against the registry on localnet', () => {
  it('the contributor binds the worker key: the registry lists it and the queue lets the worker lease; unbind takes it away', async () => {
    expect(await leaseOrRefusal(worker.principal)).toEqual({ Refused: expect.stringContaining('accept_message') });

    const bound = await keys('bind', '--contributor', contributor.path, '--identity', worker.path);
    expect(bound).toEqual({
      code: 0,
      out: [`bound ${worker.text} to contributor ${contributor.text} (1 of 8 keys)`],
      err: [],
    });
    const [record] = await g.registry().get_contributor(contributor.principal);
    expect(record!.worker_keys.map((k) => k.toText())).toEqual([worker.text]);
    // The registry pushes membership to the queue on a timer; observe until the queue has it.
    const leased = await waitFor('the queue to let the bound worker lease', async () => {
      const result = await leaseOrRefusal(worker.principal);
      return 'Ok' in result ? result : false;
    });
    expect(leased).toEqual({ Ok: [] });

    const listed = await keys('list', '--contributor', contributor.path);
    expect(listed).toEqual({
      code: 0,
      out: [`contributor ${contributor.text} "Carol": Active, 1 of 8 worker keys`, `  ${worker.text}`],
      err: [],
    });

    const unbound = await keys('unbind', '--contributor', contributor.path, '--worker', worker.text);
    expect(unbound).toEqual({
      code: 0,
      out: [`unbound ${worker.text} from contributor ${contributor.text} (0 of 8 keys)`],
      err: [],
    });
    const [after] = await g.registry().get_contributor(contributor.principal);
    expect(after!.worker_keys).toEqual([]);
    await waitFor('the queue to refuse the unbound worker', async () => 'Err' in (await leaseAs(worker.principal)));
    expect(await keys('list', '--of', worker.text)).toMatchObject({
      code: 1,
      out: [],
      err: [`gatehouse-worker: ${worker.text} is not a contributor (registry role: None)`],
    });
  });

  it('binding as a non-contributor ends with one Unauthorized line and a non-zero exit', async () => {
    const refused = await keys('bind', '--contributor', stranger.path, '--identity', worker.path);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toEqual([]);
    expect(refused.err).toEqual([
      `gatehouse-worker: cannot bind ${worker.text} to contributor ${stranger.text}: Unauthorized: only Active contributors may offer worker keys (is the nomination adopted? \`keys list --of ${stranger.text}\` shows the status)`,
    ]);
    const [record] = await g.registry().get_contributor(contributor.principal);
    expect(record!.worker_keys).toEqual([]);
  });
});
