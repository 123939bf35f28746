import { describe, expect, it } from 'vitest';
import { ContainerFs, VolumeData } from './fs';
import type { ProcessHost, Step } from './process';
import { evalArith, formatDate, globMatch, parseSleep, shellProcess } from './shell';

function run(script: string, env: Record<string, string> = {}, files: Record<string, string> = {}) {
  let output = '';
  let now = 0;
  const vol = new VolumeData();
  const fs = new ContainerFs(new Map(Object.entries(files).map(([k, v]) => [k, { dir: false, data: v }])), [{ path: '/data', volume: vol, readOnly: false }]);
  const host: ProcessHost = {
    fs,
    env: new Map(Object.entries({ HOME: '/root', ...env })),
    hostname: 'web',
    now: () => now,
    out: (s) => (output += s),
    has: () => true,
    exec: () => undefined,
    listen: () => {},
    network: {
      lookup: (n) => (n === 'db' ? { fqdn: 'db.default.svc.cluster.local', address: '10.96.0.20' } : undefined),
      http: (h) => (h === 'db' ? { ok: true, status: 200, body: 'hello\n', address: '10.96.0.20' } : { ok: false, error: 'dns' }),
      tcp: () => ({ ok: false, error: 'refused', address: '10.96.0.20' }),
    },
    pid1: true,
  };
  const p = shellProcess(host, script);
  let spun = false;
  for (let i = 0; i < 1000; i++) {
    const r = p.steps.next(undefined);
    if (r.done) return { code: r.value, output, now, fs, spun };
    const step: Step = r.value;
    if ('sleep' in step) now += step.sleep;
    else if ('spin' in step || 'forever' in step) {
      spun = true;
      return { code: undefined, output, now, fs, spun };
    }
  }
  return { code: undefined, output, now, fs, spun };
}

