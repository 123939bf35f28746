/**
 * A small sh, like busybox ash, for container scripts: it runs over virtual time (sleep yields),
 * on the container's filesystem, with the builtins lesson scripts use. A loop that never sleeps is
 * cut by a step budget and then counts as a process burning CPU forever, never as a hang.
 */
import { normalizePath } from './fs';
import { idCommand, ROOT, whoami, type CommandOutput } from './identity';
import { mysqladmin, pgIsReady, redisCli } from './db-clients';
import { cut, grep, sort, tr, uniq } from './text-utils';
import type { Process, ProcessHost, Resume, SignalName, Step, Steps } from './process';
import { parseScript, ShellSyntaxError, type ShellNode, type Word, type Redirect } from './shell-parse';
import { rfc3339 } from '../core/time';

/** Commands run without virtual time passing before the script counts as spinning. */
export const STEP_BUDGET = 20_000;
const MAX_OUTPUT = 200_000;

class ExitSignal {
  constructor(readonly code: number) {}
}
class BreakSignal {
  constructor(readonly levels: number, readonly cont: boolean) {}
}
class ReturnSignal {
  constructor(readonly code: number) {}
}

interface IO {
  stdin: string;
  out: (s: string) => void;
  err: (s: string) => void;
}

type Builtin = (sh: Shell, args: string[], io: IO) => Steps | number;

/** A shell as a container process. (A class, not closures: this runs on every exec probe.) */
class ShellProcess implements Process {
  constructor(
    private readonly sh: Shell,
    readonly steps: Steps,
  ) {}
  signal(sig: SignalName): 'die' | 'ignore' | 'handle' {
    return this.sh.signal(sig);
  }
}

/** Runs `sh -c script [$0 [args...]]`, or a single command line given as argv. */
export function shellProcess(host: ProcessHost, script: string, argv0 = 'sh', args: string[] = []): Process {
  const sh = new Shell(host, argv0, args);
  return new ShellProcess(sh, sh.runScript(script));
}

/** Runs one command (argv already split, as Kubernetes' `command` gives it) with the shell's utilities. */
export function commandProcess(host: ProcessHost, argv: string[]): Process {
  const sh = new Shell(host, argv[0], []);
  return new ShellProcess(sh, sh.runArgv(argv));
}

/** The shell's own standard output and error: both go to the container log. */
class RootIO implements IO {
  readonly stdin = '';
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  constructor(sh: Shell) {
    // Own properties, so that `{ ...io }` and `const out = io.out` keep working.
    this.out = sh.log.bind(sh);
    this.err = sh.logErr.bind(sh);
  }
}

/** Special built-ins that images also ship as programs (busybox applets, coreutils, procps). */
const ALSO_PROGRAMS = new Set(['true', 'false', 'pwd', 'kill']);

/** True when the shell implements this command itself and an image can also run it as a program. */
export function isShellUtility(name: string): boolean {
  return name in BUILTINS || ALSO_PROGRAMS.has(name);
}

export class Shell {
  vars = new Map<string, string>();
  exported = new Set<string>();
  funcs = new Map<string, ShellNode>();
  traps = new Map<string, string>();
  pendingSignals: string[] = [];
  status = 0;
  cwd = '/';
  steps = 0;
  background: number[] = [];
  private outputSize = 0;

  /** Variables unset by the script (they hide the inherited environment). */
  private unsetVars = new Set<string>();

  constructor(
    readonly host: ProcessHost,
    readonly argv0: string,
    readonly args: string[],
  ) {
    // The inherited environment is read through host.env; only the script's own changes are kept here.
    if (host.env.has('PWD')) this.cwd = host.env.get('PWD')!;
  }

  getVar(name: string): string | undefined {
    const v = this.vars.get(name);
    if (v !== undefined) return v;
    return this.unsetVars.has(name) ? undefined : this.host.env.get(name);
  }

  setVar(name: string, value: string): void {
    this.unsetVars.delete(name);
    this.vars.set(name, value);
  }

  unsetVar(name: string): void {
    this.vars.delete(name);
    this.unsetVars.add(name);
  }

  log(text: string): void {
    if (this.outputSize > MAX_OUTPUT) return;
    this.outputSize += text.length;
    this.host.out(text);
  }

  logErr(text: string): void {
    if (this.outputSize > MAX_OUTPUT) return;
    this.outputSize += text.length;
    if (this.host.err) this.host.err(text);
    else this.host.out(text);
  }

  signal(sig: SignalName): 'die' | 'ignore' | 'handle' {
    if (sig === 'KILL') return 'die';
    const trapped = this.traps.get(sig);
    if (trapped !== undefined) {
      this.pendingSignals.push(sig);
      return 'handle';
    }
    // The kernel delivers no default-action signal to PID 1 of a PID namespace.
    return this.host.pid1 ? 'ignore' : 'die';
  }

