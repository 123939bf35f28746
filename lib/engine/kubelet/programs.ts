/**
 * How the catalogue's programs behave over virtual time: what they print, which ports they serve,
 * how long they take to become ready, how they exit, and how they take SIGTERM. Anything the image
 * does not have fails to start as runc reports it.
 */
import type { ImageInfo } from './images';
import { normalizePath } from './fs';
import type { Disposition, HttpResponse, Process, ProcessHost, SignalName, Steps } from './process';
import { commandProcess, formatDate, isShellUtility, parseSleep, shellProcess } from './shell';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** Docker's rule for what runs: Kubernetes' command replaces ENTRYPOINT, args replace CMD. */
export function containerArgv(image: ImageInfo | undefined, command?: string[], args?: string[]): string[] {
  if (command && command.length > 0) return [...command, ...(args ?? [])];
  if (args && args.length > 0) return [...(image?.entrypoint ?? []), ...args];
  return [...(image?.entrypoint ?? []), ...(image?.cmd ?? [])];
}

const IMAGE_ONLY = new Set(['redis-cli', 'mysqladmin', 'mariadb-admin', 'pg_isready']);

export function hasCommand(image: ImageInfo, name: string): boolean {
  const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  if (image.programs.includes(name) || image.programs.includes(base) || image.programs.includes('/' + base)) return true;
  if (image.userland === 'none') return false;
  if (SHELLS.has(base)) return base === 'sh' || image.userland === 'coreutils' || image.programs.includes(base) || (image.userland === 'busybox' && base === 'ash');
  // The database clients come with their own images only (listed in their programs).
  if (IMAGE_ONLY.has(base)) return false;
  if (image.userland === 'busybox') return isShellUtility(base) && !['curl', 'bash'].includes(base);
  // A Debian-like base has coreutils but neither wget nor nslookup nor nc.
  return isShellUtility(base) && !['wget', 'nslookup', 'nc', 'curl', 'httpd'].includes(base);
}

export function execNotFound(name: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${name}": executable file not found in $PATH: unknown`;
}

export type StartResult = { ok: true; process: Process } | { ok: false; message: string };

export interface StartOptions {
  stdin?: boolean;
  tty?: boolean;
}

