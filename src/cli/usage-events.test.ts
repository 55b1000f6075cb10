import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { createAccount } from '../crm/index.ts';
import { runUsageEventsImport } from './usage-events.ts';

function capture() {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('revline usage import', () => {
  let t: TestContext;
  let dir: string;
  beforeEach(async () => {
    t = await createTestContext({ start: '2026-03-10T09:00:00Z' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'revline-cli-usage-'));
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores JSON-lines events once, reports bad lines by line and field, and exits 1 while any is rejected', async () => {
    const accountId = (await createAccount(t.ctx, { name: 'Metered CLI', currency: 'EUR' })).id;
    const file = path.join(dir, 'events.jsonl');
    const event = (id: string, value: unknown) => JSON.stringify({ eventId: id, accountId, featureKey: 'api.calls', occurredAt: '2026-03-09T10:00:00Z', value });
    fs.writeFileSync(file, [event('c1', 5), '', event('c2', 'x'), '{oops', event('c3', 7)].join('\n'));
    const first = capture();
    expect(await runUsageEventsImport(t.ctx, file, { out: first.out })).toBe(1);
    expect(first.text()).toBe('2 events stored, 0 duplicates, 2 rejected\n  line 3 (c2): value: a whole number\n  line 4: line: not valid JSON\n');
    const again = capture();
    expect(await runUsageEventsImport(t.ctx, file, { json: true, out: again.out })).toBe(1);
    expect(JSON.parse(again.text()).counts).toEqual({ created: 0, duplicate: 2, rejected: 2 });
    fs.writeFileSync(file, [event('c1', 5), event('c3', 7)].join('\n'));
    expect(await runUsageEventsImport(t.ctx, file, { out: capture().out })).toBe(0);
  });
});
