/**
 * Login with @icp-sdk/auth's AuthClient, unchanged: Internet Identity on mainnet, localnet's dev identity
 * provider on a local network (both speak ICRC-29/ICRC-34). signIn must run inside a click handler (it opens
 * a window).
 */
import { AuthClient } from '@icp-sdk/auth/client';
import type { Identity } from '@icp-sdk/core/agent';

import type { AppConfig } from '../config.ts';

const SESSION_NS = 8n * 3600n * 1_000_000_000n;
let client: AuthClient | undefined;

function authClient(config: AppConfig): AuthClient {
  client ??= new AuthClient({
    identityProvider: config.network === 'local' ? config.identityProvider : undefined,
    idleOptions: { disableIdle: true },
  });
  return client;
}

/** The identity of a session still valid from an earlier visit, else undefined. */
export async function restoreSession(config: AppConfig): Promise<Identity | undefined> {
  const c = authClient(config);
  return c.isAuthenticated() ? c.getIdentity() : undefined;
}

export async function signIn(config: AppConfig): Promise<Identity> {
  return authClient(config).signIn({ maxTimeToLive: SESSION_NS });
}

export async function signOut(config: AppConfig): Promise<void> {
  await authClient(config).signOut();
}
