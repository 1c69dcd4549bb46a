/**
 * Routing in the URL hash (#/proposals/12): works from any static host, the assets canister included, with
 * no rewrite rules. A route is the path's segments.
 */
import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const snapshot = () => window.location.hash;

export function parseRoute(hash: string): { segments: string[]; query: URLSearchParams } {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

export function useRoute(): { segments: string[]; query: URLSearchParams } {
  return parseRoute(useSyncExternalStore(subscribe, snapshot, () => ''));
}

export const href = (...segments: Array<string | bigint>) =>
  `#/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`;

export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/, '');
}
