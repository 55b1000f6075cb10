/**
 * Bad inputs for every route, derived from the OpenAPI document the app serves: the sweep in
 * bad-input-sweep.test.ts sends each and checks the answer is a 4xx problem, never a 500.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  default?: unknown;
};

export type Operation = {
  method: string;
  /** OpenAPI path, with {name} parameters. */
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | null;
};

/**
 * One request of the sweep. `mustRefuse`: the value is wrong by any reading, so the answer must be a 4xx;
 * otherwise (a negative amount, a 100k-character string) some routes may accept it, but never with a 5xx.
 */
export type BadCase = {
  label: string;
  url: string;
  /** Raw JSON text, so that 1e400 and 2^70 reach the parser as written. */
  payload?: string;
  mustRefuse: boolean;
  /** The field a validation problem must name (body.x.y, querystring.x, params.x), when one was broken. */
  field?: string;
  /** An enum field given a value outside it: the values its problem must name. */
  allowed?: unknown[];
  /** The code and params (some of them; a list: one of its values) the field's own error must carry, when it has one. */
  expected?: { code: string; params: Record<string, unknown> };
};

type OpenApiDocument = {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
};

export function listOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: p.required === true })),
        body: op.requestBody?.content['application/json']?.schema ?? null,
      });
    }
  }
  return operations;
}

/**
 * zod's own English wording (node_modules/zod/v4/locales/en.js), which names types and rules in
 * zod's terms ("expected string, received number", "Too big: expected string to have <=100
 * characters", a bare "Invalid input", a regular expression). A message a user reads never has it.
 */
export const ZOD_RAW_WORDS: RegExp[] = [
  /\bInvalid input\b/,
  /\bInvalid option\b/,
  /\bInvalid discriminator value\b/,
  /\bToo (big|small):/,
  /\bInvalid string:/,
  /\bInvalid number: must be a multiple of\b/,
  /\bmust match pattern\b/,
  // A regular expression, from zod or from anywhere else.
  /\/\^.*\$\//,
  /\bUnrecognized keys?:/,
  /\bInvalid (key|value) in (map|record|set)\b/,
  /\bexpected \w+, received \w+/,
  /\b(to have|to be) (<=|>=|<|>|exactly )/,
  // The format names zod puts after "Invalid " for z.email(), z.iso.date() and the rest.
  /\bInvalid (email address|URL|emoji|UUID|UUIDv[46]|GUID|nanoid|cuid2?|ULID|XID|KSUID|ISO (datetime|date|time|duration)|IPv[46] (address|range)|MAC address|base64(url)?-encoded string|JSON string|E\.164 number|currency code|credit card number|IBAN|JWT)\b/,
];

/** The first piece of zod's raw wording in a message, or null when it is in plain words. */
export function zodWordsIn(message: string): string | null {
  for (const words of ZOD_RAW_WORDS) {
    const found = words.exec(message);
    if (found) return found[0];
  }
  return null;
}

/** A JSON raw value: text spliced into the payload as is. */
class Raw {
  constructor(readonly text: string) {}
}

