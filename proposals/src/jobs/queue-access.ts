/**
 * The jobs CLI's only door to the queue canister (submit, get_job, cancel over an HttpAgent). Kept in one
 * module so it can be swapped for the typed QueueCanister of clients/ without touching the commands.
 */
import { Actor, HttpAgent, type Identity } from '@icp-sdk/core/agent';
import type { Principal } from '@icp-sdk/core/principal';

import { idlFactory, type Job, type Result, type SubmitArgs } from '../../../canisters/queue/interface.ts';
import { unwrap } from '../gatehouse-result.ts';

export type { Job, JobStatus, SubmitArgs } from '../../../canisters/queue/interface.ts';

interface QueueActor {
  submit(args: SubmitArgs): Promise<Result<bigint>>;
  get_job(id: bigint): Promise<Result<Job>>;
  cancel(id: bigint): Promise<Result<null>>;
}

export interface JobsQueue {
  submit(args: SubmitArgs): Promise<bigint>;
  job(id: bigint): Promise<Job>;
  cancel(id: bigint): Promise<void>;
}

export interface QueueConnection {
  host: string;
  fetchRootKey: boolean;
  identity: Identity;
  queue: Principal;
}

/** Every refusal becomes a one-line CliError ("get_job refused: NotFound: no job 7"). */
export async function connectQueue(c: QueueConnection): Promise<JobsQueue> {
  const agent = await HttpAgent.create({ host: c.host, identity: c.identity, shouldFetchRootKey: c.fetchRootKey });
  const actor = Actor.createActor<QueueActor>(idlFactory, { agent, canisterId: c.queue });
  return {
    submit: async (args) => unwrap('submit', await actor.submit(args)),
    job: async (id) => unwrap('get_job', await actor.get_job(id)),
    cancel: async (id) => void unwrap('cancel', await actor.cancel(id)),
  };
}
