import type { PipelineView } from '../lib/utils/pipeline.utils.ts';

export function PipelineSteps({ view }: { view: PipelineView }) {
  return (
    <div className="pipeline" data-tid="pipeline">
      <ol>
        {view.steps.map((s) => (
          <li key={s.key} className={s.state} aria-current={s.state === 'current' ? 'step' : undefined}>
            {s.label}
          </li>
        ))}
      </ol>
      <p className="muted">{view.summary}</p>
    </div>
  );
}
