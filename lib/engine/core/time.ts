/**
 * Virtual time. The engine counts whole milliseconds after the epoch so that sums never drift;
 * the API shows whole seconds (RFC 3339, `1970-01-01T00:00:12Z`) as Kubernetes' metav1.Time does.
 */
import { civilFromDays, daysFromCivil } from '../api/calendar';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

/** Milliseconds for a count of seconds (fractions kept to the millisecond). */
export function seconds(s: number): number {
  return Math.round(s * SECOND);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

const formatted = new Map<number, string>();

/** metav1.Time as JSON: whole seconds, UTC. */
export function rfc3339(ms: number): string {
  const total = Math.floor(ms / SECOND);
  const hit = formatted.get(total);
  if (hit !== undefined) return hit;
  const text = formatSeconds(total);
  if (formatted.size > 100_000) formatted.clear();
  formatted.set(total, text);
  return text;
}

function formatSeconds(total: number): string {
  const days = Math.floor(total / 86400);
  const rest = total - days * 86400;
  const [y, mo, d] = civilFromDays(days);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}Z`;
}

/** Parses the RFC 3339 form written by rfc3339 back to milliseconds (whole seconds). */
export function parseRfc3339(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const days = daysFromCivil(y, mo, d);
  return ((days * 86400) + h * 3600 + mi * 60 + s) * SECOND;
}

/**
 * Go's time.Duration.String() for a whole number of milliseconds: "0s", "523ms", "1.2s",
 * "1m20s", "5m0s", "1h0m0s".
 */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(Math.round(ms));
  const sign = neg ? '-' : '';
  if (rest < SECOND) return `${sign}${rest}ms`;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const wholeSeconds = Math.floor(rest / SECOND);
  const frac = rest % SECOND;
  const secText = frac === 0 ? String(wholeSeconds) : `${wholeSeconds}.${pad(frac, 3).replace(/0+$/, '')}`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${secText}s`;
  if (minutes > 0) return `${sign}${minutes}m${secText}s`;
  return `${sign}${secText}s`;
}
