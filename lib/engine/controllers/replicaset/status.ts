/**
 * replica_set_utils.go: calculateStatus (counts over the pods the ReplicaSet owns, and the
 * ReplicaFailure condition when creating or deleting failed) and the "only write when something
 * changed" rule of updateReplicaSetStatus.
 */
import type { Pod } from '../../api/types';
import { rfc3339 } from '../../core/time';
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from '../apps';
import { isPodAvailable, isPodReady, labelsContain, semanticEqual } from '../meta';

export const REPLICA_FAILURE = 'ReplicaFailure';

export function calculateStatus(rs: ReplicaSet, pods: Pod[], manageError: string | undefined, nowMs: number): ReplicaSetStatus {
  const templateLabels = rs.spec.template?.metadata?.labels;
  const minReady = rs.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (labelsContain(pod.metadata.labels, templateLabels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, nowMs)) available++;
    }
  }
  let conditions = rs.status?.conditions ? [...rs.status.conditions] : undefined;
  const failure = conditions?.find((c) => c.type === REPLICA_FAILURE);
  if (manageError !== undefined && !failure) {
    const diff = pods.length - (rs.spec.replicas ?? 1);
    const cond: ReplicaSetCondition = { type: REPLICA_FAILURE, status: 'True', lastTransitionTime: rfc3339(nowMs) };
    if (diff < 0) cond.reason = 'FailedCreate';
    else if (diff > 0) cond.reason = 'FailedDelete';
    cond.message = manageError;
    conditions = [...(conditions ?? []), cond];
  } else if (manageError === undefined && failure) {
    conditions = conditions!.filter((c) => c.type !== REPLICA_FAILURE);
  }
  const status: ReplicaSetStatus = { replicas: pods.length };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (rs.status?.observedGeneration) status.observedGeneration = rs.status.observedGeneration;
  if (conditions?.length) status.conditions = conditions;
  return status;
}

/** updateReplicaSetStatus's test: nothing to write when the counts, conditions and generation agree. */
export function statusUnchanged(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const cur = rs.status ?? { replicas: 0 };
  return (
    (cur.replicas ?? 0) === next.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    (rs.metadata.generation ?? 0) === (cur.observedGeneration ?? 0) &&
    semanticEqual(cur.conditions, next.conditions)
  );
}

/** The status as written: observedGeneration is the generation acted on. */
export function withObservedGeneration(rs: ReplicaSet, next: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: next.replicas };
  if (next.fullyLabeledReplicas) out.fullyLabeledReplicas = next.fullyLabeledReplicas;
  if (next.readyReplicas) out.readyReplicas = next.readyReplicas;
  if (next.availableReplicas) out.availableReplicas = next.availableReplicas;
  if (rs.metadata.generation) out.observedGeneration = rs.metadata.generation;
  if (next.conditions?.length) out.conditions = next.conditions;
  return out;
}
