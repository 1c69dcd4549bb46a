/** Previous / next around a position label; a missing handler disables its button (first or last page). */
import type { ReactNode } from 'react';

export function Pager(props: {
  label: ReactNode;
  prev: (() => void) | undefined;
  next: (() => void) | undefined;
  prevLabel?: string;
  nextLabel?: string;
  tid?: string;
}) {
  return (
    <div className="pager" data-tid={props.tid}>
      <button type="button" disabled={!props.prev} onClick={props.prev}>
        {props.prevLabel ?? 'Previous'}
      </button>
      <span>{props.label}</span>
      <button type="button" disabled={!props.next} onClick={props.next}>
        {props.nextLabel ?? 'Next'}
      </button>
    </div>
  );
}

/** "1–20 of 45": the 1-based positions of a page's first and last items. */
export const range = (offset: bigint, count: number, total: bigint) =>
  `${(offset + 1n).toString()}–${(offset + BigInt(count)).toString()} of ${total.toString()}`;
