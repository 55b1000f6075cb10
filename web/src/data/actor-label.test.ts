import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { User } from '../auth/types.ts';
import { actorLabel, actorTypeOf } from './actor-label.ts';

const t = ((key: string, values?: Record<string, string>) => `${key}${values ? ` ${JSON.stringify(values)}` : ''}`) as unknown as TFunction;
const me = { id: 'usr_me', displayName: 'Frieda Finance' } as User;
const names = new Map<string, string | null>([['usr_ada', 'Ada Admin'], ['key_robot', 'Bank robot'], ['usr_gone', null]]);

describe('actorLabel', () => {
  it('says "you" for the signed-in user, names users and API keys, and keeps the id while no name is known', () => {
    expect(actorLabel({ type: 'user', id: 'usr_me' }, me, t, names)).toBe('data.actorYou {"name":"Frieda Finance"}');
    expect(actorLabel({ type: 'user', id: 'usr_ada' }, me, t, names)).toBe('Ada Admin');
    expect(actorLabel({ type: 'api_key', id: 'key_robot' }, me, t, names)).toBe('data.actorApiKey {"name":"Bank robot"}');
    expect(actorLabel({ type: 'user', id: 'usr_loading' }, me, t, names)).toBe('usr_loading');
    expect(actorLabel({ type: 'user', id: 'usr_gone' }, me, t, names)).toBe('usr_gone');
    expect(actorLabel({ type: 'system', id: 'cli:root' }, me, t, names)).toBe('data.actorCli {"name":"root"}');
    expect(actorLabel({ type: 'system', id: 'system' }, me, t, names)).toBe('data.actorSystem');
  });

  it('tells an id\u2019s kind by its prefix', () => {
    expect(['usr_1', 'key_1', 'cli:root', 'system'].map(actorTypeOf)).toEqual(['user', 'api_key', 'system', 'system']);
  });
});