describe('sh', () => {
  it.each([
    ['echo prints its arguments', 'echo hello world', 0, 'hello world\n'],
    ['exit sets the status', 'echo failing; exit 2', 2, 'failing\n'],
    ['&& runs on success only', 'true && echo yes; false && echo no', 1, 'yes\n'],
    ['|| runs on failure only', 'false || echo rescued', 0, 'rescued\n'],
    ['$? is the last status', 'false; echo $?', 0, '1\n'],
    ['variables expand, quoted and not', 'X="a  b"; echo $X; echo "$X"', 0, 'a b\na  b\n'],
    ['${VAR:-default}', 'echo ${NOPE:-fallback}', 0, 'fallback\n'],
    ['single quotes keep $ literal', "echo '$HOME'", 0, '$HOME\n'],
    ['the environment is inherited', 'echo $GREETING', 0, 'hi\n'],
    ['if / elif / else', 'if [ 1 -gt 2 ]; then echo a; elif [ 2 -gt 1 ]; then echo b; else echo c; fi', 0, 'b\n'],
    ['for loops over words', 'for i in 1 2 3; do echo -n $i; done', 0, '123'],
    ['while with arithmetic', 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i', 0, '3\n'],
    ['until loops', 'n=0; until [ $n -eq 2 ]; do n=$((n+1)); done; echo $n', 0, '2\n'],
    ['break leaves a for loop', 'for i in 1 2 3; do [ $i = 2 ] && break; echo -n $i; done; echo', 0, '1\n'],
    ['continue skips to the next item', 'for i in 1 2 3; do [ $i = 2 ] && continue; echo -n $i; done; echo', 0, '13\n'],
    ['break leaves a while loop', 'i=0; while true; do i=$((i+1)); [ $i -eq 3 ] && break; done; echo $i', 0, '3\n'],
    ['continue in a while loop re-tests the condition', 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); [ $i -eq 2 ] && continue; echo -n $i; done; echo', 0, '13\n'],
    ['break 2 leaves both loops', 'for a in x y; do for b in 1 2; do [ $b = 2 ] && break 2; echo -n $a$b; done; done; echo', 0, 'x1\n'],
    ['continue 2 goes on with the outer loop', 'for a in x y; do for b in 1 2; do [ $b = 2 ] && continue 2; echo -n $a$b; done; done; echo', 0, 'x1y1\n'],
    ['command substitution', 'echo "x$(echo inner)y"', 0, 'xinnery\n'],
    ['redirect then cat', 'echo data > /tmp/f; echo more >> /tmp/f; cat /tmp/f', 0, 'data\nmore\n'],
    ['cat of a missing file fails as busybox does', 'cat /tmp/nope', 1, "cat: can't open '/tmp/nope': No such file or directory\n"],
    ['test -f on a touched file', 'touch /tmp/healthy; test -f /tmp/healthy && echo ok', 0, 'ok\n'],
    ['rm removes', 'touch /tmp/a; rm /tmp/a; [ -e /tmp/a ] || echo gone', 0, 'gone\n'],
    ['unknown commands exit 127', 'nosuchcmd', 127, 'sh: nosuchcmd: not found\n'],
    ['case picks the matching arm', 'case hello in h*) echo H;; *) echo other;; esac', 0, 'H\n'],
    ['functions', 'greet() { echo "hi $1"; }; greet bob', 0, 'hi \n'],
    ['pipes feed stdin', 'printf "a\\nb\\n" | wc -l', 0, '2\n'],
    ['grep -q sets status', 'echo abc | grep -q b && echo found', 0, 'found\n'],
    ['nslookup of a service', 'nslookup db >/dev/null && echo resolved', 0, 'resolved\n'],
    ['wget -qO- prints the body', 'wget -qO- http://db', 0, 'hello\n'],
    ['wget of an unknown host', 'wget -qO- http://nowhere', 1, "wget: bad address 'nowhere'\n"],
    ['syntax errors exit 2', 'if true; then echo', 2, 'sh: syntax error: unexpected end of file (expecting "fi")\n'],
  ])('%s', (_name, script, code, output) => {
    const r = run(script, { GREETING: 'hi' });
    expect(r.output).toBe(output);
    expect(r.code).toBe(code);
  });

  it.each([
    ['sleep lets virtual time pass', 'sleep 5; echo done', 5000],
    ['fractional sleep', 'sleep 0.5', 500],
    ['sleep with a unit', 'sleep 2m', 120_000],
  ])('%s', (_name, script, elapsed) => {
    expect(run(script).now).toBe(elapsed);
  });

  it('an infinite loop without sleep is cut by the step budget and spins', () => {
    const r = run('while true; do :; done');
    expect(r.spun).toBe(true);
  });

  it('volumes are shared through the mount', () => {
    const r = run('echo shared > /data/x; cat /data/x');
    expect(r.output).toBe('shared\n');
    expect(r.fs.read('/data/x')).toBe('shared\n');
  });

  it('a trap handles TERM; without one PID 1 ignores it', () => {
    let now = 0;
    const host = { fs: new ContainerFs(new Map(), []), env: new Map(), hostname: 'x', now: () => now, out: () => {}, has: () => true, exec: () => undefined, listen: () => {}, network: { lookup: () => undefined, http: () => ({ ok: false as const, error: 'dns' as const }), tcp: () => ({ ok: false as const, error: 'dns' as const }) }, pid1: true };
    expect(shellProcess(host, 'sleep 100').signal('TERM')).toBe('ignore');
    const trapped = shellProcess(host, "trap 'exit 0' TERM; sleep 100 & wait");
    trapped.steps.next(undefined);
    expect(trapped.signal('TERM')).toBe('handle');
    now = 1;
    const r = trapped.steps.next({ interrupted: true });
    expect(r).toEqual({ done: true, value: 0 });
  });
});

describe('shell helpers', () => {
  it.each([
    ['1+2*3', 7],
    ['(1+2)*3', 9],
    ['10/3', 3],
    ['7%4', 3],
    ['2>1', 1],
    ['X+1', 42],
  ])('arith %s', (expr, value) => {
    expect(evalArith(expr, (n) => (n === 'X' ? '41' : undefined))).toBe(value);
  });

  it.each([
    [['5'], 5000],
    [['1.5'], 1500],
    [['1m'], 60_000],
    [['infinity'], undefined],
  ])('parseSleep %j', (args, ms) => {
    expect(parseSleep(args)).toBe(ms);
  });

  it.each([
    ['*.log', 'a.log', true],
    ['a?c', 'abc', true],
    ['[ab]x', 'bx', true],
    ['*.log', 'a.txt', false],
  ])('glob %s ~ %s', (pattern, text, ok) => {
    expect(globMatch(pattern, text)).toBe(ok);
  });

  it('date prints busybox format in virtual time', () => {
    expect(formatDate(12_000)).toBe('Thu Jan  1 00:00:12 UTC 1970');
    expect(formatDate(86_400_000, '%Y-%m-%d')).toBe('1970-01-02');
  });
});
