/** cli-runtime's terminalEscaper, which every kubectl printer writes through. */

const TERMINAL_SPECIAL = /[\x1b\r]/;

/** ESC becomes "^[" and CR a literal "\r", so printed objects cannot drive the user's terminal. */
export function escapeTerminal(text: string): string {
  if (!TERMINAL_SPECIAL.test(text)) return text;
  return text.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}
