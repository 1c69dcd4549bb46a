import { admitArgs, nominateArgs, okOf } from './args.ts';
import type { Gatehouse } from './deploy.ts';

/**
 * Gives the roles their standing on real wasm: the contributor is admitted the way production
 * admits (node provider nominates, governance executes admit), then binds the worker key (the contributor
 * offers, the key accepts), which the registry pushes to the queue.
 */
export async function seedMembers(g: Gatehouse): Promise<void> {
  const { contributor, worker } = g.principals;
  const nomination = okOf(await g.invitation('nodeProvider').nominate(nominateArgs(contributor, 'Carol')));
  okOf(await g.invitation('governance').admit({ nomination_id: nomination.id }));
  okOf(await g.registry('contributor').offer_worker_key(worker));
  okOf(await g.registry('worker').accept_worker_key(contributor));
  // The registry's push may take more than one round (a first push is a snapshot: two calls); let it finish.
  await g.net.tick();
  const [record] = await g.queue().get_worker(worker);
  if (!record?.active) throw new Error('the registry did not push the bound worker key to the queue');
}

/** A contributor admitted directly by the invitation canister (registry-level fixture, no nomination). */
export async function admitDirectly(g: Gatehouse, who: Parameters<typeof admitArgs>[0]): Promise<void> {
  okOf(await g.registry('invitation').admit_contributor(admitArgs(who, g.principals.nodeProvider)));
}
