import type { Neuron } from './types.ts';

/** True when the principal holds any permission on the neuron (the principal-to-neurons index of the real one). */
export const hasPermissionAny = (n: Neuron, principal: string): boolean =>
  n.permissions.some((p) => p.principal === principal && p.permission_type.length > 0);
