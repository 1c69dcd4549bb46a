import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import {
  Actor,
  AnonymousIdentity,
  CanisterStatus,
  Cbor,
  CertifiedRejectErrorCode,
  HttpAgent,
  HttpErrorCode,
  IC_REQUEST_DOMAIN_SEPARATOR,
  RejectError,
  SignIdentity,
  pollForResponse,
  requestIdOf,
  type PublicKey,
  type Signature,
} from '@icp-sdk/core/agent';
import { DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Secp256k1KeyIdentity } from '@icp-sdk/core/identity/secp256k1';
import { Principal } from '@icp-sdk/core/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { idlFactory as invitationIdl } from '../../../canisters/invitation/interface.ts';
import { idlFactory as queueIdl } from '../../../canisters/queue/interface.ts';
import { idlFactory as registryIdl } from '../../../canisters/registry/interface.ts';
import { idlFactory as snsGovernanceIdl } from '../../../canisters/sns_governance/interface.ts';
import { NetworkKeys } from '../../src/http/keys.ts';
import { tinyWasm } from '../fixture/tiny-wasm.ts';
import { agentFor, deployed, ensureBuilt, projectRoot, type Deployed } from './harness.ts';

/**
 * Unmodified @icp-sdk/core agents (default options: certificate and query-signature verification on)
 * against the HTTP interface with the project's canisters deployed.
 */
type AnyActor = Record<string, (...args: any[]) => Promise<any>>;
const submitArgs = {
  model: 'tiny-chat',
  messages: [{ role: { User: null }, content: 'hi', tool_calls: [] as [], tool_call_id: [] as [] }],
  max_tokens: 16,
  tools: [] as [],
  temperature: [] as [],
  seed: [],
};

/** Signs with garbage: the public key (hence the principal) is right, the signature is not. */
class BadSignatureIdentity extends SignIdentity {
  constructor(private readonly inner: Ed25519KeyIdentity) {
    super();
  }
  getPublicKey(): PublicKey {
    return this.inner.getPublicKey();
  }
  async sign(): Promise<Signature> {
    return new Uint8Array(64).fill(7) as Signature;
  }
}

async function expectHttpStatus(call: Promise<unknown>, status: number, text?: RegExp): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have been refused').toBeDefined();
  const code = (error as { cause?: { code?: unknown } }).cause?.code;
  expect(code).toBeInstanceOf(HttpErrorCode);
  expect((code as HttpErrorCode).status).toBe(status);
  if (text) expect((code as HttpErrorCode).bodyText).toMatch(text);
}

