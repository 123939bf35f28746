/**
 * Parser for the small POSIX-like sh that container scripts (`sh -c '...'`) run in: lists with
 * `;` `&&` `||` `&` and newlines, pipelines, if/while/until/for/case, { } and ( ) groups,
 * functions, quoting, $VAR ${VAR} $? $$ $# $@ $(...) `...` $((...)), and redirections.
 */

export type WordPart =
  | { k: 'lit'; v: string; q: boolean }
  | { k: 'var'; v: string; q: boolean; op?: string; arg?: Word }
  | { k: 'sub'; v: ShellNode; q: boolean }
  | { k: 'arith'; v: string; q: boolean };
export type Word = WordPart[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<<';
  target: Word;
}

export type ShellNode =
  | { t: 'list'; items: { node: ShellNode; op: ';' | '&&' | '||' | '&' }[] }
  | { t: 'pipe'; cmds: ShellNode[]; negate: boolean }
  | { t: 'cmd'; assigns: [string, Word][]; words: Word[]; redirs: Redirect[] }
  | { t: 'if'; clauses: { cond: ShellNode; body: ShellNode }[]; otherwise?: ShellNode }
  | { t: 'loop'; until: boolean; cond: ShellNode; body: ShellNode }
  | { t: 'for'; name: string; items?: Word[]; body: ShellNode }
  | { t: 'case'; subject: Word; arms: { patterns: Word[]; body: ShellNode }[] }
  | { t: 'group'; body: ShellNode; subshell: boolean; redirs: Redirect[] }
  | { t: 'func'; name: string; body: ShellNode };

export class ShellSyntaxError extends Error {}

const KEYWORDS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', ')', ';;', 'in']);
/** Words that end a list when they stand where a command would. */
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}', ')', ';;']);

export function parseScript(src: string): ShellNode {
  const known = parsed.get(src);
  if (known) return known;
  const node = parseUncached(src);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(src, node);
  return node;
}

// A probe or a loop runs the same few scripts hundreds of times; the interpreter only reads the
// tree, so one parse per distinct script is enough.
const PARSED_LIMIT = 512;
const parsed = new Map<string, ShellNode>();

