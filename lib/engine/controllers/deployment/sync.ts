/**
 * pkg/controller/deployment/sync.go: finding or creating the new ReplicaSet
 * (`<deployment>-<pod-template-hash>`, revision = highest old revision + 1), scaling ReplicaSets
 * (proportionally when several are active), the revision-history cleanup, and the paused-condition
 * bookkeeping. Events (on the Deployment, from deployment-controller): ScalingReplicaSet
 * `Scaled up|down replica set <name> from <old> to <new>` (this order since v1.31),
 * ReplicaSetCreateError.
 */
import type { Pod } from '../../api/types';
import type { ControllerContext } from '../../core/controller';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../apps';
import { statusErrorText } from '../apierror';
import { controllerOf, deepCopy, newControllerRef, objectRef, semanticEqual, sortedMap } from '../meta';
import { keyOf, type WorkQueue } from '../workqueue';
import { computeHash } from './hash';
import { calculateStatus } from './progress';
import {
  byRevision,
  bySizeNewer,
  bySizeOlder,
  DESIRED_REPLICAS,
  equalIgnoreHash,
  FAILED_RS_CREATE,
  filterActive,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  FOUND_NEW_RS,
  getCondition,
  getProportion,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  intAnnotation,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  NEW_RS_CREATED,
  newCondition,
  PAUSED,
  POD_TEMPLATE_HASH,
  PROGRESSING,
  REVISION,
  replicaCount,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  resolveFenceposts,
  RESUMED,
  setCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  TIMED_OUT,
} from './util';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';

/** A sync that must be retried (the work queue backs off). */
export class SyncError extends Error {}

/** Pods of the Deployment by the uid of the ReplicaSet controlling them. */
export type PodMap = Map<string, Pod[]>;

/** NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(d: Deployment, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const replicas = d.spec.replicas ?? 1;
  if (!isRollingUpdate(d)) return replicas;
  const ru = d.spec.strategy?.rollingUpdate;
  const [surge] = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas);
  const current = replicaCount(allRSs);
  const maxTotal = replicas + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  const up = Math.min(maxTotal - current, replicas - replicasOf(newRS));
  return replicasOf(newRS) + up;
}

export class DeploymentSyncer {
  constructor(
    readonly ctx: ControllerContext,
    readonly queue: WorkQueue,
  ) {}

  now(): number {
    return this.ctx.now();
  }

  key(d: Deployment): string {
    return keyOf(d.metadata.namespace, d.metadata.name!);
  }

  event(d: Deployment, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.event(DEPLOYMENT_CONTROLLER, objectRef(d, 'Deployment', 'apps/v1'), type, reason, message);
  }

  /** UpdateStatus (which may also carry the revision annotation, as upstream's does). */
  updateStatus(d: Deployment, status?: DeploymentStatus): void {
    if (status) d.status = status;
    this.ctx.update(d);
  }

  getAllReplicaSetsAndSyncRevision(d: Deployment, rsList: ReplicaSet[], create: boolean): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
    const { all } = findOldReplicaSets(d, rsList);
    return { newRS: this.getNewReplicaSet(d, rsList, all, create), oldRSs: all };
  }

  /** getNewReplicaSet: the ReplicaSet running the current template, brought up to date, or a new one. */
  getNewReplicaSet(d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
    const now = this.now();
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = String(maxRevision(oldRSs) + 1);
    const minReady = d.spec.minReadySeconds ?? 0;
    if (existing) {
      const annotationsChanged = setNewReplicaSetAnnotations(d, existing, newRevision, true);
      const minReadyChanged = (existing.spec.minReadySeconds ?? 0) !== minReady;
      if (minReadyChanged) {
        if (minReady) existing.spec.minReadySeconds = minReady;
        else delete existing.spec.minReadySeconds;
      }
      if (annotationsChanged || minReadyChanged) this.ctx.update(existing, { specChanged: minReadyChanged });
      let needsUpdate = setDeploymentRevision(d, existing.metadata.annotations?.[REVISION] ?? '');
      if (hasProgressDeadline(d) && !getCondition(d.status, PROGRESSING)) {
        setCondition((d.status ??= {}), newCondition(PROGRESSING, 'True', FOUND_NEW_RS, `Found new replica set "${existing.metadata.name}"`, now));
        needsUpdate = true;
      }
      if (needsUpdate) this.updateStatus(d);
      return existing;
    }
    if (!create) return undefined;

    const template = deepCopy(d.spec.template ?? {});
    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    const labels = sortedMap({ ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash });
    template.metadata = { ...(template.metadata ?? {}), labels };
    const selector = deepCopy(d.spec.selector ?? {});
    selector.matchLabels = sortedMap({ ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash });
    const name = `${d.metadata.name}-${hash}`;
    const ns = d.metadata.namespace;
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: ns, labels: { ...labels }, ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')] },
      spec: { replicas: 0, ...(minReady ? { minReadySeconds: minReady } : {}), selector, template },
    };
    const count = newRSNewReplicas(d, [...oldRSs, rs], rs);
    rs.spec.replicas = count;
    setNewReplicaSetAnnotations(d, rs, newRevision, false);

    let created: ReplicaSet;
    let alreadyExists = false;
    const clash = this.ctx.store.get<ReplicaSet>('ReplicaSet', ns, name);
    if (clash) {
      alreadyExists = true;
      const ref = controllerOf(clash);
      if (!ref || ref.uid !== d.metadata.uid || !equalIgnoreHash(d.spec.template, clash.spec.template)) {
        // A hash collision: a different ReplicaSet holds the name. Hash again with a new count.
        const status = (d.status ??= {});
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        this.updateStatus(d);
        throw new SyncError(`replicasets.apps "${name}" already exists`);
      }
      created = clash;
    } else {
      const r = this.ctx.create(rs);
      if (!r.ok) {
        const msg = `Failed to create new replica set "${name}": ${statusErrorText(r.rejection)}`;
        if (hasProgressDeadline(d)) {
          setCondition((d.status ??= {}), newCondition(PROGRESSING, 'False', FAILED_RS_CREATE, msg, now));
          this.updateStatus(d);
        }
        this.event(d, 'Warning', FAILED_RS_CREATE, msg);
        throw new SyncError(msg);
      }
      created = r.object as ReplicaSet;
    }
    if (!alreadyExists && count > 0) this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${count}`);
    let needsUpdate = setDeploymentRevision(d, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
      setCondition((d.status ??= {}), newCondition(PROGRESSING, 'True', NEW_RS_CREATED, `Created new replica set "${name}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) this.updateStatus(d);
    return created;
  }

  /** scaleReplicaSet: writes the size and the replica annotations; an event when the size changed. */
  scaleReplicaSet(rs: ReplicaSet, newScale: number, d: Deployment, operation: string): boolean {
    const replicas = d.spec.replicas ?? 1;
    const max = replicas + maxSurge(d);
    const sizeChanged = replicasOf(rs) !== newScale;
    if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, replicas, max)) return false;
    const old = replicasOf(rs);
    rs.spec.replicas = newScale;
    setReplicasAnnotations(rs, replicas, max);
    this.ctx.update(rs, { specChanged: sizeChanged });
    if (sizeChanged) this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata.name} from ${old} to ${newScale}`);
    return sizeChanged;
  }

  scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number, d: Deployment): boolean {
    if (replicasOf(rs) === newScale) return false;
    return this.scaleReplicaSet(rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
  }

  /**
   * scale: a resize outside a rollout. One active ReplicaSet takes the new size; a saturated new
   * one scales the old ones to zero; otherwise the change is shared in proportion to each
   * ReplicaSet's size (rolling updates only), the remainder going to the largest.
   */
  scale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
    const replicas = d.spec.replicas ?? 1;
    const target = findActiveOrLatest(newRS, oldRSs);
    if (target) {
      if (replicasOf(target) !== replicas) this.scaleReplicaSetAndRecordEvent(target, replicas, d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of filterActive(oldRSs)) this.scaleReplicaSetAndRecordEvent(old, 0, d);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const all = filterActive([...oldRSs, newRS]);
    const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
    const toAdd = allowed - replicaCount(all);
    let operation = '';
    if (toAdd > 0) {
      all.sort(bySizeNewer);
      operation = 'up';
    } else if (toAdd < 0) {
      all.sort(bySizeOlder);
      operation = 'down';
    }
    const sizes = new Map<string, number>();
    let added = 0;
    for (const rs of all) {
      if (toAdd !== 0) {
        const p = getProportion(rs, d, toAdd, added);
        sizes.set(rs.metadata.name!, replicasOf(rs) + p);
        added += p;
      } else sizes.set(rs.metadata.name!, replicasOf(rs));
    }
    all.forEach((rs, i) => {
      let size = sizes.get(rs.metadata.name!)!;
      if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
      this.scaleReplicaSet(rs, size, d, operation);
    });
  }

  /** cleanupDeployment: old, empty ReplicaSets beyond revisionHistoryLimit are deleted, oldest revision first. */
  cleanupDeployment(oldRSs: ReplicaSet[], d: Deployment): void {
    if (!hasRevisionHistoryLimit(d)) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - (d.spec.revisionHistoryLimit ?? 10);
    if (diff <= 0) return;
    cleanable.sort(byRevision);
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i];
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
      this.ctx.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name!, { uid: rs.metadata.uid });
    }
  }

  syncDeploymentStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
    const next = calculateStatus(allRSs, newRS, d, this.now());
    if (!semanticEqual(d.status, next)) this.updateStatus(d, next);
  }

  /** sync: scaling and paused Deployments only resize; they never roll. */
  sync(d: Deployment, rsList: ReplicaSet[]): void {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    this.scale(d, newRS, oldRSs);
    if (d.spec.paused) this.cleanupDeployment(oldRSs, d);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  /** checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed, unless timed out. */
  checkPausedConditions(d: Deployment): void {
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, PROGRESSING);
    if (cond?.reason === TIMED_OUT) return;
    const pausedCond = cond?.reason === PAUSED;
    if (d.spec.paused && !pausedCond) {
      setCondition((d.status ??= {}), newCondition(PROGRESSING, 'Unknown', PAUSED, 'Deployment is paused', this.now()));
    } else if (!d.spec.paused && pausedCond) {
      setCondition((d.status ??= {}), newCondition(PROGRESSING, 'Unknown', RESUMED, 'Deployment is resumed', this.now()));
    } else return;
    this.updateStatus(d);
  }

  /** isScalingEvent: an active ReplicaSet was last sized for a different replica count. */
  isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
    const { newRS, oldRSs } = this.getAllReplicaSetsAndSyncRevision(d, rsList, false);
    for (const rs of filterActive([...oldRSs, newRS])) {
      const desired = intAnnotation(rs, DESIRED_REPLICAS);
      if (desired !== undefined && desired !== (d.spec.replicas ?? 1)) return true;
    }
    return false;
  }
}
