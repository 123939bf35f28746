/**
 * The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): each sync claims the active
 * pods its selector matches (adopting orphans, releasing pods it no longer selects), creates pods
 * from the template in slow-start batches or deletes the ones ranked first for deletion, and writes
 * the status counts. Pods are named by the API server from generateName `<replicaset>-`.
 *
 * Events (on the ReplicaSet, from replicaset-controller): SuccessfulCreate `Created pod: <name>`,
 * FailedCreate `Error creating: <error>`, SuccessfulDelete `Deleted pod: <name>`.
 */
import type { KubeObject, ObjectMeta, OwnerReference, Pod } from '../../api/types';
import { labelSelectorAsSelector, type Selector } from '../../api/labels';
import type { Controller, ControllerContext } from '../../core/controller';
import { SECOND } from '../../core/time';
import type { ReplicaSet } from '../apps';
import { claimObjects } from '../claim';
import { controllerOf, deepCopy, isPodActive, isPodReady, newControllerRef, objectRef, sortedMap } from '../meta';
import { OwnerIndex } from '../owner-index';
import { keyOf, splitKey, WorkQueue } from '../workqueue';
import { podsToDelete } from './ranking';
import { calculateStatus, statusUnchanged, withObservedGeneration } from './status';

export const REPLICASET_CONTROLLER = 'replicaset-controller';
/** kube-controller-manager's --concurrent-... burst: at most this many creates/deletes per sync. */
export const BURST_REPLICAS = 500;
/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH = 1;

/** getPodsPrefix: `<name>-` unless that is no longer a valid name prefix. */
export function podsPrefix(controllerName: string): string {
  return controllerName.length + 1 > 253 ? controllerName : `${controllerName}-`;
}

/** controller.GetPodFromTemplate: labels, annotations and finalizers from the template, the controller reference. */
export function podFromTemplate(owner: KubeObject, template: ReplicaSet['spec']['template'], ref: OwnerReference): Pod {
  const tmd = template?.metadata ?? {};
  const md: ObjectMeta = { generateName: podsPrefix(owner.metadata!.name!), namespace: owner.metadata!.namespace };
  if (tmd.labels && Object.keys(tmd.labels).length) md.labels = sortedMap(tmd.labels);
  if (tmd.annotations && Object.keys(tmd.annotations).length) md.annotations = sortedMap(tmd.annotations);
  if (tmd.finalizers?.length) md.finalizers = [...tmd.finalizers];
  md.ownerReferences = [{ ...ref }];
  return { apiVersion: 'v1', kind: 'Pod', metadata: md, spec: deepCopy(template?.spec ?? { containers: [] }) };
}

/** The API error text an event quotes: kubectl's leading "The " is not part of it. */
function apiErrorText(reason: string, message: string): string {
  return reason === 'Invalid' && message.startsWith('The ') ? message.slice(4) : message;
}

