import { escapeMarkdown } from '../../shared/domain/markdown.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import type { RegistryStores } from './stores.ts';

/** "Alice (abcde-…)" for principals the registry knows a name for, otherwise the principal itself. */
export function describePrincipal(stores: RegistryStores, principal: PrincipalText): string {
  const name = stores.contributors.get(principal)?.display_name ?? stores.nodeProviders.get(principal)?.display_name;
  return name === undefined ? principal : `${quoted(name)} (${principal})`;
}

/** A caller-supplied name or reason inside a validator's markdown rendering, unable to forge anything. */
export const quoted = (text: string): string => `"${escapeMarkdown(text)}"`;

export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
