import { sql } from 'kysely';
import { recordAuditEntries } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import { textArrayLiteral as textArray } from '../shared/db/insert-unnest.ts';
import { assert } from '../shared/errors.ts';
import { ownerCondition, type OwnerScope } from './owner-scope.ts';
import { crmDb, type AccountColumns } from './repo.ts';
import type { AccountRow } from './schema.ts';

// Bulk doors to `accounts` for imports: a batch in a few statements instead of a few per account,
// with the same audit rows as the single-record writes in repo.ts (one per account, before/after).
// Rows travel as one array per column through unnest, so a statement's text and its parameter
// count stay the same whatever the batch size (a multi-row VALUES list of 1000 rows × 18 columns
// would be 18,000 parameters to bind and a new statement to plan every time).

export type NewAccountRow = AccountColumns & { id: string; created_at: Date; updated_at: Date };

const COLUMNS = `id, name, domain, parent_account_id, segment, industry, country, employee_band, owner_user_id, currency,
  customer_since_date, tax_id, billing_address, custom_fields, source_system, external_id, created_at, updated_at`;

function columnArrays(rows: readonly (AccountColumns & { id: string; updated_at: Date })[]) {
  const column = (value: (row: (typeof rows)[number]) => string | null) => textArray(rows, value);
  return sql`unnest(
    ${column((r) => r.id)}::text[], ${column((r) => r.name)}::text[], ${column((r) => r.domain)}::text[],
    ${column((r) => r.parent_account_id)}::text[], ${column((r) => r.segment)}::text[], ${column((r) => r.industry)}::text[],
    ${column((r) => r.country)}::text[], ${column((r) => r.employee_band)}::text[], ${column((r) => r.owner_user_id)}::text[],
    ${column((r) => r.currency)}::text[], ${column((r) => r.customer_since_date)}::date[], ${column((r) => r.tax_id)}::text[],
    ${column((r) => r.billing_address)}::text[], ${column((r) => r.custom_fields)}::text[], ${column((r) => r.source_system)}::text[], ${column((r) => r.external_id)}::text[],
    ${column((r) => r.updated_at.toISOString())}::timestamptz[]
  ) as v (id, name, domain, parent_account_id, segment, industry, country, employee_band, owner_user_id, currency,
          customer_since_date, tax_id, billing_address, custom_fields, source_system, external_id, updated_at)`;
}

/**
 * Inserts the rows (version 1) in one statement and records one 'create' audit entry each, in input
 * order. The entries' `after` is built here rather than read back with `returning *`: an insert
 * stores exactly what it is sent (no default or trigger fills a column; see storedRow).
 */
export async function insertAccountRows(tx: TxCtx, rows: readonly NewAccountRow[]): Promise<AccountRow[]> {
  if (rows.length === 0) return [];
  const ids = textArray(rows, (r) => r.id);
  const created = textArray(rows, (r) => r.created_at.toISOString());
  const result = await sql`
    insert into accounts (${sql.raw(COLUMNS)}, deleted_at, version)
    select v.id, v.name, v.domain, v.parent_account_id, v.segment, v.industry, v.country, v.employee_band, v.owner_user_id, v.currency,
      v.customer_since_date, v.tax_id, v.billing_address, v.custom_fields::jsonb, v.source_system, v.external_id, c.created_at, v.updated_at, null, 1
    from ${columnArrays(rows)}
    join unnest(${ids}::text[], ${created}::timestamptz[]) as c (id, created_at) on c.id = v.id`.execute(crmDb(tx));
  assert(result.numAffectedRows === BigInt(rows.length), `the account insert wrote ${result.numAffectedRows} of ${rows.length} rows`);
  const inserted = rows.map(storedRow);
  await recordAuditEntries(tx, inserted.map((row) => ({ action: 'create', entityType: 'account', entityId: row.id, before: null, after: row })));
  return inserted;
}

