/**
 * busybox's text filters as pure functions of their arguments and input: grep, sort, uniq, tr and
 * cut. `read` returns a file's text (undefined when it does not exist).
 */
import type { CommandOutput } from './identity';

type Read = (file: string) => string | undefined;

/** Splits text into lines, dropping the empty piece after a final newline. */
function lines(text: string): string[] {
  const out = text.split('\n');
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A basic or extended regular expression as a JavaScript one (\( \) \| \{ \} are BRE groups). */
function toRegExp(pattern: string, extended: boolean, fixed: boolean, word: boolean, ignoreCase: boolean): RegExp {
  let src = fixed ? escapeRegExp(pattern) : extended ? pattern : pattern.replace(/\\([(){}|+?])|([(){}|+?])/g, (_m, bre: string | undefined, lit: string | undefined) => (bre ? bre : '\\' + lit));
  if (word) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
  try {
    return new RegExp(src, ignoreCase ? 'i' : '');
  } catch {
    return new RegExp(escapeRegExp(pattern), ignoreCase ? 'i' : '');
  }
}

/** grep [-ivcqnlwEFsh] [-e PATTERN]... [PATTERN] [FILE]... */
export function grep(args: string[], stdin: string, read: Read): CommandOutput {
  const patterns: string[] = [];
  const rest: string[] = [];
  let flags = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e') patterns.push(args[++i] ?? '');
    else if (/^-e./.test(a)) patterns.push(a.slice(2));
    else if (/^-[a-zA-Z]+$/.test(a)) flags += a.slice(1);
    else if (a === '--') rest.push(...args.slice(i + 1).splice(0));
    else rest.push(a);
  }
  if (patterns.length === 0) {
    const p = rest.shift();
    if (p === undefined) return { out: '', err: 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n', code: 2 };
    patterns.push(...p.split('\n'));
  }
  const has = (f: string) => flags.includes(f);
  const res = patterns.map((p) => toRegExp(p, has('E'), has('F'), has('w'), has('i')));
  const files = rest;
  const sources: [string, string | undefined][] = files.length ? files.map((f) => [f, read(f)]) : [['(standard input)', stdin]];
  const named = files.length > 1 && !has('h');
  let out = '';
  let err = '';
  let matched = 0;
  let missing = false;
  for (const [name, text] of sources) {
    if (text === undefined) {
      if (!has('s')) err += `grep: ${name}: No such file or directory\n`;
      missing = true;
      continue;
    }
    let count = 0;
    lines(text).forEach((line, i) => {
      const hit = res.some((re) => re.test(line)) !== has('v');
      if (!hit) return;
      count++;
      if (has('q') || has('c') || has('l')) return;
      out += `${named ? name + ':' : ''}${has('n') ? `${i + 1}:` : ''}${line}\n`;
    });
    matched += count;
    if (has('c') && !has('q')) out += `${named ? name + ':' : ''}${count}\n`;
    if (has('l') && count > 0 && !has('q')) out += `${name}\n`;
  }
  if (has('q') && matched > 0) return { out: '', err: '', code: 0 };
  return { out, err, code: missing && !has('q') ? 2 : matched > 0 ? 0 : 1 };
}

function inputOf(files: string[], stdin: string, read: Read, tool: string): { text: string; err: string; code: number } {
  if (files.length === 0 || (files.length === 1 && files[0] === '-')) return { text: stdin, err: '', code: 0 };
  let text = '';
  let err = '';
  let code = 0;
  for (const f of files) {
    const t = read(f);
    if (t === undefined) {
      err += `${tool}: can't open '${f}': No such file or directory\n`;
      code = 1;
    } else text += t.endsWith('\n') || t === '' ? t : t + '\n';
  }
  return { text, err, code };
}

/** sort [-rnu] [-k N] [-t SEP] [FILE]... */
export function sort(args: string[], stdin: string, read: Read): CommandOutput {
  let flags = '';
  let key: number | undefined;
  let sep: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-k') key = parseInt(args[++i] ?? '1', 10);
    else if (/^-k\d/.test(a)) key = parseInt(a.slice(2), 10);
    else if (a === '-t') sep = args[++i];
    else if (/^-t./.test(a)) sep = a.slice(2);
    else if (/^-[a-zA-Z]+$/.test(a)) flags += a.slice(1);
    else files.push(a);
  }
  const input = inputOf(files, stdin, read, 'sort');
  const field = (line: string) => {
    if (key === undefined) return line;
    const parts = sep !== undefined ? line.split(sep) : line.trim().split(/\s+/);
    return parts.slice(key - 1).join(sep ?? ' ');
  };
  const numeric = flags.includes('n');
  let list = lines(input.text);
  list.sort((a, b) => {
    const fa = field(a);
    const fb = field(b);
    const c = numeric ? (parseFloat(fa) || 0) - (parseFloat(fb) || 0) || (a < b ? -1 : a > b ? 1 : 0) : fa < fb ? -1 : fa > fb ? 1 : 0;
    return flags.includes('r') ? -c : c;
  });
  if (flags.includes('u')) list = list.filter((l, i) => i === 0 || field(l) !== field(list[i - 1]));
  return { out: list.map((l) => l + '\n').join(''), err: input.err, code: input.code };
}

