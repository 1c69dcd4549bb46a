/**
 * The IC HTTP interface on 127.0.0.1 for a LocalNet, so that unmodified agents talk to it:
 *   GET  /api/v2/status                                  CBOR, with the root key
 *   POST /api/v2|v3/canister/<ecid>/query                signed by the node key
 *   POST /api/v2/canister/<ecid>/call                    202, then poll read_state
 *   POST /api/v3|v4/canister/<ecid>/call                 synchronous, certified (202 past syncCallTimeoutMs)
 *   POST /api/v2|v3/canister/<ecid>/read_state           request status, time, module hash, controllers, subnet
 *   POST /api/v2|v3/subnet/<subnet_id>/read_state        subnet public key, node keys, canister ranges, time
 *   GET  /identity-provider                              the dev identity provider (identity-provider.ts)
 * One subnet whose key is the root key (no delegation), so certificates verify against fetchRootKey().
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Cbor, IC_RESPONSE_DOMAIN_SEPARATOR, requestIdOf } from '@icp-sdk/core/agent';
import { lebEncode } from '@icp-sdk/core/candid';
import { Principal } from '@icp-sdk/core/principal';

import type { LocalNet } from '../localnet.ts';
import type { CallResult, Reject } from '../reject.ts';
import { authenticate, checkTarget, RequestError, type Authenticated, type Envelope } from './auth.ts';
import { gatewayTarget, serveThroughGateway } from './gateway.ts';
import { handleIdentityProvider } from './identity-provider.ts';
import { NetworkKeys } from './keys.ts';
import { Rounds } from './rounds.ts';
import { branch, label, LabeledSet, leaf, witness, type Node } from './state-tree.ts';

export interface HttpServerOptions {
  /** Port on 127.0.0.1; 0 picks a free one. Default 4943 (dfx's). */
  port?: number;
  host?: string;
  /** The network's signing keys (default: fresh ones). */
  keys?: NetworkKeys;
  /** Keep the network's time on the wall clock and fire timers as it passes (default true). */
  realTime?: boolean;
  /** How often real time advances the network (default 200 ms). */
  tickMs?: number;
  /** A synchronous call still running after this long answers 202 and the agent polls (default 10 s). */
  syncCallTimeoutMs?: number;
  /** Largest request body accepted (default 12 MiB). */
  maxBodyBytes?: number;
  /** A round waits this long at most for its calls to execute; slower ones are certified later (default 1 s). */
  roundMaxWaitMs?: number;
}

type RequestStatus =
  { status: 'processing' } | { status: 'replied'; reply: Uint8Array } | { status: 'rejected'; reject: Reject };

/** What a request's status needs besides its result, kept with the call in a saved network. */
interface ResumableRequest {
  id: string;
  sender: string;
  canister: string;
  effective: string;
  /** ingress_expiry in ns, as a decimal string (JSON). */
  expiry: string;
}

interface Tracked {
  sender: string;
  /** The canister the call went to (a delegation that reads its status must allow it) … */
  canister: string;
  /** … and the effective canister id of its URL, the only one its status is read through. */
  effective: string;
  expiry: bigint;
  state: RequestStatus;
  /** In a round (executing or executed): only then is its status part of the state tree. */
  inducted: boolean;
  /** Settles once inspect_message decided: the refusal, or undefined when the call was accepted. */
  admitted: Promise<Reject | undefined>;
  /** Resolves once a round certified the call's final status. */
  certified: Promise<void>;
  markCertified: () => void;
}

/** One round's certified state tree and its signature. */
interface CertifiedState {
  root: Node;
  signature: Uint8Array;
  time: bigint;
  /** `net.changes` when it was certified. */
  changes: number;
}

/** In real time, read_state answers from the last certified state while nothing changed for this long. */
const FRESH_NS = 1_000_000_000n;

/** The IC's limit on an ingress message (max_ingress_bytes_per_message of application subnets). */
export const MAX_INGRESS_BYTES = 2 * 2 ** 20;

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** The whole canister id space of our single subnet. */
const RANGE_START = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
const RANGE_END = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 1]);

