/**
 * register-functions: one AddGenericNervousSystemFunction proposal per manifest entry that governance
 * does not list yet (list_nervous_system_functions) and that no open proposal already adds.
 */
import {
  addFunctionAction,
  FUNCTIONS,
  nervousSystemFunction,
  SnsProposalDecisionStatus,
  type GatehouseCanister,
  type GenericFunctionSpec,
  type SnsGovernanceDid,
} from '@gatehouse/clients';

import type { Session } from '../session.ts';
import { submitProposal } from '../submit.ts';

export type Registration =
  | { fn: GenericFunctionSpec; state: 'registered' | 'pending' | 'dry-run' }
  | { fn: GenericFunctionSpec; state: 'proposed'; proposalId: bigint }
  | { fn: GenericFunctionSpec; state: 'conflict'; detail: string };

type Generic = SnsGovernanceDid.GenericNervousSystemFunction;

const describeGeneric = (g: Generic) =>
  `topic ${Object.keys(g.topic[0] ?? { none: null })[0]}, target ${g.target_canister_id[0]?.toText()}.${g.target_method_name[0]}, ` +
  `validator ${g.validator_canister_id[0]?.toText()}.${g.validator_method_name[0]}`;

/** Registered with another target, validator or topic than the manifest says (fixing that takes Remove + Add). */
function mismatch(
  registered: SnsGovernanceDid.NervousSystemFunction,
  wanted: SnsGovernanceDid.NervousSystemFunction,
): string | undefined {
  const a = registered.function_type[0];
  const b = wanted.function_type[0];
  if (!a || !('GenericNervousSystemFunction' in a) || !b || !('GenericNervousSystemFunction' in b))
    return 'registered as a native function';
  const got = describeGeneric(a.GenericNervousSystemFunction);
  return got === describeGeneric(b.GenericNervousSystemFunction) ? undefined : `registered with ${got}`;
}

function openAdds(proposals: SnsGovernanceDid.ProposalData[]): Set<bigint> {
  const ids = new Set<bigint>();
  for (const p of proposals) {
    const action = p.proposal[0]?.action[0];
    if (action && 'AddGenericNervousSystemFunction' in action) ids.add(action.AddGenericNervousSystemFunction.id);
  }
  return ids;
}

export async function registerFunctions(
  session: Session,
  functions: readonly GenericFunctionSpec[] = FUNCTIONS,
): Promise<Registration[]> {
  const sns = await session.sns();
  const ids = {
    registry: session.canisterId('registry'),
    invitation: session.canisterId('invitation'),
    queue: session.canisterId('queue'),
    llm: session.canisterId('llm'),
  } satisfies Record<GatehouseCanister, unknown>;
  const listed = await sns.listNervousSystemFunctions({ certified: false });
  const open = await sns.listProposals({
    certified: false,
    limit: 100,
    includeStatus: [SnsProposalDecisionStatus.PROPOSAL_DECISION_STATUS_OPEN],
  });
  const pending = openAdds(open.proposals);
  const results: Registration[] = [];
  for (const fn of functions) {
    const wanted = nervousSystemFunction(fn, ids);
    const registered = listed.functions.find((f) => f.id === fn.id);
    let result: Registration;
    if (registered) {
      const detail = mismatch(registered, wanted);
      result = detail ? { fn, state: 'conflict', detail } : { fn, state: 'registered' };
    } else if (listed.reserved_ids.includes(fn.id)) {
      result = {
        fn,
        state: 'conflict',
        detail: `id ${fn.id} was removed and may not be reused; give the function a new id in clients/src/sns/generic-functions.ts`,
      };
    } else if (pending.has(fn.id)) {
      result = { fn, state: 'pending' };
    } else {
      const proposalId = await submitProposal(
        session,
        {
          title: `Register function ${fn.id}: ${fn.name}`,
          summary: `Add generic nervous system function ${fn.id} "${fn.name}" (topic ${fn.topic}).\n\n${fn.description}\n\nTarget: ${fn.target.canister}.${fn.target.method}; validator: ${fn.validator.canister}.${fn.validator.method}.`,
          url: '',
        },
        addFunctionAction(fn, ids),
      );
      result = proposalId === undefined ? { fn, state: 'dry-run' } : { fn, state: 'proposed', proposalId };
    }
    results.push(result);
    session.out(describe(result));
  }
  return results;
}

function describe(r: Registration): string {
  const head = `${r.fn.id} ${r.fn.name}`;
  switch (r.state) {
    case 'registered':
      return `${head}: already registered`;
    case 'pending':
      return `${head}: an open proposal already adds it`;
    case 'dry-run':
      return `${head}: would be proposed (dry run)`;
    case 'proposed':
      return `${head}: proposal ${r.proposalId} submitted`;
    case 'conflict':
      return `${head}: CONFLICT, ${r.detail}`;
  }
}
