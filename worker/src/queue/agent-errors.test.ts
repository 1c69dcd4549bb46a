import {
  HttpErrorCode,
  HttpFetchErrorCode,
  ProtocolError,
  RejectError,
  TransportError,
  UnexpectedErrorCode,
} from '@icp-sdk/core/agent';
import { GatehouseCanisterError } from '@gatehouse/clients';
import { describe, expect, it } from 'vitest';
import { fromAgentError } from './agent-errors.ts';

describe('fromAgentError', () => {
  it('treats unreachable hosts, 5xx/429 and fetch failures as transient network errors', () => {
    const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4943') });
    expect(fromAgentError(TransportError.fromCode(new HttpFetchErrorCode(refused)))).toMatchObject({
      kind: 'network',
      message: 'fetch failed: connect ECONNREFUSED 127.0.0.1:4943',
    });
    expect(fromAgentError(ProtocolError.fromCode(new HttpErrorCode(503, 'Service Unavailable', [])))).toMatchObject({
      kind: 'network',
      transient: true,
    });
    expect(fromAgentError(refused)).toMatchObject({ kind: 'network' });
  });

  it('treats rejects and other protocol errors as final', () => {
    expect(fromAgentError(RejectError.fromCode(new UnexpectedErrorCode('canister trapped')))).toMatchObject({
      kind: 'rejected',
      transient: false,
    });
    expect(fromAgentError(ProtocolError.fromCode(new HttpErrorCode(400, 'Bad Request', [])))).toMatchObject({
      kind: 'rejected',
    });
  });

  it("keeps the canister's typed error variant", () => {
    const refused = (kind: GatehouseCanisterError['kind'], text: string) =>
      fromAgentError(new GatehouseCanisterError(kind, text, 'queue.complete'));
    expect(refused('Conflict', 'the lease on job 3 has expired')).toMatchObject({
      kind: 'conflict',
      leaseLost: true,
      transient: false,
    });
    expect(refused('Unavailable', 'busy')).toMatchObject({ kind: 'unavailable', transient: true });
    expect(refused('Unauthorized', 'caller is not an active worker key')).toMatchObject({
      kind: 'unauthorized',
      leaseLost: false,
    });
  });
});