export class LocalNetHttpServer {
  private readonly requests = new Map<string, Tracked>();
  private ticker: NodeJS.Timeout | undefined;
  private ticking = false;
  private readonly sockets = new Set<import('node:net').Socket>();
  /** The certified request statuses, and the request ids whose status changed since the last round. */
  private readonly statuses = new LabeledSet();
  private readonly changed = new Set<string>();
  private readonly rounds: Rounds<CertifiedState>;
  private readonly subnetNodes: { subnet: Node; canisterRanges: Node };

  private constructor(
    readonly net: LocalNet,
    readonly keys: NetworkKeys,
    private readonly server: Server,
    private readonly options: Required<Omit<HttpServerOptions, 'keys' | 'port' | 'host'>>,
  ) {
    this.rounds = new Rounds(() => this.certifyRound(), options.roundMaxWaitMs);
    const ranges = leaf(Cbor.encode([[RANGE_START, RANGE_END]]));
    const subnet = label(keys.subnetId.toUint8Array());
    this.subnetNodes = {
      subnet: branch({
        [subnet]: branch({
          public_key: leaf(keys.rootKey),
          canister_ranges: ranges,
          node: branch({ [label(keys.nodeId.toUint8Array())]: branch({ public_key: leaf(keys.nodeKey) }) }),
        }),
      }),
      canisterRanges: branch({ [subnet]: branch({ [label(RANGE_START)]: ranges }) }),
    };
  }

  /** How many certificates were signed so far (one per round): the bench prints it per call. */
  get certifications(): number {
    return this.rounds.certifications;
  }

