/**
 * pkg/controller/deployment/recreate.go: a Recreate rollout scales every old ReplicaSet to zero,
 * waits until none of their pods is left (terminating ones included), and only then creates or
 * scales up the new ReplicaSet.
 */
import type { Deployment, ReplicaSet } from '../apps';
import { syncRolloutStatus } from './progress';
import type { DeploymentSyncer, PodMap } from './sync';
import { actualReplicaCount, deploymentComplete, filterActive, hasRevisionHistoryLimit, replicasOf } from './util';

export function rolloutRecreate(s: DeploymentSyncer, d: Deployment, rsList: ReplicaSet[], podMap: PodMap): void {
  let { newRS, oldRSs } = s.getAllReplicaSetsAndSyncRevision(d, rsList, false);
  let all = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) if (s.scaleReplicaSetAndRecordEvent(rs, 0, d)) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(s, all, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(s, all, newRS, d);
  if (!newRS) {
    ({ newRS, oldRSs } = s.getAllReplicaSetsAndSyncRevision(d, rsList, true));
    all = [...oldRSs, newRS];
  }
  if (newRS && replicasOf(newRS) !== (d.spec.replicas ?? 1)) s.scaleReplicaSetAndRecordEvent(newRS, d.spec.replicas ?? 1, d);
  if (deploymentComplete(d, d.status ?? {}) && hasRevisionHistoryLimit(d)) s.cleanupDeployment(oldRSs, d);
  syncRolloutStatus(s, all, newRS, d);
}

/** oldPodsRunning: an old ReplicaSet still counts pods, or any pod of one has not finished. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podMap: PodMap): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