  *runScript(script: string): Steps {
    let ast: ShellNode;
    try {
      ast = parseScript(script);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.logErr(`${this.argv0}: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    return yield* this.top(ast);
  }

  *runArgv(argv: string[]): Steps {
    const io = this.rootIO();
    try {
      return yield* this.invoke(argv, io, []);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  private root?: IO;

  private rootIO(): IO {
    return (this.root ??= new RootIO(this));
  }

  private *top(ast: ShellNode): Steps {
    try {
      const code = yield* this.exec(ast, this.rootIO());
      yield* this.runTraps();
      return code;
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      if (e instanceof BreakSignal) return 0;
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    }
  }

  /** Counts a step; past the budget with no time passing, the script spins forever. */
  *tick(): Steps {
    if (++this.steps > STEP_BUDGET) {
      yield { spin: true };
    }
    return 0;
  }

  /** Lets virtual time pass; resets the spin budget. */
  *sleep(ms: number, interruptible = false): Generator<Step, boolean, Resume | undefined> {
    this.steps = 0;
    const r = yield { sleep: ms, interruptible };
    return r?.interrupted ?? false;
  }

  *runTraps(): Steps {
    while (this.pendingSignals.length > 0) {
      const sig = this.pendingSignals.shift()!;
      const handler = this.traps.get(sig);
      if (handler) {
        const ast = parseScript(handler);
        yield* this.exec(ast, this.rootIO());
      }
    }
    return 0;
  }

  /**
   * One pass of a loop body: its exit status, or how `break` / `continue` ended it. A `break 2`
   * or `continue 2` is passed on to the enclosing loop, one level less.
   */
  private *loopPass(body: ShellNode, io: IO): Generator<Step, number | 'break' | 'continue', Resume | undefined> {
    try {
      return yield* this.exec(body, io);
    } catch (e) {
      if (!(e instanceof BreakSignal)) throw e;
      if (e.levels > 1) throw new BreakSignal(e.levels - 1, e.cont);
      return e.cont ? 'continue' : 'break';
    }
  }

  *exec(node: ShellNode, io: IO): Steps {
    switch (node.t) {
      case 'list': {
        let code = 0;
        for (let i = 0; i < node.items.length; i++) {
          const item = node.items[i];
          const prev = i > 0 ? node.items[i - 1].op : ';';
          if (prev === '&&' && this.status !== 0) continue;
          if (prev === '||' && this.status === 0) continue;
          if (item.op === '&') {
            code = yield* this.spawnBackground(item.node, io);
          } else {
            code = yield* this.exec(item.node, io);
          }
          this.status = code;
          if (this.pendingSignals.length > 0) yield* this.runTraps();
        }
        return code;
      }
      case 'pipe': {
        let input = io.stdin;
        let code = 0;
        for (let i = 0; i < node.cmds.length; i++) {
          const last = i === node.cmds.length - 1;
          let captured = '';
          const sub: IO = last ? { ...io, stdin: input } : { stdin: input, out: (s) => (captured += s), err: io.err };
          code = yield* this.exec(node.cmds[i], sub);
          input = captured;
        }
        code = node.negate ? (code === 0 ? 1 : 0) : code;
        this.status = code;
        return code;
      }
      case 'cmd':
        yield* this.tick();
        return yield* this.simple(node, io);
      case 'if': {
        for (const c of node.clauses) {
          const cond = yield* this.exec(c.cond, io);
          if (cond === 0) return yield* this.exec(c.body, io);
        }
        return node.otherwise ? yield* this.exec(node.otherwise, io) : 0;
      }
      case 'loop': {
        let code = 0;
        for (;;) {
          yield* this.tick();
          const cond = yield* this.exec(node.cond, io);
          if (node.until ? cond === 0 : cond !== 0) break;
          const pass = yield* this.loopPass(node.body, io);
          if (pass === 'break') break;
          if (pass !== 'continue') code = pass;
        }
        return code;
      }
      case 'for': {
        const items = node.items ? yield* this.expandWords(node.items) : this.args;
        let code = 0;
        for (const item of items) {
          yield* this.tick();
          this.setVar(node.name, item);
          const pass = yield* this.loopPass(node.body, io);
          if (pass === 'break') break;
          if (pass !== 'continue') code = pass;
        }
        return code;
      }
      case 'case': {
        const subject = yield* this.expandWord(node.subject);
        for (const arm of node.arms) {
          for (const p of arm.patterns) {
            const pat = yield* this.expandWord(p);
            if (globMatch(pat, subject)) return yield* this.exec(arm.body, io);
          }
        }
        return 0;
      }
      case 'group': {
        const redirected = yield* this.applyRedirects(node.redirs, io);
        if (typeof redirected === 'number') return redirected;
        if (!node.subshell) return yield* this.exec(node.body, redirected.io);
        const saved = { vars: new Map(this.vars), unset: new Set(this.unsetVars), cwd: this.cwd };
        try {
          return yield* this.exec(node.body, redirected.io);
        } catch (e) {
          if (e instanceof ExitSignal) return e.code;
          throw e;
        } finally {
          this.vars = saved.vars;
          this.unsetVars = saved.unset;
          this.cwd = saved.cwd;
          redirected.flush();
        }
      }
      case 'func':
        this.funcs.set(node.name, node.body);
        return 0;
    }
  }

  /** `cmd &`: a background sleep runs alongside; anything else runs at once. */
  private *spawnBackground(node: ShellNode, io: IO): Steps {
    if (node.t === 'cmd' && node.redirs.length === 0 && node.assigns.length === 0) {
      const argv = yield* this.expandWords(node.words);
      if (argv[0] === 'sleep') {
        const ms = parseSleep(argv.slice(1));
        this.background.push(ms === undefined ? Infinity : this.host.now() + ms);
        this.setVar('!', String(100 + this.background.length));
        return 0;
      }
    }
    yield* this.exec(node, io);
    this.setVar('!', String(100 + this.background.length));
    return 0;
  }

  private *simple(node: Extract<ShellNode, { t: 'cmd' }>, io: IO): Steps {
    const argv = yield* this.expandWords(node.words);
    const assigns: [string, string][] = [];
    for (const [name, w] of node.assigns) assigns.push([name, yield* this.expandWord(w)]);
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.setVar(k, v);
      const r = yield* this.applyRedirects(node.redirs, io);
      if (typeof r !== 'number') r.flush();
      return typeof r === 'number' ? r : this.status;
    }
    const redirected = yield* this.applyRedirects(node.redirs, io);
    if (typeof redirected === 'number') return redirected;
    try {
      return yield* this.invoke(argv, redirected.io, assigns);
    } finally {
      redirected.flush();
    }
  }

  *invoke(argv: string[], io: IO, assigns: [string, string][]): Steps {
    const name = argv[0];
    const fn = this.funcs.get(name);
    if (fn) {
      try {
        return yield* this.exec(fn, io);
      } catch (e) {
        if (e instanceof ReturnSignal) return e.code;
        throw e;
      }
    }
    const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
    const special = SPECIAL[base];
    if (special && !name.includes('/')) {
      const r = special(this, argv.slice(1), io);
      return typeof r === 'number' ? r : yield* r;
    }
    const saved = assigns.map(([k]) => [k, this.vars.get(k), this.unsetVars.has(k)] as const);
    for (const [k, v] of assigns) this.setVar(k, v);
    try {
      const builtin = BUILTINS[base];
      if (builtin && (this.host.has(base) || ALWAYS[base])) {
        const r = builtin(this, argv.slice(1), io);
        return typeof r === 'number' ? r : yield* r;
      }
      const external = this.host.exec(argv);
      if (external) {
        return yield* external.steps;
      }
      if (name.includes('/') && this.host.fs.isFile(normalizePath(name, this.cwd))) {
        const script = this.host.fs.read(normalizePath(name, this.cwd)) ?? '';
        const child = new Shell(this.host, name, argv.slice(1));
        child.cwd = this.cwd;
        return yield* child.runScript(script.replace(/^#!.*\n/, ''));
      }
      io.err(`${this.argv0}: ${name}: not found\n`);
      return 127;
    } finally {
      for (const [k, v, wasUnset] of saved) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
        if (wasUnset) this.unsetVars.add(k);
      }
    }
  }

  private *applyRedirects(redirs: Redirect[], io: IO): Generator<Step, number | { io: IO; flush: () => void }, Resume | undefined> {
    if (redirs.length === 0) return { io, flush: () => {} };
    let out = io.out;
    let err = io.err;
    let stdin = io.stdin;
    const flushes: (() => void)[] = [];
    for (const r of redirs) {
      const target = yield* this.expandWord(r.target);
      if (r.op === '<<') {
        stdin = target;
        continue;
      }
      if (r.op === '>&') {
        if (target === '1') {
          if (r.fd === 2) err = out;
        } else if (target === '2') {
          if (r.fd === 1) out = err;
        }
        continue;
      }
      const path = normalizePath(target, this.cwd);
      if (r.op === '<') {
        const data = this.host.fs.read(path);
        if (data === undefined) {
          io.err(`${this.argv0}: can't open ${target}: no such file\n`);
          return 1;
        }
        stdin = data;
        continue;
      }
      if (path === '/dev/null') {
        if (r.fd === 2) err = () => {};
        else out = () => {};
        continue;
      }
      if (path === '/dev/stdout' || path === '/proc/1/fd/1') continue;
      if (path === '/dev/stderr' || path === '/proc/1/fd/2') {
        if (r.fd === 1) out = io.err;
        continue;
      }
      const first = this.host.fs.write(path, '', r.op === '>>');
      if (first) {
        io.err(`${this.argv0}: can't create ${target}: ${first}\n`);
        return 1;
      }
      let buffer = '';
      const sink = (s: string) => {
        buffer += s;
      };
      flushes.push(() => {
        if (buffer) this.host.fs.write(path, buffer, true);
        buffer = '';
      });
      if (r.fd === 2) err = sink;
      else out = sink;
    }
    return {
      io: { stdin, out, err },
      flush: () => {
        for (const f of flushes) f();
      },
    };
  }

  *expandWords(words: Word[]): Generator<Step, string[], Resume | undefined> {
    const out: string[] = [];
    for (const w of words) {
      const fields = yield* this.expandFields(w);
      out.push(...fields);
    }
    return out;
  }

  /** Expands a word into fields: unquoted expansions split on whitespace, `"$@"` keeps args apart. */
  *expandFields(word: Word): Generator<Step, string[], Resume | undefined> {
    const fields: string[] = [];
    let cur = '';
    let have = false;
    for (const part of word) {
      if (part.k === 'lit') {
        cur += part.v;
        have = true;
        continue;
      }
      if (part.k === 'var' && part.v === '@' && part.q && !part.op) {
        const args = this.args;
        if (args.length === 0) continue;
        cur += args[0];
        for (let i = 1; i < args.length; i++) {
          fields.push(cur);
          cur = args[i];
        }
        have = true;
        continue;
      }
      const value = yield* this.expandPart(part);
      if (part.q) {
        cur += value;
        have = true;
      } else {
        const pieces = value.split(/[ \t\n]+/);
        for (let i = 0; i < pieces.length; i++) {
          if (i > 0) {
            if (have || cur) fields.push(cur);
            cur = '';
            have = false;
          }
          if (pieces[i]) {
            cur += pieces[i];
            have = true;
          }
        }
      }
    }
    if (have || cur) fields.push(cur);
    // Pathname expansion of unquoted globs against the filesystem.
    const globbed: string[] = [];
    const hasUnquotedGlob = word.some((p) => p.k === 'lit' && !p.q && /[*?]/.test(p.v));
    for (const f of fields) {
      if (hasUnquotedGlob && /[*?]/.test(f)) {
        const matches = this.glob(f);
        if (matches.length > 0) {
          globbed.push(...matches);
          continue;
        }
      }
      globbed.push(f);
    }
    return globbed;
  }

  private glob(pattern: string): string[] {
    const abs = normalizePath(pattern, this.cwd);
    const dir = abs.slice(0, abs.lastIndexOf('/')) || '/';
    const base = abs.slice(abs.lastIndexOf('/') + 1);
    if (/[*?]/.test(dir)) return [];
    const names = this.host.fs.list(dir) ?? [];
    const prefix = pattern.includes('/') ? pattern.slice(0, pattern.lastIndexOf('/') + 1) : '';
    return names.filter((n) => globMatch(base, n) && (base.startsWith('.') || !n.startsWith('.'))).map((n) => prefix + n);
  }

  *expandWord(word: Word): Generator<Step, string, Resume | undefined> {
    let out = '';
    for (const part of word) out += part.k === 'lit' ? part.v : yield* this.expandPart(part);
    return out;
  }

  private *expandPart(part: Exclude<Word[number], { k: 'lit' }>): Generator<Step, string, Resume | undefined> {
    if (part.k === 'arith') {
      const text = yield* this.expandWord(parseArithWord(part.v));
      return String(evalArith(text, (n) => this.getVar(n)));
    }
    if (part.k === 'sub') {
      let captured = '';
      const savedStatus = this.status;
      try {
        this.status = yield* this.exec(part.v, { stdin: '', out: (s) => (captured += s), err: (s) => this.logErr(s) });
      } catch (e) {
        if (e instanceof ExitSignal) this.status = e.code;
        else throw e;
      }
      void savedStatus;
      return captured.replace(/\n+$/, '');
    }
    const value = this.lookup(part.v);
    switch (part.op) {
      case undefined:
        return value ?? '';
      case 'len':
        return String((value ?? '').length);
      case ':-':
      case '-':
        if (value === undefined || (part.op === ':-' && value === '')) return yield* this.expandWord(part.arg ?? []);
        return value;
      case ':=':
      case '=':
        if (value === undefined || (part.op === ':=' && value === '')) {
          const v = yield* this.expandWord(part.arg ?? []);
          this.setVar(part.v, v);
          return v;
        }
        return value;
      case ':+':
      case '+':
        if (value === undefined || (part.op === ':+' && value === '')) return '';
        return yield* this.expandWord(part.arg ?? []);
      case ':?':
      case '?':
        if (value === undefined || (part.op === ':?' && value === '')) {
          const msg = yield* this.expandWord(part.arg ?? []);
          this.logErr(`${this.argv0}: ${part.v}: ${msg || 'parameter not set'}\n`);
          throw new ExitSignal(1);
        }
        return value;
      case '#': {
        const pat = yield* this.expandWord(part.arg ?? []);
        const v = value ?? '';
        for (let i = 0; i <= v.length; i++) if (globMatch(pat, v.slice(0, i))) return v.slice(i);
        return v;
      }
      case '%': {
        const pat = yield* this.expandWord(part.arg ?? []);
        const v = value ?? '';
        for (let i = v.length; i >= 0; i--) if (globMatch(pat, v.slice(i))) return v.slice(0, i);
        return v;
      }
      default:
        return value ?? '';
    }
  }

  lookup(name: string): string | undefined {
    if (name === '?') return String(this.status);
    if (name === '$') return '1';
    if (name === '#') return String(this.args.length);
    if (name === '@' || name === '*') return this.args.join(' ');
    if (name === '0') return this.argv0;
    if (/^[0-9]+$/.test(name)) return this.args[Number(name) - 1];
    if (name === 'RANDOM') return String((this.host.now() * 7919 + this.steps) % 32768);
    if (name === 'PWD') return this.cwd;
    return this.getVar(name);
  }

  envMap(): Map<string, string> {
    const env = new Map<string, string>();
    for (const [k, v] of this.host.env) if (!this.unsetVars.has(k)) env.set(k, this.vars.get(k) ?? v);
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) env.set(k, v);
    }
    return env;
  }

  path(p: string): string {
    return normalizePath(p, this.cwd);
  }
}

