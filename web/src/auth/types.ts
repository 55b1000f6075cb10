import type { Language } from '../i18n/i18n.ts';
import type { Role } from '../lib/sections.ts';

/** Wire shapes of the identity API (src/identity/schema.ts); instants are ISO 8601 strings. */
export type User = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  locale: Language;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type SessionResponse = { user: User; csrfToken: string };

export type MeResponse = {
  actor: { kind: 'user' | 'api_key'; id: string; role: Role; teamId: string | null; displayName: string };
  user: User | null;
  /** The session's CSRF token, so that a new tab can make changes too. */
  csrfToken?: string;
};

export type ApiKey = {
  id: string;
  name: string;
  role: Role;
  teamId: string | null;
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
};

export type CreatedApiKey = ApiKey & { secret: string };

export type Page<T> = { data: T[]; nextCursor: string | null };

/** The server's password rule (identity passwordSchema): checked here too, for instant feedback. */
export const PASSWORD_MIN_LENGTH = 12;
