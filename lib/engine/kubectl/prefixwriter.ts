/**
 * kubectl describe's PrefixWriter: text at an indentation level of two spaces per level, with
 * terminal escape codes neutralised, collected for the tabwriter that lays out the whole page.
 */
import { DESCRIBE_TABWRITER, tabwrite } from './tabwriter';
import { escapeTerminal } from './terminal';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

/** Where describe text goes: a page, or a nested part of one. */
export interface Writer {
  write(level: number, text: string): void;
  writeLine(text: string): void;
}

const INDENTS = ['', '  ', '    ', '      ', '        '];

export class PrefixWriter implements Writer {
  private readonly parts: string[] = [];

  /** Writes `text` after `level` indentation (two spaces each). */
  write(level: number, text: string): void {
    this.parts.push(level > 0 ? INDENTS[level] ?? '  '.repeat(level) : '', text);
  }

  /** Writes a whole line with no indentation (Go's fmt.Sprintln of one value). */
  writeLine(text: string): void {
    this.parts.push(text, '\n');
  }

  /** The page as kubectl prints it: tabwriter(minwidth 0, padding 2). */
  toString(): string {
    // Escaping works character by character, so the whole page can be escaped at once.
    return tabwrite(escapeTerminal(this.parts.join('')), DESCRIBE_TABWRITER);
  }
}

/**
 * NewNestedPrefixWriter: everything `indent` levels deeper, including whole lines (which a plain
 * PrefixWriter writes unindented).
 */
export function nestedWriter(out: Writer, indent: number): Writer {
  return {
    write: (level, text) => out.write(level + indent, text),
    writeLine: (text) => out.write(indent, text + '\n'),
  };
}
