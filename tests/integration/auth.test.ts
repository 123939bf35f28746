import { describe, expect, it } from 'vitest';
import { auth } from '@/lib/auth/server';
import { prisma } from '@/lib/db';

const origin = 'http://localhost:3000';

function post(path: string, body: unknown, ip: string) {
  return auth().handler(
    new Request(`${origin}/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    }),
  );
}

describe('accounts (better-auth against the real database)', () => {
  it('stores a password only as a hash, and signs in with it', async () => {
    const email = `hash-${Date.now()}@example.com`;
    const signUp = await post('/sign-up/email', { name: 'Hash', email, password: 'correct-horse' }, '10.0.0.1');
    expect(signUp.status).toBe(200);
    expect(signUp.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const account = await prisma().account.findFirstOrThrow({ where: { user: { email } } });
    expect(account.password).toBeTruthy();
    expect(account.password).not.toContain('correct-horse');
    expect((await post('/sign-in/email', { email, password: 'correct-horse' }, '10.0.0.2')).status).toBe(200);
  });

  it('cannot choose its own role at sign-up', async () => {
    await post('/sign-up/email', { name: 'Earlier', email: `earlier-${Date.now()}@example.com`, password: 'correct-horse' }, '10.0.0.3');
    const email = `sneaky-${Date.now()}@example.com`;
    const res = await post('/sign-up/email', { name: 'Sneaky', email, password: 'correct-horse', role: 'admin' }, '10.0.0.3');
    // better-auth drops a field declared `input: false`: the account is made, as a learner.
    expect(res.status).toBe(200);
    expect((await prisma().user.findUniqueOrThrow({ where: { email } })).role).toBe('learner');
  });

  it('limits password guessing from one address', async () => {
    const email = `guess-${Date.now()}@example.com`;
    await post('/sign-up/email', { name: 'Guess', email, password: 'correct-horse' }, '10.0.0.4');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await post('/sign-in/email', { email, password: `wrong-${i}` }, '10.0.0.5')).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another address is not blocked by someone else's guessing.
    expect((await post('/sign-in/email', { email, password: 'correct-horse' }, '10.0.0.6')).status).toBe(200);
  });
});