function toJsonText(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

type Kind = 'object' | 'array' | 'string' | 'date' | 'instant' | 'enum' | 'integer' | 'number' | 'minor' | 'boolean' | 'other';

/** The first non-null branch of an anyOf/oneOf: what a caller would send. */
function mainBranch(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return schema.allOf?.[0] ? { ...schema.allOf[0], ...schema, allOf: undefined } : schema;
  const nonNull = branches.filter((b) => b.type !== 'null');
  return mainBranch({ ...(nonNull[0] ?? branches[0] ?? {}), description: schema.description ?? nonNull[0]?.description });
}

/** Whether a schema has more than one form besides null (a nullable union is an anyOf of an anyOf and null). */
function isUnion(schema: JsonSchema): boolean {
  const forms = (schema.anyOf ?? schema.oneOf ?? []).filter((branch) => branch.type !== 'null');
  return forms.length > 1 || (forms.length === 1 && isUnion(forms[0] as JsonSchema));
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

function kindOf(name: string, raw: JsonSchema): Kind {
  const branches = raw.anyOf ?? raw.oneOf ?? [];
  if (/Minor$/.test(name) || (branches.some((b) => typeOf(b) === 'number' || typeOf(b) === 'integer') && branches.some((b) => b.pattern?.includes('\\d{1,18}')))) return 'minor';
  const schema = mainBranch(raw);
  if (schema.enum || schema.const !== undefined) return 'enum';
  const type = typeOf(schema);
  if (type === 'object') return 'object';
  if (type === 'array') return 'array';
  if (type === 'boolean') return 'boolean';
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  if (type === 'string') {
    if (schema.format === 'date-time' || /At$/.test(name)) return 'instant';
    if (schema.format === 'date' || /Date$/.test(name) || /YYYY-MM-DD/.test(schema.description ?? '') || schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date';
    return 'string';
  }
  return 'other';
}

/** A plausible value, so that a request fails on the one broken field and not on a missing one. */
export function exampleFor(name: string, raw: JsonSchema, ids: Record<string, string>, depth = 0): unknown {
  if (raw.default !== undefined && raw.default !== null) return raw.default;
  const schema = mainBranch(raw);
  const kind = kindOf(name, raw);
  switch (kind) {
    case 'minor': return 1000;
    case 'enum': return schema.enum?.[0] ?? schema.const;
    case 'boolean': return true;
    case 'integer':
    case 'number': return Math.max(1, schema.minimum ?? 1);
    // An end after the start, so that a range check does not refuse the baseline.
    case 'date': return /^(end|to|until)|(End|To|Until)/.test(name) ? '2026-02-15' : '2026-01-15';
    case 'instant': return '2026-01-15T10:00:00Z';
    case 'array': {
      if (depth > 4 || !schema.items) return [];
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleFor(name, schema.items as JsonSchema, ids, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        const child = schema.properties?.[key];
        if (child && depth <= 4) out[key] = exampleFor(key, child, ids, depth + 1);
      }
      return out;
    }
    case 'string': return exampleString(name, schema, ids);
    default: return 'x';
  }
}

function exampleString(name: string, schema: JsonSchema, ids: Record<string, string>): string {
  if (ids[name]) return ids[name];
  if (/currency/i.test(name) || /ISO 4217/.test(schema.description ?? '')) return 'EUR';
  if (schema.format === 'email' || /email/i.test(name)) return 'sweep@example.com';
  if (schema.format === 'uri') return 'https://example.com/hook';
  if (/Id$/.test(name)) return 'x_missing';
  if (schema.pattern) return sampleForPattern(schema.pattern);
  return 'sweep value';
}

/** A string matching the patterns the API uses, from a small table (no regex inversion). */
function sampleForPattern(pattern: string): string {
  const samples = ['sweep_key', '123', '2026-01', '1.5', '12', 'DE', 'sweep', 'a@b.c', 'x'.repeat(64).replace(/x/g, 'a'), 'data:image/png;base64,AAAA'];
  return samples.find((s) => new RegExp(pattern).test(s)) ?? 'sweep';
}

// A day the month does not have is a format error like any other text (zod's date format), not a bare "custom".
const NOT_A_DATE = { code: 'invalid_format', params: { format: 'date' } };
const NOT_AN_INSTANT = { code: 'invalid_format', params: { format: 'datetime' } };

type BadValue = { label: string; value: unknown; mustRefuse: boolean; expected?: BadCase['expected'] };

/** What a value that is not of the field's type says it wanted (invalid_type { expected }), by kind. */
const EXPECTED_TYPES: Partial<Record<Kind, string | string[]>> = { string: 'string', date: 'string', instant: 'string', boolean: 'boolean', object: ['object', 'record'], array: 'array' };

/** Values wrong by any reading (mustRefuse) and values merely extreme, for one field of a kind. */
function badValuesFor(kind: Kind): BadValue[] {
  const expectedType = EXPECTED_TYPES[kind];
  const wrongType: BadValue = {
    label: 'wrong type', value: kind === 'string' || kind === 'date' || kind === 'instant' || kind === 'enum' ? 12345 : 'not-a-value', mustRefuse: true,
    ...(expectedType === undefined ? {} : { expected: { code: 'invalid_type', params: { expected: expectedType } } }),
  };
  const long = { label: '100k characters', value: 'x'.repeat(100_000), mustRefuse: false };
  switch (kind) {
    case 'string': return [wrongType, long, { label: 'object', value: { a: 1 }, mustRefuse: true }];
    case 'enum': return [wrongType, { label: 'unknown enum value', value: 'not_a_member', mustRefuse: true }];
    case 'date': return [wrongType, ...['2026-02-30', '2026-13-01', 'yesterday'].map((value) => ({ label: value, value, mustRefuse: true, expected: NOT_A_DATE })), long];
    case 'instant': return [wrongType, ...['2026-02-30T00:00:00Z', 'yesterday'].map((value) => ({ label: value, value, mustRefuse: true, expected: NOT_AN_INSTANT }))];
    case 'integer':
    case 'number': return [wrongType, { label: '1e400', value: new Raw('1e400'), mustRefuse: true }, { label: '2^70', value: new Raw(String(2n ** 70n)), mustRefuse: false }, { label: '-1', value: -1, mustRefuse: false }, { label: '0', value: 0, mustRefuse: false }, ...(kind === 'integer' ? [{ label: '1.5', value: 1.5, mustRefuse: true }] : [])];
    case 'minor': return [wrongType, { label: '1e400', value: new Raw('1e400'), mustRefuse: true }, { label: '2^70', value: new Raw(String(2n ** 70n)), mustRefuse: true }, { label: '"2^70"', value: String(2n ** 70n), mustRefuse: true }, { label: '1.5', value: 1.5, mustRefuse: true }, { label: '-1', value: -1, mustRefuse: false }, { label: '0', value: 0, mustRefuse: false }];
    case 'boolean': return [{ label: 'wrong type', value: 'yes', mustRefuse: true }];
    case 'object': return [wrongType, { label: 'array', value: [], mustRefuse: true }];
    case 'array': return [wrongType, { label: 'object', value: {}, mustRefuse: true }];
    default: return [];
  }
}

type Leaf = { path: (string | number)[]; name: string; schema: JsonSchema };

/** Every property reachable through objects and first array items, to depth 3. */
function leaves(schema: JsonSchema, path: (string | number)[] = [], depth = 0): Leaf[] {
  const main = mainBranch(schema);
  const out: Leaf[] = [];
  if (depth > 3) return out;
  for (const [key, child] of Object.entries(main.properties ?? {})) {
    out.push({ path: [...path, key], name: key, schema: child });
    const childMain = mainBranch(child);
    if (typeOf(childMain) === 'object') out.push(...leaves(child, [...path, key], depth + 1));
    if (typeOf(childMain) === 'array' && childMain.items && typeOf(mainBranch(childMain.items)) === 'object') out.push(...leaves(childMain.items, [...path, key, 0], depth + 1));
  }
  return out;
}

function withValueAt(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(base) && base.length > 0 ? [...(base as unknown[])] : [{}];
    list[0] = withValueAt(list[0], rest, value);
    return list;
  }
  const object = base !== null && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  object[head as string] = withValueAt(object[head as string], rest, value);
  return object;
}

function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? 'x_missing'));
}

