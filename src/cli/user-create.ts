import { createUser } from '../identity/index.ts';
import { createUserBodySchema } from '../identity/index.ts';
import type { Ctx } from '../shared/context.ts';
import { randomBytes } from 'node:crypto';
import { namingOptions } from './option-names.ts';
import { plainIssueMessage } from '../shared/validation/issue-message.ts';

export type UserCreateOptions = { email: string; name: string; role: string; password?: string; locale?: string; team?: string };

/** `revline user create`: prints a generated password once when none is given. */
export async function runUserCreate(ctx: Ctx, options: UserCreateOptions, out: NodeJS.WritableStream): Promise<number> {
  const generated = options.password ? null : randomBytes(18).toString('base64url');
  const parsed = createUserBodySchema.safeParse({
    email: options.email,
    displayName: options.name,
    role: options.role,
    locale: options.locale ?? 'en',
    teamId: options.team ?? null,
    password: options.password ?? generated,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) out.write(`error: --${cliFlag(String(issue.path[0]))}: ${plainIssueMessage(issue)}\n`);
    return 2;
  }
  const user = await namingOptions({ 'body.teamId': '--team' }, createUser(ctx, parsed.data));
  out.write(`Created ${user.role} ${user.email} (${user.id})\n`);
  if (generated) out.write(`Password (shown once): ${generated}\n`);
  return 0;
}

function cliFlag(field: string): string {
  return ({ displayName: 'name', teamId: 'team' } as Record<string, string>)[field] ?? field;
}
