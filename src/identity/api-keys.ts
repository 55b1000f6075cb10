import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { recordAudit } from '../shared/audit.ts';
import { newId } from '../shared/ids.ts';
import type { Role } from '../shared/access.ts';
import { assertTeamExists } from './assert-team-exists.ts';
import { getApiKeyRow, insertApiKey, toApiKey } from './repo.ts';
import type { ApiKey } from './schema.ts';
import { newSecretToken, sha256Hex } from './tokens.ts';

export const API_KEY_PREFIX = 'rvl_';

/** Creates a key; the secret is returned once and only its SHA-256 is stored. */
export async function createApiKey(
  ctx: Ctx,
  input: { name: string; role: Role; teamId?: string | null | undefined },
): Promise<{ apiKey: ApiKey; secret: string }> {
  await assertTeamExists(ctx, input.teamId);
  const secret = `${API_KEY_PREFIX}${newSecretToken(30)}`;
  const now = new Date(ctx.clock.now().epochMilliseconds);
  const row = {
    id: newId('key'),
    name: input.name,
    role: input.role,
    team_id: input.teamId ?? null,
    prefix: secret.slice(0, 12),
    secret_hash: sha256Hex(secret),
    created_by: ctx.actor.id,
    created_at: now,
    last_used_at: null,
    revoked_at: null,
  };
  await inTransaction(ctx, (tx) => insertApiKey(tx, row));
  return { apiKey: toApiKey(row), secret };
}

export async function revokeApiKey(ctx: Ctx, id: string): Promise<ApiKey> {
  return inTransaction(ctx, async (tx) => {
    const before = await getApiKeyRow(tx, id);
    if (before.revoked_at) return toApiKey(before);
    const after = { ...before, revoked_at: new Date(tx.clock.now().epochMilliseconds) };
    await tx.db.updateTable('api_keys').set({ revoked_at: after.revoked_at }).where('id', '=', id).execute();
    const { secret_hash: _b, ...visibleBefore } = before;
    const { secret_hash: _a, ...visibleAfter } = after;
    await recordAudit(tx, { action: 'revoke', entityType: 'api_key', entityId: id, before: visibleBefore, after: visibleAfter });
    return toApiKey(after);
  });
}

export async function listApiKeys(ctx: Ctx): Promise<ApiKey[]> {
  const rows = await ctx.db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toApiKey);
}

export async function findApiKeyBySecret(ctx: Ctx, secret: string) {
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  const row = await ctx.db.selectFrom('api_keys').selectAll().where('secret_hash', '=', sha256Hex(secret)).executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  const nowMs = ctx.clock.now().epochMilliseconds;
  if (!row.last_used_at || nowMs - row.last_used_at.getTime() > 60_000) {
    await ctx.db.updateTable('api_keys').set({ last_used_at: new Date(nowMs) }).where('id', '=', row.id).execute();
  }
  return row;
}
