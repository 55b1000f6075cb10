import type { TFunction } from 'i18next';
import type { User } from '../auth/types.ts';

/**
 * Who did it, as a person reads it: "you" for the signed-in user, the system by name, a user or an
 * API key by its name (`names`, from useActorNames), the id while the name is unknown.
 */
export function actorLabel(actor: { type: string; id: string }, me: User, t: TFunction, names: ReadonlyMap<string, string | null>): string {
  if (actor.id === me.id) return t('data.actorYou', { name: me.displayName });
  // The command line acts as the system, under the name of the user who ran it (cli:<name>).
  if (actor.id.startsWith('cli:')) return t('data.actorCli', { name: actor.id.slice('cli:'.length) });
  if (actor.type === 'system') return t('data.actorSystem');
  const name = names.get(actor.id) ?? actor.id;
  if (actor.type === 'user') return name;
  if (actor.type === 'api_key') return t('data.actorApiKey', { name });
  return `${actor.type}: ${actor.id}`;
}

/** The kind of actor behind an id that comes without its type (an import run's actorId): users are usr_…, API keys key_…, the CLI cli:…. */
export function actorTypeOf(id: string): string {
  if (id.startsWith('key_')) return 'api_key';
  if (id.startsWith('usr_')) return 'user';
  return 'system';
}
