// A canister as any `@dfinity/llm` user writes it: nothing here knows about Gatehouse. The library calls the
// IC LLM canister's id, where `npm start` (localnet) deploys Gatehouse's llm canister.
import * as llm from '@dfinity/llm';
import { IDL, update } from 'azle';

export default class {
  @update([IDL.Text], IDL.Text)
  async prompt(prompt: string): Promise<string> {
    return await llm.prompt(llm.Model.Llama3_1_8B, prompt);
  }

  @update([IDL.Text, IDL.Text], IDL.Text)
  async chat(system: string, user: string): Promise<string> {
    const response = await llm
      .chat(llm.Model.Llama3_1_8B)
      .withMessages([{ system: { content: system } }, { user: { content: user } }])
      .send();
    return response.message.content[0] ?? '';
  }
}