// ---- helpers -------------------------------------------------------------------------------

/** sh glob: * ? [...] against a whole string. */
export function globMatch(pattern: string, text: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        let cls = pattern.slice(i + 1, end);
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(re + '$', 's').test(text);
}

function parseArithWord(text: string): Word {
  // Inside $(( )) variables may appear bare or as $VAR; expand the $ forms first.
  const parts: Word = [];
  const re = /\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9?#])\}?/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ k: 'lit', v: text.slice(last, m.index), q: true });
    parts.push({ k: 'var', v: m[1], q: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ k: 'lit', v: text.slice(last), q: true });
  return parts;
}

/** Integer arithmetic: + - * / % comparisons, parentheses, bare variable names. */
export function evalArith(text: string, vars: (name: string) => string | undefined): number {
  const tokens = text.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|&&|\|\||[-+*/%()<>!]/g) ?? [];
  let i = 0;
  const num = (t: string): number => {
    if (/^\d+$/.test(t)) return Number(t);
    const v = vars(t);
    return v && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : 0;
  };
  const primary = (): number => {
    const t = tokens[i++];
    if (t === '(') {
      const v = or();
      i++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    return t === undefined ? 0 : num(t);
  };
  const mul = (): number => {
    let v = primary();
    while (tokens[i] === '*' || tokens[i] === '/' || tokens[i] === '%') {
      const op = tokens[i++];
      const r = primary();
      if (op === '*') v *= r;
      else if (r === 0) throw new ExitSignal(2);
      else v = op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const add = (): number => {
    let v = mul();
    while (tokens[i] === '+' || tokens[i] === '-') v = tokens[i++] === '+' ? v + mul() : v - mul();
    return v;
  };
  const cmp = (): number => {
    let v = add();
    while (['<', '>', '<=', '>=', '==', '!='].includes(tokens[i])) {
      const op = tokens[i++];
      const r = add();
      v = Number(op === '<' ? v < r : op === '>' ? v > r : op === '<=' ? v <= r : op === '>=' ? v >= r : op === '==' ? v === r : v !== r);
    }
    return v;
  };
  const and = (): number => {
    let v = cmp();
    while (tokens[i] === '&&') {
      i++;
      const r = cmp();
      v = Number(v !== 0 && r !== 0);
    }
    return v;
  };
  const or = (): number => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      const r = and();
      v = Number(v !== 0 || r !== 0);
    }
    return v;
  };
  return or();
}

