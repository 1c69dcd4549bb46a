import '../shared/install-utf8.ts';
import {
  call,
  canisterCycleBalance,
  canisterSelf,
  IDL,
  init,
  inspectMessage,
  msgArgData,
  msgCaller,
  msgMethodName,
  msgReject,
  msgReply,
  postUpgrade,
  Principal,
  time,
  trap,
} from 'azle';

import { argsDecoder } from '../shared/candid-args.ts';
import { query, update } from '../shared/candid-methods.ts';
import { replyEncoder } from '../shared/candid-reply.ts';
import { serviceArgs } from '../shared/domain/candid-shape.ts';
import { ingressRefusal } from '../shared/domain/inspect.ts';
import { serveMetrics } from '../shared/domain/prometheus.ts';
import { describeError, type Result } from '../shared/domain/result.ts';
import { governanceTarget } from '../shared/governance-target.ts';
import { StableStore } from '../shared/stable-store.ts';
import { readUpgradeArgs } from '../shared/upgrade-args.ts';
import {
  assistantReply,
  jobFromV0,
  jobFromV1,
  toolFromLibrary,
  toolFromPublished,
  type AssistantMessage,
  type ChatRequestV0,
  type ChatRequestV1,
  type Job,
  type LibraryTool,
} from './domain/chat.ts';
import { endChat, countPoll, llmIngressRules, setParams, startChat, validateSetParams } from './domain/flows.ts';
import { lostJob, nextStep, type Outcome, type Step } from './domain/hold.ts';
import { metrics, metricsText } from './domain/metrics.ts';
import type { LlmParams, SetLlmParams } from './domain/params.ts';
import { configCell, initLlm, upgradeLlm, type LlmStores } from './domain/state.ts';
import { libraryRequestV1, llmTypes } from './interface.ts';
import type * as C from './interface.ts';
import { MEMORY } from './memory.ts';
import { queueClientTypes, statusFromCandid, submitArgs } from './queue-client.ts';

const T = llmTypes(IDL);
const Q = queueClientTypes(IDL);
const LIBRARY_REQUEST_V1 = libraryRequestV1(IDL);
/** What inspect_message holds each message's Candid header to; v1_chat decodes either reading (decodeV1). */
const SIGNATURES = { ...serviceArgs(T.service), v1_chat: [[T.chat_request_v1], [LIBRARY_REQUEST_V1]] };

const stores: LlmStores = { config: new StableStore(MEMORY.config), counters: new StableStore(MEMORY.counters) };

const NANOS_PER_SECOND = 1_000_000_000n;
// The chats decode and reply themselves: with the codecs azle's own methods get (shared/candid-methods.ts).
const decodeV0 = argsDecoder([T.chat_request_v0]);
const decodePublishedV1 = argsDecoder([T.chat_request_v1]);
const decodeLibraryV1 = argsDecoder([LIBRARY_REQUEST_V1]);
const replyV0 = replyEncoder(IDL.Text);
const replyV1 = replyEncoder(T.chat_response_v1);
// @dfinity/candid's decode ignores a view's byteOffset: decode a copy.
const argument = () => new Uint8Array(msgArgData());

function callError(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'rejectMessage' in e) return String(e.rejectMessage);
  return e instanceof Error ? e.message : String(e);
}

/** v1_chat's argument under the published type, or, when that reading has no tools, under @dfinity/llm's. */
function decodeV1(bytes: Uint8Array): ChatRequestV1<ReturnType<typeof toolFromPublished>> {
  const [published] = decodePublishedV1(bytes) as unknown as [ChatRequestV1];
  if (published.tools.length > 0) return { ...published, tools: [published.tools[0]!.map(toolFromPublished)] };
  const [library] = decodeLibraryV1(bytes) as unknown as [ChatRequestV1<LibraryTool>];
  const tools = library.tools[0];
  return { ...published, tools: tools ? [tools.map(toolFromLibrary)] : [] };
}

/**
 * A held chat call (manual: it replies or rejects itself). It submits the job for its caller and then polls
 * the job, one inter-canister call per await, until the job is done or the timeout passes: a call context
 * can be answered only from its own message or its callbacks. Each await is one round on the IC (and on
 * localnet, which paces repeated calls by rounds), so the loop never spins.
 *
 * "Cancelled if the caller's call is rejected": a caller gives up on a call only through a bounded-wait
 * call's deadline, `ic0.msg_deadline`, which azle 0.33 cannot read (its canister template neither imports nor
 * exposes it, and its own `call` makes unbounded-wait calls only). What this canister can see it acts on: the
 * job is cancelled when the timeout passes and when the job can no longer be read, the two ways it rejects a
 * call whose job may still run.
 */
