import { describe, expect, it } from 'vitest';
import type { Network, NetResult } from './process';
import { mysqladmin, pgIsReady, redisCli } from './db-clients';

/** A network where only the listed host:port pairs accept connections. */
const net = (open: string[]): Network => ({
  lookup: () => undefined,
  http: () => ({ ok: false, error: 'refused' }),
  tcp: (host, port): NetResult => (open.includes(`${host}:${port}`) ? { ok: true, status: 0, body: '', address: host } : { ok: false, error: 'refused', address: host }),
});

describe('database health clients', () => {
  it.each([
    ['redis-cli ping against a listening server', () => redisCli(['ping'], net(['127.0.0.1:6379'])), { out: 'PONG\n', code: 0 }],
    ['redis-cli ping with nothing listening', () => redisCli(['-h', 'cache', 'ping'], net([])), { err: 'Could not connect to Redis at cache:6379: Connection refused\n', code: 1 }],
    ['mysqladmin ping over the socket', () => mysqladmin(['ping'], net(['127.0.0.1:3306'])), { out: 'mysqld is alive\n', code: 0 }],
    ['mysqladmin ping before the socket exists', () => mysqladmin(['ping'], net([])), { code: 1, err: "mysqladmin: connect to server at 'localhost' failed\nerror: 'Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)'\nCheck that mysqld is running and that the socket: '/var/run/mysqld/mysqld.sock' exists!\n" }],
    ['mysqladmin warns about a password on the command line', () => mysqladmin(['ping', '-uroot', '-psecret'], net(['127.0.0.1:3306'])), { err: 'mysqladmin: [Warning] Using a password on the command line interface can be insecure.\n', code: 0 }],
    ['pg_isready over the socket', () => pgIsReady(['-U', 'postgres'], net(['127.0.0.1:5432'])), { out: '/var/run/postgresql:5432 - accepting connections\n', code: 0 }],
    ['pg_isready to a host that does not answer', () => pgIsReady(['-h', 'db', '-p', '5433'], net([])), { out: 'db:5433 - no response\n', code: 2 }],
  ])('%s', (_n, run, want) => {
    expect(run()).toMatchObject(want);
  });
});
