import type { Identity } from '@icp-sdk/core/agent';

import type { AppConfig } from '../config.ts';

/** What every service call needs: where to talk and as whom (anonymous when signed out). */
export interface Ctx {
  config: AppConfig;
  identity: Identity;
  signedIn: boolean;
}
