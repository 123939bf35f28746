/**
 * Which pods a ReplicaSet deletes first when it has too many: controller.ActivePodsWithRanks.Less
 * and replica_set.go getPodsToDelete / getPodsRankedByRelatedPodsOnSameNode (v1.34, with the
 * PodDeletionCost and LogarithmicScaleDown gates on, as they are by default):
 *  1. unassigned < assigned
 *  2. Pending < Unknown < Running
 *  3. not ready < ready
 *  4. lower controller.kubernetes.io/pod-deletion-cost first
 *  5. more related active pods on the same node first ("doubled up")
 *  6. ready for less time first (log2 buckets of the time since, then UID)
 *  7. more container restarts first (regular containers, then sidecars)
 *  8. newer first (log2 buckets of the age, then UID)
 * Go's sort.Sort is not stable; this sort is, so equal pods keep their list order.
 */
import type { Pod } from '../../api/types';
import { isPodActive, isPodReady, parseTime, podReadyCondition } from '../meta';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
export const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** helper.GetDeletionCostFromPodAnnotations: an int32, 0 when absent or unparsable. */
export function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n < -2147483648 || n > 2147483647 ? 0 : n;
}

/** Whole-second timestamps in ms; undefined is Go's zero time (t=0 is a real instant here). */
type Time = number | undefined;

function readyTime(pod: Pod): Time {
  const c = podReadyCondition(pod);
  return c?.status === 'True' ? parseTime(c.lastTransitionTime) : undefined;
}

/** afterOrZero: a zero time sorts first, then the later time. */
function afterOrZero(t1: Time, t2: Time): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** logarithmicRankDiff: compares floor(log2(now - t)) with the durations in nanoseconds. */
function logRankDiff(t1: number, t2: number, nowMs: number): number {
  const rank = (t: number) => {
    const ns = (nowMs - t) * 1e6;
    return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
  };
  return rank(t1) - rank(t2);
}

function maxRestarts(pod: Pod): [number, number] {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let sidecar = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return [regular, sidecar];
}

function compareTimes(t1: Time, t2: Time, uid1: string, uid2: string, nowMs: number): boolean {
  if (t1 === undefined || t2 === undefined) return afterOrZero(t1, t2);
  const diff = logRankDiff(t1, t2, nowMs);
  if (diff === 0) return uid1 < uid2;
  return diff < 0;
}

/** What ActivePodsWithRanks.Less looks at, read once per pod. */
interface RankKey {
  unassigned: boolean;
  node: string;
  phase: number;
  ready: boolean;
  cost: number;
  rank: number;
  readySince: Time;
  restarts: [number, number];
  created: Time;
  uid: string;
}

function rankKey(pod: Pod, rank: number): RankKey {
  const ready = isPodReady(pod);
  return {
    unassigned: !pod.spec.nodeName,
    node: pod.spec.nodeName ?? '',
    phase: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0,
    ready,
    cost: deletionCost(pod),
    rank,
    readySince: ready ? readyTime(pod) : undefined,
    restarts: maxRestarts(pod),
    created: parseTime(pod.metadata.creationTimestamp),
    uid: pod.metadata.uid ?? '',
  };
}

function less(a: RankKey, b: RankKey, nowMs: number): boolean {
  if (a.node !== b.node && (a.unassigned || b.unassigned)) return a.unassigned;
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ready !== b.ready) return !a.ready;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.ready && b.ready && a.readySince !== b.readySince) return compareTimes(a.readySince, b.readySince, a.uid, b.uid, nowMs);
  if (a.restarts[0] !== b.restarts[0]) return a.restarts[0] > b.restarts[0];
  if (a.restarts[1] !== b.restarts[1]) return a.restarts[1] > b.restarts[1];
  if (a.created !== b.created) return compareTimes(a.created, b.created, a.uid, b.uid, nowMs);
  return false;
}

/** ActivePodsWithRanks.Less: true when pod i should be deleted before pod j. */
export function deleteBefore(pi: Pod, ri: number, pj: Pod, rj: number, nowMs: number): boolean {
  return less(rankKey(pi, ri), rankKey(pj, rj), nowMs);
}

/**
 * getPodsToDelete: the `diff` pods to delete among the ReplicaSet's active pods, ranked against
 * the related pods (those of every ReplicaSet sharing its controller) on the same node.
 */
export function podsToDelete(pods: Pod[], related: Pod[], diff: number, nowMs: number): Pod[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = pods.map((pod, index) => ({ pod, index, key: rankKey(pod, onNode.get(pod.spec.nodeName ?? '') ?? 0) }));
  ranked.sort((a, b) => {
    if (less(a.key, b.key, nowMs)) return -1;
    if (less(b.key, a.key, nowMs)) return 1;
    return a.index - b.index;
  });
  return ranked.slice(0, diff).map((r) => r.pod);
}
