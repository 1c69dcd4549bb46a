/** What an admission proposal admits: the nomination behind its payload (the motivation as sanitised markdown). */
import type { Nomination } from '@gatehouse/clients';

import { href } from '../lib/state/router.ts';
import { Markdown } from './markdown.tsx';
import { PrincipalText } from './principal.tsx';

export function AdmissionCard({ nomination: n }: { nomination: Nomination }) {
  const h = n.hardware;
  return (
    <section className="card" aria-labelledby="admission-title" data-tid="admission-card">
      <h2 id="admission-title">Admission of {n.display_name}</h2>
      <dl className="facts">
        <dt>Candidate</dt>
        <dd>
          <PrincipalText value={n.candidate.toText()} copy />
        </dd>
        <dt>Nominated by</dt>
        <dd>
          <PrincipalText value={n.nominator.toText()} />
        </dd>
        <dt>Hardware</dt>
        <dd>
          {h.cpu_cores} CPU cores, {h.ram_gib} GiB RAM, GPU {h.gpu || 'none'}
          {h.vram_gib > 0 ? ` (${h.vram_gib} GiB VRAM)` : ''}, region {h.region || 'not given'}
        </dd>
        <dt>Models</dt>
        <dd>{n.models.join(', ') || 'none'}</dd>
        <dt>Motivation</dt>
        <dd data-tid="motivation">
          <Markdown text={n.motivation} />
        </dd>
        <dt>Nomination</dt>
        <dd>
          <a href={href('nominations', n.id)}>#{n.id.toString()}</a> · {Object.keys(n.status)[0]}
        </dd>
      </dl>
    </section>
  );
}
