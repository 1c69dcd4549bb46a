import { idKey } from '../../shared/domain/keys.ts';
import type { PrincipalText } from '../../shared/domain/principal.ts';
import type { Job, Lane, QueueStores } from './model.ts';

/**
 * The index of Queued jobs lease() serves from: per model a ring of submitter lanes, per lane a FIFO.
 * A model's backlog never hides another model's jobs, and one submitter's burst waits behind one job
 * of every other submitter of the model. Every operation is a handful of keyed reads and writes, so
 * its cost does not grow with the number of queued jobs (beyond the B-tree's log n).
 */

const laneKey = (model: string, submitter: PrincipalText): string => JSON.stringify([model, submitter]);

function setLane(stores: QueueStores, model: string, submitter: PrincipalText, change: (lane: Lane) => void): void {
  const key = laneKey(model, submitter);
  const lane = stores.lanes.get(key) as Lane;
  change(lane);
  stores.lanes.set(key, lane);
}

function setLink(stores: QueueStores, jobId: bigint, change: (link: { prev?: bigint; next?: bigint }) => void): void {
  const key = idKey(jobId);
  const link = stores.queuedLinks.get(key) ?? {};
  change(link);
  stores.queuedLinks.set(key, link);
}

function addToModel(stores: QueueStores, model: string, delta: number): void {
  const current = stores.modelQueues.get(model);
  if (current === undefined) return;
  const queued = current.queued + delta;
  if (queued <= 0) stores.modelQueues.delete(model);
  else stores.modelQueues.set(model, { ...current, queued });
}

/** A new lane joins the ring just before the cursor, i.e. it is served after every lane already waiting. */
function newLane(stores: QueueStores, model: string, submitter: PrincipalText, jobId: bigint): void {
  const cursor = stores.modelQueues.get(model)?.cursor;
  const lane: Lane = { head: jobId, tail: jobId, next: submitter, prev: submitter };
  if (cursor === undefined) {
    stores.lanes.set(laneKey(model, submitter), lane);
    stores.modelQueues.set(model, { queued: 0, cursor: submitter });
    return;
  }
  const last = (stores.lanes.get(laneKey(model, cursor)) as Lane).prev;
  lane.next = cursor;
  lane.prev = last;
  stores.lanes.set(laneKey(model, submitter), lane);
  setLane(stores, model, last, (l) => void (l.next = submitter));
  setLane(stores, model, cursor, (l) => void (l.prev = submitter));
}

function dropLane(stores: QueueStores, model: string, submitter: PrincipalText, lane: Lane): void {
  stores.lanes.delete(laneKey(model, submitter));
  if (lane.next === submitter) return; // the model's last lane: the model record goes with its last job
  setLane(stores, model, lane.prev, (l) => void (l.next = lane.next));
  setLane(stores, model, lane.next, (l) => void (l.prev = lane.prev));
  const queue = stores.modelQueues.get(model);
  if (queue !== undefined && queue.cursor === submitter) stores.modelQueues.set(model, { ...queue, cursor: lane.next });
}

/** Adds a job to its lane: at the back when new, at the front when it returns from a lease (it is older). */
export function pushQueued(stores: QueueStores, job: Job, front: boolean): void {
  const key = idKey(job.id);
  if (stores.ready.has(key)) return;
  stores.ready.set(key, { model: job.model });
  const lane = stores.lanes.get(laneKey(job.model, job.submitter));
  if (lane === undefined) {
    newLane(stores, job.model, job.submitter, job.id);
  } else if (front) {
    stores.queuedLinks.set(key, { next: lane.head });
    setLink(stores, lane.head, (l) => void (l.prev = job.id));
    setLane(stores, job.model, job.submitter, (l) => void (l.head = job.id));
  } else {
    stores.queuedLinks.set(key, { prev: lane.tail });
    setLink(stores, lane.tail, (l) => void (l.next = job.id));
    setLane(stores, job.model, job.submitter, (l) => void (l.tail = job.id));
  }
  addToModel(stores, job.model, 1);
}

/** Takes a job out of the index (leased, cancelled, expired); a job not in it is left alone. */
export function removeQueued(stores: QueueStores, jobId: bigint, model: string, submitter: PrincipalText): void {
  const key = idKey(jobId);
  if (!stores.ready.has(key)) return;
  stores.ready.delete(key);
  const link = stores.queuedLinks.get(key) ?? {};
  stores.queuedLinks.delete(key);
  const lane = stores.lanes.get(laneKey(model, submitter)) as Lane;
  if (link.prev !== undefined) setLink(stores, link.prev, (l) => void (l.next = link.next));
  else if (link.next !== undefined) lane.head = link.next;
  if (link.next !== undefined) setLink(stores, link.next, (l) => void (l.prev = link.prev));
  else if (link.prev !== undefined) lane.tail = link.prev;
  if (link.prev === undefined && link.next === undefined) dropLane(stores, model, submitter, lane);
  else stores.lanes.set(laneKey(model, submitter), lane);
  addToModel(stores, model, -1);
}

/** The next job of `model` in round-robin order over its submitters, taken out of the index. */
export function popQueued(stores: QueueStores, model: string): bigint | undefined {
  const queue = stores.modelQueues.get(model);
  if (queue === undefined) return undefined;
  const submitter = queue.cursor;
  const lane = stores.lanes.get(laneKey(model, submitter)) as Lane;
  stores.modelQueues.set(model, { ...queue, cursor: lane.next });
  removeQueued(stores, lane.head, model, submitter);
  return lane.head;
}

/** Queued jobs of the given models (each counted once). */
export function queuedCount(stores: QueueStores, models: string[]): bigint {
  let total = 0;
  for (const model of new Set(models)) total += stores.modelQueues.get(model)?.queued ?? 0;
  return BigInt(total);
}
