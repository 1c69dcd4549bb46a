import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { serviceArgs } from '../../shared/domain/candid-shape.ts';
import { ingressRefusal } from '../../shared/domain/inspect.ts';
import { invitationTypes } from '../interface.ts';
import { nominateFlow } from './flows.ts';
import { invitationIngressRules } from './ingress.ts';
import { MAX_NODE_PROVIDERS } from './node-providers.ts';
import { MAX_HARDWARE_TEXT_BYTES, MAX_MODEL_NAME_BYTES } from './params.ts';
import { paramsCell } from './stores.ts';
import { candidate, nominateInput, OTHER_PROVIDER, ROLES, world } from './testing.ts';
import { testPrincipal } from '../../shared/testing/roles.ts';

const T = invitationTypes(IDL);
const SIGNATURES = serviceArgs(T.service);
const fields = T.service._fields as Array<[string, IDL.FuncClass]>;
const argOf = (method: string, values: unknown[]) =>
  new Uint8Array(IDL.encode(fields.find(([name]) => name === method)![1].argTypes, values));
const p = (text: string) => Principal.fromText(text);
const nominateArg = (input = nominateInput(candidate(1))) =>
  argOf('nominate', [{ ...input, candidate: p(input.candidate) }]);

describe('invitation inspect_message rules', () => {
  it('has a rule for every method of the interface (queries too: they can be sent as updates)', () => {
    expect(Object.keys(invitationIngressRules(world().stores)).sort()).toEqual(fields.map(([name]) => name).sort());
  });

  it('lets only the node providers the registry pushed nominate', () => {
    const w = world();
    const rules = invitationIngressRules(w.stores);
    const arg = nominateArg();
    for (const who of [ROLES.anonymous, ROLES.stranger, ROLES.contributor, ROLES.worker, ROLES.governance])
      expect(ingressRefusal(rules, SIGNATURES, 'nominate', who, arg)).toMatch(/only node providers/);
    expect(ingressRefusal(rules, SIGNATURES, 'nominate', ROLES.nodeProvider, arg)).toBeUndefined();
    expect(ingressRefusal(rules, SIGNATURES, 'nominate', OTHER_PROVIDER, arg)).toBeUndefined();
  });

  it('lets withdraw, link_proposal and reconcile in for node providers (also after admission) and open nominators', async () => {
    const w = world();
    const id = argOf('withdraw', [1n]);
    // The CLI links a proposal after it was adopted, when the nomination is no longer open.
    expect(
      ingressRefusal(invitationIngressRules(w.stores), SIGNATURES, 'withdraw', ROLES.nodeProvider, id),
    ).toBeUndefined();
    await nominateFlow(w, ROLES.nodeProvider, nominateInput(candidate(1)));
    const rules = invitationIngressRules(w.stores);
    expect(ingressRefusal(rules, SIGNATURES, 'reconcile', ROLES.nodeProvider, argOf('reconcile', []))).toBeUndefined();
    const link = argOf('link_proposal', [{ nomination_id: 1n, proposal_id: 1n }]);
    expect(ingressRefusal(rules, SIGNATURES, 'link_proposal', ROLES.stranger, link)).toMatch(/no node provider/);
    expect(ingressRefusal(rules, SIGNATURES, 'withdraw', ROLES.contributor, id)).toMatch(/no open nomination/);
  });

  it('admit and set_params only from governance, apply_node_providers only from the registry', () => {
    const rules = invitationIngressRules(world().stores);
    const admit = argOf('admit', [{ nomination_id: 1n }]);
    expect(ingressRefusal(rules, SIGNATURES, 'admit', ROLES.nodeProvider, admit)).toMatch(/only SNS governance/);
    expect(ingressRefusal(rules, SIGNATURES, 'admit', ROLES.governance, admit)).toBeUndefined();
    expect(ingressRefusal(rules, SIGNATURES, 'validate_admit', ROLES.anonymous, admit)).toMatch(/anonymous/);
    expect(ingressRefusal(rules, SIGNATURES, 'validate_admit', ROLES.stranger, admit)).toBeUndefined();
    const all = Array.from({ length: MAX_NODE_PROVIDERS }, (_, i) => p(testPrincipal(10_000 + i)));
    const set = argOf('apply_node_providers', [{ version: 1n, node_providers: all }]);
    expect(ingressRefusal(rules, SIGNATURES, 'apply_node_providers', ROLES.governance, set)).toMatch(
      /only the registry/,
    );
    expect(ingressRefusal(rules, SIGNATURES, 'apply_node_providers', ROLES.registryCanister, set)).toBeUndefined();
  });

  it('refuses a nominate argument larger than the current params allow, before looking at it', () => {
    const w = world();
    const params = paramsCell(w.stores).get();
    const rules = invitationIngressRules(w.stores);
    const biggest = nominateArg(
      nominateInput(candidate(1), {
        display_name: 'd'.repeat(params.max_display_name_bytes),
        motivation: 'm'.repeat(params.max_motivation_bytes),
        hardware: {
          gpu: 'g'.repeat(MAX_HARDWARE_TEXT_BYTES),
          region: 'r'.repeat(MAX_HARDWARE_TEXT_BYTES),
          vram_gib: 2 ** 32 - 1,
          ram_gib: 2 ** 32 - 1,
          cpu_cores: 2 ** 32 - 1,
        },
        models: Array.from({ length: params.max_models }, (_, i) => `${i}`.padEnd(MAX_MODEL_NAME_BYTES, 'x')),
      }),
    );
    expect(ingressRefusal(rules, SIGNATURES, 'nominate', ROLES.nodeProvider, biggest)).toBeUndefined();
    const over = nominateArg(nominateInput(candidate(1), { motivation: 'm'.repeat(params.max_motivation_bytes * 4) }));
    expect(ingressRefusal(rules, SIGNATURES, 'nominate', ROLES.nodeProvider, over)).toMatch(
      /argument of \d+ bytes; the limit is/,
    );
    expect(ingressRefusal(rules, SIGNATURES, 'get_params', ROLES.stranger, new Uint8Array(1_025))).toMatch(
      /limit is 1024/,
    );
  });
});
