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
import { parseRfc3339 } from '../../core/time';
import { isPodActive, isPodReady, podReadyCondition } from '../meta';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
export const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** helper.GetDeletionCostFromPodAnnotations: an int32, 0 when absent or unparsable. */
export function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n < -2147483648 || n > 2147483647 ? 0 : n;
}

/** Whole-second timestamps in ms; 0 means Go's zero time. */
function readyTime(pod: Pod): number {
  const c = podReadyCondition(pod);
  return c?.status === 'True' ? parseRfc3339(c.lastTransitionTime) ?? 0 : 0;
}

/** afterOrZero: a zero time sorts first, then the later time. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
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

function compareTimes(t1: number, t2: number, uid1: string, uid2: string, nowMs: number): boolean {
  if (nowMs === 0 || t1 === 0 || t2 === 0) return afterOrZero(t1, t2);
  const diff = logRankDiff(t1, t2, nowMs);
  if (diff === 0) return uid1 < uid2;
  return diff < 0;
}

/** ActivePodsWithRanks.Less: true when pod i should be deleted before pod j. */
export function deleteBefore(pi: Pod, ri: number, pj: Pod, rj: number, nowMs: number): boolean {
  const ni = pi.spec.nodeName ?? '';
  const nj = pj.spec.nodeName ?? '';
  if (ni !== nj && (ni === '' || nj === '')) return ni === '';
  const oi = PHASE_ORDINAL[pi.status?.phase ?? ''] ?? 0;
  const oj = PHASE_ORDINAL[pj.status?.phase ?? ''] ?? 0;
  if (oi !== oj) return oi < oj;
  const readyI = isPodReady(pi);
  const readyJ = isPodReady(pj);
  if (readyI !== readyJ) return !readyI;
  const ci = deletionCost(pi);
  const cj = deletionCost(pj);
  if (ci !== cj) return ci < cj;
  if (ri !== rj) return ri > rj;
  const uidI = pi.metadata.uid ?? '';
  const uidJ = pj.metadata.uid ?? '';
  if (readyI && readyJ) {
    const ti = readyTime(pi);
    const tj = readyTime(pj);
    if (ti !== tj) return compareTimes(ti, tj, uidI, uidJ, nowMs);
  }
  const [regI, sideI] = maxRestarts(pi);
  const [regJ, sideJ] = maxRestarts(pj);
  if (regI !== regJ) return regI > regJ;
  if (sideI !== sideJ) return sideI > sideJ;
  const ci2 = parseRfc3339(pi.metadata.creationTimestamp) ?? 0;
  const cj2 = parseRfc3339(pj.metadata.creationTimestamp) ?? 0;
  if (ci2 !== cj2) return compareTimes(ci2, cj2, uidI, uidJ, nowMs);
  return false;
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
  const ranked = pods.map((pod, index) => ({ pod, index, rank: onNode.get(pod.spec.nodeName ?? '') ?? 0 }));
  ranked.sort((a, b) => {
    if (deleteBefore(a.pod, a.rank, b.pod, b.rank, nowMs)) return -1;
    if (deleteBefore(b.pod, b.rank, a.pod, a.rank, nowMs)) return 1;
    return a.index - b.index;
  });
  return ranked.slice(0, diff).map((r) => r.pod);
}
