import { z } from 'zod';
import { ROLES, type Role } from '../shared/access.ts';

export const roleSchema = z.enum(ROLES);
export const localeSchema = z.enum(['en', 'de', 'it', 'ru']);
export const passwordSchema = z.string().min(12, 'at least 12 characters').max(256);
export const emailSchema = z.string().trim().toLowerCase().email().max(254);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  teamId: z.string().nullable(),
  locale: localeSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

export const createUserBodySchema = z
  .object({
    email: emailSchema,
    displayName: z.string().trim().min(1).max(200),
    role: roleSchema,
    teamId: z.string().min(1).max(100).nullable().optional(),
    locale: localeSchema.default('en'),
    password: passwordSchema.optional(),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    role: roleSchema.optional(),
    teamId: z.string().min(1).max(100).nullable().optional(),
    locale: localeSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
    version: z.number().int().positive().optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserBodySchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  teamId: z.string().nullable(),
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createApiKeyBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: roleSchema,
    teamId: z.string().min(1).max(100).nullable().optional(),
  })
  .strict();

export const teamSchema = z.object({ id: z.string(), name: z.string(), managerUserId: z.string().nullable() });
export type Team = z.infer<typeof teamSchema>;
export const createTeamBodySchema = z.object({ name: z.string().trim().min(1).max(200), managerUserId: z.string().nullable().optional() }).strict();

export type AuthResult = {
  actor: { kind: 'user' | 'api_key'; id: string; role: Role; teamId: string | null; displayName: string };
  via: 'session' | 'api_key';
  csrfToken?: string;
  user?: User;
};
