/**
 * Go's text/tabwriter, as kubectl drives it: cells end at a tab, a column block is a run of
 * consecutive lines that all have a tab-terminated cell in that column, and every cell of a block
 * is left-aligned and padded with spaces to the block's widest cell plus `padding` (at least
 * `minWidth`). The last cell of a line is never padded. Lines are written in full, then formatted.
 */

export interface TabwriterOptions {
  /** Go's minwidth: the narrowest a padded column may be. */
  minWidth: number;
  /** Spaces added after the widest cell of a column. */
  padding: number;
}

/** `kubectl describe`: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minWidth: 0, padding: 2 };
/** `kubectl get`: cli-runtime's GetNewTabWriter(out), minwidth 6, padding 3. */
export const GET_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3 };

interface Cell {
  text: string;
  width: number;
}

export function tabwrite(text: string, options: TabwriterOptions): string {
  const lines = splitCells(text);
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const line = lines[i];
      for (let j = 0; j < line.length; j++) {
        const cell = line[j];
        out.push(cell.text);
        if (j < widths.length) out.push(' '.repeat(Math.max(0, widths[j] - cell.width)));
      }
      if (i + 1 < lines.length) out.push('\n');
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let row = line0; row < line1; row++) {
      if (column >= lines[row].length - 1) continue;
      // A block starts here: the lines before it are done.
      writeLines(line0, row);
      line0 = row;
      let width = options.minWidth;
      for (; row < line1; row++) {
        const line = lines[row];
        if (column >= line.length - 1) break;
        const w = line[column].width + options.padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, row);
      widths.pop();
      line0 = row;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('');
}

/** Lines of cells; '\v' ends a cell as '\t' does and '\f' ends a line as '\n' does. */
function splitCells(input: string): Cell[][] {
  const text = /[\v\f]/.test(input) ? input.replace(/\v/g, '\t').replace(/\f/g, '\n') : input;
  const wide = SURROGATE.test(text);
  const lines: Cell[][] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    // A line ending in a tab has a last, empty cell after it; an empty line has no cell that matters.
    const line: Cell[] = [];
    if (stop > start) {
      let from = start;
      for (;;) {
        const tab = text.indexOf('\t', from);
        const to = tab < 0 || tab > stop ? stop : tab;
        const cellText = text.slice(from, to);
        line.push({ text: cellText, width: wide ? runeCount(cellText) : cellText.length });
        if (to === stop) break;
        from = to + 1;
      }
    }
    lines.push(line);
    if (end < 0) return lines;
    start = end + 1;
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Go counts a cell's width in runes (code points), not UTF-16 units. */
export function runeCount(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  // A surrogate pair is one rune: count the high halves out.
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
