import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { ledgerBalances, makeCustomer } from '../fixtures.ts';
import { importStatement } from './import-statement.ts';

describe('statement import: line numbers and repeated lines', () => {
  let t: TestContext;
  beforeEach(async () => { t = await createTestContext({ start: '2026-02-10T09:00:00Z' }); });
  afterEach(async () => { await t.close(); });

  it('reports the line of the file a bad row starts on, across blank lines, multi-line fields and CRLF', async () => {
    const accountId = await makeCustomer(t.ctx);
    for (const eol of ['\n', '\r\n']) {
      const csv = [
        'date,amount,currency,reference,account,transaction_id',
        '',
        `2026-02-09,abc,EUR,x,${accountId},${eol.length}-a`,
        '',
        `2026-02-09,1.00,EUR,"two`,
        `lines",${accountId},${eol.length}-b`,
        `2026-02-09,1.00,XXX,x,${accountId},${eol.length}-c`,
      ].join(eol);
      const result = await importStatement(t.ctx, csv);
      expect(result.rows.map((row) => [row.line, row.outcome, row.errors[0]?.field ?? null])).toEqual([
        [3, 'error', 'amount'],
        [5, 'recorded', null],
        [7, 'error', 'currency'],
      ]);
    }
  });

  it('records two identical lines of one file (no transaction ids) as two payments, and still only once on re-import', async () => {
    const accountId = await makeCustomer(t.ctx);
    const csv = ['date,amount,currency,reference,account', `2026-02-09,25.00,EUR,monthly,${accountId}`, `2026-02-09,25.00,EUR,monthly,${accountId}`].join('\n');
    expect((await importStatement(t.ctx, csv)).counts).toMatchObject({ recorded: 2, duplicate: 0 });
    expect((await importStatement(t.ctx, csv)).counts).toMatchObject({ recorded: 0, duplicate: 2 });
    // A later export that overlaps (the same two lines and a third identical one) adds only the third.
    const longer = `${csv}\n2026-02-09,25.00,EUR,monthly,${accountId}`;
    expect((await importStatement(t.ctx, longer)).counts).toMatchObject({ recorded: 1, duplicate: 2 });
    expect((await ledgerBalances(t.ctx)).byCode['1000']).toBe(7_500n);
  });

  it('refuses a transaction id seen before with a different amount, date or currency instead of skipping it', async () => {
    const accountId = await makeCustomer(t.ctx);
    await importStatement(t.ctx, `date,amount,currency,account,transaction_id\n2026-02-09,25.00,EUR,${accountId},tx-9\n`);
    const changed = await importStatement(t.ctx, `date,amount,currency,account,transaction_id\n2026-02-09,52.00,EUR,${accountId},tx-9\n`);
    expect(changed.rows).toMatchObject([{ line: 2, outcome: 'error', errors: [{ field: 'transaction_id', message: expect.stringContaining('25.00 EUR') }] }]);
    expect((await ledgerBalances(t.ctx)).byCode['1000']).toBe(2_500n);
  });
});
