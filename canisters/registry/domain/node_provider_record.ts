import type { PrincipalText } from '../../shared/domain/principal.ts';
import type { NodeProvider } from './types.ts';

export function newNodeProvider(id: PrincipalText, display_name: string, now: bigint): NodeProvider {
  return {
    id,
    display_name,
    active: true,
    added_at: now,
    updated_at: now,
    sponsored_active: 0,
    sponsored_suspended: 0,
    sponsored_removed: 0,
  };
}
