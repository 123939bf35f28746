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
import { statusErrorText } from '../apierror';
import { claimObjects } from '../claim';
import { controllerOf, deepCopy, isPodActive, isPodReady, newControllerRef, objectRef, parseTime, podReadyCondition, sortedMap } from '../meta';
import { OwnerIndex } from '../owner-index';
import { TokenBucket } from '../ratelimit';
import { keyOf, splitKey, WorkQueue } from '../workqueue';
import { podsToDelete } from './ranking';
import { calculateStatus, statusUnchanged, withObservedGeneration } from './status';

export const REPLICASET_CONTROLLER = 'replicaset-controller';
/** replica_set.go BurstReplicas: at most this many creates or deletes in one sync. */
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

/**
 * When to look again for pods turning available. Upstream waits minReadySeconds; its transition
 * times are whole seconds while its clock is not, so that wait ends past the moment. Here both can
 * fall on the same whole second, so wait until just past the first ready pod's moment.
 */
function nextAvailability(pods: Pod[], minReady: number, now: number): number {
  let next = Infinity;
  for (const pod of pods) {
    const since = parseTime(podReadyCondition(pod)?.lastTransitionTime);
    if (!isPodReady(pod) || since === undefined) continue;
    const at = since + minReady * SECOND + 1;
    if (at > now && at < next) next = at;
  }
  return next === Infinity ? now + minReady * SECOND : next;
}

/** A sync's API writes: yields before each request, returns the first error. */
type Writes = Generator<void, string | undefined, void>;

class ReplicaSetController {
  private readonly pods = new OwnerIndex<Pod>();
  private readonly ready = new Map<string, boolean>();
  private readonly queue: WorkQueue;
  private readonly client = new TokenBucket();
  /** Syncs whose writes are still waiting for the rate limit. */
  private readonly inFlight = new Map<string, { again: boolean }>();

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

  /**
   * syncReplicaSet. Its API writes go through the client's rate limit: when the tokens run out the
   * sync waits, as upstream's worker blocks in the client, and the ReplicaSet is not synced again
   * until it is done (a change meanwhile makes it sync once more afterwards).
   */
  private sync(key: string): void {
    const running = this.inFlight.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const [ns, name] = splitKey(key);
    const rs = this.ctx.store.get<ReplicaSet>('ReplicaSet', ns, name);
    if (!rs) return;
    const selector = this.selector(rs);
    if (!selector) return;
    const candidates = this.pods.ownedOrOrphan(rs.metadata.uid!, ns).filter(isPodActive);
    const ref = newControllerRef(rs, 'apps/v1', 'ReplicaSet');
    const pods = claimObjects(this.ctx, { owner: rs, ref, matches: (p) => selector.matches(p.metadata.labels) }, candidates);
    const run = { again: false };
    this.inFlight.set(key, run);
    const work = rs.metadata.deletionTimestamp ? undefined : this.manageReplicas(rs, pods, ref);
    const done = (error: string | undefined) => {
      this.inFlight.delete(key);
      this.finishSync(key, rs, pods, error);
      if (run.again) this.queue.add(key);
    };
    if (work) this.drive(rs, work, done);
    else done(undefined);
  }

  /** Runs a sync's writes, each after a token of the client's rate limit. */
  private drive(rs: ReplicaSet, work: Writes, done: (error: string | undefined) => void): void {
    for (;;) {
      const gone = this.ctx.store.get<ReplicaSet>('ReplicaSet', rs.metadata.namespace, rs.metadata.name!)?.metadata.uid !== rs.metadata.uid;
      const step = gone ? work.return(undefined) : work.next();
      if (step.done) return done(step.value);
      const now = this.ctx.now();
      if (!this.client.take(now)) {
        // The write is retried once a token is there (the generator has not made it yet).
        this.ctx.after(this.client.wait(now), () => this.resume(rs, work, done));
        return;
      }
    }
  }

  private resume(rs: ReplicaSet, work: Writes, done: (error: string | undefined) => void): void {
    const now = this.ctx.now();
    if (!this.client.take(now)) {
      this.ctx.after(this.client.wait(now), () => this.resume(rs, work, done));
      return;
    }
    this.drive(rs, work, done);
  }

  private finishSync(key: string, rs: ReplicaSet, pods: Pod[], error: string | undefined): void {
    const now = this.ctx.now();
    if (this.ctx.store.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name!) !== rs) return;
    const next = calculateStatus(rs, pods, error, now);
    if (!statusUnchanged(rs, next)) {
      rs.status = withObservedGeneration(rs, next);
      this.ctx.update(rs);
    }
    const replicas = rs.spec.replicas ?? 1;
    const minReady = rs.spec.minReadySeconds ?? 0;
    if (error === undefined && minReady > 0 && (rs.status?.readyReplicas ?? 0) === replicas && (rs.status?.availableReplicas ?? 0) !== replicas) {
      this.queue.addAfter(key, nextAvailability(pods, minReady, now) - now);
    }
    if (error !== undefined) this.queue.addRateLimited(key);
    else this.queue.forget(key);
  }

  /**
   * manageReplicas, as a sequence of writes: it yields before each API request (for a token of the
   * rate limit) and returns the first error, as the sync's error.
   */
  private manageReplicas(rs: ReplicaSet, pods: Pod[], ref: OwnerReference): Writes | undefined {
    const diff = pods.length - (rs.spec.replicas ?? 1);
    if (diff < 0) return this.createPods(rs, Math.min(-diff, BURST_REPLICAS), ref);
    if (diff > 0) return this.deletePods(rs, podsToDelete(pods, this.relatedPods(rs), Math.min(diff, BURST_REPLICAS), this.ctx.now()));
    return undefined;
  }

  /** slowStartBatch: batches of 1, 2, 4 ... creates; a failure ends the sync after its batch. */
  private *createPods(rs: ReplicaSet, count: number, ref: OwnerReference): Writes {
    let remaining = count;
    for (let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH); batch > 0; batch = Math.min(2 * batch, remaining)) {
      let error: string | undefined;
      for (let i = 0; i < batch; i++) {
        yield;
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
      const text = statusErrorText(r.rejection);
      this.ctx.event(REPLICASET_CONTROLLER, involved, 'Warning', 'FailedCreate', `Error creating: ${text}`);
      return text;
    }
    this.ctx.event(REPLICASET_CONTROLLER, involved, 'Normal', 'SuccessfulCreate', `Created pod: ${r.object.metadata!.name}`);
    return undefined;
  }

  private *deletePods(rs: ReplicaSet, victims: Pod[]): Writes {
    const involved = objectRef(rs, 'ReplicaSet', 'apps/v1');
    for (const pod of victims) {
      yield;
      if (this.ctx.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { uid: pod.metadata.uid })) {
        this.ctx.event(REPLICASET_CONTROLLER, involved, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      }
    }
    return undefined;
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
