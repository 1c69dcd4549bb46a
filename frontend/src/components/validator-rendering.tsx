/**
 * What a generic function proposal will do, as the SNS recorded it from the validator: the function, the
 * canister method it calls, the validator, the payload hash and the validator's text, as labelled facts with
 * long ids shortened (whole in their title, copyable). Other renderings are shown as markdown with their
 * headings toned down; the exact text stays one click away.
 */
import { sanitize } from '@gatehouse/clients';
import { useMemo } from 'react';

import { parseExecuteRendering, type CanisterMethod } from '../lib/utils/rendering.utils.ts';
import { topicText } from '../lib/utils/topic.utils.ts';
import { Markdown } from './markdown.tsx';
import { PrincipalText } from './principal.tsx';

function Method({ at, names }: { at: CanisterMethod; names: Record<string, string> }) {
  return (
    <>
      <code>{at.method}</code> on {names[at.canister] ?? 'canister'} <PrincipalText value={at.canister} copy />
    </>
  );
}

function TopicName({ variant }: { variant: string }) {
  const topic = topicText(variant);
  return (
    <>
      <span title={variant}>{topic.name}</span>
      {topic.critical && <span className="muted"> · critical: higher thresholds</span>}
      {topic.about && <div className="muted">{topic.about}</div>}
    </>
  );
}

/** `names`: canister id → the name this deployment gives it (registry, queue…). */
export function ValidatorRendering({ text, names }: { text: string; names: Record<string, string> }) {
  const parsed = useMemo(() => parseExecuteRendering(text), [text]);
  return (
    <section className="card rendering" aria-labelledby="rendering-title" data-tid="validator-rendering">
      <h2 id="rendering-title">What it will do (validator)</h2>
      {parsed ? (
        <>
          <dl className="facts">
            <dt>Function</dt>
            <dd>
              {parsed.fn.name} <span className="muted">#{parsed.fn.id}</span>
              {parsed.fn.description && <div className="muted">{parsed.fn.description}</div>}
            </dd>
            {parsed.fn.topic && (
              <>
                <dt>Topic</dt>
                <dd data-tid="topic">
                  <TopicName variant={parsed.fn.topic} />
                </dd>
              </>
            )}
            <dt>Calls</dt>
            <dd>
              <Method at={parsed.fn.target} names={names} />
            </dd>
            <dt>Checked by</dt>
            <dd>
              <Method at={parsed.fn.validator} names={names} />
            </dd>
            <dt>Payload sha256</dt>
            <dd data-tid="payload-sha256">
              <PrincipalText value={parsed.payloadSha256} copy />
            </dd>
          </dl>
          <h3>The validator's account of the payload</h3>
          <Markdown text={parsed.payload} breaks />
        </>
      ) : (
        <Markdown text={text} breaks />
      )}
      <details>
        <summary>Exact text from SNS governance</summary>
        <pre className="output">{sanitize(text, { multiline: true })}</pre>
      </details>
    </section>
  );
}