describe('IC HTTP interface with real agents', () => {
  let d: Deployed;
  let anonymous: HttpAgent;
  const actor = (name: string, agent: HttpAgent): AnyActor => {
    const factory = {
      registry: registryIdl,
      invitation: invitationIdl,
      queue: queueIdl,
      sns_governance: snsGovernanceIdl,
    }[name];
    return Actor.createActor(factory as never, { agent, canisterId: d.ids[name]! }) as AnyActor;
  };

  beforeAll(async () => {
    ensureBuilt();
    d = await deployed();
    anonymous = await agentFor(d.server);
  });
  afterAll(() => d?.close());

  it('serves the root key and answers queries and updates on every project canister', async () => {
    expect(anonymous.rootKey).toEqual(d.server.keys.rootKey);
    const agent = await agentFor(d.server, Ed25519KeyIdentity.generate());
    for (const name of ['registry', 'invitation', 'queue']) {
      expect(await actor(name, agent).get_params()).toBeTypeOf('object');
    }
    // A stranger's calls the methods would refuse: registry's and invitation's inspect_message drop them.
    await expect(actor('registry', agent).offer_worker_key(Principal.anonymous())).rejects.toThrow(/IC0406/);
    await expect(actor('invitation', agent).withdraw(424_242n)).rejects.toThrow(/IC0406/);
    expect(await actor('queue', agent).submit(submitArgs)).toHaveProperty('Ok');
    // SNS governance, deployed as the governance of the others, with the admit function registered.
    const { functions } = await actor('sns_governance', agent).list_nervous_system_functions();
    expect(functions.map((f: { id: bigint }) => f.id)).toContain(1000n);
    expect((await actor('registry', agent).get_config()).governance.toText()).toBe(d.ids.sns_governance!.toText());
  });

  it('two Ed25519 identities are two callers: each job records its own submitter', async () => {
    const [alice, bob] = [Ed25519KeyIdentity.generate(), Ed25519KeyIdentity.generate()];
    const [qa, qb] = [actor('queue', await agentFor(d.server, alice)), actor('queue', await agentFor(d.server, bob))];
    const ja = (await qa.submit(submitArgs)).Ok as bigint;
    const jb = (await qb.submit(submitArgs)).Ok as bigint;
    expect(((await qa.get_job(ja)).Ok.submitter as Principal).toText()).toBe(alice.getPrincipal().toText());
    expect(((await qb.get_job(jb)).Ok.submitter as Principal).toText()).toBe(bob.getPrincipal().toText());
  });

  it('a secp256k1 identity and a delegation to its target are accepted', async () => {
    const secp = Secp256k1KeyIdentity.generate();
    const asSecp = actor('queue', await agentFor(d.server, secp));
    const job = (await asSecp.submit(submitArgs)).Ok as bigint;
    expect(((await asSecp.get_job(job)).Ok.submitter as Principal).toText()).toBe(secp.getPrincipal().toText());

    const root = Ed25519KeyIdentity.generate();
    const session = Ed25519KeyIdentity.generate();
    const chain = await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() + 60_000), {
      targets: [d.ids.queue!],
    });
    const delegated = actor('queue', await agentFor(d.server, DelegationIdentity.fromDelegation(session, chain)));
    const j2 = (await delegated.submit(submitArgs)).Ok as bigint;
    expect(((await delegated.get_job(j2)).Ok.submitter as Principal).toText()).toBe(root.getPrincipal().toText());
  });

  // Refused requests use agents without retries (the default retries a 400 three times with backoff).
  const noRetry = (identity: SignIdentity) =>
    HttpAgent.create({ host: d.server.url, shouldFetchRootKey: true, identity, retryTimes: 0 });

  it('refuses a delegation for another target, a bad signature and an expired delegation with 400', async () => {
    const root = Ed25519KeyIdentity.generate();
    const session = Ed25519KeyIdentity.generate();
    const forQueue = await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() + 60_000), {
      targets: [d.ids.queue!],
    });
    const delegated = await noRetry(DelegationIdentity.fromDelegation(session, forQueue));
    await expectHttpStatus(
      actor('registry', delegated).offer_worker_key(Principal.anonymous()),
      400,
      /not one of the delegation's targets/,
    );
    await expectHttpStatus(actor('registry', delegated).get_params(), 400, /not one of the delegation's targets/);

    const bad = await noRetry(new BadSignatureIdentity(Ed25519KeyIdentity.generate()));
    await expectHttpStatus(actor('queue', bad).submit(submitArgs), 400, /invalid signature/);
    await expectHttpStatus(actor('queue', bad).get_params(), 400, /invalid signature/);

    const expired = await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() - 1_000));
    const late = await noRetry(DelegationIdentity.fromDelegation(session, expired));
    await expectHttpStatus(actor('queue', late).submit(submitArgs), 400, /expired/);
  });

  it('refuses an expired ingress_expiry with 400 and the text agents recognise', async () => {
    const identity = Ed25519KeyIdentity.generate();
    const content = {
      request_type: 'call',
      canister_id: d.ids.queue!.toUint8Array(),
      method_name: 'get_params',
      arg: new Uint8Array(IDL.encode([], [])),
      sender: identity.getPrincipal().toUint8Array(),
      ingress_expiry: BigInt(Date.now() - 10 * 60_000) * 1_000_000n,
    };
    const sig = await identity.sign(new Uint8Array([...IC_REQUEST_DOMAIN_SEPARATOR, ...requestIdOf(content)]));
    const body = Cbor.encode({ content, sender_pubkey: identity.getPublicKey().toDer(), sender_sig: sig });
    for (const version of ['v2', 'v3', 'v4']) {
      const res = await fetch(`${d.server.url}/api/${version}/canister/${d.ids.queue!.toText()}/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/cbor' },
        body,
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Invalid request expiry: ');
    }
  });

  it('a canister trap reaches the agent as a certified reject with code 5', async () => {
    // Our canisters' inspect_message drops a badly typed argument before the method runs, so the trap comes from a
    // module without one: tiny-wasm's method replies, then traps, which discards the reply.
    const trapping = await d.net.createCanister();
    await d.net.install(trapping, tinyWasm());
    const methods = ({ IDL: I }: { IDL: typeof IDL }) => I.Service({ reply_then_trap: I.Func([], [], []) });
    const stranger = await agentFor(d.server, Ed25519KeyIdentity.generate());
    const canister = Actor.createActor(methods as never, { agent: stranger, canisterId: trapping }) as AnyActor;
    const error = await canister.reply_then_trap().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RejectError);
    const code = (error as RejectError).cause.code as CertifiedRejectErrorCode;
    expect(code).toBeInstanceOf(CertifiedRejectErrorCode);
    expect(code.rejectCode).toBe(5);
    expect(code.rejectErrorCode).toMatch(/^IC050[23]$/);
  });

  it('an empty canister and a missing query method reject with the replica codes', async () => {
    const empty = await d.net.createCanister();
    const onEmpty = Actor.createActor(queueIdl as never, { agent: anonymous, canisterId: empty }) as AnyActor;
    const updateError = (await onEmpty.submit(submitArgs).catch((e: unknown) => e)) as RejectError;
    expect(updateError).toBeInstanceOf(RejectError);
    expect(updateError.cause.code).toMatchObject({ rejectCode: 5, rejectErrorCode: 'IC0537' });
    const queryError = (await anonymous
      .query(d.ids.queue!, { methodName: 'no_such_method', arg: new Uint8Array(IDL.encode([], [])) })
      .catch((e: unknown) => e)) as object;
    const result =
      queryError instanceof Error
        ? queryError
        : (queryError as { status: string; reject_code: number; error_code: string });
    expect(result).toMatchObject({ status: 'rejected', reject_code: 5, error_code: 'IC0536' });
  });

  it('the v2 call with read_state polling, and read_state of module hash, controllers and time', async () => {
    const queue = d.ids.queue!;
    const agent = await agentFor(d.server, Ed25519KeyIdentity.generate());
    const arg = new Uint8Array(IDL.encode([IDL.Nat64], [1n]));
    const { requestId, response } = await agent.call(queue, {
      methodName: 'cancel',
      arg,
      effectiveCanisterId: queue,
      callSync: false,
    });
    expect(response.status).toBe(202);
    const polled = await pollForResponse(agent, queue, requestId);
    expect(polled.reply).toBeInstanceOf(Uint8Array);

    const status = await CanisterStatus.request({
      canisterId: queue,
      agent,
      paths: ['time', 'controllers', 'module_hash', 'subnet'],
    });
    const wasm = readFileSync(join(projectRoot, '.azle/queue/queue.wasm'));
    expect(status.get('module_hash')).toBe(createHash('sha256').update(wasm).digest('hex'));
    // The deployer, and the SNS (its governance acting as root) as after an SNS launch.
    expect((status.get('controllers') as Principal[]).map((p) => p.toText()).sort()).toEqual(
      [new AnonymousIdentity().getPrincipal().toText(), d.ids.sns_governance!.toText()].sort(),
    );
    expect(Math.abs((status.get('time') as Date).getTime() - Date.now())).toBeLessThan(60_000);
    expect(status.get('subnet')).toMatchObject({ subnetId: d.server.keys.subnetId.toText() });

    // Someone else's request status is not theirs to read.
    const other = await noRetry(Ed25519KeyIdentity.generate());
    await expectHttpStatus(
      other.readState(queue, { paths: [[new TextEncoder().encode('request_status'), requestId]] }),
      403,
    );
  });

  it('verification is real: an agent holding another network root key refuses the answers', async () => {
    const wrong = HttpAgent.createSync({ host: d.server.url, rootKey: NetworkKeys.generate().rootKey, retryTimes: 0 });
    await expect(actor('queue', wrong).get_params()).rejects.toThrow();
    await expect(actor('queue', wrong).submit(submitArgs)).rejects.toThrow();
  });
});
