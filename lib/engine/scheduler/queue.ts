/**
 * The scheduling queue (pkg/scheduler/backend/queue) over virtual time, in seconds:
 *  - activeQ: pods ready to be tried, highest priority first, then earliest timestamp (PrioritySort);
 *  - backoffQ: pods waiting out their backoff, 1s doubling per failed attempt up to 10s, expiring
 *    on whole-second windows; with SchedulerPopFromBackoffQ (on since v1.33) an idle scheduler
 *    takes them right away;
 *  - unschedulablePods: pods that failed; a cluster event moves one back when a queueing hint of a
 *    plugin that rejected it says the event may help, and a flush every 30s moves those parked
 *    for more than 5 minutes (podMaxInUnschedulablePodsDuration).
 * Each failed attempt is a FailedScheduling event, so this decides how often it repeats.
 */
import type { Pod } from '../api/types';
import { isPodWorthRequeuing, type ClusterEvent } from './queueing_hints';

export interface QueueOptions {
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  podMaxInUnschedulablePodsDuration?: number;
  /** Period of flushUnschedulablePodsLeftover, which starts with the scheduler at t=0. */
  unschedulableFlushPeriod?: number;
  /** SchedulerPopFromBackoffQ (beta, on by default since v1.33). */
  popFromBackoffQ?: boolean;
  /** Decides whether an event may make a parked pod schedulable; defaults to the plugins' hints. */
  hint?: (pod: Pod | undefined, unschedulablePlugins: ReadonlySet<string>, event: ClusterEvent) => boolean;
}

export type QueueName = 'active' | 'backoff' | 'unschedulable' | 'inFlight';

interface Entry {
  key: string;
  pod?: Pod;
  priority: number;
  /** Insertion order, the final tie-breaker that keeps equal pods first-in first-out. */
  seq: number;
  /** Added to the queue, or last failed (QueuedPodInfo.Timestamp). */
  timestamp: number;
  attempts: number;
  unschedulableCount: number;
  consecutiveErrors: number;
  plugins: Set<string>;
  where: QueueName;
  /** Bumped on every move, so stale heap slots are skipped. */
  version: number;
  backoffExpiration?: number;
  inFlightEvents: ClusterEvent[];
}

interface Slot {
  e: Entry;
  version: number;
}

/** A binary min-heap over `less`, with lazy removal through entry versions. */
class Heap {
  private a: Slot[] = [];
  constructor(private readonly less: (x: Entry, y: Entry) => boolean) {}

  push(e: Entry): void {
    const a = this.a;
    a.push({ e, version: e.version });
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i].e, a[p].e)) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  private prune(): void {
    while (this.a.length > 0 && this.a[0].version !== this.a[0].e.version) this.removeTop();
  }

  peek(): Entry | undefined {
    this.prune();
    return this.a[0]?.e;
  }

  pop(): Entry | undefined {
    this.prune();
    if (this.a.length === 0) return undefined;
    const top = this.a[0].e;
    this.removeTop();
    return top;
  }

  private removeTop(): void {
    const a = this.a;
    const last = a.pop()!;
    if (a.length === 0) return;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && this.less(a[l].e, a[m].e)) m = l;
      if (r < a.length && this.less(a[r].e, a[m].e)) m = r;
      if (m === i) break;
      [a[i], a[m]] = [a[m], a[i]];
      i = m;
    }
  }

  /** Live entries (for tests and listings); O(n). */
  entries(): Entry[] {
    return this.a.filter((s) => s.version === s.e.version).map((s) => s.e);
  }
}

export class SchedulingQueue {
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxInUnschedulable: number;
  private readonly flushPeriod: number;
  private readonly popFromBackoffQ: boolean;
  private readonly hint: NonNullable<QueueOptions['hint']>;
  private readonly entries = new Map<string, Entry>();
  private readonly activeQ: Heap;
  private readonly backoffQ: Heap;
  /** podErrorBackoffQ: pods that failed without a rejecting plugin; never popped early. */
  private readonly errorBackoffQ: Heap;
  private readonly unschedulable = new Set<Entry>();
  private readonly inFlight = new Set<Entry>();
  /** The earliest flush tick any parked pod may be due at (a lower bound; Infinity when none). */
  private flushDue = Infinity;
  private seq = 0;
  private now = 0;

