import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import fc from 'fast-check';

import { invitationTypes } from '../../invitation/interface.ts';
import { llmTypes } from '../../llm/interface.ts';
import { queueTypes } from '../../queue/interface.ts';
import { registryTypes } from '../../registry/interface.ts';
import { officialService } from '../../sns_governance/interface.ts';

/** Values of `type`, small and varied (every variant case, empty and full opts and vectors, any text). */
export function valueOf(type: IDL.Type, depth = 0): fc.Arbitrary<unknown> {
  const inner = (t: IDL.Type) => valueOf(t, depth + 1);
  const max = depth > 4 ? 0 : 3;
  if (type instanceof IDL.RecClass) return fc.constant(null).chain(() => valueOf(type.getType()!, depth));
  if (type instanceof IDL.TupleClass) return fc.tuple(...type._fields.map(([, t]) => inner(t)));
  if (type instanceof IDL.RecordClass) {
    // fast-check's records have no prototype; replies are plain objects (the encoder calls hasOwnProperty).
    return fc.record(Object.fromEntries(type._fields.map(([k, t]) => [k, inner(t)]))).map((r) => ({ ...r }));
  }
  if (type instanceof IDL.VariantClass)
    return fc.oneof(...type._fields.map(([k, t]) => inner(t).map((v) => ({ [k]: v }))));
  if (type instanceof IDL.OptClass)
    return max === 0
      ? fc.constant([])
      : fc.oneof(
          fc.constant([]),
          inner(type._type).map((v) => [v]),
        );
  if (type instanceof IDL.VecClass) {
    if (type._type instanceof IDL.FixedNatClass && type._type._bits === 8) {
      return fc.oneof(fc.uint8Array({ maxLength: 8 }), fc.array(fc.nat(255), { maxLength: 8 }));
    }
    return fc.array(inner(type._type), { maxLength: max });
  }
  if (type instanceof IDL.TextClass) return fc.string({ unit: 'binary', maxLength: 12 });
  if (type instanceof IDL.PrincipalClass)
    return fc.uint8Array({ maxLength: 29 }).map((b) => Principal.fromUint8Array(b));
  if (type instanceof IDL.BoolClass) return fc.boolean();
  if (type instanceof IDL.NullClass || type instanceof IDL.ReservedClass) return fc.constant(null);
  if (type instanceof IDL.FloatClass) return type._bits === 32 ? fc.float() : fc.double();
  if (type instanceof IDL.FixedNatClass) {
    return type._bits <= 32 ? fc.nat(2 ** type._bits - 1) : fc.bigInt(0n, 2n ** BigInt(type._bits) - 1n);
  }
  if (type instanceof IDL.FixedIntClass) {
    const half = 2n ** BigInt(type._bits - 1);
    return type._bits <= 32 ? fc.integer({ min: -Number(half), max: Number(half) - 1 }) : fc.bigInt(-half, half - 1n);
  }
  if (type instanceof IDL.NatClass) return fc.bigInt(0n, 2n ** 80n);
  if (type instanceof IDL.IntClass) return fc.bigInt(-(2n ** 80n), 2n ** 80n);
  throw new Error(`no values for ${type.display()}`);
}

const services: Record<string, IDL.ServiceClass> = {
  registry: registryTypes(IDL).service,
  invitation: invitationTypes(IDL).service,
  queue: queueTypes(IDL).service,
  llm: llmTypes(IDL).service,
  sns_governance: officialService(IDL),
};
/** Every method of every canister, by `canister.method`, with its Candid function type. */
export const everyMethod = Object.entries(services).flatMap(([canister, service]) =>
  service._fields.map(([method, func]) => [`${canister}.${method}`, func] as const),
);
