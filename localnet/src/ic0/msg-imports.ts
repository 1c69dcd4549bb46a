/** ic0.msg_*: the argument, caller, reject details and method name of the message, and its reply or reject. */
import type { Ic0Functions, Ic0Host } from './host.ts';
import { utf8 } from './host.ts';
import { Trap } from './trap.ts';

const MAX_RESPONSE_BYTES = 2 * 1024 * 1024 + 100;

export function msgImports(host: Ic0Host): Ic0Functions {
  /** `<name>_size` and `<name>_copy` over one piece of message data. */
  const sized = (name: string, data: (m: ReturnType<Ic0Host['message']>) => Uint8Array): Ic0Functions => ({
    [`${name}_size`]: () => data(host.message(`${name}_size`)).length,
    [`${name}_copy`]: (dst: number, off: number, size: number) =>
      host.heap.copyOut(`${name}_copy`, data(host.message(`${name}_copy`)), dst, off, size),
  });
  return {
    ...sized('msg_arg_data', (m) => m.task.arg),
    ...sized('msg_caller', (m) => m.task.caller),
    ...sized('msg_reject_msg', (m) => utf8.encode(m.task.rejectMessage)),
    ...sized('msg_method_name', (m) => utf8.encode(m.task.methodName)),
    msg_reject_code: () => {
      const m = host.message('msg_reject_code');
      return m.task.kind === 'Rt' ? m.task.rejectCode : 0;
    },
    msg_reply_data_append: (src: number, size: number) => {
      const m = host.message('msg_reply_data_append').respondable('msg_reply_data_append');
      const data = host.heap.read(src, size);
      m.replySize += data.length;
      if (m.replySize > MAX_RESPONSE_BYTES)
        throw new Trap('msg_reply_data_append: the reply exceeds the maximum response size');
      (m.reply ??= []).push(data);
    },
    msg_reply: () => {
      const m = host.message('msg_reply').respondable('msg_reply');
      m.responded = true;
      m.result = { reply: concat(m.reply ?? []) };
    },
    msg_reject: (src: number, size: number) => {
      const m = host.message('msg_reject').respondable('msg_reject');
      const bytes = host.heap.read(src, size);
      let message: string;
      try {
        message = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new Trap('msg_reject: the reject message is not valid UTF-8');
      }
      m.responded = true;
      m.result = { reject: message };
    },
    accept_message: () => {
      const m = host.message('accept_message');
      if (m.accepted) throw new Trap('ic0.accept_message: the message was already accepted');
      m.accepted = true;
    },
  };
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
