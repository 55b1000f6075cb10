import { sql, type Insertable, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx, TxCtx } from '../../shared/context.ts';
import type { SharedTables } from '../../shared/db/tables.ts';
import { AppError, assert, notFound } from '../../shared/errors.ts';
import { canonicalJson } from '../../shared/json.ts';
import { ownerCondition, type OwnerScope } from '../owner-scope.ts';
import type { CustomFieldValues } from '../custom-fields/index.ts';
import type { CrmTables } from '../schema.ts';
import { withConstraintErrors } from './record-writes.ts';
import type { Contact, ContactFields, ContactRow, ContactsTable, ContactTables } from './schema.ts';

/** The only module that writes `contacts`; every write here also writes its audit row. */
export function contactsDb(ctx: Ctx): Kysely<SharedTables & CrmTables & ContactTables> {
  return ctx.db.withTables<CrmTables & ContactTables>();
}

/**
 * Record-level scope for contacts (data-model issue): a rep or manager sees the contacts their
 * team owns and every contact of an account their team owns. `table` is the alias of the contacts
 * row in the surrounding query. The account side reads `accounts` directly, as a subquery: the
 * accounts repo has no scope-subquery export yet.
 */
export function contactVisible(scope: OwnerScope, table = 'contacts'): RawBuilder<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  return sql<SqlBool>`(${ownerCondition(scope, `${table}.owner_user_id`)} or exists (
    select 1 from accounts as scope_accounts
    where scope_accounts.id = ${sql.ref(`${table}.account_id`)} and scope_accounts.deleted_at is null
      and ${ownerCondition(scope, 'scope_accounts.owner_user_id')}))`;
}

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    accountId: row.account_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    title: row.title,
    mailingCountry: row.mailing_country,
    ownerUserId: row.owner_user_id,
    customFields: row.custom_fields as CustomFieldValues,
    sourceSystem: row.source_system,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** Every settable column, none optional: a column added but not mapped here fails to compile. */
export type ContactColumns = Required<Omit<Insertable<ContactsTable>, 'id' | 'created_at' | 'updated_at' | 'deleted_at' | 'version'>>;

export function toContactColumns(fields: ContactFields): ContactColumns {
  return {
    account_id: fields.accountId,
    first_name: fields.firstName,
    last_name: fields.lastName,
    email: fields.email,
    phone: fields.phone,
    title: fields.title,
    mailing_country: fields.mailingCountry,
    owner_user_id: fields.ownerUserId,
    // Canonical text so that equal objects compare equal when diffing an update.
    custom_fields: canonicalJson(fields.customFields),
    source_system: fields.sourceSystem,
    external_id: fields.externalId,
  };
}

/** A live contact inside the scope; 'update' locks it for a writer. */
export async function findContactRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: 'update') {
  const query = contactsDb(ctx)
    .selectFrom('contacts')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .where(contactVisible(scope));
  return lock === 'update' ? query.forUpdate().executeTakeFirst() : query.executeTakeFirst();
}

/** 404 whether the contact is missing, deleted or outside the scope: existence must not leak. */
export async function getContactRow(ctx: Ctx, scope: OwnerScope, id: string, lock?: 'update'): Promise<ContactRow> {
  const row = await findContactRow(ctx, scope, id, lock);
  if (!row) throw notFound('contact', id);
  return row;
}

/** The live contact holding a normalized e-mail, whoever owns it (dedupe ignores scope). */
export async function findContactIdByEmail(ctx: Ctx, email: string, exceptId?: string): Promise<string | null> {
  let query = contactsDb(ctx).selectFrom('contacts').select('id').where('email', '=', email).where('deleted_at', 'is', null);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst())?.id ?? null;
}

export async function insertContact(tx: TxCtx, row: ContactColumns & { id: string; created_at: Date; updated_at: Date }): Promise<ContactRow> {
  const inserted = await withConstraintErrors(
    contactsDb(tx).insertInto('contacts').values({ ...row, deleted_at: null, version: 1 }).returningAll().executeTakeFirstOrThrow(),
    CONTACT_CONSTRAINTS,
  );
  await recordAudit(tx, { action: 'create', entityType: 'contact', entityId: row.id, before: null, after: inserted });
  return inserted;
}

/** Compare-and-set on version; the caller holds the row lock and has checked the version. */
export async function updateContactRow(
  tx: TxCtx,
  before: ContactRow,
  changes: Partial<ContactColumns> & { updated_at: Date; deleted_at?: Date },
  action: 'update' | 'delete',
): Promise<ContactRow> {
  const after = await withConstraintErrors(
    contactsDb(tx)
      .updateTable('contacts')
      .set({ ...changes, version: before.version + 1 })
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .returningAll()
      .executeTakeFirst(),
    CONTACT_CONSTRAINTS,
  );
  assert(after, `contact ${before.id} changed under a row lock; was it read with lock 'update'?`);
  await recordAudit(tx, { action, entityType: 'contact', entityId: before.id, before, after });
  return after;
}

const field = (name: string, message: string, code: 'validation_failed' | 'conflict', detail: string) => () =>
  new AppError(code, detail, { fieldErrors: [{ field: `body.${name}`, message }] });

/** The violations a caller can cause. contacts_email only fires on a race the e-mail lock prevents. */
const CONTACT_CONSTRAINTS = {
  contacts_source_external: field('externalId', 'already used by another contact from this source', 'conflict', 'Another contact already has this sourceSystem and externalId'),
  contacts_email: field('email', 'already used by another contact', 'conflict', 'Another contact already has this e-mail address'),
  contacts_owner_user_id_fkey: field('ownerUserId', 'unknown user', 'validation_failed', 'The owner is not a known user'),
  contacts_identified: field('lastName', 'a contact needs a first name, a last name or an e-mail', 'validation_failed', 'A contact needs a first name, a last name or an e-mail'),
};