/** sleep's argument: "5", "0.5", "2m", "1h", "infinity"; undefined = forever; NaN = invalid. */
export function parseSleep(args: string[]): number | undefined {
  let total = 0;
  for (const a of args) {
    if (a === 'infinity' || a === 'inf') return undefined;
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return NaN;
    const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
    total += Number(m[1]) * mult;
  }
  return Math.round(total * 1000);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** busybox date's default output: "Thu Jan  1 00:00:12 UTC 1970". */
export function formatDate(ms: number, format?: string): string {
  const iso = rfc3339(ms);
  const [y, mo, d] = iso.slice(0, 10).split('-').map(Number);
  const time = iso.slice(11, 19);
  const secs = Math.floor(ms / 1000);
  const dow = DAYS[(Math.floor(secs / 86400) + 4) % 7];
  if (format) {
    return format.replace(/%([a-zA-Z%])/g, (_, c: string) => {
      switch (c) {
        case 'Y': return String(y);
        case 'm': return String(mo).padStart(2, '0');
        case 'd': return String(d).padStart(2, '0');
        case 'H': return time.slice(0, 2);
        case 'M': return time.slice(3, 5);
        case 'S': return time.slice(6, 8);
        case 'T': return time;
        case 's': return String(secs);
        case 'F': return iso.slice(0, 10);
        case 'a': return dow;
        case 'b': return MONTHS[mo - 1];
        case 'Z': return 'UTC';
        case '%': return '%';
        default: return '%' + c;
      }
    });
  }
  return `${dow} ${MONTHS[mo - 1]} ${String(d).padStart(2, ' ')} ${time} UTC ${y}`;
}

function unescapeEcho(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 >= s.length) {
      out += s[i];
      continue;
    }
    const c = s[++i];
    if (c === 'n') out += '\n';
    else if (c === 't') out += '\t';
    else if (c === '\\') out += '\\';
    else if (c === 'c') return { text: out, stop: true };
    else if (c === 'e') out += '\x1b';
    else out += '\\' + c;
  }
  return { text: out, stop: false };
}

