/** Proposal text is written by any proposer: markdown rendered, then sanitised (no scripts, no styles, no forms). */
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/** `breaks` keeps single line feeds as line breaks: a validator's rendering puts one fact per line. */
export function renderMarkdown(text: string, o: { breaks?: boolean } = {}): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: o.breaks ?? false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'img'] });
}

export function Markdown({ text, breaks = false }: { text: string; breaks?: boolean }) {
  const html = useMemo(() => renderMarkdown(text, { breaks }), [text, breaks]);
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
