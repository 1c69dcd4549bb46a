import { describe, expect, it } from 'vitest';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { ROLES } from '../shared/testing/roles.ts';
import { contributorToCandid, eventToCandid, initFromCandid, roleToCandid } from './converters.ts';
import { registryTypes } from './interface.ts';
import { world } from './testing/world.ts';

const T = registryTypes(IDL);

/** Encoding through the real Candid types proves the converted values match the interface. */
const roundTrip = (type: IDL.Type, value: unknown): unknown => IDL.decode([type], IDL.encode([type], [value]))[0];

describe('convert', () => {
  it('contributors encode as the Candid Contributor, without internal fields', () => {
    const stores = world();
    const candid = contributorToCandid(stores.contributors.get(ROLES.contributor)!);
    expect(candid).not.toHaveProperty('key_binds');
    const decoded = roundTrip(T.Contributor, candid) as {
      worker_keys: Principal[];
      status: object;
      status_reason: unknown[];
    };
    expect(decoded.worker_keys.map((k) => k.toText())).toEqual([ROLES.worker]);
    expect(decoded.status).toEqual({ Active: null });
    expect(decoded.status_reason).toEqual([]);
  });

  it('events and roles encode through their Candid types', () => {
    const stores = world();
    const event = eventToCandid(stores.events.entries()[1]![1]);
    expect(roundTrip(T.Event, event)).toMatchObject({ kind: { ContributorAdmitted: null }, proposal_id: [7n] });
    const worker = roundTrip(
      T.Role,
      roleToCandid({ kind: 'Worker', contributor: ROLES.contributor, active: false }),
    ) as {
      Worker: { contributor: Principal; active: boolean };
    };
    expect([worker.Worker.contributor.toText(), worker.Worker.active]).toEqual([ROLES.contributor, false]);
    expect(roleToCandid({ kind: 'Contributor', status: 'Suspended' })).toEqual({ Contributor: { Suspended: null } });
  });

  it('init args become principal texts and an absent params', () => {
    const init = initFromCandid({
      governance: Principal.fromText(ROLES.governance),
      invitation: Principal.fromText(ROLES.invitationCanister),
      queue: Principal.fromText(ROLES.queueCanister),
      node_providers: [{ id: Principal.fromText(ROLES.nodeProvider), display_name: 'Nora' }],
      params: [],
    });
    expect(init).toEqual({
      governance: ROLES.governance,
      invitation: ROLES.invitationCanister,
      queue: ROLES.queueCanister,
      node_providers: [{ id: ROLES.nodeProvider, display_name: 'Nora' }],
      params: undefined,
    });
  });
});
