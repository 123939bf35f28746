import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/env';

const valid = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/podlab',
  BETTER_AUTH_SECRET: 'a'.repeat(32),
};

describe('parseEnv', () => {
  it.each([
    ['a minimal valid configuration', {}, null],
    ['postgres:// as well as postgresql://', { DATABASE_URL: 'postgres://u:p@db:5432/x' }, null],
    ['GitHub sign-in with both variables', { GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 's' }, null],
    ['empty GitHub variables count as unset', { GITHUB_CLIENT_ID: '', GITHUB_CLIENT_SECRET: '' }, null],
    ['a missing DATABASE_URL', { DATABASE_URL: undefined }, 'DATABASE_URL: is required but not set'],
    ['a DATABASE_URL of another database', { DATABASE_URL: 'mysql://root@localhost/x' }, 'DATABASE_URL: must be a postgresql:// URL'],
    ['a short secret', { BETTER_AUTH_SECRET: 'short' }, 'BETTER_AUTH_SECRET: must be at least 32 characters'],
    ['a relative auth URL', { BETTER_AUTH_URL: 'localhost:3000' }, 'BETTER_AUTH_URL: must be the absolute URL'],
    ['only one GitHub variable', { GITHUB_CLIENT_ID: 'id' }, 'set both GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET, or neither'],
  ])('%s', (_name, overrides, problem) => {
    const source = { ...valid, ...overrides };
    if (problem === null) {
      expect(() => parseEnv(source)).not.toThrow();
    } else {
      expect(() => parseEnv(source)).toThrow(ConfigError);
      expect(() => parseEnv(source)).toThrow(problem);
    }
  });

  it('says every problem on one line', () => {
    try {
      parseEnv({});
      expect.unreachable();
    } catch (e) {
      const message = (e as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toMatch(/^PodLab configuration: DATABASE_URL: .*; BETTER_AUTH_SECRET: /);
    }
  });

  it('defaults the auth URL to the local site', () => {
    expect(parseEnv(valid).BETTER_AUTH_URL).toBe('http://localhost:3000');
  });
});
