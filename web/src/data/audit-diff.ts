/** One changed field of an audit entry: its dotted path and the values before and after (JSON text). */
export type FieldChange = { path: string; before: string | null; after: string | null };

function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix !== '') into.set(prefix, '{}');
    for (const [key, inner] of entries) flatten(inner, prefix === '' ? key : `${prefix}.${key}`, into);
    return;
  }
  if (prefix === '') {
    if (value !== null && value !== undefined) into.set('(value)', JSON.stringify(value));
    return;
  }
  into.set(prefix, typeof value === 'string' ? value : JSON.stringify(value ?? null));
}

/**
 * The fields that differ between `before` and `after` (a create has no before, a delete no after),
 * sorted by path. Nested objects are compared field by field; arrays as a whole.
 */
export function diffAuditValues(before: unknown, after: unknown): FieldChange[] {
  const left = new Map<string, string>();
  const right = new Map<string, string>();
  flatten(before, '', left);
  flatten(after, '', right);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  return paths
    .map((path) => ({ path, before: left.get(path) ?? null, after: right.get(path) ?? null }))
    .filter((change) => change.before !== change.after);
}
