import { sanitize, type Contributor, type Role } from '@gatehouse/clients';
import { AnonymousIdentity } from '@icp-sdk/core/agent';
import { Principal } from '@icp-sdk/core/principal';
import type { CanisterConnection } from '../agent/canister.ts';
import { CommandError } from '../config/errors.ts';
import { KEYS_OPTIONS, parseKeysConfig, type KeysConfig } from '../config/keys-config.ts';
import { optionHelp } from '../config/options.ts';
import { QueueError } from '../queue/errors.ts';
import { AgentRegistryClient, type RegistryClient } from '../registry/client.ts';
import { connectClient, connectionError } from './connection.ts';
import { readIdentity } from './identity-command.ts';

export const KEYS_HELP = `usage: gatehouse-worker keys bind   --contributor FILE [--identity FILE | --worker PRINCIPAL] [options]
       gatehouse-worker keys unbind --contributor FILE [--identity FILE | --worker PRINCIPAL] [options]
       gatehouse-worker keys list   --contributor FILE | --of PRINCIPAL [options]
  bind    binds a worker key in the registry in two signed steps: the contributor offers it (offer_worker_key),
          the key accepts (accept_worker_key, signed by --identity); the queue then serves it jobs
  unbind  the reverse (unbind_worker_key); allowed while suspended, e.g. to retire a leaked key
  list    a contributor's status and bound worker keys (--of also takes a worker key)
The worker key is --identity's (default: the key file \`start\` uses); unbind also takes --worker PRINCIPAL.
options (environment variable, default):
${optionHelp(KEYS_OPTIONS)}`;

/** The registry's Err variant names, for the one line a refusal ends with. */
const VARIANTS: Partial<Record<QueueError['kind'], string>> = {
  unauthorized: 'Unauthorized',
  'invalid-input': 'InvalidInput',
  'not-found': 'NotFound',
  conflict: 'Conflict',
  'limit-exceeded': 'LimitExceeded',
  unavailable: 'Unavailable',
  rejected: 'rejected',
};

/**
 * The one line for a failed bind/unbind: the registry's error with its variant and, where it helps,
 * what to do. Network failures say the network is unreachable (exit 2); refusals exit 1.
 */
export function keysFailure(
  error: unknown,
  o: { action: 'bind' | 'unbind'; worker: string; contributor: string; network: string },
): CommandError {
  const doing =
    o.action === 'bind'
      ? `cannot bind ${o.worker} to contributor ${o.contributor}`
      : `cannot unbind ${o.worker} from contributor ${o.contributor}`;
  if (!(error instanceof QueueError) || error.kind === 'network') return connectionError(error, o.network, doing);
  const hint = {
    unauthorized: `is the nomination adopted? \`keys list --of ${o.contributor}\` shows the status`,
    'invalid-input': o.worker === o.contributor ? "pass the worker's own key, e.g. --identity worker.pem" : undefined,
    'limit-exceeded': o.action === 'bind' ? 'unbind a key you no longer use first: keys unbind' : undefined,
  }[error.kind as string];
  return new CommandError(
    `${doing}: ${VARIANTS[error.kind] ?? error.kind}: ${error.message}${hint ? ` (${hint})` : ''}`,
    1,
  );
}

const statusOf = (c: Contributor) => Object.keys(c.status)[0]!;
const roleName = (r: Role) => Object.keys(r)[0]!;
const keyCount = (c: Contributor | undefined, max: number | undefined) =>
  c === undefined || max === undefined ? '' : ` (${c.worker_keys.length} of ${max} keys)`;

/** `keys list`: the contributor's status line, then one bound key per line (registry texts sanitized). */
export function contributorLines(c: Contributor, maxKeys: number): string[] {
  const reason = c.status_reason === undefined ? '' : ` (${sanitize(c.status_reason)})`;
  return [
    `contributor ${c.id.toText()} "${sanitize(c.display_name)}": ${statusOf(c)}${reason}, ${c.worker_keys.length} of ${maxKeys} worker keys`,
    ...c.worker_keys.map((k) => `  ${k.toText()}`),
  ];
}

export type ConnectRegistry = (c: CanisterConnection) => Promise<RegistryClient>;

