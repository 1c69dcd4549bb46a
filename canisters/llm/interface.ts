import type { Principal } from '@dfinity/principal';

import { clientFactory, lifecycleTypes, sharedTypes, type Idl, type LifecycleArgs } from '../shared/idl.ts';
import { queueTypes } from '../queue/interface.ts';
import type { GatehouseError, Result } from '../shared/domain/result.ts';
import type {
  AssistantMessage,
  ChatMessageV0,
  ChatMessageV1,
  ChatRequestV0,
  ChatRequestV1,
  LibraryTool,
  PublishedTool,
} from './domain/chat.ts';
import type { LlmMetrics } from './domain/metrics.ts';
import type { LlmParams, ModelRoute, SetLlmParams } from './domain/params.ts';

/**
 * The llm canister's Candid interface. `v0_chat` and `v1_chat` are the IC LLM canister's published ones
 * (w36hm-eqaaa-aaaal-qr76a-cai, the `ic-llm` crate's types, same type names), so `@dfinity/llm`, `ic-llm` and
 * `mo:llm` callers reach Gatehouse workers unchanged; the rest is Gatehouse's governance and metrics.
 */
export function llmTypes(IDL: Idl) {
  const shared = sharedTypes(IDL);
  const queue = queueTypes(IDL);
  const role = IDL.Variant({ user: IDL.Null, assistant: IDL.Null, system: IDL.Null });
  const chat_message_v0 = IDL.Record({ role, content: IDL.Text });
  const chat_request_v0 = IDL.Record({ model: IDL.Text, messages: IDL.Vec(chat_message_v0) });
  const tool_call_argument = IDL.Record({ name: IDL.Text, value: IDL.Text });
  const function_call = IDL.Record({ name: IDL.Text, arguments: IDL.Vec(tool_call_argument) });
  const tool_call = IDL.Record({ id: IDL.Text, function: function_call });
  const assistant_message = IDL.Record({ content: IDL.Opt(IDL.Text), tool_calls: IDL.Vec(tool_call) });
  const content = IDL.Record({ content: IDL.Text });
  const chat_message_v1 = IDL.Variant({
    user: content,
    system: content,
    assistant: assistant_message,
    tool: IDL.Record({ content: IDL.Text, tool_call_id: IDL.Text }),
  });
  const property = IDL.Record({
    type: IDL.Text,
    name: IDL.Text,
    description: IDL.Opt(IDL.Text),
    enum: IDL.Opt(IDL.Vec(IDL.Text)),
  });
  const parameters = IDL.Record({
    type: IDL.Text,
    properties: IDL.Opt(IDL.Vec(property)),
    required: IDL.Opt(IDL.Vec(IDL.Text)),
  });
  const tool = IDL.Variant({
    function: IDL.Record({ name: IDL.Text, description: IDL.Opt(IDL.Text), parameters: IDL.Opt(parameters) }),
  });
  const chat_request_v1 = IDL.Record({
    model: IDL.Text,
    messages: IDL.Vec(chat_message_v1),
    tools: IDL.Opt(IDL.Vec(tool)),
  });
  const chat_response_v1 = IDL.Record({ message: assistant_message });

  const LlmModelRoute = IDL.Record({ name: IDL.Text, worker_model: IDL.Text });
  const LlmParams = IDL.Record({
    models: IDL.Vec(LlmModelRoute),
    timeout_seconds: IDL.Nat32,
    max_tokens: IDL.Nat32,
    max_request_bytes: IDL.Nat32,
  });
  /** set_params carries the params it replaces: a proposal made from params since changed cannot execute. */
  const SetLlmParams = IDL.Record({ expected: LlmParams, params: LlmParams });
  const LlmInitArgs = IDL.Record({ governance: IDL.Principal, queue: IDL.Principal, params: IDL.Opt(LlmParams) });
  const { UpgradeArgs, LifecycleArgs } = lifecycleTypes(IDL, LlmInitArgs);
  const LlmMetrics = IDL.Record({
    chats_v0: IDL.Nat64,
    chats_v1: IDL.Nat64,
    replied: IDL.Nat64,
    timeout: IDL.Nat64,
    failed: IDL.Nat64,
    cancelled: IDL.Nat64,
    expired: IDL.Nat64,
    refused: IDL.Nat64,
    polls: IDL.Nat64,
    held: IDL.Nat64,
    held_ms_total: IDL.Nat64,
    cycles: IDL.Nat,
  });
  const service = IDL.Service({
    v0_chat: IDL.Func([chat_request_v0], [IDL.Text], []),
    v1_chat: IDL.Func([chat_request_v1], [chat_response_v1], []),
    validate_set_params: IDL.Func([SetLlmParams], [shared.ValidationResult], []),
    set_params: IDL.Func([SetLlmParams], [shared.UnitResult], []),
    get_params: IDL.Func([], [LlmParams], ['query']),
    metrics: IDL.Func([], [LlmMetrics], ['query']),
    http_request: IDL.Func([queue.HttpRequest], [queue.HttpResponse], ['query']),
  });
  return {
    ...shared,
    chat_message_v0,
    chat_request_v0,
    tool_call_argument,
    tool_call,
    assistant_message,
    chat_message_v1,
    property,
    parameters,
    tool,
    chat_request_v1,
    chat_response_v1,
    LlmModelRoute,
    LlmParams,
    SetLlmParams,
    LlmInitArgs,
    UpgradeArgs,
    LifecycleArgs,
    LlmMetrics,
    HttpRequest: queue.HttpRequest,
    HttpResponse: queue.HttpResponse,
    service,
  };
}

