/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for crash loops and image pulls: the first
 * delay is 10s, each further one doubles up to 300s, and an entry not touched for twice the cap
 * (10 minutes) starts over.
 */
export const INITIAL_BACKOFF = 10_000;
export const MAX_BACKOFF = 300_000;

interface Entry {
  backoff: number;
  lastUpdate: number;
}

export class Backoff {
  private entries = new Map<string, Entry>();

  constructor(
    readonly initial = INITIAL_BACKOFF,
    readonly max = MAX_BACKOFF,
  ) {}

  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > 2 * this.max;
  }

  /** The current delay for a key (0 when none). */
  get(key: string): number {
    return this.entries.get(key)?.backoff ?? 0;
  }

  /** IsInBackOffSince: still within the delay counted from eventTime (a container's finish). */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e.lastUpdate)) return false;
    return now - eventTime < e.backoff;
  }

  /** IsInBackOffSinceUpdate: still within the delay counted from the last Next. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(now, e.lastUpdate)) return false;
    return now - e.lastUpdate < e.backoff;
  }

  /** When the current delay, counted from the last Next, is over. */
  expiry(key: string): number {
    const e = this.entries.get(key);
    return e ? e.lastUpdate + e.backoff : 0;
  }

  /** Next: start at the initial delay, or double it (up to the cap). */
  next(key: string, eventTime: number, now: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(eventTime, e.lastUpdate)) this.entries.set(key, { backoff: this.initial, lastUpdate: now });
    else {
      e.backoff = Math.min(e.backoff * 2, this.max);
      e.lastUpdate = now;
    }
  }
}
