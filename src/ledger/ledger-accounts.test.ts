import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/test-context.ts';
import { AppError } from '../shared/errors.ts';
import { auditTrail } from './fixtures.ts';
import { createLedgerAccount, defaultNormalSide, getLedgerAccount, LEDGER_ACCOUNTS, listLedgerAccounts, setLedgerAccountActive } from './index.ts';

describe('chart of accounts', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('seeds every account the posting rules name, each on the side its type implies', async () => {
    const chart = new Map((await listLedgerAccounts(t.ctx)).map((a) => [a.code, a]));
    for (const [name, code] of Object.entries(LEDGER_ACCOUNTS)) {
      const account = chart.get(code);
      expect(account, name).toBeDefined();
      expect(account?.active, name).toBe(true);
      expect(account?.normalSide, name).toBe(defaultNormalSide(account?.type ?? 'asset'));
    }
    expect(chart.get('2000')).toMatchObject({ name: 'Deferred revenue', type: 'liability', normalSide: 'credit' });
  });

  it('creates an account with an audited row, defaults the normal side, and refuses a duplicate code', async () => {
    const created = await createLedgerAccount(t.ctx, { code: '6300', name: 'Refund fees', type: 'expense' });
    expect(created).toMatchObject({ code: '6300', normalSide: 'debit', active: true, createdAt: '2026-01-15T09:00:00.000Z' });
    expect(await getLedgerAccount(t.ctx, '6300')).toEqual(created);
    const duplicate = await createLedgerAccount(t.ctx, { code: '6300', name: 'Again', type: 'expense' }).catch((e: unknown) => e as AppError);
    expect(duplicate).toMatchObject({ code: 'conflict' });
    const deactivated = await setLedgerAccountActive(t.ctx, '6300', false);
    expect(await setLedgerAccountActive(t.ctx, '6300', false)).toEqual(deactivated);
    expect((await auditTrail(t.ctx, 'ledger_account', '6300')).map((a) => a.action)).toEqual(['create', 'deactivate']);
  });
});
