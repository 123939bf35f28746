import { describe, expect, it } from 'vitest';
import { hasRole, isRole, roleChangeRefusal, type Role } from './roles';

describe('hasRole', () => {
  it.each<[Role, Role, boolean]>([
    ['learner', 'learner', true],
    ['learner', 'instructor', false],
    ['learner', 'admin', false],
    ['instructor', 'learner', true],
    ['instructor', 'instructor', true],
    ['instructor', 'admin', false],
    ['admin', 'learner', true],
    ['admin', 'instructor', true],
    ['admin', 'admin', true],
  ])('%s may open what needs %s: %s', (role, needed, expected) => {
    expect(hasRole(role, needed)).toBe(expected);
  });

  it.each([['learner', true], ['admin', true], ['root', false], [undefined, false], [3, false]])('isRole(%j) is %s', (v, ok) => {
    expect(isRole(v)).toBe(ok);
  });
});

describe('roleChangeRefusal', () => {
  const admin = { id: 'a', role: 'admin' as const };
  it.each([
    ['an admin promotes a learner', admin, { id: 'b', role: 'learner' as Role }, 'instructor' as Role, 1, null],
    ['an admin demotes another admin', admin, { id: 'b', role: 'admin' as Role }, 'learner' as Role, 2, null],
    ['an admin demotes themself while another admin remains', admin, admin, 'learner' as Role, 2, null],
    ['the last admin demotes themself', admin, admin, 'learner' as Role, 1, 'This is the last admin'],
    ['an instructor changes a role', { id: 'i', role: 'instructor' as Role }, { id: 'b', role: 'learner' as Role }, 'admin' as Role, 1, 'Only an admin'],
    ['a learner makes themself admin', { id: 'l', role: 'learner' as Role }, { id: 'l', role: 'learner' as Role }, 'admin' as Role, 1, 'Only an admin'],
    ['an admin keeps a role as it is', admin, admin, 'admin' as Role, 1, null],
  ])('%s', (_name, actor, target, to, adminCount, refusal) => {
    const result = roleChangeRefusal({ actor, target, to, adminCount });
    if (refusal === null) expect(result).toBeNull();
    else expect(result).toContain(refusal);
  });
});
