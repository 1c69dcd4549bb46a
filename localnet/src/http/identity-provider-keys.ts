/**
 * The dev identity provider's personas: a persona name maps to a stable Ed25519 key, so "alice" is the same
 * principal on every local network and after every restart (npm start sizes the local SNS neurons for them).
 * Local-only by construction: anyone who knows a name holds its key.
 */
import { createHash } from 'node:crypto';

import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';

/** Lower-case letters, digits and dashes, 1–32 characters, so a name is safe in a URL and a log line. */
export const PERSONA_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function personaIdentity(name: string): Ed25519KeyIdentity {
  if (!PERSONA_NAME.test(name))
    throw new Error(`persona name "${name}": use 1-32 lower-case letters, digits or dashes`);
  return Ed25519KeyIdentity.generate(
    new Uint8Array(createHash('sha256').update(`gatehouse dev identity provider persona ${name}`).digest()),
  );
}

/** The personas npm start gives roles to (the page offers them; any other valid name works too). */
export const DEV_PERSONAS = [
  { name: 'nora', role: 'node provider, 10 % of voting power' },
  { name: 'alice', role: 'token holder, 35 %' },
  { name: 'bob', role: 'token holder, 30 %' },
  { name: 'carol', role: 'token holder, 25 %' },
  { name: 'dora', role: 'demo contributor (admitted, runs the demo worker)' },
] as const;
