/**
 * The Deployment controller (pkg/controller/deployment/deployment_controller.go syncDeployment):
 * claims the ReplicaSets its selector matches, then either only resizes (paused, or a scaling
 * event) or rolls out by its strategy. It is woken by its Deployment, by any change of a
 * ReplicaSet it owns (or could adopt), and, for Recreate, when one of its pods is deleted.
 * A failing sync is retried with back-off, at most 15 times in a row.
 */
import type { Pod } from '../../api/types';
import { labelSelectorAsSelector, type Selector } from '../../api/labels';
import type { Controller, ControllerContext } from '../../core/controller';
import type { Deployment, ReplicaSet } from '../apps';
import { claimObjects } from '../claim';
import { controllerOf, newControllerRef } from '../meta';
import { OwnerIndex } from '../owner-index';
import { keyOf, splitKey, WorkQueue } from '../workqueue';
import { rolloutRecreate } from './recreate';
import { rolloutRolling } from './rolling';
import { DEPLOYMENT_CONTROLLER, DeploymentSyncer, SyncError, type PodMap } from './sync';
import { isRollingUpdate } from './util';

const MAX_RETRIES = 15;

function selectorOf(d: Deployment): Selector | undefined {
  try {
    return labelSelectorAsSelector(d.spec.selector);
  } catch {
    return undefined;
  }
}

class DeploymentController {
  private readonly replicaSets = new OwnerIndex<ReplicaSet>();
  private readonly queue: WorkQueue;
  private readonly syncer: DeploymentSyncer;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx, DEPLOYMENT_CONTROLLER, (key) => this.process(key));
    this.syncer = new DeploymentSyncer(ctx, this.queue);
  }

  start(): void {
    this.ctx.store.watch((c) => {
      if (c.kind === 'Deployment') this.queue.add(keyOf(c.object.metadata!.namespace, c.object.metadata!.name!));
      else if (c.kind === 'ReplicaSet') this.onReplicaSet(c.type, c.object as ReplicaSet);
      else if (c.kind === 'Pod' && c.type === 'DELETED') this.onPodDeleted(c.object as unknown as Pod);
    });
  }

  private resolve(namespace: string | undefined, ref: { kind: string; name: string; uid: string } | undefined): Deployment | undefined {
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.ctx.store.get<Deployment>('Deployment', namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  private enqueue(d: Deployment | undefined): void {
    if (d) this.queue.add(keyOf(d.metadata.namespace, d.metadata.name!));
  }

  private onReplicaSet(type: string, rs: ReplicaSet): void {
    const ns = rs.metadata.namespace;
    const ref = controllerOf(rs);
    if (type === 'DELETED') {
      this.replicaSets.remove(rs);
      this.enqueue(this.resolve(ns, ref));
      return;
    }
    const before = this.replicaSets.upsert(rs);
    if (before && before !== (ref?.uid ?? '')) {
      this.enqueue(this.ctx.store.list<Deployment>('Deployment', ns).find((d) => d.metadata.uid === before));
    }
    if (ref) {
      this.enqueue(this.resolve(ns, ref));
      return;
    }
    if (rs.metadata.deletionTimestamp) return;
    // An orphan: every Deployment that selects it may adopt it.
    for (const d of this.ctx.store.list<Deployment>('Deployment', ns)) {
      if (selectorOf(d)?.matches(rs.metadata.labels)) this.enqueue(d);
    }
  }

  /** deletePod: a Recreate rollout waits for its old pods to be gone. */
  private onPodDeleted(pod: Pod): void {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.ctx.store.get<ReplicaSet>('ReplicaSet', pod.metadata.namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return;
    const d = this.resolve(rs.metadata.namespace, controllerOf(rs));
    if (d && !isRollingUpdate(d)) this.enqueue(d);
  }

  private process(key: string): void {
    try {
      this.syncDeployment(key);
      this.queue.forget(key);
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      if (this.queue.numRequeues(key) < MAX_RETRIES) this.queue.addRateLimited(key);
      else this.queue.forget(key);
    }
  }

  /** getReplicaSetsForDeployment: the ReplicaSets this Deployment owns after adoption and release. */
  private replicaSetsFor(d: Deployment, selector: Selector): ReplicaSet[] {
    const candidates = this.replicaSets.ownedOrOrphan(d.metadata.uid!, d.metadata.namespace ?? '');
    const ref = newControllerRef(d, 'apps/v1', 'Deployment');
    return claimObjects(this.ctx, { owner: d, ref, matches: (rs) => selector.matches(rs.metadata.labels) }, candidates);
  }

  /** getPodMapForDeployment: its pods (terminating ones too) by the ReplicaSet controlling them. */
  private podMap(d: Deployment, selector: Selector, rsList: ReplicaSet[]): PodMap {
    const map: PodMap = new Map(rsList.map((rs) => [rs.metadata.uid!, []]));
    for (const pod of this.ctx.store.list<Pod>('Pod', d.metadata.namespace)) {
      if (!selector.matches(pod.metadata.labels)) continue;
      const ref = controllerOf(pod);
      if (ref) map.get(ref.uid)?.push(pod);
    }
    return map;
  }

  private syncDeployment(key: string): void {
    const [ns, name] = splitKey(key);
    const d = this.ctx.store.get<Deployment>('Deployment', ns, name);
    if (!d) return;
    const selector = selectorOf(d);
    if (!selector) return;
    const rsList = this.replicaSetsFor(d, selector);
    const s = this.syncer;
    if (d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = s.getAllReplicaSetsAndSyncRevision(d, rsList, false);
      return s.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
    }
    s.checkPausedConditions(d);
    if (d.spec.paused) return s.sync(d, rsList);
    if (s.isScalingEvent(d, rsList)) return s.sync(d, rsList);
    if (isRollingUpdate(d)) return rolloutRolling(s, d, rsList);
    rolloutRecreate(s, d, rsList, this.podMap(d, selector, rsList));
  }
}

export function deploymentController(): Controller {
  return {
    name: DEPLOYMENT_CONTROLLER,
    start(ctx: ControllerContext) {
      new DeploymentController(ctx).start();
    },
  };
}