/**
 * The row as `returning *` would give it back: the values sent, custom fields parsed from their
 * JSON text (as the driver parses jsonb), version 1, not deleted. Text travels as UTF-8, which
 * turns a lone surrogate into U+FFFD, so the stored text is the well-formed one.
 */
function storedRow(row: NewAccountRow): AccountRow {
  return {
    id: row.id, name: stored(row.name), domain: storedOrNull(row.domain), parent_account_id: storedOrNull(row.parent_account_id),
    segment: storedOrNull(row.segment), industry: storedOrNull(row.industry), country: storedOrNull(row.country),
    employee_band: row.employee_band, owner_user_id: storedOrNull(row.owner_user_id), currency: stored(row.currency),
    customer_since_date: row.customer_since_date, tax_id: storedOrNull(row.tax_id),
    billing_address: storedOrNull(row.billing_address), custom_fields: JSON.parse(row.custom_fields) as AccountRow['custom_fields'],
    source_system: storedOrNull(row.source_system), external_id: storedOrNull(row.external_id),
    created_at: row.created_at, updated_at: row.updated_at, deleted_at: null, version: 1,
  };
}

function stored(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

function storedOrNull(text: string | null): string | null {
  return text === null ? null : stored(text);
}

/**
 * Live accounts inside the scope among `ids`, row-locked: 'update' for the accounts being
 * changed, 'share' for parents being attached (as findAccountRow does one at a time).
 */
export async function lockAccountRows(ctx: Ctx, scope: OwnerScope, ids: readonly string[], lock: 'update' | 'share'): Promise<Map<string, AccountRow>> {
  if (ids.length === 0) return new Map();
  const query = crmDb(ctx)
    .selectFrom('accounts')
    .selectAll()
    .where(sql<boolean>`id = any(${[...new Set(ids)]}::text[])`)
    .where('deleted_at', 'is', null)
    .where(ownerCondition(scope, 'accounts.owner_user_id'))
    .orderBy('id');
  const rows = lock === 'update' ? await query.forUpdate().execute() : await query.forShare().execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export type AccountRowChange = { before: AccountRow; columns: AccountColumns; updatedAt: Date };

/**
 * Writes each account's full set of settable columns, compare-and-set on its version (the caller
 * holds the row locks from lockAccountRows 'update'), and records one 'update' audit entry each.
 */
export async function updateAccountRowsBulk(tx: TxCtx, changes: readonly AccountRowChange[]): Promise<AccountRow[]> {
  if (changes.length === 0) return [];
  const rows = changes.map((c) => ({ ...c.columns, id: c.before.id, updated_at: c.updatedAt }));
  const result = await sql<AccountRow>`
    update accounts a set
      name = v.name, domain = v.domain, parent_account_id = v.parent_account_id, segment = v.segment, industry = v.industry,
      country = v.country, employee_band = v.employee_band, owner_user_id = v.owner_user_id, currency = v.currency,
      customer_since_date = v.customer_since_date, tax_id = v.tax_id, billing_address = v.billing_address, custom_fields = v.custom_fields::jsonb,
      source_system = v.source_system, external_id = v.external_id, updated_at = v.updated_at, version = a.version + 1
    from ${columnArrays(rows)}
    join unnest(${textArray(changes, (c) => c.before.id)}::text[], ${textArray(changes, (c) => String(c.before.version))}::int[]) as w (id, version) on w.id = v.id
    where a.id = v.id and a.version = w.version
    returning a.*`.execute(crmDb(tx));
  const byId = new Map(result.rows.map((row) => [row.id, row]));
  const updated = changes.map((change) => {
    const after = byId.get(change.before.id);
    assert(after, `account ${change.before.id} changed under a row lock; was it read with lockAccountRows 'update'?`);
    return after;
  });
  await recordAuditEntries(tx, changes.map((change, i) => ({ action: 'update', entityType: 'account', entityId: change.before.id, before: change.before, after: updated[i] })));
  return updated;
}
