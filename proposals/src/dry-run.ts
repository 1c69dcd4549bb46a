/**
 * What --dry-run prints: the exact manage_neuron argument in Candid text (the official type) and, for a
 * generic function execution, the payload as hex and decoded.
 */
import type { SnsGovernanceDid } from '@dfinity/sns';
import { IDL } from '@icp-sdk/core/candid';

import { idlFactory as snsGovernanceIdl } from '../../canisters/sns_governance/interface.ts';
import { functionById } from '../functions.ts';
import { decodePayload, payloadText, toHex } from '../payload.ts';

const service = snsGovernanceIdl({ IDL }) as IDL.ServiceClass;
const manageNeuronType = service._fields.find(([name]) => name === 'manage_neuron')![1].argTypes[0]!;

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
