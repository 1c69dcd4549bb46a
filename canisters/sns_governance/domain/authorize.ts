import { ERROR_TYPE, govErr, type GovResult } from './errors.ts';
import type { GovernanceStores } from './stores.ts';
import type { Neuron, PrincipalText } from './types.ts';

const PERMISSION_NAMES: Record<number, string> = {
  3: 'NEURON_PERMISSION_TYPE_SUBMIT_PROPOSAL',
  4: 'NEURON_PERMISSION_TYPE_VOTE',
};

export function hasPermission(n: Neuron, caller: PrincipalText, permission: number): boolean {
  return n.permissions.some((p) => p.principal === caller && p.permission_type.includes(permission));
}

/** get_neuron_result + Neuron::check_authorized. */
export function authorizedNeuron(
  stores: GovernanceStores,
  neuronId: string,
  caller: PrincipalText,
  permission: number,
): GovResult<Neuron> {
  const neuron = stores.neurons.get(neuronId);
  if (!neuron) return govErr(ERROR_TYPE.NotFound, `No neuron for given NeuronId: ${neuronId}`);
  if (!hasPermission(neuron, caller, permission)) {
    return govErr(
      ERROR_TYPE.NotAuthorized,
      `Caller '${caller}' is not authorized to perform action: '${PERMISSION_NAMES[permission]}' on neuron '${neuronId}'.`,
    );
  }
  return { Ok: neuron };
}
