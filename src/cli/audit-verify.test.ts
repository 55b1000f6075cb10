import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAuditInput, recordAuditEntries, tamperWithAuditLog } from '../audit/fixtures.ts';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { runAuditVerify } from './audit-verify.ts';

/** A stream that collects what is written; `isTTY` as a terminal (or a pipe) would report it. */
function capture(isTTY = false): PassThrough & { isTTY: boolean; text(): string } {
  const chunks: Buffer[] = [];
  const stream = Object.assign(new PassThrough(), { isTTY, text: () => Buffer.concat(chunks).toString('utf8') });
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return stream;
}

describe('runAuditVerify', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
    await recordAuditEntries(t.ctx, Array.from({ length: 3 }, (_, i) => makeAuditInput({ entityId: `acct_${i + 1}` })));
  });
  afterAll(() => t.close());

  it('prints one line and exits 0 for an intact chain, with no bar off a terminal', async () => {
    const out = capture();
    const progress = capture(false);
    expect(await runAuditVerify(t.ctx, { json: false, out, progress })).toBe(0);
    expect(out.text()).toBe('Audit chain OK: 3 entries verified, head seq 3\n');
    expect(progress.text()).toBe('');
  });

  it('draws the progress bar on a terminal, never on the output', async () => {
    const out = capture();
    const progress = capture(true);
    expect(await runAuditVerify(t.ctx, { json: true, out, progress })).toBe(0);
    expect(progress.text()).toContain('Verifying audit chain');
    expect(JSON.parse(out.text())).toEqual({ ok: true, checked: 3, headSeq: '3' });
  });

  it('names the first broken entry and exits 1, as text and as JSON', async () => {
    const second = await t.ctx.db.selectFrom('audit_log').select('id').where('seq', '=', 2n).executeTakeFirstOrThrow();
    await tamperWithAuditLog(t.ctx, (db) => db.updateTable('audit_log').set({ action: 'create' }).where('seq', '=', 2n).execute());
    const out = capture();
    expect(await runAuditVerify(t.ctx, { json: false, out, progress: capture() })).toBe(1);
    expect(out.text()).toBe(`Audit chain BROKEN at seq 2: hash mismatch — entry ${second.id} was modified after it was written\n`);
    const json = capture();
    expect(await runAuditVerify(t.ctx, { json: true, out: json, progress: capture() })).toBe(1);
    expect(JSON.parse(json.text())).toEqual({
      ok: false,
      checked: 1,
      problem: { kind: 'hash_mismatch', seq: '2', id: second.id, message: `hash mismatch — entry ${second.id} was modified after it was written` },
    });
  });
});
