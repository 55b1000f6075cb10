import type { Selectable } from 'kysely';
import { recordAudit } from '../shared/audit.ts';
import type { Ctx, TxCtx } from '../shared/context.ts';
import type { ApiKeysTable, TeamsTable, UsersTable } from '../shared/db/tables.ts';
import { AppError, notFound } from '../shared/errors.ts';
import type { ApiKey, Team, User } from './schema.ts';

type UserRow = Selectable<UsersTable>;
type ApiKeyRow = Selectable<ApiKeysTable>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as User['role'],
    teamId: row.team_id,
    locale: row.locale as User['locale'],
    disabled: row.disabled_at !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role as ApiKey['role'],
    teamId: row.team_id,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at ? row.last_used_at.toISOString() : null,
    revoked: row.revoked_at !== null,
  };
}

export function toTeam(row: Selectable<TeamsTable>): Team {
  return { id: row.id, name: row.name, managerUserId: row.manager_user_id };
}

export async function findUserRowById(ctx: Ctx, id: string): Promise<UserRow | undefined> {
  return ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getUserRow(ctx: Ctx, id: string): Promise<UserRow> {
  const row = await findUserRowById(ctx, id);
  if (!row) throw notFound('user', id);
  return row;
}

export async function findUserRowByEmail(ctx: Ctx, email: string): Promise<UserRow | undefined> {
  return ctx.db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

/** Audited insert; a duplicate e-mail becomes a 409 with the field named. */
export async function insertUser(tx: TxCtx, row: UserRow): Promise<UserRow> {
  if (await findUserRowByEmail(tx, row.email)) {
    throw new AppError('conflict', `A user with e-mail ${row.email} already exists`, {
      fieldErrors: [{ field: 'body.email', message: 'already in use', code: 'already_in_use' }],
    });
  }
  await tx.db.insertInto('users').values(row).execute();
  await recordAudit(tx, { action: 'create', entityType: 'user', entityId: row.id, before: null, after: redactUser(row) });
  return row;
}

/** Compare-and-set on version; audited with before/after (password hashes redacted). */
export async function updateUserRow(tx: TxCtx, before: UserRow, changes: Partial<UserRow>, expectedVersion: number): Promise<UserRow> {
  const updated = await tx.db
    .updateTable('users')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', before.id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (!updated) {
    throw new AppError('version_conflict', `User ${before.id} is at version ${before.version}, not ${expectedVersion}`, {
      extra: { currentVersion: before.version },
    });
  }
  await recordAudit(tx, { action: 'update', entityType: 'user', entityId: before.id, before: redactUser(before), after: redactUser(updated) });
  return updated;
}

function redactUser(row: UserRow): Record<string, unknown> {
  const { password_hash, ...rest } = row;
  return { ...rest, password_hash: password_hash ? '[redacted]' : null };
}

export async function insertApiKey(tx: TxCtx, row: ApiKeyRow): Promise<void> {
  await tx.db.insertInto('api_keys').values(row).execute();
  const { secret_hash: _secret, ...visible } = row;
  await recordAudit(tx, { action: 'create', entityType: 'api_key', entityId: row.id, before: null, after: visible });
}

export async function getApiKeyRow(ctx: Ctx, id: string): Promise<ApiKeyRow> {
  const row = await ctx.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('api_key', id);
  return row;
}