class ReplicaSetController {
  private readonly pods = new OwnerIndex<Pod>();
  private readonly ready = new Map<string, boolean>();
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx, REPLICASET_CONTROLLER, (key) => this.sync(key));
  }

  start(): void {
    this.ctx.store.watch((c) => {
      if (c.kind === 'Pod') this.onPod(c.type, c.object as unknown as Pod);
      else if (c.kind === 'ReplicaSet') this.queue.add(keyOf(c.object.metadata!.namespace, c.object.metadata!.name!));
    });
  }

  private resolve(namespace: string | undefined, ref: OwnerReference | undefined): ReplicaSet | undefined {
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.ctx.store.get<ReplicaSet>('ReplicaSet', namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  private enqueue(rs: ReplicaSet | undefined): void {
    if (rs) this.queue.add(keyOf(rs.metadata.namespace, rs.metadata.name!));
  }

  private onPod(type: string, pod: Pod): void {
    const uid = pod.metadata.uid!;
    const ns = pod.metadata.namespace;
    const ref = controllerOf(pod);
    if (type === 'DELETED') {
      this.pods.remove(pod);
      this.ready.delete(uid);
      this.enqueue(this.resolve(ns, ref));
      return;
    }
    const before = this.pods.upsert(pod);
    const wasReady = this.ready.get(uid) ?? false;
    const isReady = isPodReady(pod);
    this.ready.set(uid, isReady);
    if (before && before !== (ref?.uid ?? '')) {
      // The controller reference changed: the old owner must notice it lost a pod.
      const old = this.ctx.store.list<ReplicaSet>('ReplicaSet', ns).find((r) => r.metadata.uid === before);
      this.enqueue(old);
    }
    if (ref) {
      const rs = this.resolve(ns, ref);
      this.enqueue(rs);
      const minReady = rs?.spec.minReadySeconds ?? 0;
      if (rs && !pod.metadata.deletionTimestamp && !wasReady && isReady && minReady > 0) {
        // One more second against rounding, as upstream adds.
        this.queue.addAfter(keyOf(ns, rs.metadata.name!), minReady * SECOND + SECOND);
      }
      return;
    }
    if (pod.metadata.deletionTimestamp) return;
    // An orphan: every ReplicaSet that selects it may want to adopt it.
    for (const rs of this.ctx.store.list<ReplicaSet>('ReplicaSet', ns)) {
      if (this.selector(rs)?.matches(pod.metadata.labels)) this.enqueue(rs);
    }
  }

  private selector(rs: ReplicaSet): Selector | undefined {
    try {
      return labelSelectorAsSelector(rs.spec.selector);
    } catch {
      return undefined;
    }
  }

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    const rs = this.ctx.store.get<ReplicaSet>('ReplicaSet', ns, name);
    if (!rs) return;
    const selector = this.selector(rs);
    if (!selector) return;
    const candidates = this.pods.inOrder([...this.pods.owned(rs.metadata.uid!), ...this.pods.orphans(ns)]).filter(isPodActive);
    const ref = newControllerRef(rs, 'apps/v1', 'ReplicaSet');
    const pods = claimObjects(this.ctx, { owner: rs, ref, matches: (p) => selector.matches(p.metadata.labels) }, candidates);
    const error = rs.metadata.deletionTimestamp ? undefined : this.manageReplicas(rs, pods, ref);
    const now = this.ctx.now();
    const next = calculateStatus(rs, pods, error, now);
    if (!statusUnchanged(rs, next)) {
      rs.status = withObservedGeneration(rs, next);
      this.ctx.update(rs);
    }
    const replicas = rs.spec.replicas ?? 1;
    const minReady = rs.spec.minReadySeconds ?? 0;
    if (error === undefined && minReady > 0 && (rs.status?.readyReplicas ?? 0) === replicas && (rs.status?.availableReplicas ?? 0) !== replicas) {
      this.queue.addAfter(key, minReady * SECOND);
    }
    if (error !== undefined) this.queue.addRateLimited(key);
    else this.queue.forget(key);
  }

  /** manageReplicas: returns the first error, as the sync's error. */
  private manageReplicas(rs: ReplicaSet, pods: Pod[], ref: OwnerReference): string | undefined {
    const diff = pods.length - (rs.spec.replicas ?? 1);
    if (diff < 0) return this.createPods(rs, Math.min(-diff, BURST_REPLICAS), ref);
    if (diff > 0) this.deletePods(rs, pods, Math.min(diff, BURST_REPLICAS));
    return undefined;
  }

  /** slowStartBatch: batches of 1, 2, 4 ... creates; a failure ends the sync after its batch. */
  private createPods(rs: ReplicaSet, count: number, ref: OwnerReference): string | undefined {
    let remaining = count;
    for (let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH); batch > 0; batch = Math.min(2 * batch, remaining)) {
      let error: string | undefined;
      for (let i = 0; i < batch; i++) {
        const failed = this.createPod(rs, ref);
        if (failed !== undefined) error ??= failed;
      }
      if (error !== undefined) return error;
      remaining -= batch;
    }
    return undefined;
  }

  private createPod(rs: ReplicaSet, ref: OwnerReference): string | undefined {
    const involved = objectRef(rs, 'ReplicaSet', 'apps/v1');
    const r = this.ctx.create(podFromTemplate(rs, rs.spec.template, ref) as unknown as KubeObject);
    if (!r.ok) {
      const text = apiErrorText(r.rejection.reason, r.rejection.message);
      this.ctx.event(REPLICASET_CONTROLLER, involved, 'Warning', 'FailedCreate', `Error creating: ${text}`);
      return text;
    }
    this.ctx.event(REPLICASET_CONTROLLER, involved, 'Normal', 'SuccessfulCreate', `Created pod: ${r.object.metadata!.name}`);
    return undefined;
  }

  private deletePods(rs: ReplicaSet, pods: Pod[], count: number): void {
    const victims = podsToDelete(pods, this.relatedPods(rs), count, this.ctx.now());
    const involved = objectRef(rs, 'ReplicaSet', 'apps/v1');
    for (const pod of victims) {
      if (this.ctx.delete('Pod', pod.metadata.namespace, pod.metadata.name!)) {
        this.ctx.event(REPLICASET_CONTROLLER, involved, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      }
    }
  }

  /** getIndirectlyRelatedPods: the pods of every ReplicaSet with this ReplicaSet's controller. */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerOf(rs);
    if (!owner) return [];
    const ns = rs.metadata.namespace;
    const siblings = this.ctx.store.list<ReplicaSet>('ReplicaSet', ns).filter((r) => controllerOf(r)?.uid === owner.uid);
    const seen = new Set<string>();
    const out: Pod[] = [];
    const all = this.ctx.store.list<Pod>('Pod', ns);
    for (const sibling of siblings) {
      const sel = this.selector(sibling);
      if (!sel) continue;
      for (const pod of all) {
        if (seen.has(pod.metadata.uid!) || !sel.matches(pod.metadata.labels)) continue;
        seen.add(pod.metadata.uid!);
        out.push(pod);
      }
    }
    return out;
  }
}

export function replicaSetController(): Controller {
  return {
    name: REPLICASET_CONTROLLER,
    start(ctx) {
      new ReplicaSetController(ctx).start();
    },
  };
}
