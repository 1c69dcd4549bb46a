/**
 * The HTTP gateway, as on mainnet's raw domain: `http://<canister id>.localhost:<port>/…` and
 * `http://127.0.0.1:<port>/…?canisterId=<id>` reach the canister's `http_request` query (HTTP gateway protocol),
 * and `http_request_update` as an update call when the query answers `upgrade = opt true`. Responses are passed
 * through unverified (the raw domain does not check response certification either).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';

import { copy } from '../candid.ts';
import type { LocalNet } from '../localnet.ts';
import type { CallResult } from '../reject.ts';

const HeaderField = IDL.Tuple(IDL.Text, IDL.Text);
const HttpRequest = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  certificate_version: IDL.Opt(IDL.Nat16),
});
const HttpUpdateRequest = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
});
/** Streaming is not followed: a canister that streams has its first chunk served. */
const HttpResponse = IDL.Record({
  status_code: IDL.Nat16,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  upgrade: IDL.Opt(IDL.Bool),
});

/** The largest request body the gateway forwards (the IC's ingress limit). */
const MAX_BODY_BYTES = 2 * 2 ** 20;

interface Response {
  status_code: number;
  headers: Array<[string, string]>;
  body: Uint8Array;
  upgrade: [] | [boolean];
}

/** The canister an HTTP request addresses through the gateway, or undefined when it is an API request. */
export function gatewayTarget(req: IncomingMessage, url: URL): Principal | undefined {
  if (url.pathname.startsWith('/api/')) return undefined;
  const host = (req.headers.host ?? '').split(':')[0]!.toLowerCase();
  const sub = /^([a-z0-9-]+)\.(?:raw\.)?localhost$/.exec(host)?.[1];
  const text = sub ?? url.searchParams.get('canisterId') ?? undefined;
  if (!text) return undefined;
  try {
    return Principal.fromText(text);
  } catch {
    return undefined;
  }
}

function fail(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(message);
}

/** Serves one request through the canister's http_request (and http_request_update when it asks to upgrade). */
export async function serveThroughGateway(
  net: LocalNet,
  canister: Principal,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return fail(res, 413, `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  url.searchParams.delete('canisterId');
  const request = {
    method: req.method ?? 'GET',
    url: url.pathname + url.search,
    headers: Object.entries(req.headers).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => [name, v] as [string, string]),
    ),
    body: new Uint8Array(Buffer.concat(chunks)),
  };
  const query = await net.query(
    canister,
    'http_request',
    new Uint8Array(IDL.encode([HttpRequest], [{ ...request, certificate_version: [2] }])),
  );
  let response = decode(query);
  if (typeof response === 'string') return fail(res, 502, response);
  if (response.upgrade[0] === true) {
    const update = await net.update(
      canister,
      'http_request_update',
      new Uint8Array(IDL.encode([HttpUpdateRequest], [request])),
    );
    response = decode(update);
    if (typeof response === 'string') return fail(res, 502, response);
  }
  const headers: Record<string, string[]> = {};
  for (const [name, value] of response.headers) (headers[name] ??= []).push(value);
  res.writeHead(response.status_code, headers).end(Buffer.from(response.body));
}

/** The decoded response, or why there is none (the text the gateway answers with a 502). */
function decode(r: CallResult): Response | string {
  if ('reject' in r) return `The canister rejected the HTTP request (code ${r.reject.code}): ${r.reject.message}`;
  try {
    return IDL.decode([HttpResponse], copy(r.reply))[0] as unknown as Response;
  } catch (error) {
    return `The canister's http_request reply does not decode: ${error instanceof Error ? error.message : String(error)}`;
  }
}
