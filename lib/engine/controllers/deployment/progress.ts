/**
 * The Deployment's status (sync.go calculateStatus) and its Progressing condition
 * (progress.go syncRolloutStatus / requeueStuckDeployment):
 *  - Available: True MinimumReplicasAvailable "Deployment has minimum availability." when at least
 *    replicas - maxUnavailable are available, else False MinimumReplicasUnavailable;
 *  - Progressing: True NewReplicaSetAvailable `ReplicaSet "x" has successfully progressed.` once
 *    complete, True ReplicaSetUpdated `ReplicaSet "x" is progressing.` on every sign of progress,
 *    False ProgressDeadlineExceeded `ReplicaSet "x" has timed out progressing.` after
 *    progressDeadlineSeconds without progress.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from '../apps';
import { SECOND } from '../../core/time';
import { parseTime, semanticEqual } from '../meta';
import {
  actualReplicaCount,
  AVAILABLE,
  availableReplicaCount,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  maxUnavailable,
  MIN_AVAILABLE,
  MIN_UNAVAILABLE,
  NEW_RS_AVAILABLE,
  newCondition,
  PROGRESSING,
  readyReplicaCount,
  removeCondition,
  REPLICA_FAILURE,
  replicaCount,
  RS_UPDATED,
  setCondition,
  TIMED_OUT,
} from './util';
import type { DeploymentSyncer } from './sync';

/** calculateStatus: counts summed over the ReplicaSets, and the Available condition. */
export function calculateStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const unavailable = Math.max(0, replicaCount(allRSs) - available);
  const status: DeploymentStatus = {};
  if (d.metadata.generation) status.observedGeneration = d.metadata.generation;
  const counts: [keyof DeploymentStatus, number][] = [
    ['replicas', actualReplicaCount(allRSs)],
    ['updatedReplicas', actualReplicaCount([newRS])],
    ['readyReplicas', readyReplicaCount(allRSs)],
    ['availableReplicas', available],
    ['unavailableReplicas', unavailable],
  ];
  for (const [k, v] of counts) if (v) (status as Record<string, number>)[k] = v;
  if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (available >= (d.spec.replicas ?? 1) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, 'True', MIN_AVAILABLE, 'Deployment has minimum availability.', nowMs));
  } else {
    setCondition(status, newCondition(AVAILABLE, 'False', MIN_UNAVAILABLE, 'Deployment does not have minimum availability.', nowMs));
  }
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  return status;
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure conditions first, else any old one's. */
function replicaFailures(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined) {
  const fromRS = (rs: ReplicaSet) =>
    (rs.status?.conditions ?? [])
      .filter((c) => c.type === REPLICA_FAILURE)
      .map((c) => ({ type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message }));
  const mine = newRS ? fromRS(newRS) : [];
  if (mine.length) return mine;
  return allRSs.flatMap((rs) => (rs ? fromRS(rs) : []));
}

export function syncRolloutStatus(s: DeploymentSyncer, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const now = s.now();
  const next = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(next, PROGRESSING);
  const current = getCondition(d.status, PROGRESSING);
  const complete = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === NEW_RS_AVAILABLE;
  if (hasProgressDeadline(d) && !complete) {
    const name = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, next)) {
      setCondition(next, newCondition(PROGRESSING, 'True', NEW_RS_AVAILABLE, `${name} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, next)) {
      const cond = newCondition(PROGRESSING, 'True', RS_UPDATED, `${name} is progressing.`, now);
      // Every sign of progress refreshes lastUpdateTime; the transition time stays while it is True.
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, PROGRESSING);
      }
      setCondition(next, cond);
    } else if (deploymentTimedOut(d, next, now)) {
      setCondition(next, newCondition(PROGRESSING, 'False', TIMED_OUT, `${name} has timed out progressing.`, now));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  if (failures.length) setCondition(next, failures[0] as never);
  else removeCondition(next, REPLICA_FAILURE);
  if (semanticEqual(d.status, next)) {
    requeueStuckDeployment(s, d, next);
    return;
  }
  s.updateStatus(d, next);
}

/**
 * requeueStuckDeployment: without progress, look again when the deadline passes (one second
 * late, as upstream does), or at once when it is less than a second away.
 */
function requeueStuckDeployment(s: DeploymentSyncer, d: Deployment, next: DeploymentStatus): void {
  const current = getCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, next) || current.reason === TIMED_OUT) return;
  const after = (parseTime(current.lastUpdateTime) ?? 0) + (d.spec.progressDeadlineSeconds ?? 0) * SECOND - s.now();
  if (after < SECOND) s.queue.addRateLimited(s.key(d));
  else s.queue.addAfter(s.key(d), after + SECOND);
}
