/**
 * Tools (function calling) for a job: the caller's JSON Schemas as node-llama-cpp's grammar schemas, the
 * functions node-llama-cpp documents to the model, and the forced-call grammar's schema and parser.
 * The worker never runs a tool: the model's calls go back to the submitter, who runs them.
 */
import { randomBytes } from 'node:crypto';
import type { ChatModelFunctions, GbnfJsonSchema } from 'node-llama-cpp';
import type { ToolCallOut, ToolSpec } from './types.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const SCALARS = ['string', 'number', 'integer', 'boolean', 'null'] as const;
type Scalar = (typeof SCALARS)[number];
const isScalar = (value: unknown): value is Scalar => SCALARS.includes(value as Scalar);

const isPrimitive = (value: unknown): value is string | number | boolean | null =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Any JSON value, in the subset of JSON Schema node-llama-cpp turns into a grammar. */
const ANY: GbnfJsonSchema = {
  oneOf: [
    { type: ['string', 'number', 'boolean', 'null'] },
    { type: 'array' },
    { type: 'object', additionalProperties: true },
  ],
};
/** Nesting followed in a caller's schema; deeper parts accept any value (the queue bounds the text anyway). */
const MAX_DEPTH = 16;

/**
 * A caller's JSON Schema in the subset node-llama-cpp's grammar generator takes: the keywords it knows are
 * kept (anyOf read as oneOf), everything else (pattern, minimum, $ref, allOf, ...) is dropped, so a schema
 * it could not compile widens instead of failing the job. Object properties stay required only when listed.
 */
export function toGrammarSchema(schema: unknown, depth = 0): GbnfJsonSchema {
  if (!isObject(schema) || depth > MAX_DEPTH) return ANY;
  const description = typeof schema.description === 'string' ? { description: schema.description } : {};
  if ('const' in schema && isPrimitive(schema.const)) return { const: schema.const, ...description };
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter(isPrimitive);
    if (values.length > 0) return { enum: values, ...description };
  }
  const alternatives = Array.isArray(schema.oneOf)
    ? schema.oneOf
    : Array.isArray(schema.anyOf)
      ? schema.anyOf
      : undefined;
  if (alternatives && alternatives.length > 0)
    return { oneOf: alternatives.map((s) => toGrammarSchema(s, depth + 1)), ...description };
  const type = schema.type;
  if (type === 'object' || (type === undefined && isObject(schema.properties))) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const names = Object.keys(properties);
    const required = Array.isArray(schema.required) ? schema.required.filter((n) => names.includes(n as string)) : [];
    return {
      type: 'object',
      properties: Object.fromEntries(names.map((n) => [n, toGrammarSchema(properties[n], depth + 1)])),
      required: required as string[],
      // Free-form objects (no properties listed) take any members; described ones only theirs.
      additionalProperties: names.length === 0,
      ...description,
    };
  }
  if (type === 'array')
    return {
      type: 'array',
      ...(schema.items === undefined ? {} : { items: toGrammarSchema(schema.items, depth + 1) }),
      ...description,
    };
  if (type === 'string') {
    // Length bounds are kept: they also keep a forced call's strings from running to max_tokens.
    const length = (key: 'minLength' | 'maxLength') =>
      Number.isInteger(schema[key]) && (schema[key] as number) >= 0 ? { [key]: schema[key] as number } : {};
    return { type: 'string', ...length('minLength'), ...length('maxLength'), ...description };
  }
  if (isScalar(type)) return { type, ...description };
  if (Array.isArray(type) && type.length > 0 && type.every(isScalar)) return { type, ...description };
  return ANY;
}

const paramsOf = (tool: ToolSpec): GbnfJsonSchema =>
  tool.parameters === undefined ? { type: 'object', properties: {} } : toGrammarSchema(tool.parameters);

/** The job's tools as node-llama-cpp functions: documented in the prompt by the chat wrapper, called by the model. */
export function toChatModelFunctions(tools: ToolSpec[]): ChatModelFunctions {
  return Object.fromEntries(
    tools.map((tool) => [
      tool.name,
      { ...(tool.description ? { description: tool.description } : {}), params: paramsOf(tool) },
    ]),
  );
}

/**
 * The schema of a forced call: `{"name": <one of the tools>, "arguments": <that tool's parameters>}`.
 * One alternative per tool, so the grammar ties each name to its own arguments.
 */
export function forcedCallSchema(tools: ToolSpec[]): GbnfJsonSchema {
  return {
    oneOf: tools.map((tool) => ({
      type: 'object',
      properties: { name: { const: tool.name }, arguments: paramsOf(tool) },
      required: ['name', 'arguments'],
    })),
  };
}

/** What the model reads about the tools when a grammar (not the chat wrapper's function syntax) makes it call one. */
export function forcedCallInstructions(tools: ToolSpec[]): string {
  const listed = tools.map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    parameters: tool.parameters ?? { type: 'object', properties: {} },
  }));
  return (
    'Call exactly one of these functions. Answer only with JSON of the form ' +
    `{"name": <function name>, "arguments": <its parameters>}.\nFunctions: ${JSON.stringify(listed)}`
  );
}

/** A call id unique enough that the submitter's Tool messages can name it (the IC's LLM canister uses such ids too). */
export const newCallId = (): string => `call_${randomBytes(9).toString('base64url')}`;

export function toolCall(name: string, args: unknown): ToolCallOut {
  return { id: newCallId(), name, arguments: JSON.stringify(isObject(args) ? args : {}) };
}

/** The forced grammar's output as a call; undefined when it is not one (cut off by max_tokens, say). */
export function parseForcedCall(text: string, tools: ToolSpec[]): ToolCallOut | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || typeof value.name !== 'string') return undefined;
  const name = value.name;
  return tools.some((tool) => tool.name === name) ? toolCall(name, value.arguments) : undefined;
}
