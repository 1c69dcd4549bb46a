/**
 * The jobs CLI's only door to the queue canister (submit, get_job, cancel through @gatehouse/clients'
 * QueueCanister). Refusals throw GatehouseCanisterError, which toCliError makes one line
 * ("queue.get_job refused: NotFound: no job 7").
 */
import { QueueCanister, type Job, type SubmitParams } from '@gatehouse/clients';
import { HttpAgent, type Identity } from '@icp-sdk/core/agent';
import type { Principal } from '@icp-sdk/core/principal';

export type { Job, SubmitParams };

export interface JobsQueue {
  submit(params: SubmitParams): Promise<bigint>;
  job(id: bigint): Promise<Job>;
  cancel(id: bigint): Promise<void>;
}

export interface QueueConnection {
  host: string;
  fetchRootKey: boolean;
  identity: Identity;
  queue: Principal;
}

export async function connectQueue(c: QueueConnection): Promise<JobsQueue> {
  const agent = await HttpAgent.create({ host: c.host, identity: c.identity, shouldFetchRootKey: c.fetchRootKey });
  const queue = QueueCanister.create({ agent, canisterId: c.queue });
  return {
    submit: (params) => queue.submit(params),
    job: (jobId) => queue.getJob({ jobId }),
    cancel: (jobId) => queue.cancel({ jobId }),
  };
}