/**
 * What `@dfinity/llm` 1.1.1 sends to v1_chat: its tools are records with a flat parameter list, not the
 * published variant. No one Candid type takes both (a record is no subtype of a variant), but `tools` is
 * an `opt`, so by Candid's rule for opt either value decodes under the other's type with tools = null.
 * v1_chat therefore decodes its argument twice, under the published type and under this one, and keeps
 * the reading that has tools (see index.ts). Not part of the service: the .did declares the published type.
 */
export function libraryRequestV1(IDL: Idl) {
  const { chat_message_v1 } = llmTypes(IDL);
  const parameter = IDL.Record({
    name: IDL.Text,
    type: IDL.Text,
    description: IDL.Opt(IDL.Text),
    required: IDL.Opt(IDL.Bool),
    enum: IDL.Opt(IDL.Vec(IDL.Text)),
  });
  const tool = IDL.Record({
    name: IDL.Text,
    description: IDL.Opt(IDL.Text),
    parameters: IDL.Opt(IDL.Vec(parameter)),
  });
  return IDL.Record({ model: IDL.Text, messages: IDL.Vec(chat_message_v1), tools: IDL.Opt(IDL.Vec(tool)) });
}

export const idlFactory = clientFactory((IDL) => llmTypes(IDL).service);

/** What scripts/candid/emit-did.ts prints as llm.did. */
export function didSource(IDL: Idl) {
  const names = llmTypes(IDL);
  return { names, service: names.service, init: [names.LifecycleArgs] };
}
/** Install with { Init: … }, upgrade with nothing, { Upgrade: [] } or { Upgrade: [{ governance }] }. */
export const initArgs = (IDL: Idl) => [llmTypes(IDL).LifecycleArgs];

export type Opt<T> = [] | [T];
export type { GatehouseError, Result, LlmParams, ModelRoute, SetLlmParams, LlmMetrics };
export type {
  AssistantMessage,
  ChatMessageV0,
  ChatMessageV1,
  ChatRequestV0,
  ChatRequestV1,
  LibraryTool,
  PublishedTool,
};
export interface ChatResponseV1 {
  message: AssistantMessage;
}
export type LlmLifecycleArgs = LifecycleArgs<LlmInitArgs>;
export interface LlmInitArgs {
  governance: Principal;
  queue: Principal;
  params: Opt<LlmParams>;
}
