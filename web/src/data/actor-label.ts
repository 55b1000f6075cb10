import type { TFunction } from 'i18next';
import type { User } from '../auth/types.ts';

/** Who did it, as a person reads it: "you" for the signed-in user, the system by name, others by id. */
export function actorLabel(actor: { type: string; id: string }, me: User, t: TFunction): string {
  if (actor.id === me.id) return t('data.actorYou', { name: me.displayName });
  if (actor.type === 'system') return t('data.actorSystem');
  return actor.type === 'user' ? actor.id : `${actor.type}: ${actor.id}`;
}
