import { conflict, ok } from '../../shared/domain/result.ts';
import { appendEvent } from './events.ts';
import type { GovernanceAction } from './governance-action.ts';
import { checkParams, describeParamChanges, type RegistryParams } from './params.ts';
import { metaCell, readMeta } from './stores.ts';

/**
 * A set_params proposal: the params it replaces and the new ones. Two proposals made from the same
 * params cannot both execute, so an adopted proposal never silently reverts another one.
 */
export interface SetRegistryParams {
  expected: RegistryParams;
  params: RegistryParams;
}

/** Replaces the params. Lowered limits bind new calls only; existing keys, models and records stay. */
export const setParams: GovernanceAction<SetRegistryParams> = {
  plan(stores, { expected, params }) {
    const checked = checkParams(params);
    if ('Err' in checked) return checked;
    const current = readMeta(stores).params;
    const moved = describeParamChanges(expected, current);
    if (moved !== 'no change') {
      return conflict(
        `the params changed since this proposal was made (${moved}); propose again from the current ones`,
      );
    }
    const changes = describeParamChanges(current, params);
    if (changes === 'no change') return conflict('the proposed params equal the current ones');
    return ok(`Set registry params: ${changes}.`);
  },
  apply(stores, caller, now, { params }) {
    const cell = metaCell(stores);
    const meta = cell.get();
    cell.set({ ...meta, params: { ...params } });
    appendEvent(stores, {
      kind: 'ParamsChanged',
      subject: caller,
      actor: caller,
      proposal_id: undefined,
      time: now,
      detail: describeParamChanges(meta.params, params),
    });
  },
};
