/** The programmatic API's management calls (createCanister, install, stop, …): Candid-encoded update calls to aaaaa-aa. */
import { IDL } from '@dfinity/candid';
import { Principal } from '@icp-sdk/core/principal';

import { copy, emptyArgs, expectReply } from '../candid.ts';
import { isController, type Canister } from '../canister.ts';
import { MANAGEMENT } from '../network.ts';
import type { CallResult } from '../reject.ts';
import * as M from './idl.ts';

type Update = (id: Principal, method: string, arg: Uint8Array, opts: { caller?: Principal }) => Promise<CallResult>;
export type InstallMode = 'install' | 'reinstall' | 'upgrade';

/** canister_settings with every field unset. */
function emptySettings(): Record<string, []> {
  return Object.fromEntries(M.CanisterSettings._fields.map(([name]) => [name, []]));
}

export class ManagementClient {
  constructor(
    private readonly update: Update,
    private readonly canister: (id: string) => Canister | undefined,
    private readonly defaultCaller: Principal,
  ) {}

  /** The caller of a management call about `id` when none is named: the default caller if it controls `id`, else the first controller. */
  private controllerOf(id: Principal): Principal {
    const c = this.canister(id.toText());
    if (c && c.controllers.length > 0 && !isController(c, this.defaultCaller)) return c.controllers[0]!;
    return this.defaultCaller;
  }

  private async call(method: string, type: IDL.Type, arg: unknown, caller: Principal): Promise<Uint8Array> {
    return expectReply(await this.update(MANAGEMENT, method, new Uint8Array(IDL.encode([type], [arg])), { caller }));
  }

  async createCanister(opts: {
    controllers?: Principal[];
    cycles?: bigint;
    caller?: Principal;
    specifiedId?: Principal;
  }): Promise<Principal> {
    const reply = await this.call(
      'provisional_create_canister_with_cycles',
      M.ManagementArgs.provisional_create_canister_with_cycles!,
      {
        amount: opts.cycles === undefined ? [] : [opts.cycles],
        settings: opts.controllers ? [{ ...emptySettings(), controllers: [opts.controllers] }] : [],
        specified_id: opts.specifiedId ? [opts.specifiedId] : [],
        sender_canister_version: [],
      },
      opts.caller ?? this.defaultCaller,
    );
    const [record] = IDL.decode([M.CreateCanisterResult], copy(reply)) as unknown as [
      { canister_id: { toText(): string } },
    ];
    return Principal.fromText(record.canister_id.toText());
  }

  async install(
    id: Principal,
    wasm: Uint8Array,
    arg: Uint8Array = emptyArgs(),
    opts: { caller?: Principal; mode?: InstallMode } = {},
  ): Promise<void> {
    const mode = opts.mode ?? 'install';
    await this.call(
      'install_code',
      M.ManagementArgs.install_code!,
      {
        mode: mode === 'upgrade' ? { upgrade: [] } : { [mode]: null },
        canister_id: id,
        wasm_module: wasm,
        arg,
        sender_canister_version: [],
      },
      opts.caller ?? this.controllerOf(id),
    );
  }

  async setControllers(id: Principal, controllers: Principal[], caller?: Principal): Promise<void> {
    await this.call(
      'update_settings',
      M.ManagementArgs.update_settings!,
      {
        canister_id: id,
        settings: { ...emptySettings(), controllers: [controllers] },
        sender_canister_version: [],
      },
      caller ?? this.controllerOf(id),
    );
  }

  /** A method whose argument is just `{ canister_id }`. */
  forCanister(
    method: 'start_canister' | 'stop_canister' | 'delete_canister' | 'canister_status',
    id: Principal,
    caller?: Principal,
  ): Promise<Uint8Array> {
    return this.call(method, M.CanisterIdRecord, { canister_id: id }, caller ?? this.controllerOf(id));
  }
}
