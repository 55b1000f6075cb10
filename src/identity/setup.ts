import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { createUser } from './users.ts';
import type { User } from './schema.ts';
import { newSecretToken, sha256Hex } from './tokens.ts';

export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export async function needsSetup(ctx: Ctx): Promise<boolean> {
  const admin = await ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).executeTakeFirst();
  return !admin;
}

/**
 * On a start with no admin, issues a fresh one-time token (older unused ones
 * are withdrawn, so only the link printed last works). Null when set up.
 */
export async function issueSetupToken(ctx: Ctx): Promise<string | null> {
  if (!(await needsSetup(ctx))) return null;
  const token = newSecretToken();
  const nowMs = ctx.clock.now().epochMilliseconds;
  await inTransaction(ctx, async (tx) => {
    await tx.db.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
    await tx.db
      .insertInto('setup_tokens')
      .values({ token_hash: sha256Hex(token), created_at: new Date(nowMs), expires_at: new Date(nowMs + SETUP_TOKEN_TTL_MS), used_at: null })
      .execute();
  });
  return token;
}

export async function completeSetup(
  ctx: Ctx,
  input: { token: string; email: string; displayName: string; password: string; locale?: 'en' | 'de' | 'it' | 'ru' },
): Promise<User> {
  const nowMs = ctx.clock.now().epochMilliseconds;
  return inTransaction(ctx, async (tx) => {
    // Locks the token row: two concurrent set-ups with one token cannot both succeed.
    const token = await tx.db.selectFrom('setup_tokens').selectAll().where('token_hash', '=', sha256Hex(input.token)).forUpdate().executeTakeFirst();
    if (!token || token.used_at !== null || token.expires_at.getTime() <= nowMs) {
      throw new AppError('unauthenticated', 'The set-up link is invalid, used or expired; restart Revline to print a new one');
    }
    if (!(await needsSetup(tx))) throw new AppError('setup_already_done', 'An admin already exists; sign in instead');
    await tx.db.updateTable('setup_tokens').set({ used_at: new Date(nowMs) }).where('token_hash', '=', token.token_hash).execute();
    return createUser(tx, { email: input.email, displayName: input.displayName, role: 'admin', locale: input.locale ?? 'en', password: input.password });
  });
}