/** Starts argv in an image; `ok: false` carries runc's StartError message. */
export function startProgram(image: ImageInfo, argv: string[], host: ProcessHost, opts: StartOptions = {}): StartResult {
  if (argv.length === 0) return { ok: false, message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown' };
  const name = argv[0];
  const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  if (!hasCommand(image, name)) {
    if (name.includes('/') && host.fs.isFile(normalizePath(name))) {
      const script = host.fs.read(normalizePath(name)) ?? '';
      if (script.startsWith('#!') && image.userland !== 'none') return { ok: true, process: shellProcess(host, script.replace(/^#!.*\n/, ''), name, argv.slice(1)) };
      return { ok: false, message: execNotFound(name).replace('executable file not found in $PATH', 'permission denied') };
    }
    return { ok: false, message: name.includes('/') ? execNotFound(name).replace('executable file not found in $PATH', 'no such file or directory').replace(`exec: "${name}"`, `exec: "${name}"`) : execNotFound(name) };
  }
  const program = PROGRAMS[base];
  if (program) {
    const p = program(image, argv, host, opts);
    if (p) return { ok: true, process: p };
  }
  if (SHELLS.has(base)) {
    const c = argv.indexOf('-c');
    if (c >= 0) {
      return { ok: true, process: shellProcess(host, argv[c + 1] ?? '', argv[c + 2] ?? base, argv.slice(c + 3)) };
    }
    const file = argv.slice(1).find((a) => !a.startsWith('-'));
    if (file) {
      const script = host.fs.read(normalizePath(file, '/'));
      if (script === undefined) {
        return { ok: true, process: exitWith(`${base}: can't open '${file}': No such file or directory\n`, 2, host) };
      }
      return { ok: true, process: shellProcess(host, script.replace(/^#!.*\n/, ''), file, argv.slice(2)) };
    }
    // An interactive shell with nothing on stdin reads end-of-file and exits.
    if (opts.stdin || opts.tty) return { ok: true, process: forever(host, 'ignore') };
    return { ok: true, process: exitWith('', 0, host) };
  }
  return { ok: true, process: commandProcess(host, argv) };
}

function exitWith(output: string, code: number, host: ProcessHost): Process {
  return {
    steps: (function* (): Steps {
      if (output) host.out(output);
      return code;
    })(),
    signal: () => 'die',
  };
}

function forever(host: ProcessHost, onTerm: Disposition, exitCode = 0): Process {
  void host;
  let stopping = false;
  return {
    steps: (function* (): Steps {
      while (!stopping) {
        const r = yield { forever: true };
        if (r?.interrupted) stopping = true;
      }
      return exitCode;
    })(),
    signal: (sig) => (sig === 'KILL' ? 'die' : onTerm),
  };
}

type Program = (image: ImageInfo, argv: string[], host: ProcessHost, opts: StartOptions) => Process | undefined;

/**
 * A long-running server: prints its start-up lines, listens after `readyAfter` ms, serves until a
 * signal it handles, then prints its shutdown lines and exits with `exitCode`.
 */
function server(
  host: ProcessHost,
  spec: {
    start: string[];
    readyAfter?: number;
    ready?: string[];
    port: number;
    http?: (path: string, method: string) => HttpResponse;
    handles: SignalName[];
    stop?: (sig: SignalName) => { lines: string[]; code: number; after?: number };
    memory?: number;
  },
): Process {
  let received: SignalName | undefined;
  const steps = (function* (): Steps {
    for (const l of spec.start) host.out(l + '\n');
    if (spec.memory) yield { memory: spec.memory };
    if (spec.readyAfter) {
      const r = yield { sleep: spec.readyAfter, interruptible: true };
      if (r?.interrupted) return finish();
    }
    host.listen({ port: spec.port, http: spec.http });
    for (const l of spec.ready ?? []) host.out(l + '\n');
    for (;;) {
      const r = yield { forever: true };
      if (r?.interrupted) return yield* finishSteps();
    }
    function finish(): number {
      return spec.stop ? spec.stop(received ?? 'TERM').code : 0;
    }
    function* finishSteps(): Steps {
      const s = spec.stop ? spec.stop(received ?? 'TERM') : { lines: [], code: 0 };
      if (s.after) yield { sleep: s.after };
      for (const l of s.lines) host.out(l + '\n');
      return s.code;
    }
  })();
  return {
    steps,
    signal: (sig) => {
      if (sig === 'KILL') return 'die';
      if (spec.handles.includes(sig)) {
        received = sig;
        return 'handle';
      }
      return host.pid1 ? 'ignore' : 'die';
    },
  };
}

function nginxTime(host: ProcessHost): string {
  return formatDate(host.now(), '%Y/%m/%d %T');
}

/** Serves files under a document root the way nginx and httpd answer GETs. */
function fileServer(host: ProcessHost, root: string, index = 'index.html'): (path: string) => HttpResponse {
  return (path: string) => {
    const q = path.indexOf('?');
    const bare = q >= 0 ? path.slice(0, q) : path;
    let target = bare === '/' ? root : normalizePath(root + normalizePath(bare.includes('%') ? safeDecode(bare) : bare));
    if (host.fs.isDir(target)) {
      const idx = `${target === '/' ? '' : target}/${index}`;
      if (!host.fs.isFile(idx)) return { status: 403, body: '<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/1.25.5</center>\r\n</body>\r\n</html>\r\n' };
      target = idx;
    }
    const body = host.fs.read(target);
    if (body === undefined) return { status: 404, body: '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.25.5</center>\r\n</body>\r\n</html>\r\n' };
    return { status: 200, body };
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function entrypoint(image: ImageInfo, argv: string[], host: ProcessHost, opts: StartOptions, serverName: string): Process | undefined {
  const rest = argv.slice(1);
  if (rest.length === 0) return undefined;
  if (rest[0].startsWith('-')) return PROGRAMS[serverName]!(image, [serverName, ...rest], host, opts);
  const r = startProgram(image, rest, host, opts);
  return r.ok ? r.process : exitWith(`${argv[0]}: line 1: exec: ${rest[0]}: not found\n`, 127, host);
}

function dbTime(host: ProcessHost): string {
  return formatDate(host.now(), '%Y-%m-%d %T') + '+00:00';
}

const PROGRAMS: Record<string, Program> = {
  'docker-entrypoint.sh': (image, argv, host, opts) => {
    const server = image.cmd[0];
    if (argv.length === 1) return PROGRAMS[server]?.(image, [server], host, opts);
    if (server && PROGRAMS[server]) return entrypoint(image, argv, host, opts, server);
    const r = startProgram(image, argv.slice(1), host, opts);
    return r.ok ? r.process : exitWith(`/docker-entrypoint.sh: exec: ${argv[1]}: not found\n`, 127, host);
  },
  '/docker-entrypoint.sh': (image, argv, host, opts) => PROGRAMS['docker-entrypoint.sh']!(image, argv, host, opts),
  nginx: (_image, argv, host) => {
    if (!argv.some((a, i) => a === '-g' && (argv[i + 1] ?? '').includes('daemon off'))) {
      // nginx daemonizes and its foreground process exits at once.
      return exitWith('', 0, host);
    }
    const t = nginxTime(host);
    // The entrypoint's IPv6 script touches the default config first; a read-only root makes it skip.
    const conf = '/etc/nginx/conf.d/default.conf';
    const confWritable = !host.fs.readOnlyAt(conf);
    const entry = [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      ...(confWritable
        ? [`10-listen-on-ipv6-by-default.sh: info: Getting the checksum of ${conf}`, `10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in ${conf}`]
        : [`10-listen-on-ipv6-by-default.sh: info: can not modify ${conf} (read-only file system?)`]),
      '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
    ];
    // nginx creates its temp paths, then its pid file; either on a read-only root is fatal.
    let emerg: string | undefined;
    if (host.fs.readOnlyAt('/var/cache/nginx/client_temp')) emerg = 'mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)';
    else if (host.fs.readOnlyAt('/var/run/nginx.pid')) emerg = 'open() "/var/run/nginx.pid" failed (30: Read-only file system)';
    if (emerg) return exitWith([...entry, `${t} [emerg] 1#1: ${emerg}`, `nginx: [emerg] ${emerg}`, ''].join('\n'), 1, host);
    return server(host, {
      start: [
        ...entry,
        `${t} [notice] 1#1: using the "epoll" event method`,
        `${t} [notice] 1#1: nginx/1.25.5`,
        `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
        `${t} [notice] 1#1: OS: Linux 6.8.0`,
        `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
        `${t} [notice] 1#1: start worker processes`,
        `${t} [notice] 1#1: start worker process 29`,
      ],
      port: 80,
      http: fileServer(host, '/usr/share/nginx/html'),
      handles: ['TERM', 'QUIT', 'INT'],
      memory: 8 * 1024 * 1024,
      stop: (sig) => ({
        lines: sig === 'QUIT'
          ? [`${nginxTime(host)} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`, `${nginxTime(host)} [notice] 29#29: gracefully shutting down`, `${nginxTime(host)} [notice] 29#29: exiting`, `${nginxTime(host)} [notice] 29#29: exit`, `${nginxTime(host)} [notice] 1#1: signal 17 (SIGCHLD) received from 29`, `${nginxTime(host)} [notice] 1#1: worker process 29 exited with code 0`, `${nginxTime(host)} [notice] 1#1: exit`]
          : [`${nginxTime(host)} [notice] 1#1: signal ${sig === 'TERM' ? 15 : 2} (SIG${sig}) received, exiting`, `${nginxTime(host)} [notice] 1#1: exit`],
        code: 0,
        after: 100,
      }),
    });
  },
  'httpd-foreground': (_image, _argv, host) => apache(host, '/usr/local/apache2/htdocs'),
  'apache2-foreground': (_image, _argv, host) => {
    const p = apache(host, '/var/www/html');
    return p;
  },
  httpd: (image, argv, host) => {
    if (image.programs.includes('httpd-foreground')) {
      return argv.includes('-DFOREGROUND') || argv.includes('FOREGROUND') ? apache(host, '/usr/local/apache2/htdocs') : exitWith('', 0, host);
    }
    // busybox httpd: daemonizes unless -f.
    let port = 80;
    let home = '/var/www';
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === '-p') port = Number(String(argv[++i]).split(':').pop());
      else if (argv[i] === '-h') home = argv[++i];
    }
    if (!argv.includes('-f')) return exitWith('', 0, host);
    return server(host, { start: [], port, http: fileServer(host, home), handles: [], memory: 1024 * 1024 });
  },
  'redis-server': (_image, argv, host) => {
    const pi = argv.indexOf('--port');
    const port = pi >= 0 ? Number(argv[pi + 1]) : 6379;
    const ts = () => formatDate(host.now(), '%d %b %Y %T') + '.000';
    return server(host, {
      start: [
        `1:C ${ts()} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `1:C ${ts()} * Redis version=7.2.5, bits=64, commit=00000000, modified=0, pid=1, just started`,
        `1:C ${ts()} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
        `1:M ${ts()} * monotonic clock: POSIX clock_gettime`,
        `1:M ${ts()} * Running mode=standalone, port=${port}.`,
        `1:M ${ts()} * Server initialized`,
      ],
      ready: [`1:M ${ts()} * Ready to accept connections tcp`],
      port,
      handles: ['TERM', 'INT'],
      memory: 4 * 1024 * 1024,
      stop: () => ({ lines: [`1:signal-handler (${Math.floor(host.now() / 1000)}) Received SIGTERM scheduling shutdown...`, `1:M ${ts()} # User requested shutdown...`, `1:M ${ts()} * Saving the final RDB snapshot before exiting.`, `1:M ${ts()} * DB saved on disk`, `1:M ${ts()} # Redis is now ready to exit, bye bye...`], code: 0, after: 50 }),
    });
  },
  mysqld: (image, _argv, host) => database(image, host, 'mysql'),
  mariadbd: (image, _argv, host) => database(image, host, 'mariadb'),
  postgres: (image, _argv, host) => database(image, host, 'postgres'),
  'catalina.sh': (_image, argv, host) => {
    if (argv[1] !== 'run') return exitWith('Using CATALINA_BASE:   /usr/local/tomcat\nUsing CATALINA_HOME:   /usr/local/tomcat\nTomcat started.\n', 0, host);
    const ts = () => formatDate(host.now(), '%d-%b-%Y %T') + '.000';
    return server(host, {
      start: [`${ts()} INFO [main] org.apache.catalina.startup.VersionLoggerListener.log Server version name:   Apache Tomcat/10.1.28`],
      readyAfter: 2500,
      ready: [`${ts()} INFO [main] org.apache.coyote.AbstractProtocol.start Starting ProtocolHandler ["http-nio-8080"]`, `${ts()} INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [2500] milliseconds`],
      port: 8080,
      // The official image ships an empty webapps directory.
      http: () => ({ status: 404, body: '<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1></body></html>' }),
      handles: ['TERM', 'INT'],
      memory: 120 * 1024 * 1024,
      stop: () => ({ lines: [`${ts()} INFO [main] org.apache.catalina.core.StandardServer.await A valid shutdown command was received via the shutdown port. Stopping the Server instance.`], code: 143, after: 500 }),
    });
  },
  python: (image, argv, host, opts) => python(image, argv, host, opts),
  python3: (image, argv, host, opts) => python(image, argv, host, opts),
  stress: (_image, argv, host) => stress(argv, host),
  pause: (_image, _argv, host) => forever(host, 'handle', 0),
  server: (_image, _argv, host) => {
    // registry.k8s.io/liveness: /healthz answers 200 for its first 10 seconds, then 500.
    const started = host.now();
    return {
      ...server(host, {
        start: [],
        port: 8080,
        http: (path) => {
          const elapsed = (host.now() - started) / 1000;
          if (path.split('?')[0] !== '/healthz') return { status: 404, body: '404 page not found\n' };
          if (elapsed > 10) return { status: 500, body: `error: ${elapsed}s` };
          return { status: 200, body: 'ok' };
        },
        // A Go binary as PID 1 without a handler dies with status 2 on SIGTERM.
        handles: ['TERM', 'INT'],
        stop: () => ({ lines: [], code: 2 }),
      }),
    };
  },
  '/entrypoint.sh': (image, argv, host, opts) => {
    const r = startProgram(image, argv.slice(1).length ? argv.slice(1) : ['curl'], host, opts);
    return r.ok ? r.process : undefined;
  },
  zsh: (_image, argv, host, opts) => shellLike(argv, host, opts),
  bash: (_image, argv, host, opts) => shellLike(argv, host, opts),
};

function shellLike(argv: string[], host: ProcessHost, opts: StartOptions): Process {
  const c = argv.indexOf('-c');
  if (c >= 0) return shellProcess(host, argv[c + 1] ?? '', argv[c + 2] ?? argv[0], argv.slice(c + 3));
  if (opts.stdin || opts.tty) return forever(host, 'ignore');
  return exitWith('', 0, host);
}

function apache(host: ProcessHost, root: string): Process {
  const ts = () => `[${formatDate(host.now(), '%a %b %d %T')}.000000 ${formatDate(host.now(), '%Y')}]`;
  return server(host, {
    start: [
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 127.0.0.1. Set the 'ServerName' directive globally to suppress this message",
      "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 127.0.0.1. Set the 'ServerName' directive globally to suppress this message",
      `${ts()} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
      `${ts()} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
    ],
    port: 80,
    http: fileServer(host, root),
    handles: ['TERM', 'WINCH', 'INT'],
    memory: 10 * 1024 * 1024,
    stop: (sig) => ({
      lines: [sig === 'WINCH' ? `${ts()} [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully` : `${ts()} [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down`],
      code: 0,
      after: 100,
    }),
  });
}

function database(image: ImageInfo, host: ProcessHost, kind: 'mysql' | 'mariadb' | 'postgres'): Process {
  const env = host.env;
  const has = (k: string) => (env.get(k) ?? '') !== '';
  if (kind === 'postgres') {
    if (!has('POSTGRES_PASSWORD') && env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
      return exitWith(
        'Error: Database is uninitialized and superuser password is not specified.\n' +
          '       You must specify POSTGRES_PASSWORD to a non-empty value for the\n' +
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n\n' +
          '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all\n' +
          '       connections without a password. This is *not* recommended.\n\n' +
          '       See PostgreSQL documentation about "trust":\n' +
          '       https://www.postgresql.org/docs/current/auth-trust.html\n',
        1,
        host,
      );
    }
    const ts = () => formatDate(host.now(), '%Y-%m-%d %T') + '.000 UTC';
    return server(host, {
      start: ['The files belonging to this database system will be owned by user "postgres".', 'This user must also own the server process.', '', 'Success. You can now start the database server using:', '', 'PostgreSQL init process complete; ready for start up.', ''],
      readyAfter: 3000,
      ready: [`${ts()} [1] LOG:  starting PostgreSQL 16.4 (Debian 16.4-1.pgdg120+1) on x86_64-pc-linux-gnu`, `${ts()} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`, `${ts()} [1] LOG:  database system is ready to accept connections`],
      port: 5432,
      handles: ['TERM', 'INT', 'QUIT'],
      memory: 40 * 1024 * 1024,
      stop: (sig) => ({ lines: [`${ts()} [1] LOG:  received ${sig === 'INT' ? 'fast' : sig === 'TERM' ? 'smart' : 'immediate'} shutdown request`, `${ts()} [1] LOG:  database system is shut down`], code: 0, after: 300 }),
    });
  }
  const prefix = kind === 'mariadb' ? 'MARIADB' : 'MYSQL';
  const ok = has('MYSQL_ROOT_PASSWORD') || has('MYSQL_ALLOW_EMPTY_PASSWORD') || has('MYSQL_RANDOM_ROOT_PASSWORD') ||
    (kind === 'mariadb' && (has('MARIADB_ROOT_PASSWORD') || has('MARIADB_ALLOW_EMPTY_ROOT_PASSWORD') || has('MARIADB_RANDOM_ROOT_PASSWORD') || has('MARIADB_ROOT_PASSWORD_HASH')));
  const version = kind === 'mariadb' ? '1:11.4.2+maria~ubu2404' : '8.0.39-1.el9';
  const t = dbTime(host);
  if (!ok) {
    const lines = kind === 'mariadb'
      ? `${t} [Note] [Entrypoint]: Entrypoint script for MariaDB Server ${version} started.\n${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD\n`
      : `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${version} started.\n${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${version} started.\n${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n`;
    return exitWith(lines, 1, host);
  }
  void prefix;
  void image;
  const name = kind === 'mariadb' ? 'MariaDB' : 'MySQL';
  return server(host, {
    start: [`${t} [Note] [Entrypoint]: Entrypoint script for ${name} Server ${version} started.`, `${t} [Note] [Entrypoint]: Initializing database files`, `${t} [Note] [Entrypoint]: Database files initialized`, `${t} [Note] [Entrypoint]: Starting temporary server`],
    readyAfter: kind === 'mariadb' ? 6000 : 12000,
    ready: [`${dbTime(host)} [Note] [Entrypoint]: Temporary server stopped`, '', `${dbTime(host)} [Note] [Entrypoint]: ${name} init process done. Ready for start up.`, '', kind === 'mariadb' ? `${dbTime(host)} 0 [Note] mariadbd: ready for connections.` : `${dbTime(host)} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.39'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`],
    port: 3306,
    handles: ['TERM', 'INT', 'QUIT'],
    memory: 360 * 1024 * 1024,
    stop: () => ({ lines: [`${dbTime(host)} 0 [System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: 8.0.39).`], code: 0, after: 1500 }),
  });
}

function python(_image: ImageInfo, argv: string[], host: ProcessHost, opts: StartOptions): Process {
  const args = argv.slice(1).filter((a) => a !== '-u');
  if (args[0] === '-m' && args[1] === 'http.server') {
    const port = Number(args.find((a, i) => i > 1 && /^\d+$/.test(a)) ?? 8000);
    const p = server(host, {
      start: [`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`],
      port,
      http: (path) => {
        const target = normalizePath(path.split('?')[0], '/');
        if (host.fs.isDir(target)) return { status: 200, body: `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<title>Directory listing for ${path}</title>\n</head>\n</html>\n` };
        const body = host.fs.read(target);
        return body === undefined ? { status: 404, body: 'File not found' } : { status: 200, body };
      },
      handles: [],
    });
    return p;
  }
  if (args[0] === '-c') {
    const code = args[1] ?? '';
    return {
      steps: (function* (): Steps {
        for (const stmt of code.split(/[;\n]/)) {
          const s = stmt.trim();
          const pr = /^print\((['"])(.*)\1\)$/.exec(s);
          if (pr) host.out(pr[2] + '\n');
          const sl = /^time\.sleep\(([\d.]+)\)$/.exec(s);
          if (sl) yield { sleep: Math.round(Number(sl[1]) * 1000) };
          if (/^while True:/.test(s)) {
            for (;;) yield { sleep: 3_600_000 };
          }
          const ex = /^(?:sys\.)?exit\((\d+)\)$/.exec(s);
          if (ex) return Number(ex[1]);
        }
        return 0;
      })(),
      signal: (sig) => (sig === 'KILL' ? 'die' : host.pid1 ? 'ignore' : 'die'),
    };
  }
  if (args.length > 0 && !args[0].startsWith('-')) {
    return exitWith(`${argv[0]}: can't open file '${normalizePath(args[0], '/')}': [Errno 2] No such file or directory\n`, 2, host);
  }
  if (opts.stdin || opts.tty) return forever(host, 'ignore');
  return exitWith('', 0, host);
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

function stress(argv: string[], host: ProcessHost): Process {
  let vm = 0;
  let vmBytes = 256 * 1024 * 1024;
  let cpu = 0;
  let io = 0;
  let hdd = 0;
  let timeout: number | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? '';
    if (a === '--vm' || a === '-m') vm = Number(next());
    else if (a === '--vm-bytes') {
      const m = /^(\d+(?:\.\d+)?)([bBkKmMgG]?)$/.exec(next());
      if (m) vmBytes = Number(m[1]) * SIZE_UNITS[m[2].toLowerCase()];
    } else if (a === '--cpu' || a === '-c') cpu = Number(next());
    else if (a === '--io' || a === '-i') io = Number(next());
    else if (a === '--hdd' || a === '-d') hdd = Number(next());
    else if (a === '--timeout' || a === '-t') timeout = parseSleep([next()]);
    else if (a === '--vm-hang' || a === '--vm-stride' || a === '--hdd-bytes' || a === '--backoff') next();
    else if (a === '--help' || a === '-?') {
      return exitWith("`stress' imposes certain types of compute stress on your system\n\nUsage: stress [OPTION [ARG]] ...\n", 0, host);
    }
  }
  return {
    steps: (function* (): Steps {
      host.out(`stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd\n`);
      if (vm > 0) {
        yield { sleep: 200 };
        yield { memory: vm * vmBytes + 1024 * 1024 };
      }
      if (timeout === undefined) {
        for (;;) yield { sleep: 3_600_000 };
      }
      yield { sleep: Math.max(0, timeout - (vm > 0 ? 200 : 0)) };
      host.out(`stress: info: [1] successful run completed in ${Math.round(timeout / 1000)}s\n`);
      return 0;
    })(),
    signal: (sig) => (sig === 'KILL' ? 'die' : host.pid1 ? 'ignore' : 'die'),
  };
}
