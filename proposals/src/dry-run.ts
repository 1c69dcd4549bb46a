/**
 * What --dry-run prints: the exact manage_neuron argument in Candid text (the official type) and, for a
 * generic function execution, the payload as hex and decoded.
 */
import {
  decodePayload,
  functionById,
  MANAGE_NEURON_TYPE as manageNeuronType,
  payloadText,
  toHex,
  type SnsGovernanceDid,
} from '@gatehouse/clients';
import { IDL } from '@icp-sdk/core/candid';

export function describeProposal(request: SnsGovernanceDid.ManageNeuron): string[] {
  const lines = [
    `manage_neuron (${IDL.encode([manageNeuronType], [request]).length} bytes of Candid):`,
    `  ${manageNeuronType.valueToString(request).replace(/\n/g, '\\n')}`,
  ];
  const command = request.command[0];
  const action = command && 'MakeProposal' in command ? command.MakeProposal.action[0] : undefined;
  if (action && 'ExecuteGenericNervousSystemFunction' in action) {
    const { function_id, payload } = action.ExecuteGenericNervousSystemFunction;
    const fn = functionById(function_id);
    lines.push(
      `function: ${function_id}${fn ? ` ${fn.name} (${fn.topic}) -> ${fn.target.canister}.${fn.target.method}, validator ${fn.validator.canister}.${fn.validator.method}` : ' (not in the manifest)'}`,
    );
    lines.push(`payload hex: ${toHex(payload)}`);
    if (fn) lines.push(`payload: ${payloadText(fn, decodePayload(fn, payload))}`);
  }
  return lines;
}

export function printDryRun(out: (line: string) => void, request: SnsGovernanceDid.ManageNeuron): void {
  out('dry run: this proposal is NOT sent');
  for (const line of describeProposal(request)) out(line);
}