  constructor(opts: QueueOptions = {}) {
    this.initialBackoff = opts.podInitialBackoffSeconds ?? 1;
    this.maxBackoff = opts.podMaxBackoffSeconds ?? 10;
    this.maxInUnschedulable = opts.podMaxInUnschedulablePodsDuration ?? 300;
    this.flushPeriod = opts.unschedulableFlushPeriod ?? 30;
    this.popFromBackoffQ = opts.popFromBackoffQ ?? true;
    this.hint = opts.hint ?? isPodWorthRequeuing;
    const activeLess = (a: Entry, b: Entry) =>
      a.priority !== b.priority ? a.priority > b.priority : a.timestamp !== b.timestamp ? a.timestamp < b.timestamp : a.seq < b.seq;
    this.activeQ = new Heap(activeLess);
    // Ordered by backoff expiry; within one window as activeQ orders (lessBackoffCompletedWithPriority).
    this.backoffQ = new Heap((a, b) => {
      const x = this.backoffTime(a);
      const y = this.backoffTime(b);
      return x !== y ? x < y : activeLess(a, b);
    });
    this.errorBackoffQ = new Heap((a, b) => this.backoffTime(a) < this.backoffTime(b));
  }

  // ---- entering and leaving ---------------------------------------------------------------

  /** A new pending pod (or an update of one already queued, which keeps its place). */
  add(key: string, now: number, opts: { priority?: number; pod?: Pod } = {}): void {
    this.advance(now);
    const existing = this.entries.get(key);
    if (existing) {
      if (opts.pod) existing.pod = opts.pod;
      if (opts.priority !== undefined) existing.priority = opts.priority;
      return;
    }
    const e: Entry = {
      key,
      pod: opts.pod,
      priority: opts.priority ?? opts.pod?.spec.priority ?? 0,
      seq: this.seq++,
      timestamp: now,
      attempts: 0,
      unschedulableCount: 0,
      consecutiveErrors: 0,
      plugins: new Set(),
      where: 'active',
      version: 0,
      inFlightEvents: [],
    };
    this.entries.set(key, e);
    this.activeQ.push(e);
  }

  /** The pod was deleted, or bound: it leaves the queue. */
  remove(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.detach(e);
    this.entries.delete(key);
  }

  /**
   * The attempt for a popped pod failed (AddUnschedulableIfNotPresent). Pass the result's
   * unschedulablePlugins: later events are then matched by those plugins' hints, and an empty
   * list (nothing rejected it, e.g. no nodes) retries after the backoff regardless. `error` marks
   * an unexpected failure, also retried after a backoff.
   */
  failed(key: string, now: number, opts: { unschedulablePlugins?: readonly string[]; pod?: Pod; error?: boolean } = {}): void {
    this.advance(now);
    let e = this.entries.get(key);
    if (!e) {
      this.add(key, now, { pod: opts.pod });
      e = this.entries.get(key)!;
      e.attempts = 1;
    }
    if (opts.pod) e.pod = opts.pod;
    this.detach(e);
    e.timestamp = now;
    e.backoffExpiration = undefined;
    const events = e.inFlightEvents;
    e.inFlightEvents = [];
    if (opts.error) {
      e.consecutiveErrors++;
      e.plugins = new Set();
      this.requeue(e, now);
      return;
    }
    e.consecutiveErrors = 0;
    e.unschedulableCount++;
    e.plugins = new Set(opts.unschedulablePlugins ?? []);
    // An explicitly empty list means no plugin rejected the pod (no nodes at all, say): upstream
    // retries after the backoff whatever happens. Without a list the pod is parked and any event
    // retries it. Events that arrived while the pod was being scheduled count as if after.
    const noRejector = opts.unschedulablePlugins !== undefined && e.plugins.size === 0;
    if (noRejector || events.some((ev) => this.hint(e!.pod, e!.plugins, ev))) {
      this.requeue(e, now);
      return;
    }
    e.where = 'unschedulable';
    this.unschedulable.add(e);
    this.flushDue = Math.min(this.flushDue, this.flushTimeOf(e));
  }

  /**
   * Something changed in the cluster (MoveAllToActiveOrBackoffQueue). Without an event every
   * parked pod is retried; with one, only those a rejecting plugin's hint lets through.
   */
  clusterChanged(now: number, event: ClusterEvent = { kind: 'Wildcard' }): void {
    this.advance(now);
    for (const e of this.inFlight) e.inFlightEvents.push(event);
    for (const e of [...this.unschedulable]) {
      if (this.hint(e.pod, e.plugins, event)) this.requeue(e, now);
    }
  }

  /**
   * The pending pod itself was updated: with queueing hints only a change a rejecting plugin
   * cares about (new tolerations) sends it back before the next event or flush.
   */
  podUpdated(key: string, now: number, pod: Pod): void {
    this.advance(now);
    const e = this.entries.get(key);
    if (!e) return;
    const old = e.pod;
    e.pod = pod;
    e.priority = pod.spec.priority ?? e.priority;
    if (e.where !== 'unschedulable') return;
    const tolerationsChanged = JSON.stringify(old?.spec.tolerations ?? []) !== JSON.stringify(pod.spec.tolerations ?? []);
    const byTaints = e.plugins.has('TaintToleration') || e.plugins.has('NodeUnschedulable');
    if (e.plugins.size === 0 || (tolerationsChanged && byTaints)) this.requeue(e, now);
  }

