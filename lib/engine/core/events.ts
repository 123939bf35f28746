/**
 * The event recorder with client-go's event correlator (tools/record/events_cache.go):
 *  - aggregation: events alike but for their message share an aggregate key; once 10 distinct
 *    messages were seen for one key within 10 minutes, later new messages fold into one
 *    "(combined from similar events): ..." event;
 *  - deduplication: an event identical to an earlier one (same key incl. message) bumps that
 *    event's count and lastTimestamp instead of making a new one;
 *  - spam filter: a token bucket per source and object (burst 25, one token per 5 minutes) drops
 *    occurrences beyond the budget, though the dedup cache still counts them, so the next
 *    published occurrence carries the full count.
 */
import type { KubeEvent, ObjectReference } from '../api/types';
import { rfc3339 } from './time';

export const MAX_LOCAL_KEYS = 10;
export const AGGREGATE_WINDOW_MS = 600_000;
export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 300_000;
export const COMBINED_PREFIX = '(combined from similar events): ';

export interface EventSource {
  component: string;
  host?: string;
}

interface AggregateRecord {
  localKeys: Set<string>;
  lastTimestamp: number;
}

interface Observation {
  count: number;
  firstTimestamp: number;
  event: KubeEvent;
  published: boolean;
}

interface Bucket {
  tokens: number;
  last: number;
}

export class EventRecorder {
  private events: KubeEvent[] = [];
  private aggregates = new Map<string, AggregateRecord>();
  private observations = new Map<string, Observation>();
  private buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: () => number,
    readonly maxEvents = 50_000,
  ) {}

  /** Records one occurrence; returns the published event, or undefined when spam-filtered. */
  record(
    source: EventSource,
    involved: ObjectReference,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): KubeEvent | undefined {
    const now = this.clock();
    const objectPart = `${involved.kind}\u0000${involved.namespace ?? ''}\u0000${involved.name}\u0000${involved.uid ?? ''}\u0000${involved.apiVersion ?? ''}`;
    const sourcePart = `${source.component}\u0000${source.host ?? ''}`;
    const aggregateKey = `${sourcePart}\u0000${objectPart}\u0000${type}\u0000${reason}`;

    // Aggregation by reason: the 10th and later distinct messages become one combined event.
    let agg = this.aggregates.get(aggregateKey);
    if (!agg || now - agg.lastTimestamp > AGGREGATE_WINDOW_MS) {
      agg = { localKeys: new Set(), lastTimestamp: now };
      this.aggregates.set(aggregateKey, agg);
    }
    agg.localKeys.add(message);
    agg.lastTimestamp = now;
    let key = `${aggregateKey}\u0000${involved.fieldPath ?? ''}\u0000${message}`;
    let finalMessage = message;
    let ref = involved;
    if (agg.localKeys.size >= MAX_LOCAL_KEYS) {
      // Go pops an arbitrary member; dropping the newest keeps the first nine remembered,
      // which is deterministic and matches "the tenth and later fold".
      agg.localKeys.delete(message);
      key = aggregateKey;
      finalMessage = COMBINED_PREFIX + message;
      ref = { ...involved };
      delete ref.fieldPath;
    }

    // Deduplication: the cache counts every occurrence, published or not.
    const seen = this.observations.get(key);
    let count = 1;
    let first = now;
    if (seen) {
      count = seen.count + 1;
      first = seen.firstTimestamp;
    }

    // Spam filter per source + object + type.
    const spamKey = `${sourcePart}\u0000${objectPart}\u0000${type}`;
    let bucket = this.buckets.get(spamKey);
    if (!bucket) this.buckets.set(spamKey, (bucket = { tokens: SPAM_BURST, last: now }));
    bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + (now - bucket.last) / SPAM_REFILL_MS);
    bucket.last = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;

    if (seen) {
      seen.count = count;
      if (!allowed) return undefined;
      seen.event.count = count;
      seen.event.lastTimestamp = rfc3339(now);
      // A combined event's message follows the latest occurrence, as the correlator patches it.
      seen.event.message = finalMessage;
      if (!seen.published) this.publish(seen);
      return seen.event;
    }
    const event: KubeEvent = {
      type,
      reason,
      message: finalMessage,
      involvedObject: ref,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      count,
      firstTimestamp: rfc3339(first),
      lastTimestamp: rfc3339(now),
    };
    const obs: Observation = { count, firstTimestamp: first, event, published: false };
    this.observations.set(key, obs);
    if (!allowed) return undefined;
    this.publish(obs);
    return event;
  }

  private publish(obs: Observation): void {
    if (this.events.length >= this.maxEvents) return;
    obs.published = true;
    this.events.push(obs.event);
  }

  /** Every published event, in the order they were first recorded. */
  all(): KubeEvent[] {
    return this.events;
  }

  /** The events about one object (by kind, namespace and name, and uid when given). */
  about(kind: string, namespace: string | undefined, name: string, uid?: string): KubeEvent[] {
    return this.events.filter(
      (e) =>
        e.involvedObject.kind === kind &&
        e.involvedObject.name === name &&
        (e.involvedObject.namespace ?? undefined) === (namespace ?? undefined) &&
        (uid === undefined || e.involvedObject.uid === undefined || e.involvedObject.uid === uid),
    );
  }
}
