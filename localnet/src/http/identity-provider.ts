/**
 * The dev identity provider localnet serves at /identity-provider (no Internet Identity canister can run here):
 *   GET  /identity-provider             the page AuthClient opens; speaks ICRC-29/ICRC-34 (AuthClient 7) and
 *                                       the legacy authorize-client messages (@dfinity/auth-client 3.x)
 *   POST /identity-provider/delegation  { persona, sessionPublicKey (base64 DER), maxTimeToLive?, targets? }
 *                                       → the ICRC-34 result: { publicKey, signerDelegation } in base64
 * The persona's key signs a delegation to the session key, which the HTTP interface verifies like any other.
 * Refused unless the request's Host is a loopback name: the keys are public knowledge (see the keys module).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { DelegationChain } from '@icp-sdk/core/identity';
import type { DerEncodedPublicKey, PublicKey } from '@icp-sdk/core/agent';
import { Principal } from '@icp-sdk/core/principal';

import { personaIdentity, PERSONA_NAME } from './identity-provider-keys.ts';
import { IDENTITY_PROVIDER_PAGE } from './identity-provider-page.ts';

export const IDENTITY_PROVIDER_PATH = '/identity-provider';
/** AuthClient's default session is 8 hours; never sign for longer than a day. */
const DEFAULT_TTL_NS = 8n * 3600n * 1_000_000_000n;
const MAX_TTL_NS = 24n * 3600n * 1_000_000_000n;
const MAX_TARGETS = 64;
const MAX_BODY = 16 * 1024;

export interface DelegationRequest {
  persona: string;
  sessionPublicKey: string;
  maxTimeToLive?: string;
  targets?: string[];
}

export interface Icrc34Delegation {
  publicKey: string;
  signerDelegation: Array<{
    delegation: { pubkey: string; expiration: string; targets?: string[] };
    signature: string;
  }>;
}

/** True for hosts that only this machine reaches: 127.0.0.1, localhost, *.localhost, [::1]. */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  const host = (hostHeader ?? '').replace(/:\d+$/, '').toLowerCase();
  return host === '127.0.0.1' || host === 'localhost' || host.endsWith('.localhost') || host === '[::1]';
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

class BadRequest extends Error {}

function parseRequest(body: unknown): { persona: string; session: Uint8Array; ttl: bigint; targets?: Principal[] } {
  const r = (body ?? {}) as Partial<DelegationRequest>;
  if (typeof r.persona !== 'string' || !PERSONA_NAME.test(r.persona))
    throw new BadRequest('persona: use 1-32 lower-case letters, digits or dashes');
  if (typeof r.sessionPublicKey !== 'string' || r.sessionPublicKey.length === 0 || r.sessionPublicKey.length > 512)
    throw new BadRequest('sessionPublicKey: the base64 DER session key is required');
  const session = new Uint8Array(Buffer.from(r.sessionPublicKey, 'base64'));
  let ttl = DEFAULT_TTL_NS;
  if (r.maxTimeToLive !== undefined) {
    if (typeof r.maxTimeToLive !== 'string' || !/^\d{1,30}$/.test(r.maxTimeToLive))
      throw new BadRequest('maxTimeToLive: nanoseconds as a decimal string');
    ttl = BigInt(r.maxTimeToLive);
    if (ttl > MAX_TTL_NS) ttl = MAX_TTL_NS;
  }
  let targets: Principal[] | undefined;
  if (r.targets !== undefined) {
    if (!Array.isArray(r.targets) || r.targets.length > MAX_TARGETS)
      throw new BadRequest(`targets: at most ${MAX_TARGETS} canister ids`);
    try {
      targets = r.targets.map((t) => Principal.fromText(String(t)));
    } catch {
      throw new BadRequest('targets: not a list of canister ids');
    }
  }
  return { persona: r.persona, session, ttl, targets };
}

/** Signs a delegation from the persona's key to the session key, in the ICRC-34 result shape. */
export async function personaDelegation(request: DelegationRequest, nowMs = Date.now()): Promise<Icrc34Delegation> {
  const { persona, session, ttl, targets } = parseRequest(request);
  const identity = personaIdentity(persona);
  const sessionKey: PublicKey = { toDer: () => session as DerEncodedPublicKey };
  const expiration = new Date(nowMs + Number(ttl / 1_000_000n));
  const chain = await DelegationChain.create(identity, sessionKey, expiration, targets ? { targets } : {});
  return {
    publicKey: b64(new Uint8Array(chain.publicKey)),
    signerDelegation: chain.delegations.map(({ delegation, signature }) => ({
      delegation: {
        pubkey: b64(new Uint8Array(delegation.pubkey)),
        expiration: delegation.expiration.toString(),
        ...(delegation.targets ? { targets: delegation.targets.map((t) => t.toText()) } : {}),
      },
      signature: b64(new Uint8Array(signature)),
    })),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BadRequest(`request body larger than ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('the body is not JSON');
  }
}

function reply(res: ServerResponse, status: number, type: string, body: string): void {
  res
    .writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      // The page is opened by other origins' apps but must never be framed (click-jacking a persona choice).
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "frame-ancestors 'none'",
    })
    .end(body);
}

/** Serves the identity provider's routes; false when the path is not one of them. */
export async function handleIdentityProvider(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  if (path !== IDENTITY_PROVIDER_PATH && !path.startsWith(`${IDENTITY_PROVIDER_PATH}/`)) return false;
  if (!isLoopbackHost(req.headers.host)) {
    reply(res, 403, 'text/plain; charset=utf-8', 'the dev identity provider serves local networks only');
    return true;
  }
  if (path === IDENTITY_PROVIDER_PATH && req.method === 'GET') {
    reply(res, 200, 'text/html; charset=utf-8', IDENTITY_PROVIDER_PAGE);
    return true;
  }
  if (path === `${IDENTITY_PROVIDER_PATH}/delegation` && req.method === 'POST') {
    try {
      const result = await personaDelegation((await readJson(req)) as DelegationRequest);
      reply(res, 200, 'application/json', JSON.stringify(result));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply(res, error instanceof BadRequest ? 400 : 500, 'application/json', JSON.stringify({ error: message }));
    }
    return true;
  }
  reply(res, 404, 'text/plain; charset=utf-8', `dev identity provider: no route ${req.method} ${path}`);
  return true;
}
