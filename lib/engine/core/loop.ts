/**
 * The discrete-event loop: every action in the simulated cluster is a callback scheduled at a
 * virtual instant. Callbacks at the same instant run in the order they were scheduled, so a run is
 * deterministic. The loop refuses to run past its caps (time and number of events), so no input can
 * make it spin forever.
 */

export interface Timer {
  /** Virtual milliseconds at which it fires. */
  readonly at: number;
  cancel(): void;
}

class Entry implements Timer {
  cancelled = false;
  constructor(
    readonly at: number,
    readonly seq: number,
    readonly fn: () => void,
  ) {}
  cancel(): void {
    this.cancelled = true;
  }
}

export class LoopCapExceeded extends Error {}

export class EventLoop {
  /** Current virtual time in milliseconds. */
  now = 0;
  /** Callbacks run so far. */
  processed = 0;
  private heap: Entry[] = [];
  private seq = 0;

  constructor(readonly maxEvents = 2_000_000) {}

  /** Schedules fn at virtual time `at` (never earlier than now). */
  at(at: number, fn: () => void): Timer {
    const when = at < this.now ? this.now : at;
    const entry = new Entry(when, this.seq++, fn);
    this.push(entry);
    return entry;
  }

  after(delay: number, fn: () => void): Timer {
    return this.at(this.now + Math.max(0, delay), fn);
  }

  /** The time of the next pending callback, if any. */
  peek(): number | undefined {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
    return this.heap.length > 0 ? this.heap[0].at : undefined;
  }

  /**
   * Runs every callback due at or before `until`, then leaves the clock at `until`.
   * Throws LoopCapExceeded when the event budget is spent.
   */
  runUntil(until: number): void {
    for (;;) {
      const next = this.peek();
      if (next === undefined || next > until) break;
      const entry = this.pop()!;
      this.now = entry.at;
      if (++this.processed > this.maxEvents) throw new LoopCapExceeded(`more than ${this.maxEvents} events`);
      entry.fn();
    }
    if (until > this.now) this.now = until;
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
