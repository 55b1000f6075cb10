import { inTransaction, type Ctx, type TxCtx } from '../shared/context.ts';
import { AppError, assert, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { canonicalJson } from '../shared/json.ts';
import { parseInput } from '../shared/validation/parse-input.ts';
import { assertSourcePair, defaultOwnerId } from './account-rules.ts';
import { loadCustomFieldChecker, type CustomFieldChecker } from './custom-fields/index.ts';
import { parseCreateAccountInput } from './import-account-input.ts';
import { assertOwnerAssignable, ownerScope, type OwnerScope } from './owner-scope.ts';
import { lockAccountHierarchy, toColumns, withConstraintErrors, wouldCreateCycle, type AccountColumns } from './repo.ts';
import { insertAccountRows, lockAccountRows, updateAccountRowsBulk, type AccountRowChange, type NewAccountRow } from './repo-bulk.ts';
import { updateAccountSchema, type AccountFields, type AccountRow, type CreateAccountInput, type CustomFields, type UpdateAccountInput } from './schema.ts';
import { fieldsOf } from './update-account.ts';

/**
 * One account of an import batch: a new one (createAccount's input), or changes to an existing
 * one (updateAccount's, PATCH semantics) with custom fields laid over the stored ones.
 */
export type AccountImportItem =
  | { kind: 'create'; input: CreateAccountInput }
  | { kind: 'update'; id: string; changes: UpdateAccountInput; customFieldsOverlay: CustomFields | null };

export type AccountImportResult = { id: string; outcome: 'created' | 'updated' | 'unchanged' };

/**
 * createAccount and updateAccount for a whole import batch in a few statements: the same parsing,
 * custom-field checks, owner scope, parent and hierarchy rules and the same audit entries (one per
 * written account), but definitions, scope and locks are read once for the batch and the rows are
 * written set-wise (repo-bulk.ts). An update that changes nothing writes nothing. All or nothing:
 * the first refusal throws, as the single-record services would, and nothing of the batch stays
 * (the import engine then replays the batch row by row to find and report the row at fault).
 * Parents must exist before the batch: a batch never attaches to an account it creates itself.
 */
export async function importAccounts(ctx: Ctx, items: readonly AccountImportItem[]): Promise<AccountImportResult[]> {
  if (items.length === 0) return [];
  const checkCustomFields = await loadCustomFieldChecker(ctx, 'account');
  const scope = await ownerScope(ctx);
  return inTransaction(ctx, async (tx) => {
    // Same order as updateAccount: the hierarchy lock before any row lock, or two re-parentings could deadlock.
    if (items.some((item) => item.kind === 'update' && item.changes.parentAccountId !== undefined)) await lockAccountHierarchy(tx);
    const now = new Date(tx.clock.now().epochMilliseconds);
    const creates = prepareCreates(tx, scope, items, checkCustomFields, now);
    const updates = await prepareUpdates(tx, scope, items, checkCustomFields, now);
    const changes = [...updates.values()].flatMap((u) => (u.change ? [u.change] : []));
    await assertParentsUsable(tx, scope, [...creates.values()], changes);
    await withConstraintErrors(insertAccountRows(tx, [...creates.values()]));
    await withConstraintErrors(updateAccountRowsBulk(tx, changes));
    return items.map((_item, i): AccountImportResult => {
      const created = creates.get(i);
      if (created) return { id: created.id, outcome: 'created' };
      const update = updates.get(i);
      assert(update, `import item ${i} was neither a create nor an update`);
      return { id: update.id, outcome: update.change ? 'updated' : 'unchanged' };
    });
  });
}

type PreparedUpdate = { id: string; columns: AccountColumns; change: AccountRowChange | null };

/** createAccount's checks, item by item, before anything is written: the rows to insert, by item index. */
function prepareCreates(
  tx: TxCtx, scope: OwnerScope, items: readonly AccountImportItem[], checkCustomFields: CustomFieldChecker, now: Date,
): Map<number, NewAccountRow> {
  const prepared = new Map<number, NewAccountRow>();
  items.forEach((item, i) => {
    if (item.kind !== 'create') return;
    // The parsed input is this call's own object: completed in place rather than copied (one object less per account).
    const fields = parseCreateAccountInput(item.input) as AccountFields;
    fields.customFields = checkCustomFields(fields.customFields, { partial: false });
    if (fields.ownerUserId === undefined) fields.ownerUserId = defaultOwnerId(tx.actor);
    assertSourcePair(fields);
    assertOwnerAssignable(scope, fields.ownerUserId);
    prepared.set(i, Object.assign(toColumns(fields), { id: newId('acct'), created_at: now, updated_at: now }));
  });
  return prepared;
}

/** updateAccount's checks for every update item, on rows locked for the batch; unchanged ones get no change. */
async function prepareUpdates(
  tx: TxCtx, scope: OwnerScope, items: readonly AccountImportItem[], checkCustomFields: CustomFieldChecker, now: Date,
): Promise<Map<number, PreparedUpdate>> {
  const ids = items.flatMap((item) => (item.kind === 'update' ? [item.id] : []));
  if (new Set(ids).size !== ids.length) throw new Error('Assertion failed: an import batch updates one account twice');
  const rows = await lockAccountRows(tx, scope, ids, 'update');
  const prepared = new Map<number, PreparedUpdate>();
  items.forEach((item, i) => {
    if (item.kind !== 'update') return;
    const before = rows.get(item.id);
    if (!before) throw notFound('account', item.id);
    prepared.set(i, prepareUpdate(scope, before, item, checkCustomFields, now));
  });
  return prepared;
}

function prepareUpdate(
  scope: OwnerScope, before: AccountRow, item: Extract<AccountImportItem, { kind: 'update' }>, checkCustomFields: CustomFieldChecker, now: Date,
): PreparedUpdate {
  const previous = fieldsOf(before);
  const overlay = item.customFieldsOverlay === null ? {} : { customFields: { ...previous.customFields, ...item.customFieldsOverlay } };
  const proposed: UpdateAccountInput = { ...item.changes, ...overlay };
  // A re-import mostly sends what is stored. Stored values are normalized and every field schema
  // is idempotent on normalized input, so equal values cannot parse to a change: skip the parse.
  if (equalsStored(previous, proposed)) return { id: before.id, columns: toColumns(previous), change: null };
  const parsed = parseInput(updateAccountSchema, proposed);
  const changes = parsed.customFields === undefined ? parsed : { ...parsed, customFields: checkCustomFields(parsed.customFields, { partial: false }) };
  const fields: AccountFields = { ...previous, ...definedOnly(changes) };
  const beforeColumns = toColumns(previous);
  const columns = toColumns(fields);
  const changedKeys = (Object.keys(columns) as Array<keyof AccountColumns>).filter((key) => columns[key] !== beforeColumns[key]);
  if (changedKeys.length === 0) return { id: before.id, columns, change: null };
  if (changedKeys.includes('owner_user_id')) assertOwnerAssignable(scope, fields.ownerUserId);
  assertSourcePair(fields);
  return { id: before.id, columns, change: { before, columns, updatedAt: now } };
}

/**
 * assertParentUsable for the batch: every parent a new account names, or a changed link points
 * to, is a live account the actor can see, share-locked; a changed link must not close a loop.
 */
async function assertParentsUsable(tx: TxCtx, scope: OwnerScope, created: readonly AccountColumns[], changes: readonly AccountRowChange[]): Promise<void> {
  const reparented = changes.filter((c) => c.columns.parent_account_id !== null && c.columns.parent_account_id !== c.before.parent_account_id);
  // Each cycle check reads the hierarchy as stored: two moves in one batch could close a loop
  // together unseen. The engine replays a refused batch one row per call, where this cannot happen.
  if (reparented.length > 1) throw new Error('an import batch re-parents more than one account: write it one account at a time');
  const parentIds = [...created.map((c) => c.parent_account_id), ...reparented.map((c) => c.columns.parent_account_id)].filter((id): id is string => id !== null);
  const found = await lockAccountRows(tx, scope, parentIds, 'share');
  for (const parentId of parentIds) {
    if (found.has(parentId)) continue;
    throw new AppError('validation_failed', `Parent account ${parentId} does not exist or is not visible to you`, {
      fieldErrors: [{ field: 'body.parentAccountId', message: 'unknown account' }],
    });
  }
  for (const { before, columns } of reparented) {
    const parentId = columns.parent_account_id as string;
    if (parentId === before.id || (await wouldCreateCycle(tx, before.id, parentId))) {
      throw new AppError('business_rule_violated', `Account ${parentId} is ${before.id} itself or one of its descendants`, {
        fieldErrors: [{ field: 'body.parentAccountId', message: 'would make the hierarchy a loop' }],
      });
    }
  }
}

function equalsStored(stored: AccountFields, proposed: UpdateAccountInput): boolean {
  return Object.entries(proposed).every(([key, value]) => {
    if (value === undefined) return true;
    const current = stored[key as keyof AccountFields];
    return typeof value === 'object' && value !== null ? canonicalJson(value) === canonicalJson(current) : value === current;
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

