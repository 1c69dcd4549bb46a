/** The node provider's nomination form: every field checked as it is typed, errors shown once touched. */
import { useState, type FormEvent } from 'react';

import { validateNomination, type NominationInput } from '../lib/utils/validation.utils.ts';

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
  { key: 'region', label: 'Region', hint: 'e.g. eu-west' },
  { key: 'models', label: 'Models', hint: 'comma-separated names the queue serves' },
  { key: 'motivation', label: 'Motivation', textarea: true, hint: 'why token holders should admit them' },
];

export function NominationForm(props: {
  self: string | undefined;
  busy: boolean;
  onSubmit: (input: NominationInput) => void;
}) {
  const [value, setValue] = useState<NominationInput>(EMPTY);
  const [touched, setTouched] = useState<Set<keyof NominationInput>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const errors = validateNomination(value, props.self);
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
            onChange: (e: { target: { value: string } }) => {
              setValue((v) => ({ ...v, [f.key]: e.target.value }));
              setTouched((t) => new Set(t).add(f.key));
            },
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
              <small id={`${id}-help`} className={error ? 'error' : 'muted'}>
                {error || f.hint || '\u00a0'}
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
