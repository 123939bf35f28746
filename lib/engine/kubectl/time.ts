/**
 * metav1.Time as kubectl reads and prints it, without the Date object: virtual seconds after the
 * epoch in, RFC 3339 text in the API objects, RFC 1123Z text in `describe` (kubectl formats in the
 * local zone; kubesim's machines are UTC, so +0000).
 */
import { civilFromDays, daysFromCivil } from '../api/calendar';
import { humanDuration } from './duration';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Seconds after the epoch, or undefined for a missing or unreadable timestamp (Go's zero time). */
export function parseTimestamp(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const fast = parseWholeSecondsUTC(text);
  if (fast !== undefined) return fast;
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  let seconds = days * 86400 + Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
  if (m[7]) seconds += Number(`0${m[7]}`);
  const zone = m[8];
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    seconds -= sign * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  }
  return seconds;
}

/** The form metav1.Time always takes, "2006-01-02T15:04:05Z", read without a regular expression. */
function parseWholeSecondsUTC(text: string): number | undefined {
  if (text.length !== 20 || text.charCodeAt(19) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */) return undefined;
  const n = (from: number, len: number): number => {
    let v = 0;
    for (let i = from; i < from + len; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NaN;
      v = v * 10 + d;
    }
    return v;
  };
  const seconds =
    daysFromCivil(n(0, 4), n(5, 2), n(8, 2)) * 86400 + n(11, 2) * 3600 + n(14, 2) * 60 + n(17, 2);
  if (Number.isNaN(seconds) || text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || text[16] !== ':') return undefined;
  return seconds;
}

/** translateTimestampSince: how long ago, as HumanDuration; `<unknown>` for a zero time. */
export function timestampSince(text: string | null | undefined, now: number): string {
  const t = parseTimestamp(text);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z layout, "Mon, 02 Jan 2006 15:04:05 -0700", in UTC. Go's zero time for a missing one. */
export function formatRFC1123Z(text: string | null | undefined): string {
  const t = parseTimestamp(text);
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const whole = Math.floor(t);
  const days = Math.floor(whole / 86400);
  const secs = whole - days * 86400;
  const [y, mo, d] = civilFromDays(days);
  const weekday = WEEKDAYS[(((days + 4) % 7) + 7) % 7];
  return `${weekday}, ${pad2(d)} ${MONTHS[mo - 1]} ${String(y).padStart(4, '0')} ${pad2(Math.floor(secs / 3600))}:${pad2(
    Math.floor((secs % 3600) / 60),
  )}:${pad2(secs % 60)} +0000`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** RFC 3339 at whole seconds, as metav1.Time serializes: 12 → "1970-01-01T00:00:12Z". */
export function formatRFC3339(seconds: number): string {
  const whole = Math.floor(seconds);
  const days = Math.floor(whole / 86400);
  const secs = whole - days * 86400;
  const [y, mo, d] = civilFromDays(days);
  return `${String(y).padStart(4, '0')}-${pad2(mo)}-${pad2(d)}T${pad2(Math.floor(secs / 3600))}:${pad2(
    Math.floor((secs % 3600) / 60),
  )}:${pad2(secs % 60)}Z`;
}
