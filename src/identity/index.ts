export { authenticate } from './authenticate.ts';
export { createApiKey, revokeApiKey, listApiKeys } from './api-keys.ts';
export { createUser, getUser, updateUser, listUsers } from './users.ts';
export { createTeam, listTeams, findTeamMemberIds, findManagedTeamMemberIds } from './teams.ts';
export { login, logout } from './sessions.ts';
export { issueSetupToken, completeSetup, needsSetup } from './setup.ts';
export { identityRoutes, SESSION_COOKIE } from './routes.ts';
export type { User, ApiKey, Team, AuthResult } from './schema.ts';
export { createUserBodySchema, userSchema, roleSchema } from './schema.ts';
