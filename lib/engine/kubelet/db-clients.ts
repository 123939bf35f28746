/**
 * The database images' own health clients, as readiness and liveness probes use them:
 * `redis-cli ping`, `mysqladmin ping` and `pg_isready`. Each only asks whether the server
 * accepts connections; they print what the real tools print and exit with their codes.
 */
import type { CommandOutput } from './identity';
import type { Network } from './process';

interface Parsed {
  opts: Map<string, string>;
  words: string[];
}

/** Options that take a value (`-h host` or `-hhost`), flags, and the remaining words. */
function parse(args: string[], withValue: string[], longNames: Record<string, string> = {}): Parsed {
  const opts = new Map<string, string>();
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const long = /^--([a-z-]+)=(.*)$/.exec(a);
    if (long && longNames[long[1]]) opts.set(longNames[long[1]], long[2]);
    else if (/^-[a-zA-Z]/.test(a)) {
      const flag = a.slice(0, 2);
      if (withValue.includes(flag)) {
        if (a.length > 2) opts.set(flag, a.slice(2));
        else opts.set(flag, args[++i] ?? '');
      } else opts.set(flag, a.slice(2));
    } else words.push(a);
  }
  return { opts, words };
}

/** redis-cli [-h host] [-p port] [-a password] ping|COMMAND ...: PONG from a listening server. */
export function redisCli(args: string[], network: Network): CommandOutput {
  const { opts, words } = parse(args, ['-h', '-p', '-a', '-n', '-u']);
  const host = opts.get('-h') ?? '127.0.0.1';
  const port = Number(opts.get('-p') ?? 6379);
  const warn = opts.has('-a') ? "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\n" : '';
  const r = network.tcp(host, port);
  if (!r.ok) {
    const why = r.error === 'dns' ? 'Name or service not known' : r.error === 'timeout' ? 'Connection timed out' : 'Connection refused';
    return { out: '', err: `${warn}Could not connect to Redis at ${host}:${port}: ${why}\n`, code: 1 };
  }
  const cmd = (words[0] ?? '').toLowerCase();
  if (cmd === 'ping') return { out: words[1] !== undefined ? `${words[1]}\n` : 'PONG\n', err: warn, code: 0 };
  return { out: cmd ? 'OK\n' : '', err: warn, code: 0 };
}

/**
 * mysqladmin [-h host] [-P port] [-u user] [-p[password]] ping: "mysqld is alive" while the server
 * accepts connections (exit 0 even when the password is wrong), else the client's connect error.
 */
export function mysqladmin(args: string[], network: Network, tool = 'mysqladmin'): CommandOutput {
  const { opts, words } = parse(args, ['-h', '-P', '-u', '-S'], { host: '-h', port: '-P', user: '-u', password: '-p' });
  const host = opts.get('-h') ?? 'localhost';
  const port = Number(opts.get('-P') ?? 3306);
  const warn = (opts.get('-p') ?? '') !== '' ? `${tool}: [Warning] Using a password on the command line interface can be insecure.\n` : '';
  const r = network.tcp(host === 'localhost' ? '127.0.0.1' : host, port);
  if (!r.ok) {
    const detail = host === 'localhost'
      ? "error: 'Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)'\nCheck that mysqld is running and that the socket: '/var/run/mysqld/mysqld.sock' exists!\n"
      : r.error === 'dns'
        ? `error: 'Unknown MySQL server host '${host}' (-2)'\nCheck that mysqld is running on ${host} and that the port is ${port}.\nYou can check this by doing 'telnet ${host} ${port}'\n`
        : `error: 'Can't connect to MySQL server on '${host}:${port}' (111)'\nCheck that mysqld is running on ${host} and that the port is ${port}.\nYou can check this by doing 'telnet ${host} ${port}'\n`;
    return { out: '', err: `${warn}${tool}: connect to server at '${host}' failed\n${detail}`, code: 1 };
  }
  if ((words[0] ?? '') === 'ping') return { out: 'mysqld is alive\n', err: warn, code: 0 };
  return { out: '', err: warn, code: 0 };
}

/** pg_isready [-h host] [-p port] [-U user] [-d db]: "accepting connections" (0) or "no response" (2). */
export function pgIsReady(args: string[], network: Network): CommandOutput {
  const { opts } = parse(args, ['-h', '-p', '-U', '-d', '-t'], { host: '-h', port: '-p', username: '-U', dbname: '-d', timeout: '-t' });
  const host = opts.get('-h');
  const port = Number(opts.get('-p') ?? 5432);
  const where = `${host ?? '/var/run/postgresql'}:${port}`;
  const quiet = opts.has('-q');
  const r = network.tcp(host ?? '127.0.0.1', port);
  if (!r.ok) return { out: quiet ? '' : `${where} - no response\n`, err: '', code: 2 };
  return { out: quiet ? '' : `${where} - accepting connections\n`, err: '', code: 0 };
}