/** uniq [-c] [-d] [-u]: adjacent duplicate lines. */
export function uniq(args: string[], stdin: string, read: Read): CommandOutput {
  const flags = args.filter((a) => /^-[a-z]+$/.test(a)).join('');
  const files = args.filter((a) => !/^-[a-z]+$/.test(a));
  const input = inputOf(files.slice(0, 1), stdin, read, 'uniq');
  const groups: [string, number][] = [];
  for (const l of lines(input.text)) {
    const last = groups[groups.length - 1];
    if (last && last[0] === l) last[1]++;
    else groups.push([l, 1]);
  }
  let out = '';
  for (const [l, n] of groups) {
    if (flags.includes('d') && n < 2) continue;
    if (flags.includes('u') && n > 1) continue;
    out += flags.includes('c') ? `${String(n).padStart(7)} ${l}\n` : `${l}\n`;
  }
  return { out, err: input.err, code: input.code };
}

/** The characters of a tr set: ranges (a-z) and the classes [:lower:], [:upper:], [:digit:], [:space:]. */
function trSet(spec: string): string[] {
  const classes: Record<string, string> = {
    '[:lower:]': 'abcdefghijklmnopqrstuvwxyz',
    '[:upper:]': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    '[:digit:]': '0123456789',
    '[:space:]': ' \t\n\r\f\v',
    '[:alpha:]': 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  };
  const out: string[] = [];
  let s = spec.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  for (const [name, chars] of Object.entries(classes)) s = s.split(name).join('\u0000' + chars + '\u0001');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\u0000' || ch === '\u0001') continue;
    if (s[i + 1] === '-' && i + 2 < s.length && s[i + 2] !== '\u0000') {
      for (let c = ch.charCodeAt(0); c <= s.charCodeAt(i + 2); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(ch);
  }
  return out;
}

/** tr [-d] [-s] SET1 [SET2] on standard input. */
export function tr(args: string[], stdin: string): CommandOutput {
  const flags = args.filter((a) => /^-[a-z]+$/.test(a)).join('');
  const sets = args.filter((a) => !/^-[a-z]+$/.test(a));
  const from = trSet(sets[0] ?? '');
  const to = trSet(sets[1] ?? '');
  let out = '';
  let last = '';
  for (const ch of stdin) {
    const i = from.indexOf(ch);
    let c = ch;
    if (i >= 0) {
      if (flags.includes('d')) continue;
      if (to.length > 0) c = to[Math.min(i, to.length - 1)];
    }
    if (flags.includes('s') && c === last && (to.length > 0 ? to.includes(c) : from.includes(c))) continue;
    out += c;
    last = c;
  }
  return { out, err: '', code: 0 };
}

/** cut -d SEP -f LIST | -c LIST [FILE]... */
export function cut(args: string[], stdin: string, read: Read): CommandOutput {
  let delim = '\t';
  let fields: string | undefined;
  let chars: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-d') delim = args[++i] ?? '\t';
    else if (a.startsWith('-d')) delim = a.slice(2);
    else if (a === '-f') fields = args[++i];
    else if (a.startsWith('-f')) fields = a.slice(2);
    else if (a === '-c') chars = args[++i];
    else if (a.startsWith('-c')) chars = a.slice(2);
    else files.push(a);
  }
  const list = fields ?? chars;
  if (!list) return { out: '', err: 'cut: must specify a list of bytes, characters, or fields\n', code: 1 };
  const wanted = (n: number) => list.split(',').some((r) => {
    const [lo, hi] = r.includes('-') ? r.split('-') : [r, r];
    return n >= (lo ? Number(lo) : 1) && n <= (hi ? Number(hi) : Infinity);
  });
  const input = inputOf(files, stdin, read, 'cut');
  let out = '';
  for (const l of lines(input.text)) {
    if (chars) out += [...l].filter((_c, i) => wanted(i + 1)).join('') + '\n';
    else if (!l.includes(delim)) out += l + '\n';
    else out += l.split(delim).filter((_p, i) => wanted(i + 1)).join(delim) + '\n';
  }
  return { out, err: input.err, code: input.code };
}
