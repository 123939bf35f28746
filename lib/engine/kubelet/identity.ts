/**
 * busybox's `id` and `whoami` over a process identity: numeric ids, with the names busybox's
 * /etc/passwd and /etc/group know (a uid set by runAsUser usually has none).
 */
import type { Identity } from './security';

export const ROOT: Identity = { uid: 0, gid: 0, groups: [0, 10] };

/** busybox's /etc/passwd users. */
const USERS = new Map<number, string>([[0, 'root'], [1, 'daemon'], [2, 'bin'], [3, 'sys'], [8, 'mail'], [33, 'www-data'], [65534, 'nobody']]);
/** busybox's /etc/group groups. */
const GROUPS = new Map<number, string>([[0, 'root'], [1, 'daemon'], [2, 'bin'], [3, 'sys'], [4, 'adm'], [5, 'tty'], [6, 'disk'], [10, 'wheel'], [33, 'www-data'], [100, 'users'], [65534, 'nogroup']]);

export interface CommandOutput {
  out: string;
  err: string;
  code: number;
}

/** `whoami`: the user name, or busybox's complaint for a uid without one. */
export function whoami(id: Identity): CommandOutput {
  const name = USERS.get(id.uid);
  return name === undefined ? { out: '', err: `whoami: unknown uid ${id.uid}\n`, code: 1 } : { out: name + '\n', err: '', code: 0 };
}

/** `id [-u|-g|-G] [-n]`; without options `uid=N(name) gid=N(name) groups=...`. */
export function idCommand(id: Identity, args: string[]): CommandOutput {
  const flags = new Set(args.filter((a) => a.startsWith('-')).flatMap((a) => [...a.slice(1)]));
  const names = flags.has('n');
  const withName = (n: number, known: Map<number, string>) => (known.has(n) ? `${n}(${known.get(n)})` : String(n));
  const one = (n: number, known: Map<number, string>): CommandOutput => {
    if (!names) return { out: `${n}\n`, err: '', code: 0 };
    const name = known.get(n);
    return name === undefined ? { out: '', err: `id: unknown ID ${n}\n`, code: 1 } : { out: name + '\n', err: '', code: 0 };
  };
  if (flags.has('u')) return one(id.uid, USERS);
  if (flags.has('g')) return one(id.gid, GROUPS);
  if (flags.has('G')) {
    const list = id.groups.map((g) => (names ? GROUPS.get(g) ?? String(g) : String(g)));
    return { out: list.join(' ') + '\n', err: '', code: 0 };
  }
  const groups = id.groups.map((g) => withName(g, GROUPS)).join(',');
  return { out: `uid=${withName(id.uid, USERS)} gid=${withName(id.gid, GROUPS)} groups=${groups}\n`, err: '', code: 0 };
}
