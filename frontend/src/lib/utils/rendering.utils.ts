/**
 * The SNS's payload_text_rendering of a generic function call, split into its parts so a voter reads labelled
 * facts instead of headings full of ids. The layout is SNS governance's own
 * (validate_and_render_execute_nervous_system_function): the function's fields, the payload's sha256, then the
 * validator's markdown. Any other layout (motions, function changes, a future format) is not parsed: the page
 * shows it as markdown.
 */
export interface ExecuteRendering {
  fn: {
    id: string;
    name: string;
    description?: string;
    topic?: string;
    target: CanisterMethod;
    validator: CanisterMethod;
  };
  payloadSha256: string;
  /** The validator's text: markdown in which caller-supplied parts are escaped by the canister. */
  payload: string;
}

export interface CanisterMethod {
  canister: string;
  method: string;
}

const EXECUTE =
  /^# Proposal to execute nervous system function:\n\n## Nervous system function:\n\n([\s\S]*?)\n\n## Payload sha256: ?\n\n([0-9a-f]{64})\n\n## Payload:\n\n([\s\S]*)$/;

/** The function's name and description are JSON strings; "None" stands for no description. */
function jsonText(value: string | undefined): string | undefined {
  if (value === undefined || value === 'None') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

function canisterMethod(value: string | undefined): CanisterMethod | undefined {
  const dot = value?.indexOf('.') ?? -1;
  return value && dot > 0 ? { canister: value.slice(0, dot), method: value.slice(dot + 1) } : undefined;
}

export function parseExecuteRendering(text: string): ExecuteRendering | undefined {
  const m = EXECUTE.exec(text.replace(/\r\n/g, '\n'));
  if (!m) return undefined;
  const fields = new Map(
    m[1]!.split('\n').flatMap((line) => {
      const colon = line.indexOf(': ');
      return colon > 0 ? [[line.slice(0, colon), line.slice(colon + 2)] as const] : [];
    }),
  );
  const id = fields.get('id');
  const name = jsonText(fields.get('name'));
  const target = canisterMethod(fields.get('target'));
  const validator = canisterMethod(fields.get('validator'));
  if (id === undefined || name === undefined || !target || !validator) return undefined;
  return {
    fn: { id, name, description: jsonText(fields.get('description')), topic: fields.get('topic'), target, validator },
    payloadSha256: m[2]!,
    payload: m[3]!,
  };
}
