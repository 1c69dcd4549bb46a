import type { Message, Tool } from '@gatehouse/clients';
import type { ChatMessage, InferenceResult, ModelHost, ToolSpec } from '../inference/index.ts';
import { failure } from '../inference/types.ts';
import type { Lease } from '../queue/client.ts';
import type { JobExecutor } from '../poller/types.ts';

const role = (m: Message): ChatMessage['role'] =>
  'System' in m.role ? 'system' : 'User' in m.role ? 'user' : 'Tool' in m.role ? 'tool' : 'assistant';

const chatMessage = (m: Message): ChatMessage => ({
  role: role(m),
  content: m.content,
  ...(m.tool_calls?.length ? { toolCalls: m.tool_calls } : {}),
  ...(m.tool_call_id === undefined ? {} : { toolCallId: m.tool_call_id }),
});

function parseSchema(text: string): Record<string, unknown> | undefined {
  try {
    const schema: unknown = JSON.parse(text);
    return typeof schema === 'object' && schema !== null && !Array.isArray(schema)
      ? (schema as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The queue only takes parameters that are a JSON object; anything else would read as "any arguments". */
const toolSpec = ({ name, description, parameters }: Tool): ToolSpec => {
  const schema = parameters === undefined ? undefined : parseSchema(parameters);
  return { name, ...(description === undefined ? {} : { description }), ...(schema ? { parameters: schema } : {}) };
};

/** Runs a lease on the ModelHost serving its model. */
export function modelExecutor(hosts: Map<string, ModelHost>): JobExecutor {
  return (lease: Lease, signal: AbortSignal): Promise<InferenceResult> => {
    const host = hosts.get(lease.model);
    if (!host) return Promise.resolve(failure('unavailable', `this worker does not serve model ${lease.model}`, true));
    const { temperature, seed, tools } = lease;
    // No toolChoice: a job cannot ask for a forced call (the queue's format, like the IC's LLM canister, has no
    // such option), so the model is free to answer in text or to call the job's tools.
    return host.run(
      {
        messages: lease.messages.map(chatMessage),
        maxTokens: lease.max_tokens,
        ...(tools?.length ? { tools: tools.map(toolSpec) } : {}),
        ...(temperature === undefined ? {} : { temperature }),
        ...(seed === undefined ? {} : { seed }),
      },
      { signal },
    );
  };
}