async function chat(
  version: 'v0' | 'v1',
  toJob: (params: LlmParams, bytes: Uint8Array) => Result<Job>,
  replyOf: (message: AssistantMessage) => Uint8Array,
): Promise<void> {
  const caller = msgCaller();
  const startedAt = time();
  const started = startChat(stores, caller.toText(), version);
  if ('Err' in started) return msgReject(describeError(started.Err));
  const params = started.Ok;
  let outcome: Outcome = 'refused';
  const reject = (message: string) => msgReject(`llm canister: ${message}`);
  try {
    const bytes = argument();
    if (bytes.length > params.max_request_bytes) {
      return reject(`the request is ${bytes.length} bytes; the limit is ${params.max_request_bytes}`);
    }
    const job = toJob(params, bytes);
    if ('Err' in job) return reject(describeError(job.Err));
    const queue = Principal.fromText(configCell(stores).get().queue);
    const submitted = (await call(queue, 'submit_for', {
      ...Q.submit_for,
      args: [caller, submitArgs(job.Ok)],
    })) as Result<bigint>;
    if ('Err' in submitted) return reject(`the queue refused the job: ${describeError(submitted.Err)}`);
    const jobId = submitted.Ok;
    const deadline = startedAt + BigInt(params.timeout_seconds) * NANOS_PER_SECOND;
    for (;;) {
      countPoll(stores);
      let step: Step;
      try {
        const read = (await call(queue, 'get_job', { ...Q.get_job, args: [jobId] })) as Result<{ status: never }>;
        step =
          'Err' in read
            ? lostJob(jobId, describeError(read.Err))
            : nextStep(jobId, statusFromCandid(read.Ok.status), time(), deadline);
      } catch (e) {
        step = lostJob(jobId, callError(e));
      }
      if ('wait' in step) continue;
      if ('reply' in step) {
        outcome = 'replied';
        return msgReply(replyOf(assistantReply(step.reply.output, step.reply.tool_calls)));
      }
      if (step.cancel) await call(queue, 'cancel', { ...Q.cancel, args: [jobId] }).catch(() => undefined);
      outcome = step.outcome;
      return reject(step.reject);
    }
  } catch (e) {
    return reject(callError(e));
  } finally {
    endChat(stores, outcome, startedAt, time());
  }
}

export default class {
  @init([T.LifecycleArgs])
  init(args: C.LlmLifecycleArgs): void {
    if (!('Init' in args)) trap('llm install: pass variant { Init = … }');
    initLlm(stores, {
      governance: args.Init.governance.toText(),
      queue: args.Init.queue.toText(),
      params: args.Init.params[0],
    });
  }

  // manual: an upgrade may come with no argument at all (see shared/upgrade-args.ts).
  @postUpgrade([T.LifecycleArgs], { manual: true })
  postUpgrade(): void {
    const result = upgradeLlm(stores, readUpgradeArgs(T.LifecycleArgs, 'llm'), canisterSelf().toText());
    if ('Err' in result) trap(`llm upgrade: ${describeError(result.Err)}`);
  }

  @inspectMessage({ manual: true })
  inspectMessage(): boolean {
    return (
      ingressRefusal(llmIngressRules(stores), SIGNATURES, msgMethodName(), msgCaller().toText(), msgArgData()) ===
      undefined
    );
  }

  @update([T.chat_request_v0], IDL.Text, { manual: true })
  async v0_chat(): Promise<void> {
    await chat(
      'v0',
      (params, bytes) => jobFromV0(params, decodeV0(bytes)[0] as unknown as ChatRequestV0),
      (message) => replyV0(message.content[0] ?? ''),
    );
  }

  @update([T.chat_request_v1], T.chat_response_v1, { manual: true })
  async v1_chat(): Promise<void> {
    await chat(
      'v1',
      (params, bytes) => jobFromV1(params, decodeV1(bytes)),
      (message) => replyV1({ message }),
    );
  }

  @update([T.SetLlmParams], T.ValidationResult)
  validate_set_params(args: SetLlmParams) {
    return validateSetParams(stores, args);
  }

  @update([T.SetLlmParams], T.UnitResult)
  set_params(args: SetLlmParams): Result<null> {
    const governance = configCell(stores).get().governance;
    return governanceTarget(setParams(stores, msgCaller().toText(), args), governance, 'set_params');
  }

  @query([], T.LlmParams)
  get_params(): LlmParams {
    return configCell(stores).get().params;
  }

  @query([], T.LlmMetrics)
  metrics() {
    return metrics(stores, canisterCycleBalance());
  }

  @query([T.HttpRequest], T.HttpResponse)
  http_request(request: { method: string; url: string }) {
    const reply = serveMetrics(request.method, request.url, () => metricsText(metrics(stores, canisterCycleBalance())));
    return { ...reply, upgrade: [] };
  }
}
