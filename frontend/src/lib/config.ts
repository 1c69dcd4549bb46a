/**
 * Where the dashboard talks to, read at start from /gatehouse-config.json (npm start serves it from the
 * deployment; a mainnet deploy writes it into dist/ — see frontend/README.md). Nothing is baked into the bundle.
 */
export interface AppConfig {
  network: 'local' | 'ic';
  host: string;
  identityProvider: string;
  /** llm is optional: a deployment may run without the LLM canister drop-in (the dashboard then says so). */
  canisters: { registry: string; invitation: string; queue: string; sns_governance: string; llm?: string };
}

const NAMES = ['registry', 'invitation', 'queue', 'sns_governance'] as const;

export function parseConfig(json: unknown): AppConfig {
  const c = (json ?? {}) as Partial<AppConfig> & { canisters?: Record<string, unknown> };
  if (c.network !== 'local' && c.network !== 'ic') throw new Error('config: network must be "local" or "ic"');
  if (typeof c.host !== 'string' || typeof c.identityProvider !== 'string')
    throw new Error('config: host and identityProvider are required');
  const missing = NAMES.filter((n) => typeof c.canisters?.[n] !== 'string');
  if (missing.length > 0) throw new Error(`config: no canister id for ${missing.join(', ')}`);
  if (c.canisters?.llm !== undefined && typeof c.canisters.llm !== 'string')
    throw new Error('config: the llm canister id must be text');
  return c as AppConfig;
}

export async function loadConfig(url = '/gatehouse-config.json'): Promise<AppConfig> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`cannot load ${url} (HTTP ${response.status}): is the network deployed?`);
  return parseConfig(await response.json());
}

/** Canister id → the name the deployment gives it ("registry", "sns governance"), to label ids on screen. */
export const canisterNames = (config: AppConfig): Record<string, string> =>
  Object.fromEntries(Object.entries(config.canisters).map(([name, id]) => [id, name.replace(/_/g, ' ')]));
