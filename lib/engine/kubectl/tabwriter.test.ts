import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, GET_TABWRITER, runeCount, tabwrite } from './tabwriter';

describe('tabwrite (Go text/tabwriter, left-aligned, space padding)', () => {
  it.each<[string, string, string]>([
    ['a column block is as wide as its widest cell plus padding', 'a\tb\nlonger\tc\n', 'a       b\nlonger  c\n'],
    ['the last cell of a line is not padded', 'a\tb\t\n', 'a  b  \n'],
    ['a line without a tab ends every block', 'ab\tx\nplain\nabcdef\ty\n', 'ab  x\nplain\nabcdef  y\n'],
    [
      'inner columns form their own blocks',
      'k:\tv\tOptional: true\nkey:\tvalue\n',
      'k:    v  Optional: true\nkey:  value\n',
    ],
    ['an empty first cell is padded too', 'Labels:\ta=b\n\tc=d\n', 'Labels:  a=b\n         c=d\n'],
    ['text without a final newline keeps its last line', 'a\tb\nc', 'a  b\nc'],
    ['widths count runes, not UTF-16 units', '😀\tx\nab\ty\n', '😀   x\nab  y\n'],
  ])('%s', (_name, input, want) => {
    expect(tabwrite(input, DESCRIBE_TABWRITER)).toBe(want);
  });

  it('kubectl get pads with 3 spaces to at least 6 columns', () => {
    expect(tabwrite('IP\tNODE\n1\tn\n', GET_TABWRITER)).toBe('IP    NODE\n1     n\n');
  });

  it('counts runes', () => {
    expect(runeCount('naïve 😀')).toBe(7);
  });
});
