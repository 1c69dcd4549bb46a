/** Which entry points may call which System API function (interface spec, "Overview of imports"). */
import type { EntryKind } from '../protocol.ts';
import { Trap } from './trap.ts';

const ALL: EntryKind[] = ['I', 'G', 'U', 'RQ', 'NRQ', 'Ry', 'Rt', 'C', 'F', 'T'];
const ALLOWED: Record<string, EntryKind[]> = {
  msg_arg_data_size: ['I', 'U', 'RQ', 'NRQ', 'Ry', 'F'],
  msg_arg_data_copy: ['I', 'U', 'RQ', 'NRQ', 'Ry', 'F'],
  msg_reject_code: ['Ry', 'Rt'],
  msg_reject_msg_size: ['Rt'],
  msg_reject_msg_copy: ['Rt'],
  msg_reply_data_append: ['U', 'RQ', 'NRQ', 'Ry', 'Rt'],
  msg_reply: ['U', 'RQ', 'NRQ', 'Ry', 'Rt'],
  msg_reject: ['U', 'RQ', 'NRQ', 'Ry', 'Rt'],
  msg_cycles_available128: ['U', 'RQ', 'Rt', 'Ry'],
  msg_cycles_refunded128: ['Rt', 'Ry'],
  msg_cycles_accept128: ['U', 'RQ', 'Rt', 'Ry'],
  cycles_burn128: ['I', 'G', 'U', 'Ry', 'Rt', 'C', 'T'],
  msg_method_name_size: ['F'],
  msg_method_name_copy: ['F'],
  accept_message: ['F'],
  call_new: ['U', 'Ry', 'Rt', 'T'],
  call_on_cleanup: ['U', 'Ry', 'Rt', 'T'],
  call_data_append: ['U', 'Ry', 'Rt', 'T'],
  call_cycles_add128: ['U', 'Ry', 'Rt', 'T'],
  call_with_best_effort_response: ['U', 'Ry', 'Rt', 'T'],
  call_perform: ['U', 'Ry', 'Rt', 'T'],
  certified_data_set: ['I', 'G', 'U', 'Ry', 'Rt', 'T'],
  data_certificate_size: ['NRQ'],
  data_certificate_copy: ['NRQ'],
  global_timer_set: ['I', 'G', 'U', 'Ry', 'Rt', 'C', 'T'],
};

const CONTEXT_NAMES: Record<EntryKind, string> = {
  I: 'init',
  G: 'pre_upgrade',
  U: 'update',
  RQ: 'replicated query',
  NRQ: 'non-replicated query',
  Ry: 'reply callback',
  Rt: 'reject callback',
  C: 'cleanup',
  F: 'inspect message',
  T: 'system task',
};

/** Traps unless `ic0.<name>` may be called from an entry point of this kind. */
export function checkAllowed(name: string, kind: EntryKind): void {
  if (!(ALLOWED[name] ?? ALL).includes(kind))
    throw new Trap(`"ic0.${name}" cannot be executed in ${CONTEXT_NAMES[kind]} mode`);
}
