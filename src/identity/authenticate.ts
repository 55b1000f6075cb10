import type { Role } from '../shared/access.ts';
import type { Ctx } from '../shared/context.ts';
import { findApiKeyBySecret } from './api-keys.ts';
import { toUser } from './repo.ts';
import type { AuthResult } from './schema.ts';
import { findSession } from './sessions.ts';

/** An API key (bearer) wins over a cookie; null when neither is valid. */
export async function authenticate(ctx: Ctx, credentials: { bearerToken?: string; sessionToken?: string }): Promise<AuthResult | null> {
  if (credentials.bearerToken) {
    const key = await findApiKeyBySecret(ctx, credentials.bearerToken);
    if (!key) return null;
    return {
      actor: { kind: 'api_key', id: key.id, role: key.role as Role, teamId: key.team_id, displayName: `API key ${key.name}` },
      via: 'api_key',
    };
  }
  if (credentials.sessionToken) {
    const session = await findSession(ctx, credentials.sessionToken);
    if (!session) return null;
    const user = toUser(session);
    return {
      actor: { kind: 'user', id: user.id, role: user.role, teamId: user.teamId, displayName: user.displayName },
      via: 'session',
      csrfToken: session.csrf_token,
      user,
    };
  }
  return null;
}
