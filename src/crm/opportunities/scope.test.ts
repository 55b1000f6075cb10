import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/support/test-context.ts';
import { createTeam, createUser, type User } from '../../identity/index.ts';
import type { Actor, Role } from '../../shared/access.ts';
import { withActor, type Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { makeAccountInput } from '../fixtures.ts';
import { createAccount } from '../index.ts';
import { makeOpportunityInput } from './fixtures.ts';
import { changeOpportunityStage, createOpportunity, getOpportunity, listOpportunities, listStageHistory, type Opportunity } from './index.ts';

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(() => new Error('expected an AppError, but the call succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function actorOf(user: User, role: Role, teamId: string): Actor {
  return { kind: 'user', id: user.id, role, teamId, displayName: user.displayName };
}

describe('opportunity scope for sales reps and managers', () => {
  let t: TestContext;
  let rep: Ctx;
  let manager: Ctx;
  const users = {} as Record<'rep' | 'teammate' | 'manager' | 'outsider', User>;
  const opps = {} as Record<'ofTeammate' | 'ofOutsiderOnTeamAccount' | 'ofOutsider', Opportunity>;
  let teamAccountId = '';
  let outsiderAccountId = '';

  beforeAll(async () => {
    t = await createTestContext();
    const team = await createTeam(t.ctx, { name: 'EMEA' });
    const other = await createTeam(t.ctx, { name: 'APAC' });
    const user = (name: string, role: Role, teamId: string) => createUser(t.ctx, { email: `${name}@example.com`, displayName: name, role, teamId, locale: 'en' });
    users.rep = await user('rep', 'sales_rep', team.id);
    users.teammate = await user('teammate', 'sales_rep', team.id);
    users.manager = await user('manager', 'sales_manager', team.id);
    users.outsider = await user('outsider', 'sales_rep', other.id);
    rep = withActor(t.ctx, actorOf(users.rep, 'sales_rep', team.id));
    manager = withActor(t.ctx, actorOf(users.manager, 'sales_manager', team.id));
    teamAccountId = (await createAccount(t.ctx, makeAccountInput({ ownerUserId: users.teammate.id }))).id;
    outsiderAccountId = (await createAccount(t.ctx, makeAccountInput({ ownerUserId: users.outsider.id }))).id;
    opps.ofTeammate = await createOpportunity(t.ctx, makeOpportunityInput(outsiderAccountId, { ownerUserId: users.teammate.id }));
    opps.ofOutsiderOnTeamAccount = await createOpportunity(t.ctx, makeOpportunityInput(teamAccountId, { ownerUserId: users.outsider.id }));
    opps.ofOutsider = await createOpportunity(t.ctx, makeOpportunityInput(outsiderAccountId, { ownerUserId: users.outsider.id }));
  });
  afterAll(() => t.close());

  it('lists the team\'s opportunities and those on the team\'s accounts, nothing else', async () => {
    for (const ctx of [rep, manager]) {
      const ids = (await listOpportunities(ctx, { limit: 100 })).data.map((o) => o.id).sort();
      expect(ids).toEqual([opps.ofTeammate.id, opps.ofOutsiderOnTeamAccount.id].sort());
    }
    expect((await listOpportunities(t.ctx, { limit: 100 })).data).toHaveLength(3);
  });

  it('answers 404 outside the scope, 403 on writes to an opportunity seen only through its account', async () => {
    expect((await appError(getOpportunity(rep, opps.ofOutsider.id))).code).toBe('not_found');
    expect((await appError(listStageHistory(rep, opps.ofOutsider.id))).code).toBe('not_found');
    expect((await appError(changeOpportunityStage(rep, { id: opps.ofOutsider.id, expectedVersion: 1, stage: 'proposal' }))).code).toBe('not_found');
    expect((await getOpportunity(rep, opps.ofOutsiderOnTeamAccount.id)).id).toBe(opps.ofOutsiderOnTeamAccount.id);
    const readOnly = await appError(changeOpportunityStage(rep, { id: opps.ofOutsiderOnTeamAccount.id, expectedVersion: 1, stage: 'proposal' }));
    expect(readOnly.code).toBe('forbidden');
    const moved = await changeOpportunityStage(manager, { id: opps.ofTeammate.id, expectedVersion: 1, stage: 'proposal' });
    expect(moved.stage).toBe('proposal');
  });

  it('creates for the signed-in rep on visible accounts only, and never for outsiders', async () => {
    const own = await createOpportunity(rep, makeOpportunityInput(teamAccountId));
    expect(own.ownerUserId).toBe(users.rep.id);
    const hidden = await appError(createOpportunity(rep, makeOpportunityInput(outsiderAccountId)));
    expect(hidden.fieldErrors.map((f) => f.field)).toEqual(['body.accountId']);
    expect((await appError(createOpportunity(rep, makeOpportunityInput(teamAccountId, { ownerUserId: users.outsider.id })))).code).toBe('forbidden');
  });
});
