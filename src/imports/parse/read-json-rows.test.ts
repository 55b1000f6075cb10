import { describe, expect, it } from 'vitest';
import { readJsonRows } from './read-json-rows.ts';
import type { SourceRow } from './source-row.ts';

async function rows(text: string, chunkSize = 5): Promise<SourceRow[]> {
  async function* chunks() {
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const result: SourceRow[] = [];
  for await (const row of readJsonRows(chunks())) result.push(row);
  return result;
}

describe('readJsonRows', () => {
  it('streams an array of objects, flattening nested objects and keeping the line each starts on', async () => {
    const text = '[\n  {"id": "1", "name": "Acme", "address": {"city": "Köln"}, "tags": ["a", "b"], "n": 12.5, "ok": true, "x": null},\n  {"id": "2", "note": "a } and { in text"}\n]\n';
    expect(await rows(text)).toEqual([
      { kind: 'row', line: 2, values: { id: '1', name: 'Acme', 'address.city': 'Köln', tags: '["a","b"]', n: '12.5', ok: 'true', x: '' } },
      { kind: 'row', line: 3, values: { id: '2', note: 'a } and { in text' } },
    ]);
  });

  it('streams JSON Lines', async () => {
    expect((await rows('{"id":1}\n{"id":2}\n')).map((r) => r.kind === 'row' && r.values['id'])).toEqual(['1', '2']);
  });

  it('refuses a file that is not objects', async () => {
    await expect(rows('["a"]')).rejects.toThrow('expected an object');
    await expect(rows('[{"id": 1, "b": {')).rejects.toThrow('ends inside the object that starts on line 1');
  });
});
