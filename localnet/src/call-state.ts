/**
 * Calls in flight as data, so a saved network resumes them as a replica's checkpoint would: open call contexts,
 * the callbacks awaiting responses, and the messages held for the next round (a held call's next poll). An
 * ingress caller is kept by the key its submitter gave (the HTTP server's request id), as nothing else of it
 * survives a process. A callback whose response can no longer come (its callee's context was not kept, e.g. a
 * stop_canister waiting in the management canister) gets a reject on restore instead of waiting forever.
 */
import type { CallContexts } from './call-contexts.ts';
import type { CallContext, CallMessage, Message, Origin, PendingCallback } from './messages.ts';
import { MANAGEMENT_TEXT, type Network } from './network.ts';
import { RejectCode, rejectOf, type CallResult } from './reject.ts';

type SavedOrigin =
  { type: 'ingress'; key?: string } | { type: 'canister'; canister: string; callbackId: number } | { type: 'system' };

type SavedContext = Omit<CallContext, 'origin' | 'sent'> & { origin: SavedOrigin; sent: string[] };
type SavedMessage = Exclude<Message, CallMessage> | (Omit<CallMessage, 'origin'> & { origin: SavedOrigin });

export interface SavedCalls {
  nextContext: number;
  nextCallback: number;
  contexts: SavedContext[];
  callbacks: Array<{ canister: string; id: number; callback: PendingCallback }>;
  messages: SavedMessage[];
}

export const LOST_IN_RESTART = 'localnet restarted while this call was in flight and could not keep it';

function saveOrigin(o: Origin): SavedOrigin {
  return o.type === 'ingress' ? { type: 'ingress', ...(o.key === undefined ? {} : { key: o.key }) } : o;
}

/** Taken while the network is idle: the queue is empty then, only the next round's messages wait. */
export function exportCalls(net: Network, contexts: CallContexts): SavedCalls {
  const save = (m: Message): SavedMessage => (m.kind === 'call' ? { ...m, origin: saveOrigin(m.origin) } : m);
  return {
    ...contexts.counters,
    // The management canister's own contexts (stop_canister waiting) are not kept: their callers get a reject.
    contexts: contexts
      .list()
      .filter((c) => c.canister !== MANAGEMENT_TEXT)
      .map((c) => ({ ...c, origin: saveOrigin(c.origin), sent: [...c.sent] })),
    callbacks: [...net.canisters.values()].flatMap((c) =>
      [...c.callbacks].map(([id, callback]) => ({ canister: c.idText, id, callback })),
    ),
    messages: [...net.queue, ...net.nextRound].map(save),
  };
}

/** Puts saved calls back into a restored network; an ingress origin answers through `ingress(key)`. */
export function restoreCalls(
  net: Network,
  contexts: CallContexts,
  saved: SavedCalls,
  ingress: (key: string) => (r: CallResult) => void,
): void {
  const origin = (o: SavedOrigin): Origin =>
    o.type === 'ingress' ? { type: 'ingress', done: o.key === undefined ? () => undefined : ingress(o.key) } : o;
  contexts.restore(
    saved.contexts.map((c) => ({ ...c, origin: origin(c.origin), sent: new Set(c.sent) })),
    { nextContext: saved.nextContext, nextCallback: saved.nextCallback },
  );
  const answerable = new Set<string>();
  const awaits = (o: SavedOrigin) => o.type === 'canister' && answerable.add(`${o.canister} ${o.callbackId}`);
  for (const c of saved.contexts) awaits(c.origin);
  for (const m of saved.messages) {
    if (m.kind === 'call') awaits(m.origin);
    if (m.kind === 'response') answerable.add(`${m.target} ${m.callbackId}`);
    net.nextRound.push(m.kind === 'call' ? { ...m, origin: origin(m.origin) } : m);
  }
  for (const { canister, id, callback } of saved.callbacks) {
    const c = net.canisters.get(canister);
    if (!c) continue;
    c.callbacks.set(id, callback);
    if (answerable.has(`${canister} ${id}`)) continue;
    const response = rejectOf(RejectCode.SYS_TRANSIENT, LOST_IN_RESTART);
    net.queue.push({ kind: 'response', target: canister, callbackId: id, response, refund: 0n });
  }
}