export async function keysCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  out: (line: string) => void,
  connect: ConnectRegistry = AgentRegistryClient.connect,
): Promise<number> {
  const [action, ...rest] = argv;
  if (
    action === undefined ||
    action === '--help' ||
    action === '-h' ||
    rest.includes('--help') ||
    rest.includes('-h')
  ) {
    out(KEYS_HELP);
    return action === undefined ? 1 : 0;
  }
  const config = parseKeysConfig(action, rest, env, cwd);
  return config.action === 'list' ? list(config, out, connect) : bindOrUnbind(config, out, connect);
}

async function bindOrUnbind(
  config: Extract<KeysConfig, { action: 'bind' | 'unbind' }>,
  out: (line: string) => void,
  connect: ConnectRegistry,
): Promise<number> {
  const identity = readIdentity(config.contributorPath);
  const workerIdentity = 'identityPath' in config.worker ? readIdentity(config.worker.identityPath) : undefined;
  const worker: Principal = 'principal' in config.worker ? config.worker.principal : workerIdentity!.getPrincipal();
  const contributor = identity.getPrincipal();
  const connection = { network: config.network, canisterId: config.registryId };
  const registry = await connectClient(connect, { ...connection, identity });
  const names = {
    action: config.action,
    worker: worker.toText(),
    contributor: contributor.toText(),
    network: config.network,
  };
  // The registry's inspect_message drops an offer or unbind from a caller without the status it needs, unread
  // (a bare rejection); the status is read first so the refusal says why. A failed read leaves it to the call.
  const allowed = config.action === 'bind' ? ['Active'] : ['Active', 'Suspended'];
  const standing = await registry.contributor(contributor).catch(() => null);
  if (standing !== null && (standing === undefined || !allowed.includes(statusOf(standing)))) {
    const why =
      config.action === 'bind'
        ? 'only Active contributors may offer worker keys'
        : 'only Active or Suspended contributors may unbind worker keys';
    throw keysFailure(new QueueError('unauthorized', why), names);
  }
  try {
    if (config.action === 'unbind') await registry.unbindWorkerKey(worker);
    else {
      // Both signatures: binding a principal takes the consent of whoever holds its key.
      await registry.offerWorkerKey(worker);
      const asKey = await connectClient(connect, { ...connection, identity: workerIdentity! });
      await asKey.acceptWorkerKey(contributor);
    }
  } catch (error) {
    throw keysFailure(error, names);
  }
  // The change is made; the count is a courtesy and is left out if these queries fail.
  const [record, params] = await Promise.all([registry.contributor(contributor), registry.params()]).catch(
    () => [undefined, undefined] as const,
  );
  const count = keyCount(record, params?.max_worker_keys);
  out(
    config.action === 'bind'
      ? `bound ${names.worker} to contributor ${names.contributor}${count}`
      : `unbound ${names.worker} from contributor ${names.contributor}${count}`,
  );
  return 0;
}

async function list(
  config: Extract<KeysConfig, { action: 'list' }>,
  out: (line: string) => void,
  connect: ConnectRegistry,
): Promise<number> {
  const identity = 'contributorPath' in config.subject ? readIdentity(config.subject.contributorPath) : undefined;
  const subject = identity?.getPrincipal() ?? (config.subject as { principal: Principal }).principal;
  // Queries need no signature: the contributor's key (when given) only names the principal.
  const registry = await connectClient(connect, {
    network: config.network,
    canisterId: config.registryId,
    identity: new AnonymousIdentity(),
  });
  const read = async <T>(query: () => Promise<T>): Promise<T> => {
    try {
      return await query();
    } catch (error) {
      throw connectionError(error, config.network, `cannot read the registry ${config.registryId}`);
    }
  };
  let record = await read(() => registry.contributor(subject));
  if (record === undefined) {
    const role = await read(() => registry.roleOf(subject));
    if (!('Worker' in role))
      throw new CommandError(`${subject.toText()} is not a contributor (registry role: ${roleName(role)})`, 1);
    out(
      `worker key ${subject.toText()}: bound to contributor ${role.Worker.contributor.toText()} (${role.Worker.active ? 'active' : 'inactive'})`,
    );
    record = await read(() => registry.contributor(Principal.fromText(role.Worker.contributor.toText())));
    if (record === undefined) return 0;
  }
  const found = record;
  const { max_worker_keys } = await read(() => registry.params());
  for (const line of contributorLines(found, max_worker_keys)) out(line);
  return 0;
}