  // ---- taking pods ------------------------------------------------------------------------

  /** The next pod the scheduler takes at `now`, or undefined when none is ready. */
  pop(now: number): string | undefined {
    this.advance(now);
    let e = this.activeQ.pop();
    if (!e && this.popFromBackoffQ) e = this.backoffQ.pop();
    if (!e) return undefined;
    e.version++;
    e.where = 'inFlight';
    this.inFlight.add(e);
    e.attempts++;
    e.backoffExpiration = undefined;
    e.inFlightEvents = [];
    return e.key;
  }

  /** Every pod ready at `now`, in the order the scheduler takes them. */
  popReady(now: number): string[] {
    const out: string[] = [];
    for (let k = this.pop(now); k !== undefined; k = this.pop(now)) out.push(k);
    return out;
  }

  /** The earliest virtual time at which a pod becomes ready without further events. */
  nextWakeAt(): number | undefined {
    let next: number | undefined;
    const consider = (t: number) => {
      if (next === undefined || t < next) next = t;
    };
    if (this.activeQ.peek()) consider(this.now);
    const b = this.backoffQ.peek();
    if (b) consider(this.popFromBackoffQ ? this.now : this.backoffTime(b) + 1);
    const eb = this.errorBackoffQ.peek();
    if (eb) consider(this.backoffTime(eb) + 1);
    for (const e of this.unschedulable) consider(this.flushTimeOf(e));
    return next;
  }

  // ---- inspection -------------------------------------------------------------------------

  /** Where a pod is and how often it was tried (for tests and the learner-facing view). */
  status(key: string): { queue: QueueName; attempts: number; unschedulablePlugins: string[]; backoffUntil?: number } | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    const s: { queue: QueueName; attempts: number; unschedulablePlugins: string[]; backoffUntil?: number } = {
      queue: e.where,
      attempts: e.attempts,
      unschedulablePlugins: [...e.plugins].sort(),
    };
    if (e.where === 'backoff') s.backoffUntil = this.backoffTime(e) + 1;
    return s;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  // ---- internals --------------------------------------------------------------------------

  /** Runs the periodic flushes that fall due up to `now`. */
  private advance(now: number): void {
    if (now > this.now) this.now = now;
    // flushUnschedulablePodsLeftover (every 30s).
    if (this.now >= this.flushDue) {
      let next = Infinity;
      for (const e of [...this.unschedulable]) {
        const t = this.flushTimeOf(e);
        if (t <= this.now) this.requeue(e, t);
        else next = Math.min(next, t);
      }
      this.flushDue = next;
    }
    // flushBackoffQCompleted (every whole second).
    for (const q of [this.backoffQ, this.errorBackoffQ]) {
      for (let b = q.peek(); b && !this.isBackingOff(b, this.now); b = q.peek()) {
        q.pop();
        this.toActive(b);
      }
    }
  }

  /** The first flush tick at which the pod has been parked longer than the limit. */
  private flushTimeOf(e: Entry): number {
    const due = e.timestamp + this.maxInUnschedulable;
    return (Math.floor(due / this.flushPeriod) + 1) * this.flushPeriod;
  }

  private backoffDuration(e: Entry): number {
    const n = e.consecutiveErrors > 0 ? e.consecutiveErrors : e.unschedulableCount;
    if (n === 0 && e.attempts === 0) return 0;
    let d = this.initialBackoff;
    for (let i = 1; i < Math.max(n, 1); i++) {
      if (d > this.maxBackoff - d) return this.maxBackoff;
      d += d;
    }
    return d;
  }

  /** BackoffExpiration, truncated to its one-second ordering window. */
  private backoffTime(e: Entry): number {
    if (e.attempts === 0) return -Infinity;
    if (e.backoffExpiration === undefined) e.backoffExpiration = Math.floor(e.timestamp + this.backoffDuration(e));
    return e.backoffExpiration;
  }

  /** Still backing off while the expiry window is not before the current one. */
  private isBackingOff(e: Entry, now: number): boolean {
    return !(this.backoffTime(e) < Math.floor(now));
  }

  /** requeuePodWithQueueingStrategy(queueAfterBackoff). */
  private requeue(e: Entry, now: number): void {
    this.detach(e);
    if (this.isBackingOff(e, now)) this.toBackoff(e);
    else this.toActive(e);
  }

  private detach(e: Entry): void {
    e.version++;
    this.unschedulable.delete(e);
    this.inFlight.delete(e);
  }

  private toActive(e: Entry): void {
    e.version++;
    e.where = 'active';
    this.activeQ.push(e);
  }

  private toBackoff(e: Entry): void {
    e.version++;
    e.where = 'backoff';
    if (e.plugins.size === 0) this.errorBackoffQ.push(e);
    else this.backoffQ.push(e);
  }
}

export type { ClusterEvent };
