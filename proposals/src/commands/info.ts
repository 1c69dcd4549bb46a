/** functions: the manifest; whoami: the identity and its neurons. */
import { FUNCTIONS, toHex } from '@gatehouse/clients';

import type { Session } from '../session.ts';

export function functionsTable(out: (line: string) => void): void {
  out(
    'id    key                    topic                     target -> validator                                   payload',
  );
  for (const f of FUNCTIONS) {
    const methods = `${f.target.canister}.${f.target.method} -> ${f.validator.method}`;
    out(`${f.id}  ${f.key.padEnd(22)} ${f.topic.padEnd(25)} ${methods.padEnd(53)} ${f.payload.display()}`);
  }
}

export async function whoami(session: Session): Promise<void> {
  session.out(`principal ${session.principal.toText()} (${session.config.network}, ${session.config.host})`);
  const neurons = await session.neuronsOf(session.principal);
  if (neurons.length === 0) session.out('no neurons');
  for (const n of neurons) session.out(`neuron ${toHex(n.id[0]!.id)}: stake ${n.cached_neuron_stake_e8s} e8s`);
}
