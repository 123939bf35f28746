/** The Events table that ends every `kubectl describe` page (DescribeEvents). */
import type { KubeEvent, Pod } from '../api/types';
import { goSort } from './gosort';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './prefixwriter';
import { parseTimestamp, timestampSince } from './time';

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * The events kubectl finds for a pod: same namespace and name, and the pod's uid (a mirror pod's
 * events carry the static pod's uid, kept in its mirror annotation). kubectl leaves the kind out of
 * its query and relies on the uid; events without a uid are taken when they are about a Pod.
 */
export function eventsForPod(pod: Pod, events: readonly KubeEvent[]): KubeEvent[] {
  const namespace = pod.metadata.namespace ?? 'default';
  const uid = pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] ?? pod.metadata.uid;
  return events.filter((e) => {
    const o = e.involvedObject;
    if (!o || o.name !== pod.metadata.name || (o.namespace ?? 'default') !== namespace) return false;
    if (uid && o.uid) return o.uid === uid;
    return !o.kind || o.kind === 'Pod';
  });
}

/**
 * Events grouped by "namespace/name" of the object they are about, so that describing many pods
 * hands each describePod only its own few events instead of scanning all of them.
 */
export function eventsByObject(events: readonly KubeEvent[]): Map<string, KubeEvent[]> {
  const byKey = new Map<string, KubeEvent[]>();
  for (const e of events) {
    const key = `${e.involvedObject?.namespace ?? 'default'}/${e.involvedObject?.name ?? ''}`;
    const list = byKey.get(key);
    if (list) list.push(e);
    else byKey.set(key, [e]);
  }
  return byKey;
}

export function describeEvents(w: PrefixWriter, events: readonly KubeEvent[], now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  // kubectl orders by lastTimestamp with Go's unstable sort; a missing time is the zero time.
  const keyed = events.map((e) => ({ e, last: parseTimestamp(e.lastTimestamp) ?? -Infinity }));
  const sorted = goSort(keyed, (a, b) => a.last < b.last).map((k) => k.e);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = timestampSince(e.firstTimestamp, now);
    const age = (e.count ?? 0) > 1 ? `${timestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    const source = e.source?.component ?? '';
    w.write(LEVEL_1, `${e.type}\t${e.reason}\t${age}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
