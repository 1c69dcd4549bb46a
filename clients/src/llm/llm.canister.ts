import { GatehouseCanisterClient, type CanisterOptions, type QueryParams } from '../canister.ts';
import {
  idlFactory,
  type _SERVICE,
  type chat_message_v0,
  type chat_request_v1,
  type chat_response_v1,
  type LlmMetrics,
  type LlmParams,
  type SetLlmParams,
} from '../declarations/llm.did.ts';
import { unwrapResult } from '../errors.ts';

export { idlFactory as llmIdlFactory };
export type { chat_message_v0 as LlmChatMessageV0, chat_request_v1 as LlmChatRequestV1 };
export type { chat_response_v1 as LlmChatResponseV1, LlmMetrics, LlmParams, SetLlmParams };

/** The IC LLM canister's well-known id, where localnet deploys Gatehouse's llm canister. */
export const LLM_CANISTER_ID = 'w36hm-eqaaa-aaaal-qr76a-cai';

/**
 * The llm canister: the IC LLM canister's v0_chat/v1_chat (each call is answered once a worker completes its
 * job: it may take as long as the canister's timeout_seconds), plus its governance and metrics.
 * A refused or failed chat is a rejected call (the published interface has no error variant).
 */
export class LlmCanister extends GatehouseCanisterClient<_SERVICE> {
  protected readonly name = 'llm';

  static create(options: CanisterOptions): LlmCanister {
    const { service, certifiedService } = GatehouseCanisterClient.actors<_SERVICE>(idlFactory, options);
    return new LlmCanister(options.canisterId, service, certifiedService);
  }

  /** One answer text for a conversation (roles user, assistant, system). */
  v0Chat = ({ model, messages }: { model: string; messages: chat_message_v0[] }): Promise<string> =>
    this.service.v0_chat({ model, messages });

  v1Chat = (request: chat_request_v1): Promise<chat_response_v1> => this.service.v1_chat(request);

  getParams = (q: QueryParams = {}): Promise<LlmParams> => this.caller(q).get_params();

  /** Governance only (SNS generic function target); `expected` must equal the current params. */
  setParams = async (args: SetLlmParams): Promise<void> => {
    unwrapResult(await this.service.set_params(args), 'llm.set_params');
  };

  metrics = (q: QueryParams = {}): Promise<LlmMetrics> => this.caller(q).metrics();
}
