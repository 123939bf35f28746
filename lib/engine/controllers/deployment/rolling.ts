/**
 * pkg/controller/deployment/rolling.go: a RollingUpdate grows the new ReplicaSet as far as
 * maxSurge allows, then shrinks old ReplicaSets as far as maxUnavailable allows (unhealthy old
 * replicas first), one step per sync, until the new ReplicaSet holds every replica.
 */
import type { Deployment, ReplicaSet } from '../apps';
import { byCreationTimestamp } from '../meta';
import { syncRolloutStatus } from './progress';
import { type DeploymentSyncer, newRSNewReplicas } from './sync';
import { availableReplicaCount, deploymentComplete, filterActive, hasRevisionHistoryLimit, maxUnavailable, replicaCount, replicasOf } from './util';

export function rolloutRolling(s: DeploymentSyncer, d: Deployment, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = s.getAllReplicaSetsAndSyncRevision(d, rsList, true);
  const all = [...oldRSs, newRS];
  if (newRS && reconcileNewReplicaSet(s, all, newRS, d)) return syncRolloutStatus(s, all, newRS, d);
  if (newRS && reconcileOldReplicaSets(s, all, filterActive(oldRSs), newRS, d)) return syncRolloutStatus(s, all, newRS, d);
  if (deploymentComplete(d, d.status ?? {}) && hasRevisionHistoryLimit(d)) s.cleanupDeployment(oldRSs, d);
  syncRolloutStatus(s, all, newRS, d);
}

function reconcileNewReplicaSet(s: DeploymentSyncer, all: (ReplicaSet | undefined)[], newRS: ReplicaSet, d: Deployment): boolean {
  const replicas = d.spec.replicas ?? 1;
  if (replicasOf(newRS) === replicas) return false;
  if (replicasOf(newRS) > replicas) return s.scaleReplicaSetAndRecordEvent(newRS, replicas, d);
  return s.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(d, all, newRS), d);
}

function reconcileOldReplicaSets(s: DeploymentSyncer, all: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (replicaCount(oldRSs) === 0) return false;
  const minAvailable = (d.spec.replicas ?? 1) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = replicaCount(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(s, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(s, [...oldRSs, newRS], oldRSs, d);
  return cleaned + scaledDown > 0;
}

/** cleanupUnhealthyReplicas: old replicas that are not available go first, oldest ReplicaSet first. */
function cleanupUnhealthyReplicas(s: DeploymentSyncer, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): number {
  oldRSs.sort(byCreationTimestamp);
  let total = 0;
  for (const rs of oldRSs) {
    if (total >= maxCleanup) break;
    const available = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === 0 || replicasOf(rs) === available) continue;
    const down = Math.min(maxCleanup - total, replicasOf(rs) - available);
    s.scaleReplicaSetAndRecordEvent(rs, replicasOf(rs) - down, d);
    total += down;
  }
  return total;
}

/** scaleDownOldReplicaSetsForRollingUpdate: as many old replicas as availability allows, oldest first. */
function scaleDownOldReplicaSetsForRollingUpdate(s: DeploymentSyncer, all: (ReplicaSet | undefined)[], oldRSs: ReplicaSet[], d: Deployment): number {
  const minAvailable = (d.spec.replicas ?? 1) - maxUnavailable(d);
  const available = availableReplicaCount(all);
  if (available <= minAvailable) return 0;
  oldRSs.sort(byCreationTimestamp);
  const target = available - minAvailable;
  let total = 0;
  for (const rs of oldRSs) {
    if (total >= target) break;
    if (replicasOf(rs) === 0) continue;
    const down = Math.min(replicasOf(rs), target - total);
    s.scaleReplicaSetAndRecordEvent(rs, replicasOf(rs) - down, d);
    total += down;
  }
  return total;
}
