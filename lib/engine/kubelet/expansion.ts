/**
 * Kubernetes' $(VAR) expansion (third_party/forked/golang/expansion): `$(NAME)` is replaced by the
 * variable's value when it is defined and left as written otherwise; `$$` is a literal `$`.
 */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let advance = 1;
    if (rest[0] === '$') {
      out += '$';
    } else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1);
      if (close >= 0) {
        const name = rest.slice(1, close);
        const v = lookup(name);
        out += v === undefined ? `$(${name})` : v;
        advance = close + 1;
      } else out += '$(';
    } else {
      out += '$' + rest[0];
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}