// ---- builtins ------------------------------------------------------------------------------

/** Special builtins: part of the shell itself, in every image that has a shell. */
const SPECIAL: Record<string, Builtin> = {
  exit: (sh, args) => {
    throw new ExitSignal(args[0] !== undefined ? Number(args[0]) & 255 || (/^\d+$/.test(args[0]) ? 0 : 2) : sh.status);
  },
  return: (sh, args) => {
    throw new ReturnSignal(args[0] !== undefined ? Number(args[0]) & 255 : sh.status);
  },
  break: (_sh, args) => {
    throw new BreakSignal(Number(args[0] ?? 1) || 1, false);
  },
  continue: (_sh, args) => {
    throw new BreakSignal(Number(args[0] ?? 1) || 1, true);
  },
  export: (sh, args) => {
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) {
        sh.setVar(a.slice(0, eq), a.slice(eq + 1));
        sh.exported.add(a.slice(0, eq));
      } else sh.exported.add(a);
    }
    return 0;
  },
  unset: (sh, args) => {
    for (const a of args) {
      sh.unsetVar(a);
      sh.funcs.delete(a);
    }
    return 0;
  },
  cd: (sh, args, io) => {
    const target = sh.path(args[0] ?? sh.getVar('HOME') ?? '/');
    if (!sh.host.fs.isDir(target)) {
      io.err(`${sh.argv0}: cd: can't cd to ${args[0]}: No such file or directory\n`);
      return 2;
    }
    sh.cwd = target;
    return 0;
  },
  pwd: (sh, _a, io) => {
    io.out(sh.cwd + '\n');
    return 0;
  },
  trap: (sh, args) => {
    if (args.length < 2) return 0;
    const [handler, ...sigs] = args;
    for (const raw of sigs) {
      const sig = raw.replace(/^SIG/, '').toUpperCase();
      const name = { '15': 'TERM', '2': 'INT', '1': 'HUP', '3': 'QUIT', '0': 'EXIT' }[sig] ?? sig;
      if (handler === '-') sh.traps.delete(name);
      else sh.traps.set(name, handler);
    }
    return 0;
  },
  wait: function* (sh) {
    const until = Math.max(0, ...sh.background);
    sh.background = [];
    if (until === 0) return 0;
    if (until === Infinity) {
      for (;;) {
        const interrupted = yield* sh.sleep(3_600_000, true);
        if (interrupted) return 143;
      }
    }
    const wait = until - sh.host.now();
    if (wait > 0) {
      const interrupted = yield* sh.sleep(wait, true);
      if (interrupted) return 143;
    }
    return 0;
  },
  set: () => 0,
  shift: () => 0,
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  '.': (sh, args, io) => {
    const text = sh.host.fs.read(sh.path(args[0] ?? ''));
    if (text === undefined) {
      io.err(`${sh.argv0}: .: can't open '${args[0]}'\n`);
      return 2;
    }
    return sh.exec(parseScript(text), io);
  },
  exec: (sh, args, io) => {
    if (args.length === 0) return 0;
    return (function* () {
      const code = yield* sh.invoke(args, io, []);
      throw new ExitSignal(code);
    })();
  },
  read: (sh, args, io) => {
    const names = args.filter((a) => !a.startsWith('-'));
    if (!io.stdin) return 1;
    const nl = io.stdin.indexOf('\n');
    const line = nl >= 0 ? io.stdin.slice(0, nl) : io.stdin;
    const fields = line.trim().split(/\s+/);
    names.forEach((n, i) => sh.setVar(n, i === names.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '')));
    return 0;
  },
  kill: () => 0,
  ulimit: () => 0,
  umask: () => 0,
};

function emit(r: CommandOutput, io: IO): number {
  if (r.out) io.out(r.out);
  if (r.err) io.err(r.err);
  return r.code;
}

/** Utilities every shell image ships with (busybox or coreutils), unless the image lacks them. */
const ALWAYS: Record<string, true> = { echo: true, printf: true, test: true, '[': true, sleep: true };

