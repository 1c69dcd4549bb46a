/** The chat message of a playground form (queue job or llm call); `id` names its control and data-tid. */
export function MessageField({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="field wide">
      <label htmlFor={id}>Message</label>
      <textarea id={id} rows={3} value={value} onChange={(e) => onChange(e.target.value)} data-tid={id} />
    </div>
  );
}