function parseUncached(src: string): ShellNode {
  const p = new Parser(src);
  const node = p.list([]);
  p.skipBlank(true);
  if (!p.eof()) throw new ShellSyntaxError(`syntax error: unexpected "${p.peekWord() || p.src[p.pos]}"`);
  return node;
}

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  eof(): boolean {
    return this.pos >= this.src.length;
  }

  /** Skips spaces, tabs, comments and line continuations; newlines too when `newlines`. */
  skipBlank(newlines = false): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (!this.eof() && this.src[this.pos] !== '\n') this.pos++;
      } else if (newlines && (c === '\n' || (c === ';' && this.src[this.pos + 1] !== ';'))) this.pos++;
      else break;
    }
  }

  /** The bare word at the cursor, if it is plain text (for keyword checks). */
  peekWord(): string {
    const m = /^[^\s;&|()<>]+/.exec(this.src.slice(this.pos, this.pos + 40));
    if (m) return m[0];
    if (this.src.startsWith(';;', this.pos)) return ';;';
    const c = this.src[this.pos];
    return c === ')' || c === '(' ? c : '';
  }

  atKeyword(words: string[]): string | undefined {
    const w = this.peekWord();
    return words.includes(w) ? w : undefined;
  }

  expectKeyword(word: string): void {
    this.skipBlank(true);
    if (this.peekWord() !== word) {
      const got = this.peekWord();
      throw new ShellSyntaxError(got ? `syntax error: unexpected "${got}"` : `syntax error: unexpected end of file (expecting "${word}")`);
    }
    this.pos += word.length;
  }

  /** A list up to one of the terminator keywords (not consumed). */
  list(terminators: string[]): ShellNode {
    const items: { node: ShellNode; op: ';' | '&&' | '||' | '&' }[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.eof()) break;
      const w = this.peekWord();
      if (terminators.includes(w) || CLOSERS.has(w)) break;
      const node = this.pipeline();
      this.skipBlank(false);
      let op: ';' | '&&' | '||' | '&' = ';';
      if (this.src.startsWith('&&', this.pos)) {
        op = '&&';
        this.pos += 2;
      } else if (this.src.startsWith('||', this.pos)) {
        op = '||';
        this.pos += 2;
      } else if (this.src[this.pos] === '&') {
        op = '&';
        this.pos++;
      } else if (this.src[this.pos] === ';' && this.src[this.pos + 1] !== ';') {
        this.pos++;
      } else if (this.src[this.pos] === '\n') {
        this.pos++;
      }
      items.push({ node, op });
      if (op === '&&' || op === '||') {
        this.skipBlank(true);
        if (this.eof()) throw new ShellSyntaxError('syntax error: unexpected end of file');
      }
    }
    return { t: 'list', items };
  }

  pipeline(): ShellNode {
    this.skipBlank(false);
    let negate = false;
    if (this.src[this.pos] === '!' && /\s/.test(this.src[this.pos + 1] ?? '')) {
      negate = true;
      this.pos++;
    }
    const cmds = [this.command()];
    for (;;) {
      this.skipBlank(false);
      if (this.src[this.pos] === '|' && this.src[this.pos + 1] !== '|') {
        this.pos++;
        this.skipBlank(true);
        cmds.push(this.command());
      } else break;
    }
    return cmds.length === 1 && !negate ? cmds[0] : { t: 'pipe', cmds, negate };
  }

  command(): ShellNode {
    this.skipBlank(false);
    const w = this.peekWord();
    if (w === 'if') return this.ifClause();
    if (w === 'while' || w === 'until') return this.loop(w === 'until');
    if (w === 'for') return this.forClause();
    if (w === 'case') return this.caseClause();
    if (w === '{') {
      this.pos++;
      const body = this.list(['}']);
      this.expectKeyword('}');
      return { t: 'group', body, subshell: false, redirs: this.redirects() };
    }
    if (this.src[this.pos] === '(') {
      this.pos++;
      const body = this.list([')']);
      this.skipBlank(true);
      if (this.src[this.pos] !== ')') throw new ShellSyntaxError('syntax error: unexpected end of file (expecting ")")');
      this.pos++;
      return { t: 'group', body, subshell: true, redirs: this.redirects() };
    }
    if (w === 'function') {
      this.pos += 8;
      this.skipBlank(false);
      const name = this.peekWord().replace(/\(\)$/, '');
      this.pos += this.peekWord().length;
      return this.funcBody(name);
    }
    const fm = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*\)/.exec(this.src.slice(this.pos, this.pos + 80));
    if (fm) {
      this.pos += fm[0].length;
      return this.funcBody(fm[1]);
    }
    if (KEYWORDS.has(w) && w !== 'in') throw new ShellSyntaxError(`syntax error: unexpected "${w}"`);
    return this.simple();
  }

  funcBody(name: string): ShellNode {
    this.skipBlank(true);
    const body = this.command();
    return { t: 'func', name, body };
  }

  ifClause(): ShellNode {
    this.pos += 2;
    const clauses: { cond: ShellNode; body: ShellNode }[] = [];
    let otherwise: ShellNode | undefined;
    for (;;) {
      const cond = this.list(['then']);
      this.expectKeyword('then');
      const body = this.list(['elif', 'else', 'fi']);
      clauses.push({ cond, body });
      this.skipBlank(true);
      const k = this.atKeyword(['elif', 'else', 'fi']);
      if (k === 'elif') {
        this.pos += 4;
        continue;
      }
      if (k === 'else') {
        this.pos += 4;
        otherwise = this.list(['fi']);
        this.expectKeyword('fi');
        break;
      }
      this.expectKeyword('fi');
      break;
    }
    return { t: 'if', clauses, otherwise };
  }

  loop(until: boolean): ShellNode {
    this.pos += 5; // 'while' and 'until' are both five letters
    const cond = this.list(['do']);
    this.expectKeyword('do');
    const body = this.list(['done']);
    this.expectKeyword('done');
    return { t: 'loop', until, cond, body };
  }

  forClause(): ShellNode {
    this.pos += 3;
    this.skipBlank(false);
    const name = this.peekWord();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellSyntaxError(`syntax error: bad for loop variable`);
    this.pos += name.length;
    this.skipBlank(true);
    let items: Word[] | undefined;
    if (this.peekWord() === 'in') {
      this.pos += 2;
      items = [];
      for (;;) {
        this.skipBlank(false);
        const c = this.src[this.pos];
        if (this.eof() || c === ';' || c === '\n') break;
        items.push(this.word());
      }
    }
    this.skipBlank(true);
    this.expectKeyword('do');
    const body = this.list(['done']);
    this.expectKeyword('done');
    return { t: 'for', name, items, body };
  }

  caseClause(): ShellNode {
    this.pos += 4;
    this.skipBlank(false);
    const subject = this.word();
    this.expectKeyword('in');
    const arms: { patterns: Word[]; body: ShellNode }[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.peekWord() === 'esac') {
        this.pos += 4;
        break;
      }
      if (this.eof()) throw new ShellSyntaxError('syntax error: unexpected end of file (expecting "esac")');
      if (this.src[this.pos] === '(') this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipBlank(false);
        patterns.push(this.word());
        this.skipBlank(false);
        if (this.src[this.pos] === '|') {
          this.pos++;
          continue;
        }
        if (this.src[this.pos] === ')') {
          this.pos++;
          break;
        }
        throw new ShellSyntaxError('syntax error: unexpected word in case pattern');
      }
      const body = this.list([';;', 'esac']);
      arms.push({ patterns, body });
      this.skipBlank(true);
      if (this.src.startsWith(';;', this.pos)) this.pos += 2;
    }
    return { t: 'case', subject, arms };
  }

  redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      this.skipBlank(false);
      const r = this.redirect();
      if (!r) break;
      out.push(r);
    }
    return out;
  }

  redirect(): Redirect | undefined {
    const m = /^(\d?)(>>|>&|<<|>|<)/.exec(this.src.slice(this.pos, this.pos + 4));
    if (!m) return undefined;
    this.pos += m[0].length;
    const op = m[2] as Redirect['op'];
    const fd = m[1] ? Number(m[1]) : op === '<' || op === '<<' ? 0 : 1;
    this.skipBlank(false);
    if (op === '<<') {
      // Here-document: the body runs from the next line to the delimiter line.
      const delim = this.word().map((p) => (p.k === 'lit' ? p.v : '')).join('');
      const lineEnd = this.src.indexOf('\n', this.pos);
      let body = '';
      if (lineEnd >= 0) {
        const lines = this.src.slice(lineEnd + 1).split('\n');
        const stop = lines.findIndex((l) => l.trim() === delim);
        const taken = stop >= 0 ? lines.slice(0, stop) : lines;
        body = taken.join('\n') + '\n';
        const rest = stop >= 0 ? lines.slice(stop + 1).join('\n') : '';
        this.src2(lineEnd, rest);
      }
      return { fd, op, target: [{ k: 'lit', v: body, q: true }] };
    }
    return { fd, op, target: this.word() };
  }

  /** Replaces the text after the current line with `rest` (used to cut a here-document out). */
  private src2(lineEnd: number, rest: string): void {
    (this as { src: string }).src = this.src.slice(0, lineEnd + 1) + rest;
  }

  simple(): ShellNode {
    const assigns: [string, Word][] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      this.skipBlank(false);
      if (this.eof()) break;
      const c = this.src[this.pos];
      if (c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') break;
      if (c === '(' && words.length === 0) throw new ShellSyntaxError('syntax error: unexpected "("');
      const r = this.redirect();
      if (r) {
        redirs.push(r);
        continue;
      }
      if (words.length === 0) {
        const am = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(this.src.slice(this.pos, this.pos + 80));
        if (am) {
          this.pos += am[0].length;
          const value = this.atWordEnd() ? [] : this.word();
          assigns.push([am[1], value]);
          continue;
        }
      }
      words.push(this.word());
    }
    if (words.length === 0 && assigns.length === 0 && redirs.length === 0) {
      const got = this.src[this.pos];
      throw new ShellSyntaxError(got ? `syntax error: unexpected "${got}"` : 'syntax error: unexpected end of file');
    }
    return { t: 'cmd', assigns, words, redirs };
  }

  atWordEnd(): boolean {
    const c = this.src[this.pos];
    return c === undefined || /[\s;&|()<>]/.test(c);
  }

  word(): Word {
    const parts: Word = [];
    const lit = (v: string, q: boolean) => {
      const last = parts[parts.length - 1];
      if (last && last.k === 'lit' && last.q === q) last.v += v;
      else parts.push({ k: 'lit', v, q });
    };
    while (!this.eof()) {
      const c = this.src[this.pos];
      if (/[\s;&|()<>]/.test(c)) break;
      if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError("syntax error: unterminated quoted string");
        lit(this.src.slice(this.pos + 1, end), true);
        this.pos = end + 1;
      } else if (c === '"') {
        this.pos++;
        this.doubleQuoted(parts, lit);
      } else if (c === '\\') {
        if (this.src[this.pos + 1] === '\n') this.pos += 2;
        else {
          lit(this.src[this.pos + 1] ?? '', true);
          this.pos += 2;
        }
      } else if (c === '$') {
        this.dollar(parts, false, lit);
      } else if (c === '`') {
        parts.push({ k: 'sub', v: this.backtick(), q: false });
      } else {
        lit(c, false);
        this.pos++;
      }
    }
    if (parts.length === 0) throw new ShellSyntaxError('syntax error: unexpected end of file');
    return parts;
  }

  doubleQuoted(parts: Word, lit: (v: string, q: boolean) => void): void {
    for (;;) {
      if (this.eof()) throw new ShellSyntaxError('syntax error: unterminated quoted string');
      const c = this.src[this.pos];
      if (c === '"') {
        this.pos++;
        // An empty "" still makes a (quoted, empty) word.
        if (parts.length === 0) lit('', true);
        return;
      }
      if (c === '\\' && /["\\$`\n]/.test(this.src[this.pos + 1] ?? '')) {
        if (this.src[this.pos + 1] !== '\n') lit(this.src[this.pos + 1], true);
        this.pos += 2;
      } else if (c === '$') this.dollar(parts, true, lit);
      else if (c === '`') parts.push({ k: 'sub', v: this.backtick(), q: true });
      else {
        lit(c, true);
        this.pos++;
      }
    }
  }

  backtick(): ShellNode {
    const end = this.src.indexOf('`', this.pos + 1);
    if (end < 0) throw new ShellSyntaxError('syntax error: unterminated backquote');
    const inner = this.src.slice(this.pos + 1, end);
    this.pos = end + 1;
    return parseScript(inner);
  }

  dollar(parts: Word, q: boolean, lit: (v: string, q: boolean) => void): void {
    const rest = this.src.slice(this.pos);
    if (rest.startsWith('$((')) {
      const end = findClose(this.src, this.pos + 3, '((', '))');
      parts.push({ k: 'arith', v: this.src.slice(this.pos + 3, end), q });
      this.pos = end + 2;
      return;
    }
    if (rest.startsWith('$(')) {
      const end = findClose(this.src, this.pos + 2, '(', ')');
      parts.push({ k: 'sub', v: parseScript(this.src.slice(this.pos + 2, end)), q });
      this.pos = end + 1;
      return;
    }
    if (rest.startsWith('${')) {
      const end = findClose(this.src, this.pos + 2, '{', '}');
      const inner = this.src.slice(this.pos + 2, end);
      this.pos = end + 1;
      const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!])(:?[-=+?]|#|%)?([\s\S]*)$/.exec(inner);
      if (!m) throw new ShellSyntaxError(`syntax error: bad substitution`);
      if (m[1]) {
        parts.push({ k: 'var', v: m[2], q, op: 'len' });
        return;
      }
      const arg = m[3] ? new Parser(m[4]).wordOrEmpty() : undefined;
      parts.push({ k: 'var', v: m[2], q, op: m[3], arg });
      return;
    }
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!])/.exec(rest);
    if (m) {
      parts.push({ k: 'var', v: m[1], q });
      this.pos += m[0].length;
      return;
    }
    lit('$', q);
    this.pos++;
  }

  wordOrEmpty(): Word {
    if (this.src.length === 0) return [{ k: 'lit', v: '', q: true }];
    const parts: Word = [];
    const lit = (v: string, q: boolean) => parts.push({ k: 'lit', v, q });
    while (!this.eof()) {
      const c = this.src[this.pos];
      if (c === '$') this.dollar(parts, false, lit);
      else if (c === '"') {
        this.pos++;
        this.doubleQuoted(parts, lit);
      } else if (c === "'") {
        const end = this.src.indexOf("'", this.pos + 1);
        lit(this.src.slice(this.pos + 1, end < 0 ? undefined : end), true);
        this.pos = end < 0 ? this.src.length : end + 1;
      } else {
        lit(c, false);
        this.pos++;
      }
    }
    return parts;
  }
}

/** The index of the closing token matching an opening one just before `from`. */
function findClose(src: string, from: number, open: string, close: string): number {
  let depth = 1;
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === "'" && close !== '))') {
      const e = src.indexOf("'", i + 1);
      i = e < 0 ? src.length : e + 1;
      continue;
    }
    if (src.startsWith(close, i)) {
      depth--;
      if (depth === 0) return i;
      i += close.length;
      continue;
    }
    if (src.startsWith(open, i)) {
      depth++;
      i += open.length;
      continue;
    }
    i++;
  }
  throw new ShellSyntaxError(`syntax error: missing '${close}'`);
}