const BUILTINS: Record<string, Builtin> = {
  echo: (_sh, args, io) => {
    let newline = true;
    let escapes = false;
    let i = 0;
    for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
      if (args[i].includes('n')) newline = false;
      if (args[i].includes('e')) escapes = true;
    }
    let text = args.slice(i).join(' ');
    if (escapes) {
      const r = unescapeEcho(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    io.out(text + (newline ? '\n' : ''));
    return 0;
  },
  printf: (_sh, args, io) => {
    if (args.length === 0) return 1;
    const [fmt, ...rest] = args;
    let k = 0;
    let out = '';
    do {
      out += unescapeEcho(fmt).text.replace(/%([-0-9.]*)([sdif%])/g, (_m, _w: string, c: string) => {
        if (c === '%') return '%';
        const v = rest[k++] ?? '';
        return c === 's' ? v : String(Math.trunc(Number(v) || 0));
      });
    } while (k > 0 && k < rest.length);
    io.out(out);
    return 0;
  },
  sleep: function* (sh, args, io) {
    if (args.length === 0) {
      io.err('sleep: missing operand\n');
      return 1;
    }
    const ms = parseSleep(args);
    if (ms !== undefined && Number.isNaN(ms)) {
      io.err(`sleep: invalid number '${args[0]}'\n`);
      return 1;
    }
    if (ms === undefined) {
      for (;;) yield* sh.sleep(3_600_000);
    }
    yield* sh.sleep(ms);
    return 0;
  },
  test: (sh, args) => evalTest(sh, args),
  '[': (sh, args, io) => {
    if (args[args.length - 1] !== ']') {
      io.err('[: missing ]\n');
      return 2;
    }
    return evalTest(sh, args.slice(0, -1));
  },
  cat: (sh, args, io) => {
    const files = args.filter((a) => a !== '-' && !/^-[a-zA-Z]+$/.test(a));
    if (files.length === 0) {
      io.out(io.stdin);
      return 0;
    }
    let code = 0;
    for (const f of files) {
      const p = sh.path(f);
      if (sh.host.fs.isDir(p)) {
        io.err(`cat: read error: Is a directory\n`);
        code = 1;
        continue;
      }
      const data = sh.host.fs.read(p);
      if (data === undefined) {
        io.err(`cat: can't open '${f}': No such file or directory\n`);
        code = 1;
      } else io.out(data);
    }
    return code;
  },
  touch: (sh, args, io) => {
    let code = 0;
    for (const f of args.filter((a) => !a.startsWith('-'))) {
      const p = sh.path(f);
      if (sh.host.fs.exists(p)) continue;
      const err = sh.host.fs.write(p, '');
      if (err) {
        io.err(`touch: ${f}: ${err === 'nonexistent directory' ? 'No such file or directory' : err}\n`);
        code = 1;
      }
    }
    return code;
  },
  rm: (sh, args, io) => {
    const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
    const recursive = /[rR]/.test(flags);
    const force = flags.includes('f');
    let code = 0;
    for (const f of args.filter((a) => !/^-[a-zA-Z]+$/.test(a))) {
      const err = sh.host.fs.remove(sh.path(f), recursive);
      if (err && !(force && err === 'No such file or directory')) {
        io.err(`rm: can't remove '${f}': ${err}\n`);
        code = 1;
      }
    }
    return code;
  },
  mkdir: (sh, args, io) => {
    const parents = args.includes('-p');
    let code = 0;
    for (const f of args.filter((a) => !a.startsWith('-'))) {
      const err = sh.host.fs.mkdir(sh.path(f), parents);
      if (err) {
        io.err(`mkdir: can't create directory '${f}': ${err}\n`);
        code = 1;
      }
    }
    return code;
  },
  ls: (sh, args, io) => {
    const long = args.some((a) => /^-[a-zA-Z]*l/.test(a));
    const all = args.some((a) => /^-[a-zA-Z]*a/.test(a));
    const paths = args.filter((a) => !a.startsWith('-'));
    let code = 0;
    const targets = paths.length ? paths : ['.'];
    for (const t of targets) {
      const p = sh.path(t);
      if (!sh.host.fs.exists(p)) {
        io.err(`ls: ${t}: No such file or directory\n`);
        code = 1;
        continue;
      }
      if (targets.length > 1 && sh.host.fs.isDir(p)) io.out(`${t}:\n`);
      const names = sh.host.fs.isDir(p) ? sh.host.fs.list(p)!.filter((n) => all || !n.startsWith('.')) : [t];
      for (const n of names) {
        if (!long) io.out(n + '\n');
        else {
          const full = sh.host.fs.isDir(p) ? `${p}/${n}` : p;
          const dir = sh.host.fs.isDir(full);
          const size = dir ? 4096 : (sh.host.fs.read(full) ?? '').length;
          io.out(`${dir ? 'drwxr-xr-x' : '-rw-r--r--'}    ${dir ? 2 : 1} root     root     ${String(size).padStart(8)} ${formatDate(sh.host.now(), '%b %d %H:%M').replace(/ 0(\d) /, '  $1 ')} ${n}\n`);
        }
      }
    }
    return code;
  },
  cp: (sh, args, io) => {
    const files = args.filter((a) => !a.startsWith('-'));
    if (files.length < 2) return 1;
    const dest = sh.path(files[files.length - 1]);
    for (const f of files.slice(0, -1)) {
      const data = sh.host.fs.read(sh.path(f));
      if (data === undefined) {
        io.err(`cp: can't stat '${f}': No such file or directory\n`);
        return 1;
      }
      const target = sh.host.fs.isDir(dest) ? `${dest}/${f.slice(f.lastIndexOf('/') + 1)}` : dest;
      const err = sh.host.fs.write(target, data);
      if (err) {
        io.err(`cp: can't create '${files[files.length - 1]}': ${err}\n`);
        return 1;
      }
    }
    return 0;
  },
  mv: (sh, args, io) => {
    const files = args.filter((a) => !a.startsWith('-'));
    if (files.length !== 2) return 1;
    const data = sh.host.fs.read(sh.path(files[0]));
    if (data === undefined) {
      io.err(`mv: can't rename '${files[0]}': No such file or directory\n`);
      return 1;
    }
    const dest = sh.path(files[1]);
    const target = sh.host.fs.isDir(dest) ? `${dest}/${files[0].slice(files[0].lastIndexOf('/') + 1)}` : dest;
    const err = sh.host.fs.write(target, data) ?? sh.host.fs.remove(sh.path(files[0]), false);
    if (err) {
      io.err(`mv: can't rename '${files[0]}': ${err}\n`);
      return 1;
    }
    return 0;
  },
  chmod: () => 0,
  chown: () => 0,
  sync: () => 0,
  date: (sh, args, io) => {
    const fmt = args.find((a) => a.startsWith('+'));
    io.out(formatDate(sh.host.now(), fmt?.slice(1)) + '\n');
    return 0;
  },
  env: (sh, args, io) => {
    if (args.length > 0 && !args[0].startsWith('-')) {
      return sh.invoke(args, io, []);
    }
    for (const [k, v] of sh.envMap()) io.out(`${k}=${v}\n`);
    return 0;
  },
  printenv: (sh, args, io) => {
    const env = sh.envMap();
    if (args.length === 0) {
      for (const [k, v] of env) io.out(`${k}=${v}\n`);
      return 0;
    }
    let code = 0;
    for (const a of args) {
      const v = env.get(a);
      if (v === undefined) code = 1;
      else io.out(v + '\n');
    }
    return code;
  },
  hostname: (sh, _a, io) => {
    io.out(sh.host.hostname + '\n');
    return 0;
  },
  whoami: (sh, _a, io) => emit(whoami(sh.host.identity ?? ROOT), io),
  id: (sh, args, io) => emit(idCommand(sh.host.identity ?? ROOT, args), io),
  uname: (sh, args, io) => {
    io.out(args.includes('-a') ? `Linux ${sh.host.hostname} 6.8.0-kubesim #1 SMP x86_64 GNU/Linux\n` : 'Linux\n');
    return 0;
  },
  seq: (_sh, args, io) => {
    const nums = args.map(Number);
    const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
    let count = 0;
    for (let n = first; step > 0 ? n <= last : n >= last; n += step) {
      io.out(n + '\n');
      if (++count > 100_000) break;
    }
    return 0;
  },
  expr: (sh, args, io) => {
    try {
      const v = evalArith(args.join(' '), (n) => sh.getVar(n));
      io.out(v + '\n');
      return v === 0 ? 1 : 0;
    } catch {
      io.err('expr: division by zero\n');
      return 2;
    }
  },
  grep: (sh, args, io) => emit(grep(args, io.stdin, (f) => sh.host.fs.read(sh.path(f))), io),
  sort: (sh, args, io) => emit(sort(args, io.stdin, (f) => sh.host.fs.read(sh.path(f))), io),
  uniq: (sh, args, io) => emit(uniq(args, io.stdin, (f) => sh.host.fs.read(sh.path(f))), io),
  tr: (_sh, args, io) => emit(tr(args, io.stdin), io),
  cut: (sh, args, io) => emit(cut(args, io.stdin, (f) => sh.host.fs.read(sh.path(f))), io),
  wc: (_sh, args, io) => {
    const text = io.stdin;
    const lines = (text.match(/\n/g) ?? []).length;
    if (args.includes('-l')) io.out(lines + '\n');
    else if (args.includes('-c')) io.out(text.length + '\n');
    else if (args.includes('-w')) io.out((text.trim() ? text.trim().split(/\s+/).length : 0) + '\n');
    else io.out(`${lines} ${text.trim() ? text.trim().split(/\s+/).length : 0} ${text.length}\n`);
    return 0;
  },
  head: (sh, args, io) => headTail(sh, args, io, true),
  tail: (sh, args, io) => headTail(sh, args, io, false),
  tee: (sh, args, io) => {
    const append = args.includes('-a');
    for (const f of args.filter((a) => !a.startsWith('-'))) sh.host.fs.write(sh.path(f), io.stdin, append);
    io.out(io.stdin);
    return 0;
  },
  basename: (_sh, args, io) => {
    io.out((args[0] ?? '').replace(/\/+$/, '').split('/').pop() + '\n');
    return 0;
  },
  dirname: (_sh, args, io) => {
    const p = (args[0] ?? '').replace(/\/+$/, '');
    io.out((p.includes('/') ? p.slice(0, p.lastIndexOf('/')) || '/' : '.') + '\n');
    return 0;
  },
  yes: function* (sh, args, io) {
    io.out(`${args[0] ?? 'y'}\n`);
    yield { spin: true };
    return 0;
  },
  ps: (sh, _a, io) => {
    io.out(`PID   USER     TIME  COMMAND\n    1 root      0:00 ${sh.argv0}\n`);
    return 0;
  },
  wget: (sh, args, io) => netGet(sh, args, io, 'wget'),
  curl: (sh, args, io) => netGet(sh, args, io, 'curl'),
  'redis-cli': (sh, args, io) => emit(redisCli(args, sh.host.network), io),
  mysqladmin: (sh, args, io) => emit(mysqladmin(args, sh.host.network), io),
  'mariadb-admin': (sh, args, io) => emit(mysqladmin(args, sh.host.network, 'mariadb-admin'), io),
  pg_isready: (sh, args, io) => emit(pgIsReady(args, sh.host.network), io),
  nslookup: (sh, args, io) => {
    const name = args.find((a) => !a.startsWith('-'));
    if (!name) return 1;
    const r = sh.host.network.lookup(name);
    io.out('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n');
    if (!r) {
      io.out(`** server can't find ${name}: NXDOMAIN\n\n`);
      return 1;
    }
    io.out(`Name:\t${r.fqdn}\nAddress: ${r.address}\n\n`);
    return 0;
  },
  nc: function* (sh, args, io) {
    const z = args.some((a) => /^-[a-zA-Z]*z/.test(a));
    const positional = args.filter((a) => !a.startsWith('-'));
    if (positional.length < 2) return 1;
    const r = sh.host.network.tcp(positional[0], Number(positional[1]));
    if (!r.ok) {
      if (r.error === 'dns') io.err(`nc: bad address '${positional[0]}'\n`);
      else if (r.error === 'timeout') yield* sh.sleep(1000);
      else if (!z) io.err(`nc: can't connect to remote host (${r.address}): Connection refused\n`);
      return 1;
    }
    return 0;
  },
  stat: (sh, args, io) => {
    const f = args.find((a) => !a.startsWith('-'));
    if (!f || !sh.host.fs.exists(sh.path(f))) {
      io.err(`stat: can't stat '${f}': No such file or directory\n`);
      return 1;
    }
    io.out(`  File: ${f}\n`);
    return 0;
  },
  df: (_sh, _a, io) => {
    io.out('Filesystem           1K-blocks      Used Available Use% Mounted on\noverlay               61255492  12345678  45787654  21% /\n');
    return 0;
  },
  free: (_sh, _a, io) => {
    io.out('              total        used        free      shared  buff/cache   available\nMem:        4194304      524288     3145728           0      524288     3407872\n');
    return 0;
  },
};

function headTail(sh: Shell, args: string[], io: IO, head: boolean): number {
  let n = 10;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-n') n = Number(args[++i]);
    else if (/^-\d+$/.test(args[i])) n = Number(args[i].slice(1));
    else if (/^-n\d+$/.test(args[i])) n = Number(args[i].slice(2));
    else files.push(args[i]);
  }
  const text = files.length ? sh.host.fs.read(sh.path(files[0])) : io.stdin;
  if (text === undefined) {
    io.err(`${head ? 'head' : 'tail'}: can't open '${files[0]}': No such file or directory\n`);
    return 1;
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const picked = head ? lines.slice(0, n) : lines.slice(Math.max(0, lines.length - n));
  if (picked.length) io.out(picked.join('\n') + '\n');
  return 0;
}

function evalTest(sh: Shell, args: string[]): number {
  const fs = sh.host.fs;
  const unary = (op: string, a: string): boolean | undefined => {
    switch (op) {
      case '-f': return fs.isFile(sh.path(a));
      case '-d': return fs.isDir(sh.path(a));
      case '-e': case '-a': return fs.exists(sh.path(a));
      case '-s': return (fs.read(sh.path(a)) ?? '').length > 0;
      case '-r': case '-w': case '-x': return fs.exists(sh.path(a));
      case '-z': return a.length === 0;
      case '-n': return a.length > 0;
      default: return undefined;
    }
  };
  const binary = (a: string, op: string, b: string): boolean | undefined => {
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '-eq': return Number(a) === Number(b);
      case '-ne': return Number(a) !== Number(b);
      case '-lt': return Number(a) < Number(b);
      case '-le': return Number(a) <= Number(b);
      case '-gt': return Number(a) > Number(b);
      case '-ge': return Number(a) >= Number(b);
      default: return undefined;
    }
  };
  const single = (xs: string[]): boolean => {
    if (xs.length === 0) return false;
    if (xs[0] === '!') return !single(xs.slice(1));
    if (xs.length === 1) return xs[0].length > 0;
    if (xs.length === 2) return unary(xs[0], xs[1]) ?? false;
    if (xs.length === 3) return binary(xs[0], xs[1], xs[2]) ?? false;
    return false;
  };
  // -o binds looser than -a.
  const ors = split(args, '-o').map((g) => split(g, '-a'));
  return ors.some((ands) => ands.every(single)) ? 0 : 1;
}

