import { conflict, ok } from '../../shared/domain/result.ts';
import { appendEvent } from './events.ts';
import type { GovernanceAction } from './governance-action.ts';
import { checkParams, describeParamChanges, type RegistryParams } from './params.ts';
import { metaCell, readMeta } from './stores.ts';

/** Replaces the params. Lowered limits bind new calls only; existing keys, models and records stay. */
export const setParams: GovernanceAction<RegistryParams> = {
  plan(stores, params) {
    const checked = checkParams(params);
    if ('Err' in checked) return checked;
    const changes = describeParamChanges(readMeta(stores).params, params);
    if (changes === 'no change') return conflict('the proposed params equal the current ones');
    return ok(`Set registry params: ${changes}.`);
  },
  apply(stores, caller, now, params) {
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
