import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { assertTeamExists } from './assert-team-exists.ts';
import { getUserRow, insertUser, toUser, updateUserRow } from './repo.ts';
import type { CreateUserInput, UpdateUserInput, User } from './schema.ts';
import { hashPassword } from './tokens.ts';

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<User> {
  await assertTeamExists(ctx, input.teamId);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const now = new Date(ctx.clock.now().epochMilliseconds);
  return inTransaction(ctx, async (tx) => {
    const row = await insertUser(tx, {
      id: newId('usr'),
      email: input.email.toLowerCase(),
      display_name: input.displayName,
      role: input.role,
      team_id: input.teamId ?? null,
      password_hash: passwordHash,
      locale: input.locale ?? 'en',
      disabled_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    return toUser(row);
  });
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  return toUser(await getUserRow(ctx, id));
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput, expectedVersion: number): Promise<User> {
  await assertTeamExists(ctx, input.teamId);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const now = new Date(ctx.clock.now().epochMilliseconds);
  return inTransaction(ctx, async (tx) => {
    const before = await getUserRow(tx, id);
    if (id === tx.actor.id && (input.disabled === true || (input.role && input.role !== 'admin' && before.role === 'admin'))) {
      throw new AppError('business_rule_violated', 'You cannot disable yourself or remove your own admin role');
    }
    const updated = await updateUserRow(
      tx,
      before,
      {
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
        ...(input.locale !== undefined ? { locale: input.locale } : {}),
        ...(input.disabled !== undefined ? { disabled_at: input.disabled ? (before.disabled_at ?? now) : null } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        updated_at: now,
      },
      expectedVersion,
    );
    // Disabling a user or changing the password ends their sessions.
    if (input.disabled === true || passwordHash) {
      await tx.db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    }
    return toUser(updated);
  });
}

export async function listUsers(ctx: Ctx, options: { limit: number; afterId: string | null }): Promise<User[]> {
  let query = ctx.db.selectFrom('users').selectAll().orderBy('id').limit(options.limit);
  if (options.afterId) query = query.where('id', '>', options.afterId);
  return (await query.execute()).map(toUser);
}