function split(xs: string[], sep: string): string[][] {
  const out: string[][] = [[]];
  xs.forEach((x, i) => {
    // A separator only between operands (not "-a FILE" as a unary test).
    if (x === sep && i > 0 && i < xs.length - 1) out.push([]);
    else out[out.length - 1].push(x);
  });
  return out;
}

function parseUrl(raw: string): { host: string; port: number; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(raw);
  if (!m) return undefined;
  return { host: m[2], port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] ?? '/' };
}

function* netGet(sh: Shell, args: string[], io: IO, tool: 'wget' | 'curl'): Steps {
  let outFile: string | undefined;
  let quiet = false;
  let spider = false;
  let failFlag = false;
  let timeoutS = tool === 'wget' ? 900 : 300;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-O' || a === '-o' || a === '--output') outFile = args[++i];
    else if (a.startsWith('-O') && a.length > 2) outFile = a.slice(2);
    else if (a === '-T' || a === '--timeout' || a === '-m' || a === '--max-time' || a === '--connect-timeout') timeoutS = Number(args[++i]);
    else if (a.startsWith('--timeout=')) timeoutS = Number(a.slice(10));
    else if (a === '--spider') spider = true;
    else if (a === '-f' || a === '--fail') failFlag = true;
    else if (a === '-H' || a === '--header' || a === '-X' || a === '-w' || a === '-d') i++;
    else if (/^-[a-zA-Z]/.test(a) && !a.startsWith('--')) {
      // Combined short flags: -qO- , -qO file, -sf ...
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (f === 'q' || f === 's') quiet = true;
        else if (f === 'f' && tool === 'curl') failFlag = true;
        else if ((f === 'O' && tool === 'wget') || (f === 'o' && tool === 'curl')) {
          outFile = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          break;
        } else if (f === 'T' && tool === 'wget') {
          timeoutS = Number(j + 1 < a.length ? a.slice(j + 1) : args[++i]);
          break;
        }
      }
    } else if (!a.startsWith('-')) url = a;
  }
  if (!url) {
    io.err(tool === 'wget' ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n' : "curl: try 'curl --help' or 'curl --manual' for more information\n");
    return tool === 'wget' ? 1 : 2;
  }
  const u = parseUrl(url);
  if (!u) {
    io.err(tool === 'wget' ? `wget: bad address '${url}'\n` : `curl: (3) URL rejected: Malformed input to a URL function\n`);
    return tool === 'wget' ? 1 : 3;
  }
  const r = sh.host.network.http(u.host, u.port, u.path);
  if (!r.ok) {
    if (r.error === 'timeout') yield* sh.sleep(Math.max(1, timeoutS) * 1000);
    if (tool === 'wget') {
      if (r.error === 'dns') io.err(`wget: bad address '${u.host}${u.port !== 80 ? ':' + u.port : ''}'\n`);
      else if (r.error === 'refused') io.err(`wget: can't connect to remote host (${r.address}): Connection refused\n`);
      else io.err('wget: download timed out\n');
      return 1;
    }
    if (r.error === 'dns') io.err(`curl: (6) Could not resolve host: ${u.host}\n`);
    else if (r.error === 'refused') io.err(`curl: (7) Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server\n`);
    else io.err(`curl: (28) Connection timed out after ${timeoutS * 1000} milliseconds\n`);
    return r.error === 'dns' ? 6 : r.error === 'refused' ? 7 : 28;
  }
  const reason = HTTP_REASONS[r.status] ?? '';
  if (tool === 'wget') {
    if (!quiet) io.err(`Connecting to ${u.host}${u.port !== 80 ? ':' + u.port : ''} (${r.address}:${u.port})\n`);
    if (r.status >= 400) {
      io.err(`wget: server returned error: HTTP/1.1 ${r.status} ${reason}\n`);
      return 1;
    }
    if (spider) {
      if (!quiet) io.err('remote file exists\n');
      return 0;
    }
    const target = outFile ?? (u.path.split('/').pop() || 'index.html');
    if (target === '-') io.out(r.body);
    else {
      const err = sh.host.fs.write(sh.path(target), r.body);
      if (err) {
        io.err(`wget: can't open '${target}': ${err === 'nonexistent directory' ? 'No such file or directory' : err}\n`);
        return 1;
      }
      if (!quiet) io.err(`saving to '${target}'\n${target}            100% |********************************|   ${r.body.length}  0:00:00 ETA\n'${target}' saved\n`);
    }
    return 0;
  }
  if (failFlag && r.status >= 400) {
    if (!quiet) io.err(`curl: (22) The requested URL returned error: ${r.status}\n`);
    return 22;
  }
  if (outFile && outFile !== '-') sh.host.fs.write(sh.path(outFile), r.body);
  else io.out(r.body);
  return 0;
}

export const HTTP_REASONS: Record<number, string> = {
  200: 'OK', 301: 'Moved Permanently', 302: 'Found', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export type { Process };
