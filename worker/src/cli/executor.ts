import type { Message } from '@gatehouse/clients';
import type { ChatMessage, InferenceResult, ModelHost } from '../inference/index.ts';
import { failure } from '../inference/types.ts';
import type { Lease } from '../queue/client.ts';
import type { JobExecutor } from '../poller/types.ts';

const role = (m: Message): ChatMessage['role'] =>
  'System' in m.role ? 'system' : 'User' in m.role ? 'user' : 'assistant';

/** Runs a lease on the ModelHost serving its model. */
export function modelExecutor(hosts: Map<string, ModelHost>): JobExecutor {
  return (lease: Lease, signal: AbortSignal): Promise<InferenceResult> => {
    const host = hosts.get(lease.model);
    if (!host) return Promise.resolve(failure('unavailable', `this worker does not serve model ${lease.model}`, true));
    const { temperature, seed } = lease;
    return host.run(
      {
        messages: lease.messages.map((m) => ({ role: role(m), content: m.content })),
        maxTokens: lease.max_tokens,
        ...(temperature === undefined ? {} : { temperature }),
        ...(seed === undefined ? {} : { seed }),
      },
      { signal },
    );
  };
}
