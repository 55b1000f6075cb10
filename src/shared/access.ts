/** Roles, in one list: routes declare which of these may call them. */
export const ROLES = ['admin', 'revops', 'sales_rep', 'sales_manager', 'finance', 'success', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export type ActorKind = 'user' | 'api_key' | 'system';

/** Who is acting: carried in ctx, written to every audit entry. */
export type Actor = {
  kind: ActorKind;
  id: string;
  role: Role;
  teamId: string | null;
  displayName: string;
};

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: 'system',
  role: 'admin',
  teamId: null,
  displayName: 'Revline',
};

export function cliActor(name = process.env['USER'] ?? 'cli'): Actor {
  return { kind: 'system', id: `cli:${name}`, role: 'admin', teamId: null, displayName: `CLI (${name})` };
}
