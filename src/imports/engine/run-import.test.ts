import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { listAccounts } from '../../crm/index.ts';
import { getImportRun, listImportRuns } from '../list-import-runs.ts';
import { accountMapping, countRows, csvFile, importFiles } from '../test-fixtures/import-fixtures.ts';

const ACCOUNTS = 'id,name,currency,parent_id\nA1,Acme,EUR,\nA2,Acme Child,EUR,A1\nA3,Globex,usd,\n';

async function accountAudit(t: TestContext, name: string) {
  const page = await listAccounts(t.ctx, { q: name, sort: 'name' });
  const id = page.data.find((a) => a.name === name)?.id ?? 'none';
  return t.ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'account').where('entity_id', '=', id).execute();
}

describe('runImport: idempotency, changes, dry runs', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('a dry run reports what it would do and writes nothing (the run itself is recorded)', async () => {
    const before = await Promise.all([countRows(t.ctx, 'accounts'), countRows(t.ctx, 'audit_log'), countRows(t.ctx, 'import_keys')]);
    const dry = await importFiles(t.ctx, accountMapping(), [csvFile('accounts.csv', ACCOUNTS)], { dryRun: true });
    expect(dry.summary).toMatchObject({ dryRun: true, totals: { rows: 3, created: 3, rejected: 0 } });
    expect(await Promise.all([countRows(t.ctx, 'accounts'), countRows(t.ctx, 'audit_log'), countRows(t.ctx, 'import_keys')])).toEqual(before);
    expect(await getImportRun(t.ctx, dry.summary.runId)).toMatchObject({ dryRun: true, status: 'completed', files: ['accounts.csv'] });
  });

  it('creates, then re-imports as unchanged without a write or an audit row', async () => {
    const first = await importFiles(t.ctx, accountMapping(), [csvFile('accounts.csv', ACCOUNTS)]);
    expect(first.errors).toEqual([]);
    expect(first.summary.files).toEqual([{ file: 'accounts.csv', rows: 3, created: 3, updated: 0, unchanged: 0, merged: 0, rejected: 0 }]);
    const audit = await countRows(t.ctx, 'audit_log');
    const second = await importFiles(t.ctx, accountMapping(), [csvFile('accounts.csv', ACCOUNTS)]);
    expect(second.summary.entities).toEqual({ account: { created: 0, updated: 0, unchanged: 3, merged: 0, rejected: 0 } });
    expect(await countRows(t.ctx, 'audit_log')).toBe(audit);
    const page = await listAccounts(t.ctx, { sort: 'name' });
    const parent = page.data.find((a) => a.name === 'Acme');
    expect(page.data.find((a) => a.name === 'Acme Child')?.parentAccountId).toBe(parent?.id);
    expect(page.data.find((a) => a.name === 'Globex')).toMatchObject({ currency: 'USD', sourceSystem: 'testsrc', externalId: 'A3' });
  });

  it('a changed row updates its record and writes exactly one audit entry for it', async () => {
    const auditBefore = await accountAudit(t, 'Globex');
    const changed = ACCOUNTS.replace('A3,Globex,usd,', 'A3,Globex,usd,A1');
    const run = await importFiles(t.ctx, accountMapping(), [csvFile('accounts.csv', changed)]);
    expect(run.summary.entities).toEqual({ account: { created: 0, updated: 1, unchanged: 2, merged: 0, rejected: 0 } });
    const auditAfter = await accountAudit(t, 'Globex');
    expect(auditAfter.length - auditBefore.length).toBe(1);
    expect(auditAfter[auditAfter.length - 1]).toMatchObject({ action: 'update' });
  });

  it('keeps custom fields set in Revline when the import sets others', async () => {
    const text = 'id,name,currency,parent_id,arr\nC1,Custom,EUR,,1200.50\n';
    await importFiles(t.ctx, accountMapping(), [csvFile('accounts-custom.csv', text)]);
    const again = await importFiles(t.ctx, accountMapping(), [csvFile('accounts-custom.csv', text)]);
    expect(again.summary.totals).toMatchObject({ unchanged: 1 });
    const account = (await listAccounts(t.ctx, { q: 'Custom' })).data[0];
    expect(account?.customFields).toEqual({ arr: 1200.5 });
  });

  it('keeps external ids with quotes, backslashes, commas and braces as they are (re-import: unchanged)', async () => {
    const text = 'id,name,currency,parent_id\n"Q""1\\\\{a,b}",Quoted Id,EUR,\n"{NULL}",Braced Id,EUR,\n';
    const first = await importFiles(t.ctx, accountMapping(), [csvFile('accounts-odd.csv', text)]);
    expect(first.errors).toEqual([]);
    expect(first.summary.totals).toMatchObject({ created: 2 });
    const stored = await t.ctx.db.selectFrom('import_keys' as never).select('external_id' as never).where('source_system' as never, '=', 'testsrc' as never)
      .where('external_id' as never, 'in', ['Q"1\\\\{a,b}', '{NULL}'] as never).execute();
    expect(stored).toHaveLength(2);
    const again = await importFiles(t.ctx, accountMapping(), [csvFile('accounts-odd.csv', text)]);
    expect(again.summary.totals).toMatchObject({ created: 0, unchanged: 2 });
  });

  it('lists runs newest first, dry runs included', async () => {
    const page = await listImportRuns(t.ctx, { limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const next = await listImportRuns(t.ctx, { limit: 50, cursor: page.nextCursor ?? undefined });
    expect(next.data.some((run) => run.dryRun)).toBe(true);
    expect(next.data.every((run) => run.status === 'completed')).toBe(true);
  });
});
