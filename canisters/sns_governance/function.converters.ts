import { Principal } from '@icp-sdk/core/principal';

import { TOPICS, type GenericFunction, type Topic } from './domain/types.ts';
import type { CandidTopic, NervousSystemFunction } from './interface.ts';

/** Candid ↔ domain for functions and topics (principals cross as text). */
export const topicToCandid = (t: Topic): CandidTopic => ({ [t]: null }) as CandidTopic;

export function topicFromCandid(t: CandidTopic): Topic {
  const name = Object.keys(t)[0] as Topic;
  if (!TOPICS.includes(name)) throw new Error(`unknown topic ${name}`);
  return name;
}

const text = (p: [] | [{ toText(): string }]) => p[0]?.toText() ?? '';

/** A generic NervousSystemFunction, or the defect that keeps it from being one (no type, no topic). */
export function functionFromCandid(f: NervousSystemFunction): { Ok: GenericFunction } | { Err: string } {
  const type = f.function_type[0];
  if (!type || !('GenericNervousSystemFunction' in type)) {
    return { Err: 'NervousSystemFunction must have a function_type set to GenericNervousSystemFunction' };
  }
  const g = type.GenericNervousSystemFunction;
  const topic = g.topic[0];
  if (!topic) return { Err: `NervousSystemFunction ${f.id} must have a topic` };
  return {
    Ok: {
      id: f.id,
      name: f.name,
      ...(f.description[0] === undefined ? {} : { description: f.description[0] }),
      target_canister_id: text(g.target_canister_id),
      target_method_name: g.target_method_name[0] ?? '',
      validator_canister_id: text(g.validator_canister_id),
      validator_method_name: g.validator_method_name[0] ?? '',
      topic: topicFromCandid(topic),
    },
  };
}

export function functionToCandid(f: GenericFunction): NervousSystemFunction {
  return {
    id: f.id,
    name: f.name,
    description: f.description === undefined ? [] : [f.description],
    function_type: [
      {
        GenericNervousSystemFunction: {
          target_canister_id: [Principal.fromText(f.target_canister_id)],
          target_method_name: [f.target_method_name],
          validator_canister_id: [Principal.fromText(f.validator_canister_id)],
          validator_method_name: [f.validator_method_name],
          topic: [topicToCandid(f.topic)],
        },
      },
    ],
  };
}

/** The native functions this local SNS executes (ids of rs/sns/governance native_action_ids). */
export const NATIVE_FUNCTIONS: NervousSystemFunction[] = [
  [0n, 'All Topics', 'Catch-all w.r.t to following for all types of proposals.'],
  [1n, 'Motion', 'Side-effect-less proposals to set general governance direction.'],
  [3n, 'Upgrade SNS controlled canister', 'Proposal to upgrade the wasm of an SNS controlled canister.'],
  [
    4n,
    'Add nervous system function',
    'Proposal to add a new, user-defined, nervous system function: a canister call which can then be executed by proposal.',
  ],
  [
    5n,
    'Remove nervous system function',
    'Proposal to remove a user-defined nervous system function, which will be no longer executable by proposal.',
  ],
  [
    6n,
    'Execute nervous system function',
    'Proposal to execute a user-defined nervous system function, previously added by an AddNervousSystemFunction proposal. A canister call will be made when executed.',
  ],
].map(([id, name, description]) => ({
  id: id as bigint,
  name: name as string,
  description: [description as string],
  function_type: [{ NativeNervousSystemFunction: {} }],
}));
