/** A principal (or another long id, such as a hash), shortened on screen, whole in the title and for copying. */
import { useState } from 'react';

export const shortPrincipal = (text: string) => (text.length > 20 ? `${text.slice(0, 11)}…${text.slice(-5)}` : text);

export function PrincipalText({ value, copy = false }: { value: string; copy?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="principal">
      <code title={value}>{shortPrincipal(value)}</code>
      {copy && (
        <button
          type="button"
          className="link"
          aria-label={`Copy ${value}`}
          onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}
        >
          {copied ? 'copied' : 'copy'}
        </button>
      )}
    </span>
  );
}
