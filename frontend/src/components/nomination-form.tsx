/**
 * The node provider's nomination form: every field checked as it is typed against the invitation canister's
 * rules, errors shown once touched. The models the network serves are one click away; a name it does not serve
 * is allowed (the canister accepts it) with a warning, since no worker takes its jobs until the queue lists it.
 */
import { useState, type FormEvent } from 'react';

import {
  DEFAULT_RULES,
  modelList,
  unservedModels,
  validateNomination,
  type NominationInput,
  type NominationRules,
} from '../lib/utils/validation.utils.ts';

const EMPTY: NominationInput = {
  candidate: '',
  displayName: '',
  motivation: '',
  cpuCores: '4',
  ramGib: '16',
  gpu: 'none',
  vramGib: '0',
  region: '',
  models: 'tiny-chat',
};

const FIELDS: Array<{
  key: keyof NominationInput;
  label: string;
  hint?: string;
  textarea?: boolean;
  numeric?: boolean;
}> = [
  { key: 'candidate', label: 'Candidate principal', hint: 'the contributor’s own principal (they sign in to see it)' },
  { key: 'displayName', label: 'Display name' },
  { key: 'cpuCores', label: 'CPU cores', numeric: true },
  { key: 'ramGib', label: 'RAM (GiB)', numeric: true },
  { key: 'gpu', label: 'GPU' },
  { key: 'vramGib', label: 'VRAM (GiB)', numeric: true },
  { key: 'region', label: 'Region', hint: 'where the hardware runs, e.g. eu-west' },
  { key: 'models', label: 'Models', hint: 'comma-separated model names' },
  { key: 'motivation', label: 'Motivation', textarea: true, hint: 'why token holders should admit them' },
];

export function NominationForm(props: {
  self: string | undefined;
  busy: boolean;
  /** From the network once loaded; the canister's defaults until then. */
  rules?: NominationRules;
  onSubmit: (input: NominationInput) => void;
}) {
  const [value, setValue] = useState<NominationInput>(EMPTY);
  const [touched, setTouched] = useState<Set<keyof NominationInput>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const rules = props.rules ?? DEFAULT_RULES;
  const errors = validateNomination(value, props.self, rules);
  const unserved = unservedModels(value.models, rules);
  const chosen = modelList(value.models);
  const edit = (key: keyof NominationInput, text: string) => {
    setValue((v) => ({ ...v, [key]: text }));
    setTouched((t) => new Set(t).add(key));
  };
  const toggleModel = (model: string) =>
    edit('models', (chosen.includes(model) ? chosen.filter((m) => m !== model) : [...chosen, model]).join(', '));
  const valid = Object.keys(errors).length === 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (valid) props.onSubmit(value);
  };

  return (
    <form
      className="card form"
      onSubmit={submit}
      noValidate
      aria-labelledby="nominate-title"
      data-tid="nomination-form"
    >
      <h2 id="nominate-title">Nominate a contributor</h2>
      <div className="grid">
        {FIELDS.map((f) => {
          const error = (submitted || touched.has(f.key)) && errors[f.key];
          const id = `nominate-${f.key}`;
          const common = {
            id,
            name: f.key,
            value: value[f.key],
            'aria-invalid': error ? true : undefined,
            'aria-describedby': `${id}-help`,
            onChange: (e: { target: { value: string } }) => edit(f.key, e.target.value),
            'data-tid': id,
          };
          return (
            <div key={f.key} className={f.textarea || f.key === 'candidate' ? 'wide field' : 'field'}>
              <label htmlFor={id}>{f.label}</label>
              {f.textarea ? (
                <textarea rows={3} {...common} />
              ) : (
                <input inputMode={f.numeric ? 'numeric' : undefined} autoComplete="off" {...common} />
              )}
              {f.key === 'models' && rules.served.length > 0 && (
                <div className="chips" role="group" aria-label="Models the network serves" data-tid="served-models">
                  {rules.served.map((m) => (
                    <button
                      key={m}
                      type="button"
                      className="chip"
                      aria-pressed={chosen.includes(m)}
                      onClick={() => toggleModel(m)}
                    >
                      {m}
                    </button>
                  ))}
                </div>
              )}
              <small
                id={`${id}-help`}
                className={error ? 'error' : f.key === 'models' && unserved.length > 0 ? 'warning' : 'muted'}
              >
                {error ||
                  (f.key === 'models' && unserved.length > 0
                    ? `not served by the network yet: ${unserved.join(', ')}. The nomination is accepted, but no worker takes jobs for ${unserved.length === 1 ? 'it' : 'them'} until the queue serves ${unserved.length === 1 ? 'it' : 'them'}.`
                    : f.hint) ||
                  '\u00a0'}
              </small>
            </div>
          );
        })}
      </div>
      <button type="submit" disabled={props.busy} data-tid="nominate-submit">
        {props.busy ? 'Working…' : 'Nominate and propose'}
      </button>
    </form>
  );
}
