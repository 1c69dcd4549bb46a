/** Candid `opt` fields of the registry's records ↔ `undefined`. */
import { fromOpt, withoutUndefined } from '../utils/opt.ts';
import type { CandidContributor, CandidEvent, Contributor, RegistryEvent } from './registry.types.ts';

export const toContributor = ({ status_reason, ...rest }: CandidContributor): Contributor =>
  withoutUndefined({ ...rest, status_reason: fromOpt(status_reason) });

export const toRegistryEvent = ({ proposal_id, ...rest }: CandidEvent): RegistryEvent =>
  withoutUndefined({ ...rest, proposal_id: fromOpt(proposal_id) });
