import { describe, expect, it } from 'vitest';
import { diffAuditValues } from './audit-diff.ts';

describe('diffAuditValues', () => {
  it('lists every field of a create as an after-value', () => {
    expect(diffAuditValues(null, { name: 'Amsel GmbH', country: 'DE', customFields: { tier: 'gold' } })).toEqual([
      { path: 'country', before: null, after: 'DE' },
      { path: 'customFields.tier', before: null, after: 'gold' },
      { path: 'name', before: null, after: 'Amsel GmbH' },
    ]);
  });

  it('keeps only the fields an update changed, nested ones by path', () => {
    expect(diffAuditValues({ name: 'A', version: 1, tags: ['x'], custom: { a: 1, b: 2 } }, { name: 'A', version: 2, tags: ['x', 'y'], custom: { a: 1, b: 3 } })).toEqual([
      { path: 'custom.b', before: '2', after: '3' },
      { path: 'tags', before: '["x"]', after: '["x","y"]' },
      { path: 'version', before: '1', after: '2' },
    ]);
  });

  it('shows a delete as before-values and null as a value', () => {
    expect(diffAuditValues({ name: 'A', parent: null }, null)).toEqual([
      { path: 'name', before: 'A', after: null },
      { path: 'parent', before: 'null', after: null },
    ]);
  });
});
