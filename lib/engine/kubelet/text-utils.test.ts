import { describe, expect, it } from 'vitest';
import { cut, grep, sort, tr, uniq } from './text-utils';

const files: Record<string, string> = { '/a': 'x=1\ny=2\n', '/b': 'y=3\n' };
const read = (f: string) => files[f];

describe('busybox text filters', () => {
  it.each([
    ['grep with several -e patterns', grep(['-e', 'x', '-e', '3'], 'x=1\ny=2\nz=3\n', read), { out: 'x=1\nz=3\n', code: 0 }],
    ['grep -q finds without printing', grep(['-q', 'y'], 'x\ny\n', read), { out: '', code: 0 }],
    ['grep with no match exits 1', grep(['nope'], 'x\n', read), { out: '', code: 1 }],
    ['grep over two files names them', grep(['y', '/a', '/b'], '', read), { out: '/a:y=2\n/b:y=3\n', code: 0 }],
    ['grep of a missing file exits 2', grep(['y', '/nope'], '', read), { err: 'grep: /nope: No such file or directory\n', code: 2 }],
    ['grep -c counts', grep(['-c', '='], 'a=1\nb\nc=2\n', read), { out: '2\n' }],
    ['grep -w matches whole words', grep(['-w', 'app'], 'app=1\napple\n', read), { out: 'app=1\n' }],
    ['grep BRE groups', grep(['\\(a\\|b\\)=1'], 'a=1\nc=1\n', read), { out: 'a=1\n' }],
    ['sort', sort([], 'b\na\nc\n', read), { out: 'a\nb\nc\n' }],
    ['sort -rn', sort(['-rn'], '2\n10\n1\n', read), { out: '10\n2\n1\n' }],
    ['sort -u', sort(['-u'], 'b\na\nb\n', read), { out: 'a\nb\n' }],
    ['sort -t: -k2', sort(['-t', ':', '-k', '2'], 'a:2\nb:1\n', read), { out: 'b:1\na:2\n' }],
    ['uniq -c', uniq(['-c'], 'a\na\nb\n', read), { out: '      2 a\n      1 b\n' }],
    ['tr lower to upper', tr(['a-z', 'A-Z'], 'hello\n'), { out: 'HELLO\n' }],
    ['tr -d digits', tr(['-d', '[:digit:]'], 'a1b2\n'), { out: 'ab\n' }],
    ['tr -s spaces', tr(['-s', ' '], 'a   b\n'), { out: 'a b\n' }],
    ['cut -d= -f2', cut(['-d=', '-f2'], 'x=1\ny=2\n', read), { out: '1\n2\n' }],
    ['cut -c1-3', cut(['-c', '1-3'], 'abcdef\n', read), { out: 'abc\n' }],
  ])('%s', (_n, got, want) => expect(got).toMatchObject(want));
});
