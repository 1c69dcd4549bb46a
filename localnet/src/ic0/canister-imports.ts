/** The canister's own facts: id, status, version, controllers, execution mode, certified data and certificate. */
import { type Ic0Functions, type Ic0Host } from './host.ts';
import { Trap } from './trap.ts';

const MAX_PRINCIPAL_BYTES = 29;
const MAX_CERTIFIED_DATA_BYTES = 32;

export function canisterImports(host: Ic0Host): Ic0Functions {
  const noCertificate = (name: string) => () => {
    host.message(name);
    throw new Trap(`ic0.${name}: no certificate is present (localnet does not certify)`);
  };
  return {
    canister_self_size: () => (host.message('canister_self_size'), host.canisterId.length),
    canister_self_copy: (dst: number, off: number, size: number) => (
      host.message('canister_self_copy'),
      host.heap.copyOut('canister_self_copy', host.canisterId, dst, off, size)
    ),
    canister_status: () => host.message('canister_status').task.status,
    canister_version: () => host.message('canister_version').task.canisterVersion,
    is_controller: (src: number, size: number) => {
      const m = host.message('is_controller');
      if (size > MAX_PRINCIPAL_BYTES) throw new Trap('ic0.is_controller: argument is not a valid principal');
      const p = host.heap.read(src, size);
      return m.task.controllers.some((c) => c.length === p.length && c.every((x, i) => x === p[i])) ? 1 : 0;
    },
    in_replicated_execution: () => {
      const k = host.message('in_replicated_execution').task.kind;
      return k === 'NRQ' || k === 'F' ? 0 : 1;
    },
    certified_data_set: (src: number, size: number) => {
      const m = host.message('certified_data_set');
      if (size > MAX_CERTIFIED_DATA_BYTES)
        throw new Trap('ic0.certified_data_set: certified data must be at most 32 bytes');
      m.certifiedData = host.heap.read(src, size);
    },
    data_certificate_present: () => (host.message('data_certificate_present'), 0),
    data_certificate_size: noCertificate('data_certificate_size'),
    data_certificate_copy: noCertificate('data_certificate_copy'),
  };
}
