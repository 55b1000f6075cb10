import { createContext, useContext } from 'react';
import type { User } from './types.ts';

export type Session = {
  user: User;
  signOut(): Promise<void>;
};

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user; only rendered inside the signed-in frame. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession() outside the signed-in frame');
  return session;
}
