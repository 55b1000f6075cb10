import { recordAudit } from '../shared/audit.ts';
import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { findUserRowByEmail, toUser } from './repo.ts';
import type { User } from './schema.ts';
import { newSecretToken, sha256Hex, verifyPassword } from './tokens.ts';

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
// A fixed argon2 hash verified when the e-mail is unknown, so timing does not reveal which e-mails exist.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3Gk0vQkX2U8nUlV4mQH0Dz3mT3Q8x0qg5n1xqkq2b6Y';

export type LoginResult = { sessionToken: string; csrfToken: string; expiresAt: Date; user: User };

export async function login(ctx: Ctx, input: { email: string; password: string }): Promise<LoginResult> {
  const row = await findUserRowByEmail(ctx, input.email);
  const valid = await verifyPassword(row?.password_hash ?? DUMMY_HASH, input.password);
  if (!row || !row.password_hash || !valid || row.disabled_at !== null) {
    throw new AppError('unauthenticated', 'E-mail or password is wrong, or the user is disabled');
  }
  const sessionToken = newSecretToken();
  const csrfToken = newSecretToken();
  const nowMs = ctx.clock.now().epochMilliseconds;
  const expiresAt = new Date(nowMs + SESSION_ABSOLUTE_MS);
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .insertInto('sessions')
      .values({
        token_hash: sha256Hex(sessionToken),
        user_id: row.id,
        csrf_token: csrfToken,
        created_at: new Date(nowMs),
        expires_at: expiresAt,
        last_seen_at: new Date(nowMs),
        revoked_at: null,
      })
      .execute();
    await recordAudit(
      { ...tx, actor: { kind: 'user', id: row.id, role: row.role as User['role'], teamId: row.team_id, displayName: row.display_name } },
      { action: 'login', entityType: 'user', entityId: row.id, before: null, after: { sessionExpiresAt: expiresAt.toISOString() } },
    );
  });
  return { sessionToken, csrfToken, expiresAt, user: toUser(row) };
}

export async function logout(ctx: Ctx, sessionToken: string): Promise<void> {
  await ctx.db
    .updateTable('sessions')
    .set({ revoked_at: new Date(ctx.clock.now().epochMilliseconds) })
    .where('token_hash', '=', sha256Hex(sessionToken))
    .where('revoked_at', 'is', null)
    .execute();
}

/** A live session: not revoked, not past its absolute expiry, used within the idle window. */
export async function findSession(ctx: Ctx, sessionToken: string) {
  const nowMs = ctx.clock.now().epochMilliseconds;
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.token_hash', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', 'sessions.revoked_at'])
    .where('sessions.token_hash', '=', sha256Hex(sessionToken))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled_at !== null) return null;
  if (row.expires_at.getTime() <= nowMs || row.last_seen_at.getTime() + SESSION_IDLE_MS <= nowMs) return null;
  // Touch at most once a minute: keeps the idle window sliding without a write per request.
  if (nowMs - row.last_seen_at.getTime() > 60_000) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: new Date(nowMs) }).where('token_hash', '=', row.token_hash).execute();
  }
  return row;
}