  /** Starts listening; rejects with a one-line message when the port is taken. */
  static async start(net: LocalNet, opts: HttpServerOptions = {}): Promise<LocalNetHttpServer> {
    const options = {
      realTime: opts.realTime ?? true,
      tickMs: opts.tickMs ?? 200,
      syncCallTimeoutMs: opts.syncCallTimeoutMs ?? 10_000,
      maxBodyBytes: opts.maxBodyBytes ?? 12 * 2 ** 20,
      roundMaxWaitMs: opts.roundMaxWaitMs ?? 1_000,
    };
    const server = createServer();
    const self = new LocalNetHttpServer(net, opts.keys ?? NetworkKeys.generate(), server, options);
    self.resume();
    server.on('request', (req, res) => void self.handle(req, res));
    server.on('connection', (s) => {
      self.sockets.add(s);
      s.on('close', () => self.sockets.delete(s));
    });
    const port = opts.port ?? 4943;
    const host = opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          new Error(
            e.code === 'EADDRINUSE'
              ? `port ${port} on ${host} is already in use (another localnet or dfx?); pick another with --port`
              : `cannot listen on ${host}:${port}: ${e.message}`,
          ),
        ),
      );
      server.listen(port, host, () => resolve());
    });
    if (options.realTime) {
      // Not awaited: a network resumed after a pause runs its overdue timers first (seconds of catch-up after a
      // night), and a client can connect meanwhile; its calls wait in the scheduler behind the catch-up, as behind
      // any round. The time is moved before any request can arrive (the first thing the tick's operation does).
      self.tick();
      self.ticker = setInterval(() => self.tick(), options.tickMs);
      self.ticker.unref();
    }
    return self;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    clearInterval(this.ticker);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  /** Network time in ns; in real-time mode never behind the wall clock. */
  private now(): bigint {
    const wall = BigInt(Date.now()) * 1_000_000n;
    return this.options.realTime && wall > this.net.time ? wall : this.net.time;
  }

  private tick(): void {
    if (this.ticking) return;
    this.ticking = true;
    this.net
      .advanceTimeTo(Date.now())
      .catch(() => undefined)
      .finally(() => (this.ticking = false));
    const now = this.now();
    for (const [id, r] of this.requests)
      if (r.expiry + 60_000_000_000n < now && r.state.status !== 'processing') {
        this.requests.delete(id);
        this.changed.add(id);
      }
  }

  // ---------------------------------------------------------------- routing

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
    try {
      if (req.method === 'OPTIONS') return send(res, 204);
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (await handleIdentityProvider(req, res, url.pathname)) return;
      const gateway = gatewayTarget(req, url);
      if (gateway) return await serveThroughGateway(this.net, gateway, req, res, url);
      if (url.pathname === '/api/v2/status') {
        if (req.method !== 'GET') return send(res, 405, 'use GET');
        return sendCbor(res, 200, {
          ic_api_version: '0.18.0',
          impl_version: 'gatehouse-localnet',
          root_key: this.keys.rootKey,
          replica_health_status: 'healthy',
        });
      }
      const m = /^\/api\/(v[234])\/(canister|subnet)\/([^/]+)\/(query|call|read_state)$/.exec(url.pathname);
      if (!m) return send(res, 404, `localnet: no such endpoint ${url.pathname}`);
      const [, version, kind, idText, endpoint] = m as unknown as [string, string, string, string, string];
      const known =
        kind === 'subnet' ? endpoint === 'read_state' && version !== 'v4' : endpoint === 'call' || version !== 'v4';
      if (!known) return send(res, 404, `localnet: no such endpoint ${url.pathname}`);
      if (req.method !== 'POST') return send(res, 405, 'use POST');
      let effective: Principal;
      try {
        effective = Principal.fromText(idText);
      } catch {
        throw new RequestError(400, `invalid ${kind} id in the URL: ${idText}`);
      }
      const envelope = await this.readEnvelope(req);
      if (kind === 'subnet') return await this.readState(res, envelope, { subnet: effective });
      if (endpoint === 'query') return await this.query(res, envelope, effective);
      if (endpoint === 'read_state') return await this.readState(res, envelope, { canister: effective });
      return await this.call(res, envelope, effective, version === 'v2' ? 'async' : 'sync');
    } catch (error) {
      if (error instanceof RequestError) return send(res, error.status, error.message);
      return send(res, 500, `localnet: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async readEnvelope(req: IncomingMessage): Promise<Envelope> {
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.startsWith('application/cbor'))
      throw new RequestError(400, `expected Content-Type application/cbor, got "${contentType}"`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > this.options.maxBodyBytes)
        throw new RequestError(413, `request body larger than ${this.options.maxBodyBytes} bytes`);
      chunks.push(chunk as Buffer);
    }
    let envelope: unknown;
    try {
      envelope = Cbor.decode(new Uint8Array(Buffer.concat(chunks)));
    } catch (error) {
      throw new RequestError(400, `malformed CBOR request: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!envelope || typeof envelope !== 'object' || !('content' in envelope))
      throw new RequestError(400, 'malformed request: no content');
    return envelope as Envelope;
  }

  // ---------------------------------------------------------------- endpoints

  private canisterCall(
    envelope: Envelope,
    effective: Principal,
    requestType: string,
  ): { auth: Authenticated; canister: Principal; method: string; arg: Uint8Array } {
    const c = envelope.content;
    if (c?.request_type !== requestType)
      throw new RequestError(400, `malformed request: request_type must be "${requestType}"`);
    if (!(c.canister_id instanceof Uint8Array) || typeof c.method_name !== 'string' || !(c.arg instanceof Uint8Array)) {
      throw new RequestError(400, 'malformed request: canister_id, method_name and arg are required');
    }
    const auth = authenticate(envelope, this.now());
    const canister = Principal.fromUint8Array(c.canister_id);
    if (canister.toText() !== 'aaaaa-aa' && canister.toText() !== effective.toText()) {
      throw new RequestError(
        400,
        `Specified CanisterId ${canister.toText()} does not match effective canister id in URL ${effective.toText()}`,
      );
    }
    checkTarget(auth, canister);
    return { auth, canister, method: c.method_name, arg: c.arg };
  }

  private async query(res: ServerResponse, envelope: Envelope, effective: Principal): Promise<void> {
    const { auth, canister, method, arg } = this.canisterCall(envelope, effective, 'query');
    const result = await this.net.query(canister, method, arg, { caller: auth.sender });
    const timestamp = this.now();
    const body: Record<string, unknown> =
      'reply' in result
        ? { status: 'replied', reply: { arg: result.reply } }
        : { status: 'rejected', ...rejectFields(result.reject) };
    const hash = requestIdOf({ ...body, timestamp, request_id: auth.requestId });
    const signature = this.keys.signAsNode(new Uint8Array([...IC_RESPONSE_DOMAIN_SEPARATOR, ...hash]));
    sendCbor(res, 200, { ...body, signatures: [{ timestamp, signature, identity: this.keys.nodeId.toUint8Array() }] });
  }

  private async call(
    res: ServerResponse,
    envelope: Envelope,
    effective: Principal,
    mode: 'sync' | 'async',
  ): Promise<void> {
    const { auth, canister, method, arg } = this.canisterCall(envelope, effective, 'call');
    const size = arg.length + method.length;
    if (size > MAX_INGRESS_BYTES) {
      throw new RequestError(
        413,
        `Request 0x${hex(auth.requestId)} is too large. Message byte size ${size} is larger than the max allowed ${MAX_INGRESS_BYTES}.`,
      );
    }
    const key = hex(auth.requestId);
    // At most once per request id: the entry is in the map before anything awaits, so an identical request
    // arriving meanwhile joins this one instead of executing again.
    let tracked = this.requests.get(key);
    if (!tracked) tracked = this.track(key, auth, canister, method, arg, effective, envelope);
    const refused = await tracked.admitted;
    if (refused) return sendCbor(res, 200, { status: 'non_replicated_rejection', ...rejectFields(refused) });
    if (mode === 'async') return send(res, 202);
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      tracked.certified.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.options.syncCallTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (!finished) return send(res, 202);
    const certificate = this.certificate(this.rounds.latest!, [[utf8('request_status'), auth.requestId]]);
    sendCbor(res, 200, { status: 'replied', certificate });
  }

  /**
   * Tracks a new call and inducts it into the next round. The entry is in the map before anything awaits, so an
   * identical request arriving meanwhile joins this one instead of executing again (at most once per request id).
   */
  private track(
    key: string,
    auth: Authenticated,
    canister: Principal,
    method: string,
    arg: Uint8Array,
    effective: Principal,
    envelope: Envelope,
  ): Tracked {
    const admitted = deferred<Reject | undefined>();
    const fields: ResumableRequest = {
      id: key,
      sender: auth.sender.toText(),
      canister: canister.toText(),
      effective: effective.toText(),
      expiry: String(envelope.content.ingress_expiry as bigint),
    };
    const entry = this.entry(fields, admitted.promise);
    this.rounds.induct(() => {
      entry.inducted = true;
      this.changed.add(key);
      // The request's fields name the call in a saved network: a restart still answers its status (resume).
      const submitted = this.net.ingress(canister, method, arg, { caller: auth.sender, key: JSON.stringify(fields) });
      submitted.then((s) => admitted.resolve('refused' in s ? s.refused : undefined), admitted.reject);
      void this.settle(
        key,
        entry,
        submitted.then((s) => ('refused' in s ? { reject: s.refused } : s.result)),
      );
      // The round is over once the message has executed, answered or not: as on the IC, a call still awaiting
      // other canisters is certified `processing` and its answer by the round that produces it, so a held call
      // never keeps the calls arriving meanwhile out of their rounds. An answer the round produced is recorded
      // a few promise steps later: one turn of the event loop lets it in before the round is certified.
      const executed = submitted.then((s) => ('refused' in s ? undefined : s.executed));
      return executed.then(() => new Promise((resolve) => setImmediate(resolve)));
    });
    // A refused message leaves no status behind (the replica never inducted it): a retry is inspected again.
    entry.admitted.then(
      (refused) => {
        if (!refused) return;
        this.requests.delete(key);
        this.changed.add(key);
      },
      () => undefined,
    );
    return entry;
  }

  /** A request's entry, in the map from now on, processing until `settle` gives it its result. */
  private entry(r: ResumableRequest, admitted: Promise<Reject | undefined>): Tracked {
    const certified = deferred<void>();
    const entry: Tracked = {
      sender: r.sender,
      canister: r.canister,
      effective: r.effective,
      expiry: BigInt(r.expiry),
      state: { status: 'processing' },
      inducted: false,
      admitted,
      certified: certified.promise,
      markCertified: certified.resolve,
    };
    this.requests.set(r.id, entry);
    return entry;
  }

  private settle(key: string, entry: Tracked, result: Promise<CallResult>): Promise<void> {
    const to = (state: RequestStatus) => {
      entry.state = state;
      this.changed.add(key);
    };
    return result
      .then(
        (r) => to('reply' in r ? { status: 'replied', reply: r.reply } : { status: 'rejected', reject: r.reject }),
        (e: unknown) =>
          to({
            status: 'rejected',
            reject: { code: 6, message: `localnet: ${e instanceof Error ? e.message : String(e)}` },
          }),
      )
      .finally(() => this.rounds.changed());
  }

  /** Requests still processing when the network was saved: their status is read as before the restart. */
  private resume(): void {
    for (const [saved, result] of this.net.resumedIngress()) {
      const r = JSON.parse(saved) as ResumableRequest;
      const entry = this.entry(r, Promise.resolve(undefined));
      entry.inducted = true;
      this.changed.add(r.id);
      void this.settle(r.id, entry, result);
    }
  }

  private async readState(
    res: ServerResponse,
    envelope: Envelope,
    on: { canister: Principal } | { subnet: Principal },
  ): Promise<void> {
    const c = envelope.content;
    if (c?.request_type !== 'read_state')
      throw new RequestError(400, 'malformed request: request_type must be "read_state"');
    if (!Array.isArray(c.paths) || !c.paths.every((p) => Array.isArray(p) && p.every((l) => l instanceof Uint8Array))) {
      throw new RequestError(400, 'malformed request: paths must be a list of lists of blobs');
    }
    const auth = authenticate(envelope, this.now());
    const paths = c.paths as Uint8Array[][];
    if ('subnet' in on && on.subnet.toText() !== this.keys.subnetId.toText()) {
      throw new RequestError(
        404,
        `subnet ${on.subnet.toText()} is not part of this network (it has one subnet, ${this.keys.subnetId.toText()})`,
      );
    }
    for (const path of paths) {
      const head = path[0] ? Buffer.from(path[0]).toString('latin1') : '';
      if (head === 'request_status' && path[1]) {
        if ('subnet' in on) throw new RequestError(404, 'request_status cannot be read from a subnet');
        const tracked = this.requests.get(hex(path[1]));
        if (tracked && tracked.sender !== auth.sender.toText())
          throw new RequestError(403, 'the request status of another sender cannot be read');
        if (tracked && tracked.effective !== on.canister.toText()) {
          throw new RequestError(
            400,
            `Effective canister id in URL ${on.canister.toText()} does not match requested request ID canister id ${tracked.effective}.`,
          );
        }
        if (tracked && auth.targets && !auth.targets.has(tracked.canister)) {
          throw new RequestError(
            403,
            'Request IDs must be for requests to canisters belonging to sender delegation targets.',
          );
        }
      } else if (head === 'canister' && path[1]) {
        if ('subnet' in on) throw new RequestError(404, 'canister paths cannot be read from a subnet');
        const id = Principal.fromUint8Array(path[1]);
        if (id.toText() !== on.canister.toText())
          throw new RequestError(
            400,
            `canister ${id.toText()} is not the effective canister id ${on.canister.toText()}`,
          );
        checkTarget(auth, id);
        if (path[2] && Buffer.from(path[2]).toString('latin1') === 'metadata' && path[3]) {
          const name = Buffer.from(path[3]).toString('utf8');
          const state = this.net.certifiedState(id);
          const section = state?.metadata.get(name);
          if (section && !section.isPublic && !state!.controllers.some((p) => p.toText() === auth.sender.toText()))
            throw new RequestError(
              403,
              `Custom section ${name} of canister ${id.toText()} is private: only its controllers may read it`,
            );
        }
      } else if (!['time', 'subnet', 'canister_ranges', 'request_status', 'canister'].includes(head)) {
        throw new RequestError(404, `localnet cannot read the state path /${head}`);
      }
    }
    sendCbor(res, 200, { certificate: this.certificate(this.fresh() ?? (await this.rounds.next()), paths) });
  }

  // ---------------------------------------------------------------- certification

  /** A certificate of a round's state, its tree pruned to `paths` (and the time). */
  private certificate(certified: CertifiedState, paths: Uint8Array[][]): Uint8Array {
    return Cbor.encode({ tree: witness(certified.root, [[utf8('time')], ...paths]), signature: certified.signature });
  }

  /**
   * The last certified state while it is still the network's state, as the replica answers read_state from its
   * last certified height; undefined when something changed since (or time moved on), so a round certifies anew.
   */
  private fresh(): CertifiedState | undefined {
    const c = this.rounds.latest;
    if (!c || this.changed.size > 0 || c.changes !== this.net.changes) return undefined;
    const age = this.now() - c.time;
    return (this.options.realTime ? age < FRESH_NS : age === 0n) ? c : undefined;
  }

  /** The end of a round: the whole state tree (unchanged subtrees reused), signed once. */
  private certifyRound(): CertifiedState {
    for (const key of this.changed) {
      const tracked = this.requests.get(key);
      const id = label(Buffer.from(key, 'hex'));
      if (!tracked?.inducted) {
        this.statuses.delete(id);
        continue;
      }
      this.statuses.set(id, statusNode(tracked.state));
      if (tracked.state.status !== 'processing') tracked.markCertified();
    }
    this.changed.clear();
    const canisters: Record<string, Node> = {};
    for (const id of this.net.canisterIds()) {
      const c = this.net.certifiedState(id);
      if (!c) continue;
      canisters[label(id.toUint8Array())] = branch({
        module_hash: c.moduleHash && leaf(c.moduleHash),
        controllers: leaf(Cbor.encode(c.controllers.map((p) => p.toUint8Array()))),
        certified_data: leaf(c.certifiedData),
        metadata:
          c.metadata.size > 0
            ? branch(Object.fromEntries([...c.metadata].map(([name, s]) => [label(utf8(name)), leaf(s.content)])))
            : undefined,
      });
    }
    const time = this.now();
    const root = branch({
      time: leaf(lebEncode(time)),
      request_status: this.statuses.node(),
      canister: branch(canisters),
      subnet: this.subnetNodes.subnet,
      canister_ranges: this.subnetNodes.canisterRanges,
    });
    return { root, signature: this.keys.signRootHash(root.hash), time, changes: this.net.changes };
  }
}

function statusNode(s: RequestStatus): Node {
  if (s.status === 'replied') return branch({ status: leaf(utf8('replied')), reply: leaf(s.reply) });
  if (s.status === 'processing') return branch({ status: leaf(utf8('processing')) });
  return branch({
    status: leaf(utf8('rejected')),
    reject_code: leaf(lebEncode(s.reject.code)),
    reject_message: leaf(utf8(s.reject.message)),
    error_code: leaf(utf8(s.reject.errorCode ?? 'IC0500')),
  });
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function rejectFields(r: Reject): { reject_code: number; reject_message: string; error_code: string } {
  return { reject_code: r.code, reject_message: r.message, error_code: r.errorCode ?? 'IC0500' };
}

function send(res: ServerResponse, status: number, text?: string): void {
  if (text === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

function sendCbor(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/cbor' }).end(Cbor.encode(value));
}