function queryString(values: Record<string, unknown>): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return '';
  return `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v instanceof Raw ? v.text : v))}`).join('&')}`;
}

const ODD_PATH_VALUES: { label: string; text: string }[] = [
  { label: 'space', text: 'a%20b' },
  { label: '%00', text: '%00' },
  { label: '..', text: '..' },
  { label: 'encoded ..%2F', text: '..%2F..%2Fetc' },
  { label: 'unicode', text: encodeURIComponent('ünï€😀') },
  { label: 'lone surrogate', text: '%ED%A0%80' },
  { label: 'bad percent', text: '%E0%A4%A' },
  { label: '5000 characters', text: 'x'.repeat(5000) },
];

/** An enum's values, from its OpenAPI schema (a discriminator's branches each hold one: the first is named). */
function allowedOf(kind: Kind, schema: JsonSchema): { allowed?: unknown[] } {
  if (kind !== 'enum') return {};
  const main = mainBranch(schema);
  return { allowed: main.enum ?? [main.const] };
}

/** The sweep's requests for one operation. `ids` names real records to use where a field or parameter asks for one. */
export function badCasesFor(op: Operation, ids: Record<string, string> = {}, options: { pathCases: boolean } = { pathCases: true }): BadCase[] {
  const cases: BadCase[] = [];
  const pathValues = Object.fromEntries(op.pathParams.map((p) => [p.name, String(exampleFor(p.name, p.schema, ids))]));
  const baseQuery = Object.fromEntries(op.queryParams.filter((q) => q.required).map((q) => [q.name, exampleFor(q.name, q.schema, ids)]));
  const baseUrl = fillPath(op.path, pathValues) + queryString(baseQuery);
  const baseBody = op.body ? exampleFor('body', op.body, ids) : undefined;
  const basePayload = baseBody === undefined ? undefined : toJsonText(baseBody);
  const withBody = (c: Omit<BadCase, 'payload'>, payload = basePayload): BadCase => (payload === undefined ? c : { ...c, payload });

  for (const param of options.pathCases ? op.pathParams : []) {
    const kind = kindOf(param.name, param.schema);
    if (kind === 'string' && !param.schema.pattern) {
      cases.push(withBody({ label: `params.${param.name} does not exist`, url: fillPath(op.path, { ...pathValues, [param.name]: 'x_does_not_exist' }) + queryString(baseQuery), mustRefuse: true }));
    } else {
      cases.push(withBody({ label: `params.${param.name} not matching`, url: fillPath(op.path, { ...pathValues, [param.name]: 'zz_not_valid' }) + queryString(baseQuery), mustRefuse: true }));
    }
    for (const odd of ODD_PATH_VALUES) {
      const url = op.path.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) => (name === param.name ? odd.text : encodeURIComponent(pathValues[name] ?? 'x'))) + queryString(baseQuery);
      // '..' is a dot segment: the router resolves it to the parent path, as any client would.
      cases.push(withBody({ label: `params.${param.name} ${odd.label}`, url, mustRefuse: odd.label !== 'unicode' && odd.label !== '..' }));
    }
  }

  for (const query of op.queryParams) {
    const kind = kindOf(query.name, query.schema);
    for (const bad of badValuesFor(kind)) {
      if (bad.value !== null && typeof bad.value === 'object' && !(bad.value instanceof Raw)) continue;
      // A query string is text: 12345 is a fine value for a text parameter, and the wrong format for a date or an instant.
      const wrongType = bad.label === 'wrong type';
      const mustRefuse = bad.mustRefuse && !(kind === 'string' && wrongType);
      const expected = wrongType ? (kind === 'date' ? NOT_A_DATE : kind === 'instant' ? NOT_AN_INSTANT : undefined) : bad.expected;
      cases.push(withBody({
        label: `querystring.${query.name} ${bad.label}`, url: fillPath(op.path, pathValues) + queryString({ ...baseQuery, [query.name]: bad.value }), mustRefuse, field: `querystring.${query.name}`,
        ...allowedOf(kind, query.schema), ...(expected === undefined ? {} : { expected }),
      }));
    }
  }

  if (op.body) {
    cases.push({ label: 'malformed JSON', url: baseUrl, payload: '{"a": ', mustRefuse: true });
    cases.push({ label: 'JSON array', url: baseUrl, payload: '[]', mustRefuse: true });
    cases.push({ label: 'JSON string', url: baseUrl, payload: '"text"', mustRefuse: true });
    // Actions without input (POST /quotes/{id}/revise) take null as "no body".
    const takesNull = (op.body.anyOf ?? []).some((branch) => branch.type === 'null');
    cases.push({ label: 'JSON null', url: baseUrl, payload: 'null', mustRefuse: !takesNull });
    cases.push({ label: 'empty object', url: baseUrl, payload: '{}', mustRefuse: (mainBranch(op.body).required ?? []).length > 0 });
    cases.push({ label: 'baseline', url: baseUrl, payload: basePayload, mustRefuse: false });
    // A field the route does not know: a strict body must refuse it, naming it; a loose one may drop it.
    const main = mainBranch(op.body);
    if (typeOf(main) === 'object' && baseBody !== null && typeof baseBody === 'object') {
      cases.push({ label: 'unknown field', url: baseUrl, payload: toJsonText({ ...baseBody, sweepUnknownField: 1 }), mustRefuse: main.additionalProperties === false, field: 'body.sweepUnknownField' });
    }
    for (const leaf of leaves(op.body)) {
      for (const bad of badValuesFor(kindOf(leaf.name, leaf.schema))) {
        const field = ['body', ...leaf.path].join('.');
        // A union of forms says so (invalid_union), not what one of its forms expected.
        const expected = isUnion(leaf.schema) ? undefined : bad.expected;
        cases.push({
          label: `${field} ${bad.label}`, url: baseUrl, payload: toJsonText(withValueAt(baseBody, leaf.path, bad.value)), mustRefuse: bad.mustRefuse, field,
          ...allowedOf(kindOf(leaf.name, leaf.schema), leaf.schema), ...(expected === undefined ? {} : { expected }),
        });
      }
    }
  }
  return cases;
}
